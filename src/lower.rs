//! Lowering: a checked AST expression becomes an expression in the arena.
//!
//! Names are looked up with the resolver's rules; user functions are
//! inlined through their bodies (late binding: the current definition is
//! used); bound numbers become exact numbers ([`Globals::Inline`]) or named
//! leaves that print by name ([`Globals::Symbolic`]). Nodes carry no spans,
//! so lowering keeps a side table ([`Origins`]) from each node it built to
//! the source it came from, and the call that led there, for diagnostics.

use std::collections::HashMap;
use std::rc::Rc;

use crate::builtins::Builtin;
use crate::diagnostics::Diagnostic;
use crate::env::{Entry, Env, FunctionDef, Value};
use crate::expr::arena::{Arena, Id};
use crate::expr::number::Number;
use crate::resolve::{Meaning, meaning};
use crate::syntax::ast::{Ast, BinaryOp, ExprId, ExprKind};
use crate::syntax::span::Span;

/// How bound numbers enter the expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Globals {
    /// As their exact values: for computing a result.
    Inline,
    /// As named leaves (`α`), read when evaluated: for symbolic work.
    Symbolic,
}

/// Where a node came from: its source span, and the outermost call in the
/// statement that led into the function body holding it.
#[derive(Clone, Copy, Debug)]
pub struct Origin {
    pub span: Span,
    pub call_site: Option<Span>,
}

/// The side table from arena nodes to their origins.
#[derive(Default, Debug)]
pub struct Origins {
    map: HashMap<Id, Origin>,
}

impl Origins {
    pub fn get(&self, id: Id) -> Option<Origin> {
        self.map.get(&id).copied()
    }

    fn record(&mut self, id: Id, origin: Origin) {
        self.map.entry(id).or_insert(origin);
    }

    /// The origin of `id`, or of the smallest recorded node that contains it.
    pub fn nearest(&self, arena: &Arena, id: Id) -> Option<Origin> {
        if let Some(origin) = self.get(id) {
            return Some(origin);
        }
        self.map
            .iter()
            .filter(|(node, _)| arena.reachable(&[**node]).binary_search(&id).is_ok())
            .min_by_key(|(_, origin)| origin.span.end - origin.span.start)
            .map(|(_, origin)| *origin)
    }
}

/// The local names of the expression being lowered and their values.
struct Locals<'a> {
    names: &'a [String],
    values: &'a [Id],
    free_symbols: bool,
}

/// Lowers expressions of one statement into the arena.
pub struct Lowerer<'a> {
    pub arena: &'a mut Arena,
    env: &'a Env,
    globals: Globals,
    pub origins: Origins,
    call_site: Option<Span>,
    inlined: HashMap<(*const FunctionDef, Vec<Id>), Id>,
}

type Lowered = Result<Id, Diagnostic>;

impl<'a> Lowerer<'a> {
    pub fn new(arena: &'a mut Arena, env: &'a Env, globals: Globals) -> Lowerer<'a> {
        Lowerer { arena, env, globals, origins: Origins::default(), call_site: None, inlined: HashMap::new() }
    }

    /// Lowers a top-level expression (no locals).
    pub fn lower(&mut self, ast: &Ast, id: ExprId) -> Lowered {
        self.expr(ast, id, &Locals { names: &[], values: &[], free_symbols: false })
    }

    /// Lowers a function's body with its parameters as variables.
    pub fn lower_body(&mut self, def: &FunctionDef, variables: &[Id]) -> Lowered {
        let locals = Locals { names: def.params(), values: variables, free_symbols: false };
        self.expr(&def.program.ast, def.body, &locals)
    }

    fn expr(&mut self, ast: &Ast, id: ExprId, locals: &Locals) -> Lowered {
        let lowered = stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || self.expr_node(ast, id, locals))?;
        self.origins.record(lowered, Origin { span: ast.span(id), call_site: self.call_site });
        Ok(lowered)
    }

    fn expr_node(&mut self, ast: &Ast, id: ExprId, locals: &Locals) -> Lowered {
        let span = ast.span(id);
        match ast.kind(id) {
            ExprKind::Number(text) => match Number::parse_literal(text) {
                Some(value) => Ok(self.arena.num(value)),
                None => Err(Diagnostic::runtime("this number is too large", span, "beyond ±1.8e308")),
            },
            ExprKind::Name(name) => self.name(name, span, locals),
            ExprKind::Neg(operand) => {
                let operand = self.expr(ast, *operand, locals)?;
                Ok(self.arena.neg(operand))
            }
            ExprKind::Binary(op, lhs, rhs) => {
                let a = self.expr(ast, *lhs, locals)?;
                let b = self.expr(ast, *rhs, locals)?;
                Ok(match op {
                    BinaryOp::Add => self.arena.add([a, b]),
                    BinaryOp::Sub => self.arena.sub(a, b),
                    BinaryOp::Mul => self.arena.mul([a, b]),
                    BinaryOp::Div => {
                        // The reciprocal is labelled with the divisor, so division by zero points there.
                        let minus_one = self.arena.int(-1);
                        let reciprocal = self.arena.pow(b, minus_one);
                        self.origins.record(reciprocal, Origin { span: ast.span(*rhs), call_site: self.call_site });
                        self.arena.mul([a, reciprocal])
                    }
                    BinaryOp::Pow => self.arena.pow(a, b),
                })
            }
            ExprKind::Call(callee, args) => self.call(ast, id, *callee, args, locals),
            ExprKind::Str(_) => Err(not_yet("strings outside `load(…)`", span)),
            ExprKind::Field(..) => Err(not_yet("fields (`data.x`, `r.J`)", span)),
            ExprKind::Vector(_) => Err(not_yet("vectors", span)),
            ExprKind::Tuple(_) => Err(not_yet("tuples", span)),
            ExprKind::Prime(_) | ExprKind::Partial(..) | ExprKind::Gradient(_) => Err(not_yet("derivatives", span)),
        }
    }

    fn name(&mut self, name: &str, span: Span, locals: &Locals) -> Lowered {
        match meaning(name, locals.names, |n| self.env.get(n).cloned(), locals.free_symbols) {
            Meaning::Local(index) => Ok(locals.values[index]),
            Meaning::Entry(Entry::Value(Value::Number(value))) => Ok(match self.globals {
                Globals::Inline => self.arena.num(value),
                Globals::Symbolic => {
                    let symbol = self.arena.symbol(name);
                    self.arena.global(symbol)
                }
            }),
            Meaning::Builtin(Builtin::Constant(constant)) => Ok(self.arena.constant(constant)),
            Meaning::Symbol => {
                let symbol = self.arena.symbol(name);
                Ok(self.arena.var(symbol))
            }
            Meaning::Entry(Entry::Function(_) | Entry::Value(Value::Function(_))) | Meaning::Builtin(_) => {
                Err(Diagnostic::runtime(format!("`{name}` is a function, not a number"), span, "used as a number"))
            }
            Meaning::Unknown => Err(Diagnostic::runtime(format!("`{name}` is not defined"), span, "unknown name")
                .with_help("it may have been defined when this function was written, and since replaced")),
        }
    }

    fn call(&mut self, ast: &Ast, id: ExprId, callee: ExprId, args: &[ExprId], locals: &Locals) -> Lowered {
        let span = ast.span(id);
        let ExprKind::Name(name) = ast.kind(callee) else {
            return Err(not_yet("calling a derivative", span));
        };
        match meaning(name, locals.names, |n| self.env.get(n).cloned(), false) {
            Meaning::Builtin(Builtin::Math(func)) => {
                let arg = self.expr(ast, args[0], locals)?;
                Ok(self.arena.apply(func, arg))
            }
            Meaning::Builtin(Builtin::Sqrt) => {
                let arg = self.expr(ast, args[0], locals)?;
                let half = self.arena.num(Number::ratio(1, 2).unwrap_or(Number::ONE));
                Ok(self.arena.pow(arg, half))
            }
            Meaning::Builtin(Builtin::Diff | Builtin::Grad | Builtin::Simplify) => Err(not_yet("derivatives", span)),
            Meaning::Builtin(_) => Err(not_yet("vectors and data", span)),
            Meaning::Entry(Entry::Function(def)) => {
                let mut values = Vec::with_capacity(args.len());
                for &arg in args {
                    values.push(self.expr(ast, arg, locals)?);
                }
                self.inline(&def, values, span)
            }
            _ => Err(Diagnostic::runtime(format!("`{name}` is not a function"), ast.span(callee), "called here")),
        }
    }

    /// The body of `def` with `args` for its parameters.
    fn inline(&mut self, def: &Rc<FunctionDef>, args: Vec<Id>, call: Span) -> Lowered {
        if args.len() != def.params().len() {
            let given = if args.len() == 1 { "1 value".to_string() } else { format!("{} values", args.len()) };
            let mut diagnostic = Diagnostic::runtime(
                format!("`{}` now has parameters {}", def.name, def.params().join(", ")),
                call,
                format!("this call gives {given}"),
            )
            .with_help(format!("`{}` was redefined after this call was written; update the call", def.name));
            if let Some(outer) = self.call_site {
                diagnostic = diagnostic.with_label(outer, "in this call");
            }
            return Err(diagnostic);
        }
        let key = (Rc::as_ptr(def), args);
        if let Some(&done) = self.inlined.get(&key) {
            return Ok(done);
        }
        let outer = self.call_site;
        self.call_site = outer.or(Some(call));
        let result = self.lower_body(def, &key.1);
        self.call_site = outer;
        let result = result?;
        self.inlined.insert(key, result);
        Ok(result)
    }
}

fn not_yet(feature: &str, span: Span) -> Diagnostic {
    Diagnostic::runtime(format!("{feature} are not available yet"), span, "not supported by this version of gd")
        .with_note("this part of the language parses, but its engine is still being built")
}

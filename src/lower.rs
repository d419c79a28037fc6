//! Lowering: a checked AST expression becomes an expression in the arena.
//!
//! Names are looked up with the resolver's rules; user functions are
//! inlined through their bodies (late binding: the current definition is
//! used); bound numbers become exact numbers ([`Globals::Inline`]) or named
//! leaves that print by name ([`Globals::Symbolic`]). Function-valued
//! expressions — `J`, `∂J/∂b`, `f'`, `∇J`, `diff(J, b)` — lower to a
//! [`Callable`]: parameters as variables and a body (derivatives taken and
//! simplified here). Nodes carry no spans, so lowering keeps a side table
//! ([`Origins`]) from each node it built to the source it came from, and the
//! call that led there, for diagnostics. Arithmetic is built by the smart
//! constructors (simplified as it is built), or, for a computation graph,
//! as written ([`Lowerer::as_written`], see `expr::written`).

mod callable;
mod combine;

use std::collections::HashMap;
use std::rc::Rc;

use crate::builtins::{Builtin, Func, Reduction};
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::env::{BoundValue, Env, EnvEntry, FunctionDef, FunctionValue, GradientValue};
use crate::expr::arena::{Arena, Id, Node};
use crate::expr::number::Number;
use crate::msg;
use crate::resolve::{Meaning, meaning};
use crate::source::Span;
use crate::syntax::ast::{Ast, BinaryOp, ExprId, ExprKind, Ident};
use crate::syntax::notation::column_text;

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

/// A function-valued expression, lowered.
#[derive(Clone, Debug)]
pub enum Callable {
    Function(FunctionValue),
    Gradient(GradientValue),
}

/// The local names of the expression being lowered and their values.
#[derive(Clone, Default)]
pub struct Locals {
    pub names: Vec<String>,
    pub values: Vec<Id>,
    /// Unbound names become variables (inside `diff(expr, x)`, `simplify`, a `check`).
    pub free_symbols: bool,
}

/// Lowers expressions of one statement into the arena.
pub struct Lowerer<'a> {
    pub arena: &'a mut Arena,
    env: &'a Env,
    globals: Globals,
    pub origins: Origins,
    call_site: Option<Span>,
    inlined: HashMap<(*const FunctionDef, Vec<Id>), Id>,
    /// Build arithmetic as written instead of simplified.
    written: bool,
}

type Lowered = Result<Id, Diagnostic>;

impl<'a> Lowerer<'a> {
    pub fn new(arena: &'a mut Arena, env: &'a Env, globals: Globals) -> Lowerer<'a> {
        Lowerer {
            arena,
            env,
            globals,
            origins: Origins::default(),
            call_site: None,
            inlined: HashMap::new(),
            written: false,
        }
    }

    /// A lowerer that builds arithmetic as written (`x*x` stays `x*x`): for
    /// computation graphs. Derivatives it takes are still simplified.
    pub fn as_written(arena: &'a mut Arena, env: &'a Env, globals: Globals) -> Lowerer<'a> {
        Lowerer { written: true, ..Lowerer::new(arena, env, globals) }
    }

    /// Lowers a top-level expression (no locals).
    pub fn lower(&mut self, ast: &Ast, id: ExprId) -> Lowered {
        self.expr(ast, id, &Locals::default())
    }

    /// Lowers an expression with the given locals.
    pub fn lower_with(&mut self, ast: &Ast, id: ExprId, locals: &Locals) -> Lowered {
        self.expr(ast, id, locals)
    }

    /// The variables standing for `params`.
    pub fn variables(&mut self, params: &[String]) -> Vec<Id> {
        params
            .iter()
            .map(|p| {
                let symbol = self.arena.symbol(p);
                self.arena.var(symbol)
            })
            .collect()
    }

    /// `f(args)` for a function value: its body with the arguments in place
    /// of its parameters (and, when computing, bound numbers in place of names).
    pub fn apply_function(&mut self, function: &FunctionValue, args: &[Id]) -> Id {
        self.apply_body(&function.variables, function.body, args)
    }

    /// `body` with `args` in place of `variables` (and, when computing,
    /// bound numbers in place of their names).
    pub fn apply_body(&mut self, variables: &[Id], body: Id, args: &[Id]) -> Id {
        let mut replacements: HashMap<Id, Id> = variables.iter().copied().zip(args.iter().copied()).collect();
        if self.globals == Globals::Inline {
            self.number_values(body, &mut replacements);
        }
        self.arena.substitute(body, &replacements)
    }

    /// `id` with bound numbers in place of their names (folded again); each
    /// node made keeps the origin of the node it replaces, so that an error
    /// in it points where that was written.
    pub fn with_numbers_inline(&mut self, id: Id) -> Id {
        let mut replacements = HashMap::new();
        self.number_values(id, &mut replacements);
        let made = self.arena.substituted_nodes(id, &replacements);
        for (old, new) in &made {
            if let Some(origin) = self.origins.get(*old) {
                self.origins.record(*new, origin);
            }
        }
        made.get(&id).copied().unwrap_or(id)
    }

    /// Adds each bound number named in `id` to `replacements`, by its value.
    fn number_values(&mut self, id: Id, replacements: &mut HashMap<Id, Id>) {
        for leaf in self.arena.leaves(id, |node| matches!(node, Node::Global(_))) {
            if let Node::Global(symbol) = *self.arena.node(leaf)
                && let Some(BoundValue::Number(value)) = self.env.value(self.arena.name(symbol))
            {
                let value = *value;
                replacements.insert(leaf, self.arena.num(value));
            }
        }
    }

    /// Lowers a function's body with its parameters as variables.
    fn lower_body(&mut self, def: &FunctionDef, variables: &[Id]) -> Lowered {
        let locals = Locals { names: def.params().to_vec(), values: variables.to_vec(), free_symbols: false };
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
                None => Err(Diagnostic::runtime(
                    DiagnosticCode::NumberTooLarge,
                    msg!("number-too-large"),
                    span,
                    msg!("number-too-large.label"),
                )),
            },
            ExprKind::Name(name) => self.name(name, span, locals),
            ExprKind::Neg(operand) => {
                let operand = self.expr(ast, *operand, locals)?;
                let negated = if self.written { self.arena.written_neg(operand) } else { self.arena.neg(operand) };
                Ok(self.arena.in_rows_of(negated, operand))
            }
            ExprKind::Binary(BinaryOp::Add | BinaryOp::Sub, ..) if !self.written => self.sum_chain(ast, id, locals),
            ExprKind::Binary(op, lhs, rhs) => {
                let a = self.expr(ast, *lhs, locals)?;
                let b = self.expr(ast, *rhs, locals)?;
                self.same_rows(a, b, ast.span(*lhs), ast.span(*rhs))?;
                let vector = if self.arena.rows(a).is_some() { a } else { b };
                let result = match op {
                    BinaryOp::Div => {
                        // The reciprocal is labelled with the divisor, so division by zero points there.
                        let minus_one = self.arena.minus_one();
                        let reciprocal = self.binary(BinaryOp::Pow, b, minus_one);
                        self.origins.record(reciprocal, Origin { span: ast.span(*rhs), call_site: self.call_site });
                        self.binary(BinaryOp::Mul, a, reciprocal)
                    }
                    _ => self.binary(*op, a, b),
                };
                Ok(self.arena.in_rows_of(result, vector))
            }
            ExprKind::Call(callee, args) => self.call(ast, id, *callee, args, locals),
            ExprKind::Str(_) => Err(Diagnostic::runtime(
                DiagnosticCode::NotANumber,
                msg!("string-not-number"),
                span,
                msg!("string-not-number.label"),
            )
            .with_help(msg!("string-not-number.help"))),
            ExprKind::Field(target, field) => self.field(ast, *target, field),
            ExprKind::Vector(items) => self.vector_literal(ast, items, span, locals),
            ExprKind::Tuple(_) | ExprKind::Prime(_) | ExprKind::Partial(..) | ExprKind::Gradient(_) => {
                self.at_locals(ast, id, locals).unwrap_or_else(|| {
                    Err(Diagnostic::runtime(
                        DiagnosticCode::NotANumber,
                        msg!("value-not-number"),
                        span,
                        msg!("value-not-number.label"),
                    )
                    .with_help(msg!("value-not-number.help")))
                })
            }
        }
    }

    /// A chain `a + b - c + …` lowered as one sum: building it a term at a
    /// time would store every partial sum, n²/2 terms for n. Walks the
    /// left spine without recursion; lengths are checked as each `+` would.
    fn sum_chain(&mut self, ast: &Ast, id: ExprId, locals: &Locals) -> Lowered {
        let mut operands = Vec::new(); // (subtracted, operand, what it is added to)
        let mut left = id;
        while let ExprKind::Binary(op @ (BinaryOp::Add | BinaryOp::Sub), lhs, rhs) = ast.kind(left) {
            operands.push((*op == BinaryOp::Sub, *rhs, Some(*lhs)));
            left = *lhs;
        }
        operands.push((false, left, None));
        let mut terms = Vec::with_capacity(operands.len());
        let mut vector: Option<Id> = None;
        for (subtracted, operand, before) in operands.into_iter().rev() {
            let term = self.expr(ast, operand, locals)?;
            if let (Some(v), Some(before)) = (vector, before) {
                self.same_rows(v, term, ast.span(before), ast.span(operand))?;
            }
            vector = vector.or(self.arena.rows(term).map(|_| term));
            terms.push(if subtracted { self.arena.neg(term) } else { term });
        }
        let sum = self.arena.add(terms);
        Ok(match vector {
            Some(vector) => self.arena.in_rows_of(sum, vector),
            None => sum,
        })
    }

    /// A derivative used as a number where all its parameters are locals
    /// (the right side of `check ∂f/∂x = 2*∂f/∂y*y/x`): its value there.
    fn at_locals(&mut self, ast: &Ast, id: ExprId, locals: &Locals) -> Option<Lowered> {
        if !matches!(ast.kind(id), ExprKind::Prime(_) | ExprKind::Partial(..)) {
            return None;
        }
        let function = match self.callable(ast, id)? {
            Ok(Callable::Function(function)) => function,
            Ok(Callable::Gradient(_)) => return None,
            Err(error) => return Some(Err(error)),
        };
        let args: Option<Vec<Id>> = function
            .params
            .iter()
            .map(|p| locals.names.iter().rposition(|n| n == p).map(|i| locals.values[i]))
            .collect();
        Some(Ok(self.apply_function(&function, &args?)))
    }

    /// `a op b` for `+ - * ^`, simplified or as written.
    fn binary(&mut self, op: BinaryOp, a: Id, b: Id) -> Id {
        let arena = &mut *self.arena;
        match (op, self.written) {
            (BinaryOp::Add, false) => arena.add([a, b]),
            (BinaryOp::Add, true) => arena.written_add(a, b),
            (BinaryOp::Sub, false) => arena.sub(a, b),
            (BinaryOp::Sub, true) => arena.written_sub(a, b),
            (BinaryOp::Mul | BinaryOp::Div, false) => arena.mul([a, b]),
            (BinaryOp::Mul | BinaryOp::Div, true) => arena.written_mul(a, b),
            (BinaryOp::Pow, false) => arena.pow(a, b),
            (BinaryOp::Pow, true) => arena.written_pow(a, b),
        }
    }

    fn apply(&mut self, func: crate::builtins::Func, arg: Id) -> Id {
        if self.written { self.arena.written_apply(func, arg) } else { self.arena.apply(func, arg) }
    }

    fn reduce(&mut self, reduction: Reduction, arg: Id, rows: usize) -> Id {
        if self.written {
            self.arena.written_reduce(reduction, arg, rows)
        } else {
            self.arena.reduce(reduction, arg, rows)
        }
    }

    /// `data.price` (a column, as a vector) or `r.θ1` (a field of a minimize result).
    fn field(&mut self, ast: &Ast, target: ExprId, field: &Ident) -> Lowered {
        let ExprKind::Name(name) = ast.kind(target) else {
            return Err(Diagnostic::runtime(
                DiagnosticCode::NoField,
                msg!("fields-need-name"),
                ast.span(target),
                msg!("fields-need-name.label"),
            )
            .with_help(msg!("fields-need-name.help")));
        };
        let record = match self.env.value(name) {
            Some(BoundValue::Record(record)) => record.clone(),
            Some(BoundValue::Table(table)) => {
                let written: Vec<String> = table.names().map(column_text).collect();
                let Some(column) = table.column(&field.name) else {
                    let mut diagnostic = Diagnostic::runtime(
                        DiagnosticCode::NoField,
                        msg!("no-column", name = name, column = field.name),
                        field.span,
                        msg!("no-column.label", written = written),
                    );
                    let best = crate::suggest::closest(&field.name, table.names())
                        .or_else(|| table.names().find(|n| n.to_lowercase().starts_with(&field.name.to_lowercase())));
                    if let Some(best) = best {
                        diagnostic =
                            diagnostic.with_help(msg!("no-column.help", name = name, column = column_text(best)));
                    }
                    return Err(diagnostic);
                };
                let shown = format!("{name}.{}", column_text(&field.name));
                return Ok(self.arena.data(&shown, column.clone()));
            }
            _ => {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::NoField,
                    msg!("no-fields-named", name = name),
                    ast.span(target),
                    msg!("field-of-non-record.label"),
                ));
            }
        };
        let value = record.get(&field.name).ok_or_else(|| {
            Diagnostic::runtime(
                DiagnosticCode::NoField,
                msg!("no-field", name = field.name),
                field.span,
                msg!("no-field.label"),
            )
        })?;
        let number = if value.fract() == 0.0 && value.abs() < 9e15 {
            Number::int(value as i128)
        } else {
            Number::float(value).unwrap_or(Number::ZERO)
        };
        Ok(self.arena.num(number))
    }

    /// `[1, 2, 3]`: numbers only, made into a data vector now.
    fn vector_literal(&mut self, ast: &Ast, items: &[ExprId], span: Span, locals: &Locals) -> Lowered {
        let mut values = Vec::with_capacity(items.len());
        for &item in items {
            let id = self.expr(ast, item, locals)?;
            let value = match self.arena.constancy(id) {
                crate::expr::arena::Constancy::Value(v) => v,
                _ => {
                    return Err(Diagnostic::runtime(
                        DiagnosticCode::VectorElement,
                        msg!("vector-element"),
                        ast.span(item),
                        msg!("vector-element.label"),
                    )
                    .with_help(msg!("vector-element.help")));
                }
            };
            values.push(value);
        }
        if values.is_empty() {
            return Err(Diagnostic::runtime(
                DiagnosticCode::EmptyVector,
                msg!("empty-vector"),
                span,
                msg!("empty-vector.label"),
            ));
        }
        let values = ndarray::Array1::from(values);
        let shown = crate::data::table::vector_literal_text(&values);
        Ok(self.arena.data(&shown, std::sync::Arc::new(values)))
    }

    /// Vectors combined row by row must have as many rows.
    fn same_rows(&self, a: Id, b: Id, a_span: Span, b_span: Span) -> Result<(), Diagnostic> {
        match (self.arena.rows(a), self.arena.rows(b)) {
            (Some(m), Some(n)) if m != n => Err(Diagnostic::runtime(
                DiagnosticCode::VectorLengths,
                msg!("vector-lengths", m = m, n = n),
                a_span,
                msg!("vector-lengths-rows.label", m = m),
            )
            .with_label(b_span, msg!("vector-lengths-rows.label2", n = n))
            .with_help(msg!("vector-lengths-rows.help"))),
            _ => Ok(()),
        }
    }

    fn name(&mut self, name: &str, span: Span, locals: &Locals) -> Lowered {
        match meaning(name, &locals.names, |n| self.env.get(n).cloned(), locals.free_symbols) {
            Meaning::Local(index) => Ok(locals.values[index]),
            Meaning::Entry(EnvEntry::Value(BoundValue::Vector(values))) => Ok(self.arena.data(name, values)),
            Meaning::Entry(EnvEntry::Value(BoundValue::Table(_))) => Err(Diagnostic::runtime(
                DiagnosticCode::NotANumber,
                msg!("table-as-number", name = name),
                span,
                msg!("table-as-number.label"),
            )
            .with_help(msg!("table-as-number.help", name = name))),
            Meaning::Entry(EnvEntry::Value(BoundValue::Number(value))) => Ok(match self.globals {
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
            Meaning::Entry(EnvEntry::Value(BoundValue::Record(record))) => {
                let fields: Vec<String> = record.fields.iter().map(|(f, _)| format!("{name}.{f}")).collect();
                Err(Diagnostic::runtime(
                    DiagnosticCode::NotANumber,
                    msg!("record-as-number", name = name),
                    span,
                    msg!("record-as-number.label"),
                )
                .with_help(msg!("record-as-number.help", fields = fields)))
            }
            Meaning::Entry(_) | Meaning::Builtin(_) => Err(Diagnostic::runtime(
                DiagnosticCode::NotANumber,
                msg!("function-as-number", name = name),
                span,
                msg!("function-as-number.label"),
            )),
            Meaning::Unknown => Err(Diagnostic::runtime(
                DiagnosticCode::UnknownName,
                msg!("unknown-name", name = name),
                span,
                msg!("unknown-name.label"),
            )
            .with_help(msg!("replaced-name.help"))),
        }
    }

    fn call(&mut self, ast: &Ast, id: ExprId, callee: ExprId, args: &[ExprId], locals: &Locals) -> Lowered {
        let span = ast.span(id);
        if let ExprKind::Name(name) = ast.kind(callee) {
            let found = meaning(name, &locals.names, |n| self.env.get(n).cloned(), false);
            match found {
                Meaning::Builtin(builtin) => return self.builtin_call(ast, span, builtin, args, locals),
                Meaning::Entry(EnvEntry::Function(def)) => {
                    let values = self.arguments(ast, args, locals)?;
                    return self.inline(&def, values, span);
                }
                _ => {}
            }
        }
        match self.callable(ast, callee) {
            Some(Ok(Callable::Function(function))) => {
                if function.params.len() != args.len() {
                    return Err(Diagnostic::runtime(
                        DiagnosticCode::ArgumentCount,
                        msg!("argument-count.takes", count = function.params.len()),
                        span,
                        msg!("argument-count.label", params = function.params),
                    ));
                }
                let values = self.arguments(ast, args, locals)?;
                Ok(self.apply_function(&function, &values))
            }
            Some(Ok(Callable::Gradient(_))) => Err(Diagnostic::runtime(
                DiagnosticCode::NotANumber,
                msg!("gradient-as-number"),
                span,
                msg!("gradient-as-number.label"),
            )
            .with_help(msg!("gradient-as-number.help"))),
            Some(Err(error)) => Err(error),
            None => Err(not_a_function(ast.span(callee))),
        }
    }

    fn arguments(&mut self, ast: &Ast, args: &[ExprId], locals: &Locals) -> Result<Vec<Id>, Diagnostic> {
        args.iter().map(|&arg| self.expr(ast, arg, locals)).collect()
    }

    fn builtin_call(&mut self, ast: &Ast, span: Span, builtin: Builtin, args: &[ExprId], locals: &Locals) -> Lowered {
        match builtin {
            Builtin::Math(func) => {
                let arg = self.expr(ast, args[0], locals)?;
                Ok(self.apply(func, arg))
            }
            Builtin::Sqrt => {
                let arg = self.expr(ast, args[0], locals)?;
                let half = self.arena.num(Number::ratio(1, 2).unwrap_or(Number::ONE));
                Ok(self.binary(BinaryOp::Pow, arg, half))
            }
            Builtin::Diff => {
                let mut variables = Vec::new();
                for &arg in &args[1..] {
                    variables.push(ident(ast, arg).ok_or_else(|| not_a_function(ast.span(arg)))?);
                }
                let mut inner = locals.clone();
                inner.free_symbols = true;
                // A variable that is also a parameter (`g(x) = diff(f(x), x)`) is differentiated
                // as a variable of its own, then given the parameter's value: g(2) is f'(2).
                let mut bound: HashMap<Id, Id> = HashMap::new();
                let mut wrt = Vec::new();
                for variable in &variables {
                    let outer = locals.names.iter().rposition(|n| *n == variable.name).map(|i| locals.values[i]);
                    let spelling = match outer {
                        Some(_) => format!("{} #{}", variable.name, locals.names.len()),
                        None => variable.name.clone(),
                    };
                    let symbol = self.arena.symbol(&spelling);
                    let var = self.arena.var(symbol);
                    if let Some(value) = outer {
                        bound.insert(var, value);
                    }
                    inner.names.push(variable.name.clone());
                    inner.values.push(var);
                    wrt.push(var);
                }
                let mut body = self.expr(ast, args[0], &inner)?;
                for var in wrt {
                    body = self.arena.derivative(body, var);
                }
                let body = self.arena.substitute(body, &bound);
                Ok(self.arena.simplify(body))
            }
            Builtin::Simplify => {
                let inner = Locals { free_symbols: true, ..locals.clone() };
                let body = self.expr(ast, args[0], &inner)?;
                Ok(self.arena.simplify(body))
            }
            Builtin::Grad => Err(Diagnostic::runtime(
                DiagnosticCode::NotANumber,
                msg!("gradient-as-number"),
                span,
                msg!("load-as-number.label"),
            )),
            Builtin::Constant(_) => Err(not_a_function(span)),
            Builtin::Sum | Builtin::Mean => {
                let arg = self.expr(ast, args[0], locals)?;
                let rows = self.arena.rows(arg).unwrap_or(1);
                let reduction = if builtin == Builtin::Sum { Reduction::Sum } else { Reduction::Mean };
                Ok(self.reduce(reduction, arg, rows))
            }
            Builtin::Max | Builtin::Min => {
                let a = self.expr(ast, args[0], locals)?;
                let b = self.expr(ast, args[1], locals)?;
                self.same_rows(a, b, ast.span(args[0]), ast.span(args[1]))?;
                let vector = if self.arena.rows(a).is_some() { a } else { b };
                let gap = self.binary(BinaryOp::Sub, a, b);
                let excess = self.apply(Func::Relu, gap);
                let result = match builtin {
                    Builtin::Max => self.binary(BinaryOp::Add, b, excess),
                    _ => self.binary(BinaryOp::Sub, a, excess),
                };
                Ok(self.arena.in_rows_of(result, vector))
            }
            Builtin::Var | Builtin::Std => {
                let arg = self.expr(ast, args[0], locals)?;
                let rows = self.arena.rows(arg).unwrap_or(1);
                let mean = self.reduce(Reduction::Mean, arg, rows);
                let deviation = self.binary(BinaryOp::Sub, arg, mean);
                let deviation = self.arena.in_rows_of(deviation, arg);
                let two = self.arena.int(2);
                let square = self.binary(BinaryOp::Pow, deviation, two);
                let square = self.arena.in_rows_of(square, arg);
                let variance = self.reduce(Reduction::Mean, square, rows);
                if builtin == Builtin::Var {
                    return Ok(variance);
                }
                let half = self.arena.num(Number::ratio(1, 2).unwrap_or(Number::ONE));
                Ok(self.binary(BinaryOp::Pow, variance, half))
            }
            Builtin::Len => {
                let arg = self.expr(ast, args[0], locals)?;
                Ok(self.arena.int(self.arena.rows(arg).unwrap_or(1) as i128))
            }
            Builtin::Dot => {
                let a = self.expr(ast, args[0], locals)?;
                let b = self.expr(ast, args[1], locals)?;
                self.same_rows(a, b, ast.span(args[0]), ast.span(args[1]))?;
                let rows = self.arena.rows(a).or(self.arena.rows(b)).unwrap_or(1);
                let product = self.binary(BinaryOp::Mul, a, b);
                Ok(self.reduce(Reduction::Sum, product, rows))
            }
            Builtin::Load => Err(Diagnostic::runtime(
                DiagnosticCode::NotANumber,
                msg!("load-as-number"),
                span,
                msg!("table-as-number.label"),
            )
            .with_help(msg!("not-a-number.help"))),
        }
    }

    /// The body of `def` with `args` for its parameters.
    fn inline(&mut self, def: &Rc<FunctionDef>, args: Vec<Id>, call: Span) -> Lowered {
        if args.len() != def.params().len() {
            let mut diagnostic = Diagnostic::runtime(
                DiagnosticCode::ParametersChanged,
                msg!("parameters-changed", name = def.name, params = def.params()),
                call,
                msg!("parameters-changed.label", given = args.len()),
            )
            .with_help(msg!("parameters-changed.help", name = def.name));
            if let Some(outer) = self.call_site {
                diagnostic = diagnostic.with_label(outer, msg!("parameters-changed.label2"));
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

fn ident(ast: &Ast, id: ExprId) -> Option<Ident> {
    match ast.kind(id) {
        ExprKind::Name(name) => Some(Ident { name: name.clone(), span: ast.span(id) }),
        _ => None,
    }
}

fn not_a_function(span: Span) -> Diagnostic {
    Diagnostic::runtime(DiagnosticCode::NotAFunction, msg!("call-of-non-function"), span, msg!("not-callable.label"))
}

/// True for names that can be written bare after a dot (`data.x`).
/// Reads `text` as one expression in which every unbound name is a free
/// symbol (as inside `simplify(…)`), and lowers it: for tests and tools
/// that need an expression without a session.
pub fn expression_from_text(arena: &mut Arena, env: &Env, text: &str) -> Result<Id, Vec<Diagnostic>> {
    from_text(Lowerer::new(arena, env, Globals::Symbolic), text)
}

/// [`expression_from_text`], with arithmetic as written (for graphs).
pub fn expression_as_written(arena: &mut Arena, env: &Env, text: &str) -> Result<Id, Vec<Diagnostic>> {
    from_text(Lowerer::as_written(arena, env, Globals::Symbolic), text)
}

fn from_text(mut lowerer: Lowerer, text: &str) -> Result<Id, Vec<Diagnostic>> {
    use crate::syntax::ast::StmtKind;
    let program = crate::syntax::parser::parse(text, crate::source::SourceId(0))?;
    let [statement] = program.statements.as_slice() else {
        return Err(vec![Diagnostic::usage(DiagnosticCode::ExpressionExpected, msg!("expression-expected"))]);
    };
    let StmtKind::Expr { expr, .. } = statement.kind else {
        return Err(vec![Diagnostic::usage(DiagnosticCode::ExpressionExpected, msg!("expression-expected-here"))]);
    };
    let locals = Locals { free_symbols: true, ..Locals::default() };
    lowerer.lower_with(&program.ast, expr, &locals).map_err(|e| vec![e])
}

#[cfg(test)]
mod tests {
    use crate::session::{Captured, Input, Session, Settings};

    fn run(code: &str) -> Captured {
        let mut session = Session::new(Settings::default());
        let mut out = Captured::default();
        session.run(vec![Input { name: "-e".into(), text: code.into(), dir: ".".into() }], &mut out);
        out
    }

    /// A session after `lines`, each run as its own input.
    fn session_after(lines: &[&str]) -> (Session, Captured) {
        let mut session = Session::new(Settings::default());
        let mut out = Captured::default();
        for line in lines {
            session.run(vec![Input { name: "-e".into(), text: (*line).into(), dir: ".".into() }], &mut out);
        }
        (session, out)
    }

    #[test]
    fn a_derivatives_value_never_waits_for_its_printed_form() {
        let definition = "P(b, h) = (10*h + 3*(b + h)^6 + sign(b) + sign(h) + sign(b*h) + sign(b/h))^2";
        let claim =
            "check ∂P/∂h = 2*(10*h + 3*(b + h)^6 + sign(b) + sign(h) + sign(b*h) + sign(b/h))*(10 + 18*(b + h)^5)";
        for value in ["∇P(2^-1, 1/3)", "(∂²P/∂b∂h)(0.5, 2)", "(∂⁵P/∂h⁵)(1, 1)", claim] {
            let (session, out) = session_after(&[definition, value]);
            assert!(!out.out.is_empty() && out.err.is_empty(), "{value}: {}", out.err);
            assert!(session.arena.simplified.is_empty(), "{value} simplified {:?}", session.arena.simplified);
        }
        // Shown, a derivative is simplified once, and the form is kept.
        let (session, out) = session_after(&[definition, "∂²P/∂b∂h", "∂²P/∂b∂h"]);
        let lines: Vec<&str> = out.out.lines().collect();
        assert_eq!(lines.len(), 2, "{}", out.out);
        assert_eq!(lines[0], lines[1]);
        assert_eq!(session.arena.simplified.len(), 1);
    }

    #[test]
    fn cancelling_keeps_a_vectors_rows() {
        let out = run("xs = [1, 2, 3]\nsum(0*xs + 1)\nsum(xs - xs + 2)\nlen(xs/xs)\nsum(xs^0)\nxs - xs\n-(0*xs)\n\
                       ys = 0*xs; len(ys)\nf(c) = sum(c*xs + 1); f(0)\nK(m) = sum(m + 0*xs); K(1); K'");
        assert_eq!(out.err, "");
        assert_eq!(out.out, "3\n6\n3\n3\n[0, 0, 0]\n[0, 0, 0]\n3\n3\n3\nK'(m) = 3\n");
    }

    #[test]
    fn a_printed_function_with_a_vector_reads_back_the_same() {
        let printed = run("f(x) = sum(x*[0.1, 1/3, 2/7]); f").out;
        assert_eq!(printed, "f(x) = sum([0.1, 0.3333333333333333, 0.2857142857142857]*x)\n");
        let again = run(&format!("{}g(x) = sum(x*[0.1, 1/3, 2/7]); f(3) - g(3)", printed));
        assert_eq!(again.out, "0\n", "{}", again.err);
    }

    #[test]
    fn a_cancelled_vector_still_has_its_length_checked() {
        let out = run("[1, 2, 3] - [1, 2]*0");
        assert!(out.err.contains("vectors of different lengths: 3 and 2"), "{}", out.err);
    }
}

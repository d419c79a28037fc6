//! Name resolution and static checks, before anything runs.
//!
//! A [`Checker`] walks statements in order over the session's environment
//! plus what earlier statements of the same program will define, so a whole
//! script is checked before its first line runs. It reports unknown names
//! (with "did you mean"), wrong argument counts ("J has parameters a, b, c"),
//! recursion, duplicate parameters, misuse of functions as numbers, bad
//! derivative variables, and unknown directive settings. It hands on each
//! statement's [`StatementShape`]: what a value gives, a definition's
//! [`Signature`], what a claim's left side is. The name-lookup order itself ([`meaning`])
//! is shared with lowering, so both agree on what a name means.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

mod calls;
mod directives;
mod unknown;

use crate::builtins::{self, Builtin};
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::env::{Env, EnvEntry, Kind, Signature};
use crate::expr::number::Number;
use crate::message::Message;
use crate::msg;
use crate::names::{EXPRESSION_FORMATS, GRAPH_FORMATS};
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{Ast, BinaryOp, ExprId, ExprKind, Ident, Stmt, StmtKind};
use crate::syntax::parser::Program;

/// What a name means at one place in the source.
pub enum Meaning<E> {
    /// The i-th local: a parameter, or a variable of `diff(expr, x)`.
    Local(usize),
    /// A definition or binding in the environment.
    Entry(E),
    Builtin(Builtin),
    /// An unbound name inside `diff(expr, x)` or `simplify(expr)`.
    Symbol,
    Unknown,
}

/// Looks a name up: locals first, then the environment, then builtins.
pub fn meaning<E>(
    name: &str,
    locals: &[String],
    entry: impl FnOnce(&str) -> Option<E>,
    free_symbols: bool,
) -> Meaning<E> {
    if let Some(index) = locals.iter().rposition(|local| local == name) {
        return Meaning::Local(index);
    }
    if let Some(found) = entry(name) {
        return Meaning::Entry(found);
    }
    if let Some(builtin) = builtins::lookup(name) {
        return Meaning::Builtin(builtin);
    }
    if free_symbols { Meaning::Symbol } else { Meaning::Unknown }
}

/// What a checked statement is, learned while checking it and handed on, so
/// that execution matches on it and never finds out by trying to lower.
#[derive(Clone, Debug)]
pub enum StatementShape {
    /// An expression to show, or a value to bind: what it gives, and whether
    /// free symbols appear in it (inside `diff(expr, x)` or `simplify`), so
    /// that it may be a symbolic expression rather than a value.
    Value { kind: Kind, symbolic: bool },
    /// A function definition, with its signature.
    Definition(Rc<Signature>),
    /// `check lhs = rhs`, with what its left side is.
    Check { left: Kind },
    /// Another directive (`graph`, `minimize`), or an invalid statement.
    Directive,
}

/// What the checker knows of a name: a function's signature or a value's kind.
#[derive(Clone, Debug)]
enum Known {
    Function(Rc<Signature>),
    Value(Kind),
}

/// The names in force at one point of an expression.
#[derive(Default)]
struct Scope {
    locals: Vec<String>,
    free_symbols: bool,
    /// Free symbols met so far (a `check` may use them on its right side).
    symbols: Vec<String>,
    /// User functions called so far (for the recursion check).
    calls: Vec<String>,
    /// The function being defined, if any (for help on unknown names).
    defining: Option<(String, Vec<String>)>,
    /// In the right side of a check about a function: its parameters.
    claim_params: Option<Vec<String>>,
}

impl Scope {
    fn with_locals(locals: Vec<String>) -> Scope {
        Scope { locals, ..Scope::default() }
    }
}

/// What [`Checker::function_valued`] found.
enum Valued {
    /// A function: its parameters (or why it is not a valid one).
    Function(Checked<Rc<[String]>>),
    /// Checked already, and not a function.
    Value(Kind),
    /// Not checked: an expression to check in its own context.
    Unchecked,
}

/// Checks statements in order, remembering what each defines.
pub struct Checker<'e> {
    env: &'e Env,
    planned: HashMap<String, Known>,
}

type Checked<T> = Result<T, Diagnostic>;

impl<'e> Checker<'e> {
    pub fn new(env: &'e Env) -> Checker<'e> {
        Checker { env, planned: HashMap::new() }
    }

    /// Checks one statement and says what it is (see [`StatementShape`]).
    /// What the statement defines is visible to the statements checked after it.
    pub fn check(&mut self, program: &Program, stmt: &Stmt) -> Checked<StatementShape> {
        let ast = &program.ast;
        match &stmt.kind {
            StmtKind::Expr { expr, format } => {
                let (kind, symbolic) = self.value_shape(ast, *expr)?;
                check_format(format.as_ref(), EXPRESSION_FORMATS)?;
                if matches!(kind, Kind::Str) {
                    return Err(Diagnostic::runtime(
                        DiagnosticCode::StringAlone,
                        msg!("string-alone"),
                        stmt.span,
                        msg!("string-alone.label"),
                    )
                    .with_help(msg!("string-alone.help")));
                }
                Ok(StatementShape::Value { kind, symbolic })
            }
            StmtKind::Define { name, params, body } => {
                self.define(ast, name, params, *body).map(StatementShape::Definition)
            }
            StmtKind::Bind { name, value } => {
                check_bindable_name(name)?;
                self.bound_to_unknowns(ast, name, *value)?;
                let (kind, symbolic) = self.value_shape(ast, *value)?;
                if matches!(kind, Kind::Str | Kind::Tuple(_)) {
                    // Known as what it was given, so a later use is judged as a
                    // use of a tuple or a string, never as a name not defined.
                    self.planned.insert(name.name.clone(), Known::Value(kind.clone()));
                    return Err(Diagnostic::runtime(
                        DiagnosticCode::CannotBind,
                        msg!("cannot-bind", what = kind.describe()),
                        ast.span(*value),
                        msg!("cannot-bind.label"),
                    ));
                }
                self.planned.insert(name.name.clone(), Known::Value(kind.clone()));
                Ok(StatementShape::Value { kind, symbolic })
            }
            StmtKind::BindOptimize { name, optimize } => {
                check_bindable_name(name)?;
                let fields = self.optimize(ast, optimize)?;
                self.planned.insert(name.name.clone(), Known::Value(Kind::Record(fields)));
                Ok(StatementShape::Directive)
            }
            StmtKind::Optimize(optimize) => self.optimize(ast, optimize).map(|_| StatementShape::Directive),
            StmtKind::Check { lhs, rhs, within, .. } => {
                if let Some(tolerance) = within {
                    self.number(ast, *tolerance, &mut Scope::default())?;
                }
                self.check_claim(ast, *lhs, *rhs).map(|left| StatementShape::Check { left })
            }
            StmtKind::Graph { function, at, format, .. } => {
                let params = self.function_params(ast, *function)?;
                self.point(ast, &params, at, true)?;
                check_format(format.as_ref(), GRAPH_FORMATS)?;
                Ok(StatementShape::Directive)
            }
            StmtKind::Invalid => Ok(StatementShape::Directive),
        }
    }

    /// What a value expression gives, and whether free symbols appear in it.
    fn value_shape(&mut self, ast: &Ast, id: ExprId) -> Checked<(Kind, bool)> {
        let mut scope = Scope::default();
        let kind = self.kind(ast, id, &mut scope)?;
        Ok((kind, !scope.symbols.is_empty()))
    }

    fn known(&self, name: &str) -> Option<Known> {
        if let Some(known) = self.planned.get(name) {
            return Some(known.clone());
        }
        match self.env.get(name)? {
            EnvEntry::Function(def) => Some(Known::Function(def.signature.clone())),
            EnvEntry::Value(value) => Some(Known::Value(value.kind())),
        }
    }

    fn define(&mut self, ast: &Ast, name: &Ident, params: &[Ident], body: ExprId) -> Checked<Rc<Signature>> {
        check_bindable_name(name)?;
        for (index, param) in params.iter().enumerate() {
            check_bindable_name(param)?;
            if params[..index].iter().any(|p| p.name == param.name) {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::ParameterTwice,
                    msg!("parameter-twice", name = param.name),
                    param.span,
                    msg!("parameter-twice.label"),
                )
                .with_help(msg!("parameter-twice.help")));
            }
            if param.name == name.name {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::ParameterIsFunction,
                    msg!("parameter-is-function", name = name.name),
                    param.span,
                    msg!("parameter-is-function.label"),
                ));
            }
        }
        let locals: Vec<String> = params.iter().map(|p| p.name.clone()).collect();
        let mut scope = Scope::with_locals(locals.clone());
        scope.defining = Some((name.name.clone(), locals.clone()));
        let returns = self.kind(ast, body, &mut scope).and_then(|returns| match returns {
            Kind::Number | Kind::Vector => Ok(returns),
            other => Err(Diagnostic::runtime(
                DiagnosticCode::BodyNotANumber,
                msg!("body-not-a-number"),
                ast.span(body),
                msg!("this-is", what = other.describe()),
            )),
        });
        let returns = match returns {
            Ok(returns) => returns,
            Err(error) => {
                // Later statements still see the function, so one mistake is reported once.
                let signature = Signature { params: locals.into(), calls: Vec::new(), returns: Kind::Number };
                self.planned.insert(name.name.clone(), Known::Function(Rc::new(signature)));
                return Err(error);
            }
        };
        let mut calls = scope.calls;
        calls.sort();
        calls.dedup();
        self.check_recursion(ast, name, body, &calls)?;
        let signature = Rc::new(Signature { params: locals.into(), calls, returns });
        self.planned.insert(name.name.clone(), Known::Function(signature.clone()));
        Ok(signature)
    }

    fn check_recursion(&self, ast: &Ast, name: &Ident, body: ExprId, calls: &[String]) -> Checked<()> {
        // Only a name defined before can be called by what this body calls: a new name closes no cycle.
        if self.known(&name.name).is_none() {
            return Ok(());
        }
        let mut visited = HashSet::new();
        for callee in calls {
            if let Some(path) = self.call_path(callee, &name.name, &mut visited) {
                let span = find_name(ast, body, callee).unwrap_or(name.span);
                let chain = std::iter::once(name.name.as_str())
                    .chain(path.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" → ");
                return Err(Diagnostic::runtime(
                    DiagnosticCode::Recursion,
                    msg!("recursion", name = name.name, chain = chain),
                    span,
                    msg!("recursion.label"),
                )
                .with_help(msg!("recursion.help")));
            }
        }
        Ok(())
    }

    /// The call chain from `from` to `target`, if the calls lead there.
    fn call_path(&self, from: &str, target: &str, visited: &mut HashSet<String>) -> Option<Vec<String>> {
        if from == target {
            return Some(vec![from.to_string()]);
        }
        if !visited.insert(from.to_string()) {
            return None;
        }
        let Some(Known::Function(signature)) = self.known(from) else {
            return None;
        };
        for callee in &signature.calls {
            if let Some(mut path) = self.call_path(callee, target, visited) {
                path.insert(0, from.to_string());
                return Some(path);
            }
        }
        None
    }

    /// The parameters of an expression that must be a function.
    fn function_params(&mut self, ast: &Ast, id: ExprId) -> Checked<Rc<[String]>> {
        let mut scope = Scope::default();
        let what = match self.kind(ast, id, &mut scope)? {
            Kind::Function(params) => return Ok(params),
            other => described(&other, &scope),
        };
        Err(Diagnostic::runtime(
            DiagnosticCode::NotAFunction,
            msg!("not-a-function"),
            ast.span(id),
            msg!("this-is", what = what),
        )
        .with_help(msg!("not-a-function.help")))
    }

    fn kind(&mut self, ast: &Ast, id: ExprId, scope: &mut Scope) -> Checked<Kind> {
        stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || self.kind_of(ast, id, scope))
    }

    fn kind_of(&mut self, ast: &Ast, id: ExprId, scope: &mut Scope) -> Checked<Kind> {
        let span = ast.span(id);
        match ast.kind(id) {
            ExprKind::Number(text) => match Number::parse_literal(text) {
                Some(_) => Ok(Kind::Number),
                None => Err(Diagnostic::runtime(
                    DiagnosticCode::NumberTooLarge,
                    msg!("number-too-large"),
                    span,
                    msg!("number-too-large.label"),
                )),
            },
            ExprKind::Str(_) => Ok(Kind::Str),
            ExprKind::Name(name) => self.name_kind(name, span, scope),
            ExprKind::Neg(operand) => self.arithmetic(ast, &[*operand], scope),
            ExprKind::Binary(BinaryOp::Div, _, rhs) if is_literal_zero(ast, *rhs) => Err(Diagnostic::runtime(
                DiagnosticCode::DivisionByZero,
                msg!("division-by-zero"),
                ast.span(*rhs),
                msg!("division-by-zero.label"),
            )
            .with_help(msg!("division-by-zero.help"))),
            ExprKind::Binary(_, lhs, rhs) => self.arithmetic(ast, &[*lhs, *rhs], scope),
            ExprKind::Call(callee, args) => self.call(ast, id, *callee, args, scope),
            ExprKind::Field(target, field) => self.field(ast, *target, field, scope),
            ExprKind::Prime(function) => match self.kind(ast, *function, scope)? {
                Kind::Function(params) if params.len() == 1 => Ok(Kind::Function(params)),
                Kind::Function(params) if params.is_empty() => Err(no_parameters(ast.span(*function))),
                Kind::Function(params) => Err(Diagnostic::runtime(
                    DiagnosticCode::PrimeArity,
                    msg!("prime-arity"),
                    span,
                    msg!("prime-arity.label", params = params),
                )
                .with_help(match ast.kind(*function) {
                    ExprKind::Name(name) => msg!("prime-arity.partial-named", name = name, param = params[0]),
                    _ => msg!("prime-arity.partial", param = params[0]),
                })),
                other => Err(Diagnostic::runtime(
                    DiagnosticCode::NotAFunction,
                    msg!("prime-of-non-function"),
                    ast.span(*function),
                    msg!("this-is", what = described(&other, scope)),
                )),
            },
            ExprKind::Vector(items) => {
                for &item in items {
                    self.scalar(ast, item, scope)?;
                }
                Ok(Kind::Vector)
            }
            ExprKind::Tuple(items) => {
                for &item in items {
                    self.number(ast, item, scope)?;
                }
                Ok(Kind::Tuple(items.len()))
            }
            ExprKind::Partial(function, variables) => {
                scope.calls.push(function.name.clone());
                let params = self.named_function(function)?;
                for variable in variables {
                    check_param(&params, variable, "∂")?;
                }
                Ok(Kind::Function(params))
            }
            ExprKind::Gradient(function) => {
                scope.calls.push(function.name.clone());
                let params = self.named_function(function)?;
                if params.is_empty() {
                    return Err(no_parameters(function.span));
                }
                Ok(Kind::Gradient(params))
            }
        }
    }

    fn name_kind(&mut self, name: &str, span: Span, scope: &mut Scope) -> Checked<Kind> {
        let found = meaning(name, &scope.locals, |n| self.known(n), scope.free_symbols);
        match found {
            Meaning::Local(_) => Ok(Kind::Number),
            Meaning::Entry(Known::Function(signature)) => {
                scope.calls.push(name.to_string());
                Ok(Kind::Function(signature.params.clone()))
            }
            Meaning::Entry(Known::Value(kind)) => Ok(kind),
            Meaning::Builtin(Builtin::Constant(_)) => Ok(Kind::Number),
            Meaning::Builtin(_) => Err(Diagnostic::runtime(
                DiagnosticCode::BuiltinAsValue,
                msg!("builtin-as-value", name = name),
                span,
                msg!("builtin-as-value.label"),
            )
            .with_help(msg!("builtin-as-value.help", name = name))),
            Meaning::Symbol => {
                if !scope.symbols.iter().any(|s| s == name) {
                    scope.symbols.push(name.to_string());
                }
                Ok(Kind::Number)
            }
            Meaning::Unknown => Err(self.unknown_name(name, span, scope)),
        }
    }

    /// Operands of arithmetic: numbers or vectors; the result is a vector if any is.
    /// Operands of arithmetic: numbers or vectors; the result is a vector if
    /// any is. Outside a definition, derivatives of the same parameters may
    /// be combined too (`∂²f/∂x² + ∂²f/∂y²`, `2*∂J/∂a`): a function again.
    fn arithmetic(&mut self, ast: &Ast, operands: &[ExprId], scope: &mut Scope) -> Checked<Kind> {
        let mut result = Kind::Number;
        let mut function: Option<Rc<[String]>> = None;
        for &operand in operands {
            match self.kind(ast, operand, scope)? {
                Kind::Number => {}
                Kind::Vector => result = Kind::Vector,
                Kind::Function(params) if scope.defining.is_none() && ast.mentions_derivative(operand) => {
                    if function.as_ref().is_some_and(|known| *known != params) {
                        return Err(Diagnostic::runtime(
                            DiagnosticCode::DifferentParameters,
                            msg!("different-parameters"),
                            ast.span(operand),
                            msg!("different-parameters.label", params = params),
                        )
                        .with_help(msg!("different-parameters.help")));
                    }
                    function = Some(params);
                }
                other => return Err(not_a_number(ast, operand, &other)),
            }
        }
        match (function, &result) {
            (Some(params), Kind::Number) => Ok(Kind::Function(params)),
            (Some(_), _) => Err(Diagnostic::runtime(
                DiagnosticCode::DerivativeWithVector,
                msg!("derivative-with-vector"),
                ast.span(operands[0]).to(ast.span(operands[operands.len() - 1])),
                msg!("derivative-with-vector.label"),
            )),
            (None, _) => Ok(result),
        }
    }

    /// A number or a vector.
    fn scalar(&mut self, ast: &Ast, id: ExprId, scope: &mut Scope) -> Checked<Kind> {
        let kind = self.kind(ast, id, scope)?;
        scalar_kind(ast, id, kind)
    }

    /// Exactly a number.
    fn number(&mut self, ast: &Ast, id: ExprId, scope: &mut Scope) -> Checked<()> {
        match self.kind(ast, id, scope)? {
            Kind::Number => Ok(()),
            other => Err(not_a_number(ast, id, &other)),
        }
    }

    fn field(&mut self, ast: &Ast, target: ExprId, field: &Ident, scope: &mut Scope) -> Checked<Kind> {
        match self.kind(ast, target, scope)? {
            Kind::Table => Ok(Kind::Vector),
            Kind::Record(fields) => {
                if fields.contains(&field.name) {
                    return Ok(Kind::Number);
                }
                Err(Diagnostic::runtime(
                    DiagnosticCode::NoField,
                    msg!("no-field", name = field.name),
                    field.span,
                    msg!("no-field.label"),
                )
                .with_help(msg!("no-field.help", fields = fields)))
            }
            other => Err(Diagnostic::runtime(
                DiagnosticCode::NoField,
                msg!("no-fields", what = other.describe()),
                ast.span(target),
                msg!("no-fields.label"),
            )
            .with_help(msg!("no-fields.help"))),
        }
    }
}

/// True for a number literal whose value is 0 (`0`, `0.0`, `0e5`).
fn is_literal_zero(ast: &Ast, id: ExprId) -> bool {
    matches!(ast.kind(id), ExprKind::Number(text) if Number::parse_literal(text).is_some_and(|n| n.is_zero()))
}

/// `kind` when it is a number or a vector.
fn scalar_kind(ast: &Ast, id: ExprId, kind: Kind) -> Checked<Kind> {
    if matches!(kind, Kind::Number | Kind::Vector) {
        return Ok(kind);
    }
    Err(not_a_number(ast, id, &kind))
}

pub(super) fn check_param(params: &[String], variable: &Ident, context: &str) -> Checked<()> {
    check_param_preferring(params, params, variable, context)
}

/// As [`check_param`], suggesting from `unused` first (the parameters not yet
/// given in a point: `θ3` → `θ2` when θ1 is given already).
pub(super) fn check_param_preferring(
    params: &[String],
    unused: &[String],
    variable: &Ident,
    context: &str,
) -> Checked<()> {
    if params.contains(&variable.name) {
        return Ok(());
    }
    if params.is_empty() {
        return Err(no_parameters(variable.span));
    }
    let mut diagnostic = Diagnostic::runtime(
        DiagnosticCode::NotAParameter,
        msg!("not-a-parameter", name = variable.name),
        variable.span,
        msg!("not-a-parameter.label", params = params),
    );
    let name = variable.name.as_str();
    let best = suggest::closest(name, unused.iter().map(String::as_str))
        .or_else(|| suggest::closest(name, params.iter().map(String::as_str)));
    if let Some(best) = best {
        diagnostic = diagnostic.with_help(msg!("did-you-mean", best = best));
    } else if context == "∂" {
        diagnostic = diagnostic.with_help(msg!("partial-by-parameter.help"));
    }
    Err(diagnostic)
}

/// A derivative asked of a function of no parameters (`J() = 1`, then `J'`).
fn no_parameters(span: Span) -> Diagnostic {
    Diagnostic::runtime(DiagnosticCode::NoParameters, msg!("no-parameters"), span, msg!("no-parameters.label"))
        .with_help(msg!("no-parameters.help"))
}

fn check_bindable_name(name: &Ident) -> Checked<()> {
    if builtins::lookup(&name.name).is_some() {
        return Err(Diagnostic::runtime(
            DiagnosticCode::BuiltinName,
            msg!("builtin-name", name = name.name),
            name.span,
            msg!("builtin-name.label"),
        )
        .with_help(msg!("builtin-name.help")));
    }
    Ok(())
}

fn check_format(format: Option<&Ident>, allowed: &[&str]) -> Checked<()> {
    let Some(format) = format else { return Ok(()) };
    if allowed.contains(&format.name.as_str()) {
        return Ok(());
    }
    Err(Diagnostic::runtime(
        DiagnosticCode::UnknownFormat,
        msg!("unknown-format", name = format.name),
        format.span,
        msg!("unknown-format.label"),
    )
    .with_help(msg!("unknown-format.help", allowed = allowed)))
}

/// What a kind is, in a message: a number written with free symbols is
/// "an expression in y" (`diff(y^2, y)`), not "a number".
fn described(kind: &Kind, scope: &Scope) -> Message {
    match kind {
        Kind::Number if !scope.symbols.is_empty() => msg!("kind.expression-in", symbols = scope.symbols),
        other => other.describe(),
    }
}

fn not_a_number(ast: &Ast, id: ExprId, kind: &Kind) -> Diagnostic {
    let help = match (kind, ast.kind(id)) {
        (Kind::Function(params), ExprKind::Name(name)) => msg!("not-a-number.call-named", name = name, params = params),
        (Kind::Function(_), _) => msg!("not-a-number.call"),
        (Kind::Table, _) => msg!("not-a-number.pick-column"),
        (Kind::Record(fields), _) => msg!("not-a-number.pick-field", fields = fields),
        _ => msg!("not-a-number.arithmetic"),
    };
    Diagnostic::runtime(
        DiagnosticCode::NotANumber,
        msg!("not-a-number"),
        ast.span(id),
        msg!("this-is", what = kind.describe()),
    )
    .with_help(help)
}

/// The span of the first use of `name` inside the expression `root`.
fn find_name(ast: &Ast, root: ExprId, name: &str) -> Option<Span> {
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        match ast.kind(id) {
            ExprKind::Name(found) if found == name => return Some(ast.span(id)),
            ExprKind::Neg(a) | ExprKind::Prime(a) | ExprKind::Field(a, _) => stack.push(*a),
            ExprKind::Binary(_, a, b) => stack.extend([*b, *a]),
            ExprKind::Call(f, args) => {
                stack.extend(args.iter().rev());
                stack.push(*f);
            }
            ExprKind::Vector(items) | ExprKind::Tuple(items) => stack.extend(items.iter().rev()),
            ExprKind::Partial(f, _) | ExprKind::Gradient(f) if f.name == name => return Some(f.span),
            _ => {}
        }
    }
    None
}

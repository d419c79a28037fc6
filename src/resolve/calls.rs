//! Calls, checked: of user functions (argument counts, arguments named as
//! parameters), of builtins (`diff`, `grad`, `simplify`, `load`, the
//! reductions), and the function-valued expressions they take. Takes the
//! checker's scope; hands on the kind of each call.

use std::rc::Rc;

use super::{Checked, Checker, Known, Meaning, Scope, Valued, check_param, meaning, no_parameters, scalar_kind};
use crate::builtins::Builtin;
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::env::Kind;
use crate::message::Message;
use crate::msg;
use crate::syntax::ast::{Ast, ExprId, ExprKind, Ident};

impl Checker<'_> {
    pub(super) fn call(
        &mut self,
        ast: &Ast,
        id: ExprId,
        callee: ExprId,
        args: &[ExprId],
        scope: &mut Scope,
    ) -> Checked<Kind> {
        if let ExprKind::Name(name) = ast.kind(callee)
            && let Meaning::Builtin(builtin) = meaning(name, &scope.locals, |n| self.known(n), false)
        {
            return self.builtin_call(ast, id, name, builtin, args, scope);
        }
        if let ExprKind::Name(name) = ast.kind(callee)
            && let Meaning::Unknown = meaning(name, &scope.locals, |n| self.known(n), scope.free_symbols)
        {
            let params: Vec<&str> = ["x", "y", "z"].into_iter().take(args.len().max(1)).collect();
            let define = msg!("unknown.help", name = name, params = params);
            return Err(self.unknown_name_or(name, ast.span(callee), scope, Some(define)));
        }
        let callee_kind = self.kind(ast, callee, scope)?;
        let (Kind::Function(params) | Kind::Gradient(params)) = &callee_kind else {
            let help = if matches!(ast.kind(callee), ExprKind::Name(_)) {
                msg!("call-of-non-function.help")
            } else {
                msg!("call-of-non-function.brackets")
            };
            return Err(Diagnostic::runtime(
                DiagnosticCode::NotAFunction,
                msg!("call-of-non-function"),
                ast.span(callee),
                msg!("this-is", what = callee_kind.describe()),
            )
            .with_help(help));
        };
        if args.len() != params.len() {
            let (message, label) = match ast.kind(callee) {
                ExprKind::Name(name) => (
                    msg!("argument-count.named", name = name, expected = params.len(), given = args.len()),
                    msg!("argument-count.named-has", name = name, params = params),
                ),
                _ => (
                    msg!("argument-count.unnamed", expected = params.len(), given = args.len()),
                    msg!("argument-count.unnamed-has", params = params),
                ),
            };
            return Err(Diagnostic::runtime(DiagnosticCode::ArgumentCount, message, ast.span(id), label));
        }
        self.arguments_named_as_parameters(ast, callee, args, params, scope)?;
        let mut result = Kind::Number;
        for &arg in args {
            if self.scalar(ast, arg, scope)? == Kind::Vector {
                result = Kind::Vector;
            }
        }
        if let Kind::Gradient(params) = callee_kind {
            return Ok(Kind::Tuple(params.len()));
        }
        if let ExprKind::Name(name) = ast.kind(callee)
            && let Some(Known::Function(signature)) = self.known(name)
            && signature.returns == Kind::Vector
        {
            result = Kind::Vector;
        }
        Ok(result)
    }

    pub(super) fn builtin_call(
        &mut self,
        ast: &Ast,
        id: ExprId,
        name: &str,
        builtin: Builtin,
        args: &[ExprId],
        scope: &mut Scope,
    ) -> Checked<Kind> {
        let span = ast.span(id);
        let arity = |expected: Message, ok: bool| -> Checked<()> {
            if ok {
                return Ok(());
            }
            Err(Diagnostic::runtime(
                DiagnosticCode::ArgumentCount,
                msg!("argument-count", name = name, expected = expected),
                span,
                msg!("argument-count.given", count = args.len()),
            ))
        };
        match builtin {
            Builtin::Math(_) | Builtin::Sqrt => {
                arity(msg!("takes.one-argument"), args.len() == 1)?;
                self.scalar(ast, args[0], scope)
            }
            Builtin::Constant(_) => Err(Diagnostic::runtime(
                DiagnosticCode::ConstantCalled,
                msg!("constant-called", name = name),
                ast.span(id),
                msg!("constant-called.label"),
            )
            .with_help(msg!("constant-called.help", name = name))),
            Builtin::Diff => {
                arity(msg!("takes.diff"), args.len() >= 2)?;
                self.diff(ast, args, scope)
            }
            Builtin::Grad => {
                arity(msg!("takes.grad"), args.len() == 1)?;
                let params = self.function_argument(ast, args[0], scope)?;
                if params.is_empty() {
                    return Err(no_parameters(ast.span(args[0])));
                }
                Ok(Kind::Gradient(params))
            }
            Builtin::Simplify => {
                arity(msg!("takes.one-expression"), args.len() == 1)?;
                match self.function_valued(ast, args[0], scope) {
                    Valued::Function(params) => return Ok(Kind::Function(params?)),
                    Valued::Value(kind) => return scalar_kind(ast, args[0], kind),
                    Valued::Unchecked => {}
                }
                let was_free = std::mem::replace(&mut scope.free_symbols, true);
                let kind = self.scalar(ast, args[0], scope);
                scope.free_symbols = was_free;
                kind
            }
            Builtin::Load => {
                arity(msg!("takes.one-file-name"), args.len() == 1)?;
                match ast.kind(args[0]) {
                    ExprKind::Str(_) => Ok(Kind::Table),
                    _ => Err(Diagnostic::runtime(
                        DiagnosticCode::LoadNeedsFileName,
                        msg!("load-needs-file-name"),
                        ast.span(args[0]),
                        msg!("load-needs-file-name.label"),
                    )
                    .with_help(msg!("load-needs-file-name.help"))),
                }
            }
            Builtin::Max | Builtin::Min => {
                arity(msg!("takes.two-arguments"), args.len() == 2)?;
                let first = self.scalar(ast, args[0], scope)?;
                let second = self.scalar(ast, args[1], scope)?;
                Ok(if first == Kind::Vector { first } else { second })
            }
            Builtin::Sum | Builtin::Mean | Builtin::Len | Builtin::Var | Builtin::Std => {
                arity(msg!("takes.one-vector"), args.len() == 1)?;
                self.scalar(ast, args[0], scope).map(|_| Kind::Number)
            }
            Builtin::Dot => {
                arity(msg!("takes.two-vectors"), args.len() == 2)?;
                self.scalar(ast, args[0], scope)?;
                self.scalar(ast, args[1], scope).map(|_| Kind::Number)
            }
        }
    }

    /// `diff(J, b, …)` on a function, or `diff(expr, x, …)` on an expression.
    pub(super) fn diff(&mut self, ast: &Ast, args: &[ExprId], scope: &mut Scope) -> Checked<Kind> {
        let mut variables = Vec::new();
        for &arg in &args[1..] {
            match ast.kind(arg) {
                ExprKind::Name(name) => variables.push(Ident { name: name.clone(), span: ast.span(arg) }),
                _ => {
                    return Err(Diagnostic::runtime(
                        DiagnosticCode::DiffVariableNotName,
                        msg!("diff-variable-not-name"),
                        ast.span(arg),
                        msg!("diff-variable-not-name.label"),
                    ));
                }
            }
        }
        match self.function_valued(ast, args[0], scope) {
            Valued::Function(params) => {
                let params = params?;
                for variable in &variables {
                    check_param(&params, variable, "diff")?;
                }
                return Ok(Kind::Function(params));
            }
            Valued::Value(kind) => return scalar_kind(ast, args[0], kind),
            Valued::Unchecked => {}
        }
        let saved_locals = scope.locals.len();
        scope.locals.extend(variables.iter().map(|v| v.name.clone()));
        let was_free = std::mem::replace(&mut scope.free_symbols, true);
        let kind = self.scalar(ast, args[0], scope);
        scope.free_symbols = was_free;
        let variables_as_symbols = scope.locals.split_off(saved_locals);
        for name in variables_as_symbols {
            if !scope.symbols.contains(&name) && !scope.locals.contains(&name) {
                scope.symbols.push(name);
            }
        }
        kind
    }

    /// The parameters, when the expression is a function: its name, a
    /// derivative (`∂J/∂b`, `f'`) or `diff`/`simplify` of a function.
    /// Otherwise what is known of it without checking it twice (nested
    /// `diff(diff(…))` would double the work at each level).
    pub(super) fn function_valued(&mut self, ast: &Ast, id: ExprId, scope: &mut Scope) -> Valued {
        let checked = match ast.kind(id) {
            ExprKind::Name(name) => {
                scope.calls.push(name.clone());
                return match self.known(name) {
                    Some(Known::Function(signature)) => Valued::Function(Ok(signature.params.clone())),
                    Some(Known::Value(Kind::Function(params))) => Valued::Function(Ok(params)),
                    _ => Valued::Unchecked,
                };
            }
            ExprKind::Partial(..) | ExprKind::Prime(_) => self.kind(ast, id, scope),
            ExprKind::Binary(..) | ExprKind::Neg(_) if ast.mentions_derivative(id) => self.kind(ast, id, scope),
            ExprKind::Call(callee, _) if matches!(ast.kind(*callee), ExprKind::Name(name) if matches!(name.as_str(), "diff" | "simplify")) => {
                self.kind(ast, id, scope)
            }
            _ => return Valued::Unchecked,
        };
        match checked {
            Ok(Kind::Function(params)) => Valued::Function(Ok(params)),
            Ok(kind) => Valued::Value(kind),
            Err(error) => Valued::Function(Err(error)),
        }
    }

    pub(super) fn function_argument(&mut self, ast: &Ast, id: ExprId, scope: &mut Scope) -> Checked<Rc<[String]>> {
        match self.function_valued(ast, id, scope) {
            Valued::Function(params) => params,
            Valued::Value(_) | Valued::Unchecked => Err(Diagnostic::runtime(
                DiagnosticCode::NotAFunction,
                msg!("not-a-function"),
                ast.span(id),
                msg!("grad-of-non-function.label"),
            )
            .with_help(msg!("grad-of-non-function.help"))),
        }
    }

    pub(super) fn named_function(&self, function: &Ident) -> Checked<Rc<[String]>> {
        match self.known(&function.name) {
            Some(Known::Function(signature)) => Ok(signature.params.clone()),
            Some(Known::Value(Kind::Function(params))) => Ok(params),
            Some(Known::Value(kind)) => Err(Diagnostic::runtime(
                DiagnosticCode::NotAFunction,
                msg!("grad-of-non-function", name = function.name),
                function.span,
                msg!("this-is", what = kind.describe()),
            )
            .with_help(msg!("prime-of-non-function.help"))),
            None => {
                let define = msg!("call-of-non-function.define", name = function.name);
                Err(self.unknown_name_or(&function.name, function.span, &Scope::default(), Some(define)))
            }
        }
    }
}

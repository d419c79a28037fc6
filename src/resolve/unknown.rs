//! Help for names the checker does not know: "did you mean", other
//! spellings, a function written as a binding (`J = 3*(a + b*c)`), a
//! function called at its own parameter names (`J'(a)`), a call that
//! leads back to the function being defined. Takes the checker's view of
//! the names in force; hands on diagnostics.

use super::{Checked, Checker, Meaning, Scope, meaning};
use crate::builtins;
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::message::Message;
use crate::msg;
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{Ast, ExprId, ExprKind, Ident};

impl Checker<'_> {
    /// `J = 3*(a + b*c)` with a, b, c unbound: a function written as a
    /// binding; say how to list its parameters.
    pub(super) fn bound_to_unknowns(&self, ast: &Ast, name: &Ident, value: ExprId) -> Checked<()> {
        let mut unknown: Vec<(String, Span)> = Vec::new();
        let mut stack = vec![value];
        while let Some(id) = stack.pop() {
            match ast.kind(id) {
                ExprKind::Name(found) => {
                    let bound = self.known(found).is_some() || builtins::lookup(found).is_some();
                    if !bound && !unknown.iter().any(|(n, _)| n == found) {
                        unknown.push((found.clone(), ast.span(id)));
                    }
                }
                ExprKind::Neg(a) => stack.push(*a),
                ExprKind::Binary(_, a, b) => stack.extend([*b, *a]),
                ExprKind::Call(callee, args) if !matches!(ast.kind(*callee), ExprKind::Name(n) if matches!(n.as_str(), "diff" | "simplify" | "grad")) =>
                {
                    stack.extend(args.iter().rev());
                }
                ExprKind::Vector(items) => stack.extend(items.iter().rev()),
                _ => {}
            }
        }
        unknown.sort_by_key(|(_, span)| span.start);
        let Some((first, span)) = unknown.first() else { return Ok(()) };
        let params: Vec<&str> = unknown.iter().map(|(n, _)| n.as_str()).collect();
        Err(Diagnostic::runtime(
            DiagnosticCode::UnknownName,
            msg!("unknown-name", name = first),
            *span,
            msg!("unknown-name.label"),
        )
        .with_help(msg!(
            "unknown-name.list-them",
            params = params,
            count = params.len(),
            function = name.name,
            name = first
        )))
    }

    /// The names in force: locals, then planned and existing definitions and bindings.
    fn candidates(&self, scope: &Scope) -> Vec<String> {
        let mut candidates: Vec<String> = scope.locals.clone();
        candidates.extend(self.planned.keys().cloned());
        candidates.extend(self.env.names().map(str::to_string));
        candidates
    }

    /// The known name closest in spelling to an unknown one, if any is close:
    /// one of `candidates`, then a builtin.
    fn closest_name(name: &str, candidates: &[String]) -> Option<String> {
        if let Some(best) = suggest::closest(name, candidates.iter().map(String::as_str)) {
            return Some(best.to_string());
        }
        let builtin_names = builtins::BUILTINS.iter().map(|(spelling, _)| *spelling);
        suggest::closest_builtin(name, builtin_names).map(str::to_string)
    }

    pub(super) fn unknown_name(&self, name: &str, span: Span, scope: &Scope) -> Diagnostic {
        self.unknown_name_or(name, span, scope, None)
    }

    /// `name` is not defined, with the most telling help: it is the function
    /// being defined; a product of known names; another spelling; a close
    /// name; else `fallback` when given (what a call of an unknown function
    /// should do); else how to define it where it was written.
    pub(super) fn unknown_name_or(
        &self,
        name: &str,
        span: Span,
        scope: &Scope,
        fallback: Option<Message>,
    ) -> Diagnostic {
        if scope.defining.as_ref().is_some_and(|(function, _)| function == name) {
            return Diagnostic::runtime(
                DiagnosticCode::Recursion,
                msg!("recursive-name", name = name),
                span,
                msg!("recursive-name.label"),
            )
            .with_help(msg!("recursive-name.help"));
        }
        let diagnostic = Diagnostic::runtime(
            DiagnosticCode::UnknownName,
            msg!("unknown-name", name = name),
            span,
            msg!("unknown-name.label"),
        );
        let candidates = self.candidates(scope);
        if let Some(product) = suggest::split_product(name, &candidates) {
            return diagnostic.with_help(msg!("unknown-name-product.help", name = name, product = product));
        }
        if let Some(help) = suggest::other_spelling(name) {
            return diagnostic.with_help(help);
        }
        if let Some(best) = Self::closest_name(name, &candidates) {
            return diagnostic.with_help(msg!("did-you-mean", best = best));
        }
        if let Some(help) = fallback {
            return diagnostic.with_help(help);
        }
        if let Some(params) = &scope.claim_params {
            return diagnostic.with_help(msg!("unknown-name-in-claim.help", params = params));
        }
        match &scope.defining {
            Some((function, params)) => {
                let mut with_name = params.clone();
                with_name.push(name.to_string());
                diagnostic.with_help(msg!(
                    "unknown-name-in-definition.help",
                    name = name,
                    function = function,
                    with_name = with_name
                ))
            }
            None => diagnostic.with_help(msg!("unknown-name-define.help", name = name)),
        }
    }

    /// `J'(a)` or `J(a, b)` with a, b unbound: the function was meant, not a value of it.
    pub(super) fn arguments_named_as_parameters(
        &self,
        ast: &Ast,
        callee: ExprId,
        args: &[ExprId],
        params: &[String],
        scope: &Scope,
    ) -> Checked<()> {
        for &arg in args {
            let ExprKind::Name(name) = ast.kind(arg) else { continue };
            let unknown =
                matches!(meaning(name, &scope.locals, |n| self.known(n), scope.free_symbols), Meaning::Unknown);
            if !unknown || !params.contains(name) {
                continue;
            }
            let callee_text = source_callee(ast, callee);
            let numbers: Vec<String> = (1..=params.len()).map(|n| n.to_string()).collect();
            return Err(Diagnostic::runtime(
                DiagnosticCode::UnknownName,
                msg!("unknown-name", name = name),
                ast.span(arg),
                msg!("unknown-name.label"),
            )
            .with_help(msg!(
                "unknown-name-parameter.help",
                name = name,
                callee_text = callee_text,
                numbers = numbers
            )));
        }
        Ok(())
    }
}

/// How a callee is written: `J`, `J'`, `∂J/∂b`.
fn source_callee(ast: &Ast, callee: ExprId) -> String {
    match ast.kind(callee) {
        ExprKind::Name(name) => name.clone(),
        ExprKind::Prime(inner) => format!("{}'", source_callee(ast, *inner)),
        ExprKind::Partial(function, variables) => {
            let names: Vec<String> = variables.iter().map(|v| v.name.clone()).collect();
            crate::syntax::notation::partial_notation(&function.name, &names)
        }
        ExprKind::Gradient(function) => format!("∇{}", function.name),
        _ => "f".to_string(),
    }
}

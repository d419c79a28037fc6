//! Checks of the directives, before anything runs: a `check` claim's two
//! sides (comparable kinds, a function named without its arguments), and
//! `minimize`'s parameters, starting point and settings (names, values, and
//! combinations that would do nothing).

use std::rc::Rc;

use super::{Checked, Checker, Scope, check_param, check_param_preferring};
use crate::builtins;
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::env::Kind;
use crate::msg;
use crate::names::{METHODS, SETTINGS, SettingName, SettingValue};
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{Ast, Binding, ExprId, ExprKind, Optimize, Setting};

impl Checker<'_> {
    /// Checks a claim's two sides; hands on what the left side is.
    pub(super) fn check_claim(&mut self, ast: &Ast, lhs: ExprId, rhs: ExprId) -> Checked<Kind> {
        self.claim_written_with_arguments(ast, lhs)?;
        // A name bound nowhere is a variable of the claim: `check sin(2*x) = 2*sin(x)*cos(x)`.
        let mut left_scope = Scope { free_symbols: true, ..Scope::default() };
        let left = self.kind(ast, lhs, &mut left_scope)?;
        let mut right_scope = match &left {
            Kind::Function(params) | Kind::Gradient(params) => {
                Scope { claim_params: Some(params.to_vec()), ..Scope::with_locals(params.to_vec()) }
            }
            _ => Scope { free_symbols: true, ..Scope::with_locals(left_scope.symbols) },
        };
        let right = self.kind(ast, rhs, &mut right_scope)?;
        let fits = match (&left, &right) {
            (Kind::Function(_) | Kind::Number, Kind::Number | Kind::Function(_)) => true,
            (Kind::Function(_), Kind::Vector) | (Kind::Number, Kind::Vector) => true,
            (Kind::Gradient(params), Kind::Tuple(n)) => {
                if params.len() != *n {
                    return Err(Diagnostic::runtime(
                        DiagnosticCode::ClaimSizes,
                        msg!("claim-sizes.gradient", components = params.len(), given = n),
                        ast.span(rhs),
                        msg!("claim-sizes.label", params = params),
                    ));
                }
                true
            }
            (Kind::Tuple(m), Kind::Tuple(n)) if m != n => {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::ClaimSizes,
                    msg!("claim-sizes", m = m, n = n),
                    ast.span(rhs),
                    msg!("claim-one-per-parameter.label", m = m),
                ));
            }
            (Kind::Gradient(_), Kind::Gradient(_)) | (Kind::Vector, Kind::Vector | Kind::Number) => true,
            // The gradient of a function of one parameter is one expression.
            (Kind::Gradient(params), Kind::Number) if params.len() == 1 => true,
            (Kind::Tuple(1), Kind::Number) => true,
            (Kind::Tuple(_), Kind::Tuple(_)) => true,
            _ => false,
        };
        if fits {
            return Ok(left);
        }
        Err(Diagnostic::runtime(
            DiagnosticCode::ClaimIncomparable,
            msg!("claim-incomparable"),
            ast.span(lhs).to(ast.span(rhs)),
            msg!("claim-incomparable.label", left = left.describe(), right = right.describe()),
        )
        .with_help(msg!("claim-incomparable.help")))
    }

    /// `check f'(x) = 3*x^2`: a function called at its own unbound parameter
    /// names means the function itself; say to leave the arguments out.
    fn claim_written_with_arguments(&mut self, ast: &Ast, lhs: ExprId) -> Checked<()> {
        let ExprKind::Call(callee, args) = ast.kind(lhs) else { return Ok(()) };
        let unbound = |id: &ExprId| matches!(ast.kind(*id), ExprKind::Name(n) if self.known(n).is_none() && builtins::lookup(n).is_none());
        if args.is_empty() || !args.iter().all(unbound) {
            return Ok(());
        }
        let Ok(Kind::Function(_)) = self.kind(ast, *callee, &mut Scope::default()) else { return Ok(()) };
        let callee_text = match ast.kind(*callee) {
            ExprKind::Name(name) => name.clone(),
            ExprKind::Prime(inner) => match ast.kind(*inner) {
                ExprKind::Name(name) => format!("{name}'"),
                _ => "f'".to_string(),
            },
            ExprKind::Partial(function, variables) => {
                let names: Vec<String> = variables.iter().map(|v| v.name.clone()).collect();
                crate::syntax::notation::partial_notation(&function.name, &names)
            }
            _ => "f'".to_string(),
        };
        Err(Diagnostic::runtime(
            DiagnosticCode::ClaimWithArguments,
            msg!("claim-with-arguments"),
            ast.span(lhs),
            msg!("claim-with-arguments.label"),
        )
        .with_help(msg!("claim-with-arguments.help", callee_text = callee_text)))
    }

    pub(super) fn optimize(&mut self, ast: &Ast, optimize: &Optimize) -> Checked<Rc<[String]>> {
        self.optimize_written_with_arguments(ast, optimize)?;
        let params = self.function_params(ast, optimize.function)?;
        if params.is_empty() {
            return Err(Diagnostic::runtime(
                DiagnosticCode::NoParameters,
                msg!("nothing-to-move"),
                ast.span(optimize.function),
                msg!("nothing-to-move.label"),
            )
            .with_help(msg!("nothing-to-move.help")));
        }
        for (index, variable) in optimize.over.iter().enumerate() {
            check_param(&params, variable, "over")?;
            if optimize.over[..index].iter().any(|earlier| earlier.name == variable.name) {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::ListedTwice,
                    msg!("listed-twice", name = variable.name),
                    variable.span,
                    msg!("listed-twice.label"),
                ));
            }
        }
        self.point(ast, &params, &optimize.from, false)?;
        let mut seen: Vec<SettingName> = Vec::new();
        for setting in &optimize.settings {
            let Some(name) = SettingName::lookup(&setting.name.name) else {
                let spellings: Vec<&str> = SETTINGS.iter().map(|(s, _)| *s).collect();
                let mut diagnostic = Diagnostic::runtime(
                    DiagnosticCode::UnknownSetting,
                    msg!("unknown-setting", name = setting.name.name),
                    setting.name.span,
                    msg!("unknown-setting.label"),
                );
                diagnostic = match suggest::closest(&setting.name.name, spellings.iter().copied()) {
                    Some(best) => diagnostic.with_help(msg!("did-you-mean", best = best)),
                    None => diagnostic,
                };
                return Err(diagnostic.with_note(msg!("unknown-setting.note", spellings = spellings)));
            };
            if seen.contains(&name) {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::ListedTwice,
                    msg!("setting-twice", name = setting.name.name),
                    setting.name.span,
                    msg!("setting-twice.label"),
                ));
            }
            seen.push(name);
            self.setting_value(ast, setting.name.span, name, setting.value)?;
        }
        check_method_and_momentum(ast, &optimize.settings)?;
        let objective = match ast.kind(optimize.function) {
            ExprKind::Name(name) => name.clone(),
            _ => "value".to_string(),
        };
        let mut fields: Vec<String> = params.to_vec();
        fields.extend([objective, "iterations".to_string(), "converged".to_string()]);
        Ok(fields.into())
    }

    fn setting_value(&mut self, ast: &Ast, span: Span, name: SettingName, value: Option<ExprId>) -> Checked<()> {
        match (name.value(), value) {
            (SettingValue::Method, Some(value)) => match ast.kind(value) {
                ExprKind::Name(method) if METHODS.contains(&method.as_str()) => Ok(()),
                _ => {
                    let written = ast.kind(value);
                    let mut diagnostic = Diagnostic::runtime(
                        DiagnosticCode::UnknownMethod,
                        msg!("unknown-method"),
                        ast.span(value),
                        msg!("unknown-method.label"),
                    );
                    if let ExprKind::Name(method) = written
                        && let Some(best) = suggest::closest(method, METHODS.iter().copied())
                    {
                        diagnostic = diagnostic.with_help(msg!("did-you-mean", best = best));
                    }
                    if let ExprKind::Str(method) = written
                        && METHODS.contains(&method.as_str())
                    {
                        diagnostic = diagnostic.with_help(msg!("method-quoted.help", method = method));
                    }
                    Err(diagnostic.with_note(msg!("method-quoted.note", METHODS = METHODS)))
                }
            },
            (SettingValue::FlagOrPath, Some(value)) if matches!(ast.kind(value), ExprKind::Str(_)) => {
                let ExprKind::Str(file) = ast.kind(value) else { return Ok(()) };
                if file.to_lowercase().ends_with(".svg") && file.len() > 4 {
                    return Ok(());
                }
                Err(Diagnostic::runtime(
                    DiagnosticCode::PlotFileName,
                    msg!("plot-file-name"),
                    ast.span(value),
                    msg!("plot-file-name.label"),
                )
                .with_help(msg!("plot-file-name.help")))
            }
            (SettingValue::FlagOrNumber | SettingValue::FlagOrPath, None) => Ok(()),
            (SettingValue::Number | SettingValue::FlagOrNumber, Some(value)) => {
                self.number(ast, value, &mut Scope::default())
            }
            (SettingValue::FlagOrPath, Some(value)) => Err(Diagnostic::runtime(
                DiagnosticCode::PlotFileName,
                msg!("plot-needs-quotes"),
                ast.span(value),
                msg!("plot-needs-quotes.label"),
            )
            .with_help(msg!("plot-needs-quotes.help"))),
            (SettingValue::Number | SettingValue::Method, None) => Err(Diagnostic::runtime(
                DiagnosticCode::SettingNeedsValue,
                msg!("setting-needs-value"),
                span,
                msg!("setting-needs-value.label"),
            )),
        }
    }

    /// `minimize J(a, b)`: the function is named without arguments, and the
    /// start given with `from`.
    fn optimize_written_with_arguments(&self, ast: &Ast, optimize: &Optimize) -> Checked<()> {
        let ExprKind::Call(callee, args) = ast.kind(optimize.function) else { return Ok(()) };
        let ExprKind::Name(function) = ast.kind(*callee) else { return Ok(()) };
        let names: Option<Vec<&str>> = args
            .iter()
            .map(|&arg| match ast.kind(arg) {
                ExprKind::Name(name) if self.known(name).is_none() => Some(name.as_str()),
                _ => None,
            })
            .collect();
        let Some(names) = names.filter(|names| !names.is_empty()) else { return Ok(()) };
        let start: Vec<String> = names.iter().map(|n| format!("{n} = …")).collect();
        Err(Diagnostic::runtime(
            DiagnosticCode::MinimizeWithArguments,
            msg!("minimize-with-arguments"),
            ast.span(optimize.function),
            msg!("minimize-with-arguments.label"),
        )
        .with_help(msg!("minimize-with-arguments.help", function = function, start = start)))
    }

    /// `a=1, b=2` after `at` or `from`: names must be parameters, each once.
    pub(super) fn point(&mut self, ast: &Ast, params: &[String], point: &[Binding], complete: bool) -> Checked<()> {
        for (index, binding) in point.iter().enumerate() {
            let unused: Vec<String> =
                params.iter().filter(|p| !point.iter().any(|b| &b.name.name == *p)).cloned().collect();
            check_param_preferring(params, &unused, &binding.name, if complete { "at" } else { "from" })?;
            if point[..index].iter().any(|b| b.name.name == binding.name.name) {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::ListedTwice,
                    msg!("start-twice", name = binding.name.name),
                    binding.name.span,
                    msg!("start-twice.label"),
                ));
            }
            self.number(ast, binding.value, &mut Scope::default())?;
        }
        let missing: Vec<&str> =
            params.iter().filter(|p| !point.iter().any(|b| &b.name.name == *p)).map(String::as_str).collect();
        if complete && !point.is_empty() && !missing.is_empty() {
            let span = point[0].name.span.to(point[point.len() - 1].name.span);
            return Err(Diagnostic::runtime(
                DiagnosticCode::StartMissing,
                msg!("start-missing", missing = missing),
                span,
                msg!("start-missing.label", params = params),
            ));
        }
        Ok(())
    }
}

/// `β` means momentum; with `method = gd` or `adagrad` it would do nothing.
fn check_method_and_momentum(ast: &Ast, settings: &[Setting]) -> Checked<()> {
    let find = |wanted: SettingName| settings.iter().find(|s| SettingName::lookup(&s.name.name) == Some(wanted));
    let (Some(method), Some(beta)) = (find(SettingName::Method), find(SettingName::Momentum)) else { return Ok(()) };
    let Some(ExprKind::Name(name)) = method.value.map(|v| ast.kind(v)) else { return Ok(()) };
    if !matches!(name.as_str(), "gd" | "adagrad" | "sgd") {
        return Ok(());
    }
    Err(Diagnostic::runtime(
        DiagnosticCode::SettingWithoutEffect,
        msg!("setting-without-effect", setting = beta.name.name, method = name),
        beta.name.span,
        msg!("setting-without-effect.label"),
    )
    .with_help(msg!("setting-without-effect.help", setting = beta.name.name)))
}

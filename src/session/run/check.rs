//! Running `check lhs = rhs`: lowers the claim as the left side decides
//! (a function or derivative, with the right side written in its
//! parameters; a gradient; a gradient at a point; or a value or an
//! expression whose unbound names are the claim's variables), hands it to
//! [`decide`](crate::check::decide), counts the verdict and hands on the
//! [`CheckReport`] worded by `render::verdict`. Failed checks do not stop a
//! script; the session counts them.

use crate::check::decide::{self, Rules};
use crate::check::digits;
use crate::check::report::{CheckReport, Verdict};
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::env::{FunctionValue, GradientValue, Kind, Label};
use crate::expr::arena::{Arena, Id, Node};
use crate::lower::{Callable, Globals, Locals, Lowerer};
use crate::msg;
use crate::random;
use crate::render::Document;
use crate::render::results::{self as show, Format};
use crate::session::Session;
use crate::source::Span;
use crate::syntax::ast::{ExprId, ExprKind};
use crate::syntax::parser::Program;

use super::Executed;

/// A claim, lowered: the pairs of sides to compare, over which variables,
/// and how to show the true value of the left side when the claim fails.
struct Claim {
    pairs: Vec<(Id, Id)>,
    /// What must be defined at a point for it to count (see `decide`).
    domain: Vec<Id>,
    /// Text of each left side, for a failing pair ("∂J/∂b").
    left_names: Vec<String>,
    /// Text of each right side.
    right_texts: Vec<String>,
    variables: Vec<Id>,
    names: Vec<String>,
    /// Whether the variables are names bound nowhere (`check sin(2*x) = …`),
    /// so that a verdict says it holds for all of them.
    for_all: bool,
    /// What the left side really is, shown when the claim fails.
    correct: Option<Correct>,
}

/// The left side of a claim, to show as it prints ("∂J/∂b = 3*c") when
/// the claim fails; worked out only then, since a derivative's printed form
/// is simplified and the decision never needs it.
enum Correct {
    Function(FunctionValue),
    Gradient(GradientValue),
    /// An expression and the text of its left side.
    Expression(String, Id),
}

impl Correct {
    fn shown(&self, arena: &mut Arena) -> String {
        match self {
            Correct::Function(function) => show::function_text(arena, function, Format::Text),
            Correct::Gradient(gradient) => show::gradient_inline(arena, gradient),
            Correct::Expression(left, id) => format!("{left} = {}", show::expression_text(arena, *id, Format::Text)),
        }
    }
}

impl Session {
    /// Runs `check lhs = rhs`: the verdict, worded.
    pub(crate) fn check(
        &mut self,
        program: &Program,
        (lhs, left): (ExprId, &Kind),
        rhs: ExprId,
        within: Option<ExprId>,
        statement: Span,
    ) -> Executed {
        let report = self.check_report(program, (lhs, left, rhs), within, statement)?;
        self.count_check(report.verdict);
        Ok(Document { blocks: crate::render::verdict::verdict(&report) })
    }

    /// Decides `check lhs = rhs`.
    fn check_report(
        &mut self,
        program: &Program,
        (lhs, left, rhs): (ExprId, &Kind, ExprId),
        within: Option<ExprId>,
        statement: Span,
    ) -> Result<CheckReport, Diagnostic> {
        let lhs_text = self.source_text(program.ast.span(lhs)).to_string();
        let rhs_text = self.source_text(program.ast.span(rhs)).to_string();
        let tolerance = match within {
            Some(expr) => Some(self.tolerance(program, expr, statement)?),
            None => None,
        };
        let claim = self.claim(program, (lhs, left, rhs), &lhs_text, &rhs_text)?;
        let seed = self.settings.seed ^ random::hash(&spelling_free(&format!("{lhs_text}={rhs_text}")));
        let env = &self.env;
        let global = |name: &str| env.number(name);
        let rules = Rules { tolerance, digits: digits::written_digits(&rhs_text) };
        let outcome =
            decide::decide(&mut self.arena, &claim.pairs, &claim.domain, &claim.variables, &global, seed, rules);
        let verdict = Verdict::of(&outcome);
        let correct = claim.correct.as_ref().filter(|_| verdict == Verdict::Failed).map(|c| c.shown(&mut self.arena));
        Ok(CheckReport {
            verdict,
            lhs: lhs_text,
            rhs: rhs_text,
            outcome,
            left_names: claim.left_names,
            right_texts: claim.right_texts,
            names: claim.names,
            for_all: claim.for_all,
            has_domain: !claim.domain.is_empty(),
            tolerance,
            correct,
        })
    }

    /// The tolerance written after `within`: a number, not below 0.
    fn tolerance(&mut self, program: &Program, expr: ExprId, statement: Span) -> Result<f64, Diagnostic> {
        let (id, origins) = self.lower_value(program, expr, Globals::Inline)?;
        let value = self.value_of(id, &origins, statement)?.to_f64();
        if value < 0.0 {
            return Err(Diagnostic::runtime(
                DiagnosticCode::NegativeTolerance,
                msg!("negative-tolerance"),
                program.ast.span(expr),
                msg!("negative-tolerance.label"),
            ));
        }
        Ok(value)
    }

    /// The claim, lowered as its left side's kind says.
    fn claim(
        &mut self,
        program: &Program,
        (lhs, left, rhs): (ExprId, &Kind, ExprId),
        lhs_text: &str,
        rhs_text: &str,
    ) -> Result<Claim, Diagnostic> {
        let ast = &program.ast;
        let item_texts: Vec<String> = match ast.kind(rhs) {
            ExprKind::Tuple(items) => items.iter().map(|&item| self.source_text(ast.span(item)).to_string()).collect(),
            _ => vec![rhs_text.to_string()],
        };
        let arguments = match ast.kind(lhs) {
            ExprKind::Call(_, args) if !args.is_empty() => {
                let span = ast.span(args[0]).to(ast.span(args[args.len() - 1]));
                self.source_text(span).to_string()
            }
            _ => String::new(),
        };
        let mut lowerer = Lowerer::new(&mut self.arena, &self.env, Globals::Symbolic);
        let callable = match left {
            Kind::Function(_) | Kind::Gradient(_) => lowerer.callable(ast, lhs),
            _ => None,
        };
        let claim = match callable {
            Some(Ok(Callable::Function(function))) => {
                let right = right_side(&mut lowerer, program, rhs, &function.params, &function.variables)?;
                Claim {
                    pairs: vec![(function.body, right)],
                    domain: domain_of(&mut lowerer, &function.label, &function.variables),
                    left_names: vec![lhs_text.to_string()],
                    right_texts: vec![rhs_text.to_string()],
                    variables: function.variables.clone(),
                    names: function.params.to_vec(),
                    for_all: false,
                    correct: Some(Correct::Function(function)),
                }
            }
            Some(Ok(Callable::Gradient(gradient))) => {
                let rights: Vec<(Id, String)> = match (ast.kind(rhs), lowerer.callable(ast, rhs)) {
                    (ExprKind::Tuple(items), _) => {
                        let mut sides = Vec::new();
                        for (&item, text) in items.iter().zip(&item_texts) {
                            let id = right_side(&mut lowerer, program, item, &gradient.params, &gradient.variables)?;
                            sides.push((id, text.clone()));
                        }
                        sides
                    }
                    (_, Some(Ok(Callable::Gradient(other)))) => {
                        let replacements =
                            other.variables.iter().copied().zip(gradient.variables.iter().copied()).collect();
                        other
                            .components
                            .iter()
                            .zip(gradient.params.iter())
                            .map(|(&c, p)| (lowerer.arena.substitute(c, &replacements), other.label.partial_head(p)))
                            .collect()
                    }
                    (_, Some(Err(error))) => return Err(error),
                    // The gradient of a function of one parameter: one expression.
                    (_, None) if gradient.params.len() == 1 => {
                        let id = right_side(&mut lowerer, program, rhs, &gradient.params, &gradient.variables)?;
                        vec![(id, rhs_text.to_string())]
                    }
                    _ => {
                        return Err(Diagnostic::runtime(
                            DiagnosticCode::ClaimSizes,
                            msg!("claim-one-per-parameter"),
                            ast.span(rhs),
                            msg!("here"),
                        ));
                    }
                };
                let left_names = gradient.params.iter().map(|p| gradient.label.partial_head(p)).collect();
                Claim {
                    pairs: gradient.components.iter().copied().zip(rights.iter().map(|(id, _)| *id)).collect(),
                    domain: domain_of(&mut lowerer, &gradient.label.differentiated(&[]), &gradient.variables),
                    left_names,
                    right_texts: rights.into_iter().map(|(_, text)| text).collect(),
                    variables: gradient.variables.clone(),
                    names: gradient.params.to_vec(),
                    for_all: false,
                    correct: Some(Correct::Gradient(gradient)),
                }
            }
            Some(Err(error)) => return Err(error),
            None if matches!(left, Kind::Tuple(_)) => {
                gradient_at_point(&mut lowerer, program, (lhs, rhs), (&arguments, item_texts))?
            }
            None => {
                // Names bound nowhere are the claim's variables, on either side.
                // A symbol of the left side (`x` in `diff(x^2, x)`) is one on the right too.
                let left = lowerer.lower_with(ast, lhs, &Locals { free_symbols: true, ..Locals::default() })?;
                let (left_variables, left_names) = variables_of(lowerer.arena, left);
                let locals = Locals { names: left_names, values: left_variables, free_symbols: true };
                let right = lowerer.lower_with(ast, rhs, &locals)?;
                let both = lowerer.arena.add([left, right]);
                let (mut variables, _) = variables_of(lowerer.arena, both);
                let claim_text = format!("{lhs_text} = {rhs_text}");
                variables.sort_by_key(|&v| first_use(&claim_text, &name_of(lowerer.arena, v)));
                let names = variables.iter().map(|&v| name_of(lowerer.arena, v)).collect();
                // The left side's own form is worth showing only when it was worked out.
                let worked_out = ast.calls(lhs, &["diff", "simplify", "grad"]);
                let correct =
                    (!variables.is_empty() && worked_out).then(|| Correct::Expression(lhs_text.to_string(), left));
                Claim {
                    pairs: vec![(left, right)],
                    domain: Vec::new(),
                    left_names: vec![lhs_text.to_string()],
                    right_texts: vec![rhs_text.to_string()],
                    for_all: !variables.is_empty(),
                    variables,
                    names,
                    correct,
                }
            }
        };
        Ok(claim)
    }
}

/// The variables of `expr` and their names.
fn variables_of(arena: &Arena, expr: Id) -> (Vec<Id>, Vec<String>) {
    let variables = arena.leaves(expr, |node| matches!(node, Node::Var(_)));
    let names = variables.iter().map(|&v| name_of(arena, v)).collect();
    (variables, names)
}

fn name_of(arena: &Arena, variable: Id) -> String {
    match arena.node(variable) {
        Node::Var(symbol) => arena.name(*symbol).to_string(),
        _ => String::new(),
    }
}

/// Where `name` is first written in `text` as a whole name, so that a
/// claim's variables are listed in the order it names them.
fn first_use(text: &str, name: &str) -> usize {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name)
        .find(|&(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(is_name) && !after.is_some_and(is_name)
        })
        .map_or(usize::MAX, |(at, _)| at)
}

/// The function a derivative (or gradient) was taken of, over `variables`:
/// a claim about `∂F/∂x` is a claim wherever F is defined.
fn domain_of(lowerer: &mut Lowerer, label: &Label, variables: &[Id]) -> Vec<Id> {
    if matches!(label, Label::Defined(_)) {
        // A function itself claims nothing about where it is defined.
        return Vec::new();
    }
    let Some(Ok(Callable::Function(base))) = lowerer.named_callable(label.function()) else { return Vec::new() };
    if base.variables.len() != variables.len() {
        return Vec::new();
    }
    vec![lowerer.apply_function(&base, variables)]
}

/// `check ∇J(1, 2, 3) = (3, 9, 6)`: each partial at the point against each value.
fn gradient_at_point(
    lowerer: &mut Lowerer,
    program: &Program,
    (lhs, rhs): (ExprId, ExprId),
    (arguments, item_texts): (&str, Vec<String>),
) -> Result<Claim, Diagnostic> {
    let ast = &program.ast;
    let not_a_gradient = || {
        Diagnostic::runtime(
            DiagnosticCode::ClaimIncomparable,
            msg!("claim-gradient-at-point"),
            ast.span(lhs),
            msg!("claim-gradient-at-point.label"),
        )
    };
    let ExprKind::Call(callee, args) = ast.kind(lhs) else {
        return Err(not_a_gradient());
    };
    // One value for the gradient of a function of one parameter.
    let items = match ast.kind(rhs) {
        ExprKind::Tuple(items) => items.clone(),
        _ => vec![rhs],
    };
    let Some(Ok(Callable::Gradient(gradient))) = lowerer.callable(ast, *callee) else {
        return Err(not_a_gradient());
    };
    let point =
        args.iter().map(|&arg| lowerer.lower_with(ast, arg, &Locals::default())).collect::<Result<Vec<_>, _>>()?;
    // Names bound nowhere on the right are the claim's variables, as in any claim.
    let free = Locals { free_symbols: true, ..Locals::default() };
    let mut pairs = Vec::new();
    for (&component, &item) in gradient.components.iter().zip(&items) {
        let left = lowerer.apply_body(&gradient.variables, component, &point);
        pairs.push((left, lowerer.lower_with(ast, item, &free)?));
    }
    let rights = lowerer.arena.add(pairs.iter().map(|&(_, right)| right));
    let (variables, names) = variables_of(lowerer.arena, rights);
    Ok(Claim {
        pairs,
        domain: Vec::new(),
        left_names: gradient
            .params
            .iter()
            .map(|p| format!("({})({arguments})", gradient.label.partial_head(p)))
            .collect(),
        right_texts: item_texts,
        for_all: !variables.is_empty(),
        variables,
        names,
        correct: None,
    })
}

/// The right side of a claim about a function of `params`: an expression in
/// those parameters, or another function of as many parameters.
fn right_side(
    lowerer: &mut Lowerer,
    program: &Program,
    rhs: ExprId,
    params: &[String],
    variables: &[Id],
) -> Result<Id, Diagnostic> {
    let ast = &program.ast;
    match lowerer.callable(ast, rhs) {
        Some(Ok(Callable::Function(other))) if other.params.len() == params.len() => {
            Ok(lowerer.apply_function(&other, variables))
        }
        Some(Ok(_)) => Err(Diagnostic::runtime(
            DiagnosticCode::ClaimIncomparable,
            msg!("claim-right-side"),
            ast.span(rhs),
            msg!("claim-right-side.label", params = params),
        )),
        Some(Err(error)) => Err(error),
        None => {
            let locals = Locals { names: params.to_vec(), values: variables.to_vec(), free_symbols: false };
            lowerer.lower_with(ast, rhs, &locals)
        }
    }
}

/// The claim's text without spaces and with pasted-maths operators in ASCII
/// (`·` is `*`, `−` is `-`), so that the same claim however typed is checked
/// at the same random points.
fn spelling_free(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '·' | '×' | '⋅' => '*',
            '−' => '-',
            '÷' => '/',
            '′' => '\'',
            other => other,
        })
        .collect()
}

//! Arithmetic on derivatives: `∂²f/∂x² + ∂²f/∂y²`, `2*∂J/∂a`, `-f'`. When
//! an expression combines function values of the same parameters (and
//! numbers), it is itself a function of those parameters: its body is the
//! same arithmetic on theirs, simplified, and it is named as written.

use super::{Callable, Lowerer};
use crate::diagnostics::Diagnostic;
use crate::env::{FunctionValue, Label};
use crate::expr::arena::{Constancy, Id};
use crate::expr::latex::name_latex;
use crate::syntax::ast::{Ast, BinaryOp, ExprId, ExprKind};
use crate::syntax::span::Span;

/// A part of a combination: a function, or a number that applies to every point.
enum Part {
    Function(FunctionValue),
    Number(Id),
}

impl Lowerer<'_> {
    /// `a + b`, `a*b`, `-a`… where a function is among the operands.
    pub(super) fn combination(&mut self, ast: &Ast, id: ExprId) -> Option<Result<Callable, Diagnostic>> {
        if !ast.mentions_derivative(id) {
            return None;
        }
        match self.part(ast, id)? {
            Ok(Part::Function(function)) => Some(Ok(Callable::Function(function))),
            Ok(Part::Number(_)) => None,
            Err(error) => Some(Err(error)),
        }
    }

    /// An operand as a function or a number; `None` when it is neither
    /// (a vector, a gradient), so the expression is not a combination.
    fn part(&mut self, ast: &Ast, id: ExprId) -> Option<Result<Part, Diagnostic>> {
        stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || self.part_of(ast, id))
    }

    fn part_of(&mut self, ast: &Ast, id: ExprId) -> Option<Result<Part, Diagnostic>> {
        match ast.kind(id) {
            ExprKind::Binary(op, a, b) => {
                let (a, b) = match (self.part(ast, *a)?, self.part(ast, *b)?) {
                    (Ok(a), Ok(b)) => (a, b),
                    (Err(error), _) | (_, Err(error)) => return Some(Err(error)),
                };
                Some(self.combine(*op, a, b, ast.span(id)))
            }
            ExprKind::Neg(a) => match self.part(ast, *a)? {
                Ok(Part::Function(f)) => {
                    let body = self.arena.neg(f.body);
                    let label = Label::Combination {
                        text: format!("-{}", wrapped(&f.label)),
                        latex: format!("-{}", latex_of(&f.label)),
                    };
                    Some(Ok(Part::Function(FunctionValue { label, body, ..f })))
                }
                other => Some(other),
            },
            _ => match self.callable(ast, id) {
                Some(Ok(Callable::Function(f))) => Some(Ok(Part::Function(f))),
                Some(Ok(Callable::Gradient(_))) => None,
                Some(Err(error)) => Some(Err(error)),
                None => {
                    let value = self.lower(ast, id).ok()?;
                    let constant = matches!(self.arena.constancy(value), Constancy::Value(_));
                    constant.then_some(Ok(Part::Number(value)))
                }
            },
        }
    }

    fn combine(&mut self, op: BinaryOp, a: Part, b: Part, span: Span) -> Result<Part, Diagnostic> {
        let template = match (&a, &b) {
            (Part::Number(x), Part::Number(y)) => return Ok(Part::Number(self.operate(op, *x, *y))),
            (Part::Function(f), Part::Function(g)) if f.params != g.params => {
                return Err(Diagnostic::runtime(
                    "these functions have different parameters",
                    span,
                    format!("{} and {}", f.params.join(", "), g.params.join(", ")),
                )
                .with_help("functions combine when they have the same parameters"));
            }
            (Part::Function(t), _) | (_, Part::Function(t)) => t.clone(),
        };
        let body = self.operate(op, body_of(&a), body_of(&b));
        let body = self.arena.simplify(body);
        let (symbol, latex_symbol) = match op {
            BinaryOp::Add => (" + ", " + "),
            BinaryOp::Sub => (" - ", " - "),
            BinaryOp::Mul => ("*", " \\cdot "),
            BinaryOp::Div => ("/", " / "),
            BinaryOp::Pow => ("^", "^"),
        };
        let label = Label::Combination {
            text: format!("{}{symbol}{}", self.text_of(&a, op), self.text_of(&b, op)),
            latex: format!("{}{latex_symbol}{}", self.latex_part(&a), self.latex_part(&b)),
        };
        Ok(Part::Function(FunctionValue { label, body, ..template }))
    }

    fn operate(&mut self, op: BinaryOp, x: Id, y: Id) -> Id {
        match op {
            BinaryOp::Add => self.arena.add([x, y]),
            BinaryOp::Sub => self.arena.sub(x, y),
            BinaryOp::Mul => self.arena.mul([x, y]),
            BinaryOp::Div => self.arena.div(x, y),
            BinaryOp::Pow => self.arena.pow(x, y),
        }
    }

    fn text_of(&self, part: &Part, op: BinaryOp) -> String {
        match part {
            Part::Function(f) if matches!(op, BinaryOp::Add | BinaryOp::Sub) => f.label.head(),
            Part::Function(f) => wrapped(&f.label),
            Part::Number(n) => crate::show::expression(self.arena, *n, crate::show::Format::Text),
        }
    }

    fn latex_part(&self, part: &Part) -> String {
        match part {
            Part::Function(f) => latex_of(&f.label),
            Part::Number(n) => crate::show::expression(self.arena, *n, crate::show::Format::Latex),
        }
    }
}

fn body_of(part: &Part) -> Id {
    match part {
        Part::Function(f) => f.body,
        Part::Number(n) => *n,
    }
}

/// A label as one operand: a sum in brackets.
fn wrapped(label: &Label) -> String {
    match label {
        Label::Combination { text, .. } if text.contains(" + ") || text.contains(" - ") => format!("({text})"),
        other => other.head(),
    }
}

/// A label in LaTeX, as the left side of `… = body`.
fn latex_of(label: &Label) -> String {
    match label {
        Label::Combination { latex, .. } => latex.clone(),
        Label::Defined(name) => name_latex(name),
        other => crate::show::head(other, &[], crate::show::Format::Latex),
    }
}

//! Arithmetic on derivatives: `∂²f/∂x² + ∂²f/∂y²`, `2*∂J/∂a`, `-f'`. When
//! an expression combines function values of the same parameters (and
//! numbers), it is itself a function of those parameters: its body is the
//! same arithmetic on theirs, and it prints as that arithmetic on their
//! printed forms, made readable; it is named as written.

use super::{Callable, Lowerer};
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::env::{FunctionValue, Label, Printing};
use crate::expr::arena::{Id, Node};
use crate::expr::latex::name_latex;
use crate::expr::print::{Prec, Printer};
use crate::msg;
use crate::source::Span;
use crate::syntax::ast::{Ast, BinaryOp, ExprId, ExprKind};

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
                    let printed = f.printed(self.arena);
                    let negated = self.arena.neg(printed);
                    let printing = Printing::Form(self.readable(negated));
                    let (text, latex) = (f.label.head(), latex_of(&f.label));
                    let (text, latex) = match label_prec(&f.label) {
                        Prec::Sum => (format!("-({text})"), format!("-\\left({latex}\\right)")),
                        _ => (format!("-{text}"), format!("-{latex}")),
                    };
                    let label = Label::Combination { text, latex, prec: Prec::Unary };
                    Some(Ok(Part::Function(FunctionValue { label, body, printing, ..f })))
                }
                other => Some(other),
            },
            _ => match self.callable(ast, id) {
                Some(Ok(Callable::Function(f))) => Some(Ok(Part::Function(f))),
                Some(Ok(Callable::Gradient(_))) => None,
                Some(Err(error)) => Some(Err(error)),
                None => self.number_part(ast, id),
            },
        }
    }

    /// An operand that is not function-valued, as a number of the combination:
    /// a constant, a bound number (`x`, kept by name), a reduction of data
    /// (`sum(v)`), or an expression in free symbols (`diff(y^2, y)`, which
    /// no function combines with). `None` for a vector (the combination is
    /// not one) or what does not lower here.
    fn number_part(&mut self, ast: &Ast, id: ExprId) -> Option<Result<Part, Diagnostic>> {
        // An operand that does not lower on its own (`y` in a claim's right
        // side, a parameter there) is for the caller to lower in its context.
        let value = self.lower(ast, id).ok()?;
        self.arena.rows(value).is_none().then_some(Ok(Part::Number(value)))
    }

    fn combine(&mut self, op: BinaryOp, a: Part, b: Part, span: Span) -> Result<Part, Diagnostic> {
        let template = match (&a, &b) {
            (Part::Number(x), Part::Number(y)) => return Ok(Part::Number(self.operate(op, *x, *y))),
            (Part::Function(f), Part::Function(g)) if f.params != g.params => {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::DifferentParameters,
                    msg!("different-parameters"),
                    span,
                    msg!("different-parameters.both", left = f.params, right = g.params),
                )
                .with_help(msg!("functions-combine.help")));
            }
            (Part::Function(t), Part::Function(_)) => t.clone(),
            (Part::Function(t), Part::Number(n)) | (Part::Number(n), Part::Function(t)) => {
                if let Some(&symbol) = self.arena.leaves(*n, |node| matches!(node, Node::Var(_))).first() {
                    let name = Printer::new(self.arena).text(symbol);
                    return Err(Diagnostic::runtime(
                        DiagnosticCode::DerivativeWithSymbols,
                        msg!("derivative-with-symbols", name = name),
                        span,
                        msg!("derivative-with-symbols.label", params = t.params, name = name),
                    )
                    .with_help(msg!("derivative-with-symbols.help")));
                }
                t.clone()
            }
        };
        let body = self.operate(op, body_of(&a), body_of(&b));
        let (printed_a, printed_b) = (self.printed(&a), self.printed(&b));
        let printed = self.operate(op, printed_a, printed_b);
        let printing = Printing::Form(self.readable(printed));
        let prec = match op {
            BinaryOp::Add | BinaryOp::Sub => Prec::Sum,
            BinaryOp::Mul | BinaryOp::Div => Prec::Product,
            BinaryOp::Pow => Prec::Power,
        };
        let brackets = bracketed(op, written_prec(&a, self.arena), written_prec(&b, self.arena));
        let label = Label::Combination {
            text: self.text(op, (&a, &b), brackets),
            latex: self.latex(op, (&a, &b), brackets),
            prec,
        };
        Ok(Part::Function(FunctionValue { label, body, printing, ..template }))
    }

    fn printed(&mut self, part: &Part) -> Id {
        match part {
            Part::Function(f) => f.printed(self.arena),
            Part::Number(n) => *n,
        }
    }

    /// A combination's body as it reads best: simplified, or multiplied out
    /// when that is no longer (`3 + 3*b - 3*c`, not `3 - (3*c - 3*b)`).
    fn readable(&mut self, body: Id) -> Id {
        let (simplified, expanded) = (self.arena.simplify(body), self.arena.expand(body));
        if self.arena.print_length(expanded) <= self.arena.print_length(simplified) { expanded } else { simplified }
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

    /// `a + b`, `a - (b - c)`, `2*(f' + f'')`, `(∂J/∂b)^2`: brackets wherever
    /// the name would otherwise read differently, by the operands' precedence.
    fn text(&self, op: BinaryOp, (a, b): (&Part, &Part), (l, r): (bool, bool)) -> String {
        let wrap = |text: String, wrapped: bool| if wrapped { format!("({text})") } else { text };
        let (left, right) = (wrap(self.text_of(a), l), wrap(self.text_of(b), r));
        match op {
            BinaryOp::Add => format!("{left} + {right}"),
            BinaryOp::Sub => format!("{left} - {right}"),
            BinaryOp::Mul => format!("{left}*{right}"),
            BinaryOp::Div => format!("{left}/{right}"),
            BinaryOp::Pow => format!("{left}^{right}"),
        }
    }

    /// The same in LaTeX, where a fraction and an exponent show their
    /// grouping by their layout: only a power's base may need brackets there.
    fn latex(&self, op: BinaryOp, (a, b): (&Part, &Part), (l, r): (bool, bool)) -> String {
        let wrap = |text: String, wrapped: bool| if wrapped { format!("\\left({text}\\right)") } else { text };
        let (left, right) = (self.latex_part(a), self.latex_part(b));
        match op {
            BinaryOp::Div => format!("\\frac{{{left}}}{{{right}}}"),
            BinaryOp::Pow => format!("{}^{{{right}}}", wrap(left, l)),
            BinaryOp::Add => format!("{} + {}", wrap(left, l), wrap(right, r)),
            BinaryOp::Sub => format!("{} - {}", wrap(left, l), wrap(right, r)),
            BinaryOp::Mul => format!("{} \\cdot {}", wrap(left, l), wrap(right, r)),
        }
    }

    /// How an operand is named: a function by its label, a number by its value.
    fn text_of(&self, part: &Part) -> String {
        match part {
            Part::Function(f) => f.label.head(),
            Part::Number(n) => Printer::new(self.arena).text(*n),
        }
    }

    fn latex_part(&self, part: &Part) -> String {
        match part {
            Part::Function(f) => latex_of(&f.label),
            Part::Number(n) => Printer::new(self.arena).latex(*n),
        }
    }
}

/// The precedence of an operand as written: a combination's outermost
/// operation; `∂J/∂a` a quotient (a product); a name or `f'` an atom; a
/// number as it prints.
fn written_prec(part: &Part, arena: &crate::expr::arena::Arena) -> Prec {
    match part {
        Part::Function(f) => label_prec(&f.label),
        Part::Number(n) => Printer::new(arena).form(*n).prec(),
    }
}

/// The precedence of a function's label as written (see [`written_prec`]).
fn label_prec(label: &Label) -> Prec {
    match label {
        Label::Combination { prec, .. } => *prec,
        Label::Partial { .. } => Prec::Product,
        Label::Defined(_) | Label::Prime { .. } => Prec::Atom,
    }
}

/// Whether the left and right operands of `op` need brackets, from their
/// precedence: `a - (b + c)`, `2*(a + b)`, `(∂J/∂a)/x`, `(2*f')^2`.
fn bracketed(op: BinaryOp, left: Prec, right: Prec) -> (bool, bool) {
    let negative_or_sum = |prec: Prec| matches!(prec, Prec::Sum | Prec::Unary);
    match op {
        BinaryOp::Add => (false, false),
        BinaryOp::Sub => (false, negative_or_sum(right)),
        BinaryOp::Mul => (negative_or_sum(left), negative_or_sum(right)),
        BinaryOp::Div => (left <= Prec::Unary, right != Prec::Atom),
        BinaryOp::Pow => (left != Prec::Atom, right != Prec::Atom),
    }
}

fn body_of(part: &Part) -> Id {
    match part {
        Part::Function(f) => f.body,
        Part::Number(n) => *n,
    }
}

/// A label in LaTeX, as the left side of `… = body`.
fn latex_of(label: &Label) -> String {
    match label {
        Label::Combination { latex, .. } => latex.clone(),
        Label::Defined(name) => name_latex(name),
        Label::Prime { function, order } => format!("{}{}", name_latex(function), "'".repeat(*order)),
        Label::Partial { .. } => label.latex_head(&[]),
    }
}

#[cfg(test)]
mod tests {
    use crate::session::{Captured, Input, Session, Settings};

    fn run(code: &str) -> String {
        let mut session = Session::new(Settings::default());
        let mut out = Captured::default();
        session.run(vec![Input { name: "-e".into(), text: code.into(), dir: ".".into() }], &mut out);
        assert_eq!(out.err, "", "{code}");
        out.out
    }

    #[test]
    fn labels_read_as_the_values_they_name() {
        let j = "J(a, b, c) = 3*(a + b*c)\n";
        assert_eq!(run(&format!("{j}∂J/∂a - (∂J/∂b - ∂J/∂c)")), "∂J/∂a - (∂J/∂b - ∂J/∂c) = 3 + 3*b - 3*c\n");
        assert_eq!(run(&format!("{j}(∂J/∂b)^2")), "(∂J/∂b)^2 = 9*c^2\n");
        assert_eq!(run(&format!("{j}(-∂J/∂b)^2")), "(-∂J/∂b)^2 = 9*c^2\n");
        assert_eq!(run(&format!("{j}2*(∂J/∂b + ∂J/∂c)")), "2*(∂J/∂b + ∂J/∂c) = 6*b + 6*c\n");
        assert_eq!(run(&format!("{j}-(∂J/∂b + ∂J/∂c)")), "-(∂J/∂b + ∂J/∂c) = -3*b - 3*c\n");
        assert_eq!(
            run(&format!("{j}(∂J/∂b)^2 as latex")),
            "\\left(\\frac{\\partial J}{\\partial b}\\right)^{2} = 9 c^{2}\n"
        );
    }
}

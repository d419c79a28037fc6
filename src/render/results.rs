//! Showing results to the user: numbers, vectors, expressions, functions
//! (`J(a, b, c) = …`), derivatives (`∂J/∂b = 3*c`), gradients (one line per
//! parameter), tuples and record fields. Each becomes a formula block
//! carrying both its text and its LaTeX (or, written `as latex`, a block of
//! LaTeX source); the `*_text` functions give one form as a string, for
//! other reports to quote. The one place that decides how a result reads.

use super::document::Block;
use crate::env::{FunctionValue, GradientValue, Label};
use crate::expr::arena::{Arena, Id};
use crate::expr::latex::name_latex;
use crate::expr::number::format_value;
use crate::expr::print::Printer;

/// Text or LaTeX.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Latex,
}

/// A result as a block: a formula, or LaTeX source when asked `as latex`.
fn block(text: impl FnOnce() -> String, latex: String, format: Format) -> Block {
    match format {
        Format::Text => Block::Formula { text: text(), latex },
        Format::Latex => Block::Code { language: "latex", text: latex },
    }
}

/// An expression.
pub fn expression(arena: &Arena, id: Id, format: Format) -> Block {
    block(|| expression_text(arena, id, Format::Text), expression_text(arena, id, Format::Latex), format)
}

/// A number.
pub fn number(value: f64, format: Format) -> Block {
    block(|| number_text(value, Format::Text), number_text(value, Format::Latex), format)
}

/// A vector: `[1, 2, 3]`, long ones elided in the middle.
pub fn vector(values: &ndarray::Array1<f64>, format: Format) -> Block {
    block(|| crate::data::table::vector_text(values), vector_latex(values), format)
}

/// `(3, 6, 9)`
pub fn tuple(values: &[f64], format: Format) -> Block {
    block(|| tuple_text(values, Format::Text), tuple_text(values, Format::Latex), format)
}

/// `r.x = 1.5`: a field of a bound record.
pub fn field(record: &str, field: &str, value: f64, format: Format) -> Block {
    let latex = format!("{}.{} = {}", name_latex(record), name_latex(field), number_text(value, Format::Latex));
    block(|| format!("{record}.{field} = {}", number_text(value, Format::Text)), latex, format)
}

/// `J(a, b, c) = 3*(a + b*c)`, `∂J/∂b = 3*c`.
pub fn function(arena: &mut Arena, function: &FunctionValue, format: Format) -> Block {
    let latex = function_text(arena, function, Format::Latex);
    block(|| function_text(arena, function, Format::Text), latex, format)
}

/// One line per parameter: `∂J/∂a = 3`, …
pub fn gradient(arena: &mut Arena, gradient: &GradientValue, format: Format) -> Vec<Block> {
    let latex = gradient_lines(arena, gradient, Format::Latex);
    let text = gradient_lines(arena, gradient, Format::Text);
    text.into_iter().zip(latex).map(|(text, latex)| block(|| text, latex, format)).collect()
}

/// An expression in the chosen format.
pub fn expression_text(arena: &Arena, id: Id, format: Format) -> String {
    let mut printer = Printer::new(arena);
    match format {
        Format::Text => printer.text(id),
        Format::Latex => printer.latex(id),
    }
}

/// A number in the chosen format.
pub fn number_text(value: f64, format: Format) -> String {
    let text = format_value(value);
    match (format, text.split_once('e')) {
        (Format::Latex, Some((mantissa, exponent))) => {
            format!("{mantissa} \\times 10^{{{}}}", exponent.parse::<i32>().unwrap_or(0))
        }
        _ => text,
    }
}

/// A vector in LaTeX: `\left[1, 2, 3\right]`, long ones with `\ldots` in the middle.
pub fn vector_latex(values: &ndarray::Array1<f64>) -> String {
    let (elements, _) = crate::data::table::elements(values, "\\ldots", |v| number_text(v, Format::Latex));
    format!("\\left[{elements}\\right]")
}

/// `(3, 6, 9)` in the chosen format.
fn tuple_text(values: &[f64], format: Format) -> String {
    let parts: Vec<String> = values.iter().map(|v| number_text(*v, format)).collect();
    match format {
        Format::Text => format!("({})", parts.join(", ")),
        Format::Latex => format!("\\left({}\\right)", parts.join(", ")),
    }
}

/// The left side of a function's line: `J(a, b, c)`, `∂J/∂b`, `f'(x)`.
pub fn head(label: &Label, params: &[String], format: Format) -> String {
    match (format, label) {
        (Format::Text, Label::Defined(name)) => format!("{name}({})", params.join(", ")),
        (Format::Text, Label::Prime { .. }) => format!("{}({})", label.head(), params.join(", ")),
        (Format::Text, Label::Partial { .. } | Label::Combination { .. }) => label.head(),
        (Format::Latex, _) => label.latex_head(params),
    }
}

/// `J(a, b, c) = 3*(a + b*c)` in the chosen format.
pub fn function_text(arena: &mut Arena, function: &FunctionValue, format: Format) -> String {
    let printed = function.printed(arena);
    format!("{} = {}", head(&function.label, &function.params, format), expression_text(arena, printed, format))
}

/// A gradient's lines in the chosen format: one per component, or one
/// line `g(a, b) = (b, a)` for a snapshot whose function was redefined.
fn gradient_lines(arena: &mut Arena, gradient: &GradientValue, format: Format) -> Vec<String> {
    let printed = gradient.printed(arena);
    if let Some(name) = &gradient.snapshot {
        let parts: Vec<String> = printed.iter().map(|&c| expression_text(arena, c, format)).collect();
        let head = head(&Label::Defined(name.clone()), &gradient.params, format);
        return vec![match format {
            Format::Text => format!("{head} = ({})", parts.join(", ")),
            Format::Latex => format!("{head} = \\left({}\\right)", parts.join(", ")),
        }];
    }
    gradient
        .params
        .iter()
        .zip(&printed)
        .map(|(param, &component)| {
            let label = gradient.label.differentiated(std::slice::from_ref(param));
            format!("{} = {}", head(&label, &gradient.params, format), expression_text(arena, component, format))
        })
        .collect()
}

/// `∇J = (3, 3*c, 3*b)`: a gradient on one line, for check verdicts
/// (`g(a, b) = (b, a)` for a snapshot whose function was redefined).
pub fn gradient_inline(arena: &mut Arena, gradient: &GradientValue) -> String {
    if gradient.snapshot.is_some() {
        return gradient_lines(arena, gradient, Format::Text).concat();
    }
    let printed = gradient.printed(arena);
    let parts: Vec<String> = printed.iter().map(|&c| expression_text(arena, c, Format::Text)).collect();
    format!("∇{} = ({})", gradient.function, parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_numbers_show_finite_in_every_format() {
        for value in [f64::MAX, -f64::MAX, 1.797e308, 5e-324, -1e-320, f64::MIN_POSITIVE] {
            for format in [Format::Text, Format::Latex] {
                let text = number_text(value, format);
                assert!(!text.contains("inf") && text != "0", "{value}: {text}");
                assert!(!tuple_text(&[value], format).contains("inf"));
            }
            let vector = crate::data::table::vector_text(&ndarray::Array1::from(vec![value; 20]));
            assert!(!vector.contains("inf") && !vector.contains("[0,"), "{vector}");
        }
        assert_eq!(number_text(f64::MAX, Format::Latex), "1.7976931348623157 \\times 10^{308}");
        assert_eq!(number_text(5e-324, Format::Text), "5e-324");
    }
}

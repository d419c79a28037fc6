//! Showing results to the user: numbers, expressions, functions (`J(a, b, c)
//! = …`), derivatives (`∂J/∂b = 3*c`), gradients (one line per parameter) and
//! tuples, as text or as LaTeX. The one place that decides how a result reads.

use crate::env::{FunctionValue, GradientValue, Label};
use crate::expr::arena::{Arena, Id};
use crate::expr::latex::name_latex;
use crate::expr::number::format_value;
use crate::expr::print::Printer;
use crate::syntax::notation::partial_notation;

/// Text or LaTeX.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Latex,
}

/// An expression in the chosen format.
pub fn expression(arena: &Arena, id: Id, format: Format) -> String {
    let mut printer = Printer::new(arena);
    match format {
        Format::Text => printer.text(id),
        Format::Latex => printer.latex(id),
    }
}

/// A number result.
pub fn number(value: f64, format: Format) -> String {
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
    let (elements, _) = crate::data::table::elements(values, "\\ldots", |v| number(v, Format::Latex));
    format!("\\left[{elements}\\right]")
}

/// `(3, 6, 9)`
pub fn tuple(values: &[f64], format: Format) -> String {
    let parts: Vec<String> = values.iter().map(|v| number(*v, format)).collect();
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
        (Format::Latex, Label::Combination { latex, .. }) => latex.clone(),
        (Format::Latex, Label::Defined(name)) => {
            let params: Vec<String> = params.iter().map(|p| name_latex(p)).collect();
            format!("{}\\left({}\\right)", name_latex(name), params.join(", "))
        }
        (Format::Latex, Label::Prime { function, order }) => {
            let params: Vec<String> = params.iter().map(|p| name_latex(p)).collect();
            format!("{}{}\\left({}\\right)", name_latex(function), "'".repeat(*order), params.join(", "))
        }
        (Format::Latex, Label::Partial { function, variables }) => partial_latex(function, variables),
    }
}

/// `J(a, b, c) = 3*(a + b*c)`, `∂J/∂b = 3*c`.
pub fn function(arena: &mut Arena, function: &FunctionValue, format: Format) -> String {
    let printed = function.printed(arena);
    format!("{} = {}", head(&function.label, &function.params, format), expression(arena, printed, format))
}

/// One line per parameter: `∂J/∂a = 3`, …
pub fn gradient(arena: &mut Arena, gradient: &GradientValue, format: Format) -> Vec<String> {
    let printed = gradient.printed(arena);
    gradient
        .params
        .iter()
        .zip(&printed)
        .map(|(param, &component)| {
            let label = gradient.label.differentiated(std::slice::from_ref(param));
            format!("{} = {}", head(&label, &gradient.params, format), expression(arena, component, format))
        })
        .collect()
}

/// `∇J = (3, 3*c, 3*b)`: a gradient on one line, for check verdicts.
pub fn gradient_inline(arena: &mut Arena, gradient: &GradientValue) -> String {
    let printed = gradient.printed(arena);
    let parts: Vec<String> = printed.iter().map(|&c| expression(arena, c, Format::Text)).collect();
    format!("∇{} = ({})", gradient.function, parts.join(", "))
}

/// `\frac{\partial^{2} J}{\partial b \partial c}`
fn partial_latex(function: &str, variables: &[String]) -> String {
    let mut parts = Vec::new();
    let mut index = 0;
    while index < variables.len() {
        let run = variables[index..].iter().take_while(|v| **v == variables[index]).count();
        let power = if run > 1 { format!("^{{{run}}}") } else { String::new() };
        parts.push(format!("\\partial {}{power}", name_latex(&variables[index])));
        index += run;
    }
    let order = if variables.len() > 1 { format!("^{{{}}}", variables.len()) } else { String::new() };
    format!("\\frac{{\\partial{order} {}}}{{{}}}", name_latex(function), parts.join(" "))
}

/// `∂J/∂b` for a one-variable partial of `function`.
pub fn partial_head(function: &str, variable: &str) -> String {
    partial_notation(function, &[variable.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_numbers_show_finite_in_every_format() {
        for value in [f64::MAX, -f64::MAX, 1.797e308, 5e-324, -1e-320, f64::MIN_POSITIVE] {
            for format in [Format::Text, Format::Latex] {
                let text = number(value, format);
                assert!(!text.contains("inf") && text != "0", "{value}: {text}");
                assert!(!tuple(&[value], format).contains("inf"));
            }
            let vector = crate::data::table::vector_text(&ndarray::Array1::from(vec![value; 20]));
            assert!(!vector.contains("inf") && !vector.contains("[0,"), "{vector}");
        }
        assert_eq!(number(f64::MAX, Format::Latex), "1.7976931348623157 \\times 10^{308}");
        assert_eq!(number(5e-324, Format::Text), "5e-324");
    }
}

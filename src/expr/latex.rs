//! LaTeX output (`EXPR as latex`): renders the same layout as the text
//! printer (`print::Form`), with `\frac`, `^{…}`, `\sqrt`, `\sigma`, and names
//! such as `θ₁` as `\theta_{1}`.

use super::number::format_value;
use super::print::{Form, Prec};
use crate::builtins::Func;

/// Renders a laid-out expression as LaTeX.
pub fn latex(form: &Form) -> String {
    stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || latex_inner(form))
}

fn latex_inner(form: &Form) -> String {
    match form {
        Form::Number(n) => match n.as_integer() {
            Some(i) => i.to_string(),
            None => scientific(&format_value(n.to_f64())),
        },
        Form::Symbol(name) => name_latex(name),
        Form::Call(Func::Abs, arg) => format!("\\left|{}\\right|", latex(arg)),
        Form::Call(func, arg) => format!("{}\\left({}\\right)", function_latex(*func), latex(arg)),
        Form::Reduce(reduction, arg) => {
            format!("\\operatorname{{{}}}\\left({}\\right)", reduction.name(), latex(arg))
        }
        Form::Sqrt(arg) => format!("\\sqrt{{{}}}", latex(arg)),
        Form::Power(base, exponent) => format!("{}^{{{}}}", wrapped(base, Prec::Atom), latex(exponent)),
        Form::Product { negative, numerator, denominator } => {
            let sign = if *negative { "-" } else { "" };
            if denominator.is_empty() {
                return format!("{sign}{}", factors(numerator));
            }
            format!("{sign}\\frac{{{}}}{{{}}}", fraction_part(numerator), fraction_part(denominator))
        }
        Form::Sum(terms) => {
            let mut out = String::new();
            for (index, (subtracted, term)) in terms.iter().enumerate() {
                let shown = if *subtracted { wrapped(term, Prec::Product) } else { latex(term) };
                match (index, subtracted) {
                    (0, false) => out.push_str(&shown),
                    (0, true) => out.push_str(&format!("-{shown}")),
                    (_, false) => out.push_str(&format!(" + {shown}")),
                    (_, true) => out.push_str(&format!(" - {shown}")),
                }
            }
            out
        }
    }
}

/// Factors side by side (`3 c`), with `\cdot` before one that starts with a digit.
fn factors(list: &[std::rc::Rc<Form>]) -> String {
    if list.is_empty() {
        return "1".to_string();
    }
    let mut out = String::new();
    for (index, factor) in list.iter().enumerate() {
        if index > 0 {
            out.push_str(if starts_with_digit(factor) { " \\cdot " } else { " " });
        }
        out.push_str(&wrapped(factor, Prec::Unary));
    }
    out
}

/// True when a factor's LaTeX begins with a digit, so that side by side with
/// the factor before it, it would read as one number (`3 2^{x}` is 32ˣ).
fn starts_with_digit(form: &Form) -> bool {
    match form {
        Form::Number(_) => true,
        Form::Power(base, _) => starts_with_digit(base),
        _ => false,
    }
}

/// One side of a `\frac`: a lone factor needs no brackets there.
fn fraction_part(list: &[std::rc::Rc<Form>]) -> String {
    match list {
        [single] => latex(single),
        several => factors(several),
    }
}

fn wrapped(form: &Form, at_least: Prec) -> String {
    if form.prec() < at_least { format!("\\left({}\\right)", latex(form)) } else { latex(form) }
}

/// `1e-07` as `1 \times 10^{-7}`; other numbers unchanged.
fn scientific(text: &str) -> String {
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let exponent: i32 = exponent.parse().unwrap_or(0);
            format!("{mantissa} \\times 10^{{{exponent}}}")
        }
        None => text.to_string(),
    }
}

fn function_latex(func: Func) -> &'static str {
    match func {
        Func::Exp => "\\exp",
        Func::Log => "\\log",
        Func::Sin => "\\sin",
        Func::Cos => "\\cos",
        Func::Tan => "\\tan",
        Func::Tanh => "\\tanh",
        Func::Sigmoid => "\\sigma",
        Func::Relu => "\\operatorname{relu}",
        Func::Softplus => "\\operatorname{softplus}",
        Func::Abs => "\\operatorname{abs}",
        Func::Step => "\\operatorname{step}",
        Func::Sign => "\\operatorname{sign}",
        Func::Log10 => "\\log_{10}",
        Func::Log2 => "\\log_{2}",
        Func::Asin => "\\arcsin",
        Func::Acos => "\\arccos",
        Func::Atan => "\\arctan",
        Func::Sinh => "\\sinh",
        Func::Cosh => "\\cosh",
        Func::Log1p => "\\operatorname{log1p}",
        Func::Expm1 => "\\operatorname{expm1}",
        Func::Log1mexp => "\\operatorname{log1mexp}",
    }
}

/// A gd name in LaTeX: Greek letters as commands, subscripts after `_`,
/// trailing digits or subscript digits as subscripts, long names upright.
pub fn name_latex(name: &str) -> String {
    let (base, subscript) = split_subscript(name);
    let base = if base.chars().count() == 1 {
        greek(base.chars().next().unwrap_or('?')).map_or_else(|| base.to_string(), |g| g.to_string())
    } else {
        format!("\\mathrm{{{base}}}")
    };
    match subscript {
        Some(sub) => format!("{base}_{{{sub}}}"),
        None => base,
    }
}

fn split_subscript(name: &str) -> (&str, Option<String>) {
    if let Some((base, sub)) = name.split_once('_')
        && !base.is_empty()
        && !sub.is_empty()
    {
        return (base, Some(sub.to_string()));
    }
    let digits_start = name
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || ('₀'..='₉').contains(c))
        .last()
        .map(|(i, _)| i);
    match digits_start {
        Some(at) if at > 0 => {
            let digits: String = name[at..]
                .chars()
                .map(|c| if c.is_ascii_digit() { c } else { char::from(b'0' + (c as u32 - '₀' as u32) as u8) })
                .collect();
            (&name[..at], Some(digits))
        }
        _ => (name, None),
    }
}

fn greek(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => "\\alpha",
        'β' => "\\beta",
        'γ' => "\\gamma",
        'δ' => "\\delta",
        'ε' => "\\epsilon",
        'ζ' => "\\zeta",
        'η' => "\\eta",
        'θ' => "\\theta",
        'ι' => "\\iota",
        'κ' => "\\kappa",
        'λ' => "\\lambda",
        'μ' => "\\mu",
        'ν' => "\\nu",
        'ξ' => "\\xi",
        'π' => "\\pi",
        'ρ' => "\\rho",
        'σ' => "\\sigma",
        'τ' => "\\tau",
        'φ' => "\\phi",
        'χ' => "\\chi",
        'ψ' => "\\psi",
        'ω' => "\\omega",
        'Γ' => "\\Gamma",
        'Δ' => "\\Delta",
        'Θ' => "\\Theta",
        'Λ' => "\\Lambda",
        'Σ' => "\\Sigma",
        'Φ' => "\\Phi",
        'Ω' => "\\Omega",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::arena::Arena;
    use crate::expr::print::Printer;

    #[test]
    fn names() {
        assert_eq!(name_latex("θ₁"), "\\theta_{1}");
        assert_eq!(name_latex("w2"), "w_{2}");
        assert_eq!(name_latex("J_train"), "J_{train}");
        assert_eq!(name_latex("σ"), "\\sigma");
        assert_eq!(name_latex("cost"), "\\mathrm{cost}");
    }

    #[test]
    fn expressions() {
        let mut arena = Arena::new();
        let (x, c) = (arena.symbol("x"), arena.symbol("c"));
        let (x, c) = (arena.var(x), arena.var(c));
        let three = arena.int(3);
        let product = arena.mul([three, c]);
        let mut printer = Printer::new(&arena);
        assert_eq!(latex(&printer.form(product)), "3 c");
        let (one, two) = (arena.int(1), arena.int(2));
        let square = arena.pow(x, two);
        let sum = arena.add([one, square]);
        let quotient = arena.div(x, sum);
        let sigma = arena.apply(Func::Sigmoid, x);
        let mut printer = Printer::new(&arena);
        assert_eq!(latex(&printer.form(quotient)), "\\frac{x}{1 + x^{2}}");
        assert_eq!(latex(&printer.form(sigma)), "\\sigma\\left(x\\right)");
    }
}

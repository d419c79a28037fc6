//! Real-number primitives shared by every evaluator: power and function
//! application that say why they have no real value ([`Problem`]) instead
//! of returning NaN or infinity.

use crate::builtins::Func;
use crate::expr::number::format_value;
use crate::message::Message;
use crate::msg;

/// Why an operation has no finite real value.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    DivisionByZero,
    LogOfZero,
    LogOfNegative(f64),
    RootOfNegative(f64),
    FractionalPowerOfNegative {
        base: f64,
        exponent: f64,
    },
    Overflow,
    /// A function applied outside where it has real values (`asin(2)`, `log10(0)`).
    OutsideDomain {
        func: Func,
        x: f64,
        domain: &'static str,
    },
    /// A variable or name with no value at this point.
    NoValue(String),
    /// Vectors of different lengths meet in one operation.
    Lengths(usize, usize),
    /// A vector where a single number is needed.
    NotANumber,
}

impl Problem {
    /// The message, and the label to put under the operation.
    pub fn describe(&self) -> (Message, Message) {
        let value = |x: &f64| format_value(*x);
        match self {
            Problem::DivisionByZero => (msg!("problem.division-by-zero"), msg!("problem.division-by-zero-label")),
            Problem::LogOfZero => (msg!("problem.log-of-zero"), msg!("problem.log-of-zero-label")),
            Problem::LogOfNegative(x) => {
                (msg!("problem.log-of-negative"), msg!("problem.log-of-negative-label", x = value(x)))
            }
            Problem::RootOfNegative(x) => {
                (msg!("problem.root-of-negative"), msg!("problem.root-of-negative-label", x = value(x)))
            }
            Problem::FractionalPowerOfNegative { base, exponent } => (
                msg!("problem.fractional-power"),
                msg!("problem.fractional-power-label", base = value(base), exponent = value(exponent)),
            ),
            Problem::OutsideDomain { func, x, domain } => (
                msg!("problem.outside-domain", function = func.name(), domain = *domain),
                msg!("problem.outside-domain-label", function = func.name(), x = value(x)),
            ),
            Problem::Overflow => (msg!("problem.overflow"), msg!("problem.overflow-label")),
            Problem::NoValue(name) => (msg!("problem.no-value", name = name), msg!("problem.no-value-label")),
            Problem::Lengths(a, b) => (msg!("problem.lengths"), msg!("problem.lengths-label", a = a, b = b)),
            Problem::NotANumber => (msg!("problem.not-a-number"), msg!("problem.not-a-number-label")),
        }
    }
}

/// `base^exponent`, or why it has no real value.
pub fn power(base: f64, exponent: f64) -> Result<f64, Problem> {
    if base == 0.0 && exponent < 0.0 {
        return Err(Problem::DivisionByZero);
    }
    if base < 0.0 && exponent.fract() != 0.0 {
        return Err(if exponent == 0.5 {
            Problem::RootOfNegative(base)
        } else {
            Problem::FractionalPowerOfNegative { base, exponent }
        });
    }
    let value = if exponent == 0.5 { base.sqrt() } else { base.powf(exponent) };
    finite(value)
}

/// `func(x)`, or why it has no real value.
pub fn apply(func: Func, x: f64) -> Result<f64, Problem> {
    if func == Func::Log {
        if x == 0.0 {
            return Err(Problem::LogOfZero);
        }
        if x < 0.0 {
            return Err(Problem::LogOfNegative(x));
        }
    }
    if let Some((domain, false)) = func.domain(x) {
        return Err(Problem::OutsideDomain { func, x, domain });
    }
    finite(func.apply(x))
}

/// The value if finite, else an overflow.
pub fn finite(value: f64) -> Result<f64, Problem> {
    if value.is_finite() { Ok(value) } else { Err(Problem::Overflow) }
}

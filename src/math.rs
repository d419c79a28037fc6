//! Real-number primitives shared by every evaluator: power and function
//! application that say why they have no real value ([`Problem`]) instead
//! of returning NaN or infinity.

use crate::builtins::Func;
use crate::expr::number::format_value;

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
    pub fn describe(&self) -> (String, String) {
        match self {
            Problem::DivisionByZero => ("division by zero".to_string(), "the divisor is 0 here".to_string()),
            Problem::LogOfZero => ("log of 0 is undefined".to_string(), "log(0) is -∞".to_string()),
            Problem::LogOfNegative(x) => {
                ("log of a negative number".to_string(), format!("log({}) is not a real number", format_value(*x)))
            }
            Problem::RootOfNegative(x) => (
                "square root of a negative number".to_string(),
                format!("sqrt({}) is not a real number", format_value(*x)),
            ),
            Problem::FractionalPowerOfNegative { base, exponent } => (
                "a negative number to a fractional power".to_string(),
                format!("({})^{} is not a real number", format_value(*base), format_value(*exponent)),
            ),
            Problem::OutsideDomain { func, x, domain } => (
                format!("{} is defined only for {domain}", func.name()),
                format!("{}({}) is not a real number", func.name(), format_value(*x)),
            ),
            Problem::Overflow => ("the result is too large".to_string(), "this overflows past ±1.8e308".to_string()),
            Problem::NoValue(name) => (format!("`{name}` has no value here"), "needs a value".to_string()),
            Problem::Lengths(a, b) => {
                ("vectors of different lengths".to_string(), format!("a vector of {a} meets a vector of {b}"))
            }
            Problem::NotANumber => ("this gives a vector, not a number".to_string(), "a vector".to_string()),
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

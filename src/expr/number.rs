//! Numbers: exact rationals where the value is exact, floats where it is not.
//!
//! Literals are read exactly (`0.1` is 1/10), and arithmetic on exact
//! numbers stays exact, so `0.1*30` folds to 3, never 3.0000000000000004.
//! An operation that would overflow, or whose exact result is irrational,
//! falls back to `f64` or declines (returns `None`) so the caller keeps the
//! expression symbolic. [`format_value`] prints an `f64` in shortest
//! round-trip form; this is gd's one number formatter.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use num_rational::Ratio;
use num_traits::{Signed, ToPrimitive, Zero};

type Rational = Ratio<i128>;

/// A real number, exact when it can be.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    /// Numerator and denominator are never `i128::MIN`, whose negation and
    /// division by -1 overflow: every exact result passes through
    /// [`exact`], which turns such a value into a float.
    Exact(Rational),
    /// Always finite, never `-0.0`.
    Float(f64),
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            (Number::Exact(a), Number::Exact(b)) => a == b,
            (Number::Float(a), Number::Float(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        }
    }
}

impl Eq for Number {}

impl Hash for Number {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Number::Exact(r) => r.hash(state),
            Number::Float(f) => f.to_bits().hash(state),
        }
    }
}

impl Number {
    pub const ZERO: Number = Number::Exact(Ratio::new_raw(0, 1));
    pub const ONE: Number = Number::Exact(Ratio::new_raw(1, 1));

    pub fn int(n: i128) -> Number {
        exact(n, 1).unwrap_or(Number::Float(n as f64))
    }

    /// `n/d`, or `None` when `d` is 0.
    pub fn ratio(n: i128, d: i128) -> Option<Number> {
        exact(n, d)
    }

    /// A float result; `None` unless finite.
    pub fn float(value: f64) -> Option<Number> {
        if !value.is_finite() {
            return None;
        }
        Some(Number::Float(if value == 0.0 { 0.0 } else { value }))
    }

    /// Reads a literal as written (`3`, `0.75`, `.5`, `1e-3`, `-1`) exactly
    /// when it fits; `None` when its value is not a finite number.
    pub fn parse_literal(text: &str) -> Option<Number> {
        exact_literal(text).or_else(|| Number::float(text.parse().ok()?))
    }

    pub fn to_f64(self) -> f64 {
        match self {
            Number::Exact(r) => r.to_f64().unwrap_or_else(|| *r.numer() as f64 / *r.denom() as f64),
            Number::Float(f) => f,
        }
    }

    pub fn is_zero(self) -> bool {
        self.to_f64() == 0.0
    }

    pub fn is_one(self) -> bool {
        self == Number::ONE || self == Number::Float(1.0)
    }

    pub fn is_negative(self) -> bool {
        self.to_f64() < 0.0
    }

    /// The value as an integer, when it is exactly one.
    pub fn as_integer(self) -> Option<i128> {
        match self {
            Number::Exact(r) if r.is_integer() => Some(*r.numer()),
            _ => None,
        }
    }

    /// Numerator and denominator of an exact value.
    pub fn as_ratio(self) -> Option<(i128, i128)> {
        match self {
            Number::Exact(r) => Some((*r.numer(), *r.denom())),
            Number::Float(_) => None,
        }
    }

    /// The sum, exact when it fits in i128, else a float; `None` when not finite.
    /// A float sum that rounds to one of its nonzero parts has lost the other
    /// (`1 + 1e-300` is 1 in f64): `None` too, so it stays unfolded and
    /// evaluation can keep it (`log(1 + 1e-300)` is 1e-300).
    pub fn checked_add(self, other: Number) -> Option<Number> {
        let sum = self.combine(other, exact_add, |a, b| a + b)?;
        let (a, b) = (self.to_f64(), other.to_f64());
        let floats = matches!(self, Number::Float(_)) || matches!(other, Number::Float(_));
        let absorbed = a != 0.0 && b != 0.0 && (sum.to_f64() == a || sum.to_f64() == b);
        if floats && absorbed { None } else { Some(sum) }
    }

    /// The product, exact when it fits in i128, else a float; `None` when not finite.
    pub fn checked_mul(self, other: Number) -> Option<Number> {
        self.combine(other, |a, b| exact_mul(a, (*b.numer(), *b.denom())), |a, b| a * b)
    }

    /// `None` on division by zero.
    pub fn checked_div(self, other: Number) -> Option<Number> {
        if other.is_zero() {
            return None;
        }
        self.combine(other, |a, b| exact_mul(a, (*b.denom(), *b.numer())), |a, b| a / b)
    }

    pub fn negate(self) -> Number {
        match self {
            Number::Exact(r) => match r.numer().checked_neg() {
                Some(n) => Number::Exact(Ratio::new_raw(n, *r.denom())),
                None => Number::Float(-self.to_f64()),
            },
            Number::Float(f) => Number::Float(if f == 0.0 { 0.0 } else { -f }),
        }
    }

    pub fn abs(self) -> Number {
        if self.is_negative() { self.negate() } else { self }
    }

    /// `self^exponent` when the result is a real number that can be written
    /// down: exact for integer powers and perfect roots of exact values, a
    /// float when a float is involved; `None` otherwise (the caller keeps
    /// the power symbolic).
    pub fn pow(self, exponent: Number) -> Option<Number> {
        match (self, exponent) {
            (Number::Exact(base), Number::Exact(e)) => exact_pow(base, e),
            _ => {
                let (b, e) = (self.to_f64(), exponent.to_f64());
                if b < 0.0 && e.fract() != 0.0 {
                    return None;
                }
                Number::float(b.powf(e))
            }
        }
    }

    fn combine(
        self,
        other: Number,
        exact: impl Fn(Rational, Rational) -> Option<Number>,
        float: impl Fn(f64, f64) -> f64,
    ) -> Option<Number> {
        if let (Number::Exact(a), Number::Exact(b)) = (self, other)
            && let Some(result) = exact(a, b)
        {
            return Some(result);
        }
        let (a, b) = (self.to_f64(), other.to_f64());
        let result = float(a, b);
        // A product or quotient of nonzero numbers that rounds to 0 has lost its
        // value (1e-300*1e-300): leave it unfolded, to be computed in order.
        if result == 0.0 && a != 0.0 && b != 0.0 && (a * b == 0.0 || a / b == 0.0) {
            return None;
        }
        Number::float(result)
    }

    /// Orders by value (exact and float compare numerically).
    pub fn cmp_value(self, other: Number) -> Ordering {
        match (self, other) {
            (Number::Exact(a), Number::Exact(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

/// `n/d` in lowest terms, exact; a float when either part is `i128::MIN`
/// (which num-rational cannot negate or divide by -1); `None` when `d` is 0.
fn exact(n: i128, d: i128) -> Option<Number> {
    if d == 0 {
        return None;
    }
    if n == i128::MIN || d == i128::MIN {
        return Number::float(n as f64 / d as f64);
    }
    let g = num_integer::gcd(n, d); // both above MIN, so g fits and is positive
    let (n, d) = (n / g, d / g);
    Some(Number::Exact(if d < 0 { Ratio::new_raw(-n, -d) } else { Ratio::new_raw(n, d) }))
}

/// `a + b` exactly, or `None` when an intermediate overflows i128.
fn exact_add(a: Rational, b: Rational) -> Option<Number> {
    let (p, q) = (*a.numer(), *a.denom());
    let (r, s) = (*b.numer(), *b.denom());
    let g = num_integer::gcd(q, s);
    let numerator = p.checked_mul(s / g)?.checked_add(r.checked_mul(q / g)?)?;
    exact(numerator, (q / g).checked_mul(s)?)
}

/// `a * (n/d)` exactly, or `None` when an intermediate overflows i128 (or d is 0).
fn exact_mul(a: Rational, (n, d): (i128, i128)) -> Option<Number> {
    let (p, q) = (*a.numer(), *a.denom());
    if d == 0 || n == i128::MIN || d == i128::MIN {
        return None;
    }
    let (g1, g2) = (num_integer::gcd(p, d).max(1), num_integer::gcd(n, q).max(1));
    exact((p / g1).checked_mul(n / g2)?, (q / g2).checked_mul(d / g1)?)
}

fn exact_literal(text: &str) -> Option<Number> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let mut value: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    if negative {
        value = -value;
    }
    let scale = exponent - i32::try_from(fraction.len()).ok()?;
    let power = 10i128.checked_pow(scale.unsigned_abs())?;
    if scale >= 0 { exact(value.checked_mul(power)?, 1) } else { exact(value, power) }
}

fn exact_pow(base: Rational, exponent: Rational) -> Option<Number> {
    let (p, q) = (*exponent.numer(), *exponent.denom());
    if q == 1 {
        return integer_pow(base, p);
    }
    if base.is_negative() {
        return None;
    }
    let q = u32::try_from(q).ok()?;
    let Number::Exact(root) = exact(exact_root(*base.numer(), q)?, exact_root(*base.denom(), q)?)? else { return None };
    integer_pow(root, p)
}

fn integer_pow(base: Rational, exponent: i128) -> Option<Number> {
    if base.is_zero() && exponent < 0 {
        return None;
    }
    let magnitude = u32::try_from(exponent.unsigned_abs()).ok()?;
    let powers = base.numer().checked_pow(magnitude).zip(base.denom().checked_pow(magnitude));
    let folded = match powers {
        Some((n, d)) if exponent >= 0 => exact(n, d),
        Some((n, d)) => exact(d, n),
        None => None,
    };
    folded.or_else(|| Number::float(base.to_f64()?.powi(i32::try_from(exponent).ok()?)))
}

/// The exact `q`-th root of a non-negative integer, if it is an integer.
fn exact_root(n: i128, q: u32) -> Option<i128> {
    let guess = (n as f64).powf(1.0 / f64::from(q)).round() as i128;
    (guess.saturating_sub(1)..=guess.saturating_add(1)).find(|r| *r >= 0 && r.checked_pow(q) == Some(n))
}

/// Prints a value in shortest round-trip form: `0.1`, `3`, `-2.5`; outside
/// 1e-4 ≤ |x| < 1e16, scientific with a signed two-digit exponent:
/// `1e-07`, `1.5e+20`. Non-finite values print as `inf`, `-inf`, `nan`.
pub fn format_value(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf".to_string() } else { "-inf".to_string() };
    }
    if value == 0.0 {
        return "0".to_string();
    }
    let magnitude = value.abs();
    if (1e-4..1e16).contains(&magnitude) {
        return format!("{value}");
    }
    tidy_scientific(&format!("{value:e}"))
}

/// A setting's value as the user gave it: every digit (shortest
/// round-trip), in scientific form from 1e6 up as in tables (`1.0000001`,
/// `1e+10`, `1.5e+07`).
pub fn format_given(value: f64) -> String {
    if value.is_finite() && (1e6..1e16).contains(&value.abs()) {
        return tidy_scientific(&format!("{value:e}"));
    }
    format_value(value)
}

/// A value for people to read in traces and tables: six significant
/// digits are plenty (`0.196612`, `33`, `-0.268941`).
pub fn format_short(value: f64) -> String {
    format_significant(value, 6)
}

/// `value` rounded to `digits` significant digits, in shortest form
/// (`0.0126` for 0.0125971 at 3 digits). A finite value never shows as
/// `inf`: rounding 1.797e308 up past the largest f64 prints `1.8e+308`.
pub fn format_significant(value: f64, digits: i32) -> String {
    if value == 0.0 || !value.is_finite() {
        return format_value(value);
    }
    let digits = usize::try_from(digits.max(1)).unwrap_or(1);
    let Some(decimal) = round_significant(value, digits) else { return format_value(value) };
    let rounded: f64 = decimal.parse().unwrap_or(value);
    if !rounded.is_finite() {
        return tidy_scientific(&decimal);
    }
    if rounded.abs() >= 10f64.powi(digits as i32) && rounded.abs() < 1e16 {
        // 4294970000 would show digits that were rounded away: 4.29497e+09.
        let scientific = format!("{rounded:.0$e}", digits - 1);
        return tidy_scientific(&scientific);
    }
    format_value(rounded)
}

/// Two values with as few significant digits as tell them apart (`least`
/// at least; all 17 when they are equal).
pub fn format_distinct(left: f64, right: f64, least: i32) -> (String, String) {
    for digits in least..17 {
        let (a, b) = (format_significant(left, digits), format_significant(right, digits));
        if a != b {
            return (a, b);
        }
    }
    (format_significant(left, 17), format_significant(right, 17))
}

/// `4.29497e9` → `4.29497e+09`, `8.2800e7` → `8.28e+07`: trailing zeros off, a signed two-digit exponent.
fn tidy_scientific(text: &str) -> String {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let mantissa = if mantissa.contains('.') { mantissa.trim_end_matches('0').trim_end_matches('.') } else { mantissa };
    let (sign, digits) = match exponent.strip_prefix('-') {
        Some(digits) => ('-', digits),
        None => ('+', exponent),
    };
    format!("{mantissa}e{sign}{digits:0>2}")
}

/// `value` rounded to `digits` significant decimal digits, halves away from
/// zero (1.125 → 1.13), done on the exact decimal digits of the value so no
/// scaling error creeps in, as decimal text (`1.13e0`).
fn round_significant(value: f64, digits: usize) -> Option<String> {
    let exact = format!("{:.40e}", value.abs());
    let (mantissa, exponent) = exact.split_once('e')?;
    let mut kept: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let round_up = kept.get(digits).is_some_and(|&d| d >= b'5');
    kept.truncate(digits);
    let mut exponent: i32 = exponent.parse().ok()?;
    if round_up {
        let mut at = kept.len();
        loop {
            if at == 0 {
                kept.insert(0, b'1');
                kept.pop();
                exponent += 1;
                break;
            }
            at -= 1;
            if kept[at] == b'9' {
                kept[at] = b'0';
            } else {
                kept[at] += 1;
                break;
            }
        }
    }
    let digits = String::from_utf8(kept).ok()?;
    let (first, rest) = digits.split_at(1);
    let point = if rest.is_empty() { "" } else { "." };
    Some(format!("{}{first}{point}{rest}e{exponent}", if value < 0.0 { "-" } else { "" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str) -> Number {
        Number::parse_literal(text).unwrap()
    }

    #[test]
    fn literals_are_exact() {
        assert_eq!(lit("0.1"), Number::ratio(1, 10).unwrap());
        assert_eq!(lit(".5"), Number::ratio(1, 2).unwrap());
        assert_eq!(lit("1e-3"), Number::ratio(1, 1000).unwrap());
        assert_eq!(lit("2.5E+4"), Number::int(25000));
        assert_eq!(lit("-1"), Number::int(-1));
        assert_eq!(lit("007"), Number::int(7));
        assert!(matches!(lit("1e-300"), Number::Float(_)));
        assert_eq!(Number::parse_literal("1e999"), None);
    }

    #[test]
    fn exact_arithmetic_never_drifts() {
        let three = lit("0.1").checked_mul(Number::int(30)).unwrap();
        assert_eq!(three, Number::int(3));
        assert_eq!(format_value(lit("0.1").checked_add(lit("0.2")).unwrap().to_f64()), "0.3");
    }

    #[test]
    fn powers_fold_only_when_exact_and_real() {
        assert_eq!(Number::int(2).pow(Number::int(10)), Some(Number::int(1024)));
        assert_eq!(Number::int(2).pow(Number::int(-1)), Number::ratio(1, 2));
        assert_eq!(Number::int(4).pow(lit("0.5")), Some(Number::int(2)));
        assert_eq!(lit("2.25").pow(lit("0.5")), Number::ratio(3, 2));
        assert_eq!(Number::int(2).pow(lit("0.5")), None);
        assert_eq!(Number::int(-8).pow(Number::ratio(1, 3).unwrap()), None);
        assert_eq!(Number::ZERO.pow(Number::int(-1)), None);
        assert!(matches!(Number::int(10).pow(Number::int(50)), Some(Number::Float(_))));
    }

    #[test]
    fn the_edge_of_i128_falls_back_to_floats() {
        let min = Number::int(i128::MIN);
        assert!(matches!(min, Number::Float(_)), "i128::MIN is never exact");
        let minus_two = Number::int(-2);
        let power = minus_two.pow(Number::int(127)).unwrap();
        assert_eq!(power.to_f64(), -(2f64.powi(127)));
        assert_eq!(minus_two.pow(Number::int(-127)).map(Number::to_f64), Some(-(2f64.powi(-127))));
        assert_eq!(Number::ONE.checked_div(power).map(Number::to_f64), Some(-(2f64.powi(-127))));
        let max = Number::int(i128::MAX);
        let below = max.negate().checked_add(Number::int(-1)).unwrap();
        assert_eq!(below.to_f64(), -(2f64.powi(127)));
        assert_eq!(Number::ONE.checked_div(below).map(Number::to_f64), Some(-(2f64.powi(-127))));
        assert_eq!(below.negate().to_f64(), 2f64.powi(127));
        assert_eq!(below.abs().to_f64(), 2f64.powi(127));
        let half_min = Number::int(i128::MIN / 2);
        assert!(half_min.checked_mul(Number::int(2)).is_some());
        assert!(half_min.checked_mul(Number::int(-2)).is_some());
        assert!(Number::ratio(1, i128::MIN).is_some());
        assert!(Number::ratio(i128::MIN, -1).is_some());
        assert_eq!(Number::ratio(3, -6), Number::ratio(-1, 2));
        assert_eq!(Number::ratio(1, 3).unwrap().checked_add(Number::ratio(1, 6).unwrap()), Number::ratio(1, 2));
        assert_eq!(Number::ratio(2, 3).unwrap().checked_div(Number::ratio(-4, 9).unwrap()), Number::ratio(-3, 2));
    }

    #[test]
    fn division_by_zero_declines() {
        assert_eq!(Number::ONE.checked_div(Number::ZERO), None);
    }

    #[test]
    fn shortest_round_trip_formatting() {
        assert_eq!(format_value(0.1), "0.1");
        assert_eq!(format_value(3.0), "3");
        assert_eq!(format_value(21.0), "21");
        assert_eq!(format_value(-2.5), "-2.5");
        assert_eq!(format_value(1e-7), "1e-07");
        assert_eq!(format_value(0.0001), "0.0001");
        assert_eq!(format_value(1.5e20), "1.5e+20");
        assert_eq!(format_value(1e300), "1e+300");
        assert_eq!(format_value(-0.0), "0");
        assert_eq!(format_value(123456789.125), "123456789.125");
    }

    #[test]
    fn short_formatting_for_traces() {
        assert_eq!(format_short(0.19661193324148185), "0.196612");
        assert_eq!(format_short(33.0), "33");
        assert_eq!(format_short(-0.2689414213699951), "-0.268941");
        assert_eq!(format_short(1.5e-9), "1.5e-09");
        assert_eq!(format_significant(0.012597137, 3), "0.0126");
        assert_eq!(format_significant(0.000317375, 3), "0.000317");
        assert_eq!(format_significant(123456.0, 3), "1.23e+05");
        assert_eq!(format_short(4.3571999999999994e-100), "4.3572e-100");
        assert_eq!(format_short(2.0102600000000003e-18), "2.01026e-18");
        assert_eq!(format_significant(4.860000000000001e-21, 3), "4.86e-21");
        assert_eq!(format_short(1.0000000000000006e+300), "1e+300");
        assert_eq!(format_short(4.567760000000001e+69), "4.56776e+69");
        assert_eq!(format_short(-0.00056422), "-0.00056422");
        assert_eq!(format_significant(1.125, 3), "1.13");
        assert_eq!(format_significant(-1.125, 3), "-1.13");
        assert_eq!(format_significant(9.996, 3), "10");
        assert_eq!(format_significant(0.0009996, 3), "0.001");
        assert_eq!(format_significant(1.1249999999999998, 3), "1.12");
        assert_eq!(format_significant(2.5, 1), "3");
        assert_eq!(format_significant(-0.96, 1), "-1");
        assert_eq!(format_short(4294967296.0), "4.29497e+09");
        assert_eq!(format_significant(82800000.0, 3), "8.28e+07");
        assert_eq!(format_short(123456.0), "123456");
        assert_eq!(format_short(1234567.8), "1.23457e+06");
    }

    #[test]
    fn finite_numbers_never_format_as_inf_nor_subnormals_as_zero() {
        assert_eq!(format_significant(1.797e308, 3), "1.8e+308");
        assert_eq!(format_significant(-f64::MAX, 3), "-1.8e+308");
        assert_eq!(format_significant(f64::MAX, 1), "2e+308");
        assert_eq!(format_short(f64::MAX), "1.79769e+308");
        assert_eq!(format_value(f64::MAX), "1.7976931348623157e+308");
        for digits in 1..=17 {
            for value in [f64::MAX, -f64::MAX, 1.797e308, 9.9999e307, 5e-324, -5e-324, 1e-320, f64::MIN_POSITIVE] {
                let text = format_significant(value, digits);
                assert!(!text.contains("inf") && text != "0" && text != "-0", "{value} at {digits}: {text}");
            }
        }
        assert_eq!(format_short(5e-324), "5e-324");
        assert_eq!(format_significant(1e-320, 3), "1e-320");
    }

    #[test]
    fn given_values_keep_every_digit() {
        assert_eq!(format_given(1.0000001), "1.0000001");
        assert_eq!(format_given(1e10), "1e+10");
        assert_eq!(format_given(12345678.9), "1.23456789e+07");
        assert_eq!(format_given(0.1), "0.1");
        assert_eq!(format_given(f64::MAX), "1.7976931348623157e+308");
    }

    #[test]
    fn distinct_values_get_the_digits_that_tell_them_apart() {
        assert_eq!(format_distinct(1.0, 1.0000001, 3), ("1".to_string(), "1.0000001".to_string()));
        assert_eq!(format_distinct(2.0, 3.5, 3), ("2".to_string(), "3.5".to_string()));
        assert_eq!(format_distinct(0.5, 0.5, 3), ("0.5".to_string(), "0.5".to_string()));
    }
}

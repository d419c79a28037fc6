//! The precision rule for values: a decimal written on the right side of a
//! value claim (`check J(1, 2, 3) = 21.000000001`) claims as many
//! significant digits as were typed, trailing zeros included. The left
//! value agrees when it rounds to the written decimal at that many digits;
//! otherwise the first digit that differs is reported. Takes the written
//! text and the left value; hands on the digits or the differing digit.

/// The most digits compared: beyond 17 a double has no more to give.
const MOST_DIGITS: usize = 17;

/// The significant digits of a decimal written with a point (`0.333333333`
/// has 9, `21.000` 5, `2.50e3` 3); `None` for a whole number (`21`), which
/// claims an exact value, or for text that is not a decimal.
pub fn written_digits(text: &str) -> Option<usize> {
    let text = text.trim().replace('−', "-");
    let unsigned = text.strip_prefix('-').unwrap_or(&text);
    let mantissa = unsigned.split(['e', 'E']).next()?;
    if !mantissa.contains('.') || unsigned.parse::<f64>().is_err() {
        return None;
    }
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0').len();
    (significant > 0).then_some(significant.min(MOST_DIGITS))
}

/// Whether `value` rounds to `written` at `digits` significant digits:
/// `None` if it does, else the position (from 1) of the first digit that differs.
pub fn first_difference(value: f64, written: f64, digits: usize) -> Option<usize> {
    let shown = |x: f64| format!("{:.*e}", digits.saturating_sub(1), x);
    let (left, right) = (shown(value), shown(written));
    if left == right {
        return None;
    }
    let split = |s: &str| -> (String, String) {
        let (mantissa, exponent) = s.split_once('e').unwrap_or((s, "0"));
        (mantissa.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect(), exponent.to_string())
    };
    let ((left_digits, left_exponent), (right_digits, right_exponent)) = (split(&left), split(&right));
    if left_exponent != right_exponent || left_digits.starts_with('-') != right_digits.starts_with('-') {
        return Some(1);
    }
    let position = left_digits.trim_start_matches('-').chars().zip(right_digits.trim_start_matches('-').chars());
    Some(position.take_while(|(a, b)| a == b).count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_counted_as_typed() {
        assert_eq!(written_digits("0.333333333"), Some(9));
        assert_eq!(written_digits("21.000000001"), Some(11));
        assert_eq!(written_digits("21.000"), Some(5));
        assert_eq!(written_digits("−2.50e3"), Some(3));
        assert_eq!(written_digits("21"), None);
        assert_eq!(written_digits("1e-3"), None);
        assert_eq!(written_digits("x.5"), None);
    }

    #[test]
    fn the_first_differing_digit_is_found() {
        assert_eq!(first_difference(1.0 / 3.0, 0.333333333, 9), None);
        assert_eq!(first_difference(21.0, 21.000000001, 11), Some(11));
        assert_eq!(first_difference(0.5, 0.4, 1), Some(1));
        assert_eq!(first_difference(-0.5, 0.5, 1), Some(1));
        assert_eq!(first_difference(0.1234, 0.1244, 3), Some(3));
    }
}

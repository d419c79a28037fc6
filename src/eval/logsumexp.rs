//! The log-sum-exp of many numbers in one pass, for the internal reductions
//! `Reduction::Max` and `Reduction::LogSumExpShifted` (see `eval::stable`).
//!
//! A [`ShiftedSum`] keeps the largest number seen, m, and the sum r of
//! exp(xᵢ − m) over all the others (one row at the maximum left out), so
//! that Σ exp(xᵢ) = exp(m)·(1 + r): nothing overflows or underflows on the
//! way, and log Σ exp(xᵢ − m) = log1p(r) keeps r's digits when r is far
//! below the rounding of 1 (one row dominating). Values come in a chunk at
//! a time and partial results merge (`rows` runs chunks over parts of the
//! data; `direct` hands over a whole vector), in any grouping. NaN
//! propagates; a row at −∞ counts as exp(−∞) = 0.

/// A running log-sum-exp: the largest value and the sum of the others'
/// exponentials relative to it (see the module comment).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShiftedSum {
    peak: f64,
    rest: f64,
}

impl ShiftedSum {
    /// The log-sum-exp of no numbers.
    pub const EMPTY: ShiftedSum = ShiftedSum { peak: f64::NEG_INFINITY, rest: 0.0 };

    /// Takes in `values`.
    pub fn add(&mut self, values: &[f64]) {
        let Some((&first, others)) = values.split_first() else { return };
        let (mut at, mut peak) = (0, first);
        for (index, &x) in others.iter().enumerate() {
            if x > peak {
                (at, peak) = (index + 1, x);
            }
        }
        if peak == f64::NEG_INFINITY {
            return;
        }
        let rest = exp_sum(&values[..at], peak) + exp_sum(&values[at + 1..], peak);
        self.merge(ShiftedSum { peak, rest });
    }

    /// Takes in what `other` has taken in.
    pub fn merge(&mut self, other: ShiftedSum) {
        if other.peak == f64::NEG_INFINITY {
            return;
        }
        if self.peak == f64::NEG_INFINITY {
            *self = other;
        } else if other.peak > self.peak {
            self.rest = other.rest + (1.0 + self.rest) * (self.peak - other.peak).exp();
            self.peak = other.peak;
        } else {
            self.rest += (1.0 + other.rest) * (other.peak - self.peak).exp();
        }
    }

    /// log Σ exp(xᵢ − max x): 0 for one number, log n for n equal ones,
    /// −∞ for none.
    pub fn shifted(&self) -> f64 {
        if self.peak == f64::NEG_INFINITY { f64::NEG_INFINITY } else { self.rest.ln_1p() }
    }
}

/// The largest of `values` (−∞ for none); NaN if any is NaN.
pub fn max_of(values: &[f64]) -> f64 {
    values.iter().fold(f64::NEG_INFINITY, |peak, &x| larger(peak, x))
}

/// The larger of two numbers; NaN if either is NaN (unlike `f64::max`).
pub fn larger(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if b > a {
        b
    } else {
        a
    }
}

/// Σ exp(x − peak).
fn exp_sum(values: &[f64], peak: f64) -> f64 {
    values.iter().map(|&x| (x - peak).exp()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lse(values: &[f64]) -> (f64, f64) {
        let mut sum = ShiftedSum::EMPTY;
        sum.add(values);
        (max_of(values), sum.shifted())
    }

    #[test]
    fn one_pass_shifted_by_the_maximum() {
        assert_eq!(lse(&[1000.0, 1000.0]), (1000.0, std::f64::consts::LN_2));
        let (peak, shifted) = lse(&[1000.0, 1001.0, 999.0]);
        assert_eq!(peak, 1001.0);
        assert!((peak + shifted - 1001.4076059644443).abs() <= 1e-15 * 1001.4);
        // One row dominating: log(1 + e^-40) keeps its digits.
        let (peak, shifted) = lse(&[0.0, -40.0]);
        assert_eq!(peak, 0.0);
        assert!((shifted - 4.248354255291589e-18).abs() <= 1e-15 * 4.25e-18);
        assert_eq!(lse(&[-1e6, -1e6 - 1000.0]), (-1e6, 0.0), "e^-1000 underflows beside 1");
        assert_eq!(lse(&[]).1, f64::NEG_INFINITY);
        assert_eq!(lse(&[f64::NEG_INFINITY, 2.0]), (2.0, 0.0));
    }

    #[test]
    fn chunks_and_parts_merge_in_any_grouping() {
        let values: Vec<f64> = (0..1000).map(|i| ((i * 7919) % 1000) as f64 / 10.0).collect();
        let (_, whole) = lse(&values);
        let mut parts = [ShiftedSum::EMPTY; 3];
        for (index, chunk) in values.chunks(64).enumerate() {
            parts[index % 3].add(chunk);
        }
        let mut merged = ShiftedSum::EMPTY;
        for part in [ShiftedSum::EMPTY, parts[2], parts[0], ShiftedSum::EMPTY, parts[1]] {
            merged.merge(part);
        }
        assert!((merged.shifted() - whole).abs() <= 4e-16 * whole, "{} ≠ {whole}", merged.shifted());
    }

    #[test]
    fn nan_propagates() {
        assert!(lse(&[1.0, f64::NAN]).0.is_nan() && lse(&[1.0, f64::NAN]).1.is_nan());
        assert!(lse(&[f64::NAN, 1.0]).0.is_nan());
        assert!(larger(f64::NAN, 1.0).is_nan() && larger(1.0, f64::NAN).is_nan());
        assert_eq!(larger(1.0, 2.0), 2.0);
    }
}

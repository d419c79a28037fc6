//! A table of data: named numeric columns of equal length, as loaded from a
//! CSV file, and how its names and vectors read inside expressions. How a
//! table reads when printed is `render::data`.

use std::sync::Arc;

use ndarray::Array1;

/// Named columns of numbers, all with `rows` values.
#[derive(Debug)]
pub struct Table {
    /// The file it came from, as written in `load("…")`.
    pub source: String,
    pub columns: Vec<(String, Arc<Array1<f64>>)>,
    pub rows: usize,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Arc<Array1<f64>>> {
        self.columns.iter().find(|(n, _)| n == name).map(|(_, c)| c)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|(n, _)| n.as_str())
    }
}

/// A vector as it prints: all of it when short, else its ends; to 15
/// significant digits, so `[0.1, 0.2] + 0.1` shows `[0.2, 0.3]`.
pub fn vector_text(values: &Array1<f64>) -> String {
    let (elements, elided) = elements(values, "…", |v| crate::expr::number::format_significant(v, 15));
    if elided { format!("[{elements}] ({} values)", values.len()) } else { format!("[{elements}]") }
}

/// A vector literal as it prints inside an expression: every element in
/// shortest round-trip form, so a printed function reads back with the same
/// numbers; a long one has its middle elided with `…`, which gd does not
/// read, so an elided vector cannot be pasted back by mistake.
pub fn vector_literal_text(values: &Array1<f64>) -> String {
    let (elements, elided) = elements(values, "…", crate::expr::number::format_value);
    if elided { format!("[{elements}] ({} values)", values.len()) } else { format!("[{elements}]") }
}

/// A vector's elements as `show` writes them, comma-separated: all of them
/// when there are few, else the first and last five around `gap`; and
/// whether any were left out.
pub fn elements(values: &Array1<f64>, gap: &str, show: impl Fn(f64) -> String) -> (String, bool) {
    let join = |slice: &[f64]| slice.iter().map(|v| show(*v)).collect::<Vec<_>>().join(", ");
    let all = values.as_slice().map_or_else(|| std::borrow::Cow::Owned(values.to_vec()), std::borrow::Cow::Borrowed);
    match ends(&all) {
        (false, (all, _)) => (join(all), false),
        (true, (first, last)) => (format!("{}, {gap}, {}", join(first), join(last)), true),
    }
}

/// Whether a list is long enough to elide, and what of it to show: all of
/// it, or its first and last five.
pub fn ends<T>(all: &[T]) -> (bool, (&[T], &[T])) {
    const ENDS: usize = 5;
    if all.len() <= 2 * ENDS + 2 {
        return (false, (all, &[]));
    }
    (true, (&all[..ENDS], &all[all.len() - ENDS..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_vectors_are_elided_in_the_middle() {
        assert_eq!(vector_text(&Array1::from(vec![1.0, 2.5, 3.0])), "[1, 2.5, 3]");
        let long = Array1::from((1..=100).map(f64::from).collect::<Vec<_>>());
        assert_eq!(vector_text(&long), "[1, 2, 3, 4, 5, …, 96, 97, 98, 99, 100] (100 values)");
    }

    #[test]
    fn vector_literals_print_every_digit_that_reads_back() {
        let values = Array1::from(vec![0.1, 1.0 / 3.0, 2.5, 1e-320, -0.0]);
        let shown = vector_literal_text(&values);
        assert_eq!(shown, "[0.1, 0.3333333333333333, 2.5, 1e-320, 0]");
        let read: Vec<f64> = shown[1..shown.len() - 1].split(", ").map(|v| v.parse().unwrap_or(f64::NAN)).collect();
        assert!(read.iter().zip(values.iter()).all(|(a, b)| a == b));
    }
}

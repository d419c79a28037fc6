//! A table of data: named numeric columns of equal length, as loaded from a
//! CSV file, and how it reads when printed (a short summary: where it came
//! from, its size, its first rows).

use std::sync::Arc;

use ndarray::Array1;

use crate::expr::number::format_significant;

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

    /// `houses.csv: 200 rows, 2 columns (x, y)` and the first rows, with as
    /// many columns as fit in 80 characters. A wide table names its first
    /// and last columns only, and only the columns that can fit are
    /// formatted, so the work does not grow with the width.
    pub fn summary(&self) -> String {
        const SHOWN: usize = 5;
        const WIDTH: usize = 80;
        // Each column takes at least three characters: a digit and two spaces.
        const MOST: usize = WIDTH / 3 + 1;
        let listed: Vec<String> = {
            let all: Vec<&str> = self.names().collect();
            let (elided, kept) = ends(&all);
            let mut listed: Vec<String> = kept.0.iter().map(|n| column_text(n)).collect();
            if elided {
                listed.push("…".to_string());
                listed.extend(kept.1.iter().map(|n| column_text(n)));
            }
            listed
        };
        let mut out = format!(
            "{}: {} row{}, {} column{} ({})\n",
            self.source,
            self.rows,
            if self.rows == 1 { "" } else { "s" },
            self.columns.len(),
            if self.columns.len() == 1 { "" } else { "s" },
            listed.join(", ")
        );
        let shown = self.rows.min(SHOWN);
        let cells: Vec<Vec<String>> = self
            .columns
            .iter()
            .take(MOST)
            .map(|(_, c)| c.iter().take(shown).map(|v| format_significant(*v, 10)).collect())
            .collect();
        let widths: Vec<usize> = self
            .names()
            .zip(&cells)
            .map(|(n, c)| c.iter().map(|s| s.chars().count()).chain([n.chars().count()]).max().unwrap_or(0))
            .collect();
        let mut used = 2;
        let fitting = widths
            .iter()
            .take_while(|&&w| {
                used += w + 2;
                used <= WIDTH
            })
            .count()
            .max(1);
        let hidden = self.columns.len() - fitting;
        let line = |values: Vec<&str>| {
            let mut padded: Vec<String> = values
                .iter()
                .zip(&widths)
                .take(fitting)
                .map(|(v, w)| format!("{}{v}", " ".repeat(w.saturating_sub(v.chars().count()))))
                .collect();
            if hidden > 0 {
                padded.push("…".to_string());
            }
            format!("  {}\n", padded.join("  "))
        };
        out.push_str(&line(self.names().take(MOST).collect()));
        for row in 0..shown {
            out.push_str(&line(cells.iter().map(|c| c[row].as_str()).collect()));
        }
        if self.rows > shown {
            let more = self.rows - shown;
            out.push_str(&format!("  … {more} more row{}\n", if more == 1 { "" } else { "s" }));
        }
        if hidden > 0 {
            out.push_str(&format!("  ({hidden} more column{} not shown)\n", if hidden == 1 { "" } else { "s" }));
        }
        out
    }
}

/// A column's name as written after `data.`: itself when it reads as one
/// name, else in quotes (`data."sq ft"`, `data."from"`).
pub fn column_text(name: &str) -> String {
    use logos::Logos;
    let mut tokens = crate::syntax::lexer::Token::lexer(name);
    let one_name = matches!(tokens.next(), Some(Ok(crate::syntax::lexer::Token::Ident(n))) if n == name)
        && tokens.next().is_none();
    if one_name { name.to_string() } else { format!("\"{name}\"") }
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
fn ends<T>(all: &[T]) -> (bool, (&[T], &[T])) {
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
    fn a_wide_table_summary_names_its_ends_and_formats_only_what_fits() {
        let columns = (0..100_000).map(|i| (format!("c{i}"), Arc::new(Array1::from(vec![f64::from(i)])))).collect();
        let table = Table { source: "wide.csv".to_string(), columns, rows: 1 };
        let summary = table.summary();
        assert!(
            summary.starts_with("wide.csv: 1 row, 100000 columns (c0, c1, c2, c3, c4, …, c99995, c99996"),
            "{summary}"
        );
        assert!(summary.len() < 1000, "{summary}");
        assert!(summary.contains("more columns not shown"), "{summary}");
        let narrow = Table {
            source: "n.csv".to_string(),
            columns: vec![("x".to_string(), Arc::new(Array1::from(vec![1.5])))],
            rows: 1,
        };
        assert_eq!(narrow.summary(), "n.csv: 1 row, 1 column (x)\n    x\n  1.5\n");
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

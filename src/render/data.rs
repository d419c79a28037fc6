//! How a table of data reads when printed: takes a [`Table`] and hands on
//! blocks — where it came from, its size and column names, then its first
//! rows with as many columns as fit in 80 characters. A wide table names
//! its first and last columns only, and only the columns that can fit are
//! formatted, so the work does not grow with the width.

use unicode_width::UnicodeWidthStr;

use super::document::{Block, Grid, Styled};
use crate::catalogue;
use crate::data::table::{Table, ends};
use crate::expr::number::format_significant;
use crate::msg;
use crate::render::results::{Format, number_text};
use crate::syntax::notation::column_text;

/// Rows shown.
const SHOWN: usize = 5;
/// The width the rows fit in.
const WIDTH: usize = 80;
/// Each column takes at least three characters: a digit and two spaces.
const MOST: usize = WIDTH / 3 + 1;

/// `houses.csv: 200 rows, 2 columns (x, y)` and the first rows.
pub fn summary(table: &Table) -> Vec<Block> {
    let heading = msg!(
        "table-summary",
        source = table.source,
        rows = table.rows,
        columns = table.columns.len(),
        names = listed(table)
    );
    let mut out = vec![line(catalogue::word(&heading))];
    let shown = table.rows.min(SHOWN);
    let cells: Vec<Vec<String>> = table
        .columns
        .iter()
        .take(MOST)
        .map(|(_, c)| c.iter().take(shown).map(|v| format_significant(*v, 10)).collect())
        .collect();
    let fitting = fitting(table, &cells);
    let hidden = table.columns.len() - fitting;
    let ellipsis = if hidden > 0 { Some("…".to_string()) } else { None };
    let header = table.names().take(fitting).map(str::to_string).chain(ellipsis.clone()).collect();
    let rows = (0..shown)
        .map(|row| cells.iter().take(fitting).map(|c| c[row].clone()).chain(ellipsis.clone()).collect())
        .collect();
    out.push(Block::Table(Grid { header, rows, indent: 2 }));
    if table.rows > shown {
        let more = table.rows - shown;
        out.push(line(format!("  {}", catalogue::word(&msg!("table-summary.more-rows", more = more)))));
    }
    if hidden > 0 {
        out.push(line(format!("  {}", catalogue::word(&msg!("table-summary.more-columns", hidden = hidden)))));
    }
    out
}

/// The first rows as a LaTeX array (`data as latex`): the column names,
/// a rule, the rows, and `\vdots` and `\cdots` for rows and columns left out.
pub fn latex(table: &Table) -> Block {
    let shown = table.rows.min(SHOWN);
    let columns = table.columns.len().min(MOST);
    let mut header: Vec<String> = table.names().take(columns).map(super::latex::text).collect();
    let mut rows: Vec<Vec<String>> = (0..shown)
        .map(|row| table.columns.iter().take(columns).map(|(_, c)| number_text(c[row], Format::Latex)).collect())
        .collect();
    if table.rows > shown {
        rows.push(vec!["\\vdots".to_string(); columns]);
    }
    if table.columns.len() > columns {
        header.push("\\cdots".to_string());
        rows.iter_mut().for_each(|row| row.push("\\cdots".to_string()));
    }
    Block::Code { language: "latex", text: super::latex::array(&header, &rows) }
}

/// The column names as listed in the first line: all, or the ends of a long list.
fn listed(table: &Table) -> Vec<String> {
    let all: Vec<&str> = table.names().collect();
    let (elided, kept) = ends(&all);
    let mut listed: Vec<String> = kept.0.iter().map(|n| column_text(n)).collect();
    if elided {
        listed.push("…".to_string());
        listed.extend(kept.1.iter().map(|n| column_text(n)));
    }
    listed
}

/// How many of the first columns fit in [`WIDTH`] (at least one).
fn fitting(table: &Table, cells: &[Vec<String>]) -> usize {
    let widths = table.names().zip(cells).map(|(n, c)| c.iter().map(|s| s.width()).chain([n.width()]).max());
    let mut used = 2;
    widths
        .take_while(|w| {
            used += w.unwrap_or(0) + 2;
            used <= WIDTH
        })
        .count()
        .max(1)
}

fn line(text: String) -> Block {
    Block::Line(vec![Styled::plain(text)])
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ndarray::Array1;

    use super::*;
    use crate::render::Document;

    fn text(table: &Table) -> String {
        crate::render::text::text(&Document { blocks: summary(table) }, false)
    }

    #[test]
    fn a_wide_table_summary_names_its_ends_and_formats_only_what_fits() {
        let columns = (0..100_000).map(|i| (format!("c{i}"), Arc::new(Array1::from(vec![f64::from(i)])))).collect();
        let table = Table { source: "wide.csv".to_string(), columns, rows: 1 };
        let summary = text(&table);
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
        assert_eq!(text(&narrow), "n.csv: 1 row, 1 column (x)\n    x\n  1.5\n");
    }

    #[test]
    fn a_table_as_latex_is_an_array_of_its_first_rows_with_escaped_names() {
        let column = |name: &str| (name.to_string(), Arc::new(Array1::from((0..8).map(f64::from).collect::<Vec<_>>())));
        let table = Table { source: "t.csv".to_string(), columns: vec![column("a b"), column("x_%")], rows: 8 };
        let Block::Code { language: "latex", text } = latex(&table) else { panic!("not LaTeX code") };
        assert_eq!(
            text,
            "\\begin{array}{rr}\n\\text{a b} & \\text{x\\_\\%} \\\\\n\\hline\n0 & 0 \\\\\n1 & 1 \\\\\n2 & 2 \\\\\n\
             3 & 3 \\\\\n4 & 4 \\\\\n\\vdots & \\vdots \\\\\n\\end{array}"
        );
    }
}

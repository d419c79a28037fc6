//! Documents as LaTeX, for notebooks and papers: formulas as they are,
//! text lines as `\text{…}`, tables as a right-aligned `array`, one item
//! per row of a left-aligned `array`. Takes a [`Document`]; hands on one
//! display-maths string between `$$`. Pictures have no LaTeX form and
//! are left out (an output that has them uses HTML instead).

use super::document::{Block, Document, Grid, Styled};

/// The document as display maths.
pub fn latex(document: &Document) -> String {
    let rows: Vec<String> = document.blocks.iter().filter_map(block).collect();
    match rows.as_slice() {
        [one] => format!("$${one}$$"),
        _ => format!("$$\\begin{{array}}{{l}}\n{}\n\\end{{array}}$$", rows.join(" \\\\\n")),
    }
}

/// Whether every block of the document has a LaTeX form worth showing:
/// formulas only.
pub fn is_maths(document: &Document) -> bool {
    !document.is_empty() && document.blocks.iter().all(|b| matches!(b, Block::Formula { .. }))
}

fn block(block: &Block) -> Option<String> {
    match block {
        Block::Formula { latex, .. } => Some(latex.clone()),
        Block::Line(runs) => Some(text(&runs.iter().map(|r: &Styled| r.text.as_str()).collect::<String>())),
        Block::Table(grid) => Some(grid_array(grid)),
        Block::Code { text: code, .. } => Some(text(code)),
        Block::Picture { .. } => None,
    }
}

/// A right-aligned `array`: the header row, a rule, then the rows, each
/// cell LaTeX already.
pub fn array(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = format!("\\begin{{array}}{{{}}}\n{} \\\\\n\\hline\n", "r".repeat(header.len()), header.join(" & "));
    for row in rows {
        out.push_str(&format!("{} \\\\\n", row.join(" & ")));
    }
    out.push_str("\\end{array}");
    out
}

/// A grid of plain text as an [`array`], every cell escaped as text.
fn grid_array(grid: &Grid) -> String {
    let escaped = |cells: &[String]| cells.iter().map(|c| text(c)).collect::<Vec<_>>();
    array(&escaped(&grid.header), &grid.rows.iter().map(|row| escaped(row)).collect::<Vec<_>>())
}

/// Text inside maths as `\text{…}`, LaTeX's special characters escaped as
/// text mode writes them.
pub fn text(plain: &str) -> String {
    let mut out = String::new();
    for c in plain.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '^' | '~' => out.push_str(&format!("\\{c}{{}}")),
            '{' | '}' | '#' | '$' | '%' | '&' | '_' => {
                out.push('\\');
                out.push(c);
            }
            other => out.push(other),
        }
    }
    format!("\\text{{{out}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_formula_is_display_maths_and_several_are_rows() {
        let formula = |l: &str| Block::Formula { text: String::new(), latex: l.to_string() };
        assert_eq!(latex(&Document::block(formula("x^{2}"))), "$$x^{2}$$");
        let two = Document { blocks: vec![formula("a"), formula("b")] };
        assert_eq!(latex(&two), "$$\\begin{array}{l}\na \\\\\nb\n\\end{array}$$");
        assert!(is_maths(&two));
        assert!(!is_maths(&Document::lines("x")));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("50% of a_b"), "\\text{50\\% of a\\_b}");
        // Text mode has no \backslash, \hat or \sim: these are written as text mode writes them.
        assert_eq!(text("a\\b^c~"), "\\text{a\\textbackslash{}b\\^{}c\\~{}}");
    }
}

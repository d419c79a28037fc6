//! Documents as terminal text: plain, or with ANSI colours. Takes a
//! [`Document`]; hands on the text, every line ending in a newline. This is
//! the one place that writes colour codes for results: ✓ green, ✗ red, ~
//! yellow, names bold, values cyan. Tables are laid out by display width
//! (a CJK character takes two cells).

use unicode_width::UnicodeWidthStr;

use super::document::{Block, Document, Grid, Style, Styled};

/// The document as text, in colour when `colour` is set.
pub fn text(document: &Document, colour: bool) -> String {
    blocks_text(&document.blocks, colour)
}

fn blocks_text(blocks: &[Block], colour: bool) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Line(runs) => {
                out.push_str(&runs_text(runs, colour));
                out.push('\n');
            }
            Block::Picture { fallback, .. } => {
                out.push_str(&blocks_text(fallback, colour));
            }
            Block::Formula { text, .. } | Block::Code { text, .. } => {
                out.push_str(text);
                if !text.ends_with('\n') {
                    out.push('\n');
                }
            }
            Block::Table(grid) => out.push_str(&columns(grid)),
        }
    }
    out
}

/// A line's runs, each in its colour.
pub fn runs_text(runs: &[Styled], colour: bool) -> String {
    runs.iter().map(|run| painted(&run.text, run.style, colour)).collect()
}

fn painted(text: &str, style: Style, colour: bool) -> String {
    let code = match style {
        Style::Plain => None,
        Style::Passed => Some("32"),
        Style::Failed => Some("31"),
        Style::Conditional => Some("33"),
        Style::Name => Some("1"),
        Style::Value => Some("36"),
    };
    match code {
        Some(code) if colour && !text.is_empty() => format!("\x1b[{code}m{text}\x1b[0m"),
        _ => text.to_string(),
    }
}

/// Right-aligned columns two spaces apart, after the grid's indent.
pub fn columns(grid: &Grid) -> String {
    let count = grid.header.len();
    let widths: Vec<usize> = (0..count)
        .map(|c| {
            let cells = std::iter::once(&grid.header).chain(&grid.rows).filter_map(|row| row.get(c));
            cells.map(|cell| cell.width()).max().unwrap_or(0)
        })
        .collect();
    let indent = " ".repeat(grid.indent);
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{}{cell}", " ".repeat(width.saturating_sub(cell.width()))))
            .collect();
        format!("{indent}{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(&grid.header);
    for row in &grid.rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_when_asked() {
        let document = Document::block(Block::Line(vec![Styled::new("✓", Style::Passed), Styled::plain(" x = 1")]));
        assert_eq!(text(&document, false), "✓ x = 1\n");
        assert_eq!(text(&document, true), "\x1b[32m✓\x1b[0m x = 1\n");
    }

    #[test]
    fn columns_align_by_display_width() {
        let grid = Grid {
            header: vec!["k".into(), "学习率".into()],
            rows: vec![vec!["1".into(), "0.5".into()], vec!["10".into(), "0.25".into()]],
            indent: 0,
        };
        assert_eq!(columns(&grid), " k  学习率\n 1     0.5\n10    0.25\n");
    }
}

//! Documents as HTML, for notebooks: styled runs as coloured spans,
//! formulas as LaTeX between `\(` and `\)` (typeset by the notebook's
//! MathJax), tables as `<table>`, pictures as inline SVG. Takes a
//! [`Document`]; hands on one HTML fragment. Everything taken from the user
//! is escaped.

use super::document::{Block, Document, Grid, Style, Styled};

/// The document as an HTML fragment.
pub fn html(document: &Document) -> String {
    let mut out = String::from("<div class=\"gd-output\">");
    for block in &document.blocks {
        out.push_str(&match block {
            Block::Line(runs) => format!("<div style=\"white-space:pre-wrap\">{}</div>", runs_html(runs)),
            Block::Formula { latex, .. } => format!("<div>\\({}\\)</div>", escape(latex)),
            Block::Table(grid) => table(grid),
            Block::Picture { svg, .. } => format!("<div>{svg}</div>"),
            Block::Code { language, text } => {
                format!("<pre><code class=\"language-{language}\">{}</code></pre>", escape(text))
            }
        });
    }
    out.push_str("</div>");
    out
}

fn runs_html(runs: &[Styled]) -> String {
    runs.iter()
        .map(|run| match css(run.style) {
            Some(style) => format!("<span style=\"{style}\">{}</span>", escape(&run.text)),
            None => escape(&run.text),
        })
        .collect()
}

/// How a style looks in HTML; the colours read on light and dark themes.
fn css(style: Style) -> Option<&'static str> {
    match style {
        Style::Plain => None,
        Style::Passed => Some("color:#2e9d3a;font-weight:bold"),
        Style::Failed => Some("color:#d43b3b;font-weight:bold"),
        Style::Conditional => Some("color:#c98a00;font-weight:bold"),
        Style::Name => Some("font-weight:bold"),
        Style::Value => Some("color:#1f8fa8"),
    }
}

fn table(grid: &Grid) -> String {
    let row = |cells: &[String], tag: &str| {
        let cells: String =
            cells.iter().map(|cell| format!("<{tag} style=\"text-align:right\">{}</{tag}>", escape(cell))).collect();
        format!("<tr>{cells}</tr>")
    };
    let body: String = grid.rows.iter().map(|cells| row(cells, "td")).collect();
    format!("<table><thead>{}</thead><tbody>{body}</tbody></table>", row(&grid.header, "th"))
}

/// Text made safe inside HTML elements and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_and_styles_become_spans() {
        let document = Document::block(Block::Line(vec![Styled::new("✗", Style::Failed), Styled::plain(" a<b & c")]));
        let html = html(&document);
        assert!(html.contains("a&lt;b &amp; c"), "{html}");
        assert!(html.contains("<span style=\"color:#d43b3b;font-weight:bold\">✗</span>"), "{html}");
    }

    #[test]
    fn tables_have_a_header_and_rows() {
        let grid = Grid { header: vec!["k".into()], rows: vec![vec!["1".into()]], indent: 0 };
        let html = html(&Document::block(Block::Table(grid)));
        assert!(html.contains("<thead><tr><th style=\"text-align:right\">k</th></tr></thead>"), "{html}");
        assert!(html.contains("<td style=\"text-align:right\">1</td>"), "{html}");
    }
}

//! One result as a Jupyter MIME bundle. Takes the [`Document`] a statement
//! handed on and gives the [`Media`] that an `execute_result` or
//! `display_data` message carries. Every output type a notebook gets is
//! decided here and nowhere else:
//!
//! - `text/plain` always (the document as plain text);
//! - `text/latex` when the result is maths only (values, derivatives,
//!   gradients, functions): `render::latex`;
//! - `image/svg+xml` for a picture (a graph, a plot), with `text/vnd.mermaid`
//!   for a graph, which JupyterLab can draw itself;
//! - `text/html` for everything with more than plain lines: tables, check
//!   verdicts in colour, mixed results (`render::html`).

use jupyter_protocol::{Media, MediaType};

use crate::render::{Block, Document, Style, html, latex, text};

/// A result in the parts a notebook shows one below the other: each
/// picture on its own (so that it is an `image/svg+xml`), and the blocks
/// between pictures together.
pub fn parts(result: &Document) -> Vec<Document> {
    let mut parts = Vec::new();
    let mut text = Document::default();
    for block in &result.blocks {
        if let Block::Picture { .. } = block {
            if !text.is_empty() {
                parts.push(std::mem::take(&mut text));
            }
            parts.push(Document::block(block.clone()));
        } else {
            text.push(block.clone());
        }
    }
    if !text.is_empty() {
        parts.push(text);
    }
    parts
}

/// The bundle of one result.
pub fn bundle(result: &Document) -> Media {
    let mut types = vec![MediaType::Plain(plain(result))];
    match result.blocks.as_slice() {
        [Block::Picture { svg, mermaid, .. }] => {
            types.push(MediaType::Svg(svg.clone()));
            if let Some(mermaid) = mermaid {
                types.push(MediaType::Other(("text/vnd.mermaid".to_string(), mermaid.clone().into())));
            }
        }
        _ if latex::is_maths(result) => types.push(MediaType::Latex(latex::latex(result))),
        _ if is_rich(result) => types.push(MediaType::Html(html::html(result))),
        _ => {}
    }
    Media::new(types)
}

/// Whether a document has more than plain lines, formulas and code: a
/// table, a picture, or styled text, which HTML shows better than text.
fn is_rich(result: &Document) -> bool {
    result.blocks.iter().any(|block| match block {
        Block::Table(_) | Block::Picture { .. } => true,
        Block::Line(runs) => runs.iter().any(|run| run.style != Style::Plain),
        Block::Formula { .. } | Block::Code { .. } => false,
    })
}

/// A result as plain text, without colour or the final line break (a
/// notebook adds its own): its `text/plain`, and what history keeps.
pub fn plain(result: &Document) -> String {
    let text = text::text(result, false);
    text.strip_suffix('\n').map(str::to_string).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Grid, Styled};

    fn json(result: &Document) -> serde_json::Value {
        serde_json::to_value(bundle(result)).unwrap_or_default()
    }

    #[test]
    fn plain_lines_are_plain_text_without_their_last_line_break() {
        assert_eq!(json(&Document::lines("a\nb")), serde_json::json!({ "text/plain": "a\nb" }));
    }

    #[test]
    fn pictures_are_parts_of_their_own() {
        let picture = Block::Picture { svg: "<svg/>".into(), mermaid: None, fallback: Vec::new() };
        let mut result = Document::lines("a\nb");
        result.push(picture.clone());
        result.line("c");
        let parts = parts(&result);
        let sizes: Vec<usize> = parts.iter().map(|p| p.blocks.len()).collect();
        assert_eq!(sizes, [2, 1, 1]);
        assert_eq!(parts[1], Document::block(picture));
    }

    #[test]
    fn maths_comes_with_latex() {
        let formula =
            Block::Formula { text: "∂J/∂b = 3*c".into(), latex: "\\frac{\\partial J}{\\partial b} = 3 c".into() };
        let bundle = json(&Document::block(formula));
        assert_eq!(bundle["text/plain"], "∂J/∂b = 3*c");
        assert_eq!(bundle["text/latex"], "$$\\frac{\\partial J}{\\partial b} = 3 c$$");
    }

    #[test]
    fn pictures_are_svg_with_mermaid_and_tables_and_verdicts_are_html() {
        let picture = Block::Picture {
            svg: "<svg></svg>".into(),
            mermaid: Some("flowchart LR".into()),
            fallback: vec![Block::Line(vec![Styled::plain("J = 3*v")])],
        };
        let bundle = json(&Document::block(picture));
        assert_eq!(bundle["image/svg+xml"], "<svg></svg>");
        assert_eq!(bundle["text/vnd.mermaid"], "flowchart LR");
        assert_eq!(bundle["text/plain"], "J = 3*v");
        let table = Grid { header: vec!["k".into()], rows: vec![vec!["1".into()]], indent: 0 };
        assert!(json(&Document::block(Block::Table(table)))["text/html"].is_string());
        let verdict = Block::Line(vec![Styled::new("✓", Style::Passed), Styled::plain(" x = x")]);
        assert!(json(&Document::block(verdict))["text/html"].as_str().is_some_and(|h| h.contains("✓")));
    }
}

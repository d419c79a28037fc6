//! One result as a Jupyter MIME bundle. Takes the [`Document`] a statement
//! handed on and gives the [`Media`] that an `execute_result` or
//! `display_data` message carries. Every output type a notebook gets is
//! decided here and nowhere else: today `text/plain`; `text/latex`,
//! `text/html` and `image/svg+xml` are to join it, from the same document
//! (`render::latex`, `render::html`, its pictures).

use jupyter_protocol::{Media, MediaType};

use crate::render::{Document, text};

/// The bundle of one result.
pub fn bundle(result: &Document) -> Media {
    Media::new(vec![MediaType::Plain(plain(result))])
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

    #[test]
    fn a_result_is_plain_text_without_its_last_line_break() {
        let json = serde_json::to_value(bundle(&Document::lines("∂J/∂b = 3*c"))).unwrap_or_default();
        assert_eq!(json, serde_json::json!({ "text/plain": "∂J/∂b = 3*c" }));
        let json = serde_json::to_value(bundle(&Document::lines("a\nb"))).unwrap_or_default();
        assert_eq!(json, serde_json::json!({ "text/plain": "a\nb" }));
    }
}

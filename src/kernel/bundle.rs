//! One result as a Jupyter MIME bundle. Takes what a statement printed and
//! hands on the [`Media`] that an `execute_result` or `display_data`
//! message carries. Every output type a notebook gets is decided here and
//! nowhere else: today `text/plain`; `text/latex`, `text/html` and
//! `image/svg+xml` join it once results reach the kernel as documents.

use jupyter_protocol::{Media, MediaType};

/// The bundle of one printed result: its text without the final line break
/// (a notebook adds its own), as `text/plain`.
pub fn bundle(printed: &str) -> Media {
    let text = printed.strip_suffix('\n').unwrap_or(printed);
    Media::new(vec![MediaType::Plain(text.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_plain_text_without_its_last_line_break() {
        let json = serde_json::to_value(bundle("∂J/∂b = 3*c\n")).unwrap_or_default();
        assert_eq!(json, serde_json::json!({ "text/plain": "∂J/∂b = 3*c" }));
        let json = serde_json::to_value(bundle("a\nb\n\n")).unwrap_or_default();
        assert_eq!(json, serde_json::json!({ "text/plain": "a\nb\n" }));
    }
}

//! The render stage: the one place results become something to read.
//!
//! Engines hand on reports (facts: numbers, expression ids, outcomes); the
//! modules here word them and lay them out as one [`Document`] model
//! ([`document`]); frontends then turn a document into plain or ANSI text
//! ([`text`]), LaTeX ([`latex`]) or HTML ([`html`]). Wording lives here and
//! nowhere upstream, so that another language's catalogue can replace it.

pub mod data;
pub mod descent;
pub mod document;
pub mod graph_diagram;
pub mod graph_picture;
pub mod graph_text;
pub mod html;
pub mod latex;
pub mod plot;
pub mod results;
pub mod text;
pub mod verdict;

pub use document::{Block, Document, Grid, Style, Styled};

//! The document model every result is rendered into, once, before any
//! frontend sees it: lines of styled text runs, formulas (their text and
//! their LaTeX), tables, pictures and code. Built by the rest of `render`
//! from reports; turned into plain text, ANSI, LaTeX or HTML by
//! [`super::text`], [`super::latex`] and [`super::html`]. Holds no colour
//! codes and no markup: styles are semantic, and each output decides how
//! they look.

/// A rendered result: blocks, one below the other.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// One block of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A line of text runs.
    Line(Vec<Styled>),
    /// A formula: how it reads as text, and as LaTeX (without `$`).
    Formula { text: String, latex: String },
    /// A table of cells, right-aligned in text.
    Table(Grid),
    /// A picture, as SVG, with what a text output shows instead, and, for
    /// a graph, its Mermaid text (which a notebook may draw itself).
    Picture { svg: String, mermaid: Option<String>, fallback: Vec<Block> },
    /// Text in another language, shown as is (`latex`, `mermaid`, `dot`).
    Code { language: &'static str, text: String },
}

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Styled {
    pub text: String,
    pub style: Style,
}

/// What a run of text is, so that an output can show it: in colour on a
/// terminal, with a class in HTML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// A check that holds: ✓.
    Passed,
    /// A check that fails: ✗.
    Failed,
    /// A check that holds with a condition: ~.
    Conditional,
    /// A name being defined (a graph's node).
    Name,
    /// A computed value (a graph's value column).
    Value,
}

/// A table: a header row and body rows of the same width, indented by
/// `indent` spaces in text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub indent: usize,
}

impl Styled {
    pub fn plain(text: impl Into<String>) -> Styled {
        Styled { text: text.into(), style: Style::Plain }
    }

    pub fn new(text: impl Into<String>, style: Style) -> Styled {
        Styled { text: text.into(), style }
    }
}

impl Document {
    /// A document of plain lines, one per line of `text`.
    pub fn lines(text: &str) -> Document {
        let blocks = text.lines().map(|line| Block::Line(vec![Styled::plain(line)])).collect();
        Document { blocks }
    }

    /// A document of one block.
    pub fn block(block: Block) -> Document {
        Document { blocks: vec![block] }
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// Adds a line of plain text.
    pub fn line(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Line(vec![Styled::plain(text)]));
    }

    pub fn append(&mut self, other: Document) {
        self.blocks.extend(other.blocks);
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

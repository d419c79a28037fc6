//! Sources and positions in them: a leaf that every stage may use.
//! Every AST node and every diagnostic carries a [`Span`], a half-open byte
//! range inside one source (a file, an `-e` argument, a REPL line, a data
//! file); the [`SourceId`] says which. [`Sources`] keeps each source's name,
//! text and folder (where its relative file names resolve), so diagnostics
//! can show the text and `load`/`plot` can find files.

use std::ops::Range;
use std::path::{Path, PathBuf};

use ariadne::Source;

/// Which source a span points into (an index into the session's source list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub u32);

/// A half-open byte range `start..end` inside the source `source`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub source: SourceId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(source: SourceId, start: usize, end: usize) -> Span {
        Span { source, start, end }
    }

    /// The smallest span covering both (they must share a source).
    pub fn to(self, other: Span) -> Span {
        Span::new(self.source, self.start.min(other.start), self.end.max(other.end))
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// The texts spans point into, by [`SourceId`].
#[derive(Default)]
pub struct Sources {
    entries: Vec<SourceEntry>,
}

/// One source: its display name, its text (with ariadne's line index) and its folder.
struct SourceEntry {
    name: String,
    text: Source<String>,
    dir: PathBuf,
}

impl Sources {
    /// Adds a source under a display name (`lesson.gd`, `-e`, `<repl>`);
    /// relative file names in it resolve from `dir`.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>, dir: PathBuf) -> SourceId {
        let id = SourceId(u32::try_from(self.entries.len()).unwrap_or(u32::MAX));
        self.entries.push(SourceEntry { name: name.into(), text: Source::from(text.into()), dir });
        id
    }

    pub fn text(&self, id: SourceId) -> &str {
        self.entries.get(id.0 as usize).map_or("", |entry| entry.text.text())
    }

    pub fn name(&self, id: SourceId) -> &str {
        self.entries.get(id.0 as usize).map_or("?", |entry| entry.name.as_str())
    }

    /// The folder relative file names in this source resolve from.
    pub fn dir(&self, id: SourceId) -> &Path {
        self.entries.get(id.0 as usize).map_or(Path::new(""), |entry| entry.dir.as_path())
    }

    /// The source with its line index, for drawing diagnostics.
    pub fn indexed(&self, id: SourceId) -> Option<&Source<String>> {
        self.entries.get(id.0 as usize).map(|entry| &entry.text)
    }
}

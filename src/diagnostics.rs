//! Errors as values, and the one place they are rendered.
//!
//! Every stage reports problems as a [`Diagnostic`]: a message, labels on
//! spans, an optional help line. [`render`] turns one into the text the user
//! sees (ariadne, with `file:line:col`, the source line and a label under the
//! exact byte span), with or without colour. Nothing else prints errors.

use std::fmt;

use ariadne::{Cache, CharSet, Color, Config, IndexType, Label as AriadneLabel, Report, ReportKind, Source};

use crate::syntax::span::{SourceId, Span};

/// Which kind of failure a diagnostic reports; decides the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// The input is not valid gd (exit status 2; nothing runs).
    Syntax,
    /// The input is valid but cannot be carried out (exit status 1).
    Runtime,
    /// The command line or a file cannot be used at all (exit status 2).
    Usage,
}

/// Why a file could not be read, in words: `no such file`, `it is a folder`.
pub fn read_failure(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a folder".to_string(),
        _ => error.to_string(),
    }
}

/// A span with what to say under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One error: a message, labels (the first is the main one), help and a note.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub class: Class,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub note: Option<String>,
}

impl Diagnostic {
    fn new(class: Class, message: impl Into<String>) -> Diagnostic {
        Diagnostic { class, message: message.into(), labels: Vec::new(), help: None, note: None }
    }

    /// A syntax error with its main label.
    pub fn syntax(message: impl Into<String>, span: Span, label: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Class::Syntax, message).with_label(span, label)
    }

    /// A runtime error (or a failed name check) with its main label.
    pub fn runtime(message: impl Into<String>, span: Span, label: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Class::Runtime, message).with_label(span, label)
    }

    /// A problem with no place in any source (a missing file, bad arguments).
    pub fn usage(message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Class::Usage, message)
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.note = Some(note.into());
        self
    }

    /// The main span, if the diagnostic points anywhere.
    pub fn span(&self) -> Option<Span> {
        self.labels.first().map(|label| label.span)
    }
}

/// The texts diagnostics point into, by [`SourceId`].
#[derive(Default)]
pub struct Sources {
    entries: Vec<(String, Source<String>)>,
}

impl Sources {
    /// Adds a source under a display name (`lesson.gd`, `-e`, `<repl>`).
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> SourceId {
        let id = SourceId(u32::try_from(self.entries.len()).unwrap_or(u32::MAX));
        self.entries.push((name.into(), Source::from(text.into())));
        id
    }

    pub fn text(&self, id: SourceId) -> &str {
        self.entries.get(id.0 as usize).map_or("", |(_, source)| source.text())
    }

    pub fn name(&self, id: SourceId) -> &str {
        self.entries.get(id.0 as usize).map_or("?", |(name, _)| name.as_str())
    }
}

struct SourceName<'a>(&'a str);

impl fmt::Display for SourceName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Cache<SourceId> for &Sources {
    type Storage = String;

    fn fetch(&mut self, id: &SourceId) -> Result<&Source<String>, impl fmt::Debug> {
        self.entries.get(id.0 as usize).map(|(_, source)| source).ok_or("unknown source")
    }

    fn display<'a>(&self, id: &'a SourceId) -> Option<impl fmt::Display + 'a> {
        let name = self.entries.get(id.0 as usize).map_or("?", |(name, _)| name.as_str());
        Some(SourceName(name).to_string())
    }
}

type AriadneSpan = (SourceId, std::ops::Range<usize>);

/// Renders a diagnostic as the user sees it, ending with a newline.
pub fn render(diagnostic: &Diagnostic, sources: &Sources, color: bool) -> String {
    let Some(main) = diagnostic.span() else {
        return render_without_source(diagnostic, color);
    };
    let config = Config::default().with_index_type(IndexType::Byte).with_color(color).with_char_set(CharSet::Unicode);
    let mut report: ariadne::ReportBuilder<AriadneSpan> =
        Report::build(ReportKind::Error, (main.source, clamp(main, sources)))
            .with_config(config)
            .with_message(&diagnostic.message);
    for (index, label) in diagnostic.labels.iter().enumerate() {
        let colour = if index == 0 { Color::Red } else { Color::Blue };
        let mut ariadne_label = AriadneLabel::new((label.span.source, clamp(label.span, sources)))
            .with_message(&label.message)
            .with_order(index as i32);
        if color {
            ariadne_label = ariadne_label.with_color(colour);
        }
        report = report.with_label(ariadne_label);
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_help(help);
    }
    if let Some(note) = &diagnostic.note {
        report = report.with_note(note);
    }
    let mut out = Vec::new();
    if report.finish().write(sources, &mut out).is_err() {
        return render_without_source(diagnostic, color);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Keeps a label inside its source and on character boundaries, so a stale
/// or odd span can never make rendering fail.
fn clamp(span: Span, sources: &Sources) -> std::ops::Range<usize> {
    let text = sources.text(span.source);
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

fn render_without_source(diagnostic: &Diagnostic, color: bool) -> String {
    let head = if color { "\x1b[31mError:\x1b[0m" } else { "Error:" };
    let mut text = format!("{head} {}\n", diagnostic.message);
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("  help: {help}\n"));
    }
    if let Some(note) = &diagnostic.note {
        text.push_str(&format!("  note: {note}\n"));
    }
    text
}

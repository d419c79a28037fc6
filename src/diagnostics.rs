//! Errors as values, and the one place they are rendered.
//!
//! Every stage reports problems as a [`Diagnostic`]: a code, a message,
//! labels on spans, an optional help line, each message an id in the
//! catalogue with its facts, never a sentence. [`render`] words them in the
//! session's language (`catalogue`) and turns them into the text the user
//! sees (ariadne, with `file:line:col`, the source line and a label under the
//! exact byte span), with or without colour. Nothing else prints errors.

use std::fmt;

use ariadne::{Cache, CharSet, Color, Config, IndexType, Label as AriadneLabel, Report, ReportKind, Source};

use crate::catalogue;
use crate::message::Message;
use crate::msg;
use crate::source::{SourceId, Sources, Span};

/// Which kind of problem a diagnostic reports, which decides how it is headed
/// (`Error:` or `Warning:`). The exit status is the run's [`crate::session::Status`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// The input is not valid gd; nothing runs.
    Syntax,
    /// The input is valid but cannot be carried out.
    Runtime,
    /// The command line or a file cannot be used at all.
    Usage,
    /// Valid input that may not mean what was meant; it runs, and the
    /// warning says how to write each reading.
    Warning,
}

/// What a diagnostic reports, told apart without reading its words: the
/// parser, the tests and the kernel (an error reply's `ename`) match on it,
/// and it is what a catalogue of messages in another language is keyed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiagnosticCode {
    // Syntax: the input is not valid gd.
    UnclosedBracket,
    UnclosedString,
    UnexpectedCharacter,
    UnexpectedToken,
    /// The input ends inside a statement.
    EarlyEnd,
    /// `\frac{…}{…}` and other LaTeX pasted in.
    LatexInput,
    /// `2 x`: a number and a name with a space between.
    NumberApart,
    DerivativeOrder,
    ParameterNotAName,
    NotAssignable,
    // Warnings: valid input that may mean something else.
    /// `1/2x`: divides by the whole product.
    AmbiguousDivision,
    /// `2e` followed by more: times a power of e, not of ten.
    PowerOfE,
    // Names and shapes, found before anything runs.
    UnknownName,
    BuiltinName,
    BuiltinAsValue,
    ConstantCalled,
    ArgumentCount,
    NotAFunction,
    NotANumber,
    NotAParameter,
    NoParameters,
    ParameterTwice,
    ParameterIsFunction,
    /// A function was redefined with other parameters after a caller was written.
    ParametersChanged,
    BodyNotANumber,
    Recursion,
    PrimeArity,
    DiffVariableNotName,
    DifferentParameters,
    DerivativeWithVector,
    /// A derivative combined with an expression in free symbols (`∂J/∂a + diff(y^2, y)`).
    DerivativeWithSymbols,
    NoField,
    StringAlone,
    CannotBind,
    NumberTooLarge,
    DivisionByZero,
    VectorElement,
    EmptyVector,
    VectorLengths,
    LoadNeedsFileName,
    UnknownFormat,
    // `check`
    ClaimSizes,
    ClaimIncomparable,
    ClaimWithArguments,
    NegativeTolerance,
    // `minimize`
    MinimizeWithArguments,
    ListedTwice,
    StartMissing,
    UnknownSetting,
    UnknownMethod,
    SettingNeedsValue,
    SettingValue,
    SettingWithoutEffect,
    PlotFileName,
    PlotNotWritten,
    StochasticNeedsRows,
    NoValueAtStart,
    TooMuchWork,
    /// A name in a compiled function has no number to compute with.
    NoValue,
    // Running.
    /// A value that cannot be computed: outside a domain, too large, not a number.
    NotComputable,
    /// A binding whose value still has free symbols in it.
    FreeSymbols,
    /// A CSV file that cannot be loaded as a table.
    DataFile,
    // Files, the command line and the REPL's commands.
    CannotRead,
    NotText,
    NotAFile,
    InputTooLarge,
    CommandLine,
    ExpressionExpected,
    CommandArguments,
    UnknownCommand,
    UnknownHelpTopic,
    NothingToSave,
    CannotSave,
    /// Execution met a statement other than the checker said it was: a bug in gd.
    Internal,
}

/// Why a file could not be read: no such file, a folder, or what the system said.
pub fn read_failure(error: &std::io::Error) -> Message {
    match error.kind() {
        std::io::ErrorKind::NotFound => msg!("read-failure.missing"),
        std::io::ErrorKind::IsADirectory => msg!("read-failure.folder"),
        _ => msg!("read-failure", error = error.to_string()),
    }
}

/// A span with what to say under it.
#[derive(Clone, Debug, PartialEq)]
pub struct DiagnosticLabel {
    pub span: Span,
    pub message: Message,
}

/// One error: a message, labels (the first is the main one), help and a note.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub class: Class,
    pub code: DiagnosticCode,
    pub message: Message,
    pub labels: Vec<DiagnosticLabel>,
    pub help: Option<Message>,
    /// Boxed: rare, and a diagnostic stays small enough to return by value.
    pub note: Option<Box<Message>>,
}

impl Diagnostic {
    fn new(class: Class, code: DiagnosticCode, message: Message) -> Diagnostic {
        Diagnostic { class, code, message, labels: Vec::new(), help: None, note: None }
    }

    /// A syntax error with its main label.
    pub fn syntax(code: DiagnosticCode, message: Message, span: Span, label: Message) -> Diagnostic {
        Diagnostic::new(Class::Syntax, code, message).with_label(span, label)
    }

    /// A runtime error (or a failed name check) with its main label.
    pub fn runtime(code: DiagnosticCode, message: Message, span: Span, label: Message) -> Diagnostic {
        Diagnostic::new(Class::Runtime, code, message).with_label(span, label)
    }

    /// A warning with its main label.
    pub fn warning(code: DiagnosticCode, message: Message, span: Span, label: Message) -> Diagnostic {
        Diagnostic::new(Class::Warning, code, message).with_label(span, label)
    }

    /// A problem with no place in any source (a missing file, bad arguments).
    pub fn usage(code: DiagnosticCode, message: Message) -> Diagnostic {
        Diagnostic::new(Class::Usage, code, message)
    }

    pub fn with_label(mut self, span: Span, message: Message) -> Diagnostic {
        self.labels.push(DiagnosticLabel { span, message });
        self
    }

    pub fn with_help(mut self, help: Message) -> Diagnostic {
        self.help = Some(help);
        self
    }

    pub fn with_note(mut self, note: Message) -> Diagnostic {
        self.note = Some(Box::new(note));
        self
    }

    /// The main span, if the diagnostic points anywhere.
    pub fn span(&self) -> Option<Span> {
        self.labels.first().map(|label| label.span)
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
        self.indexed(*id).ok_or("unknown source")
    }

    fn display<'a>(&self, id: &'a SourceId) -> Option<impl fmt::Display + 'a> {
        Some(SourceName(self.name(*id)).to_string())
    }
}

type AriadneSpan = (SourceId, std::ops::Range<usize>);

/// A diagnostic's messages worded (and shortened) for the user.
struct WordedDiagnostic {
    class: Class,
    message: String,
    labels: Vec<(Span, String)>,
    help: Option<String>,
    note: Option<String>,
}

/// Renders a diagnostic as the user sees it, ending with a newline.
pub fn render(diagnostic: &Diagnostic, sources: &Sources, color: bool) -> String {
    let Some(main) = diagnostic.span() else {
        return render_without_source(&worded(diagnostic), color);
    };
    let diagnostic = &worded(diagnostic);
    let config = Config::default().with_index_type(IndexType::Char).with_color(color).with_char_set(CharSet::Unicode);
    let mut report: ariadne::ReportBuilder<AriadneSpan> =
        Report::build(report_kind(diagnostic.class), (main.source, clamp(main, sources)))
            .with_config(config)
            .with_message(&diagnostic.message);
    for (index, (span, message)) in diagnostic.labels.iter().enumerate() {
        let colour = if index == 0 { Color::Red } else { Color::Blue };
        let mut ariadne_label =
            AriadneLabel::new((span.source, clamp(*span, sources))).with_message(message).with_order(index as i32);
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

/// The diagnostic's headline in words, as a Jupyter error reply's `evalue`.
pub fn headline(diagnostic: &Diagnostic) -> String {
    shorten(&catalogue::word(&diagnostic.message))
}

/// Longest quoted name or expression a message shows whole, in characters.
const QUOTE_LIMIT: usize = 60;
/// Longest message, label or help line shown whole, in characters.
const LINE_LIMIT: usize = 240;

/// The diagnostic in words, every text short enough to read: a long quoted
/// name or expression keeps its head and tail around `…` and says its size.
fn worded(diagnostic: &Diagnostic) -> WordedDiagnostic {
    let words = |message: &Message| shorten(&catalogue::word(message));
    WordedDiagnostic {
        class: diagnostic.class,
        message: words(&diagnostic.message),
        labels: diagnostic.labels.iter().map(|label| (label.span, words(&label.message))).collect(),
        help: diagnostic.help.as_ref().map(words),
        note: diagnostic.note.as_deref().map(words),
    }
}

fn shorten(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * LINE_LIMIT));
    for (index, part) in text.split('`').enumerate() {
        if index > 0 {
            out.push('`');
        }
        let quoted = index % 2 == 1;
        out.push_str(&elide(part, if quoted { QUOTE_LIMIT } else { LINE_LIMIT }));
    }
    elide(&out, LINE_LIMIT)
}

/// `text` if it has at most `limit` characters, else its head and tail around
/// `…` with its length (so that what is shown cannot be pasted as if whole).
fn elide(text: &str, limit: usize) -> String {
    let length = text.chars().count();
    if length <= limit {
        return text.to_string();
    }
    let head: String = text.chars().take(limit / 2).collect();
    let tail: String = text.chars().skip(length - limit / 4).collect();
    format!("{head} … {tail} ({length} characters)")
}

/// A label's byte span as the character range ariadne is given: kept inside
/// its source and on character boundaries, so a stale or odd span can never
/// make rendering fail. (ariadne 0.6 places the header of a label in another
/// source by character offset whatever the index type, so gd hands it
/// character offsets throughout.)
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
    let char_start = text[..start].chars().count();
    char_start..char_start + text[start..end].chars().count()
}

fn report_kind(class: Class) -> ReportKind<'static> {
    match class {
        Class::Warning => ReportKind::Warning,
        Class::Syntax | Class::Runtime | Class::Usage => ReportKind::Error,
    }
}

fn render_without_source(diagnostic: &WordedDiagnostic, color: bool) -> String {
    let head = match (diagnostic.class, color) {
        (Class::Warning, true) => "\x1b[33mWarning:\x1b[0m",
        (Class::Warning, false) => "Warning:",
        (_, true) => "\x1b[31mError:\x1b[0m",
        (_, false) => "Error:",
    };
    let mut text = format!("{head} {}\n", diagnostic.message);
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("  Help: {help}\n"));
    }
    if let Some(note) = &diagnostic.note {
        text.push_str(&format!("  Note: {note}\n"));
    }
    text
}

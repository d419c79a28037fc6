//! The session: the one entry point shared by the CLI, the REPL and the tests.
//!
//! A [`Session`] owns the environment (definitions, bindings), the
//! expression arena and the source texts. [`Session::run`] takes a program
//! (one or more inputs: files, `-e` arguments, a REPL line), parses all of
//! it (reporting every syntax error, running nothing if there is one),
//! checks all of it (names, arity, recursion), then runs it statement by
//! statement, handing results and rendered diagnostics to an [`Output`].

pub mod inventory;
mod run;

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::Ordering;

use crate::catalogue;
use crate::check::report::Verdict;
use crate::diagnostics::{self, Diagnostic, DiagnosticCode};
use crate::env::Env;
use crate::expr::arena::Arena;
use crate::journal::{self, Journal};
use crate::message::Message;
use crate::msg;
use crate::render::Document;
use crate::resolve::{Checker, StatementShape};
use crate::source::Sources;
use crate::syntax::ast::StmtKind;
use crate::syntax::parser::{self, Program};

/// Where results and errors go. A frontend decides how a result looks:
/// plain text, colour on a terminal, or rich output in a notebook.
pub trait Output {
    /// A result of one statement (or a REPL command).
    fn show(&mut self, result: &Document);
    /// A message about the run (an interrupt, a note), already in words.
    fn error(&mut self, text: &str);
    /// A diagnostic, as data and as rendered for this output's reader.
    fn diagnostic(&mut self, diagnostic: &Diagnostic, rendered: &str) {
        let _ = diagnostic;
        self.error(rendered);
    }
}

/// Collects everything in memory (for tests and embedding): results as
/// documents and as plain text.
#[derive(Default, Debug)]
pub struct Captured {
    pub out: String,
    pub err: String,
    pub documents: Vec<Document>,
}

impl Output for Captured {
    fn show(&mut self, result: &Document) {
        self.out.push_str(&crate::render::text::text(result, false));
        self.documents.push(result.clone());
    }

    fn error(&mut self, text: &str) {
        self.err.push_str(text);
    }
}

/// How a session presents itself.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Colour in results (✓, ✗, tables).
    pub color_output: bool,
    /// Colour in diagnostics.
    pub color_errors: bool,
    /// Seed for the random points of `check` and the starts of `restarts`.
    pub seed: u64,
    /// Standard output is a terminal (plots may be drawn there).
    pub terminal: bool,
    /// Standard error is a terminal (long runs show a progress bar).
    pub progress: bool,
    /// The frontend shows pictures (a notebook): graphs and plots come
    /// as SVG too, with their text form for plain output.
    pub pictures: bool,
}

/// Set when the user presses Ctrl-C; long loops poll it and stop cleanly.
pub static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The largest script gd reads, in bytes.
pub const SCRIPT_LIMIT: u64 = 64_000_000;

/// One piece of source text to run.
pub struct Input {
    /// Shown in diagnostics: a file name, `-e`, `<stdin>`, `<repl>`.
    pub name: String,
    pub text: String,
    /// Relative file names in this input resolve from here.
    pub dir: PathBuf,
}

impl Input {
    /// A script file, named as given; its relative file names resolve from its folder.
    pub fn from_file(path: &Path) -> Result<Input, Diagnostic> {
        let shown = path.display().to_string();
        let bytes = crate::files::read_bounded(path, SCRIPT_LIMIT, true).map_err(|e| {
            Diagnostic::usage(DiagnosticCode::CannotRead, msg!("cannot-read", file = shown, reason = e.message()))
        })?;
        let text = Input::text_of(bytes, msg!("not-text.file", file = shown))?;
        let dir =
            path.parent().map(Path::to_path_buf).filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| ".".into());
        Ok(Input { name: shown, text, dir })
    }

    /// Bytes read from `what` as text, or a usage error saying where they are not UTF-8.
    /// A UTF-8 byte-order mark at the start is skipped.
    pub fn text_of(bytes: Vec<u8>, what: Message) -> Result<String, Diagnostic> {
        let bytes = match bytes.strip_prefix("\u{feff}".as_bytes()) {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        String::from_utf8(bytes).map_err(|e| {
            Diagnostic::usage(
                DiagnosticCode::NotText,
                msg!("not-text", what = what, byte = e.utf8_error().valid_up_to()),
            )
            .with_help(msg!("not-text.help"))
        })
    }
}

/// How a run ended; decides the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    /// A runtime error (or a failed name check) stopped the program.
    Failed,
    /// The program did not parse; nothing ran.
    Syntax,
    /// The user pressed Ctrl-C; the statement running then finished early.
    Interrupted,
}

impl Status {
    /// 0 ok, 1 runtime error, 2 syntax error.
    pub fn exit_code(self) -> i32 {
        match self {
            Status::Ok => 0,
            Status::Failed | Status::Interrupted => 1,
            Status::Syntax => 2,
        }
    }
}

/// How many checks passed and failed in a run, and how many hold only
/// with a condition (where both sides are defined, or except at a kink).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    pub conditional: usize,
}

pub struct Session {
    pub(crate) settings: Settings,
    pub(crate) sources: Sources,
    tally: Tally,
    pub(crate) arena: Arena,
    pub(crate) env: Env,
    pub(crate) journal: Journal,
    /// Which run of the last `minimize` Ctrl-C stopped (0 the first, then
    /// its restarts), so that `:save` can write it to replay the same.
    pub(crate) stopped_run: Option<usize>,
}

impl Session {
    pub fn new(settings: Settings) -> Session {
        Session {
            settings,
            sources: Sources::default(),
            tally: Tally::default(),
            arena: Arena::new(),
            env: Env::default(),
            journal: Journal::default(),
            stopped_run: None,
        }
    }

    /// Runs the inputs as one script: parsed, checked, then run; ends with
    /// the count of checks (`3 checks: 2 passed, 1 failed`) if there were any.
    pub fn run(&mut self, inputs: Vec<Input>, out: &mut dyn Output) -> Status {
        self.tally = Tally::default();
        let status = self.run_program(inputs, out);
        self.report_tally(status, out)
    }

    /// Prints the count of checks, if there were any; a failed check makes the status a failure.
    fn report_tally(&mut self, status: Status, out: &mut dyn Output) -> Status {
        let Tally { passed, failed, conditional } = self.tally;
        let total = passed + failed + conditional;
        if total == 0 {
            return status;
        }
        let noun = if total == 1 { "check" } else { "checks" };
        let conditions = if conditional > 0 { format!(", {conditional} with a condition") } else { String::new() };
        out.show(&Document::lines(&format!("{total} {noun}: {passed} passed{conditions}, {failed} failed")));
        if failed + conditional > 0 && status == Status::Ok { Status::Failed } else { status }
    }

    /// Parses, checks, then runs the inputs as one program.
    fn run_program(&mut self, inputs: Vec<Input>, out: &mut dyn Output) -> Status {
        let programs = match self.parse_all(inputs) {
            Ok(programs) => programs,
            Err(errors) => {
                self.report(&errors, out);
                return Status::Syntax;
            }
        };
        for program in &programs {
            self.report(&program.warnings, out);
        }
        let statements = match self.check_all(&programs) {
            Ok(statements) => statements,
            Err(errors) => {
                self.report(&errors, out);
                return Status::Failed;
            }
        };
        INTERRUPTED.store(false, Ordering::Relaxed);
        let count = statements.len();
        for (position, CheckedStatement { program, index, shape }) in statements.into_iter().enumerate() {
            let statement = &program.statements[index];
            match self.execute(&program, statement, shape) {
                Ok(document) => {
                    let interrupted = INTERRUPTED.load(Ordering::Relaxed);
                    self.note_binding(statement, interrupted);
                    if !document.is_empty() {
                        out.show(&document);
                    }
                }
                Err(error) => {
                    self.report(&[error], out);
                    return Status::Failed;
                }
            }
            if INTERRUPTED.swap(false, Ordering::Relaxed) {
                if position + 1 < count {
                    out.error(&format!("{}\n", catalogue::word(&msg!("interrupted-rest"))));
                }
                return Status::Interrupted;
            }
        }
        Status::Ok
    }

    /// Records a statement that bound a name in the journal (for `:save`).
    /// A `minimize` is recorded to replay to the same result, even when
    /// Ctrl-C stopped it (see [`journal::replayable`]).
    fn note_binding(&mut self, statement: &crate::syntax::ast::Stmt, interrupted: bool) {
        let name = match &statement.kind {
            StmtKind::Define { name, .. } | StmtKind::Bind { name, .. } | StmtKind::BindOptimize { name, .. } => name,
            _ => return,
        };
        let span = statement.span;
        let dir = self.sources.dir(span.source).to_path_buf();
        let mut text = self.source_text(span).to_string();
        if let StmtKind::BindOptimize { .. } = &statement.kind {
            let iterations = match self.env.value(&name.name) {
                Some(crate::env::BoundValue::Record(record)) => record.get("iterations").unwrap_or(0.0) as usize,
                _ => 0,
            };
            let stopped_run = self.stopped_run.filter(|_| interrupted);
            text = journal::replayable(&text, &journal::Ended { stopped_run, iterations, seed: self.settings.seed });
        }
        self.journal.record(&name.name, &text, &dir);
    }

    /// Runs one REPL line; on failure the session is left as it was before it.
    pub fn run_line(&mut self, text: &str, out: &mut dyn Output) -> Status {
        self.run_named("<repl>", text, out)
    }

    /// Runs `text` like a REPL line, named `name` in diagnostics (a
    /// notebook's cell is `In[3]`).
    pub fn run_named(&mut self, name: &str, text: &str, out: &mut dyn Output) -> Status {
        let dir = std::env::current_dir().unwrap_or_default();
        let input = Input { name: name.to_string(), text: text.to_string(), dir };
        self.all_or_nothing(|session| session.run_program(vec![input], out))
    }

    /// Runs a script file into the session (the REPL's `:load`), with the
    /// count of its checks; on failure the session is left as it was before it.
    pub fn load_script(&mut self, path: &Path, out: &mut dyn Output) -> Status {
        match Input::from_file(path) {
            Ok(input) => {
                // A failed check is a verdict, not an error: what the script defined stays.
                self.tally = Tally::default();
                let status = self.all_or_nothing(|session| session.run_program(vec![input], out));
                self.report_tally(status, out)
            }
            Err(problem) => {
                out.diagnostic(&problem, &self.render(&problem));
                Status::Failed
            }
        }
    }

    /// Runs `work`; if it fails, puts the environment back as it was.
    fn all_or_nothing(&mut self, work: impl FnOnce(&mut Session) -> Status) -> Status {
        let saved = self.env.clone();
        let recorded = self.journal.len();
        let status = work(self);
        if matches!(status, Status::Failed | Status::Syntax) {
            self.env = saved;
            self.journal.truncate(recorded);
        }
        status
    }

    /// Forgets every definition and binding (the REPL's `:clear`).
    pub fn clear(&mut self) {
        self.env = Env::default();
        self.journal = Journal::default();
        self.arena = Arena::new();
    }

    /// A `.gd` script that rebuilds the session's definitions and bindings,
    /// with file names relative to `folder`, where it will be written.
    pub fn script(&self, folder: &Path) -> String {
        self.journal.script(folder)
    }

    /// Adds a text that diagnostics may point into (a data file with a problem).
    pub(crate) fn add_source(&mut self, name: &str, text: String) -> crate::source::SourceId {
        self.sources.add(name, text, PathBuf::new())
    }

    /// The source text under a span.
    pub(crate) fn source_text(&self, span: crate::source::Span) -> &str {
        self.sources.text(span.source).get(span.range()).unwrap_or("")
    }

    pub(crate) fn count_check(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Passed => self.tally.passed += 1,
            Verdict::Failed => self.tally.failed += 1,
            Verdict::Conditional => self.tally.conditional += 1,
        }
    }

    /// Renders a diagnostic that arose outside a run (a missing file).
    pub fn render(&self, diagnostic: &Diagnostic) -> String {
        diagnostics::render(diagnostic, &self.sources, self.settings.color_errors)
    }

    fn report(&self, errors: &[Diagnostic], out: &mut dyn Output) {
        for error in errors {
            out.diagnostic(error, &self.render(error));
        }
    }

    fn parse_all(&mut self, inputs: Vec<Input>) -> Result<Vec<Rc<Program>>, Vec<Diagnostic>> {
        let mut programs = Vec::new();
        let mut errors = Vec::new();
        for input in inputs {
            let source = self.sources.add(input.name, input.text, input.dir);
            match parser::parse(self.sources.text(source), source) {
                Ok(program) => programs.push(Rc::new(program)),
                Err(mut found) => errors.append(&mut found),
            }
        }
        if errors.is_empty() { Ok(programs) } else { Err(errors) }
    }

    /// Checks every statement in order; hands on each with its shape.
    fn check_all(&self, programs: &[Rc<Program>]) -> Result<Vec<CheckedStatement>, Vec<Diagnostic>> {
        let mut checker = Checker::new(&self.env);
        let mut checked = Vec::new();
        let mut errors = Vec::new();
        for program in programs {
            for (index, statement) in program.statements.iter().enumerate() {
                match checker.check(program, statement) {
                    Ok(shape) => checked.push(CheckedStatement { program: program.clone(), index, shape }),
                    Err(error) => errors.push(error),
                }
            }
        }
        if errors.is_empty() { Ok(checked) } else { Err(errors) }
    }
}

/// A statement the checker accepted: where it is, and what it is.
struct CheckedStatement {
    program: Rc<Program>,
    /// Its index in the program's statements.
    index: usize,
    shape: StatementShape,
}

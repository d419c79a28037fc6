//! The session's own thread. A [`Session`] holds `Rc`s, so it lives on one
//! thread for the kernel's whole life, as in the REPL; the network side
//! talks to it through an [`Engine`]. It takes [`Job`]s: run a cell (the
//! session hands back [`Event`]s as its statements print, ending with
//! [`Event::Finished`]), complete at a cursor, or find help on the word at
//! one. State persists from cell to cell; a cell that fails leaves the
//! session as it was before that piece of it (see `Session::run_line`).

use std::sync::mpsc;

use tokio::sync::{mpsc as events, oneshot};

use super::cell::{self, CellCompletions, Piece};
use crate::diagnostics::{self, Class, Diagnostic, DiagnosticCode};
use crate::render::Document;
use crate::repl::commands::{self, Flow};
use crate::repl::{complete, help};
use crate::session::{Output, Session, Settings, Status};

/// Room for deep expressions, as on the main thread of `gd`.
const STACK_BYTES: usize = 64 << 20;

/// What the network side asks of the session.
pub enum Job {
    /// Run a cell, under the name its diagnostics give it (`In[3]`); what
    /// it prints comes back as events.
    Run { cell: String, name: String, events: events::UnboundedSender<Event> },
    /// Complete at character `cursor` of the cell.
    Complete { cell: String, cursor: usize, answer: oneshot::Sender<CellCompletions> },
    /// Help on the word at character `cursor` of the cell, if gd knows it.
    Inspect { cell: String, cursor: usize, answer: oneshot::Sender<Option<String>> },
}

/// What a running cell hands back, in order.
#[derive(Debug, PartialEq)]
pub enum Event {
    /// A result that is not the cell's last (a notebook shows it as display data).
    Display(Document),
    /// Text for standard error: a warning, or a note from a `:command`.
    Stderr(String),
    /// The cell has ended.
    Finished(Finish),
}

/// How a cell ended.
#[derive(Debug, PartialEq)]
pub struct Finish {
    /// Its last result, when it ran to the end (the notebook's `Out[n]`).
    pub result: Option<Document>,
    pub failure: Option<CellFailure>,
}

/// Why a cell stopped early, with the text gd printed about it.
#[derive(Debug, PartialEq)]
pub enum CellFailure {
    /// A syntax or runtime error: the first error's code and message, and
    /// the rendered diagnostics.
    Error { headline: Option<ErrorHeadline>, text: String },
    /// An interrupt stopped it: any note printed then.
    Interrupted(String),
}

/// A failed cell's first error as data: its code (`UnknownName`) and message.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorHeadline {
    pub code: DiagnosticCode,
    pub message: String,
}

/// The way to the session's thread.
pub struct Engine {
    jobs: mpsc::Sender<Job>,
}

impl Engine {
    /// Starts the session's thread with these settings.
    pub fn start(settings: Settings) -> std::io::Result<Engine> {
        let (jobs, inbox) = mpsc::channel();
        std::thread::Builder::new()
            .name("gd session".to_string())
            .stack_size(STACK_BYTES)
            .spawn(move || serve(Session::new(settings), inbox))?;
        Ok(Engine { jobs })
    }

    /// Hands a job to the session; false when its thread has stopped.
    pub fn send(&self, job: Job) -> bool {
        self.jobs.send(job).is_ok()
    }
}

/// Does every job that comes, until the network side goes.
fn serve(mut session: Session, inbox: mpsc::Receiver<Job>) {
    for job in inbox {
        match job {
            Job::Run { cell, name, events } => run_cell(&mut session, (&name, &cell), events),
            Job::Complete { cell, cursor, answer } => {
                let _ = answer.send(cell::completions(&cell, cursor, &session.vocabulary()));
            }
            Job::Inspect { cell, cursor, answer } => {
                let _ = answer.send(inspect(&mut session, &cell, cursor));
            }
        }
    }
}

/// Runs a cell's pieces in order, stopping at the first that fails.
fn run_cell(session: &mut Session, (name, cell): (&str, &str), events: events::UnboundedSender<Event>) {
    let mut out = CellOutput { events, held: None, errors: String::new(), headline: None };
    let mut status = Status::Ok;
    for piece in cell::pieces(cell) {
        status = match piece {
            // Blank lines in place of those before, so that line numbers are the cell's.
            Piece::Code { code, line } => session.run_named(name, &format!("{}{code}", "\n".repeat(line)), &mut out),
            Piece::Command(command) => run_command(session, command, &mut out),
        };
        if status != Status::Ok {
            break;
        }
    }
    out.finish(status);
}

/// A REPL `:command`; its mistakes are printed, and do not stop the cell.
fn run_command(session: &mut Session, command: &str, out: &mut CellOutput) -> Status {
    if commands::run(command, session, out) == Flow::Quit {
        out.error("note: the kernel keeps running; stop it from the notebook (Kernel, Shut Down)\n");
    }
    Status::Ok
}

fn inspect(session: &mut Session, cell: &str, cursor: usize) -> Option<String> {
    let word = complete::word_around(cell, cell::byte_offset(cell, cursor));
    if word.is_empty() {
        return None;
    }
    help::about(word, &session.vocabulary(), &session.listing())
}

/// Sends a cell's output on as events. The latest result is held back
/// until the next arrives (then it was not the last) or the cell ends.
/// Diagnostics are held too: followed by more output they were warnings,
/// and go to standard error; at a failure they are the error.
struct CellOutput {
    events: events::UnboundedSender<Event>,
    held: Option<Document>,
    errors: String,
    /// The first error (not warning) diagnosed in the cell.
    headline: Option<ErrorHeadline>,
}

impl CellOutput {
    fn send(&self, event: Event) {
        // The network side may have gone (the kernel is shutting down); then nobody listens.
        let _ = self.events.send(event);
    }

    fn flush_errors(&mut self) {
        if !self.errors.is_empty() {
            let errors = std::mem::take(&mut self.errors);
            self.send(Event::Stderr(errors));
        }
    }

    fn finish(mut self, status: Status) {
        let failure = match status {
            Status::Ok => None,
            Status::Failed | Status::Syntax => {
                Some(CellFailure::Error { headline: self.headline.take(), text: std::mem::take(&mut self.errors) })
            }
            Status::Interrupted => Some(CellFailure::Interrupted(std::mem::take(&mut self.errors))),
        };
        self.flush_errors();
        let mut result = self.held.take();
        if failure.is_some()
            && let Some(shown) = result.take()
        {
            self.send(Event::Display(shown));
        }
        self.send(Event::Finished(Finish { result, failure }));
    }
}

impl Output for CellOutput {
    fn show(&mut self, result: &Document) {
        if result.is_empty() {
            return;
        }
        for part in super::bundle::parts(result) {
            if let Some(earlier) = self.held.replace(part) {
                self.send(Event::Display(earlier));
            }
        }
        self.flush_errors();
    }

    fn error(&mut self, text: &str) {
        self.errors.push_str(text);
    }

    fn diagnostic(&mut self, diagnostic: &Diagnostic, rendered: &str) {
        if diagnostic.class != Class::Warning && self.headline.is_none() {
            self.headline = Some(ErrorHeadline { code: diagnostic.code, message: diagnostics::headline(diagnostic) });
        }
        self.error(rendered);
    }
}

#[cfg(test)]
mod tests {
    use super::super::bundle::plain;
    use super::*;

    /// What running `cells` one after another in one session hands back, an
    /// event a line: `display …`, `stderr …`, then `result …`, `done`,
    /// `error …` or `interrupted …`.
    fn run(cells: &[&str]) -> Vec<Vec<String>> {
        let mut session = Session::new(Settings::default());
        cells
            .iter()
            .map(|cell| {
                let (sender, mut receiver) = events::unbounded_channel();
                run_cell(&mut session, ("<cell>", cell), sender);
                std::iter::from_fn(|| receiver.try_recv().ok()).map(described).collect()
            })
            .collect()
    }

    fn described(event: Event) -> String {
        match event {
            Event::Display(result) => format!("display {}", plain(&result)),
            Event::Stderr(text) => format!("stderr {text}"),
            Event::Finished(Finish { failure: Some(CellFailure::Error { text, .. }), .. }) => format!("error {text}"),
            Event::Finished(Finish { failure: Some(CellFailure::Interrupted(text)), .. }) => {
                format!("interrupted {text}")
            }
            Event::Finished(Finish { result: Some(result), .. }) => format!("result {}", plain(&result)),
            Event::Finished(Finish { result: None, .. }) => "done".to_string(),
        }
    }

    #[test]
    fn the_last_result_is_the_cells_and_state_persists() {
        let events = run(&["J(a, b, c) = 3*(a + b*c)", "J(5, 3, 2)\n∂J/∂b", "x = 2"]);
        assert_eq!(events, [vec!["done"], vec!["display 33", "result ∂J/∂b = 3*c"], vec!["done"]]);
    }

    #[test]
    fn an_error_is_the_failure_and_a_warning_goes_to_stderr() {
        let events = run(&["1 + 1\nlog(0)", "y = 2\nx = 1/2y\nx"]);
        let [two, error] = events[0].as_slice() else { panic!("{:?}", events[0]) };
        assert_eq!(two, "display 2");
        assert!(error.starts_with("error Error: log of 0"), "{error}");
        let [warning, quarter] = events[1].as_slice() else { panic!("{:?}", events[1]) };
        assert!(warning.starts_with("stderr Warning:"), "{warning}");
        assert_eq!(quarter, "result 0.25");
    }

    #[test]
    fn a_diagnostic_names_the_cell_and_its_line_after_a_command() {
        let events = run(&[":list\nx = 1\nlog(x - 1)"]);
        let error = events[0].last().map(String::as_str).unwrap_or_default();
        assert!(error.contains("[ <cell>:3:1 ]"), "{error}");
    }

    #[test]
    fn commands_run_between_code() {
        let events = run(&["y = 3\n:list\n:quit\n:nosuch\ny + 1"]);
        let [listing, notes, result] = events[0].as_slice() else { panic!("{:?}", events[0]) };
        assert_eq!(listing, "display values:\n  y = 3");
        assert!(notes.contains("the kernel keeps running") && notes.contains("no command `:nosuch`"), "{notes}");
        assert_eq!(result, "result 4");
    }

    #[test]
    fn help_on_the_word_at_the_cursor() {
        let mut session = Session::new(Settings::default());
        session.run_line("θ(a) = 2*a", &mut crate::session::Captured::default());
        assert_eq!(
            inspect(&mut session, "1 + θ(2)", 5).as_deref(),
            Some("θ(a) = 2*a\n\n(defined in this session; `:list` shows everything defined)\n")
        );
        assert_eq!(inspect(&mut session, "sqrt(2)", 2).as_deref(), Some("sqrt(x): a builtin function\n"));
        assert_eq!(inspect(&mut session, "1 + 2", 2), None);
    }
}

//! The interactive REPL: reads statements with rustyline (completion, hints
//! and highlighting from [`helper`], history kept across sessions in the
//! platform's data folder), continues a statement on the next line while it
//! is unfinished, strips gd's prompts from pasted lines ([`paste`]), hands
//! each statement to the session or each `:command` to [`commands`], and
//! prints what comes back. An error leaves the session as
//! it was; Ctrl-C abandons the statement being typed (or stops a running
//! minimize); Ctrl-D leaves.

mod commands;
mod complete;
mod help;
mod helper;
mod highlight;
mod hint;
mod paste;
mod unicode;

use std::path::PathBuf;

use rustyline::config::{CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Editor, Helper};

use self::commands::Flow;
use self::helper::GdHelper;
use crate::render::Document;
use crate::session::{Output, Session};
use crate::syntax::parser;

const PROMPT: &str = "gd> ";
/// The prompt of a line that continues an unfinished statement.
const CONTINUATION: &str = "..> ";

/// Runs the REPL until the user leaves; returns the exit status (0).
pub fn run(session: &mut Session, out: &mut dyn Output) -> i32 {
    let config = Config::builder().completion_type(CompletionType::List).auto_add_history(false).build();
    let mut editor: Editor<GdHelper, FileHistory> = match Editor::with_config(config) {
        Ok(editor) => editor,
        Err(error) => {
            out.error(&format!("Error: cannot start the line editor: {error}\n"));
            return 1;
        }
    };
    editor.set_helper(Some(GdHelper::new(session.settings.color_output)));
    let mut history = History::open();
    if let Some(path) = &history.path {
        let _ = editor.load_history(path);
    }
    out.show(&Document::lines(&format!(
        "gd {} — differentiable expressions. :help for help, Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION")
    )));
    loop {
        if let Some(helper) = editor.helper_mut() {
            helper.vocabulary = session.vocabulary();
        }
        let text = match read_statement(&mut editor) {
            Ok(Statement { text, output_lines: 0 }) => text,
            Ok(Statement { text, output_lines }) => {
                let lines = if output_lines == 1 { "line" } else { "lines" };
                out.error(&format!(
                    "note: pasted with prompts; {output_lines} {lines} without `gd> ` taken as output, not run\n"
                ));
                text
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return 0,
            Err(error) => {
                out.error(&format!("Error: {error}\n"));
                return 1;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        history.add(&mut editor, &text, out);
        if text.trim_start().starts_with(':') {
            if commands::run(&text, session, out) == Flow::Quit {
                return 0;
            }
        } else {
            session.run_line(&text, out);
        }
    }
}

/// A statement read, without pasted prompts.
struct Statement {
    text: String,
    /// Lines of a pasted transcript left out as output.
    output_lines: usize,
}

/// One statement: a line, and more lines while it is unfinished (an open
/// bracket, a trailing operator), each without a pasted prompt. A real
/// mistake ends it at once, to be reported. Ctrl-C or Ctrl-D on a
/// continuation line drops the statement.
fn read_statement(editor: &mut Editor<GdHelper, FileHistory>) -> Result<Statement, ReadlineError> {
    let paste::Pasted { mut text, mut output_lines } = paste::strip_prompts(&editor.readline(PROMPT)?);
    while !text.trim_start().starts_with(':') && parser::is_unfinished(&text) {
        if let Some(helper) = editor.helper_mut() {
            helper.earlier.clone_from(&text);
        }
        let more = editor.readline(CONTINUATION);
        if let Some(helper) = editor.helper_mut() {
            helper.earlier.clear();
        }
        match more {
            Ok(more) => {
                let more = paste::strip_prompts(&more);
                text.push('\n');
                text.push_str(&more.text);
                output_lines += more.output_lines;
            }
            Err(ReadlineError::Eof) => return Err(ReadlineError::Interrupted),
            Err(error) => return Err(error),
        }
    }
    Ok(Statement { text, output_lines })
}

/// The history file, and whether writing it has failed yet.
struct History {
    path: Option<PathBuf>,
    warned: bool,
}

impl History {
    /// `<data dir>/gd/history.txt`, creating the folder if needed.
    fn open() -> History {
        let path = dirs::data_dir().map(|dir| dir.join("gd")).filter(|dir| std::fs::create_dir_all(dir).is_ok());
        History { path: path.map(|dir| dir.join("history.txt")), warned: false }
    }

    /// Adds a statement and appends it to the file (other sessions' lines
    /// are kept); says once if the file cannot be written.
    fn add<H: Helper>(&mut self, editor: &mut Editor<H, FileHistory>, text: &str, out: &mut dyn Output) {
        let _ = editor.add_history_entry(text);
        let Some(path) = &self.path else { return };
        if let Err(error) = editor.append_history(path)
            && !self.warned
        {
            out.error(&format!("warning: cannot save history to {} ({error}); going on without it\n", path.display()));
            self.warned = true;
        }
    }
}

//! The interactive REPL: reads lines with rustyline (line editing, history
//! kept across sessions in the platform's data folder), hands each to the
//! session, and prints what comes back. An error leaves the session as it
//! was; Ctrl-C abandons the line being typed; Ctrl-D leaves.

use std::path::PathBuf;

use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;

use crate::session::{Output, Session};

const PROMPT: &str = "gd> ";

/// Runs the REPL until the user leaves; returns the exit status (0).
pub fn run(session: &mut Session, out: &mut dyn Output) -> i32 {
    let mut editor = match DefaultEditor::new() {
        Ok(editor) => editor,
        Err(error) => {
            out.error(&format!("Error: cannot start the line editor: {error}\n"));
            return 1;
        }
    };
    let history = history_file();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    out.print(&format!("gd {} — differentiable expressions. Ctrl-D to leave.\n", env!("CARGO_PKG_VERSION")));
    let mut warned = false;
    loop {
        match editor.readline(PROMPT) {
            Ok(line) => {
                if line.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(line.as_str());
                if let Some(path) = &history
                    && editor.save_history(path).is_err()
                    && !warned
                {
                    out.error(&format!("warning: cannot save history to {}\n", path.display()));
                    warned = true;
                }
                session.run_line(&line, out);
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return 0,
            Err(error) => {
                out.error(&format!("Error: {error}\n"));
                return 1;
            }
        }
    }
}

/// `<data dir>/gd/history.txt`, creating the folder if needed.
fn history_file() -> Option<PathBuf> {
    let dir = dirs::data_dir()?.join("gd");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history.txt"))
}

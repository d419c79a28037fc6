//! The REPL's `:commands`: `:help [topic]`, `:list`, `:clear`, `:load FILE`,
//! `:save FILE`, `:quit`. Each takes the session and prints through the same
//! [`Output`] as results; a misspelt command suggests the nearest.

use std::path::Path;

use super::complete::{self, COMMANDS};
use super::help;
use crate::catalogue;
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::files::{self, WriteError};
use crate::msg;
use crate::render::Document;
use crate::session::{Output, Session};
use crate::suggest;

/// Whether the REPL goes on after a command.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// Runs the command line `text` (starting with `:`).
pub fn run(text: &str, session: &mut Session, out: &mut dyn Output) -> Flow {
    let text = text.trim();
    let (command, argument) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let argument = file_name(argument.trim());
    let argument = argument.as_str();
    let result = match command {
        ":help" | ":h" | ":?" => help(argument),
        ":list" | ":ls" | ":clear" | ":quit" | ":q" | ":exit" if !argument.is_empty() => {
            Err(Diagnostic::usage(DiagnosticCode::CommandArguments, msg!("command-arguments", command = command))
                .with_help(msg!("command-arguments.help", command = command)))
        }
        ":list" | ":ls" => Ok(session.listing()),
        ":clear" => {
            session.clear();
            Ok(format!("{}\n", catalogue::word(&msg!("cleared"))))
        }
        ":load" => file_argument(":load", argument).and_then(readable).map(|path| {
            session.load_script(path, out);
            String::new()
        }),
        ":save" => file_argument(":save", argument).and_then(|path| save(session, path)),
        ":quit" | ":q" | ":exit" => return Flow::Quit,
        _ => Err(unknown(command)),
    };
    match result {
        Ok(text) if text.is_empty() => {}
        Ok(text) => out.show(&Document::lines(&text)),
        Err(problem) => out.diagnostic(&problem, &session.render(&problem)),
    }
    Flow::Continue
}

/// A file name as typed or completed: `"my lesson.gd"`, `"my lesson.gd`
/// (the closing quote left out) and `my\ lesson.gd` are all `my lesson.gd`;
/// unquoted, a backslash keeps the next character as it is (Tab escapes
/// `(`, `$`, `&`, … in the names it completes).
fn file_name(argument: &str) -> String {
    match argument.strip_prefix('"') {
        Some(quoted) => quoted.strip_suffix('"').unwrap_or(quoted).to_string(),
        None => complete::bare_file_name(argument),
    }
}

fn help(topic: &str) -> Result<String, Diagnostic> {
    if topic.is_empty() {
        return Ok(help::overview());
    }
    help::topic(topic).ok_or_else(|| {
        let topics: Vec<&str> = help::TOPICS.iter().map(|(name, _)| *name).collect();
        let problem = Diagnostic::usage(DiagnosticCode::UnknownHelpTopic, msg!("unknown-help-topic", topic = topic));
        match suggest::closest(topic, topics.iter().copied()) {
            Some(best) => problem.with_help(msg!("unknown-help-topic.help", best = best)),
            None => problem.with_help(msg!("help-topics.help", topics = topics)),
        }
    })
}

fn file_argument<'a>(command: &str, argument: &'a str) -> Result<&'a Path, Diagnostic> {
    if argument.is_empty() {
        return Err(Diagnostic::usage(DiagnosticCode::CommandArguments, msg!("command-needs-file", command = command))
            .with_help(msg!("command-needs-file.help", command = command)));
    }
    Ok(Path::new(argument))
}

/// Refuses a script that is not a regular file: reading a pipe could wait
/// for ever, and a device (`/dev/zero`) never end.
fn readable(path: &Path) -> Result<&Path, Diagnostic> {
    match files::not_regular(path) {
        None => Ok(path),
        Some(kind) => Err(Diagnostic::usage(
            DiagnosticCode::NotAFile,
            msg!("not-a-file", path = path.display().to_string(), kind = kind.message()),
        )
        .with_help(msg!("not-a-file.help"))),
    }
}

fn unknown(command: &str) -> Diagnostic {
    let problem = Diagnostic::usage(DiagnosticCode::UnknownCommand, msg!("unknown-command", command = command));
    match suggest::closest(command, COMMANDS.iter().copied()) {
        Some(best) => problem.with_help(msg!("did-you-mean", best = best)),
        None => problem.with_help(msg!("unknown-command.list", commands = COMMANDS.join(" "))),
    }
}

/// The first line of a script written by `:save`.
const SAVED_HEADER: &str = "# A gd session, saved by :save.";

/// `:save FILE`: the session's definitions as a script, written through
/// [`files::replace`]. An existing file is replaced only if it is a gd
/// script: its name ends in `.gd`, or `:save` wrote it.
fn save(session: &Session, path: &Path) -> Result<String, Diagnostic> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let script = session.script(folder);
    if script.is_empty() {
        return Err(Diagnostic::usage(DiagnosticCode::NothingToSave, msg!("nothing-to-save"))
            .with_help(msg!("nothing-to-save.help")));
    }
    // As a shell reads it: `gd 'my lesson.gd'`.
    let shown = path.display().to_string();
    let command = shlex::try_quote(&shown).unwrap_or(std::borrow::Cow::Borrowed(&shown));
    let text = format!("{SAVED_HEADER} Run it with `gd {command}`, or `:load` it in the REPL.\n{script}");
    let is_script = |target: &Path, head: &[u8]| {
        target.extension().is_some_and(|e| e == "gd") || head.starts_with(SAVED_HEADER.as_bytes())
    };
    let written = files::replace(path, text.as_bytes(), is_script).map_err(|error| {
        let help = match error {
            WriteError::NotReplaceable { .. } => msg!("cannot-save.not-a-script"),
            WriteError::NotAFile { .. } | WriteError::Links { .. } => msg!("cannot-save.not-a-file"),
            WriteError::ReadOnly { .. } => msg!("cannot-save.read-only"),
            WriteError::Io { .. } => msg!("cannot-save.help"),
        };
        Diagnostic::usage(DiagnosticCode::CannotSave, msg!("cannot-save", error = error.message())).with_help(help)
    })?;
    let lines = script.lines().count();
    let saved = if written == path {
        msg!("saved", lines = lines, file = path.display().to_string())
    } else {
        msg!("saved.through", lines = lines, file = path.display().to_string(), target = written.display().to_string())
    };
    Ok(format!("{}\n", catalogue::word(&saved)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Captured, Settings};

    fn run_all(session: &mut Session, lines: &[&str]) -> Captured {
        let mut out = Captured::default();
        for line in lines {
            if line.starts_with(':') {
                assert_eq!(run(line, session, &mut out), Flow::Continue);
            } else {
                session.run_line(line, &mut out);
            }
        }
        out
    }

    #[test]
    fn save_then_load_rebuilds_the_session() {
        let folder = tempfile::tempdir().expect("a folder");
        let file = folder.path().join("lesson.gd");
        let mut session = Session::new(Settings::default());
        let save = format!(":save {}", file.display());
        let out = run_all(&mut session, &["J(a,b,c) = 3*(a + b*c)", "x = 2", "x = 3", "dJ = ∂J/∂b", &save]);
        assert_eq!(out.err, "");
        assert!(out.out.contains("saved 3 lines"), "{}", out.out);
        let saved = std::fs::read_to_string(&file).expect("the file");
        assert!(saved.contains("J(a,b,c) = 3*(a + b*c)\nx = 3\ndJ = ∂J/∂b\n"), "{saved}");

        let mut fresh = Session::new(Settings::default());
        let load = format!(":load {}", file.display());
        let out = run_all(&mut fresh, &[&load, "J(1, 2, 3) + x", "dJ(1, 2, 3)"]);
        assert_eq!((out.err.as_str(), out.out.as_str()), ("", "24\n9\n"));
        assert!(std::fs::read_dir(folder.path()).expect("a listing").count() == 1, "no temporary file is left");
    }

    #[test]
    fn a_saved_script_names_itself_as_a_shell_reads_it() {
        let folder = tempfile::tempdir().expect("a folder");
        let file = folder.path().join("my lesson.gd");
        let save = format!(":save {}", complete::escaped_path(&file.display().to_string()));
        let out = run_all(&mut Session::new(Settings::default()), &["x = 2", &save]);
        assert_eq!(out.err, "");
        let saved = std::fs::read_to_string(&file).expect("the file");
        assert!(saved.contains(&format!("Run it with `gd '{}'`", file.display())), "{saved}");
    }

    #[cfg(unix)]
    #[test]
    fn save_writes_through_a_link_keeps_the_mode_and_refuses_what_is_not_a_script() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let folder = tempfile::tempdir().expect("a folder");
        let real = folder.path().join("real.gd");
        std::fs::write(&real, "old = 1\n").expect("written");
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("mode set");
        let link = folder.path().join("lesson.gd");
        symlink("real.gd", &link).expect("a link");
        let mut session = Session::new(Settings::default());
        let out = run_all(&mut session, &["x = 2", &format!(":save {}", link.display())]);
        assert_eq!(out.err, "");
        assert!(out.out.contains("(the file it links to"), "{}", out.out);
        assert!(std::fs::symlink_metadata(&link).expect("there").file_type().is_symlink(), "the link stays");
        assert!(std::fs::read_to_string(&real).expect("read").ends_with("\nx = 2\n"));
        assert_eq!(std::fs::metadata(&real).expect("there").permissions().mode() & 0o777, 0o640);

        let data = folder.path().join("data.csv");
        std::fs::write(&data, "a\n1\n").expect("written");
        let plain = folder.path().join("lesson");
        let fifo = folder.path().join("pipe.gd");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs").success());
        let out = run_all(
            &mut session,
            &[
                &format!(":save {}", data.display()),
                &format!(":save {}", fifo.display()),
                &format!(":save {}", plain.display()),
                &format!(":save {}", plain.display()),
            ],
        );
        assert!(out.err.contains("data.csv exists and is not a file gd wrote"), "{}", out.err);
        assert!(out.err.contains("pipe.gd is a named pipe (FIFO), not a regular file"), "{}", out.err);
        assert_eq!(out.err.matches("Error").count(), 2, "a file :save wrote is replaced: {}", out.err);
        assert_eq!(std::fs::read_to_string(&data).expect("read"), "a\n1\n", "the data is kept");
    }

    #[test]
    fn clear_forgets_and_unknown_commands_suggest() {
        let mut session = Session::new(Settings::default());
        let out = run_all(
            &mut session,
            &["x = 2", ":clear", ":lsit", ":help dervatives", ":save", ":save /nonexistent/x.gd"],
        );
        assert!(session.listing().starts_with("nothing defined"));
        let missing = run_all(&mut Session::new(Settings::default()), &["x = 1", ":save /nonexistent/x.gd"]);
        assert!(missing.err.contains("the folder of /nonexistent/x.gd does not exist"), "{}", missing.err);
        assert!(out.err.contains("did you mean `:list`?"), "{}", out.err);
        assert!(out.err.contains("did you mean `:help derivatives`?"), "{}", out.err);
        assert!(out.err.contains("`:save` needs a file name"), "{}", out.err);
        assert!(out.err.contains("there is nothing to save yet"), "{}", out.err);
        let mut out = Captured::default();
        assert_eq!(run(":quit", &mut session, &mut out), Flow::Quit);
    }

    #[test]
    fn file_names_as_typed_or_completed() {
        assert_eq!(file_name("\"my lesson.gd\""), "my lesson.gd");
        assert_eq!(file_name("\"my lesson.gd"), "my lesson.gd");
        assert_eq!(file_name("my\\ lesson.gd"), "my lesson.gd");
        assert_eq!(file_name("plain.gd"), "plain.gd");
        assert_eq!(file_name("week\\(1\\)\\ \\&\\ more.gd"), "week(1) & more.gd", "as Tab escapes it");
        assert_eq!(file_name("trailing\\"), "trailing\\");
    }

    #[test]
    fn a_script_whose_checks_fail_still_loads() {
        let folder = tempfile::tempdir().expect("a folder");
        let file = folder.path().join("checks.gd");
        std::fs::write(&file, "kk = 1\ncheck kk = 1\ncheck kk = 2\n").expect("written");
        let mut session = Session::new(Settings::default());
        let out = run_all(&mut session, &[&format!(":load {}", file.display()), "kk + 1"]);
        assert!(out.out.contains("2 checks: 1 passed, 1 failed"), "{}", out.out);
        assert!(out.out.ends_with("2\n"), "kk stays defined: {}", out.out);
    }

    #[test]
    fn a_failing_load_leaves_the_session_as_it_was() {
        let folder = tempfile::tempdir().expect("a folder");
        let file = folder.path().join("broken.gd");
        std::fs::write(&file, "y = 5\nz = log(0)\n").expect("written");
        let mut session = Session::new(Settings::default());
        let out = run_all(&mut session, &["y = 1", &format!(":load {}", file.display()), "y"]);
        assert!(out.err.contains("log of 0"), "{}", out.err);
        assert_eq!(out.out, "1\n");
        let out = run_all(&mut session, &[":load /no/such/file.gd"]);
        assert!(out.err.contains("no such file"), "{}", out.err);
        let out = run_all(&mut session, &[":load /dev/zero", ":load /tmp"]);
        assert!(out.err.contains("cannot load `/dev/zero`: it is a device, not a file"), "{}", out.err);
        assert!(out.err.contains("cannot load `/tmp`: it is a folder"), "{}", out.err);
    }
}

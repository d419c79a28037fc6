//! The REPL through a real pseudo-terminal: define, evaluate, recover from a
//! mistake, leave with Ctrl-D, and find the history again in a new session.

use std::process::Command;

use rexpect::session::{PtySession, spawn_command};

fn start(home: &std::path::Path) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gd"));
    command.env("HOME", home).env("XDG_DATA_HOME", home.join("data")).env("NO_COLOR", "1").env("TERM", "xterm");
    let mut session = spawn_command(command, Some(10_000)).expect("gd starts in a terminal");
    session.exp_string("gd> ").expect("a prompt");
    session
}

#[test]
fn define_evaluate_recover_and_leave() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    repl.send_line("J(a,b,c) = 3*(a + b*c)").expect("typed");
    repl.exp_string("gd> ").expect("a prompt after a definition");
    repl.send_line("J(5, 3, 2)").expect("typed");
    repl.exp_string("33").expect("the value");
    repl.send_line("Jx(1, 2, 3)").expect("typed");
    repl.exp_string("did you mean `J`?").expect("a suggestion");
    repl.send_line("J(1, 2, 3)").expect("typed");
    repl.exp_string("21").expect("the session still works after an error");
    repl.send_control('d').expect("Ctrl-D");
    repl.exp_eof().expect("gd leaves");
}

#[test]
fn a_failed_line_leaves_the_session_as_it_was() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    repl.send_line("x = 2").expect("typed");
    repl.exp_string("gd> ").expect("a prompt");
    repl.send_line("x = 5; y = log(0)").expect("typed");
    repl.exp_string("log of 0").expect("the error");
    repl.send_line("x").expect("typed");
    repl.exp_string("2\r\n").expect("x keeps its old value");
    repl.send_control('d').expect("Ctrl-D");
    repl.exp_eof().expect("gd leaves");
}

#[test]
fn history_survives_a_restart() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    repl.send_line("1 + 41").expect("typed");
    repl.exp_string("42").expect("the value");
    repl.send_control('d').expect("Ctrl-D");
    repl.exp_eof().expect("gd leaves");
    let history = std::fs::read_to_string(home.path().join("data/gd/history.txt")).expect("history was saved");
    assert!(history.contains("1 + 41"), "history holds the line: {history}");

    let mut repl = start(home.path());
    repl.send("\x1b[A").expect("the up arrow");
    repl.send_line("").expect("enter");
    repl.exp_string("42").expect("the recalled line runs again");
    repl.send_control('d').expect("Ctrl-D");
    repl.exp_eof().expect("gd leaves");
}

#[test]
fn colour_on_a_terminal_and_never_with_no_color() {
    let run = |no_color: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gd"));
        command.args(["-e", "log(-1)"]).env("TERM", "xterm");
        if no_color {
            command.env("NO_COLOR", "1");
        } else {
            command.env_remove("NO_COLOR");
        }
        let mut session = spawn_command(command, Some(10_000)).expect("gd starts in a terminal");
        session.exp_eof().expect("gd finishes")
    };
    assert!(run(false).contains("\x1b["), "a terminal gets colour");
    assert!(!run(true).contains("\x1b["), "NO_COLOR turns colour off");
}

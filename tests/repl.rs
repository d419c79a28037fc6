//! The REPL through a real pseudo-terminal, as a user meets it: define and
//! differentiate, complete `\alpha` to α and file names in strings, continue
//! an unfinished line, paste lines with their prompts, recover from a
//! mistake, `:save` a session and run the file, stop a long minimize with
//! Ctrl-C, leave with Ctrl-D, and find the history again next time.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

const PROMPT: &str = "gd> ";

/// gd for a pseudo-terminal: the shared binary, with its own home (history) and a terminal type.
fn gd(home: &Path, colour: bool) -> Command {
    let mut command = Command::new(common::GD);
    command.env("HOME", home).env("XDG_DATA_HOME", home.join("data")).env("TERM", "xterm");
    if colour {
        command.env_remove("NO_COLOR");
    } else {
        command.env("NO_COLOR", "1");
    }
    command
}

fn start_with(home: &Path, colour: bool) -> PtySession {
    let mut session = spawn_command(gd(home, colour), Some(10_000)).expect("gd starts in a terminal");
    session.exp_string(":help").expect("a welcome line naming :help");
    session.exp_string(PROMPT).expect("a prompt");
    session
}

fn start(home: &Path) -> PtySession {
    start_with(home, false)
}

/// Types keys without pressing Enter.
fn type_keys(repl: &mut PtySession, keys: &str) {
    repl.send(keys).expect("typed");
    repl.flush().expect("sent");
}

/// Types a line and waits for the next prompt; returns what gd printed in
/// between (after the echo of the line, which ends at the first line break).
fn enter(repl: &mut PtySession, line: &str) -> String {
    repl.send_line(line).expect("typed");
    repl.exp_string("\r\n").expect("the line is taken");
    repl.exp_string(PROMPT).expect("the next prompt")
}

/// Text as rexpect reads it back (each byte a char), to look for non-ASCII output.
fn raw(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// Ctrl-C on the line being typed; waits for the fresh prompt.
fn cancel(repl: &mut PtySession) {
    repl.send_control('c').expect("Ctrl-C");
    repl.exp_string("\r\n").expect("the line is dropped");
    repl.exp_string(PROMPT).expect("a fresh prompt");
}

fn leave(mut repl: PtySession) {
    repl.send_control('d').expect("Ctrl-D");
    repl.exp_eof().expect("gd leaves");
    let status = repl.process_mut().wait().expect("an exit status");
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "Ctrl-D leaves with status 0: {status:?}");
}

#[test]
fn define_differentiate_recover_and_leave() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    enter(&mut repl, "J(a,b,c) = 3*(a + b*c)");
    assert!(enter(&mut repl, "∂J/∂b").contains(&raw("∂J/∂b = 3*c")));
    assert!(enter(&mut repl, "J(5, 3, 2)").contains("33"));
    let mistake = enter(&mut repl, "Jx(1, 2, 3)");
    assert!(mistake.contains("`Jx` is not defined") && mistake.contains("did you mean `J`?"), "{mistake}");
    assert!(mistake.contains("<repl>:1:1"), "the diagnostic points into the typed line: {mistake}");
    assert!(enter(&mut repl, "J(1, 2, 3)").contains("21"), "the session still works after an error");
    leave(repl);
}

#[test]
fn a_failed_line_leaves_the_session_as_it_was() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    enter(&mut repl, "x = 2");
    assert!(enter(&mut repl, "x = 5; y = log(0)").contains("log of 0"));
    assert!(enter(&mut repl, "x").contains("2\r\n"), "x keeps its old value");
    leave(repl);
}

#[test]
fn tab_turns_latex_names_into_symbols() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    type_keys(&mut repl, "\\alpha\t");
    enter(&mut repl, " = 0.5");
    assert!(enter(&mut repl, "α*2").contains("1\r\n"), "\\alpha became the name α");
    type_keys(&mut repl, "θ\\_1\t");
    enter(&mut repl, " = 3");
    assert!(enter(&mut repl, "θ₁ + 1").contains("4\r\n"), "\\_1 became the subscript ₁");
    leave(repl);
}

#[test]
fn tab_completes_names_and_commands() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    enter(&mut repl, "loss_train(w) = (w - 3)^2");
    type_keys(&mut repl, "loss_t\t");
    assert!(enter(&mut repl, "(1)").contains("4\r\n"), "the name was completed");
    type_keys(&mut repl, ":cle\t");
    assert!(enter(&mut repl, "").contains("cleared"), "the command was completed");
    leave(repl);
}

#[test]
fn an_open_bracket_continues_on_the_next_line() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    enter(&mut repl, "J(a,b,c) = 3*(a + b*c)");
    repl.send_line("J(1,").expect("typed");
    repl.exp_string("..> ").expect("a continuation prompt");
    assert!(enter(&mut repl, "2, 3)").contains("21"));
    repl.send_line("x = 1 +").expect("typed");
    repl.exp_string("..> ").expect("a continuation prompt after an operator");
    enter(&mut repl, "2");
    assert!(enter(&mut repl, "x").contains("3\r\n"));
    let mistake = enter(&mut repl, "J(1,, 2");
    assert!(mistake.contains("Error"), "a real mistake is reported at once, not waited on: {mistake}");
    leave(repl);
}

#[test]
fn hints_show_the_parameters_of_a_call() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    enter(&mut repl, "J(a,b,c) = 3*(a + b*c)");
    type_keys(&mut repl, "J(");
    repl.exp_string("a, b, c)").expect("the parameters as a hint");
    type_keys(&mut repl, "1, ");
    repl.exp_string("b, c)").expect("the parameters still to give");
    repl.send_line("2, 3)").expect("typed");
    repl.exp_string("21").expect("the hint was not inserted");
    repl.exp_string(PROMPT).expect("a prompt");
    leave(repl);
}

#[test]
fn hints_on_a_continuation_line_count_from_the_line_before() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    enter(&mut repl, "J(a,b,c) = 3*(a + b*c)");
    repl.send_line("J(").expect("typed");
    repl.exp_string("..> ").expect("a continuation prompt");
    repl.exp_string("a, b, c)").expect("every parameter is still to give");
    repl.send_line("1,").expect("typed");
    repl.exp_string("..> ").expect("a continuation prompt");
    let hinted = repl.exp_string("c)").expect("the parameters still to give");
    assert!(hinted.ends_with("b, "), "the hint is b, c), not , c): {hinted:?}");
    assert!(enter(&mut repl, "2, 3)").contains("21"));
    leave(repl);
}

#[test]
fn tab_in_a_string_completes_a_file_name() {
    let home = tempfile::tempdir().expect("a temporary home");
    std::fs::write(home.path().join("houses.csv"), "area,price\n1,2\n").expect("a data file");
    let folder = home.path().display().to_string();
    let mut repl = start(home.path());
    type_keys(&mut repl, &format!("d = load(\"{folder}/hou"));
    type_keys(&mut repl, "\t");
    repl.exp_string("houses.csv\"").expect("the file name, with the string closed");
    assert!(!enter(&mut repl, ")").contains("Error"), "the completed name loads");
    assert!(enter(&mut repl, "d.price").contains('2'), "the table is bound");
    leave(repl);
}

#[test]
fn a_line_pasted_with_its_prompt_runs_without_it() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    let defined = enter(&mut repl, "gd> J(a, b, c) = 3*(a + b*c)");
    assert!(!defined.contains("Error"), "{defined}");
    assert!(enter(&mut repl, "  gd> ∂J/∂b").contains(&raw("∂J/∂b = 3*c")), "indented as :help shows it");
    repl.send_line("gd> J(1,").expect("typed");
    repl.exp_string("..> ").expect("a continuation prompt");
    assert!(enter(&mut repl, "..> 2, 3)").contains("21"), "the continuation prompt is dropped too");
    leave(repl);
}

#[test]
fn a_pasted_transcript_runs_its_input_and_skips_its_output() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    let transcript = "  gd> K(x) = x^2\r  gd> K(3)\r  9\r  gd> K(1 +\r  ..> 1)\r  4\r";
    type_keys(&mut repl, &format!("\x1b[200~{transcript}\x1b[201~"));
    repl.send_line("").expect("entered");
    repl.exp_string("2 lines without `gd> ` taken as output, not run").expect("a note on the skipped lines");
    let output = repl.exp_string(PROMPT).expect("the next prompt");
    assert!(
        output.trim_start().starts_with("9\r\n4\r\n") && !output.contains("Error"),
        "inputs ran, outputs did not: {output:?}"
    );
    assert!(enter(&mut repl, "K(4)").contains("16"), "the pasted definition stays");
    leave(repl);
}

#[test]
fn save_writes_a_script_that_rebuilds_the_session() {
    let home = tempfile::tempdir().expect("a temporary home");
    let file = home.path().join("lesson.gd");
    let mut repl = start(home.path());
    enter(&mut repl, "J(a,b,c) = 3*(a + b*c)");
    enter(&mut repl, "α = 0.1");
    enter(&mut repl, "α = 0.25");
    enter(&mut repl, "dJ = ∂J/∂b");
    enter(&mut repl, "J(1, 2, 3)");
    assert!(enter(&mut repl, &format!(":save {}", file.display())).contains("saved 3 lines"));
    let listing = enter(&mut repl, ":list");
    assert!(listing.contains("J(a,b,c) = 3*(a + b*c)") && listing.contains(&raw("α = 0.25")), "{listing}");
    leave(repl);

    let run =
        common::finish(common::gd_command().arg(&file).args(["-e", "J(1, 2, 3) + α", "-e", "dJ", "-e", "dJ(1, 2, 3)"]));
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "21.25\n∂J/∂b = 3*c\n9\n");

    let mut repl = start(home.path());
    enter(&mut repl, &format!(":load {}", file.display()));
    assert!(enter(&mut repl, "J(1, 2, 3) + α").contains("21.25"), ":load brings the definitions back");
    leave(repl);
}

#[test]
fn ctrl_c_stops_a_long_minimize_and_returns_to_the_prompt() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    enter(&mut repl, "J(θ1, θ2) = (θ1 - 1)^2 + θ2^2");
    // The most steps the work bound allows here: about a second's run.
    repl.send_line("minimize J with steps=38000000, tol=0").expect("typed");
    std::thread::sleep(Duration::from_millis(250));
    let pressed = Instant::now();
    repl.send_control('c').expect("Ctrl-C");
    let output = repl.exp_string(PROMPT).expect("the prompt comes back");
    let waited = pressed.elapsed();
    assert!(output.contains("interrupted after"), "the table so far and the verdict: {output}");
    assert!(waited < Duration::from_secs(1), "back at the prompt after {waited:?}");
    assert!(enter(&mut repl, "J(1, 0)").contains("0\r\n"), "the session still works");
    repl.send_line("r = minimize J with steps=38000000, tol=0").expect("typed");
    std::thread::sleep(Duration::from_millis(250));
    repl.send_control('c').expect("Ctrl-C");
    repl.exp_string("interrupted after").expect("the verdict");
    repl.exp_string(PROMPT).expect("the prompt");
    let file = home.path().join("interrupted.gd");
    assert!(enter(&mut repl, &format!(":save {}", file.display())).contains("saved"));
    let saved = std::fs::read_to_string(&file).expect("saved");
    assert!(!saved.contains("38000000") && saved.contains("steps="), "saved with the steps it took: {saved}");
    type_keys(&mut repl, "J(1, 2");
    cancel(&mut repl);
    assert!(enter(&mut repl, "1 + 1").contains("2\r\n"), "Ctrl-C cancelled the typed line");
    leave(repl);
}

#[test]
fn save_after_ctrl_c_during_restarts_replays_to_the_same_result() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    enter(&mut repl, "J(x) = x^2");
    // The first run converges at once (x = 0); the others creep through their
    // steps (0.1 s each on a quiet machine, more under load; the work budget
    // allows no more): Ctrl-C soon after the start falls in one of them.
    repl.send_line("r = minimize J from x = 0 with restarts = 3, steps = 11000000, tol = 1e-300, α = 1e-9")
        .expect("typed");
    std::thread::sleep(Duration::from_millis(150));
    repl.send_control('c').expect("Ctrl-C");
    repl.exp_string("best: run 1").expect("the first run is the best");
    repl.exp_string(PROMPT).expect("the prompt");
    let shown = enter(&mut repl, "r");
    let file = home.path().join("restarts.gd");
    assert!(enter(&mut repl, &format!(":save {}", file.display())).contains("saved"));
    leave(repl);
    let saved = std::fs::read_to_string(&file).expect("saved");
    assert!(
        !saved.contains("restarts = 3") && saved.contains(", steps = 11000000") && saved.contains("seed = 2026"),
        "{saved}"
    );
    let replayed = common::finish(common::gd_command().arg(&file).args(["-e", "r"])).stdout;
    let shown: Vec<&str> = shown.lines().map(str::trim).filter(|l| !l.is_empty() && !l.contains('\x1b')).collect();
    assert!(!shown.is_empty() && replayed.ends_with(&format!("{}\n", shown.join("\n"))), "{shown:?} vs {replayed}");
}

#[test]
fn history_survives_a_restart() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start(home.path());
    assert!(enter(&mut repl, "1 + 41").contains("42"));
    leave(repl);
    let history = std::fs::read_to_string(home.path().join("data/gd/history.txt")).expect("history was saved");
    assert!(history.contains("1 + 41"), "history holds the line: {history}");

    let mut repl = start(home.path());
    type_keys(&mut repl, "\x1b[A");
    repl.send_line("").expect("enter");
    repl.exp_string("42").expect("the recalled line runs again");
    repl.exp_string(PROMPT).expect("a prompt");
    leave(repl);
}

#[test]
fn an_unwritable_history_is_a_warning_not_a_crash() {
    let home = tempfile::tempdir().expect("a temporary home");
    std::fs::create_dir_all(home.path().join("data/gd/history.txt")).expect("a folder where the file would go");
    let mut repl = start(home.path());
    let first = enter(&mut repl, "1 + 1");
    assert!(first.contains("warning: cannot save history"), "{first}");
    let second = enter(&mut repl, "2 + 2");
    assert!(second.contains('4') && !second.contains("warning"), "warned once: {second}");
    leave(repl);
}

#[test]
fn the_line_is_highlighted_on_a_terminal_and_not_with_no_color() {
    let home = tempfile::tempdir().expect("a temporary home");
    let mut repl = start_with(home.path(), true);
    type_keys(&mut repl, "sin(2) + nosuch");
    repl.exp_string("\x1b[34msin").expect("a builtin in blue");
    type_keys(&mut repl, " ");
    repl.exp_string("\x1b[4;31mnosuch").expect("an unknown name underlined in red");
    cancel(&mut repl);
    leave(repl);

    let mut repl = start(home.path());
    repl.send_line("sin(0)").expect("typed");
    let echoed = repl.exp_string(PROMPT).expect("a prompt");
    assert!(!echoed.contains("\x1b[34m"), "no colour with NO_COLOR: {echoed:?}");
    leave(repl);
}

#[test]
fn colour_in_results_on_a_terminal_and_never_with_no_color() {
    let run = |colour: bool| {
        let home = tempfile::tempdir().expect("a temporary home");
        let mut command = gd(home.path(), colour);
        command.args(["-e", "log(-1)"]);
        let mut session = spawn_command(command, Some(10_000)).expect("gd starts in a terminal");
        session.exp_eof().expect("gd finishes")
    };
    assert!(run(true).contains("\x1b["), "a terminal gets colour");
    assert!(!run(false).contains("\x1b["), "NO_COLOR turns colour off");
}

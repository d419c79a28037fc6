//! Helpers shared by the integration tests: running gd code in-process,
//! through a fresh [`Session`], and handing back its output and status;
//! `check`, which compares what code prints with what it should print and
//! shows a line diff when they differ; and `gd`, which runs the built binary
//! the way every test spawns it (clean environment, `NO_COLOR=1`, from the
//! repository root, standard input not a terminal).

#![allow(dead_code)] // each test crate uses its own subset

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use gd::{Captured, Input, Session, Settings, Status};

/// Runs `code` as one `-e` input in a fresh session (no colour, seed 1):
/// what it printed, its rendered errors and how it ended.
pub fn run(code: &str) -> (String, String, Status) {
    run_inputs(&[code])
}

/// Runs several inputs in one session, as `gd -e A -e B` does.
pub fn run_inputs(codes: &[&str]) -> (String, String, Status) {
    let mut session = Session::new(Settings { seed: 1, ..Settings::default() });
    let name = |index: usize| if codes.len() == 1 { "-e".to_string() } else { format!("-e#{}", index + 1) };
    let inputs = codes
        .iter()
        .enumerate()
        .map(|(index, code)| Input { name: name(index), text: code.to_string(), dir: ".".into() })
        .collect();
    let mut captured = Captured::default();
    let status = session.run(inputs, &mut captured);
    (captured.out, captured.err, status)
}

/// What `code` prints, failing the test on any error.
pub fn output(code: &str) -> String {
    let (out, err, status) = run(code);
    assert!(err.is_empty() && status == Status::Ok, "{code:?} failed: {err}");
    out
}

/// The rendered errors of `code`, failing the test if there are none.
pub fn errors(code: &str) -> String {
    let (out, err, _) = run(code);
    assert!(!err.is_empty(), "{code:?} gave no error; it printed {out:?}");
    err
}

/// Runs `code` in a fresh session and fails the test, with a line diff,
/// unless it runs without an error or warning and prints exactly `expected`:
/// `check("J(a) = a^2\nJ'(3)", "6\n")`.
#[track_caller]
pub fn check(code: &str, expected: &str) {
    let (out, err, status) = run(code);
    assert!(err.is_empty() && status == Status::Ok, "{code:?} ended {status:?}:\n{out}{err}");
    if out != expected {
        panic!("{code:?} printed something else:\n{}", diff(expected, &out));
    }
}

/// Runs `text` as one script in a fresh session seeded with `seed`; relative
/// file names (`load`, `plot`) resolve from `dir`.
pub fn run_script(text: &str, dir: &Path, seed: u64) -> (Status, Captured) {
    let mut session = Session::new(Settings { seed, ..Settings::default() });
    let mut out = Captured::default();
    let input = Input { name: "input.gd".to_string(), text: text.to_string(), dir: dir.to_path_buf() };
    let status = session.run(vec![input], &mut out);
    (status, out)
}

/// The built `gd` binary.
pub const GD: &str = env!("CARGO_BIN_EXE_gd");

/// The repository root (where `examples/` and `docs/` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The built binary as every test starts it: an empty environment but
/// `NO_COLOR=1` (so nothing of the caller's shell leaks in), the repository
/// root as working directory, and standard input empty (not a terminal).
/// Callers add arguments, or change any of these, before running it.
pub fn gd_command() -> Command {
    let mut command = Command::new(GD);
    command.env_clear().env("NO_COLOR", "1").current_dir(root()).stdin(Stdio::null());
    command
}

/// How a run of the binary ended: standard output, standard error (both
/// UTF-8, as gd prints) and the exit code (`None` if a signal ended it).
#[derive(Debug)]
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
}

/// Runs `gd ARGS…` (see [`gd_command`]).
pub fn gd(args: &[&str]) -> Ran {
    finish(gd_command().args(args))
}

/// Runs `gd -e LINE …`, one `-e` per line, as one program.
pub fn gd_e(lines: &[&str]) -> Ran {
    let mut command = gd_command();
    for line in lines {
        command.args(["-e", line]);
    }
    finish(&mut command)
}

/// Runs a prepared command to its end and decodes what it printed.
pub fn finish(command: &mut Command) -> Ran {
    let output = command.output().expect("gd runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("gd prints UTF-8");
    Ran { stdout: text(output.stdout), stderr: text(output.stderr), code: output.status.code() }
}

/// Runs a prepared command with standard output and standard error going
/// into one pipe, so what it printed is interleaved exactly as a terminal
/// would show it; `stdin`, if given, is its standard input.
pub fn finish_interleaved(mut command: Command, stdin: Option<&str>) -> (String, Option<i32>) {
    let (mut reader, writer) = std::io::pipe().expect("a pipe for gd's output");
    let error_writer = writer.try_clone().expect("a second writing end for standard error");
    command.stdout(writer).stderr(error_writer);
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = command.spawn().expect("gd starts");
    // The command holds the pipe's writing ends: until they close, the read below never ends.
    drop(command);
    if let (Some(text), Some(mut input)) = (stdin, child.stdin.take()) {
        input.write_all(text.as_bytes()).expect("gd reads its standard input");
    }
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).expect("gd's output is readable");
    let status = child.wait().expect("gd ends");
    (String::from_utf8(bytes).expect("gd prints UTF-8"), status.code())
}

/// A readable line diff of two texts: `-` for lines only in `expected`, `+`
/// for lines only in `actual`, two spaces for lines in both (long runs of
/// them shortened), trailing spaces shown as `·` and a missing final line
/// break said in words.
pub fn diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.split_inclusive('\n').collect();
    let new: Vec<&str> = actual.split_inclusive('\n').collect();
    let mut lines = vec!["--- expected".to_string(), "+++ actual".to_string()];
    let (mut kept, mut changed) = (Vec::new(), false);
    for (sign, line) in line_diff(&old, &new) {
        if sign == ' ' {
            kept.push(line);
            continue;
        }
        lines.extend(shorten_kept(&kept, changed, true));
        kept.clear();
        changed = true;
        lines.push(format!("{sign} {}", visible(line)));
    }
    lines.extend(shorten_kept(&kept, changed, false));
    lines.join("\n")
}

/// Lines of context shown on each side of a change.
const CONTEXT: usize = 3;

/// A run of equal lines: the few after a change (`after`) and before one
/// (`before`) are shown, the rest counted.
fn shorten_kept(kept: &[&str], after: bool, before: bool) -> Vec<String> {
    let show = |line: &&str| format!("  {}", visible(line));
    let head = if after { CONTEXT } else { 0 };
    let tail = if before { CONTEXT } else { 0 };
    if kept.len() <= head + tail + 1 {
        return kept.iter().map(show).collect();
    }
    let mut shown: Vec<String> = kept[..head].iter().map(show).collect();
    shown.push(format!("  … ({} equal lines)", kept.len() - head - tail));
    shown.extend(kept[kept.len() - tail..].iter().map(show));
    shown
}

/// A line as the diff shows it: without its line break, trailing spaces
/// made visible, and a missing line break said.
fn visible(line: &str) -> String {
    let Some(body) = line.strip_suffix('\n') else {
        return format!("{line} ⟨no line break at the end⟩");
    };
    let trimmed = body.trim_end_matches(' ');
    format!("{trimmed}{}", "·".repeat(body.len() - trimmed.len()))
}

/// The shortest edit script between two lists of lines (longest common
/// subsequence), as (sign, line) pairs in order.
fn line_diff<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(char, &'a str)> {
    if old.len().saturating_mul(new.len()) > 4_000_000 {
        // Too long to align: show all of both.
        return old.iter().map(|l| ('-', *l)).chain(new.iter().map(|l| ('+', *l))).collect();
    }
    // common[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut common = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            common[i][j] =
                if old[i] == new[j] { common[i + 1][j + 1] + 1 } else { common[i + 1][j].max(common[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut script) = (0, 0, Vec::new());
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            script.push((' ', old[i]));
            (i, j) = (i + 1, j + 1);
        } else if j == new.len() || (i < old.len() && common[i + 1][j] >= common[i][j + 1]) {
            script.push(('-', old[i]));
            i += 1;
        } else {
            script.push(('+', new[j]));
            j += 1;
        }
    }
    script
}

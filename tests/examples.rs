//! Golden tests: every `examples/*.gd` runs through the real `gd` binary and
//! its standard output must equal `examples/NAME.out`; every
//! `examples/errors/*.gd` (one mistake each) must print exactly
//! `examples/errors/NAME.err` on standard error, without colour. A script's
//! first line may say `# exit: N` for the status it must end with (default 0).
//! A difference is shown as a line diff (`common::diff`, also behind
//! `common::check`), itself checked here.
//! `GD_BLESS=1 cargo test --test examples` rewrites the expected files.

mod common;

use std::path::{Path, PathBuf};

use common::root;

fn scripts(folder: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
        .expect("examples folder exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "gd"))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no scripts in {folder}");
    found
}

fn expected_status(script: &Path) -> i32 {
    let text = std::fs::read_to_string(script).expect("script is readable");
    text.lines()
        .next()
        .and_then(|line| line.strip_prefix("# exit: "))
        .map_or(0, |n| n.trim().parse().expect("`# exit: N` holds a number"))
}

/// Runs one script from the project root, as `gd examples/…/NAME.gd`.
fn run(script: &Path) -> (String, String, i32) {
    let relative = script.strip_prefix(root()).expect("script is under the project");
    let ran = common::finish(common::gd_command().arg(relative));
    (ran.stdout, ran.stderr, ran.code.unwrap_or(-1))
}

/// Compares `actual` with the file, or rewrites the file when blessing.
fn compare(expected_file: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("GD_BLESS").is_some() {
        std::fs::write(expected_file, actual).expect("expected file is writable");
        return;
    }
    let expected = std::fs::read_to_string(expected_file).unwrap_or_default();
    if expected != actual {
        failures.push(format!("{} differs:\n{}", expected_file.display(), common::diff(&expected, actual)));
    }
}

fn check_status(script: &Path, status: i32, stderr: &str, failures: &mut Vec<String>) {
    let expected = expected_status(script);
    if status != expected {
        failures.push(format!("{} exited {status}, expected {expected}\n{stderr}", script.display()));
    }
}

#[test]
fn examples_print_their_expected_output() {
    let mut failures = Vec::new();
    for script in scripts("examples") {
        let (stdout, stderr, status) = run(&script);
        check_status(&script, status, &stderr, &mut failures);
        compare(&script.with_extension("out"), &stdout, &mut failures);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn error_examples_print_their_expected_diagnostics() {
    let mut failures = Vec::new();
    for script in scripts("examples/errors") {
        let (stdout, stderr, status) = run(&script);
        check_status(&script, status, &stderr, &mut failures);
        if status == 0 || stderr.is_empty() {
            failures.push(format!("{} reported no error", script.display()));
        }
        compare(&script.with_extension("err"), &stderr, &mut failures);
        let expected_stdout = script.with_extension("out");
        if expected_stdout.exists() || !stdout.is_empty() {
            compare(&expected_stdout, &stdout, &mut failures);
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn a_wrong_expectation_fails_with_a_line_diff() {
    // The comparisons above and `common::check` report a difference as a diff; it must show one.
    let failure = std::panic::catch_unwind(|| common::check("J(a) = a^2\nJ'(3)\n1", "7\n1\n")).expect_err("6 is not 7");
    let message = failure.downcast_ref::<String>().expect("a formatted message");
    assert!(message.contains("- 7\n+ 6\n  1"), "{message}");
    let diff = common::diff("a\nb  \nc\n", "a\nb\nc");
    assert_eq!(diff, "--- expected\n+++ actual\n  a\n- b··\n- c\n+ b\n+ c ⟨no line break at the end⟩");
}

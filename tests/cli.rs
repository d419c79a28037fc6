//! The `gd` command as a user runs it: `-e`, files, piped input, exit
//! statuses (0 ok, 1 runtime error, 2 syntax error or bad usage), and input
//! that must not crash it (deep nesting, long sums, binary files).

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

/// The shared way of starting gd ([`common::gd_command`]), with assert_cmd's assertions.
fn gd() -> Command {
    Command::from_std(common::gd_command())
}

fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("the file is written");
    (dir, path)
}

#[test]
fn repeated_e_arguments_form_one_program() {
    gd().args(["-e", "J(a,b,c) = 3*(a + b*c)", "-e", "J(5, 3, 2)"]).assert().success().stdout("33\n");
}

#[test]
fn pasted_maths_and_precedence() {
    gd().args(["-e", "θ₁ = 2; θ₁² + 2·3 − 1"]).assert().success().stdout("9\n");
    gd().args(["-e", "-2^2"]).assert().success().stdout("-4\n");
    gd().args(["-e", "2^3^2"]).assert().success().stdout("512\n");
}

#[test]
fn wrong_argument_count_exits_1_and_lists_the_parameters() {
    gd().args(["-e", "J(a,b,c) = 3*(a + b*c)", "-e", "J(1, 2)"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("J has parameters a, b, c").and(predicate::str::contains("J(1, 2)")));
}

#[test]
fn a_typo_gets_a_suggestion() {
    gd().args(["-e", "J(a,b,c) = 3*(a + b*c)", "-e", "Jx(1)"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `J`?"));
}

#[test]
fn every_syntax_error_is_reported_and_nothing_runs() {
    let (_dir, path) = temp_file("two.gd", b"1 + 1\nx = (2\n + 3))\ny = 4 5\n");
    gd().arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("two.gd:3:").and(predicate::str::contains("two.gd:4:")));
}

#[test]
fn a_runtime_error_stops_the_script_after_earlier_output() {
    gd().args(["-e", "1 + 1; log(0); 3"]).assert().code(1).stdout("2\n").stderr(predicate::str::contains("log of 0"));
}

#[test]
fn files_run_in_order_as_one_program() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("a.gd"), "J(a, b) = a*b\n").expect("written");
    std::fs::write(dir.path().join("b.gd"), "J(6, 7)\n").expect("written");
    gd().current_dir(dir.path()).args(["a.gd", "b.gd"]).assert().success().stdout("42\n");
}

#[test]
fn piped_standard_input_runs_as_a_script() {
    gd().write_stdin("J(a,b,c) = 3*(a + b*c)\nJ(1, 2, 3)\n").assert().success().stdout("21\n");
}

#[test]
fn help_and_version() {
    gd().arg("--help").assert().success().stdout(predicate::str::contains("Usage: gd"));
    gd().arg("--version").assert().success().stdout(predicate::str::starts_with("gd "));
    gd().arg("--bogus").assert().code(2);
}

#[test]
fn empty_and_comment_only_files_print_nothing() {
    let (_dir, empty) = temp_file("empty.gd", b"");
    gd().arg(&empty).assert().success().stdout("").stderr("");
    let (_dir, comments) = temp_file("comments.gd", b"# only a comment\n\n   # and another\n");
    gd().arg(&comments).assert().success().stdout("").stderr("");
}

#[test]
fn a_missing_file_is_bad_usage() {
    gd().arg("no/such/file.gd").assert().code(2).stderr(predicate::str::contains("no such file"));
}

#[test]
fn a_binary_file_is_refused_clearly() {
    let (_dir, path) = temp_file("binary.gd", &[0x4a, 0x28, 0xff, 0xfe, 0x00, 0x9f]);
    gd().arg(&path).assert().code(2).stderr(predicate::str::contains("not text: invalid UTF-8 at byte 2"));
}

#[test]
fn ten_thousand_nested_parentheses() {
    let source = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    let (_dir, path) = temp_file("deep.gd", source.as_bytes());
    gd().arg(&path).timeout(std::time::Duration::from_secs(10)).assert().success().stdout("1\n");
}

#[test]
fn a_sum_of_a_hundred_thousand_terms() {
    let source = vec!["1"; 100_000].join("+");
    let (_dir, path) = temp_file("long.gd", source.as_bytes());
    gd().arg(&path).assert().success().stdout("100000\n");
}

#[test]
fn graphs_of_long_sums_and_products_are_quick() {
    // As written, `x + x + …` is one node with 100 000 uses and `x*x*…` one with 20 000.
    for (terms, operator, gradient) in [(100_000, "+", "100000"), (20_000, "*", "20000")] {
        let source = format!("F(x) = {}\ngraph F at x=1\n", vec!["x"; terms].join(operator));
        let (_dir, path) = temp_file("long_graph.gd", source.as_bytes());
        gd().arg(&path)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .success()
            .stdout(predicate::str::ends_with(format!("gradient: ∂F/∂x = {gradient}\n")));
    }
}

#[test]
fn deeply_nested_calls_and_negations() {
    let negations = format!("{}1", "-".repeat(100_001));
    gd().args(["-e", &negations]).assert().success().stdout("-1\n");
    let nested = format!("{}0{}", "sin(".repeat(20_000), ")".repeat(20_000));
    gd().args(["-e", &nested]).assert().success().stdout("0\n");
}

#[test]
fn no_colour_codes_when_piped() {
    gd().args(["-e", "log(-1)"])
        .env_remove("NO_COLOR")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\x1b[").not());
}

#[test]
fn ctrl_c_stops_a_long_minimize_with_the_table_so_far() {
    let child = common::gd_command()
        .args([
            "-e",
            "J(w) = (w - 3)^2",
            "-e",
            "minimize J from w = 0 with α = 1e-12, tol = 0, steps = 43000000",
            "-e",
            "J(1)",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("gd starts");
    // The longest run the work bound allows takes about a second: stop it a quarter of the way.
    std::thread::sleep(std::time::Duration::from_millis(250));
    let signalled =
        std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill runs");
    assert!(signalled.success());
    let output = child.wait_with_output().expect("gd ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("interrupted after"), "{stdout}");
    assert!(!stdout.contains("\n4\n"), "the statement after the interrupted one does not run");
    assert!(stderr.contains("interrupted"), "{stderr}");
}

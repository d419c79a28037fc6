//! gd as a Jupyter kernel, from outside: `gd kernel install --prefix` writes
//! a kernelspec that starts this gd, and the Jupyter project's conformance
//! suite (jupyter_kernel_test, in tests/kernel/test_gd_kernel.py) passes
//! against that kernelspec, run by the Python of the virtual environment
//! that `.ci/run` makes in target/jupyter-venv; and the example notebooks
//! (examples/notebooks) give their saved outputs when nbclient runs them
//! again (tests/kernel/notebooks.py). When that environment is
//! missing the suite says so and is skipped, unless GD_REQUIRE_KERNEL_TESTS
//! is set (CI sets it), when a missing environment is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `gd kernel install --prefix PREFIX`; hands on the kernelspec's folder.
fn install(prefix: &Path) -> PathBuf {
    let output = Command::new(env!("CARGO_BIN_EXE_gd"))
        .args(["kernel", "install", "--prefix"])
        .arg(prefix)
        .output()
        .expect("gd runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let folder = prefix.join("share/jupyter/kernels/gd");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains(&folder.display().to_string()), "{said}");
    folder
}

#[test]
fn install_writes_a_kernelspec_that_starts_this_gd() {
    let prefix = tempfile::tempdir().expect("a folder");
    let folder = install(prefix.path());
    let text = std::fs::read_to_string(folder.join("kernel.json")).expect("kernel.json is written");
    let spec: serde_json::Value = serde_json::from_str(&text).expect("kernel.json is JSON");
    let gd = std::fs::canonicalize(env!("CARGO_BIN_EXE_gd")).expect("gd exists");
    let argv = serde_json::json!([gd.to_str().expect("a UTF-8 path"), "kernel", "-f", "{connection_file}"]);
    assert_eq!(spec["argv"], argv);
    assert_eq!(spec["display_name"], "gd");
    assert_eq!(spec["language"], "gd");
    install(prefix.path());
    assert_eq!(std::fs::read_to_string(folder.join("kernel.json")).expect("still there"), text, "installing again");
}

#[test]
fn the_kernel_needs_a_connection_file_it_can_read() {
    let gd = || Command::new(env!("CARGO_BIN_EXE_gd"));
    let output = gd().arg("kernel").output().expect("gd runs");
    assert_eq!(output.status.code(), Some(2), "clap asks for -f");
    let output = gd().args(["kernel", "-f", "/no/such/connection.json"]).output().expect("gd runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read the connection file"));
    let output = gd().args(["kernel", "install", "--user", "--sys-prefix"]).output().expect("gd runs");
    assert_eq!(output.status.code(), Some(2), "one destination at most");
}

/// The venv's Python, or `None` (the test is skipped) when there is no venv
/// and CI did not require one.
fn venv_python() -> Option<PathBuf> {
    let python = root().join("target/jupyter-venv/bin/python");
    if python.exists() {
        return Some(python);
    }
    assert!(
        std::env::var_os("GD_REQUIRE_KERNEL_TESTS").is_none(),
        "the Jupyter test environment (target/jupyter-venv) is required but missing"
    );
    eprintln!("SKIPPED: no Jupyter test environment in target/jupyter-venv; run .ci/run to make it");
    None
}

/// Runs a Python script of tests/kernel with this gd installed as the kernel `gd`.
fn run_with_kernel(python: &Path, args: &[&str]) -> std::process::Output {
    let prefix = tempfile::tempdir().expect("a folder");
    install(prefix.path());
    let runtime = tempfile::tempdir().expect("a folder");
    Command::new(python)
        .args(args)
        .current_dir(root())
        .env("JUPYTER_PATH", prefix.path().join("share/jupyter"))
        .env("JUPYTER_RUNTIME_DIR", runtime.path())
        .env("JUPYTER_PLATFORM_DIRS", "1")
        .env_remove("NO_COLOR")
        .output()
        .expect("python runs")
}

#[test]
fn jupyter_conformance_suite_passes() {
    let Some(python) = venv_python() else { return };
    let output = run_with_kernel(&python, &["-m", "unittest", "-v", "tests/kernel/test_gd_kernel.py"]);
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the conformance suite failed:\n{report}");
}

#[test]
fn example_notebooks_give_their_saved_outputs() {
    let Some(python) = venv_python() else { return };
    let output = run_with_kernel(&python, &["tests/kernel/notebooks.py"]);
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the example notebooks changed:\n{report}");
    assert_eq!(report.matches("\nok ").count() + usize::from(report.starts_with("ok ")), 3, "{report}");
}

//! What a user runs: the whole `gd FILE.gd`, start to exit, for each
//! example script, against the cost of starting any program at all (a
//! process that does nothing, `true`), measured in the same run. The
//! difference is gd's own work: starting up, parsing, checking, running
//! and printing.
//!
//! Run: `cargo bench --bench programs` (it runs the release binary, which
//! `cargo bench` builds).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};

/// Runs `command` to its end with no input and its output discarded. An
/// example may end with status 1 (it shows a failing check), never by a signal.
fn run(command: &mut Command) {
    let status = command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status();
    assert!(status.is_ok_and(|s| matches!(s.code(), Some(0 | 1))), "{command:?} crashed");
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example scripts, by name.
fn examples() -> Vec<PathBuf> {
    let folder = root().join("examples");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    scripts.retain(|path| path.extension().is_some_and(|e| e == "gd"));
    scripts.sort();
    scripts
}

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn programs(c: &mut Criterion) {
    let mut group = c.benchmark_group("whole programs");
    group.sample_size(20);
    group.bench_function("baseline: start a process that does nothing (true)", |b| {
        b.iter(|| run(&mut Command::new("true")))
    });
    group.bench_function("gd -e '1 + 1'", |b| {
        b.iter(|| run(Command::new(env!("CARGO_BIN_EXE_gd")).args(["-e", "1 + 1"]).current_dir(root())))
    });
    for script in examples() {
        group.bench_function(format!("gd examples/{}", name(&script)), |b| {
            b.iter(|| run(Command::new(env!("CARGO_BIN_EXE_gd")).arg(&script).current_dir(root()).env("NO_COLOR", "1")))
        });
    }
    group.finish();
}

criterion_group!(benches, programs);
criterion_main!(benches);

//! Helpers shared by the integration tests: running gd code in-process,
//! through a fresh [`Session`], and handing back its output and status.

#![allow(dead_code)] // each test crate uses its own subset

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

/// Runs `text` as one script in a fresh session seeded with `seed`; relative
/// file names (`load`, `plot`) resolve from `dir`.
pub fn run_script(text: &str, dir: &std::path::Path, seed: u64) -> (Status, Captured) {
    let mut session = Session::new(Settings { seed, ..Settings::default() });
    let mut out = Captured::default();
    let input = Input { name: "input.gd".to_string(), text: text.to_string(), dir: dir.to_path_buf() };
    let status = session.run(vec![input], &mut out);
    (status, out)
}

//! Helpers shared by the test targets that run gd in-process: a program's
//! text goes through a fresh [`Session`], and its status and captured output
//! come back.

use std::path::Path;

use gd::{Captured, Input, Session, Settings, Status};

/// Runs `text` as one script in a fresh session seeded with `seed`; relative
/// file names (`load`, `plot`) resolve from `dir`.
pub fn run(text: &str, dir: &Path, seed: u64) -> (Status, Captured) {
    let mut session = Session::new(Settings { seed, ..Settings::default() });
    let mut out = Captured::default();
    let input = Input { name: "input.gd".to_string(), text: text.to_string(), dir: dir.to_path_buf() };
    let status = session.run(vec![input], &mut out);
    (status, out)
}

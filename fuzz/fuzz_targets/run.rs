//! libFuzzer target for whole programs: takes any bytes that are UTF-8 (up to
//! 4 KB), runs them as a script through a fresh Session in a scratch folder,
//! and panics if the output shows Rust Debug text or `inf`/`nan`.
//! Programs naming files outside the scratch folder are skipped (a plot must
//! never be written elsewhere). Run: `cargo +nightly fuzz run run -- -timeout=2`.
#![no_main]

use gd::{Captured, Input, Session, Settings};
use libfuzzer_sys::fuzz_target;

const DEBUG_TEXT: &[&str] = &["Some(", "Span {", "Err(", "[src/", "internal error", "panicked", "NaN"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.len() > 4096 || ["\"/", "\"\\", "\"~", ".."].iter().any(|p| text.contains(p)) {
        return;
    }
    let dir = std::env::temp_dir().join("gd-cargo-fuzz");
    let _ = std::fs::create_dir_all(&dir);
    let mut session = Session::new(Settings::default());
    let mut out = Captured::default();
    session.run(vec![Input { name: "fuzz.gd".into(), text: text.into(), dir }], &mut out);
    let shown = format!("{}{}", out.out, out.err);
    for pattern in DEBUG_TEXT {
        assert!(!shown.contains(pattern) || text.contains(pattern), "output shows `{pattern}`:\n{shown}");
    }
    let typed: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
    for word in shown.split(|c: char| !c.is_alphanumeric()) {
        let non_finite = matches!(word, "inf" | "nan" | "infinity");
        assert!(!non_finite || typed.contains(&word), "output shows `{word}`:\n{shown}");
    }
});

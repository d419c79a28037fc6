//! A corpus of hand-derivation checks (tests/corpus/hand_derivations.gd):
//! every line runs in a fresh session, and its verdict must be the one its
//! `# expect ✓`, `# expect ✗` or `# expect ~` comment states — true
//! derivations proved or confirmed, typical mistakes refuted, claims true
//! only where both sides are defined or except at a kink marked `~`, and
//! nothing erroring.

mod common;

use std::path::Path;

const CORPUS: &str = include_str!("corpus/hand_derivations.gd");

/// The verdict mark of the check a line runs, or what went wrong instead.
fn verdict(code: &str) -> Result<char, String> {
    let (_, out) = common::run_script(code, Path::new("."), 2026);
    if !out.err.is_empty() {
        return Err(out.err);
    }
    out.out.lines().find_map(|line| line.chars().next().filter(|c| matches!(c, '✓' | '✗' | '~'))).ok_or(out.out)
}

#[test]
fn every_hand_derivation_gets_the_right_verdict() {
    let mut wrong = Vec::new();
    let mut count = 0;
    for (number, line) in CORPUS.lines().enumerate() {
        let Some((code, expected)) = line.split_once("# expect ") else { continue };
        let expected = expected.trim().chars().next();
        count += 1;
        match verdict(code) {
            Ok(mark) if Some(mark) == expected => {}
            Ok(mark) => wrong.push(format!("line {}: {code} gave {mark}", number + 1)),
            Err(problem) => wrong.push(format!("line {}: {code} failed: {problem}", number + 1)),
        }
    }
    assert!(count > 400, "the corpus has {count} checks");
    assert!(wrong.is_empty(), "{} of {count} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

//! The in-repo fuzzer (issue 13): random gd programs from a grammar-aware
//! generator and mutated examples, run in-process through the Session API
//! with panics caught and a time guard, checked by detectors for panics,
//! time-outs, Rust `Debug` output, internal errors and `inf`/`nan`.
//!
//! - CI (`cargo test`): a fixed seed, 20,000 programs; fails on any finding,
//!   printing each minimized program.
//! - Long: `GD_FUZZ_SECONDS=1800 cargo test --release --test fuzz -- --nocapture`
//!   runs for that long from a seed taken from the clock (printed).
//! - Replay: `GD_FUZZ_SEED=S GD_FUZZ_CASE=N cargo test --test fuzz -- --nocapture`
//!   runs case N of seed S alone and prints it.
//! - `GD_FUZZ_CASES=N` changes the budget of programs.
//! - Regressions: tests/fuzz/regressions.gd, one case per `#===` block, all replayed.
//!
//! See docs/fuzzing.md.

mod common;

mod fuzz {
    pub mod detect;
    pub mod generate;
    pub mod mutate;
    pub mod reduce;
    pub mod rng;
    pub mod runner;
}

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use fuzz::detect::{Finding, examine};
use fuzz::reduce::reduce;
use fuzz::rng::Rng;
use fuzz::runner::Runner;
use fuzz::{generate, mutate, runner};

/// The CI seed and budget.
const CI_SEED: u64 = 13;
const CI_CASES: u64 = 20_000;

const REGRESSIONS: &str = include_str!("fuzz/regressions.gd");

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Case `index` of the run seeded `seed`: three in four generated, one in four a mutated example
/// (unless the mutant names a file outside the case's folder).
fn case(seed: u64, index: u64, corpus: &[String]) -> String {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xD134_2543_DE82_EF95));
    if rng.chance(25) {
        let mutant = mutate::mutant(corpus, &mut rng);
        if runner::confined(&mutant) {
            return mutant;
        }
    }
    generate::program(&mut rng)
}

/// The first program of each distinct finding, reduced, and how often the finding was seen.
struct Report {
    found: BTreeMap<String, (Finding, String, usize)>,
    ran: u64,
}

impl Report {
    fn record(&mut self, program: &str, seen: Finding, runner: &mut Runner, label: &str) {
        if let Some(entry) = self.found.get_mut(&seen.key) {
            entry.2 += 1;
            return;
        }
        let reduced = reduce(program, &seen.key, runner);
        eprintln!("FINDING {} ({label}): {}\n--- program (reduced) ---\n{reduced}\n---", seen.key, seen.detail);
        self.found.insert(seen.key.clone(), (seen, reduced, 1));
    }

    fn summary(&self) -> String {
        let mut text = String::new();
        for (key, (seen, program, count)) in &self.found {
            text.push_str(&format!("\n{key} ({count} programs): {}\n{program}\n", seen.detail));
        }
        text
    }
}

#[test]
fn generated_and_mutated_programs_find_nothing() {
    let seconds = env_number("GD_FUZZ_SECONDS");
    let clock = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let seed = env_number("GD_FUZZ_SEED").unwrap_or(if seconds.is_some() { clock() } else { CI_SEED });
    let corpus = mutate::corpus();
    let mut runner = Runner::new();
    if let Some(index) = env_number("GD_FUZZ_CASE") {
        let program = case(seed, index, &corpus);
        let seen = examine(&program, &mut runner);
        println!("case {index} of seed {seed}:\n{program}\n--- finding: {seen:?}");
        assert!(seen.is_none());
        return;
    }
    let budget = env_number("GD_FUZZ_CASES").unwrap_or(if seconds.is_some() { u64::MAX } else { CI_CASES });
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    eprintln!("fuzzing with GD_FUZZ_SEED={seed}");
    let started = Instant::now();
    let mut last_note = Instant::now();
    let mut report = Report { found: BTreeMap::new(), ran: 0 };
    while report.ran < budget && !runner.exhausted() && deadline.is_none_or(|d| Instant::now() < d) {
        let index = report.ran;
        let program = case(seed, index, &corpus);
        report.ran += 1;
        if let Some(seen) = examine(&program, &mut runner) {
            report.record(&program, seen, &mut runner, &format!("GD_FUZZ_SEED={seed} GD_FUZZ_CASE={index}"));
        }
        if last_note.elapsed() > Duration::from_secs(60) {
            last_note = Instant::now();
            let rate = report.ran as f64 / started.elapsed().as_secs_f64();
            eprintln!("{} programs, {rate:.0}/s, {} distinct findings", report.ran, report.found.len());
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    eprintln!(
        "fuzzed {} programs in {elapsed:.1} s ({:.0}/s), seed {seed}; slowest case {:.2} s; {} workers abandoned",
        report.ran,
        report.ran as f64 / elapsed,
        runner.slowest.as_secs_f64(),
        runner.leaked
    );
    assert!(!runner.exhausted(), "stopped early: too many workers stuck{}", report.summary());
    assert!(report.found.is_empty(), "{} distinct findings:{}", report.found.len(), report.summary());
}

/// The blocks of regressions.gd: a `#===` line starts each, with its title.
fn regressions() -> Vec<(String, String)> {
    let mut blocks: Vec<(String, String)> = Vec::new();
    for line in REGRESSIONS.lines() {
        match (line.strip_prefix("#==="), blocks.last_mut()) {
            (Some(title), _) => blocks.push((title.trim().to_string(), String::new())),
            (None, Some((_, text))) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

#[test]
fn every_past_finding_stays_fixed() {
    let mut runner = Runner::new();
    let blocks = regressions();
    assert!(!blocks.is_empty(), "regressions.gd has no cases");
    let mut failing = Vec::new();
    for (title, program) in &blocks {
        if let Some(seen) = examine(program, &mut runner) {
            failing.push(format!("{title}: {} — {}", seen.key, seen.detail));
        }
    }
    assert!(failing.is_empty(), "{} of {} regression cases fail:\n{}", failing.len(), blocks.len(), failing.join("\n"));
}

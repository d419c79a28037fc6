//! The detectors: take a program and its [`Outcome`], hand on the
//! [`Finding`] it shows, if any — a panic, a time-out, Rust `Debug` output or
//! internal-error text in what gd printed, `inf`/`nan` in results, a failure
//! without a message, runaway output, or (the one oracle of values) results
//! that change when `−`, `·`, `×`, `⋅`, `÷`, `′` are written as ASCII. Each finding has a key (kind and
//! place) so that reduction keeps the same bug and a long run reports each
//! bug once.

use gd::Status;

use super::runner::{Outcome, Runner};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What kind of bug, and where: equal keys are taken to be the same bug.
    pub key: String,
    /// What was seen: the panic message, the offending line of output.
    pub detail: String,
}

/// Text that only Rust's own formatting or a bug would produce. gd words its
/// messages itself, so none of these appear in correct output (unless the
/// program itself contains them, which the caller checks).
const DEBUG_TEXT: &[&str] = &[
    "Some(",
    "None,",
    "None)",
    "Span {",
    "Err(",
    "Ok(",
    "[src/",
    ".rs:",
    "internal error",
    "panicked",
    "NaN",
    "Token::",
    "ExprKind",
    "Id(",
    "{ start",
    "\\u{",
    "not yet implemented",
    "unreachable",
];

/// Words gd must never print as a number.
const NON_FINITE: &[&str] = &["inf", "nan", "infinity", "NaN"];

/// Output beyond this many bytes is runaway work.
const MAX_OUTPUT: usize = 4 << 20;

/// The pasted-maths spellings of operators and what they mean (docs/language.md, lexical rules).
const ALIASES: &[(char, char)] = &[('−', '-'), ('·', '*'), ('×', '*'), ('⋅', '*'), ('÷', '/'), ('′', '\'')];

/// Runs `program` and applies every detector: those on its own outcome, then
/// the alias oracle — the program with its pasted-maths operators written in
/// ASCII must print exactly the same results (a silently different number is
/// the worst bug of issue 13).
pub fn examine(program: &str, runner: &mut Runner) -> Option<Finding> {
    let outcome = runner.run(program);
    if let Some(seen) = finding(program, &outcome) {
        return Some(seen);
    }
    let ascii = in_ascii(program);
    let Outcome::Done { status, out } = outcome else { return None };
    if ascii == program {
        return None;
    }
    // gd echoes a claim as written, and writes `·` in graphs: both outputs are compared in ASCII.
    let shown = in_ascii(&out.out);
    match runner.run(&ascii) {
        Outcome::Done { status: again, out: plain } if again == status && in_ascii(&plain.out) == shown => None,
        Outcome::Done { out: plain, .. } => {
            let plain = in_ascii(&plain.out);
            let differ = shown.lines().zip(plain.lines()).find(|(a, b)| a != b);
            let detail = differ.map_or(format!("{status:?}"), |(a, b)| format!("`{a}`, but in ASCII `{b}`"));
            Some(found("pasted-maths operator reads differently", &detail))
        }
        other => finding(&ascii, &other),
    }
}

/// `text` with the pasted-maths operators written in ASCII.
fn in_ascii(text: &str) -> String {
    text.chars().map(|c| ALIASES.iter().find(|(a, _)| *a == c).map_or(c, |(_, b)| *b)).collect()
}

pub fn finding(program: &str, outcome: &Outcome) -> Option<Finding> {
    let (status, out) = match outcome {
        Outcome::Panicked(message) => return Some(panic_finding(message)),
        Outcome::TimedOut => return Some(found("time-out", "over the time limit")),
        Outcome::Done { status, out } => (*status, out),
    };
    if out.out.len() + out.err.len() > MAX_OUTPUT {
        return Some(found("runaway output", &format!("{} bytes", out.out.len() + out.err.len())));
    }
    let text = format!("{}{}", out.out, out.err);
    if let Some(pattern) = DEBUG_TEXT.iter().find(|p| text.contains(**p) && !program.contains(**p)) {
        return Some(found(&format!("debug text `{pattern}`"), line_with(&text, pattern)));
    }
    let typed = words(program);
    if let Some(word) = words(&text).into_iter().find(|w| NON_FINITE.contains(w) && !typed.contains(w)) {
        return Some(found(&format!("non-finite `{word}` printed"), line_with(&text, word)));
    }
    let failed_checks = out.out.contains(" failed\n");
    if status != Status::Ok && status != Status::Interrupted && out.err.trim().is_empty() && !failed_checks {
        return Some(found("failure without a message", &format!("{status:?}")));
    }
    None
}

fn found(key: &str, detail: &str) -> Finding {
    Finding { key: key.to_string(), detail: detail.to_string() }
}

/// A panic's key is its place in the source (the line, without the column).
fn panic_finding(message: &str) -> Finding {
    let place = message.rsplit(" at ").next().unwrap_or("");
    found(&format!("panic at {place}"), message)
}

/// The words of a text: runs of letters and digits.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// The first line of `text` containing `needle`, trimmed to 200 characters.
fn line_with<'t>(text: &'t str, needle: &str) -> &'t str {
    let line = text.lines().find(|l| l.contains(needle)).unwrap_or("");
    match line.char_indices().nth(200) {
        Some((end, _)) => &line[..end],
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use gd::{Captured, Status};

    use super::{Outcome, finding};

    fn done(status: Status, out: &str, err: &str) -> Outcome {
        Outcome::Done { status, out: Captured { out: out.into(), err: err.into(), documents: Vec::new() } }
    }

    #[test]
    fn correct_output_is_not_a_finding() {
        let ok = done(Status::Ok, "✓ ∂J/∂b = 3*c (proved)\ninfinite gradient at x = 0\n", "");
        assert_eq!(finding("check ∂J/∂b = 3*c", &ok), None);
        let failed_check = done(Status::Failed, "✗ …\n1 check: 0 passed, 1 failed\n", "");
        assert_eq!(finding("check J = 1", &failed_check), None);
        let typed = done(Status::Ok, "inf = 3\n", "");
        assert_eq!(finding("inf = 3", &typed), None);
    }

    #[test]
    fn each_detector_fires() {
        let key = |outcome: &Outcome| finding("1", outcome).map(|f| f.key);
        let panic = Outcome::Panicked("divide with overflow at /x/num-integer/src/lib.rs:12".into());
        assert_eq!(key(&panic).as_deref(), Some("panic at /x/num-integer/src/lib.rs:12"));
        assert_eq!(key(&Outcome::TimedOut).as_deref(), Some("time-out"));
        assert_eq!(key(&done(Status::Ok, "x = inf\n", "")).as_deref(), Some("non-finite `inf` printed"));
        assert_eq!(key(&done(Status::Ok, "k  x  nan\n", "")).as_deref(), Some("non-finite `nan` printed"));
        assert_eq!(key(&done(Status::Failed, "", "Some(Span { start: 1 })")).as_deref(), Some("debug text `Some(`"));
        assert_eq!(key(&done(Status::Failed, "", "")).as_deref(), Some("failure without a message"));
        assert_eq!(key(&done(Status::Ok, &"x".repeat(5 << 20), "")).as_deref(), Some("runaway output"));
    }
}

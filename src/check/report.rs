//! What a check found, as facts for the render stage to word
//! (`render::verdict`): the claim as typed, its sides' names, the
//! [`Outcome`] of [`decide`](super::decide), and the verdict it counts as.

use super::decide::Outcome;

/// A check's verdict, as counted and marked: ✓, ✗, or ~ (holds with a condition).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed,
    Conditional,
}

impl Verdict {
    /// The verdict an outcome counts as.
    pub fn of(outcome: &Outcome) -> Verdict {
        if outcome.passed() {
            Verdict::Passed
        } else if outcome.conditional() {
            Verdict::Conditional
        } else {
            Verdict::Failed
        }
    }
}

/// One decided claim.
#[derive(Debug)]
pub struct CheckReport {
    pub verdict: Verdict,
    /// The two sides as typed.
    pub lhs: String,
    pub rhs: String,
    pub outcome: Outcome,
    /// Each compared pair's left side by name (`∂J/∂b`) and right side as typed.
    pub left_names: Vec<String>,
    pub right_texts: Vec<String>,
    /// The claim's variables, in the order the claim names them.
    pub names: Vec<String>,
    /// Whether the variables are names bound nowhere, so the claim is for all of them.
    pub for_all: bool,
    /// Whether the claim only counts where a function is defined (a derivative's claim).
    pub has_domain: bool,
    /// The tolerance written after `within`, if any.
    pub tolerance: Option<f64>,
    /// What the left side really is, when the claim failed and it is worth showing.
    pub correct: Option<String>,
}

//! A check's verdict, worded: takes a [`CheckReport`] and hands on its line
//! (and, for a failed claim whose correct form is known, a second line
//! `  correct: …`): the mark (✓, ✗ or ~, styled), the claim, and how it
//! passed or the evidence against it.

use crate::catalogue;
use super::document::{Block, Style, Styled};
use crate::check::decide::{ATTEMPTS, Condition, Outcome};
use crate::check::report::{CheckReport, Verdict};
use crate::expr::number::{format_distinct, format_significant, format_value};

/// The verdict's lines; the correct form follows a counterexample or a
/// constant difference.
pub fn verdict(report: &CheckReport) -> Vec<Block> {
    let (mark, style) = match report.verdict {
        Verdict::Passed => ("✓", Style::Passed),
        Verdict::Failed => ("✗", Style::Failed),
        Verdict::Conditional => ("~", Style::Conditional),
    };
    let mut blocks =
        vec![Block::Line(vec![Styled::new(mark, style), Styled::plain(format!(" {}", claim_text(report)))])];
    let evidence = matches!(report.outcome, Outcome::Differs { .. } | Outcome::ConstantDifference { .. });
    if let (Some(correct), true) = (&report.correct, evidence) {
        blocks.push(Block::Line(vec![Styled::plain(format!("  correct: {correct}"))]));
    }
    blocks
}

/// The claim and its evidence, after the mark.
fn claim_text(report: &CheckReport) -> String {
    let (lhs, rhs) = (report.lhs.as_str(), report.rhs.as_str());
    match &report.outcome {
        Outcome::Proved if report.names.is_empty() => passed(report, None),
        Outcome::Proved => passed(report, Some("proved".to_string())),
        Outcome::ProvedByCases { cases } => passed(report, Some(format!("proved, in {cases} cases"))),
        Outcome::Agrees { points: 0, .. } => passed(report, None),
        Outcome::Agrees { points, around: 0 } => {
            passed(report, Some(format!("numerically, at {points} random points")))
        }
        Outcome::Agrees { points, around } => {
            passed(report, Some(format!("numerically, at {points} random points and {around} beside breakpoints")))
        }
        Outcome::ToDigits { digits } => format!("{lhs} = {rhs} (to {digits} significant digit{})", plural(*digits)),
        Outcome::DiffersInDigit { value, exact, digit } => {
            let how = if *exact && format_value(*value).len() <= 17 { " exactly" } else { "" };
            format!(
                "{lhs} ≠ {rhs} — {lhs} = {}{how}; your value differs in the {} digit",
                format_value(*value),
                ordinal(*digit)
            )
        }
        Outcome::DomainDiffers { pair, point, left_defined, value, conditions } => {
            let (defined, undefined) = if *left_defined { ("left", "right") } else { ("right", "left") };
            let names = report.names.as_slice();
            let texts: Vec<String> = conditions.iter().map(|&c| condition_text(names, c)).collect();
            let both = if texts.is_empty() { String::new() } else { format!(" ({})", texts.join(", ")) };
            format!(
                "{} — equal where both are defined{both}; at {} the {defined} side is {} and the {undefined} side is undefined",
                equation(report, *pair),
                point_text(names, point, " = "),
                format_significant(*value, 6)
            )
        }
        Outcome::ExceptAt { pair, variable, point, lhs: left, rhs: right } => {
            let name = report.names.get(*variable).map_or("x", String::as_str);
            let at = point.get(*variable).copied().unwrap_or(0.0);
            let (left, right) = format_distinct(*left, *right, 6);
            let there =
                if point.len() > 1 { format!("at {}", point_text(&report.names, point, "=")) } else { "there".into() };
            format!(
                "{lhs} = {rhs} — equal except at {name} = {} (a kink): {there} {} = {left}, {} = {right}",
                format_significant(at, 6),
                left_name(report, *pair),
                right_text(report, *pair),
            )
        }
        Outcome::Differs { pair, point, row, lhs: left, rhs: right } => {
            let mut at = if point.is_empty() {
                String::new()
            } else {
                format!("at {}: ", point_text(&report.names, point, "="))
            };
            if let Some(row) = row {
                at.push_str(&format!("in row {}: ", row + 1));
            }
            let (left, right) = format_distinct(*left, *right, 6);
            let right_side = right_text(report, *pair);
            let right_part = if right_side.replace('−', "-").parse::<f64>().is_ok() {
                format!(", not {right_side}")
            } else {
                format!(", {right_side} = {right}")
            };
            format!("{lhs} ≠ {rhs} — {at}{} = {left}{right_part}", left_name(report, *pair))
        }
        Outcome::ConstantDifference { difference, .. } => {
            format!("{lhs} ≠ {rhs} — the sides differ by a constant: left − right = {}", format_value(*difference))
        }
        Outcome::Lengths { left, right, .. } => {
            format!("{lhs} ≠ {rhs} — the left side has {left} values, the right side {right}")
        }
        Outcome::Undefined { left, error, .. } => {
            let side = if *left { "left" } else { "right" };
            let (problem, _) = error.problem.describe();
            format!("{lhs} = {rhs}: the {side} side has no value ({})", catalogue::word(&problem))
        }
        Outcome::Undecided { defined, tried } => {
            let within = if report.has_domain { "the claim has a meaning" } else { "both sides have values" };
            format!("{lhs} = {rhs}: undecided — {within} at only {defined} of {} random points", tried.max(&ATTEMPTS))
        }
    }
}

/// `lhs = rhs (how)`: how a claim passed, in brackets, saying for which
/// values when its variables are names bound nowhere (`for all x: proved`)
/// and within which tolerance when one was written.
fn passed(report: &CheckReport, how: Option<String>) -> String {
    let how = match (how, report.for_all) {
        (Some(how), true) => Some(format!("for all {}: {how}", report.names.join(", "))),
        (how, _) => how,
    };
    let within = match (&report.outcome, report.tolerance) {
        (Outcome::Agrees { .. }, Some(tolerance)) => Some(format!("within {}", format_value(tolerance))),
        _ => None,
    };
    let notes: Vec<String> = how.into_iter().chain(within).collect();
    let claim = format!("{} = {}", report.lhs, report.rhs);
    if notes.is_empty() { claim } else { format!("{claim} ({})", notes.join(", ")) }
}

/// A pair's left side by name, or the claim's left side.
fn left_name(report: &CheckReport, pair: usize) -> &str {
    report.left_names.get(pair).map_or(report.lhs.as_str(), String::as_str)
}

/// A pair's right side as typed, or the claim's right side.
fn right_text(report: &CheckReport, pair: usize) -> &str {
    report.right_texts.get(pair).map_or(report.rhs.as_str(), String::as_str)
}

/// `lhs = rhs`, or the pair's own sides for a gradient's component.
fn equation(report: &CheckReport, pair: usize) -> String {
    match (report.left_names.get(pair), report.right_texts.get(pair)) {
        (Some(left), Some(right)) if report.left_names.len() > 1 => format!("{left} = {right}"),
        _ => format!("{} = {}", report.lhs, report.rhs),
    }
}

/// `x = -1, y = 2` (with `equals` between name and value).
fn point_text(names: &[String], point: &[f64], equals: &str) -> String {
    let values: Vec<String> =
        names.iter().zip(point).map(|(n, v)| format!("{n}{equals}{}", format_significant(*v, 6))).collect();
    values.join(", ")
}

/// `x > 0`.
fn condition_text(names: &[String], condition: Condition) -> String {
    let name = names.get(condition.variable).map_or("x", String::as_str);
    format!("{name} {}", condition.relation.text())
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 111].iter().map(|&n| ordinal(n)).collect();
        assert_eq!(words, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]);
    }
}

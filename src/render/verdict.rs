//! A check's verdict, worded: takes a [`CheckReport`] and hands on its line
//! (and, for a failed claim whose correct form is known, a second line
//! `  correct: …`): the mark (✓, ✗ or ~, styled), the claim, and how it
//! passed or the evidence against it.

use super::document::{Block, Style, Styled};
use crate::catalogue;
use crate::check::decide::{ATTEMPTS, Condition, Outcome};
use crate::check::report::{CheckReport, Verdict};
use crate::expr::number::{format_distinct, format_significant, format_value};
use crate::message::Message;
use crate::msg;

/// The verdict's lines; the correct form follows a counterexample or a
/// constant difference.
pub fn verdict(report: &CheckReport) -> Vec<Block> {
    let (mark, style) = match report.verdict {
        Verdict::Passed => ("✓", Style::Passed),
        Verdict::Failed => ("✗", Style::Failed),
        Verdict::Conditional => ("~", Style::Conditional),
    };
    let claim = catalogue::word(&claim_message(report));
    let mut blocks = vec![Block::Line(vec![Styled::new(mark, style), Styled::plain(format!(" {claim}"))])];
    let evidence = matches!(report.outcome, Outcome::Differs { .. } | Outcome::ConstantDifference { .. });
    if let (Some(correct), true) = (&report.correct, evidence) {
        let correct = catalogue::word(&msg!("verdict.correct", correct = correct));
        blocks.push(Block::Line(vec![Styled::plain(format!("  {correct}"))]));
    }
    blocks
}

/// The claim and its evidence, after the mark.
fn claim_message(report: &CheckReport) -> Message {
    let (lhs, rhs) = (report.lhs.as_str(), report.rhs.as_str());
    match &report.outcome {
        Outcome::Proved if report.names.is_empty() => passed(report, None),
        Outcome::Proved => passed(report, Some(msg!("verdict.proved"))),
        Outcome::ProvedByCases { cases } => passed(report, Some(msg!("verdict.proved-by-cases", cases = cases))),
        Outcome::Agrees { points: 0, .. } => passed(report, None),
        Outcome::Agrees { points, around: 0 } => passed(report, Some(msg!("verdict.numerically", points = points))),
        Outcome::Agrees { points, around } => {
            passed(report, Some(msg!("verdict.numerically-around", points = points, around = around)))
        }
        Outcome::ToDigits { digits } => msg!("verdict.to-digits", lhs = lhs, rhs = rhs, digits = digits),
        Outcome::DiffersInDigit { value, exact, digit } => {
            let value_text = format_value(*value);
            let exactly = *exact && value_text.len() <= 17;
            let id = if exactly { msg!("verdict.exactly") } else { msg!("nothing") };
            msg!("verdict.differs-in-digit", lhs = lhs, rhs = rhs, value = value_text, exactly = id, digit = digit)
        }
        Outcome::DomainDiffers { pair, point, left_defined, value, conditions } => {
            let names = report.names.as_slice();
            let texts: Vec<String> = conditions.iter().map(|&c| condition_text(names, c)).collect();
            let both = if texts.is_empty() { msg!("nothing") } else { msg!("verdict.conditions", conditions = texts) };
            let (defined, undefined) = if *left_defined {
                (msg!("verdict.left"), msg!("verdict.right"))
            } else {
                (msg!("verdict.right"), msg!("verdict.left"))
            };
            msg!(
                "verdict.domain-differs",
                equation = equation(report, *pair),
                conditions = both,
                point = point_text(names, point, " = "),
                defined = defined,
                value = format_significant(*value, 6),
                undefined = undefined
            )
        }
        Outcome::ExceptAt { pair, variable, point, lhs: left, rhs: right } => {
            let name = report.names.get(*variable).map_or("x", String::as_str);
            let at = point.get(*variable).copied().unwrap_or(0.0);
            let (left, right) = format_distinct(*left, *right, 6);
            let there = if point.len() > 1 {
                msg!("verdict.at", point = point_text(&report.names, point, "="))
            } else {
                msg!("verdict.there")
            };
            msg!(
                "verdict.except-at",
                lhs = lhs,
                rhs = rhs,
                name = name,
                at = format_significant(at, 6),
                there = there,
                left_name = left_name(report, *pair),
                left = left,
                right_text = right_text(report, *pair),
                right = right
            )
        }
        Outcome::Differs { pair, point, row, lhs: left, rhs: right } => {
            let at = match (point.is_empty(), row) {
                (true, None) => msg!("nothing"),
                (true, Some(row)) => msg!("verdict.in-row", row = row + 1),
                (false, None) => msg!("verdict.at-point", point = point_text(&report.names, point, "=")),
                (false, Some(row)) => {
                    msg!("verdict.at-point-in-row", point = point_text(&report.names, point, "="), row = row + 1)
                }
            };
            let (left, right) = format_distinct(*left, *right, 6);
            let right_side = right_text(report, *pair);
            let right_part = if right_side.replace('−', "-").parse::<f64>().is_ok() {
                msg!("verdict.not-number", number = right_side)
            } else {
                msg!("verdict.right-value", right_text = right_side, right = right)
            };
            let left_name = left_name(report, *pair);
            msg!(
                "verdict.differs",
                lhs = lhs,
                rhs = rhs,
                at = at,
                left_name = left_name,
                left = left,
                right = right_part
            )
        }
        Outcome::ConstantDifference { pair, difference } => {
            let difference = format_value(*difference);
            match report.left_names.len() > 1 {
                true => {
                    let equation = equation(report, *pair);
                    msg!(
                        "verdict.constant-difference-in",
                        lhs = lhs,
                        rhs = rhs,
                        equation = equation,
                        difference = difference
                    )
                }
                false => msg!("verdict.constant-difference", lhs = lhs, rhs = rhs, difference = difference),
            }
        }
        Outcome::Lengths { left, right, .. } => {
            msg!("verdict.lengths", lhs = lhs, rhs = rhs, left = left, right = right)
        }
        Outcome::Undefined { left, error, .. } => {
            let side = if *left { msg!("verdict.left") } else { msg!("verdict.right") };
            let (problem, _) = error.problem.describe();
            msg!("verdict.undefined", lhs = lhs, rhs = rhs, side = side, problem = problem)
        }
        Outcome::Undecided { defined, tried } => {
            let within = if report.has_domain { msg!("verdict.has-meaning") } else { msg!("verdict.have-values") };
            let tried = *tried.max(&ATTEMPTS);
            msg!("verdict.undecided", lhs = lhs, rhs = rhs, within = within, defined = defined, tried = tried)
        }
    }
}

/// `lhs = rhs (how)`: how a claim passed, in brackets, saying for which
/// values when its variables are names bound nowhere (`for all x: proved`)
/// and within which tolerance when one was written.
fn passed(report: &CheckReport, how: Option<Message>) -> Message {
    let how = match (how, report.for_all) {
        (Some(how), true) => Some(msg!("verdict.for-all", names = report.names, how = how)),
        (how, _) => how,
    };
    let within = match (&report.outcome, report.tolerance) {
        (Outcome::Agrees { .. }, Some(tolerance)) => Some(msg!("verdict.within", tolerance = format_value(tolerance))),
        _ => None,
    };
    let (lhs, rhs) = (&report.lhs, &report.rhs);
    match (how, within) {
        (None, None) => msg!("verdict.passed", lhs = lhs, rhs = rhs),
        (Some(note), None) | (None, Some(note)) => msg!("verdict.passed-note", lhs = lhs, rhs = rhs, note = note),
        (Some(how), Some(within)) => msg!("verdict.passed-notes", lhs = lhs, rhs = rhs, how = how, within = within),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let ordinal = |digit: usize| {
            let words = catalogue::word(&msg!(
                "verdict.differs-in-digit",
                lhs = "a",
                rhs = "b",
                value = "1",
                exactly = msg!("nothing"),
                digit = digit
            ));
            words.trim_end_matches(" digit").rsplit(' ').next().unwrap_or_default().to_string()
        };
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 111].iter().map(|&n| ordinal(n)).collect();
        assert_eq!(words, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]);
    }
}

//! How a descent reads: the iteration table (k, each parameter, J, ΔJ) with
//! right-aligned columns, and the one-line verdict: converged, stopped at
//! the step limit, diverged (naming α and suggesting a smaller one), or
//! interrupted. Values in the table have six significant digits, in the
//! verdict three (more where three would hide a change); α is shown as
//! given.

use super::minimize::{Ending, Goal, Options, Run};
use crate::expr::number::{format_distinct, format_given, format_short, format_significant};

/// The table of one run, ending with its verdict.
pub fn table(run: &Run, names: &[String], objective: &str, options: &Options) -> String {
    let mut out = format!("start: {}\n", point(names, &run.start, objective, run.start_j, cell));
    if !run.rows.is_empty() {
        let mut header: Vec<String> = vec!["k".to_string()];
        header.extend(names.iter().cloned());
        header.extend([objective.to_string(), format!("Δ{objective}")]);
        let body: Vec<Vec<String>> = run
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![row.k.to_string()];
                cells.extend(row.theta.iter().map(|t| cell(*t)));
                cells.extend([cell(row.j), cell(row.dj)]);
                cells
            })
            .collect();
        out.push_str(&columns(&header, &body));
        if let Some(stride) = run.trace_stride {
            out.push_str(&format!("(rows every {stride} iterations: more would be over 5000 rows)\n"));
        }
    }
    out.push_str(&verdict(run, names, objective, options));
    out.push('\n');
    out
}

/// Right-aligned columns, two spaces apart.
pub fn columns(header: &[String], body: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            let cells = std::iter::once(&header[c]).chain(body.iter().map(|row| &row[c]));
            cells.map(|cell| cell.chars().count()).max().unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{}{cell}", " ".repeat(width.saturating_sub(cell.chars().count()))))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(header);
    for row in body {
        out.push_str(&line(row));
    }
    out
}

/// `θ1 = 0.0126, θ2 = 0.0126, J = 0.000317`
fn point(names: &[String], theta: &[f64], objective: &str, j: f64, format: fn(f64) -> String) -> String {
    let mut parts: Vec<String> = names.iter().zip(theta).map(|(n, v)| format!("{n} = {}", format(*v))).collect();
    parts.push(format!("{objective} = {}", format(j)));
    parts.join(", ")
}

fn three(value: f64) -> String {
    finite_or_word(value).unwrap_or_else(|| format_significant(value, 3))
}

/// A table cell: six significant digits; a value that is not a number
/// says so in words, so no table shows `inf` or `nan`.
pub fn cell(value: f64) -> String {
    finite_or_word(value).unwrap_or_else(|| format_short(value))
}

/// `None` for a finite value; otherwise the word that stands for it.
fn finite_or_word(value: f64) -> Option<String> {
    match value {
        v if v.is_finite() => None,
        v if v.is_nan() => Some("undefined".to_string()),
        v if v > 0.0 => Some("overflow".to_string()),
        _ => Some("-overflow".to_string()),
    }
}

/// The one-line verdict of a run.
pub fn verdict(run: &Run, names: &[String], objective: &str, options: &Options) -> String {
    let mut at = point(names, &run.theta, objective, run.j, three);
    if options.batch.is_some() {
        at.push_str(&format!(" ({objective} over all the data; the table's is each step's batch)"));
    }
    let k = run.iterations;
    let plural = if k == 1 { "" } else { "s" };
    // α as given (1.0000001, not 1), and half of it.
    let alpha = format_given(options.alpha);
    let smaller = format!("α = {alpha} is too large; try α = {}", format_given(options.alpha / 2.0));
    let (extreme, bound, hollow, descent) = match options.goal {
        Goal::Minimize => ("minimum", "below", "valley", "descent"),
        Goal::Maximize => ("maximum", "above", "peak", "ascent"),
    };
    match run.ending {
        Ending::Converged => format!("converged after {k} iteration{plural}: {at}"),
        Ending::StepLimit if run.last_dj.abs() < options.tol => format!(
            "stopped at the step limit after {k} iteration{plural}: {objective} stands still but the parameters \
             jump back and forth across a {hollow} — {smaller}: {at}"
        ),
        Ending::StepLimit => format!(
            "stopped at the step limit after {k} iteration{plural}, not yet converged (|Δ{objective}| = {} {} tol = {}): {at}",
            format_short(run.last_dj.abs()),
            if run.last_dj.abs() > options.tol { ">" } else { "≥" },
            format_short(options.tol)
        ),
        Ending::NotFinite => {
            format!("diverged at iteration {k}: the parameters grew beyond any finite number — {smaller}")
        }
        Ending::Unbounded => format!(
            "stopped at iteration {k}: {objective} kept improving until the numbers overflowed — it is unbounded \
             {bound} and has no {extreme}; last finite point: {at}"
        ),
        Ending::LeftDomain => {
            let outside = run.outside.as_deref().unwrap_or(&[]);
            let outside: Vec<String> = names.iter().zip(outside).map(|(n, v)| format!("{n} = {}", three(*v))).collect();
            let why = run.problem.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
            format!(
                "stopped at iteration {k}: the step to {} left the domain of {objective}{why} — {objective} may have \
                 no {extreme} inside its domain, or α = {alpha} is too large; last point: {at}",
                outside.join(", ")
            )
        }
        Ending::InfiniteGradient => format!(
            "stopped at iteration {k}: the gradient of {objective} is not a finite number at {at} — gradient \
             {descent} cannot step from there (start elsewhere with `from …`)"
        ),
        Ending::Growing => {
            let direction = if options.goal == Goal::Maximize { "fell" } else { "grew" };
            // As many digits as show the change.
            let (from, to) = format_distinct(run.start_j, run.j, 3);
            format!(
                "diverged: {objective} {direction} for 50 iterations in a row, from {from} to {to} at iteration {k} — {smaller}"
            )
        }
        Ending::Interrupted => format!("interrupted after {k} iteration{plural}: {at}"),
        Ending::UndefinedStart => format!("{objective} has no value at the starting point"),
    }
}

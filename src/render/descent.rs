//! How a descent reads: takes the runs of a `minimize` (facts) and hands
//! on blocks: the heading (method and settings), the iteration table (k,
//! each parameter, J, ΔJ), the one-line verdict — converged, stopped at the
//! step limit, diverged (naming α and suggesting a smaller one), or
//! interrupted — and, with `restarts`, the table of runs and the best.
//! Values in the table have six significant digits, in the verdict three
//! (more where three would hide a change); α is shown as given.

use super::document::{Block, Grid, Styled};
use crate::catalogue;
use crate::expr::number::{format_distinct, format_given, format_short, format_significant, format_value};
use crate::optimize::methods::{ADAM_BETA2, Method};
use crate::optimize::minimize::{Ending, Goal, Options, Run};

/// At most this many runs are listed in a restarts table (and the best).
const RUNS_SHOWN: usize = 20;

/// `gradient descent on J: α = 0.1, tol = 1e-06, steps = 10000`.
pub fn heading(goal: Goal, objective: &str, options: &Options) -> Block {
    let what = match (options.method, goal) {
        (Method::Gd, Goal::Minimize) if options.batch.is_some() => "stochastic gradient descent".to_string(),
        (Method::Gd, Goal::Minimize) => "gradient descent".to_string(),
        (Method::Gd, Goal::Maximize) => "gradient ascent".to_string(),
        (method, Goal::Minimize) => format!("{} descent", method.name()),
        (method, Goal::Maximize) => format!("{} ascent", method.name()),
    };
    let mut parts = vec![format!("α = {}", format_given(options.alpha))];
    match options.method {
        Method::Momentum | Method::Nesterov => parts.push(format!("β = {}", options.beta)),
        Method::Rmsprop => parts.push(format!("ρ = {}", options.beta)),
        Method::Adam => parts.push(format!("β₁ = {}, β₂ = {}", options.beta, ADAM_BETA2)),
        Method::Gd | Method::Adagrad => {}
    }
    parts.push(format!("tol = {}", format_value(options.tol)));
    parts.push(format!("steps = {}", options.steps));
    if let Some(batch) = options.batch {
        parts.push(format!("batches of {batch} rows (seed {})", options.seed));
    }
    line(format!("{what} on {objective}: {}", parts.join(", ")))
}

/// A line of plain text.
fn line(text: String) -> Block {
    Block::Line(vec![Styled::plain(text)])
}

/// The table of one run, ending with its verdict.
pub fn run_table(run: &Run, names: &[String], objective: &str, options: &Options) -> Vec<Block> {
    let mut out = vec![line(format!("start: {}", point(names, &run.start, objective, run.start_j, cell)))];
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
        out.push(Block::Table(Grid { header, rows: body, indent: 0 }));
        if let Some(stride) = run.trace_stride {
            out.push(line(format!("(rows every {stride} iterations: more would be over 5000 rows)")));
        }
    }
    out.push(line(verdict(run, names, objective, options)));
    out
}

/// The table of runs from several starts (the best marked with `*` when
/// there is one), then the best run's verdict.
pub fn restarts(runs: &[Run], names: &[String], objective: &str, best: Option<usize>, options: &Options) -> Vec<Block> {
    let mut header = vec!["run".to_string()];
    header.extend(names.iter().map(|n| format!("{n} start")));
    header.extend(names.iter().map(|n| format!("{n} end")));
    header.extend([objective.to_string(), "iterations".to_string(), "ending".to_string()]);
    let mut body: Vec<Vec<String>> = runs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < RUNS_SHOWN || Some(*i) == best)
        .map(|(i, run)| restart_row(i, run, best))
        .collect();
    let hidden = runs.len().saturating_sub(body.len());
    let marks = if best.is_some() { " (* marks the best)" } else { "" };
    let mut out = vec![line(format!(
        "{} runs: from the start given and {} random starts around it{marks}",
        runs.len(),
        runs.len().saturating_sub(1)
    ))];
    if hidden > 0 {
        let mut more = vec![String::new(); header.len()];
        more[0] = format!("… {hidden} more");
        body.insert(RUNS_SHOWN.min(body.len()), more);
    }
    out.push(Block::Table(Grid { header, rows: body, indent: 0 }));
    let chosen = best.unwrap_or(0);
    if let Some(run) = runs.get(chosen) {
        let verdict = verdict(run, names, objective, options);
        out.push(line(match best {
            Some(best) => format!("best: run {} — {verdict}", best + 1),
            None => format!("no run converged or reached the step limit; run 1 — {verdict}"),
        }));
    }
    out
}

/// One run's row in the restarts table.
fn restart_row(index: usize, run: &Run, best: Option<usize>) -> Vec<String> {
    let mut cells = vec![if Some(index) == best { format!("*{}", index + 1) } else { (index + 1).to_string() }];
    cells.extend(run.start.iter().map(|v| cell(*v)));
    if run.ending == Ending::UndefinedStart {
        // No step was taken: nothing to show but where it started.
        cells.extend(vec!["—".to_string(); run.theta.len() + 1]);
    } else {
        cells.extend(run.theta.iter().map(|v| cell(*v)));
        cells.push(cell(run.j));
    }
    cells.push(run.iterations.to_string());
    cells.push(ending_word(&run.ending).to_string());
    cells
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
fn verdict(run: &Run, names: &[String], objective: &str, options: &Options) -> String {
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
            cell(run.last_dj.abs()),
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
            let why =
                run.problem.as_ref().map(|p| format!(" ({})", catalogue::word(&p.describe().0))).unwrap_or_default();
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

/// A run's ending in the restarts table.
fn ending_word(ending: &Ending) -> &'static str {
    match ending {
        Ending::Converged => "converged",
        Ending::StepLimit => "step limit",
        Ending::NotFinite | Ending::Growing => "diverged",
        Ending::Unbounded => "unbounded",
        Ending::LeftDomain => "left the domain",
        Ending::InfiniteGradient => "infinite gradient",
        Ending::Interrupted => "interrupted",
        Ending::UndefinedStart => "undefined at start",
    }
}

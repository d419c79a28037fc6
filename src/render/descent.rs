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
use crate::message::Message;
use crate::msg;
use crate::optimize::methods::{ADAM_BETA2, Method};
use crate::optimize::minimize::{Ending, Goal, Options, Run};

/// At most this many runs are listed in a restarts table (and the best).
const RUNS_SHOWN: usize = 20;

/// `gradient descent on J: α = 0.1, tol = 1e-06, steps = 10000`.
pub fn heading(goal: Goal, objective: &str, options: &Options) -> Block {
    let what = match (options.method, goal) {
        (Method::Gd, Goal::Minimize) if options.batch.is_some() => msg!("descent.stochastic"),
        (Method::Gd, goal) => msg!("descent.gradient", goal = goal_key(goal)),
        (method, goal) => msg!("descent.method", method = method.name(), goal = goal_key(goal)),
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
        parts.push(catalogue::word(&msg!("descent.batches", batch = batch, seed = options.seed.to_string())));
    }
    words(msg!("descent.heading", what = what, objective = objective, settings = parts))
}

/// `minimize` or `maximize`, which the catalogue's words choose by.
fn goal_key(goal: Goal) -> &'static str {
    match goal {
        Goal::Minimize => "minimize",
        Goal::Maximize => "maximize",
    }
}

/// A line of a message's words.
fn words(message: Message) -> Block {
    line(catalogue::word(&message))
}

/// A line of plain text.
fn line(text: String) -> Block {
    Block::Line(vec![Styled::plain(text)])
}

/// The table of one run, ending with its verdict.
pub fn run_table(run: &Run, names: &[String], objective: &str, options: &Options) -> Vec<Block> {
    let mut out = vec![words(msg!("descent.start", point = point(names, &run.start, objective, run.start_j, cell)))];
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
            out.push(words(msg!("descent.stride", stride = stride)));
        }
    }
    out.push(words(verdict(run, names, objective, options)));
    out
}

/// The table of runs from several starts (the best marked with `*` when
/// there is one), then the best run's verdict.
pub fn restarts(runs: &[Run], names: &[String], objective: &str, best: Option<usize>, options: &Options) -> Vec<Block> {
    let mut header = vec![catalogue::word(&msg!("restarts.run"))];
    header.extend(names.iter().map(|n| catalogue::word(&msg!("restarts.start", name = n))));
    header.extend(names.iter().map(|n| catalogue::word(&msg!("restarts.end", name = n))));
    header.extend([
        objective.to_string(),
        catalogue::word(&msg!("restarts.iterations")),
        catalogue::word(&msg!("restarts.ending")),
    ]);
    let mut body: Vec<Vec<String>> = runs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < RUNS_SHOWN || Some(*i) == best)
        .map(|(i, run)| restart_row(i, run, best))
        .collect();
    let hidden = runs.len().saturating_sub(body.len());
    let marks = if best.is_some() { msg!("restarts.marks") } else { msg!("nothing") };
    let random = runs.len().saturating_sub(1);
    let mut out = vec![words(msg!("restarts", runs = runs.len(), random = random, marks = marks))];
    if hidden > 0 {
        let mut more = vec![String::new(); header.len()];
        more[0] = catalogue::word(&msg!("restarts.more", hidden = hidden));
        body.insert(RUNS_SHOWN.min(body.len()), more);
    }
    out.push(Block::Table(Grid { header, rows: body, indent: 0 }));
    let chosen = best.unwrap_or(0);
    if let Some(run) = runs.get(chosen) {
        let verdict = verdict(run, names, objective, options);
        out.push(words(match best {
            Some(best) => msg!("restarts.best", run = best + 1, verdict = verdict),
            None => msg!("restarts.no-best", verdict = verdict),
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
    cells.push(catalogue::word(&ending_word(&run.ending)));
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
        v if v.is_nan() => Some(catalogue::word(&msg!("descent.undefined"))),
        v if v > 0.0 => Some(catalogue::word(&msg!("descent.overflow"))),
        _ => Some(format!("-{}", catalogue::word(&msg!("descent.overflow")))),
    }
}

/// The one-line verdict of a run.
fn verdict(run: &Run, names: &[String], objective: &str, options: &Options) -> Message {
    let point = point(names, &run.theta, objective, run.j, three);
    let at = match options.batch {
        Some(_) => msg!("descent.at-batch", point = point, objective = objective),
        None => msg!("descent.at", point = point),
    };
    let k = run.iterations;
    // α as given (1.0000001, not 1), and half of it.
    let alpha = format_given(options.alpha);
    let smaller = msg!("descent.smaller", alpha = alpha, half = format_given(options.alpha / 2.0));
    let goal = goal_key(options.goal);
    match run.ending {
        Ending::Converged => msg!("descent.converged", k = k, at = at),
        Ending::StepLimit if run.last_dj.abs() < options.tol => {
            msg!("descent.stands-still", k = k, objective = objective, goal = goal, smaller = smaller, at = at)
        }
        Ending::StepLimit => {
            let relation = if run.last_dj.abs() > options.tol { ">" } else { "≥" };
            let (change, tol) = (cell(run.last_dj.abs()), format_short(options.tol));
            msg!(
                "descent.step-limit",
                k = k,
                objective = objective,
                change = change,
                relation = relation,
                tol = tol,
                at = at
            )
        }
        Ending::NotFinite => msg!("descent.not-finite", k = k, smaller = smaller),
        Ending::Unbounded => msg!("descent.unbounded", k = k, objective = objective, goal = goal, at = at),
        Ending::LeftDomain => {
            let outside = run.outside.as_deref().unwrap_or(&[]);
            let outside: Vec<String> = names.iter().zip(outside).map(|(n, v)| format!("{n} = {}", three(*v))).collect();
            let why = match &run.problem {
                Some(problem) => msg!("because", problem = problem.describe().0),
                None => msg!("nothing"),
            };
            let alpha = alpha.as_str();
            msg!(
                "descent.left-domain",
                k = k,
                outside = outside,
                objective = objective,
                why = why,
                goal = goal,
                alpha = alpha,
                at = at
            )
        }
        Ending::InfiniteGradient => {
            msg!("descent.infinite-gradient", k = k, objective = objective, at = at, goal = goal)
        }
        Ending::Growing => {
            // As many digits as show the change.
            let (from, to) = format_distinct(run.start_j, run.j, 3);
            msg!("descent.growing", objective = objective, goal = goal, from = from, to = to, k = k, smaller = smaller)
        }
        Ending::Interrupted => msg!("descent.interrupted", k = k, at = at),
        Ending::UndefinedStart => msg!("descent.undefined-start", objective = objective),
    }
}

/// A run's ending in the restarts table.
fn ending_word(ending: &Ending) -> Message {
    match ending {
        Ending::Converged => msg!("ending.converged"),
        Ending::StepLimit => msg!("ending.step-limit"),
        Ending::NotFinite | Ending::Growing => msg!("ending.diverged"),
        Ending::Unbounded => msg!("ending.unbounded"),
        Ending::LeftDomain => msg!("ending.left-domain"),
        Ending::InfiniteGradient => msg!("ending.infinite-gradient"),
        Ending::Interrupted => msg!("ending.interrupted"),
        Ending::UndefinedStart => msg!("ending.undefined-start"),
    }
}

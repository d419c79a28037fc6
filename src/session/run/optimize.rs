//! Running `minimize` / `maximize`: reads the settings (checking their
//! values), builds the start point, compiles the function and its symbolic
//! gradient into a tape once, runs the descent (from several starts with
//! `restarts`), prints the table and verdict, draws the plot, and binds the
//! result when asked (`r = minimize …`).

use std::path::PathBuf;
use std::time::Instant;

use crate::catalogue;
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::env::{BoundValue, EnvEntry, FunctionValue, Record};
use crate::eval::tape::{CompileError, Tape};
use crate::expr::arena::{Id, Node};
use crate::expr::number::format_short;
use crate::lower::{Callable, Globals, Lowerer};
use crate::message::Message;
use crate::msg;
use crate::names::SettingName;
use crate::optimize::methods::Method;
use crate::optimize::minimize::{Descent, Ending, Goal, Options, Rows, Run};
use crate::random::Random;
use crate::render::{Block, Document, Styled, descent, plot};
use crate::session::{INTERRUPTED, Session};
use crate::source::Span;
use crate::syntax::ast::{self, ExprId, ExprKind, Ident, Optimize, Setting};
use crate::syntax::parser::Program;

use super::Executed;

/// Where `plot` draws.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum PlotTarget {
    Terminal,
    File(PathBuf),
}

/// The settings of a `minimize`, read and checked.
struct DescentSettings {
    options: Options,
    restarts: usize,
    seed: Option<u64>,
    plot: Option<PlotTarget>,
    /// Where `batch` or `method = sgd` was written, if it was.
    stochastic: Option<Span>,
}

impl Session {
    pub(crate) fn optimize(
        &mut self,
        program: &Program,
        optimize: &Optimize,
        bind: Option<&Ident>,
        statement: Span,
    ) -> Executed {
        let ast = &program.ast;
        let mut lowerer = Lowerer::new(&mut self.arena, &self.env, Globals::Symbolic);
        let function = match lowerer.callable(ast, optimize.function) {
            Some(Ok(Callable::Function(function))) => function,
            Some(Err(error)) => return Err(error),
            _ => {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::NotAFunction,
                    msg!("not-a-function"),
                    ast.span(optimize.function),
                    msg!("grad-of-non-function.label"),
                ));
            }
        };
        let objective = match ast.kind(optimize.function) {
            ExprKind::Name(name) => name.clone(),
            _ => function.label.head(),
        };
        let goal = if optimize.goal == ast::GoalKeyword::Maximize { Goal::Maximize } else { Goal::Minimize };
        let settings = self.settings(program, &optimize.settings, goal, statement)?;
        let start = self.start(program, optimize, &function, statement)?;
        let free: Vec<bool> = function
            .params
            .iter()
            .map(|p| optimize.over.is_empty() || optimize.over.iter().any(|o| &o.name == p))
            .collect();
        let tape = self.compile(&function, ast.span(optimize.function))?;
        if let (Some(span), None) = (settings.stochastic, tape.data_rows()) {
            return Err(Diagnostic::runtime(
                DiagnosticCode::StochasticNeedsRows,
                msg!("stochastic-needs-rows"),
                span,
                msg!("stochastic-needs-rows.label"),
            )
            .with_help(msg!("stochastic-needs-rows.help")));
        }
        let mut settings = settings;
        let mut out = Document::default();
        if let (Some(span), Some(Err((shortest, longest)))) = (settings.stochastic, tape.data_rows()) {
            return Err(Diagnostic::runtime(
                DiagnosticCode::StochasticNeedsRows,
                msg!("batch-lengths", objective = objective, shortest = shortest, longest = longest),
                span,
                msg!("batch-lengths.label"),
            )
            .with_label(
                ast.span(optimize.function),
                msg!("batch-lengths.label2", shortest = shortest, longest = longest),
            )
            .with_help(msg!("batch-lengths.help")));
        }
        if let (Some(span), Some(Ok(rows))) = (settings.stochastic, tape.data_rows()) {
            if !self.linear_in_reductions(function.body) {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::StochasticNeedsRows,
                    msg!("batch-biased", objective = objective),
                    span,
                    msg!("batch-biased.label"),
                )
                .with_help(msg!("batch-biased.help")));
            }
            if let Some(batch) = settings.options.batch.filter(|&b| b > rows) {
                out.line(catalogue::word(&msg!("batch-larger", batch = batch, rows = rows)));
                settings.options.batch = Some(rows);
            }
        }
        within_budget(&settings, &tape, statement)?;
        if let Some(PlotTarget::File(file)) = &settings.plot {
            let span = plot_span(program, &optimize.settings).unwrap_or(statement);
            self.check_plot_folder(file, span)?;
        }
        let descent = Descent { tape: &tape, free: free.clone() };
        let names = function.params.to_vec();
        out.push(descent::heading(goal, &objective, &settings.options));
        let run = if settings.restarts == 0 {
            let run = self.descend(&descent, &function, &start, &settings.options);
            self.stopped_run = (run.ending == Ending::Interrupted).then_some(0);
            out.blocks.extend(descent::run_table(&run, &names, &objective, &settings.options));
            run
        } else {
            let seed = settings.seed.unwrap_or(self.settings.seed);
            let starts = restart_points(&start, &free, settings.restarts, seed);
            // After Ctrl-C no further run starts.
            let runs: Vec<Run> = starts
                .iter()
                .enumerate()
                .take_while(|(i, _)| *i == 0 || !INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed))
                .map(|(_, s)| self.descend(&descent, &function, s, &settings.options))
                .collect();
            self.stopped_run = runs.iter().position(|run| run.ending == Ending::Interrupted);
            let best = best_run(&runs, goal);
            out.blocks.extend(descent::restarts(&runs, &names, &objective, best, &settings.options));
            let chosen = best.unwrap_or(0);
            runs.into_iter().nth(chosen).unwrap_or_else(|| self.descend(&descent, &function, &start, &settings.options))
        };
        if run.ending == Ending::UndefinedStart {
            let span = optimize.from.first().map_or(ast.span(optimize.function), |b| b.name.span);
            let why = match self.why_undefined(&function, &run.start) {
                Some(problem) => msg!("because", problem = problem.describe().0),
                None => msg!("nothing"),
            };
            let at: Vec<String> =
                names.iter().zip(&run.start).map(|(n, v)| format!("{n} = {}", format_short(*v))).collect();
            return Err(Diagnostic::runtime(
                DiagnosticCode::NoValueAtStart,
                msg!("no-value-at-start", objective = objective, why = why),
                span,
                msg!("no-value-at-start.label", at = at),
            )
            .with_help(msg!("no-value-at-start.help")));
        }
        if let Some(target) = &settings.plot {
            let span = plot_span(program, &optimize.settings).unwrap_or(statement);
            out.push(self.plot(&run, &names, &objective, target, &tape, span)?);
        }
        if let Some(name) = bind {
            let mut fields: Vec<(String, f64)> = names.iter().cloned().zip(run.theta.iter().copied()).collect();
            // As the resolver names it: F's own name, or `value` for a derivative (`r.value`).
            let field = match ast.kind(optimize.function) {
                ExprKind::Name(name) => name.clone(),
                _ => "value".to_string(),
            };
            fields.push((field, run.j));
            fields.push(("iterations".to_string(), run.iterations as f64));
            fields.push(("converged".to_string(), f64::from(u8::from(run.ending == Ending::Converged))));
            self.env.rename_snapshots_before_redefining(&name.name);
            self.env.set(name.name.clone(), EnvEntry::Value(BoundValue::Record(std::rc::Rc::new(Record { fields }))));
        }
        Ok(out)
    }

    /// Refuses a plot file whose folder does not exist, before the run
    /// rather than after it (when the table would be lost with the error).
    fn check_plot_folder(&self, file: &std::path::Path, span: Span) -> Result<(), Diagnostic> {
        let dir = self.sources.dir(span.source).to_path_buf();
        let path = dir.join(file);
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        if folder.is_dir() {
            return Ok(());
        }
        Err(Diagnostic::runtime(
            DiagnosticCode::PlotNotWritten,
            msg!("plot-not-written", path = path.display().to_string()),
            span,
            msg!("plot-not-written.label"),
        )
        .with_help(msg!("plot-not-written.help", folder = folder.display().to_string())))
    }

    /// Draws the run: to a file, or in the terminal.
    fn plot(
        &self,
        run: &Run,
        names: &[String],
        objective: &str,
        target: &PlotTarget,
        tape: &Tape,
        span: Span,
    ) -> Result<Block, Diagnostic> {
        let mut curve: Vec<(f64, f64)> = vec![(0.0, run.start_j)];
        curve.extend(run.path.iter().filter(|(k, ..)| *k > 0).map(|(k, _, j)| (*k as f64, *j)));
        curve.retain(|(_, j)| j.is_finite());
        match target {
            PlotTarget::Terminal if self.settings.terminal => {
                Ok(Block::Code { language: "text", text: plot::terminal(objective, &curve) })
            }
            PlotTarget::Terminal => {
                let not_drawn = Block::Line(vec![Styled::plain(catalogue::word(&msg!("plot.not-drawn")))]);
                match self.settings.pictures.then(|| plot::svg(objective, &curve, None)) {
                    Some(Ok(svg)) => Ok(Block::Picture { svg, mermaid: None, fallback: vec![not_drawn] }),
                    _ => Ok(not_drawn),
                }
            }
            PlotTarget::File(file) => {
                let dir = self.sources.dir(span.source).to_path_buf();
                let path = dir.join(file);
                let (surface, sampled) = match names.len() {
                    2 => {
                        let (surface, sampled) = surface(run, names, tape);
                        (Some(surface), sampled)
                    }
                    _ => (None, None),
                };
                let problem = match plot::svg(objective, &curve, surface.as_ref()) {
                    Ok(svg) => crate::files::write_svg(&path, &svg).err().map(|error| error.message()),
                    Err(error) => Some(msg!("plot-not-written.drawing", error = error)),
                };
                if let Some(problem) = problem {
                    let message = msg!("plot-not-written", path = path.display().to_string());
                    return Err(Diagnostic::runtime(DiagnosticCode::PlotNotWritten, message, span, problem));
                }
                let file = file.display().to_string();
                let written = match sampled {
                    _ if surface.is_none() => msg!("plot.written", file = file, objective = objective),
                    None => msg!("plot.written-contours", file = file, objective = objective),
                    Some((used, total)) => {
                        msg!("plot.written-sampled", file = file, objective = objective, used = used, total = total)
                    }
                };
                Ok(Block::Line(vec![Styled::plain(catalogue::word(&written))]))
            }
        }
    }

    /// Whether every mean or sum over rows in `body` enters it linearly
    /// (`mean(…)`, `2*sum(…) + w^2`), so a mini-batch estimate of each is an
    /// unbiased estimate of J and its gradient.
    fn linear_in_reductions(&self, body: Id) -> bool {
        let reduces =
            |id: Id| self.arena.reachable(&[id]).iter().any(|&n| matches!(self.arena.node(n), Node::Reduce(..)));
        let mut stack = vec![body];
        while let Some(id) = stack.pop() {
            match self.arena.node(id) {
                Node::Reduce(..) => {}
                Node::Add(terms) => stack.extend(terms.iter().copied()),
                Node::Mul(factors) => {
                    let with: Vec<Id> = factors.iter().copied().filter(|&f| reduces(f)).collect();
                    match with[..] {
                        [] => {}
                        [one] => stack.push(one),
                        _ => return false,
                    }
                }
                _ if reduces(id) => return false,
                _ => {}
            }
        }
        true
    }

    /// One descent, with a progress bar on a terminal when it runs long.
    fn descend(&self, descent: &Descent, function: &FunctionValue, start: &[f64], options: &Options) -> Run {
        let began = Instant::now();
        let mut bar: Option<indicatif::ProgressBar> = None;
        let show = self.settings.progress;
        let mut progress = |k: usize, steps: usize| {
            if !show || began.elapsed().as_secs_f64() < 1.0 {
                return;
            }
            let bar = bar.get_or_insert_with(|| {
                let bar = indicatif::ProgressBar::new(steps as u64);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} iterations  {elapsed} (Ctrl-C stops)",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            });
            bar.set_position(k as u64);
        };
        let mut run = descent.run(start, options, &INTERRUPTED, &mut progress);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        if let Some(outside) = &run.outside {
            run.problem = self.why_undefined(function, outside);
        }
        run
    }

    /// Why `function` has no value at `point` (`log of a negative number`).
    fn why_undefined(&self, function: &FunctionValue, point: &[f64]) -> Option<crate::math::Problem> {
        let leaf = |node: &Node| match node {
            Node::Var(_) => function.variables.iter().position(|&v| self.arena.node(v) == node).map(|i| point[i]),
            _ => self.global_value(node),
        };
        let error = crate::eval::direct::evaluate(&self.arena, function.body, &leaf).err()?;
        Some(error.problem)
    }

    /// The tape of the function's value and its partial derivatives, in
    /// their accurate forms (`eval::stable`).
    fn compile(&mut self, function: &FunctionValue, span: Span) -> Result<Tape, Diagnostic> {
        let mut outputs = vec![function.body];
        for &variable in &function.variables {
            outputs.push(self.arena.derivative(function.body, variable));
        }
        let outputs = crate::eval::stable::rewrite_all(&mut self.arena, &outputs);
        let env = &self.env;
        Tape::compile(&self.arena, &function.variables, &outputs, &|name| env.number(name)).map_err(|error| match error
        {
            CompileError::NoValue(name) => Diagnostic::runtime(
                DiagnosticCode::NoValue,
                msg!("no-value", name = name),
                span,
                msg!("no-value.label"),
            ),
            CompileError::Vector => Diagnostic::runtime(
                DiagnosticCode::NotANumber,
                msg!("objective-is-vector"),
                span,
                msg!("objective-is-vector.label"),
            )
            .with_help(msg!("objective-is-vector.help")),
            CompileError::Lengths(m, n) => Diagnostic::runtime(
                DiagnosticCode::VectorLengths,
                msg!("vector-lengths", m = m, n = n),
                span,
                msg!("vector-lengths.label"),
            )
            .with_help(msg!("vector-lengths.help")),
        })
    }

    /// The starting point: `from` values, 0 for parameters not given.
    fn start(
        &mut self,
        program: &Program,
        optimize: &Optimize,
        function: &FunctionValue,
        statement: Span,
    ) -> Result<Vec<f64>, Diagnostic> {
        let mut start = vec![0.0; function.params.len()];
        for binding in &optimize.from {
            if let Some(index) = function.params.iter().position(|p| *p == binding.name.name) {
                start[index] = self.number_of(program, binding.value, statement)?;
            }
        }
        Ok(start)
    }

    fn number_of(&mut self, program: &Program, expr: ExprId, statement: Span) -> Result<f64, Diagnostic> {
        let (id, origins) = self.lower_value(program, expr, Globals::Inline)?;
        Ok(self.value_of(id, &origins, statement)?.to_f64())
    }

    fn settings(
        &mut self,
        program: &Program,
        settings: &[Setting],
        goal: Goal,
        statement: Span,
    ) -> Result<DescentSettings, Diagnostic> {
        let mut options = Options {
            goal,
            method: Method::Gd,
            alpha: 0.1,
            beta: 0.0,
            tol: 1e-6,
            steps: 10_000,
            rows: Rows::Auto,
            path_points: 0,
            batch: None,
            seed: self.settings.seed,
        };
        let mut parsed =
            DescentSettings { options: options.clone(), restarts: 0, seed: None, plot: None, stochastic: None };
        let mut method = None;
        let mut beta = None;
        let mut stochastic: Option<Span> = None;
        let tol_given = settings.iter().any(|s| SettingName::lookup(&s.name.name) == Some(SettingName::Tolerance));
        for setting in settings {
            let Some(name) = SettingName::lookup(&setting.name.name) else { continue };
            let span = setting.value.map_or(setting.name.span, |v| program.ast.span(v));
            let number = |session: &mut Session| match setting.value {
                Some(value) => session.number_of(program, value, statement),
                None => Err(Diagnostic::runtime(
                    DiagnosticCode::SettingNeedsValue,
                    msg!("setting-needs-value"),
                    span,
                    msg!("setting-value-missing.label"),
                )),
            };
            match name {
                SettingName::LearningRate => {
                    options.alpha = number(self)?;
                    check(options.alpha > 0.0, msg!("setting-range.alpha"), span, msg!("setting-range.alpha-label"))?;
                }
                SettingName::Tolerance => {
                    options.tol = number(self)?;
                    check(options.tol >= 0.0, msg!("setting-range.tol"), span, msg!("setting-range.tol-label"))?;
                }
                SettingName::Steps => options.steps = count(number(self)?, 1..=MAX_COUNT, span, "steps")?,
                SettingName::Momentum => {
                    let b = number(self)?;
                    check((0.0..1.0).contains(&b), msg!("setting-range.beta"), span, msg!("setting-range.beta-label"))?;
                    beta = Some(b);
                }
                SettingName::Method => {
                    let text = match setting.value.map(|v| program.ast.kind(v)) {
                        Some(ExprKind::Name(name)) => name.clone(),
                        _ => String::new(),
                    };
                    method = Method::parse(&text);
                    if text == "sgd" {
                        stochastic = Some(span);
                    }
                }
                SettingName::Trace => {
                    options.rows = match setting.value {
                        None => Rows::Every(1),
                        Some(_) => Rows::Every(count(number(self)?, 1..=MAX_COUNT, span, "trace")?),
                    }
                }
                SettingName::Plot => {
                    parsed.plot = Some(match setting.value.map(|v| program.ast.kind(v)) {
                        Some(ExprKind::Str(file)) => PlotTarget::File(PathBuf::from(file)),
                        _ => PlotTarget::Terminal,
                    });
                    options.path_points = 1;
                }
                SettingName::Restarts => parsed.restarts = count(number(self)?, 0..=MAX_RESTARTS, span, "restarts")?,
                SettingName::Seed => parsed.seed = Some(count(number(self)?, 0..=MAX_COUNT, span, "seed")? as u64),
                SettingName::Batch => {
                    options.batch = Some(count(number(self)?, 1..=MAX_COUNT, span, "batch")?);
                    stochastic = Some(span);
                }
            }
        }
        options.method = method.unwrap_or(if beta.is_some_and(|b| b > 0.0) { Method::Momentum } else { Method::Gd });
        if stochastic.is_some() {
            options.batch = options.batch.or(Some(DEFAULT_BATCH));
            if !tol_given {
                options.tol = 0.0; // a batch's value is noisy: run to the step limit unless told otherwise
            }
        }
        options.seed = parsed.seed.unwrap_or(self.settings.seed);
        parsed.stochastic = stochastic;
        options.beta = beta.unwrap_or(options.method.default_beta());
        parsed.options = options;
        Ok(parsed)
    }
}

fn check(ok: bool, message: Message, span: Span, label: Message) -> Result<(), Diagnostic> {
    if ok { Ok(()) } else { Err(Diagnostic::runtime(DiagnosticCode::SettingValue, message, span, label)) }
}

/// The largest `steps`, `trace`, `batch` or `seed`.
const MAX_COUNT: usize = 1_000_000_000_000_000;

/// The most `restarts`: each run is a row of the table, kept in memory.
const MAX_RESTARTS: usize = 10_000;

/// The most work one `minimize` may ask for, in the rough nanoseconds of
/// [`Tape::cost_per_run`]: about a second, with a progress bar on a
/// terminal. The default 10,000 steps fit a model of a few terms over
/// 30,000 rows; more data asks for fewer steps or `batch`.
const MAX_WORK: f64 = 1e9;

/// A whole number in `range`.
fn count(value: f64, range: std::ops::RangeInclusive<usize>, span: Span, what: &str) -> Result<usize, Diagnostic> {
    if value.fract() != 0.0 || value < *range.start() as f64 || value > *range.end() as f64 {
        let most = match *range.end() {
            MAX_COUNT => "10^15".to_string(),
            most => most.to_string(),
        };
        let requirement = msg!("setting-value.whole-number", least = range.start().to_string(), most = most);
        return Err(Diagnostic::runtime(
            DiagnosticCode::SettingValue,
            msg!("setting-value", what = what, requirement = requirement),
            span,
            msg!("setting-value.label"),
        ));
    }
    Ok(value as usize)
}

/// Refuses a run whose runs × steps × cost of a step is beyond
/// [`MAX_WORK`], whatever the combination, before it starts.
fn within_budget(settings: &DescentSettings, tape: &Tape, statement: Span) -> Result<(), Diagnostic> {
    let options = &settings.options;
    let per_step = tape.cost_per_run(options.batch);
    let runs = settings.restarts + 1;
    let work = runs as f64 * options.steps as f64 * per_step;
    if work <= MAX_WORK {
        return Ok(());
    }
    let most = (MAX_WORK / (runs as f64 * per_step)).floor().max(0.0);
    let rows = match (tape.rows_per_run(), options.batch) {
        (0, _) => msg!("nothing"),
        (_, Some(batch)) => msg!("too-much-work.batches", batch = batch),
        (rows, None) => msg!("too-much-work.rows", rows = rows),
    };
    let runs = if runs > 1 { msg!("too-much-work.runs", runs = runs) } else { msg!("nothing") };
    let most = format!("{most}");
    Err(Diagnostic::runtime(
        DiagnosticCode::TooMuchWork,
        msg!("too-much-work", runs = runs, steps = options.steps, rows = rows, most = most),
        statement,
        msg!("too-much-work.label"),
    )
    .with_help(msg!("too-much-work.help")))
}

/// Rows of data the contour grid reads at most: beyond this, J on the grid
/// is estimated from [`CONTOUR_RUNS`] runs of consecutive rows spread evenly
/// over the data, so a plot of a million rows takes no longer than one of
/// 16,384 (the rows read stay in cache from one grid point to the next).
const CONTOUR_ROWS: usize = 16_384;
const CONTOUR_RUNS: usize = 64;

/// J on an 80 × 80 grid around the path, for the contour plot, and how
/// many rows of how many it read (when it read only some).
fn surface(run: &Run, names: &[String], tape: &Tape) -> (plot::Surface, Option<(usize, usize)>) {
    let mut points: Vec<(f64, f64)> = vec![(run.start[0], run.start[1])];
    points.extend(run.path.iter().map(|(_, theta, _)| (theta[0], theta[1])));
    points.retain(|(x, y)| x.is_finite() && y.is_finite());
    let x = plot::axis_range(points.iter().map(|p| p.0), 0.25, 0.5);
    let y = plot::axis_range(points.iter().map(|p| p.1), 0.25, 0.5);
    let points = points.into_iter().map(|(a, b)| (plot::clamp(a), plot::clamp(b))).collect();
    let (columns, rows) = (80, 80);
    let mut machine = tape.machine();
    let sampled = match tape.data_rows() {
        Some(Ok(total)) if total > CONTOUR_ROWS => {
            *machine.batch() = Some(contour_sample(total));
            Some((CONTOUR_ROWS, total))
        }
        _ => None,
    };
    let mut values = Vec::with_capacity(columns * rows);
    for row in 0..rows {
        for column in 0..columns {
            let params = machine.params();
            params[0] = x.0 + (x.1 - x.0) * column as f64 / (columns - 1) as f64;
            params[1] = y.0 + (y.1 - y.0) * row as f64 / (rows - 1) as f64;
            machine.run();
            values.push(machine.output(0));
        }
    }
    let highest = values.iter().copied().filter(|v| v.is_finite()).fold(f64::NEG_INFINITY, f64::max);
    for value in &mut values {
        if !value.is_finite() {
            *value = highest;
        }
    }
    let names = (names[0].clone(), names[1].clone());
    (plot::Surface { names, x, y, values, columns, rows, path: points }, sampled)
}

/// [`CONTOUR_ROWS`] of `total` rows, in [`CONTOUR_RUNS`] runs of
/// consecutive rows spread evenly from the first row to the last.
fn contour_sample(total: usize) -> Vec<u32> {
    let run = CONTOUR_ROWS / CONTOUR_RUNS;
    let start = |r: usize| r * (total - run) / (CONTOUR_RUNS - 1);
    (0..CONTOUR_ROWS).map(|i| (start(i / run) + i % run) as u32).collect()
}

fn plot_span(program: &Program, settings: &[Setting]) -> Option<Span> {
    let setting = settings.iter().find(|s| SettingName::lookup(&s.name.name) == Some(SettingName::Plot))?;
    Some(setting.value.map_or(setting.name.span, |v| program.ast.span(v)))
}

/// Rows per step for `method = sgd` without `batch`.
const DEFAULT_BATCH: usize = 32;

/// The given start, then `restarts` random ones around it (free parameters only).
fn restart_points(start: &[f64], free: &[bool], restarts: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut random = Random::new(seed);
    let mut points = vec![start.to_vec()];
    for _ in 0..restarts {
        let point = start
            .iter()
            .zip(free)
            .map(|(&s, &f)| {
                let spread = 2.0 * s.abs().max(1.0);
                if f { s + random.uniform(-spread, spread) } else { s }
            })
            .collect();
        points.push(point);
    }
    points
}

/// The run with the lowest J (highest when maximizing) among those that
/// ended well (converged or at the step limit), if any did.
fn best_run(runs: &[Run], goal: Goal) -> Option<usize> {
    let usable = |run: &Run| matches!(run.ending, Ending::Converged | Ending::StepLimit) && run.j.is_finite();
    let score = |run: &Run| if goal == Goal::Maximize { -run.j } else { run.j };
    (0..runs.len()).filter(|&i| usable(&runs[i])).min_by(|&a, &b| score(&runs[a]).total_cmp(&score(&runs[b])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contour_samples_are_bounded_distinct_and_span_the_data() {
        for total in [CONTOUR_ROWS + 1, 100_000, 1_000_000, 4_000_000_000] {
            let rows = contour_sample(total);
            assert_eq!(rows.len(), CONTOUR_ROWS);
            assert!(rows.windows(2).all(|w| w[0] < w[1]), "ascending, so distinct");
            assert_eq!(rows[0], 0);
            assert_eq!(rows[CONTOUR_ROWS - 1] as usize, total - 1);
        }
    }
}

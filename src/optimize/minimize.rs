//! The descent loop: θ moves against the gradient, all parameters at once,
//! until J stops changing (|J_k − J_{k−1}| < tol), J or θ stops being
//! finite or J keeps growing (diverged), the step limit is reached, or the
//! user interrupts. One run of the compiled tape per iteration gives J at
//! the new point and the gradient for the next step; nothing is allocated
//! per step. Rows of the iteration table are kept as the run goes: every
//! one while there are few, then evenly thinned (or every Nth, with
//! `trace = N`), always with the last; points of the path are kept the same
//! way for plots. Hands on a [`Run`].

use std::sync::atomic::{AtomicBool, Ordering};

use super::methods::{Method, Rule, Stepper};
use crate::eval::tape::Tape;
use crate::random::Random;

/// Whether J goes down or up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    Minimize,
    Maximize,
}

/// How many rows of the table to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// All of them up to 20 iterations, else about 20 evenly spaced and the last.
    Auto,
    /// Every Nth iteration, and the last.
    Every(usize),
}

/// The settings of one run.
#[derive(Clone, Debug)]
pub struct Options {
    pub goal: Goal,
    pub method: Method,
    pub alpha: f64,
    pub beta: f64,
    pub tol: f64,
    pub steps: usize,
    pub rows: Rows,
    /// How many points of the path to keep (for plots); 0 keeps none.
    pub path_points: usize,
    /// Rows per step for stochastic descent over data (`None`: all rows).
    pub batch: Option<usize>,
    /// Seed for choosing the batches.
    pub seed: u64,
}

/// One row of the iteration table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub k: usize,
    pub theta: Vec<f64>,
    pub j: f64,
    pub dj: f64,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Ending {
    Converged,
    StepLimit,
    /// θ overflowed while J got worse: the steps overshoot (α too large).
    NotFinite,
    /// θ overflowed while J kept getting better: J has no minimum (or maximum).
    Unbounded,
    /// A step landed where J has no value (`outside`), such as `log` of a negative.
    LeftDomain,
    /// The gradient at the last point is not a finite number (`sqrt(x)` at 0).
    InfiniteGradient,
    /// J grew (or fell, when maximizing) for many iterations in a row.
    Growing,
    Interrupted,
    /// J has no value at the starting point.
    UndefinedStart,
}

/// What a run found.
#[derive(Clone, Debug)]
pub struct Run {
    pub start: Vec<f64>,
    pub start_j: f64,
    pub rows: Vec<Row>,
    pub iterations: usize,
    pub theta: Vec<f64>,
    pub j: f64,
    pub last_dj: f64,
    pub ending: Ending,
    /// Points (k, θ, J) along the way, thinned evenly, for plots.
    pub path: Vec<(usize, Vec<f64>, f64)>,
    /// Where J had no value, when the run left J's domain.
    pub outside: Option<Vec<f64>>,
    /// Why J had no value there (filled in by whoever can evaluate J).
    pub problem: Option<crate::math::Problem>,
    /// Iterations between the table's rows when `trace = N` had to show fewer.
    pub trace_stride: Option<usize>,
}

/// Iterations in a row of J getting worse before the run counts as diverging.
const GROWING_LIMIT: usize = 50;

/// Rows shown when a run is long.
const ROW_TARGET: usize = 20;

/// The most rows `trace = N` keeps; past it, every other kept row is dropped
/// (and the table says how far apart its rows are).
const TRACE_LIMIT: usize = 5000;

/// Points of the path kept for plots (between this and twice this).
const PATH_TARGET: usize = 300;

/// The descent problem: a tape computing J (output 0) and its partials
/// (outputs 1…n) over n parameters, of which `free` may move.
pub struct Descent<'a> {
    pub tape: &'a Tape,
    pub free: Vec<bool>,
}

impl Descent<'_> {
    /// Runs from `start`. `interrupted` is polled now and then; `progress`
    /// hears (iteration, step limit) every few thousand iterations.
    pub fn run(
        &self,
        start: &[f64],
        options: &Options,
        interrupted: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Run {
        let run = self.dispatch(start, options, StepContext { options, interrupted, progress });
        if run.ending == Ending::NotFinite { self.diagnose(run, start, options) } else { run }
    }

    fn dispatch(&self, start: &[f64], options: &Options, context: StepContext) -> Run {
        match Stepper::new(options.method, options.alpha, options.beta, self.tape.params()) {
            Stepper::Gd(rule) => self.iterate(start, rule, context),
            Stepper::Momentum(rule) => self.iterate(start, rule, context),
            Stepper::Adagrad(rule) => self.iterate(start, rule, context),
            Stepper::Rmsprop(rule) => self.iterate(start, rule, context),
            Stepper::Adam(rule) => self.iterate(start, rule, context),
        }
    }

    /// Says why a run stopped having finite numbers, by running it again to
    /// the last finite point (runs are deterministic, so this costs the hot
    /// loop nothing): the gradient there was not finite, or the next step
    /// left J's domain, or θ overflowed while J improved (unbounded) or
    /// worsened (overshooting). The run then reports that last finite point.
    fn diagnose(&self, mut run: Run, start: &[f64], options: &Options) -> Run {
        let k = run.iterations;
        let mut quiet = options.clone();
        quiet.steps = k.saturating_sub(1);
        // Rows are kept as usual: a batch run may step back to one (see `last_defined`).
        quiet.rows = Rows::Auto;
        quiet.path_points = 0;
        let mut ignore = |_: usize, _: usize| {};
        let before = self.dispatch(
            start,
            &quiet,
            StepContext { options: &quiet, interrupted: &AtomicBool::new(false), progress: &mut ignore },
        );
        let mut machine = self.tape.machine();
        machine.params().copy_from_slice(&before.theta);
        machine.run();
        let free_gradient = (0..self.tape.params()).filter(|&i| self.free[i]).map(|i| machine.output(i + 1));
        let sign = if options.goal == Goal::Maximize { -1.0 } else { 1.0 };
        let improving = sign * before.last_dj <= 0.0 && sign * (before.j - before.start_j) < 0.0;
        run.ending = if !free_gradient.into_iter().all(f64::is_finite) {
            Ending::InfiniteGradient
        } else if run.j.is_nan() && run.theta.iter().all(|t| t.is_finite()) {
            run.outside = Some(run.theta.clone());
            Ending::LeftDomain
        } else if improving || sign * run.j == f64::NEG_INFINITY {
            Ending::Unbounded
        } else {
            Ending::NotFinite
        };
        run.rows.retain(|row| row.j.is_finite() && row.theta.iter().all(|t| t.is_finite()));
        run.path.retain(|(_, theta, j)| j.is_finite() && theta.iter().all(|t| t.is_finite()));
        run.theta = before.theta;
        run.j = before.j;
        run.last_dj = before.last_dj;
        run
    }

    /// The loop, compiled once per update rule so the rule inlines into it.
    fn iterate(&self, start: &[f64], mut rule: impl Rule, context: StepContext) -> Run {
        let StepContext { options, interrupted, progress } = context;
        let n = self.tape.params();
        let sign: f64 = if options.goal == Goal::Maximize { -1.0 } else { 1.0 };
        let mut machine = self.tape.machine();
        let mut batches = options
            .batch
            .zip(self.tape.data_rows().and_then(Result::ok))
            .map(|(size, rows)| Batches::new(size, rows, options.seed));
        machine.params().copy_from_slice(start);
        machine.run();
        let start_j = machine.output(0);
        if let Some(batches) = &mut batches {
            batches.next(machine.batch());
            machine.run();
        }
        let mut run = Run {
            start: start.to_vec(),
            start_j,
            rows: Vec::new(),
            iterations: 0,
            theta: start.to_vec(),
            j: start_j,
            last_dj: 0.0,
            ending: Ending::StepLimit,
            path: Vec::new(),
            outside: None,
            problem: None,
            trace_stride: None,
        };
        if !start_j.is_finite() {
            run.ending = Ending::UndefinedStart;
            return run;
        }
        let mut rows = Keeper::new(options.rows, ROW_TARGET);
        let mut path = Keeper::new(Rows::Auto, PATH_TARGET);
        let keep_path = options.path_points > 0;
        if keep_path {
            path.keep((0, start.to_vec(), start_j, 0.0));
        }
        let mut gradient = vec![0.0; n];
        let all_free = self.free.iter().all(|&f| f);
        let mut previous = start_j;
        let mut last_dj = 0.0;
        let mut worse = 0usize;
        let mut k = 0;
        let (steps, tol) = (options.steps, options.tol);
        // Every 4096 steps, or every step when each is a pass over many rows.
        let check_mask = if self.tape.rows_per_run() >= 4096 { 0 } else { 4095 };
        let ending = loop {
            if k == steps {
                break Ending::StepLimit;
            }
            k += 1;
            rule.begin();
            if let Some(batches) = &mut batches {
                batches.next(machine.batch());
            }
            // The update is simultaneous: `step` reads every partial before moving θ.
            if all_free {
                machine.step(&mut gradient, |i, g| rule.delta(i, sign * g));
            } else {
                let free = &self.free;
                machine.step(&mut gradient, |i, g| if free[i] { rule.delta(i, sign * g) } else { 0.0 });
            }
            machine.run();
            let j = machine.output(0);
            let dj = j - previous;
            previous = j;
            last_dj = dj;
            // A step to a point that is not finite can still give a finite J (relu of NaN,
            // (-∞)^(-∞) = 0): the parameters are checked every step too.
            let finite = j.is_finite() && machine.params().iter().all(|t| t.is_finite());
            if k == rows.next || !finite {
                rows.keep((k, machine.params().to_vec(), j, dj));
            }
            if keep_path && k == path.next {
                path.keep((k, machine.params().to_vec(), j, dj));
            }
            if !finite {
                break Ending::NotFinite;
            }
            if dj.abs() < tol && !self.gradient_grew(&machine, &gradient) {
                break Ending::Converged;
            }
            worse = if sign * dj > 0.0 { worse + 1 } else { 0 };
            if worse >= GROWING_LIMIT && sign * (j - start_j) > 0.0 {
                break Ending::Growing;
            }
            if k & check_mask == 0 {
                if !machine.params().iter().all(|t| t.is_finite()) {
                    break Ending::NotFinite;
                }
                progress(k, steps);
            }
            if interrupted.load(Ordering::Relaxed) {
                break Ending::Interrupted;
            }
        };
        run.last_dj = last_dj;
        run.ending = ending;
        run.iterations = k;
        run.theta = machine.params().to_vec();
        let last_row_j = previous;
        if batches.is_some() {
            // The verdict's value is over all the data, not the last batch.
            *machine.batch() = None;
            machine.run();
            previous = machine.output(0);
            if !previous.is_finite() && run.ending != Ending::NotFinite && run.theta.iter().all(|t| t.is_finite()) {
                // Each batch had a value, all the data has none here: the run left
                // F's domain, and reports the last point kept where F has a value.
                run.outside = Some(run.theta.clone());
                run.ending = Ending::LeftDomain;
                (run.theta, previous) = last_defined(&mut machine, &rows.items, start, start_j);
            }
        }
        if run.ending != Ending::NotFinite && !run.theta.iter().all(|t| t.is_finite()) {
            run.ending = Ending::NotFinite;
        }
        run.j = previous;
        if rows.last_kept() != Some(run.iterations) && run.iterations > 0 {
            // Like every row, the last shows J as the step saw it (on its batch).
            rows.keep((run.iterations, run.theta.clone(), last_row_j, run.last_dj));
        }
        if let Rows::Every(n) = options.rows
            && rows.stride > n
        {
            run.trace_stride = Some(rows.stride);
        }
        run.rows = rows.finish(options.rows, run.iterations);
        if keep_path && path.last_kept() != Some(run.iterations) {
            path.keep((run.iterations, run.theta.clone(), run.j, run.last_dj));
        }
        run.path = path.items.into_iter().map(|(k, theta, j, _)| (k, theta, j)).collect();
        run
    }
}

impl Descent<'_> {
    /// True when the gradient at the new point (the machine's outputs) points
    /// back the other way and is no smaller: J stands still only because θ
    /// jumps across a valley and back (x = 1 → -1 → 1 on x²), which is not
    /// convergence. A decaying oscillation still shrinks, so it converges.
    fn gradient_grew(&self, machine: &crate::eval::tape::Machine, previous: &[f64]) -> bool {
        let (mut now, mut before, mut dot) = (0.0, 0.0, 0.0);
        for (i, &g) in previous.iter().enumerate() {
            if self.free[i] {
                let new = machine.output(i + 1);
                now += new * new;
                before += g * g;
                dot += new * g;
            }
        }
        dot < 0.0 && now >= before * (1.0 - 1e-6)
    }
}

/// The latest of the `kept` points (then the start) where F over all the
/// data has a value, with that value. The start has one (a run from a point
/// where F has none does not begin), so this always finds a point.
fn last_defined(
    machine: &mut crate::eval::tape::Machine,
    kept: &[(usize, Vec<f64>, f64, f64)],
    start: &[f64],
    start_j: f64,
) -> (Vec<f64>, f64) {
    for (_, theta, ..) in kept.iter().rev() {
        machine.params().copy_from_slice(theta);
        machine.run();
        if machine.output(0).is_finite() {
            return (theta.clone(), machine.output(0));
        }
    }
    (start.to_vec(), start_j)
}

/// Mini-batches: the rows in a shuffled order (shuffled again after each
/// pass over the data), taken `size` at a time. Reproducible from the seed.
struct Batches {
    order: Vec<u32>,
    size: usize,
    position: usize,
    random: Random,
}

impl Batches {
    fn new(size: usize, rows: usize, seed: u64) -> Batches {
        Batches {
            order: (0..rows as u32).collect(),
            size: size.min(rows).max(1),
            position: rows,
            random: Random::new(seed),
        }
    }

    /// Fills `into` with the next batch's rows.
    fn next(&mut self, into: &mut Option<Vec<u32>>) {
        if self.position + self.size > self.order.len() {
            for i in (1..self.order.len()).rev() {
                let j = self.random.below(i + 1);
                self.order.swap(i, j);
            }
            self.position = 0;
        }
        let rows = into.get_or_insert_with(|| Vec::with_capacity(self.size));
        rows.clear();
        rows.extend_from_slice(&self.order[self.position..self.position + self.size]);
        self.position += self.size;
    }
}

/// What a run needs besides its start and its rule.
struct StepContext<'a, 'b> {
    options: &'a Options,
    interrupted: &'a AtomicBool,
    progress: &'b mut dyn FnMut(usize, usize),
}

/// Keeps evenly spaced items of a sequence of unknown length in bounded
/// memory: every `stride`-th, doubling the stride (and dropping every other
/// kept item) whenever more than twice the target have been kept.
struct Keeper {
    items: Vec<(usize, Vec<f64>, f64, f64)>,
    stride: usize,
    /// The next iteration to keep (a multiple of `stride`).
    next: usize,
    fixed: bool,
    target: usize,
}

impl Keeper {
    fn new(rows: Rows, target: usize) -> Keeper {
        let (stride, fixed) = match rows {
            Rows::Auto => (1, false),
            Rows::Every(n) => (n.max(1), true),
        };
        Keeper { items: Vec::new(), stride, next: stride, fixed, target }
    }

    fn keep(&mut self, item: (usize, Vec<f64>, f64, f64)) {
        let k = item.0;
        self.items.push(item);
        let limit = if self.fixed { TRACE_LIMIT } else { 2 * self.target };
        if self.items.len() > limit {
            self.stride *= 2;
            let stride = self.stride;
            self.items.retain(|(k, ..)| *k == 0 || k.is_multiple_of(stride));
        }
        if k >= self.next {
            self.next = (k / self.stride + 1) * self.stride;
        }
    }

    fn last_kept(&self) -> Option<usize> {
        self.items.last().map(|(k, ..)| *k)
    }

    /// The table rows: all when few, else those at multiples of the smallest
    /// power of two that leaves at most about 20, plus the last.
    fn finish(self, rows: Rows, iterations: usize) -> Vec<Row> {
        let spacing = match rows {
            Rows::Auto if iterations > ROW_TARGET => iterations.div_ceil(ROW_TARGET).next_power_of_two(),
            _ => 1,
        };
        self.items
            .into_iter()
            .filter(|(k, ..)| k.is_multiple_of(spacing) || *k == iterations)
            .map(|(k, theta, j, dj)| Row { k, theta, j, dj })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::arena::{Arena, Id};

    fn bowl() -> Tape {
        let mut arena = Arena::new();
        let variables: Vec<Id> = ["θ1", "θ2"]
            .iter()
            .map(|n| {
                let s = arena.symbol(n);
                arena.var(s)
            })
            .collect();
        let two = arena.int(2);
        let squares: Vec<Id> = variables.iter().map(|&v| arena.pow(v, two)).collect();
        let j = arena.add(squares);
        let mut outputs = vec![j];
        outputs.extend(variables.iter().map(|&v| arena.derivative(j, v)));
        Tape::compile(&arena, &variables, &outputs, &|_| None).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn options(alpha: f64, tol: f64) -> Options {
        Options {
            goal: Goal::Minimize,
            method: Method::Gd,
            alpha,
            beta: 0.0,
            tol,
            steps: 10_000,
            rows: Rows::Auto,
            path_points: 0,
            batch: None,
            seed: 0,
        }
    }

    #[test]
    fn the_seed_converges_at_iteration_8() {
        let tape = bowl();
        let descent = Descent { tape: &tape, free: vec![true, true] };
        let run = descent.run(&[0.75, 0.75], &options(0.2, 1e-3), &AtomicBool::new(false), &mut |_, _| {});
        assert_eq!(run.ending, Ending::Converged);
        assert_eq!(run.iterations, 8);
        assert_eq!(run.rows.len(), 8);
        assert!((run.theta[0] - 0.75 * 0.6f64.powi(8)).abs() < 1e-15);
        assert!((run.rows[0].j - 0.405).abs() < 1e-12);
        assert!((run.rows[7].dj - -0.000564221).abs() < 1e-9);
    }

    #[test]
    fn too_large_a_step_diverges() {
        let tape = bowl();
        let descent = Descent { tape: &tape, free: vec![true, true] };
        let run = descent.run(&[0.75, 0.75], &options(1.1, 1e-3), &AtomicBool::new(false), &mut |_, _| {});
        assert_eq!(run.ending, Ending::Growing);
        assert!(run.iterations < 100);
    }

    #[test]
    fn long_runs_keep_about_twenty_rows_and_the_last() {
        let tape = bowl();
        let descent = Descent { tape: &tape, free: vec![true, true] };
        let run = descent.run(&[0.75, 0.75], &options(0.001, 1e-12), &AtomicBool::new(false), &mut |_, _| {});
        assert_eq!(run.ending, Ending::Converged);
        assert!((10..=21).contains(&run.rows.len()), "{} rows", run.rows.len());
        let spacing = run.rows[1].k - run.rows[0].k;
        assert!(run.rows.windows(2).take(run.rows.len() - 2).all(|w| w[1].k - w[0].k == spacing), "evenly spaced");
        assert_eq!(run.rows.last().map(|r| r.k), Some(run.iterations));
    }

    #[test]
    fn a_jump_across_the_valley_is_not_convergence() {
        let tape = bowl();
        let descent = Descent { tape: &tape, free: vec![true, true] };
        let mut settings = options(1.0, 1e-3);
        settings.steps = 100;
        let run = descent.run(&[0.75, 0.75], &settings, &AtomicBool::new(false), &mut |_, _| {});
        assert_eq!(run.ending, Ending::StepLimit, "θ flips sign each step; J stays 1.125");
        assert_eq!(run.last_dj, 0.0);
    }

    #[test]
    fn running_off_to_infinity_is_unbounded_or_diverged() {
        let tape = bowl();
        let descent = Descent { tape: &tape, free: vec![true, true] };
        let mut settings = options(0.5, 1e-9);
        settings.goal = Goal::Maximize;
        let run = descent.run(&[0.75, 0.75], &settings, &AtomicBool::new(false), &mut |_, _| {});
        assert_eq!(run.ending, Ending::Unbounded);
        assert!(run.j.is_finite() && run.theta.iter().all(|t| t.is_finite()), "the last finite point");
        assert!(run.rows.iter().all(|r| r.j.is_finite()), "no row without a value");
    }

    #[test]
    fn the_update_is_simultaneous_when_a_partial_is_a_parameter() {
        let mut arena = Arena::new();
        let variables: Vec<Id> = ["a", "b"]
            .iter()
            .map(|n| {
                let s = arena.symbol(n);
                arena.var(s)
            })
            .collect();
        let j = arena.mul([variables[0], variables[1]]);
        let mut outputs = vec![j];
        outputs.extend(variables.iter().map(|&v| arena.derivative(j, v)));
        let tape = Tape::compile(&arena, &variables, &outputs, &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        let descent = Descent { tape: &tape, free: vec![true, true] };
        let mut settings = options(0.1, 0.0);
        settings.steps = 1;
        let run = descent.run(&[1.0, 2.0], &settings, &AtomicBool::new(false), &mut |_, _| {});
        assert_eq!(run.theta, [0.8, 1.9], "∂J/∂a = b and ∂J/∂b = a, both read before either moves");
    }

    #[test]
    fn an_interrupt_stops_the_run() {
        let tape = bowl();
        let descent = Descent { tape: &tape, free: vec![true, true] };
        let mut settings = options(1e-9, 0.0);
        settings.steps = 1_000_000_000;
        let run = descent.run(&[0.75, 0.75], &settings, &AtomicBool::new(true), &mut |_, _| {});
        assert_eq!(run.ending, Ending::Interrupted);
        assert_eq!(run.iterations, 1, "the flag is read after every step");
    }
}

//! Gradient descent speed (issue 6), each against a hand-written Rust
//! baseline in the same run:
//! - 1,000,000 steps of plain gradient descent on
//!   J(θ1, θ2) = (θ1 - 1)^2 + (θ2 + 2)^2 + θ1*θ2/10 from (0.75, 0.75) with
//!   α = 0.2 and tol = 0: gd's whole descent loop (compiled symbolic gradient,
//!   stopping rules, table rows) against a loop with the hand-derived gradient;
//! - value and gradient of a 2-2-1 tanh network's cross-entropy at one point
//!   (9 parameters): gd's tape against hand-written backpropagation.
//!
//! Run: `cargo bench --bench descent`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gd::env::Env;
use gd::eval::tape::Tape;
use gd::expr::arena::{Arena, Id};
use gd::lower::expression_from_text;
use gd::optimize::methods::Method;
use gd::optimize::minimize::{Descent, Goal, Options, Rows};
use std::sync::atomic::AtomicBool;

const STEPS: usize = 1_000_000;
const ALPHA: f64 = 0.2;

/// The baseline: gradient by hand (g1 = 2(θ1 − 1) + θ2/10, g2 = 2(θ2 + 2) + θ1/10),
/// J computed every step as a minimize loop must (for ΔJ and the stopping rule).
fn hand_written(steps: usize) -> (f64, f64, f64) {
    let (mut t1, mut t2) = (0.75f64, 0.75f64);
    let mut previous = f64::INFINITY;
    let mut j = 0.0;
    for _ in 0..steps {
        let g1 = 2.0 * (t1 - 1.0) + t2 / 10.0;
        let g2 = 2.0 * (t2 + 2.0) + t1 / 10.0;
        t1 -= ALPHA * g1;
        t2 -= ALPHA * g2;
        j = (t1 - 1.0) * (t1 - 1.0) + (t2 + 2.0) * (t2 + 2.0) + t1 * t2 / 10.0;
        if (j - previous).abs() < black_box(0.0) {
            break;
        }
        previous = j;
    }
    (t1, t2, j)
}

/// The tape of `text` and its partial derivatives over `params`.
fn tape(text: &str, params: &[&str]) -> Tape {
    let mut arena = Arena::new();
    let j = expression_from_text(&mut arena, &Env::default(), text).expect("parses");
    let variables: Vec<Id> = params
        .iter()
        .map(|n| {
            let s = arena.symbol(n);
            arena.var(s)
        })
        .collect();
    let mut outputs = vec![j];
    outputs.extend(variables.iter().map(|&v| arena.derivative(j, v)));
    Tape::compile(&arena, &variables, &outputs, &|_| None).expect("compiles")
}

fn with_gd(tape: &Tape, steps: usize) -> (f64, f64, f64) {
    let descent = Descent { tape, free: vec![true, true] };
    let options = Options {
        goal: Goal::Minimize,
        method: Method::Gd,
        alpha: ALPHA,
        beta: 0.0,
        tol: 0.0,
        steps,
        rows: Rows::Auto,
        path_points: 0,
        batch: None,
        seed: 0,
    };
    let run = descent.run(&[0.75, 0.75], &options, &AtomicBool::new(false), &mut |_, _| {});
    (run.theta[0], run.theta[1], run.j)
}

/// The network of the symbolic benchmark, on one sample (x1, x2, y) = (0.5, -1.5, 1).
const NETWORK: &str = "-(1*log(σ(v1*tanh(w11*0.5 + w12*(-1.5) + b1) + v2*tanh(w21*0.5 + w22*(-1.5) + b2) + c)) \
    + 0*log(1 - σ(v1*tanh(w11*0.5 + w12*(-1.5) + b1) + v2*tanh(w21*0.5 + w22*(-1.5) + b2) + c)))";
const NETWORK_PARAMS: [&str; 9] = ["w11", "w12", "w21", "w22", "b1", "b2", "v1", "v2", "c"];

/// Hand-written forward and backward pass of the same network and loss.
fn hand_backprop(p: &[f64; 9]) -> (f64, [f64; 9]) {
    let (x1, x2, y) = (0.5, -1.5, 1.0);
    let [w11, w12, w21, w22, b1, b2, v1, v2, c] = *p;
    let h1 = (w11 * x1 + w12 * x2 + b1).tanh();
    let h2 = (w21 * x1 + w22 * x2 + b2).tanh();
    let z = v1 * h1 + v2 * h2 + c;
    let a = 1.0 / (1.0 + (-z).exp());
    let loss = -(y * a.ln() + (1.0 - y) * (1.0 - a).ln());
    let dz = a - y;
    let (dh1, dh2) = (dz * v1 * (1.0 - h1 * h1), dz * v2 * (1.0 - h2 * h2));
    (loss, [dh1 * x1, dh1 * x2, dh2 * x1, dh2 * x2, dh1, dh2, dz * h1, dz * h2, dz])
}

fn descent(c: &mut Criterion) {
    let mut group = c.benchmark_group("1e6 gradient-descent steps");
    group.sample_size(10);
    group.bench_function("hand-written Rust", |b| b.iter(|| hand_written(black_box(STEPS))));
    let compiled = tape("(θ1 - 1)^2 + (θ2 + 2)^2 + θ1*θ2/10", &["θ1", "θ2"]);
    group.bench_function("gd minimize loop", |b| b.iter(|| with_gd(&compiled, black_box(STEPS))));
    group.finish();

    let point = [0.1, -0.2, 0.3, 0.4, 0.05, -0.05, 0.7, -0.6, 0.1];
    let mut group = c.benchmark_group("tanh network value+gradient");
    group.bench_function("hand-written backprop", |b| b.iter(|| hand_backprop(black_box(&point))));
    let network = tape(NETWORK, &NETWORK_PARAMS);
    let mut machine = network.machine();
    group.bench_function("gd tape", |b| {
        b.iter(|| {
            machine.params().copy_from_slice(black_box(&point));
            machine.run();
            black_box(machine.output(0) + machine.output(9))
        })
    });
    group.finish();
}

criterion_group!(benches, descent);
criterion_main!(benches);

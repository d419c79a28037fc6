//! Gradient descent speed (issue 6): 1,000,000 steps of plain gradient
//! descent on J(θ1, θ2) = (θ1 - 1)^2 + (θ2 + 2)^2 + θ1*θ2/10 from (0.75, 0.75)
//! with α = 0.2 and tol = 0, by gd's engine (compiled symbolic gradient) and
//! by a hand-written Rust loop with the hand-derived gradient, in the same
//! run. Run: `cargo bench --bench descent`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gd::env::Env;
use gd::eval::tape::Tape;
use gd::expr::arena::{Arena, Id};
use gd::lower::expression_from_text;

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

fn tape() -> Tape {
    let mut arena = Arena::new();
    let j = expression_from_text(&mut arena, &Env::default(), "(θ1 - 1)^2 + (θ2 + 2)^2 + θ1*θ2/10").expect("parses");
    let variables: Vec<Id> = ["θ1", "θ2"]
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

fn with_tape(tape: &Tape, steps: usize) -> (f64, f64, f64) {
    let mut machine = tape.machine();
    machine.params().copy_from_slice(&[0.75, 0.75]);
    let mut j = 0.0;
    for _ in 0..steps {
        machine.run();
        j = machine.output(0);
        let (g1, g2) = (machine.output(1), machine.output(2));
        let theta = machine.params();
        theta[0] -= ALPHA * g1;
        theta[1] -= ALPHA * g2;
    }
    let theta = machine.params();
    (theta[0], theta[1], j)
}

fn descent(c: &mut Criterion) {
    let mut group = c.benchmark_group("1e6 gradient-descent steps");
    group.sample_size(10);
    group.bench_function("hand-written Rust", |b| b.iter(|| hand_written(black_box(STEPS))));
    let compiled = tape();
    group.bench_function("gd tape", |b| b.iter(|| with_tape(&compiled, black_box(STEPS))));
    group.finish();
}

criterion_group!(benches, descent);
criterion_main!(benches);

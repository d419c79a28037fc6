//! Data speed (issue 7), each against a hand-written Rust baseline in the
//! same run:
//! - linear regression on 1,000,000 rows: 100 full-batch gradient steps of
//!   `mean((m*x + b - y)^2)`: gd's descent over its compiled row program, on
//!   one thread and on all cores, against a single-threaded loop computing
//!   the value and both partials in one pass over the same arrays;
//! - loading a 1,000,000-row, 2-column CSV: gd's loader against a plain
//!   csv-crate loop that parses every cell.
//!
//! Run: `cargo bench --bench data`.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use gd::builtins::Reduction;
use gd::eval::tape::Tape;
use gd::expr::arena::Arena;
use gd::optimize::methods::Method;
use gd::optimize::minimize::{Descent, Goal, Options, Rows};
use ndarray::Array1;

const ROWS: usize = 1_000_000;
const STEPS: usize = 100;
const ALPHA: f64 = 0.01;

fn data() -> (Vec<f64>, Vec<f64>) {
    let x: Vec<f64> = (0..ROWS).map(|i| (i % 1000) as f64 / 100.0).collect();
    let y: Vec<f64> =
        x.iter().enumerate().map(|(i, v)| 3.0 * v - 2.0 + ((i * 7919) % 101) as f64 / 100.0 - 0.5).collect();
    (x, y)
}

/// One pass per step computes J, ∂J/∂m and ∂J/∂b; then the update.
fn hand_written(x: &[f64], y: &[f64]) -> (f64, f64, f64) {
    let (mut m, mut b) = (0.0, 0.0);
    let n = x.len() as f64;
    let mut j = 0.0;
    for _ in 0..STEPS {
        let (mut sum_r2, mut sum_rx, mut sum_r) = (0.0, 0.0, 0.0);
        for (&xi, &yi) in x.iter().zip(y) {
            let r = m * xi + b - yi;
            sum_r2 += r * r;
            sum_rx += r * xi;
            sum_r += r;
        }
        j = sum_r2 / n;
        m -= ALPHA * 2.0 * sum_rx / n;
        b -= ALPHA * 2.0 * sum_r / n;
    }
    (m, b, j)
}

fn tape(x: &[f64], y: &[f64]) -> Tape {
    let mut arena = Arena::new();
    let (m, b) = (arena.symbol("m"), arena.symbol("b"));
    let (m, b) = (arena.var(m), arena.var(b));
    let x = arena.data("x", Arc::new(Array1::from(x.to_vec())));
    let y = arena.data("y", Arc::new(Array1::from(y.to_vec())));
    let mx = arena.mul([m, x]);
    let sum = arena.add([mx, b]);
    let r = arena.sub(sum, y);
    let two = arena.int(2);
    let square = arena.pow(r, two);
    let j = arena.reduce(Reduction::Mean, square, ROWS);
    let (dm, db) = (arena.derivative(j, m), arena.derivative(j, b));
    let outputs = [j, dm, db];
    Tape::compile(&arena, &[m, b], &outputs, &|_| None).expect("compiles")
}

fn descend(tape: &Tape) -> (f64, f64, f64) {
    let descent = Descent { tape, free: vec![true, true] };
    let options = Options {
        goal: Goal::Minimize,
        method: Method::Gd,
        alpha: ALPHA,
        beta: 0.0,
        tol: 0.0,
        steps: STEPS,
        rows: Rows::Auto,
        path_points: 0,
        batch: None,
        seed: 0,
    };
    let run = descent.run(&[0.0, 0.0], &options, &AtomicBool::new(false), &mut |_, _| {});
    (run.theta[0], run.theta[1], run.j)
}

fn regression(c: &mut Criterion) {
    let (x, y) = data();
    let compiled = tape(&x, &y);
    let (gd_result, hand_result) = (descend(&compiled), hand_written(&x, &y));
    assert!(
        (gd_result.0 - hand_result.0).abs() < 1e-9 && (gd_result.1 - hand_result.1).abs() < 1e-9,
        "same answer: gd {gd_result:?}, hand {hand_result:?}"
    );
    let single = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a one-thread pool");
    let mut group = c.benchmark_group("linear regression, 1e6 rows, 100 steps");
    group.sample_size(10);
    group.bench_function("hand-written Rust, one thread", |b| b.iter(|| hand_written(black_box(&x), black_box(&y))));
    group.bench_function("gd, one thread", |b| b.iter(|| single.install(|| descend(black_box(&compiled)))));
    group.bench_function("gd, all cores", |b| b.iter(|| descend(black_box(&compiled))));
    group.finish();
}

fn csv_file() -> tempfile::NamedTempFile {
    use std::io::Write;
    let (x, y) = data();
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    let mut text = String::from("x,y\n");
    for (a, b) in x.iter().zip(&y) {
        text.push_str(&format!("{a},{b}\n"));
    }
    file.write_all(text.as_bytes()).expect("written");
    file
}

/// A plain csv-crate loop: every cell parsed into two columns.
fn csv_loop(path: &std::path::Path) -> (Vec<f64>, Vec<f64>) {
    let mut reader = csv::Reader::from_path(path).expect("opens");
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).expect("reads") {
        a.push(std::str::from_utf8(&record[0]).expect("utf-8").parse::<f64>().expect("a number"));
        b.push(std::str::from_utf8(&record[1]).expect("utf-8").parse::<f64>().expect("a number"));
    }
    (a, b)
}

fn loading(c: &mut Criterion) {
    let file = csv_file();
    let mut group = c.benchmark_group("load a 1e6-row, 2-column CSV");
    group.sample_size(10);
    group.bench_function("plain csv-crate loop", |b| b.iter(|| csv_loop(black_box(file.path()))));
    group.bench_function("gd load", |b| {
        b.iter(|| gd::data::csv::load(black_box(file.path()), "bench.csv", &AtomicBool::new(false)).expect("loads"))
    });
    group.finish();
}

criterion_group!(benches, regression, loading);
criterion_main!(benches);

//! How fast gd builds symbolic derivatives (issue 4's three cases):
//! ∂/∂x of sin(sin(…sin(x)…)) nested 200 deep, ∂/∂x of a product of 30
//! factors (x + 1)(x + 2)…(x + 30), and the 9 partial derivatives of a
//! 2-2-1 tanh network's cross-entropy. Each case starts from a fresh arena
//! holding only the expression, so nothing is reused between iterations.
//! `raw` is the derivative as built; `simplified` adds the `simplify` pass
//! that gd runs before showing a derivative. Run: `cargo bench --bench derivatives`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gd::builtins::Func;
use gd::expr::arena::{Arena, Id};

fn variable(arena: &mut Arena, name: &str) -> Id {
    let symbol = arena.symbol(name);
    arena.var(symbol)
}

fn nested_sin(depth: usize) -> (Arena, Id, Vec<Id>) {
    let mut arena = Arena::new();
    let x = variable(&mut arena, "x");
    let mut e = x;
    for _ in 0..depth {
        e = arena.apply(Func::Sin, e);
    }
    (arena, e, vec![x])
}

fn product_of_sums(factors: i128) -> (Arena, Id, Vec<Id>) {
    let mut arena = Arena::new();
    let x = variable(&mut arena, "x");
    let terms: Vec<Id> = (1..=factors)
        .map(|k| {
            let k = arena.int(k);
            arena.add([x, k])
        })
        .collect();
    let e = arena.mul(terms);
    (arena, e, vec![x])
}

/// L = -(y*log(a) + (1 - y)*log(1 - a)), a = σ(v1*h1 + v2*h2 + c),
/// h_i = tanh(w_i1*x1 + w_i2*x2 + b_i); x1, x2, y are bound data.
fn tanh_network() -> (Arena, Id, Vec<Id>) {
    let mut arena = Arena::new();
    let names = ["w11", "w12", "w21", "w22", "b1", "b2", "v1", "v2", "c"];
    let p: Vec<Id> = names.iter().map(|n| variable(&mut arena, n)).collect();
    let global = |arena: &mut Arena, name: &str| {
        let symbol = arena.symbol(name);
        arena.global(symbol)
    };
    let (x1, x2, y) = (global(&mut arena, "x1"), global(&mut arena, "x2"), global(&mut arena, "y"));
    let hidden = |a: &mut Arena, w1: Id, w2: Id, b: Id| {
        let (t1, t2) = (a.mul([w1, x1]), a.mul([w2, x2]));
        let z = a.add([t1, t2, b]);
        a.apply(Func::Tanh, z)
    };
    let h1 = hidden(&mut arena, p[0], p[1], p[4]);
    let h2 = hidden(&mut arena, p[2], p[3], p[5]);
    let (o1, o2) = (arena.mul([p[6], h1]), arena.mul([p[7], h2]));
    let z = arena.add([o1, o2, p[8]]);
    let a = arena.apply(Func::Sigmoid, z);
    let one = arena.int(1);
    let log_a = arena.apply(Func::Log, a);
    let complement = arena.sub(one, a);
    let log_complement = arena.apply(Func::Log, complement);
    let not_y = arena.sub(one, y);
    let first = arena.mul([y, log_a]);
    let second = arena.mul([not_y, log_complement]);
    let sum = arena.add([first, second]);
    let loss = arena.neg(sum);
    (arena, loss, p)
}

fn bench_case(c: &mut Criterion, name: &str, setup: fn() -> (Arena, Id, Vec<Id>)) {
    c.bench_function(&format!("{name}/raw"), |b| {
        b.iter_batched(
            setup,
            |(mut arena, e, vars)| {
                let partials: Vec<Id> = vars.iter().map(|&v| arena.derivative(e, v)).collect();
                (arena, partials)
            },
            BatchSize::SmallInput,
        )
    });
    c.bench_function(&format!("{name}/simplified"), |b| {
        b.iter_batched(
            setup,
            |(mut arena, e, vars)| {
                let partials: Vec<Id> = vars
                    .iter()
                    .map(|&v| {
                        let d = arena.derivative(e, v);
                        arena.simplify(d)
                    })
                    .collect();
                (arena, partials)
            },
            BatchSize::SmallInput,
        )
    });
}

fn derivatives(c: &mut Criterion) {
    bench_case(c, "sin nested 200 deep", || nested_sin(200));
    bench_case(c, "product of 30 factors", || product_of_sums(30));
    bench_case(c, "tanh 2-2-1 network, 9 partials", tanh_network);
}

criterion_group!(benches, derivatives);
criterion_main!(benches);

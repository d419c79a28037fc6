//! How fast gd builds symbolic derivatives (issue 4's three cases):
//! ∂/∂x of sin(sin(…sin(x)…)) nested 200 deep, ∂/∂x of a product of 30
//! factors (x + 1)(x + 2)…(x + 30), and the 9 partial derivatives of a
//! 2-2-1 tanh network's cross-entropy. Each case starts from a fresh arena
//! holding only the expression, so nothing is reused between iterations.
//! `raw` is the derivative as built; `simplified` adds the `simplify` pass
//! that gd runs before showing a derivative. Run: `cargo bench --bench derivatives`.
//!
//! The `issue 20/…` cases run whole programs through a fresh `Session`, as
//! `gd -e DEF -e DERIVATIVE` does: derivatives of one-line functions that
//! took seconds before simplification ran on a work budget.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gd::builtins::Func;
use gd::expr::arena::{Arena, Id};
use gd::{Captured, Input, Session, Settings};

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

/// Issue 20's programs: (name, definitions and the derivative asked for).
const ISSUE_20: [(&str, &str); 6] = [
    ("Φ fifth derivative", "Φ(w) = (w*w - σ(w)/w)^-0.5\n∂⁵Φ/∂w⁵"),
    ("S mixed second", "S(v, z) = (3 + v/(1 + ((z + v)^4 - z - v)^2))*(v^12 - z*v)\n∂²S/∂v∂z"),
    (
        "P first with six signs",
        "P(b, h) = (10*h + 3*(b + h)^6 + sign(b) + sign(h) + sign(b*h) + sign(b/h) + sign(b + h) + sign(b - h))^2\n∂P/∂h",
    ),
    (
        "C simplified sum of partials",
        "xs = [2.5, 1]\nC(a, z) = a*a*z/(1 + (sin(z)/a^2)^2)*mean(a*z*(xs + a))*(0.1*a*(a + 1)*(-a) - (exp(a + z) + relu(a)))\n\
         simplify(∂C/∂z + ∂C/∂a)",
    ),
    (
        "S with L, derivative arithmetic",
        "L(m, w1) = m⁴ - 3*m² + m\nS(v, z) = (cos(L(0, v + v - (z - v))) - (3 + v/(1 + L(z + v, v)^2))*(((v^2)^3)^2 + -z*v))*(z + cos(v))\n\
         ∂²S/∂v∂z - (∂S/∂v - ∂²S/∂v∂z)",
    ),
    (
        "∇P at a point",
        "P(b, h) = (10*h + 3*(b + h)^6 + sign(b) + sign(h) + sign(b*h) + sign(b/h) + sign(b + h) + sign(b - h))^2\n∇P(2^-1, 1/3)",
    ),
];

fn issue_20(c: &mut Criterion) {
    for (name, program) in ISSUE_20 {
        c.bench_function(&format!("issue 20/{name}"), |b| {
            b.iter(|| {
                let mut session = Session::new(Settings::default());
                let mut out = Captured::default();
                session.run(vec![Input { name: "-e".into(), text: program.into(), dir: ".".into() }], &mut out);
                assert!(out.err.is_empty(), "{name}: {}", out.err);
                out
            })
        });
    }
}

criterion_group!(benches, derivatives, issue_20);
criterion_main!(benches);

//! Issue 20's generated family: one-line function bodies of up to about 120
//! characters over `x` and `y` (every arithmetic operator, powers with
//! whole, fractional and negative exponents, the one-argument builtins,
//! sums of `sign` terms, small literals), and every derivative of each up
//! to order 5: ∂ᵏF/∂xᵏ and ∂ᵏF/∂yᵏ for k = 1…5 and ∂²F/∂x∂y. Each program
//! runs in a fresh `Session`, as `gd -e DEF -e DERIVATIVE` does, and this
//! prints the distribution of times and the slowest cases.
//!
//! Self-contained (its own grammar and a fixed-seed xorshift generator), so
//! it does not depend on the fuzzer in `tests/fuzz*`. Run:
//! `cargo bench --bench short_functions` (optionally `-- BODIES SEED`).

use std::time::{Duration, Instant};

use gd::{Captured, Input, Session, Settings};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FUNCS: [&str; 13] =
    ["sin", "cos", "exp", "log", "tanh", "σ", "relu", "abs", "sign", "sqrt", "step", "tan", "exp"];
const LEAVES: [&str; 10] = ["x", "y", "x", "y", "1", "2", "3", "0.5", "0.1", "10"];
const EXPONENTS: [&str; 9] = ["2", "3", "4", "6", "12", "-1", "-0.5", "0.5", "-2"];

/// A random expression of about `budget` leaves.
fn expression(rng: &mut Rng, budget: usize) -> String {
    if budget <= 1 {
        return rng.pick(&LEAVES).to_string();
    }
    let left = 1 + rng.below(budget - 1);
    match rng.below(9) {
        0 | 1 => format!("{} + {}", expression(rng, left), expression(rng, budget - left)),
        2 => format!("{} - ({})", expression(rng, left), expression(rng, budget - left)),
        3 | 4 => format!("({})*({})", expression(rng, left), expression(rng, budget - left)),
        5 => format!("({})/({})", expression(rng, left), expression(rng, budget - left)),
        6 => format!("({})^{}", expression(rng, budget - 1), rng.pick(&EXPONENTS)),
        7 => format!("{}({})", rng.pick(&FUNCS), expression(rng, budget - 1)),
        _ => {
            let terms: Vec<String> = (0..1 + rng.below(4)).map(|_| format!("sign({})", expression(rng, 2))).collect();
            format!("{} + {}", expression(rng, budget.saturating_sub(2).max(1)), terms.join(" + "))
        }
    }
}

/// A body of at most 120 characters.
fn body(rng: &mut Rng) -> String {
    loop {
        let size = 2 + rng.below(14);
        let text = expression(rng, size);
        if text.len() <= 120 && text.contains('x') && text.contains('y') {
            return text;
        }
    }
}

fn derivatives() -> Vec<String> {
    let mut asked = Vec::new();
    for variable in ["x", "y"] {
        asked.push(format!("∂F/∂{variable}"));
        for order in ["²", "³", "⁴", "⁵"] {
            asked.push(format!("∂{order}F/∂{variable}{order}"));
        }
    }
    asked.push("∂²F/∂x∂y".to_string());
    asked
}

fn run(program: &str) -> (Duration, bool) {
    let started = Instant::now();
    let mut session = Session::new(Settings::default());
    let mut out = Captured::default();
    session.run(vec![Input { name: "-e".into(), text: program.into(), dir: ".".into() }], &mut out);
    (started.elapsed(), out.err.is_empty())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let bodies: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(400);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2026);
    let mut rng = Rng(seed | 1);
    let asked = derivatives();
    let mut times: Vec<(Duration, String)> = Vec::new();
    let mut errors = 0;
    for _ in 0..bodies {
        let body = body(&mut rng);
        for derivative in &asked {
            let program = format!("F(x, y) = {body}\n{derivative}");
            let (time, ok) = run(&program);
            errors += usize::from(!ok);
            times.push((time, program));
        }
    }
    times.sort_by_key(|(time, _)| *time);
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].0.as_secs_f64() * 1000.0;
    println!(
        "{} programs ({bodies} bodies × {} derivatives, seed {seed}); {errors} answered with an error",
        times.len(),
        asked.len()
    );
    println!(
        "median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, p99.9 {:.2} ms, max {:.2} ms",
        at(0.5),
        at(0.9),
        at(0.99),
        at(0.999),
        at(1.0)
    );
    for limit in [1.0, 10.0, 50.0, 100.0] {
        let over = times.iter().filter(|(t, _)| t.as_secs_f64() * 1000.0 > limit).count();
        println!("over {limit} ms: {over}");
    }
    println!("slowest:");
    for (time, program) in times.iter().rev().take(5) {
        println!("  {:.1} ms  {}", time.as_secs_f64() * 1000.0, program.replace('\n', "  ⏎  "));
    }
}

//! Property tests of the symbolic engine on random expressions over x, y, z
//! built from every operation and builtin:
//! - building an expression (with all its simplification) never changes its
//!   value where the expression as written is defined;
//! - symbolic derivatives agree with central finite differences;
//! - printed expressions (and printed derivatives) read back as the same function
//!   (the same expression node for node, or the same values wherever defined);
//! - `simplify` never changes a value;
//! - graph adjoints (of bodies as written and canonical, of numbers and of
//!   vectors over data) agree with symbolic derivatives.

use gd::env::Env;
use gd::eval::direct::evaluate_with_scale;
use gd::expr::arena::{Arena, Id, Node};
use gd::expr::print::Printer;
use gd::graph::{Graph, pass};
use gd::lower::{expression_as_written, expression_from_text};
use proptest::prelude::*;

/// A random expression as written, with its own direct evaluation.
#[derive(Clone, Debug)]
enum E {
    Num(i32),
    Half,
    /// 0.3: a decimal that is not a binary fraction.
    Tenths,
    Var(usize),
    Add(Box<E>, Box<E>),
    Sub(Box<E>, Box<E>),
    Mul(Box<E>, Box<E>),
    Div(Box<E>, Box<E>),
    Pow(Box<E>, i32),
    /// A power with any exponent (the base must be positive).
    Power(Box<E>, Box<E>),
    Sqrt(Box<E>),
    Neg(Box<E>),
    Call(&'static str, Box<E>),
    /// A data column: d or e.
    Data(usize),
}

const COLUMNS: [&str; 2] = ["d", "e"];

/// The data the columns hold, row by row.
fn column(index: usize) -> Vec<f64> {
    (0..7).map(|row| if index == 0 { 0.3 * row as f64 - 0.8 } else { 1.5 - 0.2 * row as f64 }).collect()
}

const VARS: [&str; 3] = ["x", "y", "z"];
const FUNCS: [&str; 11] = ["exp", "log", "sin", "cos", "tan", "tanh", "σ", "relu", "softplus", "abs", "sqrt"];

impl E {
    fn text(&self) -> String {
        match self {
            E::Num(n) => format!("({n})"),
            E::Half => "0.5".to_string(),
            E::Tenths => "0.3".to_string(),
            E::Var(i) => VARS[*i].to_string(),
            E::Add(a, b) => format!("({} + {})", a.text(), b.text()),
            E::Sub(a, b) => format!("({} - {})", a.text(), b.text()),
            E::Mul(a, b) => format!("({} * {})", a.text(), b.text()),
            E::Div(a, b) => format!("({} / {})", a.text(), b.text()),
            E::Pow(a, n) => format!("({})^({n})", a.text()),
            E::Power(a, b) => format!("({})^({})", a.text(), b.text()),
            E::Sqrt(a) => format!("sqrt({})", a.text()),
            E::Neg(a) => format!("(-{})", a.text()),
            E::Call(f, a) => format!("{f}({})", a.text()),
            E::Data(i) => COLUMNS[*i].to_string(),
        }
    }

    /// The value as written, operation by operation; `None` where undefined.
    fn value(&self, point: &[f64; 3]) -> Option<f64> {
        self.value_in_row(point, None)
    }

    /// The value in one data row (data leaves read that row).
    fn value_in_row(&self, point: &[f64; 3], row: Option<usize>) -> Option<f64> {
        let value = |e: &E| e.value_in_row(point, row);
        let v = match self {
            E::Data(i) => column(*i)[row?],
            E::Num(n) => f64::from(*n),
            E::Half => 0.5,
            E::Tenths => 0.3,
            E::Var(i) => point[*i],
            E::Add(a, b) => value(a)? + value(b)?,
            E::Sub(a, b) => value(a)? - value(b)?,
            E::Mul(a, b) => value(a)? * value(b)?,
            E::Div(a, b) => {
                let d = value(b)?;
                if d == 0.0 {
                    return None;
                }
                value(a)? / d
            }
            E::Pow(a, n) => {
                let base = value(a)?;
                if base == 0.0 && *n < 0 {
                    return None;
                }
                base.powi(*n)
            }
            E::Power(a, b) => {
                let base = value(a)?;
                if base <= 0.0 {
                    return None;
                }
                base.powf(value(b)?)
            }
            E::Sqrt(a) => {
                let x = value(a)?;
                if x < 0.0 {
                    return None;
                }
                x.sqrt()
            }
            E::Neg(a) => -value(a)?,
            E::Call(f, a) => {
                let x = value(a)?;
                match *f {
                    "exp" => x.exp(),
                    "log" if x <= 0.0 => return None,
                    "log" => x.ln(),
                    "sin" => x.sin(),
                    "cos" => x.cos(),
                    "tan" => x.tan(),
                    "tanh" => x.tanh(),
                    "σ" => 1.0 / (1.0 + (-x).exp()),
                    "relu" => x.max(0.0),
                    "softplus" => x.exp().ln_1p(),
                    "abs" => x.abs(),
                    "sqrt" if x < 0.0 => return None,
                    _ => x.sqrt(),
                }
            }
        };
        (v.is_finite() && v.abs() < 1e12).then_some(v)
    }
}

fn expression() -> impl Strategy<Value = E> {
    let leaf = prop_oneof![(-3i32..=4).prop_map(E::Num), Just(E::Half), Just(E::Tenths), (0usize..3).prop_map(E::Var)];
    leaf.prop_recursive(5, 40, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| E::Add(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| E::Sub(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| E::Mul(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| E::Div(Box::new(a), Box::new(b))),
            (inner.clone(), -2i32..=3).prop_map(|(a, n)| E::Pow(Box::new(a), n)),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| E::Power(Box::new(a), Box::new(b))),
            inner.clone().prop_map(|a| E::Sqrt(Box::new(a))),
            inner.clone().prop_map(|a| E::Neg(Box::new(a))),
            (prop::sample::select(&FUNCS[..]), inner).prop_map(|(f, a)| E::Call(f, Box::new(a))),
        ]
    })
}

/// Expressions that may read data columns too.
fn data_expression() -> impl Strategy<Value = E> {
    let leaf = prop_oneof![(-3i32..=4).prop_map(E::Num), (0usize..3).prop_map(E::Var), (0usize..2).prop_map(E::Data)];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| E::Add(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| E::Sub(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| E::Mul(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| E::Div(Box::new(a), Box::new(b))),
            (inner.clone(), -2i32..=3).prop_map(|(a, n)| E::Pow(Box::new(a), n)),
            (prop::sample::select(&FUNCS[..]), inner).prop_map(|(f, a)| E::Call(f, Box::new(a))),
        ]
    })
}

fn point() -> impl Strategy<Value = [f64; 3]> {
    [-2.5f64..2.5, -2.5f64..2.5, 0.05f64..2.5]
}

fn build(arena: &mut Arena, e: &E) -> Id {
    expression_from_text(arena, &Env::default(), &e.text()).expect("generated expressions parse")
}

/// The value and rounding scale of `id` at `point`, if defined.
fn value_at(arena: &Arena, id: Id, point: &[f64; 3]) -> Option<(f64, f64)> {
    let leaf = |node: &Node| match node {
        Node::Var(symbol) => VARS.iter().position(|v| *v == arena.name(*symbol)).map(|i| point[i]),
        _ => None,
    };
    evaluate_with_scale(arena, id, &leaf).ok()
}

/// The value of `id` at `point`, row by row (a number is one row), if
/// defined, with the size of the numbers each row's value was summed from.
fn rows_at(arena: &Arena, id: Id, point: &[f64; 3]) -> Option<(Vec<f64>, Vec<f64>)> {
    let leaf = |node: &Node| match node {
        Node::Var(symbol) => VARS.iter().position(|v| *v == arena.name(*symbol)).map(|i| point[i]),
        _ => None,
    };
    let rows = |value: gd::eval::direct::Evaluated| match value {
        gd::eval::direct::Evaluated::Vector(v) => v.to_vec(),
        gd::eval::direct::Evaluated::Number(x) => vec![x],
    };
    let (value, scale) = gd::eval::direct::evaluate_value_with_scale(arena, id, &leaf).ok()?;
    Some((rows(value), rows(scale)))
}

fn close(a: f64, b: f64, scale: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * scale.max(a.abs()).max(b.abs()).max(1.0)
}

fn variable(arena: &mut Arena, index: usize) -> Id {
    let symbol = arena.symbol(VARS[index]);
    arena.var(symbol)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn building_never_changes_a_defined_value(e in expression(), p in point()) {
        let mut arena = Arena::new();
        let id = build(&mut arena, &e);
        if let Some(expected) = e.value(&p) {
            let (got, scale) = value_at(&arena, id, &p).expect("defined as written, so defined when built");
            prop_assert!(close(got, expected, scale, 1e-7), "{} at {:?}: built {}, written {}", e.text(), p, got, expected);
        }
    }

    #[test]
    fn derivatives_match_finite_differences(e in expression(), p in point(), which in 0usize..3) {
        let mut arena = Arena::new();
        let id = build(&mut arena, &e);
        let var = variable(&mut arena, which);
        let derivative = arena.derivative(id, var);
        let at = |shift: f64| {
            let mut q = p;
            q[which] += shift;
            e.value(&q)
        };
        let h = 1e-4 * p[which].abs().max(1.0);
        let (Some(a), Some(b), Some(c), Some(d)) = (at(h), at(-h), at(h / 2.0), at(-h / 2.0)) else { return Ok(()) };
        let coarse = (a - b) / (2.0 * h);
        let fine = (c - d) / h;
        if !close(coarse, fine, 1.0, 1e-5) {
            return Ok(()); // not smooth enough here (a kink or a pole nearby)
        }
        if let Some((symbolic, scale)) = value_at(&arena, derivative, &p) {
            prop_assert!(close(symbolic, fine, scale, 1e-4), "d/d{} {} at {:?}: symbolic {}, numeric {}", VARS[which], e.text(), p, symbolic, fine);
        }
    }

    #[test]
    fn printing_reads_back_as_the_same_function(e in expression(), which in 0usize..3) {
        let mut arena = Arena::new();
        let id = build(&mut arena, &e);
        let var = variable(&mut arena, which);
        let derivative = arena.derivative(id, var);
        for original in [id, derivative] {
            if arena.is_undefined(original) {
                continue; // no value to preserve: `1/0` need not read back node for node
            }
            let text = Printer::new(&arena).text(original);
            let read = expression_from_text(&mut arena, &Env::default(), &text);
            prop_assert!(read.is_ok(), "{text} does not parse");
            let Ok(read) = read else { continue };
            if read == original {
                continue; // the very same expression
            }
            // Otherwise the same function: equal values wherever the original has one
            // (nested roots such as sqrt(sqrt(z))^2 need not come back node for node).
            for point in [[0.7, 1.3, 2.1], [1.9, -0.4, 0.6], [-1.2, 2.2, 0.3], [0.35, 0.8, 1.7]] {
                let Some((a, scale)) = value_at(&arena, original, &point) else { continue };
                let b = value_at(&arena, read, &point).map(|(b, _)| b);
                prop_assert!(b.is_some_and(|b| close(a, b, scale, 1e-9)), "{} printed as {} reads back as a different function at {:?}: {} vs {:?}", e.text(), text, point, a, b);
            }
        }
    }

    #[test]
    fn simplify_never_changes_a_value(e in expression(), p in point()) {
        let mut arena = Arena::new();
        let id = build(&mut arena, &e);
        let simplified = arena.simplify(id);
        if let (Some((a, sa)), Some((b, sb))) = (value_at(&arena, id, &p), value_at(&arena, simplified, &p)) {
            prop_assert!(close(a, b, sa.max(sb), 1e-7), "{} simplified to {}: {} vs {}", e.text(), Printer::new(&arena).text(simplified), a, b);
        }
    }

    #[test]
    fn graph_adjoints_match_symbolic_derivatives(e in expression(), p in point()) {
        let mut arena = Arena::new();
        let id = build(&mut arena, &e);
        let written = expression_as_written(&mut arena, &Env::default(), &e.text()).expect("generated expressions parse");
        let variables: Vec<Id> = (0..3).map(|i| variable(&mut arena, i)).collect();
        let params: Vec<String> = VARS.iter().map(|v| v.to_string()).collect();
        // The graph of the body as written (what `graph` draws) and of its canonical form.
        for body in [written, id] {
            let graph = Graph::build(&mut arena, "F", &params, &variables, body, &Default::default());
            let Ok(trace) = pass::run(&mut arena, &graph, &p, &|_| None) else { continue };
            let output = trace.output().total();
            if let Some((value, scale)) = value_at(&arena, id, &p) {
                prop_assert!(close(output, value, scale, 1e-9), "forward {} vs {}", output, value);
            }
            for (i, &var) in variables.iter().enumerate() {
                let derivative = arena.derivative(id, var);
                if let Some((symbolic, scale)) = value_at(&arena, derivative, &p) {
                    let adjoint = trace.gradient[i].value.total();
                    prop_assert!(close(adjoint, symbolic, scale.max(1.0), 1e-7), "∂/∂{} of {}: graph {}, symbolic {}", VARS[i], e.text(), adjoint, symbolic);
                }
            }
        }
    }

    #[test]
    fn graph_adjoints_over_data_match_symbolic_derivatives(e in data_expression(), p in point(), reduce in 0usize..3) {
        let mut env = Env::default();
        for (index, name) in COLUMNS.iter().enumerate() {
            let values = std::sync::Arc::new(ndarray::Array1::from(column(index)));
            env.set(*name, gd::env::EnvEntry::Value(gd::env::BoundValue::Vector(values)));
        }
        // A number (the sum or mean of the rows) or a vector (one function per row).
        let text = match reduce {
            0 => format!("sum({})", e.text()),
            1 => format!("mean({})", e.text()),
            _ => e.text(),
        };
        let mut arena = Arena::new();
        let Ok(id) = expression_from_text(&mut arena, &env, &text) else { return Ok(()) };
        let Ok(written) = expression_as_written(&mut arena, &env, &text) else { return Ok(()) };
        let variables: Vec<Id> = (0..3).map(|i| variable(&mut arena, i)).collect();
        let params: Vec<String> = VARS.iter().map(|v| v.to_string()).collect();
        let graph = Graph::build(&mut arena, "F", &params, &variables, written, &Default::default());
        let Ok(trace) = pass::run(&mut arena, &graph, &p, &|_| None) else { return Ok(()) };
        for (i, &var) in variables.iter().enumerate() {
            let derivative = arena.derivative(id, var);
            let Some((symbolic, scales)) = rows_at(&arena, derivative, &p) else { continue };
            let adjoint = match &trace.gradient[i].value {
                gd::eval::direct::Evaluated::Vector(v) => v.to_vec(),
                gd::eval::direct::Evaluated::Number(x) => vec![*x],
            };
            // A number stands for every row (a derivative that is 0 in each row is 0).
            let rows = adjoint.len().max(symbolic.len());
            prop_assert!(adjoint.len() == rows || adjoint.len() == 1, "∂/∂{} of {}: rows", VARS[i], text);
            prop_assert!(symbolic.len() == rows || symbolic.len() == 1, "∂/∂{} of {}: rows", VARS[i], text);
            let every = |v: &[f64]| if v.len() == rows { v.to_vec() } else { vec![v[0]; rows] };
            let summed = graph_scale(&trace.gradient[i]);
            for ((a, s), scale) in every(&adjoint).iter().zip(&every(&symbolic)).zip(&every(&scales)) {
                prop_assert!(close(*a, *s, scale.max(summed), 1e-7), "∂/∂{} of {} at {:?}: graph {:?}, symbolic {:?}", VARS[i], text, p, adjoint, symbolic);
            }
        }
    }

    #[test]
    fn compiled_row_passes_match_direct_evaluation(e in data_expression(), p in point(), sum in any::<bool>()) {
        let mut env = Env::default();
        for (index, name) in COLUMNS.iter().enumerate() {
            let values = std::sync::Arc::new(ndarray::Array1::from(column(index)));
            env.set(*name, gd::env::EnvEntry::Value(gd::env::BoundValue::Vector(values)));
        }
        let reduction = if sum { "sum" } else { "mean" };
        let mut arena = Arena::new();
        let Ok(j) = expression_from_text(&mut arena, &env, &format!("{reduction}({})", e.text())) else { return Ok(()) };
        let variables: Vec<Id> = (0..3).map(|i| variable(&mut arena, i)).collect();
        let mut outputs = vec![j];
        outputs.extend(variables.iter().map(|&v| arena.derivative(j, v)));
        let Ok(tape) = gd::eval::tape::Tape::compile(&arena, &variables, &outputs, &|_| None) else { return Ok(()) };
        let mut machine = tape.machine();
        machine.params().copy_from_slice(&p);
        machine.run();
        for (index, &output) in outputs.iter().enumerate() {
            if let Some((direct, scale)) = value_at(&arena, output, &p) {
                let compiled = machine.output(index);
                prop_assert!(close(compiled, direct, scale, 1e-9), "output {index} of {reduction}({}) at {p:?}: compiled {compiled}, direct {direct}", e.text());
            }
        }
    }
}

/// The size of what the graph's backward pass adds up for one adjoint
/// (Σ |∂F/∂parent · local| over its terms and rows): its rounding error is
/// relative to that, not to a result that cancels (`z*z^(-1)` by z).
fn graph_scale(adjoint: &gd::graph::pass::Adjoint) -> f64 {
    use gd::eval::direct::Evaluated;
    let product = |a: &Evaluated, b: &Evaluated| match (a, b) {
        (Evaluated::Number(x), Evaluated::Number(y)) => (x * y).abs(),
        (Evaluated::Number(x), Evaluated::Vector(v)) | (Evaluated::Vector(v), Evaluated::Number(x)) => {
            v.iter().map(|y| (x * y).abs()).sum()
        }
        (Evaluated::Vector(u), Evaluated::Vector(v)) => u.iter().zip(v).map(|(x, y)| (x * y).abs()).sum(),
    };
    adjoint.terms.iter().map(|term| product(&term.parent_adjoint, &term.local)).sum()
}

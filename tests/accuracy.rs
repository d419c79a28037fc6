//! gd's values against a reference computed offline (issue 14): the ML
//! functions as a student types them (σ, softplus, log σ, tanh, log-sum-exp
//! of numbers and over the rows of a vector or a data column, log-softmax,
//! cross-entropy, log1p/expm1 forms, their derivatives), at ordinary and
//! extreme arguments, from `tests/data/ml_reference.tsv`, which
//! `tests/reference/ml_values.py` makes with mpmath. No Python runs here.
//!
//! Every reference value that is a normal double must come out within a
//! relative error of 1e-15; one that underflows, as 0 or a subnormal
//! without an error; one beyond ±1.8e308, as gd's "too large" error.
//! `cargo test --release --test accuracy -- --nocapture` prints the worst case.

mod common;

use gd::Status;

const TABLE: &str = include_str!("data/ml_reference.tsv");
const TARGET: f64 = 1e-15;

/// One row of the table: definitions, the expression, its true value as written there.
struct Case<'a> {
    setup: Vec<&'a str>,
    expression: &'a str,
    reference: &'a str,
}

fn cases() -> Vec<Case<'static>> {
    TABLE
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "a row has three fields: {line:?}");
            let setup = fields[0].split(';').map(str::trim).filter(|s| !s.is_empty()).collect();
            Case { setup, expression: fields[1], reference: fields[2] }
        })
        .collect()
}

/// What gd prints for the case's expression, as a number, or its error.
fn value(case: &Case) -> Result<f64, String> {
    let mut inputs = case.setup.clone();
    inputs.push(case.expression);
    let (out, err, status) = common::run_inputs(&inputs);
    if status != Status::Ok {
        return Err(err);
    }
    let last = out.lines().last().unwrap_or_default();
    last.trim().parse().map_err(|_| format!("not a number: {out:?}"))
}

/// How far `case` is from its reference: the relative error for a normal
/// value, else 0 when right and `None` when wrong, with why.
fn error(case: &Case) -> Result<f64, String> {
    let computed = value(case);
    if case.reference == "overflow" {
        return match computed {
            Err(message) if message.contains("too large") => Ok(0.0),
            other => Err(format!("should overflow, gave {other:?}")),
        };
    }
    let reference: f64 = case.reference.parse().map_err(|_| format!("bad reference {:?}", case.reference))?;
    let computed = computed.map_err(|message| format!("gave an error: {message}"))?;
    if !reference.is_normal() {
        // Underflows in f64: any value that small is right.
        return if computed.abs() < f64::MIN_POSITIVE { Ok(0.0) } else { Err(format!("gave {computed}")) };
    }
    Ok((computed - reference).abs() / reference.abs())
}

#[test]
fn the_table_is_what_the_script_describes() {
    let cases = cases();
    assert!(cases.len() >= 300, "{} rows", cases.len());
    assert!(cases.iter().any(|c| c.reference == "overflow"));
    assert!(cases.iter().any(|c| c.reference.parse::<f64>().is_ok_and(|r| r != 0.0 && !r.is_normal())));
}

#[test]
fn ml_values_are_accurate_to_1e_15() {
    let mut failures = Vec::new();
    let mut worst = (0.0, "");
    for case in cases() {
        match error(&case) {
            Ok(relative) if relative <= TARGET => {
                if relative >= worst.0 {
                    worst = (relative, case.expression);
                }
            }
            Ok(relative) => failures.push(format!("{}: relative error {relative:e}", case.expression)),
            Err(why) => failures.push(format!("{} (after {:?}): {why}", case.expression, case.setup)),
        }
    }
    println!("worst case within the target: {} (relative error {:e})", worst.1, worst.0);
    assert!(failures.is_empty(), "{} cases miss:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_graph_at_a_confident_prediction_keeps_its_digits() {
    let cross_entropy = "L(z, y) = -(y*log(σ(z)) + (1 - y)*log(1 - σ(z)))";
    let out = common::output(&format!("{cross_entropy}\ngraph L at z = 40, y = 0"));
    assert!(out.contains("q = 1 - u  = 4.24835e-18"), "1 - σ(40) from z, not from the rounded σ(40) = 1:\n{out}");
    assert!(out.contains("L = -t     = 40\n"), "{out}");
    assert!(out.contains("gradient: ∂L/∂z = 1, ∂L/∂y = -40"), "σ(40) - 0, through the chain rule:\n{out}");
    let undefined = common::errors("f(x) = log(x - 1) + σ(x)\ngraph f at x = 1");
    assert!(undefined.contains("log of 0"), "a node with no value is still named: {undefined}");
}

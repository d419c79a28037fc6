//! Deciding a claim: is each left side equal to its right side for every
//! value of the variables?
//!
//! First symbolically: if the expanded difference of the two sides is 0,
//! the claim is proved. Otherwise numerically: both sides are evaluated at
//! random points (reproducible from a seed) drawn from several ranges, so
//! logs, roots and probabilities all find their domains; points where
//! either side is undefined are skipped. The sides agree at a point when
//! they differ by at most 1e-9 relative to the size of the numbers summed
//! to make them. A disagreement becomes a counterexample, preferably at
//! simple values such as 1 and 2. Hands on an [`Outcome`].

use std::collections::HashMap;

use crate::eval::direct::{EvalError, Value, evaluate_value_with_scale};
use crate::expr::arena::{Arena, Id, Node, Symbol};
use crate::random::Random;

/// Points at which both sides must agree (all defined).
pub const POINTS: usize = 30;
/// Random points tried before giving up on finding enough defined ones.
pub const ATTEMPTS: usize = 3000;
/// Relative tolerance.
pub const TOLERANCE: f64 = 1e-9;

/// What a check found.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// The difference simplifies to 0.
    Proved,
    /// Equal at `points` random points (0 when there are no variables).
    Agrees { points: usize },
    /// The difference of pair `pair` (left − right) simplifies to a nonzero
    /// constant: false everywhere, whatever the numbers say.
    ConstantDifference { pair: usize, difference: f64 },
    /// Pair `pair` differs at `point` (values of the variables, in order),
    /// in data row `row` when the sides are vectors.
    Differs { pair: usize, point: Vec<f64>, row: Option<usize>, lhs: f64, rhs: f64 },
    /// With no variables, the sides are vectors of different lengths.
    Lengths { pair: usize, left: usize, right: usize },
    /// With no variables, a side has no value.
    Undefined { pair: usize, left: bool, error: EvalError },
    /// Too few points where both sides are defined.
    Undecided { defined: usize, tried: usize },
}

/// Decides whether every (left, right) pair is equal over `variables`.
/// `global` gives the value of a named leaf (a bound number).
pub fn decide(
    arena: &mut Arena,
    pairs: &[(Id, Id)],
    domain: &[Id],
    variables: &[Id],
    global: &dyn Fn(&str) -> Option<f64>,
    seed: u64,
    tolerance: Option<f64>,
) -> Outcome {
    let mut proved = true;
    for (pair, &(lhs, rhs)) in pairs.iter().enumerate() {
        let difference = arena.sub(lhs, rhs);
        let expanded = arena.normal_form(difference);
        match arena.as_number(expanded) {
            Some(n) if n.is_zero() => {}
            Some(n) if tolerance.is_none_or(|t| n.to_f64().abs() > t) => {
                return Outcome::ConstantDifference { pair, difference: n.to_f64() };
            }
            _ => proved = false,
        }
    }
    if proved {
        return Outcome::Proved;
    }
    let sides = Sides { arena, pairs, domain, variables, global, tolerance };
    if variables.is_empty() {
        return sides.at_no_variables();
    }
    let mut random = Random::new(seed);
    let mut defined = 0;
    for _ in 0..ATTEMPTS {
        let point: Vec<f64> = variables.iter().map(|_| sample(&mut random)).collect();
        match sides.compare(&point) {
            Comparison::Undefined => continue,
            Comparison::Equal => defined += 1,
            Comparison::Different { .. } => return sides.counterexample(point),
        }
        if defined == POINTS {
            return Outcome::Agrees { points: POINTS };
        }
    }
    Outcome::Undecided { defined, tried: ATTEMPTS }
}

/// One value of a variable: from a range picked at random among several,
/// so that positive-only, probability-like and wide domains are all met.
fn sample(random: &mut Random) -> f64 {
    let value = match random.below(5) {
        0 => random.uniform(-2.0, 2.0),
        1 => random.uniform(0.05, 3.0),
        2 => random.uniform(0.01, 0.99),
        3 => random.uniform(-3.0, -0.05),
        _ => {
            let magnitude = 10f64.powf(random.uniform(-2.0, 2.0));
            if random.below(2) == 0 { magnitude } else { -magnitude }
        }
    };
    round_to(value, 4)
}

/// `value` rounded to `digits` significant digits (shorter to read in verdicts).
fn round_to(value: f64, digits: i32) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(digits - 1 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

/// Simple values tried first for a counterexample.
const SIMPLE: [f64; 10] = [1.0, 2.0, 0.5, -1.0, 3.0, -2.0, 1.5, 0.25, -0.5, 4.0];

enum Comparison {
    Equal,
    Different { pair: usize, row: Option<usize>, lhs: f64, rhs: f64 },
    Undefined,
}

/// Where two values first differ: `None` if they agree everywhere, else the
/// row (for vectors) and both values there. `Err` when their lengths differ.
type Difference = Result<Option<(Option<usize>, f64, f64)>, (usize, usize)>;

struct Sides<'a> {
    arena: &'a Arena,
    pairs: &'a [(Id, Id)],
    /// Expressions that must have values at a point for it to count (the
    /// function a derivative was taken of: `1/x` is only claimed where `log(x)` is).
    domain: &'a [Id],
    variables: &'a [Id],
    global: &'a dyn Fn(&str) -> Option<f64>,
    /// An absolute tolerance given with `within`, replacing the relative one.
    tolerance: Option<f64>,
}

impl Sides<'_> {
    fn evaluate(&self, id: Id, point: &HashMap<Symbol, f64>) -> Result<(Value, Value), EvalError> {
        let leaf = |node: &Node| match node {
            Node::Var(symbol) => point.get(symbol).copied(),
            Node::Global(symbol) => (self.global)(self.arena.name(*symbol)),
            _ => None,
        };
        evaluate_value_with_scale(self.arena, id, &leaf)
    }

    /// Compares two values (numbers, or vectors row by row, a number
    /// standing for every row).
    fn difference(&self, (l, l_scale): &(Value, Value), (r, r_scale): &(Value, Value)) -> Difference {
        let rows = match (l, r) {
            (Value::Number(_), Value::Number(_)) => None,
            (Value::Vector(v), Value::Number(_)) | (Value::Number(_), Value::Vector(v)) => Some(v.len()),
            (Value::Vector(a), Value::Vector(b)) if a.len() == b.len() => Some(a.len()),
            (Value::Vector(a), Value::Vector(b)) => return Err((a.len(), b.len())),
        };
        let at = |value: &Value, row: usize| match value {
            Value::Number(x) => *x,
            Value::Vector(v) => v[row],
        };
        for row in 0..rows.unwrap_or(1) {
            let (a, b) = (at(l, row), at(r, row));
            if !self.agree(a, b, at(l_scale, row).max(at(r_scale, row))) {
                return Ok(Some((rows.map(|_| row), a, b)));
            }
        }
        Ok(None)
    }

    /// Whether two values are equal to the tolerance (relative to `scale`,
    /// or absolute when one was given).
    fn agree(&self, l: f64, r: f64, scale: f64) -> bool {
        let allowed = match self.tolerance {
            Some(tolerance) => tolerance,
            None => TOLERANCE * scale.max(l.abs()).max(r.abs()),
        };
        (l - r).abs() <= allowed
    }

    fn compare(&self, values: &[f64]) -> Comparison {
        let point: HashMap<Symbol, f64> = self
            .variables
            .iter()
            .zip(values)
            .filter_map(|(&v, &value)| match self.arena.node(v) {
                Node::Var(symbol) => Some((*symbol, value)),
                _ => None,
            })
            .collect();
        if self.domain.iter().any(|&id| self.evaluate(id, &point).is_err()) {
            return Comparison::Undefined;
        }
        for (pair, &(lhs, rhs)) in self.pairs.iter().enumerate() {
            let (Ok(l), Ok(r)) = (self.evaluate(lhs, &point), self.evaluate(rhs, &point)) else {
                return Comparison::Undefined;
            };
            match self.difference(&l, &r) {
                Ok(None) => {}
                Ok(Some((row, lhs, rhs))) => return Comparison::Different { pair, row, lhs, rhs },
                Err(_) => return Comparison::Undefined,
            }
        }
        Comparison::Equal
    }

    fn at_no_variables(&self) -> Outcome {
        let point = HashMap::new();
        for (pair, &(lhs, rhs)) in self.pairs.iter().enumerate() {
            let l = match self.evaluate(lhs, &point) {
                Ok(value) => value,
                Err(error) => return Outcome::Undefined { pair, left: true, error },
            };
            let r = match self.evaluate(rhs, &point) {
                Ok(value) => value,
                Err(error) => return Outcome::Undefined { pair, left: false, error },
            };
            match self.difference(&l, &r) {
                Ok(None) => {}
                Ok(Some((row, lhs, rhs))) => return Outcome::Differs { pair, point: Vec::new(), row, lhs, rhs },
                Err((left, right)) => return Outcome::Lengths { pair, left, right },
            }
        }
        Outcome::Agrees { points: 0 }
    }

    /// A disagreement at simple values if there is one, else at `found`.
    fn counterexample(&self, found: Vec<f64>) -> Outcome {
        let n = self.variables.len();
        let combinations = SIMPLE.len().saturating_pow(n.min(6) as u32).min(1000);
        for k in 0..combinations {
            let mut digits = k;
            let point: Vec<f64> = (0..n)
                .map(|_| {
                    let value = SIMPLE[digits % SIMPLE.len()];
                    digits /= SIMPLE.len();
                    value
                })
                .collect();
            if let Comparison::Different { pair, row, lhs, rhs } = self.compare(&point) {
                return Outcome::Differs { pair, point, row, lhs, rhs };
            }
        }
        match self.compare(&found) {
            Comparison::Different { pair, row, lhs, rhs } => Outcome::Differs { pair, point: found, row, lhs, rhs },
            _ => Outcome::Undecided { defined: 0, tried: 1 },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::Func;

    fn no_globals(_: &str) -> Option<f64> {
        None
    }

    #[test]
    fn equal_by_expansion_is_proved() {
        let mut arena = Arena::new();
        let (b, c) = (arena.symbol("b"), arena.symbol("c"));
        let (b, c) = (arena.var(b), arena.var(c));
        let one = arena.int(1);
        let sum = arena.add([b, one]);
        let lhs = arena.mul([c, sum]);
        let bc = arena.mul([b, c]);
        let rhs = arena.add([bc, c]);
        assert_eq!(decide(&mut arena, &[(lhs, rhs)], &[], &[b, c], &no_globals, 1, None), Outcome::Proved);
    }

    #[test]
    fn identities_beyond_expansion_pass_numerically() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let two = arena.int(2);
        let sin = arena.apply(Func::Sin, x);
        let cos = arena.apply(Func::Cos, x);
        let sin2 = arena.pow(sin, two);
        let cos2 = arena.pow(cos, two);
        let lhs = arena.add([sin2, cos2]);
        let one = arena.int(1);
        assert_eq!(
            decide(&mut arena, &[(lhs, one)], &[], &[x], &no_globals, 1, None),
            Outcome::Agrees { points: POINTS }
        );
    }

    #[test]
    fn a_wrong_claim_gets_a_simple_counterexample() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let two = arena.int(2);
        let lhs = arena.mul([two, x]);
        let outcome = decide(&mut arena, &[(lhs, x)], &[], &[x], &no_globals, 1, None);
        assert_eq!(outcome, Outcome::Differs { pair: 0, point: vec![1.0], row: None, lhs: 2.0, rhs: 1.0 });
    }

    #[test]
    fn points_outside_the_domain_are_skipped() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let log = arena.apply(Func::Log, x);
        let exp = arena.apply(Func::Exp, log);
        let outcome = decide(&mut arena, &[(exp, x)], &[], &[x], &no_globals, 3, None);
        assert!(matches!(outcome, Outcome::Proved | Outcome::Agrees { .. }), "{outcome:?}");
    }

    #[test]
    fn cancellation_near_zero_is_not_a_disagreement() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let big = arena.int(1_000_000);
        let shifted = arena.add([x, big]);
        let lhs = arena.sub(shifted, big);
        let sin = arena.apply(Func::Sin, lhs);
        let rhs = arena.apply(Func::Sin, x);
        let outcome = decide(&mut arena, &[(sin, rhs)], &[], &[x], &no_globals, 5, None);
        assert!(matches!(outcome, Outcome::Proved | Outcome::Agrees { .. }), "{outcome:?}");
    }
}

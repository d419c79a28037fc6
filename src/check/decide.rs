//! Deciding a claim: is each left side equal to its right side for every
//! value of the variables? In this order:
//!
//! 1. **Proof**: the expanded difference of the two sides is 0.
//! 2. **Exact**: with no variables, a difference that expands to a nonzero
//!    number refutes the claim, unless the right side is a decimal, which
//!    claims the digits it was written with ([`digits`](super::digits)).
//! 3. **Cases**: with piecewise functions, the difference is 0 in every
//!    case of their pieces ([`cases`](super::cases)).
//! 4. **Sampling**: both sides are evaluated at points beside every
//!    breakpoint, at simple values (whole numbers and halves), at ±10^k for
//!    k = −3 … 3, and at 30 random points (reproducible from a seed) drawn
//!    from both signs, near zero and across magnitudes
//!    ([`points`](super::points)). They agree at a point when they differ
//!    by at most 1e-9 relative to the size of the numbers summed to make
//!    them. A disagreement becomes a counterexample, preferably at simple
//!    values such as 1 and 2; a point where only one side has a value makes
//!    the claim hold only where both are defined; a disagreement exactly on
//!    a breakpoint makes it hold except there.
//!
//! Hands on an [`Outcome`]: facts, never sentences.

use std::collections::HashMap;

use super::cases;
use super::digits;
use super::points::{self, Plan};
use crate::builtins::Func;
use crate::eval::direct::{EvalError, Evaluated, evaluate_value_with_scale, underflows};
use crate::eval::stable;
use crate::expr::arena::{Arena, Id, Node, Symbol};
use crate::expr::number::Number;
use crate::math::Problem;
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
    /// The difference simplifies to 0 in each of `cases` cases of the
    /// claim's piecewise functions.
    ProvedByCases { cases: usize },
    /// Equal at `points` random points (0 when there are no variables) and
    /// at `around` points beside breakpoints of piecewise functions.
    Agrees { points: usize, around: usize },
    /// A value rounds to the decimal written on the right at `digits`
    /// significant digits.
    ToDigits { digits: usize },
    /// A value does not round to the decimal written: the left side's
    /// `value` (`exact` when it is an exact number) and the first `digit`
    /// (from 1) that differs.
    DiffersInDigit { value: f64, exact: bool, digit: usize },
    /// The difference of pair `pair` (left − right) simplifies to a nonzero
    /// constant: false everywhere, whatever the numbers say.
    ConstantDifference { pair: usize, difference: f64 },
    /// Pair `pair` differs at `point` (values of the variables, in order),
    /// in data row `row` when the sides are vectors.
    Differs { pair: usize, point: Vec<f64>, row: Option<usize>, lhs: f64, rhs: f64 },
    /// Equal wherever both sides have values, but at `point` only one has:
    /// the left side when `left_defined`, with `value`. `conditions` say
    /// where the other side has values, when that is simple (`x > 0`), else
    /// are empty.
    DomainDiffers { pair: usize, point: Vec<f64>, left_defined: bool, value: f64, conditions: Vec<Condition> },
    /// Equal everywhere except on a breakpoint: where variable number
    /// `variable` is `point[variable]`, the sides are `lhs` and `rhs`.
    ExceptAt { pair: usize, variable: usize, point: Vec<f64>, lhs: f64, rhs: f64 },
    /// With no variables, the sides are vectors of different lengths.
    Lengths { pair: usize, left: usize, right: usize },
    /// With no variables, a side has no value.
    Undefined { pair: usize, left: bool, error: EvalError },
    /// Too few points where both sides are defined.
    Undecided { defined: usize, tried: usize },
}

impl Outcome {
    /// Whether the claim holds (✓).
    pub fn passed(&self) -> bool {
        matches!(
            self,
            Outcome::Proved | Outcome::ProvedByCases { .. } | Outcome::Agrees { .. } | Outcome::ToDigits { .. }
        )
    }

    /// Whether the claim holds only with a condition (neither ✓ nor ✗).
    pub fn conditional(&self) -> bool {
        matches!(self, Outcome::DomainDiffers { .. } | Outcome::ExceptAt { .. })
    }
}

/// Where a side has values, one variable at a time: `log(x)` needs x > 0,
/// `sqrt(x)` x ≥ 0, `1/x` x ≠ 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Condition {
    /// The variable's index.
    pub variable: usize,
    pub relation: Relation,
}

/// How a [`Condition`] compares its variable with 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    NonZero,
    NonNegative,
    Positive,
}

impl Relation {
    /// The relation to 0, as written after the variable's name.
    pub fn text(self) -> &'static str {
        match self {
            Relation::Positive => "> 0",
            Relation::NonNegative => "≥ 0",
            Relation::NonZero => "≠ 0",
        }
    }
}

/// How a claim is to be judged, besides its sides.
#[derive(Clone, Copy, Debug, Default)]
pub struct Rules {
    /// An absolute tolerance given with `within`, replacing the relative one.
    pub tolerance: Option<f64>,
    /// The significant digits of a decimal written as the right side of a
    /// value claim (see [`digits`](super::digits)).
    pub digits: Option<usize>,
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
    rules: Rules,
) -> Outcome {
    let digits = rules.digits.filter(|_| variables.is_empty() && pairs.len() == 1 && rules.tolerance.is_none());
    match symbolic(arena, pairs, rules.tolerance) {
        Symbolic::Proved => return Outcome::Proved,
        Symbolic::Constant { pair, difference } if digits.is_none() => {
            return Outcome::ConstantDifference { pair, difference };
        }
        _ => {}
    }
    if let Some(digits) = digits {
        return by_digits(arena, pairs[0], global, digits);
    }
    if !variables.is_empty()
        && let Some(cases) = cases::prove(arena, pairs)
    {
        return Outcome::ProvedByCases { cases };
    }
    let roots: Vec<Id> = pairs.iter().flat_map(|&(l, r)| [l, r]).chain(domain.iter().copied()).collect();
    let plan = Plan::new(arena, &roots, variables);
    let accurate = accurate_forms(arena, &roots);
    let sides = Sides { arena, pairs, domain, variables, global, tolerance: rules.tolerance, accurate };
    if variables.is_empty() {
        return sides.at_no_variables();
    }
    sides.sample(&plan, &mut Random::new(seed))
}

/// What the expanded differences show.
enum Symbolic {
    Proved,
    Constant { pair: usize, difference: f64 },
    Unknown,
}

fn symbolic(arena: &mut Arena, pairs: &[(Id, Id)], tolerance: Option<f64>) -> Symbolic {
    let mut proved = true;
    for (pair, &(lhs, rhs)) in pairs.iter().enumerate() {
        let difference = arena.sub(lhs, rhs);
        let expanded = arena.normal_form(difference);
        match arena.as_number(expanded) {
            Some(n) if n.is_zero() => {}
            Some(n) if tolerance.is_none_or(|t| n.to_f64().abs() > t) => {
                return Symbolic::Constant { pair, difference: n.to_f64() };
            }
            _ => proved = false,
        }
    }
    if proved { Symbolic::Proved } else { Symbolic::Unknown }
}

/// A value claim against a written decimal: the left value rounded to the
/// digits written.
fn by_digits(arena: &mut Arena, (lhs, rhs): (Id, Id), global: &dyn Fn(&str) -> Option<f64>, digits: usize) -> Outcome {
    let expanded = arena.normal_form(lhs);
    let exact = matches!(arena.as_number(expanded), Some(Number::Exact(_)));
    let accurate = accurate_forms(arena, &[lhs, rhs]);
    let sides = Sides { arena, pairs: &[], domain: &[], variables: &[], global, tolerance: None, accurate };
    let point = HashMap::new();
    let number = |id: Id, left: bool| match sides.evaluate(id, &point) {
        Ok((Evaluated::Number(x), _)) => Ok(x),
        Ok(_) => Err(Outcome::Undefined { pair: 0, left, error: not_a_number(id) }),
        Err(error) => Err(Outcome::Undefined { pair: 0, left, error }),
    };
    let (value, written) = match (number(lhs, true), number(rhs, false)) {
        (Ok(value), Ok(written)) => (value, written),
        (Err(outcome), _) | (_, Err(outcome)) => return outcome,
    };
    match digits::first_difference(value, written, digits) {
        None => Outcome::ToDigits { digits },
        Some(digit) => Outcome::DiffersInDigit { value, exact, digit },
    }
}

fn not_a_number(node: Id) -> EvalError {
    EvalError { node, problem: Problem::NotANumber, row: None }
}

/// Points where only one side has a value count only if every variable
/// is at most this large.
const DOMAIN_REACH: f64 = 100.0;

/// Simple values tried first for a counterexample.
const SIMPLE: [f64; 10] = [1.0, 2.0, 0.5, -1.0, 3.0, -2.0, 1.5, 0.25, -0.5, 4.0];

/// Points of simple values tried at random before the random points.
const SIMPLE_TRIES: usize = 100;

/// Up to 1000 points of [`SIMPLE`] values for `n` variables.
fn simple_points(n: usize) -> impl Iterator<Item = Vec<f64>> {
    let combinations = SIMPLE.len().saturating_pow(n.min(6) as u32).min(1000);
    (0..combinations).map(move |k| {
        let mut digits = k;
        (0..n)
            .map(|_| {
                let value = SIMPLE[digits % SIMPLE.len()];
                digits /= SIMPLE.len();
                value
            })
            .collect()
    })
}

enum Comparison {
    Equal,
    Different {
        pair: usize,
        row: Option<usize>,
        lhs: f64,
        rhs: f64,
    },
    /// One side has a value and the other is outside its domain, at a
    /// point within [`DOMAIN_REACH`] (beyond, exp(−x) underflows to 0 and
    /// log of it looks undefined).
    OneSided {
        pair: usize,
        left_defined: bool,
        value: f64,
    },
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
    /// Each side's accurate form for evaluation (`eval::stable`), so that a
    /// claim about `log(σ(z))` is not decided on values rounded to 0.
    accurate: HashMap<Id, Id>,
}

/// The accurate form of each of `roots`, by root.
fn accurate_forms(arena: &mut Arena, roots: &[Id]) -> HashMap<Id, Id> {
    roots.iter().copied().zip(stable::rewrite_all(arena, roots)).collect()
}

impl Sides<'_> {
    /// Whether the sides underflow at `point` (see [`underflows`]).
    fn underflows(&self, sides: &[Id], point: &HashMap<Symbol, f64>) -> bool {
        let leaf = |node: &Node| match node {
            Node::Var(symbol) => point.get(symbol).copied(),
            Node::Global(symbol) => (self.global)(self.arena.name(*symbol)),
            _ => None,
        };
        underflows(self.arena, sides, &leaf)
    }

    fn evaluate(&self, id: Id, point: &HashMap<Symbol, f64>) -> Result<(Evaluated, Evaluated), EvalError> {
        let leaf = |node: &Node| match node {
            Node::Var(symbol) => point.get(symbol).copied(),
            Node::Global(symbol) => (self.global)(self.arena.name(*symbol)),
            _ => None,
        };
        match self.accurate.get(&id) {
            // Where the accurate form has no value, neither has the written one, whose error names what was written.
            Some(&accurate) => evaluate_value_with_scale(self.arena, accurate, &leaf)
                .or_else(|_| evaluate_value_with_scale(self.arena, id, &leaf)),
            None => evaluate_value_with_scale(self.arena, id, &leaf),
        }
    }

    /// Compares two values (numbers, or vectors row by row, a number
    /// standing for every row).
    fn difference(&self, (l, l_scale): &(Evaluated, Evaluated), (r, r_scale): &(Evaluated, Evaluated)) -> Difference {
        let rows = match (l, r) {
            (Evaluated::Number(_), Evaluated::Number(_)) => None,
            (Evaluated::Vector(v), Evaluated::Number(_)) | (Evaluated::Number(_), Evaluated::Vector(v)) => {
                Some(v.len())
            }
            (Evaluated::Vector(a), Evaluated::Vector(b)) if a.len() == b.len() => Some(a.len()),
            (Evaluated::Vector(a), Evaluated::Vector(b)) => return Err((a.len(), b.len())),
        };
        let at = |value: &Evaluated, row: usize| match value {
            Evaluated::Number(x) => *x,
            Evaluated::Vector(v) => v[row],
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

    /// A side with no value whatever the variables, because a part of it
    /// without variables has none (`1e308*1e308`): that side's problem.
    fn constant_failure(&self) -> Option<Outcome> {
        let point = self.variables.iter().filter_map(|&v| match self.arena.node(v) {
            Node::Var(symbol) => Some((*symbol, 1.0)),
            _ => None,
        });
        let point: HashMap<Symbol, f64> = point.collect();
        let constant =
            |node: Id| !self.arena.reachable(&[node]).iter().any(|&n| matches!(self.arena.node(n), Node::Var(_)));
        self.pairs.iter().enumerate().find_map(|(pair, &(lhs, rhs))| {
            [(lhs, true), (rhs, false)].into_iter().find_map(|(side, left)| match self.evaluate(side, &point) {
                Err(error) if constant(error.node) => Some(Outcome::Undefined { pair, left, error }),
                _ => None,
            })
        })
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
        let within_reach = values.iter().all(|v| v.abs() <= DOMAIN_REACH);
        for (pair, &(lhs, rhs)) in self.pairs.iter().enumerate() {
            let (l, r) = match (self.evaluate(lhs, &point), self.evaluate(rhs, &point)) {
                (Ok(l), Ok(r)) => (l, r),
                (Ok((Evaluated::Number(value), _)), Err(error)) if within_reach && outside_domain(&error.problem) => {
                    return Comparison::OneSided { pair, left_defined: true, value };
                }
                (Err(error), Ok((Evaluated::Number(value), _))) if within_reach && outside_domain(&error.problem) => {
                    return Comparison::OneSided { pair, left_defined: false, value };
                }
                _ => return Comparison::Undefined,
            };
            match self.difference(&l, &r) {
                Ok(None) => {}
                // A difference made by an underflow is the floating point's, not the claim's.
                Ok(Some(_)) if self.underflows(&[lhs, rhs], &point) => return Comparison::Undefined,
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
        Outcome::Agrees { points: 0, around: 0 }
    }

    /// Tries the points beside breakpoints, then random points until
    /// [`POINTS`] have both sides defined, then the breakpoints themselves.
    fn sample(&self, plan: &Plan, random: &mut Random) -> Outcome {
        let mut one_sided = None;
        let mut around = 0;
        for point in plan.around(random) {
            match self.compare(&point) {
                Comparison::Equal => around += 1,
                Comparison::Different { .. } => return self.counterexample(plan, point),
                Comparison::OneSided { .. } => one_sided = one_sided.or(Some(point)),
                Comparison::Undefined => {}
            }
        }
        let mut special = self.simple_random(random);
        special.extend(points::magnitudes(self.variables.len(), random));
        for point in special {
            match self.compare(&point) {
                Comparison::Different { .. } if plan.on_breakpoint(&point).is_none() => {
                    return self.counterexample(plan, point);
                }
                Comparison::OneSided { .. } => one_sided = one_sided.or(Some(point)),
                _ => {}
            }
        }
        let mut defined = 0;
        for _ in 0..ATTEMPTS {
            if defined == POINTS {
                break;
            }
            let point: Vec<f64> = self.variables.iter().map(|_| points::sample(random)).collect();
            if plan.on_breakpoint(&point).is_some() {
                continue;
            }
            match self.compare(&point) {
                Comparison::Equal => defined += 1,
                Comparison::Different { .. } => return self.counterexample(plan, point),
                Comparison::OneSided { .. } => one_sided = one_sided.or(Some(point)),
                Comparison::Undefined => {}
            }
        }
        if defined < POINTS {
            return self.constant_failure().unwrap_or(Outcome::Undecided { defined, tried: ATTEMPTS });
        }
        if let Some(found) = one_sided {
            return self.domain_difference(plan, found);
        }
        for (variable, point) in plan.on(random) {
            match self.compare(&point) {
                Comparison::Different { pair, lhs, rhs, .. } => {
                    return Outcome::ExceptAt { pair, variable, point, lhs, rhs };
                }
                Comparison::OneSided { .. } => return self.domain_difference(plan, point),
                _ => {}
            }
        }
        Outcome::Agrees { points: POINTS, around }
    }

    /// [`SIMPLE_TRIES`] points of [`SIMPLE`] values drawn at random: whole
    /// numbers and halves meet what random decimals miss (`(x^2)^(1/2)` is
    /// not `x^1` at x = −1).
    fn simple_random(&self, random: &mut Random) -> Vec<Vec<f64>> {
        (0..SIMPLE_TRIES).map(|_| self.variables.iter().map(|_| SIMPLE[random.below(SIMPLE.len())]).collect()).collect()
    }

    /// A disagreement at simple values (off the breakpoints) if there is
    /// one, else at `found`.
    fn counterexample(&self, plan: &Plan, found: Vec<f64>) -> Outcome {
        for point in simple_points(self.variables.len()).filter(|p| plan.on_breakpoint(p).is_none()) {
            if let Comparison::Different { pair, row, lhs, rhs } = self.compare(&point) {
                return Outcome::Differs { pair, point, row, lhs, rhs };
            }
        }
        match self.compare(&found) {
            Comparison::Different { pair, row, lhs, rhs } => Outcome::Differs { pair, point: found, row, lhs, rhs },
            _ => Outcome::Undecided { defined: 0, tried: 1 },
        }
    }

    /// A point where only one side has a value, at simple values if there
    /// is one, else at `found`.
    fn domain_difference(&self, plan: &Plan, found: Vec<f64>) -> Outcome {
        let simple = simple_points(self.variables.len()).filter(|p| plan.on_breakpoint(p).is_none());
        for point in simple.chain(std::iter::once(found)) {
            if let Comparison::OneSided { pair, left_defined, value } = self.compare(&point) {
                let (lhs, rhs) = self.pairs[pair];
                let conditions = conditions(self.arena, if left_defined { rhs } else { lhs }, self.variables);
                return Outcome::DomainDiffers { pair, point, left_defined, value, conditions };
            }
        }
        Outcome::Undecided { defined: 0, tried: 1 }
    }
}

/// Whether a side has no value because a point is outside an operation's
/// domain (not because a number overflowed).
fn outside_domain(problem: &Problem) -> bool {
    matches!(
        problem,
        Problem::DivisionByZero
            | Problem::LogOfZero
            | Problem::LogOfNegative(_)
            | Problem::RootOfNegative(_)
            | Problem::FractionalPowerOfNegative { .. }
            | Problem::OutsideDomain { .. }
    )
}

/// Where `side` has values, as one condition per variable, when every
/// operation that needs one applies to a variable directly (`log(x)`,
/// `sqrt(y)`, `1/z`); empty otherwise.
fn conditions(arena: &Arena, side: Id, variables: &[Id]) -> Vec<Condition> {
    let mut found: Vec<Condition> = Vec::new();
    for id in arena.reachable(&[side]) {
        let (operand, relation) = match arena.node(id) {
            Node::Apply(Func::Log | Func::Log10 | Func::Log2, arg) => (*arg, Relation::Positive),
            Node::Apply(Func::Asin | Func::Acos, _) => return Vec::new(),
            Node::Pow(base, exponent) => match power_needs(arena, *base, *exponent) {
                Some(relation) => (*base, relation),
                None => continue,
            },
            _ => continue,
        };
        let Some(variable) = variables.iter().position(|&v| v == operand) else { return Vec::new() };
        match found.iter_mut().find(|c| c.variable == variable) {
            // x ≥ 0 and x ≠ 0 together are x > 0.
            Some(c) if c.relation != relation => c.relation = Relation::Positive,
            Some(_) => {}
            None => found.push(Condition { variable, relation }),
        }
    }
    found.sort_by_key(|c| c.variable);
    found
}

/// What `base^exponent` needs of its base: nothing for a whole exponent
/// ≥ 0 or a positive constant base.
fn power_needs(arena: &Arena, base: Id, exponent: Id) -> Option<Relation> {
    if matches!(arena.node(base), Node::Const(_)) || arena.as_number(base).is_some_and(|b| !b.is_negative()) {
        return None;
    }
    match arena.as_number(exponent) {
        Some(e) if e.as_integer().is_some() => e.is_negative().then_some(Relation::NonZero),
        Some(e) if e.is_negative() => Some(Relation::Positive),
        Some(_) => Some(Relation::NonNegative),
        None => Some(Relation::Positive),
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
        assert_eq!(decide(&mut arena, &[(lhs, rhs)], &[], &[b, c], &no_globals, 1, Rules::default()), Outcome::Proved);
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
            decide(&mut arena, &[(lhs, one)], &[], &[x], &no_globals, 1, Rules::default()),
            Outcome::Agrees { points: POINTS, around: 0 }
        );
    }

    #[test]
    fn a_wrong_claim_gets_a_simple_counterexample() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let two = arena.int(2);
        let lhs = arena.mul([two, x]);
        let outcome = decide(&mut arena, &[(lhs, x)], &[], &[x], &no_globals, 1, Rules::default());
        assert_eq!(outcome, Outcome::Differs { pair: 0, point: vec![1.0], row: None, lhs: 2.0, rhs: 1.0 });
    }

    #[test]
    fn a_difference_of_domains_is_its_own_outcome() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let log = arena.apply(Func::Log, x);
        let exp = arena.apply(Func::Exp, log);
        let outcome = decide(&mut arena, &[(exp, x)], &[], &[x], &no_globals, 3, Rules::default());
        let condition = Condition { variable: 0, relation: Relation::Positive };
        assert_eq!(
            outcome,
            Outcome::DomainDiffers {
                pair: 0,
                point: vec![-1.0],
                left_defined: false,
                value: -1.0,
                conditions: vec![condition]
            },
            "exp(log(x)) = x only where x > 0"
        );
        let domain = [log];
        let outcome = decide(&mut arena, &[(exp, x)], &domain, &[x], &no_globals, 3, Rules::default());
        assert!(matches!(outcome, Outcome::Agrees { .. }), "where log(x) is claimed: {outcome:?}");
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
        let outcome = decide(&mut arena, &[(sin, rhs)], &[], &[x], &no_globals, 5, Rules::default());
        assert!(matches!(outcome, Outcome::Proved | Outcome::Agrees { .. }), "{outcome:?}");
    }
}

//! Accurate forms for evaluation. [`rewrite`] takes an arena expression that
//! is about to be evaluated (by `direct`, or compiled into a `tape`) and
//! hands on an equal expression that evaluates accurately in `f64` where the
//! form as written loses its value to cancellation, overflow or underflow:
//! `log(σ(z))` is `−softplus(−z)`, `1 − σ(z)` is `σ(−z)`, `log(1 + u)` is
//! `log1p(u)`, `exp(u) − 1` is `expm1(u)`, `log(exp(a) + exp(b))` is the
//! max-shifted log-sum-exp, and so on (each rule says its form); over the
//! rows of a vector, `log(sum(exp(v)))` is too, with the log-softmax and
//! softmax-weighted sums built from it (`softmax`). Only evaluation sees
//! the result; what the user wrote prints as written.
//!
//! Every rule keeps the domain: the accurate form is undefined exactly where
//! the written one is. So [`evaluate`] falls back to the written form when
//! the accurate one has no value, and its error names what was written.
//!
//! Rules match the arena's canonical forms: a sum is one n-ary node with
//! numeric coefficients on its terms (`1 − σ(z)` is `1 + (−1)·σ(z)`,
//! however it was typed), a quotient is a product with a power −1. Children
//! are made accurate before their parents (id order, no recursion), so rules
//! compose: `log(1 − σ(z))` becomes `log(σ(−z))`, then `−softplus(z)`.

use std::collections::HashMap;

use super::direct::{self, EvalError, Evaluated, ValueLeaf};
use super::softmax;
use crate::builtins::Func;
use crate::expr::arena::{Arena, Id, Node};
use crate::expr::number::Number;
use crate::math::Problem;

/// The accurate form of `root` (see the module comment).
pub fn rewrite(arena: &mut Arena, root: Id) -> Id {
    rewrite_all(arena, &[root]).first().copied().unwrap_or(root)
}

/// The accurate forms of `roots`, sharing the work on common subexpressions.
pub fn rewrite_all(arena: &mut Arena, roots: &[Id]) -> Vec<Id> {
    let mut accurate: HashMap<Id, Id> = HashMap::new();
    for id in arena.reachable(roots) {
        let mut changed = false;
        arena.for_each_child(id, |child| changed |= accurate.get(&child).is_some_and(|&a| a != child));
        let over_rows =
            |arena: &mut Arena| softmax::rewrite(arena, id, &|child| accurate.get(&child).copied().unwrap_or(child));
        let better =
            match shifted_log_sum(arena, id).map(|shifted| rewrite(arena, shifted)).or_else(|| over_rows(arena)) {
                Some(final_form) => final_form,
                None => {
                    let rebuilt = if changed {
                        arena.rebuild(id, |child| accurate.get(&child).copied().unwrap_or(child))
                    } else {
                        id
                    };
                    accurate_form(arena, rebuilt).unwrap_or(rebuilt)
                }
            };
        accurate.insert(id, better);
    }
    roots.iter().map(|root| accurate.get(root).copied().unwrap_or(*root)).collect()
}

/// The value of `written` computed through `accurate`, its [`rewrite`].
/// Where the accurate form has no value, neither has the written one
/// (rules keep the domain): the written form is evaluated then, so the
/// error names the operation the user wrote. Except when the true value
/// is too large and the written form meets a 0 that stands for a tiny
/// number first (`1/sum(exp(v))` at v = −1000: not a division by zero):
/// then it is the accurate form's overflow, said of the whole expression.
pub fn evaluate(arena: &Arena, written: Id, accurate: Id, leaf: ValueLeaf) -> Result<Evaluated, EvalError> {
    direct::evaluate_with_values(arena, accurate, leaf).or_else(|accurate_error| {
        direct::evaluate_with_values(arena, written, leaf).map_err(|written_error| {
            let underflowed = matches!(written_error.problem, Problem::DivisionByZero | Problem::LogOfZero);
            match accurate_error.problem {
                Problem::Overflow if underflowed => EvalError { node: written, ..accurate_error },
                _ => written_error,
            }
        })
    })
}

/// `c·log(Σ exp(bᵢ)) − c·bⱼ` (a sum, as written) → `c·lse(bᵢ − bⱼ)`: the
/// log-softmax after the arena has split `log(exp(bⱼ)/Σ exp(bᵢ))` into a
/// difference, which cancels when bⱼ is the largest (`C(40, 0, −40)`).
/// Matched on the written form: the log's own accurate form would hide its sum.
fn shifted_log_sum(arena: &mut Arena, id: Id) -> Option<Id> {
    let Node::Add(items) = arena.node(id).clone() else { return None };
    for (i, &term) in items.iter().enumerate() {
        let (c, f) = coefficient(arena, term);
        let Node::Apply(Func::Log, sum) = *arena.node(f) else { continue };
        let Node::Add(terms) = arena.node(sum).clone() else { continue };
        let Some(exponents) = exponents(arena, &terms) else { continue };
        let rest: Vec<Id> = items.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &t)| t).collect();
        let rest = arena.add(rest);
        let per_log = arena.num(Number::ONE.checked_div(c)?.negate());
        let shift = arena.mul([per_log, rest]);
        if !exponents.contains(&shift) {
            continue;
        }
        let shifted: Vec<Id> = exponents.iter().map(|&b| arena.sub(b, shift)).collect();
        let lse = fold_log_add_exp(arena, &shifted)?;
        let c = arena.num(c);
        return Some(arena.mul([c, lse]));
    }
    None
}

/// The accurate form of one node whose children are accurate already, if a rule matches it.
fn accurate_form(arena: &mut Arena, id: Id) -> Option<Id> {
    match arena.node(id).clone() {
        Node::Add(items) => complement(arena, &items),
        Node::Apply(Func::Log, arg) => log_form(arena, arg),
        Node::Pow(base, exponent) => logistic_power(arena, base, exponent),
        Node::Mul(items) => logistic_product(arena, &items),
        _ => None,
    }
}

/// `k + c·f(u)` with `c = ∓k`, where `f(u)` is near ±1 and the sum cancels:
/// `1 − σ(u)` → `σ(−u)`, `exp(u) − 1` → `expm1(u)`, `1 ∓ tanh(u)` →
/// `2σ(∓2u)`, `1 − tanh(u)²` → `4σ(2u)σ(−2u)`; other terms stay.
fn complement(arena: &mut Arena, items: &[Id]) -> Option<Id> {
    let (at, k) = items.iter().enumerate().find_map(|(i, &t)| arena.as_number(t).map(|n| (i, n)))?;
    if k.is_zero() {
        return None;
    }
    for (i, &term) in items.iter().enumerate().filter(|&(i, _)| i != at) {
        let (c, f) = coefficient(arena, term);
        if let Some(replacement) = complement_of(arena, k, c, f) {
            let mut terms: Vec<Id> =
                items.iter().enumerate().filter(|&(j, _)| j != i && j != at).map(|(_, &t)| t).collect();
            terms.push(replacement);
            return Some(arena.add(terms));
        }
    }
    None
}

/// The accurate form of `k + c·f`, when `f` is a function that the sum cancels against `k`.
fn complement_of(arena: &mut Arena, k: Number, c: Number, f: Id) -> Option<Id> {
    let cancels = c.to_f64() == -k.to_f64();
    let two_k = k.checked_mul(Number::int(2))?;
    match arena.node(f).clone() {
        Node::Apply(Func::Sigmoid, u) if cancels => {
            let minus_u = arena.neg(u);
            let sigmoid = arena.apply(Func::Sigmoid, minus_u);
            Some(scaled(arena, k, sigmoid))
        }
        Node::Apply(Func::Exp, u) if cancels => {
            let expm1 = arena.apply(Func::Expm1, u);
            Some(scaled(arena, c, expm1))
        }
        Node::Apply(Func::Tanh, u) if cancels || c.to_f64() == k.to_f64() => {
            let sign = if cancels { -2 } else { 2 };
            let twice = scaled(arena, Number::int(sign), u);
            let sigmoid = arena.apply(Func::Sigmoid, twice);
            Some(scaled(arena, two_k, sigmoid))
        }
        Node::Pow(base, exponent) if cancels && arena.as_number(exponent) == Some(Number::int(2)) => {
            let Node::Apply(Func::Tanh, u) = *arena.node(base) else { return None };
            let (up, down) = (scaled(arena, Number::int(2), u), scaled(arena, Number::int(-2), u));
            let (up, down) = (arena.apply(Func::Sigmoid, up), arena.apply(Func::Sigmoid, down));
            let four_k = two_k.checked_mul(Number::int(2))?;
            let four_k = arena.num(four_k);
            Some(arena.mul([four_k, up, down]))
        }
        _ => None,
    }
}

/// `log(arg)` in an accurate form: the log of a positive product
/// ([`log_of_positive`]: `log(σ(u))` → `−softplus(−u)`, `log(Σ exp(aᵢ))` →
/// log-sum-exp, `log(exp(a)/Σ exp(bᵢ))` → `a − lse(b)`); `log(1 + u)` →
/// `log1p(u)`; `log(−expm1(u))` → `log1mexp(u)`; an exact number near 1 →
/// `log1p` of its distance from 1 (`log(1 + 1e-20)` is folded to `log(r)`
/// with r exact before it gets here).
fn log_form(arena: &mut Arena, arg: Id) -> Option<Id> {
    if let Node::Num(r) = *arena.node(arg) {
        if r.as_ratio().is_none() || !(0.5..2.0).contains(&r.to_f64()) || r.is_one() {
            return None;
        }
        let distance = arena.num(r.checked_add(Number::int(-1))?);
        return Some(arena.apply(Func::Log1p, distance));
    }
    if let Some(log) = log_of_positive(arena, arg) {
        return Some(log);
    }
    match arena.node(arg).clone() {
        Node::Add(items) => log1p_form(arena, &items),
        Node::Mul(_) => match coefficient(arena, arg) {
            (c, f) if c.to_f64() == -1.0 => match *arena.node(f) {
                Node::Apply(Func::Expm1, u) => Some(arena.apply(Func::Log1mexp, u)),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// `log(f)` without computing `f`, when `f` is a product of positive factors
/// whose logs are known: `exp(u)` → `u`, `σ(u)` → `−softplus(−u)`, a sum of
/// exponentials → [`log_sum_exp`], a sum or mean over rows of such → their
/// log-sum-exp (`softmax`), a number c > 0 → `log(c)`, a power with a
/// numeric exponent → that multiple, the absolute value of any of these
/// (building writes `log(s^2)` as `2*log(|s|)`) → its log. Nothing
/// overflows or underflows on the way (`log(exp(1000)/(exp(1000) +
/// exp(1000)))` is `−log(2)`).
pub(super) fn log_of_positive(arena: &mut Arena, f: Id) -> Option<Id> {
    match arena.node(f).clone() {
        Node::Apply(Func::Exp, u) => Some(u),
        Node::Apply(Func::Sigmoid, u) => {
            let minus_u = arena.neg(u);
            let softplus = arena.apply(Func::Softplus, minus_u);
            Some(arena.neg(softplus))
        }
        Node::Add(items) => log_sum_exp(arena, &items),
        Node::Reduce(..) => softmax::log_of_reduction(arena, f),
        // What has a log here is positive: its absolute value is itself.
        Node::Apply(Func::Abs, inner) => log_of_positive(arena, inner),
        Node::Pow(base, exponent) if arena.as_number(exponent).is_some() => {
            let log = log_of_positive(arena, base)?;
            Some(arena.mul([exponent, log]))
        }
        Node::Mul(items) => {
            if let Some(log) = log_softmax(arena, &items) {
                return Some(log);
            }
            if items.iter().all(|&i| arena.as_number(i).is_some() || is_plain(arena, i)) {
                return None;
            }
            let logs: Vec<Id> = items.iter().map(|&i| log_of_positive(arena, i)).collect::<Option<_>>()?;
            Some(arena.add(logs))
        }
        Node::Num(c) if !c.is_negative() && !c.is_zero() => Some(arena.apply(Func::Log, f)),
        _ => None,
    }
}

/// `log(exp(a)/Σ exp(bᵢ))` → `−lse(bᵢ − a)`: shifted before the sum, so
/// `a − lse(b)` does not cancel (the log-softmax, a cross-entropy's term).
fn log_softmax(arena: &mut Arena, items: &[Id]) -> Option<Id> {
    let [x, y] = items[..] else { return None };
    let (a, reciprocal) = match (exp_argument(arena, x), exp_argument(arena, y)) {
        (Some(a), None) => (a, y),
        (None, Some(a)) => (a, x),
        _ => return None,
    };
    let Node::Pow(base, exponent) = *arena.node(reciprocal) else { return None };
    let Node::Add(terms) = arena.node(base).clone() else { return None };
    if arena.as_number(exponent) != Some(Number::int(-1)) {
        return None;
    }
    let exponents = exponents(arena, &terms)?;
    let shifted: Vec<Id> = exponents.into_iter().map(|b| arena.sub(b, a)).collect();
    let lse = fold_log_add_exp(arena, &shifted)?;
    Some(arena.neg(lse))
}

/// A factor whose log is no more accurate than the log of the product it is in.
fn is_plain(arena: &Arena, id: Id) -> bool {
    !matches!(
        arena.node(id),
        Node::Apply(Func::Exp | Func::Sigmoid, _) | Node::Add(_) | Node::Pow(..) | Node::Reduce(..)
    )
}

/// `log(1 + rest)` → `log1p(rest)`.
fn log1p_form(arena: &mut Arena, items: &[Id]) -> Option<Id> {
    let one = items.iter().position(|&t| arena.as_number(t).is_some_and(Number::is_one))?;
    let rest: Vec<Id> = items.iter().enumerate().filter(|&(i, _)| i != one).map(|(_, &t)| t).collect();
    let rest = arena.add(rest);
    Some(arena.apply(Func::Log1p, rest))
}

/// `log(Σ exp(aᵢ))`, where each term is `c·exp(a)` or a number `c` (c > 0)
/// and one at least is an exponential: the max-shifted log-sum-exp of the
/// exponents, pair by pair ([`log_add_exp`]); `log(1 + exp(a))` is `softplus(a)`.
fn log_sum_exp(arena: &mut Arena, items: &[Id]) -> Option<Id> {
    let exponents = exponents(arena, items)?;
    fold_log_add_exp(arena, &exponents)
}

/// The exponents of a sum of exponentials ([`exponent`] of each term).
fn exponents(arena: &mut Arena, items: &[Id]) -> Option<Vec<Id>> {
    if items.iter().all(|&t| arena.as_number(t).is_some()) {
        return None;
    }
    items.iter().map(|&t| exponent(arena, t)).collect()
}

/// `log(Σ exp(aᵢ))`, pair by pair.
fn fold_log_add_exp(arena: &mut Arena, exponents: &[Id]) -> Option<Id> {
    let (&first, rest) = exponents.split_first()?;
    Some(rest.iter().fold(first, |total, &a| log_add_exp(arena, total, a)))
}

/// `a` for a term `exp(a)`, `a + log(c)` for `c·exp(a)`, `log(c)` for a
/// number, when c > 0; for a sum over rows `sum(exp(v))`, its log-sum-exp.
fn exponent(arena: &mut Arena, term: Id) -> Option<Id> {
    let (c, f) = coefficient(arena, term);
    if c.to_f64() <= 0.0 {
        return None;
    }
    let a = match *arena.node(f) {
        Node::Apply(Func::Exp, a) => a,
        Node::Num(n) if n.is_one() => arena.zero(),
        Node::Reduce(..) => softmax::log_of_reduction(arena, f)?,
        _ => return None,
    };
    if c.is_one() {
        return Some(a);
    }
    let c = arena.num(c);
    let log_c = arena.apply(Func::Log, c);
    Some(arena.add([a, log_c]))
}

/// `log(exp(a) + exp(b))` = `max(a, b) + softplus(−|a − b|)`, with the
/// maximum chosen exactly (`s·b + (1 − s)·a`, s = step(b − a) being 0 or 1):
/// nothing overflows, and the rounding is that of one sum.
fn log_add_exp(arena: &mut Arena, a: Id, b: Id) -> Id {
    let zero = arena.zero();
    if a == zero || b == zero {
        let other = if a == zero { b } else { a };
        return arena.apply(Func::Softplus, other);
    }
    let gap = arena.sub(b, a);
    let s = arena.apply(Func::Step, gap);
    let one = arena.one();
    let not_s = arena.sub(one, s);
    let (from_b, from_a) = (arena.mul([s, b]), arena.mul([not_s, a]));
    let distance = arena.apply(Func::Abs, gap);
    let minus_distance = arena.neg(distance);
    let tail = arena.apply(Func::Softplus, minus_distance);
    arena.add([from_b, from_a, tail])
}

/// `(1 + exp(u))^e` for a number e < 0 → `σ(−u)^(−e)`: the logistic
/// function written by hand, `1/(1 + exp(−z))`.
fn logistic_power(arena: &mut Arena, base: Id, exponent: Id) -> Option<Id> {
    let e = arena.as_number(exponent).filter(|e| e.is_negative())?;
    let Node::Add(items) = arena.node(base) else { return None };
    let [first, second] = items[..] else { return None };
    let u = match (arena.as_number(first), arena.as_number(second)) {
        (Some(one), None) if one.is_one() => exp_argument(arena, second)?,
        (None, Some(one)) if one.is_one() => exp_argument(arena, first)?,
        _ => return None,
    };
    let minus_u = arena.neg(u);
    let sigmoid = arena.apply(Func::Sigmoid, minus_u);
    let power = arena.num(e.negate());
    Some(arena.pow(sigmoid, power))
}

/// A product with several exponentials → one, `exp(a + b)`; with `exp(a)` and
/// `σ(−a)` → `σ(a)` (`exp(z)/(1 + exp(z))`), or
/// with `exp(a)` and `(exp(a) + exp(b))^(−1)` → `σ(a − b)` (the softmax of
/// two); other factors stay.
fn logistic_product(arena: &mut Arena, items: &[Id]) -> Option<Id> {
    let exponents: Vec<Id> = items.iter().filter_map(|&f| exp_argument(arena, f)).collect();
    if exponents.len() > 1 {
        // exp(a)·exp(b) = exp(a + b): the arena keeps them apart when one overflows.
        let total = arena.add(exponents);
        let mut rest: Vec<Id> = items.iter().copied().filter(|&f| exp_argument(arena, f).is_none()).collect();
        rest.push(arena.apply(Func::Exp, total));
        return Some(arena.mul(rest));
    }
    for (i, &factor) in items.iter().enumerate() {
        let Some(a) = exp_argument(arena, factor) else { continue };
        for (j, &other) in items.iter().enumerate() {
            let Some(sigmoid_argument) = logistic_partner(arena, a, other) else { continue };
            let sigmoid = arena.apply(Func::Sigmoid, sigmoid_argument);
            let mut rest: Vec<Id> =
                items.iter().enumerate().filter(|&(k, _)| k != i && k != j).map(|(_, &f)| f).collect();
            rest.push(sigmoid);
            return Some(arena.mul(rest));
        }
    }
    None
}

/// What `exp(a)·factor` is the logistic function of: `a` for `σ(−a)`,
/// `a − b` for `(exp(a) + exp(b))^(−1)`.
fn logistic_partner(arena: &mut Arena, a: Id, factor: Id) -> Option<Id> {
    match arena.node(factor).clone() {
        Node::Apply(Func::Sigmoid, w) => (arena.neg(a) == w).then_some(a),
        Node::Pow(base, exponent) if arena.as_number(exponent) == Some(Number::int(-1)) => {
            let Node::Add(items) = arena.node(base) else { return None };
            let [first, second] = items[..] else { return None };
            let (p, q) = (exp_argument(arena, first)?, exp_argument(arena, second)?);
            let b = if p == a {
                q
            } else if q == a {
                p
            } else {
                return None;
            };
            Some(arena.sub(a, b))
        }
        _ => None,
    }
}

fn exp_argument(arena: &Arena, id: Id) -> Option<Id> {
    match *arena.node(id) {
        Node::Apply(Func::Exp, a) => Some(a),
        _ => None,
    }
}

/// Splits `c·f` into (c, f); anything else has coefficient 1.
pub(super) fn coefficient(arena: &Arena, term: Id) -> (Number, Id) {
    if let Node::Mul(items) = arena.node(term)
        && let [a, b] = items[..]
    {
        match (arena.as_number(a), arena.as_number(b)) {
            (Some(c), None) => return (c, b),
            (None, Some(c)) => return (c, a),
            _ => {}
        }
    }
    (Number::ONE, term)
}

/// `c·x`.
fn scaled(arena: &mut Arena, c: Number, x: Id) -> Id {
    let c = arena.num(c);
    arena.mul([c, x])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::Reduction;

    /// `make(arena, x, y)` evaluated at (x, y) through its accurate form.
    fn value(x: f64, y: f64, make: impl Fn(&mut Arena, Id, Id) -> Id) -> Result<f64, EvalError> {
        let mut arena = Arena::new();
        let (sx, sy) = (arena.symbol("x"), arena.symbol("y"));
        let (vx, vy) = (arena.var(sx), arena.var(sy));
        let written = make(&mut arena, vx, vy);
        let accurate = rewrite(&mut arena, written);
        let leaf = |node: &Node| match node {
            Node::Var(s) if *s == sx => Some(Evaluated::Number(x)),
            Node::Var(s) if *s == sy => Some(Evaluated::Number(y)),
            _ => None,
        };
        evaluate(&arena, written, accurate, &leaf).map(|v| v.number().unwrap_or(f64::NAN))
    }

    fn close(actual: Result<f64, EvalError>, expected: f64) {
        let actual = actual.unwrap_or_else(|e| panic!("{e:?}"));
        assert!((actual - expected).abs() <= 1e-15 * expected.abs(), "{actual} ≠ {expected}");
    }

    fn one_minus(arena: &mut Arena, f: Id) -> Id {
        let one = arena.one();
        arena.sub(one, f)
    }

    #[test]
    fn log_of_sigmoid_and_its_complement() {
        let log_sigmoid = |a: &mut Arena, x: Id, _| {
            let s = a.apply(Func::Sigmoid, x);
            a.apply(Func::Log, s)
        };
        close(value(-800.0, 0.0, log_sigmoid), -800.0);
        close(value(2.0, 0.0, log_sigmoid), -0.1269280110429725);
        let complement = |a: &mut Arena, x: Id, _| {
            let s = a.apply(Func::Sigmoid, x);
            one_minus(a, s)
        };
        close(value(40.0, 0.0, complement), 4.248354255291589e-18);
        let log_complement = |a: &mut Arena, x: Id, _| {
            let s = a.apply(Func::Sigmoid, x);
            let c = one_minus(a, s);
            a.apply(Func::Log, c)
        };
        close(value(40.0, 0.0, log_complement), -40.0);
    }

    #[test]
    fn log_sum_exp_shifts_by_the_maximum() {
        let lse = |a: &mut Arena, x: Id, y: Id| {
            let (ex, ey) = (a.apply(Func::Exp, x), a.apply(Func::Exp, y));
            let sum = a.add([ex, ey]);
            a.apply(Func::Log, sum)
        };
        close(value(1000.0, 1000.0, lse), 1000.6931471805599);
        close(value(-1000.0, 1.0, lse), 1.0);
        close(value(1.0, 2.0, lse), 2.3132616875182228);
        let softmax = |a: &mut Arena, x: Id, y: Id| {
            let (ex, ey) = (a.apply(Func::Exp, x), a.apply(Func::Exp, y));
            let sum = a.add([ex, ey]);
            a.div(ex, sum)
        };
        close(value(1000.0, 1000.0, softmax), 0.5);
        // The log-softmax of three, which building splits into x − log(Σ): shifted by x, no cancelling.
        let log_softmax = |a: &mut Arena, x: Id, y: Id| {
            let (ex, ey, one) = (a.apply(Func::Exp, x), a.apply(Func::Exp, y), a.one());
            let sum = a.add([ex, ey, one]);
            let p = a.div(ex, sum);
            a.apply(Func::Log, p)
        };
        close(value(40.0, -40.0, log_softmax), -4.248354255291589e-18);
        close(value(3.0, 2.0, log_softmax), -0.349_012_216_768_186_4);
        let by_hand = |a: &mut Arena, x: Id, _| {
            let minus_x = a.neg(x);
            let e = a.apply(Func::Exp, minus_x);
            let one = a.one();
            let sum = a.add([one, e]);
            a.div(one, sum)
        };
        close(value(-700.0, 0.0, by_hand), 9.85967654375977e-305);
        assert_eq!(value(-1000.0, 0.0, by_hand), Ok(0.0), "underflows, as σ(−1000) does");
    }

    #[test]
    fn near_one_and_near_zero() {
        let log1p = |a: &mut Arena, x: Id, _| {
            let one = a.one();
            let sum = a.add([one, x]);
            a.apply(Func::Log, sum)
        };
        close(value(1e-20, 0.0, log1p), 1e-20);
        let expm1 = |a: &mut Arena, x: Id, _| {
            let e = a.apply(Func::Exp, x);
            let one = a.one();
            a.sub(e, one)
        };
        close(value(1e-20, 0.0, expm1), 1e-20);
        let tanh = |a: &mut Arena, x: Id, _| {
            let t = a.apply(Func::Tanh, x);
            one_minus(a, t)
        };
        close(value(20.0, 0.0, tanh), 8.496708510583178e-18);
        let sech2 = |a: &mut Arena, x: Id, _| {
            let t = a.apply(Func::Tanh, x);
            let two = a.int(2);
            let square = a.pow(t, two);
            one_minus(a, square)
        };
        close(value(20.0, 0.0, sech2), 1.6993417021166355e-17);
        let log1mexp = |a: &mut Arena, x: Id, _| {
            let minus_x = a.neg(x);
            let e = a.apply(Func::Exp, minus_x);
            let c = one_minus(a, e);
            a.apply(Func::Log, c)
        };
        close(value(40.0, 0.0, log1mexp), -4.248354255291589e-18);
        close(value(1e-20, 0.0, log1mexp), (1e-20f64).ln());
    }

    #[test]
    fn exact_numbers_near_one() {
        let mut arena = Arena::new();
        let r =
            arena.num(Number::ratio(100_000_000_000_000_000_001, 100_000_000_000_000_000_000).unwrap_or(Number::ONE));
        let log = arena.apply(Func::Log, r);
        let accurate = rewrite(&mut arena, log);
        close(evaluate(&arena, log, accurate, &|_| None).map(|v| v.total()), 1e-20);
    }

    #[test]
    fn errors_are_the_written_forms() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let one = arena.one();
        let sum = arena.add([one, x]);
        let log = arena.apply(Func::Log, sum);
        let accurate = rewrite(&mut arena, log);
        assert_ne!(accurate, log);
        let error = evaluate(&arena, log, accurate, &|_| Some(Evaluated::Number(-2.0))).err();
        assert_eq!(error.map(|e| (e.node, e.problem)), Some((log, Problem::LogOfNegative(-1.0))));
        let exp = arena.apply(Func::Exp, x);
        let accurate = rewrite(&mut arena, exp);
        let error = evaluate(&arena, exp, accurate, &|_| Some(Evaluated::Number(1000.0))).err();
        assert_eq!(error.map(|e| e.problem), Some(Problem::Overflow), "exp(1000) is too large");
    }

    /// `make(arena, a, v)` at a, v being the vector `rows`, through its
    /// accurate form; a tape computes the same value from it.
    fn over_rows(a: f64, rows: &[f64], make: impl Fn(&mut Arena, Id, Id) -> Id) -> Result<f64, EvalError> {
        let mut arena = Arena::new();
        let symbol = arena.symbol("a");
        let variable = arena.var(symbol);
        let v = arena.data("v", std::sync::Arc::new(ndarray::Array1::from(rows.to_vec())));
        let written = make(&mut arena, variable, v);
        let accurate = rewrite(&mut arena, written);
        let leaf = |node: &Node| matches!(node, Node::Var(_)).then_some(Evaluated::Number(a));
        let value = evaluate(&arena, written, accurate, &leaf).map(|v| v.number().unwrap_or(f64::NAN));
        if let Ok(value) = value {
            let tape = super::super::tape::Tape::compile(&arena, &[variable], &[accurate], &|_| None);
            let mut machine = tape.as_ref().map(|t| t.machine()).unwrap_or_else(|e| panic!("{e:?}"));
            machine.params()[0] = a;
            machine.run();
            let on_tape = machine.output(0);
            assert!((on_tape - value).abs() <= 1e-15 * value.abs(), "tape {on_tape} ≠ {value}");
        }
        value
    }

    /// `log(reduction(exp(a*v)))`.
    fn log_of_reduced_exp(arena: &mut Arena, a: Id, v: Id, reduction: Reduction) -> Id {
        let u = arena.mul([a, v]);
        let e = arena.apply(Func::Exp, u);
        let rows = arena.rows(e).unwrap_or(1);
        let reduced = arena.reduce(reduction, e, rows);
        arena.apply(Func::Log, reduced)
    }

    const LARGE: [f64; 3] = [1000.0, 1001.0, 999.0];

    #[test]
    fn log_sum_exp_over_rows_shifts_by_the_largest_row() {
        let lse = |a: &mut Arena, x: Id, v: Id| log_of_reduced_exp(a, x, v, Reduction::Sum);
        close(over_rows(1.0, &LARGE, lse), 1001.4076059644443);
        close(over_rows(-1000.0, &LARGE, lse), -999000.0);
        close(over_rows(1.0, &[0.0, -40.0], lse), 4.248354255291589e-18);
        let mean = |a: &mut Arena, x: Id, v: Id| log_of_reduced_exp(a, x, v, Reduction::Mean);
        close(over_rows(1.0, &LARGE, mean), 1000.3089936757763);
        let plus_one = |a: &mut Arena, x: Id, v: Id| {
            let (u, one) = (a.mul([x, v]), a.one());
            let e = a.apply(Func::Exp, u);
            let total = a.reduce(Reduction::Sum, e, 3);
            let sum = a.add([one, total]);
            a.apply(Func::Log, sum)
        };
        close(over_rows(-1.0, &[1.0, 2.0, 3.0], plus_one), 0.44018969856119533);
        close(over_rows(1.0, &LARGE, plus_one), 1001.4076059644443);
        let squared = |a: &mut Arena, x: Id, v: Id| {
            let u = a.mul([x, v]);
            let e = a.apply(Func::Exp, u);
            let total = a.reduce(Reduction::Sum, e, 3);
            let two = a.int(2);
            let square = a.pow(total, two);
            a.apply(Func::Log, square)
        };
        close(over_rows(1.0, &LARGE, squared), 2002.8152119288886);
    }

    #[test]
    fn softmax_weights_and_the_log_softmax_over_rows() {
        // The derivative of log(sum(exp(a*v))): sum(v*exp(a*v))/sum(exp(a*v)), the softmax-weighted mean of v.
        for reduction in [Reduction::Sum, Reduction::Mean] {
            let slope = |a: &mut Arena, x: Id, v: Id| {
                let lse = log_of_reduced_exp(a, x, v, reduction);
                a.derivative(lse, x)
            };
            close(over_rows(1.0, &LARGE, slope), 1000.5752103826044);
            close(over_rows(1.0, &[0.0, -40.0, -40.0], slope), -3.398683404233271e-16);
        }
        let log_softmax = |a: &mut Arena, x: Id, v: Id| {
            let (u, lse) = (a.mul([x, v]), log_of_reduced_exp(a, x, v, Reduction::Sum));
            let difference = a.sub(u, lse);
            a.reduce(Reduction::Sum, difference, 3)
        };
        close(over_rows(1.0, &LARGE, log_softmax), -4.222817893333141);
        // A confident, right prediction: its loss is e^-40 + e^-80, not the 0 that v - lse would round to.
        let cross_entropy = |a: &mut Arena, x: Id, v: Id| {
            let y = a.data("y", std::sync::Arc::new(ndarray::Array1::from(vec![1.0, 0.0, 0.0])));
            let (u, lse) = (a.mul([x, v]), log_of_reduced_exp(a, x, v, Reduction::Sum));
            let difference = a.sub(u, lse);
            let picked = a.mul([y, difference]);
            let mean = a.reduce(Reduction::Mean, picked, 3);
            a.neg(mean)
        };
        close(over_rows(1.0, &[40.0, 0.0, -40.0], cross_entropy), 4.248354255291589e-18 / 3.0);
        let probability = |a: &mut Arena, x: Id, v: Id| {
            let y = a.data("y", std::sync::Arc::new(ndarray::Array1::from(vec![0.0, 0.0, 1.0])));
            let u = a.mul([x, v]);
            let e = a.apply(Func::Exp, u);
            let total = a.reduce(Reduction::Sum, e, 3);
            let share = a.div(e, total);
            let picked = a.mul([y, share]);
            a.reduce(Reduction::Sum, picked, 3)
        };
        close(over_rows(1.0, &LARGE, probability), 0.09003057317038046);
    }

    #[test]
    fn a_reciprocal_of_a_sum_over_rows_is_too_large_only_when_it_is() {
        let reciprocal = |a: &mut Arena, x: Id, v: Id| {
            let u = a.mul([x, v]);
            let e = a.apply(Func::Exp, u);
            let total = a.reduce(Reduction::Sum, e, 3);
            let one = a.one();
            a.div(one, total)
        };
        close(over_rows(1.0, &[1.0, 2.0, 3.0], reciprocal), 0.03312039694626421);
        assert_eq!(over_rows(1.0, &LARGE, reciprocal), Ok(0.0), "e^-1001.4 underflows");
        let error = over_rows(-1.0, &LARGE, reciprocal).err().map(|e| e.problem);
        assert_eq!(error, Some(Problem::Overflow), "e^998.6, not a division by a sum that underflowed to 0");
    }

    #[test]
    fn the_written_form_is_kept_for_printing() {
        let mut arena = Arena::new();
        let symbol = arena.symbol("a");
        let a = arena.var(symbol);
        let v = arena.data("v", std::sync::Arc::new(ndarray::Array1::from(LARGE.to_vec())));
        let lse = log_of_reduced_exp(&mut arena, a, v, Reduction::Sum);
        let slope = arena.derivative(lse, a);
        let accurate = rewrite_all(&mut arena, &[lse, slope]);
        assert!(accurate[0] != lse && accurate[1] != slope);
        let mut printer = crate::expr::print::Printer::new(&arena);
        assert_eq!(printer.text(lse), "log(sum(exp(a*v)))");
        assert_eq!(printer.text(slope), "sum(v*exp(a*v))/sum(exp(a*v))");
    }
}

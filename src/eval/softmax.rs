//! Accurate forms over the rows of a vector, for `stable`: the log-sum-exp
//! and what is built from it.
//!
//! `log(sum(X))`, for positive rows X whose log ℓ is known (`exp(u)` → u,
//! `σ(u)` → −softplus(−u), …: `stable::log_of_positive`), is
//! `max(ℓ) + lse₀(ℓ)`: two internal reductions that one pass over the rows
//! takes (`Reduction::Max`, and `Reduction::LogSumExpShifted`, the
//! log-sum-exp of ℓ − max(ℓ)); `log(mean(X))` subtracts log n. Nothing
//! overflows, and one dominating row keeps its tail. From the same two:
//! - the log-softmax `ℓ − log(sum(X))` (`z - log(sum(exp(z)))`, a
//!   cross-entropy's term) is `(ℓ − max) − lse₀`;
//! - a ratio `sum(w*X)/sum(X)` (a derivative of the log-sum-exp) is the
//!   softmax-weighted sum `sum(w*exp(ℓ − max)·exp(−lse₀))`, `X/sum(X)` is
//!   the softmax itself, and `1/sum(X)` left unpaired is
//!   `exp(−max)·exp(−lse₀)`.
//!
//! The order of those operations is the point: max is the largest ℓ
//! exactly, so ℓ − max is exact where it counts, and lse₀ (between 0 and
//! log n) comes off after it, or its exponential multiplies after;
//! ℓ − (max + lse₀) would round the shift to the size of max (1e-13 at
//! 1000). So these sums and products are built as written (nested: the
//! canonical constructors would flatten them and merge exponentials), and
//! what the rules here build is final: `stable` does not rewrite it again.
//!
//! The rules read a node's written form (to find `sum(X)` inside
//! `sum(w*X)`, or the log being subtracted) together with the accurate
//! forms of its children, which `stable` has made already.

use super::stable;
use crate::builtins::{Func, Reduction};
use crate::expr::arena::{Arena, Id, Node};
use crate::expr::number::Number;

/// `log(reduced)` for a sum or mean over rows of positive rows whose log is
/// known: the log-sum-exp `max + rest` (see the module comment).
pub(super) fn log_of_reduction(arena: &mut Arena, reduced: Id) -> Option<Id> {
    let lse = RowLse::of(arena, reduced)?;
    Some(arena.add([lse.max, lse.rest]))
}

/// The accurate form of the written node `id`, if a rule over rows matches
/// it; `accurate` gives the accurate form of each of its descendants.
pub(super) fn rewrite(arena: &mut Arena, id: Id, accurate: &dyn Fn(Id) -> Id) -> Option<Id> {
    match arena.node(id).clone() {
        Node::Add(items) => log_softmax(arena, &items, accurate),
        Node::Mul(items) => ratios(arena, &items, accurate),
        Node::Pow(base, exponent) => {
            let e = arena.as_number(exponent).filter(|e| e.is_negative())?;
            let lse = RowLse::of(arena, accurate(base))?;
            Some(lse.reciprocal_power(arena, e, &[]))
        }
        _ => None,
    }
}

/// The log-sum-exp of a sum or mean over rows, in parts: `log(reduce(X))`
/// is `max + rest`, where `log_rows` is log X row by row, `max` its
/// largest row, and `rest` the log-sum-exp of `log_rows − max` (less
/// log n for a mean).
struct RowLse {
    log_rows: Id,
    max: Id,
    rest: Id,
}

impl RowLse {
    /// For `reduced` = `sum(X)` or `mean(X)`, when X has rows, positive, with a known log.
    fn of(arena: &mut Arena, reduced: Id) -> Option<RowLse> {
        let Node::Reduce(reduction, summand, rows) = *arena.node(reduced) else { return None };
        if !reduction.is_linear() || arena.rows(summand).is_none() {
            return None;
        }
        let log_rows = stable::log_of_positive(arena, summand)?;
        arena.rows(log_rows)?;
        let max = arena.written_reduce(Reduction::Max, log_rows, rows);
        let shifted = arena.written_reduce(Reduction::LogSumExpShifted, log_rows, rows);
        let rest = match reduction {
            Reduction::Mean => {
                let count = arena.int(rows as i128);
                let log_count = arena.apply(Func::Log, count);
                arena.sub(shifted, log_count)
            }
            _ => shifted,
        };
        Some(RowLse { log_rows, max, rest })
    }

    /// `log(X/reduce(X))` row by row: `(ℓ − max) − rest`, in that order.
    fn log_share(&self, arena: &mut Arena) -> Id {
        let centred = arena.written_sub(self.log_rows, self.max);
        arena.written_sub(centred, self.rest)
    }

    /// `X/reduce(X)` row by row, the softmax of ℓ (times n, for a mean):
    /// `exp(ℓ − max)·exp(−rest)`, each exponential rounded on its own
    /// (exp((ℓ − max) − rest) would carry the rounding of that difference,
    /// 3.5e-15 relative at −40, into the result).
    fn share(&self, arena: &mut Arena) -> Id {
        let centred = arena.written_sub(self.log_rows, self.max);
        let minus_rest = arena.neg(self.rest);
        let (outer, inner) = (arena.apply(Func::Exp, centred), arena.apply(Func::Exp, minus_rest));
        arena.written_mul(outer, inner)
    }

    /// `reduce(X)^e` for a number e < 0, times the exponentials whose
    /// arguments are `exponents`: `exp(Σ exponents + e·max)·exp(e·rest)`, so
    /// that `exp(a)/sum(exp(v))` does not overflow on the way either.
    fn reciprocal_power(&self, arena: &mut Arena, e: Number, exponents: &[Id]) -> Id {
        let e = arena.num(e);
        let mut outer = exponents.to_vec();
        outer.push(arena.mul([e, self.max]));
        let outer = arena.add(outer);
        let inner = arena.mul([e, self.rest]);
        let (outer, inner) = (arena.apply(Func::Exp, outer), arena.apply(Func::Exp, inner));
        arena.written_mul(outer, inner)
    }
}

/// `c·log(reduce(X)) − c·ℓ` (a sum, as written; ℓ = log X) → `−c·((ℓ − max) − rest)`:
/// the log-softmax, which would cancel computed as written.
fn log_softmax(arena: &mut Arena, items: &[Id], accurate: &dyn Fn(Id) -> Id) -> Option<Id> {
    for (i, &term) in items.iter().enumerate() {
        let (c, f) = stable::coefficient(arena, term);
        let Node::Apply(Func::Log, reduced) = *arena.node(f) else { continue };
        let Node::Reduce(_, summand, _) = *arena.node(reduced) else { continue };
        let Some(written_log) = stable::log_of_positive(arena, summand) else { continue };
        let Some(per_log) = Number::ONE.checked_div(c).map(Number::negate) else { continue };
        let rest: Vec<Id> = items.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &t)| t).collect();
        let rest = arena.add(rest);
        let per_log = arena.num(per_log);
        if arena.mul([per_log, rest]) != written_log {
            continue;
        }
        let Some(lse) = RowLse::of(arena, accurate(reduced)) else { continue };
        let log_share = lse.log_share(arena);
        let minus_c = c.negate();
        if minus_c.is_one() {
            return Some(log_share);
        }
        let minus_c = arena.num(minus_c);
        return Some(arena.written_mul(minus_c, log_share));
    }
    None
}

/// A product with factors `reduce(X)^(−k)`: each divides, one power at a
/// time, the factors `X` (→ the softmax) and `reduce(w*X)^j` (→ the
/// softmax-weighted `reduce(w*softmax)^j`); what is left of it is
/// [`RowLse::reciprocal_power`], with the product's other exponentials.
fn ratios(arena: &mut Arena, items: &[Id], accurate: &dyn Fn(Id) -> Id) -> Option<Id> {
    let mut open: Vec<Option<Id>> = items.iter().copied().map(Some).collect();
    let mut built = Vec::new();
    let mut left_over = Vec::new();
    for (i, &factor) in items.iter().enumerate() {
        let Node::Pow(base, exponent) = *arena.node(factor) else { continue };
        let Some(k) = arena.as_number(exponent).and_then(Number::as_integer).filter(|&k| k < 0).map(|k| -k) else {
            continue;
        };
        let Node::Reduce(_, summand, rows) = *arena.node(base) else { continue };
        let Some(lse) = RowLse::of(arena, accurate(base)) else { continue };
        open[i] = None;
        let mut k = k;
        for slot in open.iter_mut() {
            let Some(other) = *slot else { continue };
            if let Some((power, divided)) = divide(arena, other, (summand, rows), &lse, accurate)
                && power <= k
            {
                built.push(divided);
                k -= power;
                *slot = None;
            }
        }
        if k > 0 {
            left_over.push((lse, Number::int(-k)));
        }
    }
    if open.iter().all(Option::is_some) {
        return None;
    }
    let mut factors: Vec<Id> = open.into_iter().flatten().map(accurate).collect();
    for (index, (lse, e)) in left_over.iter().enumerate() {
        let mut exponents = Vec::new();
        if index == 0 {
            // The product's exponentials shift with the first leftover's max.
            factors.retain(|&f| match *arena.node(f) {
                Node::Apply(Func::Exp, a) => {
                    exponents.push(a);
                    false
                }
                _ => true,
            });
        }
        built.push(lse.reciprocal_power(arena, *e, &exponents));
    }
    factors.extend(built);
    Some(arena.written_product(factors))
}

/// `factor / reduce(X)^power` in an accurate form, when `factor` is `X`
/// (power 1: the softmax) or `reduce(w*X)^power` (X, its reduction's rows).
fn divide(
    arena: &mut Arena,
    factor: Id,
    (summand, rows): (Id, usize),
    lse: &RowLse,
    accurate: &dyn Fn(Id) -> Id,
) -> Option<(i128, Id)> {
    if factor == summand {
        return Some((1, lse.share(arena)));
    }
    let (reduced, power) = match *arena.node(factor) {
        Node::Pow(base, exponent) => (base, arena.as_number(exponent)?.as_integer().filter(|&j| j > 0)?),
        _ => (factor, 1),
    };
    let Node::Reduce(reduction, weighted, n) = *arena.node(reduced) else { return None };
    if !reduction.is_linear() || n != rows {
        return None;
    }
    let mut weights: Vec<Id> = match arena.node(weighted) {
        _ if weighted == summand => Vec::new(),
        Node::Mul(items) if items.contains(&summand) => items.to_vec(),
        _ => return None,
    };
    if let Some(at) = weights.iter().position(|&w| w == summand) {
        weights.remove(at);
    }
    let mut weights: Vec<Id> = weights.into_iter().map(accurate).collect();
    weights.push(lse.share(arena));
    let weighted = arena.written_product(weights);
    let reduced = arena.reduce(reduction, weighted, rows);
    let exponent = arena.int(power);
    Some((power, arena.pow(reduced, exponent)))
}

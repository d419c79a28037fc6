//! Simplification beyond the smart constructors: expansion, common
//! factors, common denominators, and the `simplify` heuristic that picks
//! the form a reader prefers.
//!
//! [`Arena::expand`] multiplies out products of sums and small integer
//! powers of sums, everywhere in an expression, so that like terms meet and
//! cancel: `y*(1 - σ(z)) - σ(z)*(1 - y)` becomes `y - σ(z)`; it gives up
//! (keeping a product unexpanded) past [`TERM_LIMIT`] terms. `check` uses it
//! to prove that two sides are equal. [`Arena::factor`] pulls factors common
//! to every term out of sums (`x*σ(t) - x*y` → `x*(σ(t) - y)`), and
//! [`Arena::together`] writes a sum of fractions over one denominator.
//! [`Arena::simplify`] keeps an expression as it is unless one of these
//! forms prints clearly shorter.
//!
//! Every rewriting here runs on a work budget (see `Arena::work`) linear in
//! its input's size, instead of size thresholds under which the work could
//! still be exponential: when the budget runs out, each step keeps what it
//! has, which is always equal to its input. The budget counts operations,
//! not time, so the same input gives the same form on every machine.

use std::collections::HashMap;

use super::arena::{Arena, Constancy, Id, Node};
use super::number::Number;
use crate::builtins::Reduction;

/// The most terms an expanded product may have.
pub const TERM_LIMIT: usize = 256;

/// The most factors, over all its terms, a sum may have for common factors
/// to be taken out of it (the product rule on a product of k factors gives k
/// terms of k - 1 factors each: this keeps k below about 45).
const FACTORING_SIZE: usize = 2000;

/// The most distinct factors grouping tries (see `grouped`).
const GROUPING_CANDIDATES: usize = 12;

/// The most nodes the terms grouping tries may span.
const GROUPING_NODES: usize = 160;

/// The largest integer power of a sum that is multiplied out.
const POWER_LIMIT: i128 = 6;

/// The work `simplify` may do (see `Arena::work`): this much per node of
/// its input, plus a base, so the cost grows linearly with the input.
const WORK_PER_NODE: u64 = 250;
const WORK_BASE: u64 = 10_000;

/// The work a normal form for a proof (`check`) may do per node: more than
/// `simplify`, since a proof that gives up falls back to sampling.
const PROOF_WORK_PER_NODE: u64 = 2000;

impl Arena {
    /// `expr` with products of sums multiplied out, bottom-up.
    pub fn expand(&mut self, expr: Id) -> Id {
        let budget = self.budget_for(expr, WORK_PER_NODE);
        self.with_budget(budget, |arena| arena.expand_with(expr, false))
    }

    /// A normal form for deciding equality: `expr` expanded, with sums and
    /// means of sums split into sums and means of terms and the factors
    /// that are the same in every row taken out (mean(m*x + b) → m*mean(x) + b).
    pub fn normal_form(&mut self, expr: Id) -> Id {
        let budget = self.budget_for(expr, PROOF_WORK_PER_NODE);
        self.with_budget(budget, |arena| arena.expand_with(expr, true))
    }

    /// The work an engine may spend on `expr`: linear in its size.
    fn budget_for(&self, expr: Id, per_node: u64) -> u64 {
        let size = self.reachable(&[expr]).len() as u64;
        WORK_BASE.saturating_add(per_node.saturating_mul(size))
    }

    fn expand_with(&mut self, expr: Id, split_reductions: bool) -> Id {
        let mut expanded: HashMap<Id, Id> = HashMap::new();
        for id in self.reachable(&[expr]) {
            if self.out_of_budget() {
                return expr;
            }
            let node = self.node(id).clone();
            let get = |n: &Id| expanded.get(n).copied().unwrap_or(*n);
            let result = match node {
                Node::Mul(items) => {
                    let factors: Vec<Id> = items.iter().map(get).collect();
                    self.distribute(&factors)
                }
                Node::Pow(base, exponent) => {
                    let (base, exponent) = (get(&base), get(&exponent));
                    self.expand_power(base, exponent)
                }
                Node::Reduce(reduction, arg, rows) if split_reductions && reduction.is_linear() => {
                    let arg = get(&arg);
                    self.distribute_reduction(reduction, arg, rows)
                }
                _ => self.rebuild(id, |child| get(&child)),
            };
            expanded.insert(id, result);
        }
        expanded.get(&expr).copied().unwrap_or(expr)
    }

    /// `expr`, or a rewriting of it that prints clearly shorter (by a
    /// quarter or more): factored forms such as `σ(z)*(1 - σ(z))` are what a
    /// reader expects unless another form really pays.
    pub fn simplify(&mut self, expr: Id) -> Id {
        let outermost = !self.in_budget();
        if let Some(&known) = self.simplified.get(&expr).filter(|_| outermost) {
            return known;
        }
        let nodes = self.reachable(&[expr]);
        if !nodes.iter().any(|&id| matches!(self.node(id), Node::Add(_))) {
            return expr; // nothing to expand, factor or put over one denominator
        }
        let budget = WORK_BASE.saturating_add(WORK_PER_NODE.saturating_mul(nodes.len() as u64));
        let simplified = self.with_budget(budget, |arena| arena.simplify_within(expr));
        if outermost {
            self.simplified.insert(expr, simplified);
        }
        simplified
    }

    /// `simplify` inside its work budget: each rewriting stops where the
    /// budget runs out, keeping what it has (always equal to `expr`).
    fn simplify_within(&mut self, expr: Id) -> Id {
        let expanded = self.expand(expr);
        let candidates = [self.factor(expr), self.factor(expanded), self.together(expanded), expanded];
        let original = self.print_length(expr);
        let mut best = (original, expr);
        for candidate in candidates {
            if candidate == expr {
                continue;
            }
            let length = self.print_length(candidate);
            if 4 * length <= 3 * original && length < best.0 {
                best = (length, candidate);
            }
        }
        self.minus_inside(best.1)
    }

    /// `-(y - σ)` as `σ - y`, `-mean(x*(y - σ))` as `mean(x*(σ - y))`: a
    /// leading minus moved into a sum it multiplies, when that is no longer.
    fn minus_inside(&mut self, expr: Id) -> Id {
        let (coefficient, rest) = self.split_coefficient_of(expr);
        if coefficient != Number::int(-1) {
            return expr;
        }
        match self.negated(rest) {
            Some(flipped) if self.print_length(flipped) <= self.print_length(expr) => flipped,
            _ => expr,
        }
    }

    /// `-e` with the minus taken into a sum inside `e`, if there is one.
    fn negated(&mut self, id: Id) -> Option<Id> {
        match self.node(id).clone() {
            Node::Add(items) => {
                let terms: Vec<Id> = items.iter().map(|&t| self.neg(t)).collect();
                Some(self.add(terms))
            }
            Node::Mul(items) => {
                let at = items.iter().position(|&f| matches!(self.node(f), Node::Add(_) | Node::Reduce(..)))?;
                let flipped = self.negated(items[at])?;
                let mut factors = items.to_vec();
                factors[at] = flipped;
                Some(self.mul(factors))
            }
            Node::Reduce(reduction, arg, rows) if reduction.is_linear() => {
                let flipped = self.negated(arg)?;
                Some(self.reduce(reduction, flipped, rows))
            }
            _ => None,
        }
    }

    /// Every sum in `expr` with the factors common to all its terms pulled out.
    pub fn factor(&mut self, expr: Id) -> Id {
        let mut factored: HashMap<Id, Id> = HashMap::new();
        for id in self.reachable(&[expr]) {
            if self.out_of_budget() {
                return expr;
            }
            let node = self.node(id).clone();
            let get = |n: &Id| factored.get(n).copied().unwrap_or(*n);
            let result = match node {
                Node::Add(items) => {
                    let terms: Vec<Id> = items.iter().map(get).collect();
                    self.factor_sum(&terms)
                }
                _ => self.rebuild(id, |child| get(&child)),
            };
            factored.insert(id, result);
        }
        factored.get(&expr).copied().unwrap_or(expr)
    }

    /// `terms` summed, with a whole number that divides every coefficient
    /// and the powers they all share written once in front.
    fn factor_sum(&mut self, terms: &[Id]) -> Id {
        let coefficients: Vec<Option<i128>> =
            terms.iter().map(|&t| self.split_coefficient_of(t).0.as_integer()).collect();
        let divisor = coefficients.iter().try_fold(0i128, |g, c| c.map(|c| num_integer::gcd(g, c)));
        if let Some(divisor) = divisor.filter(|&g| g > 1) {
            let whole = self.int(divisor);
            let Some(reciprocal) = Number::ratio(1, divisor) else { return self.add(terms.iter().copied()) };
            let reciprocal = self.num(reciprocal);
            let divided: Vec<Id> = terms.iter().map(|&t| self.mul([t, reciprocal])).collect();
            let inner = self.factor_sum(&divided);
            return self.mul([whole, inner]);
        }
        self.factor_powers(terms)
    }

    /// `terms` summed, with the powers they all share written once in front.
    fn factor_powers(&mut self, terms: &[Id]) -> Id {
        if self.out_of_budget() {
            return self.add(terms.iter().copied());
        }
        let parts: Vec<Vec<(Id, Number)>> = terms.iter().map(|&t| self.numeric_powers(t)).collect();
        if parts.iter().map(Vec::len).sum::<usize>() > FACTORING_SIZE {
            return self.add(terms.iter().copied()); // a sum of long products: factoring costs more than it shows
        }
        let mut common: Vec<(Id, Number)> = Vec::new();
        if let Some((first, rest)) = parts.split_first() {
            for &(base, exponent) in first {
                let mut least = exponent;
                let shared = rest.iter().all(|other| match other.iter().find(|(b, _)| *b == base) {
                    Some(&(_, e)) => {
                        if e.cmp_value(least).is_lt() {
                            least = e;
                        }
                        true
                    }
                    None => false,
                });
                if shared {
                    common.push((base, least));
                }
            }
        }
        if common.is_empty() {
            return self.grouped(terms).unwrap_or_else(|| self.add(terms.iter().copied()));
        }
        let mut outside = Vec::new();
        let mut inverse = Vec::new();
        for (base, exponent) in common {
            let e = self.num(exponent);
            outside.push(self.pow(base, e));
            let minus_e = self.num(exponent.negate());
            inverse.push(self.pow(base, minus_e));
        }
        let inside: Vec<Id> = terms
            .iter()
            .map(|&t| {
                let mut factors = inverse.clone();
                factors.push(t);
                self.mul(factors)
            })
            .collect();
        let inside_sum = self.grouped(&inside).unwrap_or_else(|| self.add(inside));
        outside.push(inside_sum);
        self.mul(outside)
    }

    /// `terms` summed, as m*R with R the sum left when common factors are
    /// taken out (`b*c + b*d` is b times `c + d`).
    fn multiple_of_sum(&mut self, terms: &[Id]) -> (Id, Id) {
        let factored = self.factor_sum(terms);
        if let Node::Mul(items) = self.node(factored).clone() {
            let sums: Vec<Id> = items.iter().copied().filter(|&f| matches!(self.node(f), Node::Add(_))).collect();
            if let [sum] = sums[..] {
                let others: Vec<Id> = items.iter().copied().filter(|&f| f != sum).collect();
                return (self.mul(others), sum);
            }
        }
        (self.one(), factored)
    }

    /// Factoring by grouping: a sum that is `f*A + m*R` with `A = ±R` for one
    /// of its factors f is `R*(m ± f)`, so `y*t^2 + σ - t^2*σ - y` becomes
    /// `(σ - y)*(1 - t^2)` and `a*c + a*d + b*c + b*d` becomes `(a + b)*(c + d)`.
    /// Tried on sums of three to eight terms with at most a dozen distinct factors.
    fn grouped(&mut self, terms: &[Id]) -> Option<Id> {
        if !(3..=8).contains(&terms.len()) {
            return None;
        }
        let mut candidates: Vec<(Id, Number)> = Vec::new();
        let mut factors = 0;
        for &term in terms {
            for power in self.numeric_powers(term) {
                factors += 1;
                if !candidates.contains(&power) {
                    candidates.push(power);
                }
            }
        }
        if factors > 4 * GROUPING_CANDIDATES || self.reachable(terms).len() > GROUPING_NODES {
            return None; // each try expands the terms: not for long products or large expressions
        }
        if candidates.len() > GROUPING_CANDIDATES {
            return None; // each candidate costs a normal form; long products have too many
        }
        for (base, exponent) in candidates {
            if self.out_of_budget() {
                return None;
            }
            let e = self.num(exponent);
            let factor = self.pow(base, e);
            let minus_e = self.num(exponent.negate());
            let inverse = self.pow(base, minus_e);
            let (with, without): (Vec<Id>, Vec<Id>) = terms.iter().partition(|&&t| {
                self.numeric_powers(t).iter().any(|&(b, x)| b == base && !x.cmp_value(exponent).is_lt())
            });
            if with.is_empty() || without.is_empty() {
                continue;
            }
            let divided: Vec<Id> = with.iter().map(|&t| self.mul([t, inverse])).collect();
            let a = self.add(divided);
            let (m, r) = self.multiple_of_sum(&without);
            for sign in [-1, 1] {
                let signed = self.int(sign);
                let scaled = self.mul([signed, r]);
                let difference = self.sub(a, scaled);
                let normal = self.normal_form(difference);
                if self.as_number(normal).is_some_and(Number::is_zero) {
                    // f*A + m*R with A = ±R is R*(m ± f).
                    let signed_factor = self.mul([signed, factor]);
                    let binomial = self.add([m, signed_factor]);
                    return Some(self.mul([r, binomial]));
                }
            }
        }
        None
    }

    /// The factors of a term with positive numeric exponents, as (base, exponent).
    fn numeric_powers(&mut self, term: Id) -> Vec<(Id, Number)> {
        let factors = self.factors_of(term);
        factors
            .into_iter()
            .filter_map(|(base, exponent)| self.as_number(exponent).map(|e| (base, e)))
            .filter(|(_, e)| !e.is_negative() && !e.is_zero())
            .collect()
    }

    /// The non-numeric factors of a term as (base, exponent) ids, leaving out
    /// bases that are 0 or undefined: multiplying a sum by `b^k/b^k` is only
    /// the same sum where b is nonzero, so `1e9 - t/0` must not become
    /// `(0*1e9 - 0*t/0)/0`.
    fn factors_of(&mut self, term: Id) -> Vec<(Id, Id)> {
        let one = self.int(1);
        let factors: Vec<Id> = match self.node(term) {
            Node::Mul(items) => items.to_vec(),
            _ => vec![term],
        };
        factors
            .into_iter()
            .filter(|&f| self.as_number(f).is_none())
            .map(|f| match self.node(f) {
                Node::Pow(base, exponent) => (*base, *exponent),
                _ => (f, one),
            })
            .filter(|&(base, _)| !matches!(self.constancy(base), Constancy::Undefined | Constancy::Value(0.0)))
            .collect()
    }

    /// A sum of fractions over one common denominator:
    /// `1/(1 + x^2) - 2*x^2/(1 + x^2)^2` → `(1 - x^2)/(1 + x^2)^2`.
    pub fn together(&mut self, expr: Id) -> Id {
        let Node::Add(terms) = self.node(expr).clone() else { return expr };
        if self.out_of_budget() {
            return expr;
        }
        let mut denominator: Vec<(Id, Number)> = Vec::new();
        for &term in terms.iter() {
            for (base, exponent) in self.factors_of(term) {
                let Some(power) = self.as_number(exponent).filter(|e| e.is_negative()).map(Number::negate) else {
                    continue;
                };
                match denominator.iter_mut().find(|(b, _)| *b == base) {
                    Some((_, known)) if known.cmp_value(power).is_lt() => *known = power,
                    Some(_) => {}
                    None => denominator.push((base, power)),
                }
            }
        }
        if denominator.is_empty() {
            return expr;
        }
        let mut whole = Vec::new();
        let mut reciprocal = Vec::new();
        for (base, power) in denominator {
            let e = self.num(power);
            whole.push(self.pow(base, e));
            let minus_e = self.num(power.negate());
            reciprocal.push(self.pow(base, minus_e));
        }
        let numerator_terms: Vec<Id> = terms
            .iter()
            .map(|&t| {
                let mut factors = whole.clone();
                factors.push(t);
                self.mul(factors)
            })
            .collect();
        let numerator = self.add(numerator_terms);
        reciprocal.push(self.expand(numerator));
        self.mul(reciprocal)
    }

    /// The product of `factors`, multiplied out over any sums among them.
    fn distribute(&mut self, factors: &[Id]) -> Id {
        let size = factors.iter().fold(1usize, |size, &f| match self.node(f) {
            Node::Add(items) => size.saturating_mul(items.len()),
            _ => size,
        });
        if size > TERM_LIMIT {
            return self.mul(factors.iter().copied());
        }
        let mut terms: Vec<Id> = vec![self.one()];
        for &factor in factors {
            let parts: Vec<Id> = match self.node(factor) {
                Node::Add(items) => items.to_vec(),
                _ => vec![factor],
            };
            if terms.len() * parts.len() > TERM_LIMIT {
                return self.mul(factors.iter().copied());
            }
            if self.out_of_budget() {
                return self.mul(factors.iter().copied());
            }
            let mut next = Vec::with_capacity(terms.len() * parts.len());
            for &term in &terms {
                for &part in &parts {
                    next.push(self.mul([term, part]));
                }
            }
            terms = next;
        }
        self.add(terms)
    }

    /// A sum or mean of a sum split into sums or means of its terms, with
    /// the factors that are the same in every row taken out:
    /// mean(m*x + b) → m*mean(x) + b.
    fn distribute_reduction(&mut self, reduction: Reduction, arg: Id, rows: usize) -> Id {
        let terms: Vec<Id> = match self.node(arg) {
            Node::Add(items) => items.to_vec(),
            _ => vec![arg],
        };
        let reduced: Vec<Id> = terms
            .into_iter()
            .map(|term| {
                let factors: Vec<Id> = match self.node(term) {
                    Node::Mul(items) => items.to_vec(),
                    _ => vec![term],
                };
                let (per_row, same): (Vec<Id>, Vec<Id>) = factors.into_iter().partition(|&f| self.rows(f).is_some());
                let inside = self.mul(per_row);
                let mut outside = same;
                outside.push(self.reduce(reduction, inside, rows));
                self.mul(outside)
            })
            .collect();
        self.add(reduced)
    }

    fn expand_power(&mut self, base: Id, exponent: Id) -> Id {
        let power = self.as_number(exponent).and_then(|n| n.as_integer());
        match power {
            Some(n) if (2..=POWER_LIMIT).contains(&n) && matches!(self.node(base), Node::Add(_)) => {
                let copies = vec![base; n as usize];
                self.distribute(&copies)
            }
            _ => self.pow(base, exponent),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::Func;
    use crate::expr::print::Printer;

    #[test]
    fn products_of_sums_multiply_out_and_cancel() {
        let mut arena = Arena::new();
        let (y, z) = (arena.symbol("y"), arena.symbol("z"));
        let (y, z) = (arena.var(y), arena.var(z));
        let s = arena.apply(Func::Sigmoid, z);
        let one = arena.int(1);
        let one_minus_s = arena.sub(one, s);
        let one_minus_y = arena.sub(one, y);
        let left = arena.mul([y, one_minus_s]);
        let right = arena.mul([s, one_minus_y]);
        let difference = arena.sub(left, right);
        let expanded = arena.expand(difference);
        assert_eq!(expanded, arena.sub(y, s));
    }

    #[test]
    fn powers_of_sums_expand() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let one = arena.int(1);
        let sum = arena.add([x, one]);
        let two = arena.int(2);
        let square = arena.pow(sum, two);
        let expanded = arena.expand(square);
        let x2 = arena.pow(x, two);
        let two_x = arena.mul([two, x]);
        assert_eq!(expanded, arena.add([x2, two_x, one]));
    }

    #[test]
    fn simplify_keeps_the_shorter_form() {
        let mut arena = Arena::new();
        let (a, b) = (arena.symbol("a"), arena.symbol("b"));
        let (a, b) = (arena.var(a), arena.var(b));
        let three = arena.int(3);
        let sum = arena.add([a, b]);
        let factored = arena.mul([three, sum]);
        assert_eq!(arena.simplify(factored), factored, "3*(a + b) is shorter than 3*a + 3*b");
    }

    #[test]
    fn common_factors_come_out() {
        let mut arena = Arena::new();
        let (x, y, t) = (arena.symbol("x"), arena.symbol("y"), arena.symbol("t"));
        let (x, y, t) = (arena.var(x), arena.var(y), arena.var(t));
        let s = arena.apply(Func::Sigmoid, t);
        let xs = arena.mul([x, s]);
        let xy = arena.mul([x, y]);
        let sum = arena.sub(xs, xy);
        let factored = arena.factor(sum);
        let inner = arena.sub(s, y);
        assert_eq!(factored, arena.mul([x, inner]));
    }

    #[test]
    fn fractions_over_one_denominator() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let (one, two) = (arena.int(1), arena.int(2));
        let square = arena.pow(x, two);
        let base = arena.add([one, square]);
        let f = arena.div(x, base);
        let d = arena.derivative(f, x);
        let simplified = arena.simplify(d);
        assert_eq!(crate::expr::print::Printer::new(&arena).text(simplified), "(1 - x^2)/(1 + x^2)^2");
    }

    #[test]
    fn division_by_a_literal_zero_never_becomes_zero_over_zero() {
        let mut arena = Arena::new();
        let env = crate::env::Env::default();
        for text in ["1e9 - t/0", "x/0 + 1/x", "t/0 - 2*t/0^2 + 1", "(x + 1)/(0*x) - 3", "t/(1 - 1) + t^2"] {
            let id = crate::lower::expression_from_text(&mut arena, &env, text).unwrap_or_else(|e| panic!("{e:?}"));
            for candidate in [arena.simplify(id), arena.together(id), arena.factor(id), arena.expand(id)] {
                let shown = Printer::new(&arena).text(candidate);
                assert!(!shown.contains("0/0") && !shown.contains("(0 +"), "{text} became {shown}");
            }
        }
    }

    #[test]
    fn huge_expansions_are_refused() {
        let mut arena = Arena::new();
        let names: Vec<Id> = (0..8)
            .map(|i| {
                let s = arena.symbol(&format!("x{i}"));
                arena.var(s)
            })
            .collect();
        let sum = arena.add(names);
        let six = arena.int(6);
        let power = arena.pow(sum, six);
        assert_eq!(arena.expand(power), power, "8^6 terms is too many");
    }

    #[test]
    fn factoring_by_grouping_and_whole_number_factors() {
        let mut arena = Arena::new();
        let env = crate::env::Env::default();
        let mut shown = |text: &str| {
            let id = crate::lower::expression_from_text(&mut arena, &env, text).unwrap_or_else(|e| panic!("{e:?}"));
            let factored = arena.factor(id);
            Printer::new(&arena).text(factored)
        };
        assert_eq!(shown("y*t^2 + s - t^2*s - y"), "(s - y)*(1 - t^2)");
        assert_eq!(shown("w*x*(2*s - 2*y)"), "2*w*x*(s - y)");
        assert_eq!(shown("a*c + a*d + b*c + b*d"), "(a + b)*(c + d)");
    }
}

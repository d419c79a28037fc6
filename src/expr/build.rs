//! Smart constructors: the only way operator nodes enter the arena, and so
//! the place where simplification happens, as expressions are built.
//!
//! Each constructor returns an expression equal to what was asked for
//! wherever that is defined, in canonical form: numbers folded exactly,
//! sums and products flattened, like terms (`b*c + c*b` → `2*b*c`) and like
//! factors (`x*x` → `x^2`) collected, identities removed (`x + 0`, `1*x`,
//! `x^1`, `x^0`, `0*x`). Subtraction, negation and division are built from
//! sums, products and powers (`a - b` is `a + -1*b`, `a/b` is `a*b^-1`);
//! the printer turns them back into what a reader writes.

use super::arena::{Arena, Id, Node, Symbol};
use super::number::Number;
use crate::builtins::{Constant, Func, Reduction};

impl Arena {
    pub fn num(&mut self, value: Number) -> Id {
        self.intern(Node::Num(value))
    }

    pub fn int(&mut self, value: i128) -> Id {
        self.num(Number::int(value))
    }

    pub fn constant(&mut self, constant: Constant) -> Id {
        self.intern(Node::Const(constant))
    }

    pub fn var(&mut self, symbol: Symbol) -> Id {
        self.intern(Node::Var(symbol))
    }

    pub fn global(&mut self, symbol: Symbol) -> Id {
        self.intern(Node::Global(symbol))
    }

    /// The value of a numeric node.
    pub fn as_number(&self, id: Id) -> Option<Number> {
        match self.node(id) {
            Node::Num(n) => Some(*n),
            _ => None,
        }
    }

    pub fn neg(&mut self, x: Id) -> Id {
        let minus_one = self.minus_one();
        self.mul([minus_one, x])
    }

    pub fn sub(&mut self, a: Id, b: Id) -> Id {
        let minus_b = self.neg(b);
        self.add([a, minus_b])
    }

    pub fn div(&mut self, a: Id, b: Id) -> Id {
        let minus_one = self.minus_one();
        let reciprocal = self.pow(b, minus_one);
        self.mul([a, reciprocal])
    }

    /// The number 0.
    pub fn zero(&self) -> Id {
        self.small[0]
    }

    /// The number 1.
    pub fn one(&self) -> Id {
        self.small[1]
    }

    /// The number -1.
    pub fn minus_one(&self) -> Id {
        self.small[2]
    }

    /// A sum, flattened, with like terms collected and numbers folded.
    pub fn add(&mut self, terms: impl IntoIterator<Item = Id>) -> Id {
        let terms = self.flatten(terms, |node| matches!(node, Node::Add(_)));
        if terms.iter().any(|&t| self.is_undefined(t)) {
            return self.unsimplified(terms, Node::Add);
        }
        let mut constant = Number::ZERO;
        let mut unfolded: Vec<Id> = Vec::new();
        // (term without its coefficient, coefficient, the term itself)
        let mut parts: Vec<(Id, Number, Id)> = Vec::with_capacity(terms.len());
        for term in terms {
            if let Some(n) = self.as_number(term) {
                match constant.checked_add(n) {
                    Some(sum) => constant = sum,
                    None => unfolded.push(term),
                }
                continue;
            }
            let (coefficient, rest) = self.split_coefficient(term);
            parts.push((rest, coefficient, term));
        }
        parts.sort_unstable_by_key(|(rest, _, _)| self.order_key(*rest));
        let mut result: Vec<Id> = Vec::with_capacity(parts.len() + 1);
        let mut index = 0;
        while index < parts.len() {
            let (rest, mut coefficient, term) = parts[index];
            let mut end = index + 1;
            while end < parts.len() && parts[end].0 == rest {
                match coefficient.checked_add(parts[end].1) {
                    Some(sum) => coefficient = sum,
                    None => unfolded.push(parts[end].2),
                }
                end += 1;
            }
            if end == index + 1 {
                result.push(term);
            } else if !coefficient.is_zero() {
                result.push(self.scaled(coefficient, rest));
            }
            index = end;
        }
        result.extend(unfolded);
        if !constant.is_zero() {
            result.push(self.num(constant));
        }
        self.finish(result, Number::ZERO, Node::Add)
    }

    /// A product, flattened, with numbers folded and powers of the same base merged.
    pub fn mul(&mut self, factors: impl IntoIterator<Item = Id>) -> Id {
        // A long product stays one factor, so a chain of k products (the
        // derivative of a k-deep composition) costs k nodes, not k² copies.
        let factors = self.flatten(factors, |node| matches!(node, Node::Mul(items) if items.len() <= LONG_PRODUCT));
        if factors.iter().any(|&f| self.is_undefined(f)) {
            return self.unsimplified(factors, Node::Mul);
        }
        let mut coefficient = Number::ONE;
        // (base, exponent, the factor itself)
        let mut powers: Vec<(Id, Id, Id)> = Vec::with_capacity(factors.len());
        for factor in factors {
            if let Some(n) = self.as_number(factor)
                && let Some(product) = coefficient.checked_mul(n)
            {
                coefficient = product;
                continue;
            }
            powers.push(match self.node(factor) {
                Node::Pow(base, exponent) => (*base, *exponent, factor),
                _ => (factor, self.one(), factor),
            });
        }
        if coefficient.is_zero() {
            return self.zero();
        }
        let exponentials: Vec<usize> =
            (0..powers.len()).filter(|&i| matches!(self.node(powers[i].2), Node::Apply(Func::Exp, _))).collect();
        if exponentials.len() > 1 {
            // exp(a)*exp(b) = exp(a + b), so exp(z)*exp(-z) is 1.
            let arguments: Vec<Id> = exponentials
                .iter()
                .filter_map(|&i| match self.node(powers[i].2) {
                    Node::Apply(Func::Exp, argument) => Some(*argument),
                    _ => None,
                })
                .collect();
            let sum = self.add(arguments);
            let merged = self.apply(Func::Exp, sum);
            let mut rest: Vec<Id> =
                (0..powers.len()).filter(|i| !exponentials.contains(i)).map(|i| powers[i].2).collect();
            rest.push(merged);
            rest.push(self.num(coefficient));
            return self.mul(rest);
        }
        powers.sort_unstable_by_key(|(base, _, _)| self.order_key(*base));
        let mut result = Vec::with_capacity(powers.len() + 1);
        let mut needs_another_pass = false;
        let mut index = 0;
        while index < powers.len() {
            let (base, _, factor) = powers[index];
            let end = index + powers[index..].iter().take_while(|(b, _, _)| *b == base).count();
            if end == index + 1 {
                result.push(factor);
            } else if !self.nonnegative(base, NONNEGATIVE_DEPTH) && self.merging_widens(&powers[index..end]) {
                result.extend(powers[index..end].iter().map(|(_, _, f)| *f));
            } else {
                let exponents: Vec<Id> = powers[index..end].iter().map(|(_, e, _)| *e).collect();
                let exponent = self.add(exponents);
                let merged = self.pow(base, exponent);
                needs_another_pass |= matches!(self.node(merged), Node::Mul(_) | Node::Num(_));
                result.push(merged);
            }
            index = end;
        }
        if !coefficient.is_one() {
            result.push(self.num(coefficient));
        }
        if needs_another_pass {
            return self.mul(result);
        }
        self.finish(result, Number::ONE, Node::Mul)
    }

    /// `base^exponent`, folded where exact.
    pub fn pow(&mut self, base: Id, exponent: Id) -> Id {
        if self.is_undefined(base) || self.is_undefined(exponent) {
            return self.intern(Node::Pow(base, exponent));
        }
        let (b, e) = (self.as_number(base), self.as_number(exponent));
        if let (Some(b), Some(e)) = (b, e)
            && let Some(value) = b.pow(e)
        {
            return self.num(value);
        }
        if e.is_some_and(Number::is_zero) || b.is_some_and(Number::is_one) {
            return self.one();
        }
        if e.is_some_and(Number::is_one) {
            return base;
        }
        match self.node(base).clone() {
            Node::Const(Constant::E) => self.apply(Func::Exp, exponent),
            Node::Apply(Func::Exp, inner) => {
                let product = self.mul([inner, exponent]);
                self.apply(Func::Exp, product)
            }
            // (b^a)^e = b^(a*e) only where both have values at the same b, and
            // the same values: sqrt(1/z) is z^(-1/2), but sqrt(x)^2 stays (no
            // value at x < 0), and sqrt(x^2) is |x| (see `NestedPower`).
            Node::Pow(inner_base, inner_exponent) => {
                let a = self.as_number(inner_exponent);
                let nested = if self.nonnegative(inner_base, NONNEGATIVE_DEPTH) {
                    Some(NestedPower::Merge)
                } else {
                    a.zip(e).map(|(a, e)| NestedPower::of(a, e))
                };
                match nested {
                    Some(NestedPower::Merge) => {
                        let product = self.mul([inner_exponent, exponent]);
                        self.pow(inner_base, product)
                    }
                    Some(NestedPower::Absolute) => {
                        let product = self.mul([inner_exponent, exponent]);
                        let magnitude = self.apply(Func::Abs, inner_base);
                        self.pow(magnitude, product)
                    }
                    _ => self.intern(Node::Pow(base, exponent)),
                }
            }
            // (a*b)^n = a^n * b^n for whole n, so 1/(2*x) is 1/2 * 1/x. A long
            // product stays whole, as it does inside products, so P/P cancels.
            Node::Mul(factors) if e.and_then(Number::as_integer).is_some() && factors.len() <= LONG_PRODUCT => {
                let powers: Vec<Id> = factors.iter().map(|&f| self.pow(f, exponent)).collect();
                self.mul(powers)
            }
            _ => self.intern(Node::Pow(base, exponent)),
        }
    }

    /// `f(arg)`, with exact values and inverse pairs folded.
    pub fn apply(&mut self, func: Func, arg: Id) -> Id {
        if self.is_undefined(arg) {
            return self.intern(Node::Apply(func, arg));
        }
        if let Some(n) = self.as_number(arg) {
            if let Some(value) = exact_value(func, n) {
                return self.num(value);
            }
            // A result of exactly 1 from a nonzero float (exp(1e-300)) has rounded the
            // argument away: kept unfolded, `exp(u) - 1` can still be computed as expm1(u).
            if let Number::Float(x) = n
                && let Some(value) = Number::float(func.apply(x))
                && !(value.is_one() && x != 0.0)
            {
                return self.num(value);
            }
        }
        if let Some(value) = self.value_at_multiple_of_pi(func, arg) {
            return self.num(value);
        }
        match (func, self.node(arg).clone()) {
            (Func::Log, Node::Mul(items)) if items.iter().any(|&f| self.is_exp(f)) => {
                // exp(a) > 0, so log(exp(a)*rest) = a + log(rest) wherever either side is defined.
                let (exponentials, rest): (Vec<Id>, Vec<Id>) = items.iter().partition(|&&f| self.is_exp(f));
                let mut terms: Vec<Id> = exponentials
                    .iter()
                    .filter_map(|&f| match self.node(f) {
                        Node::Apply(Func::Exp, inner) => Some(*inner),
                        _ => None,
                    })
                    .collect();
                let rest = self.mul(rest);
                terms.push(self.apply(Func::Log, rest));
                self.add(terms)
            }
            (Func::Log, Node::Pow(base, exponent))
                if self.as_number(exponent).and_then(Number::as_integer).is_some_and(|k| k % 2 != 0) =>
            {
                // An odd power has the sign of its base: log(x^-1) = -log(x).
                let log = self.apply(Func::Log, base);
                self.mul([exponent, log])
            }
            (Func::Log, Node::Pow(base, exponent))
                if self.as_number(exponent).and_then(Number::as_integer).is_some_and(|k| k != 0 && k % 2 == 0) =>
            {
                // An even power is |base| to it: log(x^2) = 2*log(|x|), for every x ≠ 0.
                let magnitude = self.apply(Func::Abs, base);
                let log = self.apply(Func::Log, magnitude);
                self.mul([exponent, log])
            }
            // log(exp(a)) = a everywhere; exp(log(x)) = x only for x > 0, so it stays.
            (Func::Log, Node::Apply(Func::Exp, inner)) => inner,
            (Func::Log, Node::Const(Constant::E)) => self.int(1),
            (Func::Abs, Node::Apply(Func::Abs, _)) => arg,
            _ => self.intern(Node::Apply(func, arg)),
        }
    }

    /// `value` in every row of the vector `like`: a number that cancelling
    /// left of a vector expression (`0*xs`, `xs - xs`, `xs/xs`) keeps the
    /// vector's rows, as `value + 0*xs`, so sums and lengths stay right.
    pub fn in_rows_of(&mut self, value: Id, like: Id) -> Id {
        if self.rows(value).is_some() || self.rows(like).is_none() {
            return value;
        }
        let (_, rest) = self.split_coefficient(like);
        let mut factors = match self.node(rest) {
            Node::Mul(items) => items.to_vec(),
            _ => vec![rest],
        };
        factors.push(self.zero());
        factors.sort_unstable_by_key(|&f| self.order_key(f));
        let zeros = self.intern(Node::Mul(factors.into()));
        if value == self.zero() {
            return zeros;
        }
        let mut terms = match self.node(value) {
            Node::Add(items) => items.to_vec(),
            _ => vec![value],
        };
        terms.push(zeros);
        self.finish(terms, Number::ZERO, Node::Add)
    }

    /// Whether merging powers of one base, (base, exponent, factor), would
    /// give a value where the factors have none: `sqrt(x)*sqrt(x)` is not
    /// `x` at x < 0. Merging is safe when a power has no value at b < 0
    /// after it either (a fractional sum), or every factor had one there.
    fn merging_widens(&self, powers: &[(Id, Id, Id)]) -> bool {
        let mut sum = Number::ZERO;
        let mut all_whole = true;
        for (_, exponent, _) in powers {
            let Some(n) = self.as_number(*exponent) else { return false };
            all_whole &= n.as_integer().is_some();
            match sum.checked_add(n) {
                Some(s) => sum = s,
                None => return false,
            }
        }
        !all_whole && sum.as_integer().is_some()
    }

    /// Whether `id` is ≥ 0 wherever it has a value, as far as `depth`
    /// levels show: `var(xs)` (a mean of squares), `exp(x)`, `abs(x)`,
    /// `x^2`, and sums and products of such. Powers of these merge freely.
    fn nonnegative(&self, id: Id, depth: usize) -> bool {
        if depth == 0 {
            return false;
        }
        match self.node(id) {
            Node::Num(n) => !n.is_negative(),
            Node::Const(_) => true,
            Node::Apply(func, _) => {
                matches!(func, Func::Exp | Func::Abs | Func::Sigmoid | Func::Softplus | Func::Relu | Func::Step)
            }
            Node::Pow(base, exponent) => {
                self.as_number(*exponent).and_then(Number::as_integer).is_some_and(|k| k % 2 == 0)
                    || self.nonnegative(*base, depth - 1)
            }
            Node::Add(items) | Node::Mul(items) => items.iter().all(|&item| self.nonnegative(item, depth - 1)),
            Node::Reduce(_, arg, _) => self.nonnegative(*arg, depth - 1),
            Node::Var(_) | Node::Global(_) | Node::Data(_) => false,
        }
    }

    fn is_exp(&self, id: Id) -> bool {
        matches!(self.node(id), Node::Apply(Func::Exp, _))
    }

    /// The sum or mean over the rows of `arg`, which has `rows` rows. When
    /// `arg` is a number (no data in it), it counts as that value in every
    /// row: its mean is itself and its sum is `rows` times it. (Likewise for
    /// the internal reductions: the max is itself, the shifted log-sum-exp
    /// `log(rows)`.)
    pub fn reduce(&mut self, reduction: Reduction, arg: Id, rows: usize) -> Id {
        if self.is_undefined(arg) {
            return self.intern(Node::Reduce(reduction, arg, rows));
        }
        if self.rows(arg).is_none() {
            return match reduction {
                Reduction::Mean | Reduction::Max => arg,
                Reduction::Sum => {
                    let count = self.int(rows as i128);
                    self.mul([count, arg])
                }
                Reduction::LogSumExpShifted => {
                    let count = self.int(rows as i128);
                    self.apply(Func::Log, count)
                }
            };
        }
        if !reduction.is_linear() {
            return self.intern(Node::Reduce(reduction, arg, rows));
        }
        // A numeric factor comes out of a sum or mean: mean(2*v) is 2*mean(v).
        let (coefficient, rest) = self.split_coefficient(arg);
        if !coefficient.is_one() {
            let inner = self.intern(Node::Reduce(reduction, rest, rows));
            let coefficient = self.num(coefficient);
            return self.mul([coefficient, inner]);
        }
        self.intern(Node::Reduce(reduction, arg, rows))
    }

    /// `id` with each child replaced by `replace(child)`, rebuilt through the
    /// smart constructors. Leaves come back unchanged.
    pub fn rebuild(&mut self, id: Id, replace: impl Fn(Id) -> Id) -> Id {
        match self.node(id).clone() {
            Node::Add(items) => {
                let terms: Vec<Id> = items.iter().map(|&i| replace(i)).collect();
                self.add(terms)
            }
            Node::Mul(items) => {
                let factors: Vec<Id> = items.iter().map(|&i| replace(i)).collect();
                self.mul(factors)
            }
            Node::Pow(base, exponent) => self.pow(replace(base), replace(exponent)),
            Node::Apply(func, arg) => self.apply(func, replace(arg)),
            Node::Reduce(reduction, arg, rows) => self.reduce(reduction, replace(arg), rows),
            Node::Num(_) | Node::Const(_) | Node::Var(_) | Node::Global(_) | Node::Data(_) => id,
        }
    }

    /// sin, cos and tan at k·π/2 for exact k.
    fn value_at_multiple_of_pi(&self, func: Func, arg: Id) -> Option<Number> {
        let halves = match self.node(arg) {
            Node::Const(Constant::Pi) => 2,
            Node::Mul(items) => match items[..] {
                [a, b] => {
                    let (k, pi) = if self.as_number(a).is_some() { (a, b) } else { (b, a) };
                    if *self.node(pi) != Node::Const(Constant::Pi) {
                        return None;
                    }
                    self.as_number(k)?.checked_mul(Number::int(2))?.as_integer()?
                }
                _ => return None,
            },
            _ => return None,
        };
        let quarter_turn = halves.rem_euclid(4);
        let (sin, cos) = [(0, 1), (1, 0), (0, -1), (-1, 0)][quarter_turn as usize];
        match func {
            Func::Sin => Some(Number::int(sin)),
            Func::Cos => Some(Number::int(cos)),
            Func::Tan if sin == 0 => Some(Number::ZERO),
            _ => None,
        }
    }

    /// Splits `3*b*c` into (3, `b*c`); a term without a coefficient has 1.
    pub(super) fn split_coefficient_of(&mut self, term: Id) -> (Number, Id) {
        self.split_coefficient(term)
    }

    /// Splits `3*b*c` into (3, `b*c`); a term without a coefficient has 1.
    fn split_coefficient(&mut self, term: Id) -> (Number, Id) {
        if let Node::Mul(items) = self.node(term)
            && let Some(at) = items.iter().position(|&i| self.as_number(i).is_some())
        {
            let coefficient = self.as_number(items[at]).unwrap_or(Number::ONE);
            let mut rest: Vec<Id> = items.to_vec();
            rest.remove(at);
            let rest = if rest.len() == 1 { rest[0] } else { self.intern(Node::Mul(rest.into())) };
            return (coefficient, rest);
        }
        (Number::ONE, term)
    }

    /// `coefficient * rest`, where `rest` is a product without a coefficient.
    fn scaled(&mut self, coefficient: Number, rest: Id) -> Id {
        if coefficient.is_one() {
            return rest;
        }
        let mut items = match self.node(rest) {
            Node::Mul(items) => items.to_vec(),
            _ => vec![rest],
        };
        items.push(self.num(coefficient));
        items.sort_unstable_by_key(|&i| self.order_key(i));
        self.intern(Node::Mul(items.into()))
    }

    /// Expands nested nodes of the same operator into one list (counted as
    /// work: sorting the list is what a sum or product costs).
    fn flatten(&self, items: impl IntoIterator<Item = Id>, same: impl Fn(&Node) -> bool) -> Vec<Id> {
        let mut flat = Vec::new();
        for item in items {
            let node = self.node(item);
            if same(node) {
                let mut children = Vec::new();
                self.for_each_child(item, |child| children.push(child));
                flat.extend(children);
            } else {
                flat.push(item);
            }
        }
        self.count(flat.len());
        flat
    }

    /// An n-ary node of exactly these parts: around an undefined constant,
    /// nothing is folded or cancelled, so evaluation reports the error.
    fn unsimplified(&mut self, items: Vec<Id>, make: fn(Box<[Id]>) -> Node) -> Id {
        self.finish(items, Number::ZERO, make)
    }

    /// Builds an n-ary node from its parts, or the single part, or `empty`.
    fn finish(&mut self, mut items: Vec<Id>, empty: Number, make: fn(Box<[Id]>) -> Node) -> Id {
        match items.len() {
            0 => self.num(empty),
            1 => items[0],
            _ => {
                items.sort_unstable_by_key(|&i| self.order_key(i));
                self.intern(make(items.into()))
            }
        }
    }
}

/// How deep [`Arena::nonnegative`] looks.
const NONNEGATIVE_DEPTH: usize = 6;

/// Whether `(b^a)^e` may be written with one exponent for numbers `a`, `e`.
#[derive(Debug, PartialEq)]
enum NestedPower {
    /// `b^(a*e)`: defined for the same b (up to b = 0), with the same values.
    Merge,
    /// `|b|^(a*e)`: `a` is even, so `b^a` is `|b|^a` (`sqrt(x^2)` is `|x|`).
    Absolute,
    /// Neither: `sqrt(x)^2` has no value at x < 0, where `x` has.
    Keep,
}

impl NestedPower {
    fn of(a: Number, e: Number) -> NestedPower {
        let Some(product) = a.checked_mul(e) else { return NestedPower::Keep };
        let whole = |n: Number| n.as_integer().is_some();
        let even = |n: Number| n.as_integer().is_some_and(|k| k % 2 == 0);
        // At b < 0: b^a has a value for whole a, and then (b^a)^e for whole
        // e, or any e when b^a > 0 (a even).
        let left_negative = whole(a) && (whole(e) || even(a));
        let right_negative = whole(product);
        if left_negative == right_negative && (!left_negative || whole(e) || even(product)) {
            NestedPower::Merge
        } else if even(a) {
            NestedPower::Absolute
        } else {
            NestedPower::Keep
        }
    }
}

/// Products with more factors than this are not merged into the products
/// they are factors of.
const LONG_PRODUCT: usize = 64;

/// `f(n)` when it is an exact number.
fn exact_value(func: Func, n: Number) -> Option<Number> {
    let Number::Exact(_) = n else { return None };
    let zero = n.is_zero();
    match func {
        Func::Exp | Func::Cos | Func::Cosh if zero => Some(Number::ONE),
        Func::Sin | Func::Tan | Func::Tanh | Func::Sinh | Func::Asin | Func::Atan if zero => Some(Number::ZERO),
        Func::Log10 | Func::Log2 if n.is_one() => Some(Number::ZERO),
        Func::Sigmoid if zero => Number::ratio(1, 2),
        Func::Log if n.is_one() => Some(Number::ZERO),
        Func::Abs => Some(n.abs()),
        Func::Relu => Some(if n.is_negative() { Number::ZERO } else { n }),
        Func::Step => Some(if n.is_negative() || zero { Number::ZERO } else { Number::ONE }),
        Func::Sign => Some(Number::int(if zero {
            0
        } else if n.is_negative() {
            -1
        } else {
            1
        })),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Arena, Id, Id, Id) {
        let mut arena = Arena::new();
        let (a, b, c) = (arena.symbol("a"), arena.symbol("b"), arena.symbol("c"));
        let (a, b, c) = (arena.var(a), arena.var(b), arena.var(c));
        (arena, a, b, c)
    }

    #[test]
    fn numbers_fold_exactly() {
        let mut arena = Arena::new();
        let tenth = arena.num(Number::parse_literal("0.1").unwrap());
        let thirty = arena.int(30);
        let product = arena.mul([tenth, thirty]);
        assert_eq!(arena.as_number(product), Some(Number::int(3)));
    }

    #[test]
    fn like_terms_and_factors_collect() {
        let (mut arena, _, b, c) = setup();
        let bc = arena.mul([b, c]);
        let cb = arena.mul([c, b]);
        assert_eq!(bc, cb);
        let sum = arena.add([bc, cb]);
        let two = arena.int(2);
        let expected = arena.mul([two, b, c]);
        assert_eq!(sum, expected);
        let square = arena.mul([b, b]);
        let expected = arena.pow(b, two);
        assert_eq!(square, expected);
    }

    #[test]
    fn identities_vanish() {
        let (mut arena, a, _, _) = setup();
        let (zero, one) = (arena.int(0), arena.int(1));
        assert_eq!(arena.add([a, zero]), a);
        assert_eq!(arena.mul([one, a]), a);
        assert_eq!(arena.pow(a, one), a);
        assert_eq!(arena.pow(a, zero), one);
        assert_eq!(arena.mul([zero, a]), zero);
        assert_eq!(arena.sub(a, a), zero);
        assert_eq!(arena.div(a, a), one);
    }

    #[test]
    fn nested_sums_flatten() {
        let (mut arena, a, b, c) = setup();
        let ab = arena.add([a, b]);
        let left = arena.add([ab, c]);
        let bc = arena.add([b, c]);
        let right = arena.add([a, bc]);
        assert_eq!(left, right);
    }

    #[test]
    fn powers_merge_only_where_both_forms_have_values() {
        let (mut arena, a, _, _) = setup();
        let half = arena.num(Number::ratio(1, 2).unwrap());
        let root = arena.pow(a, half);
        assert_ne!(arena.mul([root, root]), a, "sqrt(a)*sqrt(a) has no value at a < 0, a has");
        let two = arena.int(2);
        assert_ne!(arena.pow(root, two), a, "sqrt(a)^2 has no value at a < 0, a has");
        let three = arena.int(3);
        let cube = arena.pow(a, three);
        let three_halves = arena.num(Number::ratio(3, 2).unwrap());
        assert_eq!(arena.mul([root, a]), arena.pow(a, three_halves), "a^(3/2) has a value only at a ≥ 0 too");
        let four = arena.int(4);
        assert_eq!(arena.mul([cube, a]), arena.pow(a, four));
    }

    #[test]
    fn inverse_functions_cancel() {
        let (mut arena, a, _, _) = setup();
        let exp = arena.apply(Func::Exp, a);
        assert_eq!(arena.apply(Func::Log, exp), a);
        let e = arena.constant(Constant::E);
        assert_eq!(arena.pow(e, a), exp);
    }

    #[test]
    fn roots_of_odd_powers_merge_and_of_even_powers_do_not() {
        let (mut arena, a, _, _) = setup();
        let (minus_one, two) = (arena.minus_one(), arena.int(2));
        let half = arena.num(Number::ratio(1, 2).unwrap_or(Number::ONE));
        let reciprocal = arena.pow(a, minus_one);
        let minus_half = arena.num(Number::ratio(-1, 2).unwrap_or(Number::ONE));
        assert_eq!(arena.pow(reciprocal, half), arena.pow(a, minus_half), "sqrt(1/a) is a^(-1/2)");
        let square = arena.pow(a, two);
        let root = arena.pow(square, half);
        assert_eq!(root, arena.apply(Func::Abs, a), "sqrt(a^2) is |a|, not a");
        let three_halves = arena.num(Number::ratio(3, 2).unwrap_or(Number::ONE));
        let three = arena.int(3);
        let abs = arena.apply(Func::Abs, a);
        assert_eq!(arena.pow(square, three_halves), arena.pow(abs, three), "(a^2)^(3/2) is |a|^3");
        let four = arena.int(4);
        let fourth = arena.pow(a, four);
        assert_eq!(arena.pow(fourth, half), square, "sqrt(a^4) is a^2");
        let symbolic = arena.pow(a, half);
        let b = arena.symbol("b");
        let b = arena.var(b);
        let nested = arena.pow(symbolic, b);
        assert!(matches!(arena.node(nested), Node::Pow(base, _) if *base == symbolic), "(a^(1/2))^b stays");
    }

    #[test]
    fn exp_of_log_keeps_its_domain() {
        let (mut arena, a, _, _) = setup();
        let log = arena.apply(Func::Log, a);
        let exp = arena.apply(Func::Exp, log);
        assert_ne!(exp, a, "exp(log(a)) has no value at a ≤ 0");
    }

    #[test]
    fn exponentials_merge_and_logs_of_them_split() {
        let (mut arena, a, b, _) = setup();
        let (exp_a, minus_a) = (arena.apply(Func::Exp, a), arena.neg(a));
        let exp_minus_a = arena.apply(Func::Exp, minus_a);
        assert_eq!(arena.mul([exp_a, exp_minus_a]), arena.one());
        let exp_b = arena.apply(Func::Exp, b);
        let product = arena.mul([exp_a, exp_b]);
        let sum = arena.add([a, b]);
        assert_eq!(product, arena.apply(Func::Exp, sum));
        // log(exp(a)/b) = a - log(b): exp(a) is positive, so both sides are defined for the same b.
        let minus_one = arena.minus_one();
        let reciprocal = arena.pow(b, minus_one);
        let quotient = arena.mul([exp_a, reciprocal]);
        let log_b = arena.apply(Func::Log, b);
        let expected = arena.sub(a, log_b);
        assert_eq!(arena.apply(Func::Log, quotient), expected);
        // log(b^2) is defined for negative b, 2*log(b) is not: it is 2*log(|b|).
        let two = arena.int(2);
        let square = arena.pow(b, two);
        let log_square = arena.apply(Func::Log, square);
        let abs = arena.apply(Func::Abs, b);
        let log_abs = arena.apply(Func::Log, abs);
        assert_eq!(log_square, arena.mul([two, log_abs]));
    }

    #[test]
    fn exact_special_values() {
        let mut arena = Arena::new();
        let zero = arena.int(0);
        let sig = arena.apply(Func::Sigmoid, zero);
        assert_eq!(arena.as_number(sig), Number::ratio(1, 2));
        let pi = arena.constant(Constant::Pi);
        let sin = arena.apply(Func::Sin, pi);
        assert_eq!(arena.as_number(sin), Some(Number::ZERO));
        let three_halves = arena.num(Number::ratio(3, 2).unwrap());
        let angle = arena.mul([three_halves, pi]);
        let sin = arena.apply(Func::Sin, angle);
        assert_eq!(arena.as_number(sin), Some(Number::int(-1)));
        let two = arena.int(2);
        let log2 = arena.apply(Func::Log, two);
        assert_eq!(arena.as_number(log2), None, "log(2) stays symbolic");
    }

    #[test]
    fn undefined_operations_are_not_folded() {
        let mut arena = Arena::new();
        let (zero, one) = (arena.int(0), arena.int(1));
        let quotient = arena.div(one, zero);
        assert!(arena.as_number(quotient).is_none());
        assert!(arena.is_undefined(quotient));
    }

    #[test]
    fn undefined_constants_are_never_simplified_away() {
        let (mut arena, a, _, _) = setup();
        let minus_one = arena.int(-1);
        let log = arena.apply(Func::Log, minus_one);
        let zero = arena.int(0);
        let product = arena.mul([zero, log]);
        assert!(arena.is_undefined(product), "0*log(-1) must stay undefined");
        let difference = arena.sub(log, log);
        assert!(arena.is_undefined(difference), "log(-1) - log(-1) must stay undefined");
        let power = arena.pow(log, zero);
        assert!(arena.is_undefined(power));
        assert_eq!(arena.mul([zero, a]), zero, "0*a is 0 for every defined a");
    }

    #[test]
    fn internal_reductions_are_not_linear() {
        let (mut arena, a, _, _) = setup();
        let v = arena.data("v", std::sync::Arc::new(ndarray::Array1::from(vec![1.0, -2.0, 3.0])));
        let two = arena.int(-2);
        let scaled = arena.mul([two, v]);
        let max = arena.reduce(Reduction::Max, scaled, 3);
        assert_eq!(*arena.node(max), Node::Reduce(Reduction::Max, scaled, 3), "max(-2*v) is not -2*max(v)");
        let sum = arena.reduce(Reduction::Sum, scaled, 3);
        assert_ne!(*arena.node(sum), Node::Reduce(Reduction::Sum, scaled, 3), "sum(-2*v) is -2*sum(v)");
        assert_eq!(arena.reduce(Reduction::Max, a, 3), a);
        let three = arena.int(3);
        let log_three = arena.apply(Func::Log, three);
        assert_eq!(arena.reduce(Reduction::LogSumExpShifted, a, 3), log_three, "three equal rows");
        let b = arena.symbol("b");
        let b = arena.var(b);
        let shifted = arena.add([scaled, b]);
        let max = arena.reduce(Reduction::Max, shifted, 3);
        assert_eq!(arena.normal_form(max), max, "a max over rows does not split over a sum");
    }
}

//! Symbolic differentiation: ∂e/∂x for an arena expression e and a variable x.
//!
//! One pass over e's nodes in id order (children first, no recursion)
//! computes each node's derivative from its children's, with the smart
//! constructors simplifying as they build. Because the arena is a DAG, a
//! subexpression used many times is differentiated once, and the result
//! shares the original's nodes: the derivative of a 200-deep `sin` chain
//! is linear in size. Hands on the derivative's id.
//!
//! Rules at kinks: `relu'` is `step` (0 at 0), `abs'` is `sign` (0 at 0),
//! and `step' = sign' = 0` (everywhere but the jump). Sums and means are
//! differentiated row by row; the internal reductions of accurate forms
//! (`max`, the shifted log-sum-exp: see `eval::stable`) are not linear and
//! have their own rule.

use std::collections::HashMap;

use super::arena::{Arena, Id, Node};
use super::number::Number;
use crate::builtins::{Func, Reduction};

impl Arena {
    /// ∂`expr`/∂`variable`; `variable` is a `Var` node.
    pub fn derivative(&mut self, expr: Id, variable: Id) -> Id {
        let zero = self.zero();
        let mut derivatives: HashMap<Id, Id> = HashMap::new();
        for id in self.reachable(&[expr]) {
            let node = self.node(id).clone();
            let d = |n: &Id| derivatives.get(n).copied().unwrap_or(zero);
            let derivative = match node {
                Node::Var(_) if id == variable => self.one(),
                Node::Num(_) | Node::Const(_) | Node::Var(_) | Node::Global(_) | Node::Data(_) => zero,
                // Sums and means are linear: differentiate row by row.
                Node::Reduce(reduction, arg, rows) => {
                    let inner = d(&arg);
                    if inner == zero {
                        zero
                    } else if reduction.is_linear() {
                        self.reduce(reduction, inner, rows)
                    } else {
                        self.peak_rule(reduction, id, arg, inner, rows)
                    }
                }
                Node::Add(items) => {
                    let terms: Vec<Id> = items.iter().map(d).filter(|t| *t != zero).collect();
                    self.add(terms)
                }
                Node::Mul(items) => {
                    let derivatives: Vec<Id> = items.iter().map(d).collect();
                    self.product_rule(&items, &derivatives, zero)
                }
                Node::Pow(base, exponent) => self.power_rule(id, base, exponent, d(&base), d(&exponent), zero),
                Node::Apply(func, arg) => {
                    let inner = d(&arg);
                    if inner == zero {
                        zero
                    } else if let (Func::Log, Node::Apply(Func::Abs, magnitude)) = (func, self.node(arg)) {
                        // log(|u|)' = u'/u (sign(u)/|u| is 1/u wherever either has a value).
                        let magnitude = *magnitude;
                        let minus_one = self.minus_one();
                        let reciprocal = self.pow(magnitude, minus_one);
                        let d_magnitude = d(&magnitude);
                        self.mul([reciprocal, d_magnitude])
                    } else {
                        let outer = self.outer_derivative(func, id, arg);
                        self.mul([outer, inner])
                    }
                }
            };
            if derivative != zero {
                derivatives.insert(id, derivative);
            }
        }
        derivatives.get(&expr).copied().unwrap_or(zero)
    }

    /// The derivative of the internal reductions of `u` (with derivative
    /// `du`) over `rows` rows, `reduced` being one of them: `max(u)` moves
    /// with its row (tied rows share, the mean of their `du`: a
    /// subgradient); `log Σ exp(u − max u)` by the softmax-weighted `du`,
    /// less the max's move.
    fn peak_rule(&mut self, reduction: Reduction, reduced: Id, u: Id, du: Id, rows: usize) -> Id {
        let max = self.reduce(Reduction::Max, u, rows);
        let gap = self.sub(max, u);
        let below = self.apply(Func::Step, gap);
        let one = self.one();
        let at_max = self.sub(one, below);
        let moved = self.mul([at_max, du]);
        let moved = self.reduce(Reduction::Sum, moved, rows);
        let ties = self.reduce(Reduction::Sum, at_max, rows);
        let minus_one = self.minus_one();
        let per_tie = self.pow(ties, minus_one);
        let d_max = self.mul([moved, per_tie]);
        if reduction == Reduction::Max {
            return d_max;
        }
        let shift = self.add([max, reduced]);
        let shifted = self.sub(u, shift);
        let weight = self.apply(Func::Exp, shifted);
        let relative = self.sub(du, d_max);
        let weighted = self.mul([weight, relative]);
        self.reduce(Reduction::Sum, weighted, rows)
    }

    /// Σᵢ f₁⋯fᵢ'⋯fₙ, skipping factors whose derivative is 0.
    fn product_rule(&mut self, factors: &[Id], derivatives: &[Id], zero: Id) -> Id {
        let mut terms = Vec::new();
        for (index, &derivative) in derivatives.iter().enumerate() {
            if derivative == zero {
                continue;
            }
            let mut parts: Vec<Id> = factors.to_vec();
            parts[index] = derivative;
            terms.push(self.mul(parts));
        }
        self.add(terms)
    }

    /// d(bᵉ) for `power` = bᵉ with derivatives `db`, `de` of base and exponent.
    fn power_rule(&mut self, power: Id, base: Id, exponent: Id, db: Id, de: Id, zero: Id) -> Id {
        match (db == zero, de == zero) {
            (true, true) => zero,
            // e·b^(e−1)·b'
            (false, true) => {
                let minus_one = self.minus_one();
                let lowered = self.add([exponent, minus_one]);
                let reduced = self.pow(base, lowered);
                self.mul([exponent, reduced, db])
            }
            // bᵉ·log(b)·e'
            (true, false) => {
                let log = self.apply(Func::Log, base);
                self.mul([power, log, de])
            }
            // bᵉ·(e'·log(b) + e·b'/b)
            (false, false) => {
                let log = self.apply(Func::Log, base);
                let from_exponent = self.mul([de, log]);
                let minus_one = self.minus_one();
                let reciprocal = self.pow(base, minus_one);
                let from_base = self.mul([exponent, db, reciprocal]);
                let sum = self.add([from_exponent, from_base]);
                self.mul([power, sum])
            }
        }
    }

    /// f'(a) for `applied` = f(a).
    fn outer_derivative(&mut self, func: Func, applied: Id, arg: Id) -> Id {
        let one = self.one();
        let two = self.int(2);
        match func {
            Func::Exp => applied,
            Func::Log => {
                let minus_one = self.minus_one();
                self.pow(arg, minus_one)
            }
            Func::Sin => self.apply(Func::Cos, arg),
            Func::Cos => {
                let sin = self.apply(Func::Sin, arg);
                self.neg(sin)
            }
            // 1 + tan², 1 − tanh²: written with the node itself, so it is shared.
            Func::Tan => {
                let square = self.pow(applied, two);
                self.add([one, square])
            }
            Func::Tanh => {
                let square = self.pow(applied, two);
                self.sub(one, square)
            }
            Func::Sigmoid => {
                let complement = self.sub(one, applied);
                self.mul([applied, complement])
            }
            Func::Softplus => self.apply(Func::Sigmoid, arg),
            Func::Relu => self.apply(Func::Step, arg),
            Func::Abs => self.apply(Func::Sign, arg),
            Func::Step | Func::Sign => self.num(Number::ZERO),
            Func::Log10 | Func::Log2 => {
                let base = self.int(if func == Func::Log10 { 10 } else { 2 });
                let log_base = self.apply(Func::Log, base);
                let product = self.mul([arg, log_base]);
                let minus_one = self.minus_one();
                self.pow(product, minus_one)
            }
            // asin' = (1 − x²)^(−1/2), acos' = −(1 − x²)^(−1/2), atan' = (1 + x²)^(−1)
            Func::Asin | Func::Acos => {
                let square = self.pow(arg, two);
                let complement = self.sub(one, square);
                let minus_half = self.num(Number::ratio(-1, 2).unwrap_or(Number::ONE));
                let root = self.pow(complement, minus_half);
                if func == Func::Asin { root } else { self.neg(root) }
            }
            Func::Atan => {
                let square = self.pow(arg, two);
                let sum = self.add([one, square]);
                let minus_one = self.minus_one();
                self.pow(sum, minus_one)
            }
            Func::Sinh => self.apply(Func::Cosh, arg),
            Func::Cosh => self.apply(Func::Sinh, arg),
            // log1p' = (1 + x)^(−1), expm1' = exp, log1mexp'(x) = −1/expm1(−x)
            Func::Log1p => {
                let sum = self.add([one, arg]);
                let minus_one = self.minus_one();
                self.pow(sum, minus_one)
            }
            Func::Expm1 => self.apply(Func::Exp, arg),
            Func::Log1mexp => {
                let minus_arg = self.neg(arg);
                let expm1 = self.apply(Func::Expm1, minus_arg);
                let minus_one = self.minus_one();
                let reciprocal = self.pow(expm1, minus_one);
                self.neg(reciprocal)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::Constant;

    struct DiffFixture {
        arena: Arena,
        x: Id,
        y: Id,
    }

    fn fixture() -> DiffFixture {
        let mut arena = Arena::new();
        let (x, y) = (arena.symbol("x"), arena.symbol("y"));
        let (x, y) = (arena.var(x), arena.var(y));
        DiffFixture { arena, x, y }
    }

    /// Checks d/dx of `build(x)` against `expected(x)` by hash-consed identity.
    fn rule(build: impl Fn(&mut Arena, Id) -> Id, expected: impl Fn(&mut Arena, Id) -> Id) {
        let DiffFixture { mut arena, x, .. } = fixture();
        let e = build(&mut arena, x);
        let d = arena.derivative(e, x);
        let want = expected(&mut arena, x);
        assert_eq!(d, want, "derivative differs from the rule");
    }

    #[test]
    fn sum_and_constant_rules() {
        rule(
            |a, x| {
                let three = a.int(3);
                let c = a.constant(Constant::Pi);
                a.add([x, three, c])
            },
            |a, _| a.int(1),
        );
    }

    #[test]
    fn product_rule() {
        let DiffFixture { mut arena, x, y } = fixture();
        let xy = arena.mul([x, y]);
        assert_eq!(arena.derivative(xy, x), y);
        let sin = arena.apply(Func::Sin, x);
        let product = arena.mul([x, sin]);
        let d = arena.derivative(product, x);
        let cos = arena.apply(Func::Cos, x);
        let x_cos = arena.mul([x, cos]);
        let expected = arena.add([sin, x_cos]);
        assert_eq!(d, expected);
    }

    #[test]
    fn quotient_through_negative_power() {
        rule(
            |a, x| {
                let one = a.int(1);
                a.div(one, x)
            },
            |a, x| {
                let minus_two = a.int(-2);
                let p = a.pow(x, minus_two);
                a.neg(p)
            },
        );
    }

    #[test]
    fn power_rule_with_constant_exponent() {
        rule(
            |a, x| {
                let three = a.int(3);
                a.pow(x, three)
            },
            |a, x| {
                let (two, three) = (a.int(2), a.int(3));
                let square = a.pow(x, two);
                a.mul([three, square])
            },
        );
    }

    #[test]
    fn power_rule_with_variable_exponent() {
        let DiffFixture { mut arena, x, y } = fixture();
        let power = arena.pow(x, y);
        let d = arena.derivative(power, y);
        let log = arena.apply(Func::Log, x);
        assert_eq!(d, arena.mul([power, log]));
        let two = arena.int(2);
        let exponential = arena.pow(two, x);
        let d = arena.derivative(exponential, x);
        let log2 = arena.apply(Func::Log, two);
        assert_eq!(d, arena.mul([exponential, log2]));
    }

    #[test]
    fn x_to_the_x() {
        let DiffFixture { mut arena, x, .. } = fixture();
        let power = arena.pow(x, x);
        let d = arena.derivative(power, x);
        let log = arena.apply(Func::Log, x);
        let one = arena.int(1);
        let inner = arena.add([log, one]);
        assert_eq!(d, arena.mul([power, inner]));
    }

    /// Builds the expected derivative from (arena, x, f(x)).
    type Expected = fn(&mut Arena, Id, Id) -> Id;

    #[test]
    fn function_rules() {
        let cases: &[(Func, Expected)] = &[
            (Func::Exp, |_, _, fx| fx),
            (Func::Log, |a, x, _| {
                let m = a.int(-1);
                a.pow(x, m)
            }),
            (Func::Sin, |a, x, _| a.apply(Func::Cos, x)),
            (Func::Cos, |a, x, _| {
                let s = a.apply(Func::Sin, x);
                a.neg(s)
            }),
            (Func::Tan, |a, _, fx| {
                let (one, two) = (a.int(1), a.int(2));
                let sq = a.pow(fx, two);
                a.add([one, sq])
            }),
            (Func::Tanh, |a, _, fx| {
                let (one, two) = (a.int(1), a.int(2));
                let sq = a.pow(fx, two);
                a.sub(one, sq)
            }),
            (Func::Sigmoid, |a, _, fx| {
                let one = a.int(1);
                let c = a.sub(one, fx);
                a.mul([fx, c])
            }),
            (Func::Softplus, |a, x, _| a.apply(Func::Sigmoid, x)),
            (Func::Relu, |a, x, _| a.apply(Func::Step, x)),
            (Func::Abs, |a, x, _| a.apply(Func::Sign, x)),
            (Func::Step, |a, _, _| a.int(0)),
            (Func::Sign, |a, _, _| a.int(0)),
        ];
        for (func, expected) in cases {
            let DiffFixture { mut arena, x, .. } = fixture();
            let fx = arena.apply(*func, x);
            let d = arena.derivative(fx, x);
            assert_eq!(d, expected(&mut arena, x, fx), "{}'", func.name());
        }
    }

    #[test]
    fn log_of_abs_has_the_derivative_one_over_its_argument() {
        let DiffFixture { mut arena, x, .. } = fixture();
        let two = arena.int(2);
        let square = arena.pow(x, two);
        let log = arena.apply(Func::Log, square);
        let d = arena.derivative(log, x);
        let minus_one = arena.minus_one();
        let reciprocal = arena.pow(x, minus_one);
        assert_eq!(d, arena.mul([two, reciprocal]), "log(x^2)' = 2/x");
    }

    #[test]
    fn chain_rule_multiplies_the_inner_derivative() {
        let DiffFixture { mut arena, x, .. } = fixture();
        let two = arena.int(2);
        let square = arena.pow(x, two);
        let sin = arena.apply(Func::Sin, square);
        let d = arena.derivative(sin, x);
        let cos = arena.apply(Func::Cos, square);
        assert_eq!(d, arena.mul([two, x, cos]));
    }

    #[test]
    fn sqrt_is_a_half_power() {
        let DiffFixture { mut arena, x, .. } = fixture();
        let half = arena.num(Number::ratio(1, 2).unwrap_or(Number::ONE));
        let root = arena.pow(x, half);
        let d = arena.derivative(root, x);
        let minus_half = arena.num(Number::ratio(-1, 2).unwrap_or(Number::ONE));
        let p = arena.pow(x, minus_half);
        assert_eq!(d, arena.mul([half, p]));
    }

    #[test]
    fn other_variables_are_constants() {
        let DiffFixture { mut arena, x, y } = fixture();
        let exp = arena.apply(Func::Exp, y);
        assert_eq!(arena.derivative(exp, x), arena.int(0));
    }

    #[test]
    fn second_derivatives() {
        let DiffFixture { mut arena, x, y } = fixture();
        let two = arena.int(2);
        let square = arena.pow(x, two);
        let e = arena.mul([square, y]);
        let dx = arena.derivative(e, x);
        let dxy = arena.derivative(dx, y);
        assert_eq!(dxy, arena.mul([two, x]));
        let dxx = arena.derivative(dx, x);
        assert_eq!(dxx, arena.mul([two, y]));
    }

    #[test]
    fn nested_chains_stay_linear() {
        let DiffFixture { mut arena, x, .. } = fixture();
        let mut e = x;
        for _ in 0..200 {
            e = arena.apply(Func::Sin, e);
        }
        let before = arena.len();
        arena.derivative(e, x);
        let added = arena.len() - before;
        assert!(added <= 3 * 200 + 10, "the derivative added {added} nodes for depth 200");
    }

    #[test]
    fn deep_chains_store_a_linear_number_of_factors() {
        let DiffFixture { mut arena, x, .. } = fixture();
        let mut e = x;
        for _ in 0..5000 {
            e = arena.apply(Func::Sin, e);
        }
        arena.derivative(e, x);
        let stored: usize = (0..arena.len() as u32)
            .map(|i| match arena.node(Id(i)) {
                Node::Mul(items) | Node::Add(items) => items.len(),
                _ => 1,
            })
            .sum();
        assert!(stored < 100 * 5000, "{stored} ids stored for a 5000-deep chain and its derivative");
    }

    #[test]
    fn internal_reductions_move_with_the_largest_row_and_the_softmax() {
        let DiffFixture { mut arena, x, .. } = fixture();
        let v = arena.data("v", std::sync::Arc::new(ndarray::Array1::from(vec![1.0, 2.0, 3.0, 3.0])));
        let u = arena.mul([x, v]);
        let max = arena.reduce(Reduction::Max, u, 4);
        let shifted = arena.reduce(Reduction::LogSumExpShifted, u, 4);
        let lse = arena.add([max, shifted]);
        let at_one = |arena: &Arena, id: Id| crate::eval::direct::evaluate(arena, id, &|_| Some(1.0));
        let d_max = arena.derivative(max, x);
        assert_eq!(at_one(&arena, d_max), Ok(3.0), "v in the largest rows (two, tied)");
        // log(sum(exp(x*v)))' = sum(v*exp(x*v))/sum(exp(x*v))
        let d_lse = arena.derivative(lse, x);
        let e = [1f64, 2.0, 3.0, 3.0].map(f64::exp);
        let expected = (e[0] + 2.0 * e[1] + 3.0 * e[2] + 3.0 * e[3]) / e.iter().sum::<f64>();
        let value = at_one(&arena, d_lse).unwrap_or(f64::NAN);
        assert!((value - expected).abs() < 1e-15 * expected, "{value} ≠ {expected}");
    }
}

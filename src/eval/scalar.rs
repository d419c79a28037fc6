//! Direct numeric evaluation of an arena expression in `f64`.
//!
//! Walks the expression's nodes in id order (children first), so depth
//! costs no stack. Every operation's result is checked: a domain error
//! (log of a negative number, division by zero, …) or an overflow comes
//! back as an [`EvalError`] naming the node, never as a silent NaN or inf.
//! The caller maps the node to a source span.

use std::collections::HashMap;

use crate::expr::arena::{Arena, Id, Node};
use crate::math::{self, Problem};

/// An evaluation failure at one node.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub node: Id,
    pub problem: Problem,
}

/// Evaluates `root`. `leaf` gives the value of variables and named leaves.
pub fn evaluate(arena: &Arena, root: Id, leaf: &dyn Fn(&Node) -> Option<f64>) -> Result<f64, EvalError> {
    evaluate_with_scale(arena, root, leaf).map(|(value, _)| value)
}

/// Evaluates `root`, and also its scale: the size of the numbers that were
/// added on the way (terms counted by absolute value), so that two results
/// can be compared relative to the rounding error their sums may carry.
pub fn evaluate_with_scale(
    arena: &Arena,
    root: Id,
    leaf: &dyn Fn(&Node) -> Option<f64>,
) -> Result<(f64, f64), EvalError> {
    let mut values: HashMap<Id, (f64, f64)> = HashMap::new();
    for id in arena.reachable(&[root]) {
        let fail = |problem| EvalError { node: id, problem };
        let relative = |(value, scale): (f64, f64)| if value == 0.0 { 1.0 } else { (scale / value.abs()).max(1.0) };
        let (value, scale) = match arena.node(id) {
            Node::Num(n) => plain(n.to_f64()),
            Node::Const(c) => plain(c.value()),
            node @ (Node::Var(symbol) | Node::Global(symbol)) => {
                plain(leaf(node).ok_or_else(|| fail(Problem::NoValue(arena.name(*symbol).to_string())))?)
            }
            Node::Add(items) => items.iter().map(|i| values[i]).fold((0.0, 0.0), |(v, s), (iv, is)| (v + iv, s + is)),
            Node::Mul(items) => items.iter().map(|i| values[i]).fold((1.0, 1.0), |(v, s), (iv, is)| (v * iv, s * is)),
            Node::Pow(base, exponent) => {
                let value = math::power(values[base].0, values[exponent].0).map_err(fail)?;
                let spread = relative(values[base]).powf(values[exponent].0.abs().max(1.0));
                (value, value.abs() * spread)
            }
            Node::Apply(func, arg) => {
                let value = math::apply(*func, values[arg].0).map_err(fail)?;
                (value, value.abs() * relative(values[arg]))
            }
        };
        if !value.is_finite() {
            return Err(fail(Problem::Overflow));
        }
        values.insert(id, (value, if scale.is_finite() { scale } else { f64::MAX }));
    }
    Ok(values[&root])
}

fn plain(value: f64) -> (f64, f64) {
    (value, value.abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::Func;
    use crate::expr::number::Number;

    fn eval(arena: &Arena, id: Id, x: f64) -> Result<f64, EvalError> {
        evaluate(arena, id, &|node| matches!(node, Node::Var(_)).then_some(x))
    }

    #[test]
    fn evaluates_through_every_node_kind() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let sin = arena.apply(Func::Sin, x);
        let two = arena.int(2);
        let square = arena.pow(x, two);
        let sum = arena.add([sin, square]);
        let value = eval(&arena, sum, 0.5).unwrap();
        assert!((value - (0.5f64.sin() + 0.25)).abs() < 1e-15);
    }

    #[test]
    fn domain_errors_name_their_node() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let log = arena.apply(Func::Log, x);
        let error = eval(&arena, log, -1.0).unwrap_err();
        assert_eq!(error, EvalError { node: log, problem: Problem::LogOfNegative(-1.0) });
        let one = arena.int(1);
        let quotient = arena.div(one, x);
        assert_eq!(eval(&arena, quotient, 0.0).unwrap_err().problem, Problem::DivisionByZero);
        let half = arena.num(Number::ratio(1, 2).unwrap());
        let root = arena.pow(x, half);
        assert_eq!(eval(&arena, root, -4.0).unwrap_err().problem, Problem::RootOfNegative(-4.0));
        let exp = arena.apply(Func::Exp, x);
        assert_eq!(eval(&arena, exp, 1000.0).unwrap_err().problem, Problem::Overflow);
    }

    #[test]
    fn deep_expressions_do_not_recurse() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let mut e = arena.var(x);
        for _ in 0..100_000 {
            e = arena.apply(Func::Sin, e);
        }
        assert!(eval(&arena, e, 1.0).unwrap().abs() < 1.0);
    }
}

//! Direct evaluation of an arena expression: numbers in `f64`, data as
//! vectors, row by row with numbers broadcast over rows.
//!
//! Walks the expression's nodes in id order (children first), so depth
//! costs no stack. Every operation's result is checked: a domain error
//! (log of a negative number, division by zero, …) or an overflow comes
//! back as an [`EvalError`] naming the node (and the row, in a vector),
//! never as a silent NaN or inf. Alongside each value it can carry a scale:
//! the size of the numbers added on the way (terms by absolute value), so
//! that two results can be compared relative to the rounding error their
//! sums may carry. The caller maps the node to a source span.

use std::collections::HashMap;

use ndarray::{Array1, Zip};

use super::logsumexp::{self, ShiftedSum};
use crate::builtins::{Func, Reduction};
use crate::expr::arena::{Arena, Id, Node};
use crate::math::{self, Problem};

/// A value: a number, or a vector of numbers (one per data row).
#[derive(Clone, Debug, PartialEq)]
pub enum Evaluated {
    Number(f64),
    Vector(Array1<f64>),
}

impl Evaluated {
    /// The number, or `None` for a vector.
    pub fn number(&self) -> Option<f64> {
        match self {
            Evaluated::Number(x) => Some(*x),
            Evaluated::Vector(_) => None,
        }
    }

    /// The sum of the rows (a number is itself).
    pub fn total(&self) -> f64 {
        match self {
            Evaluated::Number(x) => *x,
            Evaluated::Vector(v) => v.sum(),
        }
    }

    /// `self + other·factor` row by row; vectors of different lengths are
    /// [`Problem::Lengths`].
    pub fn plus_product(&self, other: &Evaluated, factor: &Evaluated) -> Result<Evaluated, Problem> {
        let product = zip(other, factor, |a, b| a * b)?;
        zip(self, &product, |a, b| a + b)
    }

    /// True when every row is a finite number.
    pub fn is_finite(&self) -> bool {
        match self {
            Evaluated::Number(x) => x.is_finite(),
            Evaluated::Vector(v) => v.iter().all(|x| x.is_finite()),
        }
    }

    pub fn abs(&self) -> Evaluated {
        self.map(f64::abs)
    }

    pub fn map(&self, f: impl Fn(f64) -> f64) -> Evaluated {
        match self {
            Evaluated::Number(x) => Evaluated::Number(f(*x)),
            Evaluated::Vector(v) => Evaluated::Vector(v.mapv(f)),
        }
    }
}

/// An evaluation failure at one node (and one row of it, for a vector).
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub node: Id,
    pub problem: Problem,
    pub row: Option<usize>,
}

type Leaf<'a> = &'a dyn Fn(&Node) -> Option<f64>;

/// Gives the value of a leaf that may itself be a vector.
pub type ValueLeaf<'a> = &'a dyn Fn(&Node) -> Option<Evaluated>;

/// Evaluates `root` to a number. `leaf` gives the value of variables and
/// named leaves. A vector result is summed up as its first problem, if any.
pub fn evaluate(arena: &Arena, root: Id, leaf: Leaf) -> Result<f64, EvalError> {
    match evaluate_value(arena, root, leaf)? {
        Evaluated::Number(x) => Ok(x),
        Evaluated::Vector(_) => Err(EvalError { node: root, problem: Problem::NotANumber, row: None }),
    }
}

/// Evaluates `root` to a number and its scale (see the module comment).
pub fn evaluate_with_scale(arena: &Arena, root: Id, leaf: Leaf) -> Result<(f64, f64), EvalError> {
    match evaluate_all(arena, root, &|node| leaf(node).map(Evaluated::Number))? {
        (Evaluated::Number(x), Evaluated::Number(scale)) => Ok((x, scale)),
        _ => Err(EvalError { node: root, problem: Problem::NotANumber, row: None }),
    }
}

/// Evaluates `root` to a number or a vector, with its scale (per row for a vector).
pub fn evaluate_value_with_scale(arena: &Arena, root: Id, leaf: Leaf) -> Result<(Evaluated, Evaluated), EvalError> {
    evaluate_all(arena, root, &|node| leaf(node).map(Evaluated::Number))
}

/// Whether evaluating `roots` underflows somewhere: `exp`, `σ`, `softplus`,
/// a product or a power of numbers that are not 0 gives 0 or a subnormal
/// number (`exp(-1000)`, `1e-200*1e-200`). A value that depends on the sign
/// of such a result, or on its being 0, may then be wrong (`sign(exp(x))` is
/// 0 at x = -1000), so `check` does not take a difference there as evidence.
pub fn underflows(arena: &Arena, roots: &[Id], leaf: Leaf) -> bool {
    let Ok(values) = evaluate_reachable(arena, roots, &|node| leaf(node).map(Evaluated::Number)) else {
        return false;
    };
    let nonzero = |id: &Id| matches!(values.get(id), Some((Evaluated::Number(x), _)) if *x != 0.0);
    values.iter().any(|(id, (value, _))| {
        let Evaluated::Number(x) = value else { return false };
        x.abs() < f64::MIN_POSITIVE
            && match arena.node(*id) {
                Node::Apply(Func::Exp | Func::Sigmoid | Func::Softplus, _) => true,
                Node::Mul(factors) => factors.iter().all(nonzero),
                Node::Pow(base, _) => nonzero(base),
                _ => false,
            }
    })
}

/// Evaluates `root` to a number or a vector.
pub fn evaluate_value(arena: &Arena, root: Id, leaf: Leaf) -> Result<Evaluated, EvalError> {
    evaluate_all(arena, root, &|node| leaf(node).map(Evaluated::Number)).map(|(value, _)| value)
}

/// Evaluates `root` with leaves that may be vectors (a computation graph's
/// nodes standing for vectors).
pub fn evaluate_with_values(arena: &Arena, root: Id, leaf: ValueLeaf) -> Result<Evaluated, EvalError> {
    evaluate_all(arena, root, leaf).map(|(value, _)| value)
}

/// Evaluates every one of `roots` in one pass over what they share.
pub fn evaluate_many(arena: &Arena, roots: &[Id], leaf: ValueLeaf) -> Result<Vec<Evaluated>, EvalError> {
    let values = evaluate_reachable(arena, roots, leaf)?;
    roots
        .iter()
        .map(|&node| {
            let value = values.get(&node).map(|(value, _)| value.clone());
            value.ok_or(EvalError { node, problem: Problem::NotANumber, row: None })
        })
        .collect()
}

fn evaluate_all(arena: &Arena, root: Id, leaf: ValueLeaf) -> Result<(Evaluated, Evaluated), EvalError> {
    let mut values = evaluate_reachable(arena, &[root], leaf)?;
    values.remove(&root).ok_or(EvalError { node: root, problem: Problem::NotANumber, row: None })
}

/// The value and scale of every node reachable from `roots`.
fn evaluate_reachable(
    arena: &Arena,
    roots: &[Id],
    leaf: ValueLeaf,
) -> Result<HashMap<Id, (Evaluated, Evaluated)>, EvalError> {
    let mut values: HashMap<Id, (Evaluated, Evaluated)> = HashMap::new();
    for id in arena.reachable(roots) {
        let fail = |problem, row| EvalError { node: id, problem, row };
        let result = match arena.node(id) {
            Node::Num(n) => plain(Evaluated::Number(n.to_f64())),
            Node::Const(c) => plain(Evaluated::Number(c.value())),
            node @ (Node::Var(symbol) | Node::Global(symbol)) => {
                plain(leaf(node).ok_or_else(|| fail(Problem::NoValue(arena.name(*symbol).to_string()), None))?)
            }
            Node::Data(data) => plain(Evaluated::Vector(arena.data_values(*data).as_ref().clone())),
            Node::Add(items) => fold(items, &values, 0.0, |a, b| a + b).map_err(|p| fail(p, None))?,
            Node::Mul(items) => fold(items, &values, 1.0, |a, b| a * b).map_err(|p| fail(p, None))?,
            Node::Pow(base, exponent) => {
                let (b, e) = (&values[base], &values[exponent]);
                let value = checked(&b.0, &e.0, math::power).map_err(|(p, row)| fail(p, row))?;
                let spread = zip(&relative(b), &e.0, |r, e| r.powf(e.abs().max(1.0))).map_err(|p| fail(p, None))?;
                let scale = zip(&value.abs(), &spread, |v, s| v * s).map_err(|p| fail(p, None))?;
                (value, scale)
            }
            Node::Apply(func, arg) => {
                let a = &values[arg];
                let value = checked(&a.0, &Evaluated::Number(0.0), |x, _| math::apply(*func, x))
                    .map_err(|(p, row)| fail(p, row))?;
                let scale = zip(&value.abs(), &relative(a), |v, r| v * r).map_err(|p| fail(p, None))?;
                (value, scale)
            }
            Node::Reduce(reduction, arg, rows) => {
                let (value, scale) = &values[arg];
                let reduced = reduce(*reduction, value, *rows);
                // A max or log-sum-exp is as uncertain as its largest input, not their sum.
                let scale = if reduction.is_linear() {
                    reduce(*reduction, scale, *rows)
                } else {
                    reduce(Reduction::Max, scale, *rows).max(reduced.abs())
                };
                (Evaluated::Number(reduced), Evaluated::Number(scale))
            }
        };
        if let Some(row) = first_not_finite(&result.0) {
            let row = matches!(result.0, Evaluated::Vector(_)).then_some(row);
            return Err(fail(Problem::Overflow, row));
        }
        values.insert(id, result);
    }
    Ok(values)
}

fn plain(value: Evaluated) -> (Evaluated, Evaluated) {
    let scale = value.abs();
    (value, scale)
}

/// How much larger the numbers summed were than the result (at least 1).
fn relative((value, scale): &(Evaluated, Evaluated)) -> Evaluated {
    zip(value, scale, |v, s| if v == 0.0 { 1.0 } else { (s / v.abs()).max(1.0) }).unwrap_or(Evaluated::Number(1.0))
}

/// `a op b` row by row, a number standing for every row.
fn zip(a: &Evaluated, b: &Evaluated, mut f: impl FnMut(f64, f64) -> f64) -> Result<Evaluated, Problem> {
    Ok(match (a, b) {
        (Evaluated::Number(x), Evaluated::Number(y)) => Evaluated::Number(f(*x, *y)),
        (Evaluated::Vector(v), Evaluated::Number(y)) => Evaluated::Vector(v.mapv(|x| f(x, *y))),
        (Evaluated::Number(x), Evaluated::Vector(w)) => Evaluated::Vector(w.mapv(|y| f(*x, y))),
        (Evaluated::Vector(v), Evaluated::Vector(w)) => {
            if v.len() != w.len() {
                return Err(Problem::Lengths(v.len(), w.len()));
            }
            Evaluated::Vector(Zip::from(v).and(w).map_collect(|&x, &y| f(x, y)))
        }
    })
}

/// Folds the values and scales of `items` with `op` (sum or product).
fn fold(
    items: &[Id],
    values: &HashMap<Id, (Evaluated, Evaluated)>,
    identity: f64,
    op: impl Fn(f64, f64) -> f64 + Copy,
) -> Result<(Evaluated, Evaluated), Problem> {
    let mut value = Evaluated::Number(identity);
    let mut scale = Evaluated::Number(identity);
    for item in items {
        let (v, s) = &values[item];
        value = zip(&value, v, op)?;
        scale = zip(&scale, s, op)?;
    }
    Ok((value, scale))
}

/// A checked operation row by row; the first failing row is reported.
fn checked(
    a: &Evaluated,
    b: &Evaluated,
    f: impl Fn(f64, f64) -> Result<f64, Problem>,
) -> Result<Evaluated, (Problem, Option<usize>)> {
    let mut failure = None;
    let result = zip(a, b, |x, y| match f(x, y) {
        Ok(v) => v,
        Err(problem) => {
            failure.get_or_insert(problem);
            f64::NAN
        }
    })
    .map_err(|p| (p, None))?;
    match failure {
        Some(problem) => {
            let row = match &result {
                Evaluated::Vector(v) => v.iter().position(|x| x.is_nan()),
                Evaluated::Number(_) => None,
            };
            Err((problem, row))
        }
        None => Ok(result),
    }
}

fn reduce(reduction: Reduction, value: &Evaluated, rows: usize) -> f64 {
    match (reduction, value) {
        (Reduction::Sum, Evaluated::Vector(v)) => v.sum(),
        (Reduction::Mean, Evaluated::Vector(v)) => v.sum() / v.len().max(1) as f64,
        (Reduction::Max, Evaluated::Vector(v)) => logsumexp::max_of(&contiguous(v)),
        (Reduction::LogSumExpShifted, Evaluated::Vector(v)) => {
            let mut sum = ShiftedSum::EMPTY;
            sum.add(&contiguous(v));
            sum.shifted()
        }
        (Reduction::Sum, Evaluated::Number(x)) => *x * rows as f64,
        (Reduction::Mean | Reduction::Max, Evaluated::Number(x)) => *x,
        (Reduction::LogSumExpShifted, Evaluated::Number(_)) => (rows as f64).ln(),
    }
}

/// The rows of `v`, in order, as one slice.
fn contiguous(v: &Array1<f64>) -> std::borrow::Cow<'_, [f64]> {
    match v.as_slice() {
        Some(values) => std::borrow::Cow::Borrowed(values),
        None => std::borrow::Cow::Owned(v.to_vec()),
    }
}

/// The index of the first value that is not finite (0 for a number).
fn first_not_finite(value: &Evaluated) -> Option<usize> {
    match value {
        Evaluated::Number(x) => (!x.is_finite()).then_some(0),
        Evaluated::Vector(v) => v.iter().position(|x| !x.is_finite()),
    }
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
        let value = eval(&arena, sum, 0.5).unwrap_or(f64::NAN);
        assert!((value - (0.5f64.sin() + 0.25)).abs() < 1e-15);
    }

    #[test]
    fn domain_errors_name_their_node() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let log = arena.apply(Func::Log, x);
        let error = eval(&arena, log, -1.0).err();
        assert_eq!(error, Some(EvalError { node: log, problem: Problem::LogOfNegative(-1.0), row: None }));
        let one = arena.int(1);
        let quotient = arena.div(one, x);
        assert_eq!(eval(&arena, quotient, 0.0).map_err(|e| e.problem), Err(Problem::DivisionByZero));
        let half = arena.num(Number::ratio(1, 2).unwrap_or(Number::ONE));
        let root = arena.pow(x, half);
        assert_eq!(eval(&arena, root, -4.0).map_err(|e| e.problem), Err(Problem::RootOfNegative(-4.0)));
        let exp = arena.apply(Func::Exp, x);
        assert_eq!(eval(&arena, exp, 1000.0).map_err(|e| e.problem), Err(Problem::Overflow));
    }

    #[test]
    fn vectors_work_row_by_row_and_reduce() {
        let mut arena = Arena::new();
        let m = arena.symbol("m");
        let m = arena.var(m);
        let xs = arena.data("x", std::sync::Arc::new(Array1::from(vec![1.0, 2.0, 3.0])));
        let product = arena.mul([m, xs]);
        let mean = arena.reduce(Reduction::Mean, product, 3);
        assert_eq!(eval(&arena, mean, 2.0), Ok(4.0));
        let total = arena.reduce(Reduction::Sum, m, 3);
        assert_eq!(eval(&arena, total, 2.0), Ok(6.0), "a number summed over 3 rows");
        let log = arena.apply(Func::Log, xs);
        let shifted = arena.add([log, m]);
        let minus_two = arena.int(-2);
        let negative = arena.mul([minus_two, xs]);
        let bad = arena.apply(Func::Log, negative);
        let sum_bad = arena.reduce(Reduction::Sum, bad, 3);
        let error = eval(&arena, sum_bad, 0.0).err();
        assert_eq!(error.map(|e| (e.problem, e.row)), Some((Problem::LogOfNegative(-2.0), Some(0))));
        assert!(evaluate_value(&arena, shifted, &|_| Some(1.0)).is_ok());
    }

    #[test]
    fn rows_of_different_lengths_are_an_error_not_nan() {
        let (three, two) =
            (Evaluated::Vector(Array1::from(vec![1.0, 2.0, 3.0])), Evaluated::Vector(Array1::from(vec![1.0, 2.0])));
        assert_eq!(Evaluated::Number(0.0).plus_product(&three, &two), Err(Problem::Lengths(3, 2)));
        assert_eq!(two.plus_product(&three, &Evaluated::Number(2.0)), Err(Problem::Lengths(2, 3)));
        let sum = three.plus_product(&three, &Evaluated::Number(2.0));
        assert_eq!(sum, Ok(Evaluated::Vector(Array1::from(vec![3.0, 6.0, 9.0]))));
    }

    #[test]
    fn deep_expressions_do_not_recurse() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let mut e = arena.var(x);
        for _ in 0..100_000 {
            e = arena.apply(Func::Sin, e);
        }
        assert!(eval(&arena, e, 1.0).unwrap_or(f64::NAN).abs() < 1.0);
    }
}

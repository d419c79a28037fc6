//! As-written constructors: operator nodes as the source writes them, for
//! computation graphs (`graph F` shows the computation the user wrote, not
//! its simplified form).
//!
//! An operation whose operands are all numbers still folds, through the
//! smart constructors in `build`; everything else is interned as it stands:
//! one node per binary `+`, `*` (operands ordered by id, so `b*c` and `c*b`
//! are one node), nothing collected, cancelled or rewritten (`x*x` is not
//! `x^2`, `log(exp(x))` stays). Subtraction, negation and division take the
//! same shapes as in `build` (`a + -1*b`, `a*b^-1`), so the printer shows
//! them as written. These nodes are hash-consed like any other and mean
//! what canonical nodes of the same shape mean, so evaluation and the one
//! derivative in `diff` work on them unchanged; they only give up the
//! canonical form's promises (no repeats, no nesting), which is why only a
//! graph's lowering builds them, and the accurate forms of `eval::stable`,
//! which nest sums to fix the order they are computed in.

use super::arena::{Arena, Id, Node};
use crate::builtins::{Func, Reduction};

impl Arena {
    /// `a + b` as written.
    pub fn written_add(&mut self, a: Id, b: Id) -> Id {
        if self.all_numbers(&[a, b]) {
            return self.add([a, b]);
        }
        self.intern(Node::Add(ordered(a, b)))
    }

    /// `a*b` as written.
    pub fn written_mul(&mut self, a: Id, b: Id) -> Id {
        if self.all_numbers(&[a, b]) {
            return self.mul([a, b]);
        }
        self.intern(Node::Mul(ordered(a, b)))
    }

    /// `-x` as written: `-1*x`.
    pub fn written_neg(&mut self, x: Id) -> Id {
        let minus_one = self.minus_one();
        self.written_mul(minus_one, x)
    }

    /// `a - b` as written: `a + -1*b`.
    pub fn written_sub(&mut self, a: Id, b: Id) -> Id {
        let minus_b = self.written_neg(b);
        self.written_add(a, minus_b)
    }

    /// `1/b` as written: `b^-1`, the divisor's part of `a/b`.
    pub fn written_reciprocal(&mut self, b: Id) -> Id {
        let minus_one = self.minus_one();
        self.written_pow(b, minus_one)
    }

    /// `base^exponent` as written.
    pub fn written_pow(&mut self, base: Id, exponent: Id) -> Id {
        if self.all_numbers(&[base, exponent]) {
            return self.pow(base, exponent);
        }
        self.intern(Node::Pow(base, exponent))
    }

    /// `f(arg)` as written.
    pub fn written_apply(&mut self, func: Func, arg: Id) -> Id {
        if self.all_numbers(&[arg]) {
            return self.apply(func, arg);
        }
        self.intern(Node::Apply(func, arg))
    }

    /// `sum(arg)` or `mean(arg)` over the `rows` rows of `arg`, as written;
    /// of a number (no rows), as `build` has it (`mean(c)` is `c`).
    pub fn written_reduce(&mut self, reduction: Reduction, arg: Id, rows: usize) -> Id {
        if self.rows(arg).is_none() {
            return self.reduce(reduction, arg, rows);
        }
        self.intern(Node::Reduce(reduction, arg, rows))
    }

    /// The operation of `id` over new children, given in the order
    /// `for_each_child` visits them (one per operand, repeats included),
    /// built as written. Leaves come back unchanged; a reduction keeps its
    /// row count over any argument (a graph's `mean(u)`, where the variable
    /// `u` stands for a vector).
    pub fn rebuild_as_written(&mut self, id: Id, children: &[Id]) -> Id {
        let child = |index: usize| children.get(index).copied().unwrap_or(id);
        match self.node(id).clone() {
            Node::Add(_) => self.written_sum(children.to_vec()),
            Node::Mul(_) => self.written_product(children.to_vec()),
            Node::Pow(..) => self.written_pow(child(0), child(1)),
            Node::Apply(func, _) => self.written_apply(func, child(0)),
            Node::Reduce(reduction, _, rows) => self.intern(Node::Reduce(reduction, child(0), rows)),
            Node::Num(_) | Node::Const(_) | Node::Var(_) | Node::Global(_) | Node::Data(_) => id,
        }
    }

    /// A sum of these terms as written (one node, however many).
    pub fn written_sum(&mut self, terms: Vec<Id>) -> Id {
        self.written_nary(terms, Node::Add, |arena, items| arena.add(items))
    }

    /// A product of these factors as written (one node, however many).
    pub fn written_product(&mut self, factors: Vec<Id>) -> Id {
        self.written_nary(factors, Node::Mul, |arena, items| arena.mul(items))
    }

    fn written_nary(
        &mut self,
        mut items: Vec<Id>,
        make: fn(Box<[Id]>) -> Node,
        fold: fn(&mut Arena, Vec<Id>) -> Id,
    ) -> Id {
        if items.len() < 2 || self.all_numbers(&items) {
            return fold(self, items);
        }
        items.sort_unstable();
        self.intern(make(items.into()))
    }

    fn all_numbers(&self, items: &[Id]) -> bool {
        items.iter().all(|&i| self.as_number(i).is_some())
    }
}

fn ordered(a: Id, b: Id) -> Box<[Id]> {
    if a <= b { Box::new([a, b]) } else { Box::new([b, a]) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(arena: &mut Arena) -> Id {
        let symbol = arena.symbol("x");
        arena.var(symbol)
    }

    #[test]
    fn repeats_stay_and_are_still_shared() {
        let mut arena = Arena::new();
        let x = x(&mut arena);
        let sin = arena.written_apply(Func::Sin, x);
        let product = arena.written_mul(sin, sin);
        assert_eq!(*arena.node(product), Node::Mul(Box::new([sin, sin])), "sin(x)*sin(x) is not sin(x)^2");
        let again = arena.written_apply(Func::Sin, x);
        assert_eq!(again, sin, "hash-consed: one sin(x)");
        let sum = arena.written_add(x, x);
        assert_eq!(*arena.node(sum), Node::Add(Box::new([x, x])));
        let commuted = arena.written_mul(x, sin);
        assert_eq!(commuted, arena.written_mul(sin, x));
    }

    #[test]
    fn nothing_is_rewritten_but_numbers_fold() {
        let mut arena = Arena::new();
        let x = x(&mut arena);
        let exp = arena.written_apply(Func::Exp, x);
        let log = arena.written_apply(Func::Log, exp);
        assert_eq!(*arena.node(log), Node::Apply(Func::Log, exp));
        let one = arena.one();
        let times_one = arena.written_mul(one, x);
        assert_ne!(times_one, x, "1*x is kept as written");
        let (two, three) = (arena.int(2), arena.int(3));
        let six = arena.written_mul(two, three);
        assert_eq!(arena.as_number(six), Some(crate::expr::number::Number::int(6)));
        let minus_three = arena.written_neg(three);
        assert_eq!(arena.as_number(minus_three), Some(crate::expr::number::Number::int(-3)));
    }
}

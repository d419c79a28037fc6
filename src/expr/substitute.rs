//! Substitution: an expression with some of its nodes replaced (parameters
//! by arguments, named constants by their values), rebuilt through the smart
//! constructors so that the result is simplified and folded again.

use std::collections::HashMap;

use super::arena::{Arena, Id, Node};

impl Arena {
    /// `expr` with every node in `replacements` replaced. Iterative.
    pub fn substitute(&mut self, expr: Id, replacements: &HashMap<Id, Id>) -> Id {
        if replacements.is_empty() {
            return expr;
        }
        let mut rebuilt: HashMap<Id, Id> = HashMap::new();
        for id in self.reachable(&[expr]) {
            let new = match replacements.get(&id) {
                Some(&replacement) => replacement,
                None => self.rebuild(id, |child| rebuilt.get(&child).copied().unwrap_or(child)),
            };
            rebuilt.insert(id, new);
        }
        rebuilt.get(&expr).copied().unwrap_or(expr)
    }

    /// The distinct leaves of `expr` that satisfy `wanted`, in structural
    /// order (the same whatever the arena held before).
    pub fn leaves(&self, expr: Id, wanted: impl Fn(&Node) -> bool) -> Vec<Id> {
        let mut found: Vec<Id> = self.reachable(&[expr]).into_iter().filter(|&id| wanted(self.node(id))).collect();
        found.sort_unstable_by_key(|&id| self.order_key(id));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::number::Number;

    #[test]
    fn substituting_numbers_folds_exactly() {
        let mut arena = Arena::new();
        let (b, c) = (arena.symbol("b"), arena.symbol("c"));
        let (b, c) = (arena.var(b), arena.var(c));
        let three = arena.int(3);
        let e = arena.mul([three, b, c]);
        let tenth = arena.num(Number::ratio(1, 10).unwrap_or(Number::ONE));
        let ten = arena.int(10);
        let result = arena.substitute(e, &HashMap::from([(b, tenth), (c, ten)]));
        assert_eq!(arena.as_number(result), Some(Number::int(3)));
    }
}

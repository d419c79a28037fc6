//! Substitution: an expression with some of its nodes replaced (parameters
//! by arguments, named constants by their values), rebuilt through the smart
//! constructors so that the result is simplified and folded again.

use std::collections::HashMap;

use super::arena::{Arena, Id, Node};

impl Arena {
    /// `expr` with every node in `replacements` replaced. Iterative.
    pub fn substitute(&mut self, expr: Id, replacements: &HashMap<Id, Id>) -> Id {
        self.substituted_nodes(expr, replacements).get(&expr).copied().unwrap_or(expr)
    }

    /// What [`Arena::substitute`] makes of every node of `expr`, `expr` included.
    pub fn substituted_nodes(&mut self, expr: Id, replacements: &HashMap<Id, Id>) -> HashMap<Id, Id> {
        let mut rebuilt: HashMap<Id, Id> = HashMap::new();
        if replacements.is_empty() {
            return rebuilt;
        }
        for id in self.reachable(&[expr]) {
            let new = match replacements.get(&id) {
                Some(&replacement) => replacement,
                None => self.rebuild(id, |child| rebuilt.get(&child).copied().unwrap_or(child)),
            };
            rebuilt.insert(id, new);
        }
        rebuilt
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

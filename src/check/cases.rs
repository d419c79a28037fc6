//! Proof by cases: a claim with piecewise functions (relu, step, abs, sign)
//! is proved when its difference expands to 0 in every case. A case gives
//! each argument of a piecewise function a sign (u < 0, u = 0 when `sign(u)`
//! occurs, u > 0), and every node on that argument (or on −u) its piece:
//! `relu(u)` is 0 or u, `step(u)` 0 or 1, `abs(u)` −u or u, `sign(u)` −1, 0
//! or 1. At u = 0, relu, step and abs take their u < 0 piece's value
//! (relu(0) = abs(0) = step(0) = 0), so every real point is in a case and
//! the proof holds at kinks too. Takes the pairs of sides; hands on the
//! number of cases.

use std::collections::HashMap;

use crate::builtins::Func;
use crate::expr::arena::{Arena, Id, Node};

/// The most cases tried (3^4 = 81): beyond that the claim is sampled.
const MOST_CASES: usize = 81;

/// The sign of an argument in one case.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Negative,
    Zero,
    Positive,
}

/// One argument of piecewise functions: how many signs it takes (3 with
/// `sign` or when seen as both u and −u, else 2), and its nodes with whether each sees it negated.
struct Argument {
    signs: usize,
    nodes: Vec<(Id, Func, Id, bool)>,
}

/// The number of cases in which every pair's difference is 0, if it is 0
/// in all of them; `None` when there are no piecewise functions, too many
/// cases, or a case where the difference does not expand to 0.
pub fn prove(arena: &mut Arena, pairs: &[(Id, Id)]) -> Option<usize> {
    let roots: Vec<Id> = pairs.iter().flat_map(|&(l, r)| [l, r]).collect();
    let arguments = arguments(arena, &roots);
    if arguments.is_empty() {
        return None;
    }
    let cases = arguments.iter().try_fold(1usize, |n, a| n.checked_mul(a.signs).filter(|&n| n <= MOST_CASES))?;
    let differences: Vec<Id> = pairs.iter().map(|&(l, r)| arena.sub(l, r)).collect();
    for case in 0..cases {
        let replacements = case_replacements(arena, &arguments, case);
        for &difference in &differences {
            let in_case = arena.substitute(difference, &replacements);
            let expanded = arena.normal_form(in_case);
            if !arena.as_number(expanded).is_some_and(|n| n.is_zero()) {
                return None;
            }
        }
    }
    Some(cases)
}

/// The arguments of the piecewise nodes reachable from `roots`, `u` and
/// `−u` taken as one.
fn arguments(arena: &mut Arena, roots: &[Id]) -> Vec<Argument> {
    let mut found: Vec<(Id, Argument)> = Vec::new();
    for id in arena.reachable(roots) {
        let Node::Apply(func @ (Func::Relu | Func::Step | Func::Abs | Func::Sign), arg) = *arena.node(id) else {
            continue;
        };
        let negated = arena.neg(arg);
        let signs = if func == Func::Sign { 3 } else { 2 };
        match found.iter_mut().find(|(key, _)| *key == arg || *key == negated) {
            Some((key, argument)) => {
                let flipped = *key != arg;
                // step(u) and step(−u) are both 0 at u = 0: a case of its own.
                argument.signs = argument.signs.max(if flipped { 3 } else { signs });
                argument.nodes.push((id, func, arg, flipped));
            }
            None => found.push((arg, Argument { signs, nodes: vec![(id, func, arg, false)] })),
        }
    }
    found.into_iter().map(|(_, argument)| argument).collect()
}

/// Each piecewise node's piece in case number `case`, nodes in id order so
/// that a node's argument has its inner piecewise nodes replaced already.
fn case_replacements(arena: &mut Arena, arguments: &[Argument], case: usize) -> HashMap<Id, Id> {
    let mut digits = case;
    let mut nodes: Vec<(Id, Func, Id, Side, bool)> = Vec::new();
    for argument in arguments {
        let side = match (digits % argument.signs, argument.signs) {
            (0, _) => Side::Negative,
            (1, 3) => Side::Zero,
            _ => Side::Positive,
        };
        digits /= argument.signs;
        nodes.extend(argument.nodes.iter().map(|&(id, func, arg, flipped)| (id, func, arg, side, flipped)));
    }
    nodes.sort_unstable_by_key(|(id, ..)| *id);
    let mut replacements = HashMap::new();
    for (id, func, arg, side, flipped) in nodes {
        let arg = arena.substitute(arg, &replacements);
        let value = piece(arena, func, arg, side, flipped);
        replacements.insert(id, value);
    }
    replacements
}

/// The piece of `func(arg)` where the argument of its group has the sign
/// `side` (`arg` is its negation when `flipped`). At 0, relu and abs take
/// their u > 0 pieces, which are 0 there too and keep `relu(u) − relu(−u)`
/// equal to u; step and sign are 0.
fn piece(arena: &mut Arena, func: Func, arg: Id, side: Side, flipped: bool) -> Id {
    let side = match (side, flipped) {
        (Side::Zero, _) if matches!(func, Func::Step | Func::Sign) => return arena.zero(),
        (Side::Zero, false) | (Side::Positive, false) | (Side::Negative, true) => Side::Positive,
        _ => Side::Negative,
    };
    match (func, side) {
        (Func::Sign, Side::Negative) => arena.minus_one(),
        (Func::Abs, Side::Negative) => arena.neg(arg),
        (_, Side::Negative) => arena.zero(),
        (Func::Step | Func::Sign, _) => arena.one(),
        _ => arg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_written_two_ways_is_proved_by_cases() {
        let mut arena = Arena::new();
        let (a, b) = (arena.symbol("a"), arena.symbol("b"));
        let (a, b) = (arena.var(a), arena.var(b));
        // max(a, b) = b + relu(a - b) = (a + b + |a - b|)/2
        let difference = arena.sub(a, b);
        let relu = arena.apply(Func::Relu, difference);
        let left = arena.add([b, relu]);
        let abs = arena.apply(Func::Abs, difference);
        let sum = arena.add([a, b, abs]);
        let two = arena.int(2);
        let right = arena.div(sum, two);
        assert_eq!(prove(&mut arena, &[(left, right)]), Some(2), "one argument, a - b: two signs");
    }

    #[test]
    fn a_claim_false_in_one_case_is_not_proved() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let step = arena.apply(Func::Step, x);
        let zero = arena.zero();
        assert_eq!(prove(&mut arena, &[(step, zero)]), None);
        assert_eq!(prove(&mut arena, &[(x, zero)]), None, "nothing piecewise: no cases");
        // step(x) + step(-x) = 1 except at 0, where both are 0.
        let minus_x = arena.neg(x);
        let mirrored = arena.apply(Func::Step, minus_x);
        let sum = arena.add([step, mirrored]);
        let one = arena.one();
        assert_eq!(prove(&mut arena, &[(sum, one)]), None);
        // relu(x) - relu(-x) = x everywhere.
        let (relu, relu_mirrored) = (arena.apply(Func::Relu, x), arena.apply(Func::Relu, minus_x));
        let difference = arena.sub(relu, relu_mirrored);
        assert_eq!(prove(&mut arena, &[(difference, x)]), Some(3));
    }
}

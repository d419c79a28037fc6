//! Where a claim is tried: random values of each variable, drawn from both
//! signs, near zero and across magnitudes (1e-3 … 1e3), powers of ten from
//! 1e-3 to 1e3 of either sign, and, where a
//! piecewise function (relu, step, abs, sign, and max/min, which are written
//! with relu) has an argument linear in one variable, points on both sides
//! of its breakpoint and exactly on it. Takes the claim's expressions and
//! variables; hands on a [`Plan`] of points for `decide`.

use crate::builtins::Func;
use crate::expr::arena::{Arena, Id, Node};
use crate::random::Random;

/// At most this many points around breakpoints (every combination of sides
/// when there are fewer).
const MOST_AROUND: usize = 256;
/// Offsets from a breakpoint of the points on either side of it.
const OFFSETS: [f64; 2] = [-1.0, 1.0];

/// The breakpoints of each variable, found in the claim.
pub struct Plan {
    /// Per variable, in order: the values where a piecewise function of it switches.
    breakpoints: Vec<Vec<f64>>,
}

impl Plan {
    /// Finds the breakpoints in `roots`: `relu(x - 100)` breaks at x = 100.
    pub fn new(arena: &mut Arena, roots: &[Id], variables: &[Id]) -> Plan {
        let mut breakpoints = vec![Vec::new(); variables.len()];
        let arguments: Vec<Id> = arena
            .reachable(roots)
            .into_iter()
            .filter_map(|id| match arena.node(id) {
                Node::Apply(func, arg) if is_piecewise(*func) => Some(*arg),
                _ => None,
            })
            .collect();
        for arg in arguments {
            if let Some((index, root)) = linear_root(arena, arg, variables)
                && !breakpoints[index].contains(&root)
            {
                breakpoints[index].push(root);
            }
        }
        for list in &mut breakpoints {
            list.sort_by(f64::total_cmp);
        }
        Plan { breakpoints }
    }

    /// Whether `point` lies exactly on a breakpoint of one of its variables.
    pub fn on_breakpoint(&self, point: &[f64]) -> Option<usize> {
        (0..point.len()).find(|&i| self.breakpoints[i].contains(&point[i]))
    }

    /// Points on each side of every breakpoint: every combination of sides
    /// when there are at most [`MOST_AROUND`], else as many drawn at random.
    /// Variables without breakpoints take random values.
    pub fn around(&self, random: &mut Random) -> Vec<Vec<f64>> {
        let choices: Vec<Vec<f64>> = self
            .breakpoints
            .iter()
            .map(|list| list.iter().flat_map(|r| OFFSETS.iter().map(move |o| r + o)).collect())
            .collect();
        if choices.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        let combinations =
            choices.iter().map(|c| c.len().max(1)).try_fold(1usize, |n, k| n.checked_mul(k)).unwrap_or(usize::MAX);
        let count = combinations.min(MOST_AROUND);
        (0..count)
            .map(|k| {
                let mut digits = k;
                choices
                    .iter()
                    .map(|list| {
                        if list.is_empty() {
                            return sample(random);
                        }
                        let index =
                            if combinations <= MOST_AROUND { digits % list.len() } else { random.below(list.len()) };
                        digits /= list.len();
                        list[index]
                    })
                    .collect()
            })
            .collect()
    }

    /// Points exactly on each breakpoint (the kinks), the other variables at
    /// random values: `(variable, point)`.
    pub fn on(&self, random: &mut Random) -> Vec<(usize, Vec<f64>)> {
        let mut points = Vec::new();
        for (index, list) in self.breakpoints.iter().enumerate() {
            for &root in list {
                for _ in 0..2 {
                    let mut point: Vec<f64> = (0..self.breakpoints.len()).map(|_| sample(random)).collect();
                    point[index] = root;
                    points.push((index, point));
                }
            }
        }
        points
    }
}

/// Functions with a breakpoint at 0.
fn is_piecewise(func: Func) -> bool {
    matches!(func, Func::Relu | Func::Step | Func::Abs | Func::Sign)
}

/// Where `arg` = c*x + d (numbers c ≠ 0, d; x one of `variables`, the only
/// leaf that varies) is 0: (x's index, −d/c).
fn linear_root(arena: &mut Arena, arg: Id, variables: &[Id]) -> Option<(usize, f64)> {
    let leaves = arena.leaves(arg, |node| matches!(node, Node::Var(_) | Node::Global(_) | Node::Data(_)));
    let [variable] = leaves[..] else { return None };
    let index = variables.iter().position(|&v| v == variable)?;
    let slope = arena.derivative(arg, variable);
    let slope = arena.as_number(slope)?.to_f64();
    let zero = arena.zero();
    let at_zero = arena.substitute(arg, &[(variable, zero)].into_iter().collect());
    let intercept = arena.as_number(at_zero)?.to_f64();
    let root = -intercept / slope;
    (slope != 0.0 && root.is_finite()).then_some((index, root))
}

/// Points across magnitudes: every variable ±10^k (signs at random), for
/// k = −3 … 3, four points each.
pub fn magnitudes(variables: usize, random: &mut Random) -> Vec<Vec<f64>> {
    let mut points = Vec::new();
    for k in -3..=3 {
        let magnitude = 10f64.powi(k);
        for _ in 0..4 {
            points.push((0..variables).map(|_| if random.below(2) == 0 { magnitude } else { -magnitude }).collect());
        }
    }
    points
}

/// One value of a variable: from a range picked at random among several,
/// so that positive-only, probability-like, negative, tiny and large values
/// are all met.
pub fn sample(random: &mut Random) -> f64 {
    let signed = |random: &mut Random, magnitude: f64| if random.below(2) == 0 { magnitude } else { -magnitude };
    let value = match random.below(7) {
        0 => random.uniform(-2.0, 2.0),
        1 => random.uniform(0.05, 3.0),
        2 => random.uniform(0.01, 0.99),
        3 => random.uniform(-3.0, -0.05),
        4 => {
            let magnitude = 10f64.powf(random.uniform(-2.0, 2.0));
            signed(random, magnitude)
        }
        5 => {
            let magnitude = 10f64.powf(random.uniform(-3.0, 3.0));
            signed(random, magnitude)
        }
        _ => {
            let magnitude = random.uniform(0.001, 0.05);
            signed(random, magnitude)
        }
    };
    round_to(value, 4)
}

/// `value` rounded to `digits` significant digits (shorter to read in verdicts).
fn round_to(value: f64, digits: i32) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(digits - 1 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relu_of_shifted(arena: &mut Arena, x: Id, shift: i128) -> Id {
        let shift = arena.int(-shift);
        let sum = arena.add([x, shift]);
        arena.apply(Func::Relu, sum)
    }

    #[test]
    fn breakpoints_of_linear_arguments_are_found() {
        let mut arena = Arena::new();
        let (x, y) = (arena.symbol("x"), arena.symbol("y"));
        let (x, y) = (arena.var(x), arena.var(y));
        let shifted = relu_of_shifted(&mut arena, x, 100);
        let product = arena.mul([x, y]);
        let not_linear = arena.apply(Func::Step, product);
        let sum = arena.add([shifted, not_linear]);
        let plan = Plan::new(&mut arena, &[sum], &[x, y]);
        assert_eq!(plan.breakpoints, vec![vec![100.0], vec![]]);
        let around = plan.around(&mut Random::new(1));
        assert_eq!(around.len(), 2);
        assert!(around.iter().any(|p| p[0] > 100.0) && around.iter().any(|p| p[0] < 100.0));
        assert!(plan.on(&mut Random::new(1)).iter().all(|(i, p)| *i == 0 && p[0] == 100.0));
    }

    #[test]
    fn every_combination_of_sides_is_tried() {
        let mut arena = Arena::new();
        let names = ["x", "y", "z"].map(|n| arena.symbol(n));
        let vars = names.map(|s| arena.var(s));
        let factors: Vec<Id> = vars.iter().map(|&v| relu_of_shifted(&mut arena, v, 5)).collect();
        let product = arena.mul(factors);
        let plan = Plan::new(&mut arena, &[product], &vars);
        let around = plan.around(&mut Random::new(1));
        assert_eq!(around.len(), 8);
        assert!(around.iter().any(|p| p.iter().all(|&v| v > 5.0)));
    }

    #[test]
    fn samples_reach_both_signs_small_and_large_values() {
        let mut random = Random::new(7);
        let values: Vec<f64> = (0..2000).map(|_| sample(&mut random)).collect();
        assert!(values.iter().any(|&v| v > 100.0) && values.iter().any(|&v| v < -100.0));
        assert!(values.iter().any(|&v| v.abs() < 0.005));
    }
}

//! The forward and backward passes over a computation graph at a point.
//!
//! Forward: each node's operation is evaluated from its inputs' values, in
//! evaluation order. Backward (reverse mode): the output's adjoint is 1;
//! walking the nodes from the output back, each input's adjoint gains the
//! node's adjoint times the local derivative ∂node/∂input, which is the
//! symbolic derivative of the node's operation evaluated at the forward
//! values. Every such contribution is kept, so the trace can show the chain
//! rule at work; the parameters' adjoints are the gradient.

use std::collections::HashMap;

use super::{Graph, Input};
use crate::eval::scalar::{EvalError, evaluate};
use crate::expr::arena::{Arena, Id, Node, Symbol};

/// One term of an adjoint: from `parent`, whose adjoint is `parent_adjoint`,
/// through the local derivative `local`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contribution {
    pub parent: usize,
    pub parent_adjoint: f64,
    pub local: f64,
}

/// The result of both passes.
#[derive(Clone, Debug)]
pub struct Trace {
    /// The parameters' values.
    pub point: Vec<f64>,
    /// Each node's value.
    pub values: Vec<f64>,
    /// Each node's adjoint ∂F/∂node, and the terms it is the sum of.
    pub node_adjoints: Vec<(f64, Vec<Contribution>)>,
    /// Each parameter's adjoint (the gradient), and its terms.
    pub gradient: Vec<(f64, Vec<Contribution>)>,
    /// F's value.
    pub output: f64,
}

/// Runs both passes at `point`. `global` gives bound names' values.
pub fn run(
    arena: &mut Arena,
    graph: &Graph,
    point: &[f64],
    global: &dyn Fn(&str) -> Option<f64>,
) -> Result<Trace, EvalError> {
    let stand_ins: Vec<Id> = (0..graph.nodes.len()).map(|i| graph.stand_in(arena, i)).collect();
    let mut known: HashMap<Symbol, f64> = HashMap::new();
    for (&variable, &value) in graph.variables.iter().zip(point) {
        if let Node::Var(symbol) = arena.node(variable) {
            known.insert(*symbol, value);
        }
    }
    let mut values = Vec::with_capacity(graph.nodes.len());
    for (node, &stand_in) in graph.nodes.iter().zip(&stand_ins) {
        let value = value_of(arena, node.operation, &known, global)?;
        if let Node::Var(symbol) = arena.node(stand_in) {
            known.insert(*symbol, value);
        }
        values.push(value);
    }
    let output = match values.last() {
        Some(&value) => value,
        None => value_of(arena, graph.root, &known, global)?,
    };
    let mut node_adjoints: Vec<(f64, Vec<Contribution>)> = vec![(0.0, Vec::new()); graph.nodes.len()];
    let mut gradient: Vec<(f64, Vec<Contribution>)> = vec![(0.0, Vec::new()); graph.params.len()];
    if let Some(last) = node_adjoints.last_mut() {
        last.0 = 1.0;
    } else if let Some(p) = graph.variables.iter().position(|&v| v == graph.root) {
        gradient[p].0 = 1.0;
    }
    for index in (0..graph.nodes.len()).rev() {
        let adjoint = node_adjoints[index].0;
        for &input in &graph.nodes[index].inputs {
            let variable = match input {
                Input::Node(i) => stand_ins[i],
                Input::Param(p) => graph.variables[p],
            };
            let local_derivative = arena.derivative(graph.nodes[index].operation, variable);
            let local = value_of(arena, local_derivative, &known, global)?;
            let contribution = Contribution { parent: index, parent_adjoint: adjoint, local };
            let slot = match input {
                Input::Node(i) => &mut node_adjoints[i],
                Input::Param(p) => &mut gradient[p],
            };
            slot.0 += adjoint * local;
            slot.1.push(contribution);
        }
    }
    Ok(Trace { point: point.to_vec(), values, node_adjoints, gradient, output })
}

fn value_of(
    arena: &Arena,
    id: Id,
    known: &HashMap<Symbol, f64>,
    global: &dyn Fn(&str) -> Option<f64>,
) -> Result<f64, EvalError> {
    let leaf = |node: &Node| match node {
        Node::Var(symbol) => known.get(symbol).copied(),
        Node::Global(symbol) => global(arena.name(*symbol)),
        _ => None,
    };
    evaluate(arena, id, &leaf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_seed_at_a_point() {
        let mut arena = Arena::new();
        let names = ["a", "b", "c"];
        let v: Vec<Id> = names
            .iter()
            .map(|n| {
                let s = arena.symbol(n);
                arena.var(s)
            })
            .collect();
        let bc = arena.mul([v[1], v[2]]);
        let sum = arena.add([v[0], bc]);
        let three = arena.int(3);
        let j = arena.mul([three, sum]);
        let params: Vec<String> = names.map(String::from).to_vec();
        let graph = Graph::build(&mut arena, "J", &params, &v, j, &HashSet::new());
        let trace = run(&mut arena, &graph, &[5.0, 3.0, 2.0], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(trace.values, [6.0, 11.0, 33.0]);
        let adjoints: Vec<f64> = trace.node_adjoints.iter().map(|a| a.0).collect();
        assert_eq!(adjoints, [3.0, 3.0, 1.0]);
        let gradient: Vec<f64> = trace.gradient.iter().map(|g| g.0).collect();
        assert_eq!(gradient, [3.0, 6.0, 9.0]);
        assert_eq!(trace.node_adjoints[0].1, [Contribution { parent: 1, parent_adjoint: 3.0, local: 1.0 }]);
    }
}

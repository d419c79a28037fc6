//! The forward and backward passes over a computation graph at a point.
//!
//! Forward: each node's operation is evaluated from its inputs' values, in
//! evaluation order; a node over data rows holds a vector. Backward
//! (reverse mode): the output's adjoint is 1; walking the nodes from the
//! output back, each input's adjoint gains the node's adjoint times the
//! local derivative ∂node/∂input — the symbolic derivative of the node's
//! operation, evaluated at the forward values (row by row for vectors; a
//! `sum` or `mean` passes 1 or 1/n to each row). A parameter used in every
//! row collects the sum over the rows. Every contribution is kept, so the
//! trace can show the chain rule at work; the parameters' adjoints are the
//! gradient.

use std::collections::HashMap;

use super::{Graph, Input};
use crate::builtins::Reduction;
use crate::eval::direct::{EvalError, Value, evaluate_with_values};
use crate::expr::arena::{Arena, Id, Node, Symbol};

/// One term of an adjoint: from `parent`, whose adjoint is `parent_adjoint`,
/// through the local derivative `local`.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    pub parent: usize,
    pub parent_adjoint: Value,
    pub local: Value,
}

/// The result of both passes.
#[derive(Clone, Debug)]
pub struct Trace {
    /// The parameters' values.
    pub point: Vec<f64>,
    /// Each node's value.
    pub values: Vec<Value>,
    /// Each node's adjoint ∂F/∂node, and the terms it is the sum of.
    pub node_adjoints: Vec<(Value, Vec<Contribution>)>,
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
    let mut known: HashMap<Symbol, Value> = HashMap::new();
    for (&variable, &value) in graph.variables.iter().zip(point) {
        if let Node::Var(symbol) = arena.node(variable) {
            known.insert(*symbol, Value::Number(value));
        }
    }
    let mut values = Vec::with_capacity(graph.nodes.len());
    for (node, &stand_in) in graph.nodes.iter().zip(&stand_ins) {
        let value = value_of(arena, node.operation, &known, global)?;
        if let Node::Var(symbol) = arena.node(stand_in) {
            known.insert(*symbol, value.clone());
        }
        values.push(value);
    }
    let output_value = match values.last() {
        Some(value) => value.clone(),
        None => value_of(arena, graph.root, &known, global)?,
    };
    let output = output_value.total();
    let mut node_adjoints: Vec<(Value, Vec<Contribution>)> = vec![(Value::Number(0.0), Vec::new()); graph.nodes.len()];
    let mut gradient: Vec<(f64, Vec<Contribution>)> = vec![(0.0, Vec::new()); graph.params.len()];
    if let Some(last) = node_adjoints.last_mut() {
        last.0 = Value::Number(1.0);
    } else if let Some(p) = graph.variables.iter().position(|&v| v == graph.root) {
        gradient[p].0 = 1.0;
    }
    for index in (0..graph.nodes.len()).rev() {
        let adjoint = node_adjoints[index].0.clone();
        for &input in &graph.nodes[index].inputs {
            let local = local_derivative(arena, graph, index, input, &stand_ins, &known, global)?;
            let contribution = Contribution { parent: index, parent_adjoint: adjoint.clone(), local: local.clone() };
            match input {
                Input::Node(i) => {
                    let slot = &mut node_adjoints[i];
                    slot.0 = slot.0.plus_product(&adjoint, &local);
                    slot.1.push(contribution);
                }
                Input::Param(p) => {
                    // A parameter is the same in every row: it collects the sum over rows.
                    let slot = &mut gradient[p];
                    slot.0 += Value::Number(0.0).plus_product(&adjoint, &local).total();
                    slot.1.push(contribution);
                }
            }
        }
    }
    Ok(Trace { point: point.to_vec(), values, node_adjoints, gradient, output })
}

/// ∂node/∂input at the forward values.
fn local_derivative(
    arena: &mut Arena,
    graph: &Graph,
    index: usize,
    input: Input,
    stand_ins: &[Id],
    known: &HashMap<Symbol, Value>,
    global: &dyn Fn(&str) -> Option<f64>,
) -> Result<Value, EvalError> {
    let operation = graph.nodes[index].operation;
    if let Node::Reduce(reduction, _, rows) = *arena.node(operation) {
        // Each row of the input moves a sum by 1 and a mean by 1/n.
        return Ok(Value::Number(match reduction {
            Reduction::Sum => 1.0,
            Reduction::Mean => 1.0 / rows.max(1) as f64,
        }));
    }
    let variable = match input {
        Input::Node(i) => stand_ins[i],
        Input::Param(p) => graph.variables[p],
    };
    let derivative = arena.derivative(operation, variable);
    value_of(arena, derivative, known, global)
}

fn value_of(
    arena: &Arena,
    id: Id,
    known: &HashMap<Symbol, Value>,
    global: &dyn Fn(&str) -> Option<f64>,
) -> Result<Value, EvalError> {
    let leaf = |node: &Node| match node {
        Node::Var(symbol) => known.get(symbol).cloned(),
        Node::Global(symbol) => global(arena.name(*symbol)).map(Value::Number),
        _ => None,
    };
    evaluate_with_values(arena, id, &leaf)
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
        let values: Vec<f64> = trace.values.iter().map(Value::total).collect();
        assert_eq!(values, [6.0, 11.0, 33.0]);
        let adjoints: Vec<f64> = trace.node_adjoints.iter().map(|a| a.0.total()).collect();
        assert_eq!(adjoints, [3.0, 3.0, 1.0]);
        let gradient: Vec<f64> = trace.gradient.iter().map(|g| g.0).collect();
        assert_eq!(gradient, [3.0, 6.0, 9.0]);
        assert_eq!(
            trace.node_adjoints[0].1,
            [Contribution { parent: 1, parent_adjoint: Value::Number(3.0), local: Value::Number(1.0) }]
        );
    }

    #[test]
    fn vectors_flow_through_and_parameters_sum_their_rows() {
        let mut arena = Arena::new();
        let m = arena.symbol("m");
        let m = arena.var(m);
        let x = arena.data("x", std::sync::Arc::new(ndarray::Array1::from(vec![1.0, 2.0, 3.0])));
        let product = arena.mul([m, x]);
        let two = arena.int(2);
        let square = arena.pow(product, two);
        let j = arena.reduce(Reduction::Mean, square, 3);
        let graph = Graph::build(&mut arena, "J", &["m".to_string()], &[m], j, &HashSet::new());
        let trace = run(&mut arena, &graph, &[2.0], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        // J = mean((m x)^2) = m² mean(x²) = 4·14/3; dJ/dm = 2m mean(x²) = 4·14/3.
        assert!((trace.output - 56.0 / 3.0).abs() < 1e-12);
        assert!((trace.gradient[0].0 - 56.0 / 3.0).abs() < 1e-12);
    }
}

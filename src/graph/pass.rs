//! The forward and backward passes over a computation graph at a point.
//!
//! Forward: each node's value is computed from the parameters through its
//! accurate form (`eval::stable`: `1 - σ(z)` as `σ(-z)`), all nodes in one
//! pass; where some node has no value, each operation, as written, is
//! evaluated from its inputs' values in evaluation order, which names the
//! node that fails. A node over data rows holds a vector. Backward
//! (reverse mode): the output's adjoint is 1; walking the nodes from the
//! output back, every use of an input adds the node's adjoint times the
//! local derivative of that use — the symbolic derivative of the node's
//! operation by that use alone, evaluated at the forward values through its
//! accurate form (row by row
//! for vectors; a `sum` or `mean` passes 1 or 1/n to each row). `u*u` so
//! gives `u` two contributions, one per factor. Every contribution is kept,
//! so the trace can show the chain rule at work; the parameters' adjoints
//! are the gradient.
//!
//! Shapes: when F is a number, an adjoint has its node's shape — a node over
//! the rows gets one adjoint per row, while a number (a parameter, a `mean`)
//! collects the sum over the rows of what its vector parents pass it. When
//! F is a vector, each row of F is its own function: every adjoint is per
//! row (∂Fᵢ/∂node), parameters' included, so the gradient is a vector too.
//! Rows of such an F that mix through a `sum` or `mean` would need a matrix
//! of adjoints; the pass reports them as a [`Failure`] instead.

use std::collections::HashMap;

use super::{Graph, GraphNode, NodeInput, Use};
use crate::eval::direct::{EvalError, Evaluated, evaluate_many, evaluate_with_values};
use crate::eval::stable;
use crate::expr::arena::{Arena, Id, Node, Symbol};
use crate::math::Problem;

/// One term of an adjoint: from the `use_index`-th use by node `parent`,
/// whose adjoint is `parent_adjoint`, through the local derivative `local`.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    pub parent: usize,
    pub use_index: usize,
    pub parent_adjoint: Evaluated,
    pub local: Evaluated,
    /// True when the product, one value per row of the parent, was summed
    /// over the rows.
    pub summed: bool,
}

/// An adjoint ∂F/∂node and the terms it is the sum of.
#[derive(Clone, Debug, PartialEq)]
pub struct Adjoint {
    pub value: Evaluated,
    pub terms: Vec<Contribution>,
}

impl Adjoint {
    fn zero() -> Adjoint {
        Adjoint { value: Evaluated::Number(0.0), terms: Vec::new() }
    }
}

/// The result of both passes.
#[derive(Clone, Debug)]
pub struct Trace {
    /// The parameters' values.
    pub point: Vec<f64>,
    /// Each node's value; the last is F's.
    pub values: Vec<Evaluated>,
    /// Each node's adjoint.
    pub node_adjoints: Vec<Adjoint>,
    /// Each parameter's adjoint: the gradient.
    pub gradient: Vec<Adjoint>,
    /// True when F is a vector, so that every adjoint is per row of F.
    pub rows: bool,
}

impl Trace {
    /// F's value.
    pub fn output(&self) -> &Evaluated {
        self.values.last().unwrap_or(&Evaluated::Number(0.0))
    }

    /// True when `input`'s adjoint holds one value per row.
    pub fn per_row(&self, arena: &Arena, graph: &Graph, input: NodeInput) -> bool {
        self.rows || matches!(input, NodeInput::Node(i) if arena.rows(graph.nodes[i].id).is_some())
    }
}

/// Why a pass stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// Node `node` has no value at the point.
    Forward { node: usize, error: EvalError },
    /// The local derivative of use `use_index` of node `node` has no value
    /// (the forward pass gave `values`).
    Backward { node: usize, use_index: usize, error: EvalError, values: Vec<Evaluated> },
    /// F is a vector and node `node` (a `sum` or `mean`) mixes its rows.
    RowsMix { node: usize },
}

/// Runs both passes at `point`. `global` gives bound names' values.
pub fn run(
    arena: &mut Arena,
    graph: &Graph,
    point: &[f64],
    global: &dyn Fn(&str) -> Option<f64>,
) -> Result<Trace, Failure> {
    // The forward pass reads parameters and nodes by name, the backward pass each use by its variable.
    let stand_ins: Vec<Id> = (0..graph.nodes.len()).map(|i| graph.stand_in(arena, i)).collect();
    let mut known: HashMap<Symbol, Evaluated> = HashMap::new();
    for (&variable, &value) in graph.variables.iter().zip(point) {
        bind(arena, &mut known, variable, Evaluated::Number(value));
    }
    let accurate = accurate_values(arena, graph, &known, global);
    let mut values: Vec<Evaluated> = Vec::with_capacity(graph.nodes.len());
    for (index, node) in graph.nodes.iter().enumerate() {
        let value = match &accurate {
            Some(accurate) => accurate[index].clone(),
            None => value_of(arena, node.operation, &known, global)
                .map_err(|error| Failure::Forward { node: index, error })?,
        };
        for u in &node.uses {
            let input = match u.input {
                NodeInput::Node(i) => values[i].clone(),
                NodeInput::Param(p) => Evaluated::Number(point.get(p).copied().unwrap_or(0.0)),
            };
            bind(arena, &mut known, u.variable, input);
        }
        bind(arena, &mut known, stand_ins[index], value.clone());
        values.push(value);
    }
    let mut trace = Trace {
        point: point.to_vec(),
        rows: matches!(values.last(), Some(Evaluated::Vector(_))),
        values,
        node_adjoints: vec![Adjoint::zero(); graph.nodes.len()],
        gradient: vec![Adjoint::zero(); graph.params.len()],
    };
    if let Some(last) = trace.node_adjoints.last_mut() {
        last.value = Evaluated::Number(1.0);
    }
    for (index, node) in graph.nodes.iter().enumerate().rev() {
        if trace.rows && !node.uses.is_empty() && matches!(arena.node(node.by_use), Node::Reduce(..)) {
            return Err(Failure::RowsMix { node: index });
        }
        let adjoint = trace.node_adjoints[index].value.clone();
        for (use_index, u) in node.uses.iter().enumerate() {
            let local = local_derivative(arena, node, u, &known, global).map_err(|error| Failure::Backward {
                node: index,
                use_index,
                error,
                values: trace.values.clone(),
            })?;
            let per_row = trace.per_row(arena, graph, u.input);
            let slot = match u.input {
                NodeInput::Node(i) => &mut trace.node_adjoints[i],
                NodeInput::Param(p) => &mut trace.gradient[p],
            };
            let mismatch = |problem| Failure::Backward {
                node: index,
                use_index,
                error: EvalError { node: node.by_use, problem, row: None },
                values: trace.values.clone(),
            };
            let product = Evaluated::Number(0.0).plus_product(&adjoint, &local).map_err(mismatch)?;
            // A parent over n rows passes one term per row; a number standing
            // for every row counts n times.
            let parent_rows = match &trace.values[index] {
                Evaluated::Vector(rows) => Some(rows.len()),
                Evaluated::Number(_) => None,
            };
            let summed = !per_row && (parent_rows.is_some() || matches!(product, Evaluated::Vector(_)));
            slot.value = match (&product, parent_rows) {
                _ if per_row => slot.value.plus_product(&adjoint, &local).map_err(mismatch)?,
                (Evaluated::Number(x), Some(rows)) => Evaluated::Number(slot.value.total() + x * rows as f64),
                _ => Evaluated::Number(slot.value.total() + product.total()),
            };
            if !slot.value.is_finite() {
                return Err(mismatch(Problem::Overflow));
            }
            slot.terms.push(Contribution { parent: index, use_index, parent_adjoint: adjoint.clone(), local, summed });
        }
    }
    Ok(trace)
}

/// The local derivative of one use by `node`, at the forward values.
fn local_derivative(
    arena: &mut Arena,
    node: &GraphNode,
    u: &Use,
    known: &HashMap<Symbol, Evaluated>,
    global: &dyn Fn(&str) -> Option<f64>,
) -> Result<Evaluated, EvalError> {
    if let Node::Reduce(reduction, _, rows) = *arena.node(node.by_use)
        && let Some(weight) = reduction.row_weight(rows)
    {
        // Each row of the input moves a sum by 1 and a mean by 1/n.
        return Ok(Evaluated::Number(weight));
    }
    let derivative = arena.derivative(node.by_use, u.variable);
    let accurate = stable::rewrite(arena, derivative);
    stable::evaluate(arena, derivative, accurate, &|leaf| leaf_value(arena, leaf, known, global))
}

/// Every node's value computed from the parameters through its accurate form
/// (`eval::stable`), so that a node such as `1 - σ(z)` at z = 40 holds
/// 4.2e-18, not the 0 its rounded inputs give; `None` when some node has no
/// value, and the pass then finds which, from the inputs as written.
fn accurate_values(
    arena: &mut Arena,
    graph: &Graph,
    known: &HashMap<Symbol, Evaluated>,
    global: &dyn Fn(&str) -> Option<f64>,
) -> Option<Vec<Evaluated>> {
    let written: Vec<Id> = graph.nodes.iter().map(|node| node.id).collect();
    let accurate = stable::rewrite_all(arena, &written);
    evaluate_many(arena, &accurate, &|leaf| leaf_value(arena, leaf, known, global)).ok()
}

fn bind(arena: &Arena, known: &mut HashMap<Symbol, Evaluated>, variable: Id, value: Evaluated) {
    if let Node::Var(symbol) = arena.node(variable) {
        known.insert(*symbol, value);
    }
}

fn value_of(
    arena: &Arena,
    id: Id,
    known: &HashMap<Symbol, Evaluated>,
    global: &dyn Fn(&str) -> Option<f64>,
) -> Result<Evaluated, EvalError> {
    evaluate_with_values(arena, id, &|leaf| leaf_value(arena, leaf, known, global))
}

/// A leaf's value: a variable bound in the pass, or a bound name.
fn leaf_value(
    arena: &Arena,
    node: &Node,
    known: &HashMap<Symbol, Evaluated>,
    global: &dyn Fn(&str) -> Option<f64>,
) -> Option<Evaluated> {
    match node {
        Node::Var(symbol) => known.get(symbol).cloned(),
        Node::Global(symbol) => global(arena.name(*symbol)).map(Evaluated::Number),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::{Func, Reduction};
    use std::collections::HashSet;

    fn vars(arena: &mut Arena, names: &[&str]) -> Vec<Id> {
        names
            .iter()
            .map(|n| {
                let s = arena.symbol(n);
                arena.var(s)
            })
            .collect()
    }

    fn build(arena: &mut Arena, names: &[&str], variables: &[Id], body: Id) -> Graph {
        let params: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        Graph::build(arena, "F", &params, variables, body, &HashSet::new())
    }

    fn numbers(adjoints: &[Adjoint]) -> Vec<f64> {
        adjoints.iter().map(|a| a.value.total()).collect()
    }

    #[test]
    fn the_seed_at_a_point() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["a", "b", "c"]);
        let bc = arena.written_mul(v[1], v[2]);
        let sum = arena.written_add(v[0], bc);
        let three = arena.int(3);
        let j = arena.written_mul(three, sum);
        let graph = build(&mut arena, &["a", "b", "c"], &v, j);
        let trace = run(&mut arena, &graph, &[5.0, 3.0, 2.0], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        let values: Vec<f64> = trace.values.iter().map(Evaluated::total).collect();
        assert_eq!(values, [6.0, 11.0, 33.0]);
        assert_eq!(numbers(&trace.node_adjoints), [3.0, 3.0, 1.0]);
        assert_eq!(numbers(&trace.gradient), [3.0, 6.0, 9.0]);
        let from_v = Contribution {
            parent: 1,
            use_index: 1,
            parent_adjoint: Evaluated::Number(3.0),
            local: Evaluated::Number(1.0),
            summed: false,
        };
        assert_eq!(trace.node_adjoints[0].terms, [from_v]);
    }

    #[test]
    fn a_factor_used_twice_contributes_twice() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["x"]);
        let sin = arena.written_apply(Func::Sin, v[0]);
        let product = arena.written_mul(sin, sin);
        let k = arena.written_add(product, sin);
        let graph = build(&mut arena, &["x"], &v, k);
        let trace = run(&mut arena, &graph, &[1.0], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        let terms: Vec<f64> = trace.node_adjoints[0].terms.iter().map(|t| t.local.total()).collect();
        assert_eq!(terms, [1.0, 1f64.sin(), 1f64.sin()], "from K, then from each factor of u*u");
        let expected = (1.0 + 2.0 * 1f64.sin()) * 1f64.cos();
        assert!((trace.gradient[0].value.total() - expected).abs() < 1e-15);
    }

    #[test]
    fn a_parameter_as_output_has_adjoint_one() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["x", "y"]);
        let graph = build(&mut arena, &["x", "y"], &v, v[0]);
        let trace = run(&mut arena, &graph, &[2.0, 3.0], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(trace.output(), &Evaluated::Number(2.0));
        assert_eq!(numbers(&trace.gradient), [1.0, 0.0]);
        assert_eq!(trace.gradient[0].terms.len(), 1);
        assert!(trace.gradient[1].terms.is_empty());
    }

    #[test]
    fn the_backward_pass_fails_where_only_the_derivative_is_undefined() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["x"]);
        let half = arena.num(crate::expr::number::Number::ratio(1, 2).unwrap_or(crate::expr::number::Number::ONE));
        let root = arena.written_pow(v[0], half);
        let graph = build(&mut arena, &["x"], &v, root);
        let failure = run(&mut arena, &graph, &[0.0], &|_| None).err();
        assert!(matches!(failure, Some(Failure::Backward { node: 0, use_index: 0, .. })), "{failure:?}");
    }

    fn data(arena: &mut Arena) -> Id {
        arena.data("x", std::sync::Arc::new(ndarray::Array1::from(vec![1.0, 2.0, 3.0])))
    }

    #[test]
    fn a_number_collects_the_sum_over_the_rows() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["m"]);
        let x = data(&mut arena);
        let product = arena.written_mul(v[0], x);
        let two = arena.int(2);
        let square = arena.written_pow(product, two);
        let j = arena.written_reduce(Reduction::Mean, square, 3);
        let graph = build(&mut arena, &["m"], &v, j);
        let trace = run(&mut arena, &graph, &[2.0], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        // J = mean((m x)^2) = m² mean(x²) = 4·14/3; dJ/dm = 2m mean(x²) = 4·14/3.
        assert!((trace.output().total() - 56.0 / 3.0).abs() < 1e-12);
        assert!((trace.gradient[0].value.total() - 56.0 / 3.0).abs() < 1e-12);
        assert!(trace.gradient[0].terms[0].summed);
        assert!(!trace.rows);
    }

    #[test]
    fn a_vector_output_has_a_gradient_per_row() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["m", "b"]);
        let x = data(&mut arena);
        let product = arena.written_mul(v[0], x);
        let sum = arena.written_add(product, v[1]);
        let two = arena.int(2);
        let r = arena.written_pow(sum, two);
        let graph = build(&mut arena, &["m", "b"], &v, r);
        let trace = run(&mut arena, &graph, &[1.0, 2.0], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(trace.rows);
        // ∂R/∂m = 2(m x + b) x = [6, 16, 30]; ∂R/∂b = 2(m x + b) = [6, 8, 10].
        let rows = |value: &Evaluated| match value {
            Evaluated::Vector(v) => v.to_vec(),
            Evaluated::Number(x) => vec![*x],
        };
        assert_eq!(rows(&trace.gradient[0].value), [6.0, 16.0, 30.0]);
        assert_eq!(rows(&trace.gradient[1].value), [6.0, 8.0, 10.0]);
        assert!(trace.gradient.iter().all(|g| g.terms.iter().all(|t| !t.summed)));
        let mixed = arena.written_reduce(Reduction::Mean, product, 3);
        let r = arena.written_mul(mixed, x);
        let graph = build(&mut arena, &["m", "b"], &v, r);
        let failure = run(&mut arena, &graph, &[1.0, 2.0], &|_| None).err();
        assert!(matches!(failure, Some(Failure::RowsMix { node: 1 })), "{failure:?}");
    }
}

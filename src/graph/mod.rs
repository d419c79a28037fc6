//! The computation graph of a function (`graph F`).
//!
//! The function's body is a DAG in the arena; its graph nodes are the
//! operations in it, in evaluation order (ids ascend from leaves to roots),
//! each shared subexpression once. Leaves (parameters, bound names,
//! constants) are inputs, not nodes. Two operations are drawn inside their
//! parent rather than as nodes of their own, as a reader writes them: a
//! negated or scaled term inside a sum (`a - b`, `a + 2*b`) and a
//! reciprocal inside a product (`a/b`). Intermediates are named u, v, w, p,
//! q, r, s, t, then u1, u2, …, skipping names already in use; the output
//! takes the function's name. Each node's operation is kept as an
//! expression over its inputs' names, so its local derivatives come from
//! the one symbolic derivative. `pass` runs the forward and backward
//! passes; `render` draws the result as text, Mermaid or Graphviz.

pub mod pass;
pub mod render;

use std::collections::{HashMap, HashSet};

use crate::expr::arena::{Arena, Id, Node};

/// One node of the graph: an operation.
#[derive(Clone, Debug)]
pub struct GraphNode {
    /// The arena expression this node computes.
    pub id: Id,
    pub name: String,
    /// The operation over its inputs, with inputs that are nodes written by name.
    pub operation: Id,
    /// What the operation reads: other nodes and leaves, in first-use order.
    pub inputs: Vec<Input>,
}

/// Something a node reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    /// Another node, by index in [`Graph::nodes`].
    Node(usize),
    /// A parameter, by index in [`Graph::params`].
    Param(usize),
}

/// The graph of one function.
#[derive(Clone, Debug)]
pub struct Graph {
    /// The function's name (the output node's name).
    pub name: String,
    pub params: Vec<String>,
    /// The parameters' variables in the arena.
    pub variables: Vec<Id>,
    /// Operations in evaluation order; the last is the output (if any).
    pub nodes: Vec<GraphNode>,
    /// The function's body (a leaf when the function does no operation).
    pub root: Id,
}

/// The names intermediates take, in order, before `u1`, `u2`, ….
const NAMES: [&str; 8] = ["u", "v", "w", "p", "q", "r", "s", "t"];

impl Graph {
    /// The graph of `root`, a function `name` of `params` (their variables
    /// are `variables`); names in `taken` are not given to intermediates.
    pub fn build(
        arena: &mut Arena,
        name: &str,
        params: &[String],
        variables: &[Id],
        root: Id,
        taken: &HashSet<String>,
    ) -> Graph {
        let order = arena.reachable(&[root]);
        let parents = parents(arena, &order);
        let is_node = |id: Id| {
            !is_leaf(arena.node(id))
                && (id == root || !absorbed(arena, id, parents.get(&id).map_or(&[][..], Vec::as_slice)))
        };
        let node_ids: Vec<Id> = order.iter().copied().filter(|&id| is_node(id)).collect();
        let mut taken: HashSet<String> = taken.clone();
        taken.extend(params.iter().cloned());
        taken.insert(name.to_string());
        for &id in &order {
            if let Node::Var(symbol) | Node::Global(symbol) = arena.node(id) {
                taken.insert(arena.name(*symbol).to_string());
            }
        }
        let mut names = fresh_names(taken);
        let index: HashMap<Id, usize> = node_ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        let mut nodes: Vec<GraphNode> = Vec::with_capacity(node_ids.len());
        for &id in &node_ids {
            let node_name = if id == root { name.to_string() } else { names.next().unwrap_or_default() };
            nodes.push(GraphNode { id, name: node_name, operation: id, inputs: Vec::new() });
        }
        let stand_ins: HashMap<Id, Id> = nodes
            .iter()
            .map(|n| {
                let symbol = arena.symbol(&n.name);
                (n.id, arena.var(symbol))
            })
            .collect();
        for node in &mut nodes {
            let mut inputs = Vec::new();
            node.operation = operation(arena, node.id, &index, &stand_ins, variables, &mut inputs);
            node.inputs = inputs;
        }
        Graph { name: name.to_string(), params: params.to_vec(), variables: variables.to_vec(), nodes, root }
    }

    /// The arena variable that stands for node `index` in its parents' operations.
    pub fn stand_in(&self, arena: &mut Arena, index: usize) -> Id {
        let symbol = arena.symbol(&self.nodes[index].name);
        arena.var(symbol)
    }

    /// The name of an input.
    pub fn input_name(&self, input: Input) -> &str {
        match input {
            Input::Node(i) => &self.nodes[i].name,
            Input::Param(i) => &self.params[i],
        }
    }
}

fn is_leaf(node: &Node) -> bool {
    matches!(node, Node::Num(_) | Node::Const(_) | Node::Var(_) | Node::Global(_) | Node::Data(_))
}

/// For each node, the nodes that use it directly.
fn parents(arena: &Arena, order: &[Id]) -> HashMap<Id, Vec<Id>> {
    let mut parents: HashMap<Id, Vec<Id>> = HashMap::new();
    for &id in order {
        arena.for_each_child(id, |child| parents.entry(child).or_default().push(id));
    }
    parents
}

/// True when `id` is drawn inside its parents: a reciprocal used only in
/// products, or a scaled term (`-b`, `2*b`) used only in sums.
fn absorbed(arena: &Arena, id: Id, parents: &[Id]) -> bool {
    if parents.is_empty() {
        return false;
    }
    let all_parents = |want: fn(&Node) -> bool| parents.iter().all(|&p| want(arena.node(p)));
    match arena.node(id) {
        Node::Pow(_, exponent) if arena.as_number(*exponent).is_some_and(|e| e.is_negative()) => {
            all_parents(|n| matches!(n, Node::Mul(_)))
        }
        Node::Mul(items) if items.len() == 2 && items.iter().any(|&i| arena.as_number(i).is_some()) => {
            all_parents(|n| matches!(n, Node::Add(_)))
        }
        _ => false,
    }
}

/// `u, v, w, p, q, r, s, t, u1, u2, …` without the taken names.
fn fresh_names(taken: HashSet<String>) -> impl Iterator<Item = String> {
    let plain = NAMES.iter().map(|n| n.to_string());
    let numbered = (1..).map(|k| format!("u{k}"));
    plain.chain(numbered).filter(move |n| !taken.contains(n))
}

/// The operation of node `id` over its inputs: child nodes replaced by
/// their stand-in variables, absorbed children expanded in place. Records
/// the inputs read.
fn operation(
    arena: &mut Arena,
    id: Id,
    index: &HashMap<Id, usize>,
    stand_ins: &HashMap<Id, Id>,
    variables: &[Id],
    inputs: &mut Vec<Input>,
) -> Id {
    let mut children = Vec::new();
    arena.for_each_child(id, |child| children.push(child));
    let mut replacements: HashMap<Id, Id> = HashMap::new();
    for child in children {
        let replacement = if let Some(&i) = index.get(&child) {
            push_once(inputs, Input::Node(i));
            stand_ins[&child]
        } else if let Some(p) = variables.iter().position(|&v| v == child) {
            push_once(inputs, Input::Param(p));
            child
        } else if is_leaf(arena.node(child)) {
            child
        } else {
            operation(arena, child, index, stand_ins, variables, inputs)
        };
        replacements.insert(child, replacement);
    }
    if let Node::Reduce(reduction, arg, rows) = *arena.node(id) {
        // `mean(u)` of a stand-in `u`: kept as written, though `u` is a name.
        let arg = replacements.get(&arg).copied().unwrap_or(arg);
        return arena.reduce_as_is(reduction, arg, rows);
    }
    arena.rebuild(id, |child| replacements.get(&child).copied().unwrap_or(child))
}

fn push_once(inputs: &mut Vec<Input>, input: Input) {
    if !inputs.contains(&input) {
        inputs.push(input);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::Func;
    use crate::expr::print::Printer;

    fn lines(arena: &Arena, graph: &Graph) -> Vec<String> {
        graph.nodes.iter().map(|n| format!("{} = {}", n.name, Printer::new(arena).text(n.operation))).collect()
    }

    fn vars(arena: &mut Arena, names: &[&str]) -> Vec<Id> {
        names
            .iter()
            .map(|n| {
                let s = arena.symbol(n);
                arena.var(s)
            })
            .collect()
    }

    #[test]
    fn the_seed_graph() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["a", "b", "c"]);
        let bc = arena.mul([v[1], v[2]]);
        let sum = arena.add([v[0], bc]);
        let three = arena.int(3);
        let j = arena.mul([three, sum]);
        let params: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let graph = Graph::build(&mut arena, "J", &params, &v, j, &HashSet::new());
        assert_eq!(lines(&arena, &graph), ["u = b*c", "v = a + u", "J = 3*v"]);
        assert_eq!(graph.nodes[1].inputs, [Input::Param(0), Input::Node(0)]);
    }

    #[test]
    fn shared_subexpressions_appear_once() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["x"]);
        let sin = arena.apply(Func::Sin, v[0]);
        let product = arena.mul([sin, sin]);
        let k = arena.add([product, sin]);
        let graph = Graph::build(&mut arena, "K", &["x".to_string()], &v, k, &HashSet::new());
        let shown = lines(&arena, &graph);
        assert_eq!(shown.iter().filter(|l| l.contains("sin(x)")).count(), 1, "{shown:?}");
    }

    #[test]
    fn subtraction_and_division_stay_inside_their_parent() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["a", "b"]);
        let difference = arena.sub(v[0], v[1]);
        let quotient = arena.div(difference, v[1]);
        let params: Vec<String> = ["a", "b"].map(String::from).to_vec();
        let graph = Graph::build(&mut arena, "f", &params, &v, quotient, &HashSet::new());
        assert_eq!(lines(&arena, &graph), ["u = a - b", "f = u/b"]);
    }

    #[test]
    fn names_in_use_are_skipped() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["u", "w"]);
        let product = arena.mul([v[0], v[1]]);
        let sin = arena.apply(Func::Sin, product);
        let params: Vec<String> = ["u", "w"].map(String::from).to_vec();
        let taken: HashSet<String> = ["v".to_string()].into();
        let graph = Graph::build(&mut arena, "g", &params, &v, sin, &taken);
        assert_eq!(lines(&arena, &graph), ["p = u*w", "g = sin(p)"]);
    }
}

//! The computation graph of a function (`graph F`).
//!
//! The function's body comes lowered as written (`expr::written`): a DAG in
//! the arena with one node per operation the user wrote, user functions
//! inlined, each shared subexpression once. The graph's nodes are those
//! operations in evaluation order (ids ascend from leaves to roots).
//! Leaves (parameters, bound names, data, numbers) are inputs, not nodes,
//! unless the whole body is one (`F(x, y) = x`, `F(x) = 3`): then that
//! leaf is the output node, so every graph has its output. Some operations
//! are drawn inside their parent, as a reader writes them: a negated or
//! scaled term inside a sum (`a - b`, `a + 2*b`), a reciprocal inside a
//! product (`a/b`), and a sum used once, by a sum, or a product used once,
//! by a product, which opens up into it (`a + b + c`, `2*b*c`).
//! Intermediates are named u, v, w, p, q, r, s, t, then u1, u2, …, skipping
//! names already in use; the output takes the function's name.
//!
//! Each node keeps its operation twice: as shown, over its inputs' names
//! (`v = u*u`), and with every use of an input as a variable of its own
//! (`#0*#1`). The local derivative of each use — each factor of `u*u` on
//! its own — is then the one symbolic derivative of the second form (a
//! node with very many uses gets one variable per input instead).
//! `pass` runs the forward and backward passes; `render::graph_text` draws
//! the result as text and `render::graph_diagram` as Mermaid or Graphviz.

pub mod pass;

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
    /// The operation with each use of an input as its own variable, for
    /// the local derivatives.
    pub by_use: Id,
    /// Each use of an input, in the order the operation reads them.
    pub uses: Vec<Use>,
}

/// Something a node reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeInput {
    /// Another node, by index in [`Graph::nodes`].
    Node(usize),
    /// A parameter, by index in [`Graph::params`].
    Param(usize),
}

/// One use of an input by a node: `u*u` uses `u` twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Use {
    pub input: NodeInput,
    /// The variable standing for this use in the node's `by_use` operation.
    pub variable: Id,
}

/// The graph of one function.
#[derive(Clone, Debug)]
pub struct Graph {
    /// The function's name (the output node's name).
    pub name: String,
    pub params: Vec<String>,
    /// The parameters' variables in the arena.
    pub variables: Vec<Id>,
    /// Operations in evaluation order; the last is the output.
    pub nodes: Vec<GraphNode>,
    /// The function's body.
    pub root: Id,
}

/// Uses beyond which a node's reads of one input share one variable. Each
/// use's local derivative is a pass over the node's whole operation, so a
/// node reading thousands of times (`x + x + … + x`) would cost quadratic
/// time; past this many, each input gets one term, the sum over its reads.
const MOST_USES: usize = 32;

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
            id == root
                || !is_leaf(arena.node(id)) && !absorbed(arena, id, parents.get(&id).map_or(&[][..], Vec::as_slice))
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
        let names: Vec<String> = node_ids
            .iter()
            .map(|&id| if id == root { name.to_string() } else { names.next().unwrap_or_default() })
            .collect();
        let stand_ins: Vec<Id> = names
            .iter()
            .map(|n| {
                let symbol = arena.symbol(n);
                arena.var(symbol)
            })
            .collect();
        let index: HashMap<Id, usize> = node_ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        let mut expander = Expander { index: &index, stand_ins: &stand_ins, variables, uses: 0 };
        let mut nodes = Vec::with_capacity(node_ids.len());
        for (&id, name) in node_ids.iter().zip(names) {
            let mut uses = Vec::new();
            let (operation, mut by_use) = if is_leaf(arena.node(id)) {
                expander.leaf(arena, id, &mut uses)
            } else {
                expander.expand(arena, id, &mut uses)
            };
            if uses.len() > MOST_USES {
                (by_use, uses) = merge_uses(arena, by_use, uses);
            }
            nodes.push(GraphNode { id, name, operation, by_use, uses });
        }
        Graph { name: name.to_string(), params: params.to_vec(), variables: variables.to_vec(), nodes, root }
    }

    /// The arena variable that stands for node `index` in its parents' operations.
    pub fn stand_in(&self, arena: &mut Arena, index: usize) -> Id {
        let symbol = arena.symbol(&self.nodes[index].name);
        arena.var(symbol)
    }

    /// The name of an input.
    pub fn input_name(&self, input: NodeInput) -> &str {
        match input {
            NodeInput::Node(i) => &self.nodes[i].name,
            NodeInput::Param(i) => &self.params[i],
        }
    }

    /// The arena variable an input is written as in the operations shown.
    pub fn input_variable(&self, arena: &mut Arena, input: NodeInput) -> Id {
        match input {
            NodeInput::Node(i) => self.stand_in(arena, i),
            NodeInput::Param(p) => self.variables[p],
        }
    }
}

fn is_leaf(node: &Node) -> bool {
    matches!(node, Node::Num(_) | Node::Const(_) | Node::Var(_) | Node::Global(_) | Node::Data(_))
}

/// For each node, the nodes that use it directly, once per use.
fn parents(arena: &Arena, order: &[Id]) -> HashMap<Id, Vec<Id>> {
    let mut parents: HashMap<Id, Vec<Id>> = HashMap::new();
    for &id in order {
        arena.for_each_child(id, |child| parents.entry(child).or_default().push(id));
    }
    parents
}

/// A product of a number and one other factor: `-b`, `2*b`.
fn is_scaled(arena: &Arena, id: Id) -> bool {
    match arena.node(id) {
        Node::Mul(items) => items.len() == 2 && items.iter().any(|&i| arena.as_number(i).is_some()),
        _ => false,
    }
}

/// True when `id` is drawn inside its parents: a reciprocal used only in
/// products, a scaled term used only in sums, a sum used once by a sum, a
/// product used once by a product (other than a scaled one: `3*(b*c)`
/// keeps `b*c` as a node, as written).
fn absorbed(arena: &Arena, id: Id, parents: &[Id]) -> bool {
    let [first, ..] = parents else { return false };
    let once = parents.len() == 1;
    let all = |want: fn(&Node) -> bool| parents.iter().all(|&p| want(arena.node(p)));
    let is_add = |node: &Node| matches!(node, Node::Add(_));
    let is_mul = |node: &Node| matches!(node, Node::Mul(_));
    match arena.node(id) {
        Node::Pow(_, exponent) if arena.as_number(*exponent).is_some_and(|e| e.is_negative()) => all(is_mul),
        Node::Mul(_) if is_scaled(arena, id) && all(is_add) => true,
        Node::Add(_) => once && is_add(arena.node(*first)),
        Node::Mul(_) => once && is_mul(arena.node(*first)) && !is_scaled(arena, *first),
        _ => false,
    }
}

/// The uses of each input merged into its first, and `by_use` rewritten
/// over them by the smart constructors: simplified (`x*x*…*x` is `x^40`),
/// so that its derivatives stay cheap. It is only differentiated; the
/// forward pass evaluates the operation as written.
fn merge_uses(arena: &mut Arena, by_use: Id, uses: Vec<Use>) -> (Id, Vec<Use>) {
    let mut merged: Vec<Use> = Vec::new();
    let mut replacements: HashMap<Id, Id> = HashMap::new();
    for u in uses {
        match merged.iter().find(|m| m.input == u.input) {
            Some(first) => {
                replacements.insert(u.variable, first.variable);
            }
            None => merged.push(u),
        }
    }
    (arena.substitute(by_use, &replacements), merged)
}

/// `u, v, w, p, q, r, s, t, u1, u2, …` without the taken names.
fn fresh_names(taken: HashSet<String>) -> impl Iterator<Item = String> {
    let plain = NAMES.iter().map(|n| n.to_string());
    let numbered = (1..).map(|k| format!("u{k}"));
    plain.chain(numbered).filter(move |n| !taken.contains(n))
}

/// Writes each node's operation over its inputs, both as shown and by use.
struct Expander<'a> {
    index: &'a HashMap<Id, usize>,
    stand_ins: &'a [Id],
    variables: &'a [Id],
    /// Uses numbered so far (each gets the variable `#k`).
    uses: usize,
}

impl Expander<'_> {
    /// A body that is one leaf: a parameter is used once, anything else is constant.
    fn leaf(&mut self, arena: &mut Arena, id: Id, uses: &mut Vec<Use>) -> (Id, Id) {
        match self.variables.iter().position(|&v| v == id) {
            Some(p) => (id, self.new_use(arena, NodeInput::Param(p), uses)),
            None => (id, id),
        }
    }

    /// The operation of `id` over its operands: sums in a sum and products
    /// in a product that are drawn inside open up into one list.
    fn expand(&mut self, arena: &mut Arena, id: Id, uses: &mut Vec<Use>) -> (Id, Id) {
        let node = arena.node(id).clone();
        let mut operands = Vec::new();
        let mut stack = Vec::new();
        arena.for_each_child(id, |child| stack.push(child));
        stack.reverse();
        while let Some(child) = stack.pop() {
            let opens = !self.index.contains_key(&child)
                && matches!((&node, arena.node(child)), (Node::Add(_), Node::Add(_)) | (Node::Mul(_), Node::Mul(_)));
            if opens {
                let at = stack.len();
                arena.for_each_child(child, |grandchild| stack.push(grandchild));
                stack[at..].reverse();
            } else {
                operands.push(child);
            }
        }
        let mut shown = Vec::with_capacity(operands.len());
        let mut by_use = Vec::with_capacity(operands.len());
        for operand in operands {
            let (s, b) = self.operand(arena, operand, uses);
            shown.push(s);
            by_use.push(b);
        }
        (arena.rebuild_as_written(id, &shown), arena.rebuild_as_written(id, &by_use))
    }

    /// One operand: a node (by its stand-in), a parameter, another leaf, or
    /// an operation drawn inside (at most a few levels deep).
    fn operand(&mut self, arena: &mut Arena, id: Id, uses: &mut Vec<Use>) -> (Id, Id) {
        if let Some(&i) = self.index.get(&id) {
            return (self.stand_ins[i], self.new_use(arena, NodeInput::Node(i), uses));
        }
        if let Some(p) = self.variables.iter().position(|&v| v == id) {
            return (id, self.new_use(arena, NodeInput::Param(p), uses));
        }
        if is_leaf(arena.node(id)) {
            return (id, id);
        }
        self.expand(arena, id, uses)
    }

    fn new_use(&mut self, arena: &mut Arena, input: NodeInput, uses: &mut Vec<Use>) -> Id {
        let symbol = arena.symbol(&format!("#{}", self.uses));
        self.uses += 1;
        let variable = arena.var(symbol);
        uses.push(Use { input, variable });
        variable
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

    fn params(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn the_seed_graph() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["a", "b", "c"]);
        let bc = arena.written_mul(v[1], v[2]);
        let sum = arena.written_add(v[0], bc);
        let three = arena.int(3);
        let j = arena.written_mul(three, sum);
        let graph = Graph::build(&mut arena, "J", &params(&["a", "b", "c"]), &v, j, &HashSet::new());
        assert_eq!(lines(&arena, &graph), ["u = b*c", "v = a + u", "J = 3*v"]);
        let inputs: Vec<NodeInput> = graph.nodes[1].uses.iter().map(|u| u.input).collect();
        assert_eq!(inputs, [NodeInput::Param(0), NodeInput::Node(0)]);
    }

    #[test]
    fn a_shared_subexpression_is_one_node_used_as_often_as_written() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["x"]);
        let sin = arena.written_apply(Func::Sin, v[0]);
        let product = arena.written_mul(sin, sin);
        let k = arena.written_add(product, sin);
        let graph = Graph::build(&mut arena, "K", &params(&["x"]), &v, k, &HashSet::new());
        assert_eq!(lines(&arena, &graph), ["u = sin(x)", "v = u*u", "K = u + v"]);
        let uses_of_u = graph.nodes.iter().flat_map(|n| &n.uses).filter(|u| u.input == NodeInput::Node(0)).count();
        assert_eq!(uses_of_u, 3, "sin(x) is used three times");
    }

    #[test]
    fn subtraction_division_and_chains_stay_inside_their_parent() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["a", "b", "c"]);
        let difference = arena.written_sub(v[0], v[1]);
        let reciprocal = arena.written_reciprocal(v[1]);
        let quotient = arena.written_mul(difference, reciprocal);
        let graph = Graph::build(&mut arena, "f", &params(&["a", "b"]), &v[..2], quotient, &HashSet::new());
        assert_eq!(lines(&arena, &graph), ["u = a - b", "f = u/b"]);
        let two = arena.int(2);
        let two_b = arena.written_mul(two, v[1]);
        let product = arena.written_mul(two_b, v[2]);
        let sum = arena.written_add(v[0], v[1]);
        let total = arena.written_add(sum, product);
        let graph = Graph::build(&mut arena, "g", &params(&["a", "b", "c"]), &v, total, &HashSet::new());
        assert_eq!(lines(&arena, &graph), ["u = 2*b*c", "g = a + b + u"]);
    }

    #[test]
    fn a_body_that_is_a_leaf_is_the_output_node() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["x", "y"]);
        let graph = Graph::build(&mut arena, "F", &params(&["x", "y"]), &v, v[0], &HashSet::new());
        assert_eq!(lines(&arena, &graph), ["F = x"]);
        assert_eq!(graph.nodes[0].uses.len(), 1);
        let three = arena.int(3);
        let graph = Graph::build(&mut arena, "F", &params(&["x"]), &v[..1], three, &HashSet::new());
        assert_eq!(lines(&arena, &graph), ["F = 3"]);
        assert!(graph.nodes[0].uses.is_empty());
    }

    #[test]
    fn names_in_use_are_skipped() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["u", "w"]);
        let product = arena.written_mul(v[0], v[1]);
        let sin = arena.written_apply(Func::Sin, product);
        let taken: HashSet<String> = ["v".to_string()].into();
        let graph = Graph::build(&mut arena, "g", &params(&["u", "w"]), &v, sin, &taken);
        assert_eq!(lines(&arena, &graph), ["p = u*w", "g = sin(p)"]);
    }

    #[test]
    fn a_node_with_very_many_uses_has_one_per_input() {
        let mut arena = Arena::new();
        let v = vars(&mut arena, &["x"]);
        let mut sum = v[0];
        for _ in 0..100 {
            sum = arena.written_add(sum, v[0]);
        }
        let graph = Graph::build(&mut arena, "F", &params(&["x"]), &v, sum, &HashSet::new());
        assert_eq!(graph.nodes.len(), 1);
        assert_eq!(graph.nodes[0].uses.len(), 1);
        let trace = pass::run(&mut arena, &graph, &[1.0], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(trace.output().total(), 101.0);
        assert_eq!(trace.gradient[0].value.total(), 101.0);
    }
}

//! Drawing a computation graph as a picture: a Mermaid `graph LR`
//! flowchart or a Graphviz `digraph`. Parameters that the function reads
//! are ellipses, operations boxes, and each use of an input is one edge
//! (`u*u` draws two edges from u). With a trace, nodes show their value and
//! adjoint (`∂F/∂u = …`) and edges their local derivative
//! (`∂v/∂u|local = …`), in the notation of `render`. Labels are quoted and
//! escaped, so Unicode names (θ₁, ∂J/∂c) survive both renderers.

use super::graph_text::{adjoint_name, local_name, operations, shown};
use crate::catalogue;
use crate::expr::arena::Arena;
use crate::expr::number::format_short;
use crate::graph::pass::Trace;
use crate::graph::{Graph, NodeInput};
use crate::msg;

/// A node's label lines: operation, then value and adjoint when traced.
fn node_label(arena: &Arena, graph: &Graph, operation: &str, index: usize, trace: Option<&Trace>) -> Vec<String> {
    let name = &graph.nodes[index].name;
    let mut lines = vec![format!("{name} = {operation}")];
    if let Some(trace) = trace {
        let per_row = trace.per_row(arena, graph, NodeInput::Node(index));
        lines.push(catalogue::word(&msg!("graph-text.value", value = shown(&trace.values[index], false))));
        lines.push(format!(
            "{} = {}",
            adjoint_name(&graph.name, name),
            shown(&trace.node_adjoints[index].value, per_row)
        ));
    }
    lines
}

fn param_label(graph: &Graph, index: usize, trace: Option<&Trace>) -> Vec<String> {
    let name = &graph.params[index];
    match trace {
        None => vec![name.clone()],
        Some(trace) => vec![
            format!("{name} = {}", format_short(trace.point[index])),
            format!("{} = {}", adjoint_name(&graph.name, name), shown(&trace.gradient[index].value, trace.rows)),
        ],
    }
}

/// One edge per use: (input, node index, its local derivative's label if traced).
fn edges(graph: &Graph, trace: Option<&Trace>) -> Vec<(NodeInput, usize, Option<String>)> {
    let mut edges = Vec::new();
    for (index, node) in graph.nodes.iter().enumerate() {
        for (use_index, u) in node.uses.iter().enumerate() {
            let label = trace.and_then(|t| {
                let adjoint = match u.input {
                    NodeInput::Node(i) => &t.node_adjoints[i],
                    NodeInput::Param(p) => &t.gradient[p],
                };
                let term = adjoint.terms.iter().find(|c| c.parent == index && c.use_index == use_index)?;
                Some(format!("{} = {}", local_name(&node.name, graph.input_name(u.input)), shown(&term.local, false)))
            });
            edges.push((u.input, index, label));
        }
    }
    edges
}

fn used_params(graph: &Graph) -> Vec<usize> {
    (0..graph.params.len())
        .filter(|&p| graph.nodes.iter().any(|n| n.uses.iter().any(|u| u.input == NodeInput::Param(p))))
        .collect()
}

fn input_id(input: NodeInput) -> String {
    match input {
        NodeInput::Node(i) => format!("n{i}"),
        NodeInput::Param(p) => format!("p{p}"),
    }
}

/// A Mermaid flowchart (`graph LR`).
pub fn mermaid(arena: &Arena, graph: &Graph, trace: Option<&Trace>) -> String {
    let quote = |lines: Vec<String>| lines.iter().map(|l| mermaid_escape(l)).collect::<Vec<_>>().join("<br/>");
    let mut out = String::from("graph LR\n");
    for p in used_params(graph) {
        out.push_str(&format!("    p{p}([\"{}\"])\n", quote(param_label(graph, p, trace))));
    }
    for (index, operation) in operations(arena, graph).iter().enumerate() {
        out.push_str(&format!("    n{index}[\"{}\"]\n", quote(node_label(arena, graph, operation, index, trace))));
    }
    for (from, to, label) in edges(graph, trace) {
        match label {
            Some(label) => {
                out.push_str(&format!("    {} -- \"{}\" --> n{to}\n", input_id(from), mermaid_escape(&label)))
            }
            None => out.push_str(&format!("    {} --> n{to}\n", input_id(from))),
        }
    }
    out
}

/// A Graphviz `digraph`, for `dot -Tsvg`.
pub fn dot(arena: &Arena, graph: &Graph, trace: Option<&Trace>) -> String {
    let join = |lines: Vec<String>| lines.iter().map(|l| dot_escape(l)).collect::<Vec<_>>().join("\\n");
    let mut out = format!("digraph \"{}\" {{\n", dot_escape(&graph.name));
    out.push_str("    rankdir=LR;\n    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=10];\n");
    for p in used_params(graph) {
        out.push_str(&format!("    p{p} [label=\"{}\", shape=ellipse];\n", join(param_label(graph, p, trace))));
    }
    for (index, operation) in operations(arena, graph).iter().enumerate() {
        out.push_str(&format!(
            "    n{index} [label=\"{}\"];\n",
            join(node_label(arena, graph, operation, index, trace))
        ));
    }
    for (from, to, label) in edges(graph, trace) {
        match label {
            Some(label) => {
                out.push_str(&format!("    {} -> n{to} [label=\"{}\"];\n", input_id(from), dot_escape(&label)))
            }
            None => out.push_str(&format!("    {} -> n{to};\n", input_id(from))),
        }
    }
    out.push_str("}\n");
    out
}

/// Text safe inside a quoted Mermaid label.
fn mermaid_escape(text: &str) -> String {
    text.replace('"', "#quot;").replace('<', "#lt;").replace('>', "#gt;")
}

/// Text safe inside a quoted Graphviz string.
fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::pass;
    use std::collections::HashSet;

    fn leaf_graph(arena: &mut Arena) -> Graph {
        let x = arena.symbol("x");
        let x = arena.var(x);
        Graph::build(arena, "F", &["x".to_string()], &[x], x, &HashSet::new())
    }

    #[test]
    fn an_output_that_is_a_parameter_is_still_drawn() {
        let mut arena = Arena::new();
        let graph = leaf_graph(&mut arena);
        let mermaid = mermaid(&arena, &graph, None);
        assert!(mermaid.contains("n0[\"F = x\"]") && mermaid.contains("p0 --> n0"), "{mermaid}");
        let trace = pass::run(&mut arena, &graph, &[2.0], &|_| None).ok();
        let dot = dot(&arena, &graph, trace.as_ref());
        assert!(dot.contains("n0 [label=\"F = x\\nvalue 2\\n∂F/∂F = 1\"]"), "{dot}");
        assert!(dot.contains("p0 -> n0 [label=\"∂F/∂x|local = 1\"]"), "{dot}");
    }

    #[test]
    fn each_use_is_an_edge() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        let square = arena.written_mul(x, x);
        let graph = Graph::build(&mut arena, "F", &["x".to_string()], &[x], square, &HashSet::new());
        let mermaid = mermaid(&arena, &graph, None);
        assert_eq!(mermaid.matches("p0 --> n0").count(), 2, "{mermaid}");
    }
}

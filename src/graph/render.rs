//! Drawing a computation graph: as text for the terminal (nodes in
//! evaluation order with aligned `=` and values in a column, then the
//! backward pass with the chain rule spelled out, then the gradient), as a
//! Mermaid `graph LR` flowchart, or as a Graphviz `digraph`. With a trace,
//! nodes show their value and adjoint, and edges their local derivative.

use super::pass::{Contribution, Trace};
use super::{Graph, Input};
use crate::eval::direct::Value;
use crate::expr::arena::Arena;
use crate::expr::number::format_short;
use crate::expr::print::Printer;

/// Operations wider than this do not push the value column further right.
const ALIGN_LIMIT: usize = 36;

/// The graph as text. `header` is the function as defined (`J(a, b, c) = …`).
pub fn text(arena: &Arena, graph: &Graph, header: &str, trace: Option<&Trace>) -> String {
    let operations = operations(arena, graph);
    let mut out = String::new();
    match trace {
        None => out.push_str(&format!("{header}\n")),
        Some(trace) => out.push_str(&format!("{header} at {}\n", point_text(graph, trace))),
    }
    if graph.nodes.is_empty() {
        out.push_str(&format!("  ({} does no operation on its inputs)\n", graph.name));
    }
    let width = operations.iter().map(|o| o.chars().count()).filter(|w| *w <= ALIGN_LIMIT).max().unwrap_or(0);
    let Some(trace) = trace else {
        for operation in &operations {
            out.push_str(&format!("  {operation}\n"));
        }
        return out;
    };
    out.push_str("forward:\n");
    for (operation, value) in operations.iter().zip(&trace.values) {
        let pad = width.saturating_sub(operation.chars().count());
        out.push_str(&format!("  {operation}{} = {}\n", " ".repeat(pad), shown(value)));
    }
    out.push_str(&format!("backward: ∂{0}/∂node = Σ ∂{0}/∂parent · ∂parent/∂node\n", graph.name));
    let last = graph.nodes.len().saturating_sub(1);
    for index in (0..graph.nodes.len()).rev().filter(|&i| i != last) {
        let (adjoint, terms) = &trace.node_adjoints[index];
        out.push_str(&format!("  {}\n", adjoint_line(graph, &graph.nodes[index].name, adjoint, terms)));
    }
    for (param, (adjoint, terms)) in graph.params.iter().zip(&trace.gradient) {
        out.push_str(&format!("  {}\n", adjoint_line(graph, param, &Value::Number(*adjoint), terms)));
    }
    out.push_str(&format!("gradient: {}\n", gradient_text(graph, trace)));
    out
}

/// `∂J/∂u = ∂J/∂v · ∂v/∂u = 3 · 1 = 3`
fn adjoint_line(graph: &Graph, node: &str, adjoint: &Value, terms: &[Contribution]) -> String {
    let output = &graph.name;
    let last = graph.nodes.len().saturating_sub(1);
    let head = format!("∂{output}/∂{node}");
    if terms.is_empty() {
        return format!("{head} = 0   ({output} does not depend on {node})");
    }
    if let [single] = terms
        && single.parent == last
    {
        return format!("{head} = {}", shown(&single.local));
    }
    let symbolic: Vec<String> = terms
        .iter()
        .map(|t| {
            let parent = &graph.nodes[t.parent].name;
            if t.parent == last {
                format!("∂{output}/∂{node} (direct)")
            } else {
                format!("∂{output}/∂{parent} · ∂{parent}/∂{node}")
            }
        })
        .collect();
    let numeric: Vec<String> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let first = |v: &Value| if i == 0 { shown(v) } else { bracketed(v) };
            if t.parent == last {
                first(&t.local)
            } else {
                format!("{} · {}", first(&t.parent_adjoint), bracketed(&t.local))
            }
        })
        .collect();
    let summed = if matches!(adjoint, Value::Number(_)) && terms.iter().any(|t| matches!(t.local, Value::Vector(_))) {
        " summed over the rows"
    } else {
        ""
    };
    format!("{head} = {} = {}{summed} = {}", symbolic.join(" + "), numeric.join(" + "), shown(adjoint))
}

/// A value in a trace: a number to six digits, a vector by its size and first values.
fn shown(value: &Value) -> String {
    match value {
        Value::Number(x) => format_short(*x),
        Value::Vector(v) => {
            let first: Vec<String> = v.iter().take(3).map(|x| format_short(*x)).collect();
            let more = if v.len() > 3 { ", …" } else { "" };
            format!("[{}{more}] ({} values)", first.join(", "), v.len())
        }
    }
}

/// A value inside a product or after a `+`: negative numbers in brackets.
fn bracketed(value: &Value) -> String {
    match value {
        Value::Number(x) if *x < 0.0 => format!("({})", format_short(*x)),
        _ => shown(value),
    }
}

fn point_text(graph: &Graph, trace: &Trace) -> String {
    let parts: Vec<String> =
        graph.params.iter().zip(&trace.point).map(|(p, v)| format!("{p}={}", format_short(*v))).collect();
    parts.join(", ")
}

fn gradient_text(graph: &Graph, trace: &Trace) -> String {
    let parts: Vec<String> = graph
        .params
        .iter()
        .zip(&trace.gradient)
        .map(|(p, (adjoint, _))| format!("∂{}/∂{p} = {}", graph.name, format_short(*adjoint)))
        .collect();
    parts.join(", ")
}

/// `u = b*c` for each node.
fn operations(arena: &Arena, graph: &Graph) -> Vec<String> {
    let mut printer = Printer::new(arena);
    graph.nodes.iter().map(|n| format!("{} = {}", n.name, printer.text(n.operation))).collect()
}

/// The text of one node's label lines (operation, value, adjoint).
fn node_label(graph: &Graph, operation: &str, index: usize, trace: Option<&Trace>) -> Vec<String> {
    let mut lines = vec![operation.to_string()];
    if let Some(trace) = trace {
        lines.push(format!("value {}", shown(&trace.values[index])));
        lines.push(format!("∂{}/∂{} = {}", graph.name, graph.nodes[index].name, shown(&trace.node_adjoints[index].0)));
    }
    lines
}

fn param_label(graph: &Graph, index: usize, trace: Option<&Trace>) -> Vec<String> {
    let name = &graph.params[index];
    match trace {
        None => vec![name.clone()],
        Some(trace) => vec![
            format!("{name} = {}", format_short(trace.point[index])),
            format!("∂{}/∂{name} = {}", graph.name, format_short(trace.gradient[index].0)),
        ],
    }
}

/// Edges as (from, to-node index, local derivative if traced).
fn edges(graph: &Graph, trace: Option<&Trace>) -> Vec<(Input, usize, Option<Value>)> {
    let mut edges = Vec::new();
    for (index, node) in graph.nodes.iter().enumerate() {
        for &input in &node.inputs {
            let local = trace.and_then(|t| {
                let terms = match input {
                    Input::Node(i) => &t.node_adjoints[i].1,
                    Input::Param(p) => &t.gradient[p].1,
                };
                terms.iter().find(|c| c.parent == index).map(|c| c.local.clone())
            });
            edges.push((input, index, local));
        }
    }
    edges
}

fn used_params(graph: &Graph) -> Vec<usize> {
    (0..graph.params.len()).filter(|&p| graph.nodes.iter().any(|n| n.inputs.contains(&Input::Param(p)))).collect()
}

fn input_id(input: Input) -> String {
    match input {
        Input::Node(i) => format!("n{i}"),
        Input::Param(p) => format!("p{p}"),
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
        out.push_str(&format!("    n{index}[\"{}\"]\n", quote(node_label(graph, operation, index, trace))));
    }
    for (from, to, local) in edges(graph, trace) {
        match local {
            Some(local) => {
                let label = format!("∂{}/∂{} = {}", graph.nodes[to].name, graph.input_name(from), shown(&local));
                out.push_str(&format!("    {} -- \"{}\" --> n{to}\n", input_id(from), mermaid_escape(&label)));
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
        out.push_str(&format!("    n{index} [label=\"{}\"];\n", join(node_label(graph, operation, index, trace))));
    }
    for (from, to, local) in edges(graph, trace) {
        match local {
            Some(local) => {
                let label = format!("∂{}/∂{} = {}", graph.nodes[to].name, graph.input_name(from), shown(&local));
                out.push_str(&format!("    {} -> n{to} [label=\"{}\"];\n", input_id(from), dot_escape(&label)));
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

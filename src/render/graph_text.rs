//! Drawing a computation graph as text for an 80-column terminal: the
//! nodes in evaluation order with their `=` signs aligned and values in a
//! column, then the backward pass with the chain rule written out for every
//! node (one term per use), then the gradient. Long lines wrap at their
//! loosest operator (` at `, ` = `, ` + `, …) under their first `=`.
//! Hands on lines of runs: each node's name styled as a name and its value
//! as a value (a terminal shows them bold and cyan). `graph_diagram` draws the same graph for Mermaid and Graphviz with the same
//! notation, defined here:
//!
//! - `∂F/∂u` is the adjoint of u: how F changes with u through every path;
//! - `∂v/∂u|local` is a local derivative: v's own operation differentiated
//!   by one use of its input u, everything else held fixed.
//!
//! A derivative's name is bracketed inside the notation: `∂(∂J/∂c)/∂u`.

use super::document::{Block, Style, Styled};
use crate::catalogue;
use crate::eval::direct::Evaluated;
use crate::expr::arena::Arena;
use crate::expr::number::format_short;
use crate::expr::print::Printer;
use crate::graph::pass::{Adjoint, Trace};
use crate::graph::{Graph, NodeInput};
use crate::msg;

/// The width lines are wrapped to.
pub const WIDTH: usize = 80;
/// Operations wider than this do not push the value column further right.
const ALIGN_LIMIT: usize = 36;

/// One line of the drawing, in runs.
type Painted = Vec<Styled>;

/// The graph as lines of text. `header` is the function as defined (`J(a, b, c) = …`).
pub fn text(arena: &Arena, graph: &Graph, header: &str, trace: Option<&Trace>) -> Vec<Block> {
    let operations = operations(arena, graph);
    let mut out: Vec<Painted> = Vec::new();
    let header = match trace {
        None => header.to_string(),
        Some(trace) => catalogue::word(&msg!("graph-text.at", header = header, point = point_text(graph, trace))),
    };
    out.extend(plain(wrap(&header, 4, &[" at ", " + ", " - ", " = "])));
    let name_width = graph.nodes.iter().map(|n| width(&n.name)).max().unwrap_or(0);
    let Some(trace) = trace else {
        for (node, operation) in graph.nodes.iter().zip(&operations) {
            let line = format!("  {:name_width$} = {operation}", node.name);
            out.extend(paint(wrap(&line, name_width + 5, &[" + ", " - "]), &node.name, None));
        }
        return lines(out);
    };
    out.push(vec![Styled::plain(catalogue::word(&msg!("graph-text.forward")))]);
    let operation_width = operations.iter().map(|o| width(o)).filter(|w| *w <= ALIGN_LIMIT).max().unwrap_or(0);
    for (index, (node, operation)) in graph.nodes.iter().zip(&operations).enumerate() {
        let value = shown(&trace.values[index], false);
        let line = format!("  {} = {} = {value}", pad(&node.name, name_width), pad(operation, operation_width));
        out.extend(paint(wrap(&line, name_width + 5, &[" = ", " + ", " - "]), &node.name, Some(&value)));
    }
    out.extend(backward(arena, graph, trace));
    let parts: Vec<(String, String)> = graph
        .params
        .iter()
        .zip(&trace.gradient)
        .map(|(param, adjoint)| (adjoint_name(&graph.name, param), shown(&adjoint.value, trace.rows)))
        .collect();
    let plain: Vec<String> = parts.iter().map(|(name, value)| format!("{name} = {value}")).collect();
    for line in wrap(&catalogue::word(&msg!("graph-text.gradient", parts = plain)), 10, &[", "]) {
        out.push(values_marked(&line, &parts));
    }
    lines(out)
}

/// A line of `name = value` parts with each value marked as a value.
fn values_marked(line: &str, parts: &[(String, String)]) -> Painted {
    let mut runs = Vec::new();
    let mut done = 0;
    for (name, value) in parts {
        let part = format!("{name} = {value}");
        if let Some(at) = line[done..].find(&part) {
            let value_at = done + at + part.len() - value.len();
            runs.push(Styled::plain(&line[done..value_at]));
            runs.push(Styled::new(value, Style::Value));
            done = value_at + value.len();
        }
    }
    runs.push(Styled::plain(&line[done..]));
    runs
}

/// The backward pass: the notation, then one line per node from the output
/// back, then one per parameter.
fn backward(arena: &Arena, graph: &Graph, trace: &Trace) -> Vec<Painted> {
    let f = &graph.name;
    let (node, parent) = (catalogue::word(&msg!("graph-text.node")), catalogue::word(&msg!("graph-text.parent")));
    let rule = msg!(
        "graph-text.backward",
        node_adjoint = adjoint_name(f, &node),
        parent_adjoint = adjoint_name(f, &parent),
        node = node,
        parent = parent
    );
    let mut out = plain(wrap(&catalogue::word(&rule), 10, &[", ", " · ", " = "]));
    out.push(vec![Styled::plain(format!("          {}", catalogue::word(&msg!("graph-text.local"))))]);
    let mut rows: Vec<(String, Option<String>, String, String)> = Vec::new();
    for index in (0..graph.nodes.len()).rev() {
        let per_row = trace.per_row(arena, graph, NodeInput::Node(index));
        rows.push(chain(graph, &graph.nodes[index].name, &trace.node_adjoints[index], per_row));
    }
    for (p, param) in graph.params.iter().enumerate() {
        let per_row = trace.per_row(arena, graph, NodeInput::Param(p));
        rows.push(chain(graph, param, &trace.gradient[p], per_row));
    }
    let lhs_width = rows.iter().map(|r| width(&r.0)).max().unwrap_or(0);
    let symbolic_width =
        rows.iter().filter_map(|r| r.1.as_deref()).map(width).filter(|w| *w <= ALIGN_LIMIT).max().unwrap_or(0);
    for (lhs, symbolic, rest, result) in rows {
        let line = match symbolic {
            Some(symbolic) => format!("  {} = {} = {rest}", pad(&lhs, lhs_width), pad(&symbolic, symbolic_width)),
            None => format!("  {} = {rest}", pad(&lhs, lhs_width)),
        };
        out.extend(paint(wrap(&line, lhs_width + 3, &[" = ", " + ", " · "]), &lhs, Some(&result)));
    }
    out
}

/// One backward line in parts: `∂J/∂u`, the chain rule in symbols, the
/// numbers and the result, and the result alone.
fn chain(graph: &Graph, node: &str, adjoint: &Adjoint, per_row: bool) -> (String, Option<String>, String, String) {
    let f = &graph.name;
    let lhs = adjoint_name(f, node);
    let result = shown(&adjoint.value, per_row);
    if adjoint.terms.is_empty() {
        let is_output = graph.nodes.last().is_some_and(|n| n.name == node);
        let rest = match is_output {
            true => result.clone(),
            false => catalogue::word(&msg!("graph-text.independent", result = result, function = f, node = node)),
        };
        return (lhs, None, rest, result);
    }
    let symbolic: Vec<String> = adjoint
        .terms
        .iter()
        .map(|t| {
            let parent = &graph.nodes[t.parent].name;
            format!("{} · {}", adjoint_name(f, parent), local_name(parent, node))
        })
        .collect();
    let numeric: Vec<String> = adjoint
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let first = if i == 0 { shown(&t.parent_adjoint, false) } else { bracketed(&t.parent_adjoint) };
            format!("{first} · {}", bracketed(&t.local))
        })
        .collect();
    let sum = numeric.join(" + ");
    let rest = match adjoint.terms.iter().any(|t| t.summed) {
        true => catalogue::word(&msg!("graph-text.summed", sum = sum, result = result)),
        false => format!("{sum} = {result}"),
    };
    (lhs, Some(symbolic.join(" + ")), rest, result)
}

/// `∂F/∂u`, with names that are themselves derivatives in brackets.
pub fn adjoint_name(function: &str, node: &str) -> String {
    format!("∂{}/∂{}", bracket(function), bracket(node))
}

/// `∂v/∂u|local`: v's operation differentiated by its input u.
pub fn local_name(parent: &str, input: &str) -> String {
    format!("∂{}/∂{}|local", bracket(parent), bracket(input))
}

/// A name as the top or bottom of `∂…/∂…`: in brackets unless it is one
/// plain name (`f'`, `∂J/∂c` and `2*f` are bracketed).
fn bracket(name: &str) -> String {
    let plain = name.chars().all(crate::syntax::lexer::is_name_char);
    if plain { name.to_string() } else { format!("({name})") }
}

/// A value in a trace: a number to six digits, a vector by its size and
/// first values; a number standing for every row says so when `per_row`.
pub fn shown(value: &Evaluated, per_row: bool) -> String {
    match value {
        Evaluated::Number(x) if per_row => catalogue::word(&msg!("graph-text.each-row", value = format_short(*x))),
        Evaluated::Number(x) => format_short(*x),
        Evaluated::Vector(v) => {
            let first: Vec<String> = v.iter().take(3).map(|x| format_short(*x)).collect();
            let more = if v.len() > 3 { ", …" } else { "" };
            catalogue::word(&msg!("graph-text.vector", first = first.join(", "), more = more, count = v.len()))
        }
    }
}

/// A value inside a product or after a `+`: negative numbers in brackets.
fn bracketed(value: &Evaluated) -> String {
    match value {
        Evaluated::Number(x) if *x < 0.0 => format!("({})", format_short(*x)),
        _ => shown(value, false),
    }
}

fn point_text(graph: &Graph, trace: &Trace) -> String {
    let parts: Vec<String> =
        graph.params.iter().zip(&trace.point).map(|(p, v)| format!("{p}={}", format_short(*v))).collect();
    parts.join(", ")
}

/// Each node's operation as text (`b*c`).
pub fn operations(arena: &Arena, graph: &Graph) -> Vec<String> {
    let mut printer = Printer::new(arena);
    graph.nodes.iter().map(|n| printer.text(n.operation)).collect()
}

fn width(text: &str) -> usize {
    text.chars().count()
}

fn pad(text: &str, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width(text))))
}

/// The drawing's lines as blocks, without trailing spaces.
fn lines(lines: Vec<Painted>) -> Vec<Block> {
    lines.into_iter().map(|line| Block::Line(trimmed(line))).collect()
}

/// A line without trailing spaces or empty runs.
fn trimmed(mut line: Painted) -> Painted {
    while let Some(last) = line.last_mut() {
        let kept = last.text.trim_end().len();
        last.text.truncate(kept);
        if !last.text.is_empty() {
            break;
        }
        line.pop();
    }
    line.retain(|run| !run.text.is_empty());
    line
}

/// Lines of plain text.
fn plain(lines: Vec<String>) -> Vec<Painted> {
    lines.into_iter().map(|line| vec![Styled::plain(line)]).collect()
}

/// Marks the name at the start of the first line and the value at the end of the last.
fn paint(lines: Vec<String>, name: &str, value: Option<&str>) -> Vec<Painted> {
    let count = lines.len();
    let mut painted = Vec::new();
    for (index, line) in lines.into_iter().enumerate() {
        let mut runs = Vec::new();
        let mut rest = line.as_str();
        if index == 0
            && let Some(after) = rest.strip_prefix(&format!("  {name}"))
        {
            runs.push(Styled::plain("  "));
            runs.push(Styled::new(name, Style::Name));
            rest = after;
        }
        match value.filter(|_| index + 1 == count).and_then(|v| Some((rest.strip_suffix(v)?, v))) {
            Some((before, value)) => {
                runs.push(Styled::plain(before));
                runs.push(Styled::new(value, Style::Value));
            }
            None => runs.push(Styled::plain(rest)),
        }
        painted.push(runs);
    }
    painted
}

/// `line` broken into lines of at most [`WIDTH`] columns where it can be:
/// before one of `breaks` (or after it, for `, `), preferring the
/// outermost brackets, then the break listed first, then the rightmost —
/// except ` = `, where the leftmost is best (`∂J/∂u = …` then `= 3 · 1 = 3`
/// keeps the numbers together). Continuation lines are indented by `indent`.
pub fn wrap(line: &str, indent: usize, breaks: &[&str]) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    // The current line is `lead` spaces, then `chars[start..]`.
    let (mut start, mut lead) = (0, 0);
    while lead + chars.len() - start > WIDTH {
        let mut best: Option<(usize, usize, usize, usize)> = None; // (depth, rank, place, index)
        let mut depth = 0usize;
        for index in start..(start + WIDTH + 1 - lead).min(chars.len()) {
            match chars[index] {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            let column = lead + index - start;
            if column <= lead.max(WIDTH / 3) {
                continue;
            }
            for (rank, text) in breaks.iter().enumerate() {
                let kept = if text.trim() == "," { text.trim_end().chars().count() } else { 0 };
                if column + kept <= WIDTH && starts_with(&chars[index..], text) {
                    let place = if *text == " = " { index } else { usize::MAX - index };
                    let key = (depth, rank, place, index);
                    if best.is_none_or(|b| key < b) {
                        best = Some(key);
                    }
                }
            }
        }
        let Some((_, rank, _, index)) = best else { break };
        let text = breaks[rank];
        let kept = if text.trim() == "," { text.trim_end().chars().count() } else { 0 };
        let head: String = chars[start..index + kept].iter().collect();
        out.push(format!("{}{}", " ".repeat(lead), head.trim_end()));
        start = index + kept;
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
        lead = indent;
    }
    let rest: String = chars[start..].iter().collect();
    out.push(format!("{}{rest}", " ".repeat(lead)));
    out
}

fn starts_with(text: &[char], prefix: &str) -> bool {
    let mut chars = text.iter();
    prefix.chars().all(|p| chars.next() == Some(&p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_their_loosest_operator() {
        let header = "L(w1, w2, b) = -((1 - y)*log(1 - σ(b + w1*x1 + w2*x2)) + y*log(σ(b + w1*x1 + w2*x2))) at w1=0.5, w2=-0.25, b=0.1";
        let wrapped = wrap(header, 4, &[" at ", " + ", " - ", " = "]);
        assert_eq!(
            wrapped,
            [
                "L(w1, w2, b) = -((1 - y)*log(1 - σ(b + w1*x1 + w2*x2))",
                "    + y*log(σ(b + w1*x1 + w2*x2))) at w1=0.5, w2=-0.25, b=0.1"
            ]
        );
        assert!(wrapped.iter().all(|l| l.chars().count() <= WIDTH));
        let short = "J(a, b, c) = 3*(a + b*c) at a=5, b=3, c=2";
        assert_eq!(wrap(short, 4, &[" at "]), [short]);
    }

    #[test]
    fn a_list_breaks_after_its_commas() {
        let line = format!("gradient: {}", ["∂R/∂m = [1, 2, 3, …] (300 values)"; 3].join(", "));
        let wrapped = wrap(&line, 10, &[", "]);
        assert_eq!(wrapped.len(), 2, "{wrapped:?}");
        assert!(wrapped[0].ends_with("values),"), "{wrapped:?}");
        assert!(wrapped[1].starts_with("          ∂R/∂m"), "{wrapped:?}");
    }

    #[test]
    fn derivative_names_are_bracketed() {
        assert_eq!(adjoint_name("∂J/∂c", "b"), "∂(∂J/∂c)/∂b");
        assert_eq!(adjoint_name("J", "u1"), "∂J/∂u1");
        assert_eq!(local_name("v", "u"), "∂v/∂u|local");
    }

    fn seed() -> (Arena, Graph, Trace) {
        let mut arena = Arena::new();
        let names = ["a", "b", "c"];
        let v: Vec<_> = names
            .iter()
            .map(|n| {
                let s = arena.symbol(n);
                arena.var(s)
            })
            .collect();
        let bc = arena.written_mul(v[1], v[2]);
        let sum = arena.written_add(v[0], bc);
        let three = arena.int(3);
        let j = arena.written_mul(three, sum);
        let params: Vec<String> = names.map(String::from).to_vec();
        let graph = Graph::build(&mut arena, "J", &params, &v, j, &Default::default());
        let trace = crate::graph::pass::run(&mut arena, &graph, &[5.0, 3.0, 2.0], &|_| None);
        (arena, graph, trace.unwrap_or_else(|e| panic!("{e:?}")))
    }

    fn drawn(arena: &Arena, graph: &Graph, trace: &Trace, colour: bool) -> String {
        let blocks = text(arena, graph, "J(a, b, c) = 3*(a + b*c)", Some(trace));
        crate::render::text::text(&crate::render::Document { blocks }, colour)
    }

    #[test]
    fn every_node_shows_the_chain_rule_with_locals_marked() {
        let (arena, graph, trace) = seed();
        let shown = drawn(&arena, &graph, &trace, false);
        assert!(shown.contains("\n  v = a + u = 11\n"), "{shown}");
        assert!(shown.contains("\n  ∂J/∂J = 1\n"), "{shown}");
        assert!(shown.contains("\n  ∂J/∂v = ∂J/∂J · ∂J/∂v|local = 1 · 3 = 3\n"), "{shown}");
        assert!(shown.contains("\n  ∂J/∂u = ∂J/∂v · ∂v/∂u|local = 3 · 1 = 3\n"), "{shown}");
        assert!(!shown.contains('\x1b'), "no colour unless asked");
    }

    #[test]
    fn colour_marks_names_and_values() {
        let (arena, graph, trace) = seed();
        let shown = drawn(&arena, &graph, &trace, true);
        assert!(shown.contains("  \x1b[1mu\x1b[0m = b*c"), "{shown}");
        assert!(shown.contains("= \x1b[36m33\x1b[0m\n"), "{shown}");
        assert!(shown.contains("\x1b[1m∂J/∂u\x1b[0m = ∂J/∂v"), "{shown}");
        assert!(shown.contains("∂J/∂c = \x1b[36m9\x1b[0m"), "{shown}");
    }
}

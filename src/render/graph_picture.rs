//! A computation graph as an SVG picture, for notebooks: takes the graph's
//! Graphviz text (`graph_diagram::dot`) and lays it out with the layout-rs
//! crate, so no Graphviz is needed. Hands on the SVG, or nothing for a
//! graph too large to draw legibly or one the crate cannot lay out (the
//! text drawing stands in for it then).

use std::panic::AssertUnwindSafe;

use layout::backends::svg::SVGWriter;
use layout::gv::{DotParser, GraphBuilder};

/// Graphs with more nodes than this are not drawn as pictures: the layout
/// would take long and the picture could not be read.
pub const MOST_NODES: usize = 150;

/// The SVG of a graph given as Graphviz text with `nodes` nodes.
pub fn svg(dot: &str, nodes: usize) -> Option<String> {
    if nodes > MOST_NODES {
        return None;
    }
    // Top to bottom, as a notebook's column is narrower than it is long.
    let dot = dot.replacen("rankdir=LR;", "", 1);
    let ast = DotParser::new(&dot).process().ok()?;
    let mut builder = GraphBuilder::new();
    builder.visit_graph(&ast);
    let mut graph = builder.get();
    let mut writer = SVGWriter::new();
    // layout-rs asserts on shapes it cannot place; a picture is never worth a crash.
    std::panic::catch_unwind(AssertUnwindSafe(|| graph.do_it(false, false, false, &mut writer))).ok()?;
    Some(styled(&writer.finalize()))
}

/// The SVG with its style rules in a fixed order (layout-rs lists them in
/// hash order, so the same graph would not give the same file twice) and
/// in a sans-serif font, as the text and Mermaid drawings read.
fn styled(svg: &str) -> String {
    let (Some(start), Some(end)) = (svg.find("<style>\n"), svg.find("</style>")) else { return svg.to_string() };
    let body = &svg[start + "<style>\n".len()..end];
    let mut rules: Vec<&str> = body.lines().collect();
    rules.sort_unstable();
    let rules = rules.join("\n").replace("font-family: Times, serif", "font-family: Helvetica, Arial, sans-serif");
    format!("{}<style>\n{rules}\n{}", &svg[..start], &svg[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_becomes_an_svg_with_its_labels() {
        let dot = "digraph \"J\" {\n    rankdir=LR;\n    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n    \
                   p0 [label=\"a = 5\\n∂J/∂a = 3\", shape=ellipse];\n    n0 [label=\"J = 3*a\\nvalue 15\"];\n    \
                   p0 -> n0 [label=\"∂J/∂a|local = 3\"];\n}\n";
        let svg = svg(dot, 2).unwrap_or_default();
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.contains("∂J/∂a = 3"), "{svg}");
        assert!(svg.contains("value 15"), "{svg}");
        assert_eq!(super::svg(dot, MOST_NODES + 1), None);
        assert!(
            svg.contains("<style>\n.a14 { font-size: 14px; font-family: Helvetica, Arial, sans-serif; }\n"),
            "{svg}"
        );
        assert_eq!(styled("<style>\n.b {}\n.a {}\n</style>"), "<style>\n.a {}\n.b {}\n</style>");
        assert!(
            (0..20).all(|_| super::svg(dot, 2).as_deref() == Some(svg.as_str())),
            "the same graph, the same picture"
        );
    }
}

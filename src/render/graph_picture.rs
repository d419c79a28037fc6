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
    let ast = DotParser::new(dot).process().ok()?;
    let mut builder = GraphBuilder::new();
    builder.visit_graph(&ast);
    let mut graph = builder.get();
    let mut writer = SVGWriter::new();
    // layout-rs asserts on shapes it cannot place; a picture is never worth a crash.
    std::panic::catch_unwind(AssertUnwindSafe(|| graph.do_it(false, false, false, &mut writer))).ok()?;
    Some(writer.finalize())
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
    }
}

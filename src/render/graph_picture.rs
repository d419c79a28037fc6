//! A computation graph as an SVG picture, for notebooks: takes the graph's
//! Graphviz text (`graph_diagram::dot`) and lays it out with the layout-rs
//! crate, so no Graphviz is needed. Hands on the SVG, or nothing for a
//! graph too large to draw legibly or one the crate cannot lay out (the
//! text drawing stands in for it then).

use std::panic::AssertUnwindSafe;

use layout::backends::svg::SVGWriter;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
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
    let mut writer = FittedSvg { writer: SVGWriter::new(), extent: Point::zero() };
    // layout-rs asserts on shapes it cannot place; a picture is never worth a crash.
    std::panic::catch_unwind(AssertUnwindSafe(|| graph.do_it(false, false, false, &mut writer))).ok()?;
    Some(styled(&writer.finalize()))
}

/// Space kept around the drawing, in pixels (as layout-rs keeps).
const MARGIN: f64 = 5.0;

/// layout-rs's SVG writer, with the picture's size taken from what is drawn.
/// The writer's own estimate adds ten pixels of height for every byte of a
/// label, so a graph with long labels had a tall empty space below it.
struct FittedSvg {
    writer: SVGWriter,
    /// The right and bottom edges of everything drawn so far.
    extent: Point,
}

impl FittedSvg {
    fn reach(&mut self, x: f64, y: f64) {
        self.extent = Point::new(self.extent.x.max(x), self.extent.y.max(y));
    }

    /// The writer's SVG, with the size of its `<svg>` element fitted to the drawing.
    fn finalize(&self) -> String {
        let svg = self.writer.finalize();
        let (width, height) = (self.extent.x + MARGIN, self.extent.y + MARGIN);
        let element = format!(
            "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
        );
        let Some(start) = svg.find("<svg ") else { return svg };
        let Some(length) = svg[start..].find('>') else { return svg };
        format!("{}{element}{}", &svg[..start], &svg[start + length + 1..])
    }
}

impl RenderBackend for FittedSvg {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        clip: Option<ClipHandle>,
    ) {
        self.reach(xy.x + size.x, xy.y + size.y);
        self.writer.draw_rect(xy, size, look, properties, clip);
    }

    fn draw_line(&mut self, start: Point, stop: Point, look: &StyleAttr, properties: Option<String>) {
        self.reach(start.x.max(stop.x), start.y.max(stop.y));
        self.writer.draw_line(start, stop, look, properties);
    }

    /// An ellipse centred at `xy`, `size` across.
    fn draw_circle(&mut self, xy: Point, size: Point, look: &StyleAttr, properties: Option<String>) {
        self.reach(xy.x + size.x / 2.0, xy.y + size.y / 2.0);
        self.writer.draw_circle(xy, size, look, properties);
    }

    /// Lines of text centred at `xy` (the writer sets one line a font size apart).
    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        let font = look.font_size as f64;
        let widest = text.lines().map(|line| line.chars().count()).max().unwrap_or(0) as f64;
        let lines = (1 + text.lines().count()) as f64;
        self.reach(xy.x + widest * font * 0.3, xy.y + lines * font / 2.0);
        self.writer.draw_text(xy, text, look);
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        properties: Option<String>,
        text: &str,
    ) {
        for (point, control) in path {
            self.reach(point.x.max(control.x), point.y.max(control.y));
        }
        self.writer.draw_arrow(path, dashed, head, look, properties, text);
    }

    fn create_clip(&mut self, xy: Point, size: Point, rounded_px: usize) -> ClipHandle {
        self.writer.create_clip(xy, size, rounded_px)
    }
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

    /// The number in `name="…"` of the `<svg>` element.
    fn dimension(svg: &str, name: &str) -> f64 {
        let after = svg.split_once(&format!("<svg {name}=\"")).or_else(|| svg.split_once(&format!(" {name}=\"")));
        after.and_then(|(_, rest)| rest.split('"').next()?.parse().ok()).unwrap_or(f64::NAN)
    }

    #[test]
    fn the_picture_is_as_tall_as_its_drawing() {
        // Two ellipses, one above the other, with long labels.
        let dot = "digraph \"J\" {\n    p0 [label=\"a = 5\\n∂J/∂a = 3\", shape=ellipse];\n    \
                   n0 [label=\"J = 3*a, a long label to make the old estimate grow\\nvalue 15\"];\n    \
                   p0 -> n0 [label=\"∂J/∂a|local = 3\"];\n}\n";
        let svg = svg(dot, 2).unwrap_or_default();
        let bottom = svg
            .split("<ellipse ")
            .skip(1)
            .map(|ellipse| dimension(&format!(" {ellipse}"), "cy") + dimension(&format!(" {ellipse}"), "ry"))
            .fold(0.0, f64::max);
        let height = dimension(&svg, "height");
        assert!(
            bottom > 0.0 && height >= bottom && height <= bottom + 20.0,
            "{height} for a drawing down to {bottom}: {svg}"
        );
    }
}

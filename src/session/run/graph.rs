//! Running `graph F [at …] [as text|mermaid|dot]`: lowers F as written,
//! builds its graph, runs the passes at the point if one is given, and
//! draws the result; a pass that fails becomes a diagnostic naming the
//! node (and, for the backward pass, the local derivative) where it failed.

use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::graph::Graph;
use crate::graph::pass::{self, Failure, Trace};
use crate::lower::{Callable, Globals, Lowerer, Origins};
use crate::msg;
use crate::render::graph_text::{self, local_name, shown};
use crate::render::results::{self as show, Format};
use crate::render::{Block, Document, graph_diagram, graph_picture};
use crate::session::Session;
use crate::source::Span;
use crate::syntax::ast::{Binding, ExprId, Ident};
use crate::syntax::parser::Program;

use super::{Executed, in_row};

impl Session {
    /// `graph F [at …] [as text|mermaid|dot]`.
    pub(super) fn graph(
        &mut self,
        program: &Program,
        function: ExprId,
        at: &[Binding],
        format: Option<&Ident>,
        statement: Span,
    ) -> Executed {
        let ast = &program.ast;
        let mut lowerer = Lowerer::as_written(&mut self.arena, &self.env, Globals::Symbolic);
        let lowered = lowerer.callable(ast, function);
        let origins = std::mem::take(&mut lowerer.origins);
        let function = match lowered {
            Some(Ok(Callable::Function(function))) => function,
            Some(Err(error)) => return Err(error),
            _ => {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::NotAFunction,
                    msg!("graph-needs-function"),
                    ast.span(function),
                    msg!("graph-needs-function.label"),
                )
                .with_help(msg!("graph-needs-function.help")));
            }
        };
        let mut point = Vec::new();
        for param in function.params.iter() {
            if let Some(binding) = at.iter().find(|b| &b.name.name == param) {
                let (id, origins) = self.lower_value(program, binding.value, Globals::Inline)?;
                point.push(self.value_of(id, &origins, statement)?.to_f64());
            }
        }
        let header = show::function_text(&mut self.arena, &function, Format::Text);
        // The graph draws the function as it prints: a derivative's nodes are its simplified form's.
        let printed = function.printed(&mut self.arena);
        let taken = self.env.names().map(str::to_string).collect();
        let graph = Graph::build(
            &mut self.arena,
            &function.label.head(),
            &function.params,
            &function.variables,
            printed,
            &taken,
        );
        let trace = if at.is_empty() {
            None
        } else {
            let env = &self.env;
            let run = pass::run(&mut self.arena, &graph, &point, &|name| env.number(name));
            Some(run.map_err(|failure| self.pass_failure(&graph, &failure, &origins, statement))?)
        };
        Ok(self.draw(&graph, &header, trace.as_ref(), format))
    }

    fn draw(&self, graph: &Graph, header: &str, trace: Option<&Trace>, format: Option<&Ident>) -> Document {
        match format.map(|f| f.name.as_str()) {
            Some("mermaid") => Document::block(Block::Code {
                language: "mermaid",
                text: graph_diagram::mermaid(&self.arena, graph, trace),
            }),
            Some("dot") => {
                Document::block(Block::Code { language: "dot", text: graph_diagram::dot(&self.arena, graph, trace) })
            }
            _ => {
                let lines = graph_text::text(&self.arena, graph, header, trace);
                let svg = self
                    .settings
                    .pictures
                    .then(|| graph_picture::svg(&graph_diagram::dot(&self.arena, graph, trace), graph.nodes.len()));
                match svg.flatten() {
                    Some(svg) => {
                        let mermaid = Some(graph_diagram::mermaid(&self.arena, graph, trace));
                        Document::block(Block::Picture { svg, mermaid, fallback: lines })
                    }
                    None => Document { blocks: lines },
                }
            }
        }
    }

    /// A failed pass as a diagnostic at the failing node's place in the
    /// definition (when it has one), and at the statement.
    fn pass_failure(&mut self, graph: &Graph, failure: &Failure, origins: &Origins, statement: Span) -> Diagnostic {
        let (index, message, label, help, pass) = match failure {
            Failure::Forward { node, error } => {
                let (problem, label) = error.problem.describe();
                let message = msg!("pass-failure.forward", node = self.node_line(graph, *node), problem = problem);
                (
                    *node,
                    message,
                    in_row(label, error.row),
                    msg!("pass-failure.forward-help"),
                    msg!("pass-failure.forward-pass"),
                )
            }
            Failure::Backward { node, use_index, error, values } => {
                let (problem, label) = error.problem.describe();
                let input = graph.nodes[*node].uses[*use_index].input;
                let variable = graph.input_variable(&mut self.arena, input);
                let derivative = self.arena.derivative(graph.nodes[*node].operation, variable);
                let (name, input) = (&graph.nodes[*node].name, graph.input_name(input));
                let derivative = show::expression_text(&self.arena, derivative, Format::Text);
                let label = msg!(
                    "pass-failure.in-derivative",
                    local = local_name(name, input),
                    derivative = derivative,
                    problem = label
                );
                let message = msg!("pass-failure.backward", node = self.node_line(graph, *node), problem = problem);
                let output = values.last().map_or_else(String::new, |v| shown(v, false));
                let help = msg!(
                    "pass-failure.backward-help",
                    function = graph.name,
                    output = output,
                    name = name,
                    input = input
                );
                (*node, message, label, help, msg!("pass-failure.backward-pass"))
            }
            Failure::RowsMix { node } => {
                let function = &graph.name;
                (
                    *node,
                    msg!("pass-failure.rows-mix", function = function, node = self.node_line(graph, *node)),
                    msg!("pass-failure.rows-mix-label", function = function),
                    msg!("pass-failure.rows-mix-help"),
                    msg!("pass-failure.backward-pass"),
                )
            }
        };
        let diagnostic = match origins.nearest(&self.arena, graph.nodes[index].id) {
            Some(origin) if origin.span != statement => {
                Diagnostic::runtime(DiagnosticCode::NotComputable, message, origin.span, label)
                    .with_label(statement, msg!("pass-failure.label", pass = pass))
            }
            _ => Diagnostic::runtime(DiagnosticCode::NotComputable, message, statement, label),
        };
        diagnostic.with_help(help)
    }

    /// `u = log(x)`: a node and its operation.
    fn node_line(&self, graph: &Graph, index: usize) -> String {
        let node = &graph.nodes[index];
        format!("{} = {}", node.name, show::expression_text(&self.arena, node.operation, Format::Text))
    }
}

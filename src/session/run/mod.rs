//! Running checked statements, one at a time, against the session.
//!
//! Definitions and bindings change the environment; expressions are lowered
//! and shown (a number, a symbolic expression, a function or derivative, a
//! gradient, a tuple); `check` is decided by `check` and reported here;
//! other directives are handed to their engines. Each statement gives back
//! the text to print, or a diagnostic that stops the run.

use std::rc::Rc;

use crate::diagnostics::Diagnostic;
use crate::env::{BoundValue, EnvEntry, FunctionDef, Label, Signature};
use crate::eval::direct::{self, EvalError};
use crate::eval::stable;
use crate::expr::arena::{Id, Node};
use crate::expr::number::Number;
use crate::lower::{Callable, Globals, Lowerer, Origins};
use crate::render::Document;
use crate::render::results::{self as show, Format};
use crate::session::Session;
use crate::source::Span;
use crate::syntax::ast::{ExprId, ExprKind, Ident, Stmt, StmtKind};
use crate::syntax::parser::Program;

mod check;
mod graph;
mod optimize;

pub(crate) type Executed = Result<Document, Diagnostic>;

impl Session {
    pub(crate) fn execute(&mut self, program: &Rc<Program>, stmt: &Stmt, signature: Option<Rc<Signature>>) -> Executed {
        match &stmt.kind {
            StmtKind::Expr { expr, format } => {
                let format = match format {
                    Some(f) if f.name == "latex" => Format::Latex,
                    _ => Format::Text,
                };
                self.show(program, *expr, format, stmt.span)
            }
            StmtKind::Define { name, body, .. } => {
                let Some(signature) = signature else {
                    return Err(Diagnostic::runtime("this definition was not checked", stmt.span, "internal error"));
                };
                let def = FunctionDef {
                    name: name.name.clone(),
                    signature,
                    body: *body,
                    program: program.clone(),
                    span: name.span,
                };
                self.env.set(name.name.clone(), EnvEntry::Function(Rc::new(def)));
                Ok(Document::default())
            }
            StmtKind::Bind { name, value } => {
                let value = self.bound_value(program, name, *value, stmt.span)?;
                self.env.set(name.name.clone(), EnvEntry::Value(value));
                Ok(Document::default())
            }
            StmtKind::Check { lhs, rhs, within, .. } => self.check(program, *lhs, *rhs, *within, stmt.span),
            StmtKind::Graph { function, at, format, .. } => {
                self.graph(program, *function, at, format.as_ref(), stmt.span)
            }
            StmtKind::Optimize(optimize) => self.optimize(program, optimize, None, stmt.span),
            StmtKind::BindOptimize { name, optimize } => self.optimize(program, optimize, Some(name), stmt.span),
            StmtKind::Invalid => Ok(Document::default()),
        }
    }

    /// Shows an expression's value: a function, gradient, tuple, number or
    /// symbolic expression, as a formula (its LaTeX source with `as latex`).
    fn show(&mut self, program: &Program, expr: ExprId, format: Format, statement: Span) -> Executed {
        let ast = &program.ast;
        let mut lowerer = Lowerer::new(&mut self.arena, &self.env, Globals::Symbolic);
        match lowerer.callable(ast, expr) {
            Some(Ok(Callable::Function(function))) => {
                return Ok(Document::block(show::function(&mut self.arena, &function, format)));
            }
            Some(Ok(Callable::Gradient(gradient))) => {
                return Ok(Document { blocks: show::gradient(&mut self.arena, &gradient, format) });
            }
            Some(Err(error)) => return Err(error),
            None => {}
        }
        if let Some(values) = self.tuple(program, expr, statement)? {
            return Ok(Document::block(show::tuple(&values, format)));
        }
        if let ExprKind::Name(name) = ast.kind(expr) {
            match self.env.value(name) {
                Some(BoundValue::Table(table)) => return Ok(Document { blocks: crate::render::data::summary(table) }),
                Some(BoundValue::Record(record)) => {
                    let fields = record.fields.iter().map(|(field, value)| show::field(name, field, *value, format));
                    return Ok(Document { blocks: fields.collect() });
                }
                _ => {}
            }
        }
        let (id, origins) = self.lower_value(program, expr, Globals::Inline)?;
        if has_variables(self, id) {
            let (id, _) = self.lower_value(program, expr, Globals::Symbolic)?;
            return Ok(Document::block(show::expression(&self.arena, id, format)));
        }
        if self.arena.rows(id).is_some() {
            let values = self.vector_of(id, &origins, statement)?;
            return Ok(Document::block(show::vector(&values, format)));
        }
        let value = self.value_of(id, &origins, statement)?;
        Ok(Document::block(show::number(value.to_f64(), format)))
    }

    /// A lowered vector expression's values.
    fn vector_of(&mut self, id: Id, origins: &Origins, statement: Span) -> Result<ndarray::Array1<f64>, Diagnostic> {
        match self.evaluate_accurately(id) {
            Ok(direct::Evaluated::Vector(values)) => Ok(values),
            Ok(direct::Evaluated::Number(value)) => Ok(ndarray::Array1::from(vec![value])),
            Err(error) => Err(self.evaluation_error(&error, origins, statement)),
        }
    }

    /// `load("file.csv")`: the table, with problems shown in the file itself.
    fn load(&mut self, program: &Program, call: ExprId, file: &str) -> Result<BoundValue, Diagnostic> {
        let span = program.ast.span(call);
        let dir = self.sources.dir(span.source).to_path_buf();
        let loaded = crate::data::csv::load(&dir.join(file), file, &crate::session::INTERRUPTED);
        match loaded {
            Ok(table) => Ok(BoundValue::Table(Rc::new(table))),
            Err(error) => {
                let mut diagnostic = match (error.place, error.text) {
                    (Some((start, end)), Some(text)) => {
                        let source = self.add_source(file, text);
                        Diagnostic::runtime(&error.message, Span::new(source, start, end), &error.label)
                            .with_label(span, "loaded here")
                    }
                    _ => Diagnostic::runtime(&error.message, span, "loading this file"),
                };
                if let Some(help) = error.help {
                    diagnostic = diagnostic.with_help(help);
                }
                Err(diagnostic)
            }
        }
    }

    pub(crate) fn lower_value(
        &mut self,
        program: &Program,
        expr: ExprId,
        globals: Globals,
    ) -> Result<(Id, Origins), Diagnostic> {
        let mut lowerer = Lowerer::new(&mut self.arena, &self.env, globals);
        let id = lowerer.lower(&program.ast, expr)?;
        Ok((id, lowerer.origins))
    }

    /// The values of a tuple literal or of a gradient called at a point.
    fn tuple(&mut self, program: &Program, expr: ExprId, statement: Span) -> Result<Option<Vec<f64>>, Diagnostic> {
        let ast = &program.ast;
        let mut lowerer = Lowerer::new(&mut self.arena, &self.env, Globals::Inline);
        let ids = match ast.kind(expr) {
            ExprKind::Tuple(items) => {
                items.iter().map(|&item| lowerer.lower(ast, item)).collect::<Result<Vec<_>, _>>()?
            }
            ExprKind::Call(callee, args) => match lowerer.callable(ast, *callee) {
                Some(Ok(Callable::Gradient(gradient))) => {
                    let args = args.iter().map(|&arg| lowerer.lower(ast, arg)).collect::<Result<Vec<_>, _>>()?;
                    gradient
                        .components
                        .iter()
                        .map(|&component| lowerer.apply_body(&gradient.variables, component, &args))
                        .collect()
                }
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        let origins = lowerer.origins;
        let values = ids.into_iter().map(|id| self.value_of(id, &origins, statement).map(Number::to_f64));
        values.collect::<Result<Vec<_>, _>>().map(Some)
    }

    /// A lowered constant expression as a number: exactly when it folded, else in f64.
    pub(crate) fn value_of(&mut self, id: Id, origins: &Origins, statement: Span) -> Result<Number, Diagnostic> {
        if let Some(value) = self.arena.as_number(id) {
            return Ok(value);
        }
        let value = match self.evaluate_accurately(id) {
            Ok(direct::Evaluated::Number(value)) => value,
            Ok(direct::Evaluated::Vector(_)) => {
                let error = EvalError { node: id, problem: crate::math::Problem::NotANumber, row: None };
                return Err(self.evaluation_error(&error, origins, statement));
            }
            Err(error) => return Err(self.evaluation_error(&error, origins, statement)),
        };
        Number::float(value).ok_or_else(|| Diagnostic::runtime("the result is not finite", statement, "here"))
    }

    /// A lowered expression's value, computed through its accurate form
    /// (`eval::stable`); an error names the operation as written.
    fn evaluate_accurately(&mut self, id: Id) -> Result<direct::Evaluated, EvalError> {
        let accurate = stable::rewrite(&mut self.arena, id);
        stable::evaluate(&self.arena, id, accurate, &|node| self.global_value(node).map(direct::Evaluated::Number))
    }

    /// The value of a named leaf (a bound number).
    pub(crate) fn global_value(&self, node: &Node) -> Option<f64> {
        match node {
            Node::Global(symbol) => match self.env.value(self.arena.name(*symbol)) {
                Some(BoundValue::Number(n)) => Some(n.to_f64()),
                _ => None,
            },
            _ => None,
        }
    }

    /// What `name = value` binds: a number, or a function or gradient (a snapshot).
    fn bound_value(
        &mut self,
        program: &Program,
        name: &Ident,
        value: ExprId,
        statement: Span,
    ) -> Result<BoundValue, Diagnostic> {
        if let ExprKind::Call(callee, args) = program.ast.kind(value)
            && let ExprKind::Name(function) = program.ast.kind(*callee)
            && function == "load"
            && let [argument] = args.as_slice()
            && let ExprKind::Str(file) = program.ast.kind(*argument)
        {
            return self.load(program, value, file);
        }
        let mut lowerer = Lowerer::new(&mut self.arena, &self.env, Globals::Symbolic);
        match lowerer.callable(&program.ast, value) {
            Some(Ok(Callable::Function(mut function))) => {
                if let Label::Defined(_) = function.label {
                    function.label = Label::Defined(name.name.clone());
                }
                return Ok(BoundValue::Function(Rc::new(function)));
            }
            Some(Ok(Callable::Gradient(gradient))) => return Ok(BoundValue::Gradient(Rc::new(gradient))),
            Some(Err(error)) => return Err(error),
            None => {}
        }
        let (id, origins) = self.lower_value(program, value, Globals::Inline)?;
        if has_variables(self, id) {
            let shown = show::expression_text(&self.arena, id, Format::Text);
            return Err(Diagnostic::runtime(
                format!("`{}` would be `{shown}`, which has no value", name.name),
                program.ast.span(value),
                "this depends on free symbols",
            )
            .with_help(format!("define a function instead: `{}(…) = …`", name.name)));
        }
        if self.arena.rows(id).is_some() {
            return self
                .vector_of(id, &origins, statement)
                .map(|values| BoundValue::Vector(std::sync::Arc::new(values)));
        }
        self.value_of(id, &origins, statement).map(BoundValue::Number)
    }

    pub(crate) fn evaluation_error(&self, error: &EvalError, origins: &Origins, statement: Span) -> Diagnostic {
        let (message, label) = error.problem.describe();
        let origin = origins.nearest(&self.arena, error.node);
        let span = origin.map_or(statement, |o| o.span);
        let label = match error.row {
            Some(row) => format!("{label} (in row {})", row + 1),
            None => label,
        };
        let mut diagnostic = Diagnostic::runtime(message, span, label);
        if let Some(call) = origin.and_then(|o| o.call_site)
            && call != span
        {
            diagnostic = diagnostic.with_label(call, "in this call");
        }
        diagnostic
    }
}

/// True when `id` still has variables (free symbols) in it.
fn has_variables(session: &Session, id: Id) -> bool {
    !session.arena.leaves(id, |node| matches!(node, Node::Var(_))).is_empty()
}

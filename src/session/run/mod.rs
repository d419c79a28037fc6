//! Running checked statements, one at a time, against the session.
//!
//! Each statement comes with the shape the checker found, and is run as it
//! says, lowered once. Definitions and bindings change the environment;
//! expressions are lowered and shown (a number, a vector, a symbolic
//! expression, a function or derivative, a gradient, a tuple, a table, a
//! result record); `check` is decided by `check` and reported here;
//! other directives are handed to their engines. Each statement gives back
//! the text to print, or a diagnostic that stops the run.

use std::rc::Rc;

use crate::data::table::Table;
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::env::{BoundValue, EnvEntry, FunctionDef, Kind, Label, Record};
use crate::eval::direct::{self, EvalError};
use crate::eval::stable;
use crate::expr::arena::{Id, Node};
use crate::expr::number::Number;
use crate::lower::{Callable, Globals, Lowerer, Origins};
use crate::message::Message;
use crate::msg;
use crate::render::Document;
use crate::render::results::{self as show, Format};
use crate::resolve::StatementShape;
use crate::session::Session;
use crate::source::Span;
use crate::syntax::ast::{ExprId, ExprKind, Ident, Stmt, StmtKind};
use crate::syntax::parser::Program;

mod check;
mod graph;
mod optimize;

pub(crate) type Executed = Result<Document, Diagnostic>;

impl Session {
    pub(crate) fn execute(&mut self, program: &Rc<Program>, stmt: &Stmt, shape: StatementShape) -> Executed {
        match (&stmt.kind, shape) {
            (StmtKind::Expr { expr, format }, StatementShape::Value { kind, symbolic }) => {
                let format = match format {
                    Some(f) if f.name == "latex" => Format::Latex,
                    _ => Format::Text,
                };
                self.show(program, *expr, (&kind, symbolic), format, stmt.span)
            }
            (StmtKind::Define { name, body, .. }, StatementShape::Definition(signature)) => {
                let def = FunctionDef {
                    name: name.name.clone(),
                    signature,
                    body: *body,
                    program: program.clone(),
                    span: name.span,
                };
                self.env.rename_snapshots_before_redefining(&name.name);
                self.env.set(name.name.clone(), EnvEntry::Function(Rc::new(def)));
                Ok(Document::default())
            }
            (StmtKind::Bind { name, value }, StatementShape::Value { kind, symbolic }) => {
                let value = self.bound_value(program, name, *value, (&kind, symbolic), stmt.span)?;
                self.env.rename_snapshots_before_redefining(&name.name);
                self.env.set(name.name.clone(), EnvEntry::Value(value));
                Ok(Document::default())
            }
            (StmtKind::Check { lhs, rhs, within, .. }, StatementShape::Check { left }) => {
                self.check(program, (*lhs, &left), *rhs, *within, stmt.span)
            }
            (StmtKind::Graph { function, at, format, .. }, StatementShape::Directive) => {
                self.graph(program, *function, at, format.as_ref(), stmt.span)
            }
            (StmtKind::Optimize(optimize), StatementShape::Directive) => {
                self.optimize(program, optimize, None, stmt.span)
            }
            (StmtKind::BindOptimize { name, optimize }, StatementShape::Directive) => {
                self.optimize(program, optimize, Some(name), stmt.span)
            }
            (StmtKind::Invalid, StatementShape::Directive) => Ok(Document::default()),
            _ => Err(not_as_checked(stmt.span)),
        }
    }

    /// Shows an expression's value as its shape says: a function, gradient,
    /// tuple, table, record, or a number, vector or symbolic expression, as a
    /// formula (its LaTeX source with `as latex`).
    fn show(
        &mut self,
        program: &Program,
        expr: ExprId,
        shape: (&Kind, bool),
        format: Format,
        statement: Span,
    ) -> Executed {
        match shape.0 {
            Kind::Function(_) | Kind::Gradient(_) => match self.callable(program, expr)? {
                Callable::Function(function) => Ok(Document::block(show::function(&mut self.arena, &function, format))),
                Callable::Gradient(gradient) => {
                    Ok(Document { blocks: show::gradient(&mut self.arena, &gradient, format) })
                }
            },
            Kind::Tuple(_) => {
                let values = self.tuple(program, expr, statement)?;
                Ok(Document::block(show::tuple(&values, format)))
            }
            Kind::Table => {
                let table = self.table(program, expr)?;
                Ok(match format {
                    Format::Text => Document { blocks: crate::render::data::summary(&table) },
                    Format::Latex => Document::block(crate::render::data::latex(&table)),
                })
            }
            Kind::Record(_) => {
                let (name, record) = self.record(program, expr)?;
                let fields = record.fields.iter().map(|(field, value)| show::field(&name, field, *value, format));
                Ok(Document { blocks: fields.collect() })
            }
            Kind::Number | Kind::Vector | Kind::Str => match self.numeric(program, expr, shape.1, statement)? {
                Numeric::Expression { symbolic, .. } => {
                    Ok(Document::block(show::expression(&self.arena, symbolic, format)))
                }
                Numeric::Vector(values) => Ok(Document::block(show::vector(&values, format))),
                Numeric::Number(value) => Ok(Document::block(show::number(value.to_f64(), format))),
            },
        }
    }

    /// A function-valued expression, lowered (its shape says it is one).
    fn callable(&mut self, program: &Program, expr: ExprId) -> Result<Callable, Diagnostic> {
        let mut lowerer = Lowerer::new(&mut self.arena, &self.env, Globals::Symbolic);
        match lowerer.callable(&program.ast, expr) {
            Some(result) => result,
            None => Err(not_as_checked(program.ast.span(expr))),
        }
    }

    /// A table: a bound one, or one `load("file.csv")` reads.
    fn table(&mut self, program: &Program, expr: ExprId) -> Result<Rc<Table>, Diagnostic> {
        let ast = &program.ast;
        if let ExprKind::Name(name) = ast.kind(expr)
            && let Some(BoundValue::Table(table)) = self.env.value(name)
        {
            return Ok(table.clone());
        }
        if let ExprKind::Call(_, args) = ast.kind(expr)
            && let [file] = args.as_slice()
            && let ExprKind::Str(file) = ast.kind(*file)
        {
            return self.load(program, expr, file);
        }
        Err(not_as_checked(ast.span(expr)))
    }

    /// A bound result record, with its name.
    fn record(&self, program: &Program, expr: ExprId) -> Result<(String, Rc<Record>), Diagnostic> {
        if let ExprKind::Name(name) = program.ast.kind(expr)
            && let Some(BoundValue::Record(record)) = self.env.value(name)
        {
            return Ok((name.clone(), record.clone()));
        }
        Err(not_as_checked(program.ast.span(expr)))
    }

    /// A number or vector expression: its value, or, when free symbols stay
    /// in it once bound numbers are in place, the expression itself (with
    /// bound numbers by name). Lowered once.
    fn numeric(
        &mut self,
        program: &Program,
        expr: ExprId,
        symbolic: bool,
        statement: Span,
    ) -> Result<Numeric, Diagnostic> {
        let globals = if symbolic { Globals::Symbolic } else { Globals::Inline };
        let mut lowerer = Lowerer::new(&mut self.arena, &self.env, globals);
        let symbolic = lowerer.lower(&program.ast, expr)?;
        // Lowered with values inline, there are no names to put values in for.
        let id = if globals == Globals::Symbolic { lowerer.with_numbers_inline(symbolic) } else { symbolic };
        let origins = lowerer.origins;
        if has_variables(self, id) {
            return Ok(Numeric::Expression { symbolic, inline: id });
        }
        if self.arena.rows(id).is_some() {
            return self.vector_of(id, &origins, statement).map(Numeric::Vector);
        }
        self.value_of(id, &origins, statement).map(Numeric::Number)
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
    fn load(&mut self, program: &Program, call: ExprId, file: &str) -> Result<Rc<Table>, Diagnostic> {
        let span = program.ast.span(call);
        let dir = self.sources.dir(span.source).to_path_buf();
        let loaded = crate::data::csv::load(&dir.join(file), file, &crate::session::INTERRUPTED);
        match loaded {
            Ok(table) => Ok(Rc::new(table)),
            Err(error) => {
                let mut diagnostic = match (error.place, error.text) {
                    (Some((start, end)), Some(text)) => {
                        let source = self.add_source(file, text);
                        Diagnostic::runtime(
                            DiagnosticCode::DataFile,
                            error.message,
                            Span::new(source, start, end),
                            error.label,
                        )
                        .with_label(span, msg!("data-file.label"))
                    }
                    _ => Diagnostic::runtime(DiagnosticCode::DataFile, error.message, span, msg!("data-file.loading")),
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
    fn tuple(&mut self, program: &Program, expr: ExprId, statement: Span) -> Result<Vec<f64>, Diagnostic> {
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
                Some(Err(error)) => return Err(error),
                _ => return Err(not_as_checked(ast.span(expr))),
            },
            _ => return Err(not_as_checked(ast.span(expr))),
        };
        let origins = lowerer.origins;
        let values = ids.into_iter().map(|id| self.value_of(id, &origins, statement).map(Number::to_f64));
        values.collect()
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
        Number::float(value).ok_or_else(|| {
            Diagnostic::runtime(DiagnosticCode::NotComputable, msg!("not-computable"), statement, msg!("here"))
        })
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

    /// What `name = value` binds, as its shape says: a number, vector,
    /// table or record, or a function or gradient (a snapshot).
    fn bound_value(
        &mut self,
        program: &Program,
        name: &Ident,
        value: ExprId,
        shape: (&Kind, bool),
        statement: Span,
    ) -> Result<BoundValue, Diagnostic> {
        match shape.0 {
            Kind::Function(_) | Kind::Gradient(_) => match self.callable(program, value)? {
                Callable::Function(mut function) => {
                    if let Label::Defined(_) = function.label {
                        function.label = Label::Defined(name.name.clone());
                    }
                    Ok(BoundValue::Function(Rc::new(function)))
                }
                Callable::Gradient(gradient) => Ok(BoundValue::Gradient(Rc::new(gradient))),
            },
            Kind::Table => self.table(program, value).map(BoundValue::Table),
            Kind::Record(_) => self.record(program, value).map(|(_, record)| BoundValue::Record(record)),
            Kind::Number | Kind::Vector | Kind::Str | Kind::Tuple(_) => {
                match self.numeric(program, value, shape.1, statement)? {
                    Numeric::Number(number) => Ok(BoundValue::Number(number)),
                    Numeric::Vector(values) => Ok(BoundValue::Vector(std::sync::Arc::new(values))),
                    Numeric::Expression { inline, .. } => {
                        let shown = show::expression_text(&self.arena, inline, Format::Text);
                        Err(Diagnostic::runtime(
                            DiagnosticCode::FreeSymbols,
                            msg!("free-symbols", name = name.name, shown = shown),
                            program.ast.span(value),
                            msg!("free-symbols.label"),
                        )
                        .with_help(msg!("free-symbols.help", name = name.name)))
                    }
                }
            }
        }
    }

    pub(crate) fn evaluation_error(&self, error: &EvalError, origins: &Origins, statement: Span) -> Diagnostic {
        let (message, label) = error.problem.describe();
        let origin = origins.nearest(&self.arena, error.node);
        let span = origin.map_or(statement, |o| o.span);
        let mut diagnostic =
            Diagnostic::runtime(DiagnosticCode::NotComputable, message, span, in_row(label, error.row));
        if let Some(call) = origin.and_then(|o| o.call_site)
            && call != span
        {
            diagnostic = diagnostic.with_label(call, msg!("not-computable.in-call"));
        }
        diagnostic
    }
}

/// What a number or vector expression came to.
enum Numeric {
    Number(Number),
    Vector(ndarray::Array1<f64>),
    /// Free symbols stay in it: the expression with bound numbers by name,
    /// and with their values in place.
    Expression {
        symbolic: Id,
        inline: Id,
    },
}

/// Execution met a statement other than the checker said it was: a bug in gd.
fn not_as_checked(span: Span) -> Diagnostic {
    Diagnostic::runtime(DiagnosticCode::Internal, msg!("internal"), span, msg!("internal.label"))
}

/// True when `id` still has variables (free symbols) in it.
fn has_variables(session: &Session, id: Id) -> bool {
    !session.arena.leaves(id, |node| matches!(node, Node::Var(_))).is_empty()
}

/// A label about one row of data says which (`… (in row 3)`).
pub(crate) fn in_row(label: Message, row: Option<usize>) -> Message {
    match row {
        Some(row) => msg!("not-computable.in-row", label = label, row = row + 1),
        None => label,
    }
}

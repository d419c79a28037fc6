//! Running checked statements, one at a time, against the session.
//!
//! Definitions and bindings change the environment; expressions are lowered,
//! evaluated and printed; directives are handed to their engines. Each
//! statement gives back the text to print, or a diagnostic that stops the run.

use std::rc::Rc;

use crate::diagnostics::Diagnostic;
use crate::env::{Entry, FunctionDef, Signature, Value};
use crate::eval::scalar::{self, EvalError};
use crate::expr::number::{Number, format_value};
use crate::lower::{Globals, Lowerer, Origins};
use crate::session::Session;
use crate::syntax::ast::{ExprId, Stmt, StmtKind};
use crate::syntax::parser::Program;
use crate::syntax::span::Span;

type Executed = Result<String, Diagnostic>;

impl Session {
    pub(crate) fn execute(&mut self, program: &Rc<Program>, stmt: &Stmt, signature: Option<Rc<Signature>>) -> Executed {
        match &stmt.kind {
            StmtKind::Expr { expr, format } => {
                if let Some(format) = format
                    && format.name == "latex"
                {
                    return Err(not_yet("`as latex`", format.span));
                }
                let value = self.number(program, *expr, stmt.span)?;
                Ok(format!("{}\n", format_value(value.to_f64())))
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
                self.env.set(name.name.clone(), Entry::Function(Rc::new(def)));
                Ok(String::new())
            }
            StmtKind::Bind { name, value } => {
                let value = self.number(program, *value, stmt.span)?;
                self.env.set(name.name.clone(), Entry::Value(Value::Number(value)));
                Ok(String::new())
            }
            StmtKind::Check { keyword, .. } => Err(not_yet("`check`", *keyword)),
            StmtKind::Graph { keyword, .. } => Err(not_yet("`graph`", *keyword)),
            StmtKind::Optimize(optimize) | StmtKind::BindOptimize { optimize, .. } => {
                Err(not_yet("`minimize` and `maximize`", optimize.keyword))
            }
            StmtKind::Invalid => Ok(String::new()),
        }
    }

    /// Evaluates an expression to a number: exactly when it folds, else in f64.
    fn number(&mut self, program: &Program, expr: ExprId, statement: Span) -> Result<Number, Diagnostic> {
        let mut lowerer = Lowerer::new(&mut self.arena, &self.env, Globals::Inline);
        let id = lowerer.lower(&program.ast, expr)?;
        let origins = std::mem::take(&mut lowerer.origins);
        if let Some(value) = self.arena.as_number(id) {
            return Ok(value);
        }
        let value = scalar::evaluate(&self.arena, id, &|_| None)
            .map_err(|error| self.evaluation_error(&error, &origins, statement))?;
        Number::float(value).ok_or_else(|| Diagnostic::runtime("the result is not finite", statement, "here"))
    }

    fn evaluation_error(&self, error: &EvalError, origins: &Origins, statement: Span) -> Diagnostic {
        let (message, label) = error.problem.describe();
        let origin = origins.nearest(&self.arena, error.node);
        let span = origin.map_or(statement, |o| o.span);
        let mut diagnostic = Diagnostic::runtime(message, span, label);
        if let Some(call) = origin.and_then(|o| o.call_site)
            && call != span
        {
            diagnostic = diagnostic.with_label(call, "in this call");
        }
        diagnostic
    }
}

fn not_yet(feature: &str, span: Span) -> Diagnostic {
    Diagnostic::runtime(format!("{feature} is not available yet"), span, "not supported by this version of gd")
        .with_note("this part of the language parses, but its engine is still being built")
}

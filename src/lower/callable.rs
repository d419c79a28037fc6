//! Function-valued expressions — `J`, `∂J/∂b`, `f'`, `∇J`, `diff(J, b)`,
//! `grad(J)`, `simplify(J)` — lowered to a [`Callable`]: the function's
//! parameters as variables and its body, with derivatives taken (and
//! simplified) here. Takes the AST and the environment through the
//! [`Lowerer`]; hands on function and gradient values.

use std::rc::Rc;

use super::{Callable, Lowerer, ident, not_a_function};
use crate::builtins::Builtin;
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::env::{BoundValue, EnvEntry, FunctionDef, FunctionValue, GradientValue, Label, Printing};
use crate::msg;
use crate::resolve::{Meaning, meaning};
use crate::source::Span;
use crate::syntax::ast::{Ast, ExprId, ExprKind, Ident};

impl Lowerer<'_> {
    /// Lowers a function-valued expression; `None` when the expression is
    /// not one (a number, a vector).
    pub fn callable(&mut self, ast: &Ast, id: ExprId) -> Option<Result<Callable, Diagnostic>> {
        let span = ast.span(id);
        match ast.kind(id) {
            ExprKind::Name(name) => self.named_callable(name),
            ExprKind::Partial(function, variables) => Some(self.partial_of(function, variables)),
            ExprKind::Gradient(function) => Some(self.named_function(function).map(|f| self.gradient(&f))),
            ExprKind::Prime(inner) => Some(match self.callable(ast, *inner)? {
                Ok(Callable::Function(f)) => self.prime(&f, span),
                Ok(Callable::Gradient(_)) => Err(not_a_function(span)),
                Err(error) => Err(error),
            }),
            ExprKind::Binary(..) | ExprKind::Neg(_) => self.combination(ast, id),
            ExprKind::Call(callee, args) => {
                let ExprKind::Name(name) = ast.kind(*callee) else { return None };
                let first = *args.first()?;
                let builtin = match meaning(name, &[], |n| self.env.get(n).cloned(), false) {
                    Meaning::Builtin(b @ (Builtin::Diff | Builtin::Grad | Builtin::Simplify)) => b,
                    _ => return None,
                };
                let base = match self.callable(ast, first)? {
                    Ok(Callable::Function(f)) => f,
                    Ok(Callable::Gradient(_)) => return Some(Err(not_a_function(ast.span(first)))),
                    Err(error) => return Some(Err(error)),
                };
                Some(match builtin {
                    Builtin::Grad => Ok(self.gradient(&base)),
                    Builtin::Simplify => {
                        let printed = base.printed(self.arena);
                        let body = self.arena.simplify(printed);
                        Ok(Callable::Function(FunctionValue { body, printing: Printing::Body, ..base }))
                    }
                    _ => {
                        let variables = args[1..].iter().map(|&a| ident(ast, a)).collect::<Option<Vec<_>>>();
                        match variables {
                            Some(variables) => self.partial(&base, &variables).map(Callable::Function),
                            None => Err(Diagnostic::runtime(
                                DiagnosticCode::DiffVariableNotName,
                                msg!("diff-variable-not-name"),
                                span,
                                msg!("here"),
                            )),
                        }
                    }
                })
            }
            _ => None,
        }
    }

    pub(crate) fn named_callable(&mut self, name: &str) -> Option<Result<Callable, Diagnostic>> {
        match self.env.get(name)? {
            EnvEntry::Function(def) => {
                let def = def.clone();
                Some(self.defined(&def).map(Callable::Function))
            }
            EnvEntry::Value(BoundValue::Function(f)) => Some(Ok(Callable::Function((**f).clone()))),
            EnvEntry::Value(BoundValue::Gradient(g)) => Some(Ok(Callable::Gradient((**g).clone()))),
            EnvEntry::Value(
                BoundValue::Number(_) | BoundValue::Record(_) | BoundValue::Vector(_) | BoundValue::Table(_),
            ) => None,
        }
    }

    fn named_function(&mut self, function: &Ident) -> Result<FunctionValue, Diagnostic> {
        match self.named_callable(&function.name) {
            Some(Ok(Callable::Function(f))) => Ok(f),
            Some(Err(error)) => Err(error),
            _ => Err(not_a_function(function.span)),
        }
    }

    /// A user function as a value: its body over its parameters.
    pub fn defined(&mut self, def: &Rc<FunctionDef>) -> Result<FunctionValue, Diagnostic> {
        let variables = self.variables(def.params());
        let body = self.lower_body(def, &variables)?;
        Ok(FunctionValue {
            label: Label::Defined(def.name.clone()),
            params: def.signature.params.clone(),
            variables,
            body,
            printing: Printing::Body,
        })
    }

    /// `∂²F/∂x∂y` as written: by convention ∂/∂x(∂F/∂y), so the variables
    /// are taken right to left.
    fn partial_of(&mut self, function: &Ident, written: &[Ident]) -> Result<Callable, Diagnostic> {
        let base = self.named_function(function)?;
        let order: Vec<Ident> = written.iter().rev().cloned().collect();
        self.partial(&base, &order).map(Callable::Function)
    }

    /// F differentiated by each of `variables` in turn (printed simplified); labelled
    /// in the usual notation (the last variable taken is written first).
    fn partial(&mut self, base: &FunctionValue, variables: &[Ident]) -> Result<FunctionValue, Diagnostic> {
        let mut body = base.body;
        let mut names = Vec::new();
        for variable in variables {
            let Some(index) = base.params.iter().position(|p| *p == variable.name) else {
                return Err(Diagnostic::runtime(
                    DiagnosticCode::NotAParameter,
                    msg!("not-a-parameter", name = variable.name),
                    variable.span,
                    msg!("not-a-parameter.label", params = base.params),
                ));
            };
            body = self.arena.derivative(body, base.variables[index]);
            names.insert(0, variable.name.clone());
        }
        let label = base.label.differentiated(&names);
        let (params, variables) = (base.params.clone(), base.variables.clone());
        Ok(FunctionValue { label, params, variables, body, printing: Printing::Simplified })
    }

    /// `f'` for a function of one parameter.
    fn prime(&mut self, base: &FunctionValue, span: Span) -> Result<Callable, Diagnostic> {
        let [variable] = base.variables[..] else {
            return Err(Diagnostic::runtime(
                DiagnosticCode::PrimeArity,
                msg!("prime-needs-one-parameter"),
                span,
                msg!("here"),
            ));
        };
        let body = self.arena.derivative(base.body, variable);
        let label = match &base.label {
            Label::Defined(name) => Label::Prime { function: name.clone(), order: 1 },
            Label::Prime { function, order } => Label::Prime { function: function.clone(), order: order + 1 },
            Label::Partial { function, variables } => Label::Partial {
                function: function.clone(),
                variables: [base.params.to_vec(), variables.clone()].concat(),
            },
            Label::Combination { .. } => base.label.differentiated(&base.params),
        };
        Ok(Callable::Function(FunctionValue {
            label,
            params: base.params.clone(),
            variables: base.variables.clone(),
            body,
            printing: Printing::Simplified,
        }))
    }

    /// ∇F: every first partial derivative (printed simplified).
    fn gradient(&mut self, base: &FunctionValue) -> Callable {
        let components = base.variables.iter().map(|&variable| self.arena.derivative(base.body, variable)).collect();
        let function = match &base.label {
            Label::Defined(name) => name.clone(),
            other => format!("({})", other.head()),
        };
        Callable::Gradient(GradientValue {
            label: base.label.clone(),
            function,
            params: base.params.clone(),
            variables: base.variables.clone(),
            components,
            snapshot: None,
        })
    }
}

//! The session's environment: user function definitions and bound values.
//!
//! Definitions are kept as syntax (their AST and the names they call) and
//! lowered each time they are used, so redefining a function changes every
//! function that calls it. Bindings are values, evaluated when bound.
//! [`Kind`] is the static shape of a value, which the resolver checks.

use crate::message::Message;
use crate::msg;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use ndarray::Array1;

use crate::data::table::Table;
use crate::expr::arena::{Arena, Id};
use crate::expr::latex::name_latex;
use crate::expr::number::Number;
use crate::expr::print::Prec;
use crate::source::Span;
use crate::syntax::ast::ExprId;
use crate::syntax::notation::partial_notation;
use crate::syntax::parser::Program;

/// What the resolver needs to know of a function: its parameters, the user
/// functions its body calls (for the recursion check) and what it returns.
#[derive(Debug, PartialEq)]
pub struct Signature {
    pub params: Rc<[String]>,
    pub calls: Vec<String>,
    pub returns: Kind,
}

/// `J(a, b, c) = body`, as written.
#[derive(Debug)]
pub struct FunctionDef {
    pub name: String,
    pub signature: Rc<Signature>,
    pub body: ExprId,
    /// The parsed source the body lives in.
    pub program: Rc<Program>,
    /// Where the name was written.
    pub span: Span,
}

impl FunctionDef {
    pub fn params(&self) -> &[String] {
        &self.signature.params
    }
}

/// How a function value is named when printed.
#[derive(Clone, Debug, PartialEq)]
pub enum Label {
    /// A user function: prints as `J(a, b, c) = …`.
    Defined(String),
    /// `∂J/∂b`, `∂²J/∂b∂c`: the function and the variables, in order.
    Partial { function: String, variables: Vec<String> },
    /// `f'`, `f''`: prints as `f'(x) = …`.
    Prime { function: String, order: usize },
    /// Arithmetic on derivatives, as written: `∂²f/∂x² + ∂²f/∂y²`, and
    /// the precedence of its outermost operation (for brackets around it).
    Combination { text: String, latex: String, prec: Prec },
}

impl Label {
    /// The function's name as written in a header (`J`, `∂J/∂b`, `f'`).
    pub fn head(&self) -> String {
        match self {
            Label::Defined(name) => name.clone(),
            Label::Partial { function, variables } => partial_notation(function, variables),
            Label::Prime { function, order } => format!("{function}{}", "'".repeat(*order)),
            Label::Combination { text, .. } => text.clone(),
        }
    }

    /// The left side of the function's line in LaTeX: `J\left(a, b\right)`,
    /// `\frac{\partial J}{\partial b}`, `f'\left(x\right)`.
    pub fn latex_head(&self, params: &[String]) -> String {
        let params = || params.iter().map(|p| name_latex(p)).collect::<Vec<_>>().join(", ");
        match self {
            Label::Combination { latex, .. } => latex.clone(),
            Label::Defined(name) => format!("{}\\left({}\\right)", name_latex(name), params()),
            Label::Prime { function, order } => {
                format!("{}{}\\left({}\\right)", name_latex(function), "'".repeat(*order), params())
            }
            Label::Partial { function, variables } => partial_latex(function, variables),
        }
    }

    /// The label of this function differentiated by `variables` (the one
    /// taken last first): `∂J/∂b` by a is `∂²J/∂a∂b`, `f'` by x is `f''`.
    pub fn differentiated(&self, variables: &[String]) -> Label {
        match self {
            Label::Partial { function, variables: taken } => {
                Label::Partial { function: function.clone(), variables: [variables, taken.as_slice()].concat() }
            }
            Label::Prime { function, order } => {
                Label::Prime { function: function.clone(), order: order + variables.len() }
            }
            Label::Defined(name) => Label::Partial { function: name.clone(), variables: variables.to_vec() },
            Label::Combination { text, .. } => {
                Label::Partial { function: format!("({text})"), variables: variables.to_vec() }
            }
        }
    }

    /// A one-variable partial of this function as written: `∂J/∂b`, `f''`.
    pub fn partial_head(&self, variable: &str) -> String {
        self.differentiated(&[variable.to_string()]).head()
    }

    /// Whether the label names one of `changed` as what it was derived
    /// from (`∂J/∂b`, `J'`, or a combination in which `J` is written).
    pub fn derives_from(&self, changed: &HashSet<String>) -> bool {
        match self {
            Label::Defined(_) => false,
            Label::Partial { function, .. } | Label::Prime { function, .. } => changed.contains(function),
            Label::Combination { text, .. } => {
                text.split(|c: char| !crate::syntax::lexer::is_name_char(c)).any(|word| changed.contains(word))
            }
        }
    }

    /// The name of the function this one was derived from.
    pub fn function(&self) -> &str {
        match self {
            Label::Defined(name) => name,
            Label::Partial { function, .. } | Label::Prime { function, .. } => function,
            Label::Combination { text, .. } => text,
        }
    }
}

/// `\frac{\partial^{2} J}{\partial b \partial c}`
fn partial_latex(function: &str, variables: &[String]) -> String {
    let mut parts = Vec::new();
    let mut index = 0;
    while index < variables.len() {
        let run = variables[index..].iter().take_while(|v| **v == variables[index]).count();
        let power = if run > 1 { format!("^{{{run}}}") } else { String::new() };
        parts.push(format!("\\partial {}{power}", name_latex(&variables[index])));
        index += run;
    }
    let order = if variables.len() > 1 { format!("^{{{}}}", variables.len()) } else { String::new() };
    format!("\\frac{{\\partial{order} {}}}{{{}}}", name_latex(function), parts.join(" "))
}

/// A function held as a value: `J` itself, a derivative (`∂J/∂b`), or one
/// bound to a name (`dJ = ∂J/∂b`, a snapshot taken when bound).
#[derive(Clone, Debug)]
pub struct FunctionValue {
    pub label: Label,
    pub params: Rc<[String]>,
    /// The parameters as arena variables, in order.
    pub variables: Vec<Id>,
    /// The body, over `variables`, as computed: a derivative is the chain
    /// rule's DAG, linear in its function's size. Values come from it.
    pub body: Id,
    /// How the body prints.
    pub printing: Printing,
}

/// How a function value prints. Simplifying is for reading only: a value
/// never waits for it, so a derivative's printed form is worked out when
/// it is shown (the arena keeps it once made).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Printing {
    /// The body as it is: a definition, or a form the user asked for.
    Body,
    /// The body simplified.
    Simplified,
    /// This form, equal to the body (a combination of derivatives, each
    /// printed as it prints alone).
    Form(Id),
}

impl FunctionValue {
    /// The form the function prints as.
    pub fn printed(&self, arena: &mut Arena) -> Id {
        match self.printing {
            Printing::Body => self.body,
            Printing::Simplified => arena.simplify(self.body),
            Printing::Form(form) => form,
        }
    }
}

/// `∇J`: the partial derivatives of J, one per parameter.
#[derive(Clone, Debug)]
pub struct GradientValue {
    /// The function's label (`J`, or `∂J/∂b` for the gradient of a derivative).
    pub label: Label,
    /// How it is named after ∇: `J`, `(∂J/∂b)`.
    pub function: String,
    pub params: Rc<[String]>,
    pub variables: Vec<Id>,
    /// ∂F/∂θi as computed (the chain rule's DAG); each prints simplified.
    pub components: Vec<Id>,
    /// The name it is bound to, once the function it was taken of has been
    /// redefined: it then prints as `g(a, b) = (b, a)`, not as `∂J/∂a = b`.
    pub snapshot: Option<String>,
}

impl GradientValue {
    /// The components as they print: simplified.
    pub fn printed(&self, arena: &mut Arena) -> Vec<Id> {
        self.components.iter().map(|&c| arena.simplify(c)).collect()
    }
}

/// The result of `r = minimize …`: named numbers (`r.θ1`, `r.J`, `r.iterations`).
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub fields: Vec<(String, f64)>,
}

impl Record {
    pub fn get(&self, name: &str) -> Option<f64> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

/// A bound value.
#[derive(Clone, Debug)]
pub enum BoundValue {
    Number(Number),
    Vector(Arc<Array1<f64>>),
    Table(Rc<Table>),
    Function(Rc<FunctionValue>),
    Gradient(Rc<GradientValue>),
    Record(Rc<Record>),
}

impl BoundValue {
    pub fn kind(&self) -> Kind {
        match self {
            BoundValue::Number(_) => Kind::Number,
            BoundValue::Vector(_) => Kind::Vector,
            BoundValue::Table(_) => Kind::Table,
            BoundValue::Function(f) => Kind::Function(f.params.clone()),
            BoundValue::Gradient(g) => Kind::Gradient(g.params.clone()),
            BoundValue::Record(r) => Kind::Record(r.fields.iter().map(|(n, _)| n.clone()).collect()),
        }
    }
}

/// The static shape of a value: what the resolver knows before running.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Number,
    Vector,
    Str,
    Table,
    /// The result of `r = minimize …`, with its field names.
    Record(Rc<[String]>),
    /// Something callable with these parameters (a function, a derivative).
    Function(Rc<[String]>),
    /// `∇J`: called with J's arguments, it gives one value per parameter.
    Gradient(Rc<[String]>),
    Tuple(usize),
}

impl Kind {
    /// How the kind is named in messages ("a number", "a function of a, b").
    pub fn describe(&self) -> Message {
        match self {
            Kind::Number => msg!("kind.number"),
            Kind::Vector => msg!("kind.vector"),
            Kind::Str => msg!("kind.string"),
            Kind::Table => msg!("kind.table"),
            Kind::Record(_) => msg!("kind.record"),
            Kind::Function(params) => msg!("kind.function", params = params),
            Kind::Gradient(params) => msg!("kind.gradient", params = params),
            Kind::Tuple(n) => msg!("kind.tuple", count = n),
        }
    }
}

/// What a name stands for in the environment.
#[derive(Clone, Debug)]
pub enum EnvEntry {
    Function(Rc<FunctionDef>),
    Value(BoundValue),
}

/// Definitions and bindings by name. Cloning is cheap (shared contents), so
/// a REPL line can be undone by restoring a copy.
#[derive(Clone, Debug, Default)]
pub struct Env {
    entries: HashMap<String, EnvEntry>,
}

impl Env {
    pub fn get(&self, name: &str) -> Option<&EnvEntry> {
        self.entries.get(name)
    }

    pub fn function(&self, name: &str) -> Option<&Rc<FunctionDef>> {
        match self.entries.get(name) {
            Some(EnvEntry::Function(def)) => Some(def),
            _ => None,
        }
    }

    pub fn value(&self, name: &str) -> Option<&BoundValue> {
        match self.entries.get(name) {
            Some(EnvEntry::Value(value)) => Some(value),
            _ => None,
        }
    }

    /// The value of a bound number, in f64.
    pub fn number(&self, name: &str) -> Option<f64> {
        match self.value(name)? {
            BoundValue::Number(n) => Some(n.to_f64()),
            _ => None,
        }
    }

    /// Defines or redefines; a redefinition replaces the old entry.
    pub fn set(&mut self, name: impl Into<String>, entry: EnvEntry) {
        self.entries.insert(name.into(), entry);
    }

    /// Before the function `name` gets a new meaning (redefined, or a value
    /// bound to its name): the derivatives bound to names (`h = ∂J/∂a`, `g = ∇J`)
    /// of every function that changes with it keep their values but are
    /// shown by their own names from then on (`h(a) = 2*a`), since `∂J/∂a`
    /// will mean the new function's derivative.
    pub fn rename_snapshots_before_redefining(&mut self, name: &str) {
        let snapshots =
            |entry: &EnvEntry| matches!(entry, EnvEntry::Value(BoundValue::Function(_) | BoundValue::Gradient(_)));
        // A snapshot keeps bound values symbolic (`2*a + α`): only a function changing stales its label.
        if !matches!(self.entries.get(name), Some(EnvEntry::Function(_))) || !self.entries.values().any(snapshots) {
            return;
        }
        let changed = self.changing_with(name);
        for (bound, entry) in &mut self.entries {
            match entry {
                EnvEntry::Value(BoundValue::Function(value)) if value.label.derives_from(&changed) => {
                    let mut renamed = FunctionValue::clone(value);
                    renamed.label = Label::Defined(bound.clone());
                    *value = Rc::new(renamed);
                }
                EnvEntry::Value(BoundValue::Gradient(value))
                    if value.snapshot.is_none()
                        && (value.label.derives_from(&changed) || changed.contains(value.label.function())) =>
                {
                    let mut renamed = GradientValue::clone(value);
                    renamed.snapshot = Some(bound.clone());
                    *value = Rc::new(renamed);
                }
                _ => {}
            }
        }
    }

    /// `name` and every function whose body uses it (calls it, or takes a
    /// derivative of it: its signature's `calls`), directly or through others.
    fn changing_with(&self, name: &str) -> HashSet<String> {
        let mut users: HashMap<&str, Vec<&str>> = HashMap::new();
        for (function, entry) in &self.entries {
            let EnvEntry::Function(def) = entry else { continue };
            for callee in &def.signature.calls {
                users.entry(callee.as_str()).or_default().push(function);
            }
        }
        let mut changed = HashSet::from([name.to_string()]);
        let mut pending = vec![name];
        while let Some(changing) = pending.pop() {
            for &user in users.get(changing).into_iter().flatten() {
                if changed.insert(user.to_string()) {
                    pending.push(user);
                }
            }
        }
        changed
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

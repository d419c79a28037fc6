//! The spanned syntax tree, as the parser builds it.
//!
//! Expressions live in an arena ([`Ast`]) and refer to each other by
//! [`ExprId`]: the parser creates children before parents, so a deep or long
//! expression never needs deep recursion to build, and dropping it is flat.
//! Statements hold ids into the arena. Every node carries its [`Span`].
//! The resolver reads this tree; nothing here knows what a name means.

use crate::source::Span;

/// An expression's index in its [`Ast`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A number literal, as written (`0.75`, `1e-3`); exact value decided later.
    Number(String),
    /// A string literal without its quotes (`load("data.csv")`).
    Str(String),
    Name(String),
    Neg(ExprId),
    Binary(BinaryOp, ExprId, ExprId),
    /// `f(args…)`; the callee is any expression (`(∂J/∂b)(1, 2, 3)`).
    Call(ExprId, Vec<ExprId>),
    /// `data.price`, `r.θ1`, or `data."sale price"`.
    Field(ExprId, Ident),
    /// `f'`: the derivative of a one-parameter function.
    Prime(ExprId),
    /// `[1, 2, 3]`
    Vector(Vec<ExprId>),
    /// `(3, 3*c, 3*b)`: the right side of a gradient check.
    Tuple(Vec<ExprId>),
    /// `∂J/∂b`, `∂²J/∂b∂c`, `∂²J/∂b²`: the variables in order, repeated for powers.
    Partial(Ident, Vec<Ident>),
    /// `∇J`
    Gradient(Ident),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExprNode {
    pub kind: ExprKind,
    pub span: Span,
}

/// The arena of one parsed source's expressions.
#[derive(Clone, Debug, Default)]
pub struct Ast {
    nodes: Vec<ExprNode>,
}

impl Ast {
    pub fn push(&mut self, kind: ExprKind, span: Span) -> ExprId {
        let id = ExprId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(ExprNode { kind, span });
        id
    }

    /// Whether `id` is a derivative (`∂J/∂b`, `f'`, `diff(…)`) or arithmetic
    /// with one among its operands (`2*∂J/∂a`); looked for without recursion.
    pub fn mentions_derivative(&self, id: ExprId) -> bool {
        let mut stack = vec![id];
        while let Some(id) = stack.pop() {
            match self.kind(id) {
                ExprKind::Partial(..) | ExprKind::Prime(_) => return true,
                ExprKind::Call(callee, _) if matches!(self.kind(*callee), ExprKind::Name(n) if n == "diff") => {
                    return true;
                }
                ExprKind::Binary(_, a, b) => stack.extend([*a, *b]),
                ExprKind::Neg(a) => stack.push(*a),
                _ => {}
            }
        }
        false
    }

    /// Whether a name appears anywhere in `id` (a variable, a function, the
    /// function of `∂J/∂b` or `∇J`): `f(x + 1)` has one, `f(1, 2)` none.
    pub fn mentions_name(&self, id: ExprId) -> bool {
        let mut stack = vec![id];
        while let Some(id) = stack.pop() {
            match self.kind(id) {
                ExprKind::Name(_) | ExprKind::Partial(..) | ExprKind::Gradient(_) => return true,
                ExprKind::Call(callee, args) => {
                    stack.push(*callee);
                    stack.extend(args);
                }
                ExprKind::Binary(_, a, b) => stack.extend([*a, *b]),
                ExprKind::Neg(a) | ExprKind::Prime(a) | ExprKind::Field(a, _) => stack.push(*a),
                ExprKind::Vector(items) | ExprKind::Tuple(items) => stack.extend(items),
                ExprKind::Number(_) | ExprKind::Str(_) => {}
            }
        }
        false
    }

    /// Whether `id` calls one of the functions `names` anywhere inside it
    /// (`diff(x^2, x) + 1` calls `diff`).
    pub fn calls(&self, id: ExprId, names: &[&str]) -> bool {
        let mut stack = vec![id];
        while let Some(id) = stack.pop() {
            match self.kind(id) {
                ExprKind::Call(callee, args) => {
                    if matches!(self.kind(*callee), ExprKind::Name(n) if names.contains(&n.as_str())) {
                        return true;
                    }
                    stack.push(*callee);
                    stack.extend(args);
                }
                ExprKind::Binary(_, a, b) => stack.extend([*a, *b]),
                ExprKind::Neg(a) | ExprKind::Prime(a) | ExprKind::Field(a, _) => stack.push(*a),
                ExprKind::Vector(items) | ExprKind::Tuple(items) => stack.extend(items),
                ExprKind::Number(_) | ExprKind::Str(_) | ExprKind::Name(_) => {}
                ExprKind::Partial(..) | ExprKind::Gradient(_) => {}
            }
        }
        false
    }

    pub fn node(&self, id: ExprId) -> &ExprNode {
        &self.nodes[id.0 as usize]
    }

    pub fn kind(&self, id: ExprId) -> &ExprKind {
        &self.node(id).kind
    }

    pub fn span(&self, id: ExprId) -> Span {
        self.node(id).span
    }
}

/// `name = value` in `graph … at` and `minimize … from`.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub name: Ident,
    pub value: ExprId,
}

/// `name` or `name = value` after `with`.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    pub name: Ident,
    pub value: Option<ExprId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalKeyword {
    Minimize,
    Maximize,
}

/// `minimize F over … from … with …` (or `maximize`).
#[derive(Clone, Debug, PartialEq)]
pub struct Optimize {
    pub goal: GoalKeyword,
    pub keyword: Span,
    pub function: ExprId,
    pub over: Vec<Ident>,
    pub from: Vec<Binding>,
    pub settings: Vec<Setting>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// An expression to evaluate and print, optionally `as latex`/`as text`.
    Expr {
        expr: ExprId,
        format: Option<Ident>,
    },
    /// `J(a, b, c) = body`
    Define {
        name: Ident,
        params: Vec<Ident>,
        body: ExprId,
    },
    /// `x = value`
    Bind {
        name: Ident,
        value: ExprId,
    },
    /// `r = minimize …`
    BindOptimize {
        name: Ident,
        optimize: Optimize,
    },
    /// `check lhs = rhs [within tolerance]`
    Check {
        keyword: Span,
        lhs: ExprId,
        rhs: ExprId,
        within: Option<ExprId>,
    },
    /// `graph F at … as …`
    Graph {
        keyword: Span,
        function: ExprId,
        at: Vec<Binding>,
        format: Option<Ident>,
    },
    Optimize(Optimize),
    /// A statement the parser could not read; its error is already reported.
    Invalid,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

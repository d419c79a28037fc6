//! Building a [`RowBlock`] from arena nodes: row nodes become chunk
//! instructions, numbers that are the same in every row become per-pass
//! coefficients, and each reduction becomes a sum attached to the register
//! it reads. A term used once by a sum (`c*x`, `c*x*y`, `c*x^2`) is computed
//! inside the sum; a square or a product of two vectors used once by a
//! reduction is summed without being stored. Every column a block reads
//! has the block's length.

use std::collections::HashMap;
use std::sync::Arc;

use ndarray::Array1;

use super::rows::{Accumulator, Coef, RowBlock, RowInstr, RowOp, Src, Sum};
use super::tape::CompileError;
use crate::expr::arena::{Arena, Id, Node};
use crate::expr::number::Number;

/// What the row block needs from the rest of the program.
pub struct RowContext<'a> {
    pub arena: &'a Arena,
    /// Scalar registers of the nodes that have one.
    pub scalars: &'a HashMap<Id, u32>,
    /// How many times each node is read (by parents, or as an output).
    pub uses: &'a HashMap<Id, usize>,
}

/// The block computing `nodes` (row nodes, in id order) and the
/// reductions `reduces` (whose scalar registers are in `scalars`), over
/// vectors of `rows` rows; a column of another length is an error.
pub fn block(context: &RowContext, nodes: &[Id], reduces: &[Id], rows: usize) -> Result<RowBlock, CompileError> {
    let mut builder = RowCompiler {
        context,
        registers: HashMap::new(),
        columns: Vec::new(),
        column_index: HashMap::new(),
        coefficients: Vec::new(),
        next: 0,
        code: Vec::new(),
    };
    let inside = inlined(context, nodes, reduces);
    for &id in nodes {
        if inside.contains_key(&id) || matches!(context.arena.node(id), Node::Data(_)) {
            continue;
        }
        let op = builder.select(id, &inside);
        let dst = builder.fresh();
        builder.registers.insert(id, dst);
        builder.code.push(RowInstr { op, dst, sums: Vec::new() });
    }
    let mut accumulators = Vec::new();
    for &reduce in reduces {
        let Node::Reduce(reduction, arg, _) = *context.arena.node(reduce) else { continue };
        let (register, sum) = builder.summand(arg, &inside);
        let index = accumulators.len();
        accumulators.push(Accumulator { register, sum, reduction, target: context.scalars[&reduce] });
        if let Some(instr) = builder.code.iter_mut().find(|i| i.dst == register) {
            instr.sums.push(index);
        }
    }
    if let Some(column) = builder.columns.iter().find(|c| c.len() != rows) {
        return Err(CompileError::Lengths(rows, column.len()));
    }
    Ok(RowBlock {
        code: builder.code,
        coefficients: builder.coefficients,
        columns: builder.columns,
        accumulators,
        registers: builder.next as usize,
        rows,
    })
}

/// How an inlined node enters its user: a term of a sum (c·a·b), or a
/// sum of squares or products taken by a reduction.
#[derive(Clone, Copy)]
enum Inline {
    Term(Id, Option<Id>, f64),
    Square(Id),
    Product(Id, Id),
}

/// Nodes used once, by a sum or a sum or mean over rows, that their user
/// computes itself (a max or log-sum-exp reads a register).
fn inlined(context: &RowContext, nodes: &[Id], reduces: &[Id]) -> HashMap<Id, Inline> {
    let arena = context.arena;
    let once = |id: &Id| context.uses.get(id) == Some(&1);
    let mut inside = HashMap::new();
    for &id in nodes {
        if let Node::Add(items) = arena.node(id) {
            for item in items.iter().filter(|i| once(i)) {
                if let Some(term) = term(arena, *item) {
                    inside.insert(*item, term);
                }
            }
        }
    }
    for &reduce in reduces {
        let Node::Reduce(reduction, arg, _) = *arena.node(reduce) else { continue };
        if !reduction.is_linear() || !once(&arg) || inside.contains_key(&arg) {
            continue;
        }
        match arena.node(arg) {
            Node::Pow(base, e) if arena.as_number(*e) == Some(Number::int(2)) && arena.rows(*base).is_some() => {
                inside.insert(arg, Inline::Square(*base));
            }
            Node::Mul(items) if items.len() == 2 && items.iter().all(|&i| arena.rows(i).is_some()) => {
                inside.insert(arg, Inline::Product(items[0], items[1]));
            }
            _ => {}
        }
    }
    inside
}

/// `c*x`, `c*x*y` or `c*x^2` as a term of a sum.
fn term(arena: &Arena, id: Id) -> Option<Inline> {
    let square = |f: Id| match arena.node(f) {
        Node::Pow(base, e) if arena.as_number(*e) == Some(Number::int(2)) => Some(*base),
        _ => None,
    };
    match arena.node(id) {
        Node::Pow(..) => square(id).map(|x| Inline::Term(x, Some(x), 1.0)),
        Node::Mul(items) => {
            let c: f64 = items.iter().filter_map(|&i| arena.as_number(i)).map(Number::to_f64).product();
            let factors: Vec<Id> = items.iter().copied().filter(|&i| arena.as_number(i).is_none()).collect();
            match factors[..] {
                [x] => Some(match square(x) {
                    Some(base) => Inline::Term(base, Some(base), c),
                    None => Inline::Term(x, None, c),
                }),
                [x, y] if square(x).is_none() && square(y).is_none() => Some(Inline::Term(x, Some(y), c)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// An operand of a row instruction.
enum Operand {
    Rows(Src),
    Scalar(u32),
    Number(f64),
}

struct RowCompiler<'a, 'b> {
    context: &'b RowContext<'a>,
    registers: HashMap<Id, u32>,
    columns: Vec<Arc<Array1<f64>>>,
    column_index: HashMap<Id, u32>,
    coefficients: Vec<Coef>,
    next: u32,
    code: Vec<RowInstr>,
}

impl RowCompiler<'_, '_> {
    fn fresh(&mut self) -> u32 {
        self.next += 1;
        self.next - 1
    }

    fn coefficient(&mut self, value: f64, scalars: Vec<u32>) -> u32 {
        self.coefficients.push(Coef { value, scalars });
        self.coefficients.len() as u32 - 1
    }

    fn operand(&mut self, id: Id) -> Operand {
        if let Some(&r) = self.registers.get(&id) {
            return Operand::Rows(Src::Row(r));
        }
        let arena = self.context.arena;
        if let Node::Data(data) = *arena.node(id) {
            let next = self.columns.len() as u32;
            let index = *self.column_index.entry(id).or_insert(next);
            if index == next {
                self.columns.push(arena.data_values(data).clone());
            }
            return Operand::Rows(Src::Column(index));
        }
        match arena.as_number(id) {
            Some(n) => Operand::Number(n.to_f64()),
            None => Operand::Scalar(self.context.scalars.get(&id).copied().unwrap_or(0)),
        }
    }

    /// A coefficient for the scalar and numeric parts of a product, and its row sources.
    fn split(&mut self, factors: &[Id], value: f64) -> (u32, Vec<Src>) {
        let mut value = value;
        let mut scalars = Vec::new();
        let mut sources = Vec::new();
        for &factor in factors {
            match self.operand(factor) {
                Operand::Rows(src) => sources.push(src),
                Operand::Scalar(s) => scalars.push(s),
                Operand::Number(n) => value *= n,
            }
        }
        (self.coefficient(value, scalars), sources)
    }

    fn select(&mut self, id: Id, inside: &HashMap<Id, Inline>) -> RowOp {
        let arena = self.context.arena;
        match arena.node(id).clone() {
            Node::Add(items) => {
                let mut constants = Vec::new();
                let mut singles = Vec::new();
                let mut products = Vec::new();
                for item in items.iter() {
                    let (factors, value) = match inside.get(item) {
                        Some(&Inline::Term(x, Some(y), c)) => (vec![x, y], c),
                        Some(&Inline::Term(x, None, c)) => (vec![x], c),
                        _ => (vec![*item], 1.0),
                    };
                    match self.split(&factors, value) {
                        (c, sources) if sources.is_empty() => constants.push(c),
                        (c, sources) if sources.len() == 1 => singles.push((sources[0], c)),
                        (c, sources) => products.push((sources[0], sources[1], c)),
                    }
                }
                RowOp::Lin { constants, singles, products }
            }
            Node::Mul(items) => {
                let (scale, factors) = self.split(&items, 1.0);
                match factors[..] {
                    [a] => RowOp::Lin { constants: Vec::new(), singles: vec![(a, scale)], products: Vec::new() },
                    _ => RowOp::Mul { factors, scale },
                }
            }
            Node::Pow(base, exponent) => match (self.operand(base), self.operand(exponent)) {
                (Operand::Rows(b), Operand::Number(2.0)) => RowOp::Square(b),
                (Operand::Rows(b), Operand::Number(-1.0)) => RowOp::Recip(b),
                (Operand::Rows(b), Operand::Number(0.5)) => RowOp::Sqrt(b),
                (Operand::Rows(b), Operand::Number(e)) if e.fract() == 0.0 && e.abs() < 1e9 => {
                    RowOp::PowInt(b, e as i32)
                }
                (Operand::Rows(b), Operand::Number(e)) => RowOp::PowScalar(b, self.coefficient(e, Vec::new())),
                (Operand::Rows(b), Operand::Scalar(e)) => RowOp::PowScalar(b, self.coefficient(1.0, vec![e])),
                (Operand::Scalar(b), Operand::Rows(e)) => RowOp::ScalarPow(self.coefficient(1.0, vec![b]), e),
                (Operand::Number(b), Operand::Rows(e)) => RowOp::ScalarPow(self.coefficient(b, Vec::new()), e),
                (Operand::Rows(b), Operand::Rows(e)) => RowOp::Pow(b, e),
                // A row node has rows in its base or its exponent.
                _ => RowOp::Mul { factors: Vec::new(), scale: self.coefficient(f64::NAN, Vec::new()) },
            },
            Node::Apply(func, arg) => match self.operand(arg) {
                Operand::Rows(a) => RowOp::Apply(func, a),
                _ => RowOp::Mul { factors: Vec::new(), scale: self.coefficient(f64::NAN, Vec::new()) },
            },
            // Leaves and reductions are not row instructions.
            _ => RowOp::Mul { factors: Vec::new(), scale: self.coefficient(f64::NAN, Vec::new()) },
        }
    }

    /// The register a reduction sums, and how: a register must exist, so a
    /// bare column is first copied into one.
    fn summand(&mut self, arg: Id, inside: &HashMap<Id, Inline>) -> (u32, Sum) {
        match inside.get(&arg) {
            Some(&Inline::Square(base)) => (self.register_of(base), Sum::Square),
            Some(&Inline::Product(a, b)) => {
                let (a_src, b_src) = (self.rows_of(a), self.rows_of(b));
                // The sum is taken after the later of the two is filled.
                match (a_src, b_src) {
                    (Src::Row(ra), Src::Row(rb)) if ra < rb => (rb, Sum::Product(a_src)),
                    (Src::Row(ra), _) => (ra, Sum::Product(b_src)),
                    (_, Src::Row(rb)) => (rb, Sum::Product(a_src)),
                    _ => (self.register_of(a), Sum::Product(b_src)),
                }
            }
            _ => (self.register_of(arg), Sum::Plain),
        }
    }

    fn rows_of(&mut self, id: Id) -> Src {
        match self.operand(id) {
            Operand::Rows(src) => src,
            _ => Src::Row(self.register_of(id)),
        }
    }

    fn register_of(&mut self, id: Id) -> u32 {
        if let Some(&r) = self.registers.get(&id) {
            return r;
        }
        let (constants, singles) = match self.operand(id) {
            Operand::Rows(src) => (Vec::new(), vec![(src, self.coefficient(1.0, Vec::new()))]),
            Operand::Scalar(s) => (vec![self.coefficient(1.0, vec![s])], Vec::new()),
            Operand::Number(n) => (vec![self.coefficient(n, Vec::new())], Vec::new()),
        };
        let op = RowOp::Lin { constants, singles, products: Vec::new() };
        let dst = self.fresh();
        self.code.push(RowInstr { op, dst, sums: Vec::new() });
        self.registers.insert(id, dst);
        dst
    }
}

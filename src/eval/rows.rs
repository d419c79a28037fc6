//! The row part of a compiled program: expressions over data rows, summed.
//!
//! A function of data (`mean((m*x + b - y)^2)` and its partials) does most
//! of its work row by row and ends in sums and means. A [`RowBlock`] runs
//! that work in one pass over the rows, a chunk of [`CHUNK`] rows at a
//! time: each instruction fills one chunk-long register from earlier ones,
//! data columns and numbers broadcast from the scalar registers, in a tight
//! loop the compiler vectorizes; sums are taken from a register right after
//! it is filled, several at once, so a register read only by sums is never
//! stored anywhere else. Intermediates live in a few kilobytes that stay in
//! cache; nothing is allocated per pass. Large data is split into a fixed
//! number of parts run on threads (rayon) and summed in a fixed order, so
//! results do not depend on the number of cores. A pass can also run over
//! chosen rows only (a mini-batch), gathering them chunk by chunk.

use std::sync::Arc;

use ndarray::Array1;
use rayon::prelude::*;

use crate::builtins::{Func, Reduction, sigmoid, softplus};

/// Rows per chunk.
pub const CHUNK: usize = 256;

/// Below this many rows a pass runs on one thread.
const PARALLEL_ROWS: usize = 65_536;

/// Parts a large pass is split into (fixed, for reproducible sums).
pub const PARTS: usize = 8;

/// Where an operand comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Src {
    /// A chunk register.
    Row(u32),
    /// A data column, by index in the block's column list.
    Column(u32),
}

/// One row instruction; the destination chunk register is beside it.
#[derive(Clone, Debug)]
pub enum RowOp {
    /// `constant + Σ c·a·b` over up to three terms, each a product of two
    /// sources (a single source is paired with the ones register).
    Lin {
        terms: Vec<(Src, Src, f64)>,
        constant: f64,
    },
    /// `scale · Π sources`
    Mul {
        factors: Vec<Src>,
        scale: f64,
    },
    Square(Src),
    Recip(Src),
    Sqrt(Src),
    PowInt(Src, i32),
    PowConst(Src, f64),
    Pow(Src, Src),
    Apply(Func, Src),
}

/// A sum taken from a register as soon as it is filled: of its values, of
/// their squares, or of their products with another source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sum {
    Plain,
    Square,
    Product(Src),
}

/// A reduction computed by the block: which register, which kind of sum,
/// and the scalar register that receives the result.
#[derive(Clone, Debug)]
pub struct Accumulator {
    pub register: u32,
    pub sum: Sum,
    pub reduction: Reduction,
    pub target: u32,
}

/// One row instruction: what it computes, where it goes, and which of the
/// block's accumulators read the register right after.
#[derive(Clone, Debug)]
pub struct RowInstr {
    pub op: RowOp,
    pub dst: u32,
    pub sums: Vec<usize>,
}

/// The row work of one stage of a program.
#[derive(Clone, Debug)]
pub struct RowBlock {
    /// Instructions in order.
    pub code: Vec<RowInstr>,
    /// Scalar registers copied into chunk registers before a pass: (scalar, row).
    pub broadcasts: Vec<(u32, u32)>,
    pub columns: Vec<Arc<Array1<f64>>>,
    pub accumulators: Vec<Accumulator>,
    /// Chunk registers in all (the first holds ones).
    pub registers: usize,
    /// Rows in the data.
    pub rows: usize,
}

/// The register file and column buffers one thread uses for a pass.
pub struct Workspace {
    file: Vec<f64>,
    gathered: Vec<f64>,
    sums: Vec<f64>,
}

impl RowBlock {
    /// A workspace for one thread running this block.
    pub fn workspace(&self) -> Workspace {
        let mut file = vec![0.0; self.registers * CHUNK];
        file[..CHUNK].fill(1.0);
        Workspace { file, gathered: vec![0.0; self.columns.len() * CHUNK], sums: vec![0.0; self.accumulators.len()] }
    }

    /// Runs a pass over every row (or over `batch` rows only), then writes
    /// each reduction into `scalars`. `spaces` holds one workspace per part.
    pub fn run(&self, scalars: &mut [f64], spaces: &mut [Workspace], batch: Option<&[u32]>) {
        for space in spaces.iter_mut() {
            space.sums.fill(0.0);
            for &(scalar, row) in &self.broadcasts {
                let start = row as usize * CHUNK;
                space.file[start..start + CHUNK].fill(scalars[scalar as usize]);
            }
        }
        let count = batch.map_or(self.rows, <[u32]>::len);
        let parallel = count >= PARALLEL_ROWS && spaces.len() >= PARTS;
        if parallel {
            let part = count.div_ceil(PARTS);
            spaces[..PARTS].par_iter_mut().enumerate().for_each(|(index, space)| {
                let range = (index * part).min(count)..((index + 1) * part).min(count);
                self.pass(space, range, batch);
            });
        } else {
            self.pass(&mut spaces[0], 0..count, batch);
        }
        let used = if parallel { PARTS } else { 1 };
        for (index, accumulator) in self.accumulators.iter().enumerate() {
            let total: f64 = spaces[..used].iter().map(|s| s.sums[index]).sum();
            scalars[accumulator.target as usize] = match (accumulator.reduction, batch) {
                (Reduction::Mean, _) => total / count.max(1) as f64,
                (Reduction::Sum, None) => total,
                // A batch's sum stands for the whole data's sum.
                (Reduction::Sum, Some(_)) => total * self.rows as f64 / count.max(1) as f64,
            };
        }
    }

    /// Rows `range` of the data (or of `batch`), chunk by chunk.
    fn pass(&self, space: &mut Workspace, range: std::ops::Range<usize>, batch: Option<&[u32]>) {
        let mut start = range.start;
        while start < range.end {
            let len = CHUNK.min(range.end - start);
            if let Some(rows) = batch {
                for (index, column) in self.columns.iter().enumerate() {
                    let out = &mut space.gathered[index * CHUNK..index * CHUNK + len];
                    for (slot, &row) in out.iter_mut().zip(&rows[start..start + len]) {
                        *slot = column[row as usize];
                    }
                }
            }
            let columns = Columns { block: self, gathered: &space.gathered, batch: batch.is_some(), start, len };
            self.chunk(&mut space.file, &mut space.sums, &columns, len);
            start += len;
        }
    }

    /// Every instruction over one chunk of `len` rows, and the sums.
    fn chunk(&self, file: &mut [f64], sums: &mut [f64], columns: &Columns, len: usize) {
        for instr in &self.code {
            let (before, after) = file.split_at_mut(instr.dst as usize * CHUNK);
            let src = |s: Src| -> &[f64] {
                match s {
                    Src::Row(r) => &before[r as usize * CHUNK..r as usize * CHUNK + len],
                    Src::Column(c) => columns.get(c),
                }
            };
            execute(&instr.op, &mut after[..len], &src);
            let values = &after[..len];
            for &index in &instr.sums {
                sums[index] += match self.accumulators[index].sum {
                    Sum::Plain => sum(values),
                    Sum::Square => dot(values, values),
                    Sum::Product(other) => dot(values, src(other)),
                };
            }
        }
    }
}

/// The current chunk of each data column: straight from the data, or
/// gathered from a batch's rows.
struct Columns<'a> {
    block: &'a RowBlock,
    gathered: &'a [f64],
    batch: bool,
    start: usize,
    len: usize,
}

impl Columns<'_> {
    #[inline(always)]
    fn get(&self, column: u32) -> &[f64] {
        let c = column as usize;
        if self.batch {
            &self.gathered[c * CHUNK..c * CHUNK + self.len]
        } else {
            let values = self.block.columns[c].as_slice().unwrap_or(&[]);
            &values[self.start..self.start + self.len]
        }
    }
}

/// One instruction over a chunk.
fn execute<'a>(op: &RowOp, out: &mut [f64], src: &dyn Fn(Src) -> &'a [f64]) {
    match op {
        RowOp::Lin { terms, constant } => match terms[..] {
            [(a, b, c)] => {
                let (a, b) = (src(a), src(b));
                for i in 0..out.len() {
                    out[i] = c * a[i] * b[i] + constant;
                }
            }
            [(a, b, c), (d, e, f)] => {
                let (a, b, d, e) = (src(a), src(b), src(d), src(e));
                for i in 0..out.len() {
                    out[i] = c * a[i] * b[i] + f * d[i] * e[i] + constant;
                }
            }
            [(a, b, c), (d, e, f), (g, h, k)] => {
                let (a, b, d, e, g, h) = (src(a), src(b), src(d), src(e), src(g), src(h));
                for i in 0..out.len() {
                    out[i] = c * a[i] * b[i] + f * d[i] * e[i] + k * g[i] * h[i] + constant;
                }
            }
            _ => {
                out.fill(*constant);
                for &(a, b, c) in terms {
                    let (a, b) = (src(a), src(b));
                    for i in 0..out.len() {
                        out[i] += c * a[i] * b[i];
                    }
                }
            }
        },
        RowOp::Mul { factors, scale } => match factors[..] {
            [a, b] => {
                let (a, b) = (src(a), src(b));
                for i in 0..out.len() {
                    out[i] = scale * a[i] * b[i];
                }
            }
            _ => {
                out.fill(*scale);
                for &f in factors {
                    let f = src(f);
                    for i in 0..out.len() {
                        out[i] *= f[i];
                    }
                }
            }
        },
        RowOp::Square(a) => map(out, src(*a), |x| x * x),
        RowOp::Recip(a) => map(out, src(*a), |x| 1.0 / x),
        RowOp::Sqrt(a) => map(out, src(*a), f64::sqrt),
        RowOp::PowInt(a, n) => map(out, src(*a), |x| x.powi(*n)),
        RowOp::PowConst(a, e) => map(out, src(*a), |x| x.powf(*e)),
        RowOp::Pow(a, b) => {
            let (a, b) = (src(*a), src(*b));
            for i in 0..out.len() {
                out[i] = a[i].powf(b[i]);
            }
        }
        RowOp::Apply(func, a) => {
            let a = src(*a);
            match func {
                Func::Exp => map(out, a, f64::exp),
                Func::Log => map(out, a, f64::ln),
                Func::Sin => map(out, a, f64::sin),
                Func::Cos => map(out, a, f64::cos),
                Func::Tan => map(out, a, f64::tan),
                Func::Tanh => map(out, a, f64::tanh),
                Func::Sigmoid => map(out, a, sigmoid),
                Func::Relu => map(out, a, |x| x.max(0.0)),
                Func::Softplus => map(out, a, softplus),
                Func::Abs => map(out, a, f64::abs),
                Func::Step => map(out, a, |x| f64::from(u8::from(x > 0.0))),
                Func::Sign => map(out, a, |x| if x == 0.0 { 0.0 } else { x.signum() }),
            }
        }
    }
}

#[inline(always)]
fn map(out: &mut [f64], a: &[f64], f: impl Fn(f64) -> f64) {
    for (o, &x) in out.iter_mut().zip(a) {
        *o = f(x);
    }
}

/// A sum with four running totals, so the additions need not wait on each other.
#[inline(always)]
fn sum(values: &[f64]) -> f64 {
    let mut lanes = [0.0; 4];
    let chunks = values.chunks_exact(4);
    let rest = chunks.remainder();
    for quad in chunks {
        for k in 0..4 {
            lanes[k] += quad[k];
        }
    }
    lanes.iter().sum::<f64>() + rest.iter().sum::<f64>()
}

/// Σ a·b, with four running totals.
#[inline(always)]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut lanes = [0.0; 4];
    let (pairs_a, pairs_b) = (a.chunks_exact(4), b.chunks_exact(4));
    let (rest_a, rest_b) = (pairs_a.remainder(), pairs_b.remainder());
    for (qa, qb) in pairs_a.zip(pairs_b) {
        for k in 0..4 {
            lanes[k] += qa[k] * qb[k];
        }
    }
    lanes.iter().sum::<f64>() + rest_a.iter().zip(rest_b).map(|(x, y)| x * y).sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// r = b + m*x - y; Σr, Σr², Σx·r over 1000 rows, against a plain loop.
    #[test]
    fn one_pass_matches_a_plain_loop() {
        let n = 1000;
        let x: Vec<f64> = (0..n).map(|i| i as f64 / 100.0).collect();
        let y: Vec<f64> = x.iter().map(|v| 2.0 * v + 1.0 + (v * 7.0).sin()).collect();
        let block = RowBlock {
            code: vec![RowInstr {
                op: RowOp::Lin {
                    terms: vec![
                        (Src::Row(1), Src::Row(0), 1.0),
                        (Src::Row(2), Src::Column(0), 1.0),
                        (Src::Column(1), Src::Row(0), -1.0),
                    ],
                    constant: 0.0,
                },
                dst: 3,
                sums: vec![0, 1, 2],
            }],
            broadcasts: vec![(0, 1), (1, 2)],
            columns: vec![Arc::new(Array1::from(x.clone())), Arc::new(Array1::from(y.clone()))],
            accumulators: vec![
                Accumulator { register: 3, sum: Sum::Plain, reduction: Reduction::Sum, target: 2 },
                Accumulator { register: 3, sum: Sum::Square, reduction: Reduction::Mean, target: 3 },
                Accumulator { register: 3, sum: Sum::Product(Src::Column(0)), reduction: Reduction::Sum, target: 4 },
            ],
            registers: 4,
            rows: n,
        };
        let (b, m) = (0.5, 1.5);
        let mut scalars = vec![b, m, 0.0, 0.0, 0.0];
        let mut spaces = vec![block.workspace()];
        block.run(&mut scalars, &mut spaces, None);
        let r: Vec<f64> = x.iter().zip(&y).map(|(x, y)| b + m * x - y).collect();
        let close = |a: f64, e: f64| (a - e).abs() <= 1e-9 * e.abs().max(1.0);
        assert!(close(scalars[2], r.iter().sum()));
        assert!(close(scalars[3], r.iter().map(|v| v * v).sum::<f64>() / n as f64));
        assert!(close(scalars[4], r.iter().zip(&x).map(|(r, x)| r * x).sum()));
        let batch: Vec<u32> = vec![3, 999, 10];
        block.run(&mut scalars, &mut spaces, Some(&batch));
        let batch_sum: f64 = batch.iter().map(|&i| r[i as usize]).sum();
        assert!(close(scalars[2], batch_sum * n as f64 / 3.0));
    }
}

/// Builds the row block of one stage from arena nodes.
pub mod compile {
    use std::collections::HashMap;
    use std::sync::Arc;

    use super::{Accumulator, RowBlock, RowInstr, RowOp, Src, Sum};
    use crate::expr::arena::{Arena, Id, Node};
    use crate::expr::number::Number;

    /// What the row block needs from the rest of the program.
    pub struct Context<'a> {
        pub arena: &'a Arena,
        /// Scalar registers of the nodes that have one.
        pub scalars: &'a HashMap<Id, u32>,
        /// How many times each node is used (by parents, or as an output).
        pub uses: &'a HashMap<Id, usize>,
    }

    /// The block computing `nodes` (row nodes, in id order) and the
    /// reductions `reduces` (their scalar registers are in `scalars`).
    pub fn block(context: &Context, nodes: &[Id], reduces: &[Id], rows: usize) -> RowBlock {
        let mut builder = Builder {
            context,
            registers: HashMap::new(),
            columns: Vec::new(),
            column_index: HashMap::new(),
            broadcasts: Vec::new(),
            next: 1,
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
        RowBlock {
            code: builder.code,
            broadcasts: builder.broadcasts,
            columns: builder.columns,
            accumulators,
            registers: builder.next as usize,
            rows,
        }
    }

    /// How an inlined node enters its user: a term of a sum (c·a·b), or a
    /// sum of squares or products taken by a reduction.
    #[derive(Clone, Copy)]
    enum Inline {
        Term(Id, Option<Id>, f64),
        Square(Id),
        Product(Id, Id),
    }

    /// Nodes used once, by a sum or a reduction, that their user computes itself.
    fn inlined(context: &Context, nodes: &[Id], reduces: &[Id]) -> HashMap<Id, Inline> {
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
            let Node::Reduce(_, arg, _) = *arena.node(reduce) else { continue };
            if !once(&arg) || inside.contains_key(&arg) {
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

    struct Builder<'a, 'b> {
        context: &'b Context<'a>,
        registers: HashMap<Id, u32>,
        columns: Vec<Arc<ndarray::Array1<f64>>>,
        column_index: HashMap<Id, u32>,
        broadcasts: Vec<(u32, u32)>,
        next: u32,
        code: Vec<RowInstr>,
    }

    impl Builder<'_, '_> {
        fn fresh(&mut self) -> u32 {
            self.next += 1;
            self.next - 1
        }

        /// Where a node's rows come from: its register, its column, or the
        /// broadcast of its scalar register.
        fn src(&mut self, id: Id) -> Src {
            if let Some(&r) = self.registers.get(&id) {
                return Src::Row(r);
            }
            if let Node::Data(data) = *self.context.arena.node(id) {
                let next = self.columns.len() as u32;
                let index = *self.column_index.entry(id).or_insert(next);
                if index == next {
                    self.columns.push(self.context.arena.data_values(data).clone());
                }
                return Src::Column(index);
            }
            let scalar = self.context.scalars.get(&id).copied().unwrap_or(0);
            let row = self.fresh();
            self.broadcasts.push((scalar, row));
            self.registers.insert(id, row);
            Src::Row(row)
        }

        const ONES: Src = Src::Row(0);

        fn select(&mut self, id: Id, inside: &HashMap<Id, Inline>) -> RowOp {
            let arena = self.context.arena;
            match arena.node(id).clone() {
                Node::Add(items) => {
                    let mut constant = 0.0;
                    let mut terms = Vec::new();
                    for item in items.iter() {
                        if let Some(n) = arena.as_number(*item) {
                            constant += n.to_f64();
                            continue;
                        }
                        terms.push(match inside.get(item) {
                            Some(&Inline::Term(x, y, c)) => {
                                let x = self.src(x);
                                let y = y.map_or(Self::ONES, |y| self.src(y));
                                (x, y, c)
                            }
                            _ => (self.src(*item), Self::ONES, 1.0),
                        });
                    }
                    RowOp::Lin { terms, constant }
                }
                Node::Mul(items) => {
                    let scale: f64 = items.iter().filter_map(|&i| arena.as_number(i)).map(Number::to_f64).product();
                    let factors: Vec<Src> =
                        items.iter().filter(|&&i| arena.as_number(i).is_none()).map(|&i| self.src(i)).collect();
                    match factors[..] {
                        [a] => RowOp::Lin { terms: vec![(a, Self::ONES, scale)], constant: 0.0 },
                        _ => RowOp::Mul { factors, scale },
                    }
                }
                Node::Pow(base, exponent) => {
                    let base = self.src(base);
                    match arena.as_number(exponent) {
                        Some(e) if e == Number::int(2) => RowOp::Square(base),
                        Some(e) if e == Number::int(-1) => RowOp::Recip(base),
                        Some(e) if Some(e) == Number::ratio(1, 2) => RowOp::Sqrt(base),
                        Some(e) => match e.as_integer().and_then(|i| i32::try_from(i).ok()) {
                            Some(i) => RowOp::PowInt(base, i),
                            None => RowOp::PowConst(base, e.to_f64()),
                        },
                        None => {
                            let exponent = self.src(exponent);
                            RowOp::Pow(base, exponent)
                        }
                    }
                }
                Node::Apply(func, arg) => {
                    let arg = self.src(arg);
                    RowOp::Apply(func, arg)
                }
                // Leaves and reductions are not row instructions.
                _ => RowOp::Lin { terms: Vec::new(), constant: 0.0 },
            }
        }

        /// The register a reduction sums, and how: a register must exist,
        /// so a bare column is first copied into one.
        fn summand(&mut self, arg: Id, inside: &HashMap<Id, Inline>) -> (u32, Sum) {
            match inside.get(&arg) {
                Some(&Inline::Square(base)) => (self.register_of(base), Sum::Square),
                Some(&Inline::Product(a, b)) => {
                    // The sum is taken after the later of the two is filled.
                    let (a_src, b_src) = (self.src(a), self.src(b));
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

        fn register_of(&mut self, id: Id) -> u32 {
            match self.src(id) {
                Src::Row(r) => r,
                column @ Src::Column(_) => {
                    let dst = self.fresh();
                    self.code.push(RowInstr {
                        op: RowOp::Lin { terms: vec![(column, Self::ONES, 1.0)], constant: 0.0 },
                        dst,
                        sums: Vec::new(),
                    });
                    self.registers.insert(id, dst);
                    dst
                }
            }
        }
    }
}

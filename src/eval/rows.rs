//! The row part of a compiled program: expressions over data rows, summed.
//!
//! A function of data (`mean((m*x + b - y)^2)` and its partials) does most
//! of its work row by row and ends in sums and means. A [`RowBlock`] runs
//! that work in one pass over the rows, a chunk of [`CHUNK`] rows at a
//! time: each instruction fills one chunk-long register from earlier ones
//! and data columns, in a tight loop the compiler vectorizes. Numbers that
//! are the same in every row (parameters, and anything computed from them)
//! enter as coefficients, worked out once per pass: `m*x + b - y` is one
//! loop `m·x[i] − y[i] + b`. Sums are taken from a register right after it
//! is filled, so a register read only by sums is never stored anywhere
//! else. Intermediates live in a few kilobytes that stay in cache; nothing
//! is allocated per pass. Large data is split into a fixed number of parts
//! run on threads (rayon) and summed in a fixed order, so results do not
//! depend on the number of cores. A pass can also run over chosen rows only
//! (a mini-batch), gathering them chunk by chunk. Besides sums and means, a
//! block takes the internal reductions of accurate forms from a register:
//! its maximum, and its log-sum-exp shifted by that maximum (`logsumexp`),
//! chunk by chunk in the same pass. `rows_compile` builds blocks from arena
//! expressions.

use std::sync::Arc;

use ndarray::Array1;
use rayon::prelude::*;

use super::logsumexp::{ShiftedSum, larger, max_of};
use crate::builtins::{Func, Reduction, relu, sigmoid, sign, softplus, step};

/// Rows per chunk.
pub const CHUNK: usize = 256;

/// What a row instruction costs per row, in the rough nanoseconds of
/// `Tape::cost_per_run` (a vectorized loop over a chunk).
const ROW_COST: f64 = 0.5;
/// What drawing a batch and gathering it costs besides its values.
const BATCH_OVERHEAD: f64 = 150.0;
/// What gathering one value of a batch costs (a read from anywhere in a column).
const GATHER_COST: f64 = 4.0;

/// Below this many rows a pass runs on one thread.
const PARALLEL_ROWS: usize = 65_536;

/// Parts a large pass is split into (fixed, for reproducible sums).
pub const PARTS: usize = 8;

/// Where a row operand comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Src {
    /// A chunk register.
    Row(u32),
    /// A data column, by index in the block's column list.
    Column(u32),
}

/// A coefficient: a number times scalar registers, worked out at the start
/// of each pass into the slot of the same index.
#[derive(Clone, Debug, PartialEq)]
pub struct Coef {
    pub value: f64,
    pub scalars: Vec<u32>,
}

/// One row instruction's computation. Coefficients are slot indices.
#[derive(Clone, Debug)]
pub enum RowOp {
    /// `Σ kₗ + Σ cᵢ·aᵢ + Σ dⱼ·pⱼ·qⱼ`
    Lin {
        constants: Vec<u32>,
        singles: Vec<(Src, u32)>,
        products: Vec<(Src, Src, u32)>,
    },
    /// `s · Π factors`
    Mul {
        factors: Vec<Src>,
        scale: u32,
    },
    Square(Src),
    Recip(Src),
    Sqrt(Src),
    PowInt(Src, i32),
    /// `a^e` for a coefficient `e`.
    PowScalar(Src, u32),
    /// `b^a` for a coefficient base `b`.
    ScalarPow(u32, Src),
    Pow(Src, Src),
    Apply(Func, Src),
}

impl RowOp {
    /// Relative cost per row: 1 for arithmetic, more for transcendentals.
    fn cost(&self) -> f64 {
        match self {
            RowOp::Lin { constants, singles, products } => {
                1.0 + (constants.len() + singles.len() + 2 * products.len()) as f64 / 2.0
            }
            RowOp::Mul { factors, .. } => factors.len() as f64,
            RowOp::PowScalar(..) | RowOp::ScalarPow(..) | RowOp::Pow(..) | RowOp::Apply(..) => {
                super::tape::TRANSCENDENTAL
            }
            _ => 1.0,
        }
    }
}

/// A sum taken from a register as soon as it is filled: of its values, of
/// their squares, or of their products with another source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sum {
    Plain,
    Square,
    Product(Src),
}

/// A reduction computed by the block: which register, which kind of sum
/// (a plain one for the internal reductions), and the scalar register that
/// receives the result.
#[derive(Clone, Debug)]
pub struct Accumulator {
    pub register: u32,
    pub sum: Sum,
    pub reduction: Reduction,
    pub target: u32,
}

impl Accumulator {
    /// What taking one row costs, in the units of `RowOp::cost`.
    fn cost(&self) -> f64 {
        match self.reduction {
            Reduction::LogSumExpShifted => super::tape::TRANSCENDENTAL,
            _ => 1.0,
        }
    }

    /// The reduction over the rows that `parts` have taken (`count` of the
    /// block's `rows`, fewer in a batch), from its slot `index` in each.
    fn result(&self, index: usize, parts: &[Workspace], count: usize, rows: usize, batched: bool) -> f64 {
        let total = || parts.iter().map(|part| part.totals.sums[index]).sum::<f64>();
        let count = count.max(1) as f64;
        match (self.reduction, batched) {
            (Reduction::Mean, _) => total() / count,
            (Reduction::Sum, false) => total(),
            // A batch's sum stands for the whole data's sum.
            (Reduction::Sum, true) => total() * rows as f64 / count,
            (Reduction::Max, _) => {
                parts.iter().fold(f64::NEG_INFINITY, |peak, part| larger(peak, part.totals.sums[index]))
            }
            (Reduction::LogSumExpShifted, _) => {
                let mut all = ShiftedSum::EMPTY;
                for part in parts {
                    all.merge(part.totals.shifted[index]);
                }
                // As for a sum: the batch's log-sum-exp stands for the whole data's.
                let scale = if batched { (rows as f64 / count).ln() } else { 0.0 };
                all.shifted() + scale
            }
        }
    }
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
    pub code: Vec<RowInstr>,
    pub coefficients: Vec<Coef>,
    pub columns: Vec<Arc<Array1<f64>>>,
    pub accumulators: Vec<Accumulator>,
    /// Chunk registers in all.
    pub registers: usize,
    /// Rows in the data.
    pub rows: usize,
}

/// The register file, coefficients and gathered columns one thread uses.
pub struct Workspace {
    file: Vec<f64>,
    gathered: Vec<f64>,
    coefficients: Vec<f64>,
    totals: Totals,
}

/// What one thread's accumulators have taken so far, by accumulator:
/// running sums (running maxima for `Max`) and running log-sum-exps.
struct Totals {
    sums: Vec<f64>,
    shifted: Vec<ShiftedSum>,
}

impl Totals {
    /// Nothing taken yet.
    fn reset(&mut self, accumulators: &[Accumulator]) {
        for (slot, accumulator) in self.sums.iter_mut().zip(accumulators) {
            *slot = if accumulator.reduction == Reduction::Max { f64::NEG_INFINITY } else { 0.0 };
        }
        self.shifted.fill(ShiftedSum::EMPTY);
    }
}

impl RowBlock {
    /// A workspace for one thread running this block.
    pub fn workspace(&self) -> Workspace {
        Workspace {
            file: vec![0.0; self.registers * CHUNK],
            gathered: vec![0.0; self.columns.len() * CHUNK],
            coefficients: vec![0.0; self.coefficients.len()],
            totals: Totals {
                sums: vec![0.0; self.accumulators.len()],
                shifted: vec![ShiftedSum::EMPTY; self.accumulators.len()],
            },
        }
    }

    /// What one pass costs in the rough nanoseconds of `Tape::cost_per_run`:
    /// its instructions over every row (vectorized, so cheap per row) or,
    /// with a batch, over the batch's rows gathered one by one and shuffled.
    pub fn cost(&self, batch: Option<usize>) -> f64 {
        let per_row: f64 = self.code.iter().map(|instr| instr.op.cost()).sum::<f64>()
            + self.accumulators.iter().map(Accumulator::cost).sum::<f64>();
        let setup = (self.coefficients.len() + self.accumulators.len()) as f64 * 2.0;
        match batch {
            None => setup + ROW_COST * per_row * self.rows as f64,
            Some(size) => {
                let size = size.min(self.rows) as f64;
                BATCH_OVERHEAD + setup + size * (ROW_COST * per_row + GATHER_COST * (1 + self.columns.len()) as f64)
            }
        }
    }

    /// Runs a pass over every row (or over `batch` rows only), then writes
    /// each reduction into `scalars`. `spaces` holds one workspace per part.
    pub fn run(&self, scalars: &mut [f64], spaces: &mut [Workspace], batch: Option<&[u32]>) {
        for space in spaces.iter_mut() {
            space.totals.reset(&self.accumulators);
            for (slot, coef) in space.coefficients.iter_mut().zip(&self.coefficients) {
                *slot = coef.scalars.iter().fold(coef.value, |v, &s| v * scalars[s as usize]);
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
            scalars[accumulator.target as usize] =
                accumulator.result(index, &spaces[..used], count, self.rows, batch.is_some());
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
                        // Batches are drawn from this block's rows; a row beyond them has no value.
                        *slot = column.get(row as usize).copied().unwrap_or(f64::NAN);
                    }
                }
            }
            let columns = Columns { block: self, gathered: &space.gathered, batch: batch.is_some(), start, len };
            self.chunk(&mut space.file, &mut space.totals, &space.coefficients, &columns, len);
            start += len;
        }
    }

    /// Every instruction over one chunk of `len` rows, and the sums.
    fn chunk(&self, file: &mut [f64], totals: &mut Totals, coefficients: &[f64], columns: &Columns, len: usize) {
        for instr in &self.code {
            let (before, after) = file.split_at_mut(instr.dst as usize * CHUNK);
            let src = |s: Src| -> &[f64] {
                match s {
                    Src::Row(r) => &before[r as usize * CHUNK..r as usize * CHUNK + len],
                    Src::Column(c) => columns.get(c),
                }
            };
            execute(&instr.op, &mut after[..len], &src, coefficients);
            let values = &after[..len];
            for &index in &instr.sums {
                let accumulator = &self.accumulators[index];
                match accumulator.reduction {
                    Reduction::Sum | Reduction::Mean => {
                        totals.sums[index] += match accumulator.sum {
                            Sum::Plain => sum(values),
                            Sum::Square => dot(values, values),
                            Sum::Product(other) => dot(values, src(other)),
                        }
                    }
                    Reduction::Max => totals.sums[index] = larger(totals.sums[index], max_of(values)),
                    Reduction::LogSumExpShifted => totals.shifted[index].add(values),
                }
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
fn execute<'a>(op: &RowOp, out: &mut [f64], src: &dyn Fn(Src) -> &'a [f64], coefficient: &[f64]) {
    let c = |slot: &u32| coefficient[*slot as usize];
    match op {
        RowOp::Lin { constants, singles, products } => {
            let k: f64 = constants.iter().map(c).sum();
            match (&singles[..], &products[..]) {
                ([(a, ca)], []) => {
                    let (a, ca) = (src(*a), c(ca));
                    map(out, a, |x| ca * x + k);
                }
                ([(a, ca), (b, cb)], []) => {
                    let (a, ca, b, cb) = (src(*a), c(ca), src(*b), c(cb));
                    for i in 0..out.len() {
                        out[i] = ca * a[i] + cb * b[i] + k;
                    }
                }
                ([(a, ca), (b, cb), (d, cd)], []) => {
                    let (a, ca, b, cb, d, cd) = (src(*a), c(ca), src(*b), c(cb), src(*d), c(cd));
                    for i in 0..out.len() {
                        out[i] = ca * a[i] + cb * b[i] + cd * d[i] + k;
                    }
                }
                ([], [(p, q, cp)]) => {
                    let (p, q, cp) = (src(*p), src(*q), c(cp));
                    for i in 0..out.len() {
                        out[i] = cp * p[i] * q[i] + k;
                    }
                }
                _ => {
                    out.fill(k);
                    for (a, ca) in singles {
                        let (a, ca) = (src(*a), c(ca));
                        for i in 0..out.len() {
                            out[i] += ca * a[i];
                        }
                    }
                    for (p, q, cp) in products {
                        let (p, q, cp) = (src(*p), src(*q), c(cp));
                        for i in 0..out.len() {
                            out[i] += cp * p[i] * q[i];
                        }
                    }
                }
            }
        }
        RowOp::Mul { factors, scale } => {
            let s = c(scale);
            match &factors[..] {
                [a, b] => {
                    let (a, b) = (src(*a), src(*b));
                    for i in 0..out.len() {
                        out[i] = s * a[i] * b[i];
                    }
                }
                _ => {
                    out.fill(s);
                    for f in factors {
                        let f = src(*f);
                        for i in 0..out.len() {
                            out[i] *= f[i];
                        }
                    }
                }
            }
        }
        RowOp::Square(a) => map(out, src(*a), |x| x * x),
        RowOp::Recip(a) => map(out, src(*a), |x| 1.0 / x),
        RowOp::Sqrt(a) => map(out, src(*a), f64::sqrt),
        RowOp::PowInt(a, n) => map(out, src(*a), |x| x.powi(*n)),
        RowOp::PowScalar(a, e) => {
            let e = c(e);
            map(out, src(*a), |x| x.powf(e));
        }
        RowOp::ScalarPow(b, a) => {
            let b = c(b);
            map(out, src(*a), |x| b.powf(x));
        }
        RowOp::Pow(a, b) => {
            let (a, b) = (src(*a), src(*b));
            for i in 0..out.len() {
                out[i] = a[i].powf(b[i]);
            }
        }
        RowOp::Apply(func, a) => {
            let a = src(*a);
            // Each function is `Func::apply`'s own, named so that the loop is
            // compiled for it; the rest go through `apply`.
            match func {
                Func::Exp => map(out, a, f64::exp),
                Func::Log => map(out, a, f64::ln),
                Func::Sin => map(out, a, f64::sin),
                Func::Cos => map(out, a, f64::cos),
                Func::Tan => map(out, a, f64::tan),
                Func::Tanh => map(out, a, f64::tanh),
                Func::Sigmoid => map(out, a, sigmoid),
                Func::Relu => map(out, a, relu),
                Func::Softplus => map(out, a, softplus),
                Func::Abs => map(out, a, f64::abs),
                Func::Step => map(out, a, step),
                Func::Sign => map(out, a, sign),
                other => map(out, a, |x| other.apply(x)),
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

    /// r = m*x + b - y; Σr, mean r², Σx·r over 1000 rows, against a plain loop.
    #[test]
    fn one_pass_matches_a_plain_loop() {
        let n = 1000;
        let x: Vec<f64> = (0..n).map(|i| i as f64 / 100.0).collect();
        let y: Vec<f64> = x.iter().map(|v| 2.0 * v + 1.0 + (v * 7.0).sin()).collect();
        let coef = |value: f64, scalars: Vec<u32>| Coef { value, scalars };
        let block = RowBlock {
            code: vec![RowInstr {
                op: RowOp::Lin {
                    constants: vec![0],
                    singles: vec![(Src::Column(0), 1), (Src::Column(1), 2)],
                    products: vec![],
                },
                dst: 0,
                sums: vec![0, 1, 2],
            }],
            coefficients: vec![coef(1.0, vec![0]), coef(1.0, vec![1]), coef(-1.0, vec![])],
            columns: vec![Arc::new(Array1::from(x.clone())), Arc::new(Array1::from(y.clone()))],
            accumulators: vec![
                Accumulator { register: 0, sum: Sum::Plain, reduction: Reduction::Sum, target: 2 },
                Accumulator { register: 0, sum: Sum::Square, reduction: Reduction::Mean, target: 3 },
                Accumulator { register: 0, sum: Sum::Product(Src::Column(0)), reduction: Reduction::Sum, target: 4 },
            ],
            registers: 1,
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

    /// A register's max and its log-sum-exp shifted by the max, over
    /// chunks, over the parts of a long pass, and over a batch.
    #[test]
    fn max_and_shifted_log_sum_exp_of_a_register() {
        let n = 100_000;
        let x: Vec<f64> = (0..n).map(|i| 1000.0 + ((i * 7919) % 1000) as f64 / 100.0).collect();
        let accumulator = |reduction, target| Accumulator { register: 0, sum: Sum::Plain, reduction, target };
        let block = RowBlock {
            code: vec![RowInstr {
                op: RowOp::Lin { constants: vec![], singles: vec![(Src::Column(0), 0)], products: vec![] },
                dst: 0,
                sums: vec![0, 1],
            }],
            coefficients: vec![Coef { value: 1.0, scalars: vec![] }],
            columns: vec![Arc::new(Array1::from(x.clone()))],
            accumulators: vec![accumulator(Reduction::Max, 0), accumulator(Reduction::LogSumExpShifted, 1)],
            registers: 1,
            rows: n,
        };
        let mut scalars = vec![0.0; 2];
        let mut spaces: Vec<Workspace> = (0..PARTS).map(|_| block.workspace()).collect();
        block.run(&mut scalars, &mut spaces, None);
        let mut whole = ShiftedSum::EMPTY;
        whole.add(&x);
        assert_eq!(scalars[0], 1009.99);
        assert!((scalars[1] - whole.shifted()).abs() <= 1e-14 * whole.shifted(), "{scalars:?}");
        // A batch: its own max, and its log-sum-exp standing for the whole data's (+ log(n/3)).
        let batch = [5, 17, 99_999];
        block.run(&mut scalars, &mut spaces, Some(&batch));
        let picked: Vec<f64> = batch.iter().map(|&i| x[i as usize]).collect();
        let mut part = ShiftedSum::EMPTY;
        part.add(&picked);
        assert_eq!(scalars[0], max_of(&picked));
        assert!((scalars[1] - part.shifted() - (n as f64 / 3.0).ln()).abs() <= 1e-14, "{scalars:?}");
    }
}

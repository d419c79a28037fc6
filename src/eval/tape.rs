//! The compiled form of an expression and its gradient, for hot loops.
//!
//! A [`Tape`] is a flat register program made once from arena expressions
//! (a function's value and its symbolic partial derivatives): every node
//! reachable from them, in id order, becomes one instruction writing one
//! register, so subexpressions shared between the value and the partials
//! are computed once. Parameters occupy the first registers; constants and
//! bound numbers are loaded when the tape is made. Running it is one pass
//! over a `Vec` of small instructions: no tree walking, no hashing, no
//! allocation. Results are not checked operation by operation; callers
//! look at whether the outputs are finite.

use std::collections::{HashMap, HashSet};

use super::rows::{self, RowBlock};
use super::rows_compile;
use crate::builtins::Func;
use crate::expr::arena::{Arena, Id, Node};
use crate::expr::number::Number;

type Reg = u32;

/// What a step of descent costs besides its instructions (the loop, the
/// update, the checks), in the rough nanoseconds of [`Tape::cost_per_run`].
const STEP_OVERHEAD: f64 = 20.0;
/// What `exp`, `sin`, `powf` and the like cost, in the same units.
pub const TRANSCENDENTAL: f64 = 16.0;

/// One instruction; the destination register is kept beside it. Sums take
/// their scaled terms inline (`2*a + b/10 - 1` is one instruction), which
/// keeps the program short and the chain of register writes and reads that
/// each step waits on short too.
#[derive(Clone, Copy, Debug)]
enum Op {
    /// `a + b`
    Add(Reg, Reg),
    /// `a + constant`
    Offset(Reg, f64),
    /// `ca*a`
    Scale(Reg, f64),
    /// `ca*a + constant`
    Lin1 {
        a: Reg,
        ca: f64,
        constant: f64,
    },
    /// `ca*a + cb*b`
    Lin2 {
        a: Reg,
        ca: f64,
        b: Reg,
        cb: f64,
    },
    /// `ca*a + cb*b + constant`
    Lin2c {
        a: Reg,
        ca: f64,
        b: Reg,
        cb: f64,
        constant: f64,
    },
    /// `ca*a + cb*b + cc*c + constant`
    Lin3 {
        a: Reg,
        ca: f64,
        b: Reg,
        cb: f64,
        c: Reg,
        cc: f64,
        constant: f64,
    },
    /// `c*x*y + constant` (a square when x = y)
    Term {
        x: Reg,
        y: Reg,
        c: f64,
        constant: f64,
    },
    /// `Σ c·r₁·r₂ + constant` over `len` terms from `start`; a linear term
    /// has the register holding 1 as r₂, a square has r₁ = r₂.
    LinN {
        start: u32,
        len: u32,
        constant: f64,
    },
    /// `scale*a*b`
    Mul {
        a: Reg,
        b: Reg,
        scale: f64,
    },
    /// `scale*a*b*c`
    Mul3 {
        a: Reg,
        b: Reg,
        c: Reg,
        scale: f64,
    },
    /// `scale * Π r` over `len` registers from `start`.
    MulN {
        start: u32,
        len: u32,
        scale: f64,
    },
    Square(Reg),
    Recip(Reg),
    Sqrt(Reg),
    PowInt(Reg, i32),
    PowConst(Reg, f64),
    Pow(Reg, Reg),
    Apply(Func, Reg),
}

impl Op {
    /// What one run of the instruction costs, in the units of [`Tape::cost_per_run`].
    fn cost(&self) -> f64 {
        match *self {
            Op::LinN { len, .. } | Op::MulN { len, .. } => 1.0 + len as f64,
            Op::Sqrt(_) | Op::Recip(_) => 2.0,
            Op::PowConst(..) | Op::Pow(..) | Op::Apply(..) => TRANSCENDENTAL,
            _ => 1.0,
        }
    }
}

/// A compiled program computing several outputs from parameter values.
#[derive(Clone, Debug)]
pub struct Tape {
    /// Scalar instructions, stage after stage.
    code: Vec<(Op, Reg)>,
    /// Each stage: where its scalar instructions end in `code`, and the row
    /// passes that follow them (filling the registers of its reductions),
    /// one per length of the vectors reduced.
    stages: Vec<(usize, Vec<RowBlock>)>,
    /// The lengths of the vectors the row passes run over, ascending.
    lengths: Vec<usize>,
    terms: Vec<(Reg, Reg, f64)>,
    factors: Vec<Reg>,
    /// Initial register contents: constants in place, parameters to be set.
    initial: Vec<f64>,
    params: usize,
    outputs: Vec<Reg>,
    /// Whether a partial (outputs 1…n) is a parameter's own register.
    gradient_reads_params: bool,
}

/// Why an expression cannot be compiled.
#[derive(Clone, Debug, PartialEq)]
pub enum CompileError {
    /// A name with no numeric value (a free symbol).
    NoValue(String),
    /// An output is a vector, not a number.
    Vector,
    /// A row pass would read a column of another length than its own.
    Lengths(usize, usize),
}

/// A term of a sum that a sum instruction can compute itself: `c*x`,
/// `c*x*y` or `c*x^2`, as (x, y, c) with `y` absent for `c*x`.
#[derive(Clone, Copy, Debug)]
struct Term {
    x: Id,
    y: Option<Id>,
    c: f64,
}

fn term(arena: &Arena, id: Id) -> Option<Term> {
    let square = |f: Id| match arena.node(f) {
        Node::Pow(base, e) if arena.as_number(*e) == Some(Number::int(2)) => Some(*base),
        _ => None,
    };
    match arena.node(id) {
        Node::Pow(..) => square(id).map(|x| Term { x, y: Some(x), c: 1.0 }),
        Node::Mul(items) => {
            let c: f64 = items.iter().filter_map(|&i| arena.as_number(i)).map(Number::to_f64).product();
            let factors: Vec<Id> = items.iter().copied().filter(|&i| arena.as_number(i).is_none()).collect();
            match factors[..] {
                [x] => Some(match square(x) {
                    Some(base) => Term { x: base, y: Some(base), c },
                    None => Term { x, y: None, c },
                }),
                [x, y] if square(x).is_none() && square(y).is_none() => Some(Term { x, y: Some(y), c }),
                _ => None,
            }
        }
        _ => None,
    }
}

impl Tape {
    /// Compiles `outputs` over the parameters `variables` (in order); named
    /// leaves take their values from `global`.
    pub fn compile(
        arena: &Arena,
        variables: &[Id],
        outputs: &[Id],
        global: &dyn Fn(&str) -> Option<f64>,
    ) -> Result<Tape, CompileError> {
        if outputs.iter().any(|&o| arena.rows(o).is_some()) {
            return Err(CompileError::Vector);
        }
        let order = arena.reachable(outputs);
        let levels = levels(arena, &order);
        let uses = uses(arena, &order, outputs);
        let inlined = inlined_terms(arena, &order, outputs);
        let mut registers: HashMap<Id, Reg> = HashMap::new();
        let mut initial = vec![0.0; variables.len()];
        for (index, &variable) in variables.iter().enumerate() {
            registers.insert(variable, index as Reg);
        }
        let one = initial.len() as Reg;
        initial.push(1.0);
        let stage_count = levels.values().copied().max().unwrap_or(0) + 1;
        let mut stage_code: Vec<Vec<(Op, Reg)>> = vec![Vec::new(); stage_count];
        let mut tape = Tape {
            code: Vec::new(),
            stages: Vec::new(),
            lengths: Vec::new(),
            terms: Vec::new(),
            factors: Vec::new(),
            initial: Vec::new(),
            params: variables.len(),
            outputs: Vec::new(),
            gradient_reads_params: false,
        };
        for &id in &order {
            if registers.contains_key(&id) || inlined.contains_key(&id) || arena.rows(id).is_some() {
                continue;
            }
            let register = initial.len() as Reg;
            let constant = match arena.node(id) {
                Node::Num(n) => Some(n.to_f64()),
                Node::Const(c) => Some(c.value()),
                Node::Var(symbol) => return Err(CompileError::NoValue(arena.name(*symbol).to_string())),
                Node::Global(symbol) => {
                    let name = arena.name(*symbol);
                    Some(global(name).ok_or_else(|| CompileError::NoValue(name.to_string()))?)
                }
                Node::Reduce(_, _, rows) => {
                    if let Err(at) = tape.lengths.binary_search(rows) {
                        tape.lengths.insert(at, *rows);
                    }
                    None
                }
                node => {
                    let op = tape.select(arena, node, &registers, &inlined, one);
                    stage_code[levels[&id]].push((op, register));
                    None
                }
            };
            initial.push(constant.unwrap_or(0.0));
            registers.insert(id, register);
        }
        let context = rows_compile::RowContext { arena, scalars: &registers, uses: &uses };
        for (level, code) in stage_code.into_iter().enumerate() {
            tape.code.extend(code);
            let mut blocks = Vec::new();
            for &length in &tape.lengths {
                let row_nodes = pass_nodes(arena, &order, &levels, length, level);
                let reduces: Vec<Id> = order
                    .iter()
                    .copied()
                    .filter(|id| {
                        matches!(arena.node(*id), Node::Reduce(_, _, n) if *n == length) && levels[id] == level + 1
                    })
                    .collect();
                if !reduces.is_empty() {
                    blocks.push(rows_compile::block(&context, &row_nodes, &reduces, length)?);
                }
            }
            tape.stages.push((tape.code.len(), blocks));
        }
        tape.outputs = outputs.iter().map(|id| registers[id]).collect();
        tape.gradient_reads_params = tape.outputs.iter().skip(1).any(|&r| (r as usize) < tape.params);
        tape.initial = initial;
        Ok(tape)
    }

    /// The instruction for one operator node.
    fn select(
        &mut self,
        arena: &Arena,
        node: &Node,
        registers: &HashMap<Id, Reg>,
        inlined: &HashMap<Id, Term>,
        one: Reg,
    ) -> Op {
        let reg = |id: &Id| registers[id];
        match node {
            Node::Add(items) => {
                let mut constant = 0.0;
                let mut terms = Vec::with_capacity(items.len());
                for item in items.iter() {
                    let linear = match inlined.get(item) {
                        Some(Term { x, y: None, c }) => Some((*x, *c)),
                        Some(_) => None,
                        None => Some((*item, 1.0)),
                    };
                    if let Some((x, c)) = linear
                        && let Some((inner, offset)) = linear_parts(arena, x, registers)
                        && terms.len() + inner.len() + items.len() <= 5
                    {
                        // c*(a + 2*b - 1) written out, so this sum reads a and b themselves:
                        // one register write fewer between a step's θ and its gradient.
                        terms.extend(inner.into_iter().map(|(r, ci)| (r, one, c * ci)));
                        constant += c * offset;
                        continue;
                    }
                    match (arena.as_number(*item), inlined.get(item)) {
                        (Some(n), _) => constant += n.to_f64(),
                        (None, Some(t)) => terms.push((reg(&t.x), t.y.as_ref().map_or(one, reg), t.c)),
                        (None, None) => terms.push((reg(item), one, 1.0)),
                    }
                }
                match terms[..] {
                    [(a, b, ca)] if b == one => linear(a, ca, constant),
                    [(a, x, 1.0), (b, y, 1.0)] if x == one && y == one && constant == 0.0 => Op::Add(a, b),
                    [(a, x, ca), (b, y, cb)] if x == one && y == one && constant == 0.0 => Op::Lin2 { a, ca, b, cb },
                    [(a, x, ca), (b, y, cb)] if x == one && y == one => Op::Lin2c { a, ca, b, cb, constant },
                    [(a, x, ca), (b, y, cb), (c, z, cc)] if x == one && y == one && z == one => {
                        Op::Lin3 { a, ca, b, cb, c, cc, constant }
                    }
                    [(x, y, c)] => Op::Term { x, y, c, constant },
                    _ => {
                        let start = self.terms.len() as u32;
                        self.terms.extend(terms);
                        Op::LinN { start, len: self.terms.len() as u32 - start, constant }
                    }
                }
            }
            Node::Mul(items) => {
                let scale: f64 = items.iter().filter_map(|&i| arena.as_number(i)).map(Number::to_f64).product();
                let factors: Vec<Reg> = items.iter().filter(|&&i| arena.as_number(i).is_none()).map(reg).collect();
                match factors[..] {
                    [a] => linear(a, scale, 0.0),
                    [a, b] => Op::Mul { a, b, scale },
                    [a, b, c] => Op::Mul3 { a, b, c, scale },
                    _ => {
                        let start = self.factors.len() as u32;
                        self.factors.extend(factors);
                        Op::MulN { start, len: self.factors.len() as u32 - start, scale }
                    }
                }
            }
            Node::Pow(base, exponent) => {
                let base = reg(base);
                match arena.as_number(*exponent) {
                    Some(e) if e == Number::int(2) => Op::Square(base),
                    Some(e) if e == Number::int(-1) => Op::Recip(base),
                    Some(e) if Some(e) == Number::ratio(1, 2) => Op::Sqrt(base),
                    Some(e) => match e.as_integer().and_then(|i| i32::try_from(i).ok()) {
                        Some(i) => Op::PowInt(base, i),
                        None => Op::PowConst(base, e.to_f64()),
                    },
                    None => Op::Pow(base, reg(exponent)),
                }
            }
            Node::Apply(func, arg) => Op::Apply(*func, reg(arg)),
            Node::Num(_) | Node::Const(_) | Node::Var(_) | Node::Global(_) | Node::Data(_) | Node::Reduce(..) => {
                Op::Scale(one, 0.0)
            }
        }
    }

    /// A machine to run this tape, its parameters set to 0.
    pub fn machine(&self) -> Machine<'_> {
        let spaces = self
            .stages
            .iter()
            .map(|(_, blocks)| blocks.iter().map(|b| (0..rows::PARTS).map(|_| b.workspace()).collect()).collect())
            .collect();
        Machine { tape: self, registers: self.initial.clone(), spaces, batch: None }
    }

    /// How many data rows the tape's row passes read: `None` without row
    /// passes, `Err((shortest, longest))` when they read vectors of
    /// different lengths.
    pub fn data_rows(&self) -> Option<Result<usize, (usize, usize)>> {
        match self.lengths[..] {
            [] => None,
            [n] => Some(Ok(n)),
            [shortest, .., longest] => Some(Err((shortest, longest))),
        }
    }

    /// How many rows one run of the tape reads, over all its row passes.
    pub fn rows_per_run(&self) -> usize {
        self.lengths.iter().sum()
    }

    /// What one run costs, in rough nanoseconds: scalar instructions
    /// (transcendental ones dearer), each row pass over its rows or over a
    /// `batch` of them, and the loop around a step. The work bound of
    /// `minimize` is counted in these units.
    pub fn cost_per_run(&self, batch: Option<usize>) -> f64 {
        let scalar: f64 = self.code.iter().map(|(op, _)| op.cost()).sum();
        let rows: f64 = self.stages.iter().flat_map(|(_, blocks)| blocks).map(|block| block.cost(batch)).sum();
        STEP_OVERHEAD + scalar + rows
    }

    /// How many parameters the tape reads.
    pub fn params(&self) -> usize {
        self.params
    }

    /// How many instructions the tape holds.
    pub fn len(&self) -> usize {
        self.code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }
}

/// When each node can be computed: leaves at 0, a reduction one stage after
/// its argument, anything else with its latest child.
fn levels(arena: &Arena, order: &[Id]) -> HashMap<Id, usize> {
    let mut levels: HashMap<Id, usize> = HashMap::with_capacity(order.len());
    for &id in order {
        let level = match arena.node(id) {
            Node::Reduce(_, arg, _) => levels[arg] + 1,
            _ => {
                let mut level = 0;
                arena.for_each_child(id, |child| level = level.max(levels[&child]));
                level
            }
        };
        levels.insert(id, level);
    }
    levels
}

/// The row nodes of `length` rows that the pass at `level` computes, in id
/// order: those at that level, and those of earlier levels that they read.
/// A pass keeps no rows from an earlier one, so it computes them again
/// (`a*v` in `mean((a*v - mean(a*v))^2)`, or a log-sum-exp's exponents,
/// shifted by their max in the next pass).
fn pass_nodes(arena: &Arena, order: &[Id], levels: &HashMap<Id, usize>, length: usize, level: usize) -> Vec<Id> {
    let mut needed: HashSet<Id> =
        order.iter().copied().filter(|id| arena.rows(*id) == Some(length) && levels[id] == level).collect();
    let mut stack: Vec<Id> = needed.iter().copied().collect();
    while let Some(id) = stack.pop() {
        arena.for_each_child(id, |child| {
            if arena.rows(child).is_some() && needed.insert(child) {
                stack.push(child);
            }
        });
    }
    order.iter().copied().filter(|id| needed.contains(id)).collect()
}

/// How many times each node is read: by its parents, and as an output.
fn uses(arena: &Arena, order: &[Id], outputs: &[Id]) -> HashMap<Id, usize> {
    let mut uses: HashMap<Id, usize> = HashMap::with_capacity(order.len());
    for &id in order {
        arena.for_each_child(id, |child| *uses.entry(child).or_default() += 1);
    }
    for &output in outputs {
        *uses.entry(output).or_default() += 1;
    }
    uses
}

/// A sum of registers times numbers, plus a number (`θ1 - 1`, `2*a + b`):
/// its terms as (register, coefficient) and its constant, when it is one.
fn linear_parts(arena: &Arena, id: Id, registers: &HashMap<Id, Reg>) -> Option<(Vec<(Reg, f64)>, f64)> {
    let Node::Add(items) = arena.node(id) else { return None };
    let mut terms = Vec::new();
    let mut constant = 0.0;
    for &item in items.iter() {
        if let Some(n) = arena.as_number(item) {
            constant += n.to_f64();
            continue;
        }
        let (x, c) = match term(arena, item) {
            Some(Term { x, y: None, c }) => (x, c),
            Some(_) => return None,
            None => (item, 1.0),
        };
        terms.push((*registers.get(&x)?, c));
    }
    Some((terms, constant))
}

/// `ca*a + constant`, without the multiplication or addition that does nothing.
fn linear(a: Reg, ca: f64, constant: f64) -> Op {
    match (ca, constant) {
        (1.0, _) => Op::Offset(a, constant),
        (_, 0.0) => Op::Scale(a, ca),
        _ => Op::Lin1 { a, ca, constant },
    }
}

/// Terms (`2*a`, `a*b`, `a^2`) used once, by a sum: the sum computes them
/// itself instead of reading a register (`2*a + b^2` is one instruction).
fn inlined_terms(arena: &Arena, order: &[Id], outputs: &[Id]) -> HashMap<Id, Term> {
    let mut uses: HashMap<Id, usize> = HashMap::new();
    for &id in order {
        arena.for_each_child(id, |child| *uses.entry(child).or_default() += 1);
    }
    let mut inlined = HashMap::new();
    for &id in order {
        if let Node::Add(items) = arena.node(id) {
            for &item in items.iter() {
                if uses.get(&item) == Some(&1)
                    && !outputs.contains(&item)
                    && let Some(term) = term(arena, item)
                {
                    inlined.insert(item, term);
                }
            }
        }
    }
    inlined
}

/// A tape with its registers: set the parameters, run, read the outputs.
/// The parameters live in the registers themselves, so an optimizer updates
/// them in place between runs.
pub struct Machine<'t> {
    tape: &'t Tape,
    registers: Vec<f64>,
    /// Per stage and row pass, one workspace per part of the rows.
    spaces: Vec<Vec<Vec<rows::Workspace>>>,
    /// When set, row passes read only these rows (a mini-batch).
    batch: Option<Vec<u32>>,
}

impl Machine<'_> {
    /// The parameters, to read or to change before the next run.
    #[inline]
    pub fn params(&mut self) -> &mut [f64] {
        &mut self.registers[..self.tape.params]
    }

    /// Sets the rows the next row passes read (`None`: all of them).
    pub fn batch(&mut self) -> &mut Option<Vec<u32>> {
        &mut self.batch
    }

    /// Computes every output from the current parameters.
    #[inline(always)]
    pub fn run(&mut self) {
        if self.tape.lengths.is_empty() {
            // No row passes: the whole tape is one run of scalar instructions.
            self.scalar(0, self.tape.code.len());
            return;
        }
        let mut start = 0;
        for (stage, (end, blocks)) in self.tape.stages.iter().enumerate() {
            self.scalar(start, *end);
            start = *end;
            for (block, spaces) in blocks.iter().zip(&mut self.spaces[stage]) {
                block.run(&mut self.registers, spaces, self.batch.as_deref());
            }
        }
    }

    /// Scalar instructions `start..end`.
    #[inline(always)]
    fn scalar(&mut self, start: usize, end: usize) {
        let mut file = Registers(&mut self.registers);
        for &(ref op, dst) in &self.tape.code[start..end] {
            // Matched by reference: copying a whole instruction costs more than reading its fields.
            let value = match *op {
                Op::Add(a, b) => file.get(a) + file.get(b),
                Op::Offset(a, constant) => file.get(a) + constant,
                Op::Scale(a, ca) => ca * file.get(a),
                Op::Lin1 { a, ca, constant } => ca * file.get(a) + constant,
                Op::Lin2 { a, ca, b, cb } => ca * file.get(a) + cb * file.get(b),
                Op::Lin2c { a, ca, b, cb, constant } => ca * file.get(a) + cb * file.get(b) + constant,
                Op::Lin3 { a, ca, b, cb, c, cc, constant } => {
                    ca * file.get(a) + cb * file.get(b) + cc * file.get(c) + constant
                }
                Op::Term { x, y, c, constant } => c * file.get(x) * file.get(y) + constant,
                Op::Mul3 { a, b, c, scale } => scale * file.get(a) * file.get(b) * file.get(c),
                Op::LinN { start, len, constant } => {
                    let terms = &self.tape.terms[start as usize..(start + len) as usize];
                    terms.iter().fold(constant, |sum, &(x, y, c)| sum + c * file.get(x) * file.get(y))
                }
                Op::Mul { a, b, scale } => scale * file.get(a) * file.get(b),
                Op::MulN { start, len, scale } => {
                    let factors = &self.tape.factors[start as usize..(start + len) as usize];
                    factors.iter().fold(scale, |product, &r| product * file.get(r))
                }
                Op::Square(a) => file.get(a) * file.get(a),
                Op::Recip(a) => 1.0 / file.get(a),
                Op::Sqrt(a) => file.get(a).sqrt(),
                Op::PowInt(a, i) => file.get(a).powi(i),
                Op::PowConst(a, e) => file.get(a).powf(e),
                Op::Pow(a, b) => file.get(a).powf(file.get(b)),
                Op::Apply(func, a) => func.apply(file.get(a)),
            };
            file.set(dst, value);
        }
    }

    /// The `index`-th output of the last run.
    #[inline]
    pub fn output(&self, index: usize) -> f64 {
        self.registers[self.tape.outputs[index] as usize]
    }

    /// One step of descent: moves parameter i by `-delta(i, g)`, where g is
    /// output `1 + i` (∂F/∂θi), keeping the gradient read in `gradient`.
    /// Gradients are read straight from their registers (a copy on the path
    /// from one step's θ to the next costs time); when one is a parameter's own
    /// register (∂(θ1·θ2)/∂θ1 is θ2), all are read before any parameter moves.
    #[inline(always)]
    pub fn step(&mut self, gradient: &mut [f64], mut delta: impl FnMut(usize, f64) -> f64) {
        let n = self.tape.params.min(gradient.len());
        let outputs = &self.tape.outputs[1..1 + n];
        let mut file = Registers(&mut self.registers);
        if self.tape.gradient_reads_params {
            for (slot, &register) in gradient.iter_mut().zip(outputs) {
                *slot = file.get(register);
            }
            for (i, &g) in gradient.iter().enumerate() {
                let moved = file.get(i as Reg) - delta(i, g);
                file.set(i as Reg, moved);
            }
            return;
        }
        for (i, (slot, &register)) in gradient.iter_mut().zip(outputs).enumerate() {
            let g = file.get(register);
            *slot = g;
            let moved = file.get(i as Reg) - delta(i, g);
            file.set(i as Reg, moved);
        }
    }
}

/// The register file during a run. Every register number in a tape was
/// given out by [`Tape::compile`] below the tape's register count, and a
/// [`Machine`] always holds exactly that many registers, so reads and writes
/// are in bounds; the checks are left to debug builds.
struct Registers<'a>(&'a mut [f64]);

impl Registers<'_> {
    #[inline(always)]
    fn get(&self, r: Reg) -> f64 {
        debug_assert!((r as usize) < self.0.len());
        // SAFETY: `r` < registers.len(), as explained on the type.
        unsafe { *self.0.get_unchecked(r as usize) }
    }

    #[inline(always)]
    fn set(&mut self, r: Reg, value: f64) {
        debug_assert!((r as usize) < self.0.len());
        // SAFETY: `r` < registers.len(), as explained on the type.
        unsafe { *self.0.get_unchecked_mut(r as usize) = value }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_and_gradient_in_one_pass() {
        let mut arena = Arena::new();
        let (a, b) = (arena.symbol("a"), arena.symbol("b"));
        let (a, b) = (arena.var(a), arena.var(b));
        let ab = arena.mul([a, b]);
        let sin = arena.apply(Func::Sin, ab);
        let two = arena.int(2);
        let square = arena.pow(a, two);
        let f = arena.add([sin, square]);
        let (da, db) = (arena.derivative(f, a), arena.derivative(f, b));
        let tape = Tape::compile(&arena, &[a, b], &[f, da, db], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        let mut machine = tape.machine();
        machine.params().copy_from_slice(&[0.5, 2.0]);
        machine.run();
        let close = |x: f64, y: f64| (x - y).abs() < 1e-12;
        assert!(close(machine.output(0), 1f64.sin() + 0.25));
        assert!(close(machine.output(1), 2.0 * 1f64.cos() + 1.0));
        assert!(close(machine.output(2), 0.5 * 1f64.cos()));
    }

    #[test]
    fn a_pass_computes_again_the_rows_an_earlier_pass_computed() {
        let mut arena = Arena::new();
        let a = arena.symbol("a");
        let a = arena.var(a);
        let v = arena.data("v", std::sync::Arc::new(ndarray::Array1::from(vec![1.0, 2.0, 3.0])));
        let av = arena.mul([a, v]);
        let mean = arena.reduce(crate::builtins::Reduction::Mean, av, 3);
        let deviation = arena.sub(av, mean);
        let two = arena.int(2);
        let square = arena.pow(deviation, two);
        let variance = arena.reduce(crate::builtins::Reduction::Mean, square, 3);
        let tape = Tape::compile(&arena, &[a], &[variance], &|_| None).unwrap_or_else(|e| panic!("{e:?}"));
        let mut machine = tape.machine();
        machine.params()[0] = 3.0;
        machine.run();
        assert!((machine.output(0) - 6.0).abs() < 1e-12, "{} (a*v read as a)", machine.output(0));
    }

    #[test]
    fn free_symbols_cannot_be_compiled() {
        let mut arena = Arena::new();
        let x = arena.symbol("x");
        let x = arena.var(x);
        assert_eq!(Tape::compile(&arena, &[], &[x], &|_| None).err(), Some(CompileError::NoValue("x".to_string())));
    }
}

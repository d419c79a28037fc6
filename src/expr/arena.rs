//! The expression arena: every expression gd reasons about symbolically is a
//! node here, named by an [`Id`]. Nodes are hash-consed: building a node
//! that already exists returns the existing id, so each distinct
//! subexpression is stored once and shared. Children are always created
//! before their parents, so ids ascend from leaves to roots: walking a
//! sub-DAG in id order visits every child before its parents, with no
//! recursion. Nodes carry no spans (see `lower` for the side table).
//!
//! The smart constructors in `build` create operator nodes in canonical
//! form; the as-written constructors in `written`, used only for
//! computation graphs, may repeat or nest operands (`x*x`, `(a + b) + c`),
//! with the same meaning.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use foldhash::fast::FixedState;
use hashbrown::HashTable;
use ndarray::Array1;

use super::number::Number;
use crate::builtins::{Constant, Func, Reduction};
use crate::math;

/// A node's index in the [`Arena`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(pub u32);

/// An interned name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(pub u32);

/// One canonical expression node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    Num(Number),
    Const(Constant),
    /// A variable: a function's parameter, or a free symbol in `diff(expr, x)`.
    Var(Symbol),
    /// A name bound in the session (`α = 0.5`, a data column), read when evaluated.
    Global(Symbol),
    /// A sum of at least two terms, in structural order (`Arena::order_key`); in canonical form no two
    /// alike and no nested sums.
    Add(Box<[Id]>),
    /// A product of at least two factors, in structural order; in canonical form a
    /// numeric coefficient, if any, is one of them, no nested products, no
    /// two with the same base.
    Mul(Box<[Id]>),
    Pow(Id, Id),
    Apply(Func, Id),
    /// A vector of data (a bound vector, a table's column, a literal), by its
    /// index in the arena's data store. Arithmetic on it works row by row.
    Data(DataId),
    /// The sum or mean over the rows of its argument, which has this many
    /// rows; a scalar argument counts as that value in every row.
    Reduce(Reduction, Id, usize),
}

/// Two independent, platform-independent 64-bit hashes of a list of words
/// (SplitMix64 steps from two seeds): structural keys for [`Arena::order_key`].
struct Key;

impl Key {
    fn of(words: impl IntoIterator<Item = u64>) -> (u64, u64) {
        let mix = |mut z: u64| {
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        words.into_iter().fold((0x9e37_79b9_7f4a_7c15, 0x2545_f491_4f6c_dd1d), |(a, b), w| {
            (mix(a.wrapping_add(w).wrapping_add(0x9e37_79b9_7f4a_7c15)), mix(b ^ w.rotate_left(17)).wrapping_add(w))
        })
    }
}

/// A vector's index in the arena's data store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DataId(pub u32);

/// What a node's value is without giving any variable a value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Constancy {
    /// A constant with this (finite) value.
    Value(f64),
    /// A constant with no real value: a domain error or an overflow. Smart
    /// constructors never simplify such a node away, so evaluating it reports
    /// the error instead of hiding it (`0*log(-1)` is not 0).
    Undefined,
    /// Depends on a variable or a named leaf.
    Variable,
}

/// The store of nodes and names.
pub struct Arena {
    nodes: Vec<Node>,
    constancy: Vec<Constancy>,
    /// Ids of the stored nodes, found by the node's hash.
    index: HashTable<Id>,
    /// Each node's structural key (see [`Arena::order_key`]).
    keys: Vec<(u64, u64)>,
    hasher: FixedState,
    names: Vec<String>,
    symbols: HashMap<String, Symbol>,
    /// How many rows each node has: `Some(n)` for vectors, `None` for numbers.
    rows: Vec<Option<usize>>,
    /// The vectors behind `Data` nodes, with the names they print as.
    data: Vec<(String, Arc<Array1<f64>>)>,
    /// The structural key of each vector (its name and values).
    data_keys: Vec<(u64, u64)>,
    /// The ids of 0, 1 and -1, which the constructors need all the time.
    pub(super) small: [Id; 3],
    /// Units of symbolic work done so far: one per node built or looked up,
    /// one per operand sorted into a sum or product, one per node walked.
    /// It counts calls, not new nodes, so the same computation counts the
    /// same whatever the arena already holds.
    work: Cell<u64>,
    /// The value of `work` at which the running bounded engine stops
    /// improving its result (see `simplify`); `u64::MAX` when none runs.
    limit: Cell<u64>,
    /// `simplify`'s results, for expressions shown more than once (a
    /// derivative's printed form is made when it is shown). Only results
    /// made under no outer budget are kept, so each is what `simplify`
    /// gives on its own.
    pub(crate) simplified: HashMap<Id, Id>,
}

impl Default for Arena {
    fn default() -> Arena {
        Arena::new()
    }
}

impl Arena {
    pub fn new() -> Arena {
        let mut arena = Arena {
            nodes: Vec::new(),
            constancy: Vec::new(),
            index: HashTable::new(),
            keys: Vec::new(),
            hasher: FixedState::default(),
            names: Vec::new(),
            symbols: HashMap::new(),
            rows: Vec::new(),
            data: Vec::new(),
            data_keys: Vec::new(),
            small: [Id(0); 3],
            work: Cell::new(0),
            limit: Cell::new(u64::MAX),
            simplified: HashMap::new(),
        };
        arena.small = [0, 1, -1].map(|n| arena.intern(Node::Num(Number::int(n))));
        arena
    }

    /// How much symbolic work this arena has done (see the `work` field):
    /// what tests and benches measure instead of time.
    pub fn work(&self) -> u64 {
        self.work.get()
    }

    /// Counts `units` of work.
    pub(super) fn count(&self, units: usize) {
        self.work.set(self.work.get().saturating_add(units as u64));
    }

    /// True once the running bounded engine has used up its budget.
    pub(super) fn out_of_budget(&self) -> bool {
        self.work.get() >= self.limit.get()
    }

    /// Whether a bounded engine is running.
    pub(super) fn in_budget(&self) -> bool {
        self.limit.get() != u64::MAX
    }

    /// Runs `engine` with at most `budget` more units of work before
    /// `out_of_budget` says stop (inside a budget already running, the
    /// tighter of the two holds).
    pub(super) fn with_budget<T>(&mut self, budget: u64, engine: impl FnOnce(&mut Arena) -> T) -> T {
        let outer = self.limit.get();
        self.limit.set(outer.min(self.work.get().saturating_add(budget)));
        let result = engine(self);
        self.limit.set(outer);
        result
    }

    /// Returns the id of `node`, storing it if it is new. Callers outside
    /// this module go through the smart constructors in `build`.
    pub(super) fn intern(&mut self, node: Node) -> Id {
        self.count(1);
        let hash = self.hasher.hash_one(&node);
        if let Some(&id) = self.index.find(hash, |&id| self.nodes[id.0 as usize] == node) {
            return id;
        }
        let id = Id(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.constancy.push(self.constancy_of(&node));
        self.rows.push(self.rows_of(&node));
        self.keys.push(self.key_of(&node));
        self.nodes.push(node);
        let (nodes, hasher) = (&self.nodes, &self.hasher);
        self.index.insert_unique(hash, id, |&id| hasher.hash_one(&nodes[id.0 as usize]));
        id
    }

    pub fn constancy(&self, id: Id) -> Constancy {
        self.constancy[id.0 as usize]
    }

    /// How many rows `id` has, if it is a vector.
    pub fn rows(&self, id: Id) -> Option<usize> {
        self.rows[id.0 as usize]
    }

    fn rows_of(&self, node: &Node) -> Option<usize> {
        match node {
            Node::Data(data) => Some(self.data[data.0 as usize].1.len()),
            Node::Reduce(..) | Node::Num(_) | Node::Const(_) | Node::Var(_) | Node::Global(_) => None,
            _ => {
                let mut rows = None;
                self.for_each_child_of(node, |child| rows = rows.or(self.rows(child)));
                rows
            }
        }
    }

    /// A vector as a leaf named `name` (the same vector gives the same node).
    pub fn data(&mut self, name: &str, values: Arc<Array1<f64>>) -> Id {
        let found = self.data.iter().position(|(n, v)| n == name && Arc::ptr_eq(v, &values));
        let index = found.unwrap_or_else(|| {
            let words = name.bytes().map(u64::from).chain(values.iter().map(|v| v.to_bits()));
            self.data_keys.push(Key::of(words));
            self.data.push((name.to_string(), values));
            self.data.len() - 1
        });
        self.intern(Node::Data(DataId(index as u32)))
    }

    /// Orders nodes by structure, not by when they were made: sums and
    /// products keep their operands in this order, so the same statement
    /// builds (and evaluates in) the same order whatever came before it.
    /// The key is two independent 64-bit hashes of the node's content, with
    /// names by their text and children by their keys; the id breaks a tie
    /// only between distinct nodes whose 128 bits collide.
    pub fn order_key(&self, id: Id) -> (u64, u64, Id) {
        let (a, b) = self.keys[id.0 as usize];
        (a, b, id)
    }

    fn key_of(&self, node: &Node) -> (u64, u64) {
        let name = |symbol: &Symbol| self.name(*symbol).bytes().map(u64::from).collect::<Vec<_>>();
        let child = |id: &Id| {
            let (a, b) = self.keys[id.0 as usize];
            [a, b]
        };
        let words: Vec<u64> = match node {
            Node::Num(n) => match n.as_ratio() {
                Some((p, q)) => vec![1, p as u64, (p >> 64) as u64, q as u64, (q >> 64) as u64],
                None => vec![2, n.to_f64().to_bits()],
            },
            Node::Const(c) => vec![3, *c as u64],
            Node::Var(symbol) => [vec![4], name(symbol)].concat(),
            Node::Global(symbol) => [vec![5], name(symbol)].concat(),
            Node::Data(data) => {
                let (a, b) = self.data_keys[data.0 as usize];
                vec![6, a, b]
            }
            Node::Add(items) => [7].into_iter().chain(items.iter().flat_map(child)).collect(),
            Node::Mul(items) => [8].into_iter().chain(items.iter().flat_map(child)).collect(),
            Node::Pow(base, exponent) => [vec![9], child(base).to_vec(), child(exponent).to_vec()].concat(),
            Node::Apply(func, arg) => [vec![10, *func as u64], child(arg).to_vec()].concat(),
            Node::Reduce(reduction, arg, rows) => {
                [vec![11, *reduction as u64, *rows as u64], child(arg).to_vec()].concat()
            }
        };
        Key::of(words)
    }

    pub fn data_values(&self, data: DataId) -> &Arc<Array1<f64>> {
        &self.data[data.0 as usize].1
    }

    pub fn data_name(&self, data: DataId) -> &str {
        &self.data[data.0 as usize].0
    }

    pub fn is_undefined(&self, id: Id) -> bool {
        self.constancy(id) == Constancy::Undefined
    }

    fn constancy_of(&self, node: &Node) -> Constancy {
        let value = |id: &Id| self.constancy(*id);
        let result = match node {
            Node::Num(n) => Ok(n.to_f64()),
            Node::Const(c) => Ok(c.value()),
            Node::Var(_) | Node::Global(_) | Node::Data(_) => return Constancy::Variable,
            Node::Reduce(_, arg, _) => match value(arg) {
                Constancy::Undefined => return Constancy::Undefined,
                _ => return Constancy::Variable,
            },
            Node::Add(items) | Node::Mul(items) => {
                let mut values = Vec::with_capacity(items.len());
                let mut variable = false;
                for item in items.iter() {
                    match value(item) {
                        Constancy::Value(v) => values.push(v),
                        Constancy::Undefined => return Constancy::Undefined,
                        Constancy::Variable => variable = true,
                    }
                }
                if variable {
                    return Constancy::Variable;
                }
                let total = if matches!(node, Node::Add(_)) { values.iter().sum() } else { values.iter().product() };
                math::finite(total)
            }
            Node::Pow(base, exponent) => match (value(base), value(exponent)) {
                (Constancy::Value(b), Constancy::Value(e)) => math::power(b, e),
                (Constancy::Undefined, _) | (_, Constancy::Undefined) => return Constancy::Undefined,
                _ => return Constancy::Variable,
            },
            Node::Apply(func, arg) => match value(arg) {
                Constancy::Value(x) => math::apply(*func, x),
                other => return other,
            },
        };
        result.map_or(Constancy::Undefined, Constancy::Value)
    }

    pub fn node(&self, id: Id) -> &Node {
        &self.nodes[id.0 as usize]
    }

    /// How many nodes the arena holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn symbol(&mut self, name: &str) -> Symbol {
        if let Some(&symbol) = self.symbols.get(name) {
            return symbol;
        }
        let symbol = Symbol(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        self.names.push(name.to_string());
        self.symbols.insert(name.to_string(), symbol);
        symbol
    }

    pub fn name(&self, symbol: Symbol) -> &str {
        &self.names[symbol.0 as usize]
    }

    /// Calls `visit` on each child of `id`.
    pub fn for_each_child(&self, id: Id, visit: impl FnMut(Id)) {
        self.for_each_child_of(self.node(id), visit);
    }

    fn for_each_child_of(&self, node: &Node, mut visit: impl FnMut(Id)) {
        match node {
            Node::Add(items) | Node::Mul(items) => items.iter().copied().for_each(visit),
            Node::Pow(base, exponent) => {
                visit(*base);
                visit(*exponent);
            }
            Node::Apply(_, arg) | Node::Reduce(_, arg, _) => visit(*arg),
            Node::Num(_) | Node::Const(_) | Node::Var(_) | Node::Global(_) | Node::Data(_) => {}
        }
    }

    /// Every node reachable from `roots`, in ascending id order (children
    /// before parents). Iterative: depth never touches the call stack.
    pub fn reachable(&self, roots: &[Id]) -> Vec<Id> {
        let mut seen = std::collections::HashSet::new();
        let mut stack: Vec<Id> = roots.to_vec();
        let mut found = Vec::new();
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                found.push(id);
                self.for_each_child(id, |child| stack.push(child));
            }
        }
        found.sort_unstable();
        self.count(found.len());
        found
    }
}

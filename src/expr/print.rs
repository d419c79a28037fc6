//! Printing expressions as a reader writes them, and as gd reads them back.
//!
//! The arena's canonical form (sums and products of powers) is first laid
//! out as a [`Form`]: signs pulled out of terms so that `a + -1*b` shows as
//! `a - b`, negative powers moved under a fraction bar (`x/(1 + x^2)`, not
//! `x*(1 + x^2)^-1`), `x^(1/2)` shown as `sqrt(x)`, numeric factors first,
//! terms and factors in a stable, natural order. The text renderer here and
//! the LaTeX renderer in `latex` both draw from the same layout, with
//! minimal parentheses. Everything printed as text parses back to the same
//! expression. Sums nested in sums and products nested in products, which
//! only expressions built as written (`written`) have, read flat:
//! `(2*b)*c` prints as `2*b*c`.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::arena::{Arena, Id, Node};
use super::measure::text_length;
use super::number::{Number, format_value};
use crate::builtins::{Constant, Func, Reduction};

/// How tightly a printed form binds, loosest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Prec {
    Sum,
    Product,
    /// A leading minus.
    Unary,
    Power,
    Atom,
}

/// An expression laid out for printing.
#[derive(Debug)]
pub enum Form {
    /// A non-negative integer or float.
    Number(Number),
    /// A name or constant.
    Symbol(String),
    Call(Func, Rc<Form>),
    /// `sum(…)`, `mean(…)`
    Reduce(Reduction, Rc<Form>),
    Sqrt(Rc<Form>),
    Power(Rc<Form>, Rc<Form>),
    /// `-num₁*num₂/(den₁*den₂)`; an empty numerator is 1.
    Product {
        negative: bool,
        numerator: Vec<Rc<Form>>,
        denominator: Vec<Rc<Form>>,
    },
    /// Terms with their signs (true: subtracted), in printing order.
    Sum(Vec<(bool, Rc<Form>)>),
}

impl Form {
    pub fn prec(&self) -> Prec {
        match self {
            Form::Number(_) | Form::Symbol(_) | Form::Call(..) | Form::Reduce(..) | Form::Sqrt(_) => Prec::Atom,
            Form::Power(..) => Prec::Power,
            Form::Product { negative: true, .. } => Prec::Unary,
            Form::Product { .. } => Prec::Product,
            Form::Sum(_) => Prec::Sum,
        }
    }
}

/// Lays out and prints expressions of one arena, remembering what it did.
pub struct Printer<'a> {
    arena: &'a Arena,
    forms: HashMap<Id, Rc<Form>>,
    /// False when the layout is only measured: the order of terms and
    /// factors does not change the length, and sorting them by their text
    /// costs the text of every subexpression at every level.
    sorted: bool,
}

impl<'a> Printer<'a> {
    pub fn new(arena: &'a Arena) -> Printer<'a> {
        Printer { arena, forms: HashMap::new(), sorted: true }
    }

    /// A printer whose layouts are for [`text_length`] only, laid out in
    /// linear time: terms and factors are left in arena order.
    fn measuring(arena: &'a Arena) -> Printer<'a> {
        Printer { arena, forms: HashMap::new(), sorted: false }
    }

    /// The expression as gd text: `2*x*sin(x) + x^2*cos(x)`.
    pub fn text(&mut self, id: Id) -> String {
        match self.too_long(id) {
            Some(size) => too_long_text(size),
            None => text(&self.form(id)),
        }
    }

    /// The expression as LaTeX, under the same size limit as [`Printer::text`].
    pub fn latex(&mut self, id: Id) -> String {
        match self.too_long(id) {
            Some(size) => format!("\\text{{{}}}", too_long_text(size)),
            None => super::latex::latex(&self.form(id)),
        }
    }

    /// About how many characters `id` prints as, when that is over the limit.
    /// Shared subexpressions are stored once but printed every time they
    /// occur: a 20,000-deep chain's derivative would be 400 million characters.
    fn too_long(&self, id: Id) -> Option<usize> {
        Some(self.arena.printed_size(id)).filter(|&size| size > PRINT_LIMIT)
    }

    /// The layout of `id`. Children are laid out first, in id order, so
    /// depth costs no stack here.
    pub fn form(&mut self, id: Id) -> Rc<Form> {
        if let Some(form) = self.forms.get(&id) {
            return form.clone();
        }
        let order = self.arena.reachable(&[id]);
        let inner = self.inside_their_own_kind(&order, id);
        for node in order {
            if !self.forms.contains_key(&node) && !inner.contains(&node) {
                let form = Rc::new(self.layout(node));
                self.forms.insert(node, form);
            }
        }
        self.forms[&id].clone()
    }

    /// The sums used only inside sums and products only inside products
    /// (other than `root`): nested as written (`(a + b) + c`), they are laid
    /// out as part of their parents, so a long chain costs linear time.
    fn inside_their_own_kind(&self, order: &[Id], root: Id) -> HashSet<Id> {
        let mut nested = HashSet::new();
        let mut needed = HashSet::new();
        for &id in order {
            let node = self.arena.node(id);
            self.arena.for_each_child(id, |child| {
                if same_kind(node, self.arena.node(child)) {
                    nested.insert(child);
                } else {
                    needed.insert(child);
                }
            });
        }
        nested.retain(|id| *id != root && !needed.contains(id));
        nested
    }

    /// The terms of a sum (or factors of a product) with sums nested in it
    /// (products in a product) opened up, in order.
    fn flattened(&self, parent: Id, items: &[Id]) -> Vec<Id> {
        let parent = self.arena.node(parent);
        let mut flat = Vec::with_capacity(items.len());
        let mut stack: Vec<Id> = items.iter().rev().copied().collect();
        while let Some(item) = stack.pop() {
            match self.arena.node(item) {
                child @ (Node::Add(children) | Node::Mul(children)) if same_kind(parent, child) => {
                    stack.extend(children.iter().rev());
                }
                _ => flat.push(item),
            }
        }
        flat
    }

    fn layout(&mut self, id: Id) -> Form {
        match self.arena.node(id).clone() {
            Node::Num(n) => number_form(n, Place::Alone),
            Node::Const(Constant::Pi) => Form::Symbol("π".to_string()),
            Node::Const(Constant::E) => Form::Symbol("e".to_string()),
            Node::Var(symbol) | Node::Global(symbol) => Form::Symbol(self.arena.name(symbol).to_string()),
            Node::Apply(func, arg) => Form::Call(func, self.form(arg)),
            Node::Data(data) => Form::Symbol(self.arena.data_name(data).to_string()),
            Node::Reduce(reduction, arg, _) => Form::Reduce(reduction, self.form(arg)),
            Node::Pow(base, exponent) => match self.arena.as_number(exponent) {
                Some(k) if k.is_negative() => Form::Product {
                    negative: false,
                    numerator: Vec::new(),
                    denominator: vec![self.power_form(base, k.negate())],
                },
                Some(k) => unwrap_rc(self.power_form(base, k)),
                None => Form::Power(self.form(base), self.form(exponent)),
            },
            Node::Mul(items) => self.product_form(&self.flattened(id, &items)),
            Node::Add(items) => self.sum_form(&self.flattened(id, &items)),
        }
    }

    /// `base^k` for a positive number k.
    fn power_form(&mut self, base: Id, k: Number) -> Rc<Form> {
        if k.is_one() {
            return self.form(base);
        }
        if Some(k) == Number::ratio(1, 2) {
            return Rc::new(Form::Sqrt(self.form(base)));
        }
        Rc::new(Form::Power(self.form(base), Rc::new(number_form(k, Place::Coefficient))))
    }

    fn product_form(&mut self, items: &[Id]) -> Form {
        let mut coefficient = Number::ONE;
        let mut numerator = Vec::new();
        let mut denominator = Vec::new();
        for &item in items {
            if let Some(n) = self.arena.as_number(item) {
                match coefficient.checked_mul(n) {
                    Some(product) => coefficient = product,
                    None => numerator.push(Rc::new(number_form(n, Place::Coefficient))),
                }
                continue;
            }
            match self.arena.node(item) {
                Node::Pow(base, exponent) if self.arena.as_number(*exponent).is_some_and(Number::is_negative) => {
                    let k = self.arena.as_number(*exponent).unwrap_or(Number::ONE).negate();
                    let base = *base;
                    denominator.push(self.power_form(base, k));
                }
                _ => numerator.push(self.form(item)),
            }
        }
        if self.sorted {
            numerator.sort_by_cached_key(|f| factor_key(f));
            denominator.sort_by_cached_key(|f| factor_key(f));
        }
        let negative = coefficient.is_negative();
        let magnitude = coefficient.abs();
        match magnitude.as_ratio().filter(|_| !reads_as_decimal(magnitude, Place::Coefficient)) {
            Some((p, q)) => {
                if p != 1 || numerator.is_empty() && denominator.is_empty() {
                    numerator.insert(0, Rc::new(Form::Number(Number::int(p))));
                }
                if q != 1 {
                    denominator.insert(0, Rc::new(Form::Number(Number::int(q))));
                }
            }
            None => numerator.insert(0, Rc::new(Form::Number(magnitude))),
        }
        if !negative && numerator.len() == 1 && denominator.is_empty() {
            return unwrap_rc(numerator.remove(0));
        }
        Form::Product { negative, numerator, denominator }
    }

    fn sum_form(&mut self, items: &[Id]) -> Form {
        let mut terms: Vec<(bool, Rc<Form>)> = items.iter().map(|&item| split_sign(self.form(item))).collect();
        if self.sorted {
            terms.sort_by_cached_key(|(subtracted, term)| (*subtracted, !is_number(term), term_key(term)));
        }
        Form::Sum(terms)
    }
}

/// True when `child` opens up inside `parent`: a sum in a sum, a product in a product.
fn same_kind(parent: &Node, child: &Node) -> bool {
    matches!((parent, child), (Node::Add(_), Node::Add(_)) | (Node::Mul(_), Node::Mul(_)))
}

/// A number as a form: integers and floats plain, rationals as `p/q`, signs as products.
fn number_form(n: Number, place: Place) -> Form {
    let magnitude = n.abs();
    let (numerator, denominator) = match magnitude.as_ratio() {
        Some((p, q)) if q != 1 && !reads_as_decimal(magnitude, place) => {
            (vec![Rc::new(Form::Number(Number::int(p)))], vec![Rc::new(Form::Number(Number::int(q)))])
        }
        _ => (vec![Rc::new(Form::Number(magnitude))], Vec::new()),
    };
    if !n.is_negative() && denominator.is_empty() {
        return Form::Number(magnitude);
    }
    Form::Product { negative: n.is_negative(), numerator, denominator }
}

/// Where a fraction is printed.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// On its own (a term, an exponent).
    Alone,
    /// The coefficient of a product, or an exponent.
    Coefficient,
}

/// True for a fraction that a short decimal states exactly and that reads
/// better so: on its own any such fraction (`0.75`, `0.5`); as a coefficient
/// one whose denominator is a multiple of 10 (`0.3*x`, `1.702*x`, `1e-07*x`),
/// while halves, quarters and fifths stay fractions (`x/2`, `3*x/4`).
fn reads_as_decimal(magnitude: Number, place: Place) -> bool {
    let Some((_, mut q)) = magnitude.as_ratio() else { return false };
    if q == 1 || (place == Place::Coefficient && q % 10 != 0) {
        return false;
    }
    while q % 2 == 0 {
        q /= 2;
    }
    while q % 5 == 0 {
        q /= 5;
    }
    q == 1 && Number::parse_literal(&format_value(magnitude.to_f64())) == Some(magnitude)
}

fn unwrap_rc(form: Rc<Form>) -> Form {
    Rc::try_unwrap(form).unwrap_or_else(|shared| match &*shared {
        Form::Number(n) => Form::Number(*n),
        Form::Symbol(s) => Form::Symbol(s.clone()),
        Form::Call(f, a) => Form::Call(*f, a.clone()),
        Form::Reduce(r, a) => Form::Reduce(*r, a.clone()),
        Form::Sqrt(a) => Form::Sqrt(a.clone()),
        Form::Power(b, e) => Form::Power(b.clone(), e.clone()),
        Form::Product { negative, numerator, denominator } => {
            Form::Product { negative: *negative, numerator: numerator.clone(), denominator: denominator.clone() }
        }
        Form::Sum(terms) => Form::Sum(terms.clone()),
    })
}

/// A term's sign and magnitude: `-3*x` is (subtracted, `3*x`).
fn split_sign(form: Rc<Form>) -> (bool, Rc<Form>) {
    match &*form {
        Form::Product { negative: true, numerator, denominator } => {
            if numerator.len() == 1 && denominator.is_empty() {
                return (true, numerator[0].clone());
            }
            let positive =
                Form::Product { negative: false, numerator: numerator.clone(), denominator: denominator.clone() };
            (true, Rc::new(positive))
        }
        _ => (false, form),
    }
}

/// True when a form has no variables in it: numbers, π, e, `sqrt(8)`.
fn is_constant(form: &Form) -> bool {
    match form {
        Form::Number(_) => true,
        Form::Symbol(name) => name == "π" || name == "e",
        Form::Call(_, arg) | Form::Sqrt(arg) => is_constant(arg),
        Form::Power(base, exponent) => is_constant(base) && is_constant(exponent),
        Form::Product { numerator, denominator, .. } => numerator.iter().chain(denominator).all(|f| is_constant(f)),
        Form::Sum(terms) => terms.iter().all(|(_, t)| is_constant(t)),
        Form::Reduce(..) => false,
    }
}

fn is_number(form: &Form) -> bool {
    match form {
        Form::Number(_) => true,
        Form::Product { numerator, denominator, .. } => {
            numerator.iter().chain(denominator).all(|f| matches!(**f, Form::Number(_)))
        }
        _ => false,
    }
}

/// Orders terms by their text without a leading numeric coefficient, so
/// `a + b*c`, `1 + 2*x + x^2`.
fn term_key(form: &Form) -> String {
    match form {
        Form::Product { numerator, denominator, .. }
            if matches!(numerator.first().map(|f| &**f), Some(Form::Number(_))) =>
        {
            let rest =
                Form::Product { negative: false, numerator: numerator[1..].to_vec(), denominator: denominator.clone() };
            text(&rest)
        }
        _ => text(form),
    }
}

/// Names and their powers first (alphabetically), then the rest, shorter first:
/// `2*x*sin(x)`, `σ(z)*(1 - σ(z))`, `(1 - y)*log(1 - a)`.
fn factor_key(form: &Form) -> (u8, usize, String) {
    let shown = text(form);
    match form {
        Form::Number(_) => (0, 0, shown),
        _ if is_constant(form) => (0, 1, shown),
        Form::Symbol(_) => (1, 0, shown),
        Form::Power(base, _) if matches!(**base, Form::Symbol(_)) => (1, 0, shown),
        _ => (2, shown.chars().count(), shown),
    }
}

/// A number: integers in full up to 16 digits, beyond that (and for other
/// numbers) in the shortest form that reads back as the same number (`1e+20`).
pub(super) fn number_text(n: Number) -> String {
    match n.as_integer() {
        Some(i) if i.unsigned_abs() < 10u128.pow(16) => i.to_string(),
        Some(i) => {
            let short = format_value(n.to_f64());
            if Number::parse_literal(&short) == Some(n) { short } else { i.to_string() }
        }
        None => format_value(n.to_f64()),
    }
}

/// An exponent: bare when it is an atom or a power, or the negation of one
/// (`x^-2`, `x^-y`); otherwise in brackets, since `x^-3*y` reads as `(x^-3)*y`.
fn exponent_text(exponent: &Form) -> String {
    match exponent {
        Form::Product { negative: true, numerator, denominator }
            if denominator.is_empty() && numerator.len() == 1 && numerator[0].prec() >= Prec::Power =>
        {
            format!("-{}", text(&numerator[0]))
        }
        _ => wrapped(exponent, Prec::Power),
    }
}

/// Renders a form as gd text.
pub fn text(form: &Form) -> String {
    stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || text_inner(form))
}

fn text_inner(form: &Form) -> String {
    match form {
        Form::Number(n) => number_text(*n),
        Form::Symbol(name) => name.clone(),
        Form::Call(func, arg) => format!("{}({})", func.name(), text(arg)),
        Form::Reduce(reduction, arg) => format!("{}({})", reduction.name(), text(arg)),
        Form::Sqrt(arg) => format!("sqrt({})", text(arg)),
        Form::Power(base, exponent) => format!("{}^{}", wrapped(base, Prec::Atom), exponent_text(exponent)),
        Form::Product { negative, numerator, denominator } => {
            let mut out = if *negative { "-".to_string() } else { String::new() };
            if numerator.is_empty() {
                out.push('1');
            } else {
                let factors: Vec<String> = numerator.iter().map(|f| wrapped(f, Prec::Unary)).collect();
                out.push_str(&factors.join("*"));
            }
            match denominator.as_slice() {
                [] => {}
                [single] if single.prec() >= Prec::Power => {
                    out.push('/');
                    out.push_str(&text(single));
                }
                [single] => out.push_str(&format!("/({})", text(single))),
                several => {
                    let factors: Vec<String> = several.iter().map(|f| wrapped(f, Prec::Unary)).collect();
                    out.push_str(&format!("/({})", factors.join("*")));
                }
            }
            out
        }
        Form::Sum(terms) => {
            let mut out = String::new();
            for (index, (subtracted, term)) in terms.iter().enumerate() {
                let shown = if *subtracted { wrapped(term, Prec::Product) } else { text(term) };
                match (index, subtracted) {
                    (0, false) => out.push_str(&shown),
                    (0, true) => out.push_str(&format!("-{shown}")),
                    (_, false) => out.push_str(&format!(" + {shown}")),
                    (_, true) => out.push_str(&format!(" - {shown}")),
                }
            }
            out
        }
    }
}

/// The text of `form`, in brackets if it binds more loosely than `at_least`.
fn wrapped(form: &Form, at_least: Prec) -> String {
    if form.prec() < at_least { format!("({})", text(form)) } else { text(form) }
}

/// The most characters an expression may print as.
const PRINT_LIMIT: usize = 1_000_000;

/// What prints in place of an expression over the limit: it cannot be
/// pasted back as an expression by mistake.
fn too_long_text(size: usize) -> String {
    format!("⟨an expression of about {size} characters, too long to print; call it, check it or graph it⟩")
}

impl Arena {
    /// About how many characters `id` prints as, at least (found in one pass
    /// over the DAG, counting each use of a shared subexpression).
    pub fn printed_size(&self, id: Id) -> usize {
        let mut sizes: HashMap<Id, usize> = HashMap::new();
        for node in self.reachable(&[id]) {
            let own = match self.node(node) {
                Node::Var(symbol) | Node::Global(symbol) => self.name(*symbol).chars().count(),
                Node::Data(data) => self.data_name(*data).chars().count(),
                Node::Apply(..) | Node::Reduce(..) => 6,
                _ => 3,
            };
            let mut size = own;
            self.for_each_child(node, |child| size = size.saturating_add(sizes.get(&child).copied().unwrap_or(1) + 2));
            sizes.insert(node, size);
        }
        sizes.get(&id).copied().unwrap_or(0)
    }

    /// How many characters `id` takes when printed (the measure of `simplify`).
    pub fn print_length(&self, id: Id) -> usize {
        match self.printed_size(id) {
            size if size > PRINT_LIMIT => size,
            _ => text_length(&Printer::measuring(self).form(id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct PrintFixture {
        arena: Arena,
        vars: Vec<Id>,
    }

    fn fixture(names: &[&str]) -> PrintFixture {
        let mut arena = Arena::new();
        let vars = names
            .iter()
            .map(|n| {
                let s = arena.symbol(n);
                arena.var(s)
            })
            .collect();
        PrintFixture { arena, vars }
    }

    fn show(arena: &Arena, id: Id) -> String {
        Printer::new(arena).text(id)
    }

    #[test]
    fn numeric_factor_first_and_minimal_brackets() {
        let PrintFixture { mut arena, vars } = fixture(&["a", "b", "c"]);
        let (a, b, c) = (vars[0], vars[1], vars[2]);
        let three = arena.int(3);
        let bc = arena.mul([c, b]);
        let sum = arena.add([bc, a]);
        let j = arena.mul([sum, three]);
        assert_eq!(show(&arena, j), "3*(a + b*c)");
        let three_c = arena.mul([c, three]);
        assert_eq!(show(&arena, three_c), "3*c");
    }

    #[test]
    fn subtraction_and_negation() {
        let PrintFixture { mut arena, vars } = fixture(&["a", "b"]);
        let (a, b) = (vars[0], vars[1]);
        let difference = arena.sub(a, b);
        assert_eq!(show(&arena, difference), "a - b");
        let negated = arena.neg(difference);
        assert_eq!(show(&arena, negated), "-(a - b)");
        let sum = arena.add([a, b]);
        let minus_sum = arena.neg(sum);
        assert_eq!(show(&arena, minus_sum), "-(a + b)");
        let two = arena.int(2);
        let square = arena.pow(a, two);
        let minus_square = arena.neg(square);
        assert_eq!(show(&arena, minus_square), "-a^2");
        let three = arena.int(3);
        let three_b = arena.mul([three, b]);
        let a_minus = arena.sub(a, three_b);
        assert_eq!(show(&arena, a_minus), "a - 3*b");
    }

    #[test]
    fn division_where_a_reader_writes_it() {
        let PrintFixture { mut arena, vars } = fixture(&["x", "y"]);
        let (x, y) = (vars[0], vars[1]);
        let (one, two) = (arena.int(1), arena.int(2));
        let square = arena.pow(x, two);
        let denominator = arena.add([one, square]);
        let quotient = arena.div(x, denominator);
        assert_eq!(show(&arena, quotient), "x/(1 + x^2)");
        let reciprocal = arena.div(one, x);
        assert_eq!(show(&arena, reciprocal), "1/x");
        let xy = arena.mul([x, y]);
        let over = arena.div(one, xy);
        assert_eq!(show(&arena, over), "1/(x*y)");
        let third = arena.num(Number::ratio(1, 3).unwrap_or(Number::ONE));
        let x_third = arena.mul([third, x]);
        assert_eq!(show(&arena, x_third), "x/3");
        let minus_two_thirds = arena.num(Number::ratio(-2, 3).unwrap_or(Number::ONE));
        assert_eq!(show(&arena, minus_two_thirds), "-2/3");
    }

    #[test]
    fn roots_and_powers() {
        let PrintFixture { mut arena, vars } = fixture(&["x"]);
        let x = vars[0];
        let half = arena.num(Number::ratio(1, 2).unwrap_or(Number::ONE));
        let root = arena.pow(x, half);
        assert_eq!(show(&arena, root), "sqrt(x)");
        let minus_half = arena.num(Number::ratio(-1, 2).unwrap_or(Number::ONE));
        let inverse_root = arena.pow(x, minus_half);
        assert_eq!(show(&arena, inverse_root), "1/sqrt(x)");
        let three_halves = arena.num(Number::ratio(3, 2).unwrap_or(Number::ONE));
        let p = arena.pow(x, three_halves);
        assert_eq!(show(&arena, p), "x^(3/2)");
        let y = arena.symbol("y");
        let y = arena.var(y);
        let one = arena.int(1);
        let sum = arena.add([x, one]);
        let p = arena.pow(sum, y);
        assert_eq!(show(&arena, p), "(1 + x)^y");
    }

    #[test]
    fn the_seed_derivatives_read_naturally() {
        let PrintFixture { mut arena, vars } = fixture(&["x"]);
        let x = vars[0];
        let two = arena.int(2);
        let square = arena.pow(x, two);
        let sin = arena.apply(Func::Sin, x);
        let product = arena.mul([square, sin]);
        let d = arena.derivative(product, x);
        assert_eq!(show(&arena, d), "2*x*sin(x) + x^2*cos(x)");
    }

    #[test]
    fn positive_terms_before_negative_ones() {
        let PrintFixture { mut arena, vars } = fixture(&["y", "z"]);
        let (y, z) = (vars[0], vars[1]);
        let s = arena.apply(Func::Sigmoid, z);
        let difference = arena.sub(s, y);
        assert_eq!(show(&arena, difference), "σ(z) - y");
        let one = arena.int(1);
        let complement = arena.sub(one, s);
        assert_eq!(show(&arena, complement), "1 - σ(z)");
        let product = arena.mul([complement, s]);
        assert_eq!(show(&arena, product), "σ(z)*(1 - σ(z))");
    }

    #[test]
    fn exponents_that_are_products_keep_their_brackets() {
        let mut arena = Arena::new();
        for text in ["x^(-3*y)", "x^(-y/2)", "2^(-x*y)", "x^(y*z)", "x^-y", "x^y^2", "(-x)^y", "x^(-2)*y"] {
            let id = crate::lower::expression_from_text(&mut arena, &crate::env::Env::default(), text)
                .unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let printed = show(&arena, id);
            let read = crate::lower::expression_from_text(&mut arena, &crate::env::Env::default(), &printed);
            assert_eq!(read.ok(), Some(id), "{text} printed as {printed} reads back differently");
        }
    }

    #[test]
    fn decimals_stay_decimals_and_halves_stay_fractions() {
        let mut arena = Arena::new();
        let shown = |arena: &mut Arena, text: &str| {
            let id = crate::lower::expression_from_text(arena, &crate::env::Env::default(), text)
                .unwrap_or_else(|e| panic!("{text}: {e:?}"));
            show(arena, id)
        };
        assert_eq!(shown(&mut arena, "0.3*x"), "0.3*x");
        assert_eq!(shown(&mut arena, "1.702*x"), "1.702*x");
        assert_eq!(shown(&mut arena, "2*1e-7*x"), "2e-07*x");
        assert_eq!(shown(&mut arena, "-0.25*x/10"), "-0.025*x");
        assert_eq!(shown(&mut arena, "x/2"), "x/2");
        assert_eq!(shown(&mut arena, "x/3 + 0.75"), "0.75 + x/3");
        assert_eq!(shown(&mut arena, "3*x/4"), "3*x/4");
    }

    #[test]
    fn latex_has_the_same_size_limit_as_text() {
        let PrintFixture { mut arena, vars } = fixture(&["x"]);
        let mut chain = vars[0];
        for _ in 0..5000 {
            chain = arena.apply(Func::Sin, chain);
        }
        let derivative = arena.derivative(chain, vars[0]);
        let mut printer = Printer::new(&arena);
        let (text, latex) = (printer.text(derivative), printer.latex(derivative));
        assert!(text.starts_with("⟨an expression of about"), "{text}");
        assert!(latex.starts_with("\\text{⟨an expression of about") && latex.len() < 200, "{latex}");
        let small = arena.apply(Func::Sin, vars[0]);
        assert_eq!(Printer::new(&arena).latex(small), "\\sin\\left(x\\right)");
    }

    #[test]
    fn measured_length_is_the_printed_length() {
        let mut arena = Arena::new();
        let env = crate::env::Env::default();
        let texts = [
            "-x - y",
            "x^(-3*y) - 2/(x*y)^2 + sqrt(x)/3",
            "-(a - b)*c/(1 + exp(-x))",
            "σ(z)*(1 - σ(z)) - 0.25*x^-2 + mean(xs*(a - y))",
            "1e-07*x - 1.5e+20 + 2^(-x*y) + x^-y",
            "-3*x^(3/2)/(2*(x^2 - sin(x)/x)^(5/2))",
        ];
        for text in texts {
            let source = text.replace("xs", "x");
            let id = crate::lower::expression_from_text(&mut arena, &env, &source).unwrap_or_else(|e| panic!("{e:?}"));
            for candidate in [id, arena.expand(id), arena.factor(id), arena.together(id)] {
                let shown = show(&arena, candidate);
                assert_eq!(arena.print_length(candidate), shown.chars().count(), "{shown}");
            }
        }
    }

    #[test]
    fn nested_as_written_reads_flat() {
        let PrintFixture { mut arena, vars } = fixture(&["a", "b", "c"]);
        let (a, b, c) = (vars[0], vars[1], vars[2]);
        let two = arena.int(2);
        let two_b = arena.written_mul(two, b);
        let product = arena.written_mul(two_b, c);
        assert_eq!(show(&arena, product), "2*b*c");
        let sum = arena.written_add(a, b);
        let minus_c = arena.written_neg(c);
        let total = arena.written_add(sum, minus_c);
        assert_eq!(show(&arena, total), "a + b - c");
        let sin = arena.written_apply(Func::Sin, a);
        let square = arena.written_mul(sin, sin);
        let k = arena.written_add(square, sin);
        assert_eq!(show(&arena, k), "sin(a) + sin(a)*sin(a)");
        let mut long = a;
        for _ in 0..20_000 {
            long = arena.written_add(long, b);
        }
        assert_eq!(show(&arena, long).len(), "a".len() + 20_000 * " + b".len());
    }
}

//! Measuring printed text without printing it: takes a layout from
//! `print` (a [`Form`]) and hands on how many characters `print::text`
//! would give for it, in time linear in the layout's distinct parts. This
//! is the measure `simplify` compares candidate forms by.

use std::collections::HashMap;
use std::rc::Rc;

use super::print::{Form, Prec, number_text};

/// How many characters `print::text` gives for `form`, in whatever order its
/// terms and factors are (a sum prints positive terms first, so it starts
/// with a minus only when every term is subtracted), without building the
/// text. A subexpression shared in the layout is measured once, so this is
/// linear in the number of distinct subexpressions, not in the length.
pub fn text_length(form: &Form) -> usize {
    Measure::default().length(form)
}

/// Lengths of the shared parts of one layout, by address (the layout owns
/// them all while it is measured).
#[derive(Default)]
struct Measure {
    known: HashMap<*const Form, usize>,
}

impl Measure {
    fn length(&mut self, form: &Form) -> usize {
        stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || self.inner(form))
    }

    fn child(&mut self, form: &Rc<Form>) -> usize {
        let key = Rc::as_ptr(form);
        if let Some(&known) = self.known.get(&key) {
            return known;
        }
        let length = self.length(form);
        self.known.insert(key, length);
        length
    }

    fn wrapped(&mut self, form: &Rc<Form>, at_least: Prec) -> usize {
        self.child(form) + if form.prec() < at_least { 2 } else { 0 }
    }

    fn factors(&mut self, list: &[Rc<Form>]) -> usize {
        list.iter().map(|f| self.wrapped(f, Prec::Unary)).sum::<usize>() + list.len().saturating_sub(1)
    }

    fn inner(&mut self, form: &Form) -> usize {
        let chars = |s: &str| s.chars().count();
        match form {
            Form::Number(n) => chars(&number_text(*n)),
            Form::Symbol(name) => chars(name),
            Form::Call(func, arg) => chars(func.name()) + 2 + self.child(arg),
            Form::Reduce(reduction, arg) => chars(reduction.name()) + 2 + self.child(arg),
            Form::Sqrt(arg) => "sqrt()".len() + self.child(arg),
            Form::Power(base, exponent) => self.wrapped(base, Prec::Atom) + 1 + self.exponent(exponent),
            Form::Product { negative, numerator, denominator } => {
                let top = if numerator.is_empty() { 1 } else { self.factors(numerator) };
                let bottom = match denominator.as_slice() {
                    [] => 0,
                    [single] if single.prec() >= Prec::Power => 1 + self.child(single),
                    [single] => 3 + self.child(single),
                    several => 3 + self.factors(several),
                };
                usize::from(*negative) + top + bottom
            }
            Form::Sum(terms) => {
                let shown: usize = terms
                    .iter()
                    .map(
                        |(subtracted, term)| {
                            if *subtracted { self.wrapped(term, Prec::Product) } else { self.child(term) }
                        },
                    )
                    .sum();
                let all_subtracted = terms.iter().all(|(subtracted, _)| *subtracted);
                shown + 3 * terms.len().saturating_sub(1) + usize::from(all_subtracted && !terms.is_empty())
            }
        }
    }

    fn exponent(&mut self, exponent: &Rc<Form>) -> usize {
        match &**exponent {
            Form::Product { negative: true, numerator, denominator }
                if denominator.is_empty() && numerator.len() == 1 && numerator[0].prec() >= Prec::Power =>
            {
                1 + self.child(&numerator[0])
            }
            _ => self.wrapped(exponent, Prec::Power),
        }
    }
}

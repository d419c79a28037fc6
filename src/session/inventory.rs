//! What a session holds, told to the REPL: the names it knows with their
//! shapes ([`Vocabulary`], for completion, hints and highlighting) and the
//! `:list` text (definitions as written, bound values, loaded data).

use crate::catalogue;
use crate::data::table::vector_text;
use crate::env::{BoundValue, EnvEntry};
use crate::expr::arena::Arena;
use crate::msg;
use crate::render::results::{self as show, Format};
use crate::session::Session;

/// The session's names, by what they are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vocabulary {
    /// Callable names with their parameters: definitions and bound derivatives.
    pub functions: Vec<(String, Vec<String>)>,
    /// Names of tables and result records, with their columns or fields.
    pub records: Vec<(String, Vec<String>)>,
    /// Every other bound name (numbers, vectors, gradients).
    pub values: Vec<String>,
}

impl Vocabulary {
    /// The parameters of a callable name.
    pub fn params(&self, name: &str) -> Option<&[String]> {
        self.functions.iter().find(|(n, _)| n == name).map(|(_, p)| p.as_slice())
    }

    /// The columns of a table, or the fields of a record.
    pub fn fields(&self, name: &str) -> Option<&[String]> {
        self.records.iter().find(|(n, _)| n == name).map(|(_, f)| f.as_slice())
    }

    /// Every name the session defines.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let callables = self.functions.iter().map(|(n, _)| n.as_str());
        callables.chain(self.records.iter().map(|(n, _)| n.as_str())).chain(self.values.iter().map(String::as_str))
    }

    /// Every parameter of every function, once each.
    pub fn all_params(&self) -> Vec<&str> {
        let mut params: Vec<&str> = self.functions.iter().flat_map(|(_, p)| p.iter().map(String::as_str)).collect();
        params.sort_unstable();
        params.dedup();
        params
    }
}

impl Session {
    /// The names in the session, in the order they were last bound.
    pub fn vocabulary(&self) -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        for name in self.journal.names() {
            let Some(entry) = self.env.get(name) else { continue };
            let name = name.to_string();
            match entry {
                EnvEntry::Function(def) => vocabulary.functions.push((name, def.params().to_vec())),
                EnvEntry::Value(BoundValue::Function(function)) => {
                    vocabulary.functions.push((name, function.params.to_vec()))
                }
                EnvEntry::Value(BoundValue::Table(table)) => {
                    vocabulary.records.push((name, table.names().map(str::to_string).collect()));
                }
                EnvEntry::Value(BoundValue::Record(record)) => {
                    vocabulary.records.push((name, record.fields.iter().map(|(f, _)| f.clone()).collect()));
                }
                EnvEntry::Value(_) => vocabulary.values.push(name),
            }
        }
        vocabulary
    }

    /// The `:list` text: definitions as written, values, then data.
    pub fn listing(&mut self) -> String {
        let mut definitions = Vec::new();
        let mut values = Vec::new();
        let mut data = Vec::new();
        for name in self.journal.names() {
            match self.env.get(name) {
                Some(EnvEntry::Function(_)) => {
                    // A definition typed over several lines keeps its lines, indented under the first.
                    let text = self.journal.last_text(name).unwrap_or(name);
                    definitions.push(text.lines().map(str::trim).collect::<Vec<_>>().join("\n    "));
                }
                Some(EnvEntry::Value(BoundValue::Table(table))) => data.push(catalogue::word(&msg!(
                    "inventory.table",
                    name = name,
                    source = table.source,
                    rows = table.rows,
                    columns = table.names().collect::<Vec<_>>()
                ))),
                Some(EnvEntry::Value(value)) => values.push(format!("{name} = {}", value_line(&mut self.arena, value))),
                None => {}
            }
        }
        let mut out = String::new();
        let titles = [msg!("inventory.functions"), msg!("inventory.values"), msg!("inventory.data")];
        for (title, lines) in titles.iter().zip([definitions, values, data]) {
            if !lines.is_empty() {
                out.push_str(&format!("{}\n", catalogue::word(title)));
                for line in lines {
                    out.push_str(&format!("  {line}\n"));
                }
            }
        }
        if out.is_empty() {
            out.push_str(&format!("{}\n", catalogue::word(&msg!("inventory.empty"))));
        }
        out
    }
}

/// A bound value on one line.
fn value_line(arena: &mut Arena, value: &BoundValue) -> String {
    match value {
        BoundValue::Number(number) => show::number_text(number.to_f64(), Format::Text),
        BoundValue::Vector(values) => vector_text(values),
        BoundValue::Function(function) => show::function_text(arena, function, Format::Text),
        BoundValue::Gradient(gradient) => show::gradient_inline(arena, gradient),
        BoundValue::Record(record) => {
            let fields: Vec<String> = record
                .fields
                .iter()
                .map(|(field, value)| format!("{field} = {}", show::number_text(*value, Format::Text)))
                .collect();
            catalogue::word(&msg!("inventory.record", fields = fields))
        }
        BoundValue::Table(table) => table.source.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::session::{Captured, Session, Settings};

    fn session(lines: &[&str]) -> Session {
        let mut session = Session::new(Settings::default());
        for line in lines {
            let mut out = Captured::default();
            session.run_line(line, &mut out);
            assert!(out.err.is_empty(), "{line}: {}", out.err);
        }
        session
    }

    #[test]
    fn the_vocabulary_knows_parameters_and_fields() {
        let session = session(&["J(a, b, c) = 3*(a + b*c)", "dJ = ∂J/∂b", "x = 2", "J(θ1) = θ1^2", "r = minimize J"]);
        let vocabulary = session.vocabulary();
        assert_eq!(vocabulary.params("J"), Some(&["θ1".to_string()][..]));
        assert_eq!(vocabulary.params("dJ").map(<[String]>::len), Some(3));
        assert!(vocabulary.fields("r").is_some_and(|f| f.iter().any(|f| f == "iterations")));
        assert_eq!(vocabulary.values, ["x"]);
    }

    #[test]
    fn the_listing_shows_definitions_as_written_and_values() {
        let mut session = session(&["J(a,b,c) = 3*(a + b*c)", "x = 1/4", "dJ = ∂J/∂b"]);
        assert_eq!(
            session.listing(),
            "functions:\n  J(a,b,c) = 3*(a + b*c)\nvalues:\n  x = 0.25\n  dJ = ∂J/∂b = 3*c\n"
        );
        assert!(self::session(&[]).listing().starts_with("nothing defined yet"));
    }
}

//! The session's journal: every statement that changed the environment (a
//! definition, a binding, `r = minimize …`), as written, in the order it ran.
//!
//! The REPL's `:save` hands the journal to [`Journal::script`], which keeps
//! just the statements needed to rebuild the environment as it is now (the
//! last binding of each name, and every earlier one a kept statement read)
//! and writes them as a runnable `.gd` script. Replaying the statements
//! themselves, rather than printing their values, keeps what values cannot
//! say: late-bound definitions, derivative snapshots, loaded tables.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use logos::Logos;

use crate::syntax::lexer::Token;

/// One statement that bound `name`.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    name: String,
    /// The statement's text, with relative file names made absolute.
    text: String,
    /// Every name the statement mentions after the one it binds.
    reads: Vec<String>,
}

/// The statements that changed the environment, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Journal {
    entries: Vec<Entry>,
}

impl Journal {
    /// Records that the statement `text`, run from the folder `dir`, bound `name`.
    pub fn record(&mut self, name: &str, text: &str, dir: &Path) {
        let reads = names_in(text).skip(1).map(str::to_string).collect();
        self.entries.push(Entry { name: name.to_string(), text: absolute_paths(text, dir), reads });
    }

    /// How many statements are recorded (a point to [`Journal::truncate`] back to).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets the statements recorded after the first `len`.
    pub fn truncate(&mut self, len: usize) {
        self.entries.truncate(len);
    }

    /// The text that bound `name` last, if any.
    pub fn last_text(&self, name: &str) -> Option<&str> {
        self.entries.iter().rev().find(|e| e.name == name).map(|e| e.text.as_str())
    }

    /// The bound names, in the order of their last binding.
    pub fn names(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        let mut names: Vec<&str> =
            self.entries.iter().rev().map(|e| e.name.as_str()).filter(|name| seen.insert(*name)).collect();
        names.reverse();
        names
    }

    /// The statements that rebuild the environment, one per line, with file
    /// names written relative to `folder` (where the script will live) when
    /// they are inside it.
    pub fn script(&self, folder: &Path) -> String {
        let kept = self.needed();
        let mut script = String::new();
        for (entry, _) in self.entries.iter().zip(&kept).filter(|(_, keep)| **keep) {
            script.push_str(&relative_paths(&entry.text, folder));
            script.push('\n');
        }
        script
    }

    /// Which entries are needed: walking back from the newest, a statement is
    /// kept when it is the last binding of its name, or when a kept statement
    /// after it reads its name before any later binding of that name.
    fn needed(&self) -> Vec<bool> {
        let mut keep = vec![false; self.entries.len()];
        let mut bound_later: HashSet<&str> = HashSet::new();
        let mut wanted: HashSet<&str> = HashSet::new();
        for (index, entry) in self.entries.iter().enumerate().rev() {
            let name = entry.name.as_str();
            if !bound_later.contains(name) || wanted.contains(name) {
                keep[index] = true;
                wanted.remove(name);
                wanted.extend(entry.reads.iter().map(String::as_str));
            }
            bound_later.insert(name);
        }
        keep
    }
}

/// The names a statement's text mentions, in order.
fn names_in(text: &str) -> impl Iterator<Item = &str> {
    Token::lexer(text).filter_map(|token| match token {
        Ok(Token::Ident(name)) => Some(name),
        _ => None,
    })
}

/// Rewrites every string in `text` (they all name files) through `change`.
fn rewrite_strings(text: &str, change: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (token, range) in Token::lexer(text).spanned() {
        if let Ok(Token::Str(path)) = token
            && let Some(new) = change(path)
        {
            out.push_str(&text[copied..range.start]);
            out.push('"');
            out.push_str(&new);
            out.push('"');
            copied = range.end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn absolute_paths(text: &str, dir: &Path) -> String {
    rewrite_strings(text, |path| {
        let path = Path::new(path);
        if path.is_absolute() {
            return None;
        }
        let joined = std::path::absolute(dir.join(path)).ok()?;
        joined.to_str().map(str::to_string)
    })
}

fn relative_paths(text: &str, folder: &Path) -> String {
    let folder = std::path::absolute(folder).unwrap_or_else(|_| PathBuf::from(folder));
    rewrite_strings(text, |path| {
        let inside = Path::new(path).strip_prefix(&folder).ok()?;
        inside.to_str().filter(|s| !s.is_empty()).map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(statements: &[(&str, &str)]) -> Journal {
        let mut journal = Journal::default();
        for (name, text) in statements {
            journal.record(name, text, Path::new("/work"));
        }
        journal
    }

    #[test]
    fn a_rebinding_replaces_the_old_statement() {
        let journal = recorded(&[("x", "x = 1"), ("J", "J(a) = a^2"), ("x", "x = 2")]);
        assert_eq!(journal.script(Path::new("/work")), "J(a) = a^2\nx = 2\n");
        assert_eq!(journal.names(), ["J", "x"]);
    }

    #[test]
    fn an_old_binding_stays_when_a_kept_statement_read_it() {
        let journal = recorded(&[("x", "x = 1"), ("y", "y = x + 1"), ("x", "x = 5")]);
        assert_eq!(journal.script(Path::new("/work")), "x = 1\ny = x + 1\nx = 5\n");
        let journal = recorded(&[("f", "f(t) = t"), ("g", "g(t) = f(t) + 1"), ("f", "f(t) = 2*t")]);
        assert_eq!(journal.script(Path::new("/work")).lines().count(), 3);
        let journal = recorded(&[("x", "x = 1"), ("x", "x = x + 1"), ("x", "x = x + 1")]);
        assert_eq!(journal.script(Path::new("/work")).lines().count(), 3);
    }

    #[test]
    fn file_names_become_absolute_then_relative_to_the_script() {
        let mut journal = Journal::default();
        journal.record("d", r#"d = load("data/a.csv")"#, Path::new("/work/lesson"));
        assert_eq!(journal.last_text("d"), Some(r#"d = load("/work/lesson/data/a.csv")"#));
        assert_eq!(journal.script(Path::new("/work/lesson")), "d = load(\"data/a.csv\")\n");
        assert_eq!(journal.script(Path::new("/elsewhere")), "d = load(\"/work/lesson/data/a.csv\")\n");
    }

    #[test]
    fn truncating_forgets_the_newest() {
        let mut journal = recorded(&[("x", "x = 1"), ("y", "y = 2")]);
        journal.truncate(1);
        assert_eq!(journal.names(), ["x"]);
        assert_eq!(journal.len(), 1);
    }
}

//! The session's journal: every statement that changed the environment (a
//! definition, a binding, `r = minimize …`), as written, in the order it ran.
//!
//! The REPL's `:save` hands the journal to [`Journal::script`], which keeps
//! just the statements needed to rebuild the environment as it is now (the
//! last binding of each name, and every earlier one a kept statement read)
//! and writes them as a runnable `.gd` script. Replaying the statements
//! themselves, rather than printing their values, keeps what values cannot
//! say: late-bound definitions, derivative snapshots, loaded tables.
//!
//! A `r = minimize …` is recorded by [`replayable`] so that it replays to the
//! same result: with the session's `seed` when it draws random numbers and
//! gives none, and, when Ctrl-C stopped it, with the `steps` the stopped run
//! took (or, during `restarts`, with only the runs that had finished).

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use logos::Logos;

use crate::names::SettingName;
use crate::syntax::lexer::Token;

/// One statement that bound `name`.
#[derive(Clone, Debug, PartialEq)]
struct JournalEntry {
    name: String,
    /// The statement's text, with relative file names made absolute.
    text: String,
    /// Every name the statement mentions after the one it binds.
    reads: Vec<String>,
}

/// The statements that changed the environment, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Journal {
    entries: Vec<JournalEntry>,
}

impl Journal {
    /// Records that the statement `text`, run from the folder `dir`, bound `name`.
    pub fn record(&mut self, name: &str, text: &str, dir: &Path) {
        let reads = names_in(text).skip(1).map(str::to_string).collect();
        self.entries.push(JournalEntry { name: name.to_string(), text: absolute_paths(text, dir), reads });
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

/// How a `minimize` statement ran, as far as its replay depends on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ended {
    /// The run Ctrl-C stopped, if one was: 0 the run from the start given,
    /// 1… the restarts (each run after it was stopped at once too).
    pub stopped_run: Option<usize>,
    /// The iterations of the run whose result was kept.
    pub iterations: usize,
    /// The seed the session uses when a statement gives none.
    pub seed: u64,
}

/// The text of a `minimize` statement, changed so that running it again
/// gives the result it gave:
/// - `seed = …` added when it draws random numbers (`restarts`, `batch`,
///   `method = sgd`) without one, so another session's seed cannot change it;
/// - stopped in its first run: `steps = N`, the steps it took (and
///   `restarts = 0`), so it ends where it stopped;
/// - stopped in restart k: `restarts = k - 1`, the runs that had finished,
///   of which the best was kept (a stopped run is never the best).
pub fn replayable(text: &str, ended: &Ended) -> String {
    let given = settings_in(text);
    let has = |name: SettingName| given.iter().any(|setting| setting.name == name);
    let sgd = given.iter().any(|s| s.name == SettingName::Method && s.value.clone().is_some_and(|v| &text[v] == "sgd"));
    let mut changes: Vec<(&str, String)> = Vec::new();
    match ended.stopped_run {
        Some(0) => {
            changes.push(("steps", ended.iterations.to_string()));
            if has(SettingName::Restarts) {
                changes.push(("restarts", "0".to_string()));
            }
        }
        Some(run) => changes.push(("restarts", (run - 1).to_string())),
        None => {}
    }
    if (has(SettingName::Restarts) || has(SettingName::Batch) || sgd) && !has(SettingName::Seed) {
        changes.push(("seed", ended.seed.to_string()));
    }
    with_settings(text, &given, &changes)
}

/// One setting written after `with`: its name, its value's text, and where it ends.
struct Given {
    name: SettingName,
    value: Option<Range<usize>>,
    end: usize,
}

/// The settings after the `with` of a `minimize` statement, as written.
fn settings_in(text: &str) -> Vec<Given> {
    let tokens: Vec<(Token, Range<usize>)> = Token::lexer(text)
        .spanned()
        .filter_map(|(token, range)| token.ok().filter(|t| *t != Token::Newline).map(|t| (t, range)))
        .collect();
    let mut depth = 0usize;
    let mut after_with = None;
    for (index, (token, _)) in tokens.iter().enumerate() {
        match token {
            Token::LParen | Token::LBracket => depth += 1,
            Token::RParen | Token::RBracket => depth = depth.saturating_sub(1),
            Token::With if depth == 0 => {
                after_with = Some(index + 1);
                break;
            }
            _ => {}
        }
    }
    let Some(first) = after_with else { return Vec::new() };
    let mut given = Vec::new();
    for setting in split_at_commas(&tokens[first..]) {
        let Some(((Token::Ident(name), named), rest)) = setting.split_first() else { continue };
        let Some(name) = SettingName::lookup(name) else { continue };
        let value = match rest {
            [(Token::Equals, _), first, .., last] => Some(first.1.start..last.1.end),
            [(Token::Equals, _), only] => Some(only.1.clone()),
            _ => None,
        };
        let end = value.as_ref().map_or(named.end, |v| v.end);
        given.push(Given { name, value, end });
    }
    given
}

/// The tokens between commas outside brackets.
fn split_at_commas<'t, 's>(tokens: &'t [(Token<'s>, Range<usize>)]) -> Vec<&'t [(Token<'s>, Range<usize>)]> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (index, (token, _)) in tokens.iter().enumerate() {
        match token {
            Token::LParen | Token::LBracket => depth += 1,
            Token::RParen | Token::RBracket => depth = depth.saturating_sub(1),
            Token::Comma if depth == 0 => {
                parts.push(&tokens[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    parts
}

/// `text` with each setting of `changes` given its value: in place of the
/// value written (every time it is written), or added after the last setting.
fn with_settings(text: &str, given: &[Given], changes: &[(&str, String)]) -> String {
    let mut replaced: Vec<(Range<usize>, &str)> = Vec::new();
    let mut added = String::new();
    for (name, value) in changes {
        let written: Vec<&Given> = given.iter().filter(|g| Some(g.name) == SettingName::lookup(name)).collect();
        let values: Vec<Range<usize>> = written.iter().filter_map(|g| g.value.clone()).collect();
        if values.is_empty() {
            added
                .push_str(&format!("{}{name} = {value}", if given.is_empty() && added.is_empty() { "" } else { ", " }));
        }
        replaced.extend(values.into_iter().map(|range| (range, value.as_str())));
    }
    let at = given.iter().map(|g| g.end).max();
    let mut out = String::with_capacity(text.len() + added.len() + 8);
    let mut copied = 0;
    replaced.sort_by_key(|(range, _)| range.start);
    for (range, value) in replaced {
        out.push_str(&text[copied..range.start]);
        out.push_str(value);
        copied = range.end;
    }
    match at {
        Some(at) if !added.is_empty() => {
            out.push_str(&text[copied..at]);
            out.push_str(&added);
            out.push_str(&text[at..]);
        }
        None if !added.is_empty() => {
            out.push_str(&text[copied..]);
            out.push_str(" with ");
            out.push_str(&added);
        }
        _ => out.push_str(&text[copied..]),
    }
    out
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

    fn replayed(text: &str, stopped_run: Option<usize>) -> String {
        replayable(text, &Ended { stopped_run, iterations: 37, seed: 2026 })
    }

    #[test]
    fn a_run_stopped_by_ctrl_c_replays_to_the_same_point() {
        let r = "r = minimize J";
        assert_eq!(replayed(r, None), r, "a finished run is written as typed");
        assert_eq!(replayed(r, Some(0)), "r = minimize J with steps = 37");
        assert_eq!(
            replayed("r = minimize J with steps=1000000000, tol=0", Some(0)),
            "r = minimize J with steps=37, tol=0"
        );
        assert_eq!(replayed("r = minimize J with α = 0.1", Some(0)), "r = minimize J with α = 0.1, steps = 37");
        assert_eq!(
            replayed("r = minimize J from a = max(1, 2) with α = f(1, 2),\n  tol = 0 # slow", Some(0)),
            "r = minimize J from a = max(1, 2) with α = f(1, 2),\n  tol = 0, steps = 37 # slow"
        );
    }

    #[test]
    fn restarts_stopped_by_ctrl_c_replay_only_the_runs_that_finished() {
        let r = "r = minimize J with restarts = 5, steps = 100000";
        assert_eq!(replayed(r, Some(0)), "r = minimize J with restarts = 0, steps = 37, seed = 2026");
        assert_eq!(replayed(r, Some(1)), "r = minimize J with restarts = 0, steps = 100000, seed = 2026");
        assert_eq!(replayed(r, Some(4)), "r = minimize J with restarts = 3, steps = 100000, seed = 2026");
        assert_eq!(replayed(r, None), "r = minimize J with restarts = 5, steps = 100000, seed = 2026");
        let seeded = "r = minimize J with restarts = 5, seed = 7";
        assert_eq!(replayed(seeded, Some(3)), "r = minimize J with restarts = 2, seed = 7");
    }

    #[test]
    fn random_draws_keep_the_seed_they_were_run_with() {
        assert_eq!(replayed("r = minimize J with batch = 16", None), "r = minimize J with batch = 16, seed = 2026");
        assert_eq!(replayed("r = minimize J with method = sgd", None), "r = minimize J with method = sgd, seed = 2026");
        assert_eq!(replayed("r = minimize J with method = adam", None), "r = minimize J with method = adam");
        assert_eq!(
            replayed("r = minimize J with batch = 8, seed = 3", None),
            "r = minimize J with batch = 8, seed = 3"
        );
    }

    #[test]
    fn truncating_forgets_the_newest() {
        let mut journal = recorded(&[("x", "x = 1"), ("y", "y = 2")]);
        journal.truncate(1);
        assert_eq!(journal.names(), ["x"]);
        assert_eq!(journal.len(), 1);
    }
}

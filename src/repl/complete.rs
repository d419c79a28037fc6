//! Tab completion: what the word before the cursor could become.
//!
//! `\alpha` becomes α (any name of the unicode table); inside an open string
//! (`load("da`, `plot = "`, `:load "my l`), a file name; at the start of a
//! line, `:he` becomes `:help` (and `:help d` a topic); after `with`, the
//! settings of minimize (and after `method =`, the methods); after `as`, the
//! formats; after `data.`, the table's columns or the record's fields;
//! anywhere else the session's names, their parameters, the builtins and
//! the keywords; nothing in a comment. The words of a continued statement
//! are read with its earlier lines. Hands on the start of the word and the
//! candidates. The REPL's editor and the Jupyter kernel both complete with
//! [`complete`]; [`word_around`] finds the word a notebook asks help on.

use std::path::Path;

use logos::Logos;

use super::help::TOPICS;
use super::unicode;
use crate::builtins::BUILTINS;
use crate::names::{EXPRESSION_FORMATS, GRAPH_FORMATS, KEYWORDS};
use crate::names::{METHODS, SETTINGS};
use crate::session::inventory::Vocabulary;
use crate::syntax::lexer::{LexError, Token};

/// The REPL's commands, as typed.
pub const COMMANDS: &[&str] = &[":help", ":list", ":clear", ":load", ":save", ":quit"];

/// One way to complete: what the list shows, and what replaces the word.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub display: String,
    pub replacement: String,
}

/// What completion offers for the word before the cursor: replace the
/// text from byte `start` with one of the candidates.
#[derive(Debug, PartialEq)]
pub struct Completion {
    pub start: usize,
    pub candidates: Vec<Candidate>,
}

/// How a file name is written where it is being completed.
#[derive(Clone, Copy)]
enum FileSpelling {
    /// In a string (`load("da`); `closed` when its `"` already follows the cursor.
    Quoted { closed: bool },
    /// Bare, after `:load` or `:save`, with a backslash before each character
    /// that would end it or that a shell would read (`my\ lesson.gd`).
    Bare,
}

/// The completions of the text before `pos` in `line`, which continues the
/// statement begun on the `earlier` lines (empty for a new statement).
pub fn complete(earlier: &str, line: &str, pos: usize, vocabulary: &Vocabulary) -> Completion {
    let before = &line[..pos];
    if let Some(start) = open_string(before) {
        let closed = line[pos..].starts_with('"');
        return Completion { start, candidates: file_candidates(&before[start..], FileSpelling::Quoted { closed }) };
    }
    if earlier.is_empty() && before.trim_start().starts_with(':') {
        return command(before);
    }
    if let Some(start) = latex_start(before) {
        return Completion { start, candidates: latex_candidates(&before[start..]) };
    }
    if in_comment(before) {
        return Completion { start: pos, candidates: Vec::new() };
    }
    let start = word_start(before);
    let word = &before[start..];
    let words = context_words(&format!("{earlier}\n{}", &before[..start]), vocabulary);
    let mut candidates: Vec<Candidate> = words
        .into_iter()
        .filter(|w| w.starts_with(word))
        .map(|w| Candidate { display: w.clone(), replacement: w })
        .collect();
    candidates.sort_by(|a, b| a.display.cmp(&b.display));
    candidates.dedup();
    Completion { start, candidates }
}

/// Where a run of `\names` being typed starts (`\theta\_1`), if the cursor
/// is at the end of one.
fn latex_start(before: &str) -> Option<usize> {
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '^' || c == '-';
    let mut start = None;
    let mut rest = before;
    loop {
        let tail = rest.trim_end_matches(name_char);
        if !tail.ends_with('\\') {
            return start;
        }
        start = Some(tail.len() - 1);
        rest = &tail[..tail.len() - 1];
    }
}

/// `\theta\_1` → `θ₁`: every complete name in the run becomes its symbol,
/// and the last may be a prefix (`\theta\_` lists θ₀ … θ₉).
fn latex_candidates(run: &str) -> Vec<Candidate> {
    let names: Vec<&str> = run.split('\\').skip(1).collect();
    let Some((last, complete)) = names.split_last() else { return Vec::new() };
    let mut prefix = String::new();
    for name in complete {
        match unicode::NAMES.iter().find(|(n, _)| &n[1..] == *name) {
            Some((_, symbol)) => prefix.push_str(symbol),
            None => return Vec::new(),
        }
    }
    unicode::starting_with(&format!("\\{last}"))
        .map(|(name, symbol)| Candidate {
            display: format!("{name} {symbol}"),
            replacement: format!("{prefix}{symbol}"),
        })
        .collect()
}

/// Where the text of a string left open at the end of `before` starts
/// (after its `"`), if one is: strings name files, so that text is a file name.
pub fn open_string(before: &str) -> Option<usize> {
    let (last, range) = Token::lexer(before).spanned().last()?;
    (last == Err(LexError::UnterminatedString) && range.end == before.len()).then_some(range.start + 1)
}

/// Whether `before` ends inside a `#` comment (where words are not code).
pub fn in_comment(before: &str) -> bool {
    let code_end = Token::lexer(before).spanned().last().map_or(0, |(_, range)| range.end);
    before[code_end..].contains('#')
}

/// The files and folders whose names continue `typed` (a path, relative to
/// the current folder unless absolute), spelled as `spelling` says. A
/// folder ends in `/`; in a string, a file ends it with `"` (unless it is
/// already closed), and names a string cannot hold (with `"`) are left out.
/// Hidden names are left out unless `.` was typed.
fn file_candidates(typed: &str, spelling: FileSpelling) -> Vec<Candidate> {
    let typed = match spelling {
        FileSpelling::Quoted { .. } => typed.to_string(),
        // A backslash just typed, with nothing after it yet, begins an escape.
        FileSpelling::Bare => {
            let lone = typed.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1;
            bare_file_name(if lone { &typed[..typed.len() - 1] } else { typed })
        }
    };
    let (folder, prefix) = match typed.rfind('/') {
        Some(slash) => typed.split_at(slash + 1),
        None => ("", typed.as_str()),
    };
    let listed = if folder.is_empty() { Path::new(".") } else { Path::new(folder) };
    let Ok(entries) = std::fs::read_dir(listed) else { return Vec::new() };
    let quoted = matches!(spelling, FileSpelling::Quoted { .. });
    let mut candidates: Vec<Candidate> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let shown = name.starts_with(prefix)
                && !(quoted && name.contains('"'))
                && (!name.starts_with('.') || prefix.starts_with('.'));
            if !shown {
                return None;
            }
            let folder_entry = entry.path().is_dir();
            let display = if folder_entry { format!("{name}/") } else { name.clone() };
            let path = format!("{folder}{display}");
            let replacement = match spelling {
                FileSpelling::Quoted { closed } if !folder_entry && !closed => format!("{path}\""),
                FileSpelling::Quoted { .. } => path,
                FileSpelling::Bare => escaped_path(&path),
            };
            Some(Candidate { display, replacement })
        })
        .collect();
    candidates.sort_by(|a, b| a.display.cmp(&b.display));
    candidates
}

/// A bare file name as typed: a backslash keeps the next character as it
/// is (`my\ lesson.gd` is `my lesson.gd`).
pub fn bare_file_name(typed: &str) -> String {
    let mut name = String::with_capacity(typed.len());
    let mut chars = typed.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.next_if(|_| c == '\\')) {
            ('\\', Some(next)) => name.push(next),
            _ => name.push(c),
        }
    }
    name
}

/// A path written bare: a backslash before each character that would end
/// it or that a shell would read (the inverse of [`bare_file_name`]).
pub fn escaped_path(path: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "._-+/~@,:=%".contains(c);
    path.chars().map(|c| if plain(c) { c.to_string() } else { format!("\\{c}") }).collect()
}

/// Where the name before the cursor starts.
fn word_start(before: &str) -> usize {
    let tail = before.trim_end_matches(crate::syntax::lexer::is_name_char);
    tail.len()
}

/// The name that byte `pos` of `text` is in or at the end of (for help on
/// the word under the cursor); empty when there is none.
pub fn word_around(text: &str, pos: usize) -> &str {
    let Some((before, after)) = text.split_at_checked(pos) else { return "" };
    let end = after.find(|c| !crate::syntax::lexer::is_name_char(c)).unwrap_or(after.len());
    &text[word_start(before)..pos + end]
}

/// `:he` → `:help`; `:help d` → its topics; `:load f` → a file name (a
/// quoted one, `:load "my l`, is an open string, completed before this).
fn command(before: &str) -> Completion {
    let text = before.trim_start();
    let offset = before.len() - text.len();
    match text.split_once(char::is_whitespace) {
        None => {
            let candidates = COMMANDS.iter().filter(|c| c.starts_with(text)).map(|c| word(c)).collect::<Vec<_>>();
            Completion { start: offset, candidates }
        }
        Some((":help", topic)) => {
            let topic = topic.trim_start();
            let start = before.len() - topic.len();
            let candidates = TOPICS.iter().filter(|(t, _)| t.starts_with(topic)).map(|(t, _)| word(t)).collect();
            Completion { start, candidates }
        }
        Some((":load" | ":save", typed)) => {
            let typed = typed.trim_start();
            Completion { start: before.len() - typed.len(), candidates: file_candidates(typed, FileSpelling::Bare) }
        }
        Some(_) => Completion { start: before.len(), candidates: Vec::new() },
    }
}

fn word(text: &str) -> Candidate {
    Candidate { display: text.to_string(), replacement: text.to_string() }
}

/// The words that fit after `before` (the line up to the word being typed).
fn context_words(before: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let tokens: Vec<Token> = Token::lexer(before).filter_map(Result::ok).filter(|t| *t != Token::Newline).collect();
    let owned = |words: &[&str]| words.iter().map(|w| w.to_string()).collect();
    match tokens.as_slice() {
        [.., Token::Ident(target), Token::Dot] => {
            return vocabulary.fields(target).map(<[String]>::to_vec).unwrap_or_default();
        }
        [.., Token::As] if tokens.contains(&Token::Graph) => return owned(GRAPH_FORMATS),
        [.., Token::As] => return owned(EXPRESSION_FORMATS),
        [.., Token::Ident("method"), Token::Equals] => return owned(METHODS),
        _ => {}
    }
    if tokens.contains(&Token::With) && matches!(tokens.last(), Some(Token::With | Token::Comma)) {
        return SETTINGS.iter().map(|(name, _)| name.to_string()).collect();
    }
    let mut words: Vec<String> = vocabulary.names().map(str::to_string).collect();
    words.extend(vocabulary.all_params().into_iter().map(str::to_string));
    words.extend(BUILTINS.iter().map(|(name, _)| name.to_string()));
    words.extend(KEYWORDS.iter().map(|k| k.to_string()));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary {
            functions: vec![("J".into(), vec!["θ1".into(), "θ2".into()]), ("Jtrain".into(), vec!["w".into()])],
            records: vec![("data".into(), vec!["price".into(), "area".into()])],
            values: vec!["alpha0".into()],
        }
    }

    fn replacements(line: &str) -> Vec<String> {
        complete("", line, line.len(), &vocabulary()).candidates.into_iter().map(|c| c.replacement).collect()
    }

    #[test]
    fn latex_names_become_symbols() {
        assert_eq!(replacements("\\alpha"), ["α"]);
        assert_eq!(replacements("θ\\_1"), ["₁"]);
        assert_eq!(replacements("x\\^2"), ["²"]);
        assert_eq!(replacements("\\part"), ["∂"]);
        assert_eq!(replacements("\\nosuch"), Vec::<String>::new());
        assert_eq!(replacements("\\theta\\_1"), ["θ₁"]);
        assert_eq!(replacements("w\\^-\\^1"), ["⁻¹"]);
        assert_eq!(replacements("\\theta\\_").len(), 10);
        assert_eq!(replacements("\\nosuch\\_1"), Vec::<String>::new());
        assert_eq!(complete("", "J(\\th", 5, &vocabulary()).start, 2);
    }

    #[test]
    fn commands_topics_and_files() {
        assert_eq!(replacements(":he"), [":help"]);
        assert_eq!(replacements(":"), COMMANDS);
        assert_eq!(replacements(":help d"), ["derivatives", "data"]);
        let folder = tempfile::tempdir().expect("a folder");
        let dir = folder.path().to_str().expect("a UTF-8 path").to_string();
        for file in ["lesson one.gd", "lessons.gd", "say\"hi.gd"] {
            std::fs::write(folder.path().join(file), "x = 1\n").expect("written");
        }
        std::fs::create_dir(folder.path().join("lesson plans")).expect("a folder");
        let bare = |typed: &str| replacements(&format!(":load {}{typed}", escaped_path(&format!("{dir}/"))));
        let dir = escaped_path(&format!("{dir}/"));
        assert_eq!(
            bare("less"),
            [format!("{dir}lesson\\ one.gd"), format!("{dir}lesson\\ plans/"), format!("{dir}lessons.gd")]
        );
        assert_eq!(bare("lesson\\ o"), [format!("{dir}lesson\\ one.gd")], "what was typed escaped is read");
        assert_eq!(bare("say"), [format!("{dir}say\\\"hi.gd")]);
        assert_eq!(bare("lesson\\").len(), 3, "a backslash just typed starts an escape: {:?}", bare("lesson\\"));
        assert!(replacements(":load \\al").iter().all(|c| !c.contains('α')), "file names, not symbols");
        assert_eq!(
            bare_file_name(&format!("{dir}lesson\\ one.gd")),
            format!("{}/lesson one.gd", folder.path().display())
        );
    }

    #[test]
    fn names_parameters_builtins_and_keywords() {
        assert_eq!(replacements("J"), ["J", "Jtrain"]);
        assert_eq!(replacements("graph J at θ"), ["θ1", "θ2"]);
        assert_eq!(replacements("sig"), ["sigmoid", "sign"]);
        assert_eq!(replacements("min"), ["min", "minimize"]);
        assert_eq!(replacements("1 + alp"), ["alpha0"]);
    }

    fn continued(earlier: &str, line: &str) -> Vec<String> {
        complete(earlier, line, line.len(), &vocabulary()).candidates.into_iter().map(|c| c.replacement).collect()
    }

    #[test]
    fn a_continued_statement_is_completed_knowing_its_earlier_lines() {
        assert_eq!(continued("minimize J with α = 0.1,", "st"), ["steps"]);
        assert_eq!(continued("minimize J with", "me"), ["method"]);
        assert_eq!(continued("minimize J with method =", "ad"), ["adagrad", "adam"]);
        assert_eq!(continued("graph J at", "θ"), ["θ1", "θ2"]);
        assert_eq!(continued("x = 1 +", ":he"), Vec::<String>::new(), "a continued line is not a command");
    }

    #[test]
    fn an_open_string_completes_file_names_not_builtins() {
        let folder = tempfile::tempdir().expect("a folder");
        let dir = folder.path().to_str().expect("a UTF-8 path").to_string();
        for file in ["houses.csv", "house prices.csv", ".hidden.csv", "say\"hi.csv"] {
            std::fs::write(folder.path().join(file), "a\n1\n").expect("written");
        }
        std::fs::create_dir(folder.path().join("housing")).expect("a folder");
        let line = format!("d = load(\"{dir}/hou");
        let Completion { start, candidates } = complete("", &line, line.len(), &vocabulary());
        assert_eq!(start, "d = load(\"".len(), "the whole path is replaced");
        let shown: Vec<&str> = candidates.iter().map(|c| c.display.as_str()).collect();
        assert_eq!(shown, ["house prices.csv", "houses.csv", "housing/"]);
        assert_eq!(candidates[1].replacement, format!("{dir}/houses.csv\""), "a file closes the string");
        assert_eq!(candidates[2].replacement, format!("{dir}/housing/"), "a folder is gone into");
        assert_eq!(replacements(&format!("minimize J with plot = \"{dir}/houses")), [format!("{dir}/houses.csv\"")]);
        assert_eq!(replacements(&format!("d = load(\"{dir}/.h")), [format!("{dir}/.hidden.csv\"")]);
        assert_eq!(replacements(&format!("d = load(\"{dir}/say")), Vec::<String>::new());
        assert_eq!(replacements(&format!(":load \"{dir}/houses")), [format!("{dir}/houses.csv\"")]);
        assert_eq!(replacements("d = load(\"/no/such/folder/x"), Vec::<String>::new());
        let closed = format!("d = load(\"{dir}/houses\")");
        let at = closed.len() - 2;
        let candidates = complete("", &closed, at, &vocabulary()).candidates;
        assert_eq!(candidates[0].replacement, format!("{dir}/houses.csv"), "no second quote");
        assert!(!replacements("d = load(\"").iter().any(|c| c == "load" || c == "sin"), "never builtins");
        assert!(replacements("x = 1 # the si").is_empty(), "nor in a comment");
        assert_eq!(
            replacements("x = \"#\" + si"),
            ["sigmoid", "sign", "simplify", "sin", "sinh"],
            "a # in a string is no comment"
        );
    }

    #[test]
    fn the_word_around_the_cursor() {
        assert_eq!(word_around("2*sin(θ1)", 4), "sin");
        assert_eq!(word_around("2*sin(θ1)", 2), "sin");
        assert_eq!(word_around("2*sin(θ1)", 5), "sin");
        assert_eq!(word_around("2*sin(θ1)", 6), "θ1");
        assert_eq!(word_around("2*sin(θ1)", 7), "", "inside θ is no character boundary");
        assert_eq!(word_around("1 + 2", 2), "");
        assert_eq!(word_around("x", 9), "");
    }

    #[test]
    fn settings_methods_formats_and_fields() {
        assert_eq!(replacements("minimize J with st"), ["steps"]);
        assert_eq!(replacements("minimize J with α = 0.1, me"), ["method"]);
        assert_eq!(replacements("minimize J with method = ad"), ["adagrad", "adam"]);
        assert_eq!(replacements("graph J as m"), ["mermaid"]);
        assert_eq!(replacements("∂J/∂b as "), ["latex", "text"]);
        assert_eq!(replacements("data.p"), ["price"]);
        assert!(replacements("minimize J with α = 0.1, tol = 1e-3").is_empty());
    }
}

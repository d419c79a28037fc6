//! Syntax highlighting of the line being typed, from the real lexer: numbers,
//! strings, keywords, builtins, the session's functions, operators and
//! comments each get a colour, and a name gd would not know is underlined in
//! red (except the one still being typed at the cursor); a pasted `gd> `
//! prompt is left plain. Hands on the line with ANSI colour codes; the
//! visible text is unchanged.

use std::collections::HashSet;
use std::ops::Range;

use logos::Logos;

use crate::builtins;
use crate::names::{METHODS, SETTINGS};
use crate::session::inventory::Vocabulary;
use crate::syntax::lexer::{LexError, Token};

const RESET: &str = "\x1b[0m";
const NUMBER: &str = "\x1b[36m";
const STRING: &str = "\x1b[32m";
const KEYWORD: &str = "\x1b[1;35m";
const BUILTIN: &str = "\x1b[34m";
const FUNCTION: &str = "\x1b[1m";
const OPERATOR: &str = "\x1b[33m";
const UNKNOWN: &str = "\x1b[4;31m";
const INVALID: &str = "\x1b[31m";
const COMMENT: &str = "\x1b[90m";
const COMMAND: &str = "\x1b[1;33m";

type Lexed<'s> = (Result<Token<'s>, LexError>, Range<usize>);

/// `line` with colour codes; `cursor` is the byte offset of the cursor.
pub fn highlight(line: &str, cursor: usize, vocabulary: &Vocabulary) -> String {
    if let Some(rest) = line.strip_prefix(':') {
        let end = 1 + rest.find(char::is_whitespace).unwrap_or(rest.len());
        return format!("{COMMAND}{}{RESET}{}", &line[..end], &line[end..]);
    }
    styled(line, 0, cursor, vocabulary)
}

/// A line that continues `earlier` lines of the same statement, coloured
/// knowing them (`p` is a parameter after `L(p, q) =`).
pub fn highlight_continued(earlier: &str, line: &str, cursor: usize, vocabulary: &Vocabulary) -> String {
    let text = format!("{earlier}\n{line}");
    styled(&text, earlier.len() + 1, (earlier.len() + 1).saturating_add(cursor), vocabulary)
}

/// `text[from..]` with colour codes, its tokens read with all of `text`
/// (pasted prompts left plain, as they do not run).
fn styled(text: &str, from: usize, cursor: usize, vocabulary: &Vocabulary) -> String {
    let masked = super::paste::mask_prompts(text);
    let tokens: Vec<Lexed> = Token::lexer(&masked).spanned().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut copied = from;
    let mut earlier: HashSet<&str> = HashSet::new();
    for statement in tokens.split(|(token, _)| matches!(token, Ok(Token::Newline | Token::Semi))) {
        let mut names = StatementNames::of(statement);
        names.locals.extend(earlier.iter().copied());
        earlier.extend(names.locals.iter().copied());
        for (index, (token, range)) in statement.iter().enumerate() {
            if range.start < from {
                continue;
            }
            out.push_str(&gap(&text[copied..range.start]));
            let previous = index.checked_sub(1).and_then(|i| statement[i].0.as_ref().ok());
            let typing = range.end == cursor;
            match style(token, previous, &names, vocabulary, typing) {
                Some(colour) => out.push_str(&format!("{colour}{}{RESET}", &text[range.clone()])),
                None => out.push_str(&text[range.clone()]),
            }
            copied = range.end;
        }
    }
    out.push_str(&gap(&text[copied..]));
    out
}

/// Text between tokens: spaces, and perhaps a comment.
fn gap(text: &str) -> String {
    match text.find('#') {
        Some(start) => format!("{}{COMMENT}{}{RESET}", &text[..start], &text[start..]),
        None => text.to_string(),
    }
}

/// The names a statement makes meaningful on its own.
#[derive(Default)]
struct StatementNames<'s> {
    /// What it defines or binds, and a definition's parameters.
    locals: HashSet<&'s str>,
    /// Inside `diff(…)` or `simplify(…)` every name is a symbol.
    symbolic: bool,
    /// It has a `with` part, whose names are settings.
    settings: bool,
}

impl<'s> StatementNames<'s> {
    fn of(statement: &[Lexed<'s>]) -> StatementNames<'s> {
        let tokens: Vec<Option<&Token<'s>>> = statement.iter().map(|(t, _)| t.as_ref().ok()).collect();
        let mut names = StatementNames::default();
        let head = tokens.iter().position(|t| *t == Some(&Token::Equals)).or_else(|| definition_so_far(&tokens));
        if let (Some(head), Some(Some(Token::Ident(name)))) = (head, tokens.first()) {
            names.locals.insert(name);
            for token in &tokens[1..head] {
                if let Some(Token::Ident(param)) = token {
                    names.locals.insert(param);
                }
            }
        }
        names.symbolic = tokens.iter().any(|t| matches!(t, Some(Token::Ident("diff" | "simplify"))));
        names.settings = tokens.contains(&Some(&Token::With));
        names
    }
}

/// While `J(a, b` or `J(a, b)` (names only) is all there is, it may be a
/// definition being typed: the end of its head, so its names are not marked unknown yet.
fn definition_so_far(tokens: &[Option<&Token>]) -> Option<usize> {
    if !matches!(tokens, [Some(Token::Ident(_)), Some(Token::LParen), ..]) {
        return None;
    }
    let close = tokens.iter().position(|t| *t == Some(&Token::RParen));
    let end = match close {
        None => tokens.len(),
        Some(close) if close + 1 == tokens.len() => close,
        Some(_) => return None,
    };
    let only_names = tokens[2..end].iter().all(|t| matches!(t, Some(Token::Ident(_) | Token::Comma)));
    only_names.then_some(end)
}

/// The colour of one token, or `None` to leave it plain.
fn style(
    token: &Result<Token, LexError>,
    previous: Option<&Token>,
    names: &StatementNames,
    vocabulary: &Vocabulary,
    typing: bool,
) -> Option<&'static str> {
    let Ok(token) = token else { return Some(INVALID) };
    match token {
        Token::Number(_) => Some(NUMBER),
        Token::Str(_) => Some(STRING),
        Token::Ident(name) => name_style(name, previous, names, vocabulary, typing),
        keyword if keyword.is_keyword() => Some(KEYWORD),
        Token::Invalid => Some(INVALID),
        Token::LParen | Token::RParen | Token::LBracket | Token::RBracket | Token::Comma | Token::Dot => None,
        Token::Newline | Token::Semi => None,
        _ => Some(OPERATOR),
    }
}

fn name_style(
    name: &str,
    previous: Option<&Token>,
    names: &StatementNames,
    vocabulary: &Vocabulary,
    typing: bool,
) -> Option<&'static str> {
    if matches!(previous, Some(Token::Dot | Token::As)) {
        return None;
    }
    if builtins::lookup(name).is_some() {
        return Some(BUILTIN);
    }
    if vocabulary.params(name).is_some() {
        return Some(FUNCTION);
    }
    let known = names.locals.contains(name)
        || vocabulary.names().any(|n| n == name)
        || vocabulary.all_params().contains(&name)
        || (names.settings && (SETTINGS.iter().any(|(s, _)| *s == name) || METHODS.contains(&name)))
        || names.symbolic;
    if known || typing { None } else { Some(UNKNOWN) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary { functions: vec![("J".into(), vec!["a".into(), "b".into()])], ..Vocabulary::default() }
    }

    fn shown(line: &str) -> String {
        highlight(line, usize::MAX, &vocabulary())
    }

    fn strip(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|c| *c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn the_visible_text_never_changes() {
        for line in ["J(1, 2) + sin(x) # note", "check ∂J/∂b = 3*c", "x = \"open", "$ 3 €", ":help data", ""] {
            assert_eq!(strip(&shown(line)), line);
        }
    }

    #[test]
    fn each_kind_of_token_has_its_colour() {
        let line = shown("minimize J with α = 0.1 # go");
        assert!(line.contains(&format!("{KEYWORD}minimize{RESET}")));
        assert!(line.contains(&format!("{FUNCTION}J{RESET}")));
        assert!(line.contains(&format!("{NUMBER}0.1{RESET}")));
        assert!(line.contains(&format!("{COMMENT}# go{RESET}")));
        assert!(!line.contains(UNKNOWN), "settings are known names: {line:?}");
        assert!(shown("sin(2)^2").contains(&format!("{BUILTIN}sin{RESET}")));
        assert!(shown("sin(2)^2").contains(&format!("{OPERATOR}^{RESET}")));
    }

    #[test]
    fn unknown_names_are_marked_but_not_while_typed() {
        assert!(shown("J(1, q)").contains(&format!("{UNKNOWN}q{RESET}")));
        assert!(!highlight("J(1, q", 6, &vocabulary()).contains(UNKNOWN));
        assert!(!shown("K(x, y) = x*y + a").contains(&format!("{UNKNOWN}x")));
        assert!(!shown("diff(x^2, x)").contains(UNKNOWN));
        assert!(!shown("z = 2; check ∂J/∂b = 3*a").contains(UNKNOWN));
        assert!(!shown("data.price").contains(&format!("{UNKNOWN}price")));
        assert!(!shown("x = 2; x + 1").contains(UNKNOWN));
        assert!(!shown("K(x, y").contains(UNKNOWN), "a definition being typed");
        assert!(!shown("K(x, y)").contains(UNKNOWN), "a definition being typed");
        assert!(shown("K(x, y) + 1").contains(&format!("{UNKNOWN}K{RESET}")));
        let continued = highlight_continued("L(p, q) =", "p^2 + q", usize::MAX, &vocabulary());
        assert!(!continued.contains(UNKNOWN), "the earlier line defines p and q: {continued:?}");
        assert_eq!(strip(&continued), "p^2 + q");
    }

    #[test]
    fn a_pasted_prompt_is_left_plain() {
        let line = "  gd> J(1, 2, 3)";
        let coloured = shown(line);
        assert!(!coloured.contains(UNKNOWN) && !coloured.contains(INVALID), "{coloured:?}");
        assert!(coloured.starts_with("  gd> \x1b"), "{coloured:?}");
        assert_eq!(strip(&coloured), line);
        let continued = highlight_continued("J(1,", "..> 2, q)", usize::MAX, &vocabulary());
        assert!(!continued.contains(INVALID) && continued.contains(&format!("{UNKNOWN}q{RESET}")), "{continued:?}");
        assert!(shown("gdx > 1").contains(UNKNOWN), "not a prompt");
    }
}

//! Hints: while the cursor is inside a call, the parameters still to give,
//! shown grey after the cursor (`J(` → `a, b, c)`, `J(1, ` → `b, c)`). Takes
//! the statement so far (earlier lines of a continued one included, joined
//! by line breaks, which count as space); none inside an open string or a
//! comment.

use logos::Logos;

use super::complete::{in_comment, open_string};
use crate::builtins::{self, Builtin};
use crate::session::inventory::Vocabulary;
use crate::syntax::lexer::Token;

/// The parameters still to type in the innermost open call before `pos`,
/// when the cursor is at the end of the line.
pub fn parameters(line: &str, pos: usize, vocabulary: &Vocabulary) -> Option<String> {
    if pos != line.len() || open_string(line).is_some() || in_comment(line) {
        return None;
    }
    let tokens = Token::lexer(line).filter_map(Result::ok).filter(|token| *token != Token::Newline);
    let mut calls: Vec<(Option<&str>, usize)> = Vec::new();
    let mut previous: Option<Token> = None;
    for token in tokens {
        match token {
            Token::LParen | Token::LBracket => {
                let callee = match (&token, &previous) {
                    (Token::LParen, Some(Token::Ident(name))) => Some(*name),
                    _ => None,
                };
                calls.push((callee, 0));
            }
            Token::RParen | Token::RBracket => {
                calls.pop();
            }
            Token::Comma => {
                if let Some((_, commas)) = calls.last_mut() {
                    *commas += 1;
                }
            }
            _ => {}
        }
        previous = Some(token);
    }
    let (callee, given) = calls.last().copied()?;
    let params = params_of(callee?, vocabulary)?;
    let rest = params.get(given..).filter(|rest| !rest.is_empty())?;
    let rest = rest.join(", ");
    Some(match previous {
        Some(Token::LParen) => format!("{rest})"),
        Some(Token::Comma) if line.ends_with(char::is_whitespace) => format!("{rest})"),
        Some(Token::Comma) => format!(" {rest})"),
        _ if given + 1 < params.len() => format!(", {})", params[given + 1..].join(", ")),
        _ => ")".to_string(),
    })
}

/// The parameters of a user function or a builtin, by name.
fn params_of(name: &str, vocabulary: &Vocabulary) -> Option<Vec<String>> {
    if let Some(params) = vocabulary.params(name) {
        return Some(params.to_vec());
    }
    let params: &[&str] = match builtins::lookup(name)? {
        Builtin::Math(_) | Builtin::Sqrt => &["x"],
        Builtin::Diff => &["F", "x"],
        Builtin::Grad => &["F"],
        Builtin::Simplify => &["expr"],
        Builtin::Load => &["\"file.csv\""],
        Builtin::Sum | Builtin::Mean | Builtin::Len | Builtin::Var | Builtin::Std => &["v"],
        Builtin::Dot => &["u", "v"],
        Builtin::Max | Builtin::Min => &["a", "b"],
        Builtin::Constant(_) => return None,
    };
    Some(params.iter().map(|p| p.to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(line: &str) -> Option<String> {
        let vocabulary = Vocabulary {
            functions: vec![("J".into(), vec!["a".into(), "b".into(), "c".into()])],
            ..Vocabulary::default()
        };
        parameters(line, line.len(), &vocabulary)
    }

    #[test]
    fn the_parameters_still_to_give() {
        assert_eq!(hint("J(").as_deref(), Some("a, b, c)"));
        assert_eq!(hint("J(1,").as_deref(), Some(" b, c)"));
        assert_eq!(hint("J(1, ").as_deref(), Some("b, c)"));
        assert_eq!(hint("J(1").as_deref(), Some(", b, c)"));
        assert_eq!(hint("J(1, 2, 3").as_deref(), Some(")"));
        assert_eq!(hint("2*sin(").as_deref(), Some("x)"));
        assert_eq!(hint("J(1, sin(2), ").as_deref(), Some("c)"));
        assert_eq!(hint("diff(").as_deref(), Some("F, x)"));
    }

    #[test]
    fn a_line_break_counts_as_space_not_as_an_argument() {
        assert_eq!(hint("J(\n").as_deref(), Some("a, b, c)"));
        assert_eq!(hint("J(1,\n").as_deref(), Some("b, c)"));
        assert_eq!(hint("J(1,\n2,\n").as_deref(), Some("c)"));
        assert_eq!(hint("J(1\n").as_deref(), Some(", b, c)"));
        assert_eq!(hint("J(\n1,\n2").as_deref(), Some(", c)"));
        assert_eq!(hint("diff(J,\n").as_deref(), Some("x)"));
    }

    #[test]
    fn no_hint_inside_an_open_string() {
        assert_eq!(hint("load(").as_deref(), Some("\"file.csv\")"));
        assert_eq!(hint("load(\"").as_deref(), None);
        assert_eq!(hint("d = load(\"data/ho").as_deref(), None);
        assert_eq!(hint("J(1, \"a").as_deref(), None);
        assert_eq!(hint("load(\"a.csv\"").as_deref(), Some(")"));
        assert_eq!(hint("J(1, # the first").as_deref(), None, "nor in a comment");
        assert_eq!(hint("J(1, # the first\n").as_deref(), Some("b, c)"));
    }

    #[test]
    fn no_hint_outside_a_known_call() {
        assert_eq!(hint("J(1, 2, 3)"), None);
        assert_eq!(hint("K("), None);
        assert_eq!(hint("(1 + "), None);
        assert_eq!(hint("J(1, 2, 3, "), None);
        assert_eq!(hint("[1, "), None);
    }
}

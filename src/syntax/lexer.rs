//! The lexer: source text to tokens (logos), then one pass that applies the
//! line rules of the language, so the parser sees a clean stream.
//!
//! Hands on a `Vec` of `(start, Token, end)` byte-offset triples for the
//! LALRPOP parser and the lexical errors found, as diagnostics. A character
//! that starts no token becomes [`Token::Invalid`], which no grammar rule
//! accepts, so the parser's error recovery carries on past it.
//!
//! Line rules: a newline or `;` ends a statement, except while a bracket is
//! open or after a token that needs a right-hand side (a binary operator,
//! `=` or `,`). Runs of separators collapse to one; leading ones vanish.

use logos::Logos;

use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::message::Message;
use crate::msg;
use crate::source::{SourceId, Span};

/// What went wrong while lexing one token.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum LexError {
    #[default]
    UnexpectedCharacter,
    UnterminatedString,
}

/// One token of gd. Aliases from pasted mathematics (`·`, `×`, `−`, `÷`, `′`)
/// produce the same token as their ASCII spelling.
#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(skip r"[ \t\f]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
#[logos(error = LexError)]
pub enum Token<'s> {
    /// A line end: `\n`, `\r\n` or a lone `\r`.
    #[token("\n")]
    #[token("\r\n")]
    #[token("\r")]
    Newline,
    #[token(";")]
    Semi,

    /// A decimal, as written; its exponent's sign may be the typographic `−`.
    #[regex(r"([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+\-−]?[0-9]+)?", |lex| lex.slice())]
    Number(&'s str),
    #[regex(r#""[^"\n]*""#, |lex| { let s = lex.slice(); &s[1..s.len() - 1] })]
    #[regex(r#""[^"\n]*"#, |_| Err(LexError::UnterminatedString))]
    Str(&'s str),
    #[regex(r"[\p{XID_Start}_][[\p{XID_Continue}₀-₉]--[·]]*", |lex| lex.slice())]
    Ident(&'s str),
    /// Superscript digits, optionally negative: `²` is 2, `⁻¹` is -1.
    #[regex("⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+", |lex| superscript_value(lex.slice()))]
    Superscript(i64),

    #[token("check")]
    Check,
    #[token("graph")]
    Graph,
    #[token("minimize")]
    Minimize,
    #[token("maximize")]
    Maximize,
    #[token("at")]
    At,
    #[token("as")]
    As,
    #[token("over")]
    Over,
    #[token("from")]
    From,
    #[token("with")]
    With,
    #[token("within")]
    Within,

    #[token("+")]
    Plus,
    #[token("-")]
    #[token("−")]
    Minus,
    #[token("*")]
    #[token("·")]
    #[token("×")]
    #[token("⋅")]
    Star,
    #[token("/")]
    #[token("÷")]
    Slash,
    #[token("^")]
    Caret,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token(",")]
    Comma,
    #[token("=")]
    Equals,
    #[token(".")]
    Dot,
    #[token("∂")]
    Partial,
    #[token("∇")]
    Nabla,
    #[token("'")]
    #[token("′")]
    Prime,

    /// Stands in for text that is no token; the error is reported separately.
    Invalid,
}

fn superscript_value(text: &str) -> Option<i64> {
    let mut value: i64 = 0;
    let mut negative = false;
    for c in text.chars() {
        let digit = match c {
            '⁻' => {
                negative = true;
                continue;
            }
            '⁰' => 0,
            '¹' => 1,
            '²' => 2,
            '³' => 3,
            c => c as i64 - '⁴' as i64 + 4,
        };
        value = value.checked_mul(10)?.checked_add(digit)?;
    }
    Some(if negative { -value } else { value })
}

impl Token<'_> {
    /// True for the keywords (`check graph minimize maximize at as over from with within`).
    pub fn is_keyword(&self) -> bool {
        matches!(
            self,
            Token::Check
                | Token::Graph
                | Token::Minimize
                | Token::Maximize
                | Token::At
                | Token::As
                | Token::Over
                | Token::From
                | Token::With
                | Token::Within
        )
    }

    /// True for tokens after which a line break does not end the statement.
    fn continues_line(&self) -> bool {
        matches!(
            self,
            Token::Plus | Token::Minus | Token::Star | Token::Slash | Token::Caret | Token::Comma | Token::Equals
        )
    }

    fn is_separator(&self) -> bool {
        matches!(self, Token::Newline | Token::Semi)
    }
}

/// True for a character that can continue a name: letters, digits, `_` and
/// subscript digits (`θ₁`), as in names; for code that looks at text.
pub fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ('₀'..='₉').contains(&c)
}

/// A token with its byte offsets, as the parser takes it.
pub type Spanned<'s> = (usize, Token<'s>, usize);

/// Lexes `text` and applies the line rules. Lexical errors come back as
/// diagnostics; their tokens are replaced by [`Token::Invalid`].
pub fn tokenize(text: &str, source: SourceId) -> (Vec<Spanned<'_>>, Vec<Diagnostic>) {
    let mut tokens: Vec<Spanned> = Vec::new();
    let mut errors = Vec::new();
    let mut open_brackets: Vec<(usize, usize)> = Vec::new();
    for (result, range) in Token::lexer(text).spanned() {
        let span = Span::new(source, range.start, range.end);
        let token = match result {
            Ok(token) => token,
            Err(error) => {
                errors.push(lex_diagnostic(&error, text, span));
                Token::Invalid
            }
        };
        match token {
            Token::LParen | Token::LBracket => open_brackets.push((range.start, range.end)),
            Token::RParen | Token::RBracket => {
                open_brackets.pop();
            }
            _ => {}
        }
        if token.is_separator() {
            let after_separator = tokens.last().is_none_or(|(_, t, _)| t.is_separator());
            let continued = tokens.last().is_some_and(|(_, t, _)| t.continues_line());
            if !open_brackets.is_empty() || after_separator || continued {
                continue;
            }
        }
        tokens.push((range.start, token, range.end));
    }
    if let Some(&(start, end)) = open_brackets.first() {
        errors.push(
            Diagnostic::syntax(
                DiagnosticCode::UnclosedBracket,
                msg!("unclosed-bracket"),
                Span::new(source, start, end),
                msg!("unclosed-bracket.label"),
            )
            .with_help(msg!("unclosed-bracket.help")),
        );
    }
    (tokens, errors)
}

/// True when `text` stops in the middle of a statement: inside an open
/// bracket, or right after a token that needs a right-hand side (`+`, `=`, `,`…).
pub fn stops_mid_statement(text: &str) -> bool {
    let mut depth: usize = 0;
    let mut last = None;
    for token in Token::lexer(text).flatten() {
        match token {
            Token::LParen | Token::LBracket => depth += 1,
            Token::RParen | Token::RBracket => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !token.is_separator() || depth > 0 {
            last = Some(token);
        }
    }
    depth > 0 || last.is_some_and(|token| token.continues_line())
}

fn lex_diagnostic(error: &LexError, text: &str, span: Span) -> Diagnostic {
    match error {
        LexError::UnterminatedString => Diagnostic::syntax(
            DiagnosticCode::UnclosedString,
            msg!("unclosed-string"),
            span,
            msg!("unclosed-string.label"),
        ),
        LexError::UnexpectedCharacter => {
            let found = text.get(span.range()).unwrap_or("?");
            Diagnostic::syntax(
                DiagnosticCode::UnexpectedCharacter,
                msg!("unexpected-character", found = found),
                span,
                msg!("unexpected-character.label"),
            )
            .with_help(character_help(found))
        }
    }
}

fn character_help(found: &str) -> Message {
    match found {
        "≈" | "≤" | "≥" | "<" | ">" | "==" => msg!("unexpected-character.comparison"),
        "√" => msg!("unexpected-character.root"),
        "{" | "}" => msg!("unexpected-character.brace"),
        _ => msg!("unexpected-character.help"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Token<'_>> {
        let (tokens, errors) = tokenize(text, SourceId(0));
        assert!(errors.is_empty(), "unexpected lexical errors in {text:?}");
        tokens.into_iter().map(|(_, t, _)| t).collect()
    }

    #[test]
    fn numbers_in_every_form() {
        for text in ["3", "0.75", ".5", "1e-3", "2.5E+4", "10."] {
            assert_eq!(kinds(text), vec![Token::Number(text)], "{text}");
        }
    }

    #[test]
    fn unicode_identifiers_keep_subscripts() {
        assert_eq!(kinds("θ₁"), vec![Token::Ident("θ₁")]);
        assert_eq!(kinds("J_train α η"), vec![Token::Ident("J_train"), Token::Ident("α"), Token::Ident("η")]);
        assert_ne!(kinds("θ₁"), kinds("θ1"));
    }

    #[test]
    fn pasted_math_aliases() {
        assert_eq!(kinds("a·b×c−d÷e"), kinds("a*b*c-d/e"));
        assert_eq!(kinds("x²"), vec![Token::Ident("x"), Token::Superscript(2)]);
        assert_eq!(kinds("x⁻¹"), vec![Token::Ident("x"), Token::Superscript(-1)]);
        assert_eq!(kinds("f′"), vec![Token::Ident("f"), Token::Prime]);
    }

    #[test]
    fn derivative_symbols() {
        assert_eq!(
            kinds("∂²J/∂b∂c"),
            vec![
                Token::Partial,
                Token::Superscript(2),
                Token::Ident("J"),
                Token::Slash,
                Token::Partial,
                Token::Ident("b"),
                Token::Partial,
                Token::Ident("c"),
            ]
        );
        assert_eq!(kinds("∇J"), vec![Token::Nabla, Token::Ident("J")]);
    }

    #[test]
    fn keywords_are_whole_words_only() {
        assert_eq!(kinds("check checks"), vec![Token::Check, Token::Ident("checks")]);
    }

    #[test]
    fn comments_and_separators_collapse() {
        assert_eq!(
            kinds("\n# a comment\nx = 1 # trailing\n\n;y"),
            vec![Token::Ident("x"), Token::Equals, Token::Number("1"), Token::Newline, Token::Ident("y")]
        );
    }

    #[test]
    fn lines_continue_in_brackets_and_after_operators() {
        assert_eq!(kinds("f(1,\n2)"), kinds("f(1, 2)"));
        assert_eq!(kinds("1 +\n2"), kinds("1 + 2"));
        assert_eq!(kinds("1\n+ 2"), vec![Token::Number("1"), Token::Newline, Token::Plus, Token::Number("2")]);
    }

    #[test]
    fn strings() {
        assert_eq!(kinds(r#"load("a b.csv")"#)[2], Token::Str("a b.csv"));
    }

    #[test]
    fn bad_characters_become_invalid_tokens_with_a_diagnostic() {
        let (tokens, errors) = tokenize("x = 1 $ 2", SourceId(0));
        assert_eq!(errors.len(), 1);
        assert!(tokens.iter().any(|(_, t, _)| *t == Token::Invalid));
        let (_, errors) = tokenize("load(\"abc", SourceId(0));
        assert!(errors.iter().any(|e| e.code == DiagnosticCode::UnclosedString));
    }

    #[test]
    fn statements_stop_midway_in_brackets_and_after_operators() {
        for text in ["J(1,", "[1, 2", "x = 1 +", "x =", "f(1,\n2", "J(a,b,c) = 3*(a +\n"] {
            assert!(stops_mid_statement(text), "{text:?}");
        }
        for text in ["J(1, 2)", "x = 1", "x = 1 + 2\n", "# (", "f(1))", "\"(\""] {
            assert!(!stops_mid_statement(text), "{text:?}");
        }
    }

    #[test]
    fn unclosed_bracket_is_reported_at_the_opener() {
        let (_, errors) = tokenize("f(1, 2", SourceId(0));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].labels[0].span.start, 1);
    }
}

//! Syntax: source text to a spanned AST. Knows nothing of what names mean.
//! `lexer` → tokens, `parser` (with the LALRPOP grammar) → [`ast::Program`]-level
//! statements; `span` is shared by every later stage for diagnostics.

pub mod ast;
pub mod lexer;
pub mod notation;
pub mod parser;

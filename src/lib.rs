//! gd: a language for differentiable expressions.

pub mod diagnostics;
pub mod syntax;

//! Numeric evaluation of arena expressions: `scalar` walks an expression
//! once, checking every operation; `tape` compiles an expression and its
//! gradient into a flat register program for hot loops.

pub mod scalar;
pub mod tape;

//! Numeric evaluation of arena expressions: `scalar` walks an expression
//! once, checking every operation.

pub mod scalar;

//! Numeric evaluation of arena expressions: `direct` walks an expression
//! once (numbers and data vectors), checking every operation; `tape` compiles an expression and its
//! gradient into a flat register program for hot loops.

pub mod direct;
pub mod rows;
pub mod rows_compile;
pub mod tape;

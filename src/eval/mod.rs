//! Numeric evaluation of arena expressions: `direct` walks an expression
//! once (numbers and data vectors), checking every operation; `tape` compiles an expression and its
//! gradient into a flat register program for hot loops; `stable` rewrites
//! an expression into an equal one that evaluates accurately, for both;
//! `logsumexp` is the one-pass log-sum-exp both run for its internal
//! reductions.

pub mod direct;
pub mod logsumexp;
pub mod rows;
pub mod rows_compile;
pub mod stable;
pub mod tape;

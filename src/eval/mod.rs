//! Numeric evaluation of arena expressions: `direct` walks an expression
//! once (numbers and data vectors), checking every operation; `tape` compiles an expression and its
//! gradient into a flat register program for hot loops; `stable` rewrites
//! an expression into an equal one that evaluates accurately, for both
//! (`softmax` holds its rules over rows, `logsumexp` the one-pass
//! log-sum-exp that both evaluators run for them).

pub mod direct;
pub mod logsumexp;
pub mod rows;
pub mod rows_compile;
mod softmax;
pub mod stable;
pub mod tape;

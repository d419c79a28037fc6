//! gd: a language for differentiable expressions.

pub mod builtins;
pub mod catalogue;
pub mod check;
pub mod data;
pub mod diagnostics;
pub mod env;
pub mod eval;
pub mod expr;
pub mod files;
pub mod graph;
pub mod journal;
pub mod kernel;
pub mod lower;
pub mod math;
pub mod message;
pub mod names;
pub mod optimize;
pub mod random;
pub mod render;
pub mod resolve;
pub mod session;
pub mod source;
pub mod suggest;
pub mod syntax;

pub use session::{Captured, Input, Output, Session, Settings, Status};
pub mod repl;

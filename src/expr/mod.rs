//! The symbolic engine: expressions as a hash-consed DAG (`arena`), built in
//! canonical form by smart constructors (`build`) over exact numbers
//! (`number`); derivatives (`diff`), substitution (`substitute`), expansion
//! and simplification (`simplify`, on a deterministic work budget counted
//! by the arena), and printing as text (`print`, measured by `measure`)
//! and LaTeX (`latex`). Computation graphs build their bodies as written
//! instead (`written`), in the same arena.

pub mod arena;
pub mod build;
pub mod diff;
pub mod latex;
pub mod measure;
pub mod number;
pub mod print;
pub mod simplify;
pub mod substitute;
pub mod written;

#[cfg(test)]
mod budget_tests;

//! The symbolic engine: expressions as a hash-consed DAG (`arena`), built in
//! canonical form by smart constructors (`build`), over exact numbers (`number`).

pub mod arena;
pub mod build;
pub mod number;

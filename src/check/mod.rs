//! The decision engine of `check`: is each left side of a claim equal to
//! its right side for every value of the variables? Takes lowered sides
//! (arena ids) and hands on an outcome and a [`report::CheckReport`] of
//! facts; the session lowers claims (`session::run::check`) and the render
//! stage words verdicts (`render::verdict`).

mod cases;
pub mod decide;
pub mod digits;
mod points;
pub mod report;

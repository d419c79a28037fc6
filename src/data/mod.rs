//! Data: tables of numeric columns loaded from CSV files (`csv`), and how
//! tables and vectors print (`table`).

pub mod csv;
pub mod table;

//! Gradient descent (`minimize` / `maximize`): the settings and their names
//! (`settings`), the update rules (`methods`), the descent loop over a
//! compiled gradient (`minimize`), the table and verdict it prints (`table`),
//! and its pictures (`plot`).

pub mod methods;
pub mod minimize;
pub mod plot;
pub mod settings;
pub mod table;

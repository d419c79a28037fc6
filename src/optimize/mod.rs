//! Gradient descent (`minimize` / `maximize`): the settings and their names
//! (`settings`), the update rules (`methods`), the descent loop over a
//! compiled gradient (`minimize`), and its pictures (`plot`). The table
//! and verdict it prints are worded by `render::descent`.

pub mod methods;
pub mod minimize;
pub mod plot;
pub mod settings;

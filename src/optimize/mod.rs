//! Gradient descent (`minimize` / `maximize`): the settings and their names
//! (`settings`), the update rules (`methods`) and the descent loop over a
//! compiled gradient (`minimize`). The table and verdict it prints are
//! worded by `render::descent`, and its pictures drawn by `render::plot`.

pub mod methods;
pub mod minimize;
pub mod settings;

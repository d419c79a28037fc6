//! Gradient descent (`minimize` / `maximize`): the update rules
//! (`methods`) and the descent loop over a compiled gradient (`minimize`);
//! the settings' names are in `names`. The table and verdict it prints are
//! worded by `render::descent`, and its pictures drawn by `render::plot`.

pub mod methods;
pub mod minimize;

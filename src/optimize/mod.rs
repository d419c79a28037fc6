//! Gradient descent (`minimize` / `maximize`). So far: the settings table
//! the resolver checks names against.

pub mod settings;

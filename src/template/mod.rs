//! What letters and documents share: finding a
//! template file in the book's `templates/` folder or among the built-in ones
//! ([`Templates`]), the [minijinja](https://docs.rs/minijinja) environment both render with
//! ([`environment()`]), a language's notation of amounts and dates ([`locale`]), and the sender
//! and addresses as printed ([`party`]).
//!
//! Templates are confined to the book's `templates/` folder: a template name (also in
//! `{% include %}`) is a plain file name, never a path, and a file that resolves (through a
//! symbolic link) outside that folder, or a folder that resolves outside the book, is refused.

mod environment;
mod files;
pub(crate) mod locale;
pub(crate) mod party;

pub(crate) use environment::{environment, language};
pub(crate) use files::{Builtin, TEMPLATES_DIR, Templates, is_template_file_name};

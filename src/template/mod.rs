//! What letters and documents share: finding a
//! template file in the book's `templates/` folder or among the built-in ones
//! ([`Templates`]), the [minijinja](https://docs.rs/minijinja) environment both render with
//! ([`environment()`]), the words of each language in translation files ([`texts`]), a language's
//! notation of amounts, dates and countries from CLDR ([`locale`]), and the sender and addresses
//! as printed ([`party`]).
//!
//! Templates are confined to the book's `templates/` folder: a template name (also in
//! `{% include %}`) is a plain file name, never a path, and a file that resolves (through a
//! symbolic link) outside that folder, or a folder that resolves outside the book, is refused.

mod environment;
mod files;
pub(crate) mod locale;
pub(crate) mod party;
pub(crate) mod texts;

pub(crate) use environment::environment;
pub(crate) use files::{Builtin, LOCALE_FILES, TEMPLATE_FILES, TEMPLATES_DIR, Templates};

//! The `folio` binary: everything happens in the library.

fn main() {
    std::process::exit(folio::run());
}

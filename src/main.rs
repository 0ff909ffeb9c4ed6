//! The `folio` binary: everything happens in the library.

/// Huge pages for the large blocks of a big book (see `folio::alloc`).
#[global_allocator]
static ALLOCATOR: folio::alloc::HugePageAlloc = folio::alloc::HugePageAlloc;

fn main() {
    std::process::exit(folio::run());
}

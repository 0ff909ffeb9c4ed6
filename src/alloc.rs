//! The binary's memory allocator: the system's, asking Linux for transparent huge pages on large
//! blocks; and a hint to the processor to fetch memory that will be read soon.
//!
//! A million-entry book holds a few large blocks (the journal text, the entries, the id index),
//! each filled once and then read at random. With 4 KiB pages, filling them costs one page fault
//! per page (over 70,000 on the generated 1M book) and the random reads miss the TLB; with 2 MiB
//! pages both nearly vanish. Debian and most distributions set transparent huge pages to
//! `madvise`, so a program gets them only where it asks: that is what this allocator does for
//! every block of 2 MiB or more. Measured on the 1M book, three back-to-back pairs of 10 runs of
//! `balance`: 1.03 / 0.83 / 0.92 s -> 0.89 / 0.74 / 0.72 s (means); minor page faults 73,756 ->
//! 22,672; the same peak memory. Where huge pages are off, or on another
//! system, the advice is ignored and nothing changes.

use std::alloc::{GlobalAlloc, Layout, System};

/// [`System`], with huge pages advised for large blocks (on Linux).
#[derive(Debug, Default, Clone, Copy)]
pub struct HugePageAlloc;

/// The size of a transparent huge page on x86-64 and arm64 (4 KiB base pages): no smaller block
/// can hold one.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const HUGE_PAGE: usize = 2 << 20;

/// Asks the kernel to back the pages inside `[ptr, ptr + size)` with huge pages.
///
/// The advice covers only whole base pages inside the block, so it never touches memory the
/// block does not own; failure (huge pages disabled, an old kernel) is ignored.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn advise_huge_pages(ptr: *mut u8, size: usize) {
    const BASE_PAGE: usize = 4096;
    if ptr.is_null() || size < HUGE_PAGE {
        return;
    }
    let address = ptr as usize;
    let start = address.next_multiple_of(BASE_PAGE);
    let end = (address + size) & !(BASE_PAGE - 1);
    if end > start {
        // SAFETY: madvise(MADV_HUGEPAGE) is only a hint about how to back pages: it does not
        // change their contents, their protection or the validity of any pointer (madvise(2)).
        // The range is page-aligned and lies inside a block this process owns, so no memory
        // outside it is affected. The return value is deliberately ignored.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_ptr: *mut u8, _size: usize) {}

/// Has the C allocator map every block of 256 KiB or more on its own and unmap it when freed.
///
/// glibc starts so, but raises that threshold to the size of each mapped block it frees (up to
/// 32 MiB), after which loading a book's large temporaries (per-chunk vectors, the id index, the
/// sort buffers) come from its arenas and stay there once freed, under the blocks allocated
/// next: on the million-entry book that left a quarter more resident memory than the live
/// blocks needed. A fixed threshold keeps the peak to what is live. Elsewhere than glibc this
/// does nothing.
#[allow(unsafe_code)]
pub fn map_large_blocks_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt(3) only changes a tuning parameter of the allocator; it takes no pointer,
    // and blocks already allocated stay as they are. Failure leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
    }
}

/// Gives the memory that freed blocks left in the C allocator's arenas back to the system.
///
/// Loading a large book frees many large temporary blocks (per-chunk vectors, the id index) from
/// several threads; glibc keeps such memory in its arenas, so the report built next would add
/// its own on top. Elsewhere than glibc this does nothing.
#[allow(unsafe_code)]
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim(3) takes no pointer and only returns free memory to the system; it is
    // thread-safe and leaves every allocated block as it was.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Asks the processor to bring the memory of `value` into its caches: for loops that read
/// scattered elements of a large vector in an order known ahead, where each read would
/// otherwise wait for memory. Only a hint: it never faults, and does nothing elsewhere than
/// x86-64.
#[inline]
#[allow(unsafe_code)]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program can observe and cannot fault, whatever the
    // address (Intel SDM, PREFETCHh); this one is the address of a live reference. SSE, which the
    // instruction needs, is part of every x86-64 processor.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(value).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

// SAFETY: every method delegates to `System` with the same arguments and returns its result
// unchanged, so `System`'s guarantees hold; the only addition is advice on the returned block,
// which does not affect its contents or layout (see `advise_huge_pages`).
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for HugePageAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        let ptr = unsafe { System.alloc(layout) };
        advise_huge_pages(ptr, layout.size());
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        advise_huge_pages(ptr, layout.size());
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` (through this allocator) with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by `System` with `layout`; the caller upholds the rest.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        advise_huge_pages(new, new_size);
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_and_small_blocks_keep_their_contents() {
        for size in [16, HUGE_PAGE - 1, HUGE_PAGE, 3 * HUGE_PAGE + 5] {
            let layout = Layout::from_size_align(size, 8).unwrap();
            #[allow(unsafe_code)]
            // SAFETY: the layout has a non-zero size; the block is written within its size, read
            // back, grown with realloc to a larger size and freed with the layout it then has.
            unsafe {
                let ptr = HugePageAlloc.alloc(layout);
                assert!(!ptr.is_null());
                ptr.write_bytes(0xA5, size);
                let grown = HugePageAlloc.realloc(ptr, layout, size * 2);
                assert!(!grown.is_null());
                let bytes = std::slice::from_raw_parts(grown, size);
                assert!(bytes.iter().all(|&b| b == 0xA5));
                HugePageAlloc.dealloc(grown, Layout::from_size_align(size * 2, 8).unwrap());
                let zeroed = HugePageAlloc.alloc_zeroed(layout);
                assert!(
                    std::slice::from_raw_parts(zeroed, size)
                        .iter()
                        .all(|&b| b == 0)
                );
                HugePageAlloc.dealloc(zeroed, layout);
            }
        }
    }
}

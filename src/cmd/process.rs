//! Process-wide settings of the `bienban` binary (and of the benchmark, which measures what the binary does).

/// Lets mimalloc, the binary's allocator (see `src/main.rs`), back its segments with transparent huge pages where
/// the system grants them on request (`madvise`). A fresh process spends about a sixth of its time on first-touch
/// page faults; a 2 MiB page is one fault instead of 512. Measured on one file: 7 % faster, the same peak memory.
/// Where the system says no, nothing changes. Call it first thing in `main`: the option holds for memory asked
/// of the system afterwards. Without mimalloc as the allocator it only sets an unused option.
pub fn tune_allocator() {
    // SAFETY: sets one of mimalloc's options, a plain integer it reads on each allocation from the system.
    unsafe {
        libmimalloc_sys::mi_option_set_enabled(libmimalloc_sys::mi_option_large_os_pages, true);
    }
}

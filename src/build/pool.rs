//! The process's one worker pool: rayon's global pool, built once with deep stacks, by whichever thread gets
//! to it first (the warm-up thread of `bienban build`, or the command itself).

use std::sync::Once;

/// Stack size of the worker threads: Tera's parser and typst's layout recurse deeply on long or nested minutes.
const WORKER_STACK: usize = 32 << 20;

/// Builds the global worker pool of `threads` threads, once per process; a later call waits for a build under
/// way and then does nothing. Callers make it before their first parallel work: a pool rayon made itself, on
/// first use, would have shallow stacks.
pub fn ensure(threads: usize) {
    static BUILT: Once = Once::new();
    BUILT.call_once(|| {
        // Only fails if a pool already exists, which the callers' order rules out. A worker waiting in a join
        // runs other files' work on top of its own stack.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .stack_size(WORKER_STACK)
            .build_global();
    });
}

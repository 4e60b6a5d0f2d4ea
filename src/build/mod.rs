//! Building: the one per-file build path ([`BuildContext::build_file`]), planning a run's jobs, running them on
//! all cores, the incremental manifest, atomic writes and `watch`.

pub mod batch;
pub mod context;
pub mod job;
pub mod manifest;
mod output;
mod parsed;
pub mod plan;
pub mod pool;
mod prepare;
pub mod warm;
pub mod watch;
pub mod write;

pub use context::{BuildContext, Checked, Options};
pub use job::{FileResult, Job};

#[cfg(test)]
mod tests;

//! Building and checking many files: every job through [`BuildContext::build_file_with`] on all cores (with a
//! progress display), skipping outputs that are up to date (see [`crate::build::manifest`]), results in job
//! order.

use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::build::context::{BuildContext, Incremental};
use crate::build::job::{FileResult, Job};

/// How a run shows its progress.
pub enum Progress {
    /// Nothing (quiet, or checking).
    Hidden,
    /// A progress bar (stderr is a terminal).
    Bar(ProgressBar),
    /// A plain line per file on stderr (logs, CI).
    Lines {
        /// Files in the run.
        total: usize,
        /// Files done so far.
        done: AtomicUsize,
    },
}

impl Progress {
    /// A bar on a terminal, plain lines otherwise, nothing when `quiet`.
    pub fn new(total: usize, quiet: bool) -> Self {
        use std::io::IsTerminal;
        if quiet {
            Progress::Hidden
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}",
            ) {
                bar.set_style(style);
            }
            Progress::Bar(bar)
        } else {
            Progress::Lines {
                total,
                done: AtomicUsize::new(0),
            }
        }
    }

    fn file_done(&self, result: &FileResult) {
        let status = if result.failed() {
            "failed"
        } else if result.skipped {
            "up to date"
        } else {
            "built"
        };
        match self {
            Progress::Hidden => {}
            Progress::Bar(bar) => {
                bar.set_message(result.input.display().to_string());
                bar.inc(1);
            }
            Progress::Lines { total, done } => {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                eprintln!("[{n}/{total}] {status}: {}", result.input.display());
            }
        }
    }

    /// Removes the bar, so that what is printed next stands alone.
    pub fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// Runs every job on the current rayon pool; results come back in job order.
pub fn run(jobs: &[Job], context: &BuildContext) -> Vec<FileResult> {
    run_with(jobs, context, &Progress::Hidden)
}

/// Runs every job on the current rayon pool, showing `progress`; results come back in job order. Every
/// written output is recorded in the manifest beside it (a forced build too, so that the next build is
/// incremental again); an incremental run also skips the outputs that are up to date.
pub fn run_with(jobs: &[Job], context: &BuildContext, progress: &Progress) -> Vec<FileResult> {
    let incremental = (!context.options.check_only).then(|| Incremental::load(jobs, context));
    let results: Vec<FileResult> = jobs
        .par_iter()
        .map(|job| {
            let result = context.build_file_with(job, incremental.as_ref());
            progress.file_done(&result);
            result
        })
        .collect();
    progress.finish();
    if let Some(incremental) = &incremental {
        // A manifest that cannot be written costs only a rebuild next time: a warning, not a failure.
        for problem in incremental.save() {
            eprintln!("warning: {problem}");
        }
    }
    // typst's memoisation cache is global; drop what this batch no longer needs.
    comemo::evict(0);
    results
}

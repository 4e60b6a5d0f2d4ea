//! Building and checking many files: every job through [`BuildContext::build_file_with`] on all cores (with a
//! progress display), skipping outputs that are up to date (see [`crate::build::manifest`]), results in job
//! order.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::build::context::{BuildContext, Incremental};
use crate::build::job::{FileResult, Job};
use crate::diag::{self, DiagnosticFormat, Severity, Style, excerpt, out, t};

/// How a run shows its progress.
pub enum Progress {
    /// Nothing (quiet, checking, or JSON diagnostics: stderr then carries JSON lines only).
    Hidden,
    /// A progress bar (stderr is a terminal).
    Bar(ProgressBar, Style),
    /// A plain line per file on stderr (logs, CI).
    Lines {
        /// Files in the run.
        total: usize,
        /// Files done so far.
        done: AtomicUsize,
        /// The language of the lines.
        style: Style,
    },
}

impl Progress {
    /// A bar on a terminal, plain lines otherwise, nothing when `quiet` or with JSON diagnostics.
    pub fn new(total: usize, style: Style, quiet: bool) -> Self {
        use std::io::IsTerminal;
        if quiet || style.format == DiagnosticFormat::Json {
            Progress::Hidden
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}",
            ) {
                bar.set_style(style);
            }
            Progress::Bar(bar, style)
        } else {
            Progress::Lines {
                total,
                done: AtomicUsize::new(0),
                style,
            }
        }
    }

    fn file_done(&self, result: &FileResult) {
        // "built" only for a written output; a file that wrote nothing has failed (see `build_file_with`).
        let status = if result.failed() {
            t("failed", "lỗi")
        } else if result.skipped {
            t("up to date", "đã mới nhất")
        } else if result.written.is_some() {
            t("built", "đã dựng")
        } else {
            t("checked", "đã kiểm tra")
        };
        match self {
            Progress::Hidden => {}
            Progress::Bar(bar, _) => {
                bar.set_message(excerpt::escape(&result.input.display().to_string()).into_owned());
                bar.inc(1);
            }
            Progress::Lines { total, done, style } => {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                let path = excerpt::escape(&result.input.display().to_string()).into_owned();
                out::stderr(&format!(
                    "[{n}/{total}] {}: {path}\n",
                    status.get(style.lang)
                ));
            }
        }
    }

    /// Runs `print` with the bar hidden, so that what it prints stands on lines of its own.
    pub fn suspend(&self, print: impl FnOnce()) {
        match self {
            Progress::Bar(bar, ..) => bar.suspend(print),
            _ => print(),
        }
    }

    /// Removes the bar, so that what is printed next stands alone.
    pub fn finish(&self) {
        if let Progress::Bar(bar, _) = self {
            bar.finish_and_clear();
        }
    }

    /// The style warnings of the run are printed in (the default when hidden).
    fn style(&self) -> Option<Style> {
        match self {
            Progress::Hidden => None,
            Progress::Bar(_, style) | Progress::Lines { style, .. } => Some(*style),
        }
    }
}

/// Runs every job on the current rayon pool; results come back in job order.
pub fn run(jobs: &[Job], context: &BuildContext) -> Vec<FileResult> {
    run_with(jobs, context, &Progress::Hidden, &Style::default())
}

/// [`run_streaming`], collecting the results (for callers that need them all at once; a long run should
/// stream instead, so that its memory does not grow with the number of files).
pub fn run_with(
    jobs: &[Job],
    context: &BuildContext,
    progress: &Progress,
    warnings: &Style,
) -> Vec<FileResult> {
    let mut results = Vec::with_capacity(jobs.len());
    run_streaming(jobs, context, progress, warnings, |r| results.push(r));
    // What this run alone needed is no longer needed (a caller that goes on, such as a test, keeps its memory).
    evict_on_all_threads();
    results
}

/// How many files each worker thread takes per round: a round's results are handed on and dropped before
/// the next starts, so that memory stays flat however long the run (a file's text and its diagnostics are
/// kept only until they are printed), and typst's cache is emptied between rounds. Measured on 200 files,
/// 2 cores (peak RSS): 16 files a thread and entries kept 2 rounds, 251 MB; 16 and 0, 129 MB; 4 and 1,
/// 77 MB; 4 and 0, 64 MB; 1 and 0, 44 MB, with no measurable change in speed — documents share too little
/// of typst's cache for it to pay. But each round ends when its slowest file does, and the other thread waits:
/// with four files a thread, a 2 000-file build kept the second core 10 % idle (1.81 cores of CPU time in its
/// wall time) and reached 1.65–1.77 × one core. Eight files a thread halve the rounds: the same build went
/// from 45.5 to 41.8 s on 2 cores (1.94 × one core), peaking at 111–114 MB from 200 to 10 000 files
/// (`cargo bench --bench speed -- curve`).
const FILES_PER_THREAD_PER_ROUND: usize = 8;

/// How many rounds an entry of typst's memoisation cache survives without being used (see above: none).
const CACHE_ROUNDS: usize = 0;

/// Empties typst's memoisation cache (keeping what [`CACHE_ROUNDS`] keeps) with the workers, each emptying
/// the caches of some of the memoised functions. Most of an eviction is dropping the results of a round, and the
/// workers would otherwise wait while one thread drops them all. Timed around the call in a 1 000-file build on
/// 2 cores: 1.44 s of 21.3 s on one thread (23 ms a round of 16 files), 0.92–1.11 s on both (the caches differ
/// in size, so the two threads do not share the work evenly).
fn evict_on_all_threads() {
    comemo::evict_with(CACHE_ROUNDS, |evictors, max_age| {
        evictors
            .par_iter()
            .with_max_len(1)
            .for_each(|evict| evict(max_age));
    });
}

/// Runs every job on the current rayon pool, showing `progress`, and hands each result to `each` in job
/// order, round by round (see [`FILES_PER_THREAD_PER_ROUND`]). Every written output is recorded in the
/// manifest beside it (a forced build too, so that the next build is incremental again); an incremental run
/// also skips the outputs that are up to date. Warnings of the run itself (a manifest that cannot be
/// written) are printed in `warnings`' style. typst's cache is left as the last round filled it: a caller that
/// goes on empties it with `comemo::evict`.
pub fn run_streaming(
    jobs: &[Job],
    context: &BuildContext,
    progress: &Progress,
    warnings: &Style,
    mut each: impl FnMut(FileResult),
) {
    let incremental = (!context.options.check_only).then(|| Incremental::new(context));
    // The last job writing into each output folder: once it is done, that folder's manifest is written and
    // dropped, so that the records kept do not grow with the archive (only with its largest folder).
    let last_in_folder: HashMap<&Path, usize> = jobs
        .iter()
        .enumerate()
        .map(|(index, job)| (job.output.parent().unwrap_or(Path::new("")), index))
        .collect();
    let round = FILES_PER_THREAD_PER_ROUND * rayon::current_num_threads().max(1);
    let rounds = jobs.len().div_ceil(round);
    let mut problems = vec![];
    for (index, chunk) in jobs.chunks(round).enumerate() {
        let results: Vec<FileResult> = chunk
            .par_iter()
            .map(|job| {
                let result = context.build_file_with(job, incremental.as_ref());
                progress.file_done(&result);
                result
            })
            .collect();
        // Not after the last round: the command exits next, and emptying the cache would cost it 3 ms of a
        // 100 ms one-file build (measured with perf). A caller that goes on evicts (see `run_with`).
        if index + 1 < rounds {
            evict_on_all_threads();
        }
        if let Some(incremental) = &incremental {
            let first = index * round;
            let left = chunk.iter().enumerate().filter(|(offset, job)| {
                last_in_folder.get(job.output.parent().unwrap_or(Path::new("")))
                    == Some(&(first + offset))
            });
            problems.extend(left.filter_map(|(_, job)| incremental.finish(&job.output)));
        }
        progress.suspend(|| results.into_iter().for_each(&mut each));
    }
    progress.finish();
    // Every folder was written after its last job; this writes anything recorded elsewhere (normally nothing).
    if let Some(incremental) = &incremental {
        problems.extend(incremental.save());
    }
    // A manifest that cannot be written costs only a rebuild next time: a warning, not a failure.
    let style = progress.style().unwrap_or(*warnings);
    for problem in problems {
        out::stderr(&diag::render_failure(
            Severity::Warning,
            None,
            &problem,
            &[],
            style,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static CALLS: AtomicUsize = AtomicUsize::new(0);

    /// A memoised function that counts the times it really runs.
    #[comemo::memoize]
    fn counted(key: u64) -> u64 {
        CALLS.fetch_add(1, Ordering::SeqCst);
        key * 2
    }

    /// The eviction shared by the workers empties typst's cache as `comemo::evict` does: a memoised result is
    /// served from the cache until the eviction, and computed again after it.
    #[test]
    fn the_shared_eviction_empties_the_cache() {
        // A key of this test's own, so that other tests' evictions between the calls are the only noise.
        let key = 0x5EED_0E71;
        let runs = || CALLS.load(Ordering::SeqCst);
        let before = runs();
        assert_eq!(counted(key), 2 * key);
        assert_eq!(counted(key), 2 * key);
        let after_two = runs();
        assert!(after_two - before <= 2);
        evict_on_all_threads();
        assert_eq!(counted(key), 2 * key);
        assert_eq!(runs(), after_two + 1, "the result was not evicted");
    }
    use crate::build::context::Options;
    use crate::build::manifest::FILE_NAME;
    use crate::typeset::compile::OutputFormat;

    /// A folder's manifest is written as soon as the run leaves the folder, not only at the end: a stopped run
    /// keeps the record of every folder it finished, and a long run does not hold them all.
    #[test]
    fn a_folder_left_behind_has_its_manifest_written_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let seed = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("minutes/2023-08-30-chi-bo-dai-loi.md"),
        )
        .unwrap();
        let round = FILES_PER_THREAD_PER_ROUND * rayon::current_num_threads().max(1);
        let mut jobs = vec![];
        for (folder, files) in [("a", 1), ("b", 2 * round + 1)] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            for i in 0..files {
                let input = dir.path().join(folder).join(format!("{i:03}.md"));
                std::fs::write(&input, &seed).unwrap();
                jobs.push(Job {
                    output: input.with_extension("typ"),
                    input,
                });
            }
        }
        let context = BuildContext::new(Options {
            format: OutputFormat::Typst,
            ..Options::default()
        });
        let manifest_of = |folder: &str| dir.path().join(folder).join(FILE_NAME).is_file();
        let mut seen = 0;
        run_streaming(
            &jobs,
            &context,
            &Progress::Hidden,
            &Style::default(),
            |result| {
                assert!(result.failures.is_empty(), "{:?}", result.failures);
                seen += 1;
                // In the second round folder a is behind: its manifest is on disk, b's not yet. The last
                // round leaves b.
                if seen > round {
                    assert!(manifest_of("a"), "a's manifest after {seen} files");
                    assert_eq!(
                        manifest_of("b"),
                        seen > 2 * round,
                        "b's, after {seen} files"
                    );
                }
            },
        );
        assert_eq!(seen, jobs.len());
        assert!(manifest_of("a") && manifest_of("b"));
        // Both record every output: the next incremental run skips them all.
        let context = BuildContext::new(Options {
            format: OutputFormat::Typst,
            incremental: true,
            ..Options::default()
        });
        let skipped = run(&jobs, &context).iter().filter(|r| r.skipped).count();
        assert_eq!(skipped, jobs.len());
    }
}

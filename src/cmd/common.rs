//! What every subcommand shares: the diagnostic style, the fonts, the worker pool, usage checks.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cmd::cli::DiagArgs;
use crate::diag::Style;
use crate::typeset::fonts::FontSet;

/// How diagnostics are printed: the chosen format and language, colour only on a terminal without `NO_COLOR`.
pub fn style(args: &DiagArgs) -> Style {
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Style {
        format: args.diagnostic_format,
        lang: args.lang,
        color,
    }
}

/// The bundled fonts, or those of `--font-path` (loaded once, for the whole run).
pub fn fonts(path: Option<&PathBuf>) -> Result<&'static FontSet, String> {
    match path {
        None => Ok(FontSet::bundled()),
        Some(dir) => FontSet::with_folder(dir)
            .map(|set| &*Box::leak(Box::new(set)))
            .map_err(|e| format!("failed to read fonts from {} ({e})", dir.display())),
    }
}

/// The paths given, or `minutes/` when none is.
pub fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("minutes")]
    } else {
        paths
    }
}

/// Stack size of the worker threads (typst and Tera recurse deeply).
const WORKER_STACK: usize = 32 << 20;

/// Prints a failure that has no place in a file and returns exit code 1.
pub fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// The global worker pool: `jobs` threads (default: one per core) with deep stacks, because Tera's parser and
/// typst's layout recurse deeply on long or nested minutes.
pub fn worker_pool(jobs: Option<usize>) {
    // Only fails if a pool already exists, which cannot happen this early. A worker waiting in a join runs
    // other files' work on top of its own stack (0 threads = one per core).
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.map_or(0, |j| j.max(1)))
        .stack_size(WORKER_STACK)
        .build_global();
}

/// A malformed `SOURCE_DATE_EPOCH` is a usage error: silently ignoring it would break reproducibility.
pub fn check_source_date_epoch() -> Result<(), ExitCode> {
    crate::typeset::compile::source_date_epoch()
        .map(|_| ())
        .map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::from(2)
        })
}

//! What every subcommand shares: the diagnostic style, the fonts, the worker pool, usage checks, and printing
//! failures and notes in the run's language and format.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cmd::cli::DiagArgs;
use crate::diag::{self, Severity, Style, Text, out, t};
use crate::press::fonts::FontSet;

/// How diagnostics are printed: the chosen format and language, colour only on a terminal without `NO_COLOR`.
pub fn style(args: &DiagArgs) -> Style {
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Style {
        format: args.diagnostic_format.into(),
        lang: args.lang.into(),
        color,
    }
}

/// The bundled fonts, or those of `--font-path` (loaded once, for the whole run).
pub fn fonts(path: Option<&PathBuf>) -> Result<&'static FontSet, Text> {
    match path {
        None => Ok(FontSet::bundled()),
        Some(dir) => FontSet::with_folder(dir)
            .map(|set| &*Box::leak(Box::new(set)))
            .map_err(|e| {
                t(
                    format!("failed to read fonts from {} ({e})", dir.display()),
                    format!(
                        "không đọc được phông chữ từ {} ({})",
                        dir.display(),
                        crate::input::read::io_vi(&e)
                    ),
                )
            }),
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

/// A path that does not exist is a usage mistake (exit 2), named with the form expected.
pub fn require_paths(paths: &[PathBuf], style: Style) -> Result<(), ExitCode> {
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            let shown = path.display();
            return Err(usage_with(
                style,
                &t(
                    format!("failed to find {shown} (no such file or folder)"),
                    format!("không tìm thấy {shown} (không có tệp hay thư mục này)"),
                ),
                &[t(
                    "expected a minutes file (`.md`) or a folder of them",
                    "cần một tệp biên bản (`.md`) hoặc một thư mục chứa chúng",
                )],
            ));
        }
    }
    Ok(())
}

/// A folder option (`--templates`, `--font-path`) that names no folder is a usage mistake (exit 2): a FIFO
/// or a file there would otherwise be silently ignored.
pub fn require_folder(option: &str, path: Option<&PathBuf>, style: Style) -> Result<(), ExitCode> {
    match path {
        Some(dir) if !dir.is_dir() => {
            let shown = dir.display();
            Err(usage(
                style,
                &t(
                    format!("failed to read {option} {shown} (expected a folder)"),
                    format!("không đọc được {option} {shown} (cần một thư mục)"),
                ),
            ))
        }
        _ => Ok(()),
    }
}

/// Prints a failure that has no place in a file and returns exit code 1.
pub fn fail(style: Style, message: &Text) -> ExitCode {
    out::stderr(&diag::render_failure(
        Severity::Error,
        None,
        message,
        &[],
        style,
    ));
    ExitCode::from(1)
}

/// Prints a usage mistake and returns exit code 2.
pub fn usage(style: Style, message: &Text) -> ExitCode {
    usage_with(style, message, &[])
}

/// Prints a usage mistake with hints (the form expected) and returns exit code 2.
pub fn usage_with(style: Style, message: &Text, hints: &[Text]) -> ExitCode {
    out::stderr(&diag::render_failure(
        Severity::Error,
        None,
        message,
        hints,
        style,
    ));
    ExitCode::from(2)
}

/// Prints a note of the run (a summary, "watching …") on stderr unless `quiet`. With JSON diagnostics
/// nothing is printed: stderr then carries the diagnostics' JSON lines only, and a summary is what a
/// program reading them counts for itself.
pub fn note(style: Style, quiet: bool, message: &Text) {
    if !quiet && style.format != crate::diag::DiagnosticFormat::Json {
        out::stderr(&diag::render_note(message, style));
    }
}

/// The number of worker threads: `jobs` (default: one per core), never more than the cores. Threads beyond
/// them only cost memory (each has a 32 MiB stack) and `-j 100000` would spawn threads until it failed; a
/// capped request is said in a note.
pub fn worker_count(jobs: Option<usize>, style: Style, quiet: bool) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    match jobs {
        None => cores,
        Some(j) if j > cores => {
            note(
                style,
                quiet,
                &t(
                    format!("-j {j} is more than the {cores} cores: using {cores} jobs"),
                    format!("-j {j} nhiều hơn {cores} nhân máy: chạy {cores} việc song song"),
                ),
            );
            cores
        }
        Some(j) => j.max(1),
    }
}

/// A malformed `SOURCE_DATE_EPOCH` is a usage error: silently ignoring it would break reproducibility.
pub fn check_source_date_epoch(style: Style) -> Result<(), ExitCode> {
    crate::press::date::source_date_epoch()
        .map(|_| ())
        .map_err(|e| usage(style, &e))
}

//! Printing the results of a run: each file's diagnostics and failures on stderr (at most
//! [`diag::MAX_PER_FILE`] per file), the written files on stdout, and a one-line summary in the run's
//! language (none with JSON diagnostics: stderr then carries JSON lines only).

use std::process::ExitCode;
use std::time::Instant;

use crate::build::FileResult;
use crate::cmd::common::note;
use crate::diag::{self, Severity, Style, out, t};

/// Prints one file's diagnostics and failures (stderr) and its written output (stdout).
pub fn print_file(result: &FileResult, style: Style, quiet: bool) {
    if let Some(file) = &result.file {
        out::stderr(&diag::render_file(&result.diagnostics, file, style, quiet));
    }
    for failure in &result.failures {
        out::stderr(&diag::render_failure(
            Severity::Error,
            Some(&result.input),
            failure,
            &[],
            style,
        ));
    }
    for written in result.written.iter().chain(&result.also_written) {
        out::stdout_line(&written.display().to_string());
    }
}

/// Prints every file's diagnostics and failures, the written files, and a summary (of a build when
/// `started` is given, of a check otherwise); returns the exit code.
pub fn report(
    results: &[FileResult],
    style: Style,
    quiet: bool,
    started: Option<Instant>,
) -> ExitCode {
    for result in results {
        print_file(result, style, quiet);
    }
    let failed = results.iter().filter(|r| r.failed()).count();
    let (errors, warnings) = results.iter().fold((0, 0), |(e, w), r| {
        let (de, dw) = diag::tally(&r.diagnostics);
        (e + de + r.failures.len(), w + dw)
    });
    let summary = match started {
        Some(started) => {
            // Built means written: a file that produced nothing has failed (it is counted there).
            let built = results.iter().filter(|r| r.built()).count();
            let skipped = results.iter().filter(|r| r.skipped && !r.failed()).count();
            let secs = started.elapsed().as_secs_f64();
            t(
                format!(
                    "{built} built, {skipped} skipped (up to date), {failed} failed in {secs:.2} s ({errors} errors, {warnings} warnings)"
                ),
                format!(
                    "{built} đã dựng, {skipped} bỏ qua (đã mới nhất), {failed} thất bại trong {secs:.2} giây ({errors} lỗi, {warnings} cảnh báo)"
                ),
            )
        }
        None => {
            let (n, passed) = (results.len(), results.len() - failed);
            let files = if n == 1 { "file" } else { "files" };
            t(
                format!(
                    "{n} {files} checked: {passed} passed, {failed} failed ({errors} errors, {warnings} warnings)"
                ),
                format!(
                    "đã kiểm tra {n} tệp: {passed} đạt, {failed} không đạt ({errors} lỗi, {warnings} cảnh báo)"
                ),
            )
        }
    };
    note(style, quiet, &summary);
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

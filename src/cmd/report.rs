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
    for note in &result.notes {
        let path = result.input.display();
        let note = crate::diag::t(
            format!("note: {path}: {}", note.en),
            format!("lưu ý: {path}: {}", note.vi),
        );
        if !quiet {
            out::stderr(&diag::render_note(&note, style));
        }
    }
    for written in result.written.iter().chain(&result.also_written) {
        out::stdout_line(&written.display().to_string());
    }
}

/// The running totals of a run, counted file by file as the results arrive (so that no result has to be
/// kept for the summary).
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    files: usize,
    built: usize,
    skipped: usize,
    failed: usize,
    errors: usize,
    warnings: usize,
}

impl Tally {
    /// Counts one file's result.
    pub fn add(&mut self, result: &FileResult) {
        let (errors, warnings) = diag::tally(&result.diagnostics);
        self.files += 1;
        // Built means written: a file that produced nothing has failed (it is counted there).
        self.built += usize::from(result.built());
        self.skipped += usize::from(result.skipped && !result.failed());
        self.failed += usize::from(result.failed());
        self.errors += errors + result.failures.len();
        self.warnings += warnings;
    }
}

/// Prints the one-line summary of a run (of a build when `started` is given, of a check otherwise);
/// returns the exit code.
pub fn summary(tally: &Tally, style: Style, quiet: bool, started: Option<Instant>) -> ExitCode {
    let Tally {
        files: n,
        built,
        skipped,
        failed,
        errors,
        warnings,
    } = *tally;
    let summary = match started {
        Some(started) => {
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
            let passed = n - failed;
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

//! Printing the results of a run: each file's diagnostics and failures on stderr, the written files on
//! stdout, and a one-line summary.

use std::process::ExitCode;
use std::time::Instant;

use crate::build::FileResult;
use crate::diag::{self, Severity, Style};

/// Prints one file's diagnostics and failures (stderr) and its written output (stdout).
pub fn print_file(result: &FileResult, style: Style, quiet: bool) {
    if let Some(file) = &result.file {
        for d in &result.diagnostics {
            if quiet && d.severity == Severity::Warning {
                continue;
            }
            eprint!("{}", diag::render(d, file, style));
        }
    }
    for failure in &result.failures {
        eprintln!("error: {}: {failure}", result.input.display());
    }
    for written in result.written.iter().chain(&result.also_written) {
        println!("{}", written.display());
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
    let mut failed = 0;
    for result in results {
        print_file(result, style, quiet);
        if result.failed() {
            failed += 1;
        }
    }
    let (errors, warnings) = results.iter().fold((0, 0), |(e, w), r| {
        let (de, dw) = diag::tally(&r.diagnostics);
        (e + de + r.failures.len(), w + dw)
    });
    if !quiet {
        match started {
            Some(started) => {
                let skipped = results.iter().filter(|r| r.skipped).count();
                eprintln!(
                    "{} built, {skipped} skipped (up to date), {failed} failed in {:.2} s ({errors} errors, {warnings} warnings)",
                    results.len() - failed - skipped,
                    started.elapsed().as_secs_f64()
                );
            }
            None => eprintln!(
                "{} checked: {} passed, {failed} failed ({errors} errors, {warnings} warnings)",
                plural(results.len(), "file", "files"),
                results.len() - failed
            ),
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `1 file`, `2 files`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

//! `bienban watch`: rebuild one file on every save, printing its diagnostics.

use std::process::ExitCode;

use crate::build::{FileResult, Options, plan};
use crate::cmd::cli::WatchArgs;
use crate::cmd::common::{fail, fonts, style};
use crate::cmd::report::print_file;
use crate::diag::{self, Style};

/// Runs `bienban watch`.
pub fn run(args: WatchArgs) -> ExitCode {
    let style = style(&args.diag);
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    if !args.file.is_file() {
        return fail(&format!(
            "failed to find {} (no such file)",
            args.file.display()
        ));
    }
    let jobs = match plan::plan(
        std::slice::from_ref(&args.file),
        args.out_dir.as_deref(),
        args.format,
    ) {
        Ok(jobs) => jobs,
        Err(e) => return fail(&e),
    };
    let Some(job) = jobs.into_iter().next() else {
        return fail("failed to plan the build (no file)");
    };
    let options = Options {
        out_dir: args.out_dir,
        templates: args.templates,
        fonts,
        format: args.format,
        ..Options::default()
    };
    if !args.diag.quiet {
        eprintln!("watching {} (Ctrl-C to stop)", job.input.display());
    }
    let quiet = args.diag.quiet;
    let result =
        crate::build::watch::watch(&job, &options, |result| print_rebuild(result, style, quiet));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// One rebuild's diagnostics and a status line with the time.
fn print_rebuild(result: &FileResult, style: Style, quiet: bool) {
    print_file(result, style, quiet);
    if !quiet {
        let time = chrono::Local::now().format("%H:%M:%S");
        let (errors, warnings) = diag::tally(&result.diagnostics);
        let state = if result.failed() {
            "not built, the previous output is kept"
        } else {
            "built"
        };
        eprintln!("[{time}] {state} ({errors} errors, {warnings} warnings); waiting for changes");
    }
}

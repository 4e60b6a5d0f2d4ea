//! `bienban check`: every problem of every file, written nowhere.

use std::process::ExitCode;

use crate::build::{BuildContext, Options, batch, plan};
use crate::cmd::cli::CheckArgs;
use crate::cmd::common::{
    default_paths, fail, fonts, require_folder, require_paths, style, worker_count,
};
use crate::cmd::report::{Tally, print_file, summary};
use crate::typeset::compile::OutputFormat;

/// Runs `bienban check`.
pub fn run(args: CheckArgs) -> ExitCode {
    let style = style(&args.diag);
    crate::build::pool::ensure(worker_count(None, style, args.diag.quiet));
    let paths = default_paths(args.paths);
    if let Err(code) = require_paths(&paths, style) {
        return code;
    }
    if let Err(code) = require_folder("--font-path", args.font_path.as_ref(), style) {
        return code;
    }
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(style, &e),
    };
    let jobs = match plan::plan(&paths, None, OutputFormat::Pdf) {
        Ok(jobs) => jobs,
        Err(e) => return fail(style, &e),
    };
    let context = BuildContext::new(Options {
        fonts,
        check_only: true,
        ..Options::default()
    });
    let quiet = args.diag.quiet;
    let mut tally = Tally::default();
    let progress = batch::Progress::Hidden;
    batch::run_streaming(&jobs, &context, &progress, &style, |result| {
        print_file(&result, style, quiet);
        tally.add(&result);
    });
    summary(&tally, style, quiet, None)
}

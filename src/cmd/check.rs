//! `bienban check`: every problem of every file, written nowhere.

use std::process::ExitCode;

use crate::build::{BuildContext, Options, batch, plan};
use crate::cmd::cli::CheckArgs;
use crate::cmd::common::{
    default_paths, fail, fonts, require_paths, style, worker_count, worker_pool,
};
use crate::cmd::report::report;
use crate::typeset::compile::OutputFormat;

/// Runs `bienban check`.
pub fn run(args: CheckArgs) -> ExitCode {
    let style = style(&args.diag);
    worker_pool(worker_count(None, style, args.diag.quiet));
    let paths = default_paths(args.paths);
    if let Err(code) = require_paths(&paths, style) {
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
    let results = batch::run(&jobs, &context);
    report(&results, style, args.diag.quiet, None)
}

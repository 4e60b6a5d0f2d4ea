//! `bienban build`: check and render every file given (or below each folder given) on all cores.

use std::process::ExitCode;
use std::time::Instant;

use crate::build::{BuildContext, Options, batch, plan};
use crate::cmd::cli::BuildArgs;
use crate::cmd::common::{check_source_date_epoch, default_paths, fail, fonts, style, worker_pool};
use crate::cmd::report::report;
use crate::typeset::compile::OutputFormat;

/// Runs `bienban build`.
pub fn run(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    if let Err(code) = check_source_date_epoch() {
        return code;
    }
    let style = style(&args.diag);
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    worker_pool(args.jobs);
    let paths = default_paths(args.paths);
    let jobs = match plan::plan(&paths, args.out_dir.as_deref(), args.format) {
        Ok(jobs) => jobs,
        Err(e) => return fail(&e),
    };
    if !args.diag.quiet && args.format == OutputFormat::Pdf {
        eprintln!("font: {}", fonts.primary_family());
    }
    let context = BuildContext::new(Options {
        out_dir: args.out_dir,
        templates: args.templates,
        fonts,
        format: args.format,
        standards: args.pdf_standard,
        ppi: args.ppi,
        incremental: !args.force,
        ..Options::default()
    });
    let progress = batch::Progress::new(jobs.len(), args.diag.quiet);
    let results = batch::run_with(&jobs, &context, &progress);
    report(&results, style, args.diag.quiet, Some(started))
}

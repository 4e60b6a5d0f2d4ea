//! `bienban build`: check and render every file given (or below each folder given) on all cores.

use std::process::ExitCode;
use std::time::Instant;

use crate::build::{BuildContext, Options, batch, plan, write};
use crate::cmd::cli::BuildArgs;
use crate::cmd::common::{
    check_source_date_epoch, default_paths, fail, fonts, note, require_folder, require_paths,
    style, usage_with, worker_count,
};
use crate::cmd::report::{Tally, print_file, summary};
use crate::diag::{Style, t};
use crate::press::standard::Standard;
use crate::typeset::compile::OutputFormat;

/// Runs `bienban build`.
pub fn run(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let started_at = std::time::SystemTime::now();
    let style = style(&args.diag);
    let quiet = args.diag.quiet;
    // The pool is built on the warm-up thread, off the main thread's path; the build waits for it below.
    let threads = worker_count(args.jobs, style, quiet);
    let format = OutputFormat::from(args.format);
    crate::build::warm::start(format != OutputFormat::Typst, threads);
    if let Err(code) = check_source_date_epoch(style).and_then(|()| standards_ok(&args, style)) {
        return code;
    }
    let paths = default_paths(args.paths);
    if let Err(code) = require_paths(&paths, style) {
        return code;
    }
    let folders = require_folder("--templates", args.templates.as_ref(), style)
        .and_then(|()| require_folder("--font-path", args.font_path.as_ref(), style));
    if let Err(code) = folders {
        return code;
    }
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(style, &e),
    };
    crate::build::pool::ensure(threads);
    let mut jobs = match plan::plan(&paths, args.out_dir.as_deref(), format) {
        Ok(jobs) => jobs,
        Err(e) => return fail(style, &e),
    };
    if args.out_dir.is_none() {
        plan::project_out_dirs(&mut jobs);
    }
    let jobs = match args.shard {
        Some(shard) => shard.select(jobs),
        None => jobs,
    };
    // Two jobs writing one output are refused before anything is written.
    if let Err(e) = plan::collisions(&jobs) {
        return usage_with(
            style,
            &e,
            &[t(
                "build each into its own --out-dir, or rename one of the files",
                "dựng mỗi tệp vào một --out-dir riêng, hoặc đổi tên một trong hai tệp",
            )],
        );
    }
    // Temporary files left by a killed run are removed from the folders this run writes to.
    write::remove_stale_temps(jobs.iter().map(|j| j.output.as_path()), started_at);
    if format == OutputFormat::Pdf {
        let family = fonts.primary_family();
        note(
            style,
            quiet,
            &t(format!("font: {family}"), format!("phông chữ: {family}")),
        );
    }
    let context = BuildContext::new(Options {
        out_dir: args.out_dir,
        templates: args.templates,
        fonts,
        format,
        standards: crate::cmd::values::standards(&args.pdf_standard),
        ppi: args.ppi,
        incremental: !args.force,
        shard: args.shard,
        verbose: args.verbose,
        ..Options::default()
    });
    crate::cmd::process::use_huge_pages(jobs.len());
    let progress = batch::Progress::new(jobs.len(), style, quiet);
    // Each file is printed as soon as its round is done and then dropped: memory stays flat.
    let mut tally = Tally::default();
    batch::run_streaming(&jobs, &context, &progress, &style, |result| {
        print_file(&result, style, quiet);
        tally.add(&result);
    });
    summary(&tally, style, quiet, Some(started))
}

/// PDF/A-2b and PDF/A-3b are two parts of one standard: a PDF conforms to one of them, never both.
fn standards_ok(args: &BuildArgs, style: Style) -> Result<(), ExitCode> {
    let has = |s: Standard| crate::cmd::values::standards(&args.pdf_standard).contains(&s);
    if has(Standard::A2b) && has(Standard::A3b) {
        return Err(usage_with(
            style,
            &t(
                "failed to parse --pdf-standard (a-2b and a-3b cannot be combined: a PDF conforms to one part of PDF/A)",
                "không hiểu được --pdf-standard (không thể kết hợp a-2b với a-3b: một PDF chỉ theo một phần của PDF/A)",
            ),
            &[t(
                "expected one of a-2b or a-3b, optionally with ua-1, e.g. --pdf-standard a-3b,ua-1",
                "cần một trong a-2b hoặc a-3b, có thể kèm ua-1, ví dụ --pdf-standard a-3b,ua-1",
            )],
        ));
    }
    Ok(())
}

//! `bienban watch`: rebuild one file on every save, printing its diagnostics.

use std::process::ExitCode;

use crate::build::{FileResult, Options, plan};
use crate::cmd::cli::WatchArgs;
use crate::cmd::common::{fail, fonts, note, require_folder, style, usage_with};
use crate::cmd::report::print_file;
use crate::diag::{self, Style, t};

/// Runs `bienban watch`.
pub fn run(args: WatchArgs) -> ExitCode {
    let style = style(&args.diag);
    if !args.file.is_file() {
        let shown = args.file.display();
        return usage_with(
            style,
            &t(
                format!("failed to find {shown} (no such file)"),
                format!("không tìm thấy {shown} (không có tệp này)"),
            ),
            &[t(
                "expected one minutes file, e.g. bienban watch minutes/2024-03-15-chi-bo.md",
                "cần một tệp biên bản, ví dụ bienban watch minutes/2024-03-15-chi-bo.md",
            )],
        );
    }
    if let Err(code) = require_folder("--templates", args.templates.as_ref(), style) {
        return code;
    }
    if let Err(code) = require_folder("--font-path", args.font_path.as_ref(), style) {
        return code;
    }
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(style, &e),
    };
    let jobs = match plan::plan(
        std::slice::from_ref(&args.file),
        args.out_dir.as_deref(),
        args.format.into(),
    ) {
        Ok(jobs) => jobs,
        Err(e) => return fail(style, &e),
    };
    let Some(job) = jobs.into_iter().next() else {
        return fail(
            style,
            &t(
                "failed to plan the build (no file)",
                "không lập được kế hoạch dựng (không có tệp)",
            ),
        );
    };
    let options = Options {
        out_dir: args.out_dir,
        templates: args.templates,
        fonts,
        format: args.format.into(),
        ..Options::default()
    };
    let quiet = args.diag.quiet;
    let shown = job.input.display().to_string();
    note(
        style,
        quiet,
        &t(
            format!("watching {shown} (Ctrl-C to stop)"),
            format!("đang theo dõi {shown} (Ctrl-C để dừng)"),
        ),
    );
    let result =
        crate::build::watch::watch(&job, &options, |result| print_rebuild(result, style, quiet));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(style, &e),
    }
}

/// One rebuild's diagnostics and a status line with the time.
fn print_rebuild(result: &FileResult, style: Style, quiet: bool) {
    print_file(result, style, quiet);
    let time = chrono::Local::now().format("%H:%M:%S");
    let (errors, warnings) = diag::tally(&result.diagnostics);
    let errors = errors + result.failures.len();
    let status = if result.built() {
        t(
            format!("[{time}] built ({errors} errors, {warnings} warnings); waiting for changes"),
            format!("[{time}] đã dựng ({errors} lỗi, {warnings} cảnh báo); đang chờ thay đổi"),
        )
    } else {
        t(
            format!(
                "[{time}] not built, the previous output is kept ({errors} errors, {warnings} warnings); waiting for changes"
            ),
            format!(
                "[{time}] chưa dựng, giữ bản trước ({errors} lỗi, {warnings} cảnh báo); đang chờ thay đổi"
            ),
        )
    };
    note(style, quiet, &status);
}

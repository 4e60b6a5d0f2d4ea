//! `bienban extract`: write out the files attached to an archival PDF.

use std::process::ExitCode;

use crate::archive::extract::{self, Extracted};
use crate::cmd::cli::ExtractArgs;
use crate::cmd::common::{fail, note, style};
use crate::diag::{excerpt, out, t};

/// Runs `bienban extract`.
pub fn run(args: ExtractArgs) -> ExitCode {
    let style = style(&args.diag);
    let quiet = args.diag.quiet;
    match extract::extract(&args.pdf, args.out_dir.as_deref(), args.force) {
        Ok(done) => {
            for item in done {
                match item {
                    Extracted::Written(path) => out::stdout_line(&path.display().to_string()),
                    Extracted::Unchanged(path) => {
                        let shown = excerpt::escape(&path.display().to_string()).into_owned();
                        note(
                            style,
                            quiet,
                            &t(format!("unchanged: {shown}"), format!("không đổi: {shown}")),
                        );
                    }
                    Extracted::Renamed(path, name) => {
                        out::stdout_line(&path.display().to_string());
                        let (shown, name) = (path.display(), name.escape_debug());
                        note(
                            style,
                            quiet,
                            &t(
                                format!(
                                    "written as {shown}: the attached name “{name}” is not a safe file name here"
                                ),
                                format!(
                                    "đã ghi thành {shown}: tên đính kèm “{name}” không dùng được làm tên tệp ở đây"
                                ),
                            ),
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(style, &e),
    }
}

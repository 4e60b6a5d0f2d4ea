//! `bienban new`: a commented skeleton minutes file; never overwrites.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cmd::cli::NewArgs;
use crate::cmd::common::{fail, style};
use crate::cmd::skeleton;
use crate::diag::{out, t};

/// Runs `bienban new`.
pub fn run(args: NewArgs) -> ExitCode {
    let style = style(&args.diag);
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let path = args.file.unwrap_or_else(|| {
        PathBuf::from("minutes").join(format!("{}-bien-ban.md", date.format("%Y-%m-%d")))
    });
    let shown = path.display();
    // Said here in the run's language; `write_new` still refuses atomically if a file appears meanwhile.
    if std::fs::symlink_metadata(&path).is_ok() {
        return fail(
            style,
            &t(
                format!("refused to write {shown} (the file exists; bienban new never overwrites)"),
                format!("từ chối ghi {shown} (tệp đã có; bienban new không bao giờ ghi đè)"),
            ),
        );
    }
    let text = skeleton::skeleton(args.layout, args.kind, date);
    match skeleton::write_new(&path, &text) {
        Ok(()) => {
            out::stdout_line(&shown.to_string());
            ExitCode::SUCCESS
        }
        Err(e) => fail(
            style,
            &t(e.clone(), format!("không tạo được {shown} ({e})")),
        ),
    }
}

//! `bienban templates export DIR`: the built-in templates written out under their names (`party/layout.typ.tera`,
//! …), so that a clerk who installed only the binary can change one. An existing file is never replaced
//! without `--force`; every file is written atomically.

use std::process::ExitCode;

use crate::cmd::cli::{ExportArgs, TemplatesAction, TemplatesArgs};
use crate::cmd::common::{fail, note, style};
use crate::diag::{out, t};
use crate::render::template::BUILTIN;

/// Runs `bienban templates …`.
pub fn run(args: TemplatesArgs) -> ExitCode {
    match args.action {
        TemplatesAction::Export(args) => export(args),
    }
}

fn export(args: ExportArgs) -> ExitCode {
    let style = style(&args.diag);
    let existing: Vec<String> = BUILTIN
        .iter()
        .map(|(name, _)| args.dir.join(name))
        .filter(|path| std::fs::symlink_metadata(path).is_ok())
        .map(|path| path.display().to_string())
        .collect();
    if !args.force && !existing.is_empty() {
        let list = existing.join(", ");
        return crate::cmd::common::usage_with(
            style,
            &t(
                format!("refused to overwrite {list} (the files exist)"),
                format!("từ chối ghi đè {list} (các tệp đã có)"),
            ),
            &[t(
                "export into an empty folder, or add --force to replace them",
                "ghi ra một thư mục trống, hoặc thêm --force để thay chúng",
            )],
        );
    }
    for (name, text) in BUILTIN {
        let path = args.dir.join(name);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| crate::build::write::write_atomic(&path, text.as_bytes()));
        if let Err(e) = written {
            let shown = path.display();
            return fail(
                style,
                &t(
                    format!("failed to write {shown} ({e})"),
                    format!("không ghi được {shown} ({})", crate::input::read::io_vi(&e)),
                ),
            );
        }
        out::stdout_line(&path.display().to_string());
    }
    let shown = args.dir.display();
    note(
        style,
        args.diag.quiet,
        &t(
            format!(
                "wrote {} templates; a file kept in {shown} replaces the built-in one of the same name (delete the others to keep the built-in ones)",
                BUILTIN.len()
            ),
            format!(
                "đã ghi {} mẫu; tệp nào giữ lại trong {shown} sẽ thay mẫu có sẵn cùng tên (xóa các tệp khác để dùng mẫu có sẵn)",
                BUILTIN.len()
            ),
        ),
    );
    ExitCode::SUCCESS
}

//! `bienban preview FILE`: the live preview in the browser (see [`crate::live`]).

use std::io::Write;
use std::path::Path;
use std::process::{ExitCode, Stdio};

use crate::build::{Job, Options};
use crate::cmd::cli::PreviewArgs;
use crate::cmd::common::{fail, fonts};
use crate::diag::{Style, out, t};
use crate::typeset::compile::OutputFormat;

/// Runs `bienban preview`.
pub fn run(args: PreviewArgs) -> ExitCode {
    let style = Style::default();
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(style, &e),
    };
    if !args.file.is_file() {
        let shown = args.file.display();
        return fail(
            style,
            &t(
                format!("failed to find {shown} (no such file)"),
                format!("không tìm thấy {shown} (không có tệp này)"),
            ),
        );
    }
    let job = Job {
        input: args.file.clone(),
        output: args.file.with_extension("svg"),
    };
    let options = Options {
        templates: args.templates,
        fonts,
        format: OutputFormat::Svg,
        check_only: true,
        ..Options::default()
    };
    let open = !args.no_open;
    let result = crate::live::serve(&job, &options, args.port, |url| {
        out::stdout_line(&format!(
            "bienban preview: {url} ({}; Ctrl-C to stop)",
            args.file.display()
        ));
        let _ = std::io::stdout().flush();
        if open {
            open_browser(url);
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(
            style,
            &t(
                format!("the preview stopped: {e}"),
                format!("bản xem trước đã dừng: {e}"),
            ),
        ),
    }
}

/// Asks the desktop to open `url`; a machine without a browser just keeps the printed address.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let exists = cfg!(windows)
        || std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| Path::new(&dir).join(program).is_file())
        });
    if !exists {
        out::stderr(&format!(
            "open {url} in a browser (mở địa chỉ này trong trình duyệt)\n"
        ));
        return;
    }
    let spawned = std::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        // Reaped on a thread of its own, so that no finished opener lingers while the preview runs.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(_) => out::stderr(&format!(
            "open {url} in a browser (mở địa chỉ này trong trình duyệt)\n"
        )),
    }
}

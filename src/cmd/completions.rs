//! `bienban completions SHELL` (a completion script, by clap_complete) and `bienban man` (roff manual pages,
//! by clap_mangen): both from the same command definition as the help, in the help's language.

use std::path::Path;
use std::process::ExitCode;

use crate::cmd::cli::{CompletionsArgs, ManArgs};
use crate::cmd::common::fail;
use crate::diag::{DiagnosticFormat, Style, out, t};

/// The language and style of these commands' messages (they take no `--lang`: the help's language is used).
fn style() -> Style {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    Style {
        format: DiagnosticFormat::Human,
        lang: crate::cmd::help::lang_of(&args),
        color: false,
    }
}

fn command() -> clap::Command {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    crate::cmd::help::command(crate::cmd::help::lang_of(&args))
}

/// Runs `bienban completions`.
pub fn completions(args: CompletionsArgs) -> ExitCode {
    let mut script = vec![];
    clap_complete::generate(args.shell, &mut command(), "bienban", &mut script);
    out::stdout(&String::from_utf8_lossy(&script));
    ExitCode::SUCCESS
}

/// Runs `bienban man`: `bienban.1` on standard output, or every command's page into `--out-dir`.
pub fn man(args: ManArgs) -> ExitCode {
    let command = command();
    let result = match &args.out_dir {
        None => {
            let mut page = vec![];
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map(|()| out::stdout(&String::from_utf8_lossy(&page)))
        }
        Some(dir) => write_pages(command, dir),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(
            style(),
            &t(
                format!("failed to write the manual pages ({e})"),
                format!(
                    "không ghi được trang hướng dẫn ({})",
                    crate::input::read::io_vi(&e)
                ),
            ),
        ),
    }
}

/// One page per command (`bienban.1`, `bienban-build.1`, …) into `dir`, created if missing.
fn write_pages(command: clap::Command, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(command, dir)?;
    for entry in std::fs::read_dir(dir)? {
        out::stdout_line(&entry?.path().display().to_string());
    }
    Ok(())
}

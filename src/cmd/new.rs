//! `bienban new`: a commented skeleton minutes file; never overwrites.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cmd::cli::NewArgs;
use crate::cmd::common::fail;
use crate::cmd::skeleton;

/// Runs `bienban new`.
pub fn run(args: NewArgs) -> ExitCode {
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let path = args.file.unwrap_or_else(|| {
        PathBuf::from("minutes").join(format!("{}-bien-ban.md", date.format("%Y-%m-%d")))
    });
    let text = skeleton::skeleton(args.layout, args.kind, date);
    match skeleton::write_new(&path, &text) {
        Ok(()) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

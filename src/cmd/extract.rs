//! `bienban extract`: write out the files attached to an archival PDF.

use std::process::ExitCode;

use crate::archive::extract::{self, Extracted};
use crate::cmd::cli::ExtractArgs;
use crate::cmd::common::fail;

/// Runs `bienban extract`.
pub fn run(args: ExtractArgs) -> ExitCode {
    match extract::extract(&args.pdf, args.out_dir.as_deref(), args.force) {
        Ok(done) => {
            for item in done {
                match item {
                    Extracted::Written(path) => println!("{}", path.display()),
                    Extracted::Unchanged(path) => eprintln!("unchanged: {}", path.display()),
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

//! The `bienban` command: parse the arguments and hand them to [`bienban::cmd::run`].

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    bienban::cmd::run(bienban::cmd::cli::Cli::parse())
}

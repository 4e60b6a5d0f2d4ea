//! The subcommands, one file each, over the library's stages; [`run`] dispatches the parsed command line and
//! maps the result to an exit code (0 success, 1 a file has errors, 2 usage error).

pub mod cli;
pub mod skeleton;

mod build;
mod check;
mod common;
mod completions;
mod extract;
pub mod help;
mod index;
mod lsp;
mod new;
mod preview;
pub mod process;
mod report;
mod schema;
mod templates;
pub mod usage;
pub mod values;
mod verify;
mod watch;

use std::process::ExitCode;

use cli::{Cli, Command};

/// Runs one parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Schema(args) => schema::run(args),
        Command::New(args) => new::run(args),
        Command::Index(args) => index::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Lsp => lsp::run(),
        Command::Preview(args) => preview::run(args),
        Command::Templates(args) => templates::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    }
}

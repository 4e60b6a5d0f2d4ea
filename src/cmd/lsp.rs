//! `bienban lsp`: the language server over stdin and stdout (see [`crate::lsp`]).

use std::process::ExitCode;

use crate::cmd::common::fail;

/// Runs `bienban lsp`.
pub fn run() -> ExitCode {
    match crate::lsp::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

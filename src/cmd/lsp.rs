//! `bienban lsp`: the language server over stdin and stdout (see [`crate::lsp`]).

use std::process::ExitCode;

use crate::cmd::common::fail;
use crate::diag::{Style, t};

/// Runs `bienban lsp`.
pub fn run() -> ExitCode {
    match crate::lsp::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(
            Style::default(),
            &t(
                format!("the language server stopped ({e})"),
                format!("máy chủ ngôn ngữ đã dừng ({e})"),
            ),
        ),
    }
}

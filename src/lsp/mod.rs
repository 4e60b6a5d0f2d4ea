//! `bienban lsp`: a Language Server Protocol server over stdio for minutes files — diagnostics from the same
//! checker as `bienban check`, completion, hover, code actions and the outline. One small module per concern.

pub mod actions;
pub mod completion;
pub mod cursor;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod keys;
pub mod position;
pub mod requests;
pub mod server;
pub mod symbols;

use lsp_server::Connection;

/// Serves one editor over stdin and stdout until it exits.
pub fn run() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    server::serve(&connection)?;
    drop(connection);
    io_threads
        .join()
        .map_err(|e| format!("failed to close the connection ({e})"))
}

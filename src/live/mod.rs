//! `bienban preview`: a live preview in the browser. The file is rebuilt through the one build path on every
//! save ([`rebuild`]), the result is kept in a shared snapshot ([`state`]), and a small HTTP server on
//! 127.0.0.1 ([`http`]) serves the page ([`page`]), the SVG pages and a server-sent event stream.

pub mod http;
pub mod page;
pub mod rebuild;
pub mod state;

use std::sync::Arc;

use crate::build::{Job, Options};
use state::Shared;

/// Serves the preview of `job` on 127.0.0.1:`port` (0: any free port); `ready` gets the page's address once
/// the server listens. Runs until the file's watcher fails.
pub fn serve(
    job: &Job,
    options: &Options,
    port: u16,
    ready: impl FnOnce(&str),
) -> Result<(), String> {
    let (server, port) = http::bind(port)?;
    let shared = Arc::new(Shared::default());
    let name = job
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let for_http = shared.clone();
    std::thread::spawn(move || http::serve(server, port, for_http, name));
    ready(&format!("http://127.0.0.1:{port}/"));
    rebuild::watch(job, options, &shared)
}

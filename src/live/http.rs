//! The preview's HTTP server on 127.0.0.1 (tiny_http): `/` the page, `/page/N.svg` the last good pages,
//! `/events` the server-sent event stream; every other path is a 404 and nothing else is ever served. A
//! request whose `Host` is not this server's own address is refused, so another site cannot read the pages
//! through a rebound DNS name.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use crate::live::page;
use crate::live::state::Shared;

/// At most this many event streams at once (each holds a thread).
const MAX_STREAMS: usize = 32;

/// How often an idle event stream sends a comment, to notice a closed browser tab.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Binds 127.0.0.1:`port` (0: any free port) and returns the server with the port it got.
pub fn bind(port: u16) -> Result<(Server, u16), String> {
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| format!("failed to listen on 127.0.0.1:{port} ({e})"))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or("failed to read the address the preview listens on")?;
    Ok((server, port))
}

/// Serves requests until the server fails; each request on a thread of its own.
pub fn serve(server: Server, port: u16, shared: Arc<Shared>, name: String) {
    let streams = Arc::new(AtomicUsize::new(0));
    let name = Arc::new(name);
    for request in server.incoming_requests() {
        let (shared, streams, name) = (shared.clone(), streams.clone(), name.clone());
        std::thread::spawn(move || answer(request, port, &shared, &streams, &name));
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// Whether the request was addressed to this server by its own name.
fn own_host(request: &Request, port: u16) -> bool {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    match host {
        Some(host) => host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}"),
        None => true,
    }
}

fn answer(request: Request, port: u16, shared: &Shared, streams: &AtomicUsize, name: &str) {
    if !own_host(&request, port) {
        let _ = request.respond(text(403, "forbidden"));
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(404, "not found"));
        return;
    }
    let path = request.url().split('?').next().unwrap_or("").to_string();
    let no_store = header("Cache-Control", "no-store");
    match path.as_str() {
        "/" => {
            let html = page::html(&shared.get(), name);
            let response = Response::from_string(html)
                .with_chunked_threshold(usize::MAX)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(no_store);
            let _ = request.respond(response);
        }
        "/events" => events(request, shared, streams),
        _ => match page_number(&path).and_then(|n| shared.page(n)) {
            Some(svg) => {
                let response = Response::from_string(svg)
                    .with_chunked_threshold(usize::MAX)
                    .with_header(header("Content-Type", "image/svg+xml"))
                    .with_header(no_store);
                let _ = request.respond(response);
            }
            None => {
                let _ = request.respond(text(404, "not found"));
            }
        },
    }
}

/// `/page/3.svg` → 3.
fn page_number(path: &str) -> Option<usize> {
    let digits = path.strip_prefix("/page/")?.strip_suffix(".svg")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The event stream: one `data:` line of JSON per rebuild (the current one first), until the browser leaves.
fn events(request: Request, shared: &Shared, streams: &AtomicUsize) {
    if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        streams.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(text(503, "too many previews open"));
        return;
    }
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut snapshot = shared.get();
    let mut ok = writer.write_all(head.as_bytes()).is_ok();
    while ok {
        let data = serde_json::to_string(&snapshot).unwrap_or_default();
        ok = writer
            .write_all(format!("data: {data}\n\n").as_bytes())
            .is_ok()
            && writer.flush().is_ok();
        loop {
            if !ok {
                break;
            }
            match shared.wait_after(snapshot.generation, KEEPALIVE) {
                Some(next) => {
                    snapshot = next;
                    break;
                }
                None => ok = writer.write_all(b": keepalive\n\n").is_ok() && writer.flush().is_ok(),
            }
        }
    }
    streams.fetch_sub(1, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_page_paths_name_pages() {
        assert_eq!(page_number("/page/1.svg"), Some(1));
        assert_eq!(page_number("/page/12.svg"), Some(12));
        assert_eq!(page_number("/page/../x.svg"), None);
        assert_eq!(page_number("/page/.svg"), None);
        assert_eq!(page_number("/etc/passwd"), None);
    }
}

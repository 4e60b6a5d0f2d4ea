//! `bienban preview` end to end: the real binary serves a minutes file on 127.0.0.1; the page, the SVG pages
//! and the event stream are all it serves; a save shows in the event stream within a fraction of a second, an
//! error shows above the last good pages; and headless Chromium (when installed) sees the page change between
//! a screenshot before and after an edit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{seed_example, workspace};

/// Stops the preview when the test ends, passed or failed.
struct Preview {
    child: Child,
    port: u16,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(file: &Path) -> Preview {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bienban"))
        .args(["preview", "--no-open", "--port", "0"])
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("bienban preview starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Preview { child, port }
}

/// A GET request with the server's own Host; returns the status and the body.
fn get(port: u16, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = vec![];
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// The event stream, read one `data:` line at a time.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Self {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        Events(BufReader::new(stream))
    }

    fn next(&mut self) -> serde_json::Value {
        loop {
            let mut line = String::new();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "the stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data).unwrap();
            }
        }
    }

    /// The first event of a rebuild after `generation`.
    fn after(&mut self, generation: u64) -> serde_json::Value {
        loop {
            let event = self.next();
            if event["generation"].as_u64().unwrap() > generation {
                return event;
            }
        }
    }
}

/// Waits for the first build to be in.
fn first_build(events: &mut Events) -> serde_json::Value {
    let event = events.next();
    if event["generation"] == 0 {
        return events.after(0);
    }
    event
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from));
    // As an editor saves: a new file renamed over the old one.
    let temp = file.with_extension("md.tmp~");
    std::fs::write(&temp, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&temp, file).unwrap();
}

#[test]
fn preview_serves_only_its_pages_and_updates_on_save() {
    let dir = workspace(&[&seed_example()]);
    let file = dir.path().join("2023-08-30-chi-bo-dai-loi.md");
    let preview = start(&file);
    let port = preview.port;
    let host = format!("127.0.0.1:{port}");
    let mut events = Events::open(port);
    let first = first_build(&mut events);
    assert_eq!(first["errors"], serde_json::json!([]));
    assert!(first["texts"][0].as_str().unwrap().contains("Số 05-BB/CB"));

    let (status, page) = get(port, "/", &host);
    assert_eq!(status, 200);
    assert!(page.contains("<svg") && page.contains("Nhà văn hóa thôn Đại Lợi"));
    let (status, svg) = get(port, "/page/1.svg", &host);
    assert_eq!(status, 200);
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    for path in [
        "/page/99.svg",
        "/2023-08-30-chi-bo-dai-loi.md",
        "/../Cargo.toml",
        "/page/",
        "/favicon.ico",
    ] {
        assert_eq!(get(port, path, &host).0, 404, "{path}");
    }
    assert_eq!(get(port, "/", "evil.example:80").0, 403);

    // A save shows in the event stream quickly (the debounce is 25 ms; typesetting takes the rest).
    let saved = Instant::now();
    edit(
        &file,
        "Nhà văn hóa thôn Đại Lợi",
        "Hội trường Ủy ban nhân dân xã",
    );
    let event = events.after(first["generation"].as_u64().unwrap());
    let latency = saved.elapsed();
    eprintln!(
        "preview: a save reached the event stream after {} ms",
        latency.as_millis()
    );
    assert!(
        event["texts"][0]
            .as_str()
            .unwrap()
            .contains("Hội trường Ủy ban nhân dân xã")
    );
    assert!(latency < Duration::from_secs(10), "{latency:?}");

    // An error shows above the last good pages, which stay.
    edit(&file, "present: 36", "present: 30");
    let broken = events.after(event["generation"].as_u64().unwrap());
    assert!(
        broken["errors"][0].as_str().unwrap().contains("E0203"),
        "{broken}"
    );
    assert_eq!(broken["good"], event["good"]);
    let (_, page) = get(port, "/", &host);
    assert!(page.contains("E0203") && page.contains("<svg"));
    assert!(page.find("E0203").unwrap() < page.find("<svg").unwrap());
}

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Loads the page in headless Chromium: a screenshot (PNG bytes) and the DOM as the browser built it.
fn look(browser: &Path, port: u16, profile: &Path, shot: &Path) -> (Vec<u8>, String) {
    let run = |extra: &[&str]| {
        Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1000,1400",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .arg(format!("http://127.0.0.1:{port}/"))
            .stderr(Stdio::null())
            .output()
            .expect("chromium runs")
    };
    run(&[&format!("--screenshot={}", shot.display())]);
    let dom = run(&["--dump-dom"]);
    let png = std::fs::read(shot).expect("chromium wrote the screenshot");
    (png, String::from_utf8_lossy(&dom.stdout).into_owned())
}

#[test]
fn preview_in_headless_chromium_changes_after_an_edit() {
    let Some(browser) = chromium() else {
        eprintln!(
            "notice: chromium is not installed (apt-get install chromium); skipping the browser test"
        );
        return;
    };
    let dir = workspace(&[&seed_example()]);
    let file = dir.path().join("2023-08-30-chi-bo-dai-loi.md");
    let preview = start(&file);
    let mut events = Events::open(preview.port);
    let first = first_build(&mut events);
    let profile = tempfile::tempdir().unwrap();
    let (before_png, before_dom) = look(
        &browser,
        preview.port,
        profile.path(),
        &dir.path().join("before.png"),
    );
    assert!(before_png.starts_with(b"\x89PNG"));
    assert!(before_dom.contains("<svg") && before_dom.contains("Nhà văn hóa thôn Đại Lợi"));

    edit(
        &file,
        "Nhà văn hóa thôn Đại Lợi",
        "Hội trường Ủy ban nhân dân xã",
    );
    events.after(first["generation"].as_u64().unwrap());
    let (after_png, after_dom) = look(
        &browser,
        preview.port,
        profile.path(),
        &dir.path().join("after.png"),
    );
    assert!(after_dom.contains("Hội trường Ủy ban nhân dân xã"));
    assert!(!after_dom.contains("Nhà văn hóa thôn Đại Lợi"));
    assert_ne!(before_png, after_png, "the screenshot did not change");
}

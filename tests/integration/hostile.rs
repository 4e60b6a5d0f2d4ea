//! Hostile inputs end in bounded time and memory (issue 12): each case runs the release binary on a generated
//! file under a wall-clock timeout (a watcher thread kills it) and an address-space cap (`RLIMIT_AS`, set in the
//! child before `exec`), and must end with the located diagnostic that names its limit. A property test does the
//! same for files built from nasty building blocks.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use proptest::prelude::*;

/// The address space a run may use. Typst, the fonts and the thread stacks reserve a few hundred MB before
/// any work; the hostile inputs used to take 2.5 to 12 GB.
const MEMORY: u64 = 1536 * 1024 * 1024;
/// The time a run may take on a loaded two-core machine (the hostile inputs used to take minutes or forever;
/// a file at every typesetting limit at once takes some 20 s there).
const TIMEOUT: Duration = Duration::from_secs(60);

/// How a bounded run ended.
pub struct Ran {
    /// Exit code (None when killed or crashed).
    pub code: Option<i32>,
    /// Everything written to stderr (capped at 1 MiB).
    pub stderr: String,
    /// The wall-clock time taken.
    pub took: Duration,
}

/// Runs `bienban ARGS` in `dir` under [`TIMEOUT`] and [`MEMORY`]; panics when the run is killed for time.
pub fn bounded(args: &[&str], dir: &Path) -> Ran {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bienban"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY as libc::rlim_t,
                rlim_max: MEMORY as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let start = Instant::now();
    let mut child = command.spawn().expect("run bienban");
    let mut stderr = child.stderr.take().expect("stderr");
    let (done, finished) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut text = vec![];
        let _ = (&mut stderr).take(1 << 20).read_to_end(&mut text);
        // Drain the rest so the child never blocks on a full pipe.
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        let _ = done.send(());
        String::from_utf8_lossy(&text).into_owned()
    });
    let killed = finished.recv_timeout(TIMEOUT).is_err();
    if killed {
        let _ = child.kill();
    }
    let status = child.wait().expect("wait");
    let stderr = reader.join().unwrap_or_default();
    let took = start.elapsed();
    assert!(!killed, "bienban {args:?} ran past {TIMEOUT:?}");
    Ran {
        code: status.code(),
        stderr,
        took,
    }
}

fn valid() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.md"))
        .expect("valid fixture")
}

/// Writes `text` as `x.md` in a fresh folder and runs `bienban COMMAND x.md` bounded; returns the run.
fn run(command: &str, text: &[u8]) -> (Ran, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("x.md"), text).expect("write");
    let ran = bounded(&[command, "--lang", "en", "x.md"], dir.path());
    eprintln!("{command} {} bytes: {:?}", text.len(), ran.took);
    (ran, dir)
}

/// The file ends with exit 1 and a located error `code` (not a crash, not a kill).
fn refused(ran: &Ran, code: &str) {
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    assert!(
        ran.stderr.contains(&format!("error[{code}]")) && ran.stderr.contains("x.md:"),
        "{}",
        &ran.stderr[..ran.stderr.len().min(4000)]
    );
}

#[test]
fn aliases_that_expand_past_the_budget_are_refused_before_serde() {
    let big = "x".repeat(390_000);
    let remedies: String = (0..200).map(|_| "  - text: *big\n").collect();
    let text = valid().replace(
        "votes:",
        &format!("conclusion: &big \"{big}\"\nremedies:\n{remedies}votes:"),
    );
    let (ran, _dir) = run("build", text.as_bytes());
    refused(&ran, "E0007");
    assert!(ran.stderr.contains("4 MiB"));
}

#[test]
fn one_yaml_line_of_500_000_flow_items_is_linear() {
    let items = vec!["a"; 500_000].join(",");
    let text = valid().replace("votes:", &format!("recipients: [{items}]\nvotes:"));
    assert!(text.len() < 1024 * 1024);
    let (ran, _dir) = run("check", text.as_bytes());
    // Valid, if odd: half a million recipients. It used to take over 200 s finding key positions.
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    // A mapping of 90 000 keys (one a line: the printer's column count on one long line is not this test's).
    let items: String = (0..90_000).map(|i| format!("  k{i}: 1\n")).collect();
    let text = valid().replace("votes:", &format!("signers:\n{items}votes:"));
    // 90 000 unknown keys: each an error, printed short (capping the number of diagnostics is the printer's).
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("x.md"), &text).expect("write");
    let ran = bounded(
        &["check", "--diagnostic-format", "short", "x.md"],
        dir.path(),
    );
    eprintln!("check of 90 000 keys: {:?}", ran.took);
    assert_eq!(ran.code, Some(1));
}

#[test]
fn huge_markdown_is_refused_at_a_located_limit() {
    let table = format!("| a | b |\n|---|---|\n{}", "| 1 | 2 |\n".repeat(170_000));
    let spans = "`a` ".repeat(250_000);
    let paragraphs = "a\n\n".repeat(350_000);
    for (markdown, what) in [
        (table, "table cells"),
        (spans, "inline elements"),
        (paragraphs, "pages"),
    ] {
        let mut text = format!("{}\n{markdown}", valid());
        text.truncate(1024 * 1024 - 16);
        let (ran, _dir) = run("build", text.as_bytes());
        refused(&ran, "E0401");
        assert!(ran.stderr.contains(what), "{}", ran.stderr);
    }
}

#[test]
fn an_image_claiming_65535_pixels_a_side_is_refused_from_its_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/images/huge.png"),
    )
    .expect("png");
    assert!(png.len() < 100);
    std::fs::write(dir.path().join("huge.png"), &png).expect("write");
    std::fs::write(
        dir.path().join("x.md"),
        format!("{}\n![toàn cảnh](huge.png)\n", valid()),
    )
    .expect("write");
    let ran = bounded(&["build", "--lang", "en", "x.md"], dir.path());
    refused(&ran, "E0304");
    assert!(ran.stderr.contains("x.md:40:1"), "{}", ran.stderr);
}

#[test]
fn a_missing_image_fails_check_at_the_markdown_not_at_generated_typst() {
    let text = format!("{}\nẢnh: ![ảnh](images/khong-co.png)\n", valid());
    let (ran, _dir) = run("check", text.as_bytes());
    refused(&ran, "E0302");
    assert!(ran.stderr.contains("x.md:40:6"), "{}", ran.stderr);
    assert!(!ran.stderr.contains("generated Typst"));
}

#[test]
fn an_image_that_is_a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = std::ffi::CString::new(dir.path().join("pipe.png").as_os_str().as_encoded_bytes())
        .expect("path");
    // SAFETY: a valid C string; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::fs::write(
        dir.path().join("x.md"),
        format!("{}\n![ống](pipe.png)\n", valid()),
    )
    .expect("write");
    let ran = bounded(&["build", "--lang", "en", "x.md"], dir.path());
    refused(&ran, "E0302");
}

/// Building blocks of hostile files: each small, repeated to fill up to 1 MiB.
const BLOCKS: &[&str] = &[
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "`a` *b* **c** [d](https://x.vn) ",
    "a\n\n",
    "> > > > > > > > x\n",
    "- - - - - - - - x\n",
    "<script>\nx\n</sCrIpT>\n",
    "[x]: y\n",
    "![a](a.png)\n",
    "&#8754;&hearts;",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "<ố ố>‹x›",
    "\u{1}\u{1b}[2J",
    "e\u{301}\u{301}\u{301}",
];

/// YAML building blocks, put in the front matter under an extra key.
const YAML_BLOCKS: &[&str] = &[
    "[a, [b, {c: d}]], ",
    "{k: &a [x, x, x], j: *a}, ",
    "\"\\u0001\", ",
];

fn hostile_file() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec((0..BLOCKS.len(), 1usize..20_000), 1..4),
        prop::option::of((0..YAML_BLOCKS.len(), 1usize..20_000)),
    )
        .prop_map(|(body, yaml)| {
            let mut text = valid();
            if let Some((i, n)) = yaml {
                let list = YAML_BLOCKS[i].repeat(n);
                text = text.replace("votes:", &format!("extra: [{list}]\nvotes:"));
            }
            for (i, n) in body {
                text.push_str(&BLOCKS[i].repeat(n));
                text.push('\n');
            }
            let mut bytes = text.into_bytes();
            bytes.truncate(1024 * 1024 - 1);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any file under 1 MiB made of nasty pieces ends, within the time and memory bounds, with exit 0 or 1.
    #[test]
    fn any_file_under_1_mib_ends_in_bounded_time_and_memory(bytes in hostile_file()) {
        let (ran, _dir) = run("build", &bytes);
        prop_assert!(matches!(ran.code, Some(0 | 1)), "exit {:?}: {}", ran.code, &ran.stderr[..ran.stderr.len().min(2000)]);
    }
}

/// A mixed-case `</sCrIpT>` once hid the rest of the file from the page estimate but not from the typesetter:
/// 20 000 nested list lines after it made 714 pages and 2.5 GB before being refused.
#[test]
fn the_page_estimate_reads_past_a_mixed_case_html_end_tag() {
    let mut text = valid();
    text.push_str(&"<script>\nx\n</sCrIpT>\n".repeat(14_708));
    text.push_str(&"- - - - - - - - x\n".repeat(19_955));
    text.truncate(1024 * 1024 - 16);
    let (ran, _dir) = run("build", text.as_bytes());
    refused(&ran, "E0401");
    assert!(ran.stderr.contains("500 pages"), "{}", ran.stderr);
}

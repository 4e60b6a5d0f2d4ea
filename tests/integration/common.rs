//! Helpers shared by the integration tests: the example files, running the built binary, reading PDFs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bienban::build::{BuildContext, Checked, Job, Options};
use bienban::diag::Diagnostic;
use bienban::diag::source::SourceFile;
use chrono::NaiveDate;
use typst_layout::PagedDocument;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed example.
pub fn seed_example() -> PathBuf {
    root().join("minutes/2023-08-30-chi-bo-dai-loi.md")
}

/// The context of a run whose "today" is `today` (so that the date-in-the-future warning is stable).
pub fn context(today: NaiveDate) -> BuildContext {
    BuildContext::new(Options {
        today,
        ..Options::default()
    })
}

/// A file in memory checked the way every command checks it (`BuildContext::check_source`): every
/// diagnostic, and the checked file when it has no error.
pub fn check(file: SourceFile, today: NaiveDate) -> (Vec<Diagnostic>, Option<Checked>) {
    let (result, checked) = context(today).check_source(file);
    (result.diagnostics, checked)
}

/// The job that builds `input` into a PDF beside it.
pub fn job(input: &Path) -> Job {
    Job {
        input: input.to_path_buf(),
        output: input.with_extension("pdf"),
    }
}

/// The Typst source a checked file is typeset from (`bienban build --format typst`).
pub fn typst_source(context: &BuildContext, checked: &Checked) -> String {
    context
        .typst_source(&job(&checked.file.path), checked)
        .expect("render the template")
}

/// A checked file typeset in memory, as the build and the preview do it.
pub fn typeset(context: &BuildContext, checked: &Checked) -> PagedDocument {
    context
        .typeset_pages(&job(&checked.file.path), checked)
        .expect("typeset")
}

/// Runs the built `bienban` binary.
pub fn bienban(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bienban"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run bienban")
}

/// A fresh temporary folder holding copies of the given files.
pub fn workspace(files: &[&Path]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for file in files {
        std::fs::copy(file, dir.path().join(file.file_name().unwrap())).expect("copy");
    }
    dir
}

/// The text of a PDF through poppler's `pdftotext`, or None (with a notice) when poppler is not installed.
pub fn pdftotext(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output();
    match out {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        _ => {
            eprintln!(
                "notice: pdftotext (poppler-utils) is not installed; skipping the PDF text check"
            );
            None
        }
    }
}

/// The output of a poppler tool, or None (with a notice) when it is not installed.
pub fn poppler(tool: &str, pdf: &Path) -> Option<String> {
    match Command::new(tool).arg(pdf).output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        _ => {
            eprintln!("notice: {tool} (poppler-utils) is not installed; skipping that check");
            None
        }
    }
}

/// The text of a typeset document, taken from its frames: every text item in page order, separated by spaces
/// (callers compare whitespace-normalised text, so the separators only keep words apart).
pub fn document_text(document: &typst_layout::PagedDocument) -> String {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Text(text) => {
                    out.push_str(&text.text);
                    out.push(' ');
                }
                typst::layout::FrameItem::Group(group) => walk(&group.frame, out),
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in document.pages() {
        walk(&page.frame, &mut out);
    }
    out
}

/// What a bounded run of the binary gave: its exit status (None when killed), the first bytes of stdout and
/// stderr, their full sizes, and whether the watchdog had to kill it.
pub struct Bounded {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub stdout_len: usize,
    pub stderr_len: usize,
    pub timed_out: bool,
}

/// The most bytes of each stream a bounded run keeps (the rest is counted, not stored).
const KEEP: usize = 4 << 20;

/// Runs the built binary on hostile input, bounded: killed by a watchdog thread after `timeout`, with its
/// address space capped at `memory` bytes (`setrlimit(RLIMIT_AS)` in the child before `exec`), and only the
/// first 4 MiB of each output kept, so that neither a hang, a runaway allocation nor a flood of diagnostics
/// can take the test machine down with it.
pub fn bienban_bounded(
    args: &[&str],
    dir: &Path,
    timeout: std::time::Duration,
    memory: u64,
) -> Bounded {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_bienban"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    // SAFETY: only async-signal-safe calls (setrlimit) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: memory as libc::rlim_t,
                rlim_max: memory as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("run bienban");
    let drain = |stream: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut kept = vec![];
            let mut total = 0;
            if let Some(mut stream) = stream {
                let mut buf = vec![0u8; 64 << 10];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    total += n;
                    if kept.len() < KEEP {
                        kept.extend_from_slice(&buf[..n.min(KEEP - kept.len())]);
                    }
                }
            }
            (String::from_utf8_lossy(&kept).into_owned(), total)
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let deadline = std::time::Instant::now() + timeout;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let (stdout, stdout_len) = out.join().unwrap();
    let (stderr, stderr_len) = err.join().unwrap();
    Bounded {
        code: status.code(),
        stdout,
        stderr,
        stdout_len,
        stderr_len,
        timed_out,
    }
}

/// A bounded run with the defaults for one small file: 60 s and 3 GiB of address space.
pub fn bienban_hostile(args: &[&str], dir: &Path) -> Bounded {
    bienban_bounded(args, dir, std::time::Duration::from_secs(60), 3 << 30)
}

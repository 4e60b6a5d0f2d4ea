//! Helpers shared by the integration tests: the example files, running the built binary, reading PDFs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed example.
pub fn seed_example() -> PathBuf {
    root().join("minutes/2023-08-30-chi-bo-dai-loi.md")
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

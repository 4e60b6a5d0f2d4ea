//! Planning a run: finding the minutes files below each folder argument and choosing each output path.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::build::job::Job;
use crate::input::walk;
use crate::typeset::compile::OutputFormat;

/// Folders that hold no minutes: build output, templates and other tools' folders.
fn skipped_folder(name: &str) -> bool {
    matches!(name, "target" | "templates" | "node_modules")
}

/// Whether a file looks like a minutes file: `.md` and starting with a front matter fence (read from its
/// first bytes only).
fn is_minutes(path: &Path) -> bool {
    if path.extension().and_then(|e| e.to_str()) != Some("md") {
        return false;
    }
    let mut head = vec![];
    let Ok(file) = std::fs::File::open(path) else {
        // An unreadable file is still planned, so that its build reports why it cannot be read.
        return true;
    };
    if file.take(8).read_to_end(&mut head).is_err() {
        return true;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    head.starts_with(b"---\n") || head.starts_with(b"---\r\n")
}

/// Every minutes file below `dir`, sorted.
pub fn minutes_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    walk::files(dir, skipped_folder, is_minutes)
        .map_err(|e| format!("failed to read folder {} ({e})", dir.display()))
}

/// The jobs for the given paths: each file as is; each folder as every minutes file below it.
pub fn plan(
    paths: &[PathBuf],
    out_dir: Option<&Path>,
    format: OutputFormat,
) -> Result<Vec<Job>, String> {
    let ext = format.extension();
    let mut jobs = vec![];
    for path in paths {
        if path.is_dir() {
            for file in minutes_files(path)? {
                let relative = file.strip_prefix(path).unwrap_or(&file).with_extension(ext);
                let output = match out_dir {
                    Some(dir) => dir.join(relative),
                    None => file.with_extension(ext),
                };
                jobs.push(Job {
                    input: file,
                    output,
                });
            }
        } else if path.exists() {
            let name = Path::new(path.file_name().unwrap_or_default()).with_extension(ext);
            let output = match out_dir {
                Some(dir) => dir.join(name),
                None => path.with_extension(ext),
            };
            jobs.push(Job {
                input: path.clone(),
                output,
            });
        } else {
            return Err(format!(
                "failed to find {} (no such file or folder)",
                path.display()
            ));
        }
    }
    Ok(jobs)
}

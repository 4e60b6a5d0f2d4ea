//! Planning a run: finding the minutes files below each folder argument and choosing each output path.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::build::job::Job;
use crate::diag::{Text, t};
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
    // Opened only if regular (a FIFO named x.md is never waited on).
    let Ok(file) = crate::input::read::open_regular(path) else {
        // An unreadable file is still planned, so that its build reports why it cannot be read.
        return true;
    };
    if file.take(8).read_to_end(&mut head).is_err() {
        return true;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    head.starts_with(b"---\n") || head.starts_with(b"---\r\n")
}

/// Whether the regular file at `path` starts with a front matter fence (any extension): a minutes source,
/// which no output may replace.
pub fn has_front_matter(path: &Path) -> bool {
    let mut head = vec![];
    let Ok(file) = crate::input::read::open_regular(path) else {
        return false;
    };
    if file.take(8).read_to_end(&mut head).is_err() {
        return false;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    head.starts_with(b"---\n") || head.starts_with(b"---\r\n")
}

/// Every minutes file below `dir`, sorted.
pub fn minutes_files(dir: &Path) -> Result<Vec<PathBuf>, Text> {
    walk::files(dir, skipped_folder, is_minutes).map_err(|e| {
        t(
            format!("failed to read folder {} ({e})", dir.display()),
            format!(
                "không đọc được thư mục {} ({})",
                dir.display(),
                crate::input::read::io_vi(&e)
            ),
        )
    })
}

/// Without `--out-dir`, a file governed by a `bienban.toml` that names an `out_dir` is written there, at its
/// path relative to the toml's folder.
pub fn project_out_dirs(jobs: &mut [Job]) {
    use crate::input::project;
    let mut found: std::collections::HashMap<PathBuf, Option<project::Project>> =
        Default::default();
    for job in jobs {
        let folder = crate::build::context::folder_of(&job.input).to_path_buf();
        let project = found
            .entry(folder.clone())
            .or_insert_with(|| project::find(&folder).and_then(|p| project::load(&p).ok()));
        let Some(project) = project else { continue };
        let Some(out_dir) = &project.out_dir else {
            continue;
        };
        let (Ok(input), Ok(root)) = (
            std::path::absolute(&job.input),
            std::path::absolute(if project.root.as_os_str().is_empty() {
                Path::new(".")
            } else {
                &project.root
            }),
        ) else {
            continue;
        };
        if let Ok(relative) = input.strip_prefix(&root) {
            let ext = job.output.extension().map(|e| e.to_os_string());
            let mut output = out_dir.join(relative);
            if let Some(ext) = ext {
                output.set_extension(ext);
            }
            job.output = output;
        }
    }
}

/// The jobs for the given paths: each file as is; each folder as every minutes file below it. A file reached
/// twice (`check a.md ./a.md`, or a folder and a file inside it) is one job: it is checked and built once.
pub fn plan(
    paths: &[PathBuf],
    out_dir: Option<&Path>,
    format: OutputFormat,
) -> Result<Vec<Job>, Text> {
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
            return Err(t(
                format!("failed to find {} (no such file or folder)", path.display()),
                format!(
                    "không tìm thấy {} (không có tệp hay thư mục này)",
                    path.display()
                ),
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    jobs.retain(|job| seen.insert((comparable(&job.input), comparable(&job.output))));
    Ok(jobs)
}

/// Refuses a plan in which two jobs would write the same output (`--out-dir o a/x.md b/x.md`, two folders
/// with the same relative names; a file given twice is one job already): one would silently replace the other and later builds
/// would flip between them. Checked before anything is written; the error names both sources.
pub fn collisions(jobs: &[Job]) -> Result<(), Text> {
    let mut seen: std::collections::HashMap<PathBuf, &Job> = std::collections::HashMap::new();
    for job in jobs {
        let key = comparable(&job.output);
        if let Some(first) = seen.get(&key) {
            let (a, b, out) = (
                first.input.display(),
                job.input.display(),
                job.output.display(),
            );
            let same = comparable(&first.input) == comparable(&job.input);
            return Err(if same {
                t(
                    format!(
                        "refused to build {a} twice (it is given twice, both times into {out})"
                    ),
                    format!(
                        "từ chối dựng {a} hai lần (tệp được nêu hai lần, cả hai đều ghi vào {out})"
                    ),
                )
            } else {
                t(
                    format!(
                        "refused to build (both {a} and {b} would be written to {out}; give them separate --out-dir runs or rename one)"
                    ),
                    format!(
                        "từ chối dựng (cả {a} và {b} đều sẽ ghi vào {out}; dựng chúng với --out-dir riêng hoặc đổi tên một tệp)"
                    ),
                )
            });
        }
        seen.insert(key, job);
    }
    Ok(())
}

/// A path as compared for collisions: its folder resolved when it exists (so `o/x.pdf` and `./o/x.pdf` are
/// one file), made absolute otherwise, compared case-insensitively where the file system usually is.
fn comparable(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let resolved = match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map(|p| p.join(name))
            .unwrap_or_else(|_| absolute.clone()),
        _ => absolute,
    };
    if cfg!(any(windows, target_os = "macos")) {
        PathBuf::from(resolved.to_string_lossy().to_lowercase())
    } else {
        resolved
    }
}

/// One part of a build split over several machines (`--shard K/N`): part `index` (1-based) of `count`. Each
/// file belongs to exactly one part, by a hash of its path as given, so that every machine running the same
/// command picks the same files, and adding a file moves no other file to another part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, from 1.
    pub index: u32,
    /// How many parts.
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;

    /// `K/N` with 1 ≤ K ≤ N.
    fn from_str(text: &str) -> Result<Self, String> {
        let parsed = text.split_once('/').and_then(|(k, n)| {
            let (k, n) = (k.trim().parse::<u32>().ok()?, n.trim().parse::<u32>().ok()?);
            (k >= 1 && k <= n).then_some(Shard { index: k, count: n })
        });
        parsed.ok_or_else(|| {
            format!("expected K/N with 1 ≤ K ≤ N, such as 1/4 (got {text}) / cần dạng K/N với 1 ≤ K ≤ N, ví dụ 1/4")
        })
    }
}

impl Shard {
    /// Whether the file at `input` belongs to this part.
    pub fn holds(&self, input: &Path) -> bool {
        let path = input.to_string_lossy().replace('\\', "/");
        let digest = crate::build::manifest::hash(&[path.as_bytes()]);
        let head = u64::from_str_radix(&digest[..16], 16).unwrap_or(0);
        head % u64::from(self.count) == u64::from(self.index - 1)
    }

    /// The jobs of this part, in their order.
    pub fn select(&self, jobs: Vec<Job>) -> Vec<Job> {
        jobs.into_iter().filter(|j| self.holds(&j.input)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reached_twice_is_one_job() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.md");
        std::fs::write(&file, "---\ntitle: x\n---\n").expect("write");
        let twice = [
            file.clone(),
            dir.path().join(".").join("a.md"),
            dir.path().to_path_buf(),
        ];
        let jobs = plan(&twice, None, OutputFormat::Pdf).expect("plan");
        assert_eq!(jobs.len(), 1, "{jobs:?}");
        assert_eq!(jobs[0].output, dir.path().join("a.pdf"));
    }

    #[test]
    fn every_file_is_in_exactly_one_shard() {
        let jobs: Vec<Job> = (0..500)
            .map(|i| Job {
                input: PathBuf::from(format!("minutes/{i}.md")),
                output: PathBuf::from(format!("minutes/{i}.pdf")),
            })
            .collect();
        let parts: Vec<Vec<Job>> = (1..=3)
            .map(|k| Shard { index: k, count: 3 }.select(jobs.clone()))
            .collect();
        assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), 500);
        for part in &parts {
            assert!(
                part.len() > 100,
                "{} files: the split is lopsided",
                part.len()
            );
        }
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}

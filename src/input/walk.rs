//! The one folder walker: every regular file below a folder, in a stable order, under one rule for the whole
//! program (minutes, fonts, templates and the incremental manifest all walk with it): hidden entries (`.git`,
//! editors' `.swp` files) are skipped, symbolic links are never followed (a link could lead out of the project,
//! to a device such as `/dev/zero`, or back into a parent folder and loop), and only regular files are listed
//! (a FIFO would block the reader forever).

use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

/// Deepest folder nesting walked: deeper trees are not an archive anyone keeps by hand, and the bound keeps a
/// hostile tree from costing unbounded time.
pub const MAX_DEPTH: usize = 64;

/// Whether an entry's name starts with a dot (below the root: a root named `.` or `./x` is still walked).
fn is_hidden(entry: &DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Every regular file below `root` (or `root` itself when it is a regular file) whose name `keep_file`
/// accepts, skipping folders that `skip_folder` names, sorted by path. Symbolic links are listed nowhere.
pub fn files(
    root: &Path,
    skip_folder: impl Fn(&str) -> bool,
    keep_file: impl Fn(&Path) -> bool,
) -> std::io::Result<Vec<PathBuf>> {
    let walker = WalkDir::new(root)
        .follow_links(false)
        .follow_root_links(true)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let skipped_folder = e.depth() > 0
                && e.file_type().is_dir()
                && skip_folder(&e.file_name().to_string_lossy());
            !is_hidden(e) && !skipped_folder
        });
    let mut out = vec![];
    for entry in walker {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_file() && keep_file(entry.path()) {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}

/// Whether `path` is a regular file, without following a final symbolic link: the only kind of file bienban
/// opens for reading by name from a folder walk or a Markdown image.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_entries_and_skipped_folders_are_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.md",
            ".hidden.md",
            ".git/x.md",
            "templates/t.md",
            "sub/b.md",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let found = files(dir.path(), |n| n == "templates", |_| true).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(names, ["a.md", "sub/b.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        std::os::unix::fs::symlink("/", dir.path().join("root")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
        let found = files(dir.path(), |_| false, |_| true).unwrap();
        assert_eq!(found, [dir.path().join("a.md")]);
        assert!(!is_regular_file(&dir.path().join("zero.md")));
    }
}

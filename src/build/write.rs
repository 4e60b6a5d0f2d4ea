//! Writing outputs atomically: a file appears complete or not at all, and a failed build leaves the previous
//! file untouched. The temporary files (`.bienban-*.tmp`) are locked while written, so that a run can tell
//! the leftovers of a killed run (`kill -9`) from another run's live writes, and remove only the former.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that readers never see
/// a half-written file and a failed build leaves the previous file untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// [`write_atomic`] for output made piece by piece: `fill` writes into the temporary file (buffered), so that a
/// long output (a register of 100 000 rows) is never whole in memory.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    // Held until the file is renamed and closed: a lock no live process holds marks a leftover. Best effort:
    // where the file system has no locks (some network shares) the write goes on, and the cleanup, unable to
    // lock either, leaves such files alone.
    let _ = tmp.as_file().lock();
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        fill(&mut out)?;
        out.flush()?;
    }
    // No fsync: it cost 8 to 40 ms a file (more than typesetting one), and nothing depends on it. Readers see
    // the old file or the new one thanks to the rename; after a power cut a file the disk had not yet written
    // may come back short or empty, and the manifest then finds its size and time changed and rebuilds it from
    // its source, which this run never touched. (Cargo and the typst CLI do not fsync their outputs either.)
    // A temporary file is created private (0600); the output is an ordinary document, readable like its source.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The temporary files' names: `.bienban-<random>.tmp`.
const TEMP_PREFIX: &str = ".bienban-";
const TEMP_SUFFIX: &str = ".tmp";

/// Removes the temporary files a killed run left in the folders of `outputs`: only bienban's own pattern
/// (`.bienban-*.tmp`), only regular files, only those last modified before this run began (`started`), and
/// only when no live process holds their lock (a concurrent run writing into the same folder keeps its own).
/// Returns how many were removed; a file that cannot be examined is left alone.
pub fn remove_stale_temps<'a>(
    outputs: impl IntoIterator<Item = &'a Path>,
    started: std::time::SystemTime,
) -> usize {
    let mut folders: Vec<&Path> = outputs
        .into_iter()
        .map(|p| match p.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        })
        .collect();
    folders.sort();
    folders.dedup();
    folders
        .into_iter()
        .map(|folder| remove_stale_in(folder, started))
        .sum()
}

fn remove_stale_in(folder: &Path, started: std::time::SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        let old = std::fs::symlink_metadata(&path)
            .is_ok_and(|m| m.file_type().is_file() && m.modified().is_ok_and(|t| t < started));
        if !old {
            continue;
        }
        // Opened non-blocking and only if still a regular file; the lock is released when `file` closes.
        let Ok(file) = crate::input::read::open_regular(&path) else {
            continue;
        };
        if file.try_lock().is_ok() && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unlocked_leftovers_from_before_the_run_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let make = |name: &str| {
            let path = dir.path().join(name);
            let file = std::fs::File::create(&path).unwrap();
            file.set_modified(old).unwrap();
            file
        };
        drop(make(".bienban-dead.tmp"));
        drop(make(".bienban-x.txt"));
        drop(make("other.tmp"));
        let live = make(".bienban-live.tmp");
        live.lock().unwrap();
        let started = std::time::SystemTime::now();
        // File times come from a coarse clock: a file made right after `started` may look older.
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::fs::write(dir.path().join(".bienban-new.tmp"), "x").unwrap();
        let out = dir.path().join("a.pdf");
        assert_eq!(remove_stale_temps([out.as_path()], started), 1);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".bienban-live.tmp",
                ".bienban-new.tmp",
                ".bienban-x.txt",
                "other.tmp"
            ]
        );
        drop(live);
    }
}

//! `bienban watch FILE`: build once, then rebuild after every save until interrupted. The file's folder is
//! watched (not the file: editors save by writing a new file and renaming it over the old one), events are
//! debounced (an editor's save is several events), and a file caught half-written or invalid just prints its
//! diagnostics — the previous PDF stays, and the next save is built as usual. Every rebuild goes through a new
//! [`BuildContext`], so a template edited while `watch` runs is parsed again and shows. typst's global
//! memoisation cache is trimmed between builds so that a long session does not grow without bound.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::build::{BuildContext, FileResult, Job, Options};

/// How long the folder must stay quiet after an event before the file is rebuilt.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Waits for the next burst of events: blocks for the first, then takes more until none arrives for `quiet`.
/// Returns how many events the burst held, or None when the sender is gone (the watch is over).
pub fn next_burst<T>(events: &Receiver<T>, quiet: Duration) -> Option<usize> {
    events.recv().ok()?;
    let mut count = 1;
    loop {
        match events.recv_timeout(quiet) {
            Ok(_) => count += 1,
            Err(RecvTimeoutError::Timeout) => return Some(count),
            // The watcher is gone, but this burst still deserves its build.
            Err(RecvTimeoutError::Disconnected) => return Some(count),
        }
    }
}

/// Whether an event concerns `file` or the templates folder beside it.
fn concerns(event: &notify::Event, file: &Path, templates: &Path) -> bool {
    event
        .paths
        .iter()
        .any(|p| p == file || p.starts_with(templates))
}

/// Builds `job`, reports it through `report`, then rebuilds on every change until the watcher fails.
pub fn watch(
    job: &Job,
    options: &Options,
    mut report: impl FnMut(&FileResult),
) -> Result<(), crate::diag::Text> {
    let failed = |path: &Path, e: notify::Error| {
        crate::diag::t(
            format!("failed to watch {} ({e})", path.display()),
            format!("không theo dõi được {} ({e})", path.display()),
        )
    };
    let WatchedPaths {
        file,
        folder,
        templates,
    } = WatchedPaths::of(job, options);
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            // Reading a file (our own build reads it) is not a change.
            if !matches!(event.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(event);
            }
        }
    })
    .map_err(|e| failed(&folder, e))?;
    watcher
        .watch(&folder, RecursiveMode::Recursive)
        .map_err(|e| failed(&folder, e))?;
    // A templates folder named with `--templates` may lie elsewhere: watch it too.
    if !templates.starts_with(&folder) && templates.is_dir() {
        watcher
            .watch(&templates, RecursiveMode::Recursive)
            .map_err(|e| failed(&templates, e))?;
    }
    let (relevant_tx, relevant_rx) = channel();
    let output = absolute(&job.output);
    // Filter on a thread of its own, so that the debounce only sees events about the file (not the PDF we
    // write, nor the editor's swap files).
    std::thread::spawn(move || {
        for event in rx {
            let ours = event.paths.iter().all(|p| *p == output || is_temp(p));
            if !ours && concerns(&event, &file, &templates) && relevant_tx.send(()).is_err() {
                return;
            }
        }
    });
    let build = || BuildContext::new(options.clone()).build_file(job);
    report(&build());
    while next_burst(&relevant_rx, DEBOUNCE).is_some() {
        report(&build());
        // Keep only recent entries of typst's cache: the next build reuses most of the last one.
        comemo::evict(10);
    }
    Ok(())
}

/// What a rebuild-on-save loop (`watch`, `preview`) watches: the minutes file, its folder (editors save by
/// renaming a new file over the old one, so the folder is watched, not the file), and the templates folder.
pub struct WatchedPaths {
    /// The minutes file, absolute.
    pub file: PathBuf,
    /// Its folder.
    pub folder: PathBuf,
    /// The templates folder: `--templates`, or `templates/` beside the file.
    pub templates: PathBuf,
}

impl WatchedPaths {
    /// The paths for `job` built with `options`.
    pub fn of(job: &Job, options: &Options) -> Self {
        let file = absolute(&job.input);
        let folder = file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let templates = options
            .templates
            .as_ref()
            .map(|t| absolute(t))
            .unwrap_or_else(|| folder.join("templates"));
        Self {
            file,
            folder,
            templates,
        }
    }
}

/// bienban's own temporary files (the atomic write) are not edits.
fn is_temp(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".bienban-"))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_events_is_one_rebuild() {
        let (tx, rx) = channel();
        for _ in 0..5 {
            tx.send(()).unwrap();
        }
        drop(tx);
        // Everything already queued belongs to the first burst; then the channel is closed.
        assert_eq!(next_burst(&rx, Duration::from_millis(1)), Some(5));
        assert_eq!(next_burst(&rx, Duration::from_millis(1)), None);
    }

    #[test]
    fn only_the_file_and_its_templates_matter() {
        let file = Path::new("/m/a.md");
        let templates = Path::new("/m/templates");
        let event = |p: &str| notify::Event::new(notify::EventKind::Any).add_path(PathBuf::from(p));
        assert!(concerns(&event("/m/a.md"), file, templates));
        assert!(concerns(
            &event("/m/templates/party/layout.typ.tera"),
            file,
            templates
        ));
        assert!(!concerns(&event("/m/b.md"), file, templates));
    }
}

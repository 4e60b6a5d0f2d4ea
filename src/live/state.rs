//! What the preview shows, shared between the rebuilding thread and the HTTP threads: the last good pages and
//! the current errors, with a generation number that the event stream waits on.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;

/// The preview's content at one moment.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Snapshot {
    /// Bumped on every rebuild.
    pub generation: u64,
    /// The generation the pages come from (the last build without errors).
    pub good: u64,
    /// Each page as SVG text (not sent in events: the page fetches them).
    #[serde(skip)]
    pub pages: Vec<String>,
    /// Each page's plain text.
    pub texts: Vec<String>,
    /// The current problems, printed as `bienban check` prints them; empty when the file is fine.
    pub errors: Vec<String>,
}

/// The shared snapshot and the signal that it changed.
#[derive(Default)]
pub struct Shared {
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
}

impl Shared {
    /// A copy of the current snapshot.
    pub fn get(&self) -> Snapshot {
        self.lock().clone()
    }

    /// Page `n` (1-based) of the last good build.
    pub fn page(&self, n: usize) -> Option<String> {
        self.lock().pages.get(n.checked_sub(1)?).cloned()
    }

    /// Records a rebuild: new pages (a good build) or the errors above the previous pages.
    pub fn update(&self, result: Result<(Vec<String>, Vec<String>), Vec<String>>) {
        let mut snapshot = self.lock();
        snapshot.generation += 1;
        match result {
            Ok((pages, texts)) => {
                snapshot.good = snapshot.generation;
                snapshot.pages = pages;
                snapshot.texts = texts;
                snapshot.errors = vec![];
            }
            Err(errors) => snapshot.errors = errors,
        }
        self.changed.notify_all();
    }

    /// Waits up to `timeout` for a generation after `seen`; None on timeout.
    pub fn wait_after(&self, seen: u64, timeout: Duration) -> Option<Snapshot> {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation <= seen)
            .unwrap_or_else(|e| e.into_inner());
        (guard.generation > seen).then(|| guard.clone())
    }

    fn lock(&self) -> MutexGuard<'_, Snapshot> {
        self.snapshot.lock().unwrap_or_else(|e| e.into_inner())
    }
}

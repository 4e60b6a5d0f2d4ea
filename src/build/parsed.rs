//! Parsed templates kept for the life of the process. Tera's parser takes about 4 ms for one layout's
//! templates: more than reading, checking and rendering a minutes file together. `watch`, the live preview and
//! the language server make a new [`crate::build::BuildContext`] for every rebuild, and would pay it every
//! time; here each (override folder, layout) is parsed once for as long as its template files stay the same.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use crate::diag::Text;
use crate::input::model::Layout;
use crate::render::template::Templates;

/// A parse, once made (or being made: a second caller waits for the first instead of parsing again).
type Cell = Arc<OnceLock<Result<Arc<Templates>, Text>>>;

/// Which templates: the override folder (None: the built-in ones alone) and the layout.
type Key = (Option<PathBuf>, Layout);

/// By [`Key`]: the fingerprint of the folder's template files and their parse. Only the latest version of a
/// folder is kept, so a long `watch` over edited templates holds one parse per layout.
static PARSED: LazyLock<Mutex<HashMap<Key, (String, Cell)>>> = LazyLock::new(Default::default);

/// The templates of `layout` with the overrides in `dir`, whose files have the fingerprint `fingerprint`
/// ([`crate::build::manifest::templates_fingerprint`]; anything constant for the built-in templates alone).
pub fn templates(
    dir: Option<&Path>,
    layout: Layout,
    fingerprint: &str,
) -> Result<Arc<Templates>, Text> {
    let cell = {
        let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
        let slot = parsed
            .entry((dir.map(Path::to_path_buf), layout))
            .or_insert_with(|| (fingerprint.to_string(), Cell::default()));
        if slot.0 != fingerprint {
            *slot = (fingerprint.to_string(), Cell::default());
        }
        slot.1.clone()
    };
    // Parsed outside the map's lock: the other layouts and folders are not held up.
    cell.get_or_init(|| {
        Templates::for_layout(dir, layout)
            .map(Arc::new)
            .map_err(|e| e.text("failed to load templates", "không tải được mẫu"))
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_parse_per_folder_version() {
        let dir = tempfile::tempdir().unwrap();
        let first = templates(Some(dir.path()), Layout::State, "v1").unwrap();
        let again = templates(Some(dir.path()), Layout::State, "v1").unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        let edited = templates(Some(dir.path()), Layout::State, "v2").unwrap();
        assert!(!Arc::ptr_eq(&first, &edited));
        // The old version is dropped from the cache: only the caller's copy holds it.
        drop(again);
        assert_eq!(Arc::strong_count(&first), 1);
    }
}

//! One copy of each name the register repeats: an organisation, its superior body, a meeting title, a vote's
//! subject are the same text in most files of one folder, and an archive of 100 000 files kept each of them
//! once a file (some 40 MB).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The names met so far, shared by the threads that read the files.
#[derive(Default)]
pub struct Names {
    seen: Mutex<HashSet<Arc<str>>>,
}

impl Names {
    /// `text`, as the one copy kept of it.
    pub fn get(&self, text: &str) -> Arc<str> {
        // A poisoned lock only means another thread panicked while holding it; the set is still whole.
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(name) = seen.get(text) {
            return name.clone();
        }
        let name: Arc<str> = text.into();
        seen.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_copy_of_each_name() {
        let names = Names::default();
        let a = names.get("Chi bộ Đại Lợi");
        let b = names.get(&String::from("Chi bộ Đại Lợi"));
        let c = names.get("Chi bộ Đại Lợi 2");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(&*c, "Chi bộ Đại Lợi 2");
    }
}

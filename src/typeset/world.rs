//! The `typst::World` of one minutes file: the generated source as `main.typ`, the fonts of a [`FontSet`],
//! today's date fixed to the meeting date (so `today()` and the output never depend on the clock), and file
//! access limited to the minutes file's own folder tree.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::press::fonts::FontSet;

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The largest file the world serves (an image): 64 MiB, far above any photograph a clerk inserts.
pub const MAX_WORLD_FILE_BYTES: u64 = 64 << 20;

/// The id of the generated source.
pub fn main_id() -> FileId {
    FileId::new(RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("main.typ").expect("a valid path"),
    ))
}

thread_local! {
    /// The last generated source this thread made, kept so that the next one, when it differs in a few places
    /// only (a `watch` or preview rebuild after an edit, each made on the thread of its loop), is made by
    /// typst's incremental reparse of the changed range instead of a parse of the whole 30 KB (2 ms of a 10 ms
    /// rebuild). In a batch the same happens between files that differ little (a folder of one organisation's
    /// minutes made from one model); files that differ throughout are parsed anew.
    static LAST_SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
}

/// The most of a source that may change for it to be reparsed incrementally: a quarter.
const MOST_CHANGED: usize = 4;

/// The parsed source of `text`: [`LAST_SOURCE`] edited when `text` is mostly the same, else a new parse.
fn main_source(text: String) -> Source {
    LAST_SOURCE.with_borrow_mut(|last| {
        let source = match last.take() {
            Some(mut source) if mostly_same(source.text(), &text) => {
                source.replace(&text);
                source
            }
            _ => Source::new(main_id(), text),
        };
        *last = Some(source.clone());
        source
    })
}

/// Whether `new` differs from `old` in at most a [`MOST_CHANGED`]th of its length (between the longest common
/// start and end). typst's `replace` finds the same range again; two compares of 30 KB cost microseconds.
fn mostly_same(old: &str, new: &str) -> bool {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let end = a[start..]
        .iter()
        .rev()
        .zip(b[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (b.len() - start - end) * MOST_CHANGED <= b.len()
}

/// Forgets this thread's [`LAST_SOURCE`]: its next source is parsed anew (for tests that compare the two).
#[doc(hidden)]
pub fn forget_last_source() {
    LAST_SOURCE.with_borrow_mut(|last| *last = None);
}

/// The world one minutes file is compiled in.
pub struct MinutesWorld<'a> {
    fonts: &'a FontSet,
    main: Source,
    root: Option<PathBuf>,
    today: Datetime,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl<'a> MinutesWorld<'a> {
    /// A world for `source`, reading files only below `root` (None: no file access at all).
    pub fn new(source: String, root: Option<&Path>, fonts: &'a FontSet, today: NaiveDate) -> Self {
        let today = Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8)
            .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).expect("a valid date"));
        Self {
            fonts,
            main: main_source(source),
            root: root.and_then(|r| r.canonicalize().ok()),
            today,
            files: Mutex::new(HashMap::new()),
        }
    }

    /// The generated source.
    pub fn source_text(&self) -> &str {
        self.main.text()
    }

    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "packages are not available to minutes".into(),
            )));
        }
        let root = self.root.as_ref().ok_or(FileError::AccessDenied)?;
        let path = id.vpath().realize(root).map_err(FileError::Realize)?;
        // Symbolic links could lead out of the folder: compare the resolved path with the resolved root.
        let real = path
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &path))?;
        if !real.starts_with(root) {
            return Err(FileError::AccessDenied);
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        // Only a regular file is read: a FIFO would block the build, a device would never end.
        let bytes = crate::input::read::read_regular(&real, MAX_WORLD_FILE_BYTES).map_err(|e| {
            if e.kind() == std::io::ErrorKind::InvalidInput {
                FileError::Other(Some(e.to_string().into()))
            } else {
                FileError::from_io(e, &path)
            }
        })?;
        if bytes.len() as u64 > MAX_WORLD_FILE_BYTES {
            return Err(FileError::Other(Some(
                format!("larger than {} MiB", MAX_WORLD_FILE_BYTES >> 20).into(),
            )));
        }
        Ok(Bytes::new(bytes))
    }
}

impl World for MinutesWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.entry(id).or_insert_with(|| self.read(id)).clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{BuildContext, Job, Options};
    use crate::typeset::compile;

    /// The generated source of a minutes text and its meeting date, as `build` makes them.
    fn generated(text: &str, dir: &Path) -> (String, NaiveDate) {
        let input = dir.join("a.md");
        std::fs::write(&input, text).unwrap();
        let job = Job {
            input: input.clone(),
            output: dir.join("a.pdf"),
        };
        let context = BuildContext::new(Options::default());
        let (_, checked) = context.check_file(&input);
        let checked = checked.expect("the example checks");
        let source = context.typst_source(&job, &checked).unwrap();
        (source, checked.minutes.date)
    }

    /// The text with a word added to its last paragraph, and with a word changed in its body.
    fn edits(text: &str) -> Vec<String> {
        let body = text[3..].find("\n---").map_or(0, |at| at + 7);
        let (head, rest) = text.split_at(body);
        let mut edits = vec![format!("{} Hết.\n", text.trim_end())];
        if rest.contains(" của ") {
            edits.push(format!("{head}{}", rest.replacen(" của ", " cho ", 1)));
        }
        edits
    }

    #[test]
    fn a_source_reparsed_in_place_typesets_as_one_parsed_anew() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let pdf = |source: &str, date| {
            compile::pdf(source.to_string(), None, FontSet::bundled(), date, "a").unwrap()
        };
        for example in [
            "minutes/2023-08-30-chi-bo-dai-loi.md",
            "minutes/2024-03-15-ubnd-xa-thanh-binh-thinh.md",
            "tests/fixtures/layout/party-long.md",
            "tests/fixtures/layout/state-breaks.md",
            "tests/fixtures/office/party-admission.md",
        ] {
            let text = std::fs::read_to_string(root.join(example)).unwrap();
            let (original, date) = generated(&text, dir.path());
            for edited in edits(&text) {
                let (changed, _) = generated(&edited, dir.path());
                assert!(
                    mostly_same(&original, &changed),
                    "{example}: not reparsed in place"
                );
                forget_last_source();
                pdf(&original, date);
                let reparsed = pdf(&changed, date);
                forget_last_source();
                let anew = pdf(&changed, date);
                assert!(reparsed == anew, "{example}: the PDFs differ");
                // And back: the original, reparsed from the changed source, is the original's PDF.
                let back = pdf(&original, date);
                forget_last_source();
                assert!(back == pdf(&original, date), "{example}: the PDFs differ");
            }
        }
    }
}

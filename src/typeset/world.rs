//! The `typst::World` of one minutes file: the generated source as `main.typ`, the fonts of a [`FontSet`],
//! today's date fixed to the meeting date (so `today()` and the output never depend on the clock), and file
//! access limited to the minutes file's own folder tree.

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

use crate::typeset::fonts::FontSet;

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
            main: Source::new(main_id(), source),
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

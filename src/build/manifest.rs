//! Incremental builds: a small manifest beside the outputs (`.bienban-manifest.json` in each output folder)
//! records, for every output file, the content hash of everything that made it — the source text, the
//! templates, the fonts, the options and the tool's version — and the hash of the output itself. A file whose
//! inputs hash the same and whose output is still the one written is skipped. Content hashes, not timestamps:
//! a `git checkout` or a copy that touches every file rebuilds nothing, and an edit reverted is not rebuilt.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::press::fonts::FontSet;

/// The manifest's file name in each output folder.
pub const FILE_NAME: &str = ".bienban-manifest.json";

/// Bumped when the manifest's shape or the key's recipe changes, so that old manifests are ignored (2: the
/// quick key and the output's stamp).
const FORMAT_VERSION: u32 = 2;

/// What was recorded for one output file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Hash of everything the output was made from.
    pub key: Hashed,
    /// Hash of the output's bytes, to notice an output replaced or damaged by hand.
    pub output: Hashed,
    /// Hash of what the output was made from as it stands on disk before any checking: the source's bytes,
    /// the bytes of the images it showed, the templates, fonts, options and version. When it still matches
    /// and the output is as written, the file is not even read as minutes again: an unchanged archive of
    /// 10 000 files is up to date in a fraction of a second.
    #[serde(default)]
    pub quick: Hashed,
    /// The images the source showed (relative to its folder), for [`Entry::quick`].
    #[serde(default)]
    pub images: Vec<String>,
    /// The output's size and modification time when it was written (nanoseconds since 1970), to see
    /// without reading it that it is still the file written.
    #[serde(default)]
    pub written: (u64, u128),
}

/// A recorded hash: the 32 bytes of a SHA-256 written as 64 hexadecimal digits (every hash this tool makes),
/// or any other text as it was (the register's key, `index`; an empty quick key). Kept as bytes because a
/// build holds the record of every file until its manifest is written: as three hex `String`s an entry
/// took about 440 bytes of a 10 000-file build, as bytes about 300. Read and written as the same text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Hashed {
    /// Nothing recorded (a manifest written before the quick key).
    #[default]
    None,
    /// A SHA-256, from its lowercase hexadecimal form.
    Sha256([u8; 32]),
    /// Any other text.
    Text(Box<str>),
}

impl Hashed {
    /// Whether this is the hash written `hex` (the text that [`hash`] and [`key`] return).
    pub fn is(&self, hex: &str) -> bool {
        match self {
            Hashed::None => hex.is_empty(),
            Hashed::Sha256(bytes) => parse_sha256(hex).is_some_and(|b| b == *bytes),
            Hashed::Text(text) => &**text == hex,
        }
    }

    /// Whether nothing was recorded.
    pub fn is_none(&self) -> bool {
        matches!(self, Hashed::None)
    }
}

impl From<String> for Hashed {
    fn from(text: String) -> Self {
        if text.is_empty() {
            Hashed::None
        } else if let Some(bytes) = parse_sha256(&text) {
            Hashed::Sha256(bytes)
        } else {
            Hashed::Text(text.into_boxed_str())
        }
    }
}

impl std::fmt::Display for Hashed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Hashed::None => Ok(()),
            Hashed::Sha256(bytes) => f.write_str(&hex(bytes)),
            Hashed::Text(text) => f.write_str(text),
        }
    }
}

impl Serialize for Hashed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hashed {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Hashed::from)
    }
}

/// The bytes of a SHA-256 written as exactly 64 lowercase hexadecimal digits (as [`hex`] writes it: any
/// other spelling stays text, so that it is written back as it was read).
fn parse_sha256(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let value = |d: u8| match d {
        b'0'..=b'9' => Some(d - b'0'),
        b'a'..=b'f' => Some(d - b'a' + 10),
        _ => None,
    };
    let mut bytes = [0; 32];
    for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = value(pair[0])? << 4 | value(pair[1])?;
    }
    Some(bytes)
}

/// An output's size and modification time, or None when it cannot be seen.
fn stamp(output: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::symlink_metadata(output).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), modified.as_nanos()))
}

/// The quick key of a source (see [`Entry::quick`]): its bytes and the bytes of its images, with what every
/// file shares.
pub fn quick_key(
    source_bytes: &[u8],
    folder: &Path,
    images: &[String],
    templates: &str,
    fonts: &str,
    options: &str,
) -> String {
    let source = format!(
        "raw\0{}\0{}",
        hash(&[source_bytes]),
        images_fingerprint(folder, images)
    );
    key(&source, templates, fonts, options)
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Folder {
    version: u32,
    /// By output file name.
    entries: BTreeMap<String, Entry>,
    #[serde(skip)]
    changed: bool,
}

/// The manifests of every output folder of a run; shared by the worker threads.
#[derive(Debug)]
pub struct Manifests {
    folders: Mutex<HashMap<PathBuf, Folder>>,
    /// The manifest's file name in each folder: [`FILE_NAME`], or one per shard of a sharded build.
    file_name: String,
}

/// The manifest's file name for a build that is shard `index` of `count` (see [`crate::build::plan::Shard`]):
/// each machine of a split build keeps its own, so that none overwrites another's record.
pub fn shard_file_name(index: u32, count: u32) -> String {
    format!(".bienban-manifest.{index}-of-{count}.json")
}

/// Lowercase hexadecimal SHA-256 of `parts`, each prefixed by its length so that no two lists of parts collide.
pub fn hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

/// Bytes as lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// [`hash`] of one part read from a file, in pieces (the same value as `hash(&[&whole_file])`).
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut hasher = Sha256::new();
    hasher.update(len.to_le_bytes());
    let mut buffer = vec![0; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

/// The key of one output: the tool's version, the options, fonts and templates fingerprints, and the source.
pub fn key(source: &str, templates: &str, fonts: &str, options: &str) -> String {
    hash(&[
        concat!("bienban ", env!("CARGO_PKG_VERSION")).as_bytes(),
        options.as_bytes(),
        fonts.as_bytes(),
        templates.as_bytes(),
        source.as_bytes(),
    ])
}

/// The most bytes of an image that take part in its fingerprint (past them the image is refused by the build).
const MAX_IMAGE_BYTES: u64 = 64 << 20;

/// Fingerprint of the images a minutes file shows (paths relative to `folder`): each path with its bytes, or a
/// marker when it cannot be read (the build will then report it).
pub fn images_fingerprint(folder: &Path, images: &[String]) -> String {
    let mut parts: Vec<Vec<u8>> = vec![];
    for image in images {
        parts.push(image.as_bytes().to_vec());
        // Only a regular file is read (a FIFO would block); the check reports what is wrong with the others.
        parts.push(
            crate::input::read::read_regular(&folder.join(image), MAX_IMAGE_BYTES)
                .unwrap_or_else(|_| b"\0missing".to_vec()),
        );
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    hash(&refs)
}

/// Fingerprint of a font set: every face's bytes.
pub fn fonts_fingerprint(fonts: &FontSet) -> String {
    if fonts.bundled_only {
        // Computed by build.rs when bienban was compiled: the bundled fonts cannot change after that.
        return env!("BIENBAN_BUNDLED_FONTS_SHA256").to_string();
    }
    let data: Vec<&[u8]> = fonts.fonts.iter().map(|f| f.data().as_slice()).collect();
    hash(&data)
}

/// Fingerprint of the templates a file is rendered with: the built-in ones and every `*.tera` file below the
/// override folder (names and contents).
pub fn templates_fingerprint(dir: Option<&Path>) -> std::io::Result<String> {
    let mut parts: Vec<Vec<u8>> = vec![];
    // The register's template does not take part in any minutes file.
    for (name, text) in crate::render::template::BUILTIN
        .iter()
        .filter(|(n, _)| !n.starts_with("register/"))
    {
        parts.push(name.as_bytes().to_vec());
        parts.push(text.as_bytes().to_vec());
    }
    if let Some(dir) = dir {
        for file in crate::render::template::tera_files(dir)? {
            let name = file.strip_prefix(dir).unwrap_or(&file);
            if name.starts_with("register") {
                continue;
            }
            parts.push(name.to_string_lossy().as_bytes().to_vec());
            parts.push(crate::input::read::read_regular(
                &file,
                crate::render::template::MAX_TEMPLATE_BYTES,
            )?);
        }
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    Ok(hash(&refs))
}

/// Whether the regular file at `output` hashes to `expected` (a FIFO or device never does, and is not read).
fn holds(output: &Path, expected: &Hashed) -> bool {
    crate::input::read::read_regular(output, MAX_OUTPUT_BYTES)
        .is_ok_and(|bytes| bytes.len() as u64 <= MAX_OUTPUT_BYTES && expected.is(&hash(&[&bytes])))
}

/// The largest output compared with its record (larger: rebuilt).
const MAX_OUTPUT_BYTES: u64 = 1 << 30;

fn split(output: &Path) -> (PathBuf, String) {
    let folder = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (folder, name)
}

/// The largest manifest read (64 MiB, some 200 000 entries): a larger one is ignored, costing a rebuild.
const MAX_MANIFEST_BYTES: u64 = 64 << 20;

impl Manifests {
    /// The manifests named [`FILE_NAME`] beside the outputs.
    pub fn new() -> Self {
        Self::named(FILE_NAME)
    }

    /// The manifests named `file_name` beside the outputs. Each folder's manifest is read when one of its
    /// outputs is first asked about (a missing or unreadable manifest is empty), and kept until it is
    /// written: a long build keeps only the folders it is working in (see [`Manifests::finish`]).
    pub fn named(file_name: &str) -> Self {
        Self {
            folders: Mutex::new(HashMap::new()),
            file_name: file_name.to_string(),
        }
    }

    /// Runs `f` on the manifest of `folder`, read first if it is not yet.
    fn with_folder<R>(&self, folder: PathBuf, f: impl FnOnce(&mut Folder) -> R) -> R {
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        let manifest = folders.entry(folder).or_insert_with_key(|folder| {
            // A manifest is small; a FIFO or device in its place is never waited on or read whole.
            crate::input::read::read_regular(&folder.join(&self.file_name), MAX_MANIFEST_BYTES)
                .ok()
                .filter(|b| b.len() as u64 <= MAX_MANIFEST_BYTES)
                .and_then(|bytes| serde_json::from_slice::<Folder>(&bytes).ok())
                .filter(|f| f.version == FORMAT_VERSION)
                .unwrap_or_default()
        });
        f(manifest)
    }

    /// What was recorded for `output`, if anything.
    pub fn entry(&self, output: &Path) -> Option<Entry> {
        let (folder, name) = split(output);
        self.with_folder(folder, |f| f.entries.get(&name).cloned())
    }

    /// Whether `entry` (recorded for `output`) has the quick key `quick` and `output` still has the size and
    /// modification time it was written with.
    pub fn is_quick_fresh(entry: &Entry, output: &Path, quick: &str) -> bool {
        !entry.quick.is_none() && entry.quick.is(quick) && stamp(output) == Some(entry.written)
    }

    /// Whether `output` was written from inputs hashing to `key` and is still the file that was written.
    pub fn is_fresh(&self, output: &Path, key: &str) -> bool {
        let Some(entry) = self.entry(output).filter(|e| e.key.is(key)) else {
            return false;
        };
        holds(output, &entry.output)
    }

    /// Whether `output` is a file this tool wrote and recorded (with any key) and still holds what was
    /// written: such a file may be replaced by the same command without `--force`.
    pub fn is_recorded(&self, output: &Path) -> bool {
        self.entry(output)
            .is_some_and(|entry| holds(output, &entry.output))
    }

    /// Records that `output` now holds `bytes`, made from inputs hashing to `key`.
    pub fn record(&self, output: &Path, key: String, bytes: &[u8]) {
        self.record_quick(output, key, (String::new(), vec![]), bytes);
    }

    /// Like [`Manifests::record`], with the quick key and the images it was computed from.
    pub fn record_quick(
        &self,
        output: &Path,
        key: String,
        (quick, images): (String, Vec<String>),
        bytes: &[u8],
    ) {
        self.insert(output, key, hash(&[bytes]), quick, images);
    }

    /// Records that `output` now holds the bytes hashing to `output_hash` (see [`hash_file`]).
    pub fn record_hashed(&self, output: &Path, key: String, output_hash: String) {
        self.insert(output, key, output_hash, String::new(), vec![]);
    }

    fn insert(
        &self,
        output: &Path,
        key: String,
        hashed: String,
        quick: String,
        images: Vec<String>,
    ) {
        let (folder, name) = split(output);
        let entry = Entry {
            key: key.into(),
            output: hashed.into(),
            quick: quick.into(),
            images,
            written: stamp(output).unwrap_or_default(),
        };
        self.with_folder(folder, |folder| {
            folder.version = FORMAT_VERSION;
            folder.entries.insert(name, entry);
            folder.changed = true;
        });
    }

    /// Writes every manifest that changed (atomically, like the outputs); returns the failures.
    pub fn save(&self) -> Vec<crate::diag::Text> {
        let folders = std::mem::take(&mut *self.folders.lock().unwrap_or_else(|e| e.into_inner()));
        folders
            .iter()
            .filter_map(|(folder, manifest)| self.write(folder, manifest))
            .collect()
    }

    /// Writes the manifest of the folder `output` goes to if it changed, and lets it go: no later output of
    /// the run goes there. A batch calls it as it leaves each folder, so that its memory does not grow with
    /// the archive, and a run that is stopped keeps the record of every folder it finished.
    pub fn finish(&self, output: &Path) -> Option<crate::diag::Text> {
        let (folder, _) = split(output);
        let manifest = self
            .folders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&folder)?;
        self.write(&folder, &manifest)
    }

    /// Writes `manifest` into `folder` if it changed (atomically, like the outputs); returns the failure.
    fn write(&self, folder: &Path, manifest: &Folder) -> Option<crate::diag::Text> {
        if !manifest.changed {
            return None;
        }
        let path = folder.join(&self.file_name);
        // Written piece by piece: the manifest of a 10 000-file folder is megabytes of JSON.
        let written = crate::build::write::write_atomic_with(&path, |out| {
            serde_json::to_writer_pretty(&mut *out, manifest).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        });
        written.err().map(|e| {
            crate::diag::t(
                format!("failed to write {} ({e})", path.display()),
                format!(
                    "không ghi được {} ({})",
                    path.display(),
                    crate::input::read::io_vi(&e)
                ),
            )
        })
    }
}

impl Default for Manifests {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_output_is_fresh_until_its_inputs_or_bytes_change() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.pdf");
        std::fs::write(&out, b"pdf one").unwrap();
        let manifests = Manifests::new();
        assert!(!manifests.is_fresh(&out, "k1"));
        manifests.record(&out, "k1".into(), b"pdf one");
        assert!(manifests.save().is_empty());

        let reloaded = Manifests::new();
        assert!(reloaded.is_fresh(&out, "k1"));
        assert!(!reloaded.is_fresh(&out, "k2"));
        std::fs::write(&out, b"edited by hand").unwrap();
        assert!(!reloaded.is_fresh(&out, "k1"));
        std::fs::remove_file(&out).unwrap();
        assert!(!reloaded.is_fresh(&out, "k1"));
    }

    #[test]
    fn recorded_hashes_are_kept_as_bytes_and_written_back_as_read() {
        let sha = hash(&[b"pdf"]);
        assert!(matches!(Hashed::from(sha.clone()), Hashed::Sha256(_)));
        assert!(Hashed::from(sha.clone()).is(&sha));
        assert!(!Hashed::from(sha.clone()).is(&hash(&[b"other"])));
        // Other text is kept as text: the register's key, and a hash spelt in capitals by a hand edit.
        for text in ["index", &sha.to_uppercase(), &sha[..63]] {
            assert_eq!(Hashed::from(text.to_string()), Hashed::Text(text.into()));
            assert!(Hashed::from(text.to_string()).is(text));
        }
        assert!(Hashed::from(String::new()).is_none());

        // A manifest reads and writes back the same JSON, a missing quick key included.
        let json = format!(
            r#"{{"version":2,"entries":{{"a.pdf":{{"key":"{sha}","output":"index","quick":"","images":[],"written":[1,2]}}}}}}"#
        );
        let folder: Folder = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&folder).unwrap(), json);
        let old = r#"{"version":2,"entries":{"a.pdf":{"key":"k","output":"o"}}}"#;
        let folder: Folder = serde_json::from_str(old).unwrap();
        assert!(folder.entries["a.pdf"].quick.is_none());
    }

    #[test]
    fn keys_depend_on_every_input() {
        let base = key("src", "tpl", "fonts", "pdf");
        assert_eq!(base, key("src", "tpl", "fonts", "pdf"));
        for other in [
            key("src2", "tpl", "fonts", "pdf"),
            key("src", "tpl2", "fonts", "pdf"),
            key("src", "tpl", "fonts2", "pdf"),
            key("src", "tpl", "fonts", "typst"),
            // Length prefixes: moving a byte between parts changes the key.
            key("sr", "ctpl", "fonts", "pdf"),
        ] {
            assert_ne!(base, other);
        }
        assert_eq!(base.len(), 64);
    }
}

//! The open documents and what the checker found in each: the text, its diagnostics (from
//! [`BuildContext::check_source`], the same path `bienban check` takes), and the front matter read with the
//! position of every key. Only open documents are kept; closing one forgets it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use crate::build::{BuildContext, Options};
use crate::diag::Diagnostic;
use crate::diag::source::SourceFile;
use crate::input::frontmatter::{self, Positions};
use crate::input::model::RawMinutes;
use crate::render::escape;

/// One checked version of a document.
pub struct Analysis {
    /// The text, with its line index.
    pub file: SourceFile,
    /// Every problem the checker found (empty for a Markdown file that is not minutes).
    pub diagnostics: Vec<Diagnostic>,
    /// Where each key and value stands.
    pub positions: Positions,
    /// The front matter as far as it could be read.
    pub raw: RawMinutes,
    /// The byte range of the YAML between the fences (None without a front matter).
    pub yaml: Option<Range<usize>>,
    /// Where the Markdown body starts.
    pub body_start: usize,
    /// Each vote's sentence as the PDF prints it (empty while the file has errors).
    pub vote_sentences: Vec<String>,
}

/// Whether a text is a minutes file: it opens with a `---` front matter fence.
pub fn is_minutes(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    text.starts_with("---\n") || text.starts_with("---\r\n") || text == "---"
}

impl Analysis {
    /// Checks `text` (read from `path`, or about to be saved there).
    pub fn new(path: PathBuf, text: String) -> Self {
        let file = SourceFile::new(path, text);
        let minutes = is_minutes(&file.text);
        let (diagnostics, vote_sentences, checked_front_matter) = if minutes {
            // A context per check: cheap, and "today" stays today over a long session.
            let context = BuildContext::new(Options::default());
            // The editor shows what the file itself says: the check's reading serves when no `bienban.toml`
            // adds its defaults to it.
            let defaults = context
                .project(&file.path)
                .ok()
                .flatten()
                .is_some_and(|p| !p.defaults.is_empty());
            let (result, checked, front_matter) =
                context.check_source_keeping(file.clone(), !defaults);
            let sentences = checked.map_or_else(Vec::new, |c| {
                c.view
                    .votes
                    .iter()
                    .map(|v| escape::plain(&v.sentence))
                    .collect()
            });
            (result.diagnostics, sentences, front_matter)
        } else {
            (vec![], vec![], None)
        };
        let ((raw, positions), yaml, body_start) = match frontmatter::split(&file.text) {
            Ok(split) if minutes => (
                checked_front_matter.unwrap_or_else(|| {
                    let parsed = frontmatter::parse(&file.text, &split);
                    (parsed.raw, parsed.positions)
                }),
                Some(split.yaml_start..split.yaml_start + split.yaml.len()),
                split.body_start,
            ),
            _ => (Default::default(), None, 0),
        };
        Self {
            diagnostics,
            positions,
            raw,
            yaml,
            body_start,
            vote_sentences,
            file,
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.file.text
    }
}

/// The open documents by URI.
#[derive(Default)]
pub struct Documents {
    open: HashMap<String, Analysis>,
}

impl Documents {
    /// Opens or replaces a document with a new text and checks it.
    pub fn set(&mut self, uri: &str, text: String) -> &Analysis {
        let analysis = Analysis::new(path_of(uri), text);
        self.open.insert(uri.to_string(), analysis);
        &self.open[uri]
    }

    /// The last check of an open document.
    pub fn get(&self, uri: &str) -> Option<&Analysis> {
        self.open.get(uri)
    }

    /// Forgets a closed document.
    pub fn close(&mut self, uri: &str) {
        self.open.remove(uri);
    }

    /// The URIs of the open documents.
    pub fn uris(&self) -> Vec<String> {
        self.open.keys().cloned().collect()
    }

    /// How many documents are open.
    pub fn len(&self) -> usize {
        self.open.len()
    }

    /// Whether no document is open.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }
}

/// The file path of a `file:` URI (percent-decoded); another URI's text is used as the path as it is.
pub fn path_of(uri: &str) -> PathBuf {
    let Some(rest) = uri.strip_prefix("file://") else {
        return PathBuf::from(uri);
    };
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::keys::keypath;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            path_of("file:///m/bi%C3%AAn%20b%E1%BA%A3n.md"),
            PathBuf::from("/m/biên bản.md")
        );
        assert!(is_minutes("---\ndate: x\n---\n"));
        assert!(!is_minutes("# README\n"));
    }

    #[test]
    fn the_front_matter_is_what_the_file_itself_says() {
        let dir = tempfile::tempdir().unwrap();
        let text = "---\nlayout: party\nnumber: 3\norganization: { name: Chi bộ A, code: CB }\n---\nNội dung.\n";
        let read = |path: std::path::PathBuf| {
            let analysis = Analysis::new(path, text.to_string());
            let split = frontmatter::split(text).unwrap();
            let alone = frontmatter::parse(text, &split);
            assert_eq!(analysis.raw.number, Some(3));
            assert_eq!(
                analysis.positions.value(&keypath!(number)),
                alone.positions.value(&keypath!(number))
            );
            analysis
        };
        // Without a `bienban.toml`, the check's own reading serves.
        let without = read(dir.path().join("a.md"));
        assert!(without.raw.place.is_none());
        // With one, its defaults are checked but not shown as if the file said them.
        std::fs::write(
            dir.path().join("bienban.toml"),
            "[defaults]\nplace = \"An Bình\"\n",
        )
        .unwrap();
        let with = read(dir.path().join("b.md"));
        assert!(with.raw.place.is_none(), "{:?}", with.raw.place);
    }
}

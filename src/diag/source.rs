//! A minutes file held in memory: its path, its text, and the byte-offset → line/column lookup that every
//! diagnostic uses so that errors point at the file's own lines.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// One source file: the path it was read from and its full text (BOM removed, line endings untouched).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (used verbatim in diagnostics).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
    /// Byte offset at which each line starts.
    line_starts: Vec<usize>,
    /// The bytes the text was decoded from (a BOM, UTF-16), when read from disk.
    bytes: Option<std::sync::Arc<[u8]>>,
}

impl SourceFile {
    /// Wraps a text that was read from `path`.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path: path.into(),
            text,
            line_starts,
            bytes: None,
        }
    }

    /// Keeps the bytes the text was decoded from: an archival copy attaches them as they were.
    pub fn with_bytes(mut self, bytes: Vec<u8>) -> Self {
        self.bytes = Some(bytes.into());
        self
    }

    /// The file's bytes as read (BOM and encoding included), or its text's UTF-8 when it was not read from disk.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// The path shown in diagnostics.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line and 1-based column (counted in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// The byte range of a 1-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let slice = &self.text[start..end];
        let trimmed = slice.trim_end_matches(['\n', '\r']);
        start..start + trimmed.len()
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        &self.text[self.line_range(line)]
    }

    /// The byte offset at which a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_range(line).start
    }
}

/// The largest char boundary at or below `offset` (offsets from other parsers may land inside a character).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("a.md", "ab\nđồng chí\r\nx".to_string());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        let chi = file.text.find("chí").unwrap();
        assert_eq!(file.line_col(chi), (2, 6));
        assert_eq!(file.line_text(2), "đồng chí");
        assert_eq!(file.line_col(file.text.len()), (3, 2));
    }
}

//! Byte offsets of the file ↔ LSP positions. LSP counts a line's characters in UTF-16 code units unless the
//! client accepts another encoding; the server asks for UTF-8 (no conversion) and falls back to UTF-16.

use std::ops::Range;

use lsp_types::{Position, PositionEncodingKind};

use crate::diag::source::{SourceFile, floor_char_boundary};

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8 (negotiated).
    Utf8,
    /// UTF-16 code units (the protocol's default).
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it, else the default UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The encoding's name for the server capabilities.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.encode_utf16().count(),
        }
    }
}

/// The LSP position of a byte offset.
pub fn position(file: &SourceFile, offset: usize, encoding: Encoding) -> Position {
    let offset = floor_char_boundary(&file.text, offset);
    let (line, _) = file.line_col(offset);
    let start = file.line_start(line);
    let start = start.min(offset);
    Position {
        line: (line - 1) as u32,
        character: encoding.width(&file.text[start..offset]) as u32,
    }
}

/// The LSP range of a byte range.
pub fn range(file: &SourceFile, span: &Range<usize>, encoding: Encoding) -> lsp_types::Range {
    lsp_types::Range {
        start: position(file, span.start, encoding),
        end: position(file, span.end.max(span.start), encoding),
    }
}

/// The byte offset of an LSP position (clamped to the line's end and the text's end).
pub fn offset(file: &SourceFile, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize + 1;
    let span = file.line_range(line);
    if line > 1 && span.start == file.text.len() && !file.text.ends_with('\n') {
        return file.text.len();
    }
    let text = &file.text[span.clone()];
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= position.character as usize {
            return span.start + i;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
    }
    span.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns_of_vietnamese_text() {
        let file = SourceFile::new("a.md", "ab\nđồng chí 𝔸x\n".to_string());
        let x = file.text.find('x').unwrap();
        let utf16 = position(&file, x, Encoding::Utf16);
        assert_eq!((utf16.line, utf16.character), (1, 11));
        let utf8 = position(&file, x, Encoding::Utf8);
        assert_eq!(utf8.character as usize, x - 3);
        assert_eq!(offset(&file, utf16, Encoding::Utf16), x);
        assert_eq!(offset(&file, utf8, Encoding::Utf8), x);
        assert_eq!(offset(&file, Position::new(0, 99), Encoding::Utf16), 2);
    }
}

//! Text hygiene over the whole file: lines that are not Unicode NFC (decomposed diacritics, which the output
//! normalises) and characters the layout's font cannot draw (they would print as empty boxes).

use unicode_normalization::is_nfc;

use crate::diag::source::SourceFile;
use crate::diag::{Code, Diagnostic, Fix, t};
use crate::press::fonts::FontSet;

/// One warning per line that is not NFC, and one per character (per line) the font lacks.
pub fn check(file: &SourceFile, fonts: &FontSet) -> Vec<Diagnostic> {
    let mut diags = vec![];
    let mut offset = 0;
    for (i, line) in file.text.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.is_ascii() {
            if !is_nfc(content) {
                let span = first_decomposed(content);
                diags.push(
                    Diagnostic::new(Code::NotNfc, t(format!("line {} has decomposed Vietnamese letters (not Unicode NFC)", i + 1), format!("dòng {} có chữ tiếng Việt ở dạng tổ hợp (không phải Unicode NFC)", i + 1)))
                        .at(offset + span.start..offset + span.end)
                        .label(t("decomposed here", "dạng tổ hợp ở đây"))
                        .hint(t("the PDF uses the normal (precomposed) letters; to fix the file itself, set your keyboard (Unikey) to the Unicode precomposed table", "bản PDF dùng chữ dựng sẵn; để sửa tệp, đặt bộ gõ (Unikey) ở bảng mã Unicode dựng sẵn"))
                        .fix(Fix::Normalize),
                );
            }
            let mut seen = vec![];
            for (at, c) in content.char_indices() {
                if c.is_whitespace()
                    || c.is_control()
                    || seen.contains(&c)
                    || fonts.covers(c)
                    || is_combining(c)
                    // U+FFFD stands for bytes that were not UTF-8, already reported as E0004.
                    || c == char::REPLACEMENT_CHARACTER
                {
                    continue;
                }
                seen.push(c);
                diags.push(
                    Diagnostic::new(
                        Code::MissingGlyph,
                        t(
                            format!(
                                "the font {} cannot draw `{c}` (U+{:04X})",
                                fonts.primary_family(),
                                c as u32
                            ),
                            format!(
                                "phông chữ {} không có ký tự `{c}` (U+{:04X})",
                                fonts.primary_family(),
                                c as u32
                            ),
                        ),
                    )
                    .at(offset + at..offset + at + c.len_utf8())
                    .label(t("would print as an empty box", "sẽ in ra ô trống"))
                    .hint(t(
                        "replace it with a character the font has, or remove it",
                        "thay bằng ký tự khác có trong phông chữ, hoặc xóa đi",
                    )),
                );
            }
        }
        if content.contains('&') {
            diags.extend(entities(content, offset, fonts));
        }
        offset += line.len();
    }
    diags
}

/// The character an HTML entity (`&#8754;`, `&#x2232;`, `&hearts;`) stands for, as the Markdown reader decodes
/// it; None for text that is not an entity.
fn decode_entity(entity: &str) -> Option<char> {
    let mut decoded = String::new();
    for event in pulldown_cmark::Parser::new(entity) {
        if let pulldown_cmark::Event::Text(text) = event {
            decoded.push_str(&text);
        }
    }
    let mut chars = decoded.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if decoded != entity => Some(c),
        _ => None,
    }
}

/// W0002 for characters written as HTML entities: the PDF prints the character, so the font must have it
/// like any character typed as itself.
fn entities(line: &str, offset: usize, fonts: &FontSet) -> Vec<Diagnostic> {
    let mut diags = vec![];
    let mut seen = vec![];
    for (at, _) in line.match_indices('&') {
        let Some(len) = line[at..]
            .char_indices()
            .take(34)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i + 1)
        else {
            continue;
        };
        let entity = &line[at..at + len];
        let plausible = entity[1..len - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '#');
        let Some(c) = decode_entity(entity).filter(|_| plausible) else {
            continue;
        };
        if c.is_whitespace()
            || c.is_control()
            || fonts.covers(c)
            || seen.contains(&c)
            || seen.len() > 64
        {
            continue;
        }
        seen.push(c);
        diags.push(
            Diagnostic::new(
                Code::MissingGlyph,
                t(
                    format!(
                        "the font {} cannot draw `{c}` (U+{:04X}), written as `{entity}`",
                        fonts.primary_family(),
                        c as u32
                    ),
                    format!(
                        "phông chữ {} không có ký tự `{c}` (U+{:04X}), viết dạng `{entity}`",
                        fonts.primary_family(),
                        c as u32
                    ),
                ),
            )
            .at(offset + at..offset + at + len)
            .label(t("would print as an empty box", "sẽ in ra ô trống"))
            .hint(t(
                "replace it with a character the font has, or remove it",
                "thay bằng ký tự khác có trong phông chữ, hoặc xóa đi",
            )),
        );
    }
    diags
}

/// The byte range of the first letter (base letter and its marks) that NFC would change; the caret goes there.
fn first_decomposed(line: &str) -> std::ops::Range<usize> {
    let mut base = 0;
    // Composition only joins a letter with the marks after it (or with the letter before, as Hangul does):
    // checking from the letter before the current one finds the same first change as checking the whole
    // prefix, in linear time.
    let mut before = 0;
    for (at, c) in line.char_indices() {
        let end = at + c.len_utf8();
        if !is_combining(c) {
            before = base;
            base = at;
        }
        // A single mark is NFC on its own; what matters is whether the text so far is.
        if !is_nfc(&line[before..end]) {
            let marks = line[end..]
                .char_indices()
                .find(|(_, c)| !is_combining(*c))
                .map_or(line.len(), |(i, _)| end + i);
            return base..marks;
        }
    }
    0..line.len().min(1)
}

/// Combining marks are checked as part of NFC (normalisation folds them into letters the font has).
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

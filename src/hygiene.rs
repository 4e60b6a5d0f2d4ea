//! Text hygiene over the whole file: lines that are not Unicode NFC (decomposed diacritics, which the output
//! normalises) and characters the layout's font cannot draw (they would print as empty boxes).

use unicode_normalization::is_nfc;

use crate::diag::{Diagnostic, t};
use crate::fonts::FontSet;
use crate::source::SourceFile;

/// One warning per line that is not NFC, and one per character (per line) the font lacks.
pub fn check(file: &SourceFile, fonts: &FontSet) -> Vec<Diagnostic> {
    let mut diags = vec![];
    let mut offset = 0;
    for (i, line) in file.text.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.is_ascii() {
            if !is_nfc(content) {
                let first = content
                    .char_indices()
                    .find(|(_, c)| !is_nfc(&c.to_string()))
                    .map_or(0, |(i, _)| i);
                diags.push(
                    Diagnostic::warning("W0001", t(format!("line {} has decomposed Vietnamese letters (not Unicode NFC)", i + 1), format!("dòng {} có chữ tiếng Việt ở dạng tổ hợp (không phải Unicode NFC)", i + 1)))
                        .at(offset + first.saturating_sub(1)..offset + first.max(1))
                        .label(t("decomposed here", "dạng tổ hợp ở đây"))
                        .hint(t("the PDF uses the normal (precomposed) letters; to fix the file itself, set your keyboard (Unikey) to the Unicode precomposed table", "bản PDF dùng chữ dựng sẵn; để sửa tệp, đặt bộ gõ (Unikey) ở bảng mã Unicode dựng sẵn")),
                );
            }
            let mut seen = vec![];
            for (at, c) in content.char_indices() {
                if c.is_whitespace()
                    || c.is_control()
                    || seen.contains(&c)
                    || fonts.covers(c)
                    || is_combining(c)
                {
                    continue;
                }
                seen.push(c);
                diags.push(
                    Diagnostic::warning(
                        "W0002",
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
        offset += line.len();
    }
    diags
}

/// Combining marks are checked as part of NFC (normalisation folds them into letters the font has).
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

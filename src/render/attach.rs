//! The archival copy's attachments: with PDF/A-3b the PDF carries the minutes' own Markdown source and their
//! parsed data (JSON), so that the archive can be rebuilt from the PDF alone (`bienban extract`, in
//! [`crate::archive`], writes them back out).
//!
//! The attachments are declared in the generated Typst source with their bytes inline
//! (`#pdf.attach("x.md", bytes("…"))`), so the world never has to serve extra files and the `.typ` written by
//! `--format typst` stays standalone.

use std::path::Path;

use crate::check::minutes::Minutes;
use crate::press::standard::Standard;

/// The file names of the two attachments for a minutes file named `file_name`: the file itself and
/// `<stem>.json`. Any name the file system allows is kept (spaces, `:`, tabs, Vietnamese letters), except the
/// backslash, which typst refuses in an attachment's name (it is a folder separator on Windows): it is
/// attached as the look-alike `＼` (U+FF3C), and `extract` writes that name back.
pub fn attachment_names(file_name: &str) -> (String, String) {
    let file_name = file_name.replace('\\', "\u{ff3c}");
    let stem = Path::new(&file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "minutes".into());
    let json = format!("{stem}.json");
    (file_name, json)
}

/// A Typst expression for `bytes` exactly: a string literal when they are UTF-8 (a BOM included, as
/// U+FEFF), else an array of byte values (a UTF-16 file).
fn bytes_literal(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => crate::render::escape::string_exact(text),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() * 4 + 4);
            out.push('(');
            for b in bytes {
                out.push_str(&b.to_string());
                out.push(',');
            }
            out.push(')');
            out
        }
    }
}

/// The parsed minutes as the JSON that is attached (pretty, keys in declaration order, dates ISO 8601).
pub fn minutes_json(minutes: &Minutes) -> String {
    let mut json = serde_json::to_string_pretty(minutes).unwrap_or_else(|_| "{}".into());
    json.push('\n');
    json
}

/// The generated source, finished for the chosen standards: with PDF/A-3b the attachments are appended
/// (they are invisible, so the pages do not change); otherwise the source is returned as it is. `bytes` are
/// the source file's bytes as read, attached byte for byte (a BOM, CRLF line ends and UTF-16 included).
pub fn finish_source(
    source: String,
    file_name: &str,
    bytes: &[u8],
    minutes: &Minutes,
    standards: &[Standard],
) -> String {
    if !standards.contains(&Standard::A3b) {
        return source;
    }
    let (md, json) = attachment_names(file_name);
    let mut out = source;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("\n// PDF/A-3b archival copy: the minutes source and their parsed data, attached to the PDF.\n");
    out.push_str(&format!(
        "#pdf.attach({}, bytes({}), relationship: \"source\", mime-type: \"text/markdown\", description: \"Bản gốc biên bản (Markdown, bienban)\")\n",
        crate::render::escape::string_exact(&md),
        bytes_literal(bytes)
    ));
    out.push_str(&format!(
        "#pdf.attach({}, bytes({}), relationship: \"data\", mime-type: \"application/json\", description: \"Dữ liệu biên bản (JSON)\")\n",
        crate::render::escape::string_exact(&json),
        crate::render::escape::string_exact(&minutes_json(minutes))
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_keeps_decomposed_text_and_escapes_syntax() {
        let decomposed = "Le\u{302}\u{301} \"#x\"\\\r\n";
        let lit = crate::render::escape::string_exact(decomposed);
        assert_eq!(lit, "\"Le\u{302}\u{301} \\\"#x\\\"\\\\\\r\\n\"");
        assert!(crate::typeset::compile::syntax_errors(&format!("#{lit}")).is_empty());
    }

    #[test]
    fn attachment_names_follow_the_file() {
        assert_eq!(
            attachment_names("2023-08-30-a.md"),
            ("2023-08-30-a.md".into(), "2023-08-30-a.json".into())
        );
        assert_eq!(
            attachment_names("a\\b.md"),
            ("a\u{ff3c}b.md".into(), "a\u{ff3c}b.json".into())
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_attached_as_an_array() {
        assert_eq!(bytes_literal(b"\xEF\xBB\xBFa"), "\"\u{feff}a\"");
        assert_eq!(bytes_literal(&[0xFF, 0xFE, 0x61, 0]), "(255,254,97,0,)");
        let source = format!("#bytes({})", bytes_literal(&[0xFF, 0xFE]));
        assert!(crate::typeset::compile::syntax_errors(&source).is_empty());
    }
}

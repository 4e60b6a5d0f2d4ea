//! The archival copy: with PDF/A-3b the PDF carries the minutes' own Markdown source and their parsed data
//! (JSON) as attachments, so that the archive can be rebuilt from the PDF alone; `bienban extract` writes them
//! back out.
//!
//! The attachments are declared in the generated Typst source with their bytes inline
//! (`#pdf.attach("x.md", bytes("…"))`), so the world never has to serve extra files and the `.typ` written by
//! `--format typst` stays standalone.

use std::path::{Path, PathBuf};

use crate::compile::Standard;
use crate::model::Minutes;
use crate::pdfread::{Object, Pdf};

/// The file names of the two attachments for a minutes file named `file_name`: the file itself and
/// `<stem>.json`.
pub fn attachment_names(file_name: &str) -> (String, String) {
    let stem = Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "minutes".into());
    (file_name.to_string(), format!("{stem}.json"))
}

/// The parsed minutes as the JSON that is attached (pretty, keys in declaration order, dates ISO 8601).
pub fn minutes_json(minutes: &Minutes) -> String {
    let mut json = serde_json::to_string_pretty(minutes).unwrap_or_else(|_| "{}".into());
    json.push('\n');
    json
}

/// The generated source, finished for the chosen standards: with PDF/A-3b the attachments are appended
/// (they are invisible, so the pages do not change); otherwise the source is returned as it is.
pub fn finish_source(
    source: String,
    file_name: &str,
    text: &str,
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
        crate::escape::string_exact(&md),
        crate::escape::string_exact(text)
    ));
    out.push_str(&format!(
        "#pdf.attach({}, bytes({}), relationship: \"data\", mime-type: \"application/json\", description: \"Dữ liệu biên bản (JSON)\")\n",
        crate::escape::string_exact(&json),
        crate::escape::string_exact(&minutes_json(minutes))
    ));
    out
}

/// A file attached to a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file name stored in the PDF (not yet checked as a path).
    pub name: String,
    /// The file's bytes.
    pub data: Vec<u8>,
}

/// Every embedded file of a PDF, sorted by name.
pub fn attachments(pdf: &Pdf) -> Result<Vec<Attachment>, String> {
    let mut found = vec![];
    for (_, obj) in pdf.objects() {
        let Some(dict) = obj.dict() else { continue };
        let Some(ef) = pdf.get(dict, "EF").and_then(Object::dict) else {
            continue;
        };
        let Some(stream) = pdf.get(ef, "UF").or_else(|| pdf.get(ef, "F")) else {
            continue;
        };
        let name = pdf
            .text(dict, "UF")
            .or_else(|| pdf.text(dict, "F"))
            .unwrap_or_default();
        let data = pdf
            .decode(stream)
            .map_err(|e| format!("the attachment {name:?} cannot be read ({e})"))?;
        found.push(Attachment { name, data });
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found.dedup();
    Ok(found)
}

/// An attachment's name as a plain file name, or None when it names a path (a PDF is untrusted input: its
/// attachments must not write outside the chosen folder).
pub fn safe_name(name: &str) -> Option<&str> {
    let ok = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', '\0', ':'])
        && !name.chars().any(char::is_control);
    ok.then_some(name)
}

/// What `extract` did with one attachment.
#[derive(Debug, PartialEq, Eq)]
pub enum Extracted {
    /// Written to this path.
    Written(PathBuf),
    /// The file there already holds exactly these bytes.
    Unchanged(PathBuf),
}

/// Writes the attachments of the PDF at `pdf_path` into `out_dir` (default: the PDF's folder). An existing
/// file with other contents is only replaced with `force`, so the clerk's source is never overwritten by
/// surprise.
pub fn extract(
    pdf_path: &Path,
    out_dir: Option<&Path>,
    force: bool,
) -> Result<Vec<Extracted>, String> {
    let bytes = std::fs::read(pdf_path)
        .map_err(|e| format!("failed to read {} ({e})", pdf_path.display()))?;
    let pdf = Pdf::parse(&bytes).map_err(|e| format!("{}: {e}", pdf_path.display()))?;
    let files = attachments(&pdf).map_err(|e| format!("{}: {e}", pdf_path.display()))?;
    if files.is_empty() {
        return Err(format!(
            "{} has no attachments (only PDFs built with --pdf-standard a-3b carry their source)",
            pdf_path.display()
        ));
    }
    let dir = match out_dir {
        Some(d) => d.to_path_buf(),
        None => pdf_path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf(),
    };
    // Check every file before writing any, so that a refusal leaves nothing half done.
    let mut plan = vec![];
    for file in &files {
        let name = safe_name(&file.name).ok_or_else(|| {
            format!(
                "{}: refused the attachment name {:?} (not a plain file name)",
                pdf_path.display(),
                file.name
            )
        })?;
        let path = dir.join(name);
        let unchanged = match std::fs::read(&path) {
            Ok(existing) if existing == file.data => true,
            Ok(_) if !force => {
                return Err(format!(
                    "refused to overwrite {} (it differs from the attached copy; use --force to replace it)",
                    path.display()
                ));
            }
            _ => false,
        };
        plan.push((path, &file.data, unchanged));
    }
    let mut done = vec![];
    for (path, data, unchanged) in plan {
        if unchanged {
            done.push(Extracted::Unchanged(path));
        } else {
            crate::compile::write_atomic(&path, data)
                .map_err(|e| format!("failed to write {} ({e})", path.display()))?;
            done.push(Extracted::Written(path));
        }
    }
    Ok(done)
}

/// The standards a PDF declares in its XMP metadata (`pdfaid:part` 2/3 with conformance B, `pdfuaid:part` 1),
/// so that `verify` rebuilds with the same ones.
pub fn declared_standards(pdf: &Pdf) -> Vec<Standard> {
    let xmp = pdf
        .catalog()
        .and_then(|c| pdf.get(c, "Metadata"))
        .and_then(|m| pdf.decode(m).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let value = |key: &str| -> Option<String> {
        // XMP writes a property either as an element or as an attribute.
        if let Some(i) = xmp.find(&format!("<{key}>")) {
            let rest = &xmp[i + key.len() + 2..];
            return rest.split('<').next().map(|v| v.trim().to_string());
        }
        if let Some(i) = xmp.find(&format!("{key}=\"")) {
            let rest = &xmp[i + key.len() + 2..];
            return rest.split('"').next().map(|v| v.trim().to_string());
        }
        None
    };
    let mut out = vec![];
    let conformance = value("pdfaid:conformance").map(|c| c.to_ascii_uppercase());
    match (value("pdfaid:part").as_deref(), conformance.as_deref()) {
        (Some("2"), Some("B")) => out.push(Standard::A2b),
        (Some("3"), Some("B")) => out.push(Standard::A3b),
        _ => {}
    }
    if value("pdfuaid:part").as_deref() == Some("1") {
        out.push(Standard::Ua1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_keeps_decomposed_text_and_escapes_syntax() {
        let decomposed = "Le\u{302}\u{301} \"#x\"\\\r\n";
        let lit = crate::escape::string_exact(decomposed);
        assert_eq!(lit, "\"Le\u{302}\u{301} \\\"#x\\\"\\\\\\r\\n\"");
        assert!(crate::compile::syntax_errors(&format!("#{lit}")).is_empty());
    }

    #[test]
    fn attachment_names_follow_the_file() {
        assert_eq!(
            attachment_names("2023-08-30-a.md"),
            ("2023-08-30-a.md".into(), "2023-08-30-a.json".into())
        );
    }

    #[test]
    fn paths_in_attachment_names_are_refused() {
        for bad in ["", "..", "../x.md", "/etc/passwd", "a\\b", "C:x", "a\nb"] {
            assert_eq!(safe_name(bad), None, "{bad:?}");
        }
        assert_eq!(safe_name("biên bản.md"), Some("biên bản.md"));
    }
}

//! `bienban extract`: the files attached to an archival PDF, written back out without overwriting anything
//! by surprise; and the standards a PDF declares, so that `verify` rebuilds with the same ones.

use std::path::{Path, PathBuf};

use crate::archive::pdfread::{Object, Pdf};
use crate::build::write::write_atomic;
use crate::typeset::compile::Standard;

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
        let data = pdf.decode(stream).map_err(|e| {
            format!(
                "the attachment “{}” cannot be read ({e})",
                name.escape_debug()
            )
        })?;
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
                "{}: refused the attachment name “{}” (not a plain file name)",
                pdf_path.display(),
                file.name.escape_debug()
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
            write_atomic(&path, data)
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
    fn paths_in_attachment_names_are_refused() {
        for bad in ["", "..", "../x.md", "/etc/passwd", "a\\b", "C:x", "a\nb"] {
            assert_eq!(safe_name(bad), None, "{bad:?}");
        }
        assert_eq!(safe_name("biên bản.md"), Some("biên bản.md"));
    }
}

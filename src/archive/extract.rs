//! `bienban extract`: the files attached to an archival PDF, written back out without overwriting anything
//! by surprise; and the standards a PDF declares, so that `verify` rebuilds with the same ones.

use std::path::{Path, PathBuf};

pub use crate::archive::pdf::Attachment;
use crate::archive::pdf::{PdfError, PdfFile};
use crate::build::write::write_atomic;
use crate::diag::{Text, t};
use crate::press::standard::Standard;

/// An attachment's name as a plain file name, or None when it is unsafe here: when it could escape the
/// chosen folder (empty, `.`, `..`, a separator, NUL) or cannot be a file name on this system (on Windows also
/// `\ : * ? " < > |`, control characters, a trailing dot or space, and device names such as `CON`). A PDF is
/// untrusted input, but a colon, a tab or a backslash is a legitimate file name on Linux and macOS.
pub fn safe_name(name: &str) -> Option<&str> {
    let escapes = name.is_empty() || name == "." || name == ".." || name.contains(['/', '\0']);
    (!escapes && representable(name)).then_some(name)
}

#[cfg(windows)]
fn representable(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    !device
        && !name.ends_with(['.', ' '])
        && !name.contains(['\\', ':', '*', '?', '"', '<', '>', '|'])
        && !name.chars().any(char::is_control)
}

#[cfg(not(windows))]
fn representable(_: &str) -> bool {
    true
}

/// The name an attachment is written under: its own when [`safe_name`] accepts it, else that name with
/// every unsafe character replaced by `_` (and `attachment` for a name with nothing left).
pub fn written_name(name: &str) -> String {
    if let Some(name) = safe_name(name) {
        return name.to_string();
    }
    let replaced: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\0' || !representable(&c.to_string()) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = replaced.trim_matches('.');
    match safe_name(trimmed) {
        Some(name) => name.to_string(),
        None => "attachment".to_string(),
    }
}

/// What `extract` did with one attachment.
#[derive(Debug, PartialEq, Eq)]
pub enum Extracted {
    /// Written to this path.
    Written(PathBuf),
    /// The file there already holds exactly these bytes.
    Unchanged(PathBuf),
    /// Written to this path, under a substitute name: the attached name (the second field) is not a safe
    /// file name here.
    Renamed(PathBuf, String),
}

/// Writes the attachments of the PDF at `pdf_path` into `out_dir` (default: the PDF's folder). An existing
/// file with other contents is only replaced with `force`, so the clerk's source is never overwritten by
/// surprise. The PDF must be a regular file (a FIFO is refused, never waited on), at most
/// [`MAX_PDF_BYTES`].
pub fn extract(
    pdf_path: &Path,
    out_dir: Option<&Path>,
    force: bool,
) -> Result<Vec<Extracted>, Text> {
    let shown = pdf_path.display();
    let bytes = crate::input::read::read_regular(pdf_path, MAX_PDF_BYTES).map_err(|e| {
        t(
            format!("failed to read {shown} ({e})"),
            format!("không đọc được {shown} ({})", crate::input::read::io_vi(&e)),
        )
    })?;
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(t(
            format!(
                "failed to read {shown} (larger than {} MiB)",
                MAX_PDF_BYTES >> 20
            ),
            format!(
                "không đọc được {shown} (lớn hơn {} MiB)",
                MAX_PDF_BYTES >> 20
            ),
        ));
    }
    let files = PdfFile::parse(&bytes)
        .and_then(|pdf| pdf.attachments())
        .map_err(|e| pdf_error(&shown.to_string(), &e))?;
    if files.is_empty() {
        return Err(t(
            format!(
                "failed to extract from {shown} (it has no attachments: only PDFs built with --pdf-standard a-3b carry their source)"
            ),
            format!(
                "không trích được từ {shown} (tệp không có tệp đính kèm: chỉ PDF dựng với --pdf-standard a-3b mới mang theo bản gốc)"
            ),
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
    let plan = plan_writes(&files, &dir, force)?;
    let mut done = vec![];
    for (path, file, unchanged) in plan {
        if unchanged {
            done.push(Extracted::Unchanged(path));
            continue;
        }
        write_atomic(&path, &file.data).map_err(|e| {
            t(
                format!("failed to write {} ({e})", path.display()),
                format!(
                    "không ghi được {} ({})",
                    path.display(),
                    crate::input::read::io_vi(&e)
                ),
            )
        })?;
        if safe_name(&file.name).is_some() {
            done.push(Extracted::Written(path));
        } else {
            done.push(Extracted::Renamed(path, file.name.clone()));
        }
    }
    Ok(done)
}

/// The largest PDF `extract` reads: an archival copy of a 1 MiB minutes file with its images is far smaller.
pub const MAX_PDF_BYTES: u64 = 256 << 20;

/// Where each attachment goes and whether it is already there, checked for every file before any is written,
/// so that a refusal leaves nothing half done. Two attachments may not land on the same name.
fn plan_writes<'a>(
    files: &'a [Attachment],
    dir: &Path,
    force: bool,
) -> Result<Vec<(PathBuf, &'a Attachment, bool)>, Text> {
    let mut plan: Vec<(PathBuf, &Attachment, bool)> = vec![];
    for file in files {
        let path = dir.join(written_name(&file.name));
        if plan.iter().any(|(p, _, _)| *p == path) {
            let shown = path.display();
            return Err(t(
                format!(
                    "refused to write {shown} (two attachments would be written under that name)"
                ),
                format!("từ chối ghi {shown} (hai tệp đính kèm sẽ bị ghi cùng một tên)"),
            ));
        }
        let unchanged = match crate::input::read::read_regular(&path, MAX_PDF_BYTES) {
            Ok(existing) if existing == file.data => true,
            Ok(_) if !force => {
                let shown = path.display();
                return Err(t(
                    format!(
                        "refused to overwrite {shown} (it differs from the attached copy; use --force to replace it)"
                    ),
                    format!("từ chối ghi đè {shown} (tệp khác bản đính kèm; dùng --force để thay)"),
                ));
            }
            _ => false,
        };
        plan.push((path, file, unchanged));
    }
    Ok(plan)
}

/// Why the PDF at `shown` could not be read, in both languages (the reader names the limit it hit).
pub fn pdf_error(shown: &str, e: &PdfError) -> Text {
    t(
        format!("failed to read {shown} ({})", e.en()),
        format!("không đọc được {shown} ({})", e.vi()),
    )
}

/// The standards a PDF declares in its XMP metadata (`pdfaid:part` 2/3 with conformance B, `pdfuaid:part` 1),
/// so that `verify` rebuilds with the same ones.
pub fn declared_standards(pdf: &PdfFile) -> Vec<Standard> {
    let xmp = pdf
        .xmp_metadata()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    standards_in_xmp(&xmp)
}

/// The standards an XMP packet declares.
fn standards_in_xmp(xmp: &str) -> Vec<Standard> {
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
        for bad in ["", ".", "..", "../x.md", "/etc/passwd", "a\0b"] {
            assert_eq!(safe_name(bad), None, "{bad:?}");
        }
        assert_eq!(safe_name("biên bản.md"), Some("biên bản.md"));
        assert_eq!(written_name("../x.md"), "_x.md");
        assert_eq!(written_name(".."), "attachment");
        assert_eq!(written_name("/etc/passwd"), "_etc_passwd");
    }

    #[cfg(not(windows))]
    #[test]
    fn names_a_unix_file_system_holds_are_kept() {
        for good in ["họp lúc 19:30.md", "a\tb.md", "a\\b.md", "C:x"] {
            assert_eq!(safe_name(good), Some(good), "{good:?}");
        }
    }
}

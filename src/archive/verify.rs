//! `bienban verify FILE.md FILE.pdf`: rebuild the minutes in memory exactly as `build` does (same templates,
//! fonts and standards, the standards read from the PDF's own metadata) and compare the bytes. Because a build
//! is reproducible, any difference means the PDF is not the product of this source.

use std::path::Path;

use crate::archive::extract;
use crate::archive::pdf::PdfFile;
use crate::build::{BuildContext, Job, Options};
use crate::input::read;
use crate::press::fonts::FontSet;
use crate::press::standard::Standard;
use crate::typeset::compile::OutputFormat;

/// What to rebuild with.
pub struct VerifyOptions<'a> {
    /// The fonts (as `build --font-path` would have).
    pub fonts: &'static FontSet,
    /// Templates folder (default: `templates/` beside the minutes, as in `build`).
    pub templates: Option<&'a Path>,
    /// Standards; None: those the PDF declares.
    pub standards: Option<Vec<Standard>>,
}

/// The PDF bytes `build` would write for `source_path` with `standards`, or a one-line reason why it cannot:
/// the same [`BuildContext::build_file`] path as `build`, kept in memory instead of written.
pub fn rebuild(
    source_path: &Path,
    fonts: &'static FontSet,
    templates: Option<&Path>,
    standards: &[Standard],
) -> Result<Vec<u8>, String> {
    let shown = source_path.display();
    let context = BuildContext::new(Options {
        templates: templates.map(Path::to_path_buf),
        fonts,
        format: OutputFormat::Pdf,
        standards: standards.to_vec(),
        ..Options::default()
    });
    let (result, checked) = context.check_file(source_path);
    if let Some(failure) = result.failures.first() {
        return Err(failure.en.clone());
    }
    let Some(checked) = checked else {
        return Err(format!(
            "{shown} has errors (run `bienban check {shown}` to see them)"
        ));
    };
    let job = Job {
        input: source_path.to_path_buf(),
        output: source_path.with_extension("pdf"),
    };
    let mut outputs = context.outputs(&job, &checked).map_err(|e| {
        e.iter()
            .map(|t| t.en.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    Ok(outputs.pop().map(|(_, bytes)| bytes).unwrap_or_default())
}

/// Checks that `pdf_path` is exactly what `source_path` builds to; Err is the one-line reason it is not.
pub fn verify(
    source_path: &Path,
    pdf_path: &Path,
    options: &VerifyOptions<'_>,
) -> Result<(), String> {
    let actual = std::fs::read(pdf_path)
        .map_err(|e| format!("failed to read {} ({e})", pdf_path.display()))?;
    let parsed = PdfFile::parse(&actual).ok();
    let standards = match (&options.standards, &parsed) {
        (Some(list), _) => list.clone(),
        (None, Some(pdf)) => extract::declared_standards(pdf),
        (None, None) => vec![],
    };
    let expected = rebuild(source_path, options.fonts, options.templates, &standards)?;
    if expected == actual {
        return Ok(());
    }
    let (pdf, md) = (pdf_path.display(), source_path.display());
    // Say why as precisely as the PDF allows: a changed attached source names the line.
    if let Some(reason) = parsed
        .as_ref()
        .and_then(|p| attached_source_difference(p, source_path))
    {
        return Err(format!("{pdf} was not built from {md}: {reason}"));
    }
    let at = expected
        .iter()
        .zip(&actual)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(actual.len()));
    Err(format!(
        "{pdf} differs from a fresh build of {md} (first difference at byte {at}; {} bytes, rebuilt {} bytes{})",
        actual.len(),
        expected.len(),
        if standards.is_empty() {
            String::new()
        } else {
            format!(
                "; standards {}",
                standards
                    .iter()
                    .map(|s| s.name())
                    .collect::<Vec<_>>()
                    .join(",")
            )
        }
    ))
}

/// When the PDF carries a source of the same name that differs from the file: where.
fn attached_source_difference(pdf: &PdfFile, source_path: &Path) -> Option<String> {
    let name = source_path.file_name()?.to_string_lossy();
    let attached = pdf
        .attachments()
        .ok()?
        .into_iter()
        .find(|a| a.name == name)?;
    let (file, _) = read::read(source_path).ok()?;
    let text = file.text.as_bytes();
    if attached.data == text {
        return None;
    }
    let at = attached
        .data
        .iter()
        .zip(text)
        .position(|(a, b)| a != b)
        .unwrap_or(attached.data.len().min(text.len()));
    let line = text[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    Some(format!(
        "the source attached to the PDF differs from the file at line {line}"
    ))
}

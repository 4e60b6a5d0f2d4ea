//! `bienban verify FILE.md FILE.pdf`: rebuild the minutes in memory exactly as `build` does (same templates,
//! fonts and standards, the standards read from the PDF's own metadata) and compare the bytes. Because a build
//! is reproducible, any difference means the PDF is not the product of this source.

use std::path::Path;

use crate::archive;
use crate::batch::OutputFormat;
use crate::compile::{self, Render, Standard};
use crate::fonts::FontSet;
use crate::pdfread::Pdf;
use crate::pipeline;
use crate::template::Templates;

/// What to rebuild with.
pub struct VerifyOptions<'a> {
    /// The fonts (as `build --font-path` would have).
    pub fonts: &'a FontSet,
    /// Templates folder (default: `templates/` beside the minutes, as in `build`).
    pub templates: Option<&'a Path>,
    /// Standards; None: those the PDF declares.
    pub standards: Option<Vec<Standard>>,
}

/// The PDF bytes `build` would write for `source` with `standards`, or a one-line reason why it cannot.
pub fn rebuild(
    source_path: &Path,
    fonts: &FontSet,
    templates: Option<&Path>,
    standards: &[Standard],
) -> Result<Vec<u8>, String> {
    let shown = source_path.display();
    let (file, read_diags) = pipeline::read(source_path)?;
    if read_diags.iter().any(|d| d.is_error()) {
        return Err(format!("{shown} is not UTF-8 text"));
    }
    let prepared = pipeline::prepare(&file, fonts, chrono::Local::now().date_naive());
    let (Some(minutes), Some(view)) = (prepared.minutes, prepared.view) else {
        return Err(format!(
            "{shown} has errors (run `bienban check {shown}` to see them)"
        ));
    };
    let folder = source_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let template_dir = templates
        .map(Path::to_path_buf)
        .or_else(|| Some(folder.join("templates")).filter(|d| d.is_dir()));
    let templates = Templates::load(template_dir.as_deref())
        .map_err(|e| format!("failed to load templates ({e})"))?;
    let source = pipeline::typst_source(&view, &minutes, &templates)
        .map_err(|e| format!("failed to render the template ({e})"))?;
    let ident = source_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = archive::finish_source(source, &ident, &file.text, &minutes, standards);
    let render = Render {
        fonts,
        root: Some(folder),
        date: minutes.date,
        ident: &ident,
        standards,
        ppi: crate::preview::DEFAULT_PPI,
    };
    let mut outputs = compile::outputs(source, Path::new("x.pdf"), OutputFormat::Pdf, &render)
        .map_err(|e| format!("failed to typeset ({})", e.join("; ")))?;
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
    let parsed = Pdf::parse(&actual).ok();
    let standards = match (&options.standards, &parsed) {
        (Some(list), _) => list.clone(),
        (None, Some(pdf)) => archive::declared_standards(pdf),
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
fn attached_source_difference(pdf: &Pdf, source_path: &Path) -> Option<String> {
    let name = source_path.file_name()?.to_string_lossy();
    let attached = archive::attachments(pdf)
        .ok()?
        .into_iter()
        .find(|a| a.name == name)?;
    let (file, _) = pipeline::read(source_path).ok()?;
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

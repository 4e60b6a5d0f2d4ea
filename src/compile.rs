//! Typesetting: the generated Typst source is compiled in-process by the `typst` crate and exported to PDF
//! with `typst-pdf`; the bytes are written atomically, so a PDF appears complete or not at all.

use std::io::Write;
use std::path::Path;

use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::world::MinutesWorld;

/// Compiles the world's source into pages; errors come back as readable lines.
pub fn typeset(world: &MinutesWorld<'_>) -> Result<PagedDocument, Vec<String>> {
    let warned = typst::compile::<PagedDocument>(world);
    warned
        .output
        .map_err(|errors| errors.iter().map(|e| describe(world, e)).collect())
}

/// One typst diagnostic as `message (generated source line N)`.
fn describe(world: &MinutesWorld<'_>, diag: &SourceDiagnostic) -> String {
    let mut text = diag.message.to_string();
    if let Some(range) = world.range(diag.span) {
        let line = world.source_text()[..range.start.min(world.source_text().len())]
            .matches('\n')
            .count()
            + 1;
        text.push_str(&format!(" (generated Typst line {line})"));
    }
    for hint in &diag.hints {
        text.push_str(&format!("; hint: {}", hint.v));
    }
    text
}

/// Exports pages to PDF bytes. `ident` identifies the document stably (its file name), so that two builds of
/// the same file give the same bytes.
pub fn export_pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>, Vec<String>> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("bienban {}", env!("CARGO_PKG_VERSION")))),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options)
        .map_err(|errors| errors.iter().map(|e| e.message.to_string()).collect())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that readers never see
/// a half-written file and a failed build leaves the previous file untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".bienban-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // A temporary file is created private (0600); the output is an ordinary document, readable like its source.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The syntax errors of a Typst source (empty when it parses cleanly); generated sources must have none.
pub fn syntax_errors(source: &str) -> Vec<String> {
    typst::syntax::parse(source)
        .errors_and_warnings()
        .0
        .into_iter()
        .map(|e| e.message.to_string())
        .collect()
}

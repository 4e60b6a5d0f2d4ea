//! The pipeline of one minutes file, stage by stage: read → split and parse → validate → Markdown and view →
//! Tera render → typst compile → PDF. Each stage is a function, so tests and benchmarks can run any of them.

use std::path::Path;

use chrono::NaiveDate;

use crate::diag::{Diagnostic, t};
use crate::fonts::FontSet;
use crate::frontmatter::{self, Positions};
use crate::model::Minutes;
use crate::source::SourceFile;
use crate::template::Templates;
use crate::validate::{self, Context};
use crate::view::{self, MarkdownSpans, View};
use crate::world::MinutesWorld;
use crate::{compile, hygiene};

/// Decodes a file's bytes: UTF-8 (a BOM is dropped) or UTF-16 with a BOM; anything else is a located error
/// (the text is then decoded lossily so that the error can show the line).
pub fn decode(bytes: &[u8]) -> (String, Option<Diagnostic>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode(rest);
    }
    let utf16 = |be: bool, data: &[u8]| {
        let units: Vec<u16> = data
            .chunks(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])
                } else {
                    u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)])
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    let decoded16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(false, rest),
        [0xFE, 0xFF, rest @ ..] => utf16(true, rest),
        _ => None,
    };
    if let Some(text) = decoded16 {
        return (text, None);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(err) => {
            let at = err.valid_up_to();
            let diag = Diagnostic::error("E0004", t("the file is not UTF-8 text", "tệp không phải văn bản UTF-8"))
                .at(at..at + 1)
                .label(t("invalid byte here", "byte không hợp lệ ở đây"))
                .hint(t("save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8); old TCVN3 or VNI files must be converted to Unicode first (Unikey's converter)", "lưu tệp dạng UTF-8 (Notepad: Save As → Encoding: UTF-8); tệp TCVN3 hoặc VNI cũ phải chuyển sang Unicode trước (công cụ chuyển mã của Unikey)"));
            (String::from_utf8_lossy(bytes).into_owned(), Some(diag))
        }
    }
}

/// Reads a minutes file from disk.
pub fn read(path: &Path) -> Result<(SourceFile, Vec<Diagnostic>), String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("failed to read {} ({e})", path.display()))?;
    let (text, problem) = decode(&bytes);
    Ok((SourceFile::new(path, text), problem.into_iter().collect()))
}

/// A checked minutes file: its diagnostics and, when it has no error, the data ready for a template.
pub struct Prepared {
    /// The validated minutes (None when there are errors).
    pub minutes: Option<Minutes>,
    /// The template data (None when there are errors).
    pub view: Option<View>,
    /// Every problem found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a minutes file fully (front matter, rules, text hygiene, Markdown) and prepares the template data.
pub fn prepare(file: &SourceFile, fonts: &FontSet, today: NaiveDate) -> Prepared {
    let mut diags = vec![];
    let split = match frontmatter::split(&file.text) {
        Ok(split) => split,
        Err(diag) => {
            return Prepared {
                minutes: None,
                view: None,
                diagnostics: vec![*diag],
            };
        }
    };
    let parsed = frontmatter::parse(&file.text, &split);
    diags.extend(parsed.diagnostics);
    diags.extend(hygiene::check(file, fonts));
    let (minutes, rule_diags) =
        validate::check(parsed.raw, split.body, &parsed.positions, Context { today });
    diags.extend(rule_diags);
    let view = minutes.as_ref().map(|m| {
        let spans = markdown_spans(m, &parsed.positions, split.body_start);
        let mut md_diags = vec![];
        let view = view::build(m, &spans, &fonts.families, &mut md_diags);
        relocate_field_diagnostics(&mut md_diags, &spans, &parsed.positions, m);
        diags.extend(md_diags);
        view
    });
    diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    let failed = diags.iter().any(Diagnostic::is_error);
    Prepared {
        minutes: if failed { None } else { minutes },
        view: if failed { None } else { view },
        diagnostics: diags,
    }
}

/// Where the Markdown fields start; the body's offsets are exact, a YAML field's are its value's start.
fn markdown_spans(m: &Minutes, positions: &Positions, body_start: usize) -> MarkdownSpans {
    MarkdownSpans {
        body: body_start,
        remarks: (0..m.speakers.len())
            .map(|i| positions.value(&format!("speakers[{i}].remarks")).start)
            .collect(),
        conclusion: positions.value("conclusion").start,
        remedies: (0..m.remedies.len())
            .map(|i| positions.value(&format!("remedies[{i}].text")).start)
            .collect(),
    }
}

/// A problem inside a YAML Markdown field cannot be placed exactly (YAML folds and indents the text), so it is
/// pointed at the field's value as a whole.
fn relocate_field_diagnostics(
    diags: &mut [Diagnostic],
    spans: &MarkdownSpans,
    positions: &Positions,
    m: &Minutes,
) {
    let mut fields: Vec<(usize, std::ops::Range<usize>)> = vec![];
    for i in 0..m.speakers.len() {
        fields.push((
            spans.remarks[i],
            positions.value(&format!("speakers[{i}].remarks")),
        ));
    }
    fields.push((spans.conclusion, positions.value("conclusion")));
    for i in 0..m.remedies.len() {
        fields.push((
            spans.remedies[i],
            positions.value(&format!("remedies[{i}].text")),
        ));
    }
    for diag in diags.iter_mut() {
        let Some(span) = &diag.span else { continue };
        if span.start >= spans.body {
            continue;
        }
        if let Some((_, range)) = fields
            .iter()
            .filter(|(start, _)| *start <= span.start)
            .max_by_key(|(start, _)| *start)
        {
            diag.span = Some(range.clone());
        }
    }
}

/// Renders the Typst source of prepared minutes.
pub fn typst_source(
    view: &View,
    minutes: &Minutes,
    templates: &Templates,
) -> Result<String, String> {
    templates.render(minutes.layout, view)
}

/// Compiles Typst source into PDF bytes; files are read only below `root`.
pub fn pdf(
    source: String,
    root: Option<&Path>,
    fonts: &FontSet,
    date: NaiveDate,
    ident: &str,
) -> Result<Vec<u8>, Vec<String>> {
    let world = MinutesWorld::new(source, root, fonts, date);
    let document = compile::typeset(&world)?;
    compile::export_pdf(&document, ident)
}

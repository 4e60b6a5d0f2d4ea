//! Typesetting: the generated Typst source is compiled in-process by the `typst` crate and exported to PDF
//! with `typst-pdf`, or rendered to page previews.

use std::path::Path;

use chrono::NaiveDate;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards};

use crate::diag::{Text, t};
use crate::press::budget::{BLOCKS_PER_PAGE, MAX_PAGES};
use crate::press::fonts::FontSet;
use crate::press::standard::Standard;
use crate::typeset::world::MinutesWorld;

/// One error typst reported: its message and hints, and the line of the generated source it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypstProblem {
    /// typst's message (English: typst has no other).
    pub message: String,
    /// typst's hints.
    pub hints: Vec<String>,
    /// The 1-based line of the generated source and its text.
    pub line: Option<(usize, String)>,
}

impl TypstProblem {
    /// `message (generated Typst line N); hint: …`: for errors no template line explains.
    pub fn describe(&self) -> String {
        let mut text = self.message.clone();
        if let Some((line, _)) = &self.line {
            text.push_str(&format!(" (generated Typst line {line})"));
        }
        text.push_str(&self.hints_text());
        text
    }

    /// `; hint: …` for each hint.
    pub fn hints_text(&self) -> String {
        self.hints.iter().map(|h| format!("; hint: {h}")).collect()
    }
}

/// The most typst errors reported for one file: one mistake in a template can make dozens, all alike.
pub const MAX_PROBLEMS: usize = 5;

/// Compiles the world's source into pages; errors come back with the generated line they point at,
/// duplicates dropped and at most [`MAX_PROBLEMS`] of them.
pub fn typeset(world: &MinutesWorld<'_>) -> Result<PagedDocument, Vec<TypstProblem>> {
    let warned = typst::compile::<PagedDocument>(world);
    warned.output.map_err(|errors| {
        let mut problems: Vec<TypstProblem> = vec![];
        for problem in errors.iter().map(|e| problem(world, e)) {
            if !problems.contains(&problem) && problems.len() < MAX_PROBLEMS {
                problems.push(problem);
            }
        }
        problems
    })
}

fn problem(world: &MinutesWorld<'_>, diag: &SourceDiagnostic) -> TypstProblem {
    let source = world.source_text();
    let line = world.range(diag.span).map(|range| {
        let start = range.start.min(source.len());
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        (
            source[..start].matches('\n').count() + 1,
            source[line_start..line_end].to_string(),
        )
    });
    TypstProblem {
        message: diag.message.to_string(),
        hints: diag.hints.iter().map(|h| h.v.to_string()).collect(),
        line,
    }
}

/// Exports pages to PDF bytes. `ident` identifies the document stably (its file name), so that two builds of
/// the same file give the same bytes.
pub fn export_pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>, Vec<String>> {
    export_pdf_as(document, ident, &[])
}

/// typst's name for a standard.
fn typst_standard(standard: Standard) -> typst_pdf::PdfStandard {
    match standard {
        Standard::A2b => typst_pdf::PdfStandard::A_2b,
        Standard::A3b => typst_pdf::PdfStandard::A_3b,
        Standard::Ua1 => typst_pdf::PdfStandard::Ua_1,
    }
}

/// Exports pages to PDF bytes conforming to `standards` (none: a plain, tagged PDF 1.7).
pub fn export_pdf_as(
    document: &PagedDocument,
    ident: &str,
    standards: &[Standard],
) -> Result<Vec<u8>, Vec<String>> {
    let list: Vec<_> = standards.iter().map(|s| typst_standard(*s)).collect();
    let standards = PdfStandards::new(&list).map_err(|e| vec![e.message().to_string()])?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("bienban {}", env!("CARGO_PKG_VERSION")))),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let mut text = e.message.to_string();
                for hint in &e.hints {
                    text.push_str(&format!("; hint: {}", hint.v));
                }
                text
            })
            .collect()
    })
}

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// The PDF (default).
    #[default]
    Pdf,
    /// The generated Typst source, standalone (compiles with the `typst` CLI and `--font-path fonts`).
    Typst,
    /// A PNG preview of each page (`<stem>-1.png`, …), at `--ppi`.
    Png,
    /// An SVG preview of each page (`<stem>-1.svg`, …).
    Svg,
}

impl OutputFormat {
    /// The file extension of the output (a preview's first page: `<stem>-1.<ext>`).
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "pdf",
            OutputFormat::Typst => "typ",
            OutputFormat::Png => "png",
            OutputFormat::Svg => "svg",
        }
    }

    /// The name used on the command line and in the incremental key.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "pdf",
            OutputFormat::Typst => "typst",
            OutputFormat::Png => "png",
            OutputFormat::Svg => "svg",
        }
    }
}

/// A typst error worded without a template to trace it to: typst's own message is English only, so the
/// Vietnamese says what failed around it.
pub fn plain_problem(problem: &TypstProblem) -> Text {
    let e = problem.describe();
    t(
        format!("failed to typeset ({e})"),
        format!("không dàn trang được (lỗi của typst: {e})"),
    )
}

/// More blocks (paragraphs, list items, table rows) than any [`MAX_PAGES`]-page document holds.
const MAX_BLOCKS: usize = MAX_PAGES * BLOCKS_PER_PAGE;

/// Refuses, before typesetting, a minutes text with more than [`MAX_BLOCKS`] blocks (counted as lines that
/// start after a blank line, or that start a list item or a table row): each is at least one printed line, so
/// such a text is certain to pass [`MAX_PAGES`].
pub fn surely_too_long(text: &str) -> Option<Text> {
    let mut blocks = 0usize;
    let mut after_blank = true;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            after_blank = true;
            continue;
        }
        let item = trimmed.starts_with(['-', '*', '+', '|'])
            || trimmed.split_once(['.', ')']).is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())
            });
        if after_blank || item {
            blocks += 1;
        }
        after_blank = false;
    }
    (blocks > MAX_BLOCKS).then(|| {
        t(
            format!("failed to typeset (the text has {blocks} paragraphs, list items and table rows: more than the limit of {MAX_PAGES} pages can hold; split the minutes into several files)"),
            format!("không dàn trang được (văn bản có {blocks} đoạn, mục danh sách và dòng bảng: vượt quá giới hạn {MAX_PAGES} trang; hãy tách biên bản thành nhiều tệp)"),
        )
    })
}

/// Refuses a document past [`MAX_PAGES`], naming the limit.
pub fn check_pages(document: &PagedDocument) -> Result<(), Text> {
    let pages = document.pages().len();
    if pages > MAX_PAGES {
        return Err(t(
            format!(
                "failed to typeset (the document has {pages} pages, more than the limit of {MAX_PAGES}; split the minutes into several files)"
            ),
            format!(
                "không dàn trang được (văn bản có {pages} trang, vượt giới hạn {MAX_PAGES} trang; hãy tách biên bản thành nhiều tệp)"
            ),
        ));
    }
    Ok(())
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
    let document = typeset(&world).map_err(|problems| {
        problems
            .iter()
            .map(TypstProblem::describe)
            .collect::<Vec<_>>()
    })?;
    export_pdf(&document, ident)
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

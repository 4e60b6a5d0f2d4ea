//! Typesetting: the generated Typst source is compiled in-process by the `typst` crate and exported to PDF
//! with `typst-pdf`, or rendered to page previews.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards};

use crate::diag::{Text, t};
use crate::typeset::fonts::FontSet;
use crate::typeset::preview;
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

/// A standard the PDF is made to conform to; typst refuses to export a document that breaks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Standard {
    /// PDF/A-2b: archival, visual appearance preserved; no attachments allowed.
    A2b,
    /// PDF/A-3b: archival, and the minutes' own source and data travel inside the PDF.
    A3b,
    /// PDF/UA-1: accessible (tagged, with a title and a language).
    Ua1,
}

impl Standard {
    /// The name used on the command line and by typst (`a-3b`).
    pub fn name(self) -> &'static str {
        match self {
            Standard::A2b => "a-2b",
            Standard::A3b => "a-3b",
            Standard::Ua1 => "ua-1",
        }
    }

    fn typst(self) -> typst_pdf::PdfStandard {
        match self {
            Standard::A2b => typst_pdf::PdfStandard::A_2b,
            Standard::A3b => typst_pdf::PdfStandard::A_3b,
            Standard::Ua1 => typst_pdf::PdfStandard::Ua_1,
        }
    }
}

/// Exports pages to PDF bytes conforming to `standards` (none: a plain, tagged PDF 1.7).
pub fn export_pdf_as(
    document: &PagedDocument,
    ident: &str,
    standards: &[Standard],
) -> Result<Vec<u8>, Vec<String>> {
    let list: Vec<_> = standards.iter().map(|s| s.typst()).collect();
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

/// The environment variable of reproducible builds: a Unix time that replaces every date taken from elsewhere.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The time `SOURCE_DATE_EPOCH` names: None when unset or empty, an error when it is not a Unix time.
pub fn source_date_epoch() -> Result<Option<chrono::DateTime<chrono::Utc>>, crate::diag::Text> {
    let Some(value) = std::env::var_os(SOURCE_DATE_EPOCH).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(Some)
        .ok_or_else(|| {
            crate::diag::t(
                format!("{SOURCE_DATE_EPOCH}={text} is not a Unix time (expected whole seconds since 1970)"),
                format!("{SOURCE_DATE_EPOCH}={text} không phải thời gian Unix (cần số giây nguyên kể từ 1970)"),
            )
        })
}

/// The document's creation date as a Typst `datetime(...)` expression: the meeting date, or the time
/// `SOURCE_DATE_EPOCH` names when it is set (an invalid value is refused up front by the command line).
/// Written into the source itself, so that the generated `.typ` compiles to the same date anywhere.
pub fn document_date(meeting: NaiveDate) -> String {
    use chrono::{Datelike, Timelike};
    match source_date_epoch() {
        Ok(Some(t)) => format!(
            "datetime(year: {}, month: {}, day: {}, hour: {}, minute: {}, second: {})",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        _ => format!(
            "datetime(year: {}, month: {}, day: {})",
            meeting.year(),
            meeting.month(),
            meeting.day()
        ),
    }
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

/// How one minutes file is turned into output files.
pub struct Render<'a> {
    /// The fonts.
    pub fonts: &'a FontSet,
    /// The folder files (images) may be read from; None: no file access.
    pub root: Option<&'a Path>,
    /// The meeting date (typst's `today()`).
    pub date: NaiveDate,
    /// The PDF's stable identifier (the source file name).
    pub ident: &'a str,
    /// The standards the PDF must conform to.
    pub standards: &'a [Standard],
    /// PNG resolution in pixels per inch.
    pub ppi: f32,
    /// Words a typst error for the clerk (the build traces it back to a template file and line).
    pub explain: &'a dyn Fn(&TypstProblem) -> Text,
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

/// The files `format` produces for `output`: the Typst source as it is, the PDF, or one preview per page
/// (`<stem>-1.png`, …). Nothing is written here.
pub fn outputs(
    source: String,
    output: &Path,
    format: OutputFormat,
    render: &Render<'_>,
) -> Result<Vec<(PathBuf, Vec<u8>)>, Vec<Text>> {
    if format == OutputFormat::Typst {
        return Ok(vec![(output.to_path_buf(), source.into_bytes())]);
    }
    let world = MinutesWorld::new(source, render.root, render.fonts, render.date);
    // typst's own messages are English only: the Vietnamese says what failed around them.
    let typst_errors = |errors: Vec<String>| -> Vec<Text> {
        errors
            .into_iter()
            .map(|e| {
                t(
                    format!("failed to typeset ({e})"),
                    format!("không dàn trang được (lỗi của typst: {e})"),
                )
            })
            .collect()
    };
    let document = typeset(&world)
        .map_err(|problems| problems.iter().map(render.explain).collect::<Vec<_>>())?;
    check_pages(&document).map_err(|e| vec![e])?;
    let pages = match format {
        OutputFormat::Pdf | OutputFormat::Typst => {
            let pdf =
                export_pdf_as(&document, render.ident, render.standards).map_err(typst_errors)?;
            return Ok(vec![(output.to_path_buf(), pdf)]);
        }
        OutputFormat::Png => preview::png_pages(&document, render.ppi).map_err(|e| vec![e])?,
        OutputFormat::Svg => preview::svg_pages(&document),
    };
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| (preview::page_path(output, i + 1), bytes))
        .collect())
}

/// The most pages a minutes file may typeset to: 500 pages is several times the longest minutes (a congress
/// with annexes is under 100); a file past it is a pasted log or a hostile file, and writing its PDF or its
/// previews would cost minutes and gigabytes.
pub const MAX_PAGES: usize = 500;

/// More blocks (paragraphs, list items, table rows) than any [`MAX_PAGES`]-page document holds: 60 a page,
/// more than the densest page of minutes has lines.
const MAX_BLOCKS: usize = MAX_PAGES * 60;

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
fn check_pages(document: &PagedDocument) -> Result<(), Text> {
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

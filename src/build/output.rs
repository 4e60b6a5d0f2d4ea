//! The files a checked minutes file turns into, in memory: the Typst source as it is, the PDF, or one preview
//! per page. Private to the build stage, so that only [`BuildContext`](crate::build::BuildContext) turns
//! minutes into outputs (the compiler keeps every command on that one path).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diag::{Text, t};
use crate::press::fonts::FontSet;
use crate::press::standard::Standard;
use crate::typeset::compile::{self, OutputFormat, TypstProblem};
use crate::typeset::preview;
use crate::typeset::world::MinutesWorld;

/// How one minutes file is turned into output files.
pub(super) struct Render<'a> {
    /// The fonts.
    pub(super) fonts: &'a FontSet,
    /// The folder files (images) may be read from; None: no file access.
    pub(super) root: Option<&'a Path>,
    /// The meeting date (typst's `today()`).
    pub(super) date: NaiveDate,
    /// The PDF's stable identifier (the source file name).
    pub(super) ident: &'a str,
    /// The standards the PDF must conform to.
    pub(super) standards: &'a [Standard],
    /// PNG resolution in pixels per inch.
    pub(super) ppi: f32,
    /// Words a typst error for the clerk (the build traces it back to a template file and line).
    pub(super) explain: &'a dyn Fn(&TypstProblem) -> Text,
}

/// The files `format` produces for `output`: the Typst source as it is, the PDF, or one preview per page
/// (`<stem>-1.png`, …). Nothing is written here.
pub(super) fn outputs(
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
    let document = compile::typeset(&world)
        .map_err(|problems| problems.iter().map(render.explain).collect::<Vec<_>>())?;
    compile::check_pages(&document).map_err(|e| vec![e])?;
    let pages = match format {
        OutputFormat::Pdf | OutputFormat::Typst => {
            let pdf = compile::export_pdf_as(&document, render.ident, render.standards)
                .map_err(typst_errors)?;
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

//! Diagnostics kept without their file: a run over a whole archive (`bienban index`) reports problems only
//! after every file has been read, and holding each file's text until then costs tens of kilobytes a file.
//! A [`Detached`] diagnostic keeps the one source line its excerpt shows, and prints exactly as it would have
//! with the whole file at hand.

use std::ops::Range;
use std::path::Path;

use crate::diag::source::{SourceFile, floor_char_boundary};
use crate::diag::{Diagnostic, Style, render, render_list};

/// A place in a file, kept without the file: its 1-based line, that line's text (with its line ending) and
/// the span within that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    text: Box<str>,
    // 32-bit: a minutes file is at most 1 MiB, and the register keeps two of these for each of 100 000 files.
    line: u32,
    span: (u32, u32),
}

impl Excerpt {
    /// The line of `file` that `span` starts on, and the span within it (cut at the line's end, as the
    /// printed excerpt cuts it).
    pub fn of(file: &SourceFile, span: &Range<usize>) -> Self {
        let start = span.start.min(file.text.len());
        let (line, _) = file.line_col(start);
        let first = file.line_range(line).start;
        // The line with its ending: a span that starts on the `\r` of `\r\n` keeps its column.
        let last = file.line_range(line + 1).start.max(first);
        let last = floor_char_boundary(&file.text, last);
        let text: Box<str> = file.text[first..last].into();
        let end = span.end.saturating_sub(first).min(text.len());
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            line: narrow(line),
            span: (narrow(start - first), narrow(end)),
            text,
        }
    }

    /// A stand-in for the file: as many empty lines as the file had before this one, then the line, so that
    /// line, column and excerpt come out as they did; and the span within it.
    fn stand_in(&self, path: &Path) -> (SourceFile, Range<usize>) {
        let before = (self.line as usize).saturating_sub(1);
        let mut text = "\n".repeat(before);
        text.push_str(&self.text);
        let span = before + self.span.0 as usize..before + self.span.1 as usize;
        (SourceFile::new(path, text), span)
    }
}

/// A diagnostic with, instead of its file, the excerpt it points at (none for a problem of the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detached {
    diag: Diagnostic,
    at: Option<Excerpt>,
}

impl Detached {
    /// Detaches a diagnostic of `file`, keeping the line its span starts on.
    pub fn new(mut diag: Diagnostic, file: &SourceFile) -> Self {
        let at = diag.span.take().map(|span| Excerpt::of(file, &span));
        Self { diag, at }
    }

    /// A diagnostic found without the file at hand, pointed at a place kept earlier.
    pub fn at(mut diag: Diagnostic, at: Option<Excerpt>) -> Self {
        diag.span = None;
        Self { diag, at }
    }

    /// The diagnostic (its span left out: it belongs to the file no longer held).
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.diag
    }

    /// Renders it as [`render`] would with the whole file at `path`.
    pub fn render(&self, path: &Path, style: Style) -> String {
        match &self.at {
            None => render(&self.diag, &SourceFile::new(path, String::new()), style),
            Some(excerpt) => {
                let (file, span) = excerpt.stand_in(path);
                render(&self.diag.clone().at(span), &file, style)
            }
        }
    }
}

/// Renders a file's detached diagnostics like [`crate::diag::render_file`] (warnings left out when `quiet`):
/// `untold` more problems, kept only as a count, follow those given and are counted in the closing line.
pub fn render_file(
    diags: &[&Detached],
    untold: usize,
    path: &Path,
    style: Style,
    quiet: bool,
) -> String {
    let shown: Vec<&&Detached> = diags
        .iter()
        .filter(|d| !quiet || d.diag.is_error())
        .collect();
    render_list(
        shown.len() + untold,
        shown.iter().map(|d| d.render(path, style)),
        path,
        style,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, DiagnosticFormat, Lang, t};

    #[test]
    fn a_detached_diagnostic_prints_as_with_its_file() {
        let text = "---\r\nnumber: 5\r\ntitle: đồng chí x\n---\nbody\nlast";
        let file = SourceFile::new("a.md", text.to_string());
        let chi = text.find("chí").unwrap();
        let spans = [
            chi..chi + 4,
            chi..text.len(),
            text.find("5").unwrap()..text.find("5").unwrap() + 1,
            text.find("\r\n").unwrap()..text.len(),
            text.len()..text.len(),
            text.find("last").unwrap()..text.len() + 9,
        ];
        for format in [
            DiagnosticFormat::Human,
            DiagnosticFormat::Short,
            DiagnosticFormat::Json,
        ] {
            let style = Style {
                format,
                lang: Lang::En,
                color: false,
            };
            for span in &spans {
                let diag = Diagnostic::new(Code::NoFrontMatter, t("x", "x"))
                    .label(t("here", "đây"))
                    .at(span.clone());
                let whole = render(&diag, &file, style);
                assert_eq!(Detached::new(diag, &file).render(file.path(), style), whole);
            }
            let plain = Diagnostic::new(Code::NotNfc, t("y", "y"));
            assert_eq!(
                Detached::new(plain.clone(), &file).render(file.path(), style),
                render(&plain, &file, style)
            );
        }
    }
}

//! Diagnostics: what went wrong, where (a byte span in the minutes file), and how to fix it, in Vietnamese and
//! English; printed like a compiler (`human`), one line each (`short`), or as JSON lines (`json`).

pub mod code;
pub mod detached;
pub mod excerpt;
pub mod fix;
pub mod out;
pub mod source;
pub mod suggest;

use std::fmt::Write as _;
use std::ops::Range;

pub use crate::diag::code::Code;
pub use crate::diag::fix::Fix;
use crate::diag::source::SourceFile;

/// How bad a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The PDF is still written.
    Warning,
    /// The file is not built.
    Error,
}

/// The language diagnostics are printed in; the codes never change with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt (the default: the tool's users are Vietnamese clerks).
    #[default]
    Vi,
    /// English.
    En,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiagnosticFormat {
    /// Like a compiler: the source line, a caret under the problem, hints.
    #[default]
    Human,
    /// One line per diagnostic: `path:line:col: error[CODE]: message`.
    Short,
    /// One JSON object per line.
    Json,
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// English wording.
    pub en: String,
    /// Vietnamese wording.
    pub vi: String,
}

impl Text {
    /// The wording in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Vi => &self.vi,
        }
    }
}

/// Builds a bilingual [`Text`]: `t(english, vietnamese)`.
pub fn t(en: impl Into<String>, vi: impl Into<String>) -> Text {
    Text {
        en: en.into(),
        vi: vi.into(),
    }
}

/// One problem found in a minutes file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code from the registry ([`Code`]), documented in `docs/diagnostics.md`; it sets the severity.
    pub code: Code,
    /// What is wrong.
    pub message: Text,
    /// Where, as a byte range of the whole file; `None` for problems of the file as a whole.
    pub span: Option<Range<usize>>,
    /// A short label printed beside the caret.
    pub label: Option<Text>,
    /// How to fix it.
    pub hints: Vec<Text>,
    /// The fix an editor can apply, as data (the language server's code actions read it).
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A new diagnostic with code `code` (an error or a warning, as the registry says).
    pub fn new(code: Code, message: Text) -> Self {
        Self {
            code,
            message,
            span: None,
            label: None,
            hints: vec![],
            fix: None,
        }
    }

    /// Error or warning, from the code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Points the diagnostic at a byte range of the file.
    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    /// Points the diagnostic at a byte range when one is known.
    pub fn at_opt(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    /// Adds the label printed under the caret.
    pub fn label(mut self, label: Text) -> Self {
        self.label = Some(label);
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: Text) -> Self {
        self.hints.push(hint);
        self
    }

    /// Adds the fix an editor can apply.
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// Settings for printing diagnostics.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Output shape.
    pub format: DiagnosticFormat,
    /// Message language.
    pub lang: Lang,
    /// ANSI colours (only on a terminal, never with `NO_COLOR`).
    pub color: bool,
}

/// Renders one diagnostic as text (with a trailing newline) in the chosen style.
pub fn render(diag: &Diagnostic, file: &SourceFile, style: Style) -> String {
    match style.format {
        DiagnosticFormat::Human => render_human(diag, file, style),
        DiagnosticFormat::Short => render_short(diag, file, style.lang),
        DiagnosticFormat::Json => render_json(diag, file, style.lang),
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn location(diag: &Diagnostic, file: &SourceFile) -> Option<(usize, usize)> {
    diag.span.as_ref().map(|span| file.line_col(span.start))
}

fn render_short(diag: &Diagnostic, file: &SourceFile, lang: Lang) -> String {
    let (line, col) = location(diag, file).unwrap_or((1, 1));
    // One line, but the hint stays: it is often the fix itself ("did you mean `secretary`?").
    let hints: String = diag
        .hints
        .iter()
        .map(|h| format!(" (hint: {})", excerpt::escape(h.get(lang))))
        .collect();
    format!(
        "{}:{line}:{col}: {}[{}]: {}{hints}\n",
        excerpt::escape(&file.path().display().to_string()),
        severity_word(diag.severity()),
        diag.code,
        excerpt::escape(diag.message.get(lang))
    )
}

fn render_json(diag: &Diagnostic, file: &SourceFile, lang: Lang) -> String {
    let (line, column) = location(diag, file).unwrap_or((1, 1));
    let value = serde_json::json!({
        "severity": severity_word(diag.severity()),
        "code": diag.code.as_str(),
        "message": diag.message.get(lang),
        "path": file.path().display().to_string(),
        "line": line,
        "column": column,
        "hints": diag.hints.iter().map(|h| h.get(lang)).collect::<Vec<_>>(),
    });
    format!("{value}\n")
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn render_human(diag: &Diagnostic, file: &SourceFile, style: Style) -> String {
    let paint = Paint { on: style.color };
    let lang = style.lang;
    let color = match diag.severity() {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
    };
    let mut out = String::new();
    let head = format!("{}[{}]", severity_word(diag.severity()), diag.code);
    let _ = writeln!(
        out,
        "{}: {}",
        paint.wrap(color, &head),
        paint.wrap("1", &excerpt::escape(diag.message.get(lang)))
    );
    let path = excerpt::escape(&file.path().display().to_string()).into_owned();
    let Some(span) = &diag.span else {
        let _ = writeln!(out, "  {} {path}", paint.wrap("34", "┌─"));
        for hint in &diag.hints {
            let _ = writeln!(out, "  = hint: {}", excerpt::escape(hint.get(lang)));
        }
        return out;
    };
    let (line, col) = file.line_col(span.start);
    let pad = " ".repeat(line.to_string().len());
    let bar = paint.wrap("34", "│");
    let _ = writeln!(out, "{pad} {} {path}:{line}:{col}", paint.wrap("34", "┌─"));
    let _ = writeln!(out, "{pad} {bar}");
    let (text, prefix, width) = excerpt_line(file, span, line, col);
    let _ = writeln!(out, "{} {bar} {text}", paint.wrap("34", &line.to_string()));
    let mut caret = "^".repeat(width.max(1));
    if let Some(label) = &diag.label {
        caret.push(' ');
        caret.push_str(&excerpt::escape(label.get(lang)));
    }
    let _ = writeln!(out, "{pad} {bar} {prefix}{}", paint.wrap(color, &caret));
    if !diag.hints.is_empty() {
        let _ = writeln!(out, "{pad} {bar}");
    }
    for hint in &diag.hints {
        let _ = writeln!(out, "{pad} = hint: {}", excerpt::escape(hint.get(lang)));
    }
    out
}

/// The source line as printed (unsafe characters escaped, a long line cut to a window around the column),
/// the blanks that put the caret under the span, and the caret's width.
fn excerpt_line(
    file: &SourceFile,
    span: &Range<usize>,
    line: usize,
    col: usize,
) -> (String, String, usize) {
    let line_range = file.line_range(line);
    // Spans come from several parsers: never slice inside a character, never run past the line.
    let start = source::floor_char_boundary(&file.text, span.start.min(line_range.end));
    let end =
        source::floor_char_boundary(&file.text, span.end.clamp(start, line_range.end.max(start)));
    let chars: Vec<char> = file.text[line_range.clone()].chars().collect();
    let span_chars = file.text[start..end].chars().count();
    let (first, last, cut_left, cut_right) = excerpt::window(chars.len(), col - 1);
    let mut text = String::new();
    let mut prefix = String::new();
    let mut width = 0;
    if cut_left {
        text.push('…');
        prefix.push(' ');
    }
    for (i, &c) in chars.iter().enumerate().take(last).skip(first) {
        let shown = excerpt::shown(c);
        text.push_str(&shown);
        // Combining marks take no column on screen: leave them out so the caret stays under its letter.
        let columns = if is_combining(c) {
            0
        } else {
            shown.chars().count()
        };
        if i < col - 1 {
            let blank = if c == '\t' { "\t" } else { " " };
            prefix.push_str(&blank.repeat(columns));
        } else if i < col - 1 + span_chars {
            width += columns;
        }
    }
    if cut_right {
        text.push('…');
    }
    (text, prefix, width)
}

/// The most diagnostics printed for one file: past this, the rest is counted on one line. A file of
/// hostile or pasted text can hold hundreds of thousands of problems; the first fifty are what a clerk
/// fixes first, and after them the same mistake usually repeats.
pub const MAX_PER_FILE: usize = 50;

/// Renders a file's diagnostics (warnings left out when `quiet`): at most [`MAX_PER_FILE`], then one line
/// (or JSON object) counting the rest.
pub fn render_file(diags: &[Diagnostic], file: &SourceFile, style: Style, quiet: bool) -> String {
    let shown: Vec<&Diagnostic> = diags.iter().filter(|d| !quiet || d.is_error()).collect();
    render_list(
        shown.len(),
        shown.iter().map(|d| render(d, file, style)),
        file.path(),
        style,
    )
}

/// The first [`MAX_PER_FILE`] of a file's `count` rendered diagnostics, then the line counting the rest.
fn render_list(
    count: usize,
    rendered: impl Iterator<Item = String>,
    path: &std::path::Path,
    style: Style,
) -> String {
    let mut out: String = rendered.take(MAX_PER_FILE).collect();
    let rest = count.saturating_sub(MAX_PER_FILE);
    if rest > 0 {
        let path = path.display().to_string();
        let message = t(
            format!("and {rest} more problems in {path} (only the first {MAX_PER_FILE} are shown)"),
            format!("và còn {rest} vấn đề khác trong {path} (chỉ hiện {MAX_PER_FILE} vấn đề đầu)"),
        );
        out.push_str(&render_note(&message, style));
    }
    out
}

/// A note of the run (a summary, a progress line) in the chosen style: the text as a line, or in the JSON
/// format an object `{"severity": "note", "message": …}` so that stderr stays JSON lines only.
pub fn render_note(message: &Text, style: Style) -> String {
    match style.format {
        DiagnosticFormat::Json => format!(
            "{}\n",
            serde_json::json!({"severity": "note", "message": message.get(style.lang)})
        ),
        _ => format!("{}\n", excerpt::escape(message.get(style.lang))),
    }
}

/// A failure that has no place in a file's text (I/O, typesetting, usage): `error: [path: ]message` and its
/// hints, or one JSON object with `path` and no line.
pub fn render_failure(
    severity: Severity,
    path: Option<&std::path::Path>,
    message: &Text,
    hints: &[Text],
    style: Style,
) -> String {
    let lang = style.lang;
    let word = severity_word(severity);
    match style.format {
        DiagnosticFormat::Json => {
            let value = serde_json::json!({
                "severity": word,
                "code": serde_json::Value::Null,
                "message": message.get(lang),
                "path": path.map(|p| p.display().to_string()),
                "hints": hints.iter().map(|h| h.get(lang)).collect::<Vec<_>>(),
            });
            format!("{value}\n")
        }
        DiagnosticFormat::Short | DiagnosticFormat::Human => {
            let place = path
                .map(|p| format!("{}: ", excerpt::escape(&p.display().to_string())))
                .unwrap_or_default();
            let mut out = format!("{word}: {place}{}", excerpt::escape(message.get(lang)));
            for hint in hints {
                let hint = excerpt::escape(hint.get(lang));
                // `short` is one line per problem, its hints included.
                if style.format == DiagnosticFormat::Short {
                    out.push_str(&format!(" (hint: {hint})"));
                } else {
                    out.push_str(&format!("\n  = hint: {hint}"));
                }
            }
            out.push('\n');
            out
        }
    }
}

/// Combining diacritical marks (decomposed Vietnamese tones), drawn over the letter before them.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// Counts errors and warnings in a list of diagnostics.
pub fn tally(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_output_points_at_the_value() {
        let file = SourceFile::new("m.md", "---\nmembers:\n  present: 36\n---\n".to_string());
        let start = file.text.find("36").unwrap();
        let diag = Diagnostic::new(
            Code::AttendanceMismatch,
            t("attendance does not add up", "sĩ số không khớp"),
        )
        .at(start..start + 2)
        .label(t("this count", "số này"))
        .hint(t("correct `present`", "sửa `present`"));
        let style = Style {
            lang: Lang::En,
            ..Style::default()
        };
        let text = render(&diag, &file, style);
        assert_eq!(
            text,
            "error[E0203]: attendance does not add up\n  ┌─ m.md:3:12\n  │\n3 │   present: 36\n  │            ^^ this count\n  │\n  = hint: correct `present`\n"
        );
        let short = render(
            &diag,
            &file,
            Style {
                format: DiagnosticFormat::Short,
                ..style
            },
        );
        assert_eq!(
            short,
            "m.md:3:12: error[E0203]: attendance does not add up (hint: correct `present`)\n"
        );
        let json = render(
            &diag,
            &file,
            Style {
                format: DiagnosticFormat::Json,
                lang: Lang::Vi,
                color: false,
            },
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["line"], 3);
        assert_eq!(value["column"], 12);
        assert_eq!(value["message"], "sĩ số không khớp");
    }
}

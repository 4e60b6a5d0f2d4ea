//! Code actions, each a fix for a diagnostic the checker reported: the did-you-mean correction (E0101, and a
//! wrong enumerated value), a time put in quotes (E0202, or any unquoted time), the file normalised to NFC
//! (W0001), a missing key added (E0102), and `members.present` corrected so that attendance adds up (E0203).

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};
use unicode_normalization::UnicodeNormalization;

use crate::diag::Diagnostic;
use crate::input::describe;
use crate::lsp::documents::Analysis;
use crate::lsp::keys::key;
use crate::lsp::position::{Encoding, range};

/// Everything needed to make one action.
struct Fix {
    title: String,
    span: Range<usize>,
    new_text: String,
    preferred: bool,
}

/// The actions for the diagnostics that touch the byte range `at`.
pub fn actions(
    analysis: &Analysis,
    uri: &Uri,
    at: Range<usize>,
    diagnostics: &[lsp_types::Diagnostic],
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let mut fixes: Vec<(Fix, Option<&str>)> = vec![];
    for diag in &analysis.diagnostics {
        let span = diag.span.clone().unwrap_or(0..0);
        let touches = span.start <= at.end && at.start <= span.end;
        if touches && let Some(fix) = fix_for(analysis, diag) {
            fixes.push((fix, Some(diag.code)));
        }
    }
    if let Some(fix) = quote_time_at(analysis, &at)
        && !fixes.iter().any(|(f, _)| f.span == fix.span)
    {
        fixes.push((fix, None));
    }
    fixes
        .into_iter()
        .map(|(fix, code)| {
            let related: Vec<lsp_types::Diagnostic> = diagnostics
                .iter()
                .filter(|d| {
                    code.is_some_and(|c| {
                        d.code == Some(lsp_types::NumberOrString::String(c.to_string()))
                    })
                })
                .cloned()
                .collect();
            let edit = TextEdit::new(range(&analysis.file, &fix.span, encoding), fix.new_text);
            CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: (!related.is_empty()).then_some(related),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..Default::default()
                }),
                is_preferred: Some(fix.preferred),
                ..Default::default()
            })
        })
        .collect()
}

/// The fix of one diagnostic, when there is a sure one.
fn fix_for(analysis: &Analysis, diag: &Diagnostic) -> Option<Fix> {
    let span = diag.span.clone()?;
    if let Some(best) = diag
        .hints
        .iter()
        .find_map(|h| between(&h.en, "did you mean `", "`"))
    {
        return Some(Fix {
            title: format!("Sửa thành `{best}`"),
            span,
            new_text: best.to_string(),
            preferred: true,
        });
    }
    match diag.code {
        "W0001" => Some(Fix {
            title: "Chuẩn hóa toàn bộ tệp sang Unicode NFC".to_string(),
            span: 0..analysis.text().len(),
            new_text: analysis.text().nfc().collect(),
            preferred: true,
        }),
        "E0202" => quote_time(analysis, span),
        "E0102" => missing_key(analysis, between(&diag.message.en, "required key `", "`")?),
        "E0203" => attendance(analysis),
        _ => None,
    }
}

/// The text between `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let rest = &text[text.find(open)? + open.len()..];
    Some(&rest[..rest.find(close)?])
}

/// A `start` or `end` value at `at` written without quotes.
fn quote_time_at(analysis: &Analysis, at: &Range<usize>) -> Option<Fix> {
    ["start", "end"].iter().find_map(|k| {
        let place = analysis.positions.places.get(*k)?;
        let span = place.value.clone();
        (span.start <= at.end && at.start <= span.end)
            .then(|| quote_time(analysis, span))
            .flatten()
    })
}

/// `14:00`, `14h00`, `14.00`, `9g30` → `"14:00"`, `"09:30"`.
fn quote_time(analysis: &Analysis, span: Range<usize>) -> Option<Fix> {
    let written = analysis.text().get(span.clone())?.trim();
    if written.starts_with(['"', '\'']) {
        return None;
    }
    let digits: Vec<&str> = written
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let (hours, minutes) = match digits.as_slice() {
        [h, m] => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        [hm] if hm.len() == 4 => (hm[..2].parse().ok()?, hm[2..].parse().ok()?),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    let time = format!("\"{hours:02}:{minutes:02}\"");
    Some(Fix {
        title: format!("Viết giờ trong ngoặc kép: {time}"),
        span,
        new_text: time,
        preferred: true,
    })
}

/// `present` = total − exempt − the absentees listed.
fn attendance(analysis: &Analysis) -> Option<Fix> {
    let m = analysis.raw.members.as_ref()?;
    let present = m.summoned().checked_sub(m.absent.len() as u32)?;
    Some(Fix {
        title: format!(
            "Sửa `present` thành {present} (tổng số {} − miễn sinh hoạt {} − vắng {})",
            m.total,
            m.exempt,
            m.absent.len()
        ),
        span: analysis
            .positions
            .places
            .get("members.present")?
            .value
            .clone(),
        new_text: present.to_string(),
        preferred: true,
    })
}

/// An example value for a key: its first allowed value, or the example of its expected form.
fn example(path: &str) -> String {
    if let Some((value, _)) = key(path).and_then(|k| k.values.first()) {
        return value.clone();
    }
    let (en, _) = describe::expected(path);
    between(&en, "such as `", "`").unwrap_or("").to_string()
}

/// Adds `key: example` where the missing key belongs: before the closing fence, or among its siblings.
fn missing_key(analysis: &Analysis, path: &str) -> Option<Fix> {
    let (parent, field) = match path.rfind('.') {
        Some(at) => (&path[..at], &path[at + 1..]),
        None => ("", path),
    };
    let value = example(path);
    let title = format!("Thêm khóa `{path}`");
    let text = analysis.text();
    if parent.is_empty() {
        let at = analysis.yaml.as_ref()?.end;
        let newline = if text[..at].ends_with('\n') { "" } else { "\n" };
        return Some(Fix {
            title,
            span: at..at,
            new_text: format!("{newline}{field}: {value}\n"),
            preferred: true,
        });
    }
    let prefix = format!("{parent}.");
    let first_child = analysis
        .positions
        .places
        .iter()
        .filter(|(p, _)| p.starts_with(&prefix))
        .filter_map(|(_, place)| place.key.clone())
        .min_by_key(|k| k.start)?;
    let line_start = text[..first_child.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..first_child.start];
    if let Some(brace) = before.rfind('{') {
        let close = brace + line_start + text[line_start + brace..].find('}')?;
        let trimmed = text[..close].trim_end().len();
        return Some(Fix {
            title,
            span: trimmed..trimmed,
            new_text: format!(", {field}: {value}"),
            preferred: true,
        });
    }
    let column = before.chars().count();
    let indent = " ".repeat(column);
    let at = if before.trim().is_empty() {
        line_start
    } else {
        text[first_child.start..]
            .find('\n')
            .map_or(text.len(), |i| first_child.start + i + 1)
    };
    Some(Fix {
        title,
        span: at..at,
        new_text: format!("{indent}{field}: {value}\n"),
        preferred: true,
    })
}

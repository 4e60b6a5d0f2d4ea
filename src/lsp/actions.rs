//! Code actions, each the fix a diagnostic carries as data ([`crate::diag::Action`]): the did-you-mean correction
//! (E0101, and a wrong enumerated value), a time put in quotes (E0202, or any unquoted time), the file
//! normalised to NFC (W0001), a missing key added (E0102), and `members.present` corrected so that attendance
//! adds up (E0203). Nothing is read back from a message.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Code, Diagnostic, Fix, Lang};
use crate::input::keys::keypath;
use crate::lsp::documents::Analysis;
use crate::lsp::position::{Encoding, range};

/// Everything needed to make one action.
struct Action {
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
    let mut fixes: Vec<(Action, Option<Code>)> = vec![];
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
                        d.code == Some(lsp_types::NumberOrString::String(c.as_str().to_string()))
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

/// The fix one diagnostic carries, made into an edit.
fn fix_for(analysis: &Analysis, diag: &Diagnostic) -> Option<Action> {
    let span = diag.span.clone()?;
    match diag.fix.as_ref()? {
        Fix::Replace { with, title } => Some(Action {
            title: title.get(Lang::Vi).to_string(),
            span,
            new_text: with.clone(),
            preferred: true,
        }),
        Fix::Normalize => Some(Action {
            title: "Chuẩn hóa toàn bộ tệp sang Unicode NFC".to_string(),
            span: 0..analysis.text().len(),
            new_text: analysis.text().nfc().collect(),
            preferred: true,
        }),
        Fix::QuoteTime => quote_time(analysis, span),
        Fix::AddKey {
            parent,
            key,
            example,
        } => missing_key(analysis, parent, key, example),
    }
}

/// A `start` or `end` value at `at` written without quotes.
fn quote_time_at(analysis: &Analysis, at: &Range<usize>) -> Option<Action> {
    [keypath!(start), keypath!(end)].iter().find_map(|k| {
        let place = analysis.positions.place(k)?;
        let span = place.value.clone();
        (span.start <= at.end && at.start <= span.end)
            .then(|| quote_time(analysis, span))
            .flatten()
    })
}

/// `14:00`, `14h00`, `14.00`, `9g30` → `"14:00"`, `"09:30"`.
fn quote_time(analysis: &Analysis, span: Range<usize>) -> Option<Action> {
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
    Some(Action {
        title: format!("Viết giờ trong ngoặc kép: {time}"),
        span,
        new_text: time,
        preferred: true,
    })
}

/// Adds `key: example` where the missing key belongs: before the closing fence, or among its siblings.
fn missing_key(analysis: &Analysis, parent: &str, field: &str, value: &str) -> Option<Action> {
    let title = match parent {
        "" => format!("Thêm khóa `{field}`"),
        _ => format!("Thêm khóa `{parent}.{field}`"),
    };
    let text = analysis.text();
    if parent.is_empty() {
        let at = analysis.yaml.as_ref()?.end;
        let newline = if text[..at].ends_with('\n') { "" } else { "\n" };
        return Some(Action {
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
        return Some(Action {
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
    Some(Action {
        title,
        span: at..at,
        new_text: format!("{indent}{field}: {value}\n"),
        preferred: true,
    })
}

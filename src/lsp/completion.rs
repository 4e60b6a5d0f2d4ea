//! Completion in the front matter: the keys valid where the cursor stands (from
//! [`crate::input::model::FRONT_MATTER`], each with its Vietnamese meaning), the values of an enumerated key,
//! and the names already written in the file where a name goes.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit,
};

use crate::input::describe;
use crate::input::model::Shape;
use crate::lsp::cursor::{Slot, slot};
use crate::lsp::documents::Analysis;
use crate::lsp::keys::{key, shape_at, strip_indices};
use crate::lsp::position::{Encoding, range};

/// The completions at byte `offset` of a checked document.
pub fn complete(analysis: &Analysis, offset: usize, encoding: Encoding) -> Vec<CompletionItem> {
    let Some(yaml) = analysis.yaml.clone() else {
        return vec![];
    };
    match slot(analysis.text(), yaml, offset) {
        Some(Slot::Key {
            parent,
            siblings,
            typed,
        }) => {
            let edit_range = range(&analysis.file, &typed, encoding);
            let Some(Shape::Map(entries)) = shape_at(&parent) else {
                return vec![];
            };
            entries
                .iter()
                .filter(|(k, _)| !siblings.iter().any(|s| s == k))
                .map(|(name, shape)| {
                    let mut path = parent.clone();
                    path.push(name.to_string());
                    let insert = match shape {
                        Shape::Leaf => format!("{name}: "),
                        _ => format!("{name}:"),
                    };
                    item(
                        name,
                        &path.join("."),
                        CompletionItemKind::FIELD,
                        insert,
                        edit_range,
                    )
                })
                .collect()
        }
        Some(Slot::Value { path, typed }) => {
            let edit_range = range(&analysis.file, &typed, encoding);
            let dotted = path.join(".");
            if let Some(found) = key(&dotted).filter(|k| !k.values.is_empty()) {
                return found
                    .values
                    .iter()
                    .map(|(value, meaning)| CompletionItem {
                        label: value.clone(),
                        kind: Some(CompletionItemKind::ENUM_MEMBER),
                        detail: Some(meaning.clone()),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                            edit_range,
                            value.clone(),
                        ))),
                        ..Default::default()
                    })
                    .collect();
            }
            if path.last().is_some_and(|k| k == "name") {
                return names(analysis)
                    .into_iter()
                    .map(|name| CompletionItem {
                        label: name.clone(),
                        kind: Some(CompletionItemKind::VALUE),
                        detail: Some("tên đã có trong biên bản".to_string()),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(edit_range, name))),
                        ..Default::default()
                    })
                    .collect();
            }
            vec![]
        }
        None => vec![],
    }
}

/// A key's completion: its name, its meaning as detail, its expected form as documentation.
fn item(
    name: &str,
    path: &str,
    kind: CompletionItemKind,
    insert: String,
    edit_range: lsp_types::Range,
) -> CompletionItem {
    let meaning = key(path).map(|k| k.description.clone()).unwrap_or_default();
    let (_, expected) = describe::expected(path);
    CompletionItem {
        label: name.to_string(),
        kind: Some(kind),
        detail: Some(meaning.clone()),
        documentation: Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: format!("**`{path}`** — {meaning}\n\nDạng: {expected}"),
        })),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(edit_range, insert))),
        ..Default::default()
    }
}

/// Every person's name written in the file (chair, secretary, guests, speakers, absentees), once each.
pub fn names(analysis: &Analysis) -> Vec<String> {
    let mut paths: Vec<(&String, &std::ops::Range<usize>)> = analysis
        .positions
        .places
        .iter()
        .filter(|(path, _)| strip_indices(path).ends_with(".name"))
        .filter(|(path, _)| !path.starts_with("organization"))
        .map(|(path, place)| (path, &place.value))
        .collect();
    paths.sort_by_key(|(_, span)| span.start);
    let mut out: Vec<String> = vec![];
    for (_, span) in paths {
        let written = analysis.text().get(span.clone()).unwrap_or("").trim();
        let name = written.trim_matches(['"', '\'']).trim();
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

//! Completion in the front matter: the keys valid where the cursor stands (from the key tree,
//! [`crate::input::keys`], each with its Vietnamese meaning), the values of an enumerated key, and the names
//! already written in the file where a name goes.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit,
};

use crate::input::describe;
use crate::input::keys::{Key, Path, keypath};
use crate::lsp::cursor::{Slot, slot};
use crate::lsp::documents::Analysis;
use crate::lsp::keys::{description, key, node_at, values};
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
            let Some(node) = node_at(&parent) else {
                return vec![];
            };
            node.keys
                .iter()
                .filter(|k| !siblings.iter().any(|s| s == k.name))
                .map(|k| {
                    let mut path = parent.clone();
                    path.push(k.name.to_string());
                    let insert = if k.kind.is_scalar() {
                        format!("{}: ", k.name)
                    } else {
                        format!("{}:", k.name)
                    };
                    item(
                        k,
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
            let words = key(&dotted).map(values).unwrap_or_default();
            if !words.is_empty() {
                return words
                    .into_iter()
                    .map(|(value, meaning)| CompletionItem {
                        label: value.to_string(),
                        kind: Some(CompletionItemKind::ENUM_MEMBER),
                        detail: Some(meaning.to_string()),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                            edit_range,
                            value.to_string(),
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
    key: &Key,
    dotted: &str,
    kind: CompletionItemKind,
    insert: String,
    edit_range: lsp_types::Range,
) -> CompletionItem {
    let meaning = description(key);
    let expected = Path::parse(dotted).map_or_else(String::new, |p| describe::expected(&p).1);
    CompletionItem {
        label: key.name.to_string(),
        kind: Some(kind),
        detail: Some(meaning.to_string()),
        documentation: Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: format!("**`{dotted}`** — {meaning}\n\nDạng: {expected}"),
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
        .filter(|(path, _)| is_persons_name(path))
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

/// Whether the value at a path as the YAML writes it is a person's name (`name` of anyone but the
/// organisation).
fn is_persons_name(written: &str) -> bool {
    Path::parse(written).is_some_and(|p| {
        p.key().is_some_and(|k| k.name == "name") && !p.within(&keypath!(organization))
    })
}

//! The meeting's outline as document symbols: the front matter's sections (each top-level key, with the keys
//! or list items below it) and the Markdown body's headings, nested by level.

use std::ops::Range;

use lsp_types::{DocumentSymbol, SymbolKind};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::lsp::documents::Analysis;
use crate::lsp::keys::{description, key};
use crate::lsp::position::{Encoding, range};

/// The outline of a checked document.
pub fn symbols(analysis: &Analysis, encoding: Encoding) -> Vec<DocumentSymbol> {
    let mut out = vec![];
    if let Some(yaml) = analysis.yaml.clone() {
        let children = children(analysis, "", encoding);
        out.push(symbol(
            analysis,
            "Phần khai báo".to_string(),
            SymbolKind::NAMESPACE,
            yaml.clone(),
            yaml,
            children,
            encoding,
        ));
    }
    out.extend(headings(analysis, encoding));
    out
}

/// The keys or list items directly below `parent`, in file order.
fn children(analysis: &Analysis, parent: &str, encoding: Encoding) -> Vec<DocumentSymbol> {
    let places = &analysis.positions.places;
    let mut direct: Vec<(&String, Range<usize>)> = places
        .iter()
        .filter(|(path, _)| is_child(parent, path))
        .map(|(path, place)| {
            let start = place.key.as_ref().map_or(place.value.start, |k| k.start);
            (path, start..extent(analysis, path))
        })
        .collect();
    direct.sort_by_key(|(_, span)| span.start);
    direct
        .into_iter()
        .map(|(path, span)| {
            let place = &places[path];
            let name = match path.strip_prefix(parent) {
                Some(rest) if rest.starts_with('[') => item_name(analysis, path, rest),
                _ => path.rsplit('.').next().unwrap_or(path).to_string(),
            };
            let kind = if path.ends_with(']') {
                SymbolKind::OBJECT
            } else {
                SymbolKind::FIELD
            };
            let selection = place.key.clone().unwrap_or(place.value.clone());
            let below = children(analysis, path, encoding);
            let mut sym = symbol(analysis, name, kind, span, selection, below, encoding);
            sym.detail = key(path)
                .map(|k| description(k).to_string())
                .filter(|d| !d.is_empty());
            sym
        })
        .collect()
}

/// Whether `path` is directly below `parent` (`members` → `members.total`, `votes` → `votes[0]`).
fn is_child(parent: &str, path: &str) -> bool {
    let rest = if parent.is_empty() {
        path
    } else {
        match path.strip_prefix(parent) {
            Some(rest) if rest.starts_with('[') => {
                return rest.find(']') == Some(rest.len() - 1);
            }
            Some(rest) => match rest.strip_prefix('.') {
                Some(rest) => rest,
                None => return false,
            },
            None => return false,
        }
    };
    !rest.is_empty() && !rest.contains(['.', '['])
}

/// A list item's name: its `name`, `text` or `subject`, else its number.
fn item_name(analysis: &Analysis, path: &str, index: &str) -> String {
    for field in ["name", "subject", "text"] {
        if let Some(place) = analysis.positions.places.get(&format!("{path}.{field}")) {
            let written = analysis.text().get(place.value.clone()).unwrap_or("");
            let short: String = written.trim().trim_matches('"').chars().take(60).collect();
            if !short.is_empty() {
                return short;
            }
        }
    }
    if let Some(place) = analysis.positions.places.get(path) {
        let written = analysis.text().get(place.value.clone()).unwrap_or("");
        if !written.trim().is_empty() && !written.trim_start().starts_with(['{', '-']) {
            return written.trim().chars().take(60).collect();
        }
    }
    index.to_string()
}

/// Where the value at `path` ends, counting everything below it.
fn extent(analysis: &Analysis, path: &str) -> usize {
    analysis
        .positions
        .places
        .iter()
        .filter(|(p, _)| {
            p.as_str() == path
                || p.strip_prefix(path)
                    .is_some_and(|r| r.starts_with(['.', '[']))
        })
        .map(|(_, place)| place.value.end)
        .max()
        .unwrap_or(0)
}

/// The body's headings, each holding the headings of lower levels after it.
fn headings(analysis: &Analysis, encoding: Encoding) -> Vec<DocumentSymbol> {
    let body_start = analysis.body_start;
    let body = analysis.text().get(body_start..).unwrap_or("");
    let mut found: Vec<(usize, String, Range<usize>)> = vec![];
    let mut current: Option<(usize, String, Range<usize>)> = None;
    for (event, span) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level as usize, String::new(), span));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, title, _)) = current.as_mut() {
                    title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => found.extend(current.take()),
            _ => {}
        }
    }
    let end = analysis.text().len();
    let mut stack: Vec<(usize, DocumentSymbol)> = vec![];
    let mut top = vec![];
    for (i, (level, title, span)) in found.iter().enumerate() {
        let section_end = found[i + 1..]
            .iter()
            .find(|(l, _, _)| l <= level)
            .map_or(end, |(_, _, s)| body_start + s.start);
        let heading = body_start + span.start..body_start + span.end;
        let full = heading.start..section_end.max(heading.end);
        let sym = symbol(
            analysis,
            title.clone(),
            SymbolKind::STRING,
            full,
            heading,
            vec![],
            encoding,
        );
        while stack.last().is_some_and(|(l, _)| l >= level) {
            close(&mut stack, &mut top);
        }
        stack.push((*level, sym));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top);
    }
    top
}

fn close(stack: &mut Vec<(usize, DocumentSymbol)>, top: &mut Vec<DocumentSymbol>) {
    if let Some((_, done)) = stack.pop() {
        match stack.last_mut() {
            Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(done),
            None => top.push(done),
        }
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be given.
fn symbol(
    analysis: &Analysis,
    name: String,
    kind: SymbolKind,
    full: Range<usize>,
    selection: Range<usize>,
    children: Vec<DocumentSymbol>,
    encoding: Encoding,
) -> DocumentSymbol {
    let name = if name.trim().is_empty() {
        "…".to_string()
    } else {
        name
    };
    DocumentSymbol {
        name,
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range: range(&analysis.file, &full, encoding),
        selection_range: range(&analysis.file, &selection, encoding),
        children: (!children.is_empty()).then_some(children),
    }
}

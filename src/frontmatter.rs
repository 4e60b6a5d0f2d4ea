//! Splitting a minutes file into YAML front matter and Markdown body, and reading the YAML into [`RawMinutes`]
//! with the byte position of every key and value, so that each problem is reported at the file's own line and
//! column. This is the only module that touches serde_yaml.

use std::collections::HashMap;
use std::ops::Range;

use serde_yaml::Value;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diag::{Diagnostic, t};
use crate::model::{FRONT_MATTER, RawMinutes, Shape};
use crate::suggest::closest;

/// A minutes file cut in two, with the byte offsets of both parts in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// Byte offset of the YAML's first character.
    pub yaml_start: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Byte offset of the body's first character.
    pub body_start: usize,
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line
        .trim_end_matches(['\r', '\n'])
        .trim_end_matches([' ', '\t']);
    line == "---" || (closing && line == "...")
}

/// Splits the text (BOM already removed) at its front matter fences.
pub fn split(text: &str) -> Result<Split<'_>, Box<Diagnostic>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first, false) {
        let first_line_end = first.trim_end_matches(['\r', '\n']).len();
        return Err(Box::new(
            Diagnostic::error(
                "E0001",
                t(
                    "the file has no front matter",
                    "tệp không có phần khai báo (front matter)",
                ),
            )
            .at(0..first_line_end)
            .label(t("expected `---` here", "cần dòng `---` ở đây"))
            .hint(t(
                "start the file with a line `---`, the YAML fields, and another line `---`",
                "mở đầu tệp bằng dòng `---`, các trường YAML, rồi một dòng `---`",
            )),
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        if is_fence(line, true) {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_start,
                body: &text[body_start..],
                body_start,
            });
        }
        offset += line.len();
    }
    Err(Box::new(
        Diagnostic::error(
            "E0002",
            t(
                "the front matter is not closed",
                "phần khai báo (front matter) chưa được đóng",
            ),
        )
        .at(0..3)
        .label(t("opened here", "mở ở đây"))
        .hint(t(
            "add a line `---` after the last YAML field, before the text of the minutes",
            "thêm một dòng `---` sau trường YAML cuối cùng, trước nội dung biên bản",
        )),
    ))
}

/// Where a key and its value stand in the file (byte ranges of the whole file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The key's range (None for list items).
    pub key: Option<Range<usize>>,
    /// The value's range (for a mapping or list: its first token).
    pub value: Range<usize>,
}

/// Positions of every value in the front matter, by path (`members.absent[0].name`).
#[derive(Debug, Clone, Default)]
pub struct Positions {
    places: HashMap<String, Place>,
    /// The range of the front matter's first line (`---`), for problems of the whole block.
    pub block: Range<usize>,
}

impl Positions {
    /// The span of the value at `path`, or of the nearest enclosing value that has one.
    pub fn value(&self, path: &str) -> Range<usize> {
        self.find(path)
            .map(|p| p.value.clone())
            .unwrap_or_else(|| self.block.clone())
    }

    /// The span of the key at `path` (falls back like [`Positions::value`]).
    pub fn key(&self, path: &str) -> Range<usize> {
        self.find(path)
            .map(|p| p.key.clone().unwrap_or(p.value.clone()))
            .unwrap_or_else(|| self.block.clone())
    }

    /// Whether the front matter has a value at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.places.contains_key(path)
    }

    fn find(&self, path: &str) -> Option<&Place> {
        let mut path = path;
        loop {
            if let Some(place) = self.places.get(path) {
                return Some(place);
            }
            path = &path[..path.rfind(['.', '['])?];
        }
    }
}

/// The front matter read as far as it could be: the typed data, positions, and every problem found.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The typed front matter; keys with problems are left out (None).
    pub raw: RawMinutes,
    /// Positions of keys and values.
    pub positions: Positions,
    /// Syntax errors, unknown keys, wrong types.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the YAML of `split` (taken from `text`) into [`RawMinutes`], collecting every problem.
pub fn parse(text: &str, split: &Split<'_>) -> Parsed {
    let block = 0..3;
    let mut parsed = Parsed {
        positions: Positions {
            block: block.clone(),
            ..Default::default()
        },
        ..Default::default()
    };
    let value: Value = match serde_yaml::from_str(split.yaml) {
        Ok(Value::Null) => Value::Mapping(Default::default()),
        Ok(value) => value,
        Err(err) => {
            parsed.diagnostics.push(yaml_error(&err, text, split));
            return parsed;
        }
    };
    let Value::Mapping(_) = value else {
        parsed.diagnostics.push(
            Diagnostic::error(
                "E0003",
                t(
                    "the front matter is not a list of `key: value` fields",
                    "phần khai báo phải là các dòng `khóa: giá trị`",
                ),
            )
            .at(split.yaml_start
                ..split.yaml_start + split.yaml.trim_end().len().min(first_line_len(split.yaml)))
            .hint(t(
                "write one field per line, such as `date: 2023-08-30`",
                "mỗi dòng một trường, ví dụ `date: 2023-08-30`",
            )),
        );
        return parsed;
    };
    parsed.positions.places = locate(split.yaml, split.yaml_start);
    let mut value = value;
    check_keys(
        &mut value,
        &FRONT_MATTER,
        "",
        &parsed.positions,
        &mut parsed.diagnostics,
    );
    parsed.raw = deserialize(value, &parsed.positions, &mut parsed.diagnostics);
    parsed
}

fn first_line_len(s: &str) -> usize {
    s.lines().next().map_or(0, str::len)
}

fn yaml_error(err: &serde_yaml::Error, text: &str, split: &Split<'_>) -> Diagnostic {
    let offset = err
        .location()
        .map_or(split.yaml_start, |loc| split.yaml_start + loc.index());
    let offset = crate::source::floor_char_boundary(text, offset);
    let message = err.to_string();
    // serde_yaml appends " at line L column C" relative to the YAML block; the diagnostic has the file's own.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let mut diag = Diagnostic::error(
        "E0003",
        t(
            format!("the front matter is not valid YAML ({message})"),
            format!("phần khai báo không phải YAML hợp lệ ({message})"),
        ),
    )
    .at(offset..offset + 1);
    if message.contains("tab") || split.yaml.contains('\t') {
        diag = diag.hint(t(
            "indent with spaces: YAML does not allow tabs for indentation",
            "thụt lề bằng dấu cách: YAML không cho phép dùng phím Tab để thụt lề",
        ));
    }
    if message.contains("duplicate") {
        diag = diag.hint(t(
            "each key may appear once: remove or rename the repeated one",
            "mỗi khóa chỉ xuất hiện một lần: xóa hoặc đổi tên khóa lặp lại",
        ));
    } else {
        diag = diag.hint(t(
            "check the indentation and the `key: value` form of this line and the one above; quote values that contain `: ` or start with a special character",
            "kiểm tra thụt lề và dạng `khóa: giá trị` của dòng này và dòng trên; đặt trong ngoặc kép giá trị có `: ` hoặc bắt đầu bằng ký tự đặc biệt",
        ));
    }
    diag
}

/// Reports every key that the shape does not know, with a suggestion, and removes it so that the rest can be read.
fn check_keys(
    value: &mut Value,
    shape: &Shape,
    path: &str,
    positions: &Positions,
    diags: &mut Vec<Diagnostic>,
) {
    match (shape, value) {
        (Shape::Map(entries), Value::Mapping(map)) => {
            let known: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
            let mut unknown = vec![];
            for (key, child) in map.iter_mut() {
                let name = key_name(key);
                let child_path = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                match entries.iter().find(|(k, _)| *k == name) {
                    Some((_, child_shape)) => {
                        check_keys(child, child_shape, &child_path, positions, diags)
                    }
                    None => {
                        diags.push(unknown_key(&name, &known, path, &child_path, positions));
                        unknown.push(key.clone());
                    }
                }
            }
            for key in unknown {
                map.remove(&key);
            }
        }
        (Shape::List(item), Value::Sequence(items)) => {
            for (i, child) in items.iter_mut().enumerate() {
                check_keys(child, item, &format!("{path}[{i}]"), positions, diags);
            }
        }
        _ => {}
    }
}

fn key_name(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

fn unknown_key(
    name: &str,
    known: &[&str],
    parent: &str,
    path: &str,
    positions: &Positions,
) -> Diagnostic {
    let where_en = if parent.is_empty() {
        "the front matter".to_string()
    } else {
        format!("`{parent}`")
    };
    let where_vi = if parent.is_empty() {
        "phần khai báo".to_string()
    } else {
        format!("`{parent}`")
    };
    let diag = Diagnostic::error(
        "E0101",
        t(
            format!("unknown key `{name}` in {where_en}"),
            format!("khóa `{name}` không có trong {where_vi}"),
        ),
    )
    .at(positions.key(path))
    .label(t("unknown key", "khóa không hợp lệ"));
    if name.contains(' ') {
        return diag.hint(t(
            "inside `{ … }` a comma starts a new key: put a value that contains a comma in quotes, such as `role: \"Đảng ủy viên, phụ trách chi bộ\"`",
            "trong `{ … }` dấu phẩy mở đầu một khóa mới: đặt giá trị có dấu phẩy trong ngoặc kép, ví dụ `role: \"Đảng ủy viên, phụ trách chi bộ\"`",
        ));
    }
    match closest(name, known) {
        Some(best) => diag.hint(t(
            format!("did you mean `{best}`?"),
            format!("có phải ý bạn là `{best}`?"),
        )),
        None => diag.hint(t(
            format!("the keys allowed here are: {}", known.join(", ")),
            format!("các khóa hợp lệ ở đây: {}", known.join(", ")),
        )),
    }
}

/// Reads the typed front matter; a top-level key whose value has the wrong type is reported and left out, then
/// the rest is read again, so that every wrong value is reported in one run.
fn deserialize(mut value: Value, positions: &Positions, diags: &mut Vec<Diagnostic>) -> RawMinutes {
    for _ in 0..64 {
        match serde_path_to_error::deserialize::<_, RawMinutes>(value.clone()) {
            Ok(raw) => return raw,
            Err(err) => {
                let path = err.path().to_string();
                diags.push(wrong_value(&path, &err.inner().to_string(), positions));
                let top = path.split(['.', '[']).next().unwrap_or("").to_string();
                let removed = match &mut value {
                    Value::Mapping(map) => map.remove(top.as_str()).is_some(),
                    _ => false,
                };
                if !removed {
                    return RawMinutes::default();
                }
            }
        }
    }
    RawMinutes::default()
}

fn wrong_value(path: &str, message: &str, positions: &Positions) -> Diagnostic {
    let path = if path == "." { "" } else { path };
    let (en, vi) = crate::describe::expected(path);
    let diag = Diagnostic::error(
        "E0103",
        t(
            format!("wrong value for `{path}` ({message})"),
            format!("giá trị của `{path}` không hợp lệ ({message})"),
        ),
    )
    .at(positions.value(path));
    if message.starts_with("missing field") {
        let field = message.split('`').nth(1).unwrap_or("");
        let sub = if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        };
        let (fen, fvi) = crate::describe::expected(&sub);
        return diag
            .label(t(
                format!("`{field}` is missing here"),
                format!("thiếu `{field}` ở đây"),
            ))
            .hint(t(
                format!("add `{field}:` here: {fen}"),
                format!("thêm `{field}:` vào đây: {fvi}"),
            ));
    }
    diag.hint(t(
        format!("`{path}` takes {en}"),
        format!("`{path}` cần {vi}"),
    ))
}

/// Records the position of every key and value by its path, from the YAML parser's marked events.
struct Locator<'a> {
    yaml: &'a str,
    base: usize,
    /// Byte offset of each character: the parser's marks count characters, diagnostics need bytes.
    char_bytes: Vec<usize>,
    stack: Vec<Frame>,
    places: HashMap<String, Place>,
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, Range<usize>)>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

impl Locator<'_> {
    /// The path and key span of the value about to start, advancing the enclosing container.
    fn next_slot(&mut self) -> Option<(String, Option<Range<usize>>)> {
        match self.stack.last_mut()? {
            Frame::Map { path, key } => {
                let (name, span) = key.take()?;
                let child = if path.is_empty() {
                    name
                } else {
                    format!("{path}.{name}")
                };
                Some((child, Some(span)))
            }
            Frame::Seq { path, index } => {
                let child = format!("{path}[{index}]");
                *index += 1;
                Some((child, None))
            }
        }
    }

    /// Whether the next scalar is a mapping key rather than a value.
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn byte(&self, mark: Marker) -> usize {
        self.char_bytes
            .get(mark.index())
            .copied()
            .unwrap_or(self.yaml.len())
    }

    fn scalar_span(&self, mark: Marker, value: &str) -> Range<usize> {
        let start = self.byte(mark);
        let rest = &self.yaml[start..];
        let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let len = if !value.is_empty() && rest.starts_with(value) {
            value.len()
        } else if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
            rest[1..line_end].find(quote).map_or(line_end, |i| i + 2)
        } else {
            rest[..line_end]
                .split(" #")
                .next()
                .unwrap_or("")
                .trim_end()
                .len()
        };
        self.base + start..self.base + start + len.max(1)
    }
}

impl MarkedEventReceiver for Locator<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let byte = self.byte(mark);
        let at = self.base + byte..self.base + byte + 1;
        match event {
            Event::Scalar(value, ..) => {
                let span = self.scalar_span(mark, &value);
                if self.expects_key() {
                    if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                        *key = Some((value, span));
                    }
                } else if let Some((path, key)) = self.next_slot() {
                    self.places.insert(path, Place { key, value: span });
                }
            }
            Event::Alias(_) => {
                if self.expects_key() {
                    if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                        *key = Some(("*".into(), at));
                    }
                } else if let Some((path, key)) = self.next_slot() {
                    self.places.insert(path, Place { key, value: at });
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let path = match self.next_slot() {
                    Some((path, key)) => {
                        self.places.insert(path.clone(), Place { key, value: at });
                        path
                    }
                    None => String::new(),
                };
                self.stack.push(if is_map {
                    Frame::Map { path, key: None }
                } else {
                    Frame::Seq { path, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

fn locate(yaml: &str, base: usize) -> HashMap<String, Place> {
    let char_bytes = yaml
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(yaml.len()))
        .collect();
    let mut locator = Locator {
        yaml,
        base,
        char_bytes,
        stack: vec![],
        places: HashMap::new(),
    };
    // serde_yaml has already accepted this YAML; a failure here only loses positions, never data.
    let _ = Parser::new_from_str(yaml).load(&mut locator, false);
    locator.places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_offsets_and_accepts_crlf() {
        let text = "---\r\ndate: 2023-08-30\r\n---\r\nBody\r\n";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, "date: 2023-08-30\r\n");
        assert_eq!(split.yaml_start, 5);
        assert_eq!(split.body, "Body\r\n");
        assert_eq!(&text[split.body_start..], "Body\r\n");
    }

    #[test]
    fn split_reports_missing_and_unterminated_front_matter() {
        assert_eq!(split("# Title\n").unwrap_err().code, "E0001");
        assert_eq!(split("").unwrap_err().code, "E0001");
        assert_eq!(split("---\ndate: 2023-08-30\n").unwrap_err().code, "E0002");
        let only = split("---\ndate: 2023-08-30\n---").unwrap();
        assert_eq!(only.body, "");
    }

    #[test]
    fn positions_point_into_the_file() {
        let text = "---\nmembers:\n  total: 55\n  present: 53\n  absent:\n    - { name: Đức, reason: ốm }\n    - { name: Ân }\n---\n";
        let split = split(text).unwrap();
        let parsed = parse(text, &split);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let total = parsed.positions.value("members.total");
        assert_eq!(&text[total], "55");
        let name = parsed.positions.value("members.absent[0].name");
        assert_eq!(&text[name], "Đức");
        assert_eq!(
            &text[parsed.positions.value("members.absent[1].name")],
            "Ân"
        );
        let reason = parsed.positions.key("members.absent[0].reason");
        assert_eq!(&text[reason], "reason");
    }

    #[test]
    fn every_unknown_key_and_wrong_value_is_reported() {
        let text = "---\nsecretry: { name: A, role: B }\nmembers:\n  totl: 5\n  present: many\nnumber: -3\n---\n";
        let split = split(text).unwrap();
        let parsed = parse(text, &split);
        let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["E0101", "E0101", "E0103", "E0103"],
            "{:#?}",
            parsed.diagnostics
        );
        assert!(parsed.diagnostics[0].hints[0].en.contains("`secretary`"));
        assert_eq!(&text[parsed.diagnostics[1].span.clone().unwrap()], "totl");
    }

    #[test]
    fn yaml_syntax_errors_are_located_in_the_file() {
        let text = "---\ndate: 2023-08-30\nplace: [unclosed\n---\n";
        let split = split(text).unwrap();
        let parsed = parse(text, &split);
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.diagnostics[0].code, "E0003");
        assert!(parsed.diagnostics[0].span.clone().unwrap().start >= split.yaml_start);
    }
}

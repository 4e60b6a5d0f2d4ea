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
    /// Required keys that are absent but were probably misspelt (an unknown key was reported suggesting them),
    /// so that the same mistake is not also reported as a missing key.
    misspelt: Vec<String>,
    /// The YAML could not be read at all (E0003): the rules have nothing to check, and every key would be
    /// reported missing.
    pub unreadable: bool,
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

    /// Whether an unknown key was reported with `path` as its suggestion (so it need not be reported missing).
    pub fn misspelt(&self, path: &str) -> bool {
        self.misspelt.iter().any(|p| p == path)
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
    let value: Value = match serde_yaml::from_str::<Lenient>(split.yaml) {
        Ok(Lenient(Value::Null)) => Value::Mapping(Default::default()),
        Ok(Lenient(value)) => value,
        Err(err) => {
            parsed.diagnostics.push(yaml_error(&err, text, split));
            parsed.positions.unreadable = true;
            return parsed;
        }
    };
    let Value::Mapping(_) = value else {
        parsed.positions.unreadable = true;
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
    let (places, duplicates) = locate(split.yaml, split.yaml_start);
    parsed.positions.places = places;
    parsed
        .diagnostics
        .extend(duplicates.iter().map(|d| duplicate_key(d, text)));
    let mut value = value;
    let mut misspelt = vec![];
    check_keys(
        &mut value,
        &FRONT_MATTER,
        "",
        &parsed.positions,
        &mut parsed.diagnostics,
        &mut misspelt,
    );
    parsed.positions.misspelt = misspelt;
    parsed.raw = deserialize(value, text, &parsed.positions, &mut parsed.diagnostics);
    parsed
}

fn first_line_len(s: &str) -> usize {
    s.lines().next().map_or(0, str::len)
}

/// What a YAML parser message means for a clerk (English, Vietnamese), for the messages a clerk can cause.
fn explain_yaml(message: &str) -> Option<(&'static str, &'static str)> {
    let table: [(&str, &str, &str); 8] = [
        (
            "mapping values are not allowed",
            "a `:` where YAML does not expect one: either this line is indented differently from the line above, or the value itself contains `: ` and must be put in quotes",
            "có dấu `:` ở chỗ YAML không chờ đợi: hoặc dòng này thụt lề khác dòng trên, hoặc giá trị có chứa `: ` và phải đặt trong ngoặc kép",
        ),
        (
            "did not find expected key",
            "this line is not indented like the fields around it",
            "dòng này thụt lề không giống các trường xung quanh",
        ),
        (
            "block sequence entries are not allowed",
            "a list item `- ` where a value was expected on the same line",
            "có mục danh sách `- ` ở chỗ cần một giá trị trên cùng dòng",
        ),
        (
            "found character that cannot start any token",
            "a character that cannot start a YAML value here (a tab, `@` or a backtick)",
            "có ký tự không được đứng đầu giá trị YAML (phím Tab, `@` hoặc dấu `)",
        ),
        (
            "did not find expected ',' or ']'",
            "a list in `[ … ]` is not closed",
            "danh sách trong `[ … ]` chưa được đóng",
        ),
        (
            "did not find expected ',' or '}'",
            "a group in `{ … }` is not closed",
            "nhóm trong `{ … }` chưa được đóng",
        ),
        (
            "found unexpected end of stream",
            "a quote or a bracket is opened and never closed",
            "có dấu ngoặc kép hoặc dấu ngoặc được mở mà không đóng",
        ),
        (
            "could not find expected ':'",
            "a line without `:` between a key and its value",
            "có dòng thiếu dấu `:` giữa khóa và giá trị",
        ),
    ];
    table
        .iter()
        .find(|(needle, _, _)| message.contains(needle))
        .map(|(_, en, vi)| (*en, *vi))
}

fn yaml_error(err: &serde_yaml::Error, text: &str, split: &Split<'_>) -> Diagnostic {
    let offset = err
        .location()
        .map_or(split.yaml_start, |loc| split.yaml_start + loc.index());
    let offset = crate::source::floor_char_boundary(text, offset);
    let width = text[offset..].chars().next().map_or(1, char::len_utf8);
    let message = err.to_string();
    // serde_yaml appends " at line L column C" relative to the YAML block; the diagnostic has the file's own.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let (en, vi) = match explain_yaml(&message) {
        Some((en, vi)) => (en.to_string(), vi.to_string()),
        None => (message.clone(), message.clone()),
    };
    let mut diag = Diagnostic::error(
        "E0003",
        t(
            format!("the front matter is not valid YAML: {en}"),
            format!("phần khai báo không phải YAML hợp lệ: {vi}"),
        ),
    )
    .at(offset..offset + width)
    .label(t(
        format!("YAML stopped here ({message})"),
        format!("YAML dừng ở đây ({message})"),
    ));
    if message.contains("tab") || split.yaml.contains('\t') {
        diag = diag.hint(t(
            "indent with spaces: YAML does not allow tabs for indentation",
            "thụt lề bằng dấu cách: YAML không cho phép dùng phím Tab để thụt lề",
        ));
    }
    diag.hint(t(
        "check the indentation and the `key: value` form of this line and the one above (fields under a key are indented by two spaces); put in quotes a value that contains `: ` or starts with a special character",
        "kiểm tra thụt lề và dạng `khóa: giá trị` của dòng này và dòng trên (các trường con thụt vào hai dấu cách); đặt trong ngoặc kép giá trị có `: ` hoặc bắt đầu bằng ký tự đặc biệt",
    ))
}

/// Reports every key that the shape does not know, with a suggestion, and removes it so that the rest can be read.
fn check_keys(
    value: &mut Value,
    shape: &Shape,
    path: &str,
    positions: &Positions,
    diags: &mut Vec<Diagnostic>,
    misspelt: &mut Vec<String>,
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
                        check_keys(child, child_shape, &child_path, positions, diags, misspelt)
                    }
                    None => {
                        diags.push(unknown_key(&name, &known, path, &child_path, positions));
                        if let Some(best) = closest(&name, &known) {
                            misspelt.push(join(path, best));
                        }
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
                check_keys(
                    child,
                    item,
                    &format!("{path}[{i}]"),
                    positions,
                    diags,
                    misspelt,
                );
            }
        }
        _ => {}
    }
}

/// `parent.child`, or `child` at the top level.
fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
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

/// Reads the typed front matter. Each wrong value is reported and removed, then the rest is read again, so that
/// every wrong value is reported in one run; a value that cannot be removed on its own takes its top-level key
/// with it (which then counts as present, so it is not also reported missing).
fn deserialize(
    mut value: Value,
    text: &str,
    positions: &Positions,
    diags: &mut Vec<Diagnostic>,
) -> RawMinutes {
    let mut reported: Vec<String> = vec![];
    for _ in 0..256 {
        let err = match serde_path_to_error::deserialize::<_, RawMinutes>(value.clone()) {
            Ok(raw) => return raw,
            Err(err) => err,
        };
        let path = err.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let message = err.inner().to_string();
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next());
        let culprit = match missing {
            Some(field) => join(&path, field),
            None => path.clone(),
        };
        let already = reported.iter().any(|r| culprit.starts_with(r.as_str()))
            || positions.misspelt(&culprit);
        if !already {
            diags.push(match missing {
                Some(field) => missing_field(&path, field, positions),
                None => wrong_value(&path, &message, text, positions),
            });
            reported.push(culprit.clone());
        }
        let removed = !already && missing.is_none() && remove_at(&mut value, &path);
        if !removed {
            let top = culprit.split(['.', '[']).next().unwrap_or("").to_string();
            let gone = match &mut value {
                Value::Mapping(map) => map.remove(top.as_str()).is_some(),
                _ => false,
            };
            if !gone {
                return RawMinutes::default();
            }
        }
    }
    RawMinutes::default()
}

/// Removes the value at a serde path such as `votes[0].for`; false if there is none.
fn remove_at(value: &mut Value, path: &str) -> bool {
    let mut steps: Vec<&str> = path.split(['.', '[']).filter(|s| !s.is_empty()).collect();
    let Some(last) = steps.pop() else {
        return false;
    };
    let mut here = value;
    for step in steps {
        let next = match (step.strip_suffix(']'), here) {
            (Some(i), Value::Sequence(items)) => {
                i.parse().ok().and_then(|i: usize| items.get_mut(i))
            }
            (None, Value::Mapping(map)) => map.get_mut(step),
            _ => None,
        };
        match next {
            Some(next) => here = next,
            None => return false,
        }
    }
    match (last.strip_suffix(']'), here) {
        // Removing a list item would shift the positions of the next ones: only whole keys are removed.
        (None, Value::Mapping(map)) => map.remove(last).is_some(),
        _ => false,
    }
}

/// A required key inside a mapping is missing: point at the mapping's key and say what to add.
fn missing_field(parent: &str, field: &str, positions: &Positions) -> Diagnostic {
    let path = join(parent, field);
    let (en, vi) = crate::describe::expected(&path);
    let (where_en, where_vi) = if parent.is_empty() {
        ("the front matter".to_string(), "phần khai báo".to_string())
    } else {
        (format!("`{parent}`"), format!("`{parent}`"))
    };
    Diagnostic::error(
        "E0102",
        t(
            format!("required key `{path}` is missing"),
            format!("thiếu khóa bắt buộc `{path}`"),
        ),
    )
    .at(if parent.is_empty() {
        positions.block.clone()
    } else {
        positions.key(parent)
    })
    .label(t(
        format!("`{field}` is missing in {where_en}"),
        format!("{where_vi} thiếu `{field}`"),
    ))
    .hint(t(
        format!("add `{field}:` to {where_en}, with {en}"),
        format!("thêm `{field}:` vào {where_vi}, với {vi}"),
    ))
}

/// What serde found, in a clerk's words, from the start of its message (`invalid type: string "x", …`).
fn found_kind(message: &str) -> Option<(&'static str, &'static str)> {
    let found = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    Some(if found.starts_with("map") {
        ("indented fields", "các dòng thụt lề")
    } else if found.starts_with("sequence") {
        ("a list", "một danh sách")
    } else if found.starts_with("string") {
        ("text", "chữ")
    } else if found.starts_with("integer `-") {
        ("a negative number", "một số âm")
    } else if found.starts_with("integer") || found.starts_with("floating") {
        ("a number", "một số")
    } else if found.starts_with("boolean") {
        ("yes/no", "có/không (true/false)")
    } else if found.starts_with("unit") || found.starts_with("null") {
        ("nothing", "để trống")
    } else {
        return None;
    })
}

fn wrong_value(path: &str, message: &str, text: &str, positions: &Positions) -> Diagnostic {
    let (en, vi) = crate::describe::expected(path);
    let span = positions.value(path);
    let written = text.get(span.clone()).unwrap_or("").trim();
    let is_scalar = written.chars().count() > 1 || written.chars().all(char::is_alphanumeric);
    let (found_en, found_vi) = match (is_scalar && !written.is_empty(), found_kind(message)) {
        (true, _) => (format!("`{written}`"), format!("`{written}`")),
        (false, Some((en, vi))) => (en.to_string(), vi.to_string()),
        (false, None) => (message.to_string(), message.to_string()),
    };
    let diag = Diagnostic::error(
        "E0103",
        t(
            format!("wrong value for `{path}`: {found_en}"),
            format!("giá trị của `{path}` không hợp lệ: {found_vi}"),
        ),
    )
    .at(span);
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let choices: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let word = rest.split('`').next().unwrap_or("");
        if let Some(best) = closest(word, &choices) {
            return diag
                .label(t(format!("expected {en}"), format!("cần {vi}")))
                .hint(t(
                    format!("did you mean `{best}`?"),
                    format!("có phải ý bạn là `{best}`?"),
                ));
        }
    }
    diag.label(t("wrong value", "giá trị sai")).hint(t(
        format!("replace it with {en}"),
        format!("thay bằng {vi}"),
    ))
}

/// A YAML value read like serde_yaml's own, except that a repeated key keeps its first value instead of failing
/// the whole front matter: the repetition is reported on its own (E0005) and everything else is still checked.
struct Lenient(Value);

impl<'de> serde::Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor).map(Lenient)
    }
}

struct LenientVisitor;

impl<'de> serde::de::Visitor<'de> for LenientVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        serde::Deserialize::deserialize(d).map(|Lenient(v)| v)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = vec![];
        while let Some(Lenient(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_yaml::Mapping::new();
        while let Some((Lenient(key), Lenient(value))) = map.next_entry()? {
            if !out.contains_key(&key) {
                out.insert(key, value);
            }
        }
        Ok(Value::Mapping(out))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A `!tag value`: the tag means nothing in a minutes file, the value is kept.
        use serde::de::VariantAccess;
        let (_, variant): (Lenient, _) = data.variant()?;
        variant.newtype_variant::<Lenient>().map(|Lenient(v)| v)
    }
}

/// A key written twice in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Duplicate {
    path: String,
    first: Range<usize>,
    again: Range<usize>,
}

fn duplicate_key(dup: &Duplicate, text: &str) -> Diagnostic {
    let line = text[..dup.first.start.min(text.len())]
        .matches('\n')
        .count()
        + 1;
    let key = dup.path.rsplit('.').next().unwrap_or(&dup.path);
    Diagnostic::error(
        "E0005",
        t(
            format!("`{}` is written twice (first on line {line})", dup.path),
            format!("`{}` được viết hai lần (lần đầu ở dòng {line})", dup.path),
        ),
    )
    .at(dup.again.clone())
    .label(t("written again here", "viết lại ở đây"))
    .hint(t(
        format!("keep one `{key}:` line: delete this one or the one on line {line} (the first one is used until then)"),
        format!("chỉ giữ một dòng `{key}:`: xóa dòng này hoặc dòng {line} (đến khi sửa, giá trị đầu tiên được dùng)"),
    ))
}

/// Records the position of every key and value by its path, from the YAML parser's marked events.
struct Locator<'a> {
    yaml: &'a str,
    base: usize,
    /// Byte offset at which each line of the YAML starts. The parser's marks are turned into bytes from their
    /// line and column, not their index: yaml-rust2 0.13 counts the index in characters on most lines but in
    /// bytes on the lines of a block scalar (`>-`, `|`), so after one Vietnamese block scalar every index
    /// drifts; lines are always counted right, and columns are characters on every line a token starts on.
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    places: HashMap<String, Place>,
    duplicates: Vec<Duplicate>,
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, Range<usize>)>,
        /// The keys read so far, to find one written twice.
        seen: Vec<(String, Range<usize>)>,
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
            Frame::Map { path, key, .. } => {
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
        let Some(&start) = self.line_starts.get(mark.line().saturating_sub(1)) else {
            return self.yaml.len();
        };
        let line = &self.yaml[start..];
        start
            + line
                .char_indices()
                .nth(mark.col())
                .map_or(line.len(), |(i, _)| i)
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
                    if let Some(Frame::Map { key, seen, path }) = self.stack.last_mut() {
                        match seen.iter().find(|(name, _)| *name == value) {
                            Some((_, first)) => self.duplicates.push(Duplicate {
                                path: join(path, &value),
                                first: first.clone(),
                                again: span.clone(),
                            }),
                            None => seen.push((value.clone(), span.clone())),
                        }
                        *key = Some((value, span));
                    }
                } else if let Some((path, key)) = self.next_slot() {
                    // A repeated key keeps its first value (see `Lenient`), so its first position too.
                    self.places
                        .entry(path)
                        .or_insert(Place { key, value: span });
                }
            }
            Event::Alias(_) => {
                if self.expects_key() {
                    if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                        *key = Some(("*".into(), at));
                    }
                } else if let Some((path, key)) = self.next_slot() {
                    self.places.entry(path).or_insert(Place { key, value: at });
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let path = match self.next_slot() {
                    Some((path, key)) => {
                        self.places
                            .entry(path.clone())
                            .or_insert(Place { key, value: at });
                        path
                    }
                    None => String::new(),
                };
                self.stack.push(if is_map {
                    Frame::Map {
                        path,
                        key: None,
                        seen: vec![],
                    }
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

/// The position of every key and value, and every key written twice.
fn locate(yaml: &str, base: usize) -> (HashMap<String, Place>, Vec<Duplicate>) {
    let line_starts = std::iter::once(0)
        .chain(yaml.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut locator = Locator {
        yaml,
        base,
        line_starts,
        stack: vec![],
        places: HashMap::new(),
        duplicates: vec![],
    };
    // serde_yaml has already accepted this YAML; a failure here only loses positions, never data.
    let _ = Parser::new_from_str(yaml).load(&mut locator, false);
    (locator.places, locator.duplicates)
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
    fn positions_survive_block_scalars_with_vietnamese() {
        // yaml-rust2 counts a block scalar's characters as bytes: positions must come from lines, not indexes.
        let text = "---\nmeeting:\n  title: >-\n    Nâng cao hiệu lực hiệu quả công tác kiểm tra\nmembers:\n  total: 55\n  present: 36\n---\n";
        let split = split(text).unwrap();
        let parsed = parse(text, &split);
        assert_eq!(&text[parsed.positions.value("members.present")], "36");
        assert_eq!(&text[parsed.positions.key("members.total")], "total");
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

    #[test]
    fn a_repeated_key_is_reported_and_the_rest_still_checked() {
        let text = "---\ndate: 2023-08-30\nvenue: A\ndate: 2023-08-31\nnumbr: 5\n---\n";
        let split = split(text).unwrap();
        let parsed = parse(text, &split);
        let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["E0005", "E0101"], "{:#?}", parsed.diagnostics);
        let again = parsed.diagnostics[0].span.clone().unwrap();
        assert_eq!(&text[again.clone()], "date");
        assert!(again.start > text.find("venue").unwrap());
        assert!(parsed.diagnostics[0].message.en.contains("line 2"));
        assert_eq!(parsed.raw.date.as_deref(), Some("2023-08-30"));
        assert_eq!(&text[parsed.positions.value("date")], "2023-08-30");
    }

    #[test]
    fn two_wrong_values_in_one_block_are_both_reported() {
        let text = "---\nmembers:\n  total: x\n  present: -1\nvotes:\n  - { subject: A, for: y, against: 0, abstain: 0 }\n---\n";
        let split = split(text).unwrap();
        let parsed = parse(text, &split);
        let found: Vec<_> = parsed
            .diagnostics
            .iter()
            .map(|d| (d.code, &text[d.span.clone().unwrap()]))
            .collect();
        assert_eq!(
            found,
            [("E0103", "x"), ("E0103", "-1"), ("E0103", "y")],
            "{:#?}",
            parsed.diagnostics
        );
    }
}

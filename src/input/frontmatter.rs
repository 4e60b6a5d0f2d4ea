//! Reading the front matter's YAML into [`RawMinutes`], with the byte position of every key and value (see
//! [`crate::input::positions`]), so that each problem is reported at the file's own line and column: syntax
//! errors, unknown and duplicate keys, wrong types. This is the only module that touches serde_yaml.

use serde_yaml::Value;

use crate::diag::suggest::closest;
use crate::diag::{Code, Diagnostic, Fix, t};
use crate::input::describe::{example, expected, human};
use crate::input::keys::{FRONT_MATTER, Kind, Path};
use crate::input::model::RawMinutes;
use crate::input::positions::{Duplicate, join, locate};
pub use crate::input::positions::{Place, Positions};
pub use crate::input::split::{Split, split};

/// The front matter read as far as it could be: the typed data, positions, and every problem found.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The typed front matter; keys with problems are left out (None).
    pub raw: RawMinutes,
    /// Positions of keys and values.
    pub positions: Positions,
    /// Syntax errors, unknown keys, wrong types.
    pub diagnostics: Vec<Diagnostic>,
    /// The paths of the values taken from `bienban.toml`'s `[defaults]` (placed at the closing fence).
    pub from_defaults: Vec<String>,
}

/// Reads the YAML of `split` (taken from `text`) into [`RawMinutes`], collecting every problem.
pub fn parse(text: &str, split: &Split<'_>) -> Parsed {
    parse_with(text, split, None)
}

/// The span where values from `bienban.toml` are placed: the front matter's closing fence.
pub fn defaults_marker(split: &Split<'_>) -> std::ops::Range<usize> {
    let at = split.yaml_start + split.yaml.len();
    at..at + 3
}

/// Like [`parse`], with `defaults` (from `bienban.toml`) merged under the file's own keys before they are
/// checked; a value taken from them is placed at [`defaults_marker`].
pub fn parse_with(text: &str, split: &Split<'_>, defaults: Option<&serde_yaml::Mapping>) -> Parsed {
    let block = 0..3;
    let mut parsed = Parsed {
        positions: Positions {
            block: block.clone(),
            ..Default::default()
        },
        ..Default::default()
    };
    if let Some(diag) = control_character(split) {
        parsed.diagnostics.push(diag);
        parsed.positions.unreadable = true;
        return parsed;
    }
    // Positions first: the same pass counts what aliases expand to, before serde builds anything.
    let located = locate(split.yaml, split.yaml_start);
    if let Some(at) = located.over_budget {
        parsed.diagnostics.push(too_large_expanded(at));
        parsed.positions.unreadable = true;
        return parsed;
    }
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
            Diagnostic::new(
                Code::InvalidYaml,
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
    parsed.positions.places = located.places;
    let mut value = value;
    if let (Some(defaults), Value::Mapping(own)) = (defaults, &mut value) {
        merge_defaults(own, defaults, split, &mut parsed);
    }
    parsed
        .diagnostics
        .extend(located.duplicates.iter().map(|d| duplicate_key(d, text)));
    let mut misspelt = vec![];
    check_keys(
        &mut value,
        Kind::Map(FRONT_MATTER),
        "",
        &parsed.positions,
        &mut parsed.diagnostics,
        &mut misspelt,
    );
    parsed.positions.misspelt = misspelt;
    parsed.positions.blank =
        crate::input::values::check(&mut value, &parsed.positions, &mut parsed.diagnostics);
    parsed.raw = deserialize(value, text, &parsed.positions, &mut parsed.diagnostics);
    parsed
}

/// Merges `defaults` under the file's own mapping, placing each added value at [`defaults_marker`].
fn merge_defaults(
    own: &mut serde_yaml::Mapping,
    defaults: &serde_yaml::Mapping,
    split: &Split<'_>,
    parsed: &mut Parsed,
) {
    let marker = defaults_marker(split);
    let added = crate::input::project::merge(own, defaults);
    for path in &added {
        let place = Place {
            key: Some(marker.clone()),
            value: marker.clone(),
        };
        parsed.positions.places.insert(path.clone(), place);
    }
    parsed.from_defaults = added;
}

/// A character YAML does not allow anywhere (C0 and C1 controls other than tab, line feed, carriage return
/// and NEL; DEL; U+FFFE, U+FFFF), reported at its own line and column; serde_yaml would only give a character
/// count from the start of the block.
fn control_character(split: &Split<'_>) -> Option<Diagnostic> {
    let (at, c) = split.yaml.char_indices().find(|&(_, c)| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    })?;
    let at = split.yaml_start + at;
    Some(
        Diagnostic::new(Code::InvalidYaml,
            t(
                format!(
                    "the front matter is not valid YAML: an invisible control character (U+{:04X}) that YAML does not allow",
                    c as u32
                ),
                format!(
                    "phần khai báo không phải YAML hợp lệ: có ký tự điều khiển vô hình (U+{:04X}) mà YAML không cho phép",
                    c as u32
                ),
            ),
        )
        .at(at..at + c.len_utf8())
        .label(t("control character here", "ký tự điều khiển ở đây"))
        .hint(t(
            "delete it (it usually comes with text pasted from another program) and type the text around it again",
            "xóa ký tự này (thường lẫn vào khi dán văn bản từ chương trình khác) rồi gõ lại phần chữ quanh nó",
        )),
    )
}

/// E0007: aliases (`*name`) make the front matter expand past [`crate::input::positions::MAX_EXPANDED_BYTES`].
fn too_large_expanded(at: std::ops::Range<usize>) -> Diagnostic {
    let mib = crate::input::positions::MAX_EXPANDED_BYTES / (1024 * 1024);
    Diagnostic::new(Code::AliasesTooLarge,
        t(
            format!("the front matter's aliases (`*name`) expand to more than {mib} MiB"),
            format!("các bí danh (`*tên`) làm phần khai báo nở ra quá {mib} MiB"),
        ),
    )
    .at(at)
    .label(t(
        format!("past the limit of {mib} MiB here"),
        format!("vượt giới hạn {mib} MiB ở đây"),
    ))
    .hint(t(
        "write each value out where it is used instead of repeating an anchor (`&name`) through aliases",
        "ghi thẳng giá trị ở nơi dùng thay vì lặp lại một neo (`&tên`) qua các bí danh",
    ))
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
            "this character cannot start a YAML value (a tab, an @ or a backtick): put the value in quotes",
            "ký tự này không được đứng đầu một giá trị YAML (dấu Tab, dấu @ hoặc dấu nháy ngược): hãy đặt giá trị trong ngoặc kép",
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

/// What the clerk most likely did, seen from the text where YAML stopped (the parser's own words fit a
/// programmer): a tab in the indentation, text after a closing quote, a `:` inside `{ … }`.
fn explain_at(
    message: &str,
    line_before: &str,
    here: Option<char>,
) -> Option<(&'static str, &'static str)> {
    let indent: &str = &line_before[..line_before.len() - line_before.trim_start().len()];
    if here == Some('\t') || indent.contains('\t') {
        return Some((
            "this line is indented with a tab, and YAML allows spaces only",
            "dòng này thụt lề bằng phím Tab, mà YAML chỉ cho phép dấu cách",
        ));
    }
    let before = line_before.trim_end();
    let after_quote = (before.ends_with('"') || before.ends_with('\''))
        && (before.contains(": \"") || before.contains(": '") || before.starts_with("- "));
    if after_quote && here.is_some_and(|c| !c.is_whitespace()) {
        return Some((
            "there is text after the closing quote of a value",
            "có chữ sau dấu ngoặc kép đóng của một giá trị",
        ));
    }
    if message.contains("did not find expected ',' or '}'") && here == Some(':') {
        return Some((
            "a `:` inside `{ … }` belongs to a value, but YAML reads it as a new key",
            "dấu `:` trong `{ … }` thuộc về giá trị nhưng YAML hiểu là một khóa mới",
        ));
    }
    None
}

/// The hint for what [`explain_at`] found.
fn fix_at(en: &str) -> Option<(&'static str, &'static str)> {
    Some(if en.contains("tab") {
        (
            "indent with spaces: replace each tab at the start of the line with two spaces",
            "thụt lề bằng dấu cách: thay mỗi dấu Tab ở đầu dòng bằng hai dấu cách",
        )
    } else if en.contains("closing quote") {
        (
            "put the whole value inside one pair of quotes, such as `venue: \"Nhà văn hóa thôn Đại Lợi\"`; a quote inside it is written `\\\"`",
            "đặt cả giá trị trong một cặp ngoặc kép, ví dụ `venue: \"Nhà văn hóa thôn Đại Lợi\"`; dấu ngoặc kép bên trong viết là `\\\"`",
        )
    } else if en.contains("inside `{") {
        (
            "put that value in quotes, such as `{ name: \"Lê Văn Hùng\", role: \"Bí thư: Chi bộ\" }`",
            "đặt giá trị đó trong ngoặc kép, ví dụ `{ name: \"Lê Văn Hùng\", role: \"Bí thư: Chi bộ\" }`",
        )
    } else {
        return None;
    })
}

fn yaml_error(err: &serde_yaml::Error, text: &str, split: &Split<'_>) -> Diagnostic {
    let offset = err
        .location()
        .map_or(split.yaml_start, |loc| split.yaml_start + loc.index());
    let offset = crate::diag::source::floor_char_boundary(text, offset);
    let here = text[offset..].chars().next();
    let width = here.map_or(1, char::len_utf8);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let message = err.to_string();
    // serde_yaml appends " at line L column C" relative to the YAML block; the diagnostic has the file's own.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let found = explain_at(&message, &text[line_start..offset], here);
    let (en, vi) = match found.or_else(|| explain_yaml(&message)) {
        Some((en, vi)) => (en.to_string(), vi.to_string()),
        None => (message.clone(), message.clone()),
    };
    let mut diag = Diagnostic::new(
        Code::InvalidYaml,
        t(
            format!("the front matter is not valid YAML: {en}"),
            format!("phần khai báo không phải YAML hợp lệ: {vi}"),
        ),
    )
    .at(offset..offset + width)
    // The parser's own words are English and for programmers: the Vietnamese label leaves them out.
    .label(t(
        format!("YAML stopped here ({message})"),
        "YAML dừng ở đây",
    ));
    if let Some((fix_en, fix_vi)) = found.and_then(|(en, _)| fix_at(en)) {
        return diag.hint(t(fix_en, fix_vi));
    }
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

/// Reports every key that the tree does not know where it stands, with a suggestion, and removes it so that
/// the rest can be read.
fn check_keys(
    value: &mut Value,
    kind: Kind,
    path: &str,
    positions: &Positions,
    diags: &mut Vec<Diagnostic>,
    misspelt: &mut Vec<String>,
) {
    match value {
        Value::Mapping(map) => {
            let Some(node) = mapping_of(kind) else { return };
            let known = node.names();
            let mut unknown = vec![];
            for (key, child) in map.iter_mut() {
                let name = key_name(key);
                let child_path = join(path, &name);
                match node.key(&name) {
                    Some(found) => {
                        check_keys(child, found.kind, &child_path, positions, diags, misspelt)
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
        Value::Sequence(items) => {
            let Some(item) = list_of(kind) else { return };
            for (i, child) in items.iter_mut().enumerate() {
                let item_path = format!("{path}[{i}]");
                check_keys(child, item, &item_path, positions, diags, misspelt);
            }
        }
        _ => {}
    }
}

/// The mapping a value of `kind` is, when it is one (or may be one).
fn mapping_of(kind: Kind) -> Option<&'static crate::input::keys::Node> {
    match kind {
        Kind::Map(node) => Some(node),
        Kind::Either(kinds) => kinds.iter().find_map(|k| mapping_of(*k)),
        _ => None,
    }
}

/// The kind of an item, when a value of `kind` is a list (or may be one).
fn list_of(kind: Kind) -> Option<Kind> {
    match kind {
        Kind::List(item) => Some(*item),
        Kind::Either(kinds) => kinds.iter().find_map(|k| list_of(*k)),
        _ => None,
    }
}

/// A path read from the YAML or from serde, resolved against the tree (every key on it is known by then).
fn resolved(path: &str) -> Option<Path> {
    Path::parse(path)
}

/// A path in a clerk's words; a path the tree does not have is shown as written.
fn human_at(path: &str) -> (String, String) {
    match resolved(path) {
        Some(path) => human(&path),
        None => (format!("`{path}`"), format!("`{path}`")),
    }
}

/// The expected form of the value at a path as written.
fn expected_at(path: &str) -> (String, String) {
    resolved(path).map_or_else(
        || ("text".to_string(), "một đoạn chữ".to_string()),
        |path| expected(&path),
    )
}

/// `parent.child`, or `child` at the top level.
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
    let (where_en, where_vi) = if parent.is_empty() {
        ("the front matter".to_string(), "phần khai báo".to_string())
    } else {
        human_at(parent)
    };
    let diag = Diagnostic::new(
        Code::UnknownKey,
        t(
            format!("unknown key `{name}` in {where_en}"),
            format!("khóa `{name}` không có trong {where_vi}"),
        ),
    )
    .at(positions.key_at(path))
    .label(t("unknown key", "khóa không hợp lệ"));
    if name.contains(' ') {
        return diag.hint(t(
            "inside `{ … }` a comma starts a new key: put a value that contains a comma in quotes, such as `role: \"Đảng ủy viên, phụ trách chi bộ\"`",
            "trong `{ … }` dấu phẩy mở đầu một khóa mới: đặt giá trị có dấu phẩy trong ngoặc kép, ví dụ `role: \"Đảng ủy viên, phụ trách chi bộ\"`",
        ));
    }
    match closest(name, known) {
        Some(best) => did_you_mean(diag, best),
        None => diag.hint(t(
            format!("the keys allowed here are: {}", known.join(", ")),
            format!("các khóa hợp lệ ở đây: {}", known.join(", ")),
        )),
    }
}

/// The hint "did you mean `best`?", and the fix that writes it.
fn did_you_mean(diag: Diagnostic, best: &str) -> Diagnostic {
    diag.hint(t(
        format!("did you mean `{best}`?"),
        format!("có phải ý bạn là `{best}`?"),
    ))
    .fix(Fix::Replace {
        with: best.to_string(),
        title: t(
            format!("Correct to `{best}`"),
            format!("Sửa thành `{best}`"),
        ),
    })
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
            || positions.misspelt_at(&culprit)
            || positions.blank_at(&culprit);
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
    let (en, vi) = expected_at(&path);
    let (where_en, where_vi) = if parent.is_empty() {
        ("the front matter".to_string(), "phần khai báo".to_string())
    } else {
        human_at(parent)
    };
    let (message_en, message_vi) = if parent.contains('[') {
        let (in_en, in_vi) = human_at(parent);
        (
            format!("required key `{field}` is missing in {in_en}"),
            format!("thiếu khóa bắt buộc `{field}` trong {in_vi}"),
        )
    } else {
        (
            format!("required key `{path}` is missing"),
            format!("thiếu khóa bắt buộc `{path}`"),
        )
    };
    let diag = Diagnostic::new(Code::MissingKey, t(message_en, message_vi))
        .at(if parent.is_empty() {
            positions.block.clone()
        } else {
            positions.key_at(parent)
        })
        .label(t(
            format!("`{field}` is missing in {where_en}"),
            format!("{where_vi} thiếu `{field}`"),
        ))
        .hint(t(
            format!("add `{field}:` to {where_en}, with {en}"),
            format!("thêm `{field}:` vào {where_vi}, với {vi}"),
        ));
    match resolved(&path) {
        Some(key_path) => diag.fix(Fix::AddKey {
            parent: parent.to_string(),
            key: key_path.key().map_or("", |k| k.name),
            example: example(&key_path),
        }),
        None => diag,
    }
}

/// A count written with more digits than any count can have (`2^64`, or past 4 294 967 295): said as the
/// range of whole numbers allowed, not as serde's "u128".
fn too_large(path: &str, written: &str, name_en: &str, name_vi: &str) -> Option<Diagnostic> {
    let digits = !written.is_empty() && written.bytes().all(|b| b.is_ascii_digit());
    if !digits || written.parse::<u32>().is_ok() {
        return None;
    }
    let least = match resolved(path).map(|p| p.kind()) {
        Some(Kind::Count { min }) => min,
        _ => 0,
    };
    let max = u32::MAX;
    Some(
        Diagnostic::new(
            Code::WrongValue,
            t(
                format!("wrong value for {name_en}: `{written}` is too large"),
                format!("giá trị của {name_vi} không hợp lệ: `{written}` quá lớn"),
            ),
        )
        .label(t("too large", "quá lớn"))
        .hint(t(
            format!("write a whole number from {least} to {max}"),
            format!("ghi một số nguyên từ {least} đến {max}"),
        )),
    )
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
    let (en, vi) = expected_at(path);
    let (name_en, name_vi) = human_at(path);
    let span = positions.value_at(path);
    let written = text.get(span.clone()).unwrap_or("").trim();
    if let Some(diag) = too_large(path, written, &name_en, &name_vi) {
        return diag.at(span);
    }
    let is_scalar = written.chars().count() > 1 || written.chars().all(char::is_alphanumeric);
    let (found_en, found_vi) = match (is_scalar && !written.is_empty(), found_kind(message)) {
        (true, _) => (format!("`{written}`"), format!("`{written}`")),
        (false, Some((en, vi))) => (en.to_string(), vi.to_string()),
        (false, None) => (message.to_string(), message.to_string()),
    };
    let diag = Diagnostic::new(
        Code::WrongValue,
        t(
            format!("wrong value for {name_en}: {found_en}"),
            format!("giá trị của {name_vi} không hợp lệ: {found_vi}"),
        ),
    )
    .at(span);
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let choices: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let word = rest.split('`').next().unwrap_or("");
        if let Some(best) = closest(word, &choices) {
            let diag = diag.label(t(format!("expected {en}"), format!("cần {vi}")));
            return did_you_mean(diag, best);
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
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        // Too large for any count: kept as its digits, so that the count's check says what is allowed.
        Ok(Value::String(v.to_string()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
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

fn duplicate_key(dup: &Duplicate, text: &str) -> Diagnostic {
    let line = text[..dup.first.start.min(text.len())]
        .matches('\n')
        .count()
        + 1;
    let key = dup.path.rsplit('.').next().unwrap_or(&dup.path);
    let (name_en, name_vi) = human_at(&dup.path);
    Diagnostic::new(Code::DuplicateKey,
        t(
            format!("{name_en} is written twice (first on line {line})"),
            format!("{name_vi} được viết hai lần (lần đầu ở dòng {line})"),
        ),
    )
    .at(dup.again.clone())
    .label(t("written again here", "viết lại ở đây"))
    .hint(t(
        format!("keep one `{key}:` line: delete this one or the one on line {line} (the first one is used until then)"),
        format!("chỉ giữ một dòng `{key}:`: xóa dòng này hoặc dòng {line} (đến khi sửa, giá trị đầu tiên được dùng)"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::keys::keypath;

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
        assert_eq!(
            &text[parsed.positions.value(&keypath!(members.present))],
            "36"
        );
        assert_eq!(
            &text[parsed.positions.key(&keypath!(members.total))],
            "total"
        );
    }

    #[test]
    fn positions_point_into_the_file() {
        let text = "---\nmembers:\n  total: 55\n  present: 53\n  absent:\n    - { name: Đức, reason: ốm }\n    - { name: Ân }\n---\n";
        let split = split(text).unwrap();
        let parsed = parse(text, &split);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let total = parsed.positions.value(&keypath!(members.total));
        assert_eq!(&text[total], "55");
        let name = parsed.positions.value(&keypath!(members.absent[0].name));
        assert_eq!(&text[name], "Đức");
        assert_eq!(
            &text[parsed.positions.value(&keypath!(members.absent[1].name))],
            "Ân"
        );
        let reason = parsed.positions.key(&keypath!(members.absent[0].reason));
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
        assert_eq!(&text[parsed.positions.value(&keypath!(date))], "2023-08-30");
    }

    #[test]
    fn two_wrong_values_in_one_block_are_both_reported() {
        let text = "---\nmembers:\n  total: x\n  present: -1\nvotes:\n  - { subject: A, for: y, against: 0, abstain: 0 }\n---\n";
        let split = split(text).unwrap();
        let parsed = parse(text, &split);
        let found: Vec<_> = parsed
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), &text[d.span.clone().unwrap()]))
            .collect();
        assert_eq!(
            found,
            [("E0103", "x"), ("E0103", "-1"), ("E0103", "y")],
            "{:#?}",
            parsed.diagnostics
        );
    }
}

//! Checks of the front matter's values before serde reads them: a required key written with an empty value
//! (`date:`, `venue: ~`, `name: ""`, a blank list item) is as missing as no key (E0104), and a count written
//! with leading zeros (`number: 05`, as clerks type it from the printed number) is read as the number it means.
//! A value that is a placeholder of `bienban new` is set aside here, reported by [`placeholders`].

use serde_yaml::Value;

use crate::diag::{Diagnostic, t};
use crate::input::placeholders;
use crate::input::positions::Positions;

/// Keys that must hold a value when they are written, by pattern (`[]` stands for any list item). Optional
/// keys whose empty value would print as nothing (`signers.left`) are here too: to use the default, the line
/// is deleted, not emptied.
const REQUIRED: &[&str] = &[
    "organization",
    "organization.name",
    "date",
    "start",
    "end",
    "venue",
    "meeting",
    "meeting.kind",
    "meeting.title",
    "chair",
    "chair.name",
    "chair.role",
    "secretary",
    "secretary.name",
    "secretary.role",
    "members",
    "members.total",
    "members.present",
    "members.absent[]",
    "members.absent[].name",
    "guests[]",
    "guests[].name",
    "guests[].role",
    "speakers[]",
    "speakers[].name",
    "speakers[].remarks",
    "remedies[]",
    "remedies[].text",
    "votes[]",
    "votes[].subject",
    "votes[].for",
    "votes[].against",
    "votes[].abstain",
    "recipients[]",
    "signers.left",
    "signers.right",
];

/// Count fields, whose value may be written with leading zeros.
const COUNTS: &[&str] = &[
    "number",
    "members.total",
    "members.probationary",
    "members.exempt",
    "members.present",
    "votes[].for",
    "votes[].against",
    "votes[].abstain",
];

/// The required keys inside one list item, to fill a blank item with stand-ins (the file has an error already).
fn item_keys(pattern: &str) -> &'static [&'static str] {
    match pattern {
        "members.absent[]" => &["name"],
        "guests[]" => &["name", "role"],
        "speakers[]" => &["name", "remarks"],
        "remedies[]" => &["text"],
        "votes[]" => &["subject", "for", "against", "abstain"],
        _ => &[],
    }
}

/// Whether a value says nothing: null, or text of spaces only.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A stand-in of the right type for a blank value, so that serde reads the rest; never printed, because the
/// file has an error.
fn stand_in(pattern: &str) -> Value {
    let last = pattern.rsplit('.').next().unwrap_or(pattern);
    let keys = item_keys(pattern);
    if !keys.is_empty() {
        let mut map = serde_yaml::Mapping::new();
        for key in keys {
            map.insert(
                key.to_string().into(),
                stand_in(&format!("{pattern}.{key}")),
            );
        }
        return Value::Mapping(map);
    }
    match last {
        "for" | "against" | "abstain" | "total" | "present" => Value::Number(0.into()),
        "kind" => Value::String("other".into()),
        _ => Value::String("-".into()),
    }
}

/// Reads `05` as 5 in a count field: a plain number with leading zeros, which YAML leaves as text.
fn leading_zeros(value: &mut Value) {
    if let Value::String(s) = value
        && s.len() > 1
        && s.starts_with('0')
        && s.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = s.parse::<u64>()
    {
        *value = Value::Number(n.into());
    }
}

/// Walks the front matter: reports each blank required value (E0104) and replaces it with a stand-in (or, at
/// the top level, removes the key), and reads counts with leading zeros. Returns the paths found blank, so that
/// they are not reported missing as well.
pub fn check(root: &mut Value, positions: &Positions, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut blank = vec![];
    let party = root
        .get("layout")
        .and_then(Value::as_str)
        .is_none_or(|l| l != "state");
    walk(root, "", "", party, positions, diags, &mut blank);
    blank
}

#[allow(clippy::too_many_arguments)]
fn walk(
    value: &mut Value,
    pattern: &str,
    path: &str,
    party: bool,
    positions: &Positions,
    diags: &mut Vec<Diagnostic>,
    blank: &mut Vec<String>,
) {
    match value {
        Value::Mapping(map) => {
            let mut removed = vec![];
            for (key, child) in map.iter_mut() {
                let Some(name) = key.as_str() else { continue };
                let child_pattern = join(pattern, name);
                let child_path = join(path, name);
                let required = REQUIRED.contains(&child_pattern.as_str())
                    || (party && child_pattern == "place");
                if required && is_blank(child) {
                    diags.push(empty_value(&child_path, positions));
                    blank.push(child_path);
                    if pattern.is_empty() {
                        removed.push(key.clone());
                    } else {
                        *child = stand_in(&child_pattern);
                    }
                    continue;
                }
                // A placeholder is reported where it is written (E0105); its value is not checked further.
                if child.as_str().is_some_and(placeholders::is_whole) {
                    blank.push(child_path);
                    if pattern.is_empty() || !required {
                        removed.push(key.clone());
                    } else {
                        *child = stand_in(&child_pattern);
                    }
                    continue;
                }
                if COUNTS.contains(&child_pattern.as_str()) {
                    leading_zeros(child);
                }
                walk(
                    child,
                    &child_pattern,
                    &child_path,
                    party,
                    positions,
                    diags,
                    blank,
                );
            }
            for key in removed {
                map.remove(&key);
            }
        }
        Value::Sequence(items) => {
            walk_list(items, pattern, path, party, positions, diags, blank);
        }
        _ => {}
    }
}

/// The items of a list: a blank or placeholder item is set aside like a blank value.
#[allow(clippy::too_many_arguments)]
fn walk_list(
    items: &mut [Value],
    pattern: &str,
    path: &str,
    party: bool,
    positions: &Positions,
    diags: &mut Vec<Diagnostic>,
    blank: &mut Vec<String>,
) {
    let item_pattern = format!("{pattern}[]");
    let required = REQUIRED.contains(&item_pattern.as_str());
    for (i, item) in items.iter_mut().enumerate() {
        let item_path = format!("{path}[{i}]");
        if required && is_blank(item) {
            diags.push(empty_value(&item_path, positions));
            blank.push(item_path);
            *item = stand_in(&item_pattern);
            continue;
        }
        if item.as_str().is_some_and(placeholders::is_whole) {
            blank.push(item_path);
            *item = stand_in(&item_pattern);
            continue;
        }
        walk(
            item,
            &item_pattern,
            &item_path,
            party,
            positions,
            diags,
            blank,
        );
    }
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

/// E0104: a required key written with nothing after it.
fn empty_value(path: &str, positions: &Positions) -> Diagnostic {
    let (name_en, name_vi) = crate::input::describe::human(path);
    let (en, vi) = crate::input::describe::expected(path);
    let is_item = path.ends_with(']');
    let key = path.rsplit(['.', '[']).next().unwrap_or(path);
    let (fix_en, fix_vi) = if path.starts_with("recipients[") {
        (
            "write the recipient after the `-`, such as `Đảng ủy xã Thanh Bình Thịnh`, or delete the line".to_string(),
            "ghi nơi nhận sau dấu `-`, ví dụ `Đảng ủy xã Thanh Bình Thịnh`, hoặc xóa dòng này".to_string(),
        )
    } else if is_item {
        (
            format!("write {en} after the `-`, or delete the empty line"),
            format!("ghi {vi} sau dấu `-`, hoặc xóa dòng trống này"),
        )
    } else {
        (
            format!("after `{key}:`, write {en} (an empty value counts as missing)"),
            format!("sau `{key}:`, ghi {vi} (để trống cũng như thiếu)"),
        )
    };
    Diagnostic::error(
        "E0104",
        t(
            format!("{name_en} is empty"),
            format!("{name_vi} đang để trống"),
        ),
    )
    .at(positions.key(path))
    .label(t("no value", "chưa có giá trị"))
    .hint(t(fix_en, fix_vi))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str) -> (Value, Vec<String>) {
        let mut value: Value = serde_yaml::from_str(yaml).unwrap();
        let mut diags = vec![];
        let blank = check(&mut value, &Positions::default(), &mut diags);
        assert_eq!(diags.len(), blank.len());
        (value, blank)
    }

    #[test]
    fn blank_required_values_are_found_everywhere() {
        let (value, blank) = run(
            "date:\nvenue: ~\nchair: { name: \"\", role: \"  \" }\nmeeting: { kind: regular, title: ' ' }\nrecipients: [a, '', ~]\nvotes:\n  - { subject: x, for: ~, against: 0, abstain: 0 }\n  - ~\nsigners: { left: '' }\n",
        );
        assert_eq!(
            blank,
            [
                "date",
                "venue",
                "chair.name",
                "chair.role",
                "meeting.title",
                "recipients[1]",
                "recipients[2]",
                "votes[0].for",
                "votes[1]",
                "signers.left"
            ]
        );
        assert!(value.get("date").is_none());
        assert_eq!(value["votes"][1]["for"], Value::Number(0.into()));
    }

    #[test]
    fn place_is_required_for_the_party_layout_only() {
        assert_eq!(run("place: ''\n").1, ["place"]);
        assert!(run("layout: state\nplace: ''\n").1.is_empty());
    }

    #[test]
    fn counts_with_leading_zeros_are_numbers() {
        let (value, _) = run("number: 05\nmembers: { total: 036, present: '0' }\nvenue: '05'\n");
        assert_eq!(value["number"], Value::Number(5.into()));
        assert_eq!(value["members"]["total"], Value::Number(36.into()));
        assert_eq!(value["venue"], Value::String("05".into()));
    }
}

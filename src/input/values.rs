//! Checks of the front matter's values before serde reads them: a required key written with an empty value
//! (`date:`, `venue: ~`, `name: ""`, a blank list item) is as missing as no key (E0104), and a count written
//! with leading zeros (`number: 05`, as clerks type it from the printed number) is read as the number it means.
//! A value that is a placeholder of `bienban new` is set aside here, reported by [`placeholders`].

use serde_yaml::Value;

use crate::diag::{Code, Diagnostic, t};
use crate::input::describe::{expected, human};
use crate::input::keys::{FRONT_MATTER, Keys, Kind, Need, Path, Root, keypath};
use crate::input::model::Layout;
use crate::input::placeholders;
use crate::input::positions::{Positions, join};

/// Whether a value says nothing: null, or text of spaces only.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A stand-in of the right type for a blank value, so that serde reads the rest; never printed, because the
/// file has an error. A mapping gets its required keys; a choice its last word (`other` for a meeting's
/// kind), which implies the least.
fn stand_in(kind: Kind) -> Value {
    match kind {
        Kind::Count { .. } => Value::Number(0.into()),
        Kind::Flag => Value::Bool(false),
        Kind::Choice(choices) => Value::String(choices.last().map_or("-", |c| c.name).into()),
        Kind::Map(node) => Value::Mapping(
            node.keys
                .iter()
                .filter(|k| k.need == Need::Required)
                .map(|k| (Value::String(k.name.into()), stand_in(k.kind)))
                .collect(),
        ),
        Kind::List(_) => Value::Sequence(vec![]),
        Kind::Either(kinds) => kinds.first().map_or(Value::Null, |k| stand_in(*k)),
        Kind::Text | Kind::Markdown | Kind::Date | Kind::Time => Value::String("-".into()),
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
    let party = root
        .get(Root::KEYS.layout.name())
        .and_then(Value::as_str)
        .is_none_or(|l| l != Layout::State.name());
    let mut walk = Walk {
        party,
        positions,
        diags,
        blank: vec![],
    };
    walk.value(root, Kind::Map(FRONT_MATTER), "");
    walk.blank
}

/// A walk over the front matter's values beside the key tree.
struct Walk<'a> {
    /// Whether the layout is the Party's (where `place` is required).
    party: bool,
    positions: &'a Positions,
    diags: &'a mut Vec<Diagnostic>,
    /// The paths found blank (or holding a placeholder).
    blank: Vec<String>,
}

impl Walk<'_> {
    fn value(&mut self, value: &mut Value, kind: Kind, path: &str) {
        match value {
            Value::Mapping(map) => {
                let Some(node) = kind.node().filter(|_| !matches!(kind, Kind::List(_))) else {
                    return;
                };
                let mut removed = vec![];
                for (name, child) in map.iter_mut() {
                    let Some(key) = name.as_str().and_then(|n| node.key(n)) else {
                        continue;
                    };
                    let child_path = join(path, key.name);
                    let required = key.must_have_value(self.party);
                    if self.set_aside(child, required, key.kind, &child_path) {
                        // At the top level, or for an optional key, leaving the key out is the stand-in.
                        if path.is_empty() || !required {
                            removed.push(name.clone());
                        }
                        continue;
                    }
                    self.value(child, key.kind, &child_path);
                }
                for key in removed {
                    map.remove(&key);
                }
            }
            Value::Sequence(items) => {
                let Some(item) = kind.item() else { return };
                for (i, child) in items.iter_mut().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    // An item of a list is never blank: it would print as an empty line or entry.
                    if !self.set_aside(child, true, item, &item_path) {
                        self.value(child, item, &item_path);
                    }
                }
            }
            _ => {
                if matches!(kind, Kind::Count { .. }) {
                    leading_zeros(value);
                }
            }
        }
    }

    /// A blank value that must have one (E0104), or a placeholder (reported by [`placeholders`]): recorded,
    /// and replaced by a stand-in of its kind, so that serde reads the rest. True when set aside.
    fn set_aside(&mut self, value: &mut Value, required: bool, kind: Kind, path: &str) -> bool {
        let blank = required && is_blank(value);
        if !blank && !value.as_str().is_some_and(placeholders::is_whole) {
            return false;
        }
        if blank {
            self.diags.push(empty_value(path, self.positions));
        }
        self.blank.push(path.to_string());
        *value = stand_in(kind);
        true
    }
}

/// E0104: a required key written with nothing after it.
fn empty_value(written: &str, positions: &Positions) -> Diagnostic {
    // The walk follows the tree, so the path is one of its own.
    let path = Path::parse(written).unwrap_or_default();
    let (name_en, name_vi) = human(&path);
    let (en, vi) = expected(&path);
    let is_item = path.is_item();
    let key = path.key().map_or(written, |k| k.name);
    let (fix_en, fix_vi) = if is_item && path.same_key(&keypath!(recipients)) {
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
    Diagnostic::new(
        Code::EmptyValue,
        t(
            format!("{name_en} is empty"),
            format!("{name_vi} đang để trống"),
        ),
    )
    .at(positions.key_at(written))
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
    fn no_item_of_any_list_is_blank() {
        let (value, blank) = run(
            "meeting: { kind: regular, title: t, agenda: [a, ''] }\nfollow_up: [~]\nvotes:\n  - { subject: x, for: 1, against: 0, abstain: 0, counting_committee: [''] }\n",
        );
        assert_eq!(
            blank,
            [
                "meeting.agenda[1]",
                "follow_up[0]",
                "votes[0].counting_committee[0]"
            ]
        );
        // The stand-in of an item has its required keys, of the right kinds, so that serde reads the rest.
        assert_eq!(
            value["follow_up"][0]["status"],
            Value::String("dropped".into())
        );
        assert!(value["votes"][0]["counting_committee"][0]["name"].is_string());
    }

    #[test]
    fn place_is_required_for_the_party_layout_only() {
        assert_eq!(run("place: ''\n").1, ["place"]);
        assert!(run("layout: state\nplace: ''\n").1.is_empty());
    }

    #[test]
    fn counts_with_leading_zeros_are_numbers() {
        let (value, _) = run(
            "number: 05\nmembers: { total: 036, present: '0' }\nvenue: '05'\napproval: { agreed: 017, copies: 02 }\n",
        );
        assert_eq!(value["number"], Value::Number(5.into()));
        assert_eq!(value["approval"]["copies"], Value::Number(2.into()));
        assert_eq!(value["approval"]["agreed"], Value::Number(17.into()));
        assert_eq!(value["members"]["total"], Value::Number(36.into()));
        assert_eq!(value["venue"], Value::String("05".into()));
    }
}

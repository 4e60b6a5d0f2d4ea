//! Remedies followed across meetings: each minutes file's `follow_up` (minutes-format §5: `of: YYYY-MM-DD#N`,
//! `status: done | in-progress | dropped`, `note`) is read leniently from the YAML here (the typed key and its
//! shape belong to the front-matter model), checked against the earlier minutes of the same organisation in
//! the folder, and folded into each remedy's latest status.

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::diag::{Code, Diagnostic, t};
use crate::input::keys::{Keys, Root, tree};

/// One review of an earlier remedy, as a minutes file's `follow_up` lists it.
#[derive(Debug, Clone)]
pub struct FollowUp {
    /// Its index in the list (for its position: `follow_up[i].of`).
    pub index: usize,
    /// `of` as written.
    pub of: String,
    /// `of` read: the adopting meeting's date and the remedy's number.
    pub target: Option<(NaiveDate, usize)>,
    /// `done`, `in-progress` or `dropped` (anything else is left to the front matter's checks).
    pub status: String,
    /// The note, if any.
    pub note: String,
}

/// The `follow_up` list of a front matter's YAML, read as far as it goes (a malformed one reads as empty:
/// the front matter's own checks report it).
pub fn read(yaml: &str) -> Vec<FollowUp> {
    let Ok(Value::Mapping(root)) = serde_yaml::from_str::<Value>(yaml) else {
        return vec![];
    };
    let Some(Value::Sequence(items)) = root.get(Root::KEYS.follow_up.name()) else {
        return vec![];
    };
    let text = |item: &Value, key: &str| {
        item.get(key)
            .and_then(|v| match v {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .unwrap_or_default()
    };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let keys = tree::FollowUp::KEYS;
            let of = text(item, keys.of.name());
            FollowUp {
                index,
                target: target(&of),
                of,
                status: text(item, keys.status.name()),
                note: text(item, keys.note.name()),
            }
        })
        .collect()
}

/// `YYYY-MM-DD#N`, read.
pub fn target(of: &str) -> Option<(NaiveDate, usize)> {
    let (date, n) = of.split_once('#')?;
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let n: usize = n.trim().parse().ok().filter(|&n| n > 0)?;
    Some((date, n))
}

/// E0804: `of` is not `YYYY-MM-DD#N`.
pub fn malformed(of: &str) -> Diagnostic {
    Diagnostic::new(Code::FollowUpUnreadable,
        t(
            format!("failed to read `follow_up.of` “{of}” (expected the meeting's date and the remedy's number, YYYY-MM-DD#N)"),
            format!("không đọc được `follow_up.of` “{of}” (cần ngày họp và số thứ tự giải pháp, dạng YYYY-MM-DD#N)"),
        ),
    )
    .label(t("not YYYY-MM-DD#N", "không đúng dạng YYYY-MM-DD#N"))
    .hint(t(
        "write it as `of: 2023-08-30#2` for the second remedy of the minutes of 30 August 2023",
        "viết như `of: 2023-08-30#2` cho giải pháp thứ hai của biên bản ngày 30/8/2023",
    ))
}

/// E0805 or W0806 for `of` in `row`'s minutes: `adopting` is the count of remedies and the file of the
/// minutes of that date, when the folder holds them.
pub fn no_such_remedy_or_minutes(
    of: &str,
    row: &super::Row,
    adopting: Option<(usize, &str)>,
) -> Diagnostic {
    match adopting {
        Some((count, file)) => no_such_remedy(of, &row.organization, count, file),
        None => no_such_minutes(of, &row.organization),
    }
}

/// E0805: the folder holds the earlier minutes of that date, but not a remedy with that number.
pub fn no_such_remedy(of: &str, org: &str, count: usize, file: &str) -> Diagnostic {
    Diagnostic::new(Code::NoSuchRemedy,
        t(
            format!("`follow_up.of` {of} names no remedy of {org}: the minutes of that date ({file}) adopted {count}"),
            format!("`follow_up.of` {of} không ứng với giải pháp nào của {org}: biên bản ngày đó ({file}) chỉ có {count} giải pháp"),
        ),
    )
    .label(t("no such remedy", "không có giải pháp này"))
    .hint(t(
        "the number after # is the remedy's place in that minutes' `remedies` list, from 1",
        "số sau dấu # là thứ tự của giải pháp trong danh sách `remedies` của biên bản đó, bắt đầu từ 1",
    ))
}

/// W0806: no earlier minutes of the organisation on that date in the folder.
pub fn no_such_minutes(of: &str, org: &str) -> Diagnostic {
    Diagnostic::new(Code::NoSuchMinutes,
        t(
            format!("`follow_up.of` {of} names no earlier minutes of {org} in this folder"),
            format!("`follow_up.of` {of} không ứng với biên bản nào trước đó của {org} trong thư mục này"),
        ),
    )
    .label(t("no minutes of that date", "không có biên bản ngày này"))
    .hint(t(
        "check the date; if those minutes are kept elsewhere, add them to the folder so their remedy can be followed",
        "kiểm tra lại ngày; nếu biên bản đó lưu ở nơi khác, hãy đưa vào thư mục để theo dõi được giải pháp",
    ))
}

/// A remedy's latest status: the last review's, else open; `overdue` when still open or in progress past its
/// due date.
pub fn status(latest: Option<&str>, due: Option<NaiveDate>, as_of: NaiveDate) -> &'static str {
    match latest {
        Some("done") => "done",
        Some("dropped") => "dropped",
        _ if due.is_some_and(|d| d < as_of) => "overdue",
        Some("in-progress") => "in-progress",
        _ => "open",
    }
}

/// A status in Vietnamese, as the register prints it.
pub fn status_words(status: &str) -> &'static str {
    match status {
        "done" => "Đã hoàn thành",
        "dropped" => "Thôi thực hiện",
        "overdue" => "QUÁ HẠN",
        "in-progress" => "Đang thực hiện",
        _ => "",
    }
}

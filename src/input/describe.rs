//! What each front-matter key expects, and a key path, in words a clerk understands (from the key tree); used
//! by hints on wrong, empty or missing values.

use crate::input::keys::{Choice, Kind, Path, Seg};

/// The expected form of the value at `path` (English, Vietnamese), e.g. "a whole number, such as `36`": the
/// key's own form from the tree, else its kind's. An item of a list is described as its list.
pub fn expected(path: &Path) -> (String, String) {
    match path.key() {
        Some(key) => match key.form {
            Some(form) => (form.en.to_string(), form.vi.to_string()),
            None => kind_form(key.kind),
        },
        None => ("text".to_string(), "một đoạn chữ".to_string()),
    }
}

/// A value to start from for the key at `path` (what a fix that adds the key writes): its first word, or the
/// example its form gives ("such as `36`"), or nothing for a mapping or a list.
pub fn example(path: &Path) -> String {
    match path.kind() {
        Kind::Choice(choices) => return choices.first().map_or("", |c| c.name).to_string(),
        Kind::Flag => return "false".to_string(),
        Kind::Map(_) | Kind::List(_) => return String::new(),
        _ => {}
    }
    let (en, _) = expected(path);
    en.split_once("such as `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map_or(String::new(), |(example, _)| example.to_string())
}

/// The form of a value of `kind`, in words.
fn kind_form(kind: Kind) -> (String, String) {
    let (en, vi) = match kind {
        Kind::Text => ("text", "một đoạn chữ"),
        Kind::Markdown => ("text (Markdown allowed)", "một đoạn chữ (Markdown)"),
        Kind::Date => (
            "a date written `YYYY-MM-DD`, such as `2023-08-30`",
            "ngày viết theo dạng `YYYY-MM-DD`, ví dụ `2023-08-30`",
        ),
        Kind::Time => (
            "a time written `HH:MM` in quotes, such as `\"14:00\"`",
            "giờ viết dạng `HH:MM` trong ngoặc kép, ví dụ `\"14:00\"`",
        ),
        Kind::Count { min: 0 } => (
            "a whole number of 0 or more, such as `36`",
            "một số nguyên không âm, ví dụ `36`",
        ),
        Kind::Count { min } => {
            let example = min.max(5);
            return (
                format!("a whole number of at least {min}, such as `{example}`"),
                format!("một số nguyên từ {min} trở lên, ví dụ `{example}`"),
            );
        }
        Kind::Flag => ("`true` or `false`", "`true` (có) hoặc `false` (không)"),
        Kind::Choice(choices) => return choice_form(choices),
        Kind::Map(node) => {
            let names: Vec<String> = node.names().iter().map(|n| format!("`{n}`")).collect();
            return (
                format!("{} on indented lines below it", list(&names, "and")),
                format!("các dòng {} thụt lề bên dưới", names.join(", ")),
            );
        }
        Kind::List(_) => ("a list of lines `- …`", "danh sách các dòng `- …`"),
        Kind::Either(kinds) => {
            let forms: Vec<(String, String)> = kinds.iter().map(|k| kind_form(*k)).collect();
            let en: Vec<String> = forms.iter().map(|f| f.0.clone()).collect();
            let vi: Vec<String> = forms.iter().map(|f| f.1.clone()).collect();
            return (list(&en, "or"), list(&vi, "hoặc"));
        }
    };
    (en.to_string(), vi.to_string())
}

/// The words of a choice: "`a`, `b` or `c`", and in Vietnamese each with its gloss.
fn choice_form(choices: &[Choice]) -> (String, String) {
    let en: Vec<String> = choices.iter().map(|c| format!("`{}`", c.name)).collect();
    let vi: Vec<String> = choices
        .iter()
        .map(|c| match c.gloss {
            Some(gloss) => format!("`{}` ({gloss})", c.name),
            None => format!("`{}`", c.name),
        })
        .collect();
    (list(&en, "or"), list(&vi, "hoặc"))
}

/// `a`, `a or b`, `a, b or c`.
fn list(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., end] => format!("{} {last} {end}", rest.join(", ")),
    }
}

/// A key path in a clerk's words (English, Vietnamese). A path inside a list item names the item by its number
/// and keeps the key in backticks after it, `members.absent[0].name` → "the name of absentee 1
/// (`members.absent`)" / "họ tên của người vắng mặt thứ 1 (`members.absent`)"; any other path is the key in
/// backticks, `` `venue` ``.
pub fn human(path: &Path) -> (String, String) {
    let plain = || (format!("`{path}`"), format!("`{path}`"));
    let segs = path.segs();
    let Some(at) = segs.iter().position(|s| matches!(s, Seg::Index(_))) else {
        return plain();
    };
    let (Seg::Index(index), Some(Seg::Key(list_key))) =
        (segs[at], at.checked_sub(1).map(|i| segs[i]))
    else {
        return plain();
    };
    let Some(item) = list_key.item else {
        return plain();
    };
    let n = index + 1;
    let list = Path::of(&segs[..at]).to_string();
    let rest = &segs[at + 1..];
    let field = Path::of(rest).to_string();
    let noun = match rest {
        [Seg::Key(key)] => key.noun,
        _ => None,
    };
    let (en, vi) = match (rest.is_empty(), noun) {
        (true, _) => (format!("{} {n}", item.en), format!("{} thứ {n}", item.vi)),
        (false, Some(noun)) => (
            format!("the {} of {} {n}", noun.en, item.en),
            format!("{} của {} thứ {n}", noun.vi, item.vi),
        ),
        (false, None) => (
            format!("`{field}` of {} {n}", item.en),
            format!("`{field}` của {} thứ {n}", item.vi),
        ),
    };
    (format!("{en} (`{list}`)"), format!("{vi} (`{list}`)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::keys::keypath;

    #[test]
    fn list_paths_are_named_as_people_say_them() {
        assert_eq!(
            human(&keypath!(members.absent[0].name)),
            (
                "the name of absentee 1 (`members.absent`)".to_string(),
                "họ tên của người vắng mặt thứ 1 (`members.absent`)".to_string()
            )
        );
        assert_eq!(
            human(&keypath!(recipients[2])).0,
            "recipient 3 (`recipients`)"
        );
        assert_eq!(
            human(&keypath!(votes[0].for)).1,
            "số tán thành của biểu quyết thứ 1 (`votes`)"
        );
        assert_eq!(
            human(&keypath!(votes[0].ballots.returned)).0,
            "`ballots.returned` of vote 1 (`votes`)"
        );
        assert_eq!(human(&keypath!(venue)).0, "`venue`");
    }

    #[test]
    fn forms_come_from_the_key_or_its_kind() {
        assert_eq!(
            expected(&keypath!(meeting.kind)).0,
            "`regular`, `thematic`, `extraordinary` or `other`"
        );
        assert_eq!(
            expected(&keypath!(meeting.format)).1,
            "`in-person` (trực tiếp), `online` (trực tuyến) hoặc `hybrid` (kết hợp)"
        );
        assert_eq!(expected(&keypath!(layout)).1, "`party` hoặc `state`");
        assert_eq!(
            expected(&keypath!(members.present)).0,
            "a whole number of 0 or more, such as `36`"
        );
        assert_eq!(
            expected(&keypath!(number)).1,
            "một số nguyên từ 1 trở lên, ví dụ `5`"
        );
        // An item of a list is described as its list.
        assert_eq!(
            expected(&keypath!(recipients[1])).0,
            "a list of lines `- …`"
        );
        assert_eq!(
            expected(&keypath!(members.absent[0].probationary)).0,
            "`true` or `false`"
        );
    }
}

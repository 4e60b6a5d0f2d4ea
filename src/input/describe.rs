//! What each front-matter key expects, in words a clerk understands; used by hints on wrong or missing values.
//! And the JSON Schema of the front matter, each key described in Vietnamese in its own words.

use serde_json::Value;

/// The JSON Schema of the front matter (`bienban schema`, and the language server's key descriptions). Every
/// key carries its own Vietnamese description (from [`crate::input::model`]), also as `markdownDescription`
/// (which YAML editors prefer); the types' own descriptions are left out so that an editor's hover shows the
/// key's description, never the shared type's.
pub fn json_schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(crate::input::model::RawMinutes))
        .unwrap_or_default();
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for def in defs.values_mut() {
            if (def.get("properties").is_some() || def.get("oneOf").is_some())
                && let Some(def) = def.as_object_mut()
            {
                def.remove("description");
            }
        }
    }
    mark_down(&mut schema);
    schema
}

/// Copies each `description` into `markdownDescription`, everywhere in the schema.
fn mark_down(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get("description").cloned() {
                map.insert("markdownDescription".to_string(), Value::String(text));
            }
            map.values_mut().for_each(mark_down);
        }
        Value::Array(items) => items.iter_mut().for_each(mark_down),
        _ => {}
    }
}

/// The expected form of the value at `path` (English, Vietnamese), e.g. "a whole number, such as `36`".
pub fn expected(path: &str) -> (String, String) {
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    let (en, vi): (&str, &str) = match last {
        "status" if path.starts_with("follow_up") => (
            "`done`, `in-progress` or `dropped`",
            "`done` (đã hoàn thành), `in-progress` (đang thực hiện) hoặc `dropped` (không tiếp tục)",
        ),
        "body" => (
            "`cell`, `cell-committee`, `committee`, `standing-committee` or `agency`",
            "`cell` (chi bộ), `cell-committee` (chi ủy), `committee` (Ban Chấp hành), `standing-committee` (Ban Thường vụ) hoặc `agency` (cơ quan nhà nước)",
        ),
        "format" => (
            "`in-person`, `online` or `hybrid`",
            "`in-person` (trực tiếp), `online` (trực tuyến) hoặc `hybrid` (kết hợp)",
        ),
        "agenda" => (
            "a list of lines `- …`, one per item of the agenda",
            "danh sách các dòng `- …`, mỗi dòng một nội dung của chương trình",
        ),
        "salutation" => (
            "the form of address, such as `đồng chí`, `ông`, `bà`",
            "cách xưng hô, ví dụ `đồng chí`, `ông`, `bà`",
        ),
        "method" => (
            "`show-of-hands` or `secret-ballot`",
            "`show-of-hands` (giơ tay) hoặc `secret-ballot` (bỏ phiếu kín)",
        ),
        "rule" => (
            "`majority` or `two-thirds`",
            "`majority` (quá một nửa) hoặc `two-thirds` (hai phần ba)",
        ),
        "ballots" => (
            "`{ issued: …, returned: …, valid: …, invalid: … }`",
            "`{ issued: …, returned: …, valid: …, invalid: … }` (phát ra, thu về, hợp lệ, không hợp lệ)",
        ),
        "issued" | "returned" | "valid" | "invalid" | "agreed" | "copies" | "exempt_present"
        | "attached" => (
            "a whole number of 0 or more, such as `36`",
            "một số nguyên không âm, ví dụ `36`",
        ),
        "approval" => (
            "`{ agreed: … }` with optional `against`, `copies`, `time`",
            "`{ agreed: … }`, có thể kèm `against`, `copies`, `time`",
        ),
        "follow_up" => (
            "a list of `- { of: \"YYYY-MM-DD#N\", status: done }`",
            "danh sách các mục `- { of: \"YYYY-MM-DD#N\", status: done }`",
        ),
        "of" => (
            "an earlier meeting's date and a remedy's number, such as `\"2023-08-30#2\"`",
            "ngày của cuộc họp trước và số thứ tự giải pháp, ví dụ `\"2023-08-30#2\"`",
        ),
        "counting_committee" => (
            "a list of `- { name: …, role: … }`",
            "danh sách các dòng `- { name: …, role: … }` (Ban kiểm phiếu)",
        ),
        "closing" | "note" => ("text (Markdown allowed)", "một đoạn chữ (Markdown)"),
        "layout" => ("`party` or `state`", "`party` hoặc `state`"),
        "status" => ("`draft` or `approved`", "`draft` hoặc `approved`"),
        "kind" => (
            "`regular`, `thematic`, `extraordinary` or `other`",
            "`regular` (thường kỳ), `thematic` (chuyên đề), `extraordinary` (bất thường) hoặc `other`",
        ),
        "number" => (
            "a whole number of at least 1, such as `5`",
            "một số nguyên từ 1 trở lên, ví dụ `5`",
        ),
        "total" | "present" | "probationary" | "exempt" | "for" | "against" | "abstain" => (
            "a whole number of 0 or more, such as `36`",
            "một số nguyên không âm, ví dụ `36`",
        ),
        "date" | "due" => (
            "a date written `YYYY-MM-DD`, such as `2023-08-30`",
            "ngày viết theo dạng `YYYY-MM-DD`, ví dụ `2023-08-30`",
        ),
        "start" | "end" | "time" => (
            "a time written `HH:MM` in quotes, such as `\"14:00\"`",
            "giờ viết dạng `HH:MM` trong ngoặc kép, ví dụ `\"14:00\"`",
        ),
        "organization" => (
            "`parent`, `name` and `code` on indented lines below it",
            "các dòng `parent`, `name`, `code` thụt lề bên dưới",
        ),
        "meeting" => (
            "`kind` and `title` on indented lines below it",
            "các dòng `kind` và `title` thụt lề bên dưới",
        ),
        "chair" | "secretary" => (
            "`{ name: …, role: … }`",
            "`{ name: …, role: … }` (họ tên và chức vụ)",
        ),
        "members" => (
            "`total`, `present` and optionally `probationary`, `exempt`, `absent` below it",
            "các dòng `total`, `present` và nếu có `probationary`, `exempt`, `absent` bên dưới",
        ),
        "absent" => (
            "a list of `- { name: …, reason: … }`",
            "danh sách các dòng `- { name: …, reason: … }`",
        ),
        "guests" => (
            "a list of `- { name: …, role: … }`",
            "danh sách các dòng `- { name: …, role: … }`",
        ),
        "speakers" => (
            "a list of `- name: …` with `remarks: …`",
            "danh sách các mục `- name: …` kèm `remarks: …`",
        ),
        "remedies" => (
            "a list of `- text: …` (with optional `owner`, `due`)",
            "danh sách các mục `- text: …` (có thể kèm `owner`, `due`)",
        ),
        "votes" => (
            "a list of `- { subject: …, for: …, against: …, abstain: … }`",
            "danh sách các mục `- { subject: …, for: …, against: …, abstain: … }`",
        ),
        "recipients" => ("a list of lines `- …`", "danh sách các dòng `- …`"),
        "signers" => (
            "`left:` and/or `right:` titles",
            "các chức danh `left:` và/hoặc `right:`",
        ),
        "venue" => (
            "the meeting place, such as `Nhà văn hóa thôn Đại Lợi`",
            "địa điểm họp, ví dụ `Nhà văn hóa thôn Đại Lợi`",
        ),
        "place" => (
            "the place name of the date line, such as `Thanh Bình Thịnh`",
            "địa danh ghi ở dòng ngày tháng, ví dụ `Thanh Bình Thịnh`",
        ),
        "name" => (
            "a full name, such as `Lê Văn Hùng`",
            "họ và tên, ví dụ `Lê Văn Hùng`",
        ),
        "role" => (
            "a position, such as `Bí thư Chi bộ`",
            "chức vụ, ví dụ `Bí thư Chi bộ`",
        ),
        "code" => (
            "the issuing body's abbreviation in capital letters, such as `CB`",
            "chữ viết tắt của cơ quan ban hành, viết hoa, ví dụ `CB`",
        ),
        "title" => (
            "the meeting's title (trích yếu), as text",
            "trích yếu nội dung cuộc họp",
        ),
        "remarks" => (
            "what the speaker said (text; Markdown allowed)",
            "nội dung phát biểu (Markdown)",
        ),
        "subject" => ("what was voted on, as text", "nội dung biểu quyết"),
        "text" => (
            "the remedy or task, as text",
            "nội dung giải pháp, nhiệm vụ",
        ),
        _ => ("text", "một đoạn chữ"),
    };
    (en.to_string(), vi.to_string())
}

/// What a list holds, one item of it (English, Vietnamese): `members.absent` → absentee / người vắng mặt.
fn item_noun(list: &str) -> Option<(&'static str, &'static str)> {
    Some(match list {
        "absent" => ("absentee", "người vắng mặt"),
        "guests" => ("guest", "đại biểu"),
        "speakers" => ("speaker", "người phát biểu"),
        "remedies" => ("remedy", "giải pháp"),
        "votes" => ("vote", "biểu quyết"),
        "recipients" => ("recipient", "nơi nhận"),
        "follow_up" => ("follow-up item", "mục theo dõi"),
        "agenda" => ("agenda item", "mục chương trình"),
        "counting_committee" => ("teller", "thành viên Ban kiểm phiếu"),
        _ => return None,
    })
}

/// A field of a list item in words (English, Vietnamese).
fn field_noun(field: &str) -> Option<(&'static str, &'static str)> {
    Some(match field {
        "name" => ("name", "họ tên"),
        "role" => ("position", "chức vụ"),
        "reason" => ("reason", "lý do"),
        "remarks" => ("remarks", "nội dung phát biểu"),
        "text" => ("text", "nội dung"),
        "owner" => ("owner", "người phụ trách"),
        "due" => ("due date", "thời hạn"),
        "subject" => ("subject", "nội dung"),
        "for" => ("votes for", "số tán thành"),
        "against" => ("votes against", "số không tán thành"),
        "abstain" => ("abstentions", "số không biểu quyết"),
        "probationary" => ("probationary mark", "đánh dấu dự bị"),
        "salutation" => ("form of address", "cách xưng hô"),
        "of" => ("reference", "tham chiếu"),
        "status" => ("status", "tình trạng"),
        "note" => ("note", "ghi chú"),
        "method" => ("method", "hình thức biểu quyết"),
        "rule" => ("pass rule", "nguyên tắc thông qua"),
        _ => return None,
    })
}

/// A key path in a clerk's words (English, Vietnamese). A path inside a list item names the item by its number
/// and keeps the key in backticks after it, `members.absent[0].name` → "the name of absentee 1
/// (`members.absent`)" / "họ tên của người vắng mặt thứ 1 (`members.absent`)"; any other path is the key in
/// backticks, `` `venue` ``.
pub fn human(path: &str) -> (String, String) {
    let Some(open) = path.find('[') else {
        return (format!("`{path}`"), format!("`{path}`"));
    };
    let list = &path[..open];
    let rest = &path[open + 1..];
    let (index, after) = rest.split_once(']').unwrap_or((rest, ""));
    let n = index.parse::<usize>().map_or(0, |i| i + 1);
    let short = list.rsplit('.').next().unwrap_or(list);
    let Some((item_en, item_vi)) = item_noun(short) else {
        return (format!("`{path}`"), format!("`{path}`"));
    };
    let field = after.trim_start_matches('.');
    let (en, vi) = match (field, field_noun(field)) {
        ("", _) => (format!("{item_en} {n}"), format!("{item_vi} thứ {n}")),
        (_, Some((f_en, f_vi))) if !field.contains(['.', '[']) => (
            format!("the {f_en} of {item_en} {n}"),
            format!("{f_vi} của {item_vi} thứ {n}"),
        ),
        _ => (
            format!("`{field}` of {item_en} {n}"),
            format!("`{field}` của {item_vi} thứ {n}"),
        ),
    };
    (format!("{en} (`{list}`)"), format!("{vi} (`{list}`)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_describes_each_key_not_its_type() {
        let schema = json_schema();
        let chair = &schema["properties"]["chair"];
        assert_eq!(chair["description"], "Người chủ trì (họ tên, chức vụ).");
        assert_eq!(chair["markdownDescription"], chair["description"]);
        for (name, def) in schema["$defs"].as_object().unwrap() {
            assert!(
                def.get("description").is_none(),
                "{name} keeps its type description"
            );
        }
    }

    #[test]
    fn list_paths_are_named_as_people_say_them() {
        assert_eq!(
            human("members.absent[0].name"),
            (
                "the name of absentee 1 (`members.absent`)".to_string(),
                "họ tên của người vắng mặt thứ 1 (`members.absent`)".to_string()
            )
        );
        assert_eq!(human("recipients[2]").0, "recipient 3 (`recipients`)");
        assert_eq!(
            human("votes[0].for").1,
            "số tán thành của biểu quyết thứ 1 (`votes`)"
        );
        assert_eq!(human("venue").0, "`venue`");
    }
}

//! Vietnamese formatting: padded counts, decimal comma and thousands dot, dates and times in words, the number
//! symbol of each layout, and the wording that depends on the meeting kind, the body that meets and the layout:
//! the phrase tables [`PARTY`] and [`STATE`] (one per layout, one row per body), which the view and the checks
//! read, so that every such phrase is written once.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::input::model::{Body, Layout, MeetingKind};

/// The wording of one body's minutes in one layout. Each phrase cites its source in the tables below:
/// **36** = Hướng dẫn 36-HD/VPTW (2018), its model minutes of a cell meeting; **12** = Hướng dẫn 12-HD/BTCTW
/// (2018) on the content of cell meetings; **QĐ** = the Party's working rules for committee conferences
/// (Quy chế làm việc của Ban Chấp hành, Ban Thường vụ, as the model minutes of Party committees reproduce
/// them); **1.9** = Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.9; **QA** = common practice, as the model
/// minutes on public legal Q&A sites (thuvienphapluat.vn, luatvietnam.vn) word it.
#[derive(Debug, Clone, Copy)]
pub struct Phrases {
    /// The body this row words.
    pub body: Body,
    /// The meeting line's head, before the kind's adjective (`Sinh hoạt chi bộ`); empty: the title alone.
    pub title_head: &'static str,
    /// What the organisation does in the opening sentence (`tổ chức sinh hoạt`).
    pub holds: &'static str,
    /// The body as the subject of a sentence (`Chi bộ thống nhất …`).
    pub subject: &'static str,
    /// Who the minutes are read back to (`đọc lại cho chi bộ nghe`).
    pub audience: &'static str,
    /// The meeting as the subject of the closing sentence (`Buổi sinh hoạt kết thúc …`).
    pub event: &'static str,
    /// The roll's label in the attendance (`Tổng số đảng viên của chi bộ`).
    pub roll: &'static str,
    /// Those summoned (`số đảng viên phải triệu tập`).
    pub summoned: &'static str,
    /// The base a vote passes on, in words (`đảng viên chính thức được triệu tập`).
    pub vote_base: &'static str,
    /// The unit people are counted in (`đồng chí`, `người`).
    pub member_noun: &'static str,
    /// The form of address printed before a name when the file gives none (`đồng chí`; empty: none).
    pub salutation: &'static str,
    /// Labels of the chair and the secretary.
    pub chair_label: &'static str,
    /// The secretary's label.
    pub secretary_label: &'static str,
    /// Section headings: attendance, body, discussion, conclusion, remedies, the regular meeting's plan, votes.
    pub attendance_heading: &'static str,
    /// The body's heading.
    pub body_heading: &'static str,
    /// The discussion's heading.
    pub speakers_heading: &'static str,
    /// The conclusion's heading.
    pub conclusion_heading: &'static str,
    /// The remedies' heading.
    pub remedies_heading: &'static str,
    /// The remedies' heading in a regular (monthly) meeting.
    pub plan_heading: &'static str,
    /// The votes' heading.
    pub votes_heading: &'static str,
    /// The follow-up's heading.
    pub follow_up_heading: &'static str,
}

/// The Party layout's row for a cell; the other bodies change only what differs.
const PARTY_CELL: Phrases = Phrases {
    body: Body::Cell,
    title_head: "Sinh hoạt chi bộ", // 36: "Sinh hoạt chi bộ thường kỳ / chuyên đề"
    holds: "tổ chức sinh hoạt",     // 36: "Chi bộ … tổ chức sinh hoạt …"
    subject: "Chi bộ",              // 36: "Chi bộ thống nhất …"
    audience: "chi bộ",             // QA: "Biên bản đã được đọc lại cho chi bộ nghe"
    event: "Buổi sinh hoạt",        // 36: "Buổi sinh hoạt kết thúc vào hồi …"
    roll: "Tổng số đảng viên của chi bộ", // 36: "Tổng số đảng viên của chi bộ: … đồng chí"
    summoned: "số đảng viên phải triệu tập", // 12: attendance counted on those summoned
    vote_base: "đảng viên chính thức được triệu tập", // Điều lệ Đảng, Điều 10 via 12: majority of official members
    member_noun: "đồng chí",                          // 36
    salutation: "đồng chí",                           // 36
    chair_label: "Chủ trì:",                          // 36
    secretary_label: "Thư ký:",                       // 36
    attendance_heading: "THÀNH PHẦN THAM DỰ",         // 36
    body_heading: "NỘI DUNG SINH HOẠT",               // 36
    speakers_heading: "Ý KIẾN THẢO LUẬN",             // 36
    conclusion_heading: "KẾT LUẬN CỦA CHỦ TRÌ",       // 36
    remedies_heading: "GIẢI PHÁP, NHIỆM VỤ",          // 12: a thematic meeting's solutions
    plan_heading: "PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI", // 36 / 12: a regular meeting's "phương hướng, nhiệm vụ tháng tới"
    votes_heading: "BIỂU QUYẾT",                      // 36
    follow_up_heading: "KIỂM ĐIỂM VIỆC THỰC HIỆN NHIỆM VỤ ĐÃ ĐỀ RA", // 12: review of last month's tasks
};

/// The Party layout's table: one row per body (Hướng dẫn 36-HD/VPTW and the Party's working rules).
pub const PARTY: [Phrases; 5] = [
    PARTY_CELL,
    Phrases {
        body: Body::CellCommittee,
        title_head: "Họp Chi ủy",    // QA: "Biên bản họp Chi ủy"
        holds: "tổ chức họp Chi ủy", // QA
        subject: "Chi ủy",           // QA
        audience: "Chi ủy",          // QA
        event: "Cuộc họp",           // QA: "Cuộc họp kết thúc vào hồi …"
        roll: "Tổng số chi ủy viên", // QA
        summoned: "số chi ủy viên phải triệu tập", // QA
        vote_base: "chi ủy viên được triệu tập", // QĐ: majority of the committee's members
        body_heading: "NỘI DUNG CUỘC HỌP", // QA
        ..PARTY_CELL
    },
    Phrases {
        body: Body::Committee,
        title_head: "Hội nghị Ban Chấp hành", // QĐ: "Hội nghị Ban Chấp hành Đảng bộ …"
        holds: "tổ chức Hội nghị Ban Chấp hành", // QĐ
        subject: "Ban Chấp hành",             // QĐ: "Ban Chấp hành thống nhất …"
        audience: "Hội nghị",                 // QA: "đọc lại cho Hội nghị nghe"
        event: "Hội nghị",                    // QĐ: "Hội nghị kết thúc vào hồi …"
        roll: "Tổng số ủy viên Ban Chấp hành", // QĐ
        summoned: "số ủy viên phải triệu tập", // QĐ
        vote_base: "ủy viên Ban Chấp hành được triệu tập", // QĐ: more than half of the committee's members
        body_heading: "NỘI DUNG HỘI NGHỊ",                 // QĐ
        conclusion_heading: "KẾT LUẬN CỦA HỘI NGHỊ",       // QĐ
        ..PARTY_CELL
    },
    Phrases {
        body: Body::StandingCommittee,
        title_head: "Hội nghị Ban Thường vụ", // QĐ: "Hội nghị Ban Thường vụ Đảng ủy …"
        holds: "tổ chức Hội nghị Ban Thường vụ", // QĐ
        subject: "Ban Thường vụ",             // QĐ
        audience: "Hội nghị",                 // QA
        event: "Hội nghị",                    // QĐ
        roll: "Tổng số ủy viên Ban Thường vụ", // QĐ
        summoned: "số ủy viên phải triệu tập", // QĐ
        vote_base: "ủy viên Ban Thường vụ được triệu tập", // QĐ
        body_heading: "NỘI DUNG HỘI NGHỊ",    // QĐ
        conclusion_heading: "KẾT LUẬN CỦA HỘI NGHỊ", // QĐ
        ..PARTY_CELL
    },
    Phrases {
        body: Body::Agency,
        title_head: "", // QA: a Party agency's meeting is named by its title
        holds: "tổ chức cuộc họp", // QA
        subject: "Cuộc họp", // QA
        audience: "cuộc họp", // QA
        event: "Cuộc họp", // QA
        roll: "Tổng số thành viên", // QA
        summoned: "số thành viên phải triệu tập", // QA
        vote_base: "thành viên được triệu tập", // QA
        body_heading: "NỘI DUNG CUỘC HỌP", // QA
        ..PARTY_CELL
    },
];

/// The State layout's row (Nghị định 30/2020/NĐ-CP, Mẫu 1.9): a State body's meeting; every body of the
/// State layout is worded by it (a Party body's minutes take the Party layout).
pub const STATE: [Phrases; 1] = [Phrases {
    body: Body::Agency,
    title_head: "", // 1.9: "BIÊN BẢN / …(tên cuộc họp hoặc hội nghị, hội thảo)…"
    holds: "tổ chức cuộc họp", // QA
    subject: "Cuộc họp", // QA: "Cuộc họp thống nhất …"
    audience: "cuộc họp", // QA: "Biên bản đã được đọc lại cho cuộc họp nghe"
    event: "Cuộc họp", // 1.9: "Cuộc họp kết thúc vào … giờ …"
    roll: "tổng số thành viên", // 1.9: "Thành phần tham dự: …"
    summoned: "phải triệu tập", // QA
    vote_base: "thành viên được triệu tập", // QA: a State body votes on its members summoned
    member_noun: "người", // QA: State minutes count in người
    salutation: "", // minutes-format.md §5: name and position alone, never "ông/bà"
    chair_label: "Chủ trì (chủ tọa):", // 1.9
    secretary_label: "Thư ký (người ghi biên bản):", // 1.9
    attendance_heading: "Thành phần tham dự:", // 1.9
    body_heading: "Nội dung (theo diễn biến cuộc họp):", // 1.9
    speakers_heading: "Ý KIẾN PHÁT BIỂU", // QA
    conclusion_heading: "KẾT LUẬN CỦA CHỦ TỌA", // QA
    remedies_heading: "NHIỆM VỤ, GIẢI PHÁP", // QA
    plan_heading: "NHIỆM VỤ THỜI GIAN TỚI", // QA
    votes_heading: "BIỂU QUYẾT", // QA
    follow_up_heading: "KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐÃ ĐỀ RA", // QA
}];

/// The row of `layout`'s table that words `body` (the State table's one row for every body).
pub fn phrases(layout: Layout, body: Body) -> &'static Phrases {
    match layout {
        Layout::Party => PARTY.iter().find(|p| p.body == body).unwrap_or(&PARTY[0]),
        Layout::State => &STATE[0],
    }
}

impl Phrases {
    /// The meeting line's words before the title (`Sinh hoạt chi bộ thường kỳ`); empty when the title stands
    /// alone.
    pub fn title_line(&self, kind: MeetingKind) -> String {
        if self.title_head.is_empty() {
            return String::new();
        }
        let adjective = kind_words(kind);
        if adjective.is_empty() {
            self.title_head.to_string()
        } else {
            format!("{} {adjective}", self.title_head)
        }
    }
}

/// A count as written in prose: 1–9 with a leading zero (`05`), zero as `0` (minutes-format.md §5: never
/// `00`), otherwise with a thousands dot (`1.250`).
pub fn count(n: u64) -> String {
    if n == 0 {
        "0".to_string()
    } else if n < 10 {
        format!("{n:02}")
    } else {
        thousands(n)
    }
}

/// A whole number with a dot between thousands: `1250000` → `1.250.000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A percentage with one decimal and a decimal comma (`87,8%`); a whole number drops the decimal (`100%`).
/// A zero denominator gives `0%`.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0%".to_string();
    }
    // Round half up in tenths of a percent, in integers so that 87.75 never rounds down through binary floats.
    let tenths = (part * 1000 * 2 + whole) / (whole * 2);
    if tenths.is_multiple_of(10) {
        format!("{}%", thousands(tenths / 10))
    } else {
        format!("{},{}%", thousands(tenths / 10), tenths % 10)
    }
}

/// Day and month as the official date line writes them: days 01–09 and months 01–02 take a leading zero.
fn day_month(date: NaiveDate) -> (String, String) {
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    (format!("{:02}", date.day()), month)
}

/// `ngày 30 tháng 8 năm 2023`.
pub fn date_words(date: NaiveDate) -> String {
    let (day, month) = day_month(date);
    format!("ngày {day} tháng {month} năm {}", date.year())
}

/// The header's place-and-date line: `Thanh Bình Thịnh, ngày 30 tháng 8 năm 2023`.
pub fn date_line(place: &str, date: NaiveDate) -> String {
    if place.trim().is_empty() {
        capitalize(&date_words(date))
    } else {
        format!("{}, {}", place.trim(), date_words(date))
    }
}

/// A short numeric date for tables and due dates, by the date line's rule (days 01–09 and months 01–02
/// padded): `31/12/2023`, `30/6/2024`, `05/02/2025`.
pub fn short_date(date: NaiveDate) -> String {
    let (day, month) = day_month(date);
    format!("{day}/{month}/{}", date.year())
}

/// `14 giờ 00 phút`.
pub fn time_words(time: NaiveTime) -> String {
    format!("{} giờ {:02} phút", time.hour(), time.minute())
}

/// The register number: party `Số 05-BB/CB` (no colon, hyphen then slash); state `Số: 05/BB-UBND`.
pub fn number_symbol(layout: Layout, number: u32, code: &str) -> String {
    match layout {
        Layout::Party => format!("Số {number:02}-BB/{code}"),
        Layout::State => format!("Số: {number:02}/BB-{code}"),
    }
}

/// The adjective of the meeting kind: `thường kỳ`, `chuyên đề`, `bất thường` (empty for `other`).
pub fn kind_words(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Regular => "thường kỳ",
        MeetingKind::Thematic => "chuyên đề",
        MeetingKind::Extraordinary => "bất thường",
        MeetingKind::Other => "",
    }
}

/// The closing sentence with the end time: the Party's "… kết thúc vào hồi … cùng ngày." (Hướng dẫn
/// 36-HD/VPTW), the State's "Cuộc họp kết thúc vào … giờ …, ngày … tháng … năm …./." (Mẫu 1.9).
pub fn closing_sentence(layout: Layout, body: Body, end: NaiveTime, date: NaiveDate) -> String {
    let event = phrases(layout, body).event;
    match layout {
        Layout::Party => format!("{event} kết thúc vào hồi {} cùng ngày.", time_words(end)),
        Layout::State => format!(
            "{event} kết thúc vào {} giờ {:02}, {}./.",
            end.hour(),
            end.minute(),
            date_words(date)
        ),
    }
}

/// The first letter in upper case (Vietnamese-aware, through Unicode case mapping).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn counts_and_percentages() {
        assert_eq!(count(5), "05");
        assert_eq!(count(0), "0");
        assert_eq!(count(36), "36");
        assert_eq!(count(1_250_000), "1.250.000");
        assert_eq!(percent(36, 41), "87,8%");
        assert_eq!(percent(36, 36), "100%");
        assert_eq!(percent(1, 3), "33,3%");
        assert_eq!(percent(7, 8), "87,5%");
        assert_eq!(percent(0, 0), "0%");
    }

    #[test]
    fn dates_pad_early_days_and_months() {
        assert_eq!(
            date_line("Thanh Bình Thịnh", date(2023, 8, 30)),
            "Thanh Bình Thịnh, ngày 30 tháng 8 năm 2023"
        );
        assert_eq!(date_words(date(2026, 2, 5)), "ngày 05 tháng 02 năm 2026");
        assert_eq!(date_words(date(2026, 11, 1)), "ngày 01 tháng 11 năm 2026");
        assert_eq!(short_date(date(2023, 12, 31)), "31/12/2023");
        assert_eq!(short_date(date(2024, 6, 30)), "30/6/2024");
        assert_eq!(short_date(date(2025, 2, 5)), "05/02/2025");
    }

    #[test]
    fn number_symbols_follow_each_layout() {
        assert_eq!(number_symbol(Layout::Party, 5, "CB"), "Số 05-BB/CB");
        assert_eq!(number_symbol(Layout::State, 5, "UBND"), "Số: 05/BB-UBND");
        assert_eq!(number_symbol(Layout::Party, 123, "CB"), "Số 123-BB/CB");
    }

    #[test]
    fn closing_sentence_has_the_end_time() {
        let end = NaiveTime::from_hms_opt(16, 45, 0).unwrap();
        assert_eq!(
            closing_sentence(Layout::Party, Body::Cell, end, date(2023, 8, 30)),
            "Buổi sinh hoạt kết thúc vào hồi 16 giờ 45 phút cùng ngày."
        );
        assert_eq!(
            closing_sentence(Layout::Party, Body::Committee, end, date(2023, 8, 30)),
            "Hội nghị kết thúc vào hồi 16 giờ 45 phút cùng ngày."
        );
        assert_eq!(
            closing_sentence(Layout::State, Body::Agency, end, date(2023, 8, 30)),
            "Cuộc họp kết thúc vào 16 giờ 45, ngày 30 tháng 8 năm 2023./."
        );
    }
}

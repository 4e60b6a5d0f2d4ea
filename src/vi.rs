//! Vietnamese formatting: padded counts, decimal comma and thousands dot, dates and times in words, the number
//! symbol of each layout, and the wording that depends on the meeting kind.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::input::model::{Layout, MeetingKind};

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

/// The closing sentence with the end time.
pub fn closing_sentence(layout: Layout, end: NaiveTime, date: NaiveDate) -> String {
    match layout {
        Layout::Party => format!(
            "Buổi sinh hoạt kết thúc vào hồi {} cùng ngày.",
            time_words(end)
        ),
        Layout::State => format!(
            "Cuộc họp kết thúc vào {} giờ {:02}, {}./.",
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
            closing_sentence(Layout::Party, end, date(2023, 8, 30)),
            "Buổi sinh hoạt kết thúc vào hồi 16 giờ 45 phút cùng ngày."
        );
        assert_eq!(
            closing_sentence(Layout::State, end, date(2023, 8, 30)),
            "Cuộc họp kết thúc vào 16 giờ 45, ngày 30 tháng 8 năm 2023./."
        );
    }
}

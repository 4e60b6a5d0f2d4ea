//! The date a document carries: the meeting date, or the time `SOURCE_DATE_EPOCH` names for a reproducible build
//! (the render stage writes it into the source, the command line refuses a malformed one).

use chrono::NaiveDate;

use crate::diag::{Text, t};

/// The environment variable of reproducible builds: a Unix time that replaces every date taken from elsewhere.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The time `SOURCE_DATE_EPOCH` names: None when unset or empty, an error when it is not a Unix time.
pub fn source_date_epoch() -> Result<Option<chrono::DateTime<chrono::Utc>>, Text> {
    let Some(value) = std::env::var_os(SOURCE_DATE_EPOCH).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(Some)
        .ok_or_else(|| {
            t(
                format!("{SOURCE_DATE_EPOCH}={text} is not a Unix time (expected whole seconds since 1970)"),
                format!("{SOURCE_DATE_EPOCH}={text} không phải thời gian Unix (cần số giây nguyên kể từ 1970)"),
            )
        })
}

/// The document's creation date as a Typst `datetime(...)` expression: the meeting date, or the time
/// `SOURCE_DATE_EPOCH` names when it is set (an invalid value is refused up front by the command line).
/// Written into the source itself, so that the generated `.typ` compiles to the same date anywhere.
pub fn document_date(meeting: NaiveDate) -> String {
    use chrono::{Datelike, Timelike};
    match source_date_epoch() {
        Ok(Some(t)) => format!(
            "datetime(year: {}, month: {}, day: {}, hour: {}, minute: {}, second: {})",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        _ => format!(
            "datetime(year: {}, month: {}, day: {})",
            meeting.year(),
            meeting.month(),
            meeting.day()
        ),
    }
}

//! Printing the register of [`crate::register`]: a Markdown table, CSV, JSON, or a PDF in the official style
//! (a Tera template, `register/so-bien-ban.typ.tera`, rendered to Typst and typeset like the minutes).

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::input::model::{Layout, MeetingKind, Status};
use crate::press::fonts::FontSet;
use crate::register::{RemedyRow, Row};
use crate::render::escape::{markup, markup_lines, string};
use crate::render::markup::inline_to_typst;
use crate::render::template::Templates;
use crate::vi;

/// The Vietnamese words for a status.
fn status_words(status: Status) -> &'static str {
    match status {
        Status::Draft => "dự thảo",
        Status::Approved => "đã thông qua",
    }
}

fn kind_key(kind: Option<MeetingKind>) -> String {
    kind.map(|k| k.as_str().to_string()).unwrap_or_default()
}

/// `Chuyên đề: title` — the kind's words, capitalised, then the title.
fn meeting_words(row: &Row) -> String {
    match row.kind.map(vi::kind_words).filter(|w| !w.is_empty()) {
        Some(words) => format!("{}: {}", vi::capitalize(words), row.title),
        None => row.title.to_string(),
    }
}

fn attendance(row: &Row) -> String {
    match (row.present, row.summoned) {
        (Some(p), Some(s)) => format!("{p}/{s}"),
        _ => String::new(),
    }
}

fn votes(row: &Row) -> String {
    row.votes
        .iter()
        .map(|v| format!("{}/{}/{}", v.in_favour, v.against, v.abstain))
        .collect::<Vec<_>>()
        .join("; ")
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(vi::short_date).unwrap_or_default()
}

/// A Markdown table cell: one line, `|` escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// A Markdown table, written a line at a time (a register of 100 000 rows is never whole in memory).
fn table(
    out: &mut dyn Write,
    header: &[&str],
    align: &str,
    rows: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    writeln!(out, "| {} |\n{align}", header.join(" | "))?;
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

const ROW_HEADER: [&str; 10] = [
    "STT",
    "Số",
    "Ngày",
    "Tổ chức",
    "Cuộc họp",
    "Có mặt/triệu tập",
    "Giải pháp",
    "Biểu quyết (tán thành/không/không biểu quyết)",
    "Trạng thái",
    "Tệp",
];

fn row_cells(i: usize, row: &Row) -> Vec<String> {
    let mut status = status_words(row.status).to_string();
    if row.errors > 0 {
        status.push_str(&format!(" ({} lỗi)", row.errors));
    }
    vec![
        (i + 1).to_string(),
        row.symbol.to_string(),
        date(row.date),
        row.organization.to_string(),
        meeting_words(row),
        attendance(row),
        row.remedies.to_string(),
        votes(row),
        status,
        row.file.to_string(),
    ]
}

/// The register as a Markdown table, written to `out`.
pub fn rows_markdown(rows: &[&Row], out: &mut dyn Write) -> io::Result<()> {
    table(
        out,
        &ROW_HEADER,
        "|---:|---|---|---|---|---:|---:|---|---|---|",
        rows.iter().enumerate().map(|(i, r)| row_cells(i, r)),
    )
}

const REMEDY_HEADER: [&str; 9] = [
    "Số biên bản",
    "Ngày họp",
    "Tổ chức",
    "TT",
    "Giải pháp, nhiệm vụ",
    "Phụ trách",
    "Thời hạn",
    "Tình trạng",
    "Xem xét tại",
];

fn remedy_cells(r: &RemedyRow) -> Vec<String> {
    vec![
        r.symbol.clone(),
        date(r.date),
        r.organization.clone(),
        r.n.to_string(),
        r.text.clone(),
        r.owner.clone(),
        date(r.due),
        super::follow::status_words(&r.status).to_string(),
        r.reviewed_in.join(", "),
    ]
}

/// The remedies as a Markdown table, past-due ones flagged in bold, written to `out`.
pub fn remedies_markdown(remedies: &[RemedyRow], out: &mut dyn Write) -> io::Result<()> {
    table(
        out,
        &REMEDY_HEADER,
        "|---|---|---|---:|---|---|---|---|---|",
        remedies.iter().map(|r| {
            let mut cells = remedy_cells(r);
            if r.past_due {
                cells[7] = "**QUÁ HẠN**".to_string();
            }
            cells
        }),
    )
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). A field that a spreadsheet
/// would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
/// `'`, the OWASP rule against CSV injection: `=HYPERLINK(…)` in a title stays text when the register is
/// opened in Excel or LibreOffice.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A CSV file: a UTF-8 byte order mark (without it Excel reads the Vietnamese as Windows-1252 mojibake), the
/// header row, then one line per row, written a line at a time.
fn csv(
    out: &mut dyn Write,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    let header: Vec<String> = header.iter().map(|h| csv_field(h)).collect();
    writeln!(out, "\u{feff}{}", header.join(","))?;
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The register's CSV columns: Vietnamese names for the clerk's spreadsheet; the values stay data (ISO dates,
/// the front matter's keys), for scripts.
pub const ROW_CSV_HEADER: [&str; 15] = [
    "Tệp",
    "Số",
    "Số hiệu",
    "Ngày",
    "Tổ chức",
    "Cấp trên",
    "Thể thức",
    "Loại cuộc họp",
    "Tên cuộc họp",
    "Có mặt",
    "Triệu tập",
    "Giải pháp",
    "Biểu quyết",
    "Trạng thái",
    "Lỗi",
];

/// The remedies' CSV columns.
pub const REMEDY_CSV_HEADER: [&str; 9] = [
    "Tệp",
    "Số hiệu",
    "Ngày họp",
    "Tổ chức",
    "TT",
    "Giải pháp, nhiệm vụ",
    "Phụ trách",
    "Thời hạn",
    "Quá hạn",
];

/// The register as CSV (see [`csv`] and [`ROW_CSV_HEADER`]), written to `out`.
pub fn rows_csv(rows: &[&Row], out: &mut dyn Write) -> io::Result<()> {
    csv(
        out,
        &ROW_CSV_HEADER,
        rows.iter().map(|r| {
            vec![
                r.file.to_string(),
                opt(r.number),
                r.symbol.to_string(),
                opt(r.date),
                r.organization.to_string(),
                r.parent.to_string(),
                r.layout.name().to_string(),
                kind_key(r.kind),
                r.title.to_string(),
                opt(r.present),
                opt(r.summoned),
                r.remedies.to_string(),
                votes(r),
                r.status.as_str().to_string(),
                r.errors.to_string(),
            ]
        }),
    )
}

/// The remedies as CSV, written to `out`.
pub fn remedies_csv(remedies: &[RemedyRow], out: &mut dyn Write) -> io::Result<()> {
    csv(
        out,
        &REMEDY_CSV_HEADER,
        remedies.iter().map(|r| {
            vec![
                r.file.clone(),
                r.symbol.clone(),
                opt(r.date),
                r.organization.clone(),
                r.n.to_string(),
                r.text.clone(),
                r.owner.clone(),
                opt(r.due),
                r.past_due.to_string(),
            ]
        }),
    )
}

/// Any serialisable list as pretty JSON, written to `out` as it is serialised.
pub fn json<T: Serialize>(items: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, items).map_err(io::Error::other)?;
    writeln!(out)
}

/// What the register template receives: every string already escaped for Typst markup.
#[derive(Debug, Serialize)]
struct RegisterView {
    fonts: String,
    title: String,
    subtitle: String,
    columns: String,
    header: Vec<String>,
    /// One section per layout, each under its own header (a UBND register gets the State header).
    sections: Vec<Section>,
    date: String,
    doc_title: String,
}

/// The rows of one layout, under that layout's header.
#[derive(Debug, Serialize)]
struct Section {
    /// `party` or `state`: which national title heads the page.
    layout: &'static str,
    parent_upper: String,
    org_upper: String,
    rows: Vec<Vec<String>>,
    /// Rows to print in bold (past-due remedies, duplicate or missing numbers).
    flagged: Vec<usize>,
}

/// A file's path for the PDF: a long one shortened to `…/` and its last two parts, with a break allowed after
/// every `/` and `-` so that it wraps inside its column.
fn path_cell(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let short = if path.chars().count() > 40 && parts.len() > 2 {
        format!("…/{}", parts[parts.len() - 2..].join("/"))
    } else {
        path.to_string()
    };
    markup(&short)
        .replace('/', "/\u{200B}")
        .replace('-', "-\u{200B}")
}

/// The one value all rows share, or empty.
fn common<'a>(mut values: impl Iterator<Item = &'a str>) -> &'a str {
    let Some(first) = values.next() else {
        return "";
    };
    if values.all(|v| v == first) {
        first
    } else {
        ""
    }
}

fn years(dates: impl Iterator<Item = Option<NaiveDate>>) -> String {
    use chrono::Datelike;
    let years: Vec<i32> = dates.flatten().map(|d| d.year()).collect();
    match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("Năm {a}"),
        (Some(a), Some(b)) => format!("Từ năm {a} đến năm {b}"),
        _ => String::new(),
    }
}

/// What the PDF register shows: its title, the columns and the cells, already Typst markup.
struct Table {
    title: &'static str,
    subtitle: String,
    header: Vec<&'static str>,
    cells: Vec<Vec<String>>,
    flagged: Vec<usize>,
    /// Each row's layout (the section it goes in).
    layouts: Vec<Layout>,
    columns: &'static str,
    doc_date: Option<NaiveDate>,
}

/// The register of minutes as a table.
fn minutes_table(rows: &[&Row]) -> Table {
    Table {
        title: "SỔ THEO DÕI BIÊN BẢN",
        subtitle: years(rows.iter().map(|r| r.date)),
        header: ROW_HEADER.to_vec(),
        cells: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut c: Vec<String> = row_cells(i, r).iter().map(|c| markup(c)).collect();
                c[7] = markup(&votes(r).replace("; ", "\n"));
                c[9] = path_cell(&r.file);
                if !r.marks.is_empty() {
                    c[1] = format!("{}#linebreak()#emph[{}]", c[1], markup(&r.marks.join("; ")));
                }
                c
            })
            .collect(),
        flagged: (0..rows.len())
            .filter(|&i| !rows[i].marks.is_empty())
            .collect(),
        layouts: rows.iter().map(|r| r.layout).collect(),
        columns: "(auto, auto, auto, 1.2fr, 2.6fr, auto, auto, 1fr, auto, 1.2fr)",
        doc_date: rows.iter().filter_map(|r| r.date).max(),
    }
}

/// The register of remedies as of a date as a table, past-due rows flagged.
fn remedies_table(list: &[RemedyRow], as_of: NaiveDate) -> Table {
    Table {
        title: "THEO DÕI THỰC HIỆN GIẢI PHÁP, NHIỆM VỤ",
        subtitle: format!("Tính đến {}", vi::date_words(as_of)),
        header: REMEDY_HEADER.to_vec(),
        cells: list
            .iter()
            .map(|r| {
                let mut c: Vec<String> = remedy_cells(r).iter().map(|c| markup(c)).collect();
                c[4] = inline_to_typst(&r.text, 0).typst;
                c
            })
            .collect(),
        flagged: list
            .iter()
            .enumerate()
            .filter(|(_, r)| r.past_due)
            .map(|(i, _)| i)
            .collect(),
        layouts: list.iter().map(|r| r.layout).collect(),
        columns: "(auto, auto, 1.2fr, auto, 3fr, 1.2fr, auto, auto, 1.2fr)",
        doc_date: Some(as_of),
    }
}

/// The PDF register of minutes, or of remedies when `remedies` is given (with its as-of date).
pub fn pdf(
    rows: &[&Row],
    remedies: Option<(&[RemedyRow], NaiveDate)>,
    templates: &Templates,
    fonts: &FontSet,
) -> Result<Vec<u8>, String> {
    let table = match remedies {
        None => minutes_table(rows),
        Some((list, as_of)) => remedies_table(list, as_of),
    };
    let doc_date = table
        .doc_date
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
    let view = RegisterView {
        fonts: format!(
            "({},)",
            fonts
                .families
                .iter()
                .map(|f| string(f))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        sections: sections(rows, &table),
        title: markup(table.title),
        subtitle: markup(&table.subtitle),
        columns: table.columns.to_string(),
        header: table.header.iter().map(|h| markup(h)).collect(),
        date: {
            use chrono::Datelike;
            format!(
                "datetime(year: {}, month: {}, day: {})",
                doc_date.year(),
                doc_date.month(),
                doc_date.day()
            )
        },
        doc_title: string(&vi::capitalize(&table.title.to_lowercase())),
    };
    let source = templates.render_named(REGISTER_TEMPLATE, &view)?;
    crate::typeset::compile::pdf(source, None, fonts, doc_date, "so-theo-doi-bien-ban")
        .map_err(|errors| format!("failed to typeset the register ({})", errors.join("; ")))
}

/// The table's rows split by layout, Party first, each under the header its organisations share.
fn sections(rows: &[&Row], table: &Table) -> Vec<Section> {
    [Layout::Party, Layout::State]
        .into_iter()
        .filter_map(|layout| {
            let picked: Vec<usize> = (0..table.cells.len())
                .filter(|&i| table.layouts[i] == layout)
                .collect();
            if picked.is_empty() && !(layout == Layout::Party && table.cells.is_empty()) {
                return None;
            }
            let mine: Vec<&&Row> = rows.iter().filter(|r| r.layout == layout).collect();
            let parent = common(mine.iter().map(|r| &*r.parent));
            let org = common(mine.iter().map(|r| &*r.organization));
            Some(Section {
                layout: layout.name(),
                parent_upper: markup_lines(&parent.to_uppercase()),
                org_upper: markup_lines(&org.to_uppercase()),
                rows: picked.iter().map(|&i| table.cells[i].clone()).collect(),
                flagged: picked
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| table.flagged.contains(i))
                    .map(|(k, _)| k)
                    .collect(),
            })
        })
        .collect()
}

/// The register template's name (a user's `templates/register/so-bien-ban.typ.tera` overrides it).
pub const REGISTER_TEMPLATE: &str = "register/so-bien-ban.typ.tera";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("Chi bộ A"), "Chi bộ A");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
    }

    #[test]
    fn csv_formulas_are_neutralised() {
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\", \"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\", \"\"y\"\")\""
        );
        assert_eq!(csv_field("a=b"), "a=b");
    }

    #[test]
    fn markdown_cells_stay_on_one_line() {
        assert_eq!(cell("a |\n b"), "a \\| b");
    }
}

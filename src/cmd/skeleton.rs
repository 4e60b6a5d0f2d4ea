//! `bienban new`: a commented skeleton minutes file for a layout and a meeting kind, dated today. Every value
//! the clerk must supply is a placeholder in angle brackets (`<…>`); the counts and times are placeholders too,
//! so an unfilled skeleton fails `check` (a count that is not a number is an error) instead of printing
//! `<tên chi bộ>` in a PDF. Filled in, it passes `check`. An existing file is never overwritten.

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::input::model::{Layout, MeetingKind};

/// The skeleton's text.
pub fn skeleton(layout: Layout, kind: MeetingKind, date: NaiveDate) -> String {
    let words = LayoutWords::of(layout);
    // A regular meeting's title is its month; the others need the clerk's words.
    let title = match kind {
        MeetingKind::Regular => format!("tháng {} năm {}", date.month(), date.year()),
        MeetingKind::Thematic => "<chủ đề sinh hoạt chuyên đề>".to_string(),
        _ => "<trích yếu nội dung cuộc họp>".to_string(),
    };
    let mut context = tera::Context::from_serialize(&words).unwrap_or_default();
    context.insert("layout_name", layout.name());
    context.insert("kind_name", kind.as_str());
    context.insert("title", &title);
    context.insert("date", &date.format("%Y-%m-%d").to_string());
    // The template is ours and its context complete: rendering cannot fail but for a bug, caught by the tests.
    tera::Tera::one_off(SKELETON, &context, false).unwrap_or_default()
}

/// The skeleton's Tera template.
const SKELETON: &str = include_str!("../../templates/new/bien-ban.md.tera");

/// What the skeleton says differently for each layout.
#[derive(serde::Serialize)]
struct LayoutWords {
    layout_comment: &'static str,
    org: &'static str,
    place: &'static str,
    chair_role: &'static str,
    secretary_role: &'static str,
    code: &'static str,
    members_word: &'static str,
    body_name: &'static str,
    body_comment: &'static str,
    salutation_example: &'static str,
    recipients: &'static str,
    body_heading: &'static str,
}

impl LayoutWords {
    fn of(layout: Layout) -> Self {
        match layout {
            Layout::Party => Self {
                layout_comment: "party (Đảng, HD 36-HD/VPTW) | state (Nhà nước, NĐ 30/2020/NĐ-CP)",
                org: "  parent: <Đảng bộ cấp trên, ví dụ Đảng bộ xã Thanh Bình Thịnh>\n  name: <Chi bộ ..., ví dụ Chi bộ Đại Lợi>\n",
                place: "place: <địa danh, ví dụ Thanh Bình Thịnh>     # in ở dòng địa danh, ngày tháng\n",
                chair_role: "Bí thư Chi bộ",
                secretary_role: "Chi ủy viên",
                code: "CB",
                members_word: "đảng viên",
                body_name: "cell",
                body_comment: "cell (chi bộ, default) | cell-committee | committee | standing-committee",
                salutation_example: "đồng chí (default)",
                recipients: "  - <cấp ủy cấp trên, ví dụ Đảng ủy xã Thanh Bình Thịnh>\n  - Lưu Chi bộ\n",
                body_heading: "Nội dung sinh hoạt",
            },
            Layout::State => Self {
                layout_comment: "state (Nhà nước, NĐ 30/2020/NĐ-CP) | party (Đảng, HD 36-HD/VPTW)",
                org: "  parent: <cơ quan cấp trên, ví dụ UBND tỉnh Đồng Tháp>\n  name: <cơ quan ban hành, ví dụ UBND xã Thanh Bình>\n",
                place: "place: <địa danh (không bắt buộc với mẫu Nhà nước)>\n",
                chair_role: "Chủ tịch UBND xã",
                secretary_role: "Công chức Văn phòng - Thống kê",
                code: "UBND",
                members_word: "thành viên",
                body_name: "agency",
                body_comment: "agency (default: a State body's meeting)",
                salutation_example: "ông, bà (default: none)",
                recipients: "  - <nơi nhận, ví dụ UBND tỉnh Đồng Tháp>\n  - \"Lưu: VT, Hồ sơ\"\n",
                body_heading: "Nội dung cuộc họp",
            },
        }
    }
}

/// Writes the skeleton to `path`, creating its folder; fails if the file already exists.
pub fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("failed to create folder {} ({e})", dir.display()))?;
    }
    // create_new: the check and the creation are one step, so a file appearing meanwhile is not overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "refused to write {} (the file exists; bienban new never overwrites)",
                path.display()
            ),
            _ => format!("failed to create {} ({e})", path.display()),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("failed to write {} ({e})", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{BuildContext, Options};
    use crate::diag::Diagnostic;
    use crate::diag::source::SourceFile;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()
    }

    fn errors(text: &str) -> Vec<Diagnostic> {
        let file = SourceFile::new("new.md", text.to_string());
        let context = BuildContext::new(Options {
            today: date(),
            ..Options::default()
        });
        context
            .check_source(file)
            .0
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect()
    }

    #[test]
    fn unfilled_skeletons_fail_check_and_are_valid_yaml() {
        for layout in [Layout::Party, Layout::State] {
            let text = skeleton(layout, MeetingKind::Thematic, date());
            assert!(text.contains("date: 2024-03-15"));
            let errors = errors(&text);
            assert!(!errors.is_empty());
            // The placeholders are the only problems: no YAML syntax error, no unknown key.
            assert!(
                errors
                    .iter()
                    .all(|d| d.code != "E0003" && d.code != "E0101"),
                "{errors:?}"
            );
        }
    }

    #[test]
    fn never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/a.md");
        write_new(&path, "first").unwrap();
        let err = write_new(&path, "second").unwrap_err();
        assert!(err.contains("never overwrites"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
    }
}

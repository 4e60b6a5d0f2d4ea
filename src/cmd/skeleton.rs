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
    let (layout_name, layout_comment) = match layout {
        Layout::Party => (
            "party",
            "party (Đảng, HD 36-HD/VPTW) | state (Nhà nước, NĐ 30/2020/NĐ-CP)",
        ),
        Layout::State => (
            "state",
            "state (Nhà nước, NĐ 30/2020/NĐ-CP) | party (Đảng, HD 36-HD/VPTW)",
        ),
    };
    let kind_name = match kind {
        MeetingKind::Regular => "regular",
        MeetingKind::Thematic => "thematic",
        MeetingKind::Extraordinary => "extraordinary",
        MeetingKind::Other => "other",
    };
    // A regular meeting's title is its month; the others need the clerk's words.
    let title = match kind {
        MeetingKind::Regular => format!("tháng {} năm {}", date.month(), date.year()),
        MeetingKind::Thematic => "<chủ đề sinh hoạt chuyên đề>".to_string(),
        _ => "<trích yếu nội dung cuộc họp>".to_string(),
    };
    let (org, place, chair_role, secretary_role, code, members_word, recipients) = match layout {
        Layout::Party => (
            "  parent: <Đảng bộ cấp trên, ví dụ Đảng bộ xã Thanh Bình Thịnh>\n  name: <Chi bộ ..., ví dụ Chi bộ Đại Lợi>\n",
            "place: <địa danh, ví dụ Thanh Bình Thịnh>     # printed in the date line\n",
            "Bí thư Chi bộ",
            "Chi ủy viên",
            "CB",
            "đảng viên",
            "  - <cấp ủy cấp trên, ví dụ Đảng ủy xã Thanh Bình Thịnh>\n  - Lưu Chi bộ\n",
        ),
        Layout::State => (
            "  parent: <cơ quan cấp trên, ví dụ UBND huyện Thanh Hà>\n  name: <cơ quan ban hành, ví dụ UBND xã Thanh Bình>\n",
            "place: <địa danh (không bắt buộc với mẫu Nhà nước)>\n",
            "Chủ tịch UBND xã",
            "Công chức Văn phòng - Thống kê",
            "UBND",
            "thành viên",
            "  - <nơi nhận, ví dụ UBND huyện Thanh Hà>\n  - \"Lưu: VT, Hồ sơ\"\n",
        ),
    };
    let body_heading = match layout {
        Layout::Party => "Nội dung sinh hoạt",
        Layout::State => "Nội dung cuộc họp",
    };
    format!(
        r#"---
# Biên bản — written by `bienban new`. Replace every <…> with the real value, then run `bienban check`.
# Delete the lines of the optional keys you do not need. Values containing a comma inside {{ … }} must be quoted.
layout: {layout_name}    # {layout_comment}
status: draft     # draft (printed with a "DỰ THẢO" mark) | approved
number: <số thứ tự trong sổ, ví dụ 1>    # optional: delete this line for an entry without a number
organization:
{org}  code: {code}          # the abbreviation in the number (capital letters)
{place}date: {date}      # YYYY-MM-DD
start: "<HH:MM>"      # quoted, 24 h, e.g. "14:00"
end: "<HH:MM>"        # quoted, after the start
venue: <địa điểm, ví dụ Nhà văn hóa thôn Đại Lợi>
meeting:
  kind: {kind_name}    # regular | thematic | extraordinary | other
  title: {title}
chair: {{ name: <họ và tên chủ trì>, role: {chair_role} }}
secretary: {{ name: <họ và tên thư ký>, role: {secretary_role} }}
members:
  total: <tổng số {members_word}>          # on the roll
  probationary: 0                      # dự bị (they do not vote)
  exempt: 0                            # miễn sinh hoạt (not summoned)
  present: <số có mặt>                 # present + absentees = total - exempt
  absent: []                           # e.g. - {{ name: Nguyễn Văn An, reason: ốm }}   (no reason = unexcused)
guests: []                             # e.g. - {{ name: ..., role: ... }}
speakers:
  - name: <họ và tên người phát biểu>
    role: {members_word}
    remarks: <ý kiến phát biểu (Markdown)>
conclusion: |
  <kết luận của chủ trì (Markdown)>
remedies:                              # numbered in the PDF; owner and due are optional
  - text: <giải pháp, nhiệm vụ>
    owner: <người hoặc bộ phận phụ trách>
    due: <YYYY-MM-DD>
votes:                                 # for + against + abstain ≤ present
  - {{ subject: <nội dung biểu quyết>, for: <số tán thành>, against: 0, abstain: 0 }}
recipients:                            # Nơi nhận; the last line is the archive copy
{recipients}---

## {body_heading}

<nội dung (Markdown): đoạn văn, **đậm**, *nghiêng*, danh sách, bảng>
"#,
        date = date.format("%Y-%m-%d"),
    )
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
    use crate::build::prepare;
    use crate::diag::Diagnostic;
    use crate::diag::source::SourceFile;
    use crate::typeset::fonts::FontSet;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()
    }

    fn errors(text: &str) -> Vec<Diagnostic> {
        let file = SourceFile::new("new.md", text.to_string());
        prepare::prepare(&file, FontSet::bundled(), date())
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

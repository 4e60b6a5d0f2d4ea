//! A clean `check` means a right PDF (issue 12): empty values, placeholders, votes beyond the official members
//! present, counts with leading zeros, Party-only rules on State minutes, images, and Markdown that would
//! otherwise disappear. Each test failed before its fix.

use std::path::Path;

use chrono::NaiveDate;

use bienban::diag::Diagnostic;
use bienban::diag::source::SourceFile;

fn valid() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.md"))
        .expect("valid fixture")
}

/// Checks `text` as if read from `path`.
pub fn check_at(path: &Path, text: &str) -> Vec<Diagnostic> {
    let file = SourceFile::new(path, text.to_string());
    let today = NaiveDate::from_ymd_opt(2024, 1, 15).expect("date");
    crate::common::check(file, today).0
}

fn check(text: &str) -> Vec<Diagnostic> {
    check_at(Path::new("minutes.md"), text)
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code.as_str()).collect()
}

/// `valid.md` with `from` replaced by `to` (which must occur).
fn edited(from: &str, to: &str) -> String {
    let text = valid();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn an_empty_required_value_is_as_missing_as_no_key() {
    for (from, to, at) in [
        ("date: 2023-08-30", "date:", "date"),
        ("date: 2023-08-30", "date: ~", "date"),
        ("venue: Nhà văn hóa thôn Đại Lợi", "venue: ~", "venue"),
        ("venue: Nhà văn hóa thôn Đại Lợi", "venue: \"   \"", "venue"),
        ("place: Thanh Bình Thịnh", "place: ''", "place"),
        ("name: Lê Văn Hùng", "name: \"\"", "name"),
        ("role: Chi ủy viên", "role: ~", "role"),
        ("  name: Chi bộ Đại Lợi", "  name:", "name"),
        ("  kind: thematic", "  kind:", "kind"),
        ("  title: Nâng cao", "  title: ''\n  x: Nâng cao", "title"),
        ("  total: 20", "  total:", "total"),
        ("  present: 17", "  present: ~", "present"),
        ("name: Nguyễn Văn An", "name: ' '", "name"),
        ("remarks: Đồng ý với báo cáo.", "remarks:", "remarks"),
        ("    for: 16", "    for:", "for"),
        ("subject: Thông qua nghị quyết", "subject: \"\"", "subject"),
        (
            "chair: { name: Lê Văn Hùng, role: Bí thư Chi bộ }",
            "chair:",
            "chair",
        ),
        (
            "votes:",
            "recipients: [A, '']\nsigners: { left: ' ' }\nvotes:",
            "''",
        ),
        ("votes:", "signers: { left: ' ' }\nvotes:", "left"),
        ("votes:", "guests:\n  -\nvotes:", "-"),
    ] {
        let text = edited(from, to);
        let diags = check(&text);
        let blank: Vec<_> = diags.iter().filter(|d| d.code == "E0104").collect();
        assert!(!blank.is_empty(), "{to}: {diags:#?}");
        let span = blank[0].span.clone().expect("located");
        assert!(
            text[span.clone()].starts_with(at) || text[span.start..].starts_with(at),
            "{to}: at {:?}",
            &text[span]
        );
        // Reported once, as empty, not also as missing or as a wrong value (except the unknown `x` above).
        assert!(
            diags
                .iter()
                .all(|d| !["E0102", "E0103"].contains(&d.code.as_str())),
            "{to}: {diags:#?}"
        );
    }
}

#[test]
fn counts_are_accepted_with_leading_zeros() {
    let text = edited("number: 5", "number: 05")
        .replace("  total: 20", "  total: 020")
        .replace("  present: 17", "  present: 017")
        .replace("    against: 0", "    against: 00");
    let diags = check(&text);
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn votes_may_not_exceed_the_official_members_present() {
    // 17 present, 2 probationary on the roll; the one absentee is official, so both probationary members were
    // present and at most 15 may vote.
    let text = edited(
        "{ name: Nguyễn Văn An, reason: ốm }",
        "{ name: Nguyễn Văn An, reason: ốm, probationary: false }",
    );
    assert_eq!(codes(&check(&text)), ["E0213"]);
    // Unmarked, the absentee may be one of the probationary members: 16 votes can be right.
    assert!(check(&valid()).is_empty());
    // Marked probationary: one probationary member was present, 16 official.
    let text = edited(
        "{ name: Nguyễn Văn An, reason: ốm }",
        "{ name: Nguyễn Văn An, reason: ốm, probationary: true }",
    );
    assert!(check(&text).is_empty(), "{:#?}", check(&text));
}

#[test]
fn state_minutes_get_no_party_only_warnings() {
    // A 30-minute meeting with 10 of 16 present and a vote of 8 of 16: three Party rules, no State rule.
    let party = edited("end: \"16:45\"", "end: \"14:30\"")
        .replace("  present: 17\n  absent:\n    - { name: Nguyễn Văn An, reason: ốm }", "  present: 10\n  absent:\n    - { name: A }\n    - { name: B }\n    - { name: C }\n    - { name: D }\n    - { name: E }\n    - { name: F }\n    - { name: G }\n    - { name: H }")
        .replace("    for: 16", "    for: 8");
    let party_codes = codes(&check(&party));
    for code in ["W0101", "W0102", "W0103"] {
        assert!(party_codes.contains(&code), "{party_codes:?}");
    }
    let state = party.replace("layout: party", "layout: state");
    let diags = check(&state);
    assert!(diags.is_empty(), "{diags:#?}");
    for d in &diags {
        assert!(!d.message.en.contains("HD/BTCTW") && !d.message.en.contains("Party"));
    }
}

#[test]
fn placeholders_from_bienban_new_are_located_errors() {
    let today = NaiveDate::from_ymd_opt(2024, 1, 10).expect("date");
    for layout in [
        bienban::input::model::Layout::Party,
        bienban::input::model::Layout::State,
    ] {
        let text = bienban::cmd::skeleton::skeleton(
            layout,
            bienban::input::model::MeetingKind::Thematic,
            today,
        );
        let diags = check(&text);
        // Every placeholder is reported where it stands, and nothing else is (not "wrong value", not "not a time").
        assert!(diags.iter().all(|d| d.code == "E0105"), "{diags:#?}");
        let marks = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| l.split(" #").next().unwrap_or(""))
            .map(|l| l.matches('<').count())
            .sum::<usize>();
        assert_eq!(diags.len(), marks, "{diags:#?}");
        for d in &diags {
            let span = d.span.clone().expect("located");
            assert!(text[span].starts_with('<'));
        }
    }
    let text = edited("venue: Nhà văn hóa thôn Đại Lợi", "venue: ‹địa điểm›")
        + "\nĐồng chí ‹họ và tên› trình bày.\n";
    let diags = check(&text);
    assert_eq!(codes(&diags), ["E0105", "E0105"], "{diags:#?}");
}

#[test]
fn characters_written_as_entities_are_checked_for_glyphs_like_literal_text() {
    let text = format!(
        "{}\nKý hiệu &#8754; và &#x2232; và &hearts; và &amp;.\n",
        valid()
    );
    let diags = check(&text);
    let glyphs: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "W0002")
        .map(|d| &text[d.span.clone().expect("located")])
        .collect();
    // ∲ once per line (like literal text), at the entity that writes it first.
    assert!(glyphs.contains(&"&#8754;"), "{diags:#?}");
    assert!(!glyphs.contains(&"&amp;"));
}

#[test]
fn nothing_in_the_body_disappears_without_a_located_warning() {
    let body = "\nTrước.\n\n<script>\nalert(1)\n</sCrIpT>\n\nĐoạn sau thẻ đóng.\n\n[^1]: Ghi_chú\n\n[nhãn]: gì-đó\n";
    let text = format!("{}{body}", valid());
    let today = NaiveDate::from_ymd_opt(2024, 1, 15).expect("date");
    let context = crate::common::context(today);
    let (result, checked) =
        context.check_source(SourceFile::new("in-memory/minutes.md", text.clone()));
    let body = crate::common::typst_source(&context, &checked.expect("checked"));
    assert!(body.contains("Đoạn sau thẻ đóng"), "{body}");
    let found: Vec<(&str, &str)> = result
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), &text[d.span.clone().expect("located")]))
        .collect();
    assert_eq!(
        found,
        [
            ("W0105", "<script>"),
            ("W0106", "[^1]: Ghi_chú"),
            ("W0106", "[nhãn]: gì-đó")
        ],
        "{:#?}",
        result.diagnostics
    );
}

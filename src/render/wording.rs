//! The sentences of the minutes that bienban writes itself — the meeting line, the opening, the attendance,
//! each vote's result, the approval statement — put together from the layout's phrase table
//! ([`crate::vi::phrases`]) and the clerk's values, escaped piece by piece ([`MarkupBuilder`]).

use crate::check::additions::is_secret;
use crate::check::minutes::Minutes;
use crate::input::model::{MeetingFormat, MeetingKind, Vote, VoteRule};
use crate::render::escape::{Markup, MarkupBuilder};
use crate::vi::{self, Phrases};

/// A count with its unit, zero as `0` (`05 đồng chí`, `0 phiếu`).
fn counted(n: u64, unit: &str) -> String {
    format!("{} {unit}", vi::count(n))
}

/// The form of address of a person: theirs, or the table's default; `ông/bà` is never printed.
pub fn salutation(given: Option<&str>, phrases: &Phrases) -> String {
    let given = given.map(str::trim).unwrap_or("");
    let compact: String = given.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.to_lowercase() == "ông/bà" {
        return String::new();
    }
    if given.is_empty() {
        phrases.salutation.to_string()
    } else {
        given.to_string()
    }
}

/// `đồng chí Lê Văn Hùng, Bí thư Chi bộ` (the salutation, the name, the position when there is one).
pub fn person_line(salutation: &str, name: &str, role: Option<&str>) -> Markup {
    let mut b = MarkupBuilder::default();
    if !salutation.is_empty() {
        b.text(salutation).text(" ");
    }
    b.text(name.trim());
    if let Some(role) = role.map(str::trim).filter(|r| !r.is_empty()) {
        b.text(", ").text(role);
    }
    b.finish()
}

/// The title with the meeting line's own words taken off its front (W0108 warns about them).
fn title_rest(m: &Minutes, line: &str) -> String {
    let title = m
        .meeting
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lower = title.to_lowercase();
    let head = line.to_lowercase();
    if !head.is_empty() && lower.starts_with(&head) {
        title
            .chars()
            .skip(head.chars().count())
            .collect::<String>()
            .trim_start_matches([' ', ':', ',', '-'])
            .to_string()
    } else {
        title
    }
}

/// Whether a regular meeting's title is its period (`tháng 8 năm 2025`, `quý III`), which runs on after the
/// meeting line instead of standing as a title of its own.
fn is_period(rest: &str) -> bool {
    let lower = rest.to_lowercase();
    [
        "tháng ",
        "quý ",
        "năm ",
        "6 tháng",
        "sáu tháng",
        "lần thứ",
        "đợt ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// The meeting line under BIÊN BẢN and the opening sentence's tail after the organisation's name.
pub fn meeting_and_opening(m: &Minutes, p: &Phrases) -> (Markup, Markup) {
    let line = p.title_line(m.meeting.kind);
    let rest = title_rest(m, &line);
    let kind = vi::kind_words(m.meeting.kind);
    let mut meeting = MarkupBuilder::default();
    let mut opening = MarkupBuilder::default();
    opening.text(p.holds);
    if !kind.is_empty() {
        opening.text(" ").text(kind);
    }
    if line.is_empty() {
        meeting.text(&vi::capitalize(&rest));
        opening.text(" về ").text(&rest);
    } else if rest.is_empty() {
        meeting.text(&line);
    } else if m.meeting.kind == MeetingKind::Regular && is_period(&rest) {
        meeting.text(&line).text(" ").text(&rest);
        opening.text(" ").text(&rest);
    } else if m.meeting.kind == MeetingKind::Thematic {
        meeting
            .text(&line)
            .linebreak()
            .text("“")
            .text(&rest)
            .text("”");
        opening.text(" với chủ đề “").text(&rest).text("”");
    } else {
        meeting.text(&line).linebreak().text(&vi::capitalize(&rest));
        opening.text(" với nội dung: ").text(&rest);
    }
    opening.text(".");
    (meeting.finish(), opening.finish())
}

/// Where the meeting was held, with its form when it was not in person: `Hội trường …` /
/// `Hội trường … (hình thức trực tuyến)`.
pub fn venue(m: &Minutes) -> Markup {
    let mut b = MarkupBuilder::default();
    b.text(m.venue.trim());
    let form = match m.meeting.format.unwrap_or_default() {
        MeetingFormat::InPerson => "",
        MeetingFormat::Online => "trực tuyến", // QA: "hình thức trực tuyến"
        MeetingFormat::Hybrid => "trực tiếp kết hợp trực tuyến", // QA
    };
    if !form.is_empty() {
        b.text(" (hình thức ").text(form).text(")");
    }
    b.finish()
}

/// The attendance in sentences: the roll, those present, those absent (zero clauses that say nothing are left
/// out: `dự bị: 0`, `miễn sinh hoạt: 0`).
pub fn attendance(m: &Minutes, p: &Phrases) -> Vec<Markup> {
    let mm = &m.members;
    let noun = p.member_noun;
    let mut roll = MarkupBuilder::default();
    roll.text(p.roll)
        .text(": ")
        .text(&counted(mm.total.into(), noun));
    if mm.probationary > 0 {
        roll.text(&format!(
            " (chính thức: {}, dự bị: {})",
            vi::count(mm.total.saturating_sub(mm.probationary).into()),
            vi::count(mm.probationary.into())
        ));
    }
    if mm.exempt > 0 {
        roll.text(&format!(
            "; miễn công tác và sinh hoạt đảng: {}; {}: {}",
            counted(mm.exempt.into(), noun),
            p.summoned,
            counted(mm.summoned().into(), noun)
        ));
    }
    roll.text(".");
    let mut present = MarkupBuilder::default();
    present.text(&format!(
        "Có mặt: {}/{} {noun}, đạt {}",
        vi::count(mm.present.into()),
        vi::count(mm.summoned().into()),
        vi::percent(mm.present.into(), mm.summoned().into())
    ));
    if mm.exempt_present > 0 {
        present.text(&format!(
            "; ngoài ra có {} miễn sinh hoạt dự họp",
            counted(mm.exempt_present.into(), noun)
        ));
    }
    if mm.attached > 0 {
        present.text(&format!(
            "; {} sinh hoạt tạm thời dự họp",
            counted(mm.attached.into(), noun)
        ));
    }
    present.text(".");
    vec![roll.finish(), present.finish(), absent(m, p)]
}

/// `Vắng mặt: 02 đồng chí (có lý do: 01, không có lý do: 01), gồm: đồng chí … (ốm đau); ….`
fn absent(m: &Minutes, p: &Phrases) -> Markup {
    let mm = &m.members;
    let absent = mm.absent.len() as u64;
    let excused = mm.excused() as u64;
    let mut b = MarkupBuilder::default();
    b.text("Vắng mặt: ").text(&counted(absent, p.member_noun));
    if absent == 0 {
        return b.text(".").finish();
    }
    let split: Vec<String> = [("có lý do", excused), ("không có lý do", absent - excused)]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(w, n)| format!("{w}: {}", vi::count(*n)))
        .collect();
    b.text(&format!(" ({}), gồm: ", split.join(", ")));
    for (i, a) in mm.absent.iter().enumerate() {
        let s = salutation(a.salutation.as_deref(), p);
        b.markup(&person_line(&s, &a.name, None)).text(" (");
        b.text(
            a.reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .unwrap_or("không có lý do"),
        );
        b.text(if i + 1 == mm.absent.len() {
            ")."
        } else {
            "); "
        });
    }
    b.finish()
}

/// `Đại biểu dự: đồng chí …, …; đồng chí …, ….` (empty without guests).
pub fn guests(m: &Minutes, p: &Phrases) -> Markup {
    let mut b = MarkupBuilder::default();
    if m.guests.is_empty() {
        return b.finish();
    }
    b.text("Đại biểu dự: ");
    for (i, g) in m.guests.iter().enumerate() {
        let s = salutation(g.salutation.as_deref(), p);
        b.markup(&person_line(&s, &g.name, Some(&g.role)));
        b.text(if i + 1 == m.guests.len() { "." } else { "; " });
    }
    b.finish()
}

/// Whether a vote passed by its rule on the official members summoned.
pub fn passed(vote: &Vote, base: u32) -> bool {
    let (yes, base) = (u64::from(vote.in_favour), u64::from(base));
    match vote.rule.unwrap_or_default() {
        VoteRule::Majority => yes * 2 > base,
        VoteRule::TwoThirds => yes * 3 >= base * 2,
    }
}

/// A vote's result naming its base and whether it passed; a secret ballot counted in `phiếu`.
pub fn vote_sentence(m: &Minutes, vote: &Vote, p: &Phrases) -> Markup {
    let base = m.members.voting();
    let secret = is_secret(vote);
    let unit = if secret { "phiếu" } else { p.member_noun };
    let mut b = MarkupBuilder::default();
    b.text(vote.subject.trim()).text(": ");
    if secret {
        b.text("bỏ phiếu kín");
        counting_committee(&mut b, vote, p);
        if let Some(ballots) = &vote.ballots {
            b.text(&format!(
                "; số phiếu phát ra: {}, thu về: {}, hợp lệ: {}",
                vi::count(ballots.issued.into()),
                vi::count(ballots.returned.into()),
                vi::count(ballots.valid.into())
            ));
            if ballots.invalid > 0 {
                b.text(&format!(
                    ", không hợp lệ: {}",
                    vi::count(ballots.invalid.into())
                ));
            }
        }
        b.text("; ");
    }
    let share = vi::percent(vote.in_favour.into(), base.into());
    if secret {
        // QA: a ballot is counted in phiếu; its share is taken of the official members summoned.
        b.text(&format!(
            "tán thành {}, bằng {share} của {} {}; không tán thành {}",
            counted(vote.in_favour.into(), unit),
            vi::count(base.into()),
            p.vote_base,
            counted(vote.against.into(), unit),
        ));
    } else {
        b.text(&format!(
            "tán thành {}/{} {unit} ({share} số {}); không tán thành {}",
            vi::count(vote.in_favour.into()),
            vi::count(base.into()),
            p.vote_base,
            counted(vote.against.into(), unit),
        ));
    }
    if vote.abstain > 0 {
        b.text(&format!(
            "; không biểu quyết {}",
            counted(vote.abstain.into(), unit)
        ));
    }
    let outcome = match (vote.rule.unwrap_or_default(), passed(vote, base)) {
        (VoteRule::Majority, true) => "đạt quá một nửa, được thông qua", // Điều lệ Đảng: more than half
        (VoteRule::Majority, false) => "không đạt quá một nửa, không được thông qua",
        (VoteRule::TwoThirds, true) => "đạt từ hai phần ba trở lên, được thông qua", // QĐ: two thirds
        (VoteRule::TwoThirds, false) => "không đạt hai phần ba, không được thông qua",
    };
    b.text(". Kết quả: ").text(outcome).text(".");
    b.finish()
}

/// `, Ban kiểm phiếu gồm: đồng chí …, Trưởng ban; …` (nothing without a counting committee).
fn counting_committee(b: &mut MarkupBuilder, vote: &Vote, p: &Phrases) {
    let tellers = vote.counting_committee.as_deref().unwrap_or_default();
    if tellers.is_empty() {
        return;
    }
    b.text(", Ban kiểm phiếu gồm: ");
    for (i, teller) in tellers.iter().enumerate() {
        if i > 0 {
            b.text(", ");
        }
        let s = salutation(teller.salutation.as_deref(), p);
        b.markup(&person_line(&s, &teller.name, None));
        if let Some(role) = teller
            .role
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            b.text(" (").text(role).text(")");
        }
    }
}

/// The approval statement: `Biên bản đã được đọc lại cho chi bộ nghe và được 36/36 đồng chí có mặt nhất trí
/// thông qua vào hồi 16 giờ 40 phút. Biên bản được lập thành 02 bản.` (empty without `approval`).
pub fn approval(m: &Minutes, p: &Phrases) -> Markup {
    let mut b = MarkupBuilder::default();
    let Some(a) = &m.approval else {
        return b.finish();
    };
    b.text(&format!(
        "Biên bản đã được đọc lại cho {} nghe và được {}/{} {} có mặt nhất trí thông qua",
        p.audience,
        vi::count(a.agreed.into()),
        vi::count(m.members.present.into()),
        p.member_noun
    ));
    if let Some(against) = a.against.filter(|n| *n > 0) {
        b.text(&format!(
            "; không nhất trí: {}",
            counted(against.into(), p.member_noun)
        ));
    }
    let time = a
        .time
        .as_deref()
        .and_then(|t| chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").ok());
    if let Some(time) = time {
        b.text(" vào hồi ").text(&vi::time_words(time));
    }
    b.text(".");
    if let Some(copies) = a.copies.filter(|n| *n > 0) {
        b.text(&format!(
            " Biên bản được lập thành {} bản.",
            vi::count(copies.into())
        ));
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::model::{Body, Layout};

    fn vote(yes: u32, rule: Option<VoteRule>) -> Vote {
        Vote {
            subject: "Thông qua".into(),
            in_favour: yes,
            against: 0,
            abstain: 0,
            method: None,
            ballots: None,
            rule,
            counting_committee: None,
        }
    }

    #[test]
    fn the_slash_form_of_address_is_never_printed() {
        let party = vi::phrases(Layout::Party, Body::Cell);
        let state = vi::phrases(Layout::State, Body::Agency);
        assert_eq!(salutation(None, party), "đồng chí");
        assert_eq!(salutation(None, state), "");
        assert_eq!(salutation(Some("bà"), state), "bà");
        assert_eq!(salutation(Some("ông / bà"), state), "");
        assert_eq!(salutation(Some("Ông/Bà"), party), "");
        assert_eq!(
            person_line("", "Lê Thị Thu", Some("Công chức")).as_str(),
            "Lê Thị Thu#\",\"; Công chức"
        );
    }

    #[test]
    fn a_vote_passes_by_its_rule_on_the_official_members_summoned() {
        assert!(passed(&vote(21, None), 41));
        assert!(!passed(&vote(20, None), 40));
        assert!(passed(&vote(16, Some(VoteRule::TwoThirds)), 24));
        assert!(!passed(&vote(15, Some(VoteRule::TwoThirds)), 24));
    }

    #[test]
    fn each_body_has_its_meeting_line() {
        use crate::input::model::MeetingKind::*;
        let line = |layout, body, kind| vi::phrases(layout, body).title_line(kind);
        assert_eq!(
            line(Layout::Party, Body::Cell, Regular),
            "Sinh hoạt chi bộ thường kỳ"
        );
        assert_eq!(
            line(Layout::Party, Body::CellCommittee, Other),
            "Họp Chi ủy"
        );
        assert_eq!(
            line(Layout::Party, Body::Committee, Regular),
            "Hội nghị Ban Chấp hành thường kỳ"
        );
        assert_eq!(line(Layout::State, Body::Cell, Regular), "");
        assert!(is_period("tháng 8 năm 2025") && !is_period("Nâng cao chất lượng"));
    }
}

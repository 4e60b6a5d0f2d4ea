//! The rules of the format's second version (minutes-format.md §5): secret ballots that must add up, the
//! approval of the minutes, the shape of `follow_up`, and the warnings clerks need — approved minutes that
//! do not say they were approved, a title that repeats the meeting line, district-level names after the
//! district level was abolished (1 July 2025).

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Code, Diagnostic, Fix, t};
use crate::input::frontmatter::Positions;
use crate::input::keys::{Path, keypath};
use crate::input::model::{Ballots, Body, RawMinutes, Status, Vote, VoteMethod, VoteRule};
use crate::vi;

/// The day the district level of local government ended (Nghị quyết 202/2025/QH15, in force 1 July 2025).
fn districts_abolished() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("a real date")
}

/// Every §5 rule over the raw front matter; `date` is the meeting date when it was readable.
pub fn check(raw: &RawMinutes, positions: &Positions, date: Option<NaiveDate>) -> Vec<Diagnostic> {
    let mut diags = vec![];
    for (i, vote) in raw.votes.iter().flatten().enumerate() {
        diags.extend(ballots(i, vote, positions));
        if let Some(members) = &raw.members {
            diags.extend(two_thirds(i, vote, members.voting(), positions));
        }
    }
    diags.extend(approval(raw, positions));
    diags.extend(exempt_present(raw, positions));
    diags.extend(follow_up(raw, positions));
    diags.extend(title_repeats(raw, positions));
    if let Some(date) = date.filter(|d| *d >= districts_abolished()) {
        diags.extend(district_names(raw, positions, date));
    }
    diags
}

/// Whether a vote is a secret ballot: said so, or given its ballots.
pub fn is_secret(vote: &Vote) -> bool {
    vote.method == Some(VoteMethod::SecretBallot)
        || (vote.method.is_none() && vote.ballots.is_some())
}

/// E0214: the ballots of a secret ballot do not add up (valid + invalid = returned ≤ issued; for + against =
/// valid; a ballot cannot abstain).
fn ballots(i: usize, vote: &Vote, positions: &Positions) -> Option<Diagnostic> {
    let b: &Ballots = vote.ballots.as_ref()?;
    let n = i + 1;
    let (valid, invalid, returned, issued) = (
        u64::from(b.valid),
        u64::from(b.invalid),
        u64::from(b.returned),
        u64::from(b.issued),
    );
    let counted = u64::from(vote.in_favour) + u64::from(vote.against);
    let at = keypath!(votes[i]);
    let (key, en, vi): (Path, _, _) = if vote.method == Some(VoteMethod::ShowOfHands) {
        (
            keypath!(at => method).into(),
            format!("vote {n} gives `ballots` but its `method` is `show-of-hands`"),
            format!("biểu quyết {n} có `ballots` nhưng `method` là `show-of-hands` (giơ tay)"),
        )
    } else if valid + invalid != returned {
        (
            keypath!(at => ballots.returned).into(),
            format!(
                "the ballots of vote {n} do not add up: valid {valid} + invalid {invalid} = {}, but {returned} were returned",
                valid + invalid
            ),
            format!(
                "số phiếu của biểu quyết {n} không khớp: hợp lệ {valid} + không hợp lệ {invalid} = {}, nhưng thu về {returned} phiếu",
                valid + invalid
            ),
        )
    } else if returned > issued {
        (
            keypath!(at => ballots.returned).into(),
            format!("vote {n} has {returned} ballots returned, more than the {issued} issued"),
            format!("biểu quyết {n} thu về {returned} phiếu, nhiều hơn {issued} phiếu phát ra"),
        )
    } else if counted != valid || vote.abstain > 0 {
        (
            keypath!(at => for).into(),
            format!(
                "vote {n} counts for {} + against {} = {counted} ballots (and {} abstentions), but {valid} ballots were valid",
                vote.in_favour, vote.against, vote.abstain
            ),
            format!(
                "biểu quyết {n} có tán thành {} + không tán thành {} = {counted} phiếu (và {} không biểu quyết), nhưng có {valid} phiếu hợp lệ",
                vote.in_favour, vote.against, vote.abstain
            ),
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::new(Code::BallotsMismatch, t(en, vi))
            .at(positions.value(&key))
            .label(t("does not add up", "không khớp"))
            .hint(t(
                "in a secret ballot, valid + invalid = returned ≤ issued, and `for` + `against` = valid (`abstain: 0`; a blank ballot is invalid); remove `ballots` for a show of hands",
                "khi bỏ phiếu kín: hợp lệ + không hợp lệ = thu về ≤ phát ra, và `for` + `against` = số phiếu hợp lệ (`abstain: 0`; phiếu để trống là không hợp lệ); biểu quyết giơ tay thì bỏ `ballots`",
            )),
    )
}

/// W0103 for a two-thirds vote that has a majority but not two thirds (a vote short of a majority is already
/// reported by the majority rule's W0103).
fn two_thirds(i: usize, vote: &Vote, voting: u32, positions: &Positions) -> Option<Diagnostic> {
    let (yes, base) = (u64::from(vote.in_favour), u64::from(voting));
    if vote.rule != Some(VoteRule::TwoThirds) || yes * 3 >= base * 2 || yes * 2 <= base {
        return None;
    }
    Some(
        Diagnostic::new(Code::VoteNotPassed, t(
            format!("vote {} has {} votes for, less than two thirds of the {voting} official members summoned: it does not pass under its two-thirds rule", i + 1, vote.in_favour),
            format!("biểu quyết {} có {} phiếu tán thành, chưa đạt hai phần ba trong {voting} đảng viên chính thức được triệu tập: chưa được thông qua theo nguyên tắc hai phần ba", i + 1, vote.in_favour),
        ))
        .at(positions.value(&keypath!(votes[i].for)))
        .label(t("votes for", "số tán thành"))
        .hint(t(
            "the vote is printed as it was, with \"không được thông qua\"; check the counts and `rule`",
            "kết quả được in đúng như đã biểu quyết, ghi \"không được thông qua\"; kiểm tra lại các số và `rule`",
        )),
    )
}

/// E0215 (more approvals than people present) and W0107 (approved minutes that do not say so); a wrong
/// approval time is E0202, as for `start` and `end`.
fn approval(raw: &RawMinutes, positions: &Positions) -> Vec<Diagnostic> {
    let mut diags = vec![];
    let Some(approval) = &raw.approval else {
        if raw.status == Some(Status::Approved) {
            diags.push(
                Diagnostic::new(Code::ApprovedWithoutApproval, t(
                    "the minutes are `status: approved` but do not say that they were read back and approved (`approval`)",
                    "biên bản ghi `status: approved` nhưng không ghi việc đã đọc lại và thông qua (`approval`)",
                ))
                .at(positions.value(&keypath!(status)))
                .label(t("approved", "đã thông qua"))
                .hint(t(
                    "add `approval: { agreed: <số người nhất trí> }` (optionally `against`, `copies`, `time`): minutes are read back to the meeting and approved before it closes (Hướng dẫn 36-HD/VPTW's model)",
                    "thêm `approval: { agreed: <số người nhất trí> }` (có thể thêm `against`, `copies`, `time`): biên bản được đọc lại và thông qua trước khi bế mạc (mẫu của Hướng dẫn 36-HD/VPTW)",
                )),
            );
        }
        return diags;
    };
    if let Some(time) = &approval.time
        && chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").is_err()
    {
        diags.push(
            Diagnostic::new(
                Code::InvalidTime,
                t(
                    format!("`approval.time` is not a valid time (`{time}`)"),
                    format!("`approval.time` không phải giờ hợp lệ (`{time}`)"),
                ),
            )
            .at(positions.value(&keypath!(approval.time)))
            .label(t("not a time", "không phải giờ hợp lệ"))
            .hint(t(
                "write the time as `\"HH:MM\"` on a 24-hour clock, such as `\"16:40\"`",
                "viết giờ theo dạng `\"HH:MM\"` (24 giờ), ví dụ `\"16:40\"`",
            ))
            .fix(Fix::QuoteTime),
        );
    }
    let present = raw.members.as_ref().map(|m| m.present);
    let voted = u64::from(approval.agreed) + u64::from(approval.against.unwrap_or(0));
    if let Some(present) = present.filter(|p| voted > u64::from(*p)) {
        diags.push(
            Diagnostic::new(Code::ApprovalOverPresent, t(
                format!("the approval counts {voted} people (agreed {} + against {}), more than the {present} present", approval.agreed, approval.against.unwrap_or(0)),
                format!("việc thông qua biên bản có {voted} người (nhất trí {} + không nhất trí {}), nhiều hơn {present} người có mặt", approval.agreed, approval.against.unwrap_or(0)),
            ))
            .at(positions.value(&keypath!(approval.agreed)))
            .label(t("agreed", "nhất trí"))
            .hint(t(
                format!("`agreed` + `against` may be at most `members.present` ({present})"),
                format!("`agreed` + `against` không được vượt quá `members.present` ({present})"),
            )),
        );
    }
    diags
}

/// E0217: more exempt members attending than members exempt.
fn exempt_present(raw: &RawMinutes, positions: &Positions) -> Option<Diagnostic> {
    let m = raw.members.as_ref()?;
    if m.exempt_present <= m.exempt {
        return None;
    }
    Some(
        Diagnostic::new(Code::ExemptPresentOverExempt, t(
            format!("{} exempt members attended (`exempt_present`), more than the {} exempt (`exempt`)", m.exempt_present, m.exempt),
            format!("có {} đảng viên miễn sinh hoạt dự họp (`exempt_present`), nhiều hơn {} người được miễn (`exempt`)", m.exempt_present, m.exempt),
        ))
        .at(positions.value(&keypath!(members.exempt_present)))
        .label(t("more than `exempt`", "lớn hơn `exempt`"))
        .hint(t(
            "`exempt_present` counts exempt members who came anyway, so it is at most `exempt`; members attending temporarily go in `attached`",
            "`exempt_present` là số người được miễn nhưng vẫn dự họp, nên không vượt quá `exempt`; người sinh hoạt tạm thời ghi ở `attached`",
        )),
    )
}

/// Whether `of` is `YYYY-MM-DD#N`: a real date and a remedy number from 1.
pub fn follow_up_target(of: &str) -> Option<(NaiveDate, usize)> {
    let (date, n) = of.trim().split_once('#')?;
    let date = crate::check::minutes::parse_iso_date(date)?;
    if n.is_empty() || n.starts_with('0') || !n.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((date, n.parse().ok()?))
}

/// E0216: a `follow_up.of` that is not `YYYY-MM-DD#N`.
fn follow_up(raw: &RawMinutes, positions: &Positions) -> Vec<Diagnostic> {
    let mut diags = vec![];
    for (i, item) in raw.follow_up.iter().flatten().enumerate() {
        if follow_up_target(&item.of).is_some() {
            continue;
        }
        diags.push(
            Diagnostic::new(Code::FollowUpReference, t(
                format!("`follow_up` item {} names `{}`, which is not a remedy reference `YYYY-MM-DD#N`", i + 1, item.of),
                format!("mục thứ {} của `follow_up` ghi `{}`, không phải tham chiếu giải pháp dạng `YYYY-MM-DD#N`", i + 1, item.of),
            ))
            .at(positions.value(&keypath!(follow_up[i].of)))
            .label(t("not `YYYY-MM-DD#N`", "không đúng dạng `YYYY-MM-DD#N`"))
            .hint(t(
                "write the date of the earlier meeting and the remedy's number in its minutes, such as `2023-08-30#2`",
                "ghi ngày của cuộc họp trước và số thứ tự của giải pháp trong biên bản đó, ví dụ `2023-08-30#2`",
            )),
        );
    }
    diags
}

/// Lower case, NFC, single spaces: how titles are compared.
fn folded(text: &str) -> String {
    text.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// W0108: a title that starts with the meeting line's own words ("Sinh hoạt chi bộ thường kỳ tháng 8 …"
/// under "Sinh hoạt chi bộ thường kỳ").
fn title_repeats(raw: &RawMinutes, positions: &Positions) -> Option<Diagnostic> {
    let meeting = raw.meeting.as_ref()?;
    let layout = raw.layout.unwrap_or_default();
    let body = meeting.body.unwrap_or(Body::default_for(layout));
    let line = vi::phrases(layout, body).title_line(meeting.kind);
    if line.is_empty() || !folded(&meeting.title).starts_with(&folded(&line)) {
        return None;
    }
    Some(
        Diagnostic::new(Code::TitleRepeatsMeetingLine, t(
            format!("the title repeats the meeting line printed above it (`{line}`)"),
            format!("trích yếu lặp lại dòng tên cuộc họp in phía trên (`{line}`)"),
        ))
        .at(positions.value(&keypath!(meeting.title)))
        .label(t("repeats the meeting line", "lặp lại tên cuộc họp"))
        .hint(t(
            format!("write only what follows `{line}`, such as `tháng 8 năm 2025`; the repeated words are left out of the PDF"),
            format!("chỉ ghi phần sau `{line}`, ví dụ `tháng 8 năm 2025`; phần lặp lại không được in"),
        )),
    )
}

/// The district-level words (minutes-format.md §5), each as lower-case words.
const DISTRICT_WORDS: &[&[&str]] = &[
    &["huyện"],
    &["quận"],
    &["thị", "xã"],
    &["thị", "ủy"],
    &["thị", "uỷ"],
];

/// The district-level word `text` holds as whole words, if any.
pub fn district_word(text: &str) -> Option<String> {
    let lower = folded(text);
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    DISTRICT_WORDS.iter().find_map(|pattern| {
        words
            .windows(pattern.len())
            .any(|w| w == *pattern)
            .then(|| pattern.join(" "))
    })
}

/// W0109: district-level names in a meeting dated on or after 1 July 2025.
fn district_names(raw: &RawMinutes, positions: &Positions, date: NaiveDate) -> Vec<Diagnostic> {
    let org = raw.organization.as_ref();
    let mut fields: Vec<(Path, Option<&str>)> = vec![
        (
            keypath!(organization.parent).into(),
            org.and_then(|o| o.parent.as_deref()),
        ),
        (
            keypath!(organization.name).into(),
            org.map(|o| o.name.as_str()),
        ),
        (keypath!(place).into(), raw.place.as_deref()),
        (keypath!(venue).into(), raw.venue.as_deref()),
    ];
    for (i, g) in raw.guests.iter().flatten().enumerate() {
        fields.push((keypath!(guests[i].role).into(), Some(g.role.as_str())));
    }
    for (i, r) in raw.recipients.iter().flatten().enumerate() {
        fields.push((keypath!(recipients[i]).into(), Some(r.as_str())));
    }
    let mut diags = vec![];
    for (key, text) in fields {
        let Some(word) = text.and_then(district_word) else {
            continue;
        };
        diags.push(
            Diagnostic::new(Code::DistrictName, t(
                format!("`{key}` names a district-level body (`{word}`), but the meeting is dated {date}, after the district level was abolished on 2025-07-01"),
                format!("`{key}` có tên cấp huyện (`{word}`), nhưng cuộc họp ngày {date}, sau khi bỏ cấp huyện từ ngày 01/7/2025"),
            ))
            .at(positions.value(&key))
            .label(t("district level", "cấp huyện"))
            .hint(t(
                "since 1 July 2025 communes report to the province (Nghị quyết 202/2025/QH15): write the body's current name, or check the date",
                "từ ngày 01/7/2025 xã trực thuộc tỉnh (Nghị quyết 202/2025/QH15): ghi tên hiện nay của cơ quan, hoặc kiểm tra lại ngày họp",
            )),
        );
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn district_words_are_whole_words() {
        assert_eq!(
            district_word("Đảng bộ huyện Thanh Bình").as_deref(),
            Some("huyện")
        );
        assert_eq!(
            district_word("Ủy ban Kiểm tra Huyện ủy").as_deref(),
            Some("huyện")
        );
        assert_eq!(district_word("Thị ủy Sa Đéc").as_deref(), Some("thị ủy"));
        assert_eq!(
            district_word("UBND thị xã Hồng Ngự").as_deref(),
            Some("thị xã")
        );
        assert_eq!(district_word("Đảng ủy xã Thanh Bình"), None);
        assert_eq!(district_word("Quận ủy viên"), Some("quận".to_string()));
        assert_eq!(district_word("Thị trấn Mỹ Thọ"), None);
    }

    #[test]
    fn follow_up_references_are_a_date_and_a_number() {
        let date = NaiveDate::from_ymd_opt(2023, 8, 30).unwrap();
        assert_eq!(follow_up_target("2023-08-30#2"), Some((date, 2)));
        assert_eq!(follow_up_target("2023-08-30#02"), None);
        assert_eq!(follow_up_target("2023-08-30#0"), None);
        assert_eq!(follow_up_target("30/8/2023#2"), None);
        assert_eq!(follow_up_target("2023-02-30#1"), None);
        assert_eq!(follow_up_target("2023-08-30"), None);
    }
}

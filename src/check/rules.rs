//! Every rule of the minutes format (minutes-format.md §3), checked in one pass over the typed front matter:
//! missing keys, impossible dates and times, attendance and votes that do not add up, and the domain warnings
//! that clerks get wrong. Each problem points at the value that is wrong and names the others involved.

use chrono::{NaiveDate, NaiveTime};
use unicode_normalization::UnicodeNormalization;

use crate::check::additions;
use crate::check::minutes::{Minutes, ValidRemedy};
use crate::diag::{Code, Diagnostic, Fix, t};
use crate::input::describe::{example, expected, human};
use crate::input::frontmatter::Positions;
use crate::input::keys::{Path, keypath};
use crate::input::model::{Body, Layout, MeetingKind, Members, RawMinutes};
use crate::vi;

/// What the rules need besides the front matter.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Today's date, for the "date in the future" warning (injected so tests are stable).
    pub today: NaiveDate,
}

/// Checks the raw front matter; returns the validated minutes when there is no error, and every diagnostic.
pub fn check(
    raw: RawMinutes,
    body: &str,
    positions: &Positions,
    ctx: Context,
) -> (Option<Minutes>, Vec<Diagnostic>) {
    if positions.unreadable {
        return (None, vec![]);
    }
    let mut v = Validator {
        positions,
        diags: vec![],
    };
    let layout = raw.layout.unwrap_or_default();
    let date = v.date(raw.date.as_deref(), &keypath!(date), true);
    let start = v.time(raw.start.as_deref(), &keypath!(start));
    let end = v.time(raw.end.as_deref(), &keypath!(end));
    v.require(&raw.organization, &keypath!(organization));
    v.require(&raw.venue, &keypath!(venue));
    v.require(&raw.meeting, &keypath!(meeting));
    v.require(&raw.chair, &keypath!(chair));
    v.require(&raw.secretary, &keypath!(secretary));
    v.require(&raw.members, &keypath!(members));
    if layout == Layout::Party {
        v.require(&raw.place, &keypath!(place));
    }
    if let (Some(start), Some(end)) = (start, end) {
        v.times(start, end, raw.meeting.as_ref().map(|m| m.kind), layout);
    }
    if let Some(date) = date.filter(|d| *d > ctx.today) {
        v.diags.push(
            Diagnostic::new(
                Code::DateInFuture,
                t(
                    format!("the meeting date {date} is in the future"),
                    format!("ngày họp {date} là ngày trong tương lai"),
                ),
            )
            .at(positions.value(&keypath!(date)))
            .label(t("in the future", "trong tương lai"))
            .hint(t(
                "check the year and the month: minutes record a meeting that has taken place",
                "kiểm tra lại năm và tháng: biên bản ghi lại cuộc họp đã diễn ra",
            )),
        );
    }
    v.number(&raw);
    // A misspelt count was left out and defaulted to 0: checking sums with it would only repeat that mistake.
    let counts_misspelt = positions.misspelt(&keypath!(members.probationary))
        || positions.misspelt(&keypath!(members.exempt))
        || positions.misspelt(&keypath!(members.absent))
        || positions.blank_within(&keypath!(members.total))
        || positions.blank_within(&keypath!(members.present));
    if let Some(members) = raw.members.as_ref().filter(|_| !counts_misspelt) {
        v.attendance(members, layout);
        v.absentees(members, &raw);
        // With more probationary or exempt members than members, nobody can be said to vote: that error is
        // reported alone rather than once more for every vote.
        if members.probationary <= members.total && members.exempt <= members.total {
            for (i, vote) in raw.votes.iter().flatten().enumerate() {
                if positions.blank_within(&keypath!(votes[i])) {
                    continue;
                }
                v.vote(i, vote, members, layout);
            }
        }
    }
    for (i, remedy) in raw.remedies.iter().flatten().enumerate() {
        if let Some(due) = &remedy.due {
            v.date(Some(due), &keypath!(remedies[i].due), false);
        }
    }
    let diags = [v.diags, additions::check(&raw, positions, date)].concat();
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let minutes = assemble(raw, body, layout, date, start, end);
    (minutes, diags)
}

fn assemble(
    raw: RawMinutes,
    body: &str,
    layout: Layout,
    date: Option<NaiveDate>,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
) -> Option<Minutes> {
    Some(Minutes {
        layout,
        status: raw.status.unwrap_or_default(),
        number: raw.number,
        organization: raw.organization?,
        place: raw.place.unwrap_or_default(),
        date: date?,
        start: start?,
        end: end?,
        venue: raw.venue?,
        body_kind: raw
            .meeting
            .as_ref()
            .and_then(|m| m.body)
            .unwrap_or(Body::default_for(layout)),
        meeting: raw.meeting?,
        chair: raw.chair?,
        secretary: raw.secretary?,
        members: raw.members?,
        guests: raw.guests.unwrap_or_default(),
        speakers: raw.speakers.unwrap_or_default(),
        conclusion: raw.conclusion,
        remedies: raw
            .remedies
            .iter()
            .flatten()
            .map(ValidRemedy::from_raw)
            .collect(),
        votes: raw.votes.unwrap_or_default(),
        recipients: raw.recipients.unwrap_or_default(),
        signers: raw.signers.unwrap_or_default(),
        closing: raw.closing,
        approval: raw.approval,
        follow_up: raw.follow_up.unwrap_or_default(),
        body: body.to_string(),
    })
}

/// A real date written day first, as Vietnamese dates are (`31/12/2024`, `1-6-2024`, `05.02.2025`), in ISO
/// form (`2024-12-31`).
fn day_first(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Whether present + absentees = summoned (else E0203 is reported, and sums built on it would repeat it).
fn adds_up(m: &Members) -> bool {
    u64::from(m.present) + m.absent.len() as u64 == u64::from(m.summoned())
}

/// A name compared as people mean it: NFC, trimmed, single spaces, case-insensitive.
fn same_name(name: &str) -> String {
    name.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

struct Validator<'a> {
    positions: &'a Positions,
    diags: Vec<Diagnostic>,
}

impl Validator<'_> {
    /// Reports a missing required key (unless the key is there with a value already reported as wrong).
    fn require<T>(&mut self, value: &Option<T>, key: &Path) {
        // A key that is there with a wrong value, or misspelt (already reported with "did you mean"), is not
        // reported again as missing.
        if value.is_some() || self.positions.has(key) || self.positions.misspelt(key) {
            return;
        }
        let (en, vi) = expected(key);
        let name = key.key().map_or("", |k| k.name);
        self.diags.push(
            Diagnostic::new(
                Code::MissingKey,
                t(
                    format!("required key `{key}` is missing"),
                    format!("thiếu khóa bắt buộc `{key}`"),
                ),
            )
            .at(self.positions.block.clone())
            .label(t("in this front matter", "trong phần khai báo này"))
            .hint(t(
                format!("add `{key}:` with {en}"),
                format!("thêm `{key}:` với {vi}"),
            ))
            .fix(Fix::AddKey {
                parent: key.parent().to_string(),
                key: name,
                example: example(key),
            }),
        );
    }

    fn date(&mut self, text: Option<&str>, key: &Path, required: bool) -> Option<NaiveDate> {
        let Some(text) = text else {
            if required {
                self.require::<()>(&None, key);
            }
            return None;
        };
        let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .filter(|_| text.trim().len() == 10);
        if parsed.is_none() {
            self.not_a_date(text, key);
        }
        parsed
    }

    /// E0201, offering the ISO form of a date written day first (`31/12/2024` → `2024-12-31`).
    fn not_a_date(&mut self, text: &str, key: &Path) {
        let (name_en, name_vi) = human(key);
        let (hint_en, hint_vi) = match day_first(text) {
            Some(iso) => (
                format!("write the date year first, as `{iso}` (`YYYY-MM-DD`)"),
                format!("viết ngày theo thứ tự năm-tháng-ngày: `{iso}` (`YYYY-MM-DD`)"),
            ),
            None => (
                "write the date as `YYYY-MM-DD` with a day that exists in that month, such as `2023-08-30`".to_string(),
                "viết ngày theo dạng `YYYY-MM-DD`, với ngày có thật trong tháng, ví dụ `2023-08-30`".to_string(),
            ),
        };
        self.diags.push(
            Diagnostic::new(
                Code::InvalidDate,
                t(
                    format!("{name_en} is not a real calendar date (`{text}`)"),
                    format!("{name_vi} không phải một ngày có thật (`{text}`)"),
                ),
            )
            .at(self.positions.value(key))
            .label(t("not a date", "không phải ngày hợp lệ"))
            .hint(t(hint_en, hint_vi)),
        );
    }

    fn time(&mut self, text: Option<&str>, key: &Path) -> Option<NaiveTime> {
        let Some(text) = text else {
            self.require::<()>(&None, key);
            return None;
        };
        let parsed = NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
        if parsed.is_none() {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidTime,
                    t(
                        format!("`{key}` is not a valid time (`{text}`)"),
                        format!("`{key}` không phải giờ hợp lệ (`{text}`)"),
                    ),
                )
                .at(self.positions.value(key))
                .label(t("not a time", "không phải giờ hợp lệ"))
                .hint(t(
                    "write the time as `\"HH:MM\"` on a 24-hour clock, such as `\"14:00\"`",
                    "viết giờ theo dạng `\"HH:MM\"` (24 giờ), ví dụ `\"14:00\"`",
                ))
                .fix(Fix::QuoteTime),
            );
        }
        parsed
    }

    fn times(
        &mut self,
        start: NaiveTime,
        end: NaiveTime,
        kind: Option<MeetingKind>,
        layout: Layout,
    ) {
        if end <= start {
            self.diags.push(
                Diagnostic::new(Code::EndsBeforeStart, t(format!("the meeting ends at {end}, which is not after it starts at {start}", end = end.format("%H:%M"), start = start.format("%H:%M")), format!("giờ kết thúc {} không sau giờ bắt đầu {}", end.format("%H:%M"), start.format("%H:%M"))))
                    .at(self.positions.value(&keypath!(end)))
                    .label(t("end time", "giờ kết thúc"))
                    .hint(t("`end` must be later than `start` on the same day; use 24-hour times (`16:45`, not `4:45`)", "`end` phải sau `start` trong cùng ngày; dùng giờ 24 (`16:45`, không viết `4:45`)")),
            );
            return;
        }
        let minutes = (end - start).num_minutes();
        // Hướng dẫn 42-HD/BTCTW binds Party cells only: a State meeting has no minimum length.
        let party_meeting = layout == Layout::Party
            && matches!(kind, Some(MeetingKind::Regular | MeetingKind::Thematic));
        if party_meeting && minutes < 90 {
            self.diags.push(
                Diagnostic::new(Code::ShortMeeting, t(format!("the meeting lasted {minutes} minutes, less than the 90 minutes a regular or thematic meeting should take (Hướng dẫn 42-HD/BTCTW)"), format!("buổi sinh hoạt chỉ kéo dài {minutes} phút, ít hơn 90 phút quy định cho sinh hoạt thường kỳ, chuyên đề (Hướng dẫn 42-HD/BTCTW)")))
                    .at(self.positions.value(&keypath!(end)))
                    .label(t("end time", "giờ kết thúc"))
                    .hint(t("check `start` and `end`; if the meeting really was short, the minutes are still built", "kiểm tra `start` và `end`; nếu buổi họp thực sự ngắn, biên bản vẫn được tạo")),
            );
        }
    }

    fn number(&mut self, raw: &RawMinutes) {
        if raw.number == Some(0) {
            self.diags.push(
                Diagnostic::new(Code::WrongValue, t("wrong value for `number` (it must be 1 or more)", "giá trị của `number` không hợp lệ (phải từ 1 trở lên)"))
                    .at(self.positions.value(&keypath!(number)))
                    .label(t("must be 1 or more", "phải từ 1 trở lên"))
                    .hint(t("use the register number, starting at 1, or remove `number` for an unregistered entry", "dùng số thứ tự trong sổ, bắt đầu từ 1, hoặc bỏ `number` nếu không vào sổ")),
            );
        }
        let code = raw.organization.as_ref().and_then(|o| o.code.as_deref());
        if raw.number.is_some() && code.is_none() && raw.organization.is_some() {
            self.diags.push(
                Diagnostic::new(Code::NumberWithoutCode, t("`number` is set but `organization.code` is not", "có `number` nhưng thiếu `organization.code`"))
                    .at(self.positions.value(&keypath!(number)))
                    .label(t("needs a code", "cần ký hiệu"))
                    .hint(t("add `code:` under `organization` (the issuing body's abbreviation, such as `CB` or `UBND`), or remove `number`", "thêm `code:` trong `organization` (chữ viết tắt của cơ quan ban hành, ví dụ `CB` hoặc `UBND`), hoặc bỏ `number`")),
            );
        }
        if let Some(code) = code {
            let valid =
                !code.is_empty() && code.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ');
            if !valid {
                self.diags.push(
                    Diagnostic::new(
                        Code::CodeNotCapitals,
                        t(
                            format!("`organization.code` must be capital letters (`{code}`)"),
                            format!("`organization.code` phải là chữ in hoa (`{code}`)"),
                        ),
                    )
                    .at(self.positions.value(&keypath!(organization.code)))
                    .label(t("not capital letters", "không phải chữ in hoa"))
                    .hint(t(
                        format!(
                            "write it as `{}`",
                            code.to_uppercase()
                                .replace(|c: char| !c.is_alphabetic(), "")
                        ),
                        format!(
                            "viết là `{}`",
                            code.to_uppercase()
                                .replace(|c: char| !c.is_alphabetic(), "")
                        ),
                    )),
                );
            }
        }
    }

    fn attendance(&mut self, m: &Members, layout: Layout) {
        if m.total == 0 {
            self.diags.push(
                Diagnostic::new(
                    Code::WrongValue,
                    t(
                        "wrong value for `members.total` (it must be 1 or more)",
                        "giá trị của `members.total` không hợp lệ (phải từ 1 trở lên)",
                    ),
                )
                .at(self.positions.value(&keypath!(members.total)))
                .label(t("must be 1 or more", "phải từ 1 trở lên"))
                .hint(t(
                    "write the number of members on the roll",
                    "ghi tổng số đảng viên (thành viên) trong danh sách",
                )),
            );
        }
        if self.over_total(m) {
            return;
        }
        let absent = m.absent.len() as u64;
        let summoned = u64::from(m.summoned());
        if u64::from(m.present) + absent != summoned {
            let mut diag = Diagnostic::new(Code::AttendanceMismatch, t(
                    format!("attendance does not add up (present {} + absent {absent} = {}, but total {} - exempt {} = {summoned})", m.present, u64::from(m.present) + absent, m.total, m.exempt),
                    format!("sĩ số không khớp (có mặt {} + vắng {absent} = {}, nhưng tổng số {} - miễn sinh hoạt {} = {summoned})", m.present, u64::from(m.present) + absent, m.total, m.exempt),
                ))
                .at(self.positions.value(&keypath!(members.present)))
                .label(t("this count", "số này"))
                .hint(t("list every absentee under `members.absent`, or correct `present`, `total` or `exempt`", "liệt kê đủ người vắng trong `members.absent`, hoặc sửa `present`, `total`, `exempt`"));
            // The count that adds up, which an editor can write in (the diagnostic points at `present`).
            if let Some(present) = summoned.checked_sub(absent) {
                diag = diag.fix(Fix::Replace {
                    with: present.to_string(),
                    title: t(
                        format!("Correct `present` to {present} (total {} − exempt {} − absent {absent})", m.total, m.exempt),
                        format!("Sửa `present` thành {present} (tổng số {} − miễn sinh hoạt {} − vắng {absent})", m.total, m.exempt),
                    ),
                });
            }
            self.diags.push(diag);
        } else if layout == Layout::Party
            // The 85 % criterion is Hướng dẫn 12-HD/BTCTW's, for Party cells; State bodies have none.
            && summoned > 0
            && u64::from(m.present) * 100 <= summoned * 85
        {
            self.low_attendance(m, summoned);
        }
    }

    /// E0205, E0206: more probationary or exempt members than members; true when the sums cannot be checked.
    fn over_total(&mut self, m: &Members) -> bool {
        if m.probationary > m.total {
            self.diags.push(
                Diagnostic::new(Code::ProbationaryOverTotal,
                    t(
                        format!(
                            "more probationary members ({}) than members in total ({})",
                            m.probationary, m.total
                        ),
                        format!(
                            "số đảng viên dự bị ({}) lớn hơn tổng số ({})",
                            m.probationary, m.total
                        ),
                    ),
                )
                .at(self.positions.value(&keypath!(members.probationary)))
                .label(t("more than `total`", "lớn hơn `total`"))
                .hint(t(
                    "`probationary` counts members already included in `total`: correct one of the two",
                    "`probationary` là một phần của `total`: sửa lại một trong hai số",
                )),
            );
        }
        if m.exempt > m.total {
            self.diags.push(
                Diagnostic::new(
                    Code::ExemptOverTotal,
                    t(
                        format!(
                            "more exempt members ({}) than members in total ({})",
                            m.exempt, m.total
                        ),
                        format!(
                            "số đảng viên miễn sinh hoạt ({}) lớn hơn tổng số ({})",
                            m.exempt, m.total
                        ),
                    ),
                )
                .at(self.positions.value(&keypath!(members.exempt)))
                .label(t("more than `total`", "lớn hơn `total`"))
                .hint(t(
                    "`exempt` counts members already included in `total`: correct one of the two",
                    "`exempt` là một phần của `total`: sửa lại một trong hai số",
                )),
            );
            return true;
        }
        false
    }

    fn low_attendance(&mut self, m: &Members, summoned: u64) {
        self.diags.push(
            Diagnostic::new(Code::LowAttendance, t(
                format!("attendance is {} of those summoned, at or below the 85% quality criterion (Hướng dẫn 12-HD/BTCTW)", vi::percent(m.present.into(), summoned)),
                format!("tỷ lệ dự họp {} số triệu tập, không quá 85% theo tiêu chí chất lượng (Hướng dẫn 12-HD/BTCTW)", vi::percent(m.present.into(), summoned)),
            ))
            .at(self.positions.value(&keypath!(members.present)))
            .label(t("present", "có mặt"))
            .hint(t("the minutes are still built; the meeting may be rated lower at the year-end review", "biên bản vẫn được tạo; buổi sinh hoạt có thể bị đánh giá thấp khi xếp loại")),
        );
    }

    fn absentees(&mut self, m: &Members, raw: &RawMinutes) {
        let mut seen: Vec<String> = vec![];
        for (i, absentee) in m.absent.iter().enumerate() {
            let name = same_name(&absentee.name);
            let path = keypath!(members.absent[i].name);
            if seen.contains(&name) {
                self.diags.push(
                    Diagnostic::new(
                        Code::AbsenteeTwice,
                        t(
                            format!("`{}` is listed twice under `members.absent`", absentee.name),
                            format!("`{}` bị ghi hai lần trong `members.absent`", absentee.name),
                        ),
                    )
                    .at(self.positions.value(&path))
                    .label(t("listed again", "ghi lặp lại"))
                    .hint(t(
                        "remove the repeated line, or correct the name",
                        "xóa dòng lặp lại hoặc sửa lại tên",
                    )),
                );
            }
            seen.push(name.clone());
            let roles = [
                (
                    raw.chair.as_ref().map(|p| p.name.as_str()),
                    "the chair (`chair`)",
                    "chủ trì (`chair`)",
                ),
                (
                    raw.secretary.as_ref().map(|p| p.name.as_str()),
                    "the secretary (`secretary`)",
                    "thư ký (`secretary`)",
                ),
            ];
            let speakers = raw.speakers.iter().flatten().map(|s| {
                (
                    Some(s.name.as_str()),
                    "a speaker (`speakers`)",
                    "người phát biểu (`speakers`)",
                )
            });
            for (other, en, vi) in roles.into_iter().chain(speakers) {
                if other.is_some_and(|o| same_name(o) == name) {
                    self.diags.push(
                        Diagnostic::new(Code::AbsenteeTookPart, t(format!("`{}` is listed as absent but is also {en}", absentee.name), format!("`{}` được ghi vắng mặt nhưng cũng là {vi}", absentee.name)))
                            .at(self.positions.value(&path))
                            .label(t("absent", "vắng mặt"))
                            .hint(t("a person who chaired, took the minutes or spoke was present: remove them from `members.absent` (and add one to `present`)", "người chủ trì, ghi biên bản hoặc phát biểu là có mặt: xóa khỏi `members.absent` (và cộng thêm vào `present`)")),
                    );
                    break;
                }
            }
        }
    }

    fn vote(&mut self, i: usize, vote: &crate::input::model::Vote, m: &Members, layout: Layout) {
        let cast = u64::from(vote.in_favour) + u64::from(vote.against) + u64::from(vote.abstain);
        let path = keypath!(votes[i].for);
        if cast > u64::from(m.present) {
            self.diags.push(
                Diagnostic::new(Code::VotesOverPresent, t(format!("vote {} counts {cast} votes (for {} + against {} + abstain {}), more than the {} members present", i + 1, vote.in_favour, vote.against, vote.abstain, m.present), format!("biểu quyết {} có {cast} phiếu (tán thành {} + không tán thành {} + không biểu quyết {}), nhiều hơn {} người có mặt", i + 1, vote.in_favour, vote.against, vote.abstain, m.present)))
                    .at(self.positions.value(&path))
                    .label(t("votes for", "số tán thành"))
                    .hint(t(format!("`for` + `against` + `abstain` may be at most `members.present` ({}): correct the counts, or `present`", m.present), format!("`for` + `against` + `abstain` không được vượt quá `members.present` ({}): sửa lại các số, hoặc sửa `present`", m.present))),
            );
        } else if cast > u64::from(m.voting()) {
            self.diags.push(
                Diagnostic::new(Code::VotesOverSummoned, t(format!("vote {} counts {cast} votes, more than the {} official members summoned (total {} - probationary {} - exempt {}); probationary members do not vote", i + 1, m.voting(), m.total, m.probationary, m.exempt), format!("biểu quyết {} có {cast} phiếu, nhiều hơn {} đảng viên chính thức được triệu tập (tổng {} - dự bị {} - miễn {}); đảng viên dự bị không biểu quyết", i + 1, m.voting(), m.total, m.probationary, m.exempt)))
                    .at(self.positions.value(&path))
                    .label(t("votes for", "số tán thành"))
                    .hint(t(format!("only official members vote: `for` + `against` + `abstain` may be at most {}; correct the counts, or `members.probationary` / `members.exempt`", m.voting()), format!("chỉ đảng viên chính thức biểu quyết: `for` + `against` + `abstain` tối đa là {}; sửa lại các số, hoặc `members.probationary` / `members.exempt`", m.voting()))),
            );
        } else if cast > u64::from(m.voting_present()) && adds_up(m) {
            self.vote_over_official_present(i, cast, m);
        } else if layout == Layout::Party
            // The majority rule cited is the Party Charter's; a State body's rules of procedure differ.
            && u64::from(vote.in_favour) * 2 <= u64::from(m.voting())
        {
            self.diags.push(
                Diagnostic::new(Code::VoteNotPassed, t(format!("vote {} has {} votes for, not more than half of the {} official members summoned: it does not pass under the Party Charter's majority rule", i + 1, vote.in_favour, m.voting()), format!("biểu quyết {} có {} phiếu tán thành, không quá một nửa trong {} đảng viên chính thức được triệu tập: chưa được thông qua theo nguyên tắc đa số của Điều lệ Đảng", i + 1, vote.in_favour, m.voting())))
                    .at(self.positions.value(&path))
                    .label(t("votes for", "số tán thành"))
                    .hint(t("the vote is printed as it was; check the counts if it did pass", "kết quả được in đúng như đã biểu quyết; kiểm tra lại các số nếu thực tế đã thông qua")),
            );
        }
    }

    /// E0213: more votes than official members present (minutes-format.md §5: probationary members do not vote).
    fn vote_over_official_present(&mut self, i: usize, cast: u64, m: &Members) {
        let official = m.voting_present();
        let probationary_present = m.present - official;
        self.diags.push(
            Diagnostic::new(Code::VotesOverOfficialPresent, t(
                format!("vote {} counts {cast} votes, more than the {official} official members present (present {} - probationary members present {probationary_present}); probationary members do not vote", i + 1, m.present),
                format!("biểu quyết {} có {cast} phiếu, nhiều hơn {official} đảng viên chính thức có mặt (có mặt {} - dự bị có mặt {probationary_present}); đảng viên dự bị không biểu quyết", i + 1, m.present),
            ))
            .at(self.positions.value(&keypath!(votes[i].for)))
            .label(t("votes for", "số tán thành"))
            .hint(t(
                format!("`for` + `against` + `abstain` may be at most {official}; correct the counts, `members.probationary`, or the `probationary:` mark of an absentee under `members.absent`"),
                format!("`for` + `against` + `abstain` tối đa là {official}; sửa lại các số, `members.probationary`, hoặc dấu `probationary:` của người vắng mặt trong `members.absent`"),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::keys::FRONT_MATTER;

    /// The top level is optional for serde (every missing key is reported at once): the rules report what the
    /// key tree requires there, no more and no less.
    #[test]
    fn every_key_the_tree_requires_at_the_top_is_reported_missing() {
        let today = NaiveDate::from_ymd_opt(2024, 1, 15).expect("a date");
        for (layout, party) in [(None, true), (Some(Layout::State), false)] {
            let raw = RawMinutes {
                layout,
                ..RawMinutes::default()
            };
            let (_, diags) = check(raw, "", &Positions::default(), Context { today });
            let mut missing: Vec<&str> = diags
                .iter()
                .filter(|d| d.code == Code::MissingKey)
                .filter_map(|d| match &d.fix {
                    Some(Fix::AddKey { parent, key, .. }) if parent.is_empty() => Some(*key),
                    _ => None,
                })
                .collect();
            let mut required: Vec<&str> = FRONT_MATTER
                .keys
                .iter()
                .filter(|k| k.must_have_value(party))
                .map(|k| k.name)
                .collect();
            missing.sort();
            required.sort();
            assert_eq!(missing, required, "party: {party}");
            assert_eq!(diags.len(), required.len(), "{diags:#?}");
        }
    }
}

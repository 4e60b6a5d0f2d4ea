//! The minutes data as serde reads it: the raw front matter ([`RawMinutes`], every key optional so that all
//! missing keys can be reported at once) and the value types it is made of, which the validated
//! [`crate::check::minutes::Minutes`] reuses once checked. What each key means, and which keys there are, is
//! written once in the key tree ([`crate::input::keys::tree`]); a test checks that it and these types agree.

use serde::{Deserialize, Serialize};

/// Which official layout a minutes file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// Party documents: Hướng dẫn 36-HD/VPTW.
    #[default]
    Party,
    /// State documents: Nghị định 30/2020/NĐ-CP, Mẫu 1.9.
    State,
}

impl Layout {
    /// The name written in the front matter, which is also the template folder's name.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Party => "party",
            Layout::State => "state",
        }
    }
}

/// Whether the minutes are a draft (marked "DỰ THẢO") or approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Carries a visible "DỰ THẢO" mark on every page.
    #[default]
    Draft,
    /// The final text.
    Approved,
}

impl Status {
    /// The name written in the front matter (serde's), for data and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Approved => "approved",
        }
    }
}

/// The kind of meeting, which sets the Vietnamese wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MeetingKind {
    /// Sinh hoạt thường kỳ.
    Regular,
    /// Sinh hoạt chuyên đề.
    Thematic,
    /// Sinh hoạt (họp) bất thường.
    Extraordinary,
    /// Any other meeting.
    Other,
}

impl MeetingKind {
    /// The name written in the front matter (serde's), for data and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Regular => "regular",
            MeetingKind::Thematic => "thematic",
            MeetingKind::Extraordinary => "extraordinary",
            MeetingKind::Other => "other",
        }
    }
}

/// Who meets (minutes-format.md §5): it sets the title line, the member noun, the headings and the closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Body {
    /// Chi bộ: a cell's meeting (buổi sinh hoạt); the Party layout's default.
    Cell,
    /// Chi ủy: the cell committee's meeting.
    CellCommittee,
    /// Ban Chấp hành Đảng bộ: a committee's conference (Hội nghị Ban Chấp hành).
    Committee,
    /// Ban Thường vụ: a standing committee's conference.
    StandingCommittee,
    /// A State body's meeting (cuộc họp); the State layout's default.
    Agency,
}

impl Body {
    /// The name written in the front matter (serde's), for data and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Body::Cell => "cell",
            Body::CellCommittee => "cell-committee",
            Body::Committee => "committee",
            Body::StandingCommittee => "standing-committee",
            Body::Agency => "agency",
        }
    }

    /// The default body of a layout: `cell` for the Party, `agency` for the State.
    pub fn default_for(layout: Layout) -> Body {
        match layout {
            Layout::Party => Body::Cell,
            Layout::State => Body::Agency,
        }
    }
}

/// How the meeting was held (hình thức).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingFormat {
    /// Trực tiếp (the default; not printed).
    #[default]
    InPerson,
    /// Trực tuyến.
    Online,
    /// Trực tiếp kết hợp trực tuyến.
    Hybrid,
}

/// How a vote was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoteMethod {
    /// Biểu quyết giơ tay (the default), counted in persons.
    #[default]
    ShowOfHands,
    /// Bỏ phiếu kín, counted in ballots (phiếu).
    SecretBallot,
}

/// The rule a vote passes by, on the official members summoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoteRule {
    /// More than half (the default; the Party Charter's majority rule).
    #[default]
    Majority,
    /// At least two thirds (admission of a member, discipline).
    TwoThirds,
}

/// The ballots of a secret ballot.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ballots {
    /// Phiếu phát ra.
    pub issued: u32,
    /// Phiếu thu về (at most `issued`).
    pub returned: u32,
    /// Phiếu hợp lệ (`valid` + `invalid` = `returned`; `for` + `against` = `valid`).
    pub valid: u32,
    /// Phiếu không hợp lệ.
    #[serde(default)]
    pub invalid: u32,
}

/// A member of the vote-counting committee (Ban kiểm phiếu).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Teller {
    /// Full name.
    pub name: String,
    /// Position in the committee, e.g. `Trưởng ban`.
    pub role: Option<String>,
    /// Form of address printed before the name (`đồng chí`, `ông`, `bà`…).
    pub salutation: Option<String>,
}

/// The minutes were read back and approved (minutes-format.md §5).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// How many of those present agreed.
    pub agreed: u32,
    /// How many disagreed (default 0).
    pub against: Option<u32>,
    /// Copies made ("Biên bản được lập thành 02 bản").
    pub copies: Option<u32>,
    /// When it was approved, `HH:MM` (24 h).
    pub time: Option<String>,
}

/// What became of a remedy adopted by earlier minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowUpStatus {
    /// Đã hoàn thành.
    Done,
    /// Đang thực hiện.
    InProgress,
    /// Không tiếp tục thực hiện.
    Dropped,
}

/// The review of one remedy adopted by earlier minutes of the same organisation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// `YYYY-MM-DD#N`: that meeting's date and the remedy's number.
    pub of: String,
    /// done | in-progress | dropped.
    pub status: FollowUpStatus,
    /// A short note (inline Markdown).
    pub note: Option<String>,
}

/// The issuing body and its superior.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// The immediately superior body (header line 1), e.g. `Đảng bộ xã Thanh Bình Thịnh`.
    pub parent: Option<String>,
    /// The issuing body (header line 2, bold), e.g. `Chi bộ Đại Lợi`.
    pub name: String,
    /// The issuing body's abbreviation used in the number, e.g. `CB` (capital letters).
    pub code: Option<String>,
}

/// The meeting's kind and title (trích yếu).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// regular | thematic | extraordinary | other.
    pub kind: MeetingKind,
    /// The title printed under "BIÊN BẢN".
    pub title: String,
    /// Who meets: cell | cell-committee | committee | standing-committee | agency (default by layout).
    pub body: Option<Body>,
    /// in-person | online | hybrid (default in-person).
    pub format: Option<MeetingFormat>,
    /// Chương trình: the items of the agenda, printed in the opening part.
    pub agenda: Option<Vec<String>>,
}

/// A named person with a position: the chair, the secretary, a guest.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name, e.g. `Lê Văn Hùng`.
    pub name: String,
    /// Position, e.g. `Bí thư Chi bộ`.
    pub role: String,
    /// Form of address printed before the name (`đồng chí`, `ông`, `bà`, `thầy`…); default `đồng chí` in the
    /// Party layout, nothing in the State layout.
    pub salutation: Option<String>,
}

/// A member who did not attend.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Absentee {
    /// Full name.
    pub name: String,
    /// Why; a reason makes the absence excused.
    pub reason: Option<String>,
    /// Form of address printed before the name.
    pub salutation: Option<String>,
    /// Whether this absentee is a probationary member (minutes-format.md §5); unset means not said. With it
    /// the tool knows how many probationary members were present, who do not vote.
    #[serde(default)]
    pub probationary: Option<bool>,
}

/// The roll and the attendance.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Members {
    /// Members on the roll.
    pub total: u32,
    /// Probationary members (dự bị); they cannot vote.
    #[serde(default)]
    pub probationary: u32,
    /// Members exempt from meetings (miễn sinh hoạt); not summoned.
    #[serde(default)]
    pub exempt: u32,
    /// Members present.
    pub present: u32,
    /// Each absentee by name.
    #[serde(default)]
    pub absent: Vec<Absentee>,
    /// Exempt members who attended anyway (printed apart, not in the attendance rate).
    #[serde(default)]
    pub exempt_present: u32,
    /// Members attending temporarily (sinh hoạt tạm thời), printed apart.
    #[serde(default)]
    pub attached: u32,
}

/// One speaker's remarks in the discussion.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    /// Full name.
    pub name: String,
    /// Position, optional.
    pub role: Option<String>,
    /// Form of address printed before the name.
    pub salutation: Option<String>,
    /// What they said (Markdown).
    pub remarks: String,
}

/// A remedy or task adopted by the meeting.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Remedy {
    /// The remedy (inline Markdown).
    pub text: String,
    /// Who is responsible.
    pub owner: Option<String>,
    /// Due date, `YYYY-MM-DD`.
    pub due: Option<String>,
}

/// A vote taken at the meeting.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// What was voted on.
    pub subject: String,
    /// Votes in favour.
    #[serde(rename = "for")]
    pub in_favour: u32,
    /// Votes against.
    pub against: u32,
    /// Abstentions.
    pub abstain: u32,
    /// show-of-hands (default) | secret-ballot.
    pub method: Option<VoteMethod>,
    /// The ballots of a secret ballot.
    pub ballots: Option<Ballots>,
    /// majority (default) | two-thirds, on the official members summoned.
    pub rule: Option<VoteRule>,
    /// Ban kiểm phiếu.
    pub counting_committee: Option<Vec<Teller>>,
}

/// Overrides of the two signature titles.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signers {
    /// Left title (default `THƯ KÝ`).
    pub left: Option<String>,
    /// Right title (default `CHỦ TRÌ` for party, `CHỦ TỌA` for state).
    pub right: Option<String>,
}

/// The front matter as written; every key is optional here so that every missing key is reported at once.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawMinutes {
    /// party (Đảng, HD 36-HD/VPTW) | state (Nhà nước, NĐ 30/2020/NĐ-CP); default party.
    pub layout: Option<Layout>,
    /// draft | approved; default draft.
    pub status: Option<Status>,
    /// Register number (≥ 1), printed with two digits minimum.
    pub number: Option<u32>,
    /// The issuing body.
    pub organization: Option<Organization>,
    /// Place name in the date line (required for the party layout).
    pub place: Option<String>,
    /// Meeting date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Start time, `HH:MM` (24 h).
    pub start: Option<String>,
    /// End time, `HH:MM` (24 h), after the start.
    pub end: Option<String>,
    /// Địa điểm.
    pub venue: Option<String>,
    /// Kind and title.
    pub meeting: Option<Meeting>,
    /// Chủ trì.
    pub chair: Option<Person>,
    /// Thư ký.
    pub secretary: Option<Person>,
    /// Roll and attendance.
    pub members: Option<Members>,
    /// Đại biểu dự.
    pub guests: Option<Vec<Person>>,
    /// Ý kiến thảo luận, in order.
    pub speakers: Option<Vec<Speaker>>,
    /// The chair's conclusion (Markdown).
    pub conclusion: Option<String>,
    /// Remedies / tasks adopted, numbered in the PDF.
    pub remedies: Option<Vec<Remedy>>,
    /// Votes taken.
    pub votes: Option<Vec<Vote>>,
    /// Nơi nhận; the last line is the archive copy.
    pub recipients: Option<Vec<String>>,
    /// Overrides of the signature titles.
    pub signers: Option<Signers>,
    /// What the meeting did after the votes (Markdown), printed before the approval statement.
    pub closing: Option<String>,
    /// The minutes were read back and approved.
    pub approval: Option<Approval>,
    /// Review of remedies adopted by earlier minutes of the same organisation.
    pub follow_up: Option<Vec<FollowUp>>,
}

impl Members {
    /// Members summoned to the meeting: total − exempt.
    pub fn summoned(&self) -> u32 {
        self.total.saturating_sub(self.exempt)
    }

    /// Official members who may vote and are summoned: total − probationary − exempt.
    pub fn voting(&self) -> u32 {
        self.total
            .saturating_sub(self.probationary)
            .saturating_sub(self.exempt)
    }

    /// Official members who were certainly present: `present` less the probationary members who may have
    /// attended. Probationary members are present unless listed absent; an absentee not marked
    /// `probationary: false` may be one of them, so only what the file proves is counted.
    pub fn voting_present(&self) -> u32 {
        let maybe_probationary_absent = self
            .absent
            .iter()
            .filter(|a| a.probationary != Some(false))
            .count();
        let maybe_probationary_absent =
            u32::try_from(maybe_probationary_absent).unwrap_or(u32::MAX);
        let probationary_present = self.probationary.saturating_sub(maybe_probationary_absent);
        self.present.saturating_sub(probationary_present)
    }

    /// Absentees with a reason.
    pub fn excused(&self) -> usize {
        self.absent
            .iter()
            .filter(|a| a.reason.as_deref().is_some_and(|r| !r.trim().is_empty()))
            .count()
    }
}

//! The minutes data as serde reads it: the raw front matter ([`RawMinutes`], every key optional so that all
//! missing keys can be reported at once) and the value types it is made of, which the validated
//! [`crate::check::minutes::Minutes`] reuses once checked.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which official layout a minutes file uses.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Deserialize,
    Serialize,
    JsonSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// Party documents: Hướng dẫn 36-HD/VPTW.
    #[default]
    #[schemars(description = "Thể thức Đảng (Hướng dẫn 36-HD/VPTW).")]
    Party,
    /// State documents: Nghị định 30/2020/NĐ-CP, Mẫu 1.9.
    #[schemars(description = "Thể thức Nhà nước (Nghị định 30/2020/NĐ-CP, Mẫu 1.9).")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Carries a visible "DỰ THẢO" mark on every page.
    #[default]
    #[schemars(description = "Dự thảo: mỗi trang có dấu DỰ THẢO.")]
    Draft,
    /// The final text.
    #[schemars(description = "Bản chính thức đã thông qua.")]
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum MeetingKind {
    /// Sinh hoạt thường kỳ.
    #[schemars(description = "Sinh hoạt thường kỳ.")]
    Regular,
    /// Sinh hoạt chuyên đề.
    #[schemars(description = "Sinh hoạt chuyên đề.")]
    Thematic,
    /// Sinh hoạt (họp) bất thường.
    #[schemars(description = "Sinh hoạt (họp) bất thường.")]
    Extraordinary,
    /// Any other meeting.
    #[schemars(description = "Cuộc họp khác.")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VoteMethod {
    /// Biểu quyết giơ tay (the default), counted in persons.
    #[default]
    ShowOfHands,
    /// Bỏ phiếu kín, counted in ballots (phiếu).
    SecretBallot,
}

/// The rule a vote passes by, on the official members summoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VoteRule {
    /// More than half (the default; the Party Charter's majority rule).
    #[default]
    Majority,
    /// At least two thirds (admission of a member, discipline).
    TwoThirds,
}

/// The ballots of a secret ballot.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// How many of those present agreed.
    pub agreed: u32,
    /// How many disagreed (default 0).
    pub against: Option<u32>,
    /// Copies made ("Biên bản được lập thành 02 bản").
    pub copies: Option<u32>,
    /// When it was approved, `HH:MM` (24 h).
    #[schemars(regex(pattern = r"^\d{1,2}:\d{2}$"))]
    pub time: Option<String>,
}

/// What became of a remedy adopted by earlier minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// `YYYY-MM-DD#N`: that meeting's date and the remedy's number.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}#[1-9]\d*$"))]
    pub of: String,
    /// done | in-progress | dropped.
    pub status: FollowUpStatus,
    /// A short note (inline Markdown).
    pub note: Option<String>,
}

/// The issuing body and its superior.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// The immediately superior body (header line 1), e.g. `Đảng bộ xã Thanh Bình Thịnh`.
    #[schemars(
        description = "Cơ quan cấp trên trực tiếp (dòng 1 của tiêu đề), ví dụ `Đảng bộ xã Thanh Bình Thịnh`."
    )]
    pub parent: Option<String>,
    /// The issuing body (header line 2, bold), e.g. `Chi bộ Đại Lợi`.
    #[schemars(
        description = "Cơ quan ban hành (dòng 2 của tiêu đề, in đậm), ví dụ `Chi bộ Đại Lợi`."
    )]
    pub name: String,
    /// The issuing body's abbreviation used in the number, e.g. `CB` (capital letters).
    #[schemars(
        description = "Ký hiệu viết tắt của cơ quan ban hành, dùng trong số biên bản, ví dụ `CB` (chữ in hoa)."
    )]
    pub code: Option<String>,
}

/// The meeting's kind and title (trích yếu).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// regular | thematic | extraordinary | other.
    #[schemars(
        description = "Loại cuộc họp: `regular` (thường kỳ), `thematic` (chuyên đề), `extraordinary` (bất thường) hoặc `other` (khác)."
    )]
    pub kind: MeetingKind,
    /// The title printed under "BIÊN BẢN".
    #[schemars(description = "Trích yếu nội dung, in dưới chữ BIÊN BẢN.")]
    pub title: String,
    /// Who meets: cell | cell-committee | committee | standing-committee | agency (default by layout).
    pub body: Option<Body>,
    /// in-person | online | hybrid (default in-person).
    pub format: Option<MeetingFormat>,
    /// Chương trình: the items of the agenda, printed in the opening part.
    pub agenda: Option<Vec<String>>,
}

/// A named person with a position: the chair, the secretary, a guest.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name, e.g. `Lê Văn Hùng`.
    #[schemars(description = "Họ và tên, ví dụ `Lê Văn Hùng`.")]
    pub name: String,
    /// Position, e.g. `Bí thư Chi bộ`.
    #[schemars(description = "Chức vụ, ví dụ `Bí thư Chi bộ`.")]
    pub role: String,
    /// Form of address printed before the name (`đồng chí`, `ông`, `bà`, `thầy`…); default `đồng chí` in the
    /// Party layout, nothing in the State layout.
    pub salutation: Option<String>,
}

/// A member who did not attend.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Absentee {
    /// Full name.
    #[schemars(description = "Họ và tên người vắng mặt.")]
    pub name: String,
    /// Why; a reason makes the absence excused.
    #[schemars(description = "Lý do vắng; ghi lý do thì được tính là vắng có lý do.")]
    pub reason: Option<String>,
    /// Form of address printed before the name.
    pub salutation: Option<String>,
    /// Whether this absentee is a probationary member (minutes-format.md §5); unset means not said. With it
    /// the tool knows how many probationary members were present, who do not vote.
    #[serde(default)]
    pub probationary: Option<bool>,
}

/// The roll and the attendance.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Members {
    /// Members on the roll.
    #[schemars(description = "Tổng số đảng viên (thành viên) trong danh sách.")]
    pub total: u32,
    /// Probationary members (dự bị); they cannot vote.
    #[serde(default)]
    #[schemars(description = "Số đảng viên dự bị (không biểu quyết); mặc định 0.")]
    pub probationary: u32,
    /// Members exempt from meetings (miễn sinh hoạt); not summoned.
    #[serde(default)]
    #[schemars(
        description = "Số đảng viên được miễn công tác và sinh hoạt đảng (không triệu tập); mặc định 0."
    )]
    pub exempt: u32,
    /// Members present.
    #[schemars(description = "Số có mặt; có mặt + số người vắng = tổng số − miễn sinh hoạt.")]
    pub present: u32,
    /// Each absentee by name.
    #[serde(default)]
    #[schemars(
        description = "Danh sách người vắng mặt, mỗi người một dòng `- { name: …, reason: … }`."
    )]
    pub absent: Vec<Absentee>,
    /// Exempt members who attended anyway (printed apart, not in the attendance rate).
    #[serde(default)]
    pub exempt_present: u32,
    /// Members attending temporarily (sinh hoạt tạm thời), printed apart.
    #[serde(default)]
    pub attached: u32,
}

/// One speaker's remarks in the discussion.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    /// Full name.
    #[schemars(description = "Họ và tên người phát biểu.")]
    pub name: String,
    /// Position, optional.
    #[schemars(description = "Chức vụ (nếu có).")]
    pub role: Option<String>,
    /// Form of address printed before the name.
    pub salutation: Option<String>,
    /// What they said (Markdown).
    #[schemars(description = "Nội dung phát biểu (Markdown).")]
    pub remarks: String,
}

/// A remedy or task adopted by the meeting.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Remedy {
    /// The remedy (inline Markdown).
    #[schemars(description = "Nội dung giải pháp, nhiệm vụ (Markdown trên một dòng).")]
    pub text: String,
    /// Who is responsible.
    #[schemars(description = "Người hoặc bộ phận chịu trách nhiệm.")]
    pub owner: Option<String>,
    /// Due date, `YYYY-MM-DD`.
    #[schemars(description = "Thời hạn, dạng `YYYY-MM-DD`.")]
    pub due: Option<String>,
}

/// A vote taken at the meeting.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// What was voted on.
    #[schemars(description = "Nội dung biểu quyết.")]
    pub subject: String,
    /// Votes in favour.
    #[serde(rename = "for")]
    #[schemars(description = "Số tán thành.")]
    pub in_favour: u32,
    /// Votes against.
    #[schemars(description = "Số không tán thành.")]
    pub against: u32,
    /// Abstentions.
    #[schemars(description = "Số không biểu quyết.")]
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
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signers {
    /// Left title (default `THƯ KÝ`).
    #[schemars(description = "Chức danh ký bên trái (mặc định `THƯ KÝ`).")]
    pub left: Option<String>,
    /// Right title (default `CHỦ TRÌ` for party, `CHỦ TỌA` for state).
    #[schemars(
        description = "Chức danh ký bên phải (mặc định `CHỦ TRÌ` với thể thức Đảng, `CHỦ TỌA` với Nhà nước)."
    )]
    pub right: Option<String>,
}

/// The front matter as written; every key is optional here so that every missing key is reported at once.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "bienban minutes front matter")]
pub struct RawMinutes {
    /// party (Đảng, HD 36-HD/VPTW) | state (Nhà nước, NĐ 30/2020/NĐ-CP); default party.
    #[schemars(
        description = "Thể thức văn bản: `party` (Đảng, Hướng dẫn 36-HD/VPTW) hoặc `state` (Nhà nước, Nghị định 30/2020/NĐ-CP); mặc định `party`."
    )]
    pub layout: Option<Layout>,
    /// draft | approved; default draft.
    #[schemars(
        description = "Tình trạng: `draft` (dự thảo, mỗi trang có dấu DỰ THẢO) hoặc `approved` (đã thông qua); mặc định `draft`."
    )]
    pub status: Option<Status>,
    /// Register number (≥ 1), printed with two digits minimum.
    #[schemars(range(min = 1))]
    #[schemars(
        description = "Số biên bản (từ 1 trở lên), in ít nhất hai chữ số, ví dụ Số 05-BB/CB; cần có `organization.code`."
    )]
    pub number: Option<u32>,
    /// The issuing body.
    #[schemars(description = "Cơ quan ban hành biên bản và cơ quan cấp trên trực tiếp.")]
    pub organization: Option<Organization>,
    /// Place name in the date line (required for the party layout).
    #[schemars(description = "Địa danh ghi ở dòng ngày tháng (bắt buộc với thể thức Đảng).")]
    pub place: Option<String>,
    /// Meeting date, `YYYY-MM-DD`.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    #[schemars(description = "Ngày họp, dạng `YYYY-MM-DD`; cũng là ngày tạo tệp PDF.")]
    pub date: Option<String>,
    /// Start time, `HH:MM` (24 h).
    #[schemars(regex(pattern = r"^\d{1,2}:\d{2}$"))]
    #[schemars(description = "Giờ bắt đầu, dạng `\"HH:MM\"` (24 giờ), trong ngoặc kép.")]
    pub start: Option<String>,
    /// End time, `HH:MM` (24 h), after the start.
    #[schemars(regex(pattern = r"^\d{1,2}:\d{2}$"))]
    #[schemars(description = "Giờ kết thúc, dạng `\"HH:MM\"` (24 giờ), sau giờ bắt đầu.")]
    pub end: Option<String>,
    /// Địa điểm.
    #[schemars(description = "Địa điểm họp.")]
    pub venue: Option<String>,
    /// Kind and title.
    #[schemars(description = "Loại và trích yếu của cuộc họp.")]
    pub meeting: Option<Meeting>,
    /// Chủ trì.
    #[schemars(description = "Người chủ trì (họ tên, chức vụ).")]
    pub chair: Option<Person>,
    /// Thư ký.
    #[schemars(description = "Thư ký (họ tên, chức vụ).")]
    pub secretary: Option<Person>,
    /// Roll and attendance.
    #[schemars(
        description = "Sĩ số: tổng số, dự bị, miễn sinh hoạt, có mặt và danh sách vắng mặt."
    )]
    pub members: Option<Members>,
    /// Đại biểu dự.
    #[schemars(description = "Đại biểu dự (họ tên, chức vụ).")]
    pub guests: Option<Vec<Person>>,
    /// Ý kiến thảo luận, in order.
    #[schemars(description = "Ý kiến thảo luận, theo thứ tự phát biểu.")]
    pub speakers: Option<Vec<Speaker>>,
    /// The chair's conclusion (Markdown).
    #[schemars(description = "Kết luận của người chủ trì (Markdown).")]
    pub conclusion: Option<String>,
    /// Remedies / tasks adopted, numbered in the PDF.
    #[schemars(description = "Giải pháp, nhiệm vụ được thông qua; được đánh số trong PDF.")]
    pub remedies: Option<Vec<Remedy>>,
    /// Votes taken.
    #[schemars(description = "Các lần biểu quyết.")]
    pub votes: Option<Vec<Vote>>,
    /// Nơi nhận; the last line is the archive copy.
    #[schemars(description = "Nơi nhận; dòng cuối là bản lưu.")]
    pub recipients: Option<Vec<String>>,
    /// Overrides of the signature titles.
    #[schemars(
        description = "Thay chức danh ký ở hai bên (mặc định THƯ KÝ và CHỦ TRÌ hoặc CHỦ TỌA)."
    )]
    pub signers: Option<Signers>,
    /// What the meeting did after the votes (Markdown), printed before the approval statement.
    pub closing: Option<String>,
    /// The minutes were read back and approved.
    pub approval: Option<Approval>,
    /// Review of remedies adopted by earlier minutes of the same organisation.
    pub follow_up: Option<Vec<FollowUp>>,
}

/// The keys a front matter may hold, as a tree: used to report every unknown key with a suggestion.
#[derive(Debug)]
pub enum Shape {
    /// A mapping with these keys.
    Map(&'static [(&'static str, Shape)]),
    /// A list of items of one shape.
    List(&'static Shape),
    /// A scalar (or anything serde checks on its own).
    Leaf,
}

const PERSON: Shape = Shape::Map(&[
    ("name", Shape::Leaf),
    ("role", Shape::Leaf),
    ("salutation", Shape::Leaf),
]);

/// The shape of [`RawMinutes`]; kept beside the types it mirrors (a unit test checks they agree).
pub const FRONT_MATTER: Shape = Shape::Map(&[
    ("layout", Shape::Leaf),
    ("status", Shape::Leaf),
    ("number", Shape::Leaf),
    (
        "organization",
        Shape::Map(&[
            ("parent", Shape::Leaf),
            ("name", Shape::Leaf),
            ("code", Shape::Leaf),
        ]),
    ),
    ("place", Shape::Leaf),
    ("date", Shape::Leaf),
    ("start", Shape::Leaf),
    ("end", Shape::Leaf),
    ("venue", Shape::Leaf),
    (
        "meeting",
        Shape::Map(&[
            ("kind", Shape::Leaf),
            ("title", Shape::Leaf),
            ("body", Shape::Leaf),
            ("format", Shape::Leaf),
            ("agenda", Shape::List(&Shape::Leaf)),
        ]),
    ),
    ("chair", PERSON),
    ("secretary", PERSON),
    (
        "members",
        Shape::Map(&[
            ("total", Shape::Leaf),
            ("probationary", Shape::Leaf),
            ("exempt", Shape::Leaf),
            ("present", Shape::Leaf),
            (
                "absent",
                Shape::List(&Shape::Map(&[
                    ("name", Shape::Leaf),
                    ("reason", Shape::Leaf),
                    ("probationary", Shape::Leaf),
                    ("salutation", Shape::Leaf),
                ])),
            ),
            ("exempt_present", Shape::Leaf),
            ("attached", Shape::Leaf),
        ]),
    ),
    ("guests", Shape::List(&PERSON)),
    (
        "speakers",
        Shape::List(&Shape::Map(&[
            ("name", Shape::Leaf),
            ("role", Shape::Leaf),
            ("salutation", Shape::Leaf),
            ("remarks", Shape::Leaf),
        ])),
    ),
    ("conclusion", Shape::Leaf),
    (
        "remedies",
        Shape::List(&Shape::Map(&[
            ("text", Shape::Leaf),
            ("owner", Shape::Leaf),
            ("due", Shape::Leaf),
        ])),
    ),
    (
        "votes",
        Shape::List(&Shape::Map(&[
            ("subject", Shape::Leaf),
            ("for", Shape::Leaf),
            ("against", Shape::Leaf),
            ("abstain", Shape::Leaf),
            ("method", Shape::Leaf),
            (
                "ballots",
                Shape::Map(&[
                    ("issued", Shape::Leaf),
                    ("returned", Shape::Leaf),
                    ("valid", Shape::Leaf),
                    ("invalid", Shape::Leaf),
                ]),
            ),
            ("rule", Shape::Leaf),
            ("counting_committee", Shape::List(&PERSON)),
        ])),
    ),
    ("recipients", Shape::List(&Shape::Leaf)),
    (
        "signers",
        Shape::Map(&[("left", Shape::Leaf), ("right", Shape::Leaf)]),
    ),
    ("closing", Shape::Leaf),
    (
        "approval",
        Shape::Map(&[
            ("agreed", Shape::Leaf),
            ("against", Shape::Leaf),
            ("copies", Shape::Leaf),
            ("time", Shape::Leaf),
        ]),
    ),
    (
        "follow_up",
        Shape::List(&Shape::Map(&[
            ("of", Shape::Leaf),
            ("status", Shape::Leaf),
            ("note", Shape::Leaf),
        ])),
    ),
]);

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

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_keys(shape: &Shape) -> Vec<&'static str> {
        match shape {
            Shape::Map(entries) => entries.iter().map(|(k, _)| *k).collect(),
            _ => vec![],
        }
    }

    #[test]
    fn shape_matches_the_serde_types() {
        let schema = serde_json::to_value(schemars::schema_for!(RawMinutes)).unwrap();
        let mut properties: Vec<String> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        properties.sort();
        let mut keys: Vec<String> = shape_keys(&FRONT_MATTER)
            .iter()
            .map(|k| k.to_string())
            .collect();
        keys.sort();
        assert_eq!(properties, keys);
    }
}

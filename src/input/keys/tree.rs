//! The tree of front-matter keys (minutes-format.md §2 and §5): the one place a key is written. Each mapping
//! is a `node!` struct whose fields are its keys, in the order they are listed, checked and completed; each
//! field's type is what the key holds ([`Text`], [`Count`], [`One`] of some words, another mapping, a
//! [`List`] of them), and its row says whether it is required and what it means in both languages.
//!
//! To add a key: add a field to its mapping here (and the field to the serde type in
//! [`crate::input::model`]; a test checks that both agree), then use it as `keypath!(mapping.key)`. A new
//! mapping is a new `node!`; a new set of words a new [`Choices`] type.

use std::marker::PhantomData;

use crate::input::keys::{Choice, Key, Kind, List, Shape, Words, about, node};

/// A line of text.
pub struct Text;
/// Text with Markdown.
pub struct Markdown;
/// A date, `YYYY-MM-DD`.
pub struct Date;
/// A time, `HH:MM`.
pub struct Time;
/// A whole number of at least `MIN`.
pub struct Count<const MIN: u32>;
/// `true` or `false`.
pub struct Flag;
/// One of the words of `C`.
pub struct One<C>(PhantomData<C>);
/// Either shape (a word or a mapping, say).
pub struct Or<A, B>(PhantomData<(A, B)>);

impl Shape for Text {
    const KIND: Kind = Kind::Text;
}
impl Shape for Markdown {
    const KIND: Kind = Kind::Markdown;
}
impl Shape for Date {
    const KIND: Kind = Kind::Date;
}
impl Shape for Time {
    const KIND: Kind = Kind::Time;
}
impl<const MIN: u32> Shape for Count<MIN> {
    const KIND: Kind = Kind::Count { min: MIN };
}
impl Shape for Flag {
    const KIND: Kind = Kind::Flag;
}
impl<C: Choices> Shape for One<C> {
    const KIND: Kind = Kind::Choice(C::LIST);
}
impl<A: Shape, B: Shape> Shape for Or<A, B> {
    const KIND: Kind = Kind::Either(&[A::KIND, B::KIND]);
}

/// A set of words a key may take.
pub trait Choices {
    /// The words, in the order they are listed.
    const LIST: &'static [Choice];
}

/// A word, its gloss in the Vietnamese hints (if any), and its meaning.
const fn word(
    name: &'static str,
    gloss: Option<&'static str>,
    en: &'static str,
    vi: &'static str,
) -> Choice {
    Choice {
        name,
        gloss,
        about: Words { en, vi },
    }
}

/// `layout`.
pub struct Layouts;
impl Choices for Layouts {
    const LIST: &'static [Choice] = &[
        word(
            "party",
            None,
            "Party documents: Hướng dẫn 36-HD/VPTW.",
            "Thể thức Đảng (Hướng dẫn 36-HD/VPTW).",
        ),
        word(
            "state",
            None,
            "State documents: Nghị định 30/2020/NĐ-CP, Mẫu 1.9.",
            "Thể thức Nhà nước (Nghị định 30/2020/NĐ-CP, Mẫu 1.9).",
        ),
    ];
}

/// `status`.
pub struct Statuses;
impl Choices for Statuses {
    const LIST: &'static [Choice] = &[
        word(
            "draft",
            None,
            "A draft: every page is marked \"DỰ THẢO\".",
            "Dự thảo: mỗi trang có dấu DỰ THẢO.",
        ),
        word(
            "approved",
            None,
            "The final text, approved.",
            "Bản chính thức đã thông qua.",
        ),
    ];
}

/// `meeting.kind`.
pub struct MeetingKinds;
impl Choices for MeetingKinds {
    const LIST: &'static [Choice] = &[
        word(
            "regular",
            Some("thường kỳ"),
            "A regular meeting (sinh hoạt thường kỳ).",
            "Sinh hoạt thường kỳ.",
        ),
        word(
            "thematic",
            Some("chuyên đề"),
            "A thematic meeting (sinh hoạt chuyên đề).",
            "Sinh hoạt chuyên đề.",
        ),
        word(
            "extraordinary",
            Some("bất thường"),
            "An extraordinary meeting (họp bất thường).",
            "Sinh hoạt (họp) bất thường.",
        ),
        word("other", None, "Any other meeting.", "Cuộc họp khác."),
    ];
}

/// `meeting.body`.
pub struct Bodies;
impl Choices for Bodies {
    const LIST: &'static [Choice] = &[
        word(
            "cell",
            Some("chi bộ"),
            "A cell's meeting (chi bộ); the Party layout's default.",
            "Chi bộ: buổi sinh hoạt chi bộ; mặc định của thể thức Đảng.",
        ),
        word(
            "cell-committee",
            Some("chi ủy"),
            "The cell committee's meeting (chi ủy).",
            "Chi ủy: cuộc họp của chi ủy.",
        ),
        word(
            "committee",
            Some("Ban Chấp hành"),
            "A committee's conference (Hội nghị Ban Chấp hành).",
            "Ban Chấp hành Đảng bộ: Hội nghị Ban Chấp hành.",
        ),
        word(
            "standing-committee",
            Some("Ban Thường vụ"),
            "A standing committee's conference (Ban Thường vụ).",
            "Ban Thường vụ: hội nghị Ban Thường vụ.",
        ),
        word(
            "agency",
            Some("cơ quan nhà nước"),
            "A State body's meeting; the State layout's default.",
            "Cơ quan nhà nước: cuộc họp; mặc định của thể thức Nhà nước.",
        ),
    ];
}

/// `meeting.format`.
pub struct Formats;
impl Choices for Formats {
    const LIST: &'static [Choice] = &[
        word(
            "in-person",
            Some("trực tiếp"),
            "In person (the default; not printed).",
            "Trực tiếp (mặc định; không in).",
        ),
        word("online", Some("trực tuyến"), "Online.", "Trực tuyến."),
        word(
            "hybrid",
            Some("kết hợp"),
            "In person and online.",
            "Trực tiếp kết hợp trực tuyến.",
        ),
    ];
}

/// `votes[].method`.
pub struct Methods;
impl Choices for Methods {
    const LIST: &'static [Choice] = &[
        word(
            "show-of-hands",
            Some("giơ tay"),
            "A show of hands (the default), counted in persons.",
            "Biểu quyết giơ tay (mặc định), tính theo số người.",
        ),
        word(
            "secret-ballot",
            Some("bỏ phiếu kín"),
            "A secret ballot, counted in ballots.",
            "Bỏ phiếu kín, tính theo số phiếu.",
        ),
    ];
}

/// `votes[].rule`.
pub struct Rules;
impl Choices for Rules {
    const LIST: &'static [Choice] = &[
        word(
            "majority",
            Some("quá một nửa"),
            "More than half (the default; the Party Charter's majority rule).",
            "Quá một nửa (mặc định; nguyên tắc đa số của Điều lệ Đảng).",
        ),
        word(
            "two-thirds",
            Some("hai phần ba"),
            "At least two thirds (admission of a member, discipline).",
            "Ít nhất hai phần ba (kết nạp đảng viên, kỷ luật).",
        ),
    ];
}

/// `follow_up[].status`.
pub struct FollowUpStatuses;
impl Choices for FollowUpStatuses {
    const LIST: &'static [Choice] = &[
        word("done", Some("đã hoàn thành"), "Done.", "Đã hoàn thành."),
        word(
            "in-progress",
            Some("đang thực hiện"),
            "In progress.",
            "Đang thực hiện.",
        ),
        word(
            "dropped",
            Some("không tiếp tục"),
            "Dropped.",
            "Không tiếp tục thực hiện.",
        ),
    ];
}

/// A person's name, as every mapping of people has it.
const NAME: Key = about(
    "Full name, e.g. `Lê Văn Hùng`.",
    "Họ và tên, ví dụ `Lê Văn Hùng`.",
)
.form(
    "a full name, such as `Lê Văn Hùng`",
    "họ và tên, ví dụ `Lê Văn Hùng`",
)
.noun("name", "họ tên")
.required();
/// A person's position.
const ROLE: Key = about(
    "Position, e.g. `Bí thư Chi bộ`.",
    "Chức vụ, ví dụ `Bí thư Chi bộ`.",
)
.form(
    "a position, such as `Bí thư Chi bộ`",
    "chức vụ, ví dụ `Bí thư Chi bộ`",
)
.noun("position", "chức vụ");
/// The form of address printed before a name.
const SALUTATION: Key = about(
    "Form of address printed before the name (`đồng chí`, `ông`, `bà`, `thầy`…); default `đồng chí` in the Party layout, nothing in the State layout.",
    "Cách xưng hô in trước họ tên (`đồng chí`, `ông`, `bà`, `thầy`…); mặc định `đồng chí` với thể thức Đảng, không có với thể thức Nhà nước.",
)
.form("the form of address, such as `đồng chí`, `ông`, `bà`", "cách xưng hô, ví dụ `đồng chí`, `ông`, `bà`")
.noun("form of address", "cách xưng hô");
/// A list of people written `- { name: …, role: … }`.
const PEOPLE_FORM: Words = Words {
    en: "a list of `- { name: …, role: … }`",
    vi: "danh sách các dòng `- { name: …, role: … }`",
};

node! {
    /// The front matter.
    pub struct Root {
        layout: One<Layouts> = about(
            "Which official layout: `party` (Hướng dẫn 36-HD/VPTW) or `state` (Nghị định 30/2020/NĐ-CP); default `party`.",
            "Thể thức văn bản: `party` (Đảng, Hướng dẫn 36-HD/VPTW) hoặc `state` (Nhà nước, Nghị định 30/2020/NĐ-CP); mặc định `party`.",
        ),
        status: One<Statuses> = about(
            "Draft (every page marked DỰ THẢO) or approved; default `draft`.",
            "Tình trạng: `draft` (dự thảo, mỗi trang có dấu DỰ THẢO) hoặc `approved` (đã thông qua); mặc định `draft`.",
        ),
        number: Count<1> = about(
            "Register number (1 or more), printed with two digits at least, such as Số 05-BB/CB; needs `organization.code`.",
            "Số biên bản (từ 1 trở lên), in ít nhất hai chữ số, ví dụ Số 05-BB/CB; cần có `organization.code`.",
        ),
        organization: Organization = about(
            "The issuing body and its immediately superior body.",
            "Cơ quan ban hành biên bản và cơ quan cấp trên trực tiếp.",
        )
        .form("`parent`, `name` and `code` on indented lines below it", "các dòng `parent`, `name`, `code` thụt lề bên dưới")
        .required(),
        place: Text = about(
            "The place name of the date line (required for the Party layout).",
            "Địa danh ghi ở dòng ngày tháng (bắt buộc với thể thức Đảng).",
        )
        .form("the place name of the date line, such as `Thanh Bình Thịnh`", "địa danh ghi ở dòng ngày tháng, ví dụ `Thanh Bình Thịnh`")
        .party(),
        date: Date = about(
            "The meeting date, `YYYY-MM-DD`; also the PDF's date.",
            "Ngày họp, dạng `YYYY-MM-DD`; cũng là ngày tạo tệp PDF.",
        )
        .required(),
        start: Time = about(
            "Start time, `\"HH:MM\"` (24 hours), in quotes.",
            "Giờ bắt đầu, dạng `\"HH:MM\"` (24 giờ), trong ngoặc kép.",
        )
        .required(),
        end: Time = about(
            "End time, `\"HH:MM\"` (24 hours), after the start.",
            "Giờ kết thúc, dạng `\"HH:MM\"` (24 giờ), sau giờ bắt đầu.",
        )
        .required(),
        venue: Text = about("Where the meeting was held.", "Địa điểm họp.")
            .form("the meeting place, such as `Nhà văn hóa thôn Đại Lợi`", "địa điểm họp, ví dụ `Nhà văn hóa thôn Đại Lợi`")
            .required(),
        meeting: Meeting = about("The meeting's kind and title.", "Loại và trích yếu của cuộc họp.")
            .form("`kind` and `title` on indented lines below it", "các dòng `kind` và `title` thụt lề bên dưới")
            .required(),
        chair: Person = about("Who chaired (name, position).", "Người chủ trì (họ tên, chức vụ).")
            .form("`{ name: …, role: … }`", "`{ name: …, role: … }` (họ tên và chức vụ)")
            .required(),
        secretary: Person = about("Who took the minutes (name, position).", "Thư ký (họ tên, chức vụ).")
            .form("`{ name: …, role: … }`", "`{ name: …, role: … }` (họ tên và chức vụ)")
            .required(),
        members: Members = about(
            "The roll and the attendance.",
            "Sĩ số: tổng số, dự bị, miễn sinh hoạt, có mặt và danh sách vắng mặt.",
        )
        .form(
            "`total`, `present` and optionally `probationary`, `exempt`, `absent` below it",
            "các dòng `total`, `present` và nếu có `probationary`, `exempt`, `absent` bên dưới",
        )
        .required(),
        guests: List<Person> = about("Guests attending (name, position).", "Đại biểu dự (họ tên, chức vụ).")
            .form(PEOPLE_FORM.en, PEOPLE_FORM.vi)
            .item("guest", "đại biểu"),
        speakers: List<Speaker> = about(
            "The remarks of the discussion, in the order spoken.",
            "Ý kiến thảo luận, theo thứ tự phát biểu.",
        )
        .form("a list of `- name: …` with `remarks: …`", "danh sách các mục `- name: …` kèm `remarks: …`")
        .item("speaker", "người phát biểu"),
        conclusion: Markdown = about("The chair's conclusion (Markdown).", "Kết luận của người chủ trì (Markdown)."),
        remedies: List<Remedy> = about(
            "Remedies and tasks adopted, numbered in the PDF.",
            "Giải pháp, nhiệm vụ được thông qua; được đánh số trong PDF.",
        )
        .form("a list of `- text: …` (with optional `owner`, `due`)", "danh sách các mục `- text: …` (có thể kèm `owner`, `due`)")
        .item("remedy", "giải pháp"),
        votes: List<Vote> = about("The votes taken.", "Các lần biểu quyết.")
            .form(
                "a list of `- { subject: …, for: …, against: …, abstain: … }`",
                "danh sách các mục `- { subject: …, for: …, against: …, abstain: … }`",
            )
            .item("vote", "biểu quyết"),
        recipients: List<Text> = about(
            "Where copies go (nơi nhận); the last line is the archive copy.",
            "Nơi nhận; dòng cuối là bản lưu.",
        )
        .form("a list of lines `- …`", "danh sách các dòng `- …`")
        .item("recipient", "nơi nhận"),
        signers: Signers = about(
            "Overrides of the two signature titles.",
            "Thay chức danh ký ở hai bên (mặc định THƯ KÝ và CHỦ TRÌ hoặc CHỦ TỌA).",
        )
        .form("`left:` and/or `right:` titles", "các chức danh `left:` và/hoặc `right:`"),
        closing: Markdown = about(
            "What the meeting did after the votes (Markdown), printed before the approval statement.",
            "Phần bế mạc sau biểu quyết (Markdown), in trước câu thông qua biên bản.",
        ),
        approval: Approval = about(
            "The minutes were read back and approved.",
            "Biên bản đã được đọc lại và thông qua.",
        )
        .form("`{ agreed: … }` with optional `against`, `copies`, `time`", "`{ agreed: … }`, có thể kèm `against`, `copies`, `time`"),
        follow_up: List<FollowUp> = about(
            "The review of remedies adopted by earlier minutes of the same organisation.",
            "Kiểm điểm việc thực hiện các giải pháp do các biên bản trước của cùng tổ chức thông qua.",
        )
        .form(
            "a list of `- { of: \"YYYY-MM-DD#N\", status: done }`",
            "danh sách các mục `- { of: \"YYYY-MM-DD#N\", status: done }`",
        )
        .item("follow-up item", "mục theo dõi"),
    }
}

node! {
    /// `organization`: the issuing body and its superior.
    pub struct Organization {
        parent: Text = about(
            "The immediately superior body (header line 1), e.g. `Đảng bộ xã Thanh Bình Thịnh`.",
            "Cơ quan cấp trên trực tiếp (dòng 1 của tiêu đề), ví dụ `Đảng bộ xã Thanh Bình Thịnh`.",
        ),
        name: Text = about(
            "The issuing body (header line 2, bold), e.g. `Chi bộ Đại Lợi`.",
            "Cơ quan ban hành (dòng 2 của tiêu đề, in đậm), ví dụ `Chi bộ Đại Lợi`.",
        )
        .form("the issuing body's name, such as `Chi bộ Đại Lợi`", "tên cơ quan ban hành, ví dụ `Chi bộ Đại Lợi`")
        .required(),
        code: Text = about(
            "The issuing body's abbreviation used in the number, e.g. `CB` (capital letters).",
            "Ký hiệu viết tắt của cơ quan ban hành, dùng trong số biên bản, ví dụ `CB` (chữ in hoa).",
        )
        .form(
            "the issuing body's abbreviation in capital letters, such as `CB`",
            "chữ viết tắt của cơ quan ban hành, viết hoa, ví dụ `CB`",
        ),
    }
}

node! {
    /// `meeting`: its kind and title.
    pub struct Meeting {
        kind: One<MeetingKinds> = about(
            "The kind of meeting: `regular`, `thematic`, `extraordinary` or `other`.",
            "Loại cuộc họp: `regular` (thường kỳ), `thematic` (chuyên đề), `extraordinary` (bất thường) hoặc `other` (khác).",
        )
        .required(),
        title: Text = about("The title printed under BIÊN BẢN (trích yếu).", "Trích yếu nội dung, in dưới chữ BIÊN BẢN.")
            .form("the meeting's title (trích yếu), as text", "trích yếu nội dung cuộc họp")
            .required(),
        body: One<Bodies> = about(
            "Who meets: `cell`, `cell-committee`, `committee`, `standing-committee` or `agency` (default by layout).",
            "Cơ quan họp: `cell` (chi bộ), `cell-committee` (chi ủy), `committee` (Ban Chấp hành), `standing-committee` (Ban Thường vụ) hoặc `agency` (cơ quan nhà nước); mặc định theo thể thức.",
        ),
        format: One<Formats> = about(
            "How the meeting was held: `in-person` (the default), `online` or `hybrid`.",
            "Hình thức họp: `in-person` (trực tiếp, mặc định), `online` (trực tuyến) hoặc `hybrid` (kết hợp).",
        ),
        agenda: List<Text> = about(
            "The items of the agenda, printed in the opening part.",
            "Chương trình: các nội dung của cuộc họp, in ở phần khai mạc.",
        )
        .form("a list of lines `- …`, one per item of the agenda", "danh sách các dòng `- …`, mỗi dòng một nội dung của chương trình")
        .item("agenda item", "mục chương trình"),
    }
}

node! {
    /// A person with a position: the chair, the secretary, a guest.
    pub struct Person {
        name: Text = NAME,
        role: Text = ROLE.required(),
        salutation: Text = SALUTATION,
    }
}

node! {
    /// `members`: the roll and the attendance.
    pub struct Members {
        total: Count<1> = about("Members on the roll.", "Tổng số đảng viên (thành viên) trong danh sách.").required(),
        probationary: Count<0> = about(
            "Probationary members (dự bị), who do not vote; default 0.",
            "Số đảng viên dự bị (không biểu quyết); mặc định 0.",
        ),
        exempt: Count<0> = about(
            "Members exempt from meetings (miễn sinh hoạt), not summoned; default 0.",
            "Số đảng viên được miễn công tác và sinh hoạt đảng (không triệu tập); mặc định 0.",
        ),
        present: Count<0> = about(
            "Members present; present + absentees = total − exempt.",
            "Số có mặt; có mặt + số người vắng = tổng số − miễn sinh hoạt.",
        )
        .required(),
        absent: List<Absentee> = about(
            "Each absentee by name, one line `- { name: …, reason: … }` each.",
            "Danh sách người vắng mặt, mỗi người một dòng `- { name: …, reason: … }`.",
        )
        .form("a list of `- { name: …, reason: … }`", "danh sách các dòng `- { name: …, reason: … }`")
        .item("absentee", "người vắng mặt"),
        exempt_present: Count<0> = about(
            "Exempt members who attended anyway (printed apart, not in the attendance rate).",
            "Số đảng viên miễn sinh hoạt vẫn dự họp (in riêng, không tính vào tỷ lệ dự họp).",
        ),
        attached: Count<0> = about(
            "Members attending temporarily (sinh hoạt tạm thời), printed apart.",
            "Số đảng viên sinh hoạt tạm thời dự họp, in riêng.",
        ),
    }
}

node! {
    /// `members.absent[]`: a member who did not attend.
    pub struct Absentee {
        name: Text = NAME.described("The absentee's full name.", "Họ và tên người vắng mặt."),
        reason: Text = about(
            "Why; a reason makes the absence excused.",
            "Lý do vắng; ghi lý do thì được tính là vắng có lý do.",
        )
        .noun("reason", "lý do"),
        probationary: Flag = about(
            "Whether this absentee is a probationary member (`true` or `false`); unset means not said.",
            "Người vắng có phải đảng viên dự bị không (`true` hoặc `false`); không ghi là không rõ.",
        )
        .noun("probationary mark", "đánh dấu dự bị"),
        salutation: Text = SALUTATION.described("Form of address printed before the name.", "Cách xưng hô in trước họ tên."),
    }
}

node! {
    /// `speakers[]`: one speaker's remarks.
    pub struct Speaker {
        name: Text = NAME.described("The speaker's full name.", "Họ và tên người phát biểu."),
        role: Text = ROLE.described("Position, if any.", "Chức vụ (nếu có)."),
        salutation: Text = SALUTATION.described("Form of address printed before the name.", "Cách xưng hô in trước họ tên."),
        remarks: Markdown = about("What they said (Markdown).", "Nội dung phát biểu (Markdown).")
            .form("what the speaker said (text; Markdown allowed)", "nội dung phát biểu (Markdown)")
            .noun("remarks", "nội dung phát biểu")
            .required(),
    }
}

node! {
    /// `remedies[]`: a remedy or task adopted.
    pub struct Remedy {
        text: Markdown = about(
            "The remedy or task (Markdown on one line).",
            "Nội dung giải pháp, nhiệm vụ (Markdown trên một dòng).",
        )
        .form("the remedy or task, as text", "nội dung giải pháp, nhiệm vụ")
        .noun("text", "nội dung")
        .required(),
        owner: Text = about("Who is responsible.", "Người hoặc bộ phận chịu trách nhiệm.").noun("owner", "người phụ trách"),
        due: Date = about("Due date, `YYYY-MM-DD`.", "Thời hạn, dạng `YYYY-MM-DD`.").noun("due date", "thời hạn"),
    }
}

/// A count of votes.
const VOTES: Key = about("A count of votes.", "Số phiếu.").required();

node! {
    /// `votes[]`: a vote taken.
    pub struct Vote {
        subject: Text = about("What was voted on.", "Nội dung biểu quyết.")
            .form("what was voted on, as text", "nội dung biểu quyết")
            .noun("subject", "nội dung")
            .required(),
        r#for: Count<0> = VOTES.described("Votes in favour.", "Số tán thành.").noun("votes for", "số tán thành"),
        against: Count<0> = VOTES
            .described("Votes against.", "Số không tán thành.")
            .noun("votes against", "số không tán thành"),
        abstain: Count<0> = VOTES
            .described("Abstentions.", "Số không biểu quyết.")
            .noun("abstentions", "số không biểu quyết"),
        method: One<Methods> = about(
            "How the vote was taken: `show-of-hands` (the default) or `secret-ballot`.",
            "Hình thức biểu quyết: `show-of-hands` (giơ tay, mặc định) hoặc `secret-ballot` (bỏ phiếu kín).",
        )
        .noun("method", "hình thức biểu quyết"),
        ballots: Ballots = about("The ballots of a secret ballot.", "Số phiếu của cuộc bỏ phiếu kín.").form(
            "`{ issued: …, returned: …, valid: …, invalid: … }`",
            "`{ issued: …, returned: …, valid: …, invalid: … }` (phát ra, thu về, hợp lệ, không hợp lệ)",
        ),
        rule: One<Rules> = about(
            "The rule the vote passes by, on the official members summoned: `majority` (the default) or `two-thirds`.",
            "Nguyên tắc thông qua, tính trên số đảng viên chính thức được triệu tập: `majority` (quá một nửa, mặc định) hoặc `two-thirds` (hai phần ba).",
        )
        .noun("pass rule", "nguyên tắc thông qua"),
        counting_committee: List<Teller> = about("The vote-counting committee (Ban kiểm phiếu).", "Ban kiểm phiếu.")
            .form(PEOPLE_FORM.en, "danh sách các dòng `- { name: …, role: … }` (Ban kiểm phiếu)")
            .item("teller", "thành viên Ban kiểm phiếu"),
    }
}

node! {
    /// `votes[].ballots`: the ballots of a secret ballot.
    pub struct Ballots {
        issued: Count<0> = about("Ballots issued.", "Số phiếu phát ra.").required(),
        returned: Count<0> = about("Ballots returned (at most `issued`).", "Số phiếu thu về (không quá số phát ra).").required(),
        valid: Count<0> = about(
            "Valid ballots (`valid` + `invalid` = `returned`; `for` + `against` = `valid`).",
            "Số phiếu hợp lệ (hợp lệ + không hợp lệ = thu về; tán thành + không tán thành = hợp lệ).",
        )
        .required(),
        invalid: Count<0> = about("Invalid ballots (default 0).", "Số phiếu không hợp lệ; mặc định 0."),
    }
}

node! {
    /// `votes[].counting_committee[]`: a member of the vote-counting committee.
    pub struct Teller {
        name: Text = NAME.described("The teller's full name.", "Họ và tên thành viên Ban kiểm phiếu."),
        role: Text = ROLE.described(
            "Position in the committee, e.g. `Trưởng ban`.",
            "Chức vụ trong Ban kiểm phiếu, ví dụ `Trưởng ban`.",
        ),
        salutation: Text = SALUTATION.described("Form of address printed before the name.", "Cách xưng hô in trước họ tên."),
    }
}

node! {
    /// `signers`: overrides of the two signature titles.
    pub struct Signers {
        left: Text = about("Left title (default `THƯ KÝ`).", "Chức danh ký bên trái (mặc định `THƯ KÝ`).").written(),
        right: Text = about(
            "Right title (default `CHỦ TRÌ` for the Party layout, `CHỦ TỌA` for the State layout).",
            "Chức danh ký bên phải (mặc định `CHỦ TRÌ` với thể thức Đảng, `CHỦ TỌA` với Nhà nước).",
        )
        .written(),
    }
}

node! {
    /// `approval`: the minutes were read back and approved.
    pub struct Approval {
        agreed: Count<0> = about("How many of those present agreed.", "Số người nhất trí thông qua.").required(),
        against: Count<0> = about("How many disagreed (default 0).", "Số người không nhất trí; mặc định 0."),
        copies: Count<0> = about(
            "Copies made (\"Biên bản được lập thành 02 bản\").",
            "Số bản được lập (\"Biên bản được lập thành 02 bản\").",
        ),
        time: Time = about("When it was approved, `\"HH:MM\"` (24 hours).", "Giờ thông qua, dạng `\"HH:MM\"` (24 giờ)."),
    }
}

node! {
    /// `follow_up[]`: the review of one remedy adopted by earlier minutes.
    pub struct FollowUp {
        of: Text = about(
            "`YYYY-MM-DD#N`: the earlier meeting's date and the remedy's number.",
            "`YYYY-MM-DD#N`: ngày của cuộc họp trước và số thứ tự giải pháp.",
        )
        .form(
            "an earlier meeting's date and a remedy's number, such as `\"2023-08-30#2\"`",
            "ngày của cuộc họp trước và số thứ tự giải pháp, ví dụ `\"2023-08-30#2\"`",
        )
        .noun("reference", "tham chiếu")
        .pattern(r"^\d{4}-\d{2}-\d{2}#[1-9]\d*$")
        .required(),
        status: One<FollowUpStatuses> = about(
            "What became of it: `done`, `in-progress` or `dropped`.",
            "Tình trạng: `done` (đã hoàn thành), `in-progress` (đang thực hiện) hoặc `dropped` (không tiếp tục).",
        )
        .noun("status", "tình trạng")
        .required(),
        note: Markdown = about("A short note (Markdown on one line).", "Ghi chú ngắn (Markdown trên một dòng).").noun("note", "ghi chú"),
    }
}

#[cfg(test)]
mod tests;

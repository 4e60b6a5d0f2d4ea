//! The registry of diagnostic codes: every code bienban reports, one row each, with its severity, its title in
//! English and Vietnamese, and its entry in `docs/diagnostics.md` (whose table a test checks against these
//! rows). A diagnostic is made from a [`Code`], never from a literal, so that a code cannot be misspelt, used
//! with the wrong severity or left undocumented.
//!
//! To add a code: add one row to the `codes!` list below, in the order of the codes (a test checks the order,
//! the uniqueness and that an `E` code is an error and a `W` code a warning), then run
//! `BIENBAN_BLESS=1 cargo test --release --test integration diagnostics` to rewrite the docs' table and write
//! the code's `## CODE` section by hand.

use std::fmt;

use crate::diag::{Lang, Severity};

/// One code's row of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The stable code, `E0xxx` or `W0xxx`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The title in English (the table of `docs/diagnostics.md`).
    pub en: &'static str,
    /// The title in Vietnamese.
    pub vi: &'static str,
}

/// Declares [`Code`] and its rows from one list: `Variant = "CODE", Severity, "English title", "Vietnamese title";`.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident, $en:literal, $vi:literal;)*) => {
        /// A diagnostic code (see the module's documentation for how to add one).
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the registry's order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code's row of the registry.
            pub const fn row(self) -> &'static Row {
                match self {
                    $(Code::$variant => &Row {
                        code: $code,
                        severity: Severity::$severity,
                        en: $en,
                        vi: $vi,
                    },)*
                }
            }
        }
    };
}

codes! {
    /// E0001: the file does not start with `---`.
    NoFrontMatter = "E0001", Error, "No front matter", "Không có phần khai báo";
    /// E0002: the opening `---` has no closing line.
    FrontMatterNotClosed = "E0002", Error, "Front matter not closed", "Phần khai báo chưa được đóng";
    /// E0003: the YAML does not parse, or is not a mapping.
    InvalidYaml = "E0003", Error, "Front matter is not valid YAML", "Phần khai báo không phải YAML hợp lệ";
    /// E0004: the bytes are not UTF-8 (or UTF-16 with a byte-order mark).
    NotUtf8 = "E0004", Error, "File is not UTF-8", "Tệp không phải văn bản UTF-8";
    /// E0005: a key written twice in one block.
    DuplicateKey = "E0005", Error, "Key written twice", "Khóa được viết hai lần";
    /// E0006: a file over the size limit.
    FileTooLarge = "E0006", Error, "File too large", "Tệp quá lớn";
    /// E0007: aliases that expand past the limit.
    AliasesTooLarge = "E0007", Error, "Aliases expand too far", "Bí danh nở ra quá lớn";
    /// E0008: lines that end with a carriage return only.
    CrLineEndings = "E0008", Error, "Lines end with CR only", "Dòng chỉ kết thúc bằng ký tự CR";
    /// E0101: a key the format does not know.
    UnknownKey = "E0101", Error, "Unknown key", "Khóa không hợp lệ";
    /// E0102: a required key left out.
    MissingKey = "E0102", Error, "Required key missing", "Thiếu khóa bắt buộc";
    /// E0103: a value of the wrong type, not an allowed word, or out of range.
    WrongValue = "E0103", Error, "Wrong value", "Giá trị không hợp lệ";
    /// E0104: a required key written with nothing after it.
    EmptyValue = "E0104", Error, "Required key left empty", "Khóa bắt buộc để trống";
    /// E0105: a placeholder of `bienban new` left in the file.
    Placeholder = "E0105", Error, "Placeholder left from bienban new", "Còn chỗ điền sẵn của bienban new";
    /// E0201: a date that does not exist.
    InvalidDate = "E0201", Error, "Not a real calendar date", "Không phải ngày có thật";
    /// E0202: a time that is not `HH:MM`.
    InvalidTime = "E0202", Error, "Not a valid time", "Không phải giờ hợp lệ";
    /// E0203: present + absent ≠ total − exempt.
    AttendanceMismatch = "E0203", Error, "Attendance does not add up", "Sĩ số không khớp";
    /// E0204: the end is not after the start.
    EndsBeforeStart = "E0204", Error, "Meeting ends before it starts", "Giờ kết thúc không sau giờ bắt đầu";
    /// E0205: more probationary members than members.
    ProbationaryOverTotal = "E0205", Error, "More probationary members than members", "Số đảng viên dự bị lớn hơn tổng số";
    /// E0206: more exempt members than members.
    ExemptOverTotal = "E0206", Error, "More exempt members than members", "Số đảng viên miễn sinh hoạt lớn hơn tổng số";
    /// E0207: more votes than members present.
    VotesOverPresent = "E0207", Error, "More votes than members present", "Số phiếu nhiều hơn số người có mặt";
    /// E0208: more votes than official members summoned.
    VotesOverSummoned = "E0208", Error, "More votes than official members summoned", "Số phiếu nhiều hơn số đảng viên chính thức được triệu tập";
    /// E0209: an absentee who chaired, took the minutes or spoke.
    AbsenteeTookPart = "E0209", Error, "An absentee chaired, took the minutes or spoke", "Người vắng mặt lại chủ trì, ghi biên bản hoặc phát biểu";
    /// E0210: an absentee listed twice.
    AbsenteeTwice = "E0210", Error, "Absentee listed twice", "Người vắng mặt bị ghi hai lần";
    /// E0211: a `number` without `organization.code`.
    NumberWithoutCode = "E0211", Error, "Number without a code", "Có số biên bản nhưng thiếu ký hiệu";
    /// E0212: an `organization.code` not in capital letters.
    CodeNotCapitals = "E0212", Error, "Code not in capital letters", "Ký hiệu không viết hoa";
    /// E0213: more votes than official members present.
    VotesOverOfficialPresent = "E0213", Error, "More votes than official members present", "Số phiếu nhiều hơn số đảng viên chính thức có mặt";
    /// E0214: the ballots of a secret ballot do not add up.
    BallotsMismatch = "E0214", Error, "Secret-ballot arithmetic that does not add up", "Số phiếu bầu kín không khớp";
    /// E0215: the approval counts more people than were present.
    ApprovalOverPresent = "E0215", Error, "Approval counts more people than were present", "Số người thông qua biên bản nhiều hơn số có mặt";
    /// E0216: a `follow_up.of` that is not `YYYY-MM-DD#N`.
    FollowUpReference = "E0216", Error, "A follow_up.of that is not a remedy reference", "follow_up.of không phải tham chiếu giải pháp";
    /// E0217: more exempt members attending than are exempt.
    ExemptPresentOverExempt = "E0217", Error, "More exempt members attending than are exempt", "Số người miễn sinh hoạt dự họp nhiều hơn số được miễn";
    /// E0301: an image outside the minutes folder.
    ImageOutside = "E0301", Error, "Image outside the minutes folder", "Ảnh nằm ngoài thư mục biên bản";
    /// E0302: an image that is missing or not a regular file.
    ImageMissing = "E0302", Error, "Image missing or not a file", "Ảnh không tồn tại hoặc không phải tệp";
    /// E0303: an image of no known type.
    ImageType = "E0303", Error, "Not a known image type", "Không phải loại ảnh được hỗ trợ";
    /// E0304: an image of too many pixels.
    ImageTooLarge = "E0304", Error, "Image too large", "Ảnh quá lớn";
    /// E0401: minutes past the typesetting limits.
    TooLongToTypeset = "E0401", Error, "Minutes too long to typeset", "Biên bản quá dài để dàn trang";
    /// E0801: a number used twice by one organisation in one year (`index`).
    NumberTwice = "E0801", Error, "Number used twice", "Số biên bản bị dùng hai lần";
    /// E0804: a `follow_up.of` the register cannot read (`index`).
    FollowUpUnreadable = "E0804", Error, "Follow-up reference not read", "Không đọc được tham chiếu theo dõi";
    /// E0805: a `follow_up.of` naming a remedy the earlier minutes do not have (`index`).
    NoSuchRemedy = "E0805", Error, "Follow-up of a remedy that does not exist", "Theo dõi một giải pháp không có";
    /// W0001: decomposed letters.
    NotNfc = "W0001", Warning, "Decomposed Vietnamese letters (not NFC)", "Chữ tiếng Việt ở dạng tổ hợp (không phải NFC)";
    /// W0002: a character the font cannot draw.
    MissingGlyph = "W0002", Warning, "Character the font cannot draw", "Ký tự phông chữ không có";
    /// W0101: a meeting shorter than 90 minutes.
    ShortMeeting = "W0101", Warning, "Meeting shorter than 90 minutes", "Buổi sinh hoạt ngắn hơn 90 phút";
    /// W0102: attendance at or below 85 %.
    LowAttendance = "W0102", Warning, "Attendance at or below 85%", "Tỷ lệ dự họp không quá 85%";
    /// W0103: a vote without the majority its rule needs.
    VoteNotPassed = "W0103", Warning, "Vote without a majority", "Biểu quyết không đủ đa số";
    /// W0104: a meeting date in the future.
    DateInFuture = "W0104", Warning, "Date in the future", "Ngày họp trong tương lai";
    /// W0105: raw HTML in the Markdown.
    RawHtml = "W0105", Warning, "Raw HTML in the Markdown", "Mã HTML trong Markdown";
    /// W0106: a line read as a link or footnote definition.
    LinkDefinition = "W0106", Warning, "Line read as a link or footnote definition", "Dòng bị hiểu là định nghĩa liên kết hoặc chú thích";
    /// W0107: approved minutes that do not say they were approved.
    ApprovedWithoutApproval = "W0107", Warning, "Approved minutes that do not say they were approved", "Biên bản đã thông qua nhưng không ghi việc thông qua";
    /// W0108: a title that repeats the meeting line.
    TitleRepeatsMeetingLine = "W0108", Warning, "A title that repeats the meeting line", "Trích yếu lặp lại dòng tên cuộc họp";
    /// W0109: district-level names after 1 July 2025.
    DistrictName = "W0109", Warning, "District-level names after 1 July 2025", "Tên cấp huyện sau ngày 01/7/2025";
    /// W0802: a gap in an organisation's numbering (`index`).
    NumberGap = "W0802", Warning, "Gap in the numbering", "Số biên bản bị cách quãng";
    /// W0803: two minutes of one organisation on one date (`index`).
    SameDay = "W0803", Warning, "Two minutes on one date", "Hai biên bản cùng một ngày";
    /// W0806: a `follow_up.of` naming minutes the folder does not hold (`index`).
    NoSuchMinutes = "W0806", Warning, "Follow-up of minutes not in the folder", "Theo dõi biên bản không có trong thư mục";
}

impl Code {
    /// The code as printed, `E0203`.
    pub const fn as_str(self) -> &'static str {
        self.row().code
    }

    /// Error or warning.
    pub const fn severity(self) -> Severity {
        self.row().severity
    }

    /// The code's title in `lang`.
    pub fn title(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.row().en,
            Lang::Vi => self.row().vi,
        }
    }

    /// The anchor of the code's section in `docs/diagnostics.md` (`e0203`).
    pub fn anchor(self) -> String {
        self.as_str().to_ascii_lowercase()
    }

    /// The code written `E0203` (any case), if it is one.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The table of codes of `docs/diagnostics.md`, one row a code, in the registry's order.
    pub fn docs_table() -> String {
        let mut out = String::from("| code | meaning | tiếng Việt |\n|---|---|---|\n");
        for code in Code::ALL {
            out.push_str(&format!(
                "| [{}](#{}) | {} | {} |\n",
                code.as_str(),
                code.anchor(),
                code.row().en,
                code.row().vi
            ));
        }
        out
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Shown as the code itself, so that a failing test names `E0203`.
impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code compares equal to its text (`code == "E0203"`), for tests and filters.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_well_formed_unique_and_in_order() {
        let mut previous = "";
        for code in Code::ALL {
            let row = code.row();
            let (letter, digits) = row.code.split_at(1);
            assert!(
                digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()),
                "{}",
                row.code
            );
            let severity = match letter {
                "E" => Severity::Error,
                "W" => Severity::Warning,
                _ => panic!("{} is neither an E nor a W code", row.code),
            };
            assert_eq!(
                row.severity, severity,
                "{} has the wrong severity",
                row.code
            );
            assert!(
                row.code > previous,
                "{} is out of order (after {previous})",
                row.code
            );
            assert!(!row.en.is_empty() && !row.vi.is_empty(), "{}", row.code);
            assert_eq!(Code::parse(row.code), Some(*code));
            previous = row.code;
        }
        assert_eq!(Code::parse("e0203"), Some(Code::AttendanceMismatch));
        assert_eq!(Code::parse("E9999"), None);
    }

    #[test]
    fn a_code_prints_and_compares_as_its_text() {
        let code = Code::UnknownKey;
        assert_eq!(code.to_string(), "E0101");
        assert_eq!(format!("{code:?}"), "E0101");
        assert!(code == "E0101");
        assert_eq!(code.anchor(), "e0101");
        assert_eq!(code.severity(), Severity::Error);
        assert_eq!(Code::DateInFuture.severity(), Severity::Warning);
        assert_eq!(code.title(Lang::Vi), "Khóa không hợp lệ");
    }
}

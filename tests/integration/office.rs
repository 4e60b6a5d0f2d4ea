//! Office-grade wording (issue 13): one fixture per body that files minutes — chi bộ, chi ủy, a Party committee,
//! a standing committee, a commune People's Committee, a school, a department under a provincial department,
//! a secret-ballot admission, an online meeting — each checked clean, compiled, its text pinned in a snapshot,
//! and its key phrases (meeting line, member noun, vote sentence, closing) asserted.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::common::document_text;
use crate::frames::compile;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/office")
        .join(format!("{name}.md"))
}

/// The compiled document's text, one space between words.
fn text_of(name: &str) -> String {
    let path = fixture(name);
    let (file, _) = bienban::input::read::read(&path).expect("read the fixture");
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a real date");
    let (diagnostics, _) = crate::common::check(file, today);
    assert!(
        diagnostics.is_empty(),
        "{name} is not clean: {diagnostics:#?}"
    );
    let text = document_text(&compile(&path));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The running text without the page numbers (a page number printed at the top of page 2 would otherwise sit
/// inside whatever sentence the page break cut).
fn prose_of(name: &str) -> String {
    let pages = bienban::typeset::text::pages(&compile(&fixture(name)));
    let mut words = vec![];
    for (i, page) in pages.iter().enumerate() {
        let mut page_words = page.split_whitespace().peekable();
        if i > 0
            && page_words
                .peek()
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        {
            page_words.next();
        }
        words.extend(page_words.map(str::to_string));
    }
    words.join(" ")
}

/// Asserts every phrase is in the text and none of the forbidden ones, then pins the text.
fn office(name: &str, present: &[&str], absent: &[&str]) {
    let text = text_of(name);
    let prose = prose_of(name);
    for needle in present {
        assert!(
            prose.contains(needle),
            "{name}: missing {needle:?} in\n{text}"
        );
    }
    for needle in absent {
        assert!(
            !text.contains(needle),
            "{name}: unexpected {needle:?} in\n{text}"
        );
    }
    insta::assert_snapshot!(format!("office-{name}"), text);
}

/// Phrases no office prints: the slash form of address, a doubled zero, a zero-padded month in a due date.
const NEVER: &[&str] = &[
    "ông/bà",
    "Ông/bà",
    "00 đồng chí",
    "00 người",
    "00 phiếu",
    ": 00",
    "/06/",
    "/09/",
];

#[test]
fn a_cells_regular_meeting() {
    office(
        "party-cell-regular",
        &[
            "Sinh hoạt chi bộ thường kỳ tháng 8 năm 2025",
            "Chi bộ thôn Đông tổ chức sinh hoạt thường kỳ tháng 8 năm 2025.",
            "Tổng số đảng viên của chi bộ: 30 đồng chí (chính thức: 28, dự bị: 02)",
            "ngoài ra có 01 đồng chí miễn sinh hoạt dự họp",
            "PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI",
            "KIỂM ĐIỂM VIỆC THỰC HIỆN NHIỆM VỤ ĐÃ ĐỀ RA",
            "thời hạn: 30/8/2025",
            "tán thành 22/24 đồng chí (91,7% số đảng viên chính thức được triệu tập)",
            "được thông qua",
            "Đồng chí Bí thư Chi bộ phát biểu bế mạc",
            "Biên bản đã được đọc lại cho chi bộ nghe và được 24/24 đồng chí có mặt nhất trí thông qua vào hồi 21 giờ 10 phút.",
            "Biên bản được lập thành 02 bản.",
            "Buổi sinh hoạt kết thúc vào hồi 21 giờ 15 phút cùng ngày.",
        ],
        &[NEVER, &["với nội dung: tháng"]].concat(),
    );
}

#[test]
fn a_cell_committees_meeting() {
    office(
        "party-cell-committee",
        &[
            "Họp Chi ủy thường kỳ tháng 8 năm 2025",
            "tổ chức họp Chi ủy thường kỳ tháng 8 năm 2025.",
            "Tổng số chi ủy viên: 03 đồng chí.",
            "NỘI DUNG CUỘC HỌP",
            "(100% số chi ủy viên được triệu tập)",
            "Cuộc họp kết thúc vào hồi 15 giờ 30 phút cùng ngày.",
        ],
        &[NEVER, &["Buổi sinh hoạt", "dự bị: 0", "miễn công tác"]].concat(),
    );
}

#[test]
fn a_party_committees_conference() {
    office(
        "party-committee",
        &[
            "Hội nghị Ban Chấp hành thường kỳ tháng 9 năm 2025",
            "Đảng ủy xã Thanh Bình tổ chức Hội nghị Ban Chấp hành thường kỳ",
            "Tổng số ủy viên Ban Chấp hành: 15 đồng chí.",
            "NỘI DUNG HỘI NGHỊ",
            "KẾT LUẬN CỦA HỘI NGHỊ",
            "Ban Chấp hành thống nhất 01 nhiệm vụ trọng tâm tháng tới",
            "(93,3% số ủy viên Ban Chấp hành được triệu tập)",
            "Biên bản đã được đọc lại cho Hội nghị nghe",
            "Hội nghị kết thúc vào hồi 11 giờ 00 phút cùng ngày.",
        ],
        &[
            NEVER,
            &["Sinh hoạt chi bộ", "đảng viên của chi bộ", "Buổi sinh hoạt"],
        ]
        .concat(),
    );
}

#[test]
fn a_standing_committees_conference_by_secret_ballot() {
    office(
        "party-standing-committee",
        &[
            "Hội nghị Ban Thường vụ bất thường",
            "Tổng số ủy viên Ban Thường vụ: 05 đồng chí.",
            "bỏ phiếu kín; số phiếu phát ra: 05, thu về: 05, hợp lệ: 05",
            "tán thành 05 phiếu, bằng 100% của 05 ủy viên Ban Thường vụ được triệu tập",
            "Hội nghị kết thúc vào hồi 16 giờ 00 phút cùng ngày.",
        ],
        &[NEVER, &["Buổi sinh hoạt"]].concat(),
    );
}

#[test]
fn a_secret_ballot_to_admit_a_member() {
    office(
        "party-admission",
        &[
            "Đại biểu dự: quần chúng Lâm Thị Yến",
            "Quần chúng Lâm Thị Yến (người được đề nghị kết nạp)",
            "Ban kiểm phiếu gồm: đồng chí Võ Văn Kiên (Trưởng ban), đồng chí Mai Thị Lụa (thành viên)",
            "số phiếu phát ra: 24, thu về: 24, hợp lệ: 23, không hợp lệ: 01",
            "tán thành 22 phiếu, bằng 91,7% của 24 đảng viên chính thức được triệu tập; không tán thành 01 phiếu",
            "đạt từ hai phần ba trở lên, được thông qua",
            "Buổi sinh hoạt kết thúc",
        ],
        &[NEVER, &["đồng chí Lâm Thị Yến", "22/24 đồng chí"]].concat(),
    );
}

#[test]
fn an_online_thematic_meeting() {
    office(
        "party-online",
        &[
            "Sinh hoạt chi bộ chuyên đề",
            "“Ứng dụng chuyển đổi số trong sinh hoạt chi bộ”",
            "tại Phòng họp trực tuyến của Văn phòng (hình thức trực tuyến)",
            "Chương trình: 1) Báo cáo chuyên đề; 2) Thảo luận; 3) Kết luận.",
            "01 đồng chí sinh hoạt tạm thời dự họp",
            "Chi bộ thống nhất 01 giải pháp, nhiệm vụ:",
            "thời hạn: 05/12/2025",
        ],
        &[NEVER, &["dự bị: 0", "miễn công tác và sinh hoạt đảng: 0"]].concat(),
    );
}

#[test]
fn a_commune_peoples_committee() {
    office(
        "state-commune-committee",
        &[
            "Họp Ủy ban nhân dân xã thường kỳ tháng 9 năm 2025",
            "Chủ trì (chủ tọa): ông Phạm Quốc Anh, Chủ tịch Ủy ban nhân dân xã.",
            "Thư ký (người ghi biên bản): bà Đinh Thị Bảo, Chuyên viên Văn phòng.",
            "gồm: ông Tạ Văn Chung (đi công tác).",
            "- Bà Hứa Thị Diễm (Phó Chủ tịch Ủy ban nhân dân xã)",
            "tán thành 06/07 người (85,7% số thành viên được triệu tập)",
            "Biên bản đã được đọc lại cho cuộc họp nghe và được 06/06 người có mặt nhất trí thông qua.",
            "Cuộc họp kết thúc vào 10 giờ 30, ngày 25 tháng 9 năm 2025./.",
        ],
        &[NEVER, &["đồng chí"]].concat(),
    );
}

#[test]
fn a_schools_staff_meeting() {
    office(
        "state-school",
        &[
            "TRƯỜNG TRUNG HỌC CƠ SỞ",
            "Chủ trì (chủ tọa): thầy Cao Văn Định, Hiệu trưởng.",
            "cô Lưu Thị Gấm (nghỉ thai sản); thầy Tống Văn Hậu (đi học).",
            "thời hạn: 12/9/2025",
            "không tán thành 01 người",
            "Cuộc họp kết thúc vào 16 giờ 00, ngày 08 tháng 9 năm 2025./.",
        ],
        &[NEVER, &["đồng chí"]].concat(),
    );
}

#[test]
fn a_department_under_a_provincial_department() {
    office(
        "state-department",
        &[
            "SỞ TÀI CHÍNH TỈNH ĐỒNG THÁP",
            "PHÒNG QUẢN LÝ NGÂN SÁCH",
            "Địa điểm: Phòng họp số 2, Sở Tài chính (hình thức trực tiếp kết hợp trực tuyến).",
            "Chủ trì (chủ tọa): Mạc Văn Khải, Trưởng phòng.",
            "Vắng mặt: 0 người.",
            "tán thành 09/09 người (100% số thành viên được triệu tập)",
            "Cuộc họp kết thúc vào 10 giờ 40, ngày 06 tháng 10 năm 2025./.",
        ],
        &[NEVER, &["đồng chí", "ông Mạc", "Ông Mạc"]].concat(),
    );
}

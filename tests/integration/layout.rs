//! The official layouts, proven by measurement: fixtures (and the examples) are compiled in-process and the
//! laid-out frames are measured against the tables of the layout spec (Hướng dẫn 36-HD/VPTW for the Party,
//! Nghị định 30/2020/NĐ-CP Mẫu 1.9 for the State): page size, margins, page numbers, each header component's
//! size, weight, column and order, the rules' widths, the signature block's page, the font of every glyph.

use crate::frames;

use std::path::PathBuf;

use frames::{MM, PageMap, Run, compile, pages};

/// Sizes compared to 0.01 pt; positions to half a point; rule widths to the 1 pt the issue allows.
const SIZE_EPS: f64 = 0.01;
const POS_EPS: f64 = 0.5;
const RULE_EPS: f64 = 1.0;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layout")
        .join(name)
}

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("minutes")
        .join(name)
}

/// The minimum margins of a layout (top, bottom, left, right in mm) and the allowed maxima.
struct Margins {
    top: (f64, f64),
    bottom: (f64, f64),
    left: (f64, f64),
    right: (f64, f64),
}

const PARTY_MARGINS: Margins = Margins {
    top: (20.0, 20.0),
    bottom: (20.0, 20.0),
    left: (30.0, 30.0),
    right: (15.0, 15.0),
};
const STATE_MARGINS: Margins = Margins {
    top: (20.0, 25.0),
    bottom: (20.0, 25.0),
    left: (30.0, 35.0),
    right: (15.0, 20.0),
};

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Party,
    State,
}

impl Layout {
    fn margins(self) -> &'static Margins {
        match self {
            Layout::Party => &PARTY_MARGINS,
            Layout::State => &STATE_MARGINS,
        }
    }
    /// Allowed body (and page number) sizes.
    fn body_sizes(self) -> (f64, f64) {
        match self {
            Layout::Party => (14.0, 14.0),
            Layout::State => (13.0, 14.0),
        }
    }
}

fn assert_close(actual: f64, expected: f64, eps: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= eps,
        "{what}: {actual:.2} pt, expected {expected:.2} pt (± {eps})"
    );
}

fn assert_between(actual: f64, (lo, hi): (f64, f64), what: &str) {
    assert!(
        actual >= lo - SIZE_EPS && actual <= hi + SIZE_EPS,
        "{what}: {actual:.2}, expected {lo}–{hi}"
    );
}

/// The page-number run of a page: the text in the top margin.
fn top_margin_runs(page: &PageMap, layout: Layout) -> Vec<&Run> {
    let top = layout.margins().top.0 * MM;
    page.upright().filter(|r| r.y < top).collect()
}

/// The checks every minutes file must pass, whatever its content.
fn check_document(name: &str, layout: Layout, min_pages: usize, max_pages: usize) -> Vec<PageMap> {
    let right_title = match layout {
        Layout::Party => "CHỦ TRÌ",
        Layout::State => "CHỦ TỌA",
    };
    check_document_signed(name, layout, (min_pages, max_pages), right_title)
}

/// [`check_document`] with the right signature title given (a `signers` override).
fn check_document_signed(
    name: &str,
    layout: Layout,
    (min_pages, max_pages): (usize, usize),
    right_title: &str,
) -> Vec<PageMap> {
    let document = compile(&fixture_or_example(name));
    let pages = pages(&document);
    assert!(
        (min_pages..=max_pages).contains(&pages.len()),
        "{name}: {} pages, expected {min_pages}–{max_pages}",
        pages.len()
    );
    let m = layout.margins();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        // A4 portrait.
        assert_close(page.width, 210.0 * MM, 0.01, &format!("{name} p{n} width"));
        assert_close(
            page.height,
            297.0 * MM,
            0.01,
            &format!("{name} p{n} height"),
        );

        // Every glyph from the bundled serif, none a missing-glyph box.
        for run in &page.runs {
            assert_eq!(
                run.family, "Liberation Serif",
                "{name} p{n}: {:?}",
                run.text
            );
            assert!(
                !run.missing_glyph,
                "{name} p{n}: missing glyph in {:?}",
                run.text
            );
        }

        // All text inside the margins (the page number lives in the top margin, checked below).
        let (top, bottom) = (m.top.0 * MM, page.height - m.bottom.0 * MM);
        let (left, right) = (m.left.0 * MM, page.width - m.right.0 * MM);
        for run in page.upright().filter(|r| r.y >= top) {
            assert!(
                run.x >= left - POS_EPS && run.right() <= right + POS_EPS,
                "{name} p{n}: {:?} spans {:.1}–{:.1} pt, outside {left:.1}–{right:.1}",
                run.text,
                run.x,
                run.right()
            );
            assert!(
                run.y <= bottom + POS_EPS && run.y - run.size * 0.6 >= top - POS_EPS,
                "{name} p{n}: {:?} at baseline {:.1} pt, outside {top:.1}–{bottom:.1}",
                run.text,
                run.y
            );
        }
        // Page 1's justified lines run from the left margin to the right one, which lie in the allowed ranges.
        if n == 1 {
            let body: Vec<&Run> = page.upright().filter(|r| r.y >= top).collect();
            let min_x = body.iter().map(|r| r.x).fold(f64::MAX, f64::min);
            let max_right = body.iter().map(|r| r.right()).fold(0.0, f64::max);
            assert_between(
                min_x / MM,
                (m.left.0 - 0.2, m.left.1 + 0.2),
                &format!("{name} left margin (mm)"),
            );
            assert_between(
                (page.width - max_right) / MM,
                (m.right.0 - 0.2, m.right.1 + 0.2),
                &format!("{name} right margin (mm)"),
            );
        }

        // Page numbers from page 2: centred in the top margin, Arabic numerals, upright and regular.
        let in_margin = top_margin_runs(page, layout);
        if n == 1 {
            assert!(
                in_margin.is_empty(),
                "{name}: text on page 1's top margin: {in_margin:?}"
            );
        } else {
            assert_eq!(
                in_margin.len(),
                1,
                "{name} p{n}: top margin holds {in_margin:?}"
            );
            let number = in_margin[0];
            assert_eq!(number.text, n.to_string(), "{name} p{n}: page number");
            assert_between(
                number.size,
                layout.body_sizes(),
                &format!("{name} p{n} page number size"),
            );
            assert!(
                !number.bold && !number.italic,
                "{name} p{n}: the page number is upright regular"
            );
            assert_close(
                number.centre(),
                (left + right) / 2.0,
                POS_EPS,
                &format!("{name} p{n} page number centre"),
            );
            // About 10 mm below the paper's top edge: the figures' tops (cap height ≈ 0.66 em) at 8–13 mm.
            let top_of_figures = (number.y - 0.66 * number.size) / MM;
            assert_between(
                top_of_figures,
                (8.0, 13.0),
                &format!("{name} p{n} page number top (mm)"),
            );
        }

        // Headings never end a page: the last line of a page that is not the last is not all bold.
        if n < pages.len() {
            let lines = page.lines();
            let last = lines.last().expect("a page with text");
            assert!(
                !last.iter().all(|r| r.bold),
                "{name} p{n} ends with a heading: {:?}",
                PageMap::line_text(last)
            );
        }
    }

    // The body text size.
    let body = pages[0].run(match layout {
        Layout::Party => "Chủ trì: đồng chí",
        Layout::State => "Địa điểm:",
    });
    assert_between(body.size, layout.body_sizes(), &format!("{name} body size"));
    assert!(!body.bold && !body.italic, "{name}: body text is regular");

    check_signatures(name, layout, &pages, right_title);
    pages
}

fn fixture_or_example(name: &str) -> PathBuf {
    let f = fixture(name);
    if f.exists() { f } else { example(name) }
}

/// The signature titles and names share the last page with at least one line of body text above them;
/// the titles stand level, left and right, caps bold; the names are bold under the signing space.
fn check_signatures(name: &str, layout: Layout, pages: &[PageMap], right_title: &str) {
    let last = pages.last().unwrap();
    let secretary = last.exact("THƯ KÝ");
    let chair = last.exact(right_title);
    assert!(
        secretary.bold && chair.bold,
        "{name}: signature titles are bold"
    );
    assert_close(
        secretary.y,
        chair.y,
        POS_EPS,
        &format!("{name}: signature titles level"),
    );
    let middle = last.width / 2.0 + (layout.margins().left.0 - layout.margins().right.0) * MM / 2.0;
    assert!(
        secretary.centre() < middle && chair.centre() > middle,
        "{name}: THƯ KÝ left, {right_title} right"
    );
    for title in [secretary, chair] {
        assert_between(
            title.size,
            layout.body_sizes(),
            &format!("{name} signature title size"),
        );
    }
    // The names: bold, below the titles by the signing space (25–30 mm from title baseline to name baseline
    // includes the title line itself, so allow 25–40 mm).
    let names: Vec<&Run> = last
        .upright()
        .filter(|r| {
            r.bold && !r.italic && r.y > secretary.y + 20.0 * MM && r.y < secretary.y + 40.0 * MM
        })
        .collect();
    assert!(
        names.len() >= 2,
        "{name}: signer names under the titles, found {names:?}"
    );
    // A line of body text above the titles on the same page (the closing sentence at least).
    let closing = match layout {
        Layout::Party => "kết thúc vào hồi",
        Layout::State => "Cuộc họp kết thúc vào",
    };
    let closing = last
        .find(closing)
        .unwrap_or_else(|| panic!("{name}: the closing sentence is not on the signatures' page"));
    assert!(
        closing.y < secretary.y,
        "{name}: the closing sentence stands above the signatures"
    );
    assert!(!closing.bold, "{name}: the closing sentence is body text");
}

/// The Party header: national title right (15 pt bold, rule exactly as wide), superior body 14 regular caps and
/// issuing body 14 bold caps left, the star and the number centred under them, the italic date line right and
/// level with the number; then BIÊN BẢN 15–16 bold centred.
fn check_party_header(
    name: &str,
    page: &PageMap,
    org: &[&str],
    parent: &[&str],
    number: Option<&str>,
) {
    let left = PARTY_MARGINS.left.0 * MM;
    let right = page.width - PARTY_MARGINS.right.0 * MM;
    let middle = (left + right) / 2.0;

    let national = page.run("ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_eq!(national.text.trim(), "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_close(
        national.size,
        15.0,
        SIZE_EPS,
        &format!("{name}: national title size"),
    );
    assert!(
        national.bold && !national.italic,
        "{name}: national title bold upright"
    );
    assert!(
        national.x > middle - 10.0 * MM && national.centre() > middle,
        "{name}: national title in the right column"
    );
    let rule = page
        .rule_under(national, 15.0)
        .unwrap_or_else(|| panic!("{name}: no rule under the national title"));
    assert_close(
        rule.width,
        national.width,
        RULE_EPS,
        &format!("{name}: rule under the national title"),
    );
    assert_close(
        rule.centre(),
        national.centre(),
        RULE_EPS,
        &format!("{name}: rule centred under the title"),
    );

    // Left column: superior body (regular) above the issuing body (bold), caps, 14 pt, on one centre axis.
    let mut axis = vec![];
    let mut previous_y = 0.0;
    for (words, bold) in parent
        .iter()
        .map(|w| (w, false))
        .chain(org.iter().map(|w| (w, true)))
    {
        let run = page.run(words);
        assert_eq!(
            run.text,
            run.text.to_uppercase(),
            "{name}: {words} in capitals"
        );
        assert_close(run.size, 14.0, SIZE_EPS, &format!("{name}: {words} size"));
        assert_eq!(run.bold, bold, "{name}: {words} bold = {bold}");
        assert!(
            run.right() < middle + 5.0 * MM,
            "{name}: {words} in the left column"
        );
        assert!(
            run.y > previous_y,
            "{name}: {words} below the line before it"
        );
        previous_y = run.y;
        axis.push(run.centre());
    }
    // The first line of each column shares the same top (cap height ≈ 0.66 em above the baseline).
    let first = page.run(parent.first().or(org.first()).unwrap());
    assert_close(
        first.y - 0.66 * first.size,
        national.y - 0.66 * national.size,
        1.0,
        &format!("{name}: header columns start level"),
    );
    let star = page
        .upright()
        .find(|r| r.text.trim() == "*")
        .unwrap_or_else(|| panic!("{name}: no star"));
    assert!(star.y > previous_y, "{name}: the star under the name block");
    assert_close(star.size, 14.0, SIZE_EPS, &format!("{name}: star size"));
    assert!(!star.bold, "{name}: the star is regular");
    axis.push(star.centre());
    for c in &axis {
        assert_close(
            *c,
            axis[0],
            1.0,
            &format!("{name}: the left column's lines share one centre"),
        );
    }

    let date = page.run(", ngày ");
    assert!(date.italic && !date.bold, "{name}: the date line is italic");
    assert_close(
        date.size,
        14.0,
        SIZE_EPS,
        &format!("{name}: date line size"),
    );
    assert!(
        date.y > rule.y && date.centre() > middle,
        "{name}: the date line right, under the rule"
    );
    assert!(
        date.right() <= right + POS_EPS,
        "{name}: the date line inside its column"
    );

    match number {
        Some(number) => {
            let run = page.run(number);
            assert_eq!(run.text.trim(), number);
            assert_close(run.size, 14.0, SIZE_EPS, &format!("{name}: number size"));
            assert!(!run.bold && !run.italic, "{name}: number regular");
            assert!(run.y > star.y, "{name}: number under the star");
            assert_close(
                run.centre(),
                axis[0],
                1.0,
                &format!("{name}: number centred under the star"),
            );
            assert_close(
                run.y,
                date.y,
                POS_EPS,
                &format!("{name}: number level with the date line"),
            );
        }
        None => {
            for run in page.upright().filter(|r| r.y < date.y + 30.0) {
                assert!(
                    !run.text.contains("Số") && !run.text.contains("BB"),
                    "{name}: stray number text {:?}",
                    run.text
                );
            }
        }
    }

    let title = page.run("BIÊN BẢN");
    assert_between(title.size, (15.0, 16.0), &format!("{name}: BIÊN BẢN size"));
    assert!(title.bold, "{name}: BIÊN BẢN bold");
    assert_close(
        title.centre(),
        middle,
        POS_EPS,
        &format!("{name}: BIÊN BẢN centred"),
    );
    assert!(
        title.y > date.y + 14.0,
        "{name}: a blank line between the header and BIÊN BẢN"
    );
    let dashes = page.run("-----");
    assert_close(
        dashes.centre(),
        middle,
        POS_EPS,
        &format!("{name}: the dash line centred"),
    );
}

/// The State header: national title 12–13 bold and motto 13–14 bold right, the motto's rule as wide as it;
/// parent 12–13 regular and agency 12–13 bold left, caps, centred, the agency's rule 1/3–1/2 of its line;
/// the number 13 pt under that rule; no date line; BIÊN BẢN 13–14 bold centred.
fn check_state_header(
    name: &str,
    page: &PageMap,
    org: &[&str],
    parent: &[&str],
    number: Option<&str>,
) {
    let left = STATE_MARGINS.left.0 * MM;
    let right = page.width - STATE_MARGINS.right.0 * MM;
    let middle = (left + right) / 2.0;

    let national = page.run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_between(
        national.size,
        (12.0, 13.0),
        &format!("{name}: national title size"),
    );
    assert!(national.bold, "{name}: national title bold");
    assert!(
        national.centre() > middle,
        "{name}: national title in the right column"
    );
    let motto = page.run("Độc lập - Tự do - Hạnh phúc");
    assert_between(motto.size, (13.0, 14.0), &format!("{name}: motto size"));
    assert!(motto.bold && !motto.italic, "{name}: motto bold upright");
    assert!(
        motto.y > national.y,
        "{name}: motto under the national title"
    );
    assert_close(
        motto.centre(),
        national.centre(),
        POS_EPS,
        &format!("{name}: motto centred under the title"),
    );
    let motto_rule = page
        .rule_under(motto, 15.0)
        .unwrap_or_else(|| panic!("{name}: no rule under the motto"));
    assert_close(
        motto_rule.width,
        motto.width,
        RULE_EPS,
        &format!("{name}: rule under the motto"),
    );
    assert_close(
        motto_rule.centre(),
        motto.centre(),
        RULE_EPS,
        &format!("{name}: motto rule centred"),
    );

    let mut axis = vec![];
    let mut previous_y = 0.0;
    let mut agency_lines = vec![];
    for (words, bold) in parent
        .iter()
        .map(|w| (w, false))
        .chain(org.iter().map(|w| (w, true)))
    {
        let run = page.run(words);
        assert_eq!(
            run.text,
            run.text.to_uppercase(),
            "{name}: {words} in capitals"
        );
        assert_between(run.size, (12.0, 13.0), &format!("{name}: {words} size"));
        assert_eq!(run.bold, bold, "{name}: {words} bold = {bold}");
        assert!(
            run.right() < middle + 5.0 * MM,
            "{name}: {words} in the left column"
        );
        assert!(
            run.y > previous_y,
            "{name}: {words} below the line before it"
        );
        previous_y = run.y;
        axis.push(run.centre());
        if bold {
            agency_lines.push(run);
        }
    }
    for c in &axis {
        assert_close(
            *c,
            axis[0],
            1.0,
            &format!("{name}: the agency lines share one centre"),
        );
    }
    let agency = agency_lines.last().unwrap();
    let widest = agency_lines.iter().map(|r| r.width).fold(0.0, f64::max);
    let agency_rule = page
        .rule_under(agency, 40.0)
        .unwrap_or_else(|| panic!("{name}: no rule under the agency"));
    let ratio = agency_rule.width / widest;
    assert!(
        (1.0 / 3.0 - 0.01..=0.5 + 0.01).contains(&ratio),
        "{name}: agency rule is {ratio:.2} of the agency line"
    );
    assert_close(
        agency_rule.centre(),
        agency.centre(),
        1.0,
        &format!("{name}: agency rule centred"),
    );

    assert!(
        page.find(", ngày ").is_none_or(|r| r.y > national.y + 80.0),
        "{name}: Mẫu 1.9 has no date line in the header"
    );
    match number {
        Some(number) => {
            let run = page.run(number);
            assert_eq!(run.text.trim(), number);
            assert_close(run.size, 13.0, SIZE_EPS, &format!("{name}: number size"));
            assert!(!run.bold && !run.italic, "{name}: number regular");
            assert!(
                run.y > agency_rule.y,
                "{name}: number under the agency rule"
            );
            assert_close(
                run.centre(),
                axis[0],
                1.0,
                &format!("{name}: number centred in the left column"),
            );
        }
        None => {
            let title = page.run("BIÊN BẢN");
            for run in page.upright().filter(|r| r.y < title.y) {
                assert!(
                    !run.text.contains("Số") && !run.text.contains("/BB"),
                    "{name}: stray number text {:?}",
                    run.text
                );
            }
        }
    }

    let title = page.run("BIÊN BẢN");
    assert_between(title.size, (13.0, 14.0), &format!("{name}: BIÊN BẢN size"));
    assert!(title.bold, "{name}: BIÊN BẢN bold");
    assert_close(
        title.centre(),
        middle,
        POS_EPS,
        &format!("{name}: BIÊN BẢN centred"),
    );
    assert!(
        title.y > motto_rule.y && title.y > agency_rule.y,
        "{name}: BIÊN BẢN under the header"
    );
}

fn check_draft_mark(name: &str, pages: &[PageMap], draft: bool) {
    for (i, page) in pages.iter().enumerate() {
        let marked = page.runs.iter().any(|r| r.text.contains("DỰ THẢO"));
        assert_eq!(
            marked,
            draft,
            "{name} p{}: DỰ THẢO mark present = {marked}",
            i + 1
        );
    }
}

#[test]
fn party_one_page() {
    let name = "party-one-page.md";
    let pages = check_document(name, Layout::Party, 1, 1);
    check_party_header(
        name,
        &pages[0],
        &["CHI BỘ ĐẠI LỢI"],
        &["ĐẢNG BỘ XÃ THANH BÌNH THỊNH"],
        Some("Số 07-BB/CB"),
    );
    check_draft_mark(name, &pages, false);
}

#[test]
fn party_four_pages_draft_long_name() {
    let name = "party-long.md";
    let pages = check_document(name, Layout::Party, 4, 12);
    check_party_header(
        name,
        &pages[0],
        &["CHI BỘ VĂN PHÒNG", "ỦY BAN KIỂM TRA", "VÀ BAN TUYÊN GIÁO"],
        &[
            "ĐẢNG BỘ KHỐI CÁC CƠ QUAN",
            "VÀ DOANH NGHIỆP",
            "TỈNH THỪA THIÊN HUẾ",
        ],
        Some("Số 15-BB/CB"),
    );
    check_draft_mark(name, &pages, true);
}

#[test]
fn party_without_number() {
    let name = "party-no-number.md";
    let pages = check_document_signed(name, Layout::Party, (1, 1), "T/M CHI BỘ");
    check_party_header(
        name,
        &pages[0],
        &["CHI BỘ PHÚ XUÂN"],
        &["ĐẢNG BỘ XÃ THANH BÌNH THỊNH"],
        None,
    );
    // The `signers` override's position line: caps regular under the bold authority line.
    let authority = pages[0].run("T/M CHI BỘ");
    let position = pages[0].run("BÍ THƯ");
    assert!(
        !position.bold && position.y > authority.y,
        "the position line is regular, under T/M CHI BỘ"
    );
    assert_close(
        position.centre(),
        authority.centre(),
        1.0,
        "the position line centred under T/M CHI BỘ",
    );
}

#[test]
fn party_example() {
    let name = "2023-08-30-chi-bo-dai-loi.md";
    let pages = check_document(name, Layout::Party, 2, 6);
    check_party_header(
        name,
        &pages[0],
        &["CHI BỘ ĐẠI LỢI"],
        &["ĐẢNG BỘ XÃ THANH BÌNH THỊNH"],
        Some("Số 05-BB/CB"),
    );
    // Nơi nhận: underlined title (an underline rule under it), 12 pt lines.
    let last = pages.last().unwrap();
    let title = last.run("Nơi nhận:");
    assert_close(title.size, 14.0, SIZE_EPS, "party Nơi nhận size");
    assert!(
        last.rule_under(title, 5.0).is_some(),
        "party: Nơi nhận is underlined"
    );
    assert_close(
        last.run("Lưu Chi bộ").size,
        12.0,
        SIZE_EPS,
        "party recipient size",
    );
}

#[test]
fn state_one_page() {
    let name = "state-one-page.md";
    let pages = check_document(name, Layout::State, 1, 1);
    check_state_header(
        name,
        &pages[0],
        &["PHÒNG TÀI CHÍNH"],
        &["ỦY BAN NHÂN DÂN", "HUYỆN THANH BÌNH"],
        Some("Số: 05/BB-TCKH"),
    );
    check_draft_mark(name, &pages, false);
}

#[test]
fn state_four_pages_draft_long_name_no_number() {
    let name = "state-long.md";
    let pages = check_document(name, Layout::State, 4, 12);
    check_state_header(
        name,
        &pages[0],
        &["SỞ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"],
        &["ỦY BAN NHÂN DÂN", "TỈNH THỪA THIÊN HUẾ"],
        None,
    );
    check_draft_mark(name, &pages, true);
}

#[test]
fn state_example() {
    let name = "2024-03-15-ubnd-xa-thanh-binh-thinh.md";
    let pages = check_document(name, Layout::State, 1, 4);
    check_state_header(
        name,
        &pages[0],
        &["ỦY BAN NHÂN DÂN", "XÃ THANH BÌNH THỊNH"],
        &[],
        Some("Số: 03/BB-UBND"),
    );
    // Nơi nhận: 12 pt bold italic under the left signature column, recipient lines 11 pt, the closing sentence.
    let last = pages.last().unwrap();
    let title = last.run("Nơi nhận:");
    assert_close(title.size, 12.0, SIZE_EPS, "state Nơi nhận size");
    assert!(title.bold && title.italic, "state: Nơi nhận bold italic");
    assert!(
        title.y > last.run("THƯ KÝ").y,
        "state: Nơi nhận under the signatures"
    );
    assert_close(
        last.run("Lưu: VT, Hồ sơ").size,
        11.0,
        SIZE_EPS,
        "state recipient size",
    );
    assert!(
        last.find("năm 2024./.").is_some(),
        "state: the closing sentence ends with ./."
    );
}

// ── Typesetting as the office's best typist does it (layouts.md, last section; issue 13) ──────────────────────

/// The header's runs (above BIÊN BẢN), split into the left column's and the right column's by their centre.
fn header_columns(page: &PageMap, layout: Layout) -> (Vec<&Run>, Vec<&Run>) {
    let m = layout.margins();
    let middle = (m.left.0 * MM + page.width - m.right.0 * MM) / 2.0;
    let title = page.run("BIÊN BẢN").y;
    let top = m.top.0 * MM;
    let header: Vec<&Run> = page
        .upright()
        .filter(|r| r.y > top && r.y < title - 1.0 && !r.text.trim().is_empty())
        .collect();
    header.into_iter().partition(|r| r.centre() < middle)
}

/// Header names: the left column's name lines are exactly `lines`, top to bottom; none ends with an
/// administrative word or a hyphen; the ink of the two columns stays ≥ 3 mm apart; the name lines are evenly
/// spaced. Returns the smallest gap between the columns' ink (mm).
fn check_header_names(name: &str, layout: Layout, lines: &[&str]) -> f64 {
    let pages = check_document(name, layout, 1, 12);
    let page = &pages[0];
    let (left, right) = header_columns(page, layout);
    let names: Vec<String> = left
        .iter()
        .filter(|r| r.text.trim() != "*" && !r.text.starts_with("Số"))
        .map(|r| r.text.trim().to_string())
        .collect();
    assert_eq!(names, lines, "{name}: the header name lines");
    for line in &names {
        let last = line.split(' ').next_back().unwrap_or("");
        assert!(
            !["TỈNH", "HUYỆN", "XÃ", "PHƯỜNG", "QUẬN", "-", "VÀ", "CÁC"].contains(&last),
            "{name}: {line:?} ends with {last:?}"
        );
    }
    let mut gap = f64::MAX;
    for l in &left {
        for r in right
            .iter()
            .filter(|r| (r.y - l.y).abs() < l.size.max(r.size))
        {
            gap = gap.min((r.x - l.right()) / MM);
        }
    }
    assert!(
        gap >= 3.0,
        "{name}: the header columns' ink {gap:.1} mm apart"
    );
    let ys: Vec<f64> = left
        .iter()
        .filter(|r| names.contains(&r.text.trim().to_string()))
        .map(|r| r.y)
        .collect();
    for w in ys.windows(2) {
        let size = left[0].size;
        assert!(
            w[1] - w[0] >= 1.2 * size,
            "{name}: header lines {:.1} pt apart ({:.2} em), room for the stacked marks",
            w[1] - w[0],
            (w[1] - w[0]) / size
        );
    }
    for w in ys.windows(3) {
        assert_close(
            w[2] - w[1],
            w[1] - w[0],
            POS_EPS,
            &format!("{name}: name lines evenly spaced"),
        );
    }
    gap
}

#[test]
fn header_names_balanced_party() {
    check_header_names(
        "party-long-names.md",
        Layout::Party,
        &[
            "ĐẢNG BỘ TỈNH BÀ RỊA - VŨNG TÀU",
            "CHI BỘ TRƯỜNG",
            "TRUNG HỌC CƠ SỞ",
            "NGUYỄN VĂN TRỖI",
        ],
    );
    check_header_names(
        "party-long.md",
        Layout::Party,
        &[
            "ĐẢNG BỘ KHỐI CÁC CƠ QUAN",
            "VÀ DOANH NGHIỆP",
            "TỈNH THỪA THIÊN HUẾ",
            "CHI BỘ VĂN PHÒNG",
            "ỦY BAN KIỂM TRA",
            "VÀ BAN TUYÊN GIÁO",
        ],
    );
}

#[test]
fn header_names_balanced_state() {
    check_header_names(
        "state-long-names.md",
        Layout::State,
        &[
            "SỞ NÔNG NGHIỆP",
            "VÀ PHÁT TRIỂN NÔNG THÔN",
            "TỈNH NGHỆ AN",
            "CHI CỤC TRỒNG TRỌT",
            "VÀ BẢO VỆ THỰC VẬT",
        ],
    );
    check_header_names(
        "state-long.md",
        Layout::State,
        &[
            "ỦY BAN NHÂN DÂN",
            "TỈNH THỪA THIÊN HUẾ",
            "SỞ NÔNG NGHIỆP",
            "VÀ PHÁT TRIỂN NÔNG THÔN",
            "TỈNH THỪA THIÊN HUẾ",
        ],
    );
    // The clerk's typed line break is kept.
    check_header_names(
        "2024-03-15-ubnd-xa-thanh-binh-thinh.md",
        Layout::State,
        &["ỦY BAN NHÂN DÂN", "XÃ THANH BÌNH THỊNH"],
    );
}

/// The lowest ink of a page's body text (mm from the bottom edge): the descenders reach 0.217 em below the
/// baseline in Liberation Serif.
fn bottom_clearance(page: &PageMap) -> f64 {
    page.upright()
        .filter(|r| !r.text.trim().is_empty())
        .map(|r| (page.height - (r.y + 0.217 * r.size)) / MM)
        .fold(f64::MAX, f64::min)
}

#[test]
fn nothing_crosses_the_bottom_margin() {
    for (name, layout) in [
        ("party-long.md", Layout::Party),
        ("state-long.md", Layout::State),
        ("party-breaks.md", Layout::Party),
        ("state-breaks.md", Layout::State),
    ] {
        for (i, page) in check_document(name, layout, 1, 12).iter().enumerate() {
            let clearance = bottom_clearance(page);
            assert!(
                clearance >= 20.0,
                "{name} p{}: ink {clearance:.2} mm from the bottom edge",
                i + 1
            );
        }
    }
}

#[test]
fn one_page_meetings_take_one_page() {
    for (name, layout) in [
        ("party-one-page.md", Layout::Party),
        ("state-one-page.md", Layout::State),
        ("party-long-names.md", Layout::Party),
        ("state-long-names.md", Layout::State),
        ("party-no-number.md", Layout::Party),
    ] {
        check_document_signed(
            name,
            layout,
            (1, 1),
            if name.starts_with("party-no") {
                "T/M CHI BỘ"
            } else if layout == Layout::Party {
                "CHỦ TRÌ"
            } else {
                "CHỦ TỌA"
            },
        );
    }
}

/// The page holding a run that contains `needle`.
fn page_of(pages: &[PageMap], needle: &str) -> usize {
    pages
        .iter()
        .position(|p| p.find(needle).is_some())
        .unwrap_or_else(|| panic!("no page holds {needle:?}"))
}

#[test]
fn short_tables_stay_whole() {
    for (name, layout) in [
        ("party-table-break.md", Layout::Party),
        ("party-breaks.md", Layout::Party),
        ("state-breaks.md", Layout::State),
        ("2024-03-15-ubnd-xa-thanh-binh-thinh.md", Layout::State),
    ] {
        let pages = check_document(name, layout, 1, 12);
        let (head, last) = if name.starts_with("2024") {
            ("Chỉ tiêu", "Hồ sơ hành chính")
        } else {
            ("Chỉ tiêu", "Sáng kiến kinh nghiệm")
        };
        assert_eq!(
            page_of(&pages, head),
            page_of(&pages, last),
            "{name}: the table split across pages"
        );
        // The columns fit their content: the table's borders are narrower than the text width.
        let page = &pages[page_of(&pages, head)];
        let cell = page.run(head);
        let text_width = page.width - (layout.margins().left.0 + layout.margins().right.0) * MM;
        let border = page
            .rules
            .iter()
            .filter(|r| (r.y - cell.y).abs() < 20.0 && r.x <= cell.x)
            .map(|r| r.width)
            .fold(0.0, f64::max);
        eprintln!("{name}: the table is {border:.1} pt wide of {text_width:.1}");
        assert!(
            border > 0.0 && border < 0.9 * text_width,
            "{name}: the table is {border:.1} pt wide of {text_width:.1}"
        );
    }
}

/// Body lines (body size, not bold) above the closing sentence on the last page, and the empty space at the
/// foot of each earlier page (mm).
fn last_page_measures(name: &str, layout: Layout) -> (usize, Vec<f64>) {
    let pages = check_document(name, layout, 1, 12);
    let last = pages.last().unwrap();
    let closing = last
        .upright()
        .find(|r| r.text.contains("kết thúc"))
        .unwrap_or_else(|| panic!("{name}: no closing sentence on the last page"));
    let top = layout.margins().top.0 * MM;
    let lines = last
        .lines()
        .into_iter()
        .filter(|l| l[0].y > top && l[0].y < closing.y - 1.0 && !l[0].bold && l[0].size >= 13.0)
        .count();
    let bottom = |p: &PageMap| p.height - layout.margins().bottom.0 * MM;
    let empty = pages[..pages.len() - 1]
        .iter()
        .map(|p| (bottom(p) - p.upright().map(|r| r.y).fold(0.0, f64::max)) / MM)
        .collect();
    (lines, empty)
}

// The last page carries at least two body lines above the closing; no earlier page ends more than 40 mm short,
// except before a short table kept whole with its lead-in (the gap is then less than that group's height).
#[test]
fn page_breaks_keep_text_with_the_closing() {
    let mut failures = vec![];
    for (name, layout) in [
        ("party-long.md", Layout::Party),
        ("state-long.md", Layout::State),
        ("2023-08-30-chi-bo-dai-loi.md", Layout::Party),
        ("2023-10-12-chi-bo-phu-xuan.md", Layout::Party),
        ("2024-03-15-ubnd-xa-thanh-binh-thinh.md", Layout::State),
        ("party-breaks.md", Layout::Party),
        ("state-breaks.md", Layout::State),
        ("party-table-break.md", Layout::Party),
        // A body that ends with a long table: its last rows come over with the closing.
        ("party-table-end.md", Layout::Party),
    ] {
        let (lines, empty) = last_page_measures(name, layout);
        eprintln!(
            "{name}: {lines} body lines above the closing; empty at the foot of earlier pages {empty:.1?} mm"
        );
        if lines < 2 {
            failures.push(format!(
                "{name}: {lines} body lines above the closing on the last page"
            ));
        }
        let pages = check_document(name, layout, 1, 12);
        let kept_table = |i: usize| {
            pages[i + 1]
                .lines()
                .iter()
                .take(3)
                .any(|l| PageMap::line_text(l).contains("Kết quả biểu quyết các chỉ tiêu"))
        };
        let allowed = |i: usize| if kept_table(i) { 55.0 } else { 40.0 };
        for (i, e) in empty.iter().enumerate().filter(|(i, e)| **e > allowed(*i)) {
            failures.push(format!("{name} p{}: ends {e:.1} mm short", i + 1));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn state_meeting_rule_is_a_third_to_a_half_of_its_line() {
    for name in [
        "state-one-page.md",
        "state-long.md",
        "2024-03-15-ubnd-xa-thanh-binh-thinh.md",
    ] {
        let pages = check_document(name, Layout::State, 1, 12);
        let page = &pages[0];
        let title = page.run("BIÊN BẢN");
        let meeting: Vec<&Run> = page
            .upright()
            .filter(|r| r.bold && r.y > title.y + 1.0 && r.y < title.y + 60.0)
            .collect();
        let widest = meeting.iter().map(|r| r.width).fold(0.0, f64::max);
        let rule = page
            .rule_under(meeting.last().unwrap(), 20.0)
            .unwrap_or_else(|| panic!("{name}: no rule under the meeting name"));
        let ratio = rule.width / widest;
        assert!(
            (1.0 / 3.0..=0.5).contains(&ratio),
            "{name}: meeting rule {ratio:.2} of its line"
        );
    }
}

#[test]
fn one_style_of_quotes_and_dashes() {
    let pages = pages(&compile(&fixture_or_example(
        "2023-08-30-chi-bo-dai-loi.md",
    )));
    let text: String = pages
        .iter()
        .flat_map(|p| p.runs.iter().map(|r| r.text.clone()))
        .collect();
    assert!(!text.contains('"'), "a straight quote is left");
    assert!(text.contains('“') && text.contains('”'), "curly quotes");
    assert!(!text.contains('–'), "an en dash as a list marker");
}

#[test]
fn tags_say_what_things_are() {
    for (name, layout) in [
        ("party-one-page.md", Layout::Party),
        ("state-one-page.md", Layout::State),
    ] {
        let document = compile(&fixture_or_example(name));
        let runs = frames::tagged_runs(&document.pages()[0]);
        let tags_of = |text: &str| {
            runs.iter()
                .find(|(t, _)| t.trim() == text)
                .map(|(_, tags)| tags.clone())
                .unwrap_or_else(|| panic!("{name}: no run {text:?}"))
        };
        let title = tags_of("BIÊN BẢN");
        eprintln!("{name}: BIÊN BẢN inside {title:?}");
        assert!(
            title.iter().any(|t| t == "heading"),
            "{name}: BIÊN BẢN is a heading: {title:?}"
        );
        let inside = title.iter().position(|t| t == "heading").unwrap();
        assert!(
            !title[..inside].iter().any(|t| t == "par"),
            "{name}: BIÊN BẢN's heading inside a paragraph: {title:?}"
        );
        if layout == Layout::Party {
            for mark in ["*", "-----"] {
                let tags = tags_of(mark);
                eprintln!("{name}: {mark} inside {tags:?}");
                assert!(
                    tags.iter().any(|t| t == "artifact"),
                    "{name}: {mark} is an artifact: {tags:?}"
                );
            }
        }
    }
}

#[test]
fn state_content_parts_share_one_indent_and_numbering() {
    let name = "2024-03-15-ubnd-xa-thanh-binh-thinh.md";
    let pages = check_document(name, Layout::State, 1, 4);
    let lead = pages[0].run("Nội dung (theo diễn biến cuộc họp):");
    let place = pages[0].run("Địa điểm:");
    assert_close(
        lead.x,
        place.x,
        POS_EPS,
        &format!("{name}: Nội dung … indented like the lines above"),
    );
    let mut numbers = vec![];
    for page in &pages {
        for line in page.lines() {
            let text = PageMap::line_text(&line);
            let first = line[0];
            let number = text.split_once(". ").map_or("", |(n, _)| n);
            if first.bold && !number.is_empty() && number.chars().all(|c| "IVX".contains(c)) {
                assert_close(
                    first.x,
                    lead.x,
                    POS_EPS,
                    &format!("{name}: part {text:?} indented like Nội dung"),
                );
                numbers.push(number.to_string());
            }
        }
    }
    eprintln!("{name}: parts numbered {numbers:?}");
    assert_eq!(
        numbers,
        ["I", "II", "III", "IV", "V", "VI"],
        "{name}: one Roman numbering"
    );
}

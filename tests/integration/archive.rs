//! The archive workflow through the built binary: a generated archive of 500 minutes files (3 organisations,
//! 2 years, one duplicate number and one gap planted) is built on all cores, indexed into a register whose rows
//! and diagnostics are checked, rebuilt incrementally (nothing, then only the edited file); and `new` writes a
//! skeleton that passes `check` once filled in.

use crate::common;

use std::path::Path;

use common::*;

const ORGS: [(&str, &str); 3] = [
    ("dai-loi", "Chi bộ Đại Lợi"),
    ("phu-xuan", "Chi bộ Phú Xuân"),
    ("thanh-ha", "Chi bộ Thanh Hà"),
];
const YEARS: [i32; 2] = [2023, 2024];
const FILES: usize = 500;

/// The number of the `pos`-th meeting of an organisation in a year, with the planted faults:
/// Phú Xuân 2023 uses number 20 twice (and numbers on without a gap); Thanh Hà 2024 skips number 31.
fn number(org: usize, year: i32, pos: usize) -> usize {
    match (org, year) {
        (1, 2023) if pos >= 20 => pos,
        (2, 2024) if pos >= 30 => pos + 2,
        _ => pos + 1,
    }
}

/// A two-page minutes file.
fn minutes(org: &str, number: usize, date: chrono::NaiveDate, pos: usize) -> String {
    let paragraph = "Chi bộ đã quán triệt, triển khai các nghị quyết, chỉ thị của cấp trên; lãnh đạo đảng viên \
        và nhân dân thực hiện tốt nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh trên địa bàn; \
        duy trì nền nếp sinh hoạt, nâng cao chất lượng đảng viên và sức chiến đấu của tổ chức cơ sở đảng.";
    let body: String = (1..=7)
        .map(|i| format!("### Nội dung {i}\n\n{paragraph}\n\n"))
        .collect();
    format!(
        "---
layout: party
status: approved
number: {number}
organization:
  parent: Đảng bộ xã Thanh Bình Thịnh
  name: {org}
  code: CB
place: Thanh Bình Thịnh
date: {date}
start: \"14:00\"
end: \"16:00\"
venue: Hội trường thôn
meeting:
  kind: regular
  title: tháng {month} năm {year}
chair: {{ name: Lê Văn Hùng, role: Bí thư Chi bộ }}
secretary: {{ name: Trần Thị Lan, role: Chi ủy viên }}
members:
  total: 30
  exempt: 2
  present: 26
  absent:
    - {{ name: Nguyễn Văn An, reason: ốm }}
    - {{ name: Phạm Văn Dũng, reason: đi làm ăn xa }}
remedies:
  - {{ text: Hoàn thành kế hoạch số {pos}, owner: Chi ủy, due: {due} }}
  - {{ text: Rà soát đảng viên, owner: Bí thư Chi bộ }}
votes:
  - {{ subject: Thông qua nghị quyết tháng, for: 26, against: 0, abstain: 0 }}
recipients:
  - Đảng ủy xã Thanh Bình Thịnh
  - Lưu Chi bộ
---

{body}",
        month = chrono::Datelike::month(&date),
        year = chrono::Datelike::year(&date),
        due = date + chrono::Duration::days(30),
    )
}

/// Writes the archive: `archive/<org>/<year>/<date>-<number>.md`; returns the files' relative paths.
fn generate(root: &Path) -> Vec<String> {
    let mut files = vec![];
    for i in 0..FILES {
        let group = i % 6;
        let (org, year) = (group / 2, YEARS[group % 2]);
        let pos = i / 6;
        let date = chrono::NaiveDate::from_yo_opt(year, 1 + pos as u32 * 4).unwrap();
        let n = number(org, year, pos);
        let rel = format!("archive/{}/{year}/{date}-{n:02}.md", ORGS[org].0);
        let path = root.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, minutes(ORGS[org].1, n, date, pos)).unwrap();
        files.push(rel);
    }
    files
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The summary line of a build: (built, skipped, failed).
fn summary(out: &std::process::Output) -> (usize, usize, usize) {
    let text = stderr(out);
    let line = text
        .lines()
        .rev()
        .find(|l| l.contains(" built, "))
        .unwrap_or_else(|| panic!("no summary in {text}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let n = |i: usize| words[i].parse::<usize>().unwrap();
    (n(0), n(2), n(7))
}

#[test]
fn an_archive_of_500_minutes_builds_indexes_and_rebuilds_incrementally() {
    let dir = tempfile::tempdir().unwrap();
    let files = generate(dir.path());

    // First build: every file, on all cores; outputs keep the archive's layout under --out-dir.
    let started = std::time::Instant::now();
    let out = bienban(
        &["build", "archive", "--out-dir", "pdf", "--lang", "en"],
        dir.path(),
    );
    let first = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(summary(&out), (FILES, 0, 0));
    assert_eq!(stdout(&out).lines().count(), FILES);
    let sample = dir.path().join("pdf/dai-loi/2023/2023-01-01-01.pdf");
    assert!(std::fs::read(&sample).unwrap().starts_with(b"%PDF-"));
    eprintln!("notice: first build of {FILES} minutes took {first:.2?}");

    // Second build: nothing changed, every file skipped, nothing written.
    let out = bienban(
        &["build", "archive", "--out-dir", "pdf", "--lang", "en"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(summary(&out), (0, FILES, 0));
    assert_eq!(stdout(&out), "");

    // A new timestamp is not a change (content hashes, not times); an edit rebuilds that file only.
    let touched = dir.path().join(&files[7]);
    let file = std::fs::File::options()
        .append(true)
        .open(&touched)
        .unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
        .unwrap();
    drop(file);
    let out = bienban(
        &["build", "archive", "--out-dir", "pdf", "--lang", "en"],
        dir.path(),
    );
    assert_eq!(summary(&out), (0, FILES, 0));
    let mut text = std::fs::read_to_string(&touched).unwrap();
    text.push_str("\nBổ sung một đoạn sau khi họp.\n");
    std::fs::write(&touched, text).unwrap();
    let out = bienban(
        &["build", "archive", "--out-dir", "pdf", "--lang", "en"],
        dir.path(),
    );
    assert_eq!(summary(&out), (1, FILES - 1, 0));
    let expected = Path::new("pdf")
        .join(&files[7]["archive/".len()..])
        .with_extension("pdf");
    assert_eq!(stdout(&out).trim(), expected.display().to_string());

    // --force rebuilds everything; a deleted output is rebuilt without --force.
    std::fs::remove_file(&sample).unwrap();
    let out = bienban(&["build", "archive", "--out-dir", "pdf", "-q"], dir.path());
    assert_eq!(stdout(&out).lines().count(), 1);
    assert!(sample.exists());

    // The register: a row per file, in order, and the two planted problems as located diagnostics.
    let out = bienban(
        &[
            "index",
            "archive",
            "--format",
            "json",
            "--diagnostic-format",
            "json",
            "--lang",
            "en",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "a duplicate number is an error");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(rows.len(), FILES);
    let first = rows
        .iter()
        .find(|r| r["file"] == "dai-loi/2023/2023-01-01-01.md")
        .unwrap();
    assert_eq!(first["organization"], "Chi bộ Đại Lợi");
    assert_eq!(first["date"], "2023-01-01");
    assert_eq!(first["number"], 1);
    assert_eq!(first["symbol"], "01-BB/CB");
    assert_eq!(first["kind"], "regular");
    assert_eq!(first["title"], "tháng 1 năm 2023");
    assert_eq!(first["present"], 26);
    assert_eq!(first["summoned"], 28);
    assert_eq!(first["remedies"], 2);
    assert_eq!(first["votes"][0]["for"], 26);
    assert_eq!(first["status"], "approved");
    assert_eq!(first["file"], "dai-loi/2023/2023-01-01-01.md");
    for (org, name) in ORGS {
        let count = rows.iter().filter(|r| r["organization"] == name).count();
        let expected = files.iter().filter(|f| f.contains(org)).count();
        assert_eq!(count, expected);
    }
    // Register order: by organisation, then date.
    let dates: Vec<&str> = rows
        .iter()
        .filter(|r| r["organization"] == "Chi bộ Đại Lợi")
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    let orgs: Vec<&str> = rows
        .iter()
        .map(|r| r["organization"].as_str().unwrap())
        .collect();
    assert_eq!(
        orgs.windows(2).filter(|w| w[0] != w[1]).count(),
        2,
        "each organisation's rows together"
    );

    let diags: Vec<serde_json::Value> = stderr(&out)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(diags.len(), 2, "{}", stderr(&out));
    let duplicate = diags.iter().find(|d| d["code"] == "E0801").unwrap();
    assert_eq!(duplicate["severity"], "error");
    assert!(
        duplicate["path"]
            .as_str()
            .unwrap()
            .contains("phu-xuan/2023/")
    );
    assert!(duplicate["path"].as_str().unwrap().ends_with("-20.md"));
    assert_eq!(duplicate["line"], 4, "points at `number:`");
    assert_eq!(duplicate["column"], 9);
    assert!(
        duplicate["message"]
            .as_str()
            .unwrap()
            .contains("number 20 is used twice by Chi bộ Phú Xuân in 2023"),
        "{duplicate}"
    );
    let gap = diags.iter().find(|d| d["code"] == "W0802").unwrap();
    assert_eq!(gap["severity"], "warning");
    assert!(gap["path"].as_str().unwrap().contains("thanh-ha/2024/"));
    assert!(gap["path"].as_str().unwrap().ends_with("-32.md"));
    assert!(
        gap["message"]
            .as_str()
            .unwrap()
            .contains("number 31 of Chi bộ Thanh Hà in 2024 is missing"),
        "{gap}"
    );

    // The default format is a Markdown table: a header, a rule, a line per file.
    let out = bienban(&["index", "archive", "-q"], dir.path());
    let table = stdout(&out);
    assert_eq!(table.lines().count(), FILES + 2);
    assert!(table.starts_with("| STT | Số | Ngày | Tổ chức |"));
    assert!(table.contains("| 01-BB/CB | 01/01/2023 | Chi bộ Đại Lợi | Thường kỳ: tháng 1 năm 2023 | 26/28 | 2 | 26/0/0 | đã thông qua |"));
}

#[test]
fn remedies_are_listed_and_past_due_ones_flagged() {
    let dir = workspace(&[&seed_example()]);
    let out = bienban(
        &[
            "index",
            ".",
            "--remedies",
            "--as-of",
            "2024-01-01",
            "--format",
            "csv",
            "--lang",
            "en",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = stdout(&out);
    let lines: Vec<&str> = csv.lines().collect();
    // Vietnamese headers after a UTF-8 BOM, so that Excel opens the register right (issue 12).
    assert_eq!(
        lines[0],
        "\u{feff}Tệp,Số hiệu,Ngày họp,Tổ chức,TT,\"Giải pháp, nhiệm vụ\",Phụ trách,Thời hạn,Quá hạn"
    );
    assert_eq!(lines.len(), 7);
    let past_due: Vec<bool> = lines[1..].iter().map(|l| l.ends_with(",true")).collect();
    // Due 2023-12-31 and 2023-12-15 are past on 2024-01-01; 2024-06-30 and the undated ones are not.
    assert_eq!(past_due, vec![true, false, true, false, false, false]);
    assert!(stderr(&out).contains("6 remedies from 1 minutes files, 2 past due as of 2024-01-01"));

    let out = bienban(
        &["index", ".", "--remedies", "--as-of", "2024-01-01"],
        dir.path(),
    );
    assert!(stdout(&out).contains("| Chi ủy | 31/12/2023 | **QUÁ HẠN** |"));
}

#[test]
fn the_register_prints_as_an_official_pdf() {
    let dir = workspace(&[&seed_example()]);
    let out = bienban(
        &["index", ".", "--format", "pdf", "-o", "so.pdf"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "so.pdf");
    let pdf = dir.path().join("so.pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let Some(text) = pdftotext(&pdf) else { return };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CHI BỘ ĐẠI LỢI",
        "SỔ THEO DÕI BIÊN BẢN",
        "Năm 2023",
        "05-BB/CB",
        "30/8/2023",
        "36/41",
    ] {
        assert!(flat.contains(needle), "missing {needle:?} in\n{flat}");
    }
    let out = bienban(
        &[
            "index",
            ".",
            "--remedies",
            "--as-of",
            "2024-01-01",
            "--format",
            "pdf",
            "-o",
            "gp.pdf",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let Some(text) = pdftotext(&dir.path().join("gp.pdf")) else {
        return;
    };
    assert!(text.contains("QUÁ HẠN"), "{text}");
}

/// Fills every placeholder of a skeleton the way a clerk would.
fn fill(skeleton: &str) -> String {
    let mut text = skeleton
        .replacen("\"<HH:MM>\"", "\"14:00\"", 1)
        .replacen("\"<HH:MM>\"", "\"16:00\"", 1)
        .replace("<số thứ tự trong sổ, ví dụ 1>", "3")
        .replace("<tổng số đảng viên>", "12")
        .replace("<tổng số thành viên>", "12")
        .replace("<số có mặt>", "12")
        .replace("<số tán thành>", "12")
        .replace("<YYYY-MM-DD>", "2024-12-31")
        .replace("<họ và tên chủ trì>", "Lê Văn Hùng")
        .replace("<họ và tên thư ký>", "Trần Thị Lan");
    // Every other placeholder is free text.
    while let Some(start) = text.find('<') {
        let end = start + text[start..].find('>').expect("a closed placeholder");
        text.replace_range(start..=end, "Nội dung đã điền");
    }
    text
}

#[test]
fn new_writes_a_skeleton_that_passes_check_once_filled_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    for (layout, kind) in [
        ("party", "thematic"),
        ("state", "regular"),
        ("party", "extraordinary"),
    ] {
        let name = format!("{layout}-{kind}.md");
        let out = bienban(
            &["new", &name, "--layout", layout, "--kind", kind],
            dir.path(),
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out).trim(), name);
        let path = dir.path().join(&name);
        let skeleton = std::fs::read_to_string(&path).unwrap();
        let today = chrono::Local::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string();
        assert!(skeleton.contains(&format!("date: {today}")));
        assert!(skeleton.contains(&format!("kind: {kind}")));

        // Unfilled, it does not pass: the clerk cannot print placeholders by accident.
        let out = bienban(&["check", &name], dir.path());
        assert_eq!(out.status.code(), Some(1));

        std::fs::write(&path, fill(&skeleton)).unwrap();
        let out = bienban(&["check", &name, "--lang", "en"], dir.path());
        assert!(
            out.status.success(),
            "{}\n{}",
            fill(&skeleton),
            stderr(&out)
        );

        // Never overwrites.
        let out = bienban(&["new", &name, "--lang", "en"], dir.path());
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("never overwrites"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), fill(&skeleton));
    }
}

#[test]
fn watch_refuses_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = bienban(&["watch", "none.md"], dir.path());
    // A missing path is a usage mistake (issue 12): exit 2, no longer 1.
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn replacing_an_image_rebuilds_the_minutes_that_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/robustness");
    std::fs::create_dir_all(dir.path().join("images")).unwrap();
    std::fs::copy(
        fixtures.join("pixel.png"),
        dir.path().join("images/anh.png"),
    )
    .unwrap();
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("minutes/2023-08-30-chi-bo-dai-loi.md"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bb.md"),
        format!("{seed}\n![Ảnh buổi sinh hoạt](images/anh.png)\n"),
    )
    .unwrap();

    let out = bienban(&["build", ".", "--lang", "en"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(summary(&out), (1, 0, 0));
    let out = bienban(&["build", ".", "--lang", "en"], dir.path());
    assert_eq!(summary(&out), (0, 1, 0), "nothing changed");
    // Another picture under the same name: the same pixels with bytes after the PNG's end chunk, which
    // decoders ignore, so the file differs but still decodes.
    let mut png = std::fs::read(fixtures.join("pixel.png")).unwrap();
    png.extend_from_slice(b"another picture");
    std::fs::write(dir.path().join("images/anh.png"), png).unwrap();
    let out = bienban(&["build", ".", "--lang", "en"], dir.path());
    assert_eq!(
        summary(&out),
        (1, 0, 0),
        "the image changed: {}",
        stderr(&out)
    );
}

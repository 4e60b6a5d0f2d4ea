//! End-to-end tests through the built binary: the README's build command on the examples, byte-identical
//! rebuilds, the PDF's text and fonts, exit codes, writes that never destroy a good PDF, and how the
//! executable is linked.

use crate::common;

use common::*;

#[test]
fn builds_the_seed_example_into_an_official_pdf() {
    let dir = workspace(&[&seed_example()]);
    let out = bienban(&["build", "."], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("2023-08-30-chi-bo-dai-loi.pdf");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "./2023-08-30-chi-bo-dai-loi.pdf"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));

    let Some(text) = pdftotext(&pdf) else { return };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "ĐẢNG BỘ XÃ THANH BÌNH",
        "CHI BỘ ĐẠI LỢI",
        "Số 05-BB/CB",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thanh Bình Thịnh, ngày 30 tháng 8 năm 2023",
        "BIÊN BẢN",
        "36/41 đồng chí, đạt 87,8%",
        "Cù Thị Mỹ Hiệp",
        "Đinh Sỹ Cổn",
        "Nguyễn Văn Đức",
        "Võ Khắc Thái",
        "Phan Thanh Tuấn",
        "tán thành 36/41 đồng chí (87,8% số đảng viên chính thức được triệu tập)",
        "Buổi sinh hoạt kết thúc vào hồi 16 giờ 45 phút cùng ngày.",
        "THƯ KÝ",
        "CHỦ TRÌ",
        "Trần Thị Lan",
        "Lê Văn Hùng",
        "Nơi nhận:",
        "Lưu Chi bộ.",
    ] {
        assert!(flat.contains(needle), "missing {needle:?} in\n{flat}");
    }
    for n in 1..=6 {
        assert!(flat.contains(&format!("{n}. ")), "remedy {n}");
    }
    assert!(flat.contains("Tổ chức tập huấn, bồi dưỡng nghiệp vụ kiểm tra, giám sát"));
    assert!(flat.contains("Gắn kiểm tra, giám sát với phát triển đảng viên"));

    if let Some(fonts) = poppler("pdffonts", &pdf) {
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            assert!(row.contains("LiberationSerif"), "unexpected font: {row}");
            assert!(row.contains(" yes yes "), "font not embedded: {row}");
        }
    }
}

#[test]
fn rebuilding_gives_identical_bytes() {
    let dir = workspace(&[&seed_example()]);
    let pdf = dir.path().join("2023-08-30-chi-bo-dai-loi.pdf");
    assert!(bienban(&["build", "."], dir.path()).status.success());
    let first = std::fs::read(&pdf).unwrap();
    std::fs::remove_file(&pdf).unwrap();
    assert!(
        bienban(&["build", "2023-08-30-chi-bo-dai-loi.md"], dir.path())
            .status
            .success()
    );
    assert_eq!(first, std::fs::read(&pdf).unwrap());
}

#[test]
fn builds_every_example_under_out_dir() {
    let out = bienban(
        // --force: the folder outlives the test run, and up-to-date outputs would not be listed.
        &[
            "build",
            "minutes",
            "--out-dir",
            "target/test-out/examples",
            "--force",
        ],
        &root(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count = std::fs::read_dir(root().join("minutes"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count();
    let written = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(written, count);
}

#[test]
fn errors_exit_1_and_leave_the_existing_pdf_untouched() {
    let dir = workspace(&[&seed_example()]);
    assert!(bienban(&["build", "."], dir.path()).status.success());
    let pdf = dir.path().join("2023-08-30-chi-bo-dai-loi.pdf");
    let good = std::fs::read(&pdf).unwrap();
    let md = dir.path().join("2023-08-30-chi-bo-dai-loi.md");
    let text = std::fs::read_to_string(&md)
        .unwrap()
        .replace("present: 36", "present: 35");
    std::fs::write(&md, text).unwrap();
    let out = bienban(&["build", ".", "--lang", "en"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[E0203]: attendance does not add up"),
        "{stderr}"
    );
    assert!(stderr.contains("2023-08-30-chi-bo-dai-loi.md:"), "{stderr}");
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    let check = bienban(&["check", ".", "--diagnostic-format", "short"], dir.path());
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains(": error[E0203]: "));
}

#[test]
fn usage_errors_exit_2() {
    let out = bienban(&["build", "--no-such-flag"], &root());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_accepts_the_examples_without_warnings() {
    let out = bienban(&["check", "minutes", "--lang", "en"], &root());
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
}

/// On Linux the bienban executable is linked at a fixed address (build.rs), so that the loader has no
/// relocations to apply on every start: its ELF type is an executable (2), not a position-independent one (3).
/// `BIENBAN_PIE=1` at build time keeps a PIE, and then this test checks that.
#[test]
#[cfg(target_os = "linux")]
fn the_executable_is_linked_at_a_fixed_address_unless_asked_otherwise() {
    let bytes = std::fs::read(env!("CARGO_BIN_EXE_bienban")).unwrap();
    assert_eq!(&bytes[..4], b"\x7fELF");
    let elf_type = u16::from_le_bytes([bytes[16], bytes[17]]);
    let pie_asked = option_env!("BIENBAN_PIE").is_some_and(|v| !v.is_empty() && v != "0");
    assert_eq!(
        elf_type,
        if pie_asked { 3 } else { 2 },
        "ELF type of the bienban executable"
    );
}

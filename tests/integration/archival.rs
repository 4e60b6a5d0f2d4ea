//! Archival output through the built binary: the PDF's metadata, PDF/A-3b attachments that round-trip through
//! `extract`, `verify` against a fresh build and after a one-character edit, page previews, and the
//! `--format typst` source compiling in-process with only the bundled fonts to the very same PDF.

use crate::common;

use std::path::Path;
use std::process::Command;

use bienban::archive::extract as archive;
use bienban::archive::pdf::PdfFile as Pdf;
use bienban::press::fonts::FontSet;
use bienban::press::standard::Standard;
use bienban::typeset::compile;
use common::{seed_example, workspace};

const SEED: &str = "2023-08-30-chi-bo-dai-loi";

/// Runs the built binary with no `SOURCE_DATE_EPOCH` from the environment, so dates are the meeting's.
fn bienban(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bienban"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run bienban")
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn build(dir: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["build", "-q", "."];
    args.extend_from_slice(extra);
    ok(&bienban(&args, dir));
    std::fs::read(dir.join(format!("{SEED}.pdf"))).unwrap()
}

fn info(bytes: &[u8], key: &str) -> String {
    let pdf = Pdf::parse(bytes).unwrap();
    pdf.info_text(key).unwrap_or_else(|| panic!("no /{key}"))
}

fn xmp(bytes: &[u8]) -> String {
    let pdf = Pdf::parse(bytes).unwrap();
    String::from_utf8(pdf.xmp_metadata().expect("an XMP packet")).unwrap()
}

#[test]
fn every_pdf_says_what_it_is() {
    let dir = workspace(&[&seed_example()]);
    let bytes = build(dir.path(), &[]);
    assert_eq!(
        info(&bytes, "Title"),
        "Biên bản chuyên đề: Nâng cao hiệu lực hiệu quả, chất lượng công tác kiểm tra, giám sát góp phần xây dựng chi bộ trong sạch vững mạnh"
    );
    assert_eq!(info(&bytes, "Author"), "Chi bộ Đại Lợi");
    assert_eq!(
        info(&bytes, "Subject"),
        "Biên bản của Chi bộ Đại Lợi, ngày 30 tháng 8 năm 2023"
    );
    assert_eq!(
        info(&bytes, "Keywords"),
        "biên bản, Chi bộ Đại Lợi, sinh hoạt chuyên đề"
    );
    assert_eq!(
        info(&bytes, "Creator"),
        format!("bienban {}", env!("CARGO_PKG_VERSION"))
    );
    assert!(info(&bytes, "CreationDate").starts_with("D:20230830000000"));
    let pdf = Pdf::parse(&bytes).unwrap();
    let lang = pdf.catalog_text("Lang").unwrap();
    assert!(lang == "vi" || lang.starts_with("vi-"), "{lang}");
    // The XMP packet repeats them for archival readers.
    let xmp = xmp(&bytes);
    assert!(xmp.contains("Chi bộ Đại Lợi"));
    assert!(xmp.contains("2023-08-30"));
}

#[test]
fn source_date_epoch_sets_the_creation_date() {
    let dir = workspace(&[&seed_example()]);
    let run = |epoch: &str| {
        Command::new(env!("CARGO_BIN_EXE_bienban"))
            .args(["build", "-q", "."])
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap()
    };
    ok(&run("1700000000"));
    let bytes = std::fs::read(dir.path().join(format!("{SEED}.pdf"))).unwrap();
    // 1700000000 is 2023-11-14 22:13:20 UTC.
    assert!(
        info(&bytes, "CreationDate").starts_with("D:20231114221320"),
        "{}",
        info(&bytes, "CreationDate")
    );
    let bad = run("yesterday");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn a3b_attachments_round_trip_through_extract() {
    let dir = workspace(&[&seed_example()]);
    let bytes = build(dir.path(), &["--pdf-standard", "a-3b"]);
    let xmp = xmp(&bytes);
    assert!(
        xmp.contains("pdfaid:part>3<") || xmp.contains("pdfaid:part=\"3\""),
        "{xmp}"
    );
    let pdf = Pdf::parse(&bytes).unwrap();
    assert_eq!(archive::declared_standards(&pdf), vec![Standard::A3b]);

    let out = dir.path().join("restored");
    ok(&bienban(
        &["extract", &format!("{SEED}.pdf"), "--out-dir", "restored"],
        dir.path(),
    ));
    let original = std::fs::read(seed_example()).unwrap();
    assert_eq!(
        std::fs::read(out.join(format!("{SEED}.md"))).unwrap(),
        original
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(format!("{SEED}.json"))).unwrap()).unwrap();
    assert_eq!(json["date"], "2023-08-30");
    assert_eq!(json["organization"]["name"], "Chi bộ Đại Lợi");
    assert_eq!(json["members"]["present"], 36);

    // The restored source rebuilds the very same archival PDF.
    ok(&bienban(
        &[
            "verify",
            &format!("restored/{SEED}.md"),
            &format!("{SEED}.pdf"),
        ],
        dir.path(),
    ));

    // Extracting again is a no-op; a differing file is not overwritten without --force.
    ok(&bienban(
        &["extract", &format!("{SEED}.pdf"), "-o", "restored"],
        dir.path(),
    ));
    std::fs::write(out.join(format!("{SEED}.md")), "changed").unwrap();
    let refused = bienban(
        &["extract", &format!("{SEED}.pdf"), "-o", "restored"],
        dir.path(),
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        std::fs::read(out.join(format!("{SEED}.md"))).unwrap(),
        b"changed"
    );
    ok(&bienban(
        &[
            "extract",
            &format!("{SEED}.pdf"),
            "-o",
            "restored",
            "--force",
        ],
        dir.path(),
    ));
    assert_eq!(
        std::fs::read(out.join(format!("{SEED}.md"))).unwrap(),
        original
    );

    // A plain PDF has nothing to extract.
    let plain = workspace(&[&seed_example()]);
    build(plain.path(), &[]);
    let none = bienban(
        &["extract", &format!("{SEED}.pdf"), "--lang", "en"],
        plain.path(),
    );
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no attachments"));
}

#[test]
fn verify_passes_a_fresh_build_and_fails_after_a_one_character_edit() {
    for standard in [None, Some("a-3b")] {
        let dir = workspace(&[&seed_example()]);
        let extra: Vec<&str> = standard
            .map(|s| vec!["--pdf-standard", s])
            .unwrap_or_default();
        build(dir.path(), &extra);
        let md = format!("{SEED}.md");
        let pdf = format!("{SEED}.pdf");
        let passed = bienban(&["verify", &md, &pdf], dir.path());
        ok(&passed);

        let path = dir.path().join(&md);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("Nhà văn hóa"));
        std::fs::write(&path, text.replacen("Nhà văn hóa", "Nhà văn hoá", 1)).unwrap();
        let failed = bienban(&["verify", &md, &pdf], dir.path());
        assert_eq!(failed.status.code(), Some(1), "{standard:?}");
        let stderr = String::from_utf8_lossy(&failed.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        if standard.is_some() {
            assert!(stderr.contains("differs from the file at line"), "{stderr}");
        } else {
            assert!(stderr.contains("first difference at byte"), "{stderr}");
        }
    }
}

#[test]
fn every_standard_builds_and_passes_qpdf() {
    for standard in ["a-2b", "a-3b", "ua-1", "a-2b,ua-1"] {
        let dir = workspace(&[&seed_example()]);
        if standard.contains("ua-1") {
            // PDF/UA-1 needs the outline to start at level 1; the seed's body starts at `##`.
            let path = dir.path().join(format!("{SEED}.md"));
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replacen("\n## ", "\n# ", 1)).unwrap();
        }
        let bytes = build(dir.path(), &["--pdf-standard", standard]);
        assert!(bytes.starts_with(b"%PDF-"));
        let pdf = Pdf::parse(&bytes).unwrap();
        let declared: Vec<&str> = archive::declared_standards(&pdf)
            .iter()
            .map(|s| s.name())
            .collect();
        assert_eq!(declared.join(","), standard);
        match Command::new("qpdf")
            .arg("--check")
            .arg(dir.path().join(format!("{SEED}.pdf")))
            .output()
        {
            Ok(out) => assert!(
                out.status.success(),
                "{standard}: {}",
                String::from_utf8_lossy(&out.stdout)
            ),
            Err(_) => eprintln!("notice: qpdf is not installed; skipping its check"),
        }
    }
}

#[test]
fn ua1_builds_the_examples_with_a_consecutive_outline() {
    // BIÊN BẢN is the level-1 heading, the sections level 2, the Markdown's headings below them renumbered
    // to follow each other, so PDF/UA-1's outline check passes whatever levels the clerk wrote.
    let dir = workspace(&[&seed_example()]);
    let md = dir.path().join(format!("{SEED}.md"));
    let text = std::fs::read_to_string(&md)
        .unwrap()
        .replace("## Tồn tại, hạn chế", "#### Tồn tại, hạn chế");
    std::fs::write(&md, text).unwrap();
    let out = bienban(&["build", "-q", ".", "--pdf-standard", "ua-1"], dir.path());
    ok(&out);
    assert!(dir.path().join(format!("{SEED}.pdf")).exists());
}

#[test]
fn previews_are_written_per_page() {
    let dir = workspace(&[&seed_example()]);
    let pages = {
        let bytes = build(dir.path(), &[]);
        let pdf = Pdf::parse(&bytes).unwrap();
        pdf.page_count()
    };
    assert!(pages >= 2);
    let out = bienban(
        &["build", "-q", ".", "--format", "png", "--ppi", "72"],
        dir.path(),
    );
    ok(&out);
    let listed: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(listed.len(), pages);
    for n in 1..=pages {
        let png = std::fs::read(dir.path().join(format!("{SEED}-{n}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        // At 72 ppi one pixel is one point: A4 is 595 × 842.
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (595, 842));
    }
    assert!(
        !dir.path()
            .join(format!("{SEED}-{}.png", pages + 1))
            .exists()
    );

    ok(&bienban(
        &["build", "-q", ".", "--format", "svg"],
        dir.path(),
    ));
    for n in 1..=pages {
        let svg = std::fs::read_to_string(dir.path().join(format!("{SEED}-{n}.svg"))).unwrap();
        assert!(svg.contains("<svg"), "page {n}");
    }
}

#[test]
fn the_typst_output_is_standalone_and_compiles_to_the_same_pdf() {
    for standard in [None, Some(Standard::A3b)] {
        let dir = workspace(&[&seed_example()]);
        let mut extra = vec!["--format", "typst"];
        if standard.is_some() {
            extra.extend(["--pdf-standard", "a-3b"]);
        }
        let mut args = vec!["build", "-q", "."];
        args.extend_from_slice(&extra);
        ok(&bienban(&args, dir.path()));
        let source = std::fs::read_to_string(dir.path().join(format!("{SEED}.typ"))).unwrap();
        let errors = compile::syntax_errors(&source);
        assert!(errors.is_empty(), "{errors:?}");

        // No file access at all, only the bundled fonts: the source needs nothing else.
        let world = bienban::typeset::world::MinutesWorld::new(
            source,
            None,
            FontSet::bundled(),
            chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        );
        let document = compile::typeset(&world).unwrap();
        let standards: Vec<Standard> = standard.into_iter().collect();
        let from_typ =
            compile::export_pdf_as(&document, &format!("{SEED}.md"), &standards).unwrap();

        let mut pdf_args = vec!["build", "-q", "."];
        if standard.is_some() {
            pdf_args.extend(["--pdf-standard", "a-3b"]);
        }
        ok(&bienban(&pdf_args, dir.path()));
        let built = std::fs::read(dir.path().join(format!("{SEED}.pdf"))).unwrap();
        assert!(
            from_typ == built,
            "{standard:?}: the .typ compiles to other bytes"
        );
    }
}

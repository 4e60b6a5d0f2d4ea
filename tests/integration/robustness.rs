//! Hostile and broken input: every broken file gives a clear, located error or a correct PDF (never a panic),
//! the Typst World never serves a file outside the minutes folder, and writes never destroy a good PDF.
//! Files run through the same code as `bienban build` ([`BuildContext::build_file`]); the write tests run the binary.

use crate::common;

use std::path::{Path, PathBuf};

use bienban::build::{BuildContext, FileResult, Job, Options};
use bienban::press::fonts::FontSet;
use bienban::typeset::compile::OutputFormat;
use bienban::typeset::world::MinutesWorld;
use chrono::NaiveDate;
use common::*;

/// A small valid front matter, without the closing fence.
const FRONT: &str = "---
layout: party
status: approved
organization: { parent: Đảng bộ xã An Bình, name: Chi bộ Thôn Một }
place: An Bình
date: 2024-03-05
start: \"08:00\"
end: \"10:00\"
venue: Nhà văn hóa thôn
meeting: { kind: regular, title: tháng 3 năm 2024 }
chair: { name: Lê Văn Hùng, role: Bí thư Chi bộ }
secretary: { name: Trần Thị Lan, role: Chi ủy viên }
members: { total: 12, present: 12 }
approval: { agreed: 12 }
";

fn valid(body: &str) -> String {
    format!("{FRONT}---\n{body}")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

/// Runs the build of one file holding `bytes` in a fresh folder, as `bienban build` does.
fn build_bytes(
    bytes: &[u8],
    format: OutputFormat,
) -> (FileResult, Option<Vec<u8>>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bien-ban.md");
    std::fs::write(&input, bytes).unwrap();
    let ext = if format == OutputFormat::Pdf {
        "pdf"
    } else {
        "typ"
    };
    let job = Job {
        input: input.clone(),
        output: input.with_extension(ext),
    };
    let options = Options {
        out_dir: None,
        templates: None,
        fonts: FontSet::bundled(),
        format,
        today: today(),
        check_only: false,
        ..Options::default()
    };
    let result = BuildContext::new(options).build_file(&job);
    render_all(&result);
    let out = std::fs::read(&job.output).ok();
    (result, out, dir)
}

/// Every diagnostic must print, in every format and language, without a panic (spans must fall on character
/// boundaries of the text the file was decoded to).
fn render_all(result: &FileResult) {
    use bienban::diag::{DiagnosticFormat, Lang, Style};
    let Some(file) = &result.file else { return };
    for d in &result.diagnostics {
        for format in [
            DiagnosticFormat::Human,
            DiagnosticFormat::Short,
            DiagnosticFormat::Json,
        ] {
            for lang in [Lang::Vi, Lang::En] {
                let text = bienban::diag::render(
                    d,
                    file,
                    Style {
                        format,
                        lang,
                        color: false,
                    },
                );
                assert!(text.contains(d.code.as_str()));
            }
        }
    }
}

/// The error codes of a result (failures without a code show as `failure`).
fn errors(result: &FileResult) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = result
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.as_str())
        .collect();
    codes.extend(result.failures.iter().map(|_| "failure"));
    codes
}

/// Builds `bytes` and asserts a PDF came out; returns the PDF.
fn pdf_of(bytes: &[u8]) -> Vec<u8> {
    let (result, out, _dir) = build_bytes(bytes, OutputFormat::Pdf);
    assert!(
        !result.failed(),
        "{:?} {:?}",
        result.diagnostics,
        result.failures
    );
    let pdf = out.expect("a PDF");
    assert!(pdf.starts_with(b"%PDF-") && pdf.trim_ascii_end().ends_with(b"%%EOF"));
    pdf
}

/// The Typst source generated for `bytes` (which must be valid).
fn typst_of(bytes: &[u8]) -> String {
    let (result, out, _dir) = build_bytes(bytes, OutputFormat::Typst);
    assert!(
        !result.failed(),
        "{:?} {:?}",
        result.diagnostics,
        result.failures
    );
    String::from_utf8(out.expect("a .typ file")).unwrap()
}

/// Builds `bytes`, asserting it fails with `code` among its errors and writes nothing.
fn fails_with(bytes: &[u8], code: &'static str) -> FileResult {
    let (result, out, _dir) = build_bytes(bytes, OutputFormat::Pdf);
    assert!(
        errors(&result).contains(&code),
        "expected {code}, got {:?} {:?}",
        result.diagnostics,
        result.failures
    );
    assert!(out.is_none(), "a failed build wrote a PDF");
    result
}

#[test]
fn the_base_file_builds() {
    pdf_of(valid("Nội dung.\n").as_bytes());
}

#[test]
fn an_empty_file_has_no_front_matter() {
    let result = fails_with(b"", "E0001");
    assert_eq!(result.diagnostics.len(), 1);
}

#[test]
fn a_file_without_front_matter_is_e0001_on_line_one() {
    let result = fails_with("# Biên bản\n\nNội dung.\n".as_bytes(), "E0001");
    assert_eq!(result.diagnostics[0].span, Some(0.."# Biên bản".len()));
}

#[test]
fn an_unterminated_front_matter_is_e0002() {
    fails_with(FRONT.as_bytes(), "E0002");
    fails_with(format!("{FRONT}\nNội dung.\n").as_bytes(), "E0002");
}

#[test]
fn front_matter_only_builds_a_pdf() {
    let pdf = pdf_of(format!("{FRONT}---\n").as_bytes());
    assert!(!pdf.is_empty());
    pdf_of(format!("{FRONT}---").as_bytes());
}

#[test]
fn invalid_utf8_is_e0004_at_the_bad_byte() {
    let mut bytes = valid("Nội dung ").into_bytes();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xC3\x28 TCVN3 \xFF\n");
    let result = fails_with(&bytes, "E0004");
    assert_eq!(result.diagnostics.len(), 1, "one error, not a cascade");
    assert_eq!(result.diagnostics[0].span, Some(at..at + 3));
}

#[test]
fn utf16_with_a_bom_reads_like_utf8() {
    let text = valid("Nội dung có dấu: Đảng, ư, ơ. 😀\n");
    let expected = typst_of(text.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    assert_eq!(typst_of(&le), expected);
    assert_eq!(typst_of(&be), expected);
    pdf_of(&le);
}

#[test]
fn broken_utf16_is_an_error_not_a_panic() {
    // An odd byte count and an unpaired surrogate.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "---\nx".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes.extend_from_slice(&[0x00, 0xD8, 0x41]);
    let (result, out, _dir) = build_bytes(&bytes, OutputFormat::Pdf);
    assert!(result.failed());
    assert!(out.is_none());
    assert!(
        errors(&result).contains(&"E0004"),
        "{:?}",
        result.diagnostics
    );
}

#[test]
fn utf16_without_a_bom_is_e0004() {
    let mut bytes = vec![];
    for unit in valid("x\n").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    // Vietnamese letters give bytes that are not UTF-8; plain ASCII gives NUL bytes: E0004 either way.
    fails_with(&bytes, "E0004");
    let ascii: Vec<u8> = "---\nplace: x\n---\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let result = fails_with(&ascii, "E0004");
    assert_eq!(result.diagnostics[0].span, Some(1..2));
}

#[test]
fn crlf_gives_the_same_document_as_lf() {
    let text = valid("Đoạn một,\ndòng hai.\n\n- mục một\n- mục hai\n");
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(typst_of(crlf.as_bytes()), typst_of(text.as_bytes()));
    pdf_of(crlf.as_bytes());
}

#[test]
fn a_utf8_bom_is_ignored() {
    let text = valid("Nội dung.\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    assert_eq!(typst_of(&bytes), typst_of(text.as_bytes()));
}

#[test]
fn tabs_in_yaml_are_a_located_e0003_with_a_hint() {
    let text = valid("x\n").replace(
        "members: { total: 12, present: 12 }",
        "members:\n\ttotal: 12\n\tpresent: 12",
    );
    let result = fails_with(text.as_bytes(), "E0003");
    let diag = result
        .diagnostics
        .iter()
        .find(|d| d.code == "E0003")
        .unwrap();
    assert!(diag.span.is_some());
    assert!(
        diag.hints.iter().any(|h| h.en.contains("tab")),
        "{:?}",
        diag.hints
    );
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    // "Billion laughs": nine levels of nine aliases would expand to 9^9 strings.
    let mut yaml = String::from("a0: &a0 [\"lol\"]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let text = format!("---\n{yaml}---\nx\n");
    let (result, out, _dir) = build_bytes(text.as_bytes(), OutputFormat::Pdf);
    assert!(result.failed());
    assert!(out.is_none());
    // Refused by the expansion budget (E0007) before serde builds anything; it used to be serde_yaml's own
    // repetition limit, reported as a YAML syntax error (E0003).
    assert!(
        errors(&result).contains(&"E0007"),
        "{:?}",
        result.diagnostics
    );

    // The same bomb hidden inside a known key.
    let text = valid("x\n").replace(
        "venue: Nhà văn hóa thôn",
        &format!("x-bomb: 1\n{}venue: *a9", yaml),
    );
    let (result, out, _dir) = build_bytes(text.as_bytes(), OutputFormat::Pdf);
    assert!(result.failed());
    assert!(out.is_none());
}

#[test]
fn duplicate_keys_are_e0005() {
    let text = valid("x\n").replace("place: An Bình", "place: An Bình\nplace: Bình An");
    let result = fails_with(text.as_bytes(), "E0005");
    let diag = result
        .diagnostics
        .iter()
        .find(|d| d.code == "E0005")
        .unwrap();
    assert!(diag.message.en.contains("written twice"), "{diag:?}");
    let file = result.file.as_ref().unwrap();
    let at = diag.span.clone().unwrap().start;
    assert!(
        file.text[at..].starts_with("place: Bình An"),
        "points at the repeated key"
    );
}

#[test]
fn a_10_mb_body_is_a_clear_error() {
    let paragraph =
        "Đồng chí Bí thư trình bày báo cáo tình hình chi bộ trong quý. ".repeat(20) + "\n\n";
    let body = paragraph.repeat(10 * 1024 * 1024 / paragraph.len() + 1);
    let result = fails_with(valid(&body).as_bytes(), "E0006");
    assert_eq!(result.diagnostics.len(), 1);
}

#[test]
fn ten_thousand_absentees_build() {
    let mut absent = String::new();
    for i in 0..10_000 {
        absent.push_str(&format!("    - {{ name: Đảng viên số {i}, reason: ốm }}\n"));
    }
    let text = valid("Nội dung.\n").replace(
        "members: { total: 12, present: 12 }",
        &format!("members:\n  total: 10012\n  present: 12\n  absent:\n{absent}"),
    );
    let source = typst_of(text.as_bytes());
    assert!(source.contains("Đảng viên số 9999"));
    pdf_of(text.as_bytes());
}

#[test]
fn lists_and_quotes_nested_1000_deep_build() {
    let mut lists = String::new();
    for depth in 0..1000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- mục\n");
    }
    let quotes = format!("{}trích dẫn sâu\n", "> ".repeat(1000));
    let mixed = format!("{}x\n", "> - ".repeat(500));
    for body in [lists, quotes, mixed] {
        let source = typst_of(valid(&body).as_bytes());
        assert!(bienban::typeset::compile::syntax_errors(&source).is_empty());
        pdf_of(valid(&body).as_bytes());
    }
}

#[test]
fn raw_html_is_dropped_with_a_warning_never_interpreted() {
    let body = "Trước <script>alert(1)</script> sau.\n\n<div>\n#read(\"/etc/passwd\")\n</div>\n\n<b>đậm</b>\n";
    let (result, out, _dir) = build_bytes(valid(body).as_bytes(), OutputFormat::Typst);
    assert!(!result.failed(), "{:?}", result.diagnostics);
    let warnings = result
        .diagnostics
        .iter()
        .filter(|d| d.code == "W0105")
        .count();
    assert!(warnings >= 3, "{:?}", result.diagnostics);
    let source = String::from_utf8(out.unwrap()).unwrap();
    assert!(!source.contains("<script>") && !source.contains("#read(\"/etc"));
    assert!(source.contains("Trước") && source.contains("#\"sau.\";"));
}

#[test]
fn images_outside_the_folder_are_located_errors() {
    for url in [
        "/etc/passwd",
        "../secret.png",
        "a/../../secret.png",
        "https://example.vn/a.png",
        "file:///etc/passwd",
        "C:\\x.png",
    ] {
        let body = format!("Ảnh: ![x]({url})\n");
        let text = valid(&body);
        let result = fails_with(text.as_bytes(), "E0301");
        let span = result.diagnostics[0].span.clone().unwrap();
        assert!(text[span].contains(url), "{url}");
    }
}

#[test]
fn an_image_inside_the_folder_builds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    std::fs::write(dir.path().join("images/a.svg"), SVG).unwrap();
    let input = dir.path().join("bb.md");
    std::fs::write(&input, valid("![sơ đồ](images/a.svg)\n")).unwrap();
    let out = bienban(&["build", "bb.md"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("bb.pdf").exists());
}

const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#;

/// Compiles `source` in a world rooted at `root` and returns the errors.
fn compile_errors(source: &str, root: &Path) -> Vec<String> {
    let world = MinutesWorld::new(source.to_string(), Some(root), FontSet::bundled(), today());
    match bienban::typeset::compile::typeset(&world) {
        Ok(_) => vec![],
        Err(problems) => problems.iter().map(|p| p.describe()).collect(),
    }
}

#[test]
fn the_world_serves_only_files_inside_the_root() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("minutes");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(outer.path().join("secret.txt"), "bí mật").unwrap();
    std::fs::write(root.join("sub/ok.txt"), "được").unwrap();

    // Inside: readable, however it is spelled.
    for path in ["sub/ok.txt", "/sub/ok.txt", "sub/../sub/ok.txt"] {
        let errors = compile_errors(&format!("#read(\"{path}\")"), &root);
        assert!(errors.is_empty(), "{path}: {errors:?}");
    }
    // Outside: `..` past the root, an absolute host path (it is taken inside the root, where it does not exist).
    let secret = outer.path().join("secret.txt");
    for path in [
        "../secret.txt",
        "sub/../../secret.txt",
        secret.to_str().unwrap(),
        "/etc/passwd",
    ] {
        let errors = compile_errors(&format!("#read(\"{path}\")"), &root);
        assert!(!errors.is_empty(), "{path} was readable");
    }
    // A symbolic link inside the root that points outside.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(outer.path(), root.join("up")).unwrap();
        for path in ["link.txt", "up/secret.txt"] {
            let errors = compile_errors(&format!("#read(\"{path}\")"), &root);
            assert!(!errors.is_empty(), "{path} was readable through a symlink");
        }
    }
    // No root: no file at all; packages never.
    let world = MinutesWorld::new(
        "#read(\"sub/ok.txt\")".into(),
        None,
        FontSet::bundled(),
        today(),
    );
    assert!(bienban::typeset::compile::typeset(&world).is_err());
    let errors = compile_errors("#import \"@preview/example:0.1.0\": *", &root);
    assert!(!errors.is_empty());
}

#[test]
fn templates_cannot_reach_outside_the_folder() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("minutes");
    std::fs::create_dir_all(root.join("templates/party")).unwrap();
    std::fs::write(outer.path().join("secret.txt"), "bí mật").unwrap();
    std::fs::write(
        root.join("templates/party/bien-ban.typ.tera"),
        "#read(\"../secret.txt\")\n",
    )
    .unwrap();
    std::fs::write(root.join("bb.md"), valid("x\n")).unwrap();
    let out = bienban(&["build", "bb.md"], &root);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!root.join("bb.pdf").exists());
}

// --- Writes ----------------------------------------------------------------------------------------------

/// A folder with `bb.md` (valid) and a good `bb.pdf` built from it.
fn built_folder() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bb.md"), valid("Nội dung tốt.\n")).unwrap();
    let out = bienban(&["build", "bb.md"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("bb.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    (dir, pdf, bytes)
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_existing_pdf_untouched() {
    let (dir, pdf, good) = built_folder();
    // An error in the file.
    std::fs::write(
        dir.path().join("bb.md"),
        valid("x\n").replace("date: 2024-03-05", "date: 2024-02-30"),
    )
    .unwrap();
    let out = bienban(&["build", "bb.md"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    // A failure while typesetting (the image is inside the folder but missing).
    std::fs::write(dir.path().join("bb.md"), valid("![x](missing.png)\n")).unwrap();
    let out = bienban(&["build", "bb.md"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn an_output_path_equal_to_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = valid("x\n");
    std::fs::write(dir.path().join("bb.typ"), &text).unwrap();
    let out = bienban(
        &["build", "bb.typ", "--format", "typst", "--lang", "en"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("refused"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bb.typ")).unwrap(),
        text
    );
    // The same file reached through a symbolic link to its folder.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path(), dir.path().join("alias")).unwrap();
        let out = bienban(
            &["build", "bb.typ", "--format", "typst", "--out-dir", "alias"],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("bb.typ")).unwrap(),
            text
        );
    }
}

#[test]
fn an_unwritable_output_folder_is_a_clear_error() {
    let (dir, _pdf, _good) = built_folder();
    // A file where the output folder should be: no user, not even root, can create a folder there.
    std::fs::write(dir.path().join("blocked"), "a file").unwrap();
    let out = bienban(
        &["build", "bb.md", "--out-dir", "blocked/pdf", "--lang", "en"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("failed to write") && stderr.contains("blocked"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Read-only folders stop ordinary users (root ignores the mode, so only check when it bites).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let out = bienban(&["build", "bb.md", "--out-dir", "ro"], dir.path());
        if !ro.join("bb.pdf").exists() {
            assert_eq!(out.status.code(), Some(1));
            assert!(String::from_utf8_lossy(&out.stderr).contains("failed to write"));
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// The fuzz target's checks (fuzz/fuzz_targets/minutes_to_typst.rs) on one input: no panic, every diagnostic
/// prints, and every generated Typst source parses.
fn fuzz_check(bytes: &[u8], name: &str) {
    use bienban::diag::{DiagnosticFormat, Lang, Style};
    let (text, decode_error) = bienban::input::read::decode(bytes);
    let converted = bienban::render::markup::to_typst(&text, 0);
    let errors = bienban::typeset::compile::syntax_errors(&converted.typst);
    assert!(errors.is_empty(), "{name}: {errors:?}\n{text:?}");
    let file = bienban::diag::source::SourceFile::new(name, text);
    let context = crate::common::context(today());
    let (result, checked) = context.check_source(file.clone());
    for diag in decode_error.iter().chain(&result.diagnostics) {
        for format in [
            DiagnosticFormat::Human,
            DiagnosticFormat::Short,
            DiagnosticFormat::Json,
        ] {
            let style = Style {
                format,
                lang: Lang::En,
                color: false,
            };
            assert!(bienban::diag::render(diag, &file, style).contains(diag.code.as_str()));
        }
    }
    if let Some(checked) = checked {
        let source = crate::common::typst_source(&context, &checked);
        let errors = bienban::typeset::compile::syntax_errors(&source);
        assert!(errors.is_empty(), "{name}: {errors:?}\n{:?}", file.text);
    }
}

/// The regression inputs of tests/fixtures/robustness/fuzz/ (inputs the fuzzer found, and hand-made ones in the
/// same spirit).
#[test]
fn fuzz_regressions() {
    let dir = root().join("tests/fixtures/robustness/fuzz");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        fuzz_check(&std::fs::read(&path).unwrap(), &path.to_string_lossy());
    }
}

/// A deterministic mutation fuzzer on the stable toolchain: the examples and the regression inputs, with bytes
/// flipped, inserted (from a list of YAML, Markdown and Typst triggers), deleted and spliced, through the fuzz
/// target's checks. `BIENBAN_MUTATIONS` sets the count (300 by default, so that it stays fast in CI) and
/// `BIENBAN_MUTATION_SEED` the seed.
#[test]
fn mutation_smoke() {
    let count: u64 = std::env::var("BIENBAN_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let mut seeds: Vec<Vec<u8>> = vec![];
    for dir in ["minutes", "tests/fixtures/robustness/fuzz"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                seeds.push(std::fs::read(path).unwrap());
            }
        }
    }
    let tokens: &[&[u8]] = &[
        b"---\n",
        b"\n",
        b"\r\n",
        b"\t",
        b": ",
        b"- ",
        b"> ",
        b"# ",
        b"*",
        b"_",
        b"`",
        b"```",
        b"[",
        b"]",
        b"(",
        b")",
        b"![a](b.png)",
        b"<b>",
        b"&amp;",
        b"|",
        b"|-|",
        b"#",
        b"$",
        b"\\",
        b"\"",
        b"'",
        b"&a",
        b"*a",
        b"{",
        b"}",
        b"\xFF",
        b"\xEF\xBB\xBF",
        b"\xC3",
        "Đ".as_bytes(),
        "ễ".as_bytes(),
        "e\u{301}".as_bytes(),
        "😀".as_bytes(),
        b"\0",
        b"1. ",
        b"    ",
        b"~~",
        b"[x] ",
        b"@r",
        b"//",
        b"/*",
    ];
    let mut state: u64 = std::env::var("BIENBAN_MUTATION_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15)
        | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..count {
        let mut bytes = seeds[(next() % seeds.len() as u64) as usize].clone();
        for _ in 0..1 + next() % 8 {
            let at = (next() % (bytes.len() as u64 + 1)) as usize;
            match next() % 4 {
                0 if at < bytes.len() => bytes[at] = next() as u8,
                1 => {
                    let token = tokens[(next() % tokens.len() as u64) as usize];
                    bytes.splice(at..at, token.iter().copied());
                }
                2 => {
                    let end = (at + (next() % 16) as usize).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => {
                    let other = &seeds[(next() % seeds.len() as u64) as usize];
                    let from = (next() % (other.len() as u64 + 1)) as usize;
                    let end = (from + (next() % 200) as usize).min(other.len());
                    bytes.splice(at..at, other[from..end].iter().copied());
                }
            }
        }
        fuzz_check(&bytes, &format!("in-memory/mutation-{i}.md"));
    }
}

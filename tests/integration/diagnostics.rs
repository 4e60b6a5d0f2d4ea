//! Snapshot tests of every diagnostic a clerk can trigger: each file in `tests/fixtures/invalid/` is checked with
//! a fixed "today" and its human output (path, line, column, caret, label, hints) is pinned in both languages.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use bienban::diag::source::SourceFile;
use bienban::diag::{self, Code, Diagnostic, DiagnosticFormat, Lang, Style};

/// The fixed "today" of these tests, so that the "date in the future" warning is stable.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 15).expect("a real date")
}

const FIXTURES: &str = "tests/fixtures/invalid";

/// Checks a fixture by its path relative to the crate root (the path printed in the snapshots).
fn check(relative: &Path) -> (SourceFile, Vec<Diagnostic>) {
    let absolute = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let (mut file, mut diags) = bienban::input::read::read(&absolute).expect("read fixture");
    file.path = relative.to_path_buf();
    let (checked, _) = crate::common::check(file.clone(), today());
    diags.extend(checked);
    (file, diags)
}

fn render(file: &SourceFile, diags: &[Diagnostic], lang: Lang, format: DiagnosticFormat) -> String {
    let style = Style {
        format,
        lang,
        color: false,
    };
    diags.iter().map(|d| diag::render(d, file, style)).collect()
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| Path::new(FIXTURES).join(p.file_name().expect("name")))
        .collect();
    names.sort();
    names
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_fixture_matches_its_snapshot_in_both_languages() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 30, "fixtures missing: {fixtures:?}");
    for path in fixtures {
        let (file, diags) = check(&path);
        assert!(!diags.is_empty(), "{} reports nothing", path.display());
        for lang in [Lang::En, Lang::Vi] {
            let name = format!(
                "{}.{}",
                stem(&path),
                if lang == Lang::En { "en" } else { "vi" }
            );
            let text = render(&file, &diags, lang, DiagnosticFormat::Human);
            insta::assert_snapshot!(name, text);
        }
    }
}

#[test]
fn each_fixture_reports_the_code_in_its_name() {
    for path in fixtures() {
        let name = stem(&path);
        let code = name.split('-').next().unwrap_or("");
        if !code.starts_with(['E', 'W']) {
            continue;
        }
        let (_, diags) = check(&path);
        assert!(
            diags.iter().any(|d| d.code == code),
            "{} does not report {code}: {diags:#?}",
            path.display()
        );
        // Apart from the rule it is about, a fixture is a correct file: nothing else may be reported.
        let others: Vec<_> = diags.iter().filter(|d| d.code != code).collect();
        assert!(others.is_empty(), "{}: {others:#?}", path.display());
    }
}

#[test]
fn five_mistakes_are_reported_at_once_each_at_its_own_line() {
    let (file, diags) = check(&Path::new(FIXTURES).join("five-mistakes.md"));
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 5, "{errors:#?}");
    let mut lines: Vec<usize> = errors
        .iter()
        .map(|d| file.line_col(d.span.clone().expect("located").start).0)
        .collect();
    lines.dedup();
    assert_eq!(lines.len(), 5, "{lines:?}");
    let mut codes: Vec<_> = errors.iter().map(|d| d.code).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 5, "{codes:?}");
}

#[test]
fn the_correct_fixture_gets_no_diagnostic() {
    let (_, diags) = check(Path::new("tests/fixtures/valid.md"));
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn codes_do_not_change_with_the_language_and_are_documented() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"))
            .expect("docs/diagnostics.md");
    for path in fixtures() {
        let (file, diags) = check(&path);
        let short_en = render(&file, &diags, Lang::En, DiagnosticFormat::Short);
        let short_vi = render(&file, &diags, Lang::Vi, DiagnosticFormat::Short);
        let codes = |s: &str| -> Vec<String> {
            s.lines()
                .map(|l| l.split('[').nth(1).unwrap_or("").chars().take(5).collect())
                .collect()
        };
        assert_eq!(codes(&short_en), codes(&short_vi));
        for d in &diags {
            assert!(
                docs.contains(&format!("## {}", d.code)),
                "{} is not documented in docs/diagnostics.md",
                d.code
            );
            assert!(!d.hints.is_empty(), "{} has no hint", d.code);
        }
    }
}

#[test]
fn the_examples_in_the_docs_are_the_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = std::fs::read_to_string(root.join("docs/diagnostics.md")).expect("docs");
    let snapshots: Vec<String> = std::fs::read_dir(root.join("tests/integration/snapshots"))
        .expect("snapshots")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("snapshot"))
        .collect();
    let blocks: Vec<&str> = docs
        .split("```text\n")
        .skip(1)
        .map(|rest| rest.split("\n```").next().unwrap_or(""))
        .collect();
    assert!(blocks.len() >= 28, "{} examples", blocks.len());
    for block in blocks {
        assert!(
            snapshots.iter().any(|s| s.contains(block)),
            "docs/diagnostics.md shows output that no snapshot has (regenerate the example):\n{block}"
        );
    }
}

/// The table of codes of docs/diagnostics.md, from its header line to the first line that is not a row.
fn docs_table(docs: &str) -> Option<(usize, usize)> {
    let start = docs.find("| code |")?;
    let mut end = start;
    for line in docs[start..].split_inclusive('\n') {
        if !line.starts_with('|') {
            break;
        }
        end += line.len();
    }
    Some((start, end))
}

#[test]
fn the_docs_list_every_code_of_the_registry_and_no_other() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md");
    let docs = std::fs::read_to_string(&path).expect("docs/diagnostics.md");
    let (start, end) = docs_table(&docs).expect("the table of codes");
    let table = Code::docs_table();
    if docs[start..end] != table {
        // `BIENBAN_BLESS=1` writes the registry's table into the docs (after a code is added).
        if std::env::var_os("BIENBAN_BLESS").is_some() {
            let fixed = format!("{}{table}{}", &docs[..start], &docs[end..]);
            std::fs::write(&path, fixed).expect("write docs/diagnostics.md");
        } else {
            panic!(
                "the table of docs/diagnostics.md is not the registry's (src/diag/code.rs); run with BIENBAN_BLESS=1 to write it:\n{table}"
            );
        }
    }
    for code in Code::ALL {
        assert!(
            docs.contains(&format!("\n## {code}\n")),
            "{code} has no section `## {code}` in docs/diagnostics.md"
        );
    }
    for heading in docs.lines().filter_map(|l| l.strip_prefix("## ")) {
        let looks_like_a_code = heading.len() == 5
            && heading.starts_with(['E', 'W'])
            && heading[1..].bytes().all(|b| b.is_ascii_digit());
        if looks_like_a_code {
            assert!(
                Code::parse(heading).is_some(),
                "docs/diagnostics.md documents {heading}, which the registry does not have"
            );
        }
    }
}

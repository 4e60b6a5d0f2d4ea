//! Each stage on the seed example: prepare (split, parse, validate, Markdown), template render (the source must
//! parse without a single Typst error), and compile (pages and text measured on the typst document).

use crate::press::fonts::FontSet;
use crate::render::template::Templates;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

#[test]
fn stages_run_one_after_another() {
    let (file, read_diags) = crate::input::read::read(&super::seed_example()).unwrap();
    assert!(read_diags.is_empty());
    let prepared = super::prepare(&file, FontSet::bundled(), today());
    assert!(
        prepared.diagnostics.is_empty(),
        "{:#?}",
        prepared.diagnostics
    );
    let minutes = prepared.minutes.unwrap();
    let view = prepared.view.unwrap();
    assert_eq!(view.number, "#\"Số 05-BB/CB\";");
    assert_eq!(view.members.attendance, "87,8%");
    assert_eq!(view.remedies.len(), 6);

    let source = Templates::builtin()
        .unwrap()
        .render(minutes.layout, &view)
        .unwrap();
    let errors = crate::typeset::compile::syntax_errors(&source);
    assert!(errors.is_empty(), "{errors:?}");

    let world =
        crate::typeset::world::MinutesWorld::new(source, None, FontSet::bundled(), minutes.date);
    let document = crate::typeset::compile::typeset(&world).unwrap();
    assert!(document.pages().len() >= 2);
    let text = crate::typeset::text::document(&document);
    assert!(text.contains("Võ Khắc Thái"), "{text}");
    let pdf = crate::typeset::compile::export_pdf(&document, "seed").unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn a_templates_folder_overrides_a_builtin_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("party")).unwrap();
    let builtin = crate::render::template::BUILTIN
        .iter()
        .find(|(n, _)| *n == "party/layout.typ.tera")
        .unwrap()
        .1;
    std::fs::write(
        dir.path().join("party/layout.typ.tera"),
        builtin.replace("body-size: 14pt", "body-size: 13pt"),
    )
    .unwrap();
    let (file, _) = crate::input::read::read(&super::seed_example()).unwrap();
    let prepared = super::prepare(&file, FontSet::bundled(), today());
    let minutes = prepared.minutes.unwrap();
    let view = prepared.view.unwrap();
    let overridden = Templates::load(Some(dir.path()))
        .unwrap()
        .render(minutes.layout, &view)
        .unwrap();
    assert!(overridden.contains("body-size: 13pt"));
    let builtin_source = Templates::builtin()
        .unwrap()
        .render(minutes.layout, &view)
        .unwrap();
    assert!(builtin_source.contains("body-size: 14pt"));
    // A broken override is a clear error, not a panic.
    std::fs::write(dir.path().join("party/layout.typ.tera"), "{% if %}").unwrap();
    assert!(Templates::load(Some(dir.path())).is_err());
}

#[test]
fn typst_today_is_the_meeting_date() {
    let date = NaiveDate::from_ymd_opt(2023, 8, 30).unwrap();
    let source = "#set page(width: 50mm, height: auto)\n#datetime.today().display()".to_string();
    let world = crate::typeset::world::MinutesWorld::new(source, None, FontSet::bundled(), date);
    let document = crate::typeset::compile::typeset(&world).unwrap();
    assert_eq!(crate::typeset::text::document(&document), "2023-08-30");
    let pdf = crate::typeset::compile::export_pdf(&document, "today").unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // Two exports of the same document are byte-identical (no wall clock in the output).
    assert_eq!(
        pdf,
        crate::typeset::compile::export_pdf(&document, "today").unwrap()
    );
}

//! Each stage on the seed example: prepare (split, parse, validate, Markdown), template render (the source must
//! parse without a single Typst error), and compile (pages and text measured on the typst document).

mod common;

use bienban::fonts::FontSet;
use bienban::pipeline;
use bienban::template::Templates;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

#[test]
fn stages_run_one_after_another() {
    let (file, read_diags) = pipeline::read(&common::seed_example()).unwrap();
    assert!(read_diags.is_empty());
    let prepared = pipeline::prepare(&file, FontSet::bundled(), today());
    assert!(
        prepared.diagnostics.is_empty(),
        "{:#?}",
        prepared.diagnostics
    );
    let minutes = prepared.minutes.unwrap();
    let view = prepared.view.unwrap();
    assert_eq!(view.number, "Số 05\\-BB\\/CB");
    assert_eq!(view.members.attendance, "87,8%");
    assert_eq!(view.remedies.len(), 6);

    let source = pipeline::typst_source(&view, &minutes, &Templates::builtin().unwrap()).unwrap();
    let errors = bienban::compile::syntax_errors(&source);
    assert!(errors.is_empty(), "{errors:?}");

    let world = bienban::world::MinutesWorld::new(source, None, FontSet::bundled(), minutes.date);
    let document = bienban::compile::typeset(&world).unwrap();
    assert!(document.pages().len() >= 2);
    let pdf = bienban::compile::export_pdf(&document, "seed").unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

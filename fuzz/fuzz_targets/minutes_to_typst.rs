//! Fuzz target: arbitrary bytes as a minutes file (front matter + Markdown) → Typst source. Asserts that
//! nothing panics (diagnostics are rendered too) and that every generated source (the Markdown converter's output and, when the file is valid,
//! the whole rendered template) parses without a single Typst syntax error.
#![no_main]

use std::sync::LazyLock;

use bienban::build::{BuildContext, Job, Options};
use bienban::diag::source::SourceFile;
use bienban::diag::{DiagnosticFormat, Lang, Style};
use bienban::render::markup;
use bienban::typeset::compile;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

/// The build path every command takes, with a fixed "today"; the templates it parses are kept.
static CONTEXT: LazyLock<BuildContext> = LazyLock::new(|| {
    BuildContext::new(Options {
        today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        ..Options::default()
    })
});

fuzz_target!(|data: &[u8]| {
    let (text, decode_error) = bienban::input::read::decode(data);
    // The Markdown converter on its own, with the whole input as a body.
    let converted = markup::to_typst(&text, 0);
    let errors = compile::syntax_errors(&converted.typst);
    assert!(
        errors.is_empty(),
        "markdown {text:?} → {:?}: {errors:?}",
        converted.typst
    );

    // The whole pipeline up to the Typst source, as every command takes it.
    let file = SourceFile::new("in-memory/fuzz.md", text);
    let (result, checked) = CONTEXT.check_source(file.clone());
    // Every diagnostic must print (its span on the file's character boundaries).
    for diag in decode_error.iter().chain(&result.diagnostics) {
        for format in [
            DiagnosticFormat::Human,
            DiagnosticFormat::Short,
            DiagnosticFormat::Json,
        ] {
            let style = Style {
                format,
                lang: Lang::Vi,
                color: false,
            };
            assert!(!bienban::diag::render(diag, &file, style).is_empty());
        }
    }
    if let Some(checked) = checked {
        let job = Job {
            input: file.path.clone(),
            output: file.path.with_extension("pdf"),
        };
        let source = CONTEXT.typst_source(&job, &checked).expect("template renders");
        let errors = compile::syntax_errors(&source);
        assert!(errors.is_empty(), "file {:?} → {errors:?}", file.text);
    }
});

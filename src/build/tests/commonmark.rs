//! Every example of the CommonMark specification and of the GFM table, strikethrough and task-list sections goes
//! through the Markdown converter as a minutes body. Each must: not panic; pass the full check with no error but
//! E0301 (an image outside the folder, refused by design); give a Typst source without a syntax error; compile;
//! and print its words — the text and code a CommonMark reader shows, outside raw HTML and image alt text — in
//! order in the document's text.
//!
//! The corpus is read from `../shared/data/commonmark` (or `$BIENBAN_COMMONMARK`) and never copied into the
//! repository; without it the test prints a notice and passes.
//!
//! Speed: the check and the template run once per example; typesetting runs once per batch of [`BATCH`]
//! examples, each example's markup in its own block of one minutes body (a batch that fails is typeset again
//! example by example, to name the culprit). Images an example names inside the folder are created (a 1-pixel
//! PNG or JPEG), so that those examples compile as well.

use std::path::{Path, PathBuf};

use crate::diag::source::SourceFile;
use crate::press::fonts::FontSet;
use crate::render::markup;
use crate::render::template::Templates;
use crate::typeset::compile;
use crate::typeset::world::MinutesWorld;
use chrono::NaiveDate;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

/// Examples typeset together.
const BATCH: usize = 24;

/// A valid front matter around a body.
fn minutes(body: &str) -> String {
    format!(
        "---
layout: party
status: approved
organization: {{ parent: Đảng bộ xã An Bình, name: Chi bộ Thôn Một }}
place: An Bình
date: 2024-03-05
start: \"08:00\"
end: \"10:00\"
venue: Nhà văn hóa thôn
meeting: {{ kind: regular, title: tháng 3 năm 2024 }}
chair: {{ name: Lê Văn Hùng, role: Bí thư Chi bộ }}
secretary: {{ name: Trần Thị Lan, role: Chi ủy viên }}
members: {{ total: 12, present: 12 }}
---
{body}"
    )
}

fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("BIENBAN_COMMONMARK").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/commonmark")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|d| d.join("spec.txt").is_file())
}

/// One example: where it comes from and its Markdown.
struct Example {
    name: String,
    markdown: String,
}

/// The examples of one spec file: between a fence of 32 backticks + ` example` and a fence of 32 backticks, the
/// Markdown runs up to a line holding `.`; `→` stands for a tab.
fn examples(path: &Path) -> Vec<Example> {
    let fence = "`".repeat(32);
    let opening = format!("{fence} example");
    let text = std::fs::read_to_string(path).unwrap();
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut out = vec![];
    let mut current: Option<(usize, String, bool)> = None;
    for (i, line) in text.lines().enumerate() {
        match &mut current {
            None if line == opening => current = Some((i + 1, String::new(), true)),
            None => {}
            Some((start, md, in_markdown)) => {
                if line == fence {
                    out.push(Example {
                        name: format!("{file}:{start}"),
                        markdown: md.replace('→', "\t"),
                    });
                    current = None;
                } else if *in_markdown && line == "." {
                    *in_markdown = false;
                } else if *in_markdown {
                    md.push_str(line);
                    md.push('\n');
                }
            }
        }
    }
    out
}

/// NFC, no whitespace, no control characters.
fn normalise(text: &str) -> String {
    text.nfc()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

/// The words a reader sees, in order: text and code, outside raw HTML and image alt text.
fn words(markdown: &str) -> Vec<String> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut in_image = 0;
    let mut out = vec![];
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Text(t) | Event::Code(t) if in_image == 0 => out.extend(
                t.split_whitespace()
                    .map(normalise)
                    .filter(|w| !w.is_empty()),
            ),
            _ => {}
        }
    }
    out
}

/// Whether every word occurs in `haystack` from byte `from` on, each after the previous one: where the last one
/// ends, or the first missing word.
fn in_order(haystack: &str, mut from: usize, words: &[String]) -> Result<usize, String> {
    for word in words {
        match haystack[from..].find(word.as_str()) {
            Some(at) => from += at + word.len(),
            None => return Err(word.clone()),
        }
    }
    Ok(from)
}

/// The paths of the images in converted markup (`#image("…", …)`).
fn image_paths(typst: &str) -> Vec<String> {
    typst
        .match_indices("#image(\"")
        .filter_map(|(at, m)| {
            let rest = &typst[at + m.len()..];
            let mut path = String::new();
            let mut chars = rest.chars();
            while let Some(c) = chars.next() {
                match c {
                    '"' => return Some(path),
                    '\\' => path.push(chars.next()?),
                    c => path.push(c),
                }
            }
            None
        })
        .collect()
}

struct Checked {
    name: String,
    typst: String,
    words: Vec<String>,
}

fn typeset(source: String, root: &Path) -> Result<String, Vec<String>> {
    let today = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    let world = MinutesWorld::new(source, Some(root), FontSet::bundled(), today);
    compile::typeset(&world)
        .map(|doc| normalise(&crate::typeset::text::document(&doc)))
        .map_err(|problems| {
            problems
                .iter()
                .map(compile::TypstProblem::describe)
                .collect()
        })
}

#[test]
fn every_commonmark_and_gfm_example_prints() {
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "notice: the CommonMark corpus (../shared/data/commonmark or $BIENBAN_COMMONMARK) is absent; skipping"
        );
        return;
    };
    let mut all = vec![];
    for name in [
        "spec.txt",
        "gfm_table.txt",
        "gfm_strikethrough.txt",
        "gfm_tasklist.txt",
    ] {
        all.extend(examples(&dir.join(name)));
    }
    assert!(all.len() >= 666, "only {} examples found", all.len());

    let fonts = FontSet::bundled();
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let templates = Templates::builtin().unwrap();
    let root = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/robustness");
    let placeholder = minutes("BODY\n");
    let placeholder = SourceFile::new("placeholder.md", placeholder);
    let base = super::prepare(&placeholder, fonts, today);
    let base_minutes = base.minutes.unwrap();
    // The real template around any body.
    let source_for = |body: &str| {
        let mut view = super::prepare(&placeholder, fonts, today).view.unwrap();
        view.body = crate::render::escape::Markup::from_converter(body.to_string());
        templates.render(base_minutes.layout, &view).unwrap()
    };

    let mut checked = vec![];
    let mut refused_images = 0;
    for example in &all {
        // The converter's output (images outside the folder print their alt text) in the real template.
        let converted = markup::to_typst(&example.markdown, 0);
        // The images it shows exist (check opens each one), as one-pixel files beside the example.
        for path in image_paths(&converted.typst) {
            let target = root.path().join(&path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            let pixel = if path.ends_with(".jpg") || path.ends_with(".jpeg") {
                "pixel.jpg"
            } else {
                "pixel.png"
            };
            std::fs::copy(fixtures.join(pixel), &target).unwrap();
        }
        // The full check, as `bienban build` runs it, with the example as the body.
        let file = SourceFile::new(
            root.path().join(format!("{}.md", example.name)),
            minutes(&example.markdown),
        );
        let prepared = super::prepare(&file, fonts, today);
        let errors: Vec<_> = prepared
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(
            errors.iter().all(|d| d.code == "E0301"),
            "{}: {:?}\n{}",
            example.name,
            errors,
            example.markdown
        );
        if !errors.is_empty() {
            refused_images += 1;
        }
        let source = match prepared.view {
            Some(view) => templates.render(base_minutes.layout, &view).unwrap(),
            None => source_for(&converted.typst),
        };
        let syntax = compile::syntax_errors(&source);
        assert!(
            syntax.is_empty(),
            "{}: {syntax:?}\n{}",
            example.name,
            converted.typst
        );
        checked.push(Checked {
            name: example.name.clone(),
            typst: converted.typst,
            words: words(&example.markdown),
        });
    }

    let body_of = |batch: &[Checked]| {
        batch
            .iter()
            .map(|c| format!("#block[\n{}\n]\n\n", c.typst))
            .collect::<String>()
    };
    let mut failures = vec![];
    for batch in checked.chunks(BATCH) {
        let text = match typeset(source_for(&body_of(batch)), root.path()) {
            // The templates print straight double quotes curly (issue 13): read them back as straight.
            Ok(text) => text.replace(['“', '”'], "\""),
            Err(_) => {
                for one in batch {
                    if let Err(errors) =
                        typeset(source_for(&body_of(std::slice::from_ref(one))), root.path())
                    {
                        failures.push(format!(
                            "{} does not compile: {errors:?}\n{}",
                            one.name, one.typst
                        ));
                    }
                }
                continue;
            }
        };
        // Each example's words in order, searched from where the previous example's words ended.
        let mut from = 0;
        for one in batch {
            match in_order(&text, from, &one.words) {
                Ok(end) => from = end,
                Err(word) => failures.push(format!(
                    "{}: the word {word:?} is missing\n{}",
                    one.name, one.typst
                )),
            }
        }
    }
    eprintln!(
        "{} examples: all converted and compiled; {refused_images} refused an image outside the folder (E0301)",
        checked.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

//! Property test: random strings — Typst and Markdown triggers, quotes, backslashes, newlines, tabs, emoji,
//! right-to-left (Hebrew) and Vietnamese text — go into every text slot of a minutes file, the plain front-matter
//! strings and the Markdown ones (body, remarks, conclusion, remedies) alike. For every case the file must
//! validate, the generated Typst source must parse without a single syntax error, and (for a share of the
//! cases, see [`COMPILE_EVERY`]) it must compile, with every slot's text found in the typeset document.
//!
//! What "contains" means, both sides compared in Unicode NFC, upper-cased (some headings print in capitals) and
//! with all whitespace removed (line breaks, justification and control characters turned into spaces do not
//! matter, and text items are joined by spaces):
//! - a **plain** slot's whole string is one contiguous piece of the document's text;
//! - a **Markdown** slot's text is what a CommonMark reader shows: the text and code of pulldown-cmark's events,
//!   without raw HTML (which is dropped with a warning), without link destinations and with backslash escapes
//!   and entities resolved. Each such piece must appear, in order, in the document's text (list bullets, task
//!   markers and numbers may sit between them).
//!
//! Design for speed: one case is one whole minutes file with 30 random strings (every slot filled), so 2 000
//! cases check 60 000 strings. Every case is checked, rendered and parsed (about a millisecond); one case in
//! [`COMPILE_EVERY`] is also typeset (~10 ms) and its text compared, which is 80 full documents — 2 400 strings —
//! per run, a different share each run. `PROPTEST_CASES` changes the count.

use crate::common;

use std::cell::Cell;

use bienban::diag::source::SourceFile;
use bienban::typeset::compile;
use chrono::NaiveDate;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser};
use unicode_normalization::UnicodeNormalization;

/// Typeset one case in this many (the others are parsed only).
const COMPILE_EVERY: u32 = 25;

/// The characters of the issue's nasty alphabet; `!` is left out on purpose: `![a](b)` would be an image, which
/// must exist on disk (images are tested in tests/robustness.rs).
const NASTY: &str = "#$*_`<>@/\\~=-+[]\"'";
/// Other punctuation that Typst or Markdown give a meaning to.
const PUNCT: &str = ".:;,&()%{}|^?";
const VIETNAMESE: &str =
    "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";
const EMOJI: &str = "😀🎉👍🇻🇳❤✅";
const HEBREW: &str = "אבגדהוזחטיכלמנסעפצקרשת";

fn pick(set: &'static str) -> impl Strategy<Value = char> {
    let chars: Vec<char> = set.chars().collect();
    proptest::sample::select(chars)
}

/// One character: weighted towards the triggers, with plenty of letters so that Markdown forms real words.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => pick(NASTY),
        2 => pick(PUNCT),
        6 => pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        4 => Just(' '),
        2 => Just('\n'),
        1 => Just('\t'),
        3 => pick(VIETNAMESE),
        1 => pick(EMOJI),
        1 => pick(HEBREW),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 0..40)
        .prop_map(String::from_iter)
        .prop_filter(
            "a `<…>` of words is a placeholder of `bienban new` (E0105)",
            |s| !looks_like_a_placeholder(s),
        )
}

/// Rather more than `bienban new`'s placeholders: a `<` then a `>` with a space and a letter outside ASCII
/// between them (see src/input/placeholders.rs; a quoted YAML value puts a newline on the same line as `\n`).
fn looks_like_a_placeholder(s: &str) -> bool {
    s.match_indices('<').any(|(i, _)| {
        s[i..].find('>').is_some_and(|j| {
            let inner = &s[i + 1..i + j];
            inner.contains(' ') && !inner.is_ascii()
        })
    })
}

/// How many strings one case holds (see [`Case::build`]).
const SLOTS: usize = 30;

/// One generated minutes file and what each slot must show.
struct Case {
    file: String,
    /// Plain slots: the exact text that must appear.
    plain: Vec<String>,
    /// Markdown slots: the Markdown source.
    markdown: Vec<String>,
}

/// A YAML double-quoted scalar holding `s` (JSON strings are valid YAML flow scalars).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

impl Case {
    /// A valid minutes file whose every text slot holds one of `s`. Names get a distinct prefix (names must
    /// differ: an absentee cannot also chair), and every plain slot a letter (empty names are an error).
    fn build(s: &[String], state: bool) -> Case {
        let mut plain = vec![];
        let mut p = |i: usize| {
            let value = format!("N{i}x {}", s[i]);
            plain.push(value.clone());
            q(&value)
        };
        // Remarks and a remedy's text are required: a blank one is an error (E0104), so it gets a letter.
        let markdown: Vec<String> = (24..30)
            .map(|i| match i {
                24 | 25 | 27 | 28 if s[i].trim().is_empty() => format!("M{i}"),
                _ => s[i].clone(),
            })
            .collect();
        let file = format!(
            r#"---
layout: {layout}
status: draft
number: 3
organization: {{ parent: {parent}, name: {name}, code: CB }}
place: {place}
date: 2024-05-06
start: "08:00"
end: "10:30"
venue: {venue}
meeting: {{ kind: {kind}, title: {title} }}
chair: {{ name: {chair}, role: {chair_role} }}
secretary: {{ name: {sec}, role: {sec_role} }}
members:
  total: 10
  present: 8
  absent:
    - {{ name: {a1}, reason: {a1r} }}
    - {{ name: {a2}, reason: {a2r} }}
guests:
  - {{ name: {g1}, role: {g1r} }}
speakers:
  - {{ name: {s1}, role: {s1r}, remarks: {s1m} }}
  - {{ name: {s2}, remarks: {s2m} }}
conclusion: {conclusion}
remedies:
  - {{ text: {r1}, owner: {r1o} }}
  - {{ text: {r2} }}
votes:
  - {{ subject: {v1}, for: 8, against: 0, abstain: 0 }}
recipients: [{rc1}, {rc2}]
signers: {{ left: {sl}, right: {sr} }}
---
{body}
"#,
            layout = if state { "state" } else { "party" },
            kind = if state { "regular" } else { "thematic" },
            parent = p(0),
            name = p(1),
            place = p(2),
            venue = p(3),
            title = p(4),
            chair = p(5),
            chair_role = p(6),
            sec = p(7),
            sec_role = p(8),
            a1 = p(9),
            a1r = p(10),
            a2 = p(11),
            a2r = p(12),
            g1 = p(13),
            g1r = p(14),
            s1 = p(15),
            s1r = p(16),
            s2 = p(17),
            r1o = p(18),
            v1 = p(19),
            rc1 = p(20),
            rc2 = p(21),
            sl = p(22),
            sr = p(23),
            s1m = q(&markdown[0]),
            s2m = q(&markdown[1]),
            conclusion = q(&markdown[2]),
            r1 = q(&markdown[3]),
            r2 = q(&markdown[4]),
            body = markdown[5],
        );
        Case {
            file,
            plain,
            markdown,
        }
    }
}

/// NFC, upper case, no whitespace and no control characters (see the module's note on "contains"); curly double
/// quotes read as the straight ones (the templates print the clerk's straight quotes curly, issue 13).
fn normalise(text: &str) -> String {
    let upper: String = text.nfc().collect::<String>().to_uppercase();
    upper
        .nfc()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| if c == '“' || c == '”' { '"' } else { c })
        .collect()
}

/// The pieces of text a CommonMark reader shows for `markdown`, in order (raw HTML left out).
fn markdown_pieces(markdown: &str) -> Vec<String> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    Parser::new_ext(markdown, options)
        .filter_map(|event| match event {
            Event::Text(t) | Event::Code(t) => Some(normalise(&t)),
            _ => None,
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// Whether every piece occurs in `haystack`, each after the previous one.
fn in_order(haystack: &str, pieces: &[String]) -> Result<(), String> {
    let mut from = 0;
    for piece in pieces {
        match haystack[from..].find(piece.as_str()) {
            Some(at) => from += at + piece.len(),
            None => return Err(piece.clone()),
        }
    }
    Ok(())
}

thread_local! {
    static COUNT: Cell<u32> = const { Cell::new(0) };
}

fn check(strings: &[String], state: bool) -> Result<(), TestCaseError> {
    let case = Case::build(strings, state);
    let file = SourceFile::new("in-memory/property.md", case.file.clone());
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let context = common::context(today);
    let (result, checked) = context.check_source(file);
    let errors: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code, d.message.en))
        .collect();
    prop_assert!(errors.is_empty(), "{errors:?}\n{}", case.file);
    let checked = checked.unwrap();
    let source = common::typst_source(&context, &checked);
    let syntax = compile::syntax_errors(&source);
    prop_assert!(syntax.is_empty(), "{syntax:?}\n{source}");

    let n = COUNT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    if !n.is_multiple_of(COMPILE_EVERY) {
        return Ok(());
    }
    let document = match context.typeset_pages(&common::job(&checked.file.path), &checked) {
        Ok(document) => document,
        Err(errors) => {
            let errors: Vec<String> = errors.iter().map(|e| e.en.clone()).collect();
            return Err(TestCaseError::fail(format!("{errors:?}\n{}", case.file)));
        }
    };
    let text = normalise(&common::document_text(&document));
    for (i, slot) in case.plain.iter().enumerate() {
        // The state layout (NĐ 30/2020, Mẫu 1.9) has no place-and-date line: `place` is not printed there.
        if state && i == 2 {
            continue;
        }
        // Recipients end in `;` (the last in `.`) as the layouts require: a typed end mark is replaced.
        let slot = if i == 20 || i == 21 {
            slot.trim_end()
                .trim_end_matches(['.', ';', ',', ':'])
                .to_string()
        } else {
            slot.clone()
        };
        let want = normalise(&slot);
        prop_assert!(
            text.contains(&want),
            "plain slot {slot:?} ({want}) not in\n{text}"
        );
    }
    for slot in &case.markdown {
        let pieces = markdown_pieces(slot);
        if let Err(missing) = in_order(&text, &pieces) {
            return Err(TestCaseError::fail(format!(
                "Markdown slot {slot:?}: {missing:?} not in\n{text}"
            )));
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_in_any_slot_stays_text(
        strings in prop::collection::vec(text(), SLOTS),
        state in any::<bool>(),
    ) {
        check(&strings, state)?;
    }
}

/// The issue's own list, fixed, in every slot at once; always typeset.
#[test]
fn the_issues_examples_print_verbatim() {
    let nasty = [
        "#read(\"/etc/passwd\")",
        "#{1+1}",
        "$x$",
        "*",
        "_",
        "`",
        "<label>",
        "@ref",
        "// not a comment",
        "/* not a comment */",
        "\\",
        "~",
        "= heading?",
        "- list?",
        "+ enum?",
        "'single' \"double\"",
        "https://example.vn/a?b=c",
        "😀 emoji",
        "שלום עולם",
        "Nguyễn Thị Ánh Tuyết",
        "#set page(width: 1cm)",
        "#import \"/etc\": *",
        "\\#escaped",
        "1. numbered?",
        "#(",
        "]",
        ")",
        "[",
        "#show: none",
        "plain body",
    ];
    let strings: Vec<String> = nasty.iter().map(|s| s.to_string()).collect();
    for state in [false, true] {
        COUNT.with(|c| c.set(COMPILE_EVERY - 1));
        check(&strings, state).unwrap();
    }
}

//! The shape of the code, checked on its own source: the stage folders exist, each stage uses only the stages
//! before it in the order docs/architecture.md writes, no function runs past [`MAX_FUNCTION_LINES`], and every
//! file opens with a `//!` line. (That only the build stage turns checked minutes into output files is kept by
//! the compiler: its entry points are private to `build`.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The longest function allowed, in lines from its signature to its closing brace, with no exception: a
/// dispatch or a table that must be longer is split or turned into data.
const MAX_FUNCTION_LINES: usize = 80;

/// The top-level modules that are files rather than folders.
const FILE_MODULES: &[&str] = &["vi"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // A `tests.rs` beside a module, or a `tests/` folder, holds unit tests, as `mod tests` inline does.
        let tests = path.file_stem().is_some_and(|s| s == "tests");
        if path.is_dir() && !tests {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") && !tests {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// A file's code without its unit tests (`#[cfg(test)] mod tests` runs to the end of the file by habit).
fn production_code(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// The top-level module a file belongs to (`src/build/batch.rs` → `build`, `src/vi.rs` → `vi`).
fn top_module(path: &Path) -> String {
    let relative = path.strip_prefix(src()).unwrap();
    let first = relative
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn the_stages_are_folders_and_src_holds_only_the_entry_points() {
    for stage in written_order() {
        if FILE_MODULES.contains(&stage.as_str()) {
            continue;
        }
        assert!(
            src().join(&stage).join("mod.rs").is_file(),
            "src/{stage}/mod.rs is missing"
        );
    }
    let mut loose: Vec<String> = std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    loose.sort();
    assert_eq!(loose, ["lib.rs", "main.rs", "vi.rs"]);
    let main = std::fs::read_to_string(src().join("main.rs")).unwrap();
    assert!(
        main.lines().count() <= 40,
        "main.rs should only parse and dispatch"
    );
}

#[test]
fn every_module_says_what_it_owns() {
    for file in rust_files(&src()) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} has no `//!` line at its top",
            file.display()
        );
    }
}

/// The stages in their order, first the lowest, as docs/architecture.md lists them under "The order of the
/// stages" (`1. \`diag\` — …`).
fn written_order() -> Vec<String> {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
            .expect("docs/architecture.md");
    order_of(&docs)
}

/// The numbered list of the section "## The order of the stages" of a text.
fn order_of(docs: &str) -> Vec<String> {
    let section = docs
        .split("\n## ")
        .find(|s| s.starts_with("The order of the stages"))
        .unwrap_or("");
    section
        .lines()
        .filter_map(|line| {
            let (number, rest) = line.split_once(". `")?;
            number.bytes().all(|b| b.is_ascii_digit()).then_some(())?;
            Some(rest.split('`').next()?.to_string())
        })
        .collect()
}

/// The top-level modules of `src/` (folders with a `mod.rs`, and files), without the crate's own entry points.
fn top_modules() -> BTreeSet<String> {
    std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("mod.rs").is_file() || p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "lib" && name != "main")
        .collect()
}

/// The names a piece of code reaches through `crate::` (`crate::build::…`, and each of `crate::{a, b::c}`).
fn crate_uses(code: &str) -> BTreeSet<String> {
    let ident = |text: &str| -> String {
        text.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            out.insert(ident(rest));
            continue;
        };
        // `crate::{a, b::{c, d}}`: the first name of each item at the group's own depth.
        let mut depth = 0usize;
        let mut item_start = true;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => item_start = true,
                c if item_start && !c.is_whitespace() => {
                    out.insert(ident(&group[i..]));
                    item_start = false;
                }
                _ => {}
            }
        }
    }
    out.remove("");
    out
}

/// Every use of a stage by a stage that does not come after it in `order`, as `from → to (file)`; and every
/// top-level module the order does not list. `files` are (top-level module, file name, code) triples.
fn misplaced_uses(
    order: &[String],
    modules: &BTreeSet<String>,
    files: &[(String, String, String)],
) -> Vec<String> {
    let rank = |name: &str| order.iter().position(|s| s == name);
    let mut out: Vec<String> = modules
        .iter()
        .filter(|m| rank(m).is_none())
        .map(|m| format!("{m} is not in the order of docs/architecture.md"))
        .collect();
    for (from, file, code) in files {
        for to in crate_uses(code) {
            if &to == from || !modules.contains(&to) {
                continue;
            }
            if let (Some(a), Some(b)) = (rank(from), rank(&to))
                && b >= a
            {
                out.push(format!("{from} → {to} ({file}): {to} comes after {from}"));
            }
        }
    }
    out
}

/// Every file's top-level module, name and code (comments, literals and unit tests left out).
fn source_files() -> Vec<(String, String, String)> {
    rust_files(&src())
        .into_iter()
        .filter_map(|file| {
            let from = top_module(&file);
            if from == "main" || from == "lib" {
                return None;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let shown = file
                .strip_prefix(src())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            Some((
                from,
                format!("src/{shown}"),
                code_only(production_code(&text)),
            ))
        })
        .collect()
}

#[test]
fn each_stage_uses_only_the_stages_before_it() {
    let order = written_order();
    assert!(order.len() >= 10, "docs/architecture.md lists {order:?}");
    let wrong = misplaced_uses(&order, &top_modules(), &source_files());
    assert!(
        wrong.is_empty(),
        "stages used against the order of docs/architecture.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_order_check_fails_on_a_use_from_below_and_on_an_unlisted_stage() {
    let order: Vec<String> = ["diag", "input", "check", "build"]
        .map(String::from)
        .to_vec();
    let modules: BTreeSet<String> = ["diag", "input", "check", "build", "extra"]
        .map(String::from)
        .into();
    let file = |module: &str, code: &str| {
        (
            module.to_string(),
            format!("src/{module}/x.rs"),
            code_only(code),
        )
    };
    let files = vec![
        file(
            "build",
            "use crate::check::rules;\nuse crate::{diag, input::read};",
        ),
        // An upward use, and one hidden in a group: both are found.
        file("check", "use crate::build::BuildContext;\n"),
        file("input", "use crate::{diag::t, check::rules::Context};\n"),
        // A comment naming a later stage is no use of it; nor is a macro at the crate's root.
        file(
            "diag",
            "// See crate::build.\nfn f() { $crate::keypath!(x); }\n",
        ),
    ];
    let wrong = misplaced_uses(&order, &modules, &files);
    assert_eq!(
        wrong,
        [
            "extra is not in the order of docs/architecture.md",
            "check → build (src/check/x.rs): build comes after check",
            "input → check (src/input/x.rs): check comes after input",
        ]
    );
    let docs = "# A\n\n## The order of the stages\n\nText.\n\n1. `diag` — d\n2. `input`\n\n## Next\n3. `no`\n";
    assert_eq!(order_of(docs), ["diag", "input"]);
}

/// The text with string and character literals and comments blanked out, so that braces can be counted.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !prev_is_ident(&chars, i)
        {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            i += 2 + hashes;
            while i < chars.len() {
                if chars[i] == '"'
                    && chars[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&c| c == '#')
                        .count()
                        == hashes
                {
                    i += 1 + hashes;
                    break;
                }
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' && (chars.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A character literal ('{', '\n', '\u{301}'); a lifetime has no closing quote.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev_is_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Whether the words before `fn ` make it a function item: a visibility (`pub`, `pub(crate)`, `pub(super)`,
/// `pub(in crate::build)`) and qualifiers, or nothing (a method in an `impl` or a `trait`, a nested function).
fn is_fn_item(before: &str) -> bool {
    let mut rest = before.trim();
    if let Some(after) = rest.strip_prefix("pub") {
        rest = after.trim_start();
        if let Some(inner) = rest.strip_prefix('(') {
            let Some(close) = inner.find(')') else {
                return false;
            };
            rest = &inner[close + 1..];
        }
    }
    rest.split_whitespace().all(|w| {
        matches!(
            w,
            "const" | "async" | "unsafe" | "extern" | "\"C\"" | "default"
        )
    })
}

/// Every function of a file: its name and the number of lines from its signature to its closing brace.
fn function_lengths(code: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = vec![];
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(at) = trimmed.find("fn ") else {
            continue;
        };
        if !is_fn_item(&trimmed[..at]) {
            continue;
        }
        let name: String = trimmed[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // Find the body's opening brace (or a `;` for a declaration without body), then its match.
        let mut depth = 0usize;
        let mut opened = false;
        let mut end = None;
        'scan: for (n, l) in lines.iter().enumerate().skip(start) {
            for c in l.chars() {
                match c {
                    ';' if !opened && depth == 0 => break 'scan,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => {
                        depth = depth.saturating_sub(1);
                        if opened && depth == 0 {
                            end = Some(n);
                            break 'scan;
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(end) = end {
            out.push((name, end - start + 1));
        }
    }
    out
}

#[test]
fn no_function_is_longer_than_the_limit() {
    let mut long = vec![];
    for file in rust_files(&src()) {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = code_only(production_code(&text));
        let shown = file
            .strip_prefix(src())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for (name, lines) in function_lengths(&code) {
            if lines > MAX_FUNCTION_LINES {
                long.push(format!("src/{shown}: fn {name} has {lines} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_length_counter_counts_braces_in_code_only() {
    let code =
        code_only("fn a() {\n    let s = \"}}\";\n    let c = '}';\n    // }\n}\nfn b() {}\n");
    assert_eq!(
        function_lengths(&code),
        [("a".to_string(), 5), ("b".to_string(), 1)]
    );
}

#[test]
fn the_length_counter_counts_every_kind_of_function() {
    let code = code_only(
        "pub(super) fn a() {\n}\npub(in crate::build) fn b() {\n\n}\nimpl X {\n    pub(crate) fn c(&self) {}\n    fn d() {\n    }\n}\ntrait T {\n    fn e() {}\n    fn f();\n}\npub const unsafe fn g() {}\nlet h = |x| x; // fn h is a closure\n",
    );
    let names: Vec<(String, usize)> = function_lengths(&code);
    assert_eq!(
        names,
        [
            ("a".to_string(), 2),
            ("b".to_string(), 3),
            ("c".to_string(), 1),
            ("d".to_string(), 2),
            ("e".to_string(), 1),
            ("g".to_string(), 1),
        ]
    );
}

#[test]
fn nothing_is_shown_to_users_with_debug_formatting() {
    // `{:?}` prints Rust's spelling of a value (`Regular`, `"a\u{301}"`), not the clerk's: enums have `as_str()`
    // and names are quoted with their control characters escaped.
    for file in rust_files(&src()) {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = production_code(&text);
        for (n, line) in code.lines().enumerate() {
            let debug = line.contains(":?}") && !line.trim_start().starts_with("//");
            assert!(!debug, "{}:{}: {}", file.display(), n + 1, line.trim());
        }
    }
}

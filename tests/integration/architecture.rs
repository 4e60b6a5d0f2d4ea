//! The shape of the code, checked on its own source: the stage folders exist, the top-level modules depend on
//! each other without a cycle, no function runs past [`MAX_FUNCTION_LINES`], every file opens with a `//!` line,
//! and only the one build path (`src/build/context.rs`) turns checked minutes into output files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest function body allowed, in lines (a dispatching `match` may be longer: see [`EXEMPT`]).
const MAX_FUNCTION_LINES: usize = 80;

/// Functions allowed past the limit, by file and name, each a plain dispatch.
const EXEMPT: &[(&str, &str)] = &[("input/describe.rs", "expected")];

/// The stage folders under `src/`, in pipeline order.
const STAGES: &[&str] = &[
    "input", "check", "diag", "render", "typeset", "build", "archive", "register", "lsp", "live",
    "cmd",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("tests.rs") {
            // A `tests.rs` beside a module holds its unit tests, as `mod tests` inline does.
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
    for stage in STAGES {
        assert!(
            src().join(stage).join("mod.rs").is_file(),
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

/// Which top-level modules each top-level module uses (outside unit tests).
fn dependency_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src()) {
        let from = top_module(&file);
        if from == "main" || from == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // Code only: a doc comment may link to a later stage without depending on it.
        let code = code_only(production_code(&text));
        let deps = graph.entry(from.clone()).or_default();
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != from {
                deps.insert(name);
            }
        }
    }
    graph
}

#[test]
fn the_top_level_modules_form_no_cycle() {
    let graph = dependency_graph();
    assert!(
        graph.contains_key("build") && graph["build"].contains("typeset"),
        "{graph:?}"
    );
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(at) = path.iter().position(|n| n == node) {
            panic!("dependency cycle: {} → {node}", path[at..].join(" → "));
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(node.to_string());
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut vec![], &mut done);
    }
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

/// Every function of a file: its name and the number of lines from its signature to its closing brace.
fn function_lengths(code: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = vec![];
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(at) = trimmed.find("fn ") else {
            continue;
        };
        let before = &trimmed[..at];
        let is_item = before.split_whitespace().all(|w| {
            matches!(
                w,
                "pub" | "pub(crate)" | "const" | "async" | "unsafe" | "extern"
            )
        });
        if !is_item {
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
            let exempt = EXEMPT.iter().any(|(f, n)| *f == shown && *n == name);
            if lines > MAX_FUNCTION_LINES && !exempt {
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
fn only_the_build_context_turns_minutes_into_outputs() {
    // The stages that make output files from checked minutes are called from one place, so that `build`,
    // `check`, `watch`, `verify` and the register cannot drift apart.
    let calls = [
        "compile::outputs(",
        "prepare::prepare(",
        "Templates::for_layout(",
    ];
    for file in rust_files(&src()) {
        let shown = file
            .strip_prefix(src())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // `build/parsed.rs` is the context's own cache of parsed templates (a private module of `build`).
        if shown == "build/context.rs" || shown == "build/parsed.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for call in calls {
            assert!(
                !production_code(&text).contains(call),
                "src/{shown} calls {call}…) itself; go through build::BuildContext"
            );
        }
    }
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

//! Trust (issue 12), through the built binary: "built" means written; nothing is lost or overwritten
//! (colliding outputs, the register over a source, leftovers of a killed run, archival copies byte for byte
//! under any file name, the pre-commit hook on what is staged); nothing gets in or out (template sandbox, CSV
//! formulas, terminal escapes); bounded time, memory and output on hostile input (each such run is killed by
//! a watchdog and capped in address space, see [`common::bienban_bounded`]); every message in `--lang`; usage
//! mistakes exit 2 and name the expected form.

use crate::common;

use std::path::Path;
use std::time::Duration;

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
";

fn valid(body: &str) -> String {
    format!("{FRONT}---\n{body}")
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The English build summary's numbers: (built, skipped, failed).
fn summary(out: &std::process::Output) -> (usize, usize, usize) {
    let text = stderr(out);
    let line = text
        .lines()
        .rev()
        .find(|l| l.contains(" built, "))
        .unwrap_or_else(|| panic!("no summary in {text}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let n = |i: usize| words[i].parse::<usize>().unwrap();
    (n(0), n(2), n(7))
}

// --- "Built" means written -------------------------------------------------------------------------------

#[test]
fn a_file_that_writes_nothing_is_never_counted_as_built() {
    let dir = tempfile::tempdir().unwrap();
    // An empty required value: whatever the check makes of it, the summary must match what was written.
    let text = valid("Nội dung.\n").replace("date: 2024-03-05", "date:");
    write(dir.path(), "bb.md", &text);
    let out = bienban(&["build", "bb.md", "--lang", "en"], dir.path());
    let written = dir.path().join("bb.pdf").exists();
    let (built, _, failed) = summary(&out);
    assert_eq!(built, usize::from(written), "{}", stderr(&out));
    if !written {
        assert_eq!(failed, 1, "{}", stderr(&out));
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    }
}

// --- Colliding outputs and the manifest --------------------------------------------------------------------

#[test]
fn colliding_outputs_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/x.md", &valid("A.\n"));
    write(dir.path(), "b/x.md", &valid("B.\n"));
    for args in [
        &["build", "--out-dir", "o", "a/x.md", "b/x.md"][..],
        &["build", "--out-dir", "o", "a", "b"],
    ] {
        let out = bienban(&[args, &["--lang", "en"]].concat(), dir.path());
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("a/x.md"), "{args:?}: {err}");
        if args.contains(&"b") || args.contains(&"b/x.md") {
            assert!(err.contains("b/x.md"), "{args:?}: {err}");
        }
        assert!(!dir.path().join("o").exists(), "{args:?} wrote something");
        assert!(
            !dir.path().join("a/x.pdf").exists(),
            "{args:?} wrote something"
        );
    }
    // One file reached twice is no collision: it is checked and built once.
    for args in [
        &["build", "--out-dir", "o", "a/x.md", "./a/x.md"][..],
        &["build", "a/x.md", "a/x.md", "a"],
    ] {
        let out = bienban(&[args, &["--lang", "en"]].concat(), dir.path());
        assert_eq!(summary(&out), (1, 0, 0), "{args:?}: {}", stderr(&out));
    }
    let out = bienban(&["check", "a/x.md", "./a/x.md", "--lang", "en"], dir.path());
    assert!(stderr(&out).contains("1 file checked"), "{}", stderr(&out));
    // Each into its own folder builds.
    let out = bienban(
        &["build", "--out-dir", "o", "a", "--lang", "en"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_forced_build_records_its_keys_so_the_next_build_skips() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bb.md", &valid("Nội dung.\n"));
    let out = bienban(&["build", ".", "--force", "--lang", "en"], dir.path());
    assert_eq!(summary(&out), (1, 0, 0), "{}", stderr(&out));
    let out = bienban(&["build", ".", "--lang", "en"], dir.path());
    assert_eq!(summary(&out), (0, 1, 0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

// --- The register never replaces what it did not write ----------------------------------------------------

#[test]
fn index_never_writes_over_a_minutes_source_or_a_foreign_file() {
    let dir = tempfile::tempdir().unwrap();
    let source = valid("Nội dung.\n");
    write(dir.path(), "m/bb.md", &source);
    write(dir.path(), "m/notes.txt", "ghi chú của văn phòng\n");
    write(dir.path(), "other.md", "---\nnot: minutes\n---\n");
    for (target, force) in [("m/bb.md", false), ("m/bb.md", true), ("other.md", true)] {
        let mut args = vec!["index", "m", "-o", target, "--lang", "en"];
        if force {
            args.push("--force");
        }
        let out = bienban(&args, dir.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains("minutes source"), "{}", stderr(&out));
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m/bb.md")).unwrap(),
        source
    );
    // Another existing file: only with --force.
    let out = bienban(
        &["index", "m", "-o", "m/notes.txt", "--lang", "en"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    let notes = std::fs::read_to_string(dir.path().join("m/notes.txt")).unwrap();
    assert_eq!(notes, "ghi chú của văn phòng\n");
    let out = bienban(&["index", "m", "-o", "m/notes.txt", "--force"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    // Its own output it replaces freely, every format.
    for format in ["markdown", "csv", "json", "pdf"] {
        for _ in 0..2 {
            let out = bienban(
                &["index", "m", "--format", format, "-o", "m/so.out"],
                dir.path(),
            );
            assert!(out.status.success(), "{format}: {}", stderr(&out));
        }
    }
}

// --- Leftovers of a killed run ---------------------------------------------------------------------------

#[test]
fn stale_temp_files_are_removed_but_a_live_one_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bb.md", &valid("Nội dung.\n"));
    let old = std::time::SystemTime::now() - Duration::from_secs(600);
    let make = |name: &str| {
        let file = std::fs::File::create(dir.path().join(name)).unwrap();
        file.set_modified(old).unwrap();
        file
    };
    drop(make(".bienban-killed.tmp"));
    drop(make(".bienban-notes.txt"));
    // A concurrent run's file: its lock is held (here by the test process).
    let live = make(".bienban-live.tmp");
    live.lock().unwrap();
    let out = bienban(&["build", "bb.md"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.path().join(".bienban-killed.tmp").exists());
    assert!(dir.path().join(".bienban-live.tmp").exists());
    assert!(dir.path().join(".bienban-notes.txt").exists());
    drop(live);
}

// --- Archival copies -------------------------------------------------------------------------------------

#[test]
fn archival_copies_keep_the_bytes_and_any_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let text = valid("Nội dung.\r\n");
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "họp lúc 19:30.md",
            text.clone().into_bytes(),
            "họp lúc 19:30.md",
        ),
        ("a\tb.md", text.clone().into_bytes(), "a\tb.md"),
        ("a\\b.md", text.clone().into_bytes(), "a\u{ff3c}b.md"),
        (
            "bom.md",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            "bom.md",
        ),
    ];
    for (name, bytes, extracted) in &cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = bienban(
            &["build", name, "--pdf-standard", "a-3b", "--lang", "en"],
            dir.path(),
        );
        assert!(out.status.success(), "{name:?}: {}", stderr(&out));
        // A substitute name is said.
        let said = stderr(&out).contains(&format!("attached as “{extracted}”"));
        assert_eq!(said, name != extracted, "{name:?}: {}", stderr(&out));
        let pdf = Path::new(name).with_extension("pdf");
        let pdf = pdf.to_str().unwrap();
        let out = bienban(&["extract", pdf, "--out-dir", "back"], dir.path());
        assert!(out.status.success(), "{name:?}: {}", stderr(&out));
        let back = std::fs::read(dir.path().join("back").join(extracted)).unwrap();
        assert!(back == *bytes, "{name:?} did not come back byte for byte");
        // The extracted copy rebuilds the same PDF.
        let out = bienban(&["verify", name, pdf], dir.path());
        assert!(out.status.success(), "{name:?}: {}", stderr(&out));
    }
}

// --- The pre-commit hook -----------------------------------------------------------------------------------

/// The README's pre-commit hook, as written there.
fn readme_hook() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("cat > .git/hooks/pre-commit <<'HOOK'\n")
        .expect("the hook in the README");
    let body = &readme[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("\nHOOK\n").unwrap() + 1].to_string()
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn the_readme_pre_commit_hook_checks_what_is_staged() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    std::fs::write(repo.join("hook.sh"), readme_hook()).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_bienban")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run_hook = || {
        std::process::Command::new("sh")
            .arg("hook.sh")
            .current_dir(repo)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let good = valid("Nội dung.\n");
    let bad = good.replace("present: 12", "present: 30");
    // A bad file staged, fixed on disk but not staged: the commit must be refused.
    write(repo, "minutes/bb.md", &bad);
    git(repo, &["add", "minutes/bb.md"]);
    write(repo, "minutes/bb.md", &good);
    let out = run_hook();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("minutes/bb.md"), "{}", stderr(&out));
    // A good file staged, broken on disk afterwards: the commit holds the good one and passes.
    git(repo, &["add", "minutes/bb.md"]);
    write(repo, "minutes/bb.md", &bad);
    let out = run_hook();
    assert!(out.status.success(), "{}", stderr(&out));
}

// --- Template sandbox ----------------------------------------------------------------------------------------

#[test]
fn templates_cannot_read_the_environment_the_clock_or_a_linked_file() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("minutes");
    write(&root, "bb.md", &valid("Nội dung.\n"));
    let template = "party/bien-ban.typ.tera";
    std::fs::write(outer.path().join("secret.tera"), "BÍ-MẬT-NGOÀI\n").unwrap();
    for call in [
        "{{ get_env(name=\"BIENBAN_SECRET\") }}",
        "{{ now() }}",
        "{{ get_random(start=1, end=9) }}",
        "{% include \"../../secret.tera\" %}",
        "{% include \"/etc/passwd\" %}",
        "{% extends \"../../secret.tera\" %}",
        "{% import \"../../secret.tera\" as m %}x",
    ] {
        write(&root.join("templates"), template, &format!("{call}\n"));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bienban"))
            .args(["build", "bb.md", "--format", "typst", "--lang", "en"])
            .current_dir(&root)
            .env("BIENBAN_SECRET", "mật-khẩu-42")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{call}: {}", stderr(&out));
        if call.contains('(') {
            assert!(
                stderr(&out).contains("not available"),
                "{call}: {}",
                stderr(&out)
            );
        }
        assert!(!stderr(&out).contains("BÍ-MẬT-NGOÀI"));
        assert!(!stderr(&out).contains("mật-khẩu-42"));
        assert!(!root.join("bb.typ").exists(), "{call}");
    }
    // A template that is a symbolic link to a file outside the project is not loaded at all.
    std::fs::remove_dir_all(root.join("templates")).unwrap();

    std::fs::create_dir_all(root.join("templates/party")).unwrap();
    std::os::unix::fs::symlink(
        outer.path().join("secret.tera"),
        root.join("templates").join(template),
    )
    .unwrap();
    let out = bienban(&["build", "bb.md", "--format", "typst"], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let typ = std::fs::read_to_string(root.join("bb.typ")).unwrap();
    assert!(!typ.contains("BÍ-MẬT-NGOÀI"));
}

// --- CSV as a spreadsheet reads it -------------------------------------------------------------------------

#[test]
fn the_csv_register_opens_safely_in_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let text = valid("Nội dung.\n")
        .replace(
            "title: tháng 3 năm 2024",
            "title: \"=HYPERLINK(\\\"http://evil.example\\\", \\\"x\\\")\"",
        )
        .replace("name: Chi bộ Thôn Một", "name: \"+cmd|' /C calc'!A0\"")
        .replace("place: An Bình", "place: \"@SUM(1)\"");
    write(dir.path(), "m/bb.md", &text);
    let out = bienban(
        &["index", "m", "--format", "csv", "-o", "so.csv"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let script = r#"
import csv, json, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'no BOM'
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
print(json.dumps(rows))
"#;
    let py = std::process::Command::new("python3")
        .args(["-c", script, "so.csv"])
        .current_dir(dir.path())
        .output()
        .expect("python3");
    assert!(py.status.success(), "{}", stderr(&py));
    let rows: Vec<Vec<String>> = serde_json::from_slice(&py.stdout).unwrap();
    assert_eq!(rows[0][0], "Tệp");
    assert!(rows[0].contains(&"Tổ chức".to_string()), "{:?}", rows[0]);
    assert_eq!(rows.len(), 2);
    for cell in rows.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a formula cell: {cell:?}"
        );
    }
    assert!(
        rows[1].iter().any(|c| c.starts_with("'=HYPERLINK(")),
        "{:?}",
        rows[1]
    );
    assert!(
        rows[1].iter().any(|c| c == "'+cmd|' /C calc'!A0"),
        "{:?}",
        rows[1]
    );
}

// --- Terminal escapes and floods ------------------------------------------------------------------------------

#[test]
fn control_characters_are_never_echoed_raw() {
    let dir = tempfile::tempdir().unwrap();
    // A typo with a hint, and raw HTML (a warning that shows its line) holding OSC 52, a screen clear, a
    // bidi override and a C1 control; the file name holds an escape too.
    let text = valid(
        "<span>\u{1b}]52;c;ZWNobyBwd25lZA==\u{7} x\u{1b}[2J \u{202e} \u{9b}</span>\n\nNội dung.\n",
    )
    .replace("members:", "secretery: x\nmembers:");
    write(dir.path(), "b\u{1b}[2Jb.md", &text);
    for format in ["human", "short"] {
        let out = bienban_hostile(
            &["check", ".", "--diagnostic-format", format, "--lang", "en"],
            dir.path(),
        );
        assert_eq!(out.code, Some(1), "{}", out.stderr);
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
            assert!(
                !out.stderr.contains(bad),
                "{format}: {bad:?} raw in {}",
                out.stderr
            );
        }
        assert!(out.stderr.contains("\\u{1b}"), "{format}: {}", out.stderr);
        // The hint stays, in the one-line format too.
        assert!(out.stderr.contains("secretary"), "{format}: {}", out.stderr);
    }
}

#[test]
fn diagnostics_are_capped_per_file_and_long_lines_cut() {
    let dir = tempfile::tempdir().unwrap();
    // 1000 unknown keys, each on a line of 900 characters (under the 1 MiB read limit).
    let long = "x".repeat(900);
    let keys: String = (0..1000).map(|i| format!("unknown{i}: {long}\n")).collect();
    let text = format!("{FRONT}{keys}---\nNội dung.\n");
    assert!(text.len() < 1 << 20);
    write(dir.path(), "bb.md", &text);
    let out = bienban_hostile(&["check", "bb.md", "--lang", "en"], dir.path());
    assert!(!out.timed_out);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr_len < 64 << 10,
        "{} bytes of diagnostics",
        out.stderr_len
    );
    let head: String = out.stderr.chars().take(2000).collect();
    assert!(out.stderr.contains("more problems"), "{head}");
    let errors = out.stderr.matches("error[").count();
    assert!(errors <= 50, "{errors} diagnostics shown");
    let longest = out.stderr.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 300, "a line of {longest} characters");
}

// --- Hostile files: regular files only, bounded -----------------------------------------------------------------

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_fifo_or_a_device_is_never_waited_on_nor_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "bb.md", &valid("Nội dung.\n"));
    mkfifo(&d.join("fifo.md"));
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.md")).unwrap();
    mkfifo(&d.join("fifo.pdf"));
    let quick = Duration::from_secs(30);
    for args in [
        &["check", "fifo.md"][..],
        &["build", "fifo.md"],
        &["check", "zero.md"],
        &["build", "zero.md"],
        &["extract", "fifo.pdf"],
        &["verify", "bb.md", "fifo.pdf"],
    ] {
        let out = bienban_bounded(&[args, &["--lang", "en"]].concat(), d, quick, 2 << 30);
        assert!(!out.timed_out, "{args:?} blocked");
        assert!(
            matches!(out.code, Some(1 | 2)),
            "{args:?}: {:?} {}",
            out.code,
            out.stderr
        );
        assert!(
            out.stderr.contains("not a regular file") || out.stderr.contains("not a PDF"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
    // A FIFO as a template, as the manifest and as a font: skipped or refused, never waited on.
    let proj = d.join("p");
    write(&proj, "bb.md", &valid("Nội dung.\n"));
    std::fs::create_dir_all(proj.join("templates/party")).unwrap();
    std::fs::create_dir_all(proj.join("fonts")).unwrap();
    mkfifo(&proj.join("templates/party/bien-ban.typ.tera"));
    mkfifo(&proj.join(".bienban-manifest.json"));
    mkfifo(&proj.join("fonts/x.ttf"));
    let out = bienban_bounded(
        &["build", "bb.md", "--font-path", "fonts"],
        &proj,
        quick,
        3 << 30,
    );
    assert!(!out.timed_out, "blocked: {}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn jobs_are_capped_at_the_cores() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bb.md", &valid("Nội dung.\n"));
    let out = bienban_hostile(&["build", ".", "-j", "100000", "--lang", "en"], dir.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("cores"), "{}", out.stderr);
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for i in 1..=3 {
        let text = valid("Nội dung.\n").replace(
            "status: approved",
            &format!("status: approved\nnumber: {i}"),
        );
        write(dir.path(), &format!("m/{i}.md"), &text);
    }
    for args in [&["index", "m"][..], &["schema"], &["build", "m", "--force"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bienban"))
            .args(args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before anything is written, like `| head -0`.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_ne!(out.status.code(), Some(101), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn previews_and_documents_past_their_budget_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bb.md", &valid("Nội dung.\n"));
    for ppi in ["2400", "0", "-5", "NaN"] {
        let ppi = format!("--ppi={ppi}");
        let out = bienban(
            &["build", "bb.md", "--format", "png", &ppi, "--lang", "en"],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(2), "--ppi {ppi}");
        assert!(stderr(&out).contains("1 to 1200"), "{}", stderr(&out));
    }
    // A page too large for its --ppi: refused before a pixel is drawn, naming the limit.
    let source = "#set page(width: 300cm, height: 300cm)\nx".to_string();
    let world = bienban::typeset::world::MinutesWorld::new(
        source,
        None,
        bienban::press::fonts::FontSet::bundled(),
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    );
    let document = bienban::typeset::compile::typeset(&world).unwrap();
    let err = bienban::typeset::preview::png_pages(&document, 600.0).unwrap_err();
    assert!(
        err.en.contains("megapixels") && err.en.contains("50"),
        "{}",
        err.en
    );
    // A document past the page budget: refused with the limit named, in bounded time and memory.
    let body = "Đoạn.\n\n".repeat(20_000);
    write(dir.path(), "long.md", &valid(&body));
    let out = bienban_bounded(
        &["build", "long.md", "--lang", "en"],
        dir.path(),
        Duration::from_secs(240),
        4 << 30,
    );
    assert!(!out.timed_out);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    // Refused at check by the page estimate (E0401, located in the file), or else by the typesetter's own
    // page limit: either names its limit.
    assert!(
        out.stderr.contains("limit of 500") || out.stderr.contains("more than 300 pages"),
        "{}",
        out.stderr
    );
    assert!(!dir.path().join("long.pdf").exists());
    // 1 MiB of paragraphs (some 12 000 pages) is refused before typesetting: in 1 GiB, quickly.
    let body = "a\n\n".repeat(340_000);
    write(dir.path(), "huge.md", &valid(&body));
    let out = bienban_bounded(
        &["build", "huge.md", "--lang", "en"],
        dir.path(),
        Duration::from_secs(60),
        1 << 30,
    );
    assert!(!out.timed_out);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    // The check-time page estimate (E0401) or the block budget before typesetting: either names its limit.
    assert!(
        out.stderr.contains("limit of 500") || out.stderr.contains("more than 300 pages"),
        "{}",
        out.stderr
    );
}

// --- Languages, formats and usage ------------------------------------------------------------------------

#[test]
fn every_subcommand_accepts_lang_and_quiet() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "m/bb.md", &valid("Nội dung.\n"));
    for args in [
        &["build", "m"][..],
        &["check", "m"],
        &["index", "m"],
        &["schema"],
        &["new", "m/new.md"],
        &["extract", "m/none.pdf"],
        &["verify", "m/bb.md", "m/bb.pdf"],
        &["watch", "m/none.md"],
    ] {
        let out = bienban(&[args, &["--lang", "en", "--quiet"]].concat(), dir.path());
        assert!(
            !stderr(&out).contains("unexpected argument"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn run_messages_follow_lang() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bb.md", &valid("Nội dung.\n"));
    let vi = bienban(&["build", "bb.md", "--force"], dir.path());
    let vi = stderr(&vi);
    assert!(vi.contains("đã dựng") && vi.contains("phông chữ"), "{vi}");
    assert!(!vi.contains(" built"), "{vi}");
    let en = stderr(&bienban(
        &["build", "bb.md", "--force", "--lang", "en"],
        dir.path(),
    ));
    assert!(en.contains("1 built"), "{en}");
    let check = stderr(&bienban(&["check", "bb.md"], dir.path()));
    assert!(check.contains("đã kiểm tra 1 tệp"), "{check}");
    // extract and verify failures, and `new` refusing to overwrite, in Vietnamese by default.
    let out = bienban(&["extract", "bb.pdf"], dir.path());
    assert!(
        stderr(&out).contains("không có tệp đính kèm"),
        "{}",
        stderr(&out)
    );
    let out = bienban(&["new", "bb.md"], dir.path());
    assert!(
        stderr(&out).contains("không bao giờ ghi đè"),
        "{}",
        stderr(&out)
    );
    // watch: its first lines, then it is stopped.
    let out = bienban_bounded(
        &["watch", "bb.md"],
        dir.path(),
        Duration::from_secs(8),
        3 << 30,
    );
    assert!(out.stderr.contains("đang theo dõi"), "{}", out.stderr);
    assert!(out.stderr.contains("đã dựng"), "{}", out.stderr);
}

#[test]
fn json_diagnostics_keep_stderr_json_only() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.md", &valid("Nội dung.\n"));
    write(
        dir.path(),
        "bad.md",
        &valid("x\n").replace("present: 12", "present: 30"),
    );
    for args in [
        &["build", "."][..],
        &["build", ".", "-j", "100000"],
        &["check", "."],
        &["index", "."],
        &["build", "missing.md"],
    ] {
        let out = bienban(
            &[args, &["--diagnostic-format", "json"]].concat(),
            dir.path(),
        );
        let err = stderr(&out);
        assert!(!err.trim().is_empty() || args[0] == "index", "{args:?}");
        for line in err.lines() {
            assert!(
                serde_json::from_str::<serde_json::Value>(line).is_ok(),
                "{args:?}: not JSON: {line}"
            );
        }
    }
}

#[test]
fn usage_mistakes_exit_2_and_name_the_expected_form() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bb.md", &valid("Nội dung.\n"));
    let cases: [(&[&str], &str); 9] = [
        (
            &["build", "bb.md", "--templates", "bb.md"],
            "expected a folder",
        ),
        (
            &["check", "bb.md", "--font-path", "none"],
            "expected a folder",
        ),
        (
            &["build", "bb.md", "--pdf-standard", "a-2b,a-3b"],
            "a-2b or a-3b",
        ),
        (&["build", "bb.md", "--ppi", "0"], "1 to 1200"),
        (&["build", "missing.md"], "missing.md"),
        (&["check", "missing/"], "missing/"),
        (
            &["new", "x.md", "--date", "15/03/2024"],
            "expected YYYY-MM-DD",
        ),
        (&["index", ".", "--as-of", "2024-02-30"], "YYYY-MM-DD"),
        (&["verify", "bb.md", "bb.md"], "not a PDF"),
    ];
    for (args, expected) in cases {
        let out = bienban(&[args, &["--lang", "en"]].concat(), dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(!dir.path().join("x.md").exists());
}

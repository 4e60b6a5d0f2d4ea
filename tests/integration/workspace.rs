//! A clerk's workspace (issue 16), through the built binary: `bienban.toml` defaults merged under each file,
//! said when a value from there is wrong; the archive's templates folder, exported built-in templates and
//! `--verbose`; help in Vietnamese and English, completions and the man page.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::*;

/// A front matter without the keys the archive's `bienban.toml` gives (organisation, place, signers).
const OWN: &str = "---
status: approved
date: 2024-03-05
start: \"08:00\"
end: \"10:00\"
venue: Nhà văn hóa thôn
meeting: { kind: regular, title: tháng 3 năm 2024 }
members: { total: 12, present: 12 }
---
Nội dung.
";

const TOML: &str = "# the archive's settings
out_dir = \"pdf\"

[defaults]
layout = \"party\"
place = \"An Bình\"
chair = { name = \"Lê Văn Hùng\", role = \"Bí thư Chi bộ\" }
secretary = { name = \"Trần Thị Lan\", role = \"Chi ủy viên\" }

[defaults.organization]
parent = \"Đảng bộ xã An Bình\"
name = \"Chi bộ Thôn Một\"
code = \"CB\"
";

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn project_defaults_fill_every_file_below_and_the_file_wins() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bienban.toml", TOML);
    write(dir.path(), "minutes/2024/03-05.md", OWN);
    // The file's own key wins over the default, key by key inside a mapping.
    let own_name = OWN.replace(
        "status: approved\n",
        "status: approved\norganization: { name: Chi bộ Thôn Hai }\n",
    );
    write(
        dir.path(),
        "minutes/2024/03-06.md",
        &own_name.replace("2024-03-05", "2024-03-06"),
    );
    let out = bienban(&["build", "minutes", "--format", "typst"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let first = std::fs::read_to_string(dir.path().join("pdf/minutes/2024/03-05.typ"))
        .expect("written under the toml's out_dir");
    assert!(first.contains("Chi bộ Thôn Một") && first.contains("Lê Văn Hùng"));
    let second = std::fs::read_to_string(dir.path().join("pdf/minutes/2024/03-06.typ")).unwrap();
    assert!(
        second.contains("Chi bộ Thôn Hai"),
        "the file's own name wins"
    );
    assert!(
        second.contains("ĐẢNG BỘ XÃ AN BÌNH"),
        "the parent still comes from the toml"
    );
}

#[test]
fn a_wrong_value_from_the_project_names_bienban_toml_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bienban.toml",
        &TOML.replace("layout = \"party\"", "layout = \"parti\""),
    );
    write(dir.path(), "minutes/a.md", OWN);
    let out = bienban(&["check", "minutes", "--lang", "en"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("bienban.toml:5"), "{said}");
    // In Vietnamese too.
    let out = bienban(&["check", "minutes"], dir.path());
    assert!(text(&out).contains("lấy từ bienban.toml"), "{}", text(&out));
    // A broken toml is a failure that names it.
    write(dir.path(), "bienban.toml", "[defaults\nplace = 1\n");
    let out = bienban(&["check", "minutes", "--lang", "en"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("bienban.toml:1"), "{}", text(&out));
}

#[test]
fn the_walk_up_stops_at_the_repository_top() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bienban.toml", TOML);
    std::fs::create_dir_all(dir.path().join("repo/.git")).unwrap();
    write(dir.path(), "repo/minutes/a.md", OWN);
    let out = bienban(&["check", "repo/minutes", "--lang", "en"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "the toml above .git is not read"
    );
}

#[test]
fn new_fills_the_skeleton_from_the_project() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bienban.toml", TOML);
    let out = bienban(&["new", "minutes/b.md", "--date", "2024-03-05"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let skeleton = std::fs::read_to_string(dir.path().join("minutes/b.md")).unwrap();
    assert!(skeleton.contains("Chi bộ Thôn Một"), "{skeleton}");
    assert!(skeleton.contains("place: An Bình"), "{skeleton}");
    assert!(skeleton.contains("Lê Văn Hùng"), "{skeleton}");
    // Still a skeleton: its other placeholders fail check.
    let out = bienban(&["check", "minutes/b.md"], dir.path());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn exported_templates_at_the_archive_root_apply_below_and_verbose_names_them() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bienban.toml", TOML);
    write(dir.path(), "minutes/2024/a.md", OWN);
    let out = bienban(&["templates", "export", "templates"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.path().join("templates/party/layout.typ.tera").is_file());
    // Never overwritten without --force.
    let again = bienban(&["templates", "export", "templates"], dir.path());
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(
        bienban(&["templates", "export", "templates", "--force"], dir.path())
            .status
            .success()
    );
    // Keep the one to change, delete the others (the built-in ones are used for them).
    for other in ["common", "state", "register"] {
        std::fs::remove_dir_all(dir.path().join("templates").join(other)).unwrap();
    }
    std::fs::remove_file(dir.path().join("templates/party/layout.typ.tera")).unwrap();
    let path = dir.path().join("templates/party/bien-ban.typ.tera");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("{% block about %}", "{% block about %}SỬA-BỞI-VĂN-PHÒNG ");
    std::fs::write(&path, edited).unwrap();
    let out = bienban(
        &[
            "build",
            "minutes",
            "--format",
            "typst",
            "--verbose",
            "--lang",
            "en",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("party/bien-ban.typ.tera ← ")
            && said.contains("templates/party/bien-ban.typ.tera"),
        "{said}"
    );
    assert!(said.contains("common/setup.typ.tera (built-in)"), "{said}");
    let typst = std::fs::read_to_string(dir.path().join("pdf/minutes/2024/a.typ")).unwrap();
    assert!(typst.contains("SỬA-BỞI-VĂN-PHÒNG"));
}

/// A mistake in a user's template is told at that template's file and line, by `check` as by `build`, in the
/// clerk's language; never as a line of the generated Typst the clerk never sees.
#[test]
fn a_mistake_in_a_users_template_is_told_at_its_file_and_line() {
    let builtin = bienban::render::template::BUILTIN
        .iter()
        .find(|(name, _)| *name == "party/bien-ban.typ.tera")
        .unwrap()
        .1;
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (mistake, kind_vi) in [
        ("[{{ number }}], #undefined-fn(1),", "lỗi của typst"),
        ("[{{ numbr }}],", "lỗi của Tera"),
        ("[{{ number }],", "lỗi của Tera"),
        ("[{{ get_env(name=\"HOME\") }}],", "lỗi của Tera"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "bienban.toml", TOML);
        write(dir.path(), "a.md", OWN);
        let edited = builtin.replacen("[{{ number }}],", mistake, 1);
        let line = line_of(&edited, mistake);
        write(dir.path(), "templates/party/bien-ban.typ.tera", &edited);
        for command in ["check", "build"] {
            let out = bienban(&[command, "a.md"], dir.path());
            let said = text(&out);
            assert_eq!(out.status.code(), Some(1), "{mistake}: {said}");
            assert!(
                said.contains(&format!("templates/party/bien-ban.typ.tera, dòng {line}")),
                "{command} {mistake}: {said}"
            );
            assert!(said.contains(kind_vi), "{command} {mistake}: {said}");
            assert!(
                !said.contains("generated Typst"),
                "{command} {mistake}: {said}"
            );
            assert!(!dir.path().join("a.pdf").exists());
        }
        let out = bienban(&["build", "a.md", "--lang", "en"], dir.path());
        assert!(
            text(&out).contains(&format!("templates/party/bien-ban.typ.tera, line {line}")),
            "{}",
            text(&out)
        );
    }
}

#[test]
fn help_is_vietnamese_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let help = |args: &[&str], lang: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_bienban"))
            .args(args)
            .current_dir(dir.path())
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for command in [
        "build", "check", "new", "index", "watch", "verify", "extract", "schema",
    ] {
        let vi = help(&[command, "--help"], "vi_VN.UTF-8");
        assert!(
            vi.contains("Cách dùng") && vi.contains("Tùy chọn"),
            "{command}: {vi}"
        );
        assert!(!vi.contains("Print help"), "{command}: {vi}");
        let en = help(&[command, "--help", "--lang", "en"], "vi_VN.UTF-8");
        assert!(
            en.contains("Usage") && en.contains("Print help"),
            "{command}: {en}"
        );
        let env_en = help(&[command, "--help"], "en_US.UTF-8");
        assert!(env_en.contains("Usage"), "{command}: {env_en}");
    }
    assert!(help(&["--help"], "C").contains("Lệnh"));
    assert!(help(&["build", "--help"], "C").contains("Dựng lại mọi tệp"));
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = bienban(&["completions", shell], dir.path());
        assert!(out.status.success(), "{shell}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("bienban"),
            "{shell}"
        );
    }
    let out = bienban(&["man"], dir.path());
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH bienban"));
    let out = bienban(&["man", "--out-dir", "man1"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.path().join("man1/bienban-build.1").is_file());
}

/// Minutes of `org` on `date` numbered `number`, with `remedies` and `follow_up` YAML lines.
fn minutes(org: &str, date: &str, number: u32, remedies: &str, follow_up: &str) -> String {
    format!(
        "---
layout: party
status: approved
number: {number}
organization: {{ parent: Đảng bộ xã An Bình, name: {org}, code: CB }}
place: An Bình
date: {date}
start: \"08:00\"
end: \"10:00\"
venue: Nhà văn hóa thôn
meeting: {{ kind: regular, title: họp }}
chair: {{ name: Lê Văn Hùng, role: Bí thư Chi bộ }}
secretary: {{ name: Trần Thị Lan, role: Chi ủy viên }}
members: {{ total: 12, present: 12 }}
{remedies}{follow_up}---
Nội dung.
"
    )
}

const TWO_REMEDIES: &str = "remedies:
  - { text: Sửa đường thôn, owner: Chi ủy, due: 2024-02-01 }
  - { text: Làm sân bóng, owner: Đoàn thanh niên, due: 2024-02-01 }
";

fn follow_up_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "m/01.md",
        &minutes("Chi bộ Thôn Một", "2024-01-05", 1, TWO_REMEDIES, ""),
    );
    write(
        dir.path(),
        "m/02.md",
        &minutes(
            "Chi bộ Thôn Một",
            "2024-02-05",
            2,
            "",
            "follow_up:\n  - { of: 2024-01-05#1, status: done, note: đã đổ bê tông }\n",
        ),
    );
    dir
}

#[test]
fn index_remedies_shows_each_remedys_latest_status_and_who_reviewed_it() {
    let dir = follow_up_folder();
    let run = |extra: &[&str]| {
        let mut args = vec!["index", "m", "--remedies", "--as-of", "2024-03-01"];
        args.extend_from_slice(extra);
        let out = bienban(&args, dir.path());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let table = run(&[]);
    assert!(table.contains("Đã hoàn thành | 02.md |"), "{table}");
    assert!(
        table.contains("**QUÁ HẠN**"),
        "the unreviewed one is overdue: {table}"
    );
    let json = run(&["--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(list[0]["status"], "done");
    assert_eq!(list[0]["note"], "đã đổ bê tông");
    assert_eq!(list[0]["reviewed_in"][0], "02.md");
    assert_eq!(list[1]["status"], "overdue");
    // Filters.
    let done = run(&["--status", "done", "--format", "json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&done)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let none = run(&["--org", "Thôn Hai", "--format", "json"]);
    assert_eq!(none.trim(), "[]");
    let later = run(&["--from", "2024-01-06", "--format", "json"]);
    assert_eq!(later.trim(), "[]");
    let until = run(&["--to", "2024-01-05", "--format", "json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&until)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // As a PDF.
    let out = bienban(
        &[
            "index",
            "m",
            "--remedies",
            "--as-of",
            "2024-03-01",
            "--format",
            "pdf",
            "-o",
            "gp.pdf",
        ],
        dir.path(),
    );
    assert!(dir.path().join("gp.pdf").is_file(), "{}", text(&out));
    if let Some(pdf) = pdftotext(&dir.path().join("gp.pdf")) {
        assert!(
            pdf.contains("Đã hoàn thành") && pdf.contains("QUÁ HẠN"),
            "{pdf}"
        );
    }
}

#[test]
fn a_follow_up_of_no_remedy_is_reported_at_its_line() {
    let dir = follow_up_folder();
    write(
        dir.path(),
        "m/03.md",
        &minutes(
            "Chi bộ Thôn Một",
            "2024-03-05",
            3,
            "",
            "follow_up:\n  - { of: 2024-01-05#7, status: done }\n  - { of: 2023-12-01#1, status: done }\n  - { of: 5 tháng 1, status: done }\n",
        ),
    );
    let out = bienban(&["index", "m", "--lang", "en"], dir.path());
    let said = text(&out);
    assert!(
        said.contains("error[E0805]") && said.contains("m/03.md:16:"),
        "{said}"
    );
    assert!(
        said.contains("warning[W0806]") && said.contains("m/03.md:17:"),
        "{said}"
    );
    assert!(
        said.contains("error[E0804]") && said.contains("m/03.md:18:"),
        "{said}"
    );
}

#[test]
fn the_register_pdf_sorts_in_vietnamese_marks_numbers_and_heads_each_layout() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "m/a.md",
        &minutes("Chi bộ Đại Lợi", "2024-01-05", 1, "", ""),
    );
    write(
        dir.path(),
        "m/b.md",
        &minutes("Chi bộ Dốc Đá", "2024-01-05", 1, "", ""),
    );
    write(
        dir.path(),
        "m/c.md",
        &minutes("Chi bộ Dốc Đá", "2024-02-05", 3, "", ""),
    );
    let ubnd = minutes("UBND xã An Bình", "2024-01-07", 1, "", "")
        .replace("layout: party", "layout: state")
        .replace("code: CB", "code: UBND")
        .replace("Đảng bộ xã An Bình", "UBND tỉnh Tây Ninh");
    let long =
        "m/mot-thu-muc-rat-dai-cua-van-phong/nam-2024/thang-01/ubnd-xa-an-binh-hop-thuong-ky.md";
    write(dir.path(), long, &ubnd);
    let out = bienban(&["index", "m", "--format", "json"], dir.path());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let orgs: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["organization"].as_str().unwrap())
        .collect();
    assert_eq!(
        orgs,
        [
            "Chi bộ Dốc Đá",
            "Chi bộ Dốc Đá",
            "Chi bộ Đại Lợi",
            "UBND xã An Bình"
        ]
    );
    assert_eq!(rows[1]["marks"][0], "thiếu số 2");
    let out = bienban(
        &["index", "m", "--format", "pdf", "-o", "so.pdf"],
        dir.path(),
    );
    assert!(dir.path().join("so.pdf").is_file(), "{}", text(&out));
    let Some(pdf) = pdftotext(&dir.path().join("so.pdf")) else {
        return;
    };
    assert!(pdf.contains("thiếu số 2"), "{pdf}");
    assert!(
        pdf.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "the UBND row gets the State header: {pdf}"
    );
    assert!(pdf.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{pdf}");
    assert!(
        pdf.contains("ubnd-"),
        "the long path is shown, shortened: {pdf}"
    );
    assert!(!pdf.contains("mot-thu-muc-rat-dai"), "{pdf}");
}

/// The README's "A clerk's workspace" block, as written there.
fn readme_block() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("```sh\n# A clerk's workspace")
        .expect("the workspace block in the README")
        + "```sh\n".len();
    let end = start + readme[start..].find("\n```\n").unwrap();
    readme[start..end].to_string()
}

#[test]
fn the_readme_archive_workflow_runs_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_bienban"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(readme_block())
        .current_dir(dir.path())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let said = text(&out);
    let draft =
        std::fs::read_to_string(dir.path().join("minutes/2024/2024-03-15-chuyen-de.md")).unwrap();
    assert!(
        draft.contains("Chi bộ Đại Lợi") && draft.contains("Lê Văn Hùng"),
        "{draft}"
    );
    assert!(
        dir.path().join("templates/party/layout.typ.tera").is_file(),
        "{said}"
    );
    assert!(
        dir.path().join("pdf/minutes/2024/2024-01-05.pdf").is_file(),
        "{said}"
    );
    assert!(
        said.contains("templates/party/layout.typ.tera"),
        "--verbose names the override: {said}"
    );
    assert!(
        said.contains("Đã hoàn thành | 2024/2024-02-02.md |"),
        "{said}"
    );
    assert!(dir.path().join("qua-han.pdf").is_file(), "{said}");
}

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
    write(dir.path(), "minutes/2024/03-06.md", &own_name.replace("2024-03-05", "2024-03-06"));
    let out = bienban(&["build", "minutes", "--format", "typst"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    let first = std::fs::read_to_string(dir.path().join("pdf/minutes/2024/03-05.typ"))
        .expect("written under the toml's out_dir");
    assert!(first.contains("Chi bộ Thôn Một") && first.contains("Lê Văn Hùng"));
    let second = std::fs::read_to_string(dir.path().join("pdf/minutes/2024/03-06.typ")).unwrap();
    assert!(second.contains("Chi bộ Thôn Hai"), "the file's own name wins");
    assert!(second.contains("Đảng bộ xã An Bình"), "the parent still comes from the toml");
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
    assert_eq!(out.status.code(), Some(1), "the toml above .git is not read");
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
    assert!(bienban(&["templates", "export", "templates", "--force"], dir.path()).status.success());
    let path = dir.path().join("templates/party/bien-ban.typ.tera");
    let edited = std::fs::read_to_string(&path).unwrap() + "\n// SỬA-BỞI-VĂN-PHÒNG\n";
    std::fs::write(&path, edited).unwrap();
    let out = bienban(
        &["build", "minutes", "--format", "typst", "--verbose", "--lang", "en"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("party/bien-ban.typ.tera ← templates"), "{said}");
    assert!(said.contains("common/setup.typ.tera (built-in)"), "{said}");
    let typst = std::fs::read_to_string(dir.path().join("pdf/minutes/2024/a.typ")).unwrap();
    assert!(typst.contains("SỬA-BỞI-VĂN-PHÒNG"));
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
    for command in ["build", "check", "new", "index", "watch", "verify", "extract", "schema"] {
        let vi = help(&[command, "--help"], "vi_VN.UTF-8");
        assert!(vi.contains("Cách dùng") && vi.contains("Tùy chọn"), "{command}: {vi}");
        assert!(!vi.contains("Print help"), "{command}: {vi}");
        let en = help(&[command, "--help", "--lang", "en"], "vi_VN.UTF-8");
        assert!(en.contains("Usage") && en.contains("Print help"), "{command}: {en}");
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
        assert!(String::from_utf8_lossy(&out.stdout).contains("bienban"), "{shell}");
    }
    let out = bienban(&["man"], dir.path());
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH bienban"));
    let out = bienban(&["man", "--out-dir", "man1"], dir.path());
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.path().join("man1/bienban-build.1").is_file());
}

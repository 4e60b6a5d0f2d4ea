//! `bienban watch` end to end: the real binary watches a minutes file; editing the file, and then a template in
//! the `templates/` folder beside it while it runs, each shows in the next output. Every wait is bounded, and
//! the watcher is killed when the test ends, whatever happens.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{seed_example, workspace};

/// Kills the watcher when the test ends, passed or failed.
struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until the file at `path` contains `needle` (a generous bound: the machine may be busy).
fn wait_for(path: &Path, needle: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if std::fs::read_to_string(path).is_ok_and(|t| t.contains(needle)) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// The built-in template `name`, as a user would copy it out to change it.
fn builtin(name: &str) -> &'static str {
    bienban::render::template::BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .expect("a built-in template")
}

#[test]
fn watch_rebuilds_after_a_source_edit_and_a_template_edit() {
    let dir = workspace(&[&seed_example()]);
    let md = dir.path().join("2023-08-30-chi-bo-dai-loi.md");
    let typ = dir.path().join("2023-08-30-chi-bo-dai-loi.typ");
    let child = Command::new(env!("CARGO_BIN_EXE_bienban"))
        .args(["watch", "--format", "typst", "-q"])
        .arg(&md)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start bienban watch");
    let _watcher = Watcher(child);
    assert!(wait_for(&typ, "Đại Lợi"), "the first build never came");

    // An edit of the source shows.
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(
        &md,
        text.replace("Nhà văn hóa thôn Đại Lợi", "Hội trường Đảng ủy xã"),
    )
    .unwrap();
    assert!(
        wait_for(&typ, "Hội trường Đảng ủy xã"),
        "the source edit was not rebuilt"
    );

    // A template created while watch runs is used, and an edit of it is seen too (the templates are parsed
    // again on every rebuild, not kept from the first build).
    let override_path = dir.path().join("templates/common/setup.typ.tera");
    std::fs::create_dir_all(override_path.parent().unwrap()).unwrap();
    let setup = builtin("common/setup.typ.tera");
    std::fs::write(&override_path, format!("{setup}\n// template-edit-one\n")).unwrap();
    assert!(
        wait_for(&typ, "template-edit-one"),
        "the new template was not used"
    );
    std::fs::write(&override_path, format!("{setup}\n// template-edit-two\n")).unwrap();
    assert!(
        wait_for(&typ, "template-edit-two"),
        "the template edit was not rebuilt"
    );
}

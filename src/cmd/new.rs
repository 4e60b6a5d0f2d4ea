//! `bienban new`: a commented skeleton minutes file; never overwrites.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cmd::cli::NewArgs;
use crate::cmd::common::{fail, style};
use crate::cmd::skeleton;
use crate::diag::{out, t};
use crate::input::model::Layout;
use crate::input::project;

/// Runs `bienban new`.
pub fn run(args: NewArgs) -> ExitCode {
    let style = style(&args.diag);
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let path = args.file.unwrap_or_else(|| {
        PathBuf::from("minutes").join(format!("{}-bien-ban.md", date.format("%Y-%m-%d")))
    });
    let shown = path.display();
    // Said here in the run's language; `write_new` still refuses atomically if a file appears meanwhile.
    if std::fs::symlink_metadata(&path).is_ok() {
        return fail(
            style,
            &t(
                format!("refused to write {shown} (the file exists; bienban new never overwrites)"),
                format!("từ chối ghi {shown} (tệp đã có; bienban new không bao giờ ghi đè)"),
            ),
        );
    }
    let folder = crate::build::context::folder_of(&path).to_path_buf();
    let project = match project::find(&folder).map(|p| project::load(&p)) {
        Some(Ok(project)) => Some(project),
        Some(Err(e)) => return fail(style, &e),
        None => None,
    };
    let layout = project
        .as_ref()
        .and_then(|p| p.defaults.get("layout"))
        .and_then(|v| v.as_str())
        .filter(|_| !layout_given())
        .map_or(args.layout.into(), |l| {
            if l == "state" {
                Layout::State
            } else {
                Layout::Party
            }
        });
    let mut text = skeleton::skeleton(layout, args.kind.into(), date);
    if let Some(project) = &project {
        text = fill(&text, &project.defaults);
    }
    match skeleton::write_new(&path, &text) {
        Ok(()) => {
            out::stdout_line(&shown.to_string());
            ExitCode::SUCCESS
        }
        Err(e) => fail(
            style,
            &t(e.clone(), format!("không tạo được {shown} ({e})")),
        ),
    }
}

/// Whether `--layout` was given on the command line (else `bienban.toml`'s `layout` chooses the skeleton).
fn layout_given() -> bool {
    std::env::args().any(|a| a == "--layout" || a.starts_with("--layout="))
}

/// The skeleton with the values of `bienban.toml`'s `[defaults]` filled in: each top-level key the skeleton
/// has is replaced by its value (inside a mapping, key by key over the skeleton's placeholders); the others
/// are added at the end of the front matter.
fn fill(skeleton: &str, defaults: &serde_yaml::Mapping) -> String {
    let mut lines: Vec<String> = skeleton.lines().map(str::to_string).collect();
    let closing = lines
        .iter()
        .skip(1)
        .position(|l| l == "---")
        .map_or(lines.len(), |i| i + 1);
    let mut appended = vec![];
    let mut blocks: Vec<(usize, usize, String)> = vec![];
    for (key, value) in defaults {
        let Some(name) = key.as_str() else { continue };
        let start = lines[..closing]
            .iter()
            .position(|l| l.starts_with(&format!("{name}:")));
        let Some(start) = start else {
            appended.push(yaml_block(name, value.clone()));
            continue;
        };
        let end = (start + 1..closing)
            .find(|&i| !lines[i].starts_with([' ', '\t']))
            .unwrap_or(closing);
        let own: serde_yaml::Value =
            serde_yaml::from_str(&lines[start..end].join("\n")).unwrap_or_default();
        let mut merged = value.clone();
        if let (serde_yaml::Value::Mapping(m), Some(serde_yaml::Value::Mapping(own))) =
            (&mut merged, own.get(name))
        {
            project::merge(m, own);
        }
        blocks.push((start, end, yaml_block(name, merged)));
    }
    blocks.sort_by_key(|b| std::cmp::Reverse(b.0));
    let mut closing = closing;
    for (start, end, text) in blocks {
        closing -= end - start;
        lines.splice(start..end, std::iter::empty());
        closing += 1;
        lines.insert(start, text.trim_end().to_string());
    }
    for text in appended {
        lines.insert(closing, text.trim_end().to_string());
        closing += 1;
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// `name: value` as YAML text.
fn yaml_block(name: &str, value: serde_yaml::Value) -> String {
    let mut one = serde_yaml::Mapping::new();
    one.insert(serde_yaml::Value::String(name.to_string()), value);
    serde_yaml::to_string(&one).unwrap_or_default()
}

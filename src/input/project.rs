//! `bienban.toml`, an archive's settings: found by walking up from each minutes file's folder (the first
//! `bienban.toml` met wins; the walk stops at the filesystem root or at a folder holding `.git`, the
//! repository's top, after looking there). It holds `[defaults]` for any front-matter key, merged under the
//! file's own front matter at the YAML level before the keys are checked (the file wins, key by key inside
//! mappings), so the positions of the file's own keys do not move; `templates` (a folder, relative to the
//! toml), `out_dir` and `lang`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::diag::{Diagnostic, Lang, Text, t};

/// The settings file's name.
pub const FILE_NAME: &str = "bienban.toml";

/// The keys a `bienban.toml` may hold at its top level.
const KEYS: [&str; 4] = ["defaults", "templates", "out_dir", "lang"];

/// An archive's `bienban.toml`, read.
#[derive(Debug, Clone, Default)]
pub struct Project {
    /// The file itself.
    pub path: PathBuf,
    /// The folder it stands in (the archive's root).
    pub root: PathBuf,
    /// `[defaults]`, as YAML.
    pub defaults: Mapping,
    /// The line (1-based) of each top-level key of `[defaults]`.
    pub lines: Vec<(String, usize)>,
    /// `templates = "…"`, resolved against the root.
    pub templates: Option<PathBuf>,
    /// `out_dir = "…"`, resolved against the root.
    pub out_dir: Option<PathBuf>,
    /// `lang = "vi" | "en"`.
    pub lang: Option<Lang>,
    /// The file's text (part of an incremental build's key).
    pub text: String,
}

/// The `bienban.toml` that governs files in `folder`, if any (see the module documentation).
pub fn find(folder: &Path) -> Option<PathBuf> {
    let start = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let absolute = std::path::absolute(start).ok()?;
    let mut dir = absolute.as_path();
    loop {
        let candidate = dir.join(FILE_NAME);
        if crate::input::walk::is_regular_file(&candidate) {
            return Some(shown(&candidate));
        }
        if dir.join(".git").exists() {
            return None;
        }
        dir = dir.parent()?;
    }
}

/// A path as short as it can be shown: relative to the working folder when below it.
fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

/// Reads a `bienban.toml`.
pub fn load(path: &Path) -> Result<Project, Text> {
    let shown = path.display();
    let text = crate::input::read::read_regular(path, 1 << 20)
        .map_err(|e| {
            t(
                format!("failed to read {shown} ({e})"),
                format!("không đọc được {shown} ({})", crate::input::read::io_vi(&e)),
            )
        })
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| {
                t(
                    format!("failed to read {shown} (not UTF-8 text)"),
                    format!("không đọc được {shown} (không phải văn bản UTF-8)"),
                )
            })
        })?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        let at = line.map_or(String::new(), |l| format!(":{l}"));
        let message = e.message().to_string();
        t(
            format!("failed to read {shown}{at} (not valid TOML: {message})"),
            format!("không đọc được {shown}{at} (không phải TOML hợp lệ: {message})"),
        )
    })?;
    from_table(path, table, text)
}

fn from_table(path: &Path, table: toml::Table, text: String) -> Result<Project, Text> {
    let shown = path.display();
    // Beside the working folder, the root is the empty path: `templates` rather than `./templates`.
    let root = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut project = Project {
        path: path.to_path_buf(),
        root: root.clone(),
        ..Default::default()
    };
    for (key, value) in table {
        let wrong = |expected: &str, vi: &str| {
            t(
                format!("failed to read {shown} (`{key}` must be {expected})"),
                format!("không đọc được {shown} (`{key}` phải là {vi})"),
            )
        };
        match (key.as_str(), value) {
            ("defaults", toml::Value::Table(defaults)) => {
                if let Value::Mapping(m) = yaml(toml::Value::Table(defaults)) {
                    project.defaults = m;
                }
            }
            ("defaults", _) => return Err(wrong("a table `[defaults]`", "một bảng `[defaults]`")),
            ("templates", toml::Value::String(dir)) => project.templates = Some(root.join(dir)),
            ("out_dir", toml::Value::String(dir)) => project.out_dir = Some(root.join(dir)),
            ("templates" | "out_dir", _) => {
                return Err(wrong(
                    "a folder name in quotes",
                    "tên thư mục trong ngoặc kép",
                ));
            }
            ("lang", toml::Value::String(lang)) if lang == "vi" || lang == "en" => {
                project.lang = Some(if lang == "en" { Lang::En } else { Lang::Vi });
            }
            ("lang", _) => return Err(wrong("\"vi\" or \"en\"", "\"vi\" hoặc \"en\"")),
            (other, _) => {
                let keys = KEYS.join(", ");
                return Err(t(
                    format!("failed to read {shown} (unknown key `{other}`; known: {keys})"),
                    format!("không đọc được {shown} (khóa `{other}` không có; các khóa: {keys})"),
                ));
            }
        }
    }
    project.lines = default_lines(&text);
    project.text = text;
    Ok(project)
}

/// A TOML value as YAML (a date or time becomes its text, which the front matter reads as YAML would).
fn yaml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(items.into_iter().map(yaml).collect()),
        toml::Value::Table(table) => Value::Mapping(
            table
                .into_iter()
                .map(|(k, v)| (Value::String(k), yaml(v)))
                .collect(),
        ),
    }
}

/// The first line of each top-level key of `[defaults]`: `key = …` or `key.sub = …` under `[defaults]`, or a
/// `[defaults.key]` / `[[defaults.key]]` table header.
fn default_lines(text: &str) -> Vec<(String, usize)> {
    let mut lines: Vec<(String, usize)> = vec![];
    let mut in_defaults = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        let key = if line.starts_with('[') {
            let header = line.trim_matches(['[', ']']).trim();
            in_defaults = header == "defaults";
            header.strip_prefix("defaults.").map(first_key)
        } else if in_defaults && !line.starts_with('#') && line.contains('=') {
            Some(first_key(line))
        } else {
            None
        };
        if let Some(key) = key.filter(|k| !k.is_empty())
            && !lines.iter().any(|(k, _)| *k == key)
        {
            lines.push((key, i + 1));
        }
    }
    lines
}

fn first_key(text: &str) -> String {
    text.split(['.', '=', ' ', '\t'])
        .next()
        .unwrap_or("")
        .trim_matches(['"', '\''])
        .to_string()
}

/// Merges `defaults` under `value` (the file's front matter): a key the file lacks is added; where both hold
/// a mapping, the same is done inside it. Returns the path of every value added and of every value below
/// those (`organization`, `organization.name`, `signers[0].name`), for their positions.
pub fn merge(value: &mut Mapping, defaults: &Mapping) -> Vec<String> {
    let mut added = vec![];
    merge_at(value, defaults, "", &mut added);
    added
}

fn merge_at(value: &mut Mapping, defaults: &Mapping, prefix: &str, added: &mut Vec<String>) {
    for (key, default) in defaults {
        let Some(name) = key.as_str() else { continue };
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        match (value.get_mut(key), default) {
            (None, _) => {
                value.insert(key.clone(), default.clone());
                paths_below(default, &path, added);
            }
            (Some(Value::Mapping(own)), Value::Mapping(inner)) => {
                merge_at(own, inner, &path, added);
            }
            _ => {}
        }
    }
}

fn paths_below(value: &Value, path: &str, out: &mut Vec<String>) {
    out.push(path.to_string());
    match value {
        Value::Mapping(m) => {
            for (k, v) in m {
                if let Some(k) = k.as_str() {
                    paths_below(v, &format!("{path}.{k}"), out);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                paths_below(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

impl Project {
    /// The line of `[defaults]`'s top-level `key` in the toml.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.lines.iter().find(|(k, _)| k == key).map(|(_, l)| *l)
    }

    /// Says, on each diagnostic placed at `marker` (where values from `[defaults]` are placed), that the value
    /// came from `bienban.toml`, naming its line: the key the message names, else every key that was added.
    pub fn explain(&self, diags: &mut [Diagnostic], marker: &Range<usize>, added: &[String]) {
        let tops: Vec<&str> = added
            .iter()
            .filter(|p| !p.contains(['.', '[']))
            .map(String::as_str)
            .collect();
        for diag in diags.iter_mut().filter(|d| d.span.as_ref() == Some(marker)) {
            let said = format!(
                "{} {}",
                diag.message.en,
                diag.label.as_ref().map_or("", |l| l.en.as_str())
            );
            let named: Vec<&str> = tops
                .iter()
                .copied()
                .filter(|k| said.contains(&format!("`{k}")) || said.contains(&format!(" {k}")))
                .collect();
            let keys = if named.is_empty() {
                tops.clone()
            } else {
                named
            };
            let shown = self.path.display();
            let list = keys
                .iter()
                .map(|k| match self.line_of(k) {
                    Some(l) => format!("`{k}` ({shown}:{l})"),
                    None => format!("`{k}` ({shown})"),
                })
                .collect::<Vec<_>>()
                .join(", ");
            diag.hints.push(t(
                format!("this value comes from {shown}, under [defaults]: {list}; correct it there, or give the key in this file's front matter, which wins"),
                format!("giá trị này lấy từ {shown}, mục [defaults]: {list}; sửa ở đó, hoặc khai báo khóa này ngay trong tệp (khai báo của tệp được ưu tiên)"),
            ));
        }
    }
}

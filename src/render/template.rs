//! Tera set-up: the built-in templates are compiled into the binary; a user's `templates/` folder (beside the
//! minutes, or named with `--templates`) overrides any of them by name, e.g. `party/layout.typ.tera`.
//! Templates can only include other registered templates: Tera reads no file at render time. Tera's functions
//! that read the machine (`get_env`, `now`, `get_random`) are replaced by ones that fail with a clear message:
//! a template, possibly from a shared `templates/` folder, must not print an environment secret into a PDF,
//! nor make the output depend on the clock.

use std::path::{Path, PathBuf};

use tera::{Context, Tera};

use crate::diag::{Text, t};
use crate::input::model::Layout;
use crate::input::walk;
use crate::render::locate::{self, Spot, TemplateText};
use crate::render::view::View;

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "common/setup.typ.tera",
        include_str!("../../templates/common/setup.typ.tera"),
    ),
    (
        "common/typeset.typ.tera",
        include_str!("../../templates/common/typeset.typ.tera"),
    ),
    (
        "common/bien-ban.typ.tera",
        include_str!("../../templates/common/bien-ban.typ.tera"),
    ),
    (
        "common/attendance.typ.tera",
        include_str!("../../templates/common/attendance.typ.tera"),
    ),
    (
        "party/layout.typ.tera",
        include_str!("../../templates/party/layout.typ.tera"),
    ),
    (
        "party/bien-ban.typ.tera",
        include_str!("../../templates/party/bien-ban.typ.tera"),
    ),
    (
        "state/layout.typ.tera",
        include_str!("../../templates/state/layout.typ.tera"),
    ),
    (
        "state/bien-ban.typ.tera",
        include_str!("../../templates/state/bien-ban.typ.tera"),
    ),
    (
        "register/so-bien-ban.typ.tera",
        include_str!("../../templates/register/so-bien-ban.typ.tera"),
    ),
];

/// A ready set of templates.
pub struct Templates {
    tera: Tera,
    /// The folder the overrides came from, if any.
    pub overrides: Option<PathBuf>,
    /// Every template by name, with the file that replaced the built-in one (None: built in).
    origins: Vec<(String, Option<PathBuf>)>,
    /// Every template's text as written, to trace an error back to its line.
    texts: Vec<TemplateText>,
    /// The templates without any Tera syntax (the typesetting functions, the layouts' settings: most of the
    /// text), as (marker, text): Tera is given only the marker and the text is spliced into its output, because
    /// Tera's parser reads text character by character and cost more than the rest of a file's preparation.
    statics: Vec<(String, String)>,
}

/// Whether a template uses any Tera syntax.
fn has_tera_syntax(text: &str) -> bool {
    ["{{", "{%", "{#"].iter().any(|open| text.contains(open))
}

/// A marker no output can hold by chance nor by design: 128 bits from the process's random hash seed (user text
/// cannot guess it, so it can never make a template's code appear in the document).
fn static_marker(index: usize) -> String {
    use std::hash::{BuildHasher, Hasher};
    let random = || {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_usize(index);
        hasher.finish()
    };
    format!(
        "\u{E000}bienban-static-{:016x}{:016x}-{index}\u{E001}",
        random(),
        random()
    )
}

/// A template that cannot be loaded or rendered, with the place in the template file when it is known.
#[derive(Debug, Clone)]
pub struct TemplateError {
    /// Where in which template file (the user's, or a built-in one).
    pub spot: Option<Spot>,
    /// What Tera said, with its causes.
    pub reason: String,
}

impl TemplateError {
    fn new(texts: &[TemplateText], err: &dyn std::error::Error) -> Self {
        let chain = error_chain(err);
        match locate::tera_error(texts, &chain) {
            Some(spot) => {
                let reason = if spot.column.is_some() {
                    locate::tera_reason(&chain)
                } else {
                    chain
                        .rsplit_once(": ")
                        .map_or(chain.clone(), |(_, r)| r.to_string())
                };
                Self {
                    spot: Some(spot),
                    reason,
                }
            }
            None => Self {
                spot: None,
                reason: chain,
            },
        }
    }

    /// The error after `lead` (`failed to render the template`), in both languages.
    pub fn text(&self, lead_en: &str, lead_vi: &str) -> Text {
        match &self.spot {
            Some(spot) => {
                let at = spot.describe();
                t(
                    format!("{lead_en}: {}: {}", at.en, self.reason),
                    format!("{lead_vi}: {}: lỗi của Tera: {}", at.vi, self.reason),
                )
            }
            None => t(
                format!("{lead_en} ({})", self.reason),
                format!("{lead_vi} (lỗi của Tera: {})", self.reason),
            ),
        }
    }
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.spot {
            Some(spot) => write!(f, "{}: {}", spot.describe().en, self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl From<TemplateError> for String {
    fn from(error: TemplateError) -> Self {
        error.to_string()
    }
}

impl Templates {
    /// The built-in templates only.
    pub fn builtin() -> Result<Self, TemplateError> {
        Self::load(None)
    }

    /// The built-in templates, overridden by every `*.tera` file found below `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Self, TemplateError> {
        Self::load_folders(dir, None)
    }

    /// Like [`Templates::load`], but of the built-in templates only those a layout needs (its own folder and
    /// `common/`): Tera's parser costs more than a whole typst compile of the other layout, and a single-file
    /// build should not pay for templates it never renders. User overrides are always all loaded.
    pub fn for_layout(dir: Option<&Path>, layout: Layout) -> Result<Self, TemplateError> {
        Self::load_folders(dir, Some(&["common", layout.name()]))
    }

    fn load_folders(dir: Option<&Path>, folders: Option<&[&str]>) -> Result<Self, TemplateError> {
        let mut tera = Tera::default();
        // Typst output is not HTML: no escaping by Tera (bienban escapes every value itself).
        tera.autoescape_on(vec![]);
        sandbox(&mut tera);
        let wanted = |name: &str| {
            folders.is_none_or(|f| {
                f.iter()
                    .any(|folder| name.split('/').next() == Some(*folder))
            })
        };
        let mut all: Vec<(String, String)> = BUILTIN
            .iter()
            .filter(|(n, _)| wanted(n))
            .map(|(n, s)| (n.to_string(), without_comment_lines(s)))
            .collect();
        let mut origins: Vec<(String, Option<PathBuf>)> =
            all.iter().map(|(n, _)| (n.clone(), None)).collect();
        let mut texts: Vec<TemplateText> = BUILTIN
            .iter()
            .filter(|(n, _)| wanted(n))
            .map(|(name, text)| TemplateText {
                name: name.to_string(),
                path: None,
                text: text.to_string(),
            })
            .collect();
        let plain = |reason: String| TemplateError { spot: None, reason };
        if let Some(dir) = dir {
            for path in tera_files(dir).map_err(|e| {
                plain(format!(
                    "failed to read templates folder {} ({e})",
                    dir.display()
                ))
            })? {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = read_template(&path).map_err(plain)?;
                all.retain(|(n, _)| *n != name);
                origins.retain(|(n, _)| *n != name);
                texts.retain(|t| t.name != name);
                origins.push((name.clone(), Some(path.clone())));
                texts.push(TemplateText {
                    name: name.clone(),
                    path: Some(path.clone()),
                    text: text.clone(),
                });
                all.push((name, text));
            }
        }
        let mut statics = vec![];
        for (i, (_, text)) in all.iter_mut().enumerate() {
            if !has_tera_syntax(text) {
                let marker = static_marker(i);
                statics.push((marker.clone(), std::mem::replace(text, marker)));
            }
        }
        tera.add_raw_templates(all)
            .map_err(|e| TemplateError::new(&texts, &e))?;
        origins.sort();
        Ok(Self {
            tera,
            overrides: dir.map(Path::to_path_buf),
            origins,
            texts,
            statics,
        })
    }

    /// The templates a layout's document is made from (its own folder's and `common/`), each with the user
    /// file that replaced it, or None when the built-in one is used.
    pub fn used(&self, layout: Layout) -> Vec<(String, Option<PathBuf>)> {
        self.origins
            .iter()
            .filter(|(n, _)| {
                let folder = n.split('/').next();
                folder == Some("common") || folder == Some(layout.name())
            })
            .cloned()
            .collect()
    }

    /// Renders the layout's main template with `view`.
    pub fn render(&self, layout: Layout, view: &View) -> Result<String, TemplateError> {
        self.render_named(&format!("{}/bien-ban.typ.tera", layout.name()), view)
    }

    /// Whether any user file replaces a built-in template.
    pub fn has_overrides(&self) -> bool {
        self.texts.iter().any(|t| t.path.is_some())
    }

    /// The template line that produced a line of the generated Typst, when one explains it.
    pub fn locate_generated(&self, generated: &str) -> Option<Spot> {
        locate::generated_line(&self.texts, generated)
    }
}

impl Templates {
    /// Renders the template `name` (such as `register/so-bien-ban.typ.tera`) with any serialisable data.
    pub fn render_named<T: serde::Serialize>(
        &self,
        name: &str,
        data: &T,
    ) -> Result<String, TemplateError> {
        let context =
            Context::from_serialize(data).map_err(|e| TemplateError::new(&self.texts, &e))?;
        let mut output = self
            .tera
            .render(name, &context)
            .map_err(|e| TemplateError::new(&self.texts, &e))?;
        for (marker, text) in &self.statics {
            if output.contains(marker.as_str()) {
                output = output.replace(marker.as_str(), text);
            }
        }
        Ok(output)
    }
}

/// A built-in template without its full-line `//` comments, except the leading block that says what the file
/// is. The comments document the templates for clerks who edit them; Tera would parse them character by
/// character on every run and typst would parse them again, for nothing.
fn without_comment_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut leading = true;
    for line in text.split_inclusive('\n') {
        let is_comment = line.trim_start().starts_with("//");
        leading &= is_comment;
        if leading || !is_comment {
            out.push_str(line);
        }
    }
    out
}

/// Tera's built-in functions that read the machine: the environment, the clock, the random generator. The
/// others (`range`, `throw`) and every filter and test compute on their arguments only.
pub const MACHINE_FUNCTIONS: [&str; 3] = ["get_env", "now", "get_random"];

/// Replaces each of [`MACHINE_FUNCTIONS`] by a function that fails, saying it is not available.
fn sandbox(tera: &mut Tera) {
    for name in MACHINE_FUNCTIONS {
        tera.register_function(
            name,
            move |_: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
                Err(tera::Error::msg(format!(
                    "the function `{name}` is not available to bienban templates (a template may use only the minutes' data)"
                )))
            },
        );
    }
}

/// The most bytes of a template read (templates are a few kilobytes of text).
pub const MAX_TEMPLATE_BYTES: u64 = 4 << 20;

/// A template's text: a regular file (never a FIFO or a device), UTF-8, at most [`MAX_TEMPLATE_BYTES`].
fn read_template(path: &Path) -> Result<String, String> {
    let limit = MAX_TEMPLATE_BYTES;
    let failed =
        |e: &dyn std::fmt::Display| format!("failed to read template {} ({e})", path.display());
    let bytes = crate::input::read::read_regular(path, limit).map_err(|e| failed(&e))?;
    if bytes.len() as u64 > limit {
        return Err(failed(&format!("larger than {} MiB", limit >> 20)));
    }
    String::from_utf8(bytes).map_err(|e| failed(&e))
}

/// A Tera error with all its causes, on one line.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

/// Every `*.tera` file below a templates folder, sorted, walked by [`walk::files`] (no hidden entries, no
/// symbolic links: a link could print a file from outside the project into the PDF).
pub fn tera_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    walk::files(dir, |_| false, |p| p.to_string_lossy().ends_with(".tera"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_without_tera_syntax_are_spliced_in_verbatim() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("party")).expect("folder");
        // A user's layout without Tera syntax, braces and all, comes out byte for byte.
        let layout = "#let L = (a: 1) // { } % #\n";
        std::fs::write(dir.path().join("party/layout.typ.tera"), layout).expect("write");
        let templates = Templates::for_layout(Some(dir.path()), Layout::Party).expect("load");
        assert!(
            templates.statics.len() >= 2,
            "typeset and the layout are static"
        );
        let out = templates
            .render_named("party/layout.typ.tera", &serde_json::json!({}))
            .expect("render");
        assert_eq!(out, layout);
        let typeset = templates
            .render_named("common/typeset.typ.tera", &serde_json::json!({}))
            .expect("render");
        assert!(typeset.contains("#let balance-units("), "{typeset}");
        assert!(!typeset.contains('\u{E000}'));
    }
}

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
    /// The text Tera is not given: each template without any Tera syntax (the typesetting functions, the
    /// layouts' settings: most of the text), and each long stretch of plain text between the tags of a built-in
    /// template. Tera is given a marker instead, [`Statics::marker`] of the text's index here, and the text is
    /// spliced into its output: Tera's parser reads text character by character, and cost more than the rest
    /// of a file's preparation.
    statics: Statics,
}

/// See [`Templates::statics`].
struct Statics {
    /// The markers' common start: 128 bits from the process's random hash seed, so that user text can neither
    /// guess it by chance nor by design (and so never make a template's code appear in the document).
    prefix: String,
    texts: Vec<String>,
}

/// The end of a marker, after its index.
const MARKER_END: char = '\u{E001}';

/// The shortest stretch of plain text in a built-in template worth a marker (a marker is about 50 bytes).
const MIN_LIFTED: usize = 160;

impl Statics {
    fn new() -> Self {
        use std::hash::{BuildHasher, Hasher};
        let random = |n: usize| {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_usize(n);
            hasher.finish()
        };
        Self {
            prefix: format!(
                "\u{E000}bienban-static-{:016x}{:016x}-",
                random(0),
                random(1)
            ),
            texts: vec![],
        }
    }

    /// Keeps `text` out of Tera: the marker that stands for it.
    fn lift(&mut self, text: String) -> String {
        self.texts.push(text);
        format!("{}{}{MARKER_END}", self.prefix, self.texts.len() - 1)
    }

    /// Each marker in Tera's output replaced by its text, in one pass.
    fn splice(&self, output: &str) -> String {
        let mut out =
            String::with_capacity(output.len() + self.texts.iter().map(String::len).sum::<usize>());
        let mut rest = output;
        while let Some(at) = rest.find(&self.prefix) {
            out.push_str(&rest[..at]);
            let after = &rest[at + self.prefix.len()..];
            let text = after.split_once(MARKER_END).and_then(|(index, tail)| {
                let text = self.texts.get(index.parse::<usize>().ok()?)?;
                Some((text, tail))
            });
            match text {
                Some((text, tail)) => {
                    out.push_str(text);
                    rest = tail;
                }
                None => {
                    out.push_str(&self.prefix);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// A built-in template with each long stretch of plain text between its tags given to `statics`, a marker in
/// its place. The whitespace at either end of a stretch stays: a tag written `{%-` or `-%}` trims it. The
/// built-in templates have no `{% filter %}` section, which would change the marker instead of the text (a
/// test holds them to that); a user's template is always parsed whole.
fn lift_plain_text(text: &str, statics: &mut Statics) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = ["{{", "{%", "{#"]
            .iter()
            .filter_map(|open| rest.find(open))
            .min();
        let (plain, tagged) = rest.split_at(next.unwrap_or(rest.len()));
        let inner = plain.trim();
        if inner.len() >= MIN_LIFTED {
            let lead = plain.len() - plain.trim_start().len();
            out.push_str(&plain[..lead]);
            out.push_str(&statics.lift(inner.to_string()));
            out.push_str(&plain[lead + inner.len()..]);
        } else {
            out.push_str(plain);
        }
        if tagged.is_empty() {
            return out;
        }
        let close = match &tagged[..2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        let end = tagged[2..]
            .find(close)
            .map_or(tagged.len(), |e| e + 2 + close.len());
        let tag = &tagged[..end];
        out.push_str(tag);
        rest = &tagged[end..];
        // A raw section is text to Tera, tags and all: kept as it is, up to its end.
        if tag.trim_matches(['{', '}', '%', '-', ' ']) == "raw" {
            let raw_end = rest
                .find("endraw")
                .and_then(|e| rest[..e].rfind("{%"))
                .unwrap_or(rest.len());
            out.push_str(&rest[..raw_end]);
            rest = &rest[raw_end..];
        }
    }
}

/// Whether a template uses any Tera syntax.
fn has_tera_syntax(text: &str) -> bool {
    ["{{", "{%", "{#"].iter().any(|open| text.contains(open))
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
        let mut statics = Statics::new();
        for (name, text) in all.iter_mut() {
            if !has_tera_syntax(text) {
                *text = statics.lift(std::mem::take(text));
            } else if origins.iter().any(|(n, from)| n == name && from.is_none()) {
                *text = lift_plain_text(text, &mut statics);
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
        let output = self
            .tera
            .render(name, &context)
            .map_err(|e| TemplateError::new(&self.texts, &e))?;
        Ok(self.statics.splice(&output))
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
            templates.statics.texts.len() >= 2,
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

    #[test]
    fn plain_text_between_tags_is_kept_out_of_tera_and_spliced_back() {
        let long = "x".repeat(MIN_LIFTED);
        let text = format!(
            "{{% if a -%}}\n  {long}\n{{%- endif %}}|{{{{ b }}}} {long} {{# c #}}{{% raw %}}{long} {{{{ d }}}}{{% endraw %}}{long}\n"
        );
        let mut statics = Statics::new();
        let lifted = lift_plain_text(&text, &mut statics);
        // The three stretches outside the raw section are lifted; the whitespace around them stays for Tera.
        assert_eq!(statics.texts.len(), 3, "{lifted}");
        assert!(lifted.starts_with("{% if a -%}\n  \u{E000}"), "{lifted}");
        assert!(lifted.contains(&format!("{{% raw %}}{long} {{{{ d }}}}{{% endraw %}}")));
        let mut tera = Tera::default();
        tera.add_raw_template("t", &lifted).unwrap();
        let mut plain = Tera::default();
        plain.add_raw_template("t", &text).unwrap();
        let context = Context::from_serialize(serde_json::json!({"a": true, "b": 1})).unwrap();
        let expected = plain.render("t", &context).unwrap();
        assert_eq!(
            statics.splice(&tera.render("t", &context).unwrap()),
            expected
        );
        // A marker's look-alike without its random part, or with an unknown index, is left as it is.
        let fake = format!(
            "\u{E000}bienban-static-0-0{MARKER_END} {}9{MARKER_END}",
            statics.prefix
        );
        assert_eq!(statics.splice(&fake), fake);
    }

    #[test]
    fn built_in_templates_have_no_filter_section() {
        // A filter section would transform a marker instead of the text it stands for.
        for (name, text) in BUILTIN {
            let squeezed: String = text.split_whitespace().collect();
            assert!(
                !squeezed.contains("{%filter") && !squeezed.contains("{%-filter"),
                "{name}"
            );
        }
    }
}

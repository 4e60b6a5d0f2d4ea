//! The one per-file build path. A [`BuildContext`] owns what every file of a run shares — the fonts, the
//! template policy and its parsed templates, the options — and [`BuildContext::build_file`] takes one file from
//! its bytes to its written output. `build`, `check`, `watch`, `verify` and the register all go through it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use typst_layout::PagedDocument;

use crate::build::job::{FileResult, Job};
use crate::build::manifest::{self, Manifests};
use crate::build::output::{self, Render};
use crate::build::parsed;
use crate::build::prepare::{self, Prepared};
use crate::build::write::write_atomic;
use crate::check::minutes::Minutes;
use crate::diag::Diagnostic;
use crate::diag::source::SourceFile;
use crate::diag::{Text, t};
use crate::input::frontmatter::Positions;
use crate::input::model::{Layout, RawMinutes};
use crate::input::project::{self, Project};
use crate::input::read;
use crate::press::fonts::FontSet;
use crate::press::standard::Standard;
use crate::render::attach;
use crate::render::template::Templates;
use crate::render::view::View;
use crate::typeset::compile::{self, OutputFormat, TypstProblem};
use crate::typeset::world::MinutesWorld;

/// The front matter as read: the typed values, as far as they could be read, and where each stands.
pub type FrontMatter = (RawMinutes, Positions);

/// Options shared by every file of a run.
#[derive(Clone)]
pub struct Options {
    /// Write outputs here (keeping the layout relative to each folder argument) instead of beside the sources.
    pub out_dir: Option<PathBuf>,
    /// Templates folder overriding the built-in ones (else `templates/` beside each minutes file, if any).
    pub templates: Option<PathBuf>,
    /// The fonts.
    pub fonts: &'static FontSet,
    /// Output format.
    pub format: OutputFormat,
    /// Today, for the "date in the future" warning.
    pub today: NaiveDate,
    /// Validate only, write nothing.
    pub check_only: bool,
    /// PDF standards to conform to (PDF/A-3b also attaches the source).
    pub standards: Vec<Standard>,
    /// PNG preview resolution, pixels per inch.
    pub ppi: f32,
    /// Skip a file whose output is up to date (per the manifest beside the outputs); false rebuilds everything.
    pub incremental: bool,
    /// The part of a split build this run is (`--shard K/N`); its manifests are its own.
    pub shard: Option<crate::build::plan::Shard>,
    /// Say, for each file built, which template files it used (built-in or which override).
    pub verbose: bool,
}

impl Default for Options {
    /// Bundled fonts, built-in templates, PDF beside the source, today's date, everything rebuilt.
    fn default() -> Self {
        Self {
            out_dir: None,
            templates: None,
            fonts: FontSet::bundled(),
            format: OutputFormat::default(),
            today: chrono::Local::now().date_naive(),
            check_only: false,
            incremental: false,
            shard: None,
            verbose: false,
            standards: vec![],
            ppi: crate::typeset::preview::DEFAULT_PPI,
        }
    }
}

impl Options {
    /// Every option that changes an output's bytes, as text for the incremental key. An option added here
    /// that changes the output must be added to this text, or stale outputs would be kept.
    fn fingerprint(&self) -> String {
        let standards: Vec<&str> = self.standards.iter().map(|s| s.name()).collect();
        format!(
            "format={};standards={};ppi={}",
            self.format.as_str(),
            standards.join(","),
            self.ppi
        )
    }
}

/// State shared by the files of an incremental run: the manifests beside the outputs and the fingerprints of
/// what every file shares.
pub struct Incremental {
    manifests: Manifests,
    /// Whether an up-to-date output is skipped (false: `--force`, everything is rebuilt and recorded).
    skip_fresh: bool,
    fonts: String,
    options: String,
}

impl Incremental {
    /// The state of a run of `context`: the manifests beside its outputs (each read when first needed).
    pub fn new(context: &BuildContext) -> Self {
        Self {
            manifests: Manifests::named(&context.options.shard.map_or_else(
                || manifest::FILE_NAME.to_string(),
                |s| manifest::shard_file_name(s.index, s.count),
            )),
            skip_fresh: context.options.incremental,
            fonts: manifest::fonts_fingerprint(context.options.fonts),
            options: context.options.fingerprint(),
        }
    }

    /// Writes the manifest of the folder `output` goes to, which no later job of the run writes into, and
    /// lets it go (see [`Manifests::finish`]); returns the problem (it costs only a rebuild next time).
    pub fn finish(&self, output: &Path) -> Option<Text> {
        self.manifests.finish(output)
    }

    /// Writes the updated manifests; returns the problems (each costs only a rebuild next time).
    pub fn save(&self) -> Vec<Text> {
        self.manifests.save()
    }
}

/// Parsed templates by (override folder, layout), as this run found them: a context lives for one run, and
/// `watch` makes a new one for every rebuild, so an edited template is seen (the parse itself is kept in
/// [`parsed`] as long as the files are unchanged).
type TemplateCache = HashMap<(Option<PathBuf>, Layout), Arc<Templates>>;

/// Everything the files of one run share; see the module documentation.
pub struct BuildContext {
    /// The run's options.
    pub options: Options,
    templates: Mutex<TemplateCache>,
    fingerprints: Mutex<HashMap<Option<PathBuf>, Result<String, Text>>>,
    projects: Mutex<HashMap<PathBuf, ProjectFound>>,
}

/// The `bienban.toml` governing a folder: none, read, or unreadable (the reason).
type ProjectFound = Result<Option<Arc<Project>>, Text>;

/// A file that passed its checks: its source and the data its template needs.
pub struct Checked {
    /// The file as read.
    pub file: SourceFile,
    /// The validated minutes.
    pub minutes: Minutes,
    /// The template data.
    pub view: View,
}

impl BuildContext {
    /// A context for a run with `options`.
    pub fn new(options: Options) -> Self {
        Self {
            options,
            templates: Mutex::new(HashMap::new()),
            fingerprints: Mutex::new(HashMap::new()),
            projects: Mutex::new(HashMap::new()),
        }
    }

    /// The `bienban.toml` that governs a minutes file (found by walking up from its folder, read once per
    /// folder and run), if any.
    pub fn project(&self, input: &Path) -> ProjectFound {
        let folder = folder_of(input).to_path_buf();
        if let Some(found) = lock(&self.projects).get(&folder) {
            return found.clone();
        }
        let found = match project::find(&folder) {
            None => Ok(None),
            Some(path) => project::load(&path).map(|p| Some(Arc::new(p))),
        };
        lock(&self.projects).insert(folder, found.clone());
        found
    }

    /// The template policy: `--templates DIR` when given; else the folder `bienban.toml` names; else a
    /// `templates/` folder beside the minutes file; else a `templates/` folder beside `bienban.toml` (the
    /// archive's, for every file below it).
    pub fn template_dir(&self, input: &Path) -> Option<PathBuf> {
        if let Some(dir) = &self.options.templates {
            return Some(dir.clone());
        }
        let project = self.project(input).ok().flatten();
        if let Some(dir) = project.as_ref().and_then(|p| p.templates.clone()) {
            return Some(dir);
        }
        Some(folder_of(input).join("templates"))
            .filter(|d| d.is_dir())
            .or_else(|| {
                project
                    .map(|p| p.root.join("templates"))
                    .filter(|d| d.is_dir())
            })
    }

    /// The parsed templates for an override folder and layout: the files are fingerprinted once per context,
    /// and parsed only when that version of them was not parsed before in this process.
    pub fn templates(&self, dir: Option<&Path>, layout: Layout) -> Result<Arc<Templates>, Text> {
        let key = (dir.map(Path::to_path_buf), layout);
        if let Some(found) = lock(&self.templates).get(&key) {
            return Ok(found.clone());
        }
        // The built-in templates cannot change while the process runs.
        let fingerprint = match dir {
            Some(_) => self.templates_fingerprint(dir)?,
            None => String::new(),
        };
        let templates = parsed::templates(dir, layout, &fingerprint)?;
        lock(&self.templates).insert(key, templates.clone());
        Ok(templates)
    }

    /// The fingerprint of the templates a file is rendered with, computed once per folder.
    fn templates_fingerprint(&self, dir: Option<&Path>) -> Result<String, Text> {
        lock(&self.fingerprints)
            .entry(dir.map(Path::to_path_buf))
            .or_insert_with(|| {
                manifest::templates_fingerprint(dir).map_err(|e| {
                    t(
                        format!("failed to read templates ({e})"),
                        format!("không đọc được mẫu ({})", read::io_vi(&e)),
                    )
                })
            })
            .clone()
    }

    /// Reads and checks one file: every diagnostic, and the data for its template when it has no error.
    pub fn check_file(&self, input: &Path) -> (FileResult, Option<Checked>) {
        let (file, read_diags) = match read::read(input) {
            Ok(read) => read,
            Err(message) => {
                let mut result = FileResult::new(input.to_path_buf());
                result.failures.push(message);
                return (result, None);
            }
        };
        // A broken `bienban.toml` is reported here; `check_source` finds the project again (it is cached).
        match self.project(input) {
            Ok(_) => {}
            Err(message) => {
                let mut result = FileResult::new(input.to_path_buf());
                result.diagnostics = read_diags;
                result.failures.push(message);
                result.file = Some(file);
                return (result, None);
            }
        };
        if read_diags.iter().any(Diagnostic::is_error) {
            let mut result = FileResult::new(input.to_path_buf());
            result.diagnostics = read_diags;
            result.file = Some(file);
            return (result, None);
        }
        let (mut result, checked) = self.check_source(file);
        result.input = input.to_path_buf();
        result.diagnostics.splice(0..0, read_diags);
        (result, checked)
    }

    /// Checks a file already in memory (an editor's unsaved text): every diagnostic, and the data for its
    /// template when it has no error. [`BuildContext::check_file`] reads the file and comes here.
    pub fn check_source(&self, file: SourceFile) -> (FileResult, Option<Checked>) {
        let (result, checked, _) = self.check_source_keeping(file, false);
        (result, checked)
    }

    /// [`BuildContext::check_source`], with the front matter as read when `keep` (the language server reads
    /// it for completion and hover).
    pub fn check_source_keeping(
        &self,
        file: SourceFile,
        keep: bool,
    ) -> (FileResult, Option<Checked>, Option<FrontMatter>) {
        let mut result = FileResult::new(file.path.clone());
        // The defaults of the project the file belongs to (`bienban.toml`); a broken one was reported by
        // `check_file`, and an editor's buffer is checked without it.
        let project = self.project(&file.path).ok().flatten();
        let Prepared {
            minutes,
            view,
            diagnostics,
            front_matter,
        } = prepare::prepare_keeping(
            &file,
            self.options.fonts,
            self.options.today,
            project.as_deref(),
            keep,
        );
        result.diagnostics = diagnostics;
        let checked = match (minutes, view) {
            (Some(minutes), Some(view)) => Some(Checked {
                file: file.clone(),
                minutes,
                view,
            }),
            _ => None,
        };
        // A file without errors must be one that builds: nothing may fail in silence.
        if checked.is_none() && !result.failed() {
            result.failures.push(t(
                "failed to check the file (no error was found, but its data could not be made ready for the template)",
                "không kiểm tra được tệp (không thấy lỗi nào, nhưng không chuẩn bị được dữ liệu cho mẫu)",
            ));
        }
        result.file = Some(file);
        (result, checked, front_matter)
    }

    /// A checked file typeset in memory into pages (the live preview turns them into SVG); nothing is written.
    pub fn typeset_pages(&self, job: &Job, checked: &Checked) -> Result<PagedDocument, Vec<Text>> {
        let source = self.typst_source(job, checked).map_err(|e| vec![e])?;
        let root = Some(folder_of(&job.input));
        let world = MinutesWorld::new(source, root, self.options.fonts, checked.minutes.date);
        let explain = self.explainer(job, checked);
        compile::typeset(&world).map_err(|problems| problems.iter().map(explain).collect())
    }

    /// Words typst errors for the clerk: each traced back to the template file and line that made the line
    /// typst refused (a user's template, most likely), or else named by its generated line.
    fn explainer(&self, job: &Job, checked: &Checked) -> impl Fn(&TypstProblem) -> Text + use<> {
        let dir = self.template_dir(&job.input);
        let templates = self.templates(dir.as_deref(), checked.minutes.layout).ok();
        move |problem: &TypstProblem| {
            let spot = problem
                .line
                .as_ref()
                .and_then(|(_, line)| templates.as_ref()?.locate_generated(line));
            match spot {
                Some(spot) => {
                    let at = spot.describe();
                    let (message, hints) = (&problem.message, problem.hints_text());
                    t(
                        format!("failed to typeset: {}: {message}{hints}", at.en),
                        format!(
                            "không dàn trang được: {}: lỗi của typst: {message}{hints}",
                            at.vi
                        ),
                    )
                }
                None => compile::plain_problem(problem),
            }
        }
    }

    /// A check's promise is that the file builds: with a user's templates that holds only once they render
    /// and typeset this file (the built-in templates are tested with every kind of minutes, so a check without
    /// overrides skips this work). Typesets in memory; nothing is written.
    fn check_user_templates(&self, job: &Job, checked: &Checked) -> Vec<Text> {
        let dir = self.template_dir(&job.input);
        match self.templates(dir.as_deref(), checked.minutes.layout) {
            Ok(templates) if templates.has_overrides() => {}
            Ok(_) => return vec![],
            Err(e) => return vec![e],
        }
        match self.typeset_pages(job, checked) {
            Ok(_) => vec![],
            Err(problems) => problems,
        }
    }

    /// Builds one file: checks it and, unless the run only checks, renders and writes its output.
    pub fn build_file(&self, job: &Job) -> FileResult {
        self.build_file_with(job, None)
    }

    /// [`BuildContext::build_file`] in an incremental run: an output whose inputs are unchanged is skipped,
    /// and a written one is recorded.
    pub fn build_file_with(&self, job: &Job, incremental: Option<&Incremental>) -> FileResult {
        if let Some(inc) = incremental
            && inc.skip_fresh
            && !self.options.check_only
            && self.quick_fresh(inc, job)
        {
            let mut result = FileResult::new(job.input.clone());
            result.skipped = true;
            return result;
        }
        let (mut result, checked) = self.check_file(&job.input);
        let Some(checked) = checked else {
            return result;
        };
        if self.options.check_only {
            result
                .failures
                .extend(self.check_user_templates(job, &checked));
            return result;
        }
        if same_file(&job.input, &job.output) {
            let shown = job.output.display();
            result.failures.push(t(
                format!("refused to write {shown} (it is the input file)"),
                format!("từ chối ghi {shown} (đó là chính tệp nguồn)"),
            ));
            return result;
        }
        // The key is computed before typesetting: when it matches the manifest, the work below is skipped.
        let key = match incremental.map(|inc| self.incremental_key(inc, job, &checked)) {
            Some(Ok(key)) => Some(key),
            Some(Err(e)) => {
                result.failures.push(e);
                return result;
            }
            None => None,
        };
        if let (Some(inc), Some(key)) = (incremental, &key)
            && inc.skip_fresh
            && inc.manifests.is_fresh(&job.output, key)
        {
            result.skipped = true;
            return result;
        }
        match self.outputs(job, &checked) {
            Ok(outputs) => {
                result.notes.extend(self.attachment_note(job));
                if self.options.verbose {
                    result.notes.extend(self.templates_note(job, &checked));
                }
                let record = incremental.zip(key).map(|(inc, key)| {
                    let quick =
                        self.quick_key(inc, job, checked.file.bytes(), &checked.view.images);
                    (
                        inc,
                        key,
                        (quick.unwrap_or_default(), checked.view.images.clone()),
                    )
                });
                self.write(job, outputs, record, &mut result)
            }
            Err(failures) => result.failures.extend(failures),
        }
        // "Built" means written: a build that wrote nothing is a failure with a reason.
        if result.written.is_none() && result.failures.is_empty() {
            result.failures.push(t(
                "failed to build (typesetting produced no output)",
                "không dựng được (dàn trang không tạo ra tệp nào)",
            ));
        }
        result
    }

    /// Which template files a file's build used: each built-in one, or the override that replaced it.
    fn templates_note(&self, job: &Job, checked: &Checked) -> Option<Text> {
        let dir = self.template_dir(&job.input);
        let templates = self
            .templates(dir.as_deref(), checked.minutes.layout)
            .ok()?;
        let (en, vi): (Vec<String>, Vec<String>) = templates
            .used(checked.minutes.layout)
            .into_iter()
            .map(|(name, from)| match from {
                Some(path) => {
                    let shown = path.display();
                    (format!("{name} ← {shown}"), format!("{name} ← {shown}"))
                }
                None => (format!("{name} (built-in)"), format!("{name} (có sẵn)")),
            })
            .unzip();
        Some(t(
            format!("templates used: {}", en.join(", ")),
            format!("mẫu đã dùng: {}", vi.join(", ")),
        ))
    }

    /// When an archival copy attaches the source under another name than its own (see
    /// [`attach::attachment_names`]), a note saying which.
    fn attachment_note(&self, job: &Job) -> Option<Text> {
        let name = ident(&job.input);
        let (attached, _) = attach::attachment_names(&name);
        if !self.options.standards.contains(&Standard::A3b) || attached == name {
            return None;
        }
        Some(t(
            format!(
                "the source is attached as “{attached}” (typst refuses a backslash in an attachment name); `extract` writes it under that name"
            ),
            format!(
                "bản gốc được đính kèm với tên “{attached}” (typst không nhận dấu gạch chéo ngược trong tên tệp đính kèm); `extract` sẽ ghi ra với tên đó"
            ),
        ))
    }

    /// What a file's output is made of, hashed: its text, the bytes of every image it shows, the templates,
    /// the fonts and the options.
    fn incremental_key(
        &self,
        inc: &Incremental,
        job: &Job,
        checked: &Checked,
    ) -> Result<String, Text> {
        let templates = self.templates_fingerprint(self.template_dir(&job.input).as_deref())?;
        let project = self.project(&job.input).ok().flatten();
        let source = format!(
            "{}\0{}\0{}\0{}",
            checked.file.text,
            project.map_or(String::new(), |p| p.text.clone()),
            // The bytes too: an archival copy attaches them (a BOM added or removed changes the PDF).
            manifest::hash(&[checked.file.bytes()]),
            manifest::images_fingerprint(folder_of(&job.input), &checked.view.images)
        );
        Ok(manifest::key(&source, &templates, &inc.fonts, &inc.options))
    }

    /// The quick key of a source's bytes with the images it shows (see [`manifest::Entry::quick`]).
    fn quick_key(
        &self,
        inc: &Incremental,
        job: &Job,
        bytes: &[u8],
        images: &[String],
    ) -> Result<String, Text> {
        let templates = self.templates_fingerprint(self.template_dir(&job.input).as_deref())?;
        Ok(manifest::quick_key(
            bytes,
            folder_of(&job.input),
            images,
            &templates,
            &inc.fonts,
            &inc.options,
        ))
    }

    /// Whether a file is up to date without checking it: its bytes, its images, the templates, fonts and
    /// options hash as when its output was written, and the output is still the file written.
    fn quick_fresh(&self, inc: &Incremental, job: &Job) -> bool {
        let Some(entry) = inc.manifests.entry(&job.output) else {
            return false;
        };
        let Ok(bytes) = read::read_regular(&job.input, read::MAX_FILE_BYTES) else {
            return false;
        };
        self.quick_key(inc, job, &bytes, &entry.images)
            .is_ok_and(|quick| Manifests::is_quick_fresh(&entry, &job.output, &quick))
    }

    /// The Typst source of a checked file, finished for the run's standards (PDF/A-3b attaches the source).
    pub fn typst_source(&self, job: &Job, checked: &Checked) -> Result<String, Text> {
        let dir = self.template_dir(&job.input);
        let templates = self.templates(dir.as_deref(), checked.minutes.layout)?;
        let source = templates
            .render(checked.minutes.layout, &checked.view)
            .map_err(|e| e.text("failed to render the template", "không điền được mẫu"))?;
        Ok(attach::finish_source(
            source,
            &ident(&job.input),
            checked.file.bytes(),
            &checked.minutes,
            &self.options.standards,
        ))
    }

    /// The files a checked file turns into (the PDF, the Typst source or one preview per page), in memory.
    pub fn outputs(
        &self,
        job: &Job,
        checked: &Checked,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>, Vec<Text>> {
        // Refused before typesetting when the text alone is sure to pass the page budget (typst would spend
        // half a minute and gigabytes on 12 000 pages only for the result to be refused).
        if self.options.format != OutputFormat::Typst
            && let Some(problem) = compile::surely_too_long(&checked.file.text)
        {
            return Err(vec![problem]);
        }
        let source = self.typst_source(job, checked).map_err(|e| vec![e])?;
        let ident = ident(&job.input);
        let render = Render {
            fonts: self.options.fonts,
            root: Some(folder_of(&job.input)),
            date: checked.minutes.date,
            ident: &ident,
            standards: &self.options.standards,
            ppi: self.options.ppi,
            explain: &self.explainer(job, checked),
        };
        output::outputs(source, &job.output, self.options.format, &render)
    }

    /// Writes each output atomically and, in an incremental run, records the main one in the manifest.
    fn write(
        &self,
        job: &Job,
        outputs: Vec<(PathBuf, Vec<u8>)>,
        mut record: Option<Record<'_>>,
        result: &mut FileResult,
    ) {
        for (path, bytes) in outputs {
            match write_atomic(&path, &bytes) {
                Ok(()) => {
                    if path == job.output
                        && let Some((inc, key, quick)) = record.take()
                    {
                        inc.manifests.record_quick(&job.output, key, quick, &bytes);
                    }
                    if result.written.is_none() {
                        result.written = Some(path);
                    } else {
                        result.also_written.push(path);
                    }
                }
                Err(e) => result.failures.push(t(
                    format!("failed to write {} ({e})", path.display()),
                    format!("không ghi được {} ({})", path.display(), read::io_vi(&e)),
                )),
            }
        }
    }
}

/// What an incremental run records for a written output: the run's state, the key, and the quick key with
/// the images it was computed from.
type Record<'a> = (&'a Incremental, String, (String, Vec<String>));

/// The folder a minutes file's images and templates are found in.
pub fn folder_of(input: &Path) -> &Path {
    input
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The PDF's stable identifier: the source's file name.
fn ident(input: &Path) -> String {
    input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A poisoned lock only means another file's build panicked; the cache itself is still consistent.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

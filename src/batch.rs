//! Building and checking many files: finding the minutes files below a folder, choosing each output path,
//! running the pipeline on all cores (with a progress display), skipping outputs that are up to date (see
//! [`crate::manifest`]), and collecting every file's diagnostics in a stable order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::fonts::FontSet;
use crate::manifest::{self, Manifests};
use crate::pipeline;
use crate::source::SourceFile;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// The PDF (default).
    #[default]
    Pdf,
    /// The generated Typst source, standalone (compiles with the `typst` CLI and `--font-path fonts`).
    Typst,
    /// A PNG preview of each page (`<stem>-1.png`, …), at `--ppi`.
    Png,
    /// An SVG preview of each page (`<stem>-1.svg`, …).
    Svg,
}

/// Options shared by every file of a run.
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
    pub standards: Vec<crate::compile::Standard>,
    /// PNG preview resolution, pixels per inch.
    pub ppi: f32,
    /// Skip a file whose output is up to date (per the manifest beside the outputs); false rebuilds everything.
    pub incremental: bool,
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
            standards: vec![],
            ppi: 144.0,
        }
    }
}

/// Every option that changes an output's bytes, as text for the incremental key. An option added to
/// [`Options`] that changes the output must be added here, or stale outputs would be kept.
fn options_fingerprint(options: &Options) -> String {
    format!(
        "format={:?};standards={:?};ppi={}",
        options.format, options.standards, options.ppi
    )
}

/// A minutes file to process and where its output goes.
#[derive(Debug, Clone)]
pub struct Job {
    /// The source.
    pub input: PathBuf,
    /// The output path.
    pub output: PathBuf,
}

/// The result of one file.
pub struct FileResult {
    /// The file (its text, for showing diagnostics); None when it could not be read.
    pub file: Option<SourceFile>,
    /// The input path.
    pub input: PathBuf,
    /// Diagnostics, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Errors that have no place in the file (I/O, typesetting).
    pub failures: Vec<String>,
    /// The written output, if any.
    pub written: Option<PathBuf>,
    /// Further files written (the pages after the first of a PNG or SVG preview).
    pub also_written: Vec<PathBuf>,
    /// The output was up to date and was not rebuilt.
    pub skipped: bool,
}

impl FileResult {
    /// Whether the file failed (an error diagnostic or a failure).
    pub fn failed(&self) -> bool {
        !self.failures.is_empty() || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Whether a file looks like a minutes file: `.md` and starting with a front matter fence.
fn is_minutes(path: &Path) -> bool {
    if path.extension().and_then(|e| e.to_str()) != Some("md") {
        return false;
    }
    let Ok(bytes) = std::fs::read(path) else {
        return true;
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    bytes.starts_with(b"---\n") || bytes.starts_with(b"---\r\n")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            // Hidden folders, build output and template folders hold no minutes.
            if !name.starts_with('.')
                && name != "target"
                && name != "templates"
                && name != "node_modules"
            {
                walk(&path, out)?;
            }
        } else if is_minutes(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// The jobs for the given paths: each file as is; each folder as every minutes file below it.
pub fn plan(
    paths: &[PathBuf],
    out_dir: Option<&Path>,
    format: OutputFormat,
) -> Result<Vec<Job>, String> {
    let ext = match format {
        OutputFormat::Pdf => "pdf",
        OutputFormat::Typst => "typ",
        OutputFormat::Png => "png",
        OutputFormat::Svg => "svg",
    };
    let mut jobs = vec![];
    for path in paths {
        if path.is_dir() {
            let mut files = vec![];
            walk(path, &mut files)
                .map_err(|e| format!("failed to read folder {} ({e})", path.display()))?;
            for file in files {
                let relative = file.strip_prefix(path).unwrap_or(&file).with_extension(ext);
                let output = match out_dir {
                    Some(dir) => dir.join(relative),
                    None => file.with_extension(ext),
                };
                jobs.push(Job {
                    input: file,
                    output,
                });
            }
        } else if path.exists() {
            let name = Path::new(path.file_name().unwrap_or_default()).with_extension(ext);
            let output = match out_dir {
                Some(dir) => dir.join(name),
                None => path.with_extension(ext),
            };
            jobs.push(Job {
                input: path.clone(),
                output,
            });
        } else {
            return Err(format!(
                "failed to find {} (no such file or folder)",
                path.display()
            ));
        }
    }
    Ok(jobs)
}

/// How a run shows its progress.
pub enum Progress {
    /// Nothing (quiet, or checking).
    Hidden,
    /// A progress bar (stderr is a terminal).
    Bar(ProgressBar),
    /// A plain line per file on stderr (logs, CI).
    Lines {
        /// Files in the run.
        total: usize,
        /// Files done so far.
        done: AtomicUsize,
    },
}

impl Progress {
    /// A bar on a terminal, plain lines otherwise, nothing when `quiet`.
    pub fn new(total: usize, quiet: bool) -> Self {
        use std::io::IsTerminal;
        if quiet {
            Progress::Hidden
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}",
            ) {
                bar.set_style(style);
            }
            Progress::Bar(bar)
        } else {
            Progress::Lines {
                total,
                done: AtomicUsize::new(0),
            }
        }
    }

    fn file_done(&self, result: &FileResult) {
        let status = if result.failed() {
            "failed"
        } else if result.skipped {
            "up to date"
        } else {
            "built"
        };
        match self {
            Progress::Hidden => {}
            Progress::Bar(bar) => {
                bar.set_message(result.input.display().to_string());
                bar.inc(1);
            }
            Progress::Lines { total, done } => {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                eprintln!("[{n}/{total}] {status}: {}", result.input.display());
            }
        }
    }

    /// Removes the bar, so that what is printed next stands alone.
    pub fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// State shared by the files of an incremental run.
struct Incremental {
    manifests: Manifests,
    fonts: String,
    options: String,
    /// Templates fingerprint by override folder (computed once per folder).
    templates: Mutex<HashMap<Option<PathBuf>, Result<String, String>>>,
}

impl Incremental {
    fn templates(&self, dir: Option<&Path>) -> Result<String, String> {
        let mut cache = self.templates.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(dir.map(Path::to_path_buf))
            .or_insert_with(|| {
                manifest::templates_fingerprint(dir)
                    .map_err(|e| format!("failed to read templates ({e})"))
            })
            .clone()
    }
}

/// Runs every job on the current rayon pool; results come back in job order.
pub fn run(jobs: &[Job], options: &Options) -> Vec<FileResult> {
    run_with(jobs, options, &Progress::Hidden)
}

/// Runs every job on the current rayon pool, showing `progress`; results come back in job order. In an
/// incremental run, up-to-date outputs are skipped and the manifests are updated at the end.
pub fn run_with(jobs: &[Job], options: &Options, progress: &Progress) -> Vec<FileResult> {
    let incremental = (options.incremental && !options.check_only).then(|| Incremental {
        manifests: Manifests::load(jobs.iter().map(|j| j.output.as_path())),
        fonts: manifest::fonts_fingerprint(options.fonts),
        options: options_fingerprint(options),
        templates: Mutex::new(HashMap::new()),
    });
    let results: Vec<FileResult> = jobs
        .par_iter()
        .map(|job| {
            let result = process(job, options, incremental.as_ref());
            progress.file_done(&result);
            result
        })
        .collect();
    progress.finish();
    if let Some(incremental) = &incremental {
        // A manifest that cannot be written costs only a rebuild next time: a warning, not a failure.
        for problem in incremental.manifests.save() {
            eprintln!("warning: {problem}");
        }
    }
    // typst's memoisation cache is global; drop what this batch no longer needs.
    comemo::evict(0);
    results
}

/// Processes one file: check it, and unless checking only, render and write its output.
pub fn run_one(job: &Job, options: &Options) -> FileResult {
    process(job, options, None)
}

fn process(job: &Job, options: &Options, incremental: Option<&Incremental>) -> FileResult {
    let mut result = FileResult {
        file: None,
        input: job.input.clone(),
        diagnostics: vec![],
        failures: vec![],
        written: None,
        also_written: vec![],
        skipped: false,
    };
    let (file, read_diags) = match pipeline::read(&job.input) {
        Ok(read) => read,
        Err(message) => {
            result.failures.push(message);
            return result;
        }
    };
    result.diagnostics = read_diags;
    if result.failed() {
        result.file = Some(file);
        return result;
    }
    let prepared = pipeline::prepare(&file, options.fonts, options.today);
    result.diagnostics.extend(prepared.diagnostics);
    result.file = Some(file);
    let (Some(minutes), Some(view)) = (prepared.minutes, prepared.view) else {
        return result;
    };
    if options.check_only {
        return result;
    }
    if same_file(&job.input, &job.output) {
        result.failures.push(format!(
            "refused to write {} (it is the input file)",
            job.output.display()
        ));
        return result;
    }
    let folder = job
        .input
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let template_dir = options
        .templates
        .clone()
        .or_else(|| Some(folder.join("templates")).filter(|d| d.is_dir()));
    // The key is computed before typesetting: when it matches the manifest, the work below is skipped.
    let key = match incremental {
        Some(inc) => match inc.templates(template_dir.as_deref()) {
            Ok(templates) => {
                // The source's text and the bytes of every image it shows.
                let source = format!(
                    "{}\0{}",
                    result.file.as_ref().map_or("", |f| f.text.as_str()),
                    manifest::images_fingerprint(folder, &view.images)
                );
                Some(manifest::key(&source, &templates, &inc.fonts, &inc.options))
            }
            Err(e) => {
                result.failures.push(e);
                return result;
            }
        },
        None => None,
    };
    if let (Some(inc), Some(key)) = (incremental, &key)
        && inc.manifests.is_fresh(&job.output, key)
    {
        result.skipped = true;
        return result;
    }
    let templates = match crate::template::shared(template_dir.as_deref(), minutes.layout) {
        Ok(t) => t,
        Err(e) => {
            result
                .failures
                .push(format!("failed to load templates ({e})"));
            return result;
        }
    };
    let source = match pipeline::typst_source(&view, &minutes, &templates) {
        Ok(s) => s,
        Err(e) => {
            result
                .failures
                .push(format!("failed to render the template ({e})"));
            return result;
        }
    };
    let ident = job
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = result.file.as_ref().map_or("", |f| f.text.as_str());
    let source = crate::archive::finish_source(source, &ident, text, &minutes, &options.standards);
    let render = crate::compile::Render {
        fonts: options.fonts,
        root: Some(folder),
        date: minutes.date,
        ident: &ident,
        standards: &options.standards,
        ppi: options.ppi,
    };
    let outputs = match crate::compile::outputs(source, &job.output, options.format, &render) {
        Ok(outputs) => outputs,
        Err(errors) => {
            result.failures.extend(
                errors
                    .into_iter()
                    .map(|e| format!("failed to typeset ({e})")),
            );
            return result;
        }
    };
    for (path, bytes) in outputs {
        match crate::compile::write_atomic(&path, &bytes) {
            Ok(()) => {
                if path == job.output
                    && let (Some(inc), Some(key)) = (incremental, &key)
                {
                    inc.manifests.record(&job.output, key.clone(), &bytes);
                }
                if result.written.is_none() {
                    result.written = Some(path);
                } else {
                    result.also_written.push(path);
                }
            }
            Err(e) => result
                .failures
                .push(format!("failed to write {} ({e})", path.display())),
        }
    }
    result
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

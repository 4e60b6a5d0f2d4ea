//! Building and checking many files: finding the minutes files below a folder, choosing each output path,
//! running the pipeline on all cores, and collecting every file's diagnostics in a stable order.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::fonts::FontSet;
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

/// Runs every job on the current rayon pool; results come back in job order.
pub fn run(jobs: &[Job], options: &Options) -> Vec<FileResult> {
    let results = jobs.par_iter().map(|job| run_one(job, options)).collect();
    // typst's memoisation cache is global; drop what this batch no longer needs.
    comemo::evict(0);
    results
}

/// Processes one file: check it, and unless checking only, render and write its output.
pub fn run_one(job: &Job, options: &Options) -> FileResult {
    let mut result = FileResult {
        file: None,
        input: job.input.clone(),
        diagnostics: vec![],
        failures: vec![],
        written: None,
        also_written: vec![],
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
    let templates = match crate::template::shared(template_dir.as_deref()) {
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
            Ok(()) if result.written.is_none() => result.written = Some(path),
            Ok(()) => result.also_written.push(path),
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

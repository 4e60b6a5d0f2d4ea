//! The `bienban` command: parse the arguments, run the pipeline, print diagnostics, map the result to an exit
//! code (0 success, 1 a file has errors, 2 usage error).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use bienban::batch::{self, OutputFormat};
use bienban::cli::{
    BuildArgs, CheckArgs, Cli, Command, DiagArgs, ExtractArgs, IndexArgs, IndexFormat, NewArgs,
    VerifyArgs, WatchArgs,
};
use bienban::diag::{self, Severity, Style};
use bienban::fonts::FontSet;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Extract(args) => extract(args),
        Command::Verify(args) => verify(args),
        Command::Schema => {
            let schema = schemars::schema_for!(bienban::model::RawMinutes);
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Command::New(args) => new_file(args),
        Command::Index(args) => index(args),
        Command::Watch(args) => watch(args),
    }
}

fn style(args: &DiagArgs) -> Style {
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Style {
        format: args.diagnostic_format,
        lang: args.lang,
        color,
    }
}

fn fonts(path: Option<&PathBuf>) -> Result<&'static FontSet, String> {
    match path {
        None => Ok(FontSet::bundled()),
        Some(dir) => FontSet::with_folder(dir)
            .map(|set| &*Box::leak(Box::new(set)))
            .map_err(|e| format!("failed to read fonts from {} ({e})", dir.display())),
    }
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("minutes")]
    } else {
        paths
    }
}

/// Stack size of the worker threads (typst and Tera recurse deeply).
const WORKER_STACK: usize = 32 << 20;

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// The global worker pool: `jobs` threads (default: one per core) with deep stacks, because Tera's parser and
/// typst's layout recurse deeply on long or nested minutes.
fn worker_pool(jobs: Option<usize>) {
    // Only fails if a pool already exists, which cannot happen this early. A worker waiting in a join runs
    // other files' work on top of its own stack (0 threads = one per core).
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.map_or(0, |j| j.max(1)))
        .stack_size(WORKER_STACK)
        .build_global();
}

/// A malformed `SOURCE_DATE_EPOCH` is a usage error: silently ignoring it would break reproducibility.
fn check_source_date_epoch() -> Result<(), ExitCode> {
    bienban::compile::source_date_epoch()
        .map(|_| ())
        .map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::from(2)
        })
}

fn extract(args: ExtractArgs) -> ExitCode {
    match bienban::archive::extract(&args.pdf, args.out_dir.as_deref(), args.force) {
        Ok(done) => {
            for item in done {
                match item {
                    bienban::archive::Extracted::Written(path) => println!("{}", path.display()),
                    bienban::archive::Extracted::Unchanged(path) => {
                        eprintln!("unchanged: {}", path.display())
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn verify(args: VerifyArgs) -> ExitCode {
    if let Err(code) = check_source_date_epoch() {
        return code;
    }
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let options = bienban::verify::VerifyOptions {
        fonts,
        templates: args.templates.as_deref(),
        standards: args.pdf_standard,
    };
    match bienban::verify::verify(&args.source, &args.pdf, &options) {
        Ok(()) => {
            println!(
                "{} is the build of {}",
                args.pdf.display(),
                args.source.display()
            );
            ExitCode::SUCCESS
        }
        Err(reason) => fail(&reason),
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    if let Err(code) = check_source_date_epoch() {
        return code;
    }
    let style = style(&args.diag);
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    worker_pool(args.jobs);
    let paths = default_paths(args.paths);
    let jobs = match batch::plan(&paths, args.out_dir.as_deref(), args.format) {
        Ok(jobs) => jobs,
        Err(e) => return fail(&e),
    };
    if !args.diag.quiet && args.format == OutputFormat::Pdf {
        eprintln!("font: {}", fonts.primary_family());
    }
    let options = batch::Options {
        out_dir: args.out_dir,
        templates: args.templates,
        fonts,
        format: args.format,
        standards: args.pdf_standard,
        ppi: args.ppi,
        incremental: !args.force,
        ..batch::Options::default()
    };
    let progress = batch::Progress::new(jobs.len(), args.diag.quiet);
    let results = batch::run_with(&jobs, &options, &progress);
    report(&results, style, args.diag.quiet, Some(started))
}

fn check(args: CheckArgs) -> ExitCode {
    worker_pool(None);
    let style = style(&args.diag);
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let paths = default_paths(args.paths);
    let jobs = match batch::plan(&paths, None, OutputFormat::Pdf) {
        Ok(jobs) => jobs,
        Err(e) => return fail(&e),
    };
    let options = batch::Options {
        fonts,
        check_only: true,
        ..batch::Options::default()
    };
    let results = batch::run(&jobs, &options);
    report(&results, style, args.diag.quiet, None)
}

/// Prints one file's diagnostics and failures (stderr) and its written output (stdout).
fn print_file(result: &batch::FileResult, style: Style, quiet: bool) {
    if let Some(file) = &result.file {
        for d in &result.diagnostics {
            if quiet && d.severity == Severity::Warning {
                continue;
            }
            eprint!("{}", diag::render(d, file, style));
        }
    }
    for failure in &result.failures {
        eprintln!("error: {}: {failure}", result.input.display());
    }
    for written in result.written.iter().chain(&result.also_written) {
        println!("{}", written.display());
    }
}

/// Prints every file's diagnostics and failures, the written files, and a summary; returns the exit code.
fn report(
    results: &[batch::FileResult],
    style: Style,
    quiet: bool,
    started: Option<Instant>,
) -> ExitCode {
    let mut failed = 0;
    for result in results {
        print_file(result, style, quiet);
        if result.failed() {
            failed += 1;
        }
    }
    let (errors, warnings) = results.iter().fold((0, 0), |(e, w), r| {
        let (de, dw) = diag::tally(&r.diagnostics);
        (e + de + r.failures.len(), w + dw)
    });
    if !quiet {
        match started {
            Some(started) => {
                let skipped = results.iter().filter(|r| r.skipped).count();
                eprintln!(
                    "{} built, {skipped} skipped (up to date), {failed} failed in {:.2} s ({errors} errors, {warnings} warnings)",
                    results.len() - failed - skipped,
                    started.elapsed().as_secs_f64()
                );
            }
            None => eprintln!(
                "{} checked: {} passed, {failed} failed ({errors} errors, {warnings} warnings)",
                plural(results.len(), "file", "files"),
                results.len() - failed
            ),
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `1 file`, `2 files`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn new_file(args: NewArgs) -> ExitCode {
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let path = args.file.unwrap_or_else(|| {
        PathBuf::from("minutes").join(format!("{}-bien-ban.md", date.format("%Y-%m-%d")))
    });
    let text = bienban::skeleton::skeleton(args.layout, args.kind, date);
    match bienban::skeleton::write_new(&path, &text) {
        Ok(()) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn index(args: IndexArgs) -> ExitCode {
    use bienban::register::{self, Register};
    use bienban::register_out as out;
    let style = style(&args.diag);
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("minutes"));
    if !dir.is_dir() {
        return fail(&format!(
            "failed to read folder {} (no such folder)",
            dir.display()
        ));
    }
    worker_pool(None);
    let today = chrono::Local::now().date_naive();
    let register = match Register::collect(&dir, fonts, today) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    for entry in &register.entries {
        for d in entry.errors.iter().chain(&entry.register) {
            if args.diag.quiet && d.severity == Severity::Warning {
                continue;
            }
            eprint!("{}", diag::render(d, &entry.file, style));
        }
    }
    for failure in &register.failures {
        eprintln!("error: {failure}");
    }
    let rows = register.rows();
    let as_of = args.as_of.unwrap_or(today);
    let remedies = args.remedies.then(|| register.remedies(as_of));
    let text = match (&remedies, args.format) {
        (_, IndexFormat::Pdf) => None,
        (None, IndexFormat::Markdown) => Some(out::rows_markdown(&rows)),
        (None, IndexFormat::Csv) => Some(out::rows_csv(&rows)),
        (None, IndexFormat::Json) => Some(out::json(&rows)),
        (Some(list), IndexFormat::Markdown) => Some(out::remedies_markdown(list)),
        (Some(list), IndexFormat::Csv) => Some(out::remedies_csv(list)),
        (Some(list), IndexFormat::Json) => Some(out::json(list)),
    };
    let written = match text {
        Some(text) => match &args.output {
            Some(path) => bienban::compile::write_atomic(path, text.as_bytes())
                .map(|()| Some(path.clone()))
                .map_err(|e| format!("failed to write {} ({e})", path.display())),
            None => {
                print!("{text}");
                Ok(None)
            }
        },
        None => {
            let path = register::pdf_path(&dir, args.output.as_deref());
            // A `templates/` folder beside the minutes may override the register's template too.
            let overrides = Some(dir.join("templates")).filter(|d| d.is_dir());
            bienban::template::Templates::load(overrides.as_deref())
                .and_then(|templates| {
                    out::pdf(
                        &rows,
                        remedies.as_deref().map(|l| (l, as_of)),
                        &templates,
                        fonts,
                    )
                })
                .and_then(|bytes| {
                    bienban::compile::write_atomic(&path, &bytes)
                        .map_err(|e| format!("failed to write {} ({e})", path.display()))
                })
                .map(|()| Some(path))
        }
    };
    match written {
        Ok(Some(path)) => println!("{}", path.display()),
        Ok(None) => {}
        Err(e) => return fail(&e),
    }
    if !args.diag.quiet {
        let (errors, warnings) = register.entries.iter().fold((0, 0), |(e, w), entry| {
            let (fe, _) = diag::tally(&entry.errors);
            let (re, rw) = diag::tally(&entry.register);
            (e + fe + re, w + rw)
        });
        match &remedies {
            Some(list) => eprintln!(
                "{} remedies from {} minutes files, {} past due as of {as_of} ({errors} errors, {warnings} warnings)",
                list.len(),
                rows.len(),
                list.iter().filter(|r| r.past_due).count()
            ),
            None => eprintln!(
                "{} minutes files in the register ({errors} errors, {warnings} warnings)",
                rows.len()
            ),
        }
    }
    if register.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn watch(args: WatchArgs) -> ExitCode {
    let style = style(&args.diag);
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    if !args.file.is_file() {
        return fail(&format!(
            "failed to find {} (no such file)",
            args.file.display()
        ));
    }
    let jobs = match batch::plan(
        std::slice::from_ref(&args.file),
        args.out_dir.as_deref(),
        args.format,
    ) {
        Ok(jobs) => jobs,
        Err(e) => return fail(&e),
    };
    let Some(job) = jobs.into_iter().next() else {
        return fail("failed to plan the build (no file)");
    };
    let options = batch::Options {
        out_dir: args.out_dir,
        templates: args.templates,
        fonts,
        format: args.format,
        ..batch::Options::default()
    };
    if !args.diag.quiet {
        eprintln!("watching {} (Ctrl-C to stop)", job.input.display());
    }
    let quiet = args.diag.quiet;
    let result = bienban::watch::watch(&job, &options, |result| {
        print_file(result, style, quiet);
        if !quiet {
            let time = chrono::Local::now().format("%H:%M:%S");
            let (errors, warnings) = diag::tally(&result.diagnostics);
            let state = if result.failed() {
                "not built, the previous output is kept"
            } else {
                "built"
            };
            eprintln!(
                "[{time}] {state} ({errors} errors, {warnings} warnings); waiting for changes"
            );
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

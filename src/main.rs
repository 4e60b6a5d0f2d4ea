//! The `bienban` command: parse the arguments, run the pipeline, print diagnostics, map the result to an exit
//! code (0 success, 1 a file has errors, 2 usage error).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use bienban::batch::{self, OutputFormat};
use bienban::cli::{BuildArgs, CheckArgs, Cli, Command, DiagArgs, ExtractArgs, VerifyArgs};
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

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// The global worker pool: `jobs` threads (default: one per core) with deep stacks, because Tera's parser and
/// typst's layout recurse deeply on long or nested minutes.
fn worker_pool(jobs: Option<usize>) {
    // Only fails if a pool already exists, which cannot happen this early.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .stack_size(64 << 20)
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
        today: chrono::Local::now().date_naive(),
        check_only: false,
        standards: args.pdf_standard,
        ppi: args.ppi,
    };
    let results = batch::run(&jobs, &options);
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
        out_dir: None,
        templates: None,
        fonts,
        format: OutputFormat::Pdf,
        today: chrono::Local::now().date_naive(),
        check_only: true,
        standards: vec![],
        ppi: bienban::preview::DEFAULT_PPI,
    };
    let results = batch::run(&jobs, &options);
    report(&results, style, args.diag.quiet, None)
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
        if result.failed() {
            failed += 1;
        }
        for written in result.written.iter().chain(&result.also_written) {
            println!("{}", written.display());
        }
    }
    let (errors, warnings) = results.iter().fold((0, 0), |(e, w), r| {
        let (de, dw) = diag::tally(&r.diagnostics);
        (e + de + r.failures.len(), w + dw)
    });
    if !quiet {
        let time = started
            .map(|s| format!(" in {:.2} s", s.elapsed().as_secs_f64()))
            .unwrap_or_default();
        let done = if started.is_some() {
            "built"
        } else {
            "checked"
        };
        eprintln!(
            "{} files {done}, {failed} failed ({errors} errors, {warnings} warnings){time}",
            results.len() - failed
        );
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

//! `bienban index`: the register of minutes of a folder (Markdown, CSV, JSON or PDF), or with `--remedies`
//! the register of remedies.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::build::write::write_atomic;
use crate::cmd::cli::{IndexArgs, IndexFormat};
use crate::cmd::common::{fail, fonts, style, worker_pool};
use crate::diag::{self, Severity, Style};
use crate::register::print as out;
use crate::register::{self, Register, RemedyRow, Row};
use crate::render::template::Templates;
use crate::typeset::fonts::FontSet;

/// Runs `bienban index`.
pub fn run(args: IndexArgs) -> ExitCode {
    let style = style(&args.diag);
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("minutes"));
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
    print_diagnostics(&register, style, args.diag.quiet);
    let rows = register.rows();
    let as_of = args.as_of.unwrap_or(today);
    let remedies = args.remedies.then(|| register.remedies(as_of));
    let listing = Listing {
        rows: &rows,
        remedies: remedies.as_deref(),
        as_of,
    };
    match write_listing(&listing, &args, &dir, fonts) {
        Ok(Some(path)) => println!("{}", path.display()),
        Ok(None) => {}
        Err(e) => return fail(&e),
    }
    if !args.diag.quiet {
        print_summary(&register, &listing);
    }
    if register.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What the register prints: its rows, or the remedies as of a date.
struct Listing<'a> {
    rows: &'a [&'a Row],
    remedies: Option<&'a [RemedyRow]>,
    as_of: NaiveDate,
}

/// Every file's errors and the register's own findings, on stderr.
fn print_diagnostics(register: &Register, style: Style, quiet: bool) {
    for entry in &register.entries {
        for d in entry.errors.iter().chain(&entry.register) {
            if quiet && d.severity == Severity::Warning {
                continue;
            }
            eprint!("{}", diag::render(d, &entry.file, style));
        }
    }
    for failure in &register.failures {
        eprintln!("error: {failure}");
    }
}

/// The listing as text in the chosen format, or None for the PDF.
fn text(listing: &Listing<'_>, format: IndexFormat) -> Option<String> {
    match (listing.remedies, format) {
        (_, IndexFormat::Pdf) => None,
        (None, IndexFormat::Markdown) => Some(out::rows_markdown(listing.rows)),
        (None, IndexFormat::Csv) => Some(out::rows_csv(listing.rows)),
        (None, IndexFormat::Json) => Some(out::json(&listing.rows)),
        (Some(list), IndexFormat::Markdown) => Some(out::remedies_markdown(list)),
        (Some(list), IndexFormat::Csv) => Some(out::remedies_csv(list)),
        (Some(list), IndexFormat::Json) => Some(out::json(&list)),
    }
}

/// Writes the listing (to `-o`, to stdout, or the PDF beside the register); returns the file written.
fn write_listing(
    listing: &Listing<'_>,
    args: &IndexArgs,
    dir: &Path,
    fonts: &FontSet,
) -> Result<Option<PathBuf>, String> {
    if let Some(text) = text(listing, args.format) {
        return match &args.output {
            Some(path) => write_atomic(path, text.as_bytes())
                .map(|()| Some(path.clone()))
                .map_err(|e| format!("failed to write {} ({e})", path.display())),
            None => {
                print!("{text}");
                Ok(None)
            }
        };
    }
    let path = register::pdf_path(dir, args.output.as_deref());
    // A `templates/` folder beside the minutes may override the register's template too.
    let overrides = Some(dir.join("templates")).filter(|d| d.is_dir());
    let templates = Templates::load(overrides.as_deref())?;
    let remedies = listing.remedies.map(|l| (l, listing.as_of));
    let bytes = out::pdf(listing.rows, remedies, &templates, fonts)?;
    write_atomic(&path, &bytes).map_err(|e| format!("failed to write {} ({e})", path.display()))?;
    Ok(Some(path))
}

/// The one-line summary on stderr.
fn print_summary(register: &Register, listing: &Listing<'_>) {
    let (errors, warnings) = register.entries.iter().fold((0, 0), |(e, w), entry| {
        let (fe, _) = diag::tally(&entry.errors);
        let (re, rw) = diag::tally(&entry.register);
        (e + fe + re, w + rw)
    });
    let as_of = listing.as_of;
    match listing.remedies {
        Some(list) => eprintln!(
            "{} remedies from {} minutes files, {} past due as of {as_of} ({errors} errors, {warnings} warnings)",
            list.len(),
            listing.rows.len(),
            list.iter().filter(|r| r.past_due).count()
        ),
        None => eprintln!(
            "{} minutes files in the register ({errors} errors, {warnings} warnings)",
            listing.rows.len()
        ),
    }
}

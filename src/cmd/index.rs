//! `bienban index`: the register of minutes of a folder (Markdown, CSV, JSON or PDF), or with `--remedies`
//! the register of remedies. A register written to a file never replaces a minutes source, nor, without
//! `--force`, any file that is not a register this command wrote (recorded in the folder's manifest).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::build::manifest::Manifests;
use crate::build::write::write_atomic;
use crate::cmd::cli::{IndexArgs, IndexFormat};
use crate::cmd::common::{fail, fonts, note, require_folder, style, usage_with, worker_count};
use crate::diag::{self, Severity, Style, Text, out, t};
use crate::press::fonts::FontSet;
use crate::register::RemedyFilter;
use crate::register::print as print_out;
use crate::register::{self, Register, RemedyRow, Row};
use crate::render::template::Templates;

/// Runs `bienban index`.
pub fn run(args: IndexArgs) -> ExitCode {
    started();
    let style = style(&args.diag);
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("minutes"));
    if !dir.is_dir() {
        let shown = dir.display();
        return usage_with(
            style,
            &t(
                format!("failed to read folder {shown} (no such folder)"),
                format!("không đọc được thư mục {shown} (không có thư mục này)"),
            ),
            &[t(
                "expected the folder of minutes, e.g. bienban index minutes/",
                "cần thư mục chứa biên bản, ví dụ bienban index minutes/",
            )],
        );
    }
    if let Err(code) = require_folder("--font-path", args.font_path.as_ref(), style) {
        return code;
    }
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(style, &e),
    };
    crate::build::pool::ensure(worker_count(None, style, args.diag.quiet));
    let today = chrono::Local::now().date_naive();
    let register = match Register::collect(&dir, fonts, today, args.remedies) {
        Ok(r) => r,
        Err(e) => return fail(style, &e),
    };
    print_diagnostics(&register, style, args.diag.quiet);
    let rows = register.rows();
    let as_of = args.as_of.unwrap_or(today);
    let filter = RemedyFilter {
        org: args.org.clone(),
        from: args.from,
        to: args.to,
        status: args.status.map(|s| s.as_str().to_string()),
    };
    let remedies = args.remedies.then(|| {
        let mut list = register.remedies(as_of);
        list.retain(|r| filter.keeps(r));
        list
    });
    let listing = Listing {
        rows: &rows,
        remedies: remedies.as_deref(),
        as_of,
    };
    match write_listing(&listing, &args, &dir, &register, fonts) {
        Ok(Some(path)) => out::stdout_line(&path.display().to_string()),
        Ok(None) => {}
        Err(e) => return fail(style, &e),
    }
    note(style, args.diag.quiet, &summary(&register, &listing));
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

/// Every file's errors and the register's own findings, on stderr (at most [`diag::MAX_PER_FILE`] a file).
fn print_diagnostics(register: &Register, style: Style, quiet: bool) {
    for entry in &register.entries {
        out::stderr(&register.render(entry, style, quiet));
    }
    for failure in &register.failures {
        out::stderr(&diag::render_failure(
            Severity::Error,
            None,
            failure,
            &[],
            style,
        ));
    }
}

/// Writes the listing as text in the chosen format to `out` (nothing for the PDF, which is not text).
fn write_text(
    listing: &Listing<'_>,
    format: IndexFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match (listing.remedies, format) {
        (_, IndexFormat::Pdf) => Ok(()),
        (None, IndexFormat::Markdown) => print_out::rows_markdown(listing.rows, out),
        (None, IndexFormat::Csv) => print_out::rows_csv(listing.rows, out),
        (None, IndexFormat::Json) => print_out::json(&listing.rows, out),
        (Some(list), IndexFormat::Markdown) => print_out::remedies_markdown(list, out),
        (Some(list), IndexFormat::Csv) => print_out::remedies_csv(list, out),
        (Some(list), IndexFormat::Json) => print_out::json(&list, out),
    }
}

/// Writes the listing (to `-o`, to stdout, or the PDF beside the register); returns the file written.
fn write_listing(
    listing: &Listing<'_>,
    args: &IndexArgs,
    dir: &Path,
    register: &Register,
    fonts: &FontSet,
) -> Result<Option<PathBuf>, Text> {
    let text = args.format != IndexFormat::Pdf;
    let (path, bytes) = match &args.output {
        // On stdout the text goes out as it is made: a long register is never whole in memory.
        None if text => {
            // A closed stdout is remembered by the writer and ends the run quietly.
            let _ = write_text(listing, args.format, &mut out::StdoutPieces::default());
            return Ok(None);
        }
        Some(path) if text => {
            // Written piece by piece into the temporary file and hashed from it: never whole in memory.
            crate::build::write::remove_stale_temps([path.as_path()], started());
            let manifests = Manifests::new();
            may_write(path, register, &manifests, args.force)?;
            let failed = |e: std::io::Error| {
                let shown = path.display();
                t(
                    format!("failed to write {shown} ({e})"),
                    format!("không ghi được {shown} ({})", crate::input::read::io_vi(&e)),
                )
            };
            crate::build::write::write_atomic_with(path, |out| {
                write_text(listing, args.format, out)
            })
            .map_err(failed)?;
            let written = crate::build::manifest::hash_file(path).map_err(failed)?;
            manifests.record_hashed(path, "index".into(), written);
            manifests.save();
            return Ok(Some(path.clone()));
        }
        _ => {
            let path = register::pdf_path(dir, args.output.as_deref());
            // A `templates/` folder beside the minutes may override the register's template too.
            let overrides = Some(dir.join("templates")).filter(|d| d.is_dir());
            let failed = |e: String| {
                t(
                    format!("failed to make the PDF register ({e})"),
                    format!("không tạo được sổ PDF ({e})"),
                )
            };
            let templates = Templates::load(overrides.as_deref())
                .map_err(|e| e.text("failed to make the PDF register", "không tạo được sổ PDF"))?;
            let remedies = listing.remedies.map(|l| (l, listing.as_of));
            let bytes =
                print_out::pdf(listing.rows, remedies, &templates, fonts).map_err(failed)?;
            (path, bytes)
        }
    };
    // Leftovers of a killed run in that folder go, as in `build`.
    crate::build::write::remove_stale_temps([path.as_path()], started());
    let manifests = Manifests::new();
    may_write(&path, register, &manifests, args.force)?;
    let shown = path.display();
    write_atomic(&path, &bytes).map_err(|e| {
        t(
            format!("failed to write {shown} ({e})"),
            format!("không ghi được {shown} ({})", crate::input::read::io_vi(&e)),
        )
    })?;
    // Recorded, so that the next run may replace it without --force.
    manifests.record(&path, "index".into(), &bytes);
    manifests.save();
    Ok(Some(path))
}

/// Whether the register may be written to `path`: never over a minutes source (a file of the register, or any
/// file that starts with a front matter); over another existing file only if it is a register this command
/// wrote and nobody changed since, or with `--force`.
fn may_write(
    path: &Path,
    register: &Register,
    manifests: &Manifests,
    force: bool,
) -> Result<(), Text> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    let shown = path.display();
    let same = |a: &Path| match (a.canonicalize(), path.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == path,
    };
    let is_source = register.entries.iter().any(|e| same(&register.path(e)))
        || crate::build::plan::has_front_matter(path);
    if is_source {
        return Err(t(
            format!("refused to write the register to {shown} (it is a minutes source)"),
            format!("từ chối ghi sổ vào {shown} (đó là một tệp biên bản)"),
        ));
    }
    if !meta.file_type().is_file() {
        return Err(t(
            format!("refused to write the register to {shown} (it is not a regular file)"),
            format!("từ chối ghi sổ vào {shown} (đó không phải tệp thường)"),
        ));
    }
    if force || manifests.is_recorded(path) {
        return Ok(());
    }
    Err(t(
        format!(
            "refused to overwrite {shown} (it exists and is not a register bienban index wrote; use --force to replace it)"
        ),
        format!(
            "từ chối ghi đè {shown} (tệp đã có và không phải sổ do bienban index ghi; dùng --force để thay)"
        ),
    ))
}

/// When this process started: temporary files older than that are a killed run's leftovers.
fn started() -> std::time::SystemTime {
    static STARTED: std::sync::LazyLock<std::time::SystemTime> =
        std::sync::LazyLock::new(std::time::SystemTime::now);
    *STARTED
}

/// The one-line summary.
fn summary(register: &Register, listing: &Listing<'_>) -> Text {
    let (errors, warnings) = register.entries.iter().fold((0, 0), |(e, w), entry| {
        let (fe, fw) = entry.tally();
        (e + fe, w + fw)
    });
    let (as_of, files) = (listing.as_of, listing.rows.len());
    match listing.remedies {
        Some(list) => {
            let (n, late) = (list.len(), list.iter().filter(|r| r.past_due).count());
            t(
                format!(
                    "{n} remedies from {files} minutes files, {late} past due as of {as_of} ({errors} errors, {warnings} warnings)"
                ),
                format!(
                    "{n} giải pháp từ {files} biên bản, {late} quá hạn tính đến {as_of} ({errors} lỗi, {warnings} cảnh báo)"
                ),
            )
        }
        None => t(
            format!("{files} minutes files in the register ({errors} errors, {warnings} warnings)"),
            format!("{files} biên bản trong sổ ({errors} lỗi, {warnings} cảnh báo)"),
        ),
    }
}

//! One rebuild of the previewed file, through the one build path: [`BuildContext::check_file`], then
//! [`BuildContext::typeset_pages`], turned into SVG pages and their text; or the diagnostics, printed as
//! `bienban check` prints them. Then the file's folder is watched and every save rebuilds.

use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::build::watch::{WatchedPaths, next_burst};
use crate::build::{BuildContext, Job, Options};
use crate::diag::{self, DiagnosticFormat, Lang, Style};
use crate::live::state::Shared;
use crate::press::budget::MAX_PAGES;
use crate::typeset::{preview, text};

/// How long the folder must stay quiet after an event before the file is rebuilt (an editor's save is a few
/// events within a millisecond or two).
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// The pages (SVG) and their text, or the problems to show above the last good pages.
pub fn rebuild(job: &Job, options: &Options) -> Result<(Vec<String>, Vec<String>), Vec<String>> {
    let context = BuildContext::new(options.clone());
    let (result, checked) = context.check_file(&job.input);
    let style = Style {
        format: DiagnosticFormat::Human,
        lang: Lang::Vi,
        color: false,
    };
    let mut problems: Vec<String> = match &result.file {
        Some(file) => result
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| diag::render(d, file, style))
            .collect(),
        None => vec![],
    };
    problems.extend(result.failures.iter().map(|f| f.get(Lang::Vi).to_string()));
    let Some(checked) = checked.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let document = context.typeset_pages(job, &checked).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.get(Lang::Vi).to_string())
            .collect::<Vec<_>>()
    })?;
    if document.pages().len() > MAX_PAGES {
        return Err(vec![format!(
            "tài liệu có {} trang, quá giới hạn {MAX_PAGES} trang",
            document.pages().len()
        )]);
    }
    let pages = preview::svg_pages(&document)
        .into_iter()
        .map(|page| String::from_utf8_lossy(&page).into_owned())
        .collect();
    // One space between words, as a reader sees them (typst's runs meet with a space at each line break).
    let texts = text::pages(&document)
        .iter()
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // Keep only recent entries of typst's cache: the next build reuses most of the last one.
    comemo::evict(10);
    Ok((pages, texts))
}

/// Rebuilds `job` into `shared` now and after every change to the file, until the watcher fails.
pub fn watch(job: &Job, options: &Options, shared: &Arc<Shared>) -> Result<(), String> {
    let WatchedPaths {
        file,
        folder,
        templates,
    } = WatchedPaths::of(job, options);
    let (tx, rx) = channel();
    let watched = (file.clone(), templates.clone());
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
            && event
                .paths
                .iter()
                .any(|p| *p == watched.0 || p.starts_with(&watched.1))
        {
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("failed to watch {} ({e})", folder.display()))?;
    watcher
        .watch(&folder, RecursiveMode::NonRecursive)
        .map_err(|e| format!("failed to watch {} ({e})", folder.display()))?;
    if templates.is_dir() {
        watcher
            .watch(&templates, RecursiveMode::Recursive)
            .map_err(|e| format!("failed to watch {} ({e})", templates.display()))?;
    }
    shared.update(rebuild(job, options));
    while next_burst(&rx, DEBOUNCE).is_some() {
        shared.update(rebuild(job, options));
    }
    Ok(())
}

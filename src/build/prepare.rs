//! Checking one minutes file completely: front matter, rules, text hygiene and Markdown, into the data a
//! template needs.

use chrono::NaiveDate;

use crate::build::context::FrontMatter;
use crate::check::hygiene;
use crate::check::minutes::Minutes;
use crate::check::rules::{self, Context};
use crate::diag::Diagnostic;
use crate::diag::source::SourceFile;
use crate::input::frontmatter::{self, Positions};
use crate::input::keys::keypath;
use crate::input::project::Project;
use crate::press::fonts::FontSet;
use crate::render::view::{self, MarkdownSpans, View};

/// A checked minutes file: its diagnostics and, when it has no error, the data ready for a template.
pub(super) struct Prepared {
    /// The validated minutes (None when there are errors).
    pub(super) minutes: Option<Minutes>,
    /// The template data (None when there are errors).
    pub(super) view: Option<View>,
    /// Every problem found, errors and warnings, in file order.
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The front matter as read, before its rules are checked, when it was asked for.
    pub(super) front_matter: Option<FrontMatter>,
}

/// Checks a minutes file fully (front matter, rules, text hygiene, Markdown) with the `[defaults]` of the
/// `bienban.toml` governing it merged under its front matter, and prepares the template data; keeps the front
/// matter as read when `keep` (the language server reads it for completion and hover: reading it again cost a
/// third of a re-check). Private to the build stage: every command checks through [`BuildContext`].
///
/// [`BuildContext`]: crate::build::BuildContext
pub(super) fn prepare_keeping(
    file: &SourceFile,
    fonts: &FontSet,
    today: NaiveDate,
    project: Option<&Project>,
    keep: bool,
) -> Prepared {
    let mut diags = vec![];
    let split = match frontmatter::split(&file.text) {
        Ok(split) => split,
        Err(diag) => {
            return Prepared {
                minutes: None,
                view: None,
                diagnostics: vec![*diag],
                front_matter: None,
            };
        }
    };
    let parsed = frontmatter::parse_with(&file.text, &split, project.map(|p| &p.defaults));
    diags.extend(parsed.diagnostics);
    let kept_raw = keep.then(|| parsed.raw.clone());
    diags.extend(crate::input::placeholders::check(&file.text, &split));
    let folder = file
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    diags.extend(crate::render::images::check(
        split.body,
        split.body_start,
        folder,
    ));
    diags.extend(hygiene::check(file, fonts));
    let (minutes, rule_diags) =
        rules::check(parsed.raw, split.body, &parsed.positions, Context { today });
    diags.extend(rule_diags);
    let view = minutes.as_ref().and_then(|m| {
        let spans = markdown_spans(m, &parsed.positions, split.body_start);
        // Counted before anything is converted: past a limit, nothing is built.
        if let Some(over) = markdown_budget(m, &spans) {
            let mut over = [over];
            relocate_field_diagnostics(&mut over, &spans, &parsed.positions, m);
            diags.extend(over);
            return None;
        }
        let mut md_diags = markdown_fields(m, &spans)
            .flat_map(|(text, at)| crate::render::images::check(text, at, folder))
            .collect::<Vec<_>>();
        let view = view::build(m, &spans, &fonts.families, &mut md_diags);
        relocate_field_diagnostics(&mut md_diags, &spans, &parsed.positions, m);
        diags.extend(md_diags);
        Some(view)
    });
    if let Some(project) = project {
        project.explain(
            &mut diags,
            &frontmatter::defaults_marker(&split),
            &parsed.from_defaults,
        );
    }
    diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    let failed = diags.iter().any(Diagnostic::is_error);
    Prepared {
        minutes: if failed { None } else { minutes },
        view: if failed { None } else { view },
        diagnostics: diags,
        front_matter: kept_raw.map(|raw| (raw, parsed.positions)),
    }
}

/// The first typesetting limit (table cells, inline elements, pages) the Markdown of the whole file passes.
fn markdown_budget(m: &Minutes, spans: &MarkdownSpans) -> Option<Diagnostic> {
    let mut budget = crate::render::markup::Budget::default();
    std::iter::once((m.body.as_str(), spans.body))
        .chain(markdown_fields(m, spans))
        .find_map(|(text, at)| budget.count(text, at))
}

/// The Markdown fields of the front matter (remarks, conclusion, remedies) and where each starts.
fn markdown_fields<'a>(
    m: &'a Minutes,
    spans: &'a MarkdownSpans,
) -> impl Iterator<Item = (&'a str, usize)> + 'a {
    m.speakers
        .iter()
        .zip(&spans.remarks)
        .map(|(s, at)| (s.remarks.as_str(), *at))
        .chain(m.conclusion.as_deref().map(|c| (c, spans.conclusion)))
        .chain(
            m.remedies
                .iter()
                .zip(&spans.remedies)
                .map(|(r, at)| (r.text.as_str(), *at)),
        )
}

/// Where the Markdown fields start; the body's offsets are exact, a YAML field's are its value's start.
fn markdown_spans(m: &Minutes, positions: &Positions, body_start: usize) -> MarkdownSpans {
    MarkdownSpans {
        body: body_start,
        remarks: (0..m.speakers.len())
            .map(|i| positions.value(&keypath!(speakers[i].remarks)).start)
            .collect(),
        conclusion: positions.value(&keypath!(conclusion)).start,
        remedies: (0..m.remedies.len())
            .map(|i| positions.value(&keypath!(remedies[i].text)).start)
            .collect(),
        closing: positions.value(&keypath!(closing)).start,
    }
}

/// A problem inside a YAML Markdown field cannot be placed exactly (YAML folds and indents the text), so it is
/// pointed at the field's value as a whole.
fn relocate_field_diagnostics(
    diags: &mut [Diagnostic],
    spans: &MarkdownSpans,
    positions: &Positions,
    m: &Minutes,
) {
    let mut fields: Vec<(usize, std::ops::Range<usize>)> = vec![];
    for i in 0..m.speakers.len() {
        fields.push((
            spans.remarks[i],
            positions.value(&keypath!(speakers[i].remarks)),
        ));
    }
    fields.push((spans.conclusion, positions.value(&keypath!(conclusion))));
    for i in 0..m.remedies.len() {
        fields.push((
            spans.remedies[i],
            positions.value(&keypath!(remedies[i].text)),
        ));
    }
    for diag in diags.iter_mut() {
        let Some(span) = &diag.span else { continue };
        if span.start >= spans.body {
            continue;
        }
        if let Some((_, range)) = fields
            .iter()
            .filter(|(start, _)| *start <= span.start)
            .max_by_key(|(start, _)| *start)
        {
            diag.span = Some(range.clone());
        }
    }
}

//! `bienban index`: the register of minutes (sổ theo dõi biên bản) of a folder — a row per minutes file —
//! and the register's own checks, which no single file can make: a number used twice by one organisation in
//! one year, a gap in an organisation's numbering, and two minutes of one organisation on one date and kind.
//! With `--remedies`, the register of remedies adopted, those past due flagged. The rows are read from the
//! front matter as far as it is valid, so a file with errors still has its row (and its errors are shown).
//! Printing the register (Markdown, CSV, JSON, PDF) is [`crate::register::print`]'s job.

pub mod follow;
mod names;
pub mod print;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::iter::Either;
use rayon::prelude::*;
use serde::Serialize;
use thin_vec::ThinVec;
use unicode_normalization::UnicodeNormalization;

use crate::build::{BuildContext, Options, plan};
use crate::check::minutes::ValidRemedy;
use crate::diag::detached::{self, Detached, Excerpt};
use crate::diag::source::SourceFile;
use crate::diag::{self, Code, Diagnostic, Style, Text, t};
use crate::input::frontmatter::{self, Positions};
use crate::input::keys::{self, keypath};
use crate::input::model::{Layout, MeetingKind, RawMinutes, Status};
use crate::press::fonts::FontSet;
use crate::vi;

/// A vote as the register lists it.
#[derive(Debug, Clone, Serialize)]
pub struct VoteRow {
    /// What was voted on.
    pub subject: Arc<str>,
    /// For.
    #[serde(rename = "for")]
    pub in_favour: u32,
    /// Against.
    pub against: u32,
    /// Abstentions.
    pub abstain: u32,
}

/// One minutes file in the register.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The file, relative to the register's folder, with `/` separators.
    pub file: Box<str>,
    /// The register number.
    pub number: Option<u32>,
    /// The number as printed, without `Số`: `05-BB/CB` (party) or `05/BB-UBND` (state); empty without a number.
    pub symbol: Box<str>,
    /// Meeting date.
    pub date: Option<NaiveDate>,
    /// Issuing body.
    pub organization: Arc<str>,
    /// Its superior body.
    pub parent: Arc<str>,
    /// party | state.
    pub layout: Layout,
    /// regular | thematic | extraordinary | other.
    pub kind: Option<MeetingKind>,
    /// Meeting title.
    pub title: Arc<str>,
    /// Members present.
    pub present: Option<u32>,
    /// Members summoned (total − exempt).
    pub summoned: Option<u32>,
    /// Remedies adopted.
    pub remedies: usize,
    /// Votes taken.
    pub votes: ThinVec<VoteRow>,
    /// draft | approved.
    pub status: Status,
    /// Errors in the file itself (the file does not build while there are any).
    pub errors: usize,
    /// What the register's checks found about this row, in Vietnamese (`trùng số`, `thiếu số 3 trước số này`),
    /// marked in the PDF register.
    pub marks: ThinVec<String>,
}

/// One remedy in the register of remedies.
#[derive(Debug, Clone, Serialize)]
pub struct RemedyRow {
    /// The minutes file it was adopted in.
    pub file: String,
    /// That meeting's number as printed (may be empty).
    pub symbol: String,
    /// That meeting's date.
    pub date: Option<NaiveDate>,
    /// The organisation.
    pub organization: String,
    /// That organisation's layout.
    pub layout: Layout,
    /// Its number among the meeting's remedies (1-based).
    pub n: usize,
    /// The remedy (inline Markdown, as written).
    pub text: String,
    /// Who is responsible.
    pub owner: String,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Due before the as-of date and not done or dropped.
    pub past_due: bool,
    /// Its latest status: `done`, `in-progress`, `dropped`, `overdue` or `open` (never reviewed, not past due).
    pub status: String,
    /// The minutes files that reviewed it (`follow_up`), oldest first.
    pub reviewed_in: Vec<String>,
    /// The latest review's note.
    pub note: String,
}

/// Every review of each remedy, by (organisation's rank, adopting date, number): (reviewer's date, file,
/// status, note).
type Reviews =
    BTreeMap<(usize, NaiveDate, usize), Vec<(Option<NaiveDate>, String, String, String)>>;

/// Which remedies `index --remedies` lists.
#[derive(Debug, Clone, Default)]
pub struct RemedyFilter {
    /// Only those of an organisation whose name contains this (compared as people mean it).
    pub org: Option<String>,
    /// Only those adopted on or after this date.
    pub from: Option<NaiveDate>,
    /// Only those adopted on or before this date.
    pub to: Option<NaiveDate>,
    /// Only those with this latest status.
    pub status: Option<String>,
}

impl RemedyFilter {
    /// Whether a remedy passes the filter.
    pub fn keeps(&self, r: &RemedyRow) -> bool {
        self.org
            .as_ref()
            .is_none_or(|o| normalise(&r.organization).contains(&normalise(o)))
            && self.from.is_none_or(|f| r.date.is_some_and(|d| d >= f))
            && self.to.is_none_or(|to| r.date.is_some_and(|d| d <= to))
            && self.status.as_ref().is_none_or(|s| *s == r.status)
    }
}

/// A minutes file as read for the register: its row and what the register's checks and listings need, kept
/// small (a few hundred bytes, not the file's text) so that an archive of 100 000 files fits in memory. The
/// lists that are nearly always empty are `ThinVec`s (one pointer, not three: 64 bytes a file).
pub struct Entry {
    /// The file as walked, when it is not the register's folder joined with `row.file` (a name that is not
    /// UTF-8, or has a `\\`): diagnostics name it, and the register is never written over it.
    odd_path: Option<Box<Path>>,
    /// The file's first [`diag::MAX_PER_FILE`] errors (warnings are `check`'s business), each with its source
    /// line; `row.errors` counts them all.
    errors: ThinVec<Detached>,
    /// The register's findings about this file, made into diagnostics only when printed.
    register: ThinVec<Finding>,
    row: Row,
    /// The organisation's place in Vietnamese order ([`org_key`] ranked): equal for one organisation.
    org: usize,
    /// Where the register's findings about the number and the date point.
    number_at: Excerpt,
    date_at: Excerpt,
    /// The remedies adopted, when the register of remedies is wanted (else empty; `row.remedies` counts them).
    adopted: ThinVec<Adopted>,
    /// Each `follow_up` and where its `of` is written.
    follow_ups: ThinVec<(follow::FollowUp, Excerpt)>,
}

/// A finding of the register about one file, kept as its facts: an archive of 100 000 files may have one for
/// nearly every file (ten meetings a day in a generated archive), and each finding as a whole diagnostic, its
/// texts in both languages, cost a kilobyte: 294 MB for `index` of 100 000 files instead of 150.
///
/// The other files a finding names are kept as their places in the register (which is in its final order
/// before any check runs), not as copies of their names.
enum Finding {
    /// A number used twice in one year (E0801); `other` is the entry that used it first.
    Duplicate { number: u32, year: i32, other: u32 },
    /// Numbers `from`..`to` missing before this one (W0802); `before` is the entry with the number before them.
    Gap {
        from: u32,
        to: u32,
        year: i32,
        before: Option<u32>,
    },
    /// A second minutes of the same kind on one date (W0803); `other` is the first.
    SameDay {
        date: NaiveDate,
        kind: MeetingKind,
        other: u32,
    },
    /// A follow-up that names no remedy (rare: kept whole).
    Told(Box<Detached>),
}

impl Finding {
    /// The diagnostic about `entry`, pointed at its number or its date; `entries` is the register.
    fn detached(&self, entry: &Entry, entries: &[Box<Entry>]) -> Detached {
        let org = &entry.row.organization;
        let file = |i: u32| &*entries[i as usize].row.file;
        match self {
            Finding::Duplicate {
                number,
                year,
                other,
            } => Detached::at(
                duplicate(*number, org, *year, file(*other)),
                Some(entry.number_at.clone()),
            ),
            Finding::Gap {
                from,
                to,
                year,
                before,
            } => Detached::at(
                gap(*from, *to, org, *year, before.map(file)),
                Some(entry.number_at.clone()),
            ),
            Finding::SameDay { date, kind, other } => Detached::at(
                same_day(org, *date, *kind, file(*other)),
                Some(entry.date_at.clone()),
            ),
            Finding::Told(detached) => (**detached).clone(),
        }
    }

    /// Whether the finding is an error (else a warning).
    fn is_error(&self) -> bool {
        match self {
            Finding::Duplicate { .. } => true,
            Finding::Gap { .. } | Finding::SameDay { .. } => false,
            Finding::Told(detached) => detached.diagnostic().is_error(),
        }
    }
}

/// A remedy as the register of remedies lists it.
struct Adopted {
    text: String,
    owner: String,
    due: Option<NaiveDate>,
}

impl Entry {
    /// The entry of a file read and checked: `errors` are its own errors, `file` named `relative` in the
    /// register (`odd_path` is its path when that is not the folder joined with `relative`); the file itself
    /// is not kept.
    fn new(
        file: &SourceFile,
        errors: Vec<Diagnostic>,
        relative: &str,
        odd_path: Option<Box<Path>>,
        how: &Reading,
    ) -> Self {
        let (raw, positions, follow_ups) = match frontmatter::split(&file.text) {
            Ok(split) => {
                let parsed = frontmatter::parse_with(&file.text, &split, how.defaults);
                (parsed.raw, parsed.positions, follow::read(split.yaml))
            }
            Err(_) => (RawMinutes::default(), Positions::default(), vec![]),
        };
        let at = |key: &keys::Path| Excerpt::of(file, &positions.value(key));
        let adopted = raw.remedies.iter().flatten().filter(|_| how.remedies);
        Self {
            odd_path,
            row: row(&raw, relative, errors.len(), how.names),
            errors: errors
                .into_iter()
                .take(diag::MAX_PER_FILE)
                .map(|d| Detached::new(d, file))
                .collect(),
            register: ThinVec::new(),
            org: 0,
            number_at: at(&keypath!(number)),
            date_at: at(&keypath!(date)),
            adopted: adopted
                .map(|raw| {
                    let remedy = ValidRemedy::from_raw(raw);
                    Adopted {
                        text: remedy.text.split_whitespace().collect::<Vec<_>>().join(" "),
                        owner: remedy.owner.as_deref().unwrap_or("").trim().to_string(),
                        due: remedy.due,
                    }
                })
                .collect(),
            follow_ups: follow_ups
                .into_iter()
                .map(|f| {
                    let of = at(&keypath!(follow_up[f.index].of));
                    (f, of)
                })
                .collect(),
        }
    }

    /// Keeps a finding of the register about this file. The list grows by one, not to four as a list grows
    /// by default: nearly every file of a large archive may have one finding, and 100 000 of them with room
    /// for three more were 10 MB.
    fn add(&mut self, finding: Finding) {
        self.register.reserve_exact(1);
        self.register.push(finding);
    }

    /// How many errors and warnings the file and the register's checks found.
    pub fn tally(&self) -> (usize, usize) {
        let errors = self.register.iter().filter(|f| f.is_error()).count();
        (self.row.errors + errors, self.register.len() - errors)
    }
}

/// How files are read for the register.
struct Reading<'a> {
    /// The project's defaults (`bienban.toml`) the file was checked with.
    defaults: Option<&'a serde_yaml::Mapping>,
    /// Whether the remedies are kept for the register of remedies.
    remedies: bool,
    /// The one copy of each repeated name.
    names: &'a names::Names,
}

/// The register of a folder.
pub struct Register {
    /// The folder the register is of: an entry's path is this joined with its `row.file`.
    dir: Box<Path>,
    /// Every minutes file, sorted by organisation, date, number and path.
    ///
    /// Each entry boxed: gathering the entries from the threads that read them then moves, and may hold
    /// twice over, a pointer each rather than the whole entry (some 40 MB more at 100 000 files).
    #[allow(clippy::vec_box)]
    pub entries: Vec<Box<Entry>>,
    /// Files that could not be read at all.
    pub failures: Vec<Text>,
}

/// A name compared as people mean it: NFC, single spaces, case-insensitive.
fn normalise(text: &str) -> String {
    text.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn parse_date(text: Option<&str>) -> Option<NaiveDate> {
    crate::check::minutes::parse_iso_date(text?)
}

fn row(raw: &RawMinutes, file: &str, errors: usize, names: &names::Names) -> Row {
    let layout = raw.layout.unwrap_or_default();
    let org = raw.organization.as_ref();
    let code = org.and_then(|o| o.code.as_deref()).map(str::trim);
    let symbol = match (raw.number, code) {
        (Some(n), Some(code)) => vi::number_symbol(layout, n, code)
            .trim_start_matches("Số: ")
            .trim_start_matches("Số ")
            .to_string(),
        (Some(n), None) => format!("{n:02}"),
        _ => String::new(),
    };
    let members = raw.members.as_ref();
    let title = raw
        .meeting
        .as_ref()
        .map(|m| m.title.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    Row {
        file: file.into(),
        number: raw.number,
        symbol: symbol.into(),
        date: parse_date(raw.date.as_deref()),
        organization: names.get(org.map_or("", |o| o.name.trim())),
        parent: names.get(org.and_then(|o| o.parent.as_deref()).unwrap_or("").trim()),
        layout,
        kind: raw.meeting.as_ref().map(|m| m.kind),
        title: names.get(&title),
        present: members.map(|m| m.present),
        summoned: members.map(|m| m.summoned()),
        remedies: raw.remedies.as_ref().map_or(0, Vec::len),
        votes: raw
            .votes
            .iter()
            .flatten()
            .map(|v| VoteRow {
                subject: names.get(v.subject.trim()),
                in_favour: v.in_favour,
                against: v.against,
                abstain: v.abstain,
            })
            .collect(),
        status: raw.status.unwrap_or_default(),
        errors,
        marks: ThinVec::new(),
    }
}

/// Reads and checks one file; its entry keeps none of its text.
fn read_entry(
    path: &Path,
    dir: &Path,
    context: &BuildContext,
    remedies: bool,
    names: &names::Names,
) -> Result<Entry, Text> {
    let (result, _) = context.check_file(path);
    if let Some(failure) = result.failures.into_iter().next() {
        return Err(failure);
    }
    let Some(file) = result.file else {
        return Err(t(
            format!("failed to read {}", path.display()),
            format!("không đọc được {}", path.display()),
        ));
    };
    let mut errors = result.diagnostics;
    errors.retain(Diagnostic::is_error);
    let project = context.project(path).ok().flatten();
    let how = Reading {
        defaults: project.as_ref().map(|p| &p.defaults),
        remedies,
        names,
    };
    let relative = path
        .strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let odd_path = (dir.join(&relative) != path).then(|| path.into());
    Ok(Entry::new(&file, errors, &relative, odd_path, &how))
}

impl Register {
    /// Reads every minutes file below `dir` (in parallel) and runs the register's checks; the remedies adopted
    /// are kept only when `remedies` (the register of remedies is wanted).
    pub fn collect(
        dir: &Path,
        fonts: &'static FontSet,
        today: NaiveDate,
        remedies: bool,
    ) -> Result<Self, Text> {
        let context = BuildContext::new(Options {
            fonts,
            today,
            check_only: true,
            ..Options::default()
        });
        let files = plan::minutes_files(dir)?;
        let names = names::Names::default();
        // Each file's text is dropped as soon as its entry is made: only the entries wait for the checks, in
        // one list (not a list of results copied into another), in the order of the walk.
        let (entries, failures) = files.par_iter().partition_map(|path| {
            match read_entry(path, dir, &context, remedies, &names) {
                Ok(entry) => Either::Left(Box::new(entry)),
                Err(failure) => Either::Right(failure),
            }
        });
        Ok(Self::from_entries(dir, entries, failures))
    }

    #[allow(clippy::vec_box)] // see `entries`
    fn from_entries(dir: &Path, mut entries: Vec<Box<Entry>>, failures: Vec<Text>) -> Self {
        rank_organisations(&mut entries);
        // By rank, not by comparing names: the same order as [`vi_cmp`] of the keys (equal only for equal
        // keys), without normalising two names at every comparison.
        entries.sort_by(|a, b| order(a).cmp(&order(b)));
        let mut register = Self {
            dir: dir.into(),
            entries,
            failures,
        };
        register.check_numbers();
        register.check_same_day();
        register.check_follow_ups();
        register
    }

    /// Each `follow_up.of` against the earlier minutes of the same organisation in the folder.
    fn check_follow_ups(&mut self) {
        if self.entries.iter().all(|e| e.follow_ups.is_empty()) {
            return;
        }
        let adopting = self.adopting();
        for i in 0..self.entries.len() {
            let mut found = vec![];
            let entry = &self.entries[i];
            for (f, at) in &entry.follow_ups {
                let row = &entry.row;
                let earlier = |date: NaiveDate| {
                    adopting
                        .get(&(entry.org, date))
                        .filter(|_| row.date.is_none_or(|d| date < d))
                        .map(|&k| &self.entries[k].row)
                };
                let diag = match f.target {
                    None => Some(follow::malformed(&f.of)),
                    Some((date, n)) => match earlier(date) {
                        None => Some(follow::no_such_remedy_or_minutes(&f.of, row, None)),
                        Some(e) if e.remedies < n => Some(follow::no_such_remedy_or_minutes(
                            &f.of,
                            row,
                            Some((e.remedies, &e.file)),
                        )),
                        Some(_) => None,
                    },
                };
                found.extend(
                    diag.map(|d| Finding::Told(Box::new(Detached::at(d, Some(at.clone()))))),
                );
            }
            for finding in found {
                self.entries[i].add(finding);
            }
        }
    }

    /// The minutes of each organisation and date a follow-up may name: the one with most remedies (the last
    /// of them in register order, when several have as many).
    fn adopting(&self) -> HashMap<(usize, NaiveDate), usize> {
        let mut found: HashMap<(usize, NaiveDate), usize> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let Some(date) = e.row.date else { continue };
            let best = found.entry((e.org, date)).or_insert(i);
            if self.entries[*best].row.remedies <= e.row.remedies {
                *best = i;
            }
        }
        found
    }

    /// Every review of each remedy, by (organisation, adopting date, number): (reviewer's date, file, status,
    /// note), oldest first.
    fn reviews(&self) -> Reviews {
        let mut reviews: BTreeMap<_, Vec<_>> = BTreeMap::new();
        for e in &self.entries {
            for (f, _) in &e.follow_ups {
                if let Some((date, n)) = f.target {
                    reviews.entry((e.org, date, n)).or_default().push((
                        e.row.date,
                        e.row.file.to_string(),
                        f.status.clone(),
                        f.note.clone(),
                    ));
                }
            }
        }
        for list in reviews.values_mut() {
            list.sort();
        }
        reviews
    }

    /// The rows, in register order.
    pub fn rows(&self) -> Vec<&Row> {
        self.entries.iter().map(|e| &e.row).collect()
    }

    /// Every remedy adopted, in register order; `past_due` when due before `as_of`. Empty unless the register
    /// was collected with its remedies.
    pub fn remedies(&self, as_of: NaiveDate) -> Vec<RemedyRow> {
        let mut out = vec![];
        let reviews = self.reviews();
        for entry in &self.entries {
            for (i, remedy) in entry.adopted.iter().enumerate() {
                let due = remedy.due;
                let seen = entry
                    .row
                    .date
                    .and_then(|d| reviews.get(&(entry.org, d, i + 1)));
                let latest = seen.and_then(|l| l.last());
                let status = follow::status(latest.map(|l| l.2.as_str()), due, as_of);
                out.push(RemedyRow {
                    file: entry.row.file.to_string(),
                    symbol: entry.row.symbol.to_string(),
                    date: entry.row.date,
                    organization: entry.row.organization.to_string(),
                    layout: entry.row.layout,
                    n: i + 1,
                    text: remedy.text.clone(),
                    owner: remedy.owner.clone(),
                    due,
                    past_due: status == "overdue",
                    status: status.to_string(),
                    reviewed_in: seen.map_or(vec![], |l| l.iter().map(|r| r.1.clone()).collect()),
                    note: latest.map_or(String::new(), |l| l.3.clone()),
                });
            }
        }
        out
    }

    /// The file of `entry` as walked.
    pub fn path(&self, entry: &Entry) -> PathBuf {
        match &entry.odd_path {
            Some(path) => path.to_path_buf(),
            None => self.dir.join(&*entry.row.file),
        }
    }

    /// The errors of `entry` and the register's findings about it, rendered (at most [`diag::MAX_PER_FILE`]).
    pub fn render(&self, entry: &Entry, style: Style, quiet: bool) -> String {
        let findings: Vec<Detached> = entry
            .register
            .iter()
            .map(|f| f.detached(entry, &self.entries))
            .collect();
        let all: Vec<&Detached> = entry.errors.iter().chain(&findings).collect();
        let untold = entry.row.errors.saturating_sub(entry.errors.len());
        detached::render_file(&all, untold, &self.path(entry), style, quiet)
    }

    /// Whether any file or register check found an error.
    pub fn has_errors(&self) -> bool {
        !self.failures.is_empty() || self.entries.iter().any(|e| e.tally().0 > 0)
    }

    /// Numbers per organisation and year: each used once, none skipped (a year's register starts at 1).
    fn check_numbers(&mut self) {
        // The entries are in register order, so one organisation's numbered minutes of one year stand
        // together: each group is gathered as it is met (not a map of every entry, megabytes at 100 000 files).
        let key = |e: &Entry| Some((e.org, e.row.number?, e.row.date?.year()));
        let mut start = 0;
        while start < self.entries.len() {
            let Some((org, _, year)) = key(&self.entries[start]) else {
                start += 1;
                continue;
            };
            let mut members = vec![];
            let mut end = start;
            while end < self.entries.len() {
                match key(&self.entries[end]) {
                    Some((o, _, y)) if o == org && y == year => members.push(end),
                    None if self.entries[end].org == org => {}
                    _ => break,
                }
                end += 1;
            }
            members.sort_by(|&a, &b| {
                let key = |i: usize| {
                    let r = &self.entries[i].row;
                    (r.number, r.date, &r.file)
                };
                key(a).cmp(&key(b))
            });
            self.check_group(year, &members);
            start = end;
        }
    }

    /// One organisation's numbers of one year, in number order: the second use of a number, and a number
    /// past the next one expected.
    fn check_group(&mut self, year: i32, members: &[usize]) {
        let mut expected = 1;
        let mut first_of: BTreeMap<u32, usize> = BTreeMap::new();
        for &i in members {
            let number = self.entries[i].row.number.unwrap_or(0);
            if let Some(&first) = first_of.get(&number) {
                self.entries[i].add(Finding::Duplicate {
                    number,
                    year,
                    other: place(first),
                });
                self.entries[i].row.marks.push("trùng số".to_string());
                continue;
            }
            first_of.insert(number, i);
            if number > expected {
                let before = (expected > 1).then(|| place(first_of_below(&first_of, number)));
                self.entries[i].add(Finding::Gap {
                    from: expected,
                    to: number,
                    year,
                    before,
                });
                let missing = if number - expected == 1 {
                    format!("thiếu số {expected}")
                } else {
                    format!("thiếu số {expected}–{}", number - 1)
                };
                self.entries[i].row.marks.push(missing);
            }
            expected = expected.max(number + 1);
        }
    }

    /// Two minutes of one organisation with the same date and kind: one meeting recorded twice, or a typo.
    fn check_same_day(&mut self) {
        // In register order one organisation's minutes of one day stand together: the first of each kind is
        // remembered for that day only.
        let mut day: Option<(usize, NaiveDate)> = None;
        let mut first: Vec<(&'static str, usize)> = vec![];
        for i in 0..self.entries.len() {
            let r = &self.entries[i].row;
            let (Some(date), Some(kind)) = (r.date, r.kind) else {
                continue;
            };
            if day != Some((self.entries[i].org, date)) {
                day = Some((self.entries[i].org, date));
                first.clear();
            }
            match first.iter().find(|(k, _)| *k == kind.as_str()) {
                Some(&(_, earlier)) => self.entries[i].add(Finding::SameDay {
                    date,
                    kind,
                    other: place(earlier),
                }),
                None => first.push((kind.as_str(), i)),
            }
        }
    }
}

/// An entry's index in the register, as a finding keeps it (a register holds far fewer than 2³² files).
fn place(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 files")
}

/// An entry's place in the register: organisation, date, number, path.
fn order(e: &Entry) -> (usize, Option<NaiveDate>, Option<u32>, &str) {
    (e.org, e.row.date, e.row.number, &e.row.file)
}

/// Gives each entry its organisation's rank in Vietnamese order of [`org_key`]: each name normalised once.
fn rank_organisations(entries: &mut [Box<Entry>]) {
    let mut ids: HashMap<String, usize> = HashMap::new();
    let of: Vec<usize> = entries
        .iter()
        .map(|e| {
            let next = ids.len();
            *ids.entry(org_key(&e.row)).or_insert(next)
        })
        .collect();
    let mut keys: Vec<(&String, usize)> = ids.iter().map(|(k, &id)| (k, id)).collect();
    keys.sort_by(|a, b| vi_cmp(a.0, b.0));
    let mut rank = vec![0; keys.len()];
    for (r, (_, id)) in keys.iter().enumerate() {
        rank[*id] = r;
    }
    for (e, id) in entries.iter_mut().zip(of) {
        e.org = rank[id];
    }
}

/// Two names in Vietnamese alphabetical order (ICU's `vi` collation: Đ after D, tones after the letter), or
/// in code-point order if the collation data cannot be loaded.
pub fn vi_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    static COLLATOR: std::sync::LazyLock<Option<icu_collator::CollatorBorrowed<'static>>> =
        std::sync::LazyLock::new(|| {
            let locale: icu_locale_core::Locale = "vi".parse().ok()?;
            icu_collator::Collator::try_new((&locale).into(), Default::default()).ok()
        });
    match COLLATOR.as_ref() {
        Some(collator) => collator.compare(a, b).then_with(|| a.cmp(b)),
        None => a.cmp(b),
    }
}

/// The entry holding the largest number below `number`.
fn first_of_below(first_of: &BTreeMap<u32, usize>, number: u32) -> usize {
    first_of
        .range(..number)
        .next_back()
        .map(|(_, &i)| i)
        .unwrap_or(0)
}

/// An organisation's identity: its superior body and its name, compared as people mean them.
fn org_key(row: &Row) -> String {
    format!(
        "{}\n{}",
        normalise(&row.parent),
        normalise(&row.organization)
    )
}

fn duplicate(number: u32, org: &str, year: i32, other: &str) -> Diagnostic {
    Diagnostic::new(Code::NumberTwice,
        t(
            format!("number {number} is used twice by {org} in {year} (also by {other})"),
            format!("số {number} của {org} năm {year} bị dùng hai lần (cả trong {other})"),
        ),
    )
    .label(t("used again", "dùng lặp lại"))
    .hint(t(
        "each minutes of an organisation takes its own number in the year's register: renumber one of them",
        "mỗi biên bản của một tổ chức có một số riêng trong sổ của năm: đánh số lại một trong hai biên bản",
    ))
}

fn gap(from: u32, to: u32, org: &str, year: i32, before: Option<&str>) -> Diagnostic {
    let missing = if to - from == 1 {
        format!("{from}")
    } else {
        format!("{from}–{}", to - 1)
    };
    let (after_en, after_vi) = match before {
        Some(file) => (format!(", after {file}"), format!(", sau {file}")),
        None => (
            " (a year's register starts at 1)".to_string(),
            " (sổ của mỗi năm bắt đầu từ số 1)".to_string(),
        ),
    };
    Diagnostic::new(Code::NumberGap,
        t(
            format!("number {missing} of {org} in {year} is missing: the register jumps to {to}{after_en}"),
            format!("thiếu số {missing} của {org} năm {year}: sổ nhảy tới số {to}{after_vi}"),
        ),
    )
    .label(t("numbers skipped before this one", "thiếu số trước số này"))
    .hint(t(
        "add the missing minutes to the folder, or correct this number",
        "bổ sung biên bản còn thiếu vào thư mục, hoặc sửa lại số này",
    ))
}

fn same_day(org: &str, date: NaiveDate, kind: MeetingKind, other: &str) -> Diagnostic {
    let kind = kind.as_str().to_string();
    Diagnostic::new(
        Code::SameDay,
        t(
            format!("{org} has two {kind} minutes dated {date} (also {other})"),
            format!("{org} có hai biên bản loại {kind} cùng ngày {date} (cả {other})"),
        ),
    )
    .label(t("same date and kind", "trùng ngày và loại"))
    .hint(t(
        "one meeting recorded twice? remove the copy, or correct the date or `meeting.kind`",
        "một cuộc họp được ghi hai lần? xóa bản thừa, hoặc sửa lại ngày hay `meeting.kind`",
    ))
}

/// The file name `index --format pdf` writes when no `--output` is given.
pub const DEFAULT_PDF: &str = "so-theo-doi-bien-ban.pdf";

/// Where `index` writes a PDF: `--output`, else [`DEFAULT_PDF`] in the folder.
pub fn pdf_path(dir: &Path, output: Option<&Path>) -> PathBuf {
    output.map_or_else(|| dir.join(DEFAULT_PDF), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(file: &str, number: Option<u32>, date: &str, kind: &str) -> Box<Entry> {
        let number = number.map_or(String::new(), |n| format!("number: {n}\n"));
        let text = format!(
            "---\n{number}organization: {{ name: Chi bộ A, code: CB }}\ndate: {date}\nmeeting: {{ kind: {kind}, title: x }}\n---\n"
        );
        from_text(file, text)
    }

    fn from_text(file: &str, text: String) -> Box<Entry> {
        let file = SourceFile::new(file, text);
        let names = names::Names::default();
        let how = Reading {
            defaults: None,
            remedies: true,
            names: &names,
        };
        let relative = file.path.display().to_string();
        Box::new(Entry::new(&file, vec![], &relative, None, &how))
    }

    fn codes(register: &Register) -> Vec<(String, &'static str)> {
        register
            .entries
            .iter()
            .flat_map(|e| {
                e.register.iter().map(|f| {
                    let code = f.detached(e, &register.entries).diagnostic().code.as_str();
                    (e.row.file.to_string(), code)
                })
            })
            .collect()
    }

    #[test]
    fn finds_duplicates_gaps_and_same_day_minutes() {
        let register = Register::from_entries(
            Path::new(""),
            vec![
                entry("a.md", Some(1), "2023-01-10", "regular"),
                entry("b.md", Some(2), "2023-02-10", "regular"),
                entry("c.md", Some(2), "2023-03-10", "regular"),
                entry("d.md", Some(5), "2023-04-10", "regular"),
                entry("e.md", None, "2023-04-10", "regular"),
                entry("f.md", Some(2), "2024-01-10", "thematic"),
            ],
            vec![],
        );
        assert_eq!(
            codes(&register),
            vec![
                ("c.md".to_string(), "E0801"),
                ("d.md".to_string(), "W0802"),
                // e.md (no number) sorts before d.md on the same date, so d.md is the second of the day.
                ("d.md".to_string(), "W0803"),
                ("f.md".to_string(), "W0802"),
            ]
        );
        let d = register
            .entries
            .iter()
            .find(|e| &*e.row.file == "d.md")
            .unwrap();
        let style = Style {
            format: crate::diag::DiagnosticFormat::Short,
            ..Style::default()
        };
        // `number: 5` is the second line; the finding points at its value.
        let finding = d.register[0].detached(d, &register.entries);
        assert!(
            finding
                .render(&register.path(d), style)
                .starts_with("d.md:2:9:")
        );
        assert!(finding.diagnostic().message.en.contains("number 3–4"));
        let f = register
            .entries
            .iter()
            .find(|e| &*e.row.file == "f.md")
            .unwrap();
        assert!(
            f.register[0]
                .detached(f, &register.entries)
                .diagnostic()
                .message
                .en
                .contains("starts at 1")
        );
        assert!(register.has_errors());
    }

    #[test]
    fn repeated_names_are_kept_once() {
        // An archive's organisation, superior body and titles repeat in every file: one copy each.
        let dir = tempfile::tempdir().unwrap();
        for (i, title) in ["Thường kỳ", "Thường kỳ", "Chuyên đề"].iter().enumerate() {
            let text = format!(
                "---\nnumber: {}\norganization: {{ name: Chi bộ A, parent: Đảng bộ xã B, code: CB }}\ndate: 2023-0{}-10\nmeeting: {{ kind: regular, title: {title} }}\n---\n",
                i + 1,
                i + 1
            );
            std::fs::write(dir.path().join(format!("{i}.md")), text).unwrap();
        }
        let today = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let register = Register::collect(dir.path(), FontSet::bundled(), today, false).unwrap();
        let rows = register.rows();
        assert!(Arc::ptr_eq(&rows[0].organization, &rows[2].organization));
        assert!(Arc::ptr_eq(&rows[0].parent, &rows[1].parent));
        assert!(Arc::ptr_eq(&rows[0].title, &rows[1].title));
        assert!(!Arc::ptr_eq(&rows[1].title, &rows[2].title));
        assert_eq!(&*rows[2].title, "Chuyên đề");
    }

    #[test]
    fn an_entry_names_the_file_as_walked() {
        // `a\b.md` is one file on Unix: its register name has `/`, its diagnostics name the file itself.
        let dir = tempfile::tempdir().unwrap();
        let text =
            "---\nnumber: 2\norganization: { name: Chi bộ A, code: CB }\ndate: 2023-01-10\n---\n";
        for name in ["a\\b.md", "c.md"] {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let today = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let register = Register::collect(dir.path(), FontSet::bundled(), today, false).unwrap();
        let mut paths: Vec<PathBuf> = register.entries.iter().map(|e| register.path(e)).collect();
        paths.sort();
        assert_eq!(paths, [dir.path().join("a\\b.md"), dir.path().join("c.md")]);
        let files: Vec<&str> = register.entries.iter().map(|e| &*e.row.file).collect();
        assert!(files.contains(&"a/b.md"), "{files:?}");
        let odd = register
            .entries
            .iter()
            .find(|e| &*e.row.file == "a/b.md")
            .unwrap();
        let shown = register.render(odd, Style::default(), false);
        assert!(shown.contains("a\\b.md"), "{shown}");
    }

    #[test]
    fn names_sort_in_vietnamese_order() {
        let mut names = vec![
            "UBND xã An Bình",
            "Đảng bộ xã An Bình",
            "Chi bộ Đại Lợi",
            "Chi bộ Dốc Đá",
        ];
        names.sort_by(|a, b| vi_cmp(&a.to_lowercase(), &b.to_lowercase()));
        assert_eq!(
            names,
            [
                "Chi bộ Dốc Đá",
                "Chi bộ Đại Lợi",
                "Đảng bộ xã An Bình",
                "UBND xã An Bình"
            ]
        );
    }

    #[test]
    fn remedies_past_due_are_flagged() {
        let text = "---\nremedies:\n  - { text: A, due: 2023-06-30 }\n  - { text: B, due: 2023-07-01 }\n  - { text: C }\n---\n";
        let e = from_text("a.md", text.to_string());
        let register = Register::from_entries(Path::new(""), vec![e], vec![]);
        let as_of = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
        let flags: Vec<bool> = register
            .remedies(as_of)
            .iter()
            .map(|r| r.past_due)
            .collect();
        assert_eq!(flags, vec![true, false, false]);
    }
}

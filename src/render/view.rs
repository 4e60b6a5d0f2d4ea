//! The data handed to the templates: every user string already escaped into Typst markup (or a Typst string
//! literal), every count, percentage and date already formatted the Vietnamese way. Templates only place
//! these pieces; they never see raw user text, so a template cannot accidentally run it as code.

use serde::Serialize;

use crate::check::minutes::Minutes;
use crate::diag::Diagnostic;
use crate::input::model::{Layout, Status};
use crate::render::escape::{markup, markup_lines, string};
use crate::render::markup::{inline_to_typst, to_typst};
use crate::vi;

/// Offsets of the Markdown fields in the file, so that problems inside them are located.
#[derive(Debug, Clone, Default)]
pub struct MarkdownSpans {
    /// Where the body starts.
    pub body: usize,
    /// Where each speaker's remarks start.
    pub remarks: Vec<usize>,
    /// Where the conclusion starts.
    pub conclusion: usize,
    /// Where each remedy's text starts.
    pub remedies: Vec<usize>,
}

/// A person as the template prints them.
#[derive(Debug, Serialize)]
pub struct PersonView {
    /// Name (markup).
    pub name: String,
    /// Position (markup, may be empty).
    pub role: String,
}

/// An absentee: name and reason (markup, reason may be empty).
#[derive(Debug, Serialize)]
pub struct AbsentView {
    /// Name.
    pub name: String,
    /// Reason, empty when unexcused.
    pub reason: String,
}

/// A speaker and their remarks (Typst markup converted from Markdown).
#[derive(Debug, Serialize)]
pub struct SpeakerView {
    /// Name.
    pub name: String,
    /// Position, may be empty.
    pub role: String,
    /// Remarks.
    pub remarks: String,
}

/// A numbered remedy.
#[derive(Debug, Serialize)]
pub struct RemedyView {
    /// 1-based number.
    pub n: usize,
    /// Text (markup).
    pub text: String,
    /// Owner, may be empty.
    pub owner: String,
    /// Due date `31/12/2023`, may be empty.
    pub due: String,
}

/// A vote with its computed figures.
#[derive(Debug, Serialize)]
pub struct VoteView {
    /// What was voted on.
    pub subject: String,
    /// For, against, abstain, cast (padded counts).
    pub in_favour: String,
    /// Against.
    pub against: String,
    /// Abstentions.
    pub abstain: String,
    /// Votes cast.
    pub cast: String,
    /// Approval percentage `100%`.
    pub approval: String,
}

/// Attendance figures, formatted.
#[derive(Debug, Serialize)]
pub struct MembersView {
    /// On the roll.
    pub total: String,
    /// Official members (total − probationary).
    pub official: String,
    /// Probationary.
    pub probationary: String,
    /// Exempt.
    pub exempt: String,
    /// Summoned (total − exempt).
    pub summoned: String,
    /// Present.
    pub present: String,
    /// Absent.
    pub absent: String,
    /// Absent with a reason.
    pub excused: String,
    /// Absent without one.
    pub unexcused: String,
    /// present ÷ summoned, `87,8%`.
    pub attendance: String,
    /// Each absentee.
    pub absentees: Vec<AbsentView>,
}

/// Document metadata as Typst expressions.
#[derive(Debug, Serialize)]
pub struct MetaView {
    /// String literal: `Biên bản …`.
    pub title: String,
    /// String literal: the organisation.
    pub author: String,
    /// String literal: the subject.
    pub subject: String,
    /// Array literal of keyword strings.
    pub keywords: String,
    /// `datetime(year: …, month: …, day: …)`.
    pub date: String,
}

/// Everything a layout template needs.
#[derive(Debug, Serialize)]
pub struct View {
    /// `party` or `state`.
    pub layout: &'static str,
    /// Whether to print the "DỰ THẢO" mark.
    pub draft: bool,
    /// Typst array literal of font families, preferred first.
    pub fonts: String,
    /// Metadata.
    pub meta: MetaView,
    /// Superior body, upper case (markup, may be empty).
    pub parent_upper: String,
    /// Issuing body, upper case.
    pub org_upper: String,
    /// Issuing body, upper case, as a Typst array of string literals, one per line the clerk wrote: the State
    /// header breaks it into lines itself, to draw the rule under it at a fraction of its widest line.
    pub org_upper_lines: String,
    /// Issuing body as written.
    pub org_name: String,
    /// The number line (`Số 05-BB/CB`), empty without a number.
    pub number: String,
    /// Place and date line.
    pub place_date: String,
    /// `ngày 30 tháng 8 năm 2023`.
    pub date_words: String,
    /// The kind's adjective (`chuyên đề`), may be empty.
    pub kind_words: String,
    /// The meeting kind key (`regular`…).
    pub kind: String,
    /// Meeting title.
    pub title: String,
    /// `14 giờ 00 phút`.
    pub start_words: String,
    /// `16 giờ 45 phút`.
    pub end_words: String,
    /// Venue.
    pub venue: String,
    /// Chair.
    pub chair: PersonView,
    /// Secretary.
    pub secretary: PersonView,
    /// Attendance.
    pub members: MembersView,
    /// Guests.
    pub guests: Vec<PersonView>,
    /// Speakers.
    pub speakers: Vec<SpeakerView>,
    /// The body (markup).
    pub body: String,
    /// The conclusion (markup, may be empty).
    pub conclusion: String,
    /// Remedies.
    pub remedies: Vec<RemedyView>,
    /// `06` — the remedy count, padded.
    pub remedy_count: String,
    /// Votes.
    pub votes: Vec<VoteView>,
    /// The closing sentence.
    pub closing: String,
    /// Left signature title (markup, upper case, may span lines).
    pub signer_left: String,
    /// Right signature title.
    pub signer_right: String,
    /// Left signature title, one markup string per line: the authority line (`T/M CHI BỘ`) first, then the
    /// position (`BÍ THƯ`), which the Party layout sets in regular weight.
    pub signer_left_lines: Vec<String>,
    /// Right signature title, one markup string per line.
    pub signer_right_lines: Vec<String>,
    /// Recipients (markup).
    pub recipients: Vec<String>,
    /// The images the Markdown shows, relative to the minutes folder (not for templates: they take part in
    /// the incremental-build key, so that replacing an image rebuilds the PDF).
    #[serde(skip)]
    pub images: Vec<String>,
}

fn person(name: &str, role: Option<&str>) -> PersonView {
    PersonView {
        name: markup(name.trim()),
        role: markup(role.unwrap_or("").trim()),
    }
}

fn upper(text: &str) -> String {
    markup_lines(&text.to_uppercase())
}

/// Each non-empty line of `text` in upper case, escaped as markup.
fn upper_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| markup(&l.to_uppercase()))
        .collect()
}

/// Builds the view; Markdown problems (raw HTML, images outside the folder) are added to `diags`.
pub fn build(
    m: &Minutes,
    spans: &MarkdownSpans,
    fonts: &[String],
    diags: &mut Vec<Diagnostic>,
) -> View {
    // The Party body sits under section II (level 2), so its headings start at level 3; the State body follows
    // the title directly, beside the numbered sections, so its headings start at level 2.
    let body_top = match m.layout {
        Layout::Party => crate::render::markup::DEFAULT_TOP_HEADING,
        Layout::State => 2,
    };
    let converted_body = crate::render::markup::to_typst_under(&m.body, spans.body, body_top);
    diags.extend(converted_body.diagnostics);
    let mut images = converted_body.images;
    let body = converted_body.typst;
    let mut convert = |text: &str, at: usize, inline: bool| {
        let converted = if inline {
            inline_to_typst(text, at)
        } else {
            to_typst(text, at)
        };
        diags.extend(converted.diagnostics);
        images.extend(converted.images);
        converted.typst
    };

    let speakers = m
        .speakers
        .iter()
        .enumerate()
        .map(|(i, s)| SpeakerView {
            name: markup(s.name.trim()),
            role: markup(s.role.as_deref().unwrap_or("").trim()),
            remarks: convert(
                &s.remarks,
                spans.remarks.get(i).copied().unwrap_or(0),
                false,
            ),
        })
        .collect();
    let conclusion = m
        .conclusion
        .as_deref()
        .map(|c| convert(c, spans.conclusion, false))
        .unwrap_or_default();
    let remedies = m
        .remedies
        .iter()
        .enumerate()
        .map(|(i, r)| RemedyView {
            n: i + 1,
            text: convert(&r.text, spans.remedies.get(i).copied().unwrap_or(0), true),
            owner: markup(r.owner.as_deref().unwrap_or("").trim()),
            due: r
                .due
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
                .map(vi::short_date)
                .unwrap_or_default(),
        })
        .collect();
    let number = match (m.number, m.organization.code.as_deref()) {
        (Some(n), Some(code)) => markup(&vi::number_symbol(m.layout, n, code.trim())),
        _ => String::new(),
    };
    let default_right = match m.layout {
        Layout::Party => "CHỦ TRÌ",
        Layout::State => "CHỦ TỌA",
    };
    View {
        images,
        layout: m.layout.name(),
        draft: m.status == Status::Draft,
        fonts: format!(
            "({},)",
            fonts
                .iter()
                .map(|f| string(f))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        meta: meta(m),
        parent_upper: upper(m.organization.parent.as_deref().unwrap_or("").trim()),
        org_upper: upper(m.organization.name.trim()),
        org_upper_lines: format!(
            "({},)",
            m.organization
                .name
                .trim()
                .to_uppercase()
                .lines()
                .map(|l| string(l.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        org_name: markup(m.organization.name.trim()),
        number,
        place_date: markup(&vi::date_line(&m.place, m.date)),
        date_words: markup(&vi::date_words(m.date)),
        kind_words: vi::kind_words(m.meeting.kind).to_string(),
        kind: m.meeting.kind.as_str().to_string(),
        title: markup(m.meeting.title.trim()),
        start_words: vi::time_words(m.start),
        end_words: vi::time_words(m.end),
        venue: markup(m.venue.trim()),
        chair: person(&m.chair.name, Some(&m.chair.role)),
        secretary: person(&m.secretary.name, Some(&m.secretary.role)),
        members: members(m),
        guests: m
            .guests
            .iter()
            .map(|g| person(&g.name, Some(&g.role)))
            .collect(),
        speakers,
        body,
        conclusion,
        remedy_count: vi::count(m.remedies.len() as u64),
        remedies,
        votes: m.votes.iter().map(vote).collect(),
        closing: markup(&vi::closing_sentence(m.layout, m.end, m.date)),
        signer_left: upper(m.signers.left.as_deref().unwrap_or("THƯ KÝ").trim()),
        signer_right: upper(m.signers.right.as_deref().unwrap_or(default_right).trim()),
        signer_left_lines: upper_lines(m.signers.left.as_deref().unwrap_or("THƯ KÝ")),
        signer_right_lines: upper_lines(m.signers.right.as_deref().unwrap_or(default_right)),
        recipients: m
            .recipients
            .iter()
            .map(|r| {
                markup(
                    r.trim()
                        .trim_start_matches('-')
                        .trim()
                        .trim_end_matches([';', '.']),
                )
            })
            .collect(),
    }
}

fn members(m: &Minutes) -> MembersView {
    let mm = &m.members;
    let absent = mm.absent.len() as u64;
    let excused = mm.excused() as u64;
    MembersView {
        total: vi::count(mm.total.into()),
        official: vi::count(mm.total.saturating_sub(mm.probationary).into()),
        probationary: vi::count(mm.probationary.into()),
        exempt: vi::count(mm.exempt.into()),
        summoned: vi::count(mm.summoned().into()),
        present: vi::count(mm.present.into()),
        absent: vi::count(absent),
        excused: vi::count(excused),
        unexcused: vi::count(absent - excused),
        attendance: vi::percent(mm.present.into(), mm.summoned().into()),
        absentees: mm
            .absent
            .iter()
            .map(|a| AbsentView {
                name: markup(a.name.trim()),
                reason: markup(a.reason.as_deref().unwrap_or("").trim()),
            })
            .collect(),
    }
}

fn vote(v: &crate::input::model::Vote) -> VoteView {
    let cast = u64::from(v.in_favour) + u64::from(v.against) + u64::from(v.abstain);
    VoteView {
        subject: markup(v.subject.trim()),
        in_favour: vi::count(v.in_favour.into()),
        against: vi::count(v.against.into()),
        abstain: vi::count(v.abstain.into()),
        cast: vi::count(cast),
        approval: vi::percent(v.in_favour.into(), cast),
    }
}

/// The PDF metadata: title `Biên bản` + the meeting line, author the organisation, the meeting date.
fn meta(m: &Minutes) -> MetaView {
    let kind = vi::kind_words(m.meeting.kind);
    let title = format!(
        "Biên bản {}{} {}",
        if kind.is_empty() { "" } else { kind },
        if kind.is_empty() { "" } else { ":" },
        m.meeting.title.trim()
    )
    .replace("  ", " ");
    let subject = format!(
        "Biên bản của {}, {}",
        m.organization.name.trim(),
        vi::date_words(m.date)
    );
    let mut keywords = vec![
        "biên bản".to_string(),
        m.organization.name.trim().to_string(),
    ];
    if !kind.is_empty() {
        keywords.push(format!("sinh hoạt {kind}"));
    }
    MetaView {
        title: string(&title),
        author: string(m.organization.name.trim()),
        subject: string(&subject),
        keywords: format!(
            "({},)",
            keywords
                .iter()
                .map(|k| string(k))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        date: crate::typeset::compile::document_date(m.date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signer_titles_split_into_upper_case_lines() {
        assert_eq!(
            upper_lines("T/M Chi bộ\n  Bí thư \n\n"),
            vec!["T\\/M CHI BỘ".to_string(), "BÍ THƯ".to_string()]
        );
        assert!(upper_lines("").is_empty());
    }
}

//! The data handed to the templates: every user string already escaped, as [`Markup`] for content, a
//! [`StringLit`] or an [`ArrayLit`] for code — three types, so that a value cannot land in the wrong context —
//! and every count, percentage and date already formatted the Vietnamese way. Templates only place these
//! pieces; they never see raw user text, so a template cannot accidentally run it as code.

use serde::Serialize;

use crate::check::minutes::Minutes;
use crate::diag::Diagnostic;
use crate::input::model::{Layout, MeetingKind, Status};
use crate::render::escape::{ArrayLit, Markup, StringLit};
use crate::render::markup::{self, inline_to_typst, to_typst};
use crate::render::wording;
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
    /// Where the closing text starts.
    pub closing: usize,
}

/// A person as the template prints them.
#[derive(Debug, Serialize)]
pub struct PersonView {
    /// Name (markup).
    pub name: Markup,
    /// Position (markup, may be empty).
    pub role: Markup,
}

/// An absentee: name and reason (markup, reason may be empty).
#[derive(Debug, Serialize)]
pub struct AbsentView {
    /// Name.
    pub name: Markup,
    /// Reason, empty when unexcused.
    pub reason: Markup,
}

/// The wording of the layout and the body (from [`vi::phrases`]), escaped: headings and labels.
#[derive(Debug, Serialize)]
pub struct WordsView {
    /// `Chủ trì:`.
    pub chair_label: Markup,
    /// `Thư ký:`.
    pub secretary_label: Markup,
    /// The attendance section's heading.
    pub attendance_heading: Markup,
    /// The body's heading.
    pub body_heading: Markup,
    /// The discussion's heading.
    pub speakers_heading: Markup,
    /// The conclusion's heading.
    pub conclusion_heading: Markup,
    /// The remedies' heading (a regular meeting's plan for the month ahead).
    pub remedies_heading: Markup,
    /// The votes' heading.
    pub votes_heading: Markup,
    /// The follow-up's heading.
    pub follow_up_heading: Markup,
    /// The unit people are counted in.
    pub member_noun: Markup,
}

/// A speaker and their remarks (Typst markup converted from Markdown).
#[derive(Debug, Serialize)]
pub struct SpeakerView {
    /// Form of address, capitalised, may be empty (`Đồng chí`).
    pub salutation: Markup,
    /// Name.
    pub name: Markup,
    /// Position, may be empty.
    pub role: Markup,
    /// Remarks.
    pub remarks: Markup,
}

/// A numbered remedy.
#[derive(Debug, Serialize)]
pub struct RemedyView {
    /// 1-based number.
    pub n: usize,
    /// Text (markup).
    pub text: Markup,
    /// Owner, may be empty.
    pub owner: Markup,
    /// Due date `31/12/2023`, may be empty.
    pub due: Markup,
}

/// A vote with its computed figures.
#[derive(Debug, Serialize)]
pub struct VoteView {
    /// What was voted on.
    pub subject: Markup,
    /// For, against, abstain, cast (padded counts).
    pub in_favour: Markup,
    /// Against.
    pub against: Markup,
    /// Abstentions.
    pub abstain: Markup,
    /// Votes cast.
    pub cast: Markup,
    /// Approval percentage `100%`.
    pub approval: Markup,
    /// The whole result: its method, its base, whether it passed.
    pub sentence: Markup,
}

/// Attendance figures, formatted.
#[derive(Debug, Serialize)]
pub struct MembersView {
    /// On the roll.
    pub total: Markup,
    /// Official members (total − probationary).
    pub official: Markup,
    /// Probationary.
    pub probationary: Markup,
    /// Exempt.
    pub exempt: Markup,
    /// Summoned (total − exempt).
    pub summoned: Markup,
    /// Present.
    pub present: Markup,
    /// Absent.
    pub absent: Markup,
    /// Absent with a reason.
    pub excused: Markup,
    /// Absent without one.
    pub unexcused: Markup,
    /// present ÷ summoned, `87,8%`.
    pub attendance: Markup,
    /// Each absentee.
    pub absentees: Vec<AbsentView>,
    /// The attendance in sentences: the roll, those present, those absent.
    pub lines: Vec<Markup>,
}

/// Document metadata as Typst expressions.
#[derive(Debug, Serialize)]
pub struct MetaView {
    /// String literal: `Biên bản …`.
    pub title: StringLit,
    /// String literal: the organisation.
    pub author: StringLit,
    /// String literal: the subject.
    pub subject: StringLit,
    /// Array literal of keyword strings.
    pub keywords: ArrayLit,
    /// `datetime(year: …, month: …, day: …)`: Typst code that bienban writes from the meeting date's numbers.
    pub date: String,
}

/// What the view words from the layout's phrase table ([`vi::phrases`]) for the layout and the body.
#[derive(Debug, Serialize)]
pub struct WordingView {
    /// The body that meets (`cell`…).
    pub body_kind: &'static str,
    /// Headings and labels of the layout and the body.
    pub words: WordsView,
    /// The meeting line under BIÊN BẢN (`Sinh hoạt chi bộ thường kỳ tháng 10 năm 2023`).
    pub meeting_line: Markup,
    /// The opening sentence after the organisation's name (`tổ chức sinh hoạt chuyên đề với chủ đề “…”.`).
    pub opening: Markup,
    /// The venue, with the meeting's form when not in person.
    pub venue_line: Markup,
    /// The agenda's items.
    pub agenda: Vec<Markup>,
    /// `đồng chí Lê Văn Hùng, Bí thư Chi bộ`.
    pub chair_line: Markup,
    /// The secretary, as the chair.
    pub secretary_line: Markup,
    /// `Đại biểu dự: …` (empty without guests).
    pub guests_line: Markup,
    /// `Chi bộ thống nhất 06 giải pháp, nhiệm vụ:`.
    pub remedies_intro: Markup,
    /// What the meeting did after the votes (markup, may be empty).
    pub closing_text: Markup,
    /// The approval statement (may be empty).
    pub approval: Markup,
    /// The review of earlier remedies, one line each.
    pub follow_up: Vec<Markup>,
}

/// Everything a layout template needs.
#[derive(Debug, Serialize)]
pub struct View {
    /// `party` or `state`.
    pub layout: &'static str,
    /// Whether to print the "DỰ THẢO" mark.
    pub draft: bool,
    /// Typst array literal of font families, preferred first.
    pub fonts: ArrayLit,
    /// Metadata.
    pub meta: MetaView,
    /// Superior body, upper case (markup, may be empty).
    pub parent_upper: Markup,
    /// Issuing body, upper case.
    pub org_upper: Markup,
    /// Issuing body, upper case, as a Typst array of string literals, one per line the clerk wrote: the State
    /// header breaks it into lines itself, to draw the rule under it at a fraction of its widest line.
    pub org_upper_lines: ArrayLit,
    /// Superior body, upper case, one string literal per line the clerk wrote (the headers balance each line).
    pub parent_upper_lines: ArrayLit,
    /// Issuing body as written.
    pub org_name: Markup,
    /// The number line (`Số 05-BB/CB`), empty without a number.
    pub number: Markup,
    /// Place and date line.
    pub place_date: Markup,
    /// `ngày 30 tháng 8 năm 2023`.
    pub date_words: Markup,
    /// The kind's adjective (`chuyên đề`), may be empty.
    pub kind_words: Markup,
    /// The meeting kind key (`regular`…).
    pub kind: &'static str,
    /// Meeting title.
    pub title: Markup,
    /// `14 giờ 00 phút`.
    pub start_words: Markup,
    /// `16 giờ 45 phút`.
    pub end_words: Markup,
    /// Venue.
    pub venue: Markup,
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
    pub body: Markup,
    /// The conclusion (markup, may be empty).
    pub conclusion: Markup,
    /// Remedies.
    pub remedies: Vec<RemedyView>,
    /// `06` — the remedy count, padded.
    pub remedy_count: Markup,
    /// Votes.
    pub votes: Vec<VoteView>,
    /// The closing sentence.
    pub closing: Markup,
    /// The sentences and headings worded from the layout's phrase table (placed at the top level for templates).
    #[serde(flatten)]
    pub wording: WordingView,
    /// Left signature title (markup, upper case, may span lines).
    pub signer_left: Markup,
    /// Right signature title.
    pub signer_right: Markup,
    /// Left signature title, one markup string per line: the authority line (`T/M CHI BỘ`) first, then the
    /// position (`BÍ THƯ`), which the Party layout sets in regular weight.
    pub signer_left_lines: Vec<Markup>,
    /// Right signature title, one markup string per line.
    pub signer_right_lines: Vec<Markup>,
    /// Recipients (markup).
    pub recipients: Vec<Markup>,
    /// The images the Markdown shows, relative to the minutes folder (not for templates: they take part in
    /// the incremental-build key, so that replacing an image rebuilds the PDF).
    #[serde(skip)]
    pub images: Vec<String>,
}

fn person(name: &str, role: Option<&str>) -> PersonView {
    PersonView {
        name: Markup::escape(name.trim()),
        role: Markup::escape(role.unwrap_or("").trim()),
    }
}

fn upper(text: &str) -> Markup {
    Markup::escape_lines(&text.to_uppercase())
}

/// Each non-empty line of `text` in upper case, escaped as markup.
fn upper_lines(text: &str) -> Vec<Markup> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Markup::escape(&l.to_uppercase()))
        .collect()
}

/// Converts the Markdown fields, collecting their problems and the images they show.
struct Converter<'a> {
    diags: &'a mut Vec<Diagnostic>,
    images: Vec<String>,
}

impl Converter<'_> {
    /// A block of Markdown (paragraphs, lists, tables) starting at byte `at` of the file.
    fn block(&mut self, text: &str, at: usize) -> Markup {
        self.take(to_typst(text, at))
    }

    /// A one-paragraph field (a remedy), set inline.
    fn inline(&mut self, text: &str, at: usize) -> Markup {
        self.take(inline_to_typst(text, at))
    }

    /// The body, its headings starting at `top`.
    fn body(&mut self, text: &str, at: usize, top: usize) -> Markup {
        self.take(markup::to_typst_under(text, at, top))
    }

    fn take(&mut self, converted: markup::Converted) -> Markup {
        self.diags.extend(converted.diagnostics);
        self.images.extend(converted.images);
        Markup::from_converter(converted.typst)
    }
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
        Layout::Party => markup::DEFAULT_TOP_HEADING,
        Layout::State => 2,
    };
    let mut convert = Converter {
        diags,
        images: vec![],
    };
    let body = convert.body(&m.body, spans.body, body_top);
    let speakers = speakers(m, spans, &mut convert, vi::phrases(m.layout, m.body_kind));
    let conclusion = m
        .conclusion
        .as_deref()
        .map(|c| convert.block(c, spans.conclusion))
        .unwrap_or_default();
    let remedies = remedies(m, spans, &mut convert);
    let (signer_left, signer_right) = signers(m);
    let phrases = vi::phrases(m.layout, m.body_kind);
    let wording = wording_view(m, spans, &mut convert, phrases);
    View {
        wording,
        images: convert.images,
        layout: m.layout.name(),
        draft: m.status == Status::Draft,
        fonts: ArrayLit::of(fonts.iter().map(String::as_str)),
        meta: meta(m),
        parent_upper: upper(m.organization.parent.as_deref().unwrap_or("").trim()),
        org_upper: upper(m.organization.name.trim()),
        org_upper_lines: ArrayLit::of(
            m.organization
                .name
                .trim()
                .to_uppercase()
                .lines()
                .map(str::trim),
        ),
        parent_upper_lines: crate::render::header::typed_lines(m.organization.parent.as_deref()),
        org_name: Markup::escape(m.organization.name.trim()),
        number: number(m),
        place_date: Markup::escape(&vi::date_line(&m.place, m.date)),
        date_words: Markup::escape(&vi::date_words(m.date)),
        kind_words: Markup::generated(vi::kind_words(m.meeting.kind).to_string()),
        kind: m.meeting.kind.as_str(),
        title: Markup::escape(m.meeting.title.trim()),
        start_words: Markup::generated(vi::time_words(m.start)),
        end_words: Markup::generated(vi::time_words(m.end)),
        venue: Markup::escape(m.venue.trim()),
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
        remedy_count: Markup::generated(vi::count(m.remedies.len() as u64)),
        remedies,
        votes: m.votes.iter().map(|v| vote(m, v, phrases)).collect(),
        closing: Markup::escape(&vi::closing_sentence(m.layout, m.body_kind, m.end, m.date)),
        signer_left: upper(signer_left.trim()),
        signer_right: upper(signer_right.trim()),
        signer_left_lines: upper_lines(signer_left),
        signer_right_lines: upper_lines(signer_right),
        recipients: m.recipients.iter().map(|r| recipient(r)).collect(),
    }
}

/// The sentences and headings of the layout's phrase table for these minutes.
fn wording_view(
    m: &Minutes,
    spans: &MarkdownSpans,
    convert: &mut Converter<'_>,
    phrases: &vi::Phrases,
) -> WordingView {
    let (meeting_line, opening) = wording::meeting_and_opening(m, phrases);
    WordingView {
        body_kind: m.body_kind.as_str(),
        words: words(m, phrases),
        meeting_line,
        opening,
        venue_line: wording::venue(m),
        agenda: m
            .meeting
            .agenda
            .iter()
            .flatten()
            .map(|a| Markup::escape(a.trim().trim_end_matches([';', '.'])))
            .collect(),
        chair_line: person_line(&m.chair, phrases),
        secretary_line: person_line(&m.secretary, phrases),
        guests_line: wording::guests(m, phrases),
        remedies_intro: remedies_intro(m, phrases),
        closing_text: m
            .closing
            .as_deref()
            .map(|c| convert.block(c, spans.closing))
            .unwrap_or_default(),
        approval: wording::approval(m, phrases),
        follow_up: follow_up(m),
    }
}

fn speakers(
    m: &Minutes,
    spans: &MarkdownSpans,
    convert: &mut Converter<'_>,
    phrases: &vi::Phrases,
) -> Vec<SpeakerView> {
    m.speakers
        .iter()
        .enumerate()
        .map(|(i, s)| SpeakerView {
            salutation: Markup::escape(&vi::capitalize(&wording::salutation(
                s.salutation.as_deref(),
                phrases,
            ))),
            name: Markup::escape(s.name.trim()),
            role: Markup::escape(s.role.as_deref().unwrap_or("").trim()),
            remarks: convert.block(&s.remarks, spans.remarks.get(i).copied().unwrap_or(0)),
        })
        .collect()
}

fn remedies(m: &Minutes, spans: &MarkdownSpans, convert: &mut Converter<'_>) -> Vec<RemedyView> {
    m.remedies
        .iter()
        .enumerate()
        .map(|(i, r)| RemedyView {
            n: i + 1,
            text: convert.inline(&r.text, spans.remedies.get(i).copied().unwrap_or(0)),
            owner: Markup::escape(r.owner.as_deref().unwrap_or("").trim()),
            due: Markup::generated(r.due.map(vi::short_date).unwrap_or_default()),
        })
        .collect()
}

/// The number line (`Số 05-BB/CB`), empty without a number or a code.
fn number(m: &Minutes) -> Markup {
    match (m.number, m.organization.code.as_deref()) {
        (Some(n), Some(code)) => Markup::escape(&vi::number_symbol(m.layout, n, code.trim())),
        _ => Markup::default(),
    }
}

/// The two signature titles as written, or the layout's defaults (THƯ KÝ on the left; CHỦ TRÌ for the Party,
/// CHỦ TỌA for the State on the right).
fn signers(m: &Minutes) -> (&str, &str) {
    let default_right = match m.layout {
        Layout::Party => "CHỦ TRÌ",
        Layout::State => "CHỦ TỌA",
    };
    (
        m.signers.left.as_deref().unwrap_or("THƯ KÝ"),
        m.signers.right.as_deref().unwrap_or(default_right),
    )
}

/// A recipient line without the list dash or final punctuation a clerk may have typed (the template adds them).
fn recipient(text: &str) -> Markup {
    Markup::escape(
        text.trim()
            .trim_start_matches('-')
            .trim()
            .trim_end_matches([';', '.']),
    )
}

fn members(m: &Minutes) -> MembersView {
    let mm = &m.members;
    let absent = mm.absent.len() as u64;
    let excused = mm.excused() as u64;
    let count = |n: u64| Markup::generated(vi::count(n));
    MembersView {
        total: count(mm.total.into()),
        official: count(mm.total.saturating_sub(mm.probationary).into()),
        probationary: count(mm.probationary.into()),
        exempt: count(mm.exempt.into()),
        summoned: count(mm.summoned().into()),
        present: count(mm.present.into()),
        absent: count(absent),
        excused: count(excused),
        unexcused: count(absent - excused),
        attendance: Markup::generated(vi::percent(mm.present.into(), mm.summoned().into())),
        absentees: mm
            .absent
            .iter()
            .map(|a| AbsentView {
                name: Markup::escape(a.name.trim()),
                reason: Markup::escape(a.reason.as_deref().unwrap_or("").trim()),
            })
            .collect(),
        lines: wording::attendance(m, vi::phrases(m.layout, m.body_kind)),
    }
}

/// The headings and labels of the layout's phrase table, escaped.
fn words(m: &Minutes, p: &vi::Phrases) -> WordsView {
    let remedies = if m.meeting.kind == MeetingKind::Regular {
        p.plan_heading
    } else {
        p.remedies_heading
    };
    WordsView {
        chair_label: Markup::escape(p.chair_label),
        secretary_label: Markup::escape(p.secretary_label),
        attendance_heading: Markup::escape(p.attendance_heading),
        body_heading: Markup::escape(p.body_heading),
        speakers_heading: Markup::escape(p.speakers_heading),
        conclusion_heading: Markup::escape(p.conclusion_heading),
        remedies_heading: Markup::escape(remedies),
        votes_heading: Markup::escape(p.votes_heading),
        follow_up_heading: Markup::escape(p.follow_up_heading),
        member_noun: Markup::escape(p.member_noun),
    }
}

/// The chair or the secretary with their form of address and position.
fn person_line(p: &crate::input::model::Person, phrases: &vi::Phrases) -> Markup {
    let salutation = wording::salutation(p.salutation.as_deref(), phrases);
    wording::person_line(&salutation, &p.name, Some(&p.role))
}

/// `Chi bộ thống nhất 06 giải pháp, nhiệm vụ:` (a regular meeting's: `… 02 nhiệm vụ tháng tới:`).
fn remedies_intro(m: &Minutes, p: &vi::Phrases) -> Markup {
    let n = vi::count(m.remedies.len() as u64);
    let what = if m.meeting.kind == MeetingKind::Regular {
        "nhiệm vụ trọng tâm tháng tới" // 36 / 12: the month ahead's tasks
    } else {
        "giải pháp, nhiệm vụ" // 12
    };
    Markup::escape(&format!("{} thống nhất {n} {what}:", p.subject))
}

/// `2023-08-30#2 — Đã hoàn thành: …`: each reviewed remedy with its status.
fn follow_up(m: &Minutes) -> Vec<Markup> {
    use crate::input::model::FollowUpStatus;
    m.follow_up
        .iter()
        .map(|f| {
            let status = match f.status {
                FollowUpStatus::Done => "đã hoàn thành",
                FollowUpStatus::InProgress => "đang thực hiện",
                FollowUpStatus::Dropped => "không tiếp tục thực hiện",
            };
            let of = crate::check::additions::follow_up_target(&f.of);
            let reference = match of {
                Some((date, n)) => format!(
                    "Nhiệm vụ số {} của biên bản ngày {}",
                    vi::count(n as u64),
                    vi::short_date(date)
                ),
                None => f.of.trim().to_string(),
            };
            let mut b = crate::render::escape::MarkupBuilder::default();
            b.text(&reference).text(": ").text(status);
            if let Some(note) = f.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                b.text(" (").text(note).text(")");
            }
            b.text(".");
            b.finish()
        })
        .collect()
}

fn vote(m: &Minutes, v: &crate::input::model::Vote, phrases: &vi::Phrases) -> VoteView {
    let cast = u64::from(v.in_favour) + u64::from(v.against) + u64::from(v.abstain);
    let count = |n: u64| Markup::generated(vi::count(n));
    VoteView {
        subject: Markup::escape(v.subject.trim()),
        in_favour: count(v.in_favour.into()),
        against: count(v.against.into()),
        abstain: count(v.abstain.into()),
        cast: count(cast),
        approval: Markup::generated(vi::percent(v.in_favour.into(), cast)),
        sentence: wording::vote_sentence(m, v, phrases),
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
        title: StringLit::of(&title),
        author: StringLit::of(m.organization.name.trim()),
        subject: StringLit::of(&subject),
        keywords: ArrayLit::of(keywords.iter().map(String::as_str)),
        date: crate::press::date::document_date(m.date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signer_titles_split_into_upper_case_lines() {
        assert_eq!(
            upper_lines("T/M Chi bộ\n  Bí thư \n\n"),
            vec![Markup::escape("T/M CHI BỘ"), Markup::escape("BÍ THƯ")]
        );
        assert!(upper_lines("").is_empty());
    }
}

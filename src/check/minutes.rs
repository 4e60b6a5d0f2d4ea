//! The validated minutes: what the checks guarantee (required values present, dates and times parsed,
//! counts consistent, defaults applied), and what the view and the archival JSON are made from.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::input::model::{
    Approval, Body, FollowUp, Layout, Meeting, Members, Organization, Person, Remedy, Signers,
    Speaker, Status, Vote,
};

/// Validated minutes: required fields present, dates and times parsed, defaults applied.
#[derive(Debug, Clone, Serialize)]
pub struct Minutes {
    /// Which layout.
    pub layout: Layout,
    /// Draft or approved.
    pub status: Status,
    /// Register number.
    pub number: Option<u32>,
    /// Issuing body.
    pub organization: Organization,
    /// Place name in the date line (may be empty for the state layout).
    pub place: String,
    /// Meeting date.
    pub date: NaiveDate,
    /// Start time.
    pub start: NaiveTime,
    /// End time.
    pub end: NaiveTime,
    /// Venue.
    pub venue: String,
    /// Kind and title.
    pub meeting: Meeting,
    /// Chủ trì.
    pub chair: Person,
    /// Thư ký.
    pub secretary: Person,
    /// Roll and attendance.
    pub members: Members,
    /// Guests.
    pub guests: Vec<Person>,
    /// Speakers in order.
    pub speakers: Vec<Speaker>,
    /// Chair's conclusion (Markdown).
    pub conclusion: Option<String>,
    /// Who met: `meeting.body`, or the layout's default.
    pub body_kind: Body,
    /// Remedies adopted, their due dates parsed.
    pub remedies: Vec<ValidRemedy>,
    /// Votes.
    pub votes: Vec<Vote>,
    /// Recipients.
    pub recipients: Vec<String>,
    /// Signature title overrides.
    pub signers: Signers,
    /// What the meeting did after the votes (Markdown).
    pub closing: Option<String>,
    /// The approval of the minutes, when they were read back.
    pub approval: Option<Approval>,
    /// Review of earlier remedies.
    pub follow_up: Vec<FollowUp>,
    /// The Markdown body.
    pub body: String,
}

/// A remedy as the checks leave it: its due date a real date, not the text the clerk typed.
#[derive(Debug, Clone, Serialize)]
pub struct ValidRemedy {
    /// The remedy (inline Markdown).
    pub text: String,
    /// Who is responsible.
    pub owner: Option<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
}

impl ValidRemedy {
    /// The remedy with its due date parsed (`YYYY-MM-DD`); a due date that is not one is left out (the checks
    /// report it as E0201 before any build uses it).
    pub fn from_raw(raw: &Remedy) -> ValidRemedy {
        ValidRemedy {
            text: raw.text.clone(),
            owner: raw.owner.clone(),
            due: raw.due.as_deref().and_then(parse_iso_date),
        }
    }
}

/// A `YYYY-MM-DD` date (exactly ten characters, a real calendar day).
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
}

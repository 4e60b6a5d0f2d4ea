//! The validated minutes: what the checks guarantee (required values present, dates and times parsed,
//! counts consistent, defaults applied), and what the view and the archival JSON are made from.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::input::model::{
    Layout, Meeting, Members, Organization, Person, Remedy, Signers, Speaker, Status, Vote,
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
    /// Remedies adopted.
    pub remedies: Vec<Remedy>,
    /// Votes.
    pub votes: Vec<Vote>,
    /// Recipients.
    pub recipients: Vec<String>,
    /// Signature title overrides.
    pub signers: Signers,
    /// The Markdown body.
    pub body: String,
}

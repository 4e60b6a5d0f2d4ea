//! Checking: every rule of the minutes format over the typed front matter ([`rules`]) and text hygiene over
//! the whole file ([`hygiene`]: NFC, glyphs the fonts lack).

pub mod additions;
pub mod hygiene;
pub mod minutes;
pub mod rules;

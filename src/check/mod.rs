//! Checking: every rule of the minutes format over the typed front matter ([`rules`]) and text hygiene over
//! the whole file ([`hygiene`]: NFC, glyphs the fonts lack). The images the Markdown shows are checked beside
//! the paths they may name, in [`crate::render::images`].

pub mod additions;
pub mod hygiene;
pub mod minutes;
pub mod rules;

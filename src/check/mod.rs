//! Checking: every rule of the minutes format over the typed front matter ([`rules`]) and text hygiene over
//! the whole file ([`hygiene`]: NFC, glyphs the fonts lack), and the images the Markdown shows ([`images`]).

pub mod hygiene;
pub mod images;
pub mod minutes;
pub mod rules;

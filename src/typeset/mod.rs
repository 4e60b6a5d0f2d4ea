//! Typesetting: the `typst::World` of one document ([`world`], with the fonts of [`crate::press::fonts`]),
//! compiling and exporting PDF, PDF/A and previews ([`compile`], [`preview`]), and the text of typeset pages
//! ([`text`]).

pub mod compile;
pub mod preview;
pub mod text;
pub mod world;

//! What the stages that check, render and typeset minutes all know of the printed document, below all of
//! them: the fonts ([`fonts`]: `check` asks which characters they draw, `typeset` sets the text in them), the
//! PDF standards ([`standard`]), the page budget ([`budget`]) and the document's date ([`date`]).

pub mod budget;
pub mod date;
pub mod fonts;
pub mod standard;

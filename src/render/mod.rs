//! Rendering: Markdown → escaped Typst markup ([`markup`], [`escape`]), the data handed to the templates
//! ([`view`]), the archival attachments ([`attach`]) and the Tera templates themselves ([`template`]).

pub mod attach;
pub mod escape;
pub mod header;
pub mod images;
pub mod locate;
pub mod markup;
pub mod paths;
pub mod template;
pub mod view;
pub mod wording;

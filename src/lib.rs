//! bienban: meeting minutes (biên bản) written as Markdown with YAML front matter, checked like a compiler
//! and typeset into PDFs in the official Vietnamese layouts.
//!
//! The pipeline, one module per arrow: [`source`] → [`frontmatter`] (split, YAML with positions) →
//! [`validate`] (every rule, all at once) → [`markup`] (Markdown → Typst, escaped by [`escape`]) → [`view`]
//! (template data) → [`template`] (Tera) → [`world`] and [`compile`] (typst, PDF). [`pipeline`] strings the
//! stages together for one file and [`batch`] for many.

pub mod archive;
pub mod batch;
pub mod cli;
pub mod compile;
pub mod describe;
pub mod diag;
pub mod escape;
pub mod fonts;
pub mod frontmatter;
pub mod hygiene;
pub mod markup;
pub mod model;
pub mod paths;
pub mod pdfread;
pub mod pipeline;
pub mod preview;
pub mod source;
pub mod suggest;
pub mod template;
pub mod text;
pub mod validate;
pub mod verify;
pub mod vi;
pub mod view;
pub mod world;

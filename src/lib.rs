//! bienban: meeting minutes (biên bản) written as Markdown with YAML front matter, checked like a compiler
//! and typeset into PDFs in the official Vietnamese layouts.
//!
//! The pipeline, one module per arrow: [`source`] → [`frontmatter`] (split, YAML with positions) →
//! [`validate`] (every rule, all at once) → [`markup`] (Markdown → Typst, escaped by [`escape`]) → [`view`]
//! (template data) → [`template`] (Tera) → [`world`] and [`compile`] (typst, PDF). [`pipeline`] strings the
//! stages together for one file and [`batch`] for many (skipping what [`manifest`] says is up to date). The
//! archive commands: [`register`] (`index`, printed by [`register_out`]), [`skeleton`] (`new`), [`watch`].

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
pub mod manifest;
pub mod markup;
pub mod model;
pub mod paths;
pub mod pdfread;
pub mod pipeline;
pub mod preview;
pub mod register;
pub mod register_out;
pub mod skeleton;
pub mod source;
pub mod suggest;
pub mod template;
pub mod text;
pub mod validate;
pub mod verify;
pub mod vi;
pub mod view;
pub mod watch;
pub mod world;

//! bienban: meeting minutes (biên bản) written as Markdown with YAML front matter, checked like a compiler
//! and typeset into PDFs in the official Vietnamese layouts.
//!
//! The pipeline, one folder per stage (see `docs/architecture.md`): [`input`] (bytes → text → front matter
//! and body, YAML with positions, the raw model) → [`check`] (every rule, all at once) → [`render`] (Markdown →
//! escaped Typst, the view, Tera) → [`typeset`] (the typst world, PDF and previews). [`press`] holds what checking,
//! rendering and typesetting all know of the printed document (fonts, PDF standards, the page budget, its
//! date). [`build`] owns the one per-file build path that every command uses; [`archive`] reads PDFs back
//! (extract, verify); [`register`] is `index`; [`cmd`] holds one file per subcommand. [`diag`] and [`vi`] serve
//! the stages above them; the order is written in `docs/architecture.md` and checked by a test.

pub mod archive;
pub mod build;
pub mod check;
pub mod cmd;
pub mod diag;
pub mod input;
pub mod live;
pub mod lsp;
pub mod press;
pub mod register;
pub mod render;
pub mod typeset;
pub mod vi;

//! The build stage's own tests of the path it owns, one stage after another: checking, the template, the
//! typesetter (they reach the stages' internals, which only the build stage sees together).

mod commonmark;
mod pipeline;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::build::prepare::{Prepared, prepare_keeping};
use crate::diag::source::SourceFile;
use crate::press::fonts::FontSet;

/// A file checked completely, without a `bienban.toml`.
fn prepare(file: &SourceFile, fonts: &FontSet, today: NaiveDate) -> Prepared {
    prepare_keeping(file, fonts, today, None, false)
}

/// The seed example.
fn seed_example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("minutes/2023-08-30-chi-bo-dai-loi.md")
}

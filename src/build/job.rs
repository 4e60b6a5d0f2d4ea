//! One unit of work and its outcome: a minutes file, where its output goes, and what happened to it.

use std::path::PathBuf;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Text};

/// A minutes file to process and where its output goes.
#[derive(Debug, Clone)]
pub struct Job {
    /// The source.
    pub input: PathBuf,
    /// The output path.
    pub output: PathBuf,
}

/// The result of one file.
pub struct FileResult {
    /// The file (its text, for showing diagnostics); None when it could not be read.
    pub file: Option<SourceFile>,
    /// The input path.
    pub input: PathBuf,
    /// Diagnostics, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Errors that have no place in the file (I/O, typesetting).
    pub failures: Vec<Text>,
    /// The written output, if any.
    pub written: Option<PathBuf>,
    /// Further files written (the pages after the first of a PNG or SVG preview).
    pub also_written: Vec<PathBuf>,
    /// The output was up to date and was not rebuilt.
    pub skipped: bool,
    /// What the clerk should know that is not a problem (an attachment stored under a substitute name).
    pub notes: Vec<Text>,
}

impl FileResult {
    /// A result with nothing done yet.
    pub fn new(input: PathBuf) -> Self {
        Self {
            file: None,
            input,
            diagnostics: vec![],
            failures: vec![],
            written: None,
            also_written: vec![],
            skipped: false,
            notes: vec![],
        }
    }

    /// Whether an output was written: the only case a file counts as built.
    pub fn built(&self) -> bool {
        self.written.is_some() && !self.failed()
    }

    /// Whether the file failed (an error diagnostic or a failure).
    pub fn failed(&self) -> bool {
        !self.failures.is_empty() || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

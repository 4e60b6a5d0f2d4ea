//! The command line, declared with clap: each subcommand's doc comment is its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::batch::OutputFormat;
use crate::diag::{DiagnosticFormat, Lang};

/// bienban — biên bản (meeting minutes) from Markdown to PDF in the official Vietnamese layouts.
///
/// Write the minutes as Markdown with a YAML front matter, check them, and build a PDF in the Party layout
/// (Hướng dẫn 36-HD/VPTW) or the State layout (Nghị định 30/2020/NĐ-CP).
#[derive(Debug, Parser)]
#[command(name = "bienban", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate and render minutes files to PDF.
    ///
    /// A folder means every `*.md` file with front matter below it. Without a path, `minutes/` is built.
    ///
    /// Example: bienban build minutes/ --out-dir pdf/
    Build(BuildArgs),
    /// Validate minutes files and print every problem; write nothing.
    ///
    /// Example: bienban check minutes/2023-08-30-chi-bo-dai-loi.md
    Check(CheckArgs),
    /// Print the JSON Schema of the front matter (for editor completion and validation).
    ///
    /// Example: bienban schema > bienban.schema.json
    Schema,
}

/// Options for printing diagnostics.
#[derive(Debug, Args)]
pub struct DiagArgs {
    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub diagnostic_format: DiagnosticFormat,
    /// Language of the messages (the codes do not change).
    #[arg(long, value_enum, default_value_t = Lang::Vi)]
    pub lang: Lang,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `bienban build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Minutes files or folders (default: `minutes/`).
    pub paths: Vec<PathBuf>,
    /// Write outputs under this folder, keeping the layout relative to each folder given.
    #[arg(long, short)]
    pub out_dir: Option<PathBuf>,
    /// What to write: the PDF, or the generated Typst source.
    #[arg(long, value_enum, default_value_t = OutputFormat::Pdf)]
    pub format: OutputFormat,
    /// A folder of templates overriding the built-in ones by name (default: `templates/` beside the minutes).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// A folder of extra fonts; if it holds Times New Roman, the minutes are set in it.
    #[arg(long)]
    pub font_path: Option<PathBuf>,
    /// Parallel jobs (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Diagnostics.
    #[command(flatten)]
    pub diag: DiagArgs,
}

/// `bienban check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Minutes files or folders (default: `minutes/`).
    pub paths: Vec<PathBuf>,
    /// A folder of extra fonts (the font coverage check uses it).
    #[arg(long)]
    pub font_path: Option<PathBuf>,
    /// Diagnostics.
    #[command(flatten)]
    pub diag: DiagArgs,
}

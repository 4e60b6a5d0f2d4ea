//! The command line, declared with clap: each subcommand's doc comment is its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::batch::OutputFormat;
use crate::diag::{DiagnosticFormat, Lang};
use crate::model::{Layout, MeetingKind};

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
    /// Write a commented skeleton minutes file (today's date) that passes `check` once its placeholders
    /// (`<…>`) are filled in; never overwrites an existing file.
    ///
    /// Example: bienban new minutes/2024-03-15-chi-bo.md --kind thematic
    New(NewArgs),
    /// The register of minutes (sổ theo dõi biên bản) under a folder, with duplicate and missing numbers.
    ///
    /// One row per minutes file: number, date, organisation, meeting, attendance, remedies, votes, status.
    /// With `--remedies`: every remedy adopted, with its owner and due date, those past due flagged.
    ///
    /// Example: bienban index minutes/ --format pdf -o so-theo-doi-bien-ban.pdf
    Index(IndexArgs),
    /// Rebuild a minutes file on every save, printing its diagnostics, until interrupted (Ctrl-C).
    ///
    /// Example: bienban watch minutes/2023-08-30-chi-bo-dai-loi.md
    Watch(WatchArgs),
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
    /// Rebuild every file, even those whose output is up to date.
    #[arg(long)]
    pub force: bool,
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

/// `bienban new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The file to create (default: `minutes/<today>-bien-ban.md`).
    pub file: Option<PathBuf>,
    /// The layout: party (Đảng) or state (Nhà nước).
    #[arg(long, value_enum, default_value_t = Layout::Party)]
    pub layout: Layout,
    /// The kind of meeting.
    #[arg(long, value_enum, default_value_t = MeetingKind::Regular)]
    pub kind: MeetingKind,
    /// The date to put in the skeleton, `YYYY-MM-DD` (default: today).
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
}

/// What `bienban index` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum IndexFormat {
    /// A Markdown table (default).
    #[default]
    Markdown,
    /// Comma-separated values, with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
    /// A PDF register in the official style (needs `--output`, else `so-theo-doi-bien-ban.pdf` in the folder).
    Pdf,
}

/// `bienban index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The folder of minutes (default: `minutes/`).
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = IndexFormat::Markdown)]
    pub format: IndexFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// List every remedy adopted instead of the minutes, flagging those past due.
    #[arg(long)]
    pub remedies: bool,
    /// The date remedies are judged past due against, `YYYY-MM-DD` (default: today).
    #[arg(long)]
    pub as_of: Option<chrono::NaiveDate>,
    /// A folder of extra fonts (for the PDF register).
    #[arg(long)]
    pub font_path: Option<PathBuf>,
    /// Diagnostics.
    #[command(flatten)]
    pub diag: DiagArgs,
}

/// `bienban watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The minutes file to rebuild on every save.
    pub file: PathBuf,
    /// Write the output under this folder instead of beside the file.
    #[arg(long, short)]
    pub out_dir: Option<PathBuf>,
    /// What to write: the PDF, or the generated Typst source.
    #[arg(long, value_enum, default_value_t = OutputFormat::Pdf)]
    pub format: OutputFormat,
    /// A folder of templates overriding the built-in ones by name.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// A folder of extra fonts.
    #[arg(long)]
    pub font_path: Option<PathBuf>,
    /// Diagnostics.
    #[command(flatten)]
    pub diag: DiagArgs,
}

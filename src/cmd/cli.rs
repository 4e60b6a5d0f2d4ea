//! The command line, declared with clap: each subcommand's doc comment is its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::cmd::values::{
    DiagnosticFormatArg, KindArg, LangArg, LayoutArg, OutputFormatArg, StandardArg,
};
use crate::diag::{Lang, t};

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
    Schema(SchemaArgs),
    /// Write out the files attached to an archival PDF (built with `--pdf-standard a-3b`): the minutes source
    /// (`.md`) and their parsed data (`.json`), so the archive can be rebuilt from the PDF alone.
    ///
    /// Example: bienban extract luu-tru/2023-08-30-chi-bo-dai-loi.pdf --out-dir khoi-phuc/
    Extract(ExtractArgs),
    /// Rebuild a minutes file in memory and check that a PDF is byte for byte its product; exit 1 with the
    /// reason on any difference. The PDF standards are read from the PDF itself.
    ///
    /// Example: bienban verify minutes/2023-08-30-chi-bo-dai-loi.md minutes/2023-08-30-chi-bo-dai-loi.pdf
    Verify(VerifyArgs),
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
    /// Serve the Language Server Protocol over stdin/stdout for an editor: diagnostics while you type,
    /// completion of keys and values, hover, quick fixes and the outline of a minutes file.
    ///
    /// Example (an editor starts it): bienban lsp
    Lsp,
    /// Show a minutes file's pages in the browser, updated on every save, with its errors above the last good
    /// pages. Listens on 127.0.0.1 only.
    ///
    /// Example: bienban preview minutes/2023-08-30-chi-bo-dai-loi.md --port 8080
    Preview(PreviewArgs),
    /// The built-in templates: write them out to change them.
    ///
    /// Example: bienban templates export templates/
    Templates(TemplatesArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    ///
    /// Example: bienban completions bash > ~/.local/share/bash-completion/completions/bienban
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command with `--out-dir`.
    ///
    /// Example: bienban man --out-dir ~/.local/share/man/man1
    Man(ManArgs),
}

/// Arguments of `bienban preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The minutes file to show.
    pub file: PathBuf,
    /// The port on 127.0.0.1 (0: any free port; the address is printed).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Do not open the browser.
    #[arg(long)]
    pub no_open: bool,
    /// Templates folder overriding the built-in ones.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Extra fonts folder.
    #[arg(long)]
    pub font_path: Option<PathBuf>,
}

/// Options for printing diagnostics.
#[derive(Debug, Args)]
pub struct DiagArgs {
    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value_t = DiagnosticFormatArg::Human)]
    pub diagnostic_format: DiagnosticFormatArg,
    /// Language of the messages (the codes do not change).
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
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
    /// What to write: the PDF, page previews (`<name>-1.png`, …), or the generated Typst source (standalone).
    #[arg(long, value_enum, default_value_t = OutputFormatArg::Pdf)]
    pub format: OutputFormatArg,
    /// Archival standards the PDF must meet, comma-separated: a-2b or a-3b (PDF/A; a-3b also attaches the
    /// minutes source and data), ua-1 (PDF/UA, accessible).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub pdf_standard: Vec<StandardArg>,
    /// Resolution of PNG previews, in pixels per inch (1 to 1200).
    #[arg(long, default_value_t = crate::typeset::preview::DEFAULT_PPI, value_parser = parse_ppi)]
    pub ppi: f32,
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
    /// Build only part K of N of the files (for N machines building one archive together, each with its own
    /// manifest), e.g. `--shard 2/4`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::build::plan::Shard>,
    /// Say, for each file built, which template files it used (built-in, or which override).
    #[arg(long, short)]
    pub verbose: bool,
    /// Diagnostics.
    #[command(flatten)]
    pub diag: DiagArgs,
}

/// `bienban templates`.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// What to do with the templates.
    #[command(subcommand)]
    pub action: TemplatesAction,
}

/// `bienban templates …`.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Write the built-in templates out into a folder, to edit them (never overwrites without `--force`).
    ///
    /// Example: bienban templates export templates/
    Export(ExportArgs),
}

/// `bienban templates export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The folder to write them into (created if missing).
    pub dir: PathBuf,
    /// Replace files that already exist there.
    #[arg(long)]
    pub force: bool,
    /// Messages.
    #[command(flatten)]
    pub diag: DiagArgs,
}

/// `bienban completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `bienban man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write the pages into this folder (`bienban.1`, `bienban-build.1`, …) instead of printing `bienban.1`.
    #[arg(long, short)]
    pub out_dir: Option<PathBuf>,
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

/// `bienban extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The archival PDF.
    pub pdf: PathBuf,
    /// Write the files here (default: beside the PDF).
    #[arg(long, short)]
    pub out_dir: Option<PathBuf>,
    /// Replace existing files that differ from the attached copies.
    #[arg(long)]
    pub force: bool,
    /// Messages.
    #[command(flatten)]
    pub diag: DiagArgs,
}

/// `bienban schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Messages.
    #[command(flatten)]
    pub diag: DiagArgs,
}

/// `bienban verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The minutes file.
    pub source: PathBuf,
    /// The PDF that claims to be built from it.
    pub pdf: PathBuf,
    /// Rebuild with these standards instead of those the PDF declares.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub pdf_standard: Option<Vec<StandardArg>>,
    /// The templates folder the PDF was built with (default: `templates/` beside the minutes).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// The font folder the PDF was built with.
    #[arg(long)]
    pub font_path: Option<PathBuf>,
    /// Messages.
    #[command(flatten)]
    pub diag: DiagArgs,
}

/// `bienban new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The file to create (default: `minutes/<today>-bien-ban.md`).
    pub file: Option<PathBuf>,
    /// The layout: party (Đảng) or state (Nhà nước).
    #[arg(long, value_enum, default_value_t = LayoutArg::Party)]
    pub layout: LayoutArg,
    /// The kind of meeting.
    #[arg(long, value_enum, default_value_t = KindArg::Regular)]
    pub kind: KindArg,
    /// The date to put in the skeleton, `YYYY-MM-DD` (default: today).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// Messages.
    #[command(flatten)]
    pub diag: DiagArgs,
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

/// A remedy's latest status, for `index --remedies --status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RemedyStatus {
    /// Reviewed as done.
    Done,
    /// Reviewed as in progress, not past due.
    InProgress,
    /// Reviewed as dropped.
    Dropped,
    /// Past due and not done nor dropped.
    Overdue,
    /// Never reviewed, not past due.
    Open,
}

impl RemedyStatus {
    /// The status as the register writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::InProgress => "in-progress",
            Self::Dropped => "dropped",
            Self::Overdue => "overdue",
            Self::Open => "open",
        }
    }
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
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// With `--remedies`: only those of an organisation whose name contains this.
    #[arg(long)]
    pub org: Option<String>,
    /// With `--remedies`: only those adopted on or after this date, `YYYY-MM-DD`.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<chrono::NaiveDate>,
    /// With `--remedies`: only those adopted on or before this date, `YYYY-MM-DD`.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<chrono::NaiveDate>,
    /// With `--remedies`: only those whose latest status is this.
    #[arg(long, value_enum)]
    pub status: Option<RemedyStatus>,
    /// Replace an existing `--output` file that is not a register this command wrote (a minutes source is
    /// never replaced).
    #[arg(long)]
    pub force: bool,
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
    #[arg(long, value_enum, default_value_t = OutputFormatArg::Pdf)]
    pub format: OutputFormatArg,
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

/// A date on the command line: `YYYY-MM-DD` only, so that `15/03/2024` or `03/15/2024` is never guessed.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let parsed = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let message = match parsed.filter(|_| well_formed) {
        Some(date) => return Ok(date),
        None if well_formed => t(
            format!("{text} is not a real date (expected YYYY-MM-DD, e.g. 2024-03-15)"),
            format!("{text} không phải ngày có thật (cần dạng YYYY-MM-DD, ví dụ 2024-03-15)"),
        ),
        None => t(
            format!("expected YYYY-MM-DD, e.g. 2024-03-15 (got {text})"),
            format!("cần dạng YYYY-MM-DD, ví dụ 2024-03-15 (nhận được {text})"),
        ),
    };
    Err(message.get(lang_of_args()).to_string())
}

/// The `--lang` of the command line, read ahead of clap for the value parsers' messages (clap parses values
/// before it has seen every option).
fn lang_of_args() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let en = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || args.iter().any(|a| a == "--lang=en");
    if en { Lang::En } else { Lang::Vi }
}

/// `--ppi`: a number of pixels per inch from 1 to [`crate::typeset::preview::MAX_PPI`].
pub fn parse_ppi(text: &str) -> Result<f32, String> {
    let max = crate::typeset::preview::MAX_PPI;
    match text.trim().parse::<f32>() {
        Ok(ppi) if ppi.is_finite() && (1.0..=max).contains(&ppi) => Ok(ppi),
        _ => Err(t(
            format!("expected a number of pixels per inch from 1 to {max} (got {text})"),
            format!("cần số điểm ảnh trên mỗi inch từ 1 đến {max} (nhận được {text})"),
        )
        .get(lang_of_args())
        .to_string()),
    }
}

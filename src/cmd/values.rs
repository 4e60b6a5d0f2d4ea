//! The command line's words for the stages' choices (`--lang`, `--diagnostic-format`, `--format`,
//! `--pdf-standard`, `--layout`, `--kind`): clap's `ValueEnum` stays here, in the command line, and each word
//! maps onto the stage's own type, which knows nothing of clap.

use crate::diag::{DiagnosticFormat, Lang};
use crate::input::model::{Layout, MeetingKind};
use crate::press::standard::Standard;
use crate::typeset::compile::OutputFormat;

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LangArg {
    /// Tiếng Việt (the default: the tool's users are Vietnamese clerks).
    #[default]
    Vi,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

/// `--diagnostic-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiagnosticFormatArg {
    /// Like a compiler: the source line, a caret under the problem, hints.
    #[default]
    Human,
    /// One line per diagnostic: `path:line:col: error[CODE]: message`.
    Short,
    /// One JSON object per line.
    Json,
}

impl From<DiagnosticFormatArg> for DiagnosticFormat {
    fn from(arg: DiagnosticFormatArg) -> DiagnosticFormat {
        match arg {
            DiagnosticFormatArg::Human => DiagnosticFormat::Human,
            DiagnosticFormatArg::Short => DiagnosticFormat::Short,
            DiagnosticFormatArg::Json => DiagnosticFormat::Json,
        }
    }
}

/// `--format` of `build` and `watch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormatArg {
    /// The PDF (default).
    #[default]
    Pdf,
    /// The generated Typst source, standalone (compiles with the `typst` CLI and `--font-path fonts`).
    Typst,
    /// A PNG preview of each page (`<stem>-1.png`, …), at `--ppi`.
    Png,
    /// An SVG preview of each page (`<stem>-1.svg`, …).
    Svg,
}

impl From<OutputFormatArg> for OutputFormat {
    fn from(arg: OutputFormatArg) -> OutputFormat {
        match arg {
            OutputFormatArg::Pdf => OutputFormat::Pdf,
            OutputFormatArg::Typst => OutputFormat::Typst,
            OutputFormatArg::Png => OutputFormat::Png,
            OutputFormatArg::Svg => OutputFormat::Svg,
        }
    }
}

/// `--pdf-standard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum StandardArg {
    /// PDF/A-2b: archival, visual appearance preserved; no attachments allowed.
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-3b: archival, and the minutes' own source and data travel inside the PDF.
    #[value(name = "a-3b")]
    A3b,
    /// PDF/UA-1: accessible (tagged, with a title and a language).
    #[value(name = "ua-1")]
    Ua1,
}

impl From<StandardArg> for Standard {
    fn from(arg: StandardArg) -> Standard {
        match arg {
            StandardArg::A2b => Standard::A2b,
            StandardArg::A3b => Standard::A3b,
            StandardArg::Ua1 => Standard::Ua1,
        }
    }
}

/// The standards of a `--pdf-standard` list.
pub fn standards(args: &[StandardArg]) -> Vec<Standard> {
    args.iter().map(|s| Standard::from(*s)).collect()
}

/// `--layout` of `new`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LayoutArg {
    /// Party documents: Hướng dẫn 36-HD/VPTW.
    #[default]
    Party,
    /// State documents: Nghị định 30/2020/NĐ-CP, Mẫu 1.9.
    State,
}

impl From<LayoutArg> for Layout {
    fn from(arg: LayoutArg) -> Layout {
        match arg {
            LayoutArg::Party => Layout::Party,
            LayoutArg::State => Layout::State,
        }
    }
}

/// `--kind` of `new`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// Sinh hoạt thường kỳ.
    Regular,
    /// Sinh hoạt chuyên đề.
    Thematic,
    /// Sinh hoạt (họp) bất thường.
    Extraordinary,
    /// Any other meeting.
    Other,
}

impl From<KindArg> for MeetingKind {
    fn from(arg: KindArg) -> MeetingKind {
        match arg {
            KindArg::Regular => MeetingKind::Regular,
            KindArg::Thematic => MeetingKind::Thematic,
            KindArg::Extraordinary => MeetingKind::Extraordinary,
            KindArg::Other => MeetingKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::*;

    /// Each word means the stage's value of the same name (`a-3b` is `Standard::A3b`, named `a-3b`).
    #[test]
    fn each_word_maps_onto_the_stage_value_of_its_name() {
        for arg in StandardArg::value_variants() {
            let word = arg
                .to_possible_value()
                .expect("shown")
                .get_name()
                .to_string();
            assert_eq!(Standard::from(*arg).name(), word);
        }
        for arg in OutputFormatArg::value_variants() {
            let word = arg
                .to_possible_value()
                .expect("shown")
                .get_name()
                .to_string();
            assert_eq!(OutputFormat::from(*arg).as_str(), word);
        }
        for arg in LayoutArg::value_variants() {
            let word = arg
                .to_possible_value()
                .expect("shown")
                .get_name()
                .to_string();
            assert_eq!(Layout::from(*arg).name(), word);
        }
        for arg in KindArg::value_variants() {
            let word = arg
                .to_possible_value()
                .expect("shown")
                .get_name()
                .to_string();
            assert_eq!(MeetingKind::from(*arg).as_str(), word);
        }
        assert_eq!(Lang::from(LangArg::En), Lang::En);
        assert_eq!(
            DiagnosticFormat::from(DiagnosticFormatArg::Json),
            DiagnosticFormat::Json
        );
    }
}

//! bienban's diagnostics as LSP diagnostics: the range at the file's own line and column, the message and its
//! hints in the configured language, and the code linked to its entry in `docs/diagnostics.md`.

use std::str::FromStr;

use lsp_types::{CodeDescription, DiagnosticSeverity, NumberOrString, Uri};

use crate::diag::{Diagnostic, Lang, Severity};
use crate::lsp::documents::Analysis;
use crate::lsp::position::{Encoding, range};

/// Where `docs/diagnostics.md` is published; each code is an anchor on it (`…/diagnostics.md#e0203`).
pub const DOCS: &str = "https://example.org/bienban/blob/main/docs/diagnostics.md";

/// How diagnostics are shown: the language and the docs' address.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The messages' language.
    pub lang: Lang,
    /// The address of `docs/diagnostics.md`.
    pub docs: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::Vi,
            docs: DOCS.to_string(),
        }
    }
}

/// The LSP diagnostics of a checked document.
pub fn to_lsp(
    analysis: &Analysis,
    settings: &Settings,
    encoding: Encoding,
) -> Vec<lsp_types::Diagnostic> {
    analysis
        .diagnostics
        .iter()
        .map(|d| one(analysis, d, settings, encoding))
        .collect()
}

fn one(
    analysis: &Analysis,
    diag: &Diagnostic,
    settings: &Settings,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let span = diag.span.clone().unwrap_or(0..0);
    let hint_word = match settings.lang {
        Lang::Vi => "gợi ý",
        Lang::En => "hint",
    };
    let mut message = diag.message.get(settings.lang).to_string();
    for hint in &diag.hints {
        message.push_str(&format!("\n{hint_word}: {}", hint.get(settings.lang)));
    }
    let href = format!("{}#{}", settings.docs, diag.code.anchor());
    lsp_types::Diagnostic {
        range: range(&analysis.file, &span, encoding),
        severity: Some(match diag.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diag.code.to_string())),
        code_description: Uri::from_str(&href)
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("bienban".to_string()),
        message,
        related_information: None,
        tags: None,
        data: None,
    }
}

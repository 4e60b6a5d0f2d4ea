//! Usage mistakes on the command line (an unknown option, a bad value, a misspelt subcommand) told in the
//! clerk's language: clap words its errors in English only, so the Vietnamese message is built here from the
//! error's kind and context (the argument, the value, clap's suggestion); the English one is clap's own.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::diag::Lang;

/// Prints a parse error in `lang` and ends the process: help and version requests go to stdout with exit 0,
/// usage mistakes to stderr with exit 2.
pub fn exit(error: clap::Error, lang: Lang) -> ! {
    let shown_by_clap = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang == Lang::En || shown_by_clap {
        error.exit();
    }
    eprint!("{}", vietnamese(&error));
    std::process::exit(2);
}

/// The Vietnamese wording of a usage mistake: the error line, a tip when clap has one, the usage and where to
/// read more.
pub fn vietnamese(error: &clap::Error) -> String {
    let text = |kind| error.get(kind).map(value_text).unwrap_or_default();
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let mut lines = vec![format!("lỗi: {}", headline(error, &arg, &value))];
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        if let Some(suggested) = error.get(kind) {
            lines.push(format!(
                "  gợi ý: có phải ý bạn là '{}'?",
                value_text(suggested)
            ));
        }
    }
    if let Some(suggested) = error.get(ContextKind::SuggestedValue) {
        lines.push(format!(
            "  gợi ý: có phải ý bạn là '{}'?",
            value_text(suggested)
        ));
    }
    if let Some(ContextValue::String(trailing)) = error.get(ContextKind::TrailingArg) {
        lines.push(format!(
            "  gợi ý: muốn dùng '{trailing}' làm giá trị thì viết '-- {trailing}'"
        ));
    }
    let mut out = lines.join("\n\n");
    out.push('\n');
    if let Some(usage) = error.get(ContextKind::Usage) {
        let usage = value_text(usage);
        let usage = usage.trim().strip_prefix("Usage:").unwrap_or(&usage).trim();
        out.push_str(&format!("\nCách dùng: {usage}\n"));
    }
    out.push_str("\nXem hướng dẫn đầy đủ: thêm '--help'.\n");
    out
}

/// The first line of the message, by the kind of mistake.
fn headline(error: &clap::Error, arg: &str, value: &str) -> String {
    match error.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn hay đối số '{arg}' ở đây"),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh '{}'",
            error
                .get(ContextKind::InvalidSubcommand)
                .map(value_text)
                .unwrap_or_default()
        ),
        ErrorKind::InvalidValue => {
            let valid = error
                .get(ContextKind::ValidValue)
                .map(value_text)
                .unwrap_or_default();
            if value.is_empty() {
                format!("'{arg}' cần một giá trị (dùng được: {valid})")
            } else if valid.is_empty() {
                format!("giá trị '{value}' không hợp lệ cho '{arg}'")
            } else {
                format!("giá trị '{value}' không hợp lệ cho '{arg}' (dùng được: {valid})")
            }
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|e| format!(": {e}"))
                .unwrap_or_default();
            format!("giá trị '{value}' không hợp lệ cho '{arg}'{reason}")
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu đối số bắt buộc: {arg}"),
        ErrorKind::ArgumentConflict => format!(
            "không dùng được '{arg}' cùng với '{}'",
            error
                .get(ContextKind::PriorArg)
                .map(value_text)
                .unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị cho '{arg}' không đúng")
        }
        ErrorKind::NoEquals => format!("'{arg}' cần dấu '=' trước giá trị"),
        ErrorKind::InvalidUtf8 => "một đối số không phải văn bản UTF-8 hợp lệ".to_string(),
        ErrorKind::MissingSubcommand => "thiếu lệnh (build, check, …)".to_string(),
        _ => error
            .kind()
            .as_str()
            .unwrap_or("dòng lệnh không hợp lệ")
            .to_string(),
    }
}

/// A context value as plain text (lists joined by commas, styles dropped).
fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, Command};

    fn command() -> Command {
        Command::new("bienban").subcommand(
            Command::new("build")
                .arg(
                    Arg::new("format")
                        .long("format")
                        .value_parser(["pdf", "png"]),
                )
                .arg(Arg::new("force").long("force").num_args(0)),
        )
    }

    fn error(args: &[&str]) -> String {
        let e = command()
            .try_get_matches_from(args)
            .expect_err("a usage error");
        vietnamese(&e)
    }

    #[test]
    fn usage_mistakes_are_told_in_vietnamese_with_clap_suggestions() {
        let unknown = error(&["bienban", "build", "--forse"]);
        assert!(
            unknown.contains("không có tùy chọn hay đối số '--forse'"),
            "{unknown}"
        );
        assert!(unknown.contains("có phải ý bạn là '--force'"), "{unknown}");
        assert!(unknown.contains("Cách dùng: bienban build"), "{unknown}");
        let value = error(&["bienban", "build", "--format", "docx"]);
        assert!(
            value.contains("giá trị 'docx' không hợp lệ cho '--format"),
            "{value}"
        );
        assert!(value.contains("pdf, png"), "{value}");
        let subcommand = error(&["bienban", "buld"]);
        assert!(subcommand.contains("không có lệnh 'buld'"), "{subcommand}");
        assert!(subcommand.contains("'build'"), "{subcommand}");
        for text in [unknown, value, subcommand] {
            assert!(!text.contains("error:") && !text.contains("For more information"));
        }
    }
}

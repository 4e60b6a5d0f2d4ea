//! `bienban schema`: the JSON Schema of the front matter, for editors.

use std::process::ExitCode;

use crate::cmd::cli::SchemaArgs;
use crate::diag::out;

/// Runs `bienban schema` (its options are accepted for uniformity: it prints no message).
pub fn run(_args: SchemaArgs) -> ExitCode {
    let schema = crate::input::keys::schema::json_schema();
    out::stdout_line(&serde_json::to_string_pretty(&schema).unwrap_or_default());
    ExitCode::SUCCESS
}

//! `bienban schema`: the JSON Schema of the front matter, for editors.

use std::process::ExitCode;

/// Runs `bienban schema`.
pub fn run() -> ExitCode {
    let schema = schemars::schema_for!(crate::input::model::RawMinutes);
    println!(
        "{}",
        serde_json::to_string_pretty(&schema).unwrap_or_default()
    );
    ExitCode::SUCCESS
}

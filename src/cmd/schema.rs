//! `bienban schema`: the JSON Schema of the front matter, for editors.

use std::process::ExitCode;

/// Runs `bienban schema`.
pub fn run() -> ExitCode {
    let schema = crate::input::describe::json_schema();
    println!(
        "{}",
        serde_json::to_string_pretty(&schema).unwrap_or_default()
    );
    ExitCode::SUCCESS
}

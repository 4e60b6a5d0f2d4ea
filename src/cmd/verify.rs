//! `bienban verify`: is this PDF exactly what this source builds to?

use std::process::ExitCode;

use crate::archive::verify::{self, VerifyOptions};
use crate::cmd::cli::VerifyArgs;
use crate::cmd::common::{check_source_date_epoch, fail, fonts};

/// Runs `bienban verify`.
pub fn run(args: VerifyArgs) -> ExitCode {
    if let Err(code) = check_source_date_epoch() {
        return code;
    }
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let options = VerifyOptions {
        fonts,
        templates: args.templates.as_deref(),
        standards: args.pdf_standard,
    };
    match verify::verify(&args.source, &args.pdf, &options) {
        Ok(()) => {
            println!(
                "{} is the build of {}",
                args.pdf.display(),
                args.source.display()
            );
            ExitCode::SUCCESS
        }
        Err(reason) => fail(&reason),
    }
}

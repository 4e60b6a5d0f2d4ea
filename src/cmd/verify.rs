//! `bienban verify`: is this PDF exactly what this source builds to?

use std::path::Path;
use std::process::ExitCode;

use crate::archive::verify::{self, VerifyOptions};
use crate::cmd::cli::VerifyArgs;
use crate::cmd::common::{
    check_source_date_epoch, fail, fonts, require_folder, require_paths, style, usage_with,
};
use crate::diag::{Text, out, t};

/// Runs `bienban verify`.
pub fn run(args: VerifyArgs) -> ExitCode {
    let style = style(&args.diag);
    if let Err(code) = check_source_date_epoch(style)
        .and_then(|()| require_paths(&[args.source.clone(), args.pdf.clone()], style))
    {
        return code;
    }
    if let Some(problem) = not_a_pdf(&args.pdf) {
        return usage_with(
            style,
            &problem,
            &[t(
                "expected the minutes file, then the PDF: bienban verify x.md x.pdf",
                "cần tệp biên bản rồi đến tệp PDF: bienban verify x.md x.pdf",
            )],
        );
    }
    if let Err(code) = require_folder("--templates", args.templates.as_ref(), style) {
        return code;
    }
    if let Err(code) = require_folder("--font-path", args.font_path.as_ref(), style) {
        return code;
    }
    let fonts = match fonts(args.font_path.as_ref()) {
        Ok(f) => f,
        Err(e) => return fail(style, &e),
    };
    let options = VerifyOptions {
        fonts,
        templates: args.templates.as_deref(),
        standards: args
            .pdf_standard
            .as_deref()
            .map(crate::cmd::values::standards),
    };
    match verify::verify(&args.source, &args.pdf, &options) {
        Ok(()) => {
            let (pdf, md) = (args.pdf.display(), args.source.display());
            let text = t(
                format!("{pdf} is the build of {md}"),
                format!("{pdf} đúng là bản dựng từ {md}"),
            );
            out::stdout_line(text.get(style.lang));
            ExitCode::SUCCESS
        }
        // The comparison's reasons come from the archive module in English; the Vietnamese says what failed.
        Err(reason) => fail(
            style,
            &t(reason.clone(), format!("xác minh không đạt: {reason}")),
        ),
    }
}

/// Why the second argument is not a PDF (it does not start with `%PDF-`), or None when it may be one.
fn not_a_pdf(path: &Path) -> Option<Text> {
    use std::io::Read;
    let shown = path.display();
    let mut head = vec![];
    let read =
        crate::input::read::open_regular(path).and_then(|f| f.take(1024).read_to_end(&mut head));
    match read {
        Err(e) => Some(t(
            format!("failed to read {shown} ({e})"),
            format!("không đọc được {shown} ({})", crate::input::read::io_vi(&e)),
        )),
        // The header may follow a little junk (PDF readers allow up to 1 KiB).
        Ok(_) if !head.windows(5).any(|w| w == b"%PDF-") => Some(t(
            format!("failed to verify ({shown} is not a PDF: it does not start with %PDF-)"),
            format!("không xác minh được ({shown} không phải tệp PDF: không bắt đầu bằng %PDF-)"),
        )),
        Ok(_) => None,
    }
}

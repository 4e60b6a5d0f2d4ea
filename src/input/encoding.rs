//! Why a file that does not start with `---` may still be a minutes file: saved as UTF-32 (every character
//! padded with NUL bytes), or with old Mac line endings (CR only, so the whole file is one line). The split
//! consults this before saying "no front matter", which would send the clerk looking for the wrong mistake.

use crate::diag::{Code, Diagnostic, t};

/// A diagnosis of the text's encoding or line endings, when they explain a missing front matter.
pub fn explain(text: &str) -> Option<Diagnostic> {
    let nuls = text.bytes().filter(|&b| b == 0).count();
    if nuls > 0 && nuls * 2 >= text.chars().count() {
        let at = text.find('\0').unwrap_or(0);
        return Some(
            Diagnostic::new(Code::NotUtf8,
                t(
                    "the file is not UTF-8 text: it looks like UTF-32 (every character followed by NUL bytes)",
                    "tệp không phải văn bản UTF-8: có vẻ là UTF-32 (sau mỗi ký tự có các byte NUL)",
                ),
            )
            .at(at..at + 1)
            .label(t("NUL byte here", "byte NUL ở đây"))
            .hint(t(
                "save the file again as UTF-8 (in Notepad: Save As → Encoding: UTF-8)",
                "lưu lại tệp dạng UTF-8 (Notepad: Save As → Encoding: UTF-8)",
            )),
        );
    }
    if text.contains('\r') && !text.contains('\n') {
        let first = text.find('\r').unwrap_or(0);
        return Some(
            Diagnostic::new(Code::CrLineEndings,
                t(
                    "the lines of this file end with CR only (old Mac line endings), so it reads as one line",
                    "các dòng của tệp chỉ kết thúc bằng ký tự CR (kiểu máy Mac cũ), nên cả tệp thành một dòng",
                ),
            )
            .at(first..first + 1)
            .label(t("a line ends here with CR", "dòng kết thúc bằng CR ở đây"))
            .hint(t(
                "save the file with Windows (CRLF) or Unix (LF) line endings (Notepad++: Edit → EOL Conversion)",
                "lưu lại tệp với kiểu xuống dòng Windows (CRLF) hoặc Unix (LF) (Notepad++: Edit → EOL Conversion)",
            )),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf32_and_cr_only_are_named() {
        let utf32: String = "---\ndate: x\n---\n"
            .chars()
            .flat_map(|c| [c, '\0'])
            .collect();
        assert_eq!(explain(&utf32).unwrap().code, "E0004");
        assert_eq!(explain("---\rdate: x\r---\r").unwrap().code, "E0008");
        assert!(explain("# Title\n").is_none());
    }
}

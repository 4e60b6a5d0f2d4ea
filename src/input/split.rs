//! Splitting a minutes file into its YAML front matter and its Markdown body at the `---` fences, keeping the
//! byte offset of both parts so that every later problem points at the file's own line and column.

use crate::diag::{Code, Diagnostic, t};

/// A minutes file cut in two, with the byte offsets of both parts in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// Byte offset of the YAML's first character.
    pub yaml_start: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Byte offset of the body's first character.
    pub body_start: usize,
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line
        .trim_end_matches(['\r', '\n'])
        .trim_end_matches([' ', '\t']);
    line == "---" || (closing && line == "...")
}

/// Splits the text (BOM already removed) at its front matter fences.
pub fn split(text: &str) -> Result<Split<'_>, Box<Diagnostic>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first, false) {
        if let Some(diag) = crate::input::encoding::explain(text) {
            return Err(Box::new(diag));
        }
        let first_line_end = first.trim_end_matches(['\r', '\n']).len();
        return Err(Box::new(
            Diagnostic::new(
                Code::NoFrontMatter,
                t(
                    "the file has no front matter",
                    "tệp không có phần khai báo (front matter)",
                ),
            )
            .at(0..first_line_end)
            .label(t("expected `---` here", "cần dòng `---` ở đây"))
            .hint(t(
                "start the file with a line `---`, the YAML fields, and another line `---`",
                "mở đầu tệp bằng dòng `---`, các trường YAML, rồi một dòng `---`",
            )),
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        if is_fence(line, true) {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_start,
                body: &text[body_start..],
                body_start,
            });
        }
        offset += line.len();
    }
    Err(Box::new(
        Diagnostic::new(
            Code::FrontMatterNotClosed,
            t(
                "the front matter is not closed",
                "phần khai báo (front matter) chưa được đóng",
            ),
        )
        .at(0..3)
        .label(t("opened here", "mở ở đây"))
        .hint(t(
            "add a line `---` after the last YAML field, before the text of the minutes",
            "thêm một dòng `---` sau trường YAML cuối cùng, trước nội dung biên bản",
        )),
    ))
}

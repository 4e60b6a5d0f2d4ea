//! Placeholders left from `bienban new` (E0105): `‹…›`, and the skeleton's `<…>` marks, anywhere in the
//! front matter (outside comments) or the body. A file with one would print the placeholder in the PDF.
//!
//! A `<…>` is taken for a placeholder, not for HTML or an autolink, when what it holds is on one line, does not
//! start or end with a space, holds no quote or bracket, and either is words with a letter outside ASCII (the
//! skeleton's words are Vietnamese: `<họ và tên chủ trì>`) or is one of the skeleton's forms `<HH:MM>`,
//! `<YYYY-MM-DD>`. HTML tag names and URLs are ASCII, so `<b>`, `<span title="ố">` and `<https://x.vn>` are
//! not placeholders, and neither is `<ố>` (one word).

use std::ops::Range;

use crate::diag::{Code, Diagnostic, t};
use crate::input::split::Split;

/// At most this many placeholders are reported one by one; an unfilled skeleton has about thirty.
const MAX_REPORTED: usize = 64;

/// The byte ranges (within `line`) of the placeholders on one line.
fn on_line(line: &str) -> Vec<Range<usize>> {
    let mut found = vec![];
    let mut from = 0;
    while let Some(i) = line[from..].find(['‹', '<']).map(|i| from + i) {
        let (close, open_len) = if line[i..].starts_with('‹') {
            ('›', '‹'.len_utf8())
        } else {
            ('>', 1)
        };
        let inner_start = i + open_len;
        let Some(len) = line[inner_start..].find(close) else {
            break;
        };
        let inner = &line[inner_start..inner_start + len];
        let end = inner_start + len + close.len_utf8();
        let nested = inner.contains(['<', '‹']);
        if !nested && (close == '›' || looks_like_placeholder(inner)) {
            found.push(i..end);
            from = end;
        } else {
            from = inner_start;
        }
    }
    found
}

fn looks_like_placeholder(inner: &str) -> bool {
    if inner.is_empty()
        || inner.starts_with(char::is_whitespace)
        || inner.ends_with(char::is_whitespace)
    {
        return false;
    }
    if matches!(inner, "HH:MM" | "YYYY-MM-DD" | "…" | "...") {
        return true;
    }
    let tag_like = inner.starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c))
        && inner
            .split(char::is_whitespace)
            .next()
            .is_some_and(|w| w.is_ascii())
        && (inner.contains('=') || !inner.contains(char::is_whitespace));
    !tag_like
        && !inner.contains("://")
        && !inner.contains(['"', '{', '}', '[', ']', '`'])
        && inner.contains(' ')
        && !inner.is_ascii()
}

/// Whether a whole value is one placeholder (such a value is not checked further: E0105 says it all).
pub fn is_whole(value: &str) -> bool {
    let value = value.trim();
    on_line(value)
        .first()
        .is_some_and(|r| *r == (0..value.len()))
}

/// The part of a front-matter line before its comment (`# …` after a space, or a whole comment line).
fn without_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    line
}

/// Every placeholder of the file, reported at its own line and column.
pub fn check(text: &str, split: &Split<'_>) -> Vec<Diagnostic> {
    let mut spans = vec![];
    let mut offset = split.yaml_start;
    for line in split.yaml.split_inclusive('\n') {
        let content = without_comment(line);
        spans.extend(
            on_line(content)
                .into_iter()
                .map(|r| offset + r.start..offset + r.end),
        );
        offset += line.len();
    }
    let mut offset = split.body_start;
    for line in split.body.split_inclusive('\n') {
        spans.extend(
            on_line(line)
                .into_iter()
                .map(|r| offset + r.start..offset + r.end),
        );
        offset += line.len();
    }
    let total = spans.len();
    let mut diags: Vec<Diagnostic> = spans
        .into_iter()
        .take(MAX_REPORTED)
        .map(|span| placeholder(&text[span.clone()], span))
        .collect();
    if total > MAX_REPORTED
        && let Some(last) = diags.last_mut()
    {
        let more = total - MAX_REPORTED;
        *last = last.clone().hint(t(
            format!("{more} more placeholders follow; fill them in too"),
            format!("còn {more} chỗ điền sẵn khác ở sau; hãy điền nốt"),
        ));
    }
    diags
}

fn placeholder(written: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::new(Code::Placeholder,
        t(
            format!("a placeholder from `bienban new` is left: `{written}`"),
            format!("còn chỗ điền sẵn của `bienban new` chưa thay: `{written}`"),
        ),
    )
    .at(span)
    .label(t("to be filled in", "cần điền"))
    .hint(t(
        "replace it, brackets included, with the real value (or delete the line of an optional key)",
        "thay cả cụm, kể cả dấu ngoặc, bằng giá trị thật (hoặc xóa dòng của khóa không bắt buộc)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_told_from_html_and_links() {
        fn found(line: &str) -> Vec<&str> {
            on_line(line).into_iter().map(|r| &line[r]).collect()
        }
        assert_eq!(found("name: ‹họ và tên›, x"), ["‹họ và tên›"]);
        assert_eq!(found("start: \"<HH:MM>\""), ["<HH:MM>"]);
        assert_eq!(
            found("- <Chi bộ ..., ví dụ Chi bộ Đại Lợi>"),
            ["<Chi bộ ..., ví dụ Chi bộ Đại Lợi>"]
        );
        assert!(found("a <b>đậm</b> <span title=\"ố\">x</span> <https://x.vn/ố>").is_empty());
        assert!(found("3 < 4 và 5 > 2").is_empty());
        assert!(found("{ name: \"a<\", role: \"ố b>\" } <ố>").is_empty());
        assert!(is_whole(" <số có mặt> "));
        assert!(!is_whole("<số> có mặt"));
    }

    #[test]
    fn comments_do_not_count() {
        assert_eq!(without_comment("# Replace every <…>"), "");
        assert_eq!(without_comment("a: \"x # y\" # <…>"), "a: \"x # y\" ");
    }
}

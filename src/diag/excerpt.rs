//! Making a file's text safe and short to print on a terminal: control characters (C0, DEL, C1), bidi
//! overrides and line separators are shown escaped (`\u{1b}`), never sent raw (an `ESC]52;…` sequence would
//! write the clipboard, `ESC[2J` would clear the screen, a bidi override would reorder what the clerk reads);
//! a long line is shown as a window around the column.

use std::borrow::Cow;

/// Characters shown on each side of the column when a line is too long to print whole.
pub const EXCERPT_RADIUS: usize = 60;

/// Lines up to this many characters are printed whole.
pub const MAX_LINE_CHARS: usize = 2 * EXCERPT_RADIUS;

/// Whether a character must never reach a terminal raw. A tab is kept: it is harmless and keeps the caret
/// aligned under the text it follows.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c as u32, 0x200E | 0x200F | 0x061C | 0x2028 | 0x2029)
        || matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069)
}

/// How a character of a source line is printed: itself, or its escape (`\u{1b}`).
pub fn shown(c: char) -> String {
    if is_unsafe(c) {
        format!("\\u{{{:x}}}", c as u32)
    } else {
        c.to_string()
    }
}

/// `text` (a message, a label, a path) with every unsafe character escaped (see [`is_unsafe`]), tabs too:
/// in a one-line message a tab would look like spaces. A line break (a value written over two lines, such as
/// an organisation's name) becomes a space, so that a message stays on its line.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || c == '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' || c == '\r' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if is_unsafe(c) || c == '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The part of a line that is printed, as characters: the whole line when short, else a window of
/// [`EXCERPT_RADIUS`] characters on each side of the 0-based character column `col`. Returns the window's
/// first and last character index and whether text was cut at each end.
pub fn window(chars: usize, col: usize) -> (usize, usize, bool, bool) {
    if chars <= MAX_LINE_CHARS {
        return (0, chars, false, false);
    }
    let col = col.min(chars);
    let start = col.saturating_sub(EXCERPT_RADIUS);
    let end = (col + EXCERPT_RADIUS).min(chars);
    (start, end, start > 0, end < chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_are_shown_escaped() {
        assert_eq!(
            escape("a\u{1b}]52;c;eA==\u{7}b"),
            "a\\u{1b}]52;c;eA==\\u{7}b"
        );
        assert_eq!(escape("\u{202e}x\u{85}"), "\\u{202e}x\\u{85}");
        assert_eq!(escape("đồng chí"), "đồng chí");
        assert_eq!(
            escape("Ủy ban nhân dân\r\nxã A\tB"),
            "Ủy ban nhân dân xã A\\u{9}B"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        assert_eq!(window(10, 3), (0, 10, false, false));
        assert_eq!(window(1000, 500), (440, 560, true, true));
        assert_eq!(window(1000, 5), (0, 65, false, true));
    }
}

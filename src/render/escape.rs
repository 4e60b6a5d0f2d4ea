//! Escaping user text for Typst, so that whatever a clerk types is printed verbatim and never runs as code.
//!
//! Two contexts exist. In **markup**, text without ASCII punctuation is written as it is (letters, digits and
//! spaces trigger nothing), and text with any is written as one string literal, `#"…";`: a literal prints its
//! text verbatim, whatever it holds — `#` (code), `$` (math), `*` `_` (strong, emphasis), `` ` `` (raw), `<`
//! `>` (labels), `@` (references), `/` (comments, term lists), `=` `-` `+` (headings and lists at a line
//! start), `~` `'` `"` `.` `:` (shorthands, smart quotes, auto-links such as `https://`), `[` `]` (content
//! blocks), `\` itself, and `1.` at a line start (numbered lists) — and the `;` ends the expression, so nothing
//! that follows (`(`, `[`, `.x`) can extend it. One literal rather than a backslash before each character
//! because Typst lays out every escape as its own piece of text, at a cost that grows with the square of the
//! pieces in a paragraph. In **string literals** only `\`, `"` and control characters need escaping. Both
//! normalise the text to Unicode NFC, so decomposed Vietnamese (as some keyboards produce) is printed with the
//! font's precomposed glyphs.

use serde::Serialize;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The text in Unicode NFC (borrowed from the input when it already is).
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// Escapes `text` for Typst markup; line breaks become spaces (use [`markup_lines`] to keep them).
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_markup(&mut out, text);
    out
}

/// Appends `text` escaped for Typst markup to `out`; line breaks and other control characters become spaces.
pub fn push_markup(out: &mut String, text: &str) {
    let text = nfc(text);
    let blank = |c: char| c == ' ' || c.is_control();
    if !text.chars().any(|c| c.is_ascii_punctuation()) {
        out.extend(text.chars().map(|c| if blank(c) { ' ' } else { c }));
        return;
    }
    // Blanks at the ends stay markup spaces, which Typst drops at a paragraph's edges (a space inside a
    // literal would print); blanks inside collapse to one, as markup spaces do.
    let core = text.trim_matches(blank);
    if text.starts_with(blank) {
        out.push(' ');
    }
    out.push_str("#\"");
    let mut after_blank = false;
    for c in core.chars() {
        if blank(c) {
            if !after_blank {
                out.push(' ');
            }
            after_blank = true;
            continue;
        }
        after_blank = false;
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out.push_str("\";");
    if text.ends_with(blank) {
        out.push(' ');
    }
}

/// Escapes `text` for Typst markup, turning each line break of the input into a Typst line break.
pub fn markup_lines(text: &str) -> String {
    let lines: Vec<String> = text.trim_end().lines().map(markup).collect();
    lines.join(" #linebreak() ")
}

/// A Typst string literal (with its quotes) holding `text` verbatim, normalised to NFC.
pub fn string(text: &str) -> String {
    string_exact(&nfc(text))
}

/// A Typst string literal holding `text` byte for byte, without normalisation (for attachments, which must be
/// the file exactly as written).
pub fn string_exact(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Typst **markup** holding user text with every trigger escaped (or markup that bienban's Markdown converter
/// produced, which escapes all text itself). Templates place it in content as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Markup(String);

/// A Typst **string literal**, quotes included (`"Chi bộ \"A\""`), for values that go into code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct StringLit(String);

/// A Typst **array literal** of string literals (`("a", "b",)`; one item still makes an array).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ArrayLit(String);

impl Markup {
    /// `text` escaped for markup; line breaks become spaces.
    pub fn escape(text: &str) -> Self {
        Self(markup(text))
    }

    /// `text` escaped for markup, each line break kept as a Typst line break.
    pub fn escape_lines(text: &str) -> Self {
        Self(markup_lines(text))
    }

    /// Markup made by [`crate::render::markup`] from Markdown (it escapes every piece of text itself).
    pub fn from_converter(typst: String) -> Self {
        Self(typst)
    }

    /// Text bienban writes itself from numbers and fixed words (`05`, `87,8%`, `14 giờ 00 phút`), which holds
    /// no markup trigger and so is markup as it is.
    pub fn generated(text: String) -> Self {
        Self(text)
    }

    /// The markup as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether there is nothing to print.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The text markup prints, for places that show it without typesetting (an editor's hover): the text, the
/// string literals and the escaped characters, with the calls and their names left out.
pub fn plain(markup: &Markup) -> String {
    fn collect(node: &typst::syntax::SyntaxNode, out: &mut String) {
        use typst::syntax::{SyntaxKind, ast};
        match node.kind() {
            SyntaxKind::Text | SyntaxKind::SmartQuote => out.push_str(node.leaf_text()),
            SyntaxKind::Space => out.push(' '),
            SyntaxKind::Escape => out.extend(node.leaf_text().chars().skip(1)),
            SyntaxKind::Str => {
                if let Some(literal) = node.cast::<ast::Str>() {
                    out.push_str(&literal.get());
                }
            }
            _ => node.children().for_each(|child| collect(child, out)),
        }
    }
    let mut out = String::new();
    collect(&typst::syntax::parse(markup.as_str()), &mut out);
    out
}

/// Markup built piece by piece: fixed words and numbers escaped as they are added ([`MarkupBuilder::text`]),
/// and markup that is already escaped ([`MarkupBuilder::markup`]) appended as it is.
#[derive(Debug, Default)]
pub struct MarkupBuilder(String);

impl MarkupBuilder {
    /// Appends `text` escaped for markup.
    pub fn text(&mut self, text: &str) -> &mut Self {
        push_markup(&mut self.0, text);
        self
    }

    /// Appends markup already escaped.
    pub fn markup(&mut self, markup: &Markup) -> &mut Self {
        self.0.push_str(&markup.0);
        self
    }

    /// Appends a Typst line break.
    pub fn linebreak(&mut self) -> &mut Self {
        self.0.push_str("#linebreak()");
        self
    }

    /// The markup built.
    pub fn finish(&mut self) -> Markup {
        Markup(std::mem::take(&mut self.0))
    }
}

impl PartialEq<&str> for Markup {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl StringLit {
    /// A string literal holding `text` verbatim (normalised to NFC).
    pub fn of(text: &str) -> Self {
        Self(string(text))
    }

    /// The literal as Typst source.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ArrayLit {
    /// An array literal of one string literal per item (`()` for none: `(,)` is not Typst).
    pub fn of<'a>(items: impl IntoIterator<Item = &'a str>) -> Self {
        let items: Vec<String> = items.into_iter().map(string).collect();
        if items.is_empty() {
            return Self("()".to_string());
        }
        Self(format!("({},)", items.join(", ")))
    }

    /// The literal as Typst source.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_context_has_its_own_type() {
        assert_eq!(Markup::escape("#a *b*").as_str(), "#\"#a *b*\";");
        assert_eq!(StringLit::of("a\"b").as_str(), "\"a\\\"b\"");
        assert_eq!(ArrayLit::of(["x"]).as_str(), "(\"x\",)");
        assert_eq!(ArrayLit::of(["x", "y"]).as_str(), "(\"x\", \"y\",)");
        // Serialised for the templates, each is its text alone.
        assert_eq!(
            serde_json::to_string(&Markup::escape("a")).unwrap(),
            "\"a\""
        );
    }

    #[test]
    fn markup_escapes_every_trigger() {
        assert_eq!(
            markup("#read(\"/etc/passwd\")"),
            "#\"#read(\\\"/etc/passwd\\\")\";"
        );
        assert_eq!(markup("Đồng chí A"), "Đồng chí A");
        assert_eq!(markup("1. a\nb"), "#\"1. a b\";");
        assert_eq!(markup("a\\b"), "#\"a\\\\b\";");
        // Blanks at the ends stay outside the literal, blanks inside collapse.
        assert_eq!(markup(" (a)  b\t"), " #\"(a) b\"; ");
    }

    #[test]
    fn plain_text_reads_markup_back() {
        let text = "Thông qua: tán thành 16/16 (100%); \"đạt\" *kín* #x";
        assert_eq!(plain(&Markup::escape(text)), text);
        let mut b = MarkupBuilder::default();
        b.text("Dòng một.").linebreak().text("Hai");
        assert_eq!(plain(&b.finish()), "Dòng một.Hai");
    }

    #[test]
    fn decomposed_text_is_normalised() {
        let decomposed = "Le\u{302}\u{301}"; // "Lế" typed as base letter + combining marks
        assert_eq!(markup(decomposed), "Lế");
        assert_eq!(string(decomposed), "\"Lế\"");
    }

    #[test]
    fn strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u{1}\"");
    }

    #[test]
    fn escaped_text_prints_verbatim_whatever_follows_it() {
        let nasty = "#{1+1} $x$ *b* _i_ `r` <l> @r // /* \\ ~ = - + 'q' \"q\" https://x.vn [a] 1. ] -- ... \\";
        // Each piece of escaped text is followed by what a template or the converter may put after it.
        let source = format!(
            "{}(x){}[y]{}.z\n\n{}",
            markup(nasty),
            markup(nasty),
            markup(nasty),
            markup("1. a")
        );
        assert!(crate::typeset::compile::syntax_errors(&source).is_empty());
        let fonts = crate::press::fonts::FontSet::bundled();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let world = crate::typeset::world::MinutesWorld::new(source, None, fonts, date);
        let document = crate::typeset::compile::typeset(&world).expect("typesets");
        let printed: String = crate::typeset::text::document(&document)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let expected: String = format!("{nasty}(x){nasty}[y]{nasty}.z1. a")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(printed, expected);
    }
}

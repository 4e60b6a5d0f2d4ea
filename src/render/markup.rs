//! Markdown → Typst markup. pulldown-cmark reads the Markdown (CommonMark plus GFM tables, strikethrough and
//! task lists); each construct becomes a Typst function call with a content block (`#strong[…]`, `#list(…)`,
//! `#table(…)`), so nesting never depends on indentation, and every piece of text goes through
//! [`crate::render::escape`]. Raw HTML is never interpreted: it is dropped with a located warning. Images may only come
//! from the minutes file's own folder tree.

use std::ops::Range;

use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::diag::{Code, Diagnostic, t};
use crate::press::budget::{CHARS_PER_LINE, LINES_PER_PAGE, MAX_PAGES};
use crate::render::escape;

/// Containers nested deeper than this are flattened into their parent: Typst (and readers) gain nothing from a
/// list or quote nested a hundred levels deep, and the limit keeps the generated source's nesting bounded.
pub const MAX_DEPTH: usize = 24;

/// The converted markup and the problems found while converting.
#[derive(Debug, Default)]
pub struct Converted {
    /// Typst markup, safe to paste into a content block.
    pub typst: String,
    /// Warnings (raw HTML) and errors (images from outside the folder), located in the file.
    pub diagnostics: Vec<Diagnostic>,
    /// The images the markup shows, as paths relative to the minutes folder (for the incremental-build key).
    pub images: Vec<String>,
}

/// The outline level of the Markdown's top headings by default: the title `BIÊN BẢN` is level 1 and the
/// template's numbered sections level 2, so Markdown headings under a section start at level 3.
pub const DEFAULT_TOP_HEADING: usize = 3;

/// Converts a Markdown block (the body, remarks, conclusion) that starts at byte `base` of the file.
pub fn to_typst(markdown: &str, base: usize) -> Converted {
    to_typst_under(markdown, base, DEFAULT_TOP_HEADING)
}

/// Converts a Markdown block whose top headings take outline level `top`. Levels are renumbered to follow
/// each other (`#` then `###` becomes `top` then `top + 1`), because a skipped level breaks the document's
/// outline for screen readers and is refused by PDF/UA.
pub fn to_typst_under(markdown: &str, base: usize, top: usize) -> Converted {
    let mut writer = Writer {
        out: String::with_capacity(markdown.len() * 5 / 4),
        base,
        top_heading: top.max(1),
        ..Writer::default()
    };
    let markdown = fix_type1_end_tags(markdown);
    let mut parser = Parser::new_ext(&markdown, options()).into_offset_iter();
    for (event, range) in &mut parser {
        writer.event(event, range);
    }
    writer.flush_run();
    let definitions: Vec<(String, Range<usize>)> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_string(), def.span.clone()))
        .collect();
    writer.unused_definitions(&markdown, definitions);
    let mut typst = writer.out;
    let trimmed = typst.trim_end().len();
    typst.truncate(trimmed);
    Converted {
        typst,
        diagnostics: writer.diagnostics,
        images: writer.images,
    }
}

/// Converts inline Markdown (a remedy's text): the same as [`to_typst`], without trailing paragraph breaks.
pub fn inline_to_typst(markdown: &str, base: usize) -> Converted {
    to_typst(markdown, base)
}

/// A word longer than this many characters gets a break opportunity after every this many.
const LONGEST_UNBROKEN: usize = 60;

/// Text whose words longer than [`LONGEST_UNBROKEN`] characters get a zero-width space (U+200B, a break
/// opportunity that prints nothing) after every [`LONGEST_UNBROKEN`] characters: Typst does not break a word
/// it has no hyphenation for, so a 100 000-character word ran off the page after 53 characters.
fn breakable(text: &str) -> std::borrow::Cow<'_, str> {
    let mut run = 0;
    if !text.chars().any(|c| {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        run > LONGEST_UNBROKEN
    }) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + text.len() / LONGEST_UNBROKEN * 3);
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_whitespace() || c == '\u{200B}' {
            0
        } else {
            run + 1
        };
        if run > LONGEST_UNBROKEN {
            out.push('\u{200B}');
            run = 1;
        }
        out.push(c);
    }
    out.into()
}

/// Table cells a whole minutes file may hold: 10 000 cells are some fifty pages of a five-column table, far
/// past any real minutes; Typst lays out every cell as its own content (18 000 cells took 9 s and 400 MB on a
/// loaded machine, a 170 000-row table 7 GB).
pub const MAX_TABLE_CELLS: usize = 10_000;
/// Inline elements (code spans, emphasis, links, line breaks) a whole minutes file may hold: real minutes have
/// a few hundred; each becomes a Typst call that costs about a millisecond and 40 KB to lay out (20 000 took
/// 18 s and 780 MB, 80 000 over two minutes and 3 GB, 250 000 aborted), so 5 000 stay within a few seconds.
pub const MAX_INLINES: usize = 5_000;
/// What the Markdown of one minutes file will cost to typeset, summed over its body and its fields.
#[derive(Debug, Default, Clone)]
pub struct Budget {
    cells: usize,
    inlines: usize,
    /// Printed lines so far, in tenths of a line.
    tenths: usize,
    /// Characters of text of the current block, for its line count.
    chars: usize,
}

impl Budget {
    /// Counts one Markdown text starting at byte `base` of the file, in one pass of the parser without writing
    /// anything; the first limit passed is a located error (E0401) naming it, and counting stops there.
    pub fn count(&mut self, markdown: &str, base: usize) -> Option<Diagnostic> {
        // The same text the converter reads: with the raw HTML end tags mended, or a `</sCrIpT>` would hide
        // the rest of the file from the count and not from the typesetter (714 pages passed as a few).
        let markdown = &*fix_type1_end_tags(markdown);
        for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
            match event {
                Event::Start(Tag::TableCell) => self.cells += 1,
                Event::Start(
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. },
                )
                | Event::Code(_)
                | Event::HardBreak
                | Event::InlineHtml(_) => self.inlines += 1,
                Event::Text(text) => self.chars += text.chars().count(),
                Event::End(
                    end @ (TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableRow
                    | TagEnd::TableHead
                    | TagEnd::CodeBlock
                    | TagEnd::HtmlBlock),
                ) => {
                    let gap = if matches!(end, TagEnd::TableRow | TagEnd::TableHead) {
                        0
                    } else {
                        5
                    };
                    self.tenths += 10 * (1 + self.chars / CHARS_PER_LINE) + gap;
                    self.chars = 0;
                }
                Event::Rule => self.tenths += 10,
                _ => {}
            }
            let over = if self.cells > MAX_TABLE_CELLS {
                Some(t(
                    format!("more than the limit of {MAX_TABLE_CELLS} table cells"),
                    format!("vượt giới hạn {MAX_TABLE_CELLS} ô bảng"),
                ))
            } else if self.inlines > MAX_INLINES {
                Some(t(
                    format!(
                        "more than the limit of {MAX_INLINES} inline elements (code, emphasis, links, line breaks)"
                    ),
                    format!(
                        "vượt giới hạn {MAX_INLINES} phần tử trong dòng (mã, nhấn mạnh, liên kết, ngắt dòng)"
                    ),
                ))
            } else if self.pages() > MAX_PAGES {
                Some(t(
                    format!("more than the limit of {MAX_PAGES} pages"),
                    format!("vượt giới hạn {MAX_PAGES} trang"),
                ))
            } else {
                None
            };
            if let Some(limit) = over {
                let at = base + range.start;
                return Some(
                    Diagnostic::new(Code::TooLongToTypeset, t(format!("the minutes are too long to typeset: {}", limit.en), format!("biên bản quá dài để dàn trang: {}", limit.vi)))
                        .at(at..at + markdown[range.start..].chars().next().map_or(1, char::len_utf8))
                        .label(t("the limit is passed here", "vượt giới hạn ở đây"))
                        .hint(t("split the minutes into several files, or attach the long table or text as a separate document", "tách biên bản thành nhiều tệp, hoặc đưa bảng hay văn bản dài thành tài liệu kèm theo")),
                );
            }
        }
        self.tenths += 10 * self.chars.div_ceil(CHARS_PER_LINE);
        self.chars = 0;
        None
    }

    /// The estimated page count so far, held to the page budget ([`MAX_PAGES`]) before any conversion: each
    /// block is at least a line, and each paragraph, heading or list item half a line more for the gap after it
    /// (they take 0.6), so the estimate stays below the truth: 19 000 one-line paragraphs make 680 pages, and
    /// 1 MiB of one-line paragraphs made 12 000 pages and 2.5 GB.
    pub fn pages(&self) -> usize {
        (self.tenths / 10 + self.chars / CHARS_PER_LINE) / LINES_PER_PAGE
    }
}

/// The end tags of CommonMark's HTML blocks of type 1 (`<script>`, `<pre>`, `<style>`, `<textarea>`).
const TYPE1_ENDS: [&str; 4] = ["</script>", "</pre>", "</style>", "</textarea>"];

/// CommonMark ends an HTML block of type 1 at its end tag in any case; pulldown-cmark only sees a lower-case
/// one, so after `</sCrIpT>` the whole rest of the document was swallowed into the block. Each end tag on the
/// lines of such a block is written in lower case (the same bytes' length, so every offset stays right); the
/// block itself is still left out, with its warning.
fn fix_type1_end_tags(markdown: &str) -> std::borrow::Cow<'_, str> {
    let lower = markdown.to_ascii_lowercase();
    if !TYPE1_ENDS.iter().any(|end| lower.contains(end)) {
        return markdown.into();
    }
    let mut fixed = markdown.to_string();
    let mut in_block = false;
    let mut offset = 0;
    for line in lower.split_inclusive('\n') {
        let opener = line.trim_start_matches(' ');
        let starts = line.len() - opener.len() <= 3
            && ["<script", "<pre", "<style", "<textarea"]
                .iter()
                .any(|tag| {
                    opener.strip_prefix(tag).is_some_and(|rest| {
                        rest.is_empty() || rest.starts_with([' ', '\t', '>', '\n', '\r'])
                    })
                });
        in_block |= starts;
        if in_block {
            for end in TYPE1_ENDS {
                for (at, _) in line.match_indices(end) {
                    // Safe: ASCII letters only change case; the range holds the same ASCII bytes.
                    fixed.replace_range(offset + at..offset + at + end.len(), end);
                    in_block = false;
                }
            }
        }
        offset += line.len();
    }
    fixed.into()
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// What an open container must write when it closes.
#[derive(Debug)]
enum Open {
    /// Close with this text.
    Close(&'static str),
    /// A flattened container (too deep): close with a paragraph break only.
    Flattened,
    /// A code block collecting its text.
    Code { lang: String, text: String },
    /// An image collecting its alt text.
    Image { path: Option<String>, alt: String },
    /// A table cell or head.
    Table { in_head: bool },
    /// An HTML block collecting its lines, from byte `start` of the Markdown.
    Html { start: usize, text: String },
}

/// The converter's state: the output so far, the stack of open containers, and the diagnostics.
#[derive(Debug, Default)]
struct Writer {
    /// Typst markup written so far.
    out: String,
    /// Text of the current run (consecutive text events and soft breaks), written as one piece when another
    /// event comes: Markdown splits text at every `[` or `*`, and Typst's cost for a paragraph grows with the
    /// square of its pieces (40 000 separate commas took 7 s, one run of them 0.3 s).
    run: String,
    /// Byte offset of the Markdown in the file, for diagnostics.
    base: usize,
    /// Open containers, innermost last.
    stack: Vec<Open>,
    /// How many of the open containers are real (not flattened).
    depth: usize,
    /// Problems found.
    diagnostics: Vec<Diagnostic>,
    /// The outline level given to the top Markdown headings.
    top_heading: usize,
    /// The open headings' (Markdown level, outline level), outermost first.
    headings: Vec<(usize, usize)>,
    /// Paths of the images shown.
    images: Vec<String>,
    /// The labels of the reference definitions that a link uses (lower case), so that only unused ones are
    /// reported.
    used_refs: Vec<String>,
}

impl Writer {
    /// The outline level of a Markdown heading: one below the nearest enclosing (shallower) heading.
    fn outline_level(&mut self, markdown_level: usize) -> usize {
        while self
            .headings
            .last()
            .is_some_and(|(md, _)| *md >= markdown_level)
        {
            self.headings.pop();
        }
        let level = self
            .headings
            .last()
            .map_or(self.top_heading, |(_, out)| out + 1);
        self.headings.push((markdown_level, level));
        level
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        // Text inside a code block or an image's alt text is collected, not written.
        match (&mut self.stack.last_mut(), &event) {
            (Some(Open::Code { text, .. }), Event::Text(s)) => return text.push_str(s),
            (Some(Open::Image { alt, .. }), Event::Text(s) | Event::Code(s)) => {
                return alt.push_str(s);
            }
            (Some(Open::Html { text, .. }), Event::Html(s)) => return text.push_str(s),
            _ => {}
        }
        match event {
            Event::Text(text) => self.run.push_str(&text),
            Event::SoftBreak => self.run.push(' '),
            other => {
                self.flush_run();
                self.write(other, range);
            }
        }
    }

    /// Writes an event that is not part of a text run.
    fn write(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => escape::push_markup(&mut self.out, &breakable(&text)),
            Event::Code(code) => self.push_call(&format!("#raw({})", escape::string(&code))),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.push_call("#linebreak()"),
            Event::Rule => self.out.push_str("#line(length: 100%, stroke: 0.5pt)\n\n"),
            Event::TaskListMarker(done) => {
                self.out
                    .push_str(if done { "\\[x\\] " } else { "\\[ \\] " })
            }
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(&html, range),
            Event::FootnoteReference(name) => {
                escape::push_markup(&mut self.out, &format!("[^{name}]"))
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                escape::push_markup(&mut self.out, &text)
            }
        }
    }

    /// Writes the text run collected so far, escaped, as one piece.
    fn flush_run(&mut self) {
        if !self.run.is_empty() {
            escape::push_markup(&mut self.out, &breakable(&self.run));
            self.run.clear();
        }
    }

    /// Writes a code call; a following letter or bracket must not extend the call, so a space-free separator is
    /// not needed: all text that follows is escaped, so it can never continue the expression.
    fn push_call(&mut self, call: &str) {
        self.out.push_str(call);
    }

    fn open(&mut self, start: &str, close: &'static str) {
        if self.depth >= MAX_DEPTH {
            self.stack.push(Open::Flattened);
            return;
        }
        self.depth += 1;
        self.out.push_str(start);
        self.stack.push(Open::Close(close));
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.stack.push(Open::Close("\n\n")),
            Tag::Heading { level, .. } => {
                let level = self.outline_level(heading_level(level));
                self.open(&format!("#heading(level: {level})["), "]\n\n");
            }
            Tag::BlockQuote(_) => self.open("#quote(block: true)[", "]\n\n"),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.stack.push(Open::Code {
                    lang,
                    text: String::new(),
                });
            }
            Tag::List(Some(first)) => self.open(
                &format!("#enum(start: {}, ", first.min(1_000_000_000)),
                ")\n\n",
            ),
            Tag::List(None) => self.open("#list(", ")\n\n"),
            Tag::Item => {
                if matches!(self.stack.last(), Some(Open::Flattened)) {
                    self.stack.push(Open::Flattened);
                } else {
                    self.out.push('[');
                    self.stack.push(Open::Close("], "));
                }
            }
            Tag::Emphasis => self.open("#emph[", "]"),
            Tag::Strong => self.open("#strong[", "]"),
            Tag::Strikethrough => self.open("#strike[", "]"),
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => self.link(link_type, &dest_url, &id),
            Tag::Image { dest_url, .. } => {
                let path = self.image_path(&dest_url, range);
                self.stack.push(Open::Image {
                    path,
                    alt: String::new(),
                });
            }
            Tag::Table(alignments) => self.table_start(&alignments),
            Tag::HtmlBlock => self.stack.push(Open::Html {
                start: range.start,
                text: String::new(),
            }),
            Tag::TableHead | Tag::TableRow | Tag::TableCell
                if matches!(self.stack.last(), Some(Open::Flattened)) =>
            {
                self.stack.push(Open::Flattened)
            }
            Tag::TableHead => {
                self.out.push_str("table.header(");
                self.stack.push(Open::Table { in_head: true });
            }
            Tag::TableRow => self.stack.push(Open::Table { in_head: false }),
            Tag::TableCell => {
                self.out.push('[');
                self.stack.push(Open::Close("], "));
            }
            // Not enabled in `options()`; kept as plain containers so that enabling one later stays safe.
            _ => self.stack.push(Open::Flattened),
        }
    }

    fn link(&mut self, link_type: LinkType, dest_url: &str, id: &str) {
        if !id.is_empty() {
            self.used_refs.push(id.to_lowercase());
        }
        let url = if link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
            format!("mailto:{dest_url}")
        } else {
            dest_url.to_string()
        };
        if url.is_empty() || !is_safe_link(&url) {
            // The text is kept; only the target is dropped.
            self.stack.push(Open::Flattened);
        } else {
            self.open(&format!("#link({})[", escape::string(&url)), "]");
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let Some(open) = self.stack.pop() else { return };
        match open {
            Open::Close(close) => {
                if !matches!(tag, TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) {
                    self.depth -= 1;
                }
                self.out.push_str(close);
            }
            Open::Flattened => match tag {
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table => self.out.push_str("\n\n"),
                TagEnd::TableCell => self.out.push(' '),
                _ => {}
            },
            Open::Code { lang, text } => {
                let lang = if lang.is_empty() {
                    String::new()
                } else {
                    format!("lang: {}, ", escape::string(&lang))
                };
                self.out.push_str(&format!(
                    "#raw(block: true, {lang}{})\n\n",
                    escape::string(&text)
                ));
            }
            Open::Image { path, alt } => match path {
                Some(path) => self.out.push_str(&format!(
                    "#image({}, alt: {})",
                    escape::string(&path),
                    escape::string(&alt)
                )),
                None => escape::push_markup(&mut self.out, &alt),
            },
            Open::Html { start, text } => self.html_block(start, &text),
            Open::Table { in_head } => {
                if in_head {
                    self.out.push_str("), ");
                }
                if matches!(tag, TagEnd::Table) {
                    self.depth -= 1;
                    self.out.push_str(")\n\n");
                }
            }
        }
    }

    fn table_start(&mut self, alignments: &[Alignment]) {
        if self.depth >= MAX_DEPTH {
            // Too deep to nest another table: keep the cells as plain text in the parent.
            self.stack.push(Open::Flattened);
            return;
        }
        self.depth += 1;
        let aligns: Vec<&str> = alignments
            .iter()
            .map(|a| match a {
                Alignment::Center => "center",
                Alignment::Right => "right",
                Alignment::None | Alignment::Left => "left",
            })
            .collect();
        self.out.push_str(&format!(
            "#table(columns: {}, align: ({},), ",
            aligns.len().max(1),
            aligns.join(", ")
        ));
        self.stack.push(Open::Table { in_head: false });
    }

    /// Lines shaped like a link reference definition (`[x]: y`) print nothing; one no link uses was probably
    /// meant as text (a footnote `[^1]: …`, a label), so it is reported where it stands.
    fn unused_definitions(&mut self, markdown: &str, mut definitions: Vec<(String, Range<usize>)>) {
        definitions.sort_by_key(|(_, span)| span.start);
        for (label, span) in definitions {
            if self.used_refs.contains(&label.to_lowercase()) {
                continue;
            }
            let written = markdown[span.clone()].trim_end();
            let span = self.base + span.start..self.base + span.start + written.len().max(1);
            let (message, hint) = if label.starts_with('^') {
                (
                    t(
                        "a footnote is not printed",
                        "chú thích cuối trang không được in ra",
                    ),
                    t(
                        "write the note as an ordinary paragraph, such as `Ghi chú 1: …`",
                        "viết chú thích thành một đoạn văn thường, ví dụ `Ghi chú 1: …`",
                    ),
                )
            } else {
                (
                    t(
                        "this line is read as a link definition and is not printed",
                        "dòng này được hiểu là định nghĩa liên kết nên không được in ra",
                    ),
                    t(
                        "to print it, start the line with a backslash (`\\[`) or write other text before the `[`",
                        "để in dòng này, đặt dấu gạch chéo ngược trước dấu ngoặc (`\\[`) hoặc viết chữ khác trước `[`",
                    ),
                )
            };
            self.diagnostics.push(
                Diagnostic::new(Code::LinkDefinition, message)
                    .at(span)
                    .label(t("left out of the PDF", "bị bỏ khỏi bản PDF"))
                    .hint(hint),
            );
        }
    }

    /// An HTML block is left out with one warning that says how many lines go (each line warned on its own
    /// flooded the terminal, and the text lines inside the block went unnamed).
    fn html_block(&mut self, start: usize, text: &str) {
        let lines = text.trim_end().lines().count().max(1);
        let first = text.lines().next().unwrap_or("").trim_end().len().max(1);
        let span = self.base + start..self.base + start + first;
        let message = if lines == 1 {
            t("raw HTML is not printed", "mã HTML không được in ra")
        } else {
            t(
                format!("raw HTML is not printed: this block of {lines} lines is left out"),
                format!("mã HTML không được in ra: cả khối {lines} dòng này bị bỏ"),
            )
        };
        self.diagnostics.push(
            Diagnostic::new(Code::RawHtml, message)
                .at(span)
                .label(t("left out of the PDF", "bị bỏ khỏi bản PDF"))
                .hint(t("write it in Markdown instead (`**bold**`, `*italic*`, a blank line for a new paragraph); an HTML block ends at a blank line", "viết bằng Markdown thay thế (`**đậm**`, `*nghiêng*`, một dòng trống để sang đoạn mới); khối HTML kết thúc ở một dòng trống")),
        );
    }

    fn raw_html(&mut self, html: &str, range: Range<usize>) {
        let span = self.base + range.start
            ..self.base
                + range
                    .end
                    .min(range.start + html.trim_end().len())
                    .max(range.start + 1);
        self.diagnostics.push(
            Diagnostic::new(Code::RawHtml, t("raw HTML is not printed", "mã HTML không được in ra"))
                .at(span)
                .label(t("left out of the PDF", "bị bỏ khỏi bản PDF"))
                .hint(t("write it in Markdown instead (`**bold**`, `*italic*`, a blank line for a new paragraph)", "viết bằng Markdown thay thế (`**đậm**`, `*nghiêng*`, một dòng trống để sang đoạn mới)")),
        );
    }

    /// The image's path inside the minutes folder, or `None` (with a located error) when it points elsewhere.
    fn image_path(&mut self, url: &str, range: Range<usize>) -> Option<String> {
        match crate::render::paths::inside_folder(url) {
            Ok(path) => {
                self.images.push(path.clone());
                Some(path)
            }
            Err(why) => {
                let span = self.base + range.start..self.base + range.end;
                self.diagnostics.push(
                    Diagnostic::new(Code::ImageOutside, t(format!("image `{url}` is outside the minutes folder ({})", why.en), format!("ảnh `{url}` nằm ngoài thư mục biên bản ({})", why.vi)))
                        .at(span)
                        .label(t("this image", "ảnh này"))
                        .hint(t("copy the image into the folder of the minutes file (or a subfolder) and give its relative path, such as `images/photo.png`", "chép ảnh vào thư mục chứa tệp biên bản (hoặc thư mục con) và ghi đường dẫn tương đối, ví dụ `images/anh.png`")),
                );
                None
            }
        }
    }
}

/// Whether a link target may go into the PDF: web, mail and phone links, and plain relative references.
/// `javascript:`, `file:` and other schemes are dropped (the link text stays): a PDF reader should never be
/// handed a script or a path on the reader's own machine from a clerk's paste.
fn is_safe_link(url: &str) -> bool {
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme {
        Some(s)
            if s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            matches!(s.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

fn heading_level(level: HeadingLevel) -> usize {
    level as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typst(md: &str) -> String {
        let converted = to_typst(md, 0);
        let errors = crate::typeset::compile::syntax_errors(&converted.typst);
        assert!(
            errors.is_empty(),
            "{md:?} → {} : {errors:?}",
            converted.typst
        );
        converted.typst
    }

    #[test]
    fn inline_constructs() {
        assert_eq!(
            typst("a *b* **c** ~~d~~ `e`"),
            "a #emph[b] #strong[c] #strike[d] #raw(\"e\")"
        );
        assert_eq!(
            typst("[trang](https://x.vn)"),
            "#link(\"https://x.vn\")[trang]"
        );
        assert_eq!(typst("a  \nb"), "a#linebreak()b");
    }

    #[test]
    fn only_web_mail_and_phone_links_keep_their_target() {
        assert_eq!(typst("[x](https://x.vn)"), "#link(\"https://x.vn\")[x]");
        assert_eq!(typst("[gọi](tel:0123)"), "#link(\"tel:0123\")[gọi]");
        assert_eq!(typst("[x](javascript:alert(1))"), "x");
        assert_eq!(typst("[x](file:///etc/passwd)"), "x");
    }

    #[test]
    fn heading_levels_follow_each_other() {
        let levels = |md: &str| {
            let out = to_typst_under(md, 0, 2).typst;
            out.match_indices("#heading(level: ")
                .map(|(i, m)| out[i + m.len()..].chars().next().unwrap())
                .collect::<String>()
        };
        assert_eq!(
            levels("## a\n\n#### b\n\n### c\n\n## d\n\n# e\n\n### f"),
            "233223"
        );
    }

    #[test]
    fn block_constructs() {
        assert_eq!(typst("# Một\n\nđoạn"), "#heading(level: 3)[Một]\n\nđoạn");
        assert_eq!(
            typst("- a\n- b\n  1. c"),
            "#list([a], [b#enum(start: 1, [c], )\n\n], )"
        );
        assert_eq!(typst("> trích\n"), "#quote(block: true)[trích\n\n]");
        assert_eq!(
            typst("```rust\nfn x\n```"),
            "#raw(block: true, lang: \"rust\", \"fn x\\n\")"
        );
        assert_eq!(
            typst("| a | b |\n|:-|-:|\n| 1 | 2 |"),
            "#table(columns: 2, align: (left, right,), table.header([a], [b], ), [1], [2], )"
        );
    }

    #[test]
    fn html_is_dropped_with_a_warning() {
        let converted = to_typst("a <b>x</b>\n\n<div>y</div>\n", 10);
        assert!(!converted.typst.contains('<'));
        assert_eq!(converted.diagnostics.len(), 3);
        assert_eq!(converted.diagnostics[0].span, Some(12..15));
    }

    #[test]
    fn images_must_stay_inside_the_folder() {
        assert!(typst("![ảnh](images/a.png)").contains("#image(\"images/a.png\""));
        for bad in [
            "/etc/x.png",
            "../x.png",
            "a/../../x.png",
            "https://x.vn/a.png",
        ] {
            let converted = to_typst(&format!("![x]({bad})"), 0);
            assert_eq!(converted.diagnostics[0].code, "E0301", "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let md = format!("{}x", "> ".repeat(1000));
        let out = typst(&md);
        assert_eq!(out.matches("#quote").count(), MAX_DEPTH);
    }

    #[test]
    fn text_after_a_mixed_case_script_end_tag_is_kept() {
        let converted = to_typst(
            "<script>\nx\n</sCrIpT>\n\nsau đó\n\n<PRE>\ny\n</PRE>\ncuối\n",
            0,
        );
        assert!(converted.typst.contains("sau đó"), "{}", converted.typst);
        assert!(converted.typst.contains("cuối"), "{}", converted.typst);
        // One warning per HTML block, saying how many lines go.
        let html: Vec<_> = converted
            .diagnostics
            .iter()
            .filter(|d| d.code == "W0105")
            .collect();
        assert_eq!(html.len(), 2, "{html:#?}");
        assert!(html[0].message.en.contains("3 lines"));
    }

    #[test]
    fn unused_link_and_footnote_definitions_are_warned_at_their_line() {
        let md = "a [b][used]\n\n[used]: https://x.vn\n\n[x]: y\n\n[^1]: note\n";
        let converted = to_typst(md, 100);
        let found: Vec<_> = converted
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code.as_str(),
                    &md[d.span.clone().unwrap().start - 100..d.span.clone().unwrap().end - 100],
                )
            })
            .collect();
        assert_eq!(found, [("W0106", "[x]: y"), ("W0106", "[^1]: note")]);
        assert!(converted.diagnostics[1].message.en.contains("footnote"));
    }

    #[test]
    fn a_long_word_gets_break_opportunities_and_keeps_every_letter() {
        let word = "x".repeat(100_000);
        let out = typst(&word);
        assert_eq!(out.matches('x').count(), 100_000);
        assert!(out.contains('\u{200B}'));
        assert_eq!(breakable("ngắn gọn"), "ngắn gọn");
    }

    #[test]
    fn budgets_stop_hostile_markdown_at_a_located_error() {
        let table = format!(
            "| a | b |\n|---|---|\n{}",
            "| 1 | 2 |\n".repeat(MAX_TABLE_CELLS)
        );
        let spans = "`a` ".repeat(MAX_INLINES + 1);
        let paragraphs = "a\n\n".repeat((MAX_PAGES + 1) * LINES_PER_PAGE);
        for (md, what) in [
            (table, "table cells"),
            (spans, "inline"),
            (paragraphs, "pages"),
        ] {
            let mut budget = Budget::default();
            let diag = budget.count(&md, 7).expect("over a limit");
            assert_eq!(diag.code, "E0401");
            assert!(diag.message.en.contains(what), "{}", diag.message.en);
            assert!(diag.span.unwrap().start > 7);
        }
        let mut budget = Budget::default();
        assert!(
            budget
                .count(&"Một đoạn văn bình thường.\n\n".repeat(500), 0)
                .is_none()
        );
    }
}

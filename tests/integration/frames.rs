//! Measuring a compiled document: each page's frame tree is flattened into text runs and horizontal rules with
//! absolute positions in points (origin at the paper's top-left corner, y growing downwards), so that the
//! layout tests can state the official rules as plain comparisons of numbers.
#![allow(dead_code)]

use std::path::Path;

use chrono::NaiveDate;
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::{FontStyle, TextItem};
use typst::visualize::Geometry;
use typst_layout::{Page, PagedDocument};

/// Points per millimetre.
pub const MM: f64 = 72.0 / 25.4;

/// A run of text as typst shaped it: one font, one size, one line.
#[derive(Debug, Clone)]
pub struct Run {
    /// The characters.
    pub text: String,
    /// Left edge (pt).
    pub x: f64,
    /// Baseline (pt).
    pub y: f64,
    /// Advance width (pt).
    pub width: f64,
    /// Font size (pt).
    pub size: f64,
    /// Font family.
    pub family: String,
    /// A bold face (weight ≥ 600).
    pub bold: bool,
    /// An italic or oblique face.
    pub italic: bool,
    /// Set without rotation or skew (false for the draft watermark).
    pub upright: bool,
    /// Some glyph is the font's `.notdef` box (a character the font cannot draw).
    pub missing_glyph: bool,
}

impl Run {
    /// Horizontal centre (pt).
    pub fn centre(&self) -> f64 {
        self.x + self.width / 2.0
    }

    /// Right edge (pt).
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
}

/// A horizontal line segment (a rule, a table border).
#[derive(Debug, Clone)]
pub struct Rule {
    /// Left end (pt).
    pub x: f64,
    /// Vertical position (pt).
    pub y: f64,
    /// Length (pt).
    pub width: f64,
}

impl Rule {
    /// Horizontal centre (pt).
    pub fn centre(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// One page, flattened.
#[derive(Debug)]
pub struct PageMap {
    /// Paper width (pt).
    pub width: f64,
    /// Paper height (pt).
    pub height: f64,
    /// Every text run, in frame order.
    pub runs: Vec<Run>,
    /// Every horizontal line.
    pub rules: Vec<Rule>,
}

impl PageMap {
    /// Flattens a typst page.
    pub fn of(page: &Page) -> Self {
        let mut map = PageMap {
            width: page.frame.width().to_pt(),
            height: page.frame.height().to_pt(),
            runs: vec![],
            rules: vec![],
        };
        walk(&page.frame, Transform::identity(), &mut map);
        map
    }

    /// The upright runs (everything but the watermark).
    pub fn upright(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().filter(|r| r.upright)
    }

    /// The first upright run whose text contains `needle`.
    pub fn find(&self, needle: &str) -> Option<&Run> {
        self.upright().find(|r| r.text.contains(needle))
    }

    /// Like [`PageMap::find`], failing with the page's text when absent.
    pub fn run(&self, needle: &str) -> &Run {
        self.find(needle).unwrap_or_else(|| {
            panic!(
                "no run containing {needle:?}; runs: {:?}",
                self.upright().map(|r| &r.text).collect::<Vec<_>>()
            )
        })
    }

    /// The first upright run whose trimmed text is exactly `text`, failing with the page's text when absent.
    pub fn exact(&self, text: &str) -> &Run {
        self.upright()
            .find(|r| r.text.trim() == text)
            .unwrap_or_else(|| {
                panic!(
                    "no run {text:?}; runs: {:?}",
                    self.upright().map(|r| &r.text).collect::<Vec<_>>()
                )
            })
    }

    /// The nearest horizontal rule under `run` (within `max_gap` pt of its baseline) that overlaps it.
    pub fn rule_under(&self, run: &Run, max_gap: f64) -> Option<&Rule> {
        self.rules
            .iter()
            .filter(|r| r.y > run.y && r.y - run.y <= max_gap)
            .filter(|r| r.x < run.right() && r.x + r.width > run.x)
            .min_by(|a, b| a.y.total_cmp(&b.y))
    }

    /// The upright runs grouped into lines (same baseline within 0.5 pt), top to bottom, left to right.
    pub fn lines(&self) -> Vec<Vec<&Run>> {
        let mut runs: Vec<&Run> = self
            .upright()
            .filter(|r| !r.text.trim().is_empty())
            .collect();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<Vec<&Run>> = vec![];
        for run in runs {
            match lines.last_mut() {
                Some(line) if (line[0].y - run.y).abs() < 0.5 => line.push(run),
                _ => lines.push(vec![run]),
            }
        }
        lines
    }

    /// The text of a line, runs joined in order.
    pub fn line_text(line: &[&Run]) -> String {
        line.iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("")
    }
}

/// Accumulates positions down the frame tree: a group's items are placed by its position, then its transform.
fn walk(frame: &Frame, ts: Transform, map: &mut PageMap) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => walk(&group.frame, here.pre_concat(group.transform), map),
            FrameItem::Text(text) => {
                let origin = Point::zero().transform(here);
                let info = text.font.font().info();
                map.runs.push(Run {
                    text: text.text.to_string(),
                    x: origin.x.to_pt(),
                    y: origin.y.to_pt(),
                    width: ink_width(text) * here.sx.get(),
                    size: text.size.to_pt() * here.sy.get(),
                    family: info.family.clone(),
                    bold: info.variant.weight.to_number() >= 600,
                    italic: info.variant.style != FontStyle::Normal,
                    upright: here.kx.get().abs() < 1e-9 && here.ky.get().abs() < 1e-9,
                    missing_glyph: text.glyphs.iter().any(|g| g.id == 0),
                });
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(delta) = shape.geometry {
                    let a = Point::zero().transform(here);
                    let b = delta.transform(here);
                    if (a.y - b.y).to_pt().abs() < 0.01 && shape.stroke.is_some() {
                        map.rules.push(Rule {
                            x: a.x.min(b.x).to_pt(),
                            y: a.y.to_pt(),
                            width: (a.x - b.x).to_pt().abs(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

/// The advance width of a run without its trailing spaces (a line that breaks at a space keeps it in the run).
fn ink_width(text: &TextItem) -> f64 {
    let end = text
        .glyphs
        .iter()
        .rposition(|g| !text.text[g.range()].trim().is_empty())
        .map_or(0, |i| i + 1);
    text.glyphs[..end]
        .iter()
        .map(|g| g.x_advance.at(text.size).to_pt())
        .sum()
}

/// Compiles a minutes file in-process with the bundled fonts and returns the laid-out document.
pub fn compile(path: &Path) -> PagedDocument {
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let context = crate::common::context(today);
    let (result, checked) = context.check_file(path);
    let Some(checked) = checked else {
        panic!("{} has errors: {:#?}", path.display(), result.diagnostics);
    };
    crate::common::typeset(&context, &checked)
}

/// Every page of a document, flattened.
pub fn pages(document: &PagedDocument) -> Vec<PageMap> {
    document.pages().iter().map(PageMap::of).collect()
}

/// Every text run of a page with the names of the elements whose tags enclose it (outermost first): what the
/// PDF's structure tree will say the text is (`heading`, `par`, `artifact`, …).
pub fn tagged_runs(page: &Page) -> Vec<(String, Vec<String>)> {
    let mut out = vec![];
    let mut open = vec![];
    walk_tags(&page.frame, &mut open, &mut out);
    out
}

fn walk_tags(
    frame: &Frame,
    open: &mut Vec<(typst::introspection::Location, String)>,
    out: &mut Vec<(String, Vec<String>)>,
) {
    use typst::introspection::Tag;
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => walk_tags(&group.frame, open, out),
            FrameItem::Tag(Tag::Start(content, _)) => {
                if let Some(loc) = content.location() {
                    open.push((loc, content.elem().name().to_string()));
                }
            }
            FrameItem::Tag(Tag::End(loc, ..)) => {
                if let Some(i) = open.iter().rposition(|(l, _)| l == loc) {
                    open.remove(i);
                }
            }
            FrameItem::Text(text) => out.push((
                text.text.to_string(),
                open.iter().map(|(_, n)| n.clone()).collect(),
            )),
            _ => {}
        }
    }
}

//! Where every key and value of the front matter stands in the file: a pass of yaml-rust2's marked events
//! records each one by its path (`members.absent[0].name`), and every key written twice.

use std::collections::HashMap;
use std::ops::Range;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::input::keys::Path;

/// Where a key and its value stand in the file (byte ranges of the whole file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The key's range (None for list items).
    pub key: Option<Range<usize>>,
    /// The value's range (for a mapping or list: its first token).
    pub value: Range<usize>,
}

/// Positions of every value in the front matter, by path (`members.absent[0].name`).
#[derive(Debug, Clone, Default)]
pub struct Positions {
    pub(crate) places: HashMap<String, Place>,
    /// Required keys that are absent but were probably misspelt (an unknown key was reported suggesting them),
    /// so that the same mistake is not also reported as a missing key.
    pub(crate) misspelt: Vec<String>,
    /// Keys written with an empty value, already reported (E0104), so that they are not reported missing too.
    pub(crate) blank: Vec<String>,
    /// The YAML could not be read at all (E0003): the rules have nothing to check, and every key would be
    /// reported missing.
    pub unreadable: bool,
    /// The range of the front matter's first line (`---`), for problems of the whole block.
    pub block: Range<usize>,
}

impl Positions {
    /// The span of the value at `path`, or of the nearest enclosing value that has one.
    pub fn value(&self, path: &Path) -> Range<usize> {
        self.value_at(&path.to_string())
    }

    /// The span of the key at `path` (falls back like [`Positions::value`]).
    pub fn key(&self, path: &Path) -> Range<usize> {
        self.key_at(&path.to_string())
    }

    /// Whether the front matter has a value at `path`.
    pub fn has(&self, path: &Path) -> bool {
        self.places.contains_key(&path.to_string())
    }

    /// Where the value at `path` stands, if the file has one there.
    pub fn place(&self, path: &Path) -> Option<&Place> {
        self.places.get(&path.to_string())
    }

    /// Whether an unknown key was reported with `path` as its suggestion (so it need not be reported missing).
    pub fn misspelt(&self, path: &Path) -> bool {
        self.misspelt_at(&path.to_string())
    }

    /// Whether `path` or a key below it was written with an empty value (its stand-in must not be checked).
    pub fn blank_within(&self, path: &Path) -> bool {
        let path = path.to_string();
        self.blank.iter().any(|b| {
            *b == path
                || b.strip_prefix(path.as_str())
                    .is_some_and(|r| r.starts_with(['.', '[']))
        })
    }

    /// Whether `path` (or a key above it) was written with an empty value, already reported as E0104.
    pub fn blank(&self, path: &Path) -> bool {
        self.blank_at(&path.to_string())
    }

    /// [`Positions::value`] of a path as the YAML writes it (read from the file, or from serde's errors).
    pub(crate) fn value_at(&self, path: &str) -> Range<usize> {
        self.find(path)
            .map(|p| p.value.clone())
            .unwrap_or_else(|| self.block.clone())
    }

    /// [`Positions::key`] of a path as the YAML writes it.
    pub(crate) fn key_at(&self, path: &str) -> Range<usize> {
        self.find(path)
            .map(|p| p.key.clone().unwrap_or(p.value.clone()))
            .unwrap_or_else(|| self.block.clone())
    }

    /// [`Positions::misspelt`] of a path as the YAML writes it.
    pub(crate) fn misspelt_at(&self, path: &str) -> bool {
        self.misspelt.iter().any(|p| p == path)
    }

    /// [`Positions::blank`] of a path as the YAML writes it.
    pub(crate) fn blank_at(&self, path: &str) -> bool {
        self.blank.iter().any(|b| {
            path == b
                || path
                    .strip_prefix(b.as_str())
                    .is_some_and(|r| r.starts_with(['.', '[']))
        })
    }

    fn find(&self, path: &str) -> Option<&Place> {
        let mut path = path;
        loop {
            if let Some(place) = self.places.get(path) {
                return Some(place);
            }
            path = &path[..path.rfind(['.', '['])?];
        }
    }
}

/// The path of `child` below `parent` (`members` + `present` → `members.present`).
pub(crate) fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

/// A key written twice in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate {
    pub(crate) path: String,
    pub(crate) first: Range<usize>,
    pub(crate) again: Range<usize>,
}

/// Records the position of every key and value by its path, from the YAML parser's marked events.
struct Locator<'a> {
    yaml: &'a str,
    base: usize,
    /// Byte offset at which each line of the YAML starts. The parser's marks are turned into bytes from their
    /// line and column, not their index: yaml-rust2 0.13 counts the index in characters on most lines but in
    /// bytes on the lines of a block scalar (`>-`, `|`), so after one Vietnamese block scalar every index
    /// drifts; lines are always counted right, and columns are characters on every line a token starts on.
    line_starts: Vec<usize>,
    /// The last mark turned into a byte: (line, column, byte), see [`Locator::byte`].
    cursor: (usize, usize, usize),
    stack: Vec<Frame>,
    /// The size each anchor (`&name`) expands to, by anchor id, and the expanded size so far.
    expansion: Expansion,
    pub(crate) places: HashMap<String, Place>,
    duplicates: Vec<Duplicate>,
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, Range<usize>)>,
        /// The keys read so far, to find one written twice.
        seen: HashMap<String, Range<usize>>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

impl Locator<'_> {
    /// The path and key span of the value about to start, advancing the enclosing container.
    fn next_slot(&mut self) -> Option<(String, Option<Range<usize>>)> {
        match self.stack.last_mut()? {
            Frame::Map { path, key, .. } => {
                let (name, span) = key.take()?;
                let child = if path.is_empty() {
                    name
                } else {
                    format!("{path}.{name}")
                };
                Some((child, Some(span)))
            }
            Frame::Seq { path, index } => {
                let child = format!("{path}[{index}]");
                *index += 1;
                Some((child, None))
            }
        }
    }

    /// Whether the next scalar is a mapping key rather than a value.
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    /// The byte of a mark: its line's start, then `col` characters on. Counting goes on from the previous
    /// mark when it is on the same line and before this one, so that a line of 500 000 flow items is read in
    /// linear time (counting from the line's start each time was quadratic).
    fn byte(&mut self, mark: Marker) -> usize {
        let line = mark.line().saturating_sub(1);
        let Some(&start) = self.line_starts.get(line) else {
            return self.yaml.len();
        };
        let (mut col, mut at) = match self.cursor {
            (l, c, b) if l == line && c <= mark.col() => (c, b),
            _ => (0, start),
        };
        while col < mark.col() {
            match self.yaml[at..].chars().next() {
                Some(c) => at += c.len_utf8(),
                None => break,
            }
            col += 1;
        }
        self.cursor = (line, col, at);
        at
    }

    /// Where the line holding byte `at` ends (before its `\r\n` or `\n`).
    fn line_end(&self, at: usize) -> usize {
        let line = self.line_starts.partition_point(|&s| s <= at);
        let end = self
            .line_starts
            .get(line)
            .map_or(self.yaml.len(), |next| next - 1);
        if self.yaml[..end].ends_with('\r') {
            end - 1
        } else {
            end
        }
    }

    /// An empty plain value (`date:` or a bare `-`) is marked at the next token, perhaps lines below: it is
    /// placed on the `:` or `-` that announced it instead.
    fn empty_span(&self, byte: usize) -> Range<usize> {
        let before = self.yaml[..byte.min(self.yaml.len())].trim_end();
        let at = before.char_indices().next_back().map_or(0, |(i, _)| i);
        self.base + at..self.base + at + 1
    }

    fn scalar_span(&mut self, mark: Marker, value: &str) -> Range<usize> {
        let start = self.byte(mark);
        let rest = &self.yaml[start..];
        let len = if !value.is_empty() && rest.starts_with(value) {
            value.len()
        } else {
            let line_end = self.line_end(start).max(start) - start;
            if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
                rest[1..line_end].find(quote).map_or(line_end, |i| i + 2)
            } else {
                rest[..line_end]
                    .split(" #")
                    .next()
                    .unwrap_or("")
                    .trim_end()
                    .len()
            }
        };
        self.base + start..self.base + start + len.max(1)
    }
}

/// The most the front matter may expand to, aliases (`*name`) counted at their anchor's size: 4 MiB, four
/// times the largest file read. A real front matter has no alias, or a few; without this a few lines that
/// repeat a repeated value ("billion laughs", or a 390 KB value repeated 200 times) make serde build gigabytes.
pub const MAX_EXPANDED_BYTES: u64 = 4 * 1024 * 1024;

/// The expanded size of the front matter, counted from the parser's events before serde builds anything.
#[derive(Debug, Default)]
struct Expansion {
    /// Each anchor's expanded size, by anchor id.
    sizes: HashMap<usize, u64>,
    /// The open containers: their anchor id (0 for none) and the total when they opened.
    open: Vec<(usize, u64)>,
    /// The expanded size so far: each scalar's bytes plus one per node.
    total: u64,
    /// The first alias that took the total past [`MAX_EXPANDED_BYTES`].
    over: Option<Range<usize>>,
}

impl Expansion {
    fn count(&mut self, event: &Event, at: &Range<usize>) {
        match event {
            Event::Scalar(value, _, anchor, _) => {
                let size = value.len() as u64 + 1;
                self.total = self.total.saturating_add(size);
                if *anchor != 0 {
                    self.sizes.insert(*anchor, size);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.total = self.total.saturating_add(1);
                self.open.push((*anchor, self.total));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start)) = self.open.pop()
                    && anchor != 0
                {
                    self.sizes.insert(anchor, self.total - start + 1);
                }
            }
            Event::Alias(anchor) => {
                let size = self.sizes.get(anchor).copied().unwrap_or(1);
                self.total = self.total.saturating_add(size);
                if self.total > MAX_EXPANDED_BYTES && self.over.is_none() {
                    self.over = Some(at.clone());
                }
            }
            _ => {}
        }
    }
}

impl MarkedEventReceiver for Locator<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let byte = self.byte(mark);
        let at = self.base + byte..self.base + byte + 1;
        self.expansion.count(&event, &at);
        match event {
            Event::Scalar(value, style, ..) => {
                let span = if value.is_empty() && style == TScalarStyle::Plain {
                    self.empty_span(byte)
                } else {
                    self.scalar_span(mark, &value)
                };
                if self.expects_key() {
                    if let Some(Frame::Map { key, seen, path }) = self.stack.last_mut() {
                        match seen.get(&value) {
                            Some(first) => self.duplicates.push(Duplicate {
                                path: join(path, &value),
                                first: first.clone(),
                                again: span.clone(),
                            }),
                            None => {
                                seen.insert(value.clone(), span.clone());
                            }
                        }
                        *key = Some((value, span));
                    }
                } else if let Some((path, key)) = self.next_slot() {
                    // A repeated key keeps its first value (see `Lenient`), so its first position too.
                    self.places
                        .entry(path)
                        .or_insert(Place { key, value: span });
                }
            }
            Event::Alias(_) => {
                if self.expects_key() {
                    if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                        *key = Some(("*".into(), at));
                    }
                } else if let Some((path, key)) = self.next_slot() {
                    self.places.entry(path).or_insert(Place { key, value: at });
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let path = match self.next_slot() {
                    Some((path, key)) => {
                        self.places
                            .entry(path.clone())
                            .or_insert(Place { key, value: at });
                        path
                    }
                    None => String::new(),
                };
                self.stack.push(if is_map {
                    Frame::Map {
                        path,
                        key: None,
                        seen: HashMap::new(),
                    }
                } else {
                    Frame::Seq { path, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// What a pass over the YAML's events found.
pub(crate) struct Located {
    /// Every key and value by path.
    pub(crate) places: HashMap<String, Place>,
    /// Every key written twice.
    pub(crate) duplicates: Vec<Duplicate>,
    /// The alias at which the expanded size passed [`MAX_EXPANDED_BYTES`], if one did.
    pub(crate) over_budget: Option<Range<usize>>,
}

/// The position of every key and value, every key written twice, and whether aliases expand past the budget.
pub(crate) fn locate(yaml: &str, base: usize) -> Located {
    let line_starts = std::iter::once(0)
        .chain(yaml.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut locator = Locator {
        yaml,
        base,
        line_starts,
        cursor: (usize::MAX, 0, 0),
        stack: vec![],
        expansion: Expansion::default(),
        places: HashMap::new(),
        duplicates: vec![],
    };
    // A syntax error is serde_yaml's to report; a failure here only loses positions, never data.
    let _ = Parser::new_from_str(yaml).load(&mut locator, false);
    Located {
        places: locator.places,
        duplicates: locator.duplicates,
        over_budget: locator.expansion.over,
    }
}

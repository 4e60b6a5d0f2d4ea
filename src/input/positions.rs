//! Where every key and value of the front matter stands in the file: a pass of yaml-rust2's marked events
//! records each one by its path (`members.absent[0].name`), and every key written twice.

use std::collections::HashMap;
use std::ops::Range;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

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
    pub fn value(&self, path: &str) -> Range<usize> {
        self.find(path)
            .map(|p| p.value.clone())
            .unwrap_or_else(|| self.block.clone())
    }

    /// The span of the key at `path` (falls back like [`Positions::value`]).
    pub fn key(&self, path: &str) -> Range<usize> {
        self.find(path)
            .map(|p| p.key.clone().unwrap_or(p.value.clone()))
            .unwrap_or_else(|| self.block.clone())
    }

    /// Whether the front matter has a value at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.places.contains_key(path)
    }

    /// Whether an unknown key was reported with `path` as its suggestion (so it need not be reported missing).
    pub fn misspelt(&self, path: &str) -> bool {
        self.misspelt.iter().any(|p| p == path)
    }

    /// Whether `path` or a key below it was written with an empty value (its stand-in must not be checked).
    pub fn blank_within(&self, path: &str) -> bool {
        self.blank.iter().any(|b| {
            b == path
                || b.strip_prefix(path)
                    .is_some_and(|r| r.starts_with(['.', '[']))
        })
    }

    /// Whether `path` (or a key above it) was written with an empty value, already reported as E0104.
    pub fn blank(&self, path: &str) -> bool {
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
    stack: Vec<Frame>,
    pub(crate) places: HashMap<String, Place>,
    duplicates: Vec<Duplicate>,
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, Range<usize>)>,
        /// The keys read so far, to find one written twice.
        seen: Vec<(String, Range<usize>)>,
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

    fn byte(&self, mark: Marker) -> usize {
        let Some(&start) = self.line_starts.get(mark.line().saturating_sub(1)) else {
            return self.yaml.len();
        };
        let line = &self.yaml[start..];
        start
            + line
                .char_indices()
                .nth(mark.col())
                .map_or(line.len(), |(i, _)| i)
    }

    /// An empty plain value (`date:` or a bare `-`) is marked at the next token, perhaps lines below: it is
    /// placed on the `:` or `-` that announced it instead.
    fn empty_span(&self, byte: usize) -> Range<usize> {
        let before = self.yaml[..byte.min(self.yaml.len())].trim_end();
        let at = before.char_indices().next_back().map_or(0, |(i, _)| i);
        self.base + at..self.base + at + 1
    }

    fn scalar_span(&self, mark: Marker, value: &str) -> Range<usize> {
        let start = self.byte(mark);
        let rest = &self.yaml[start..];
        let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let len = if !value.is_empty() && rest.starts_with(value) {
            value.len()
        } else if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
            rest[1..line_end].find(quote).map_or(line_end, |i| i + 2)
        } else {
            rest[..line_end]
                .split(" #")
                .next()
                .unwrap_or("")
                .trim_end()
                .len()
        };
        self.base + start..self.base + start + len.max(1)
    }
}

impl MarkedEventReceiver for Locator<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let byte = self.byte(mark);
        let at = self.base + byte..self.base + byte + 1;
        match event {
            Event::Scalar(value, style, ..) => {
                let span = if value.is_empty() && style == TScalarStyle::Plain {
                    self.empty_span(byte)
                } else {
                    self.scalar_span(mark, &value)
                };
                if self.expects_key() {
                    if let Some(Frame::Map { key, seen, path }) = self.stack.last_mut() {
                        match seen.iter().find(|(name, _)| *name == value) {
                            Some((_, first)) => self.duplicates.push(Duplicate {
                                path: join(path, &value),
                                first: first.clone(),
                                again: span.clone(),
                            }),
                            None => seen.push((value.clone(), span.clone())),
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
                        seen: vec![],
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

/// The position of every key and value, and every key written twice.
pub(crate) fn locate(yaml: &str, base: usize) -> (HashMap<String, Place>, Vec<Duplicate>) {
    let line_starts = std::iter::once(0)
        .chain(yaml.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut locator = Locator {
        yaml,
        base,
        line_starts,
        stack: vec![],
        places: HashMap::new(),
        duplicates: vec![],
    };
    // serde_yaml has already accepted this YAML; a failure here only loses positions, never data.
    let _ = Parser::new_from_str(yaml).load(&mut locator, false);
    (locator.places, locator.duplicates)
}

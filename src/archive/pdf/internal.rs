//! The streams hayro-syntax decodes on its own, with no limit, as soon as it meets them (cross-reference
//! and object streams): the pre-scan decodes them first, within the budget, checks their counts and the
//! object-stream graph, and scans the objects they hold.

use hayro_syntax::object::{Array, Dict, FromBytes, Name};

use super::PdfError;
use super::bytes::{find, is_white};
use super::decode::{Budget, decode_internal};
use super::prescan::Prescan;

/// Objects one object stream may hold: hayro-syntax re-reads a stream's whole offset table for every
/// object it takes from it, so the cost grows with the square of this number.
pub(super) const MAX_OBJECTS_PER_STREAM: usize = 4096;

/// Sum over object streams of the square of their object counts: the same quadratic cost, for the file.
const MAX_OBJECT_STREAM_WORK: u64 = 1 << 27;

/// Nesting accepted inside a stream body, counted on raw bytes: random compressed data stays far below
/// it (a 64 MiB body of random bytes reaches a few thousand at most), and hayro-syntax at this depth
/// uses about 11 MB of stack (about 1.1 KB a level, measured in a release build).
pub(super) const MAX_STREAM_BODY_NESTING: usize = 10_000;

impl Prescan<'_> {
    /// Handles a `stream` keyword at `at` (just past it): checks the streams that hayro-syntax decodes on
    /// its own (cross-reference and object streams) and returns where the body ends.
    pub(super) fn stream(
        &mut self,
        data: &[u8],
        at: usize,
        dict: Option<&[u8]>,
        obj: Option<u32>,
        nested: bool,
        budget: &mut Budget,
    ) -> Result<usize, PdfError> {
        let mut start = at;
        if data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let body = data.get(start..).unwrap_or_default();
        let end = find(body, b"endstream").map_or(data.len(), |p| start + p);
        body_nesting(data, start, end)?;
        let Some(dict) = dict.and_then(Dict::from_bytes) else {
            return Ok(end);
        };
        let kind = internal_kind(&dict);
        if kind == Internal::No {
            return Ok(end);
        }
        if nested {
            return Err(PdfError::Broken(
                "an object or cross-reference stream inside an object stream".to_string(),
            ));
        }
        // The body runs to the end of the file here, not to `endstream`: hayro-syntax may take a longer
        // body (through an indirect /Length), and inflating a longer input never gives less output.
        let decoded = decode_internal(&dict, body, budget)?;
        match kind {
            Internal::XRef => self.xref_stream(&dict, &decoded)?,
            Internal::ObjStm => self.object_stream(&dict, &decoded, obj, budget)?,
            Internal::No => {}
        }
        Ok(end)
    }

    /// Counts an object stream's objects (and their quadratic cost), records it in the object-stream
    /// graph, and scans the objects it holds.
    fn object_stream(
        &mut self,
        dict: &Dict<'_>,
        decoded: &[u8],
        obj: Option<u32>,
        budget: &mut Budget,
    ) -> Result<(), PdfError> {
        let n = dict_u64(dict, b"N");
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        if n > MAX_OBJECTS_PER_STREAM {
            return Err(PdfError::TooManyObjects {
                limit: MAX_OBJECTS_PER_STREAM,
            });
        }
        self.object_stream_work = self.object_stream_work.saturating_add((n * n) as u64);
        if self.object_stream_work > MAX_OBJECT_STREAM_WORK {
            return Err(PdfError::TooManyObjects {
                limit: self.limits.max_objects.min(MAX_OBJECTS_PER_STREAM * 32),
            });
        }
        self.add_objects(n)?;
        if let Some(obj) = obj {
            self.containers.insert(obj);
        }
        for number in object_stream_numbers(decoded, n) {
            self.contained.insert(number);
        }
        self.scan(decoded, true, budget)
    }

    /// Reads a cross-reference stream's entries for the object-stream graph.
    fn xref_stream(&mut self, dict: &Dict<'_>, decoded: &[u8]) -> Result<(), PdfError> {
        let too_many = PdfError::TooManyObjects {
            limit: self.limits.max_objects,
        };
        let size = dict_u64(dict, b"Size");
        if size > self.limits.max_objects as u64 {
            return Err(too_many);
        }
        let Some(w) = dict.get::<Array<'_>>(b"W") else {
            return Ok(());
        };
        let widths: Vec<usize> = w.iter::<u8>().map(usize::from).take(4).collect();
        let [w1, w2, w3] = widths[..] else {
            return Ok(());
        };
        let row = w1 + w2 + w3;
        if row == 0 {
            return Ok(());
        }
        let mut sections: Vec<(u64, u64)> = Vec::new();
        if let Some(index) = dict.get::<Array<'_>>(b"Index") {
            let values: Vec<u64> = index
                .iter::<i64>()
                .map(|v| u64::try_from(v).unwrap_or(0))
                .take(2 * self.limits.max_objects.min(1 << 20))
                .collect();
            for pair in values.chunks_exact(2) {
                sections.push((pair[0], pair[1]));
            }
        } else {
            sections.push((0, size));
        }
        let declared = sections
            .iter()
            .fold(0u64, |acc, (_, count)| acc.saturating_add(*count));
        if declared > self.limits.max_objects as u64 {
            return Err(too_many);
        }
        let mut rows = decoded.chunks_exact(row);
        for (first, count) in sections {
            for k in 0..count {
                let Some(entry) = rows.next() else {
                    return Ok(());
                };
                let field = |from: usize, len: usize| {
                    entry
                        .get(from..from + len)
                        .unwrap_or_default()
                        .iter()
                        .fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
                };
                let kind = if w1 == 0 { 1 } else { field(0, w1) };
                if kind == 2 {
                    let container = field(w1, w2);
                    let number = first.saturating_add(k);
                    if let (Ok(c), Ok(o)) = (u32::try_from(container), u32::try_from(number)) {
                        self.containers.insert(c);
                        self.contained.insert(o);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Checks the nesting of a stream body, `data[start..end]`.
fn body_nesting(data: &[u8], start: usize, end: usize) -> Result<(), PdfError> {
    // hayro-syntax's repair scan also reads inside stream bodies. Compressed data holds brackets at
    // random, so a body only has to stay under a far larger nesting, still well within the reader
    // thread's stack.
    let mut nesting = 0usize;
    let mut k = start;
    while k < end {
        match data[k] {
            b'[' => nesting += 1,
            b'<' if data.get(k + 1) == Some(&b'<') => {
                nesting += 1;
                k += 1;
            }
            b']' => nesting = nesting.saturating_sub(1),
            b'>' if data.get(k + 1) == Some(&b'>') => {
                nesting = nesting.saturating_sub(1);
                k += 1;
            }
            _ => {}
        }
        if nesting > MAX_STREAM_BODY_NESTING {
            return Err(PdfError::TooDeep {
                limit: MAX_STREAM_BODY_NESTING,
            });
        }
        k += 1;
    }
    Ok(())
}

/// A direct non-negative integer entry, 0 when absent (references are not followed before parsing).
fn dict_u64(dict: &Dict<'_>, key: &[u8]) -> u64 {
    dict.get::<i64>(key)
        .and_then(|v| u64::try_from(v).ok())
        .unwrap_or(0)
}

/// A stream that hayro-syntax decodes by itself, with no limit, as soon as it meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Internal {
    No,
    XRef,
    ObjStm,
}

/// hayro-syntax reads as a cross-reference stream whatever has /W and /Size, and as an object stream
/// whatever has /N and /First, whatever its /Type says: judge by the same keys.
fn internal_kind(dict: &Dict<'_>) -> Internal {
    let typ = dict.get::<Name<'_>>(b"Type");
    let typ = typ.as_deref();
    if typ == Some(b"XRef".as_slice()) || dict.contains_key(b"W") {
        Internal::XRef
    } else if typ == Some(b"ObjStm".as_slice()) || dict.contains_key(b"First") {
        Internal::ObjStm
    } else {
        Internal::No
    }
}

/// The object numbers in an object stream's header (`num offset` pairs).
fn object_stream_numbers(decoded: &[u8], n: usize) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut tokens = decoded
        .split(|b| is_white(*b))
        .filter(|t| !t.is_empty())
        .take(n.saturating_mul(2));
    while let (Some(num), Some(_offset)) = (tokens.next(), tokens.next()) {
        match std::str::from_utf8(num).ok().and_then(|s| s.parse().ok()) {
            Some(v) => numbers.push(v),
            None => break,
        }
    }
    numbers
}

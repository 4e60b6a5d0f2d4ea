//! Decoding within limits: the budget of decoded bytes shared by one reader, bounded inflation, the filters
//! and predictor parameters accepted, and the decoding of the streams the reader itself needs.

use std::io::Read;

use hayro_syntax::object::{Array, Dict, MaybeRef, Object, Stream};
use hayro_syntax::reader::{Reader, ReaderContext, ReaderExt};

use super::PdfError;
use super::bytes::find;

/// The decoded bytes one reader may still produce.
#[derive(Debug, Clone, Copy)]
pub(super) struct Budget {
    limit: u64,
    left: u64,
}

impl Budget {
    pub(super) fn new(limit: u64) -> Self {
        Budget { limit, left: limit }
    }

    pub(super) fn exceeded(&self) -> PdfError {
        PdfError::DecodedTooLarge { limit: self.limit }
    }
}

/// Why a bounded inflation stopped.
enum InflateError {
    /// More output than the budget allows.
    OverBudget,
    /// The data is not valid zlib or deflate.
    Corrupt(String),
}

/// Inflates zlib data (or raw deflate, as hayro-syntax also accepts it), reading at most the budget plus
/// one byte of output, so that a bomb costs only the budget, never its full size.
fn inflate(data: &[u8], budget: &mut Budget) -> Result<Vec<u8>, InflateError> {
    let zlib = read_bounded(flate2::read::ZlibDecoder::new(data), budget.left);
    let result = match zlib {
        Ok(out) => Ok(out),
        Err(InflateError::OverBudget) => Err(InflateError::OverBudget),
        Err(InflateError::Corrupt(e)) => {
            match read_bounded(flate2::read::DeflateDecoder::new(data), budget.left) {
                Ok(out) => Ok(out),
                Err(InflateError::OverBudget) => Err(InflateError::OverBudget),
                Err(InflateError::Corrupt(_)) => Err(InflateError::Corrupt(e)),
            }
        }
    };
    if let Ok(out) = &result {
        budget.left = budget.left.saturating_sub(out.len() as u64);
    }
    result
}

fn read_bounded(reader: impl Read, left: u64) -> Result<Vec<u8>, InflateError> {
    let mut out = Vec::new();
    // take(left + 1): one byte past the budget proves the budget is exceeded without inflating the rest.
    match reader.take(left.saturating_add(1)).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > left => Err(InflateError::OverBudget),
        Ok(_) => Ok(out),
        Err(e) => Err(InflateError::Corrupt(e.to_string())),
    }
}

/// Decodes a cross-reference or object stream as hayro-syntax would, but within the budget; refuses
/// what hayro-syntax would decode without bound (any filter other than a single Flate, odd predictors).
pub(super) fn decode_internal(
    dict: &Dict<'_>,
    body: &[u8],
    budget: &mut Budget,
) -> Result<Vec<u8>, PdfError> {
    let filters = filter_names(dict).ok_or_else(|| {
        PdfError::Broken("an object or cross-reference stream has an unreadable filter".to_string())
    })?;
    let params = decode_params(dict).ok_or_else(|| {
        PdfError::Broken(
            "an object or cross-reference stream has unreadable decoding parameters".to_string(),
        )
    })?;
    match filters.as_slice() {
        [] => {
            let end = find(body, b"endstream").unwrap_or(body.len());
            let raw = body.get(..end).unwrap_or_default();
            if raw.len() as u64 > budget.left {
                return Err(budget.exceeded());
            }
            budget.left -= raw.len() as u64;
            Ok(raw.to_vec())
        }
        [f] if is_flate(f) => match inflate(body, budget) {
            Ok(out) => unpredict(out, params),
            Err(InflateError::OverBudget) => Err(budget.exceeded()),
            // hayro-syntax will fail on it too; the file may still be repaired without it.
            Err(InflateError::Corrupt(_)) => Ok(Vec::new()),
        },
        _ => Err(PdfError::Broken(
            "an object or cross-reference stream uses a filter other than Flate".to_string(),
        )),
    }
}

fn is_flate(name: &[u8]) -> bool {
    name == b"FlateDecode" || name == b"Fl"
}

/// The stream's filters, in order; None when they are not plain names (a reference, say).
fn filter_names(dict: &Dict<'_>) -> Option<Vec<Vec<u8>>> {
    let raw = dict
        .get_raw::<Object<'_>>(b"Filter")
        .or_else(|| dict.get_raw::<Object<'_>>(b"F"));
    match raw {
        None => Some(Vec::new()),
        Some(MaybeRef::Ref(_)) => None,
        Some(MaybeRef::NotRef(Object::Name(n))) => Some(vec![n.to_vec()]),
        Some(MaybeRef::NotRef(Object::Array(a))) => {
            let mut names = Vec::new();
            for item in array_items(&a, 8)? {
                match item {
                    MaybeRef::NotRef(Object::Name(n)) => names.push(n.to_vec()),
                    _ => return None,
                }
            }
            Some(names)
        }
        Some(MaybeRef::NotRef(Object::Null(_))) => Some(Vec::new()),
        Some(_) => None,
    }
}

/// PNG/TIFF predictor parameters, checked to be small enough for hayro-syntax's row buffers.
#[derive(Debug, Clone, Copy)]
struct Predictor {
    predictor: u64,
    colors: u64,
    bpc: u64,
    columns: u64,
}

fn decode_params(dict: &Dict<'_>) -> Option<Predictor> {
    let raw = dict
        .get_raw::<Object<'_>>(b"DecodeParms")
        .or_else(|| dict.get_raw::<Object<'_>>(b"DP"));
    let params = match raw {
        None | Some(MaybeRef::NotRef(Object::Null(_))) => None,
        Some(MaybeRef::NotRef(Object::Dict(d))) => Some(d),
        Some(MaybeRef::NotRef(Object::Array(a))) => match array_items(&a, 8)?.into_iter().next() {
            None | Some(MaybeRef::NotRef(Object::Null(_))) => None,
            Some(MaybeRef::NotRef(Object::Dict(d))) => Some(d),
            Some(_) => return None,
        },
        Some(_) => return None,
    };
    let Some(params) = params else {
        return Some(Predictor {
            predictor: 1,
            colors: 1,
            bpc: 8,
            columns: 1,
        });
    };
    let number = |key: &[u8], default: u64| -> Option<u64> {
        match params.get_raw::<Object<'_>>(key) {
            None => Some(default),
            Some(MaybeRef::NotRef(Object::Number(n))) => u64::try_from(n.as_i64()).ok(),
            Some(_) => None,
        }
    };
    let p = Predictor {
        predictor: number(b"Predictor", 1)?,
        colors: number(b"Colors", 1)?,
        bpc: number(b"BitsPerComponent", 8)?,
        columns: number(b"Columns", 1)?,
    };
    let sane = matches!(p.predictor, 1 | 2 | 10..=15)
        && (1..=32).contains(&p.colors)
        && matches!(p.bpc, 1 | 2 | 4 | 8 | 16)
        && (1..=1 << 16).contains(&p.columns);
    sane.then_some(p)
}

/// Undoes a PNG predictor (what cross-reference streams use); other predictors are left to
/// hayro-syntax, only their parameters having been checked.
fn unpredict(data: Vec<u8>, p: Predictor) -> Result<Vec<u8>, PdfError> {
    if p.predictor < 10 {
        return Ok(data);
    }
    let bits = p.colors * p.bpc;
    let bpp = usize::try_from(bits.div_ceil(8)).unwrap_or(1).max(1);
    let row = usize::try_from((bits * p.columns).div_ceil(8)).unwrap_or(0);
    if row == 0 {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks_exact(row + 1) {
        let (tag, line) = (chunk[0], &chunk[1..]);
        let mut cur = line.to_vec();
        for x in 0..row {
            let left = if x >= bpp { cur[x - bpp] } else { 0 };
            let up = prev[x];
            let up_left = if x >= bpp { prev[x - bpp] } else { 0 };
            let add = match tag {
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            };
            cur[x] = cur[x].wrapping_add(add);
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let (ia, ib, ic) = (i16::from(a), i16::from(b), i16::from(c));
    let p = ia + ib - ic;
    let (pa, pb, pc) = ((p - ia).abs(), (p - ib).abs(), (p - ic).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// The items of an array, unresolved, at most `max` of them; None if one cannot be read.
///
/// hayro-syntax's own `raw_iter` unwraps each item, which a crafted array (`[<<>> stream]`) makes
/// panic; this reads them one by one and stops cleanly instead.
pub(super) fn array_items<'a>(array: &Array<'a>, max: usize) -> Option<Vec<MaybeRef<Object<'a>>>> {
    let mut r = Reader::new(array.data());
    let ctx = ReaderContext::dummy();
    let mut items = Vec::new();
    loop {
        r.skip_white_spaces_and_comments();
        if r.at_end() {
            return Some(items);
        }
        if items.len() >= max {
            return Some(items);
        }
        items.push(r.read_with_context::<MaybeRef<Object<'a>>>(&ctx)?);
    }
}

/// Why a stream could not be decoded.
pub(super) enum StreamError {
    OverBudget,
    Unreadable(String),
}

/// Decodes a stream ourselves: no filter or a single Flate without predictor, within the budget.
pub(super) fn decode_stream(
    stream: &Stream<'_>,
    budget: &mut Budget,
) -> Result<Vec<u8>, StreamError> {
    let dict = stream.dict();
    let filters = filter_names(dict)
        .ok_or_else(|| StreamError::Unreadable("its filter cannot be read".to_string()))?;
    let predictor = decode_params(dict).ok_or_else(|| {
        StreamError::Unreadable("its decoding parameters are invalid".to_string())
    })?;
    if predictor.predictor != 1 {
        return Err(StreamError::Unreadable(
            "it uses a predictor, which embedded files do not".to_string(),
        ));
    }
    let raw = stream.raw_data();
    match filters.as_slice() {
        [] => {
            if raw.len() as u64 > budget.left {
                return Err(StreamError::OverBudget);
            }
            budget.left -= raw.len() as u64;
            Ok(raw.into_owned())
        }
        [f] if is_flate(f) => match inflate(&raw, budget) {
            Ok(out) => Ok(out),
            Err(InflateError::OverBudget) => Err(StreamError::OverBudget),
            Err(InflateError::Corrupt(e)) => Err(StreamError::Unreadable(format!(
                "its Flate data is corrupt: {e}"
            ))),
        },
        _ => Err(StreamError::Unreadable(format!(
            "it uses the filter {}, only Flate is read",
            filters
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        ))),
    }
}

//! Reading untrusted PDF files (attachments, XMP, document info, page count) under hard resource limits, on top of `hayro-syntax`.
//!
//! `hayro-syntax` parses well but trusts its input more than an archive tool may: it recurses without a
//! bound on nested arrays and dictionaries (and on the page tree), it inflates cross-reference and object
//! streams with no output limit, it follows chains of object streams without cycle detection, and a few of
//! its helpers unwrap. This module therefore:
//! 1. runs a linear pre-scan of the raw bytes (and of every decoded object stream) that rejects what would
//!    make `hayro-syntax` overflow its stack, allocate without bound or loop, before `hayro-syntax` sees it;
//! 2. runs `hayro-syntax` on a thread of its own with a known stack, so that a panic inside it becomes an
//!    error instead of taking the program down;
//! 3. never asks `hayro-syntax` to decode a stream: it inflates attachments and metadata itself, with a
//!    bounded decoder and a budget shared by the whole reader;
//! 4. walks name trees and associated files iteratively, with a visited set and a depth bound.

use std::collections::{BTreeSet, HashSet};
use std::io::Read;

use hayro_syntax::Pdf;
use hayro_syntax::object::{
    Array, Dict, FromBytes, MaybeRef, Name, Object, ObjectIdentifier, Stream,
};
use hayro_syntax::reader::{Reader, ReaderContext, ReaderExt};

/// Limits that neither hayro-syntax nor the PDF format impose: a PDF is untrusted input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// The deepest nesting of arrays and dictionaries accepted (and of name trees walked).
    pub max_depth: usize,
    /// The most objects a file may define (counting those in object streams and cross-reference entries).
    pub max_objects: usize,
    /// The most bytes that one reader inflates, summed over every stream it decodes.
    pub max_decoded_bytes: u64,
}

impl Default for Limits {
    /// 64 MiB of input, nesting 64 deep, a million objects, 64 MiB decoded: far above what an archival
    /// minutes PDF needs, far below what hurts the machine.
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 << 20,
            max_depth: 64,
            max_objects: 1_000_000,
            max_decoded_bytes: 64 << 20,
        }
    }
}

/// Objects one object stream may hold: hayro-syntax re-reads a stream's whole offset table for every
/// object it takes from it, so the cost grows with the square of this number.
const MAX_OBJECTS_PER_STREAM: usize = 4096;

/// Sum over object streams of the square of their object counts: the same quadratic cost, for the file.
const MAX_OBJECT_STREAM_WORK: u64 = 1 << 27;

/// Page-tree nodes (`/Kids` keys) accepted: hayro-syntax walks the page tree recursively and keeps a
/// copy of the path at every level, so a chain of nodes costs stack and quadratic memory (measured: a
/// chain of 500 costs 28 MB and 50 ms, of 1000 already 104 MB). Typst writes a single node.
const MAX_PAGE_TREE_NODES: usize = 512;

/// Nesting accepted inside a stream body, counted on raw bytes: random compressed data stays far below
/// it (a 64 MiB body of random bytes reaches a few thousand at most), and hayro-syntax at this depth
/// uses about 11 MB of stack (about 1.1 KB a level, measured in a release build).
const MAX_STREAM_BODY_NESTING: usize = 10_000;

/// Stack of the thread that runs hayro-syntax: enough for the nesting the pre-scan lets through (a
/// stream body nested 9000 deep passes in an unoptimised build too), and only the pages actually
/// touched cost memory.
const PARSER_STACK_BYTES: usize = 64 << 20;

/// Entries kept from the catalog and the information dictionary: a guard against a dictionary of a
/// million keys, not a limit any real file meets.
const MAX_TEXT_ENTRIES: usize = 4096;

/// A file embedded in a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The name stored in the file specification (`/UF`, else `/F`), decoded; not yet checked as a path.
    pub name: String,
    /// The embedded file's bytes, decoded.
    pub data: Vec<u8>,
}

/// Why a PDF could not be read; one variant per cause, each naming the limit it hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The input does not start like a PDF (no `%PDF-` header near its start).
    NotPdf,
    /// The file is damaged beyond repair; says what was found.
    Broken(String),
    /// The file is encrypted, which an archival PDF (PDF/A) never is.
    Encrypted,
    /// Arrays or dictionaries nest deeper than the limit.
    TooDeep {
        /// The deepest nesting accepted.
        limit: usize,
    },
    /// The file defines more objects than the limit.
    TooManyObjects {
        /// The most objects accepted.
        limit: usize,
    },
    /// The page tree has more nodes than the limit.
    PageTreeTooLarge {
        /// The most page-tree nodes accepted.
        limit: usize,
    },
    /// The input is larger than the limit.
    TooLarge {
        /// The largest input accepted, in bytes.
        limit: usize,
    },
    /// Decoding the file's streams would produce more bytes than the limit.
    DecodedTooLarge {
        /// The most decoded bytes accepted, in total.
        limit: u64,
    },
    /// Reading the file could cost more steps than the limit (hayro-syntax's repair of a damaged file
    /// searches forward for a stream after every typed dictionary).
    TooCostly {
        /// The most steps accepted.
        limit: u64,
    },
    /// An embedded file is present but its data cannot be decoded.
    AttachmentUnreadable {
        /// The attachment's name.
        name: String,
        /// Why, in English.
        reason: String,
    },
}

impl PdfError {
    /// The reason in English: lowercase, no final period.
    pub fn en(&self) -> String {
        match self {
            PdfError::NotPdf => "the file is not a PDF (no %PDF- header)".to_string(),
            PdfError::Broken(why) => format!("the PDF is damaged ({why})"),
            PdfError::Encrypted => {
                "the PDF is encrypted, which an archival PDF never is".to_string()
            }
            PdfError::TooDeep { limit } => {
                format!("the PDF nests arrays or dictionaries more than {limit} levels deep")
            }
            PdfError::TooManyObjects { limit } => {
                format!("the PDF defines more than {limit} objects")
            }
            PdfError::PageTreeTooLarge { limit } => {
                format!("the PDF's page tree has more than {limit} nodes")
            }
            PdfError::TooLarge { limit } => format!("the PDF is larger than {limit} bytes"),
            PdfError::DecodedTooLarge { limit } => {
                format!("the PDF's streams decode to more than {limit} bytes")
            }
            PdfError::TooCostly { limit } => {
                format!("reading the PDF would take more than {limit} steps")
            }
            PdfError::AttachmentUnreadable { name, reason } => {
                format!("failed to read the attachment {name:?} ({reason})")
            }
        }
    }

    /// The reason in Vietnamese, with full diacritics: lowercase, no final period.
    pub fn vi(&self) -> String {
        match self {
            PdfError::NotPdf => "tệp không phải là PDF (không có đầu %PDF-)".to_string(),
            PdfError::Broken(why) => format!("tệp PDF bị hỏng ({why})"),
            PdfError::Encrypted => {
                "tệp PDF bị mã hoá, điều mà một PDF lưu trữ không bao giờ có".to_string()
            }
            PdfError::TooDeep { limit } => {
                format!("tệp PDF lồng mảng hoặc từ điển sâu hơn {limit} cấp")
            }
            PdfError::TooManyObjects { limit } => {
                format!("tệp PDF định nghĩa hơn {limit} đối tượng")
            }
            PdfError::PageTreeTooLarge { limit } => {
                format!("cây trang của tệp PDF có hơn {limit} nút")
            }
            PdfError::TooLarge { limit } => format!("tệp PDF lớn hơn {limit} byte"),
            PdfError::DecodedTooLarge { limit } => {
                format!("các luồng của tệp PDF giải nén ra hơn {limit} byte")
            }
            PdfError::TooCostly { limit } => {
                format!("đọc tệp PDF sẽ tốn hơn {limit} bước")
            }
            PdfError::AttachmentUnreadable { name, reason } => {
                format!("không đọc được tệp đính kèm {name:?} ({reason})")
            }
        }
    }
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

impl std::error::Error for PdfError {}

/// A PDF that has been read: everything the project asks of it, extracted once and owned.
///
/// All the work (and all of hayro-syntax) happens in [`PdfFile::parse_with`], on a thread of its own;
/// the accessors only hand out copies.
#[derive(Debug, Clone)]
pub struct PdfFile {
    attachments: Result<Vec<Attachment>, PdfError>,
    xmp: Option<Vec<u8>>,
    info: Vec<(Vec<u8>, String)>,
    catalog: Vec<(Vec<u8>, String)>,
    page_count: usize,
}

impl PdfFile {
    /// Reads a PDF with the default [`Limits`].
    pub fn parse(bytes: &[u8]) -> Result<PdfFile, PdfError> {
        PdfFile::parse_with(bytes, Limits::default())
    }

    /// Reads a PDF under the given limits.
    pub fn parse_with(bytes: &[u8], limits: Limits) -> Result<PdfFile, PdfError> {
        if bytes.len() > limits.max_input_bytes {
            return Err(PdfError::TooLarge {
                limit: limits.max_input_bytes,
            });
        }
        if !has_header(bytes) {
            return Err(PdfError::NotPdf);
        }
        let mut budget = Budget::new(limits.max_decoded_bytes);
        let facts = prescan(bytes, &limits, &mut budget)?;
        if facts.encrypted {
            return Err(PdfError::Encrypted);
        }
        let owned = bytes.to_vec();
        // hayro-syntax recurses; a thread of our own gives it a stack whose size we know, and turns any
        // panic inside it into an error rather than the end of the program.
        let worker = std::thread::Builder::new()
            .name("pdf-read".to_string())
            .stack_size(PARSER_STACK_BYTES)
            .spawn(move || read_document(owned, limits, budget));
        match worker {
            Ok(handle) => match handle.join() {
                Ok(result) => result,
                Err(_) => Err(PdfError::Broken("the parser gave up on it".to_string())),
            },
            Err(e) => Err(PdfError::Broken(format!("no thread to read it in ({e})"))),
        }
    }

    /// Every embedded file (the `/EmbeddedFiles` name tree of the catalog's `/Names`, the `/AF`
    /// associated files, and any file specification with `/EF` found among the objects), sorted by
    /// name, without duplicates.
    pub fn attachments(&self) -> Result<Vec<Attachment>, PdfError> {
        self.attachments.clone()
    }

    /// The catalog's `/Metadata` stream, decoded (XMP).
    pub fn xmp_metadata(&self) -> Option<Vec<u8>> {
        self.xmp.clone()
    }

    /// A text string of the document information dictionary (`Title`, `Author`, `Subject`,
    /// `Keywords`, `Creator`, `Producer`, …; the key without its slash), decoded.
    pub fn info_text(&self, key: &str) -> Option<String> {
        lookup(&self.info, key)
    }

    /// A text string of the catalog (e.g. `Lang`; the key without its slash), decoded.
    pub fn catalog_text(&self, key: &str) -> Option<String> {
        lookup(&self.catalog, key)
    }

    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.page_count
    }
}

fn lookup(entries: &[(Vec<u8>, String)], key: &str) -> Option<String> {
    let key = key.strip_prefix('/').unwrap_or(key).as_bytes();
    entries
        .iter()
        .find(|(k, _)| k.as_slice() == key)
        .map(|(_, v)| v.clone())
}

/// `%PDF-` in the first kilobyte, as readers commonly accept junk before the header.
fn has_header(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    find(head, b"%PDF-").is_some()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    // The first byte is tested alone so that a comparison call happens only on likely matches: this
    // runs over every byte of the input, several times.
    hay.windows(needle.len())
        .position(|w| w[0] == first && w == needle)
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    let Some((&first, _)) = needle.split_first() else {
        return 0;
    };
    hay.windows(needle.len())
        .filter(|w| w[0] == first && *w == needle)
        .count()
}

// ---------------------------------------------------------------------------------------------------
// Decoding budget and bounded inflation.

/// The decoded bytes one reader may still produce.
#[derive(Debug, Clone, Copy)]
struct Budget {
    limit: u64,
    left: u64,
}

impl Budget {
    fn new(limit: u64) -> Self {
        Budget { limit, left: limit }
    }

    fn exceeded(&self) -> PdfError {
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

// ---------------------------------------------------------------------------------------------------
// The pre-scan: one linear pass over the bytes, before hayro-syntax sees them.

/// What the pre-scan learnt.
#[derive(Debug, Default)]
struct Facts {
    encrypted: bool,
}

/// State of the pre-scan, across the file and the object streams it decodes.
struct Prescan<'l> {
    limits: &'l Limits,
    objects: usize,
    object_stream_work: u64,
    page_nodes: usize,
    /// Object numbers of object streams (from cross-reference streams and from the object streams found).
    containers: BTreeSet<u32>,
    /// Object numbers said to live inside an object stream.
    contained: BTreeSet<u32>,
    encrypted: bool,
    /// Start of every closed dictionary with a /Type or /Root key (or an escaped key that may be one).
    typed_dicts: Vec<usize>,
}

/// Steps of hayro-syntax's repair scan accepted, beyond a fixed multiple of the input length.
const MAX_REPAIR_STEPS: u64 = 1 << 25;

/// hayro-syntax's repair reads every dictionary with a /Type or /Root key as a possible stream, and so
/// searches forward from it for `stream` and then `endstream`: many such dictionaries far before any
/// stream cost the square of the file's length. This sums those distances, before it happens.
fn repair_steps(data: &[u8], typed_dicts: &mut [usize]) -> u64 {
    let positions = |needle: &[u8]| -> Vec<usize> {
        let Some((&first, _)) = needle.split_first() else {
            return Vec::new();
        };
        data.windows(needle.len())
            .enumerate()
            .filter(|(_, w)| w[0] == first && *w == needle)
            .map(|(k, _)| k)
            .collect()
    };
    let streams = positions(b"stream");
    let ends = positions(b"endstream");
    let next = |list: &[usize], from: usize| -> usize {
        list.get(list.partition_point(|&q| q < from))
            .copied()
            .unwrap_or(data.len())
    };
    typed_dicts
        .iter()
        .map(|&p| (next(&ends, next(&streams, p)).saturating_sub(p)) as u64)
        .fold(0u64, u64::saturating_add)
}

fn prescan(bytes: &[u8], limits: &Limits, budget: &mut Budget) -> Result<Facts, PdfError> {
    let mut scan = Prescan {
        limits,
        objects: 0,
        object_stream_work: 0,
        page_nodes: 0,
        containers: BTreeSet::new(),
        contained: BTreeSet::new(),
        encrypted: false,
        typed_dicts: Vec::new(),
    };
    scan.scan(bytes, false, budget)?;
    let limit = MAX_REPAIR_STEPS.saturating_add(16u64.saturating_mul(bytes.len() as u64));
    if repair_steps(bytes, &mut scan.typed_dicts) > limit {
        return Err(PdfError::TooCostly { limit });
    }
    // hayro-syntax follows "object A is in stream B" without noticing cycles (A in B, B in A recurses
    // forever); the format forbids an object stream inside another, so any overlap is refused.
    if scan
        .containers
        .intersection(&scan.contained)
        .next()
        .is_some()
    {
        return Err(PdfError::Broken(
            "an object stream is said to be inside an object stream".to_string(),
        ));
    }
    Ok(Facts {
        encrypted: scan.encrypted,
    })
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0C' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl Prescan<'_> {
    fn too_deep(&self) -> PdfError {
        PdfError::TooDeep {
            limit: self.limits.max_depth,
        }
    }

    fn add_objects(&mut self, n: usize) -> Result<(), PdfError> {
        self.objects = self.objects.saturating_add(n);
        if self.objects > self.limits.max_objects {
            return Err(PdfError::TooManyObjects {
                limit: self.limits.max_objects,
            });
        }
        Ok(())
    }

    /// Scans `data` (the file, or a decoded object stream when `nested`), tokenizing just enough to
    /// see strings, comments and stream bodies, so that brackets inside them do not count.
    ///
    /// The nesting counter never goes below zero, so at every point it is the deepest nesting that a
    /// parser starting anywhere before that point could have reached: an unclosed `[[[[` is caught
    /// wherever hayro-syntax's repair would start reading it.
    fn scan(&mut self, data: &[u8], nested: bool, budget: &mut Budget) -> Result<(), PdfError> {
        // A page-tree node needs a /Kids key: counting the name in every spelling (plain, or with a
        // #xx escape in any of its letters) bounds how many nodes hayro-syntax's recursive page-tree
        // walk can meet, wherever it starts reading.
        let kids = [
            b"/Kids".as_slice(),
            b"/#4B",
            b"/#4b",
            b"/K#",
            b"/Ki#",
            b"/Kid#",
        ]
        .iter()
        .map(|n| count(data, n))
        .sum::<usize>();
        self.page_nodes = self.page_nodes.saturating_add(kids);
        if self.page_nodes > MAX_PAGE_TREE_NODES {
            return Err(PdfError::PageTreeTooLarge {
                limit: MAX_PAGE_TREE_NODES,
            });
        }

        let n = data.len();
        let mut i = 0usize;
        // `depth` follows the syntax, to find top-level dictionaries; `guard` bounds the nesting that
        // hayro-syntax could meet starting anywhere, even inside a string or a comment (its repair scan
        // and a crafted cross-reference offset both do): openings hidden there count, closings do not.
        let mut depth = 0usize;
        let mut guard = 0usize;
        let mut dict_start = 0usize;
        // Open dictionaries: where each starts, and whether it has a key the repair scan looks for.
        let mut open_dicts: Vec<(usize, bool)> = Vec::new();
        // The top-level dictionary that just closed, if nothing but white space and comments followed.
        let mut last_dict: Option<(usize, usize)> = None;
        // The two last numbers, to know which object an `obj` keyword opens.
        let mut nums: [Option<u64>; 2] = [None, None];
        let mut current_obj: Option<u32> = None;
        while i < n {
            let b = data[i];
            match b {
                b'%' => {
                    let start = i;
                    while i < n && data[i] != b'\n' && data[i] != b'\r' {
                        i += 1;
                    }
                    guard = self.hide(guard, data.get(start..i))?;
                }
                b'(' => {
                    let start = i;
                    let mut parens = 0usize;
                    while i < n {
                        match data[i] {
                            b'\\' => i += 1,
                            b'(' => parens += 1,
                            b')' => {
                                parens = parens.saturating_sub(1);
                                if parens == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                    guard = self.hide(guard, data.get(start..i.min(n)))?;
                    i = i.saturating_add(1);
                    last_dict = None;
                    nums = [None, None];
                }
                b'<' if data.get(i + 1) == Some(&b'<') => {
                    guard = self.open(guard)?;
                    depth += 1;
                    if depth > self.limits.max_depth {
                        return Err(self.too_deep());
                    }
                    if depth == 1 {
                        dict_start = i;
                    }
                    open_dicts.push((i, false));
                    i += 2;
                    last_dict = None;
                    nums = [None, None];
                }
                b'<' => {
                    // Like hayro-syntax, a hex string ends at `>` or at the first byte that cannot be
                    // in one; what follows is read as syntax again.
                    i += 1;
                    while i < n && (data[i].is_ascii_hexdigit() || is_white(data[i])) {
                        i += 1;
                    }
                    if data.get(i) == Some(&b'>') {
                        i += 1;
                    }
                    last_dict = None;
                    nums = [None, None];
                }
                b'>' if data.get(i + 1) == Some(&b'>') => {
                    guard = guard.saturating_sub(1);
                    if let Some((start, typed)) = open_dicts.pop()
                        && typed
                        && !nested
                    {
                        self.typed_dicts.push(start);
                    }
                    i += 2;
                    if depth == 1 {
                        last_dict = Some((dict_start, i));
                    } else {
                        last_dict = None;
                    }
                    depth = depth.saturating_sub(1);
                    nums = [None, None];
                }
                b'[' => {
                    guard = self.open(guard)?;
                    depth += 1;
                    if depth > self.limits.max_depth {
                        return Err(self.too_deep());
                    }
                    i += 1;
                    last_dict = None;
                    nums = [None, None];
                }
                b']' => {
                    guard = guard.saturating_sub(1);
                    depth = depth.saturating_sub(1);
                    i += 1;
                    last_dict = None;
                    nums = [None, None];
                }
                _ if is_white(b) => i += 1,
                _ => {
                    let start = i;
                    if b == b'/' {
                        i += 1;
                    }
                    while i < n && !is_white(data[i]) && !is_delim(data[i]) {
                        i += 1;
                    }
                    if i == start {
                        // A lone delimiter such as `)`, `>`, `{` or `}`.
                        i += 1;
                        last_dict = None;
                        continue;
                    }
                    let token = data.get(start..i).unwrap_or_default();
                    let key = token == b"/Type"
                        || token == b"/Root"
                        || (b == b'/' && token.contains(&b'#'));
                    if key && let Some(top) = open_dicts.last_mut() {
                        top.1 = true;
                    }
                    match token {
                        b"/Encrypt" if !nested => {
                            self.encrypted = true;
                        }
                        b"obj" => {
                            self.add_objects(1)?;
                            current_obj = nums[0].and_then(|n| u32::try_from(n).ok());
                        }
                        b"stream" => {
                            let dict = last_dict.and_then(|(s, e)| data.get(s..e));
                            i = self.stream(data, i, dict, current_obj, nested, budget)?;
                            last_dict = None;
                            nums = [None, None];
                            continue;
                        }
                        b"xref" if !nested => {
                            i = self.xref_table(data, i)?;
                        }
                        _ => {}
                    }
                    if token.iter().all(u8::is_ascii_digit) {
                        let value = std::str::from_utf8(token)
                            .ok()
                            .and_then(|s| s.parse::<u64>().ok());
                        nums = [nums[1], value];
                    } else if token != b"obj" {
                        nums = [None, None];
                    }
                    if token != b"obj" {
                        // Keep the dictionary only for a directly following `stream`.
                        last_dict = None;
                    }
                }
            }
        }
        Ok(())
    }

    fn open(&self, guard: usize) -> Result<usize, PdfError> {
        let guard = guard + 1;
        if guard > self.limits.max_depth {
            return Err(self.too_deep());
        }
        Ok(guard)
    }

    /// Adds the openings (`[`, `<<`) hidden in a string or comment to the nesting guard.
    fn hide(&self, guard: usize, hidden: Option<&[u8]>) -> Result<usize, PdfError> {
        let hidden = hidden.unwrap_or_default();
        let opens = hidden.iter().filter(|&&b| b == b'[').count() + count(hidden, b"<<");
        let guard = guard.saturating_add(opens);
        if guard > self.limits.max_depth {
            return Err(self.too_deep());
        }
        Ok(guard)
    }

    /// Skips a classic cross-reference table, counting its entries.
    fn xref_table(&mut self, data: &[u8], mut i: usize) -> Result<usize, PdfError> {
        loop {
            let mut r = i;
            let mut header = [0u64; 2];
            for slot in &mut header {
                while r < data.len() && is_white(data[r]) {
                    r += 1;
                }
                let start = r;
                while r < data.len() && data[r].is_ascii_digit() {
                    r += 1;
                }
                let digits = data.get(start..r).unwrap_or_default();
                if digits.is_empty() || digits.len() > 19 {
                    return Ok(i);
                }
                *slot = std::str::from_utf8(digits)
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(u64::MAX);
            }
            let entries = usize::try_from(header[1]).unwrap_or(usize::MAX);
            self.add_objects(entries)?;
            // Each entry is 20 bytes; jump over them without trusting the count for more than that.
            i = r.saturating_add(entries.saturating_mul(20)).min(data.len());
            if i >= data.len() {
                return Ok(i);
            }
        }
    }

    /// Handles a `stream` keyword at `at` (just past it): checks the streams that hayro-syntax decodes on
    /// its own (cross-reference and object streams) and returns where the body ends.
    fn stream(
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
            Internal::ObjStm => {
                let n = dict_u64(&dict, b"N");
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
                for number in object_stream_numbers(&decoded, n) {
                    self.contained.insert(number);
                }
                self.scan(&decoded, true, budget)?;
            }
            Internal::No => {}
        }
        Ok(end)
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

/// Decodes a cross-reference or object stream as hayro-syntax would, but within the budget; refuses
/// what hayro-syntax would decode without bound (any filter other than a single Flate, odd predictors).
fn decode_internal(dict: &Dict<'_>, body: &[u8], budget: &mut Budget) -> Result<Vec<u8>, PdfError> {
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

/// The items of an array, unresolved, at most `max` of them; None if one cannot be read.
///
/// hayro-syntax's own `raw_iter` unwraps each item, which a crafted array (`[<<>> stream]`) makes
/// panic; this reads them one by one and stops cleanly instead.
fn array_items<'a>(array: &Array<'a>, max: usize) -> Option<Vec<MaybeRef<Object<'a>>>> {
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

// ---------------------------------------------------------------------------------------------------
// Reading the document with hayro-syntax (on the reader thread).

fn read_document(bytes: Vec<u8>, limits: Limits, mut budget: Budget) -> Result<PdfFile, PdfError> {
    let pdf = Pdf::new(bytes).map_err(|e| match e {
        hayro_syntax::LoadPdfError::Decryption(_) => PdfError::Encrypted,
        hayro_syntax::LoadPdfError::Invalid => PdfError::Broken(
            "no cross-reference table, trailer or catalog could be found or rebuilt".to_string(),
        ),
    })?;
    if pdf.len() > limits.max_objects {
        return Err(PdfError::TooManyObjects {
            limit: limits.max_objects,
        });
    }
    let doc = Doc {
        pdf: &pdf,
        limits: &limits,
    };
    let catalog = doc.get_dict(pdf.xref().root_id());
    let xmp = catalog
        .as_ref()
        .and_then(|c| doc.resolve(c.get_raw::<Object<'_>>(b"Metadata")?))
        .and_then(|o| o.into_stream())
        .and_then(|s| decode_stream(&s, &mut budget).ok());
    let catalog_texts = catalog.as_ref().map(|c| doc.texts(c)).unwrap_or_default();
    let info = info_texts(pdf.metadata());
    let attachments = doc.attachments(catalog.as_ref(), &mut budget);
    Ok(PdfFile {
        attachments,
        xmp,
        info,
        catalog: catalog_texts,
        page_count: pdf.pages().len(),
    })
}

/// The information dictionary's text strings, as hayro-syntax extracted them.
fn info_texts(meta: &hayro_syntax::metadata::Metadata) -> Vec<(Vec<u8>, String)> {
    let fields: [(&[u8], &Option<Vec<u8>>); 6] = [
        (b"Title", &meta.title),
        (b"Author", &meta.author),
        (b"Subject", &meta.subject),
        (b"Keywords", &meta.keywords),
        (b"Creator", &meta.creator),
        (b"Producer", &meta.producer),
    ];
    fields
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_vec(), decode_text(v))))
        .collect()
}

/// The parsed document and the limits that apply to walking it.
struct Doc<'p> {
    pdf: &'p Pdf,
    limits: &'p Limits,
}

impl<'p> Doc<'p> {
    fn get_dict(&self, id: ObjectIdentifier) -> Option<Dict<'p>> {
        match self.pdf.xref().get::<Object<'p>>(id)? {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(s.dict().clone()),
            _ => None,
        }
    }

    /// Resolves one level of reference (a reference to a reference is not valid PDF).
    fn resolve(&self, item: MaybeRef<Object<'p>>) -> Option<Object<'p>> {
        match item {
            MaybeRef::Ref(r) => self.pdf.xref().get::<Object<'p>>(r.into()),
            MaybeRef::NotRef(o) => Some(o),
        }
    }

    fn get(&self, dict: &Dict<'p>, key: &[u8]) -> Option<Object<'p>> {
        self.resolve(dict.get_raw::<Object<'p>>(key)?)
    }

    fn get_dict_in(&self, dict: &Dict<'p>, key: &[u8]) -> Option<Dict<'p>> {
        self.get(dict, key)?.into_dict()
    }

    fn get_array_in(&self, dict: &Dict<'p>, key: &[u8]) -> Option<Vec<Object<'p>>> {
        let array = self.get(dict, key)?.into_array()?;
        let items = array_items(&array, self.limits.max_objects)?;
        Some(items.into_iter().filter_map(|i| self.resolve(i)).collect())
    }

    fn text(&self, dict: &Dict<'p>, key: &[u8]) -> Option<String> {
        Some(decode_text(&self.get(dict, key)?.into_string()?))
    }

    /// Every text-string entry of a dictionary.
    fn texts(&self, dict: &Dict<'p>) -> Vec<(Vec<u8>, String)> {
        dict.keys()
            .take(MAX_TEXT_ENTRIES)
            .filter_map(|k| {
                let v = self.text(dict, &k)?;
                Some((k.to_vec(), v))
            })
            .collect()
    }

    fn attachments(
        &self,
        catalog: Option<&Dict<'p>>,
        budget: &mut Budget,
    ) -> Result<Vec<Attachment>, PdfError> {
        let mut specs: Vec<Dict<'p>> = Vec::new();
        if let Some(catalog) = catalog {
            if let Some(tree) = self
                .get_dict_in(catalog, b"Names")
                .and_then(|n| self.get_dict_in(&n, b"EmbeddedFiles"))
            {
                self.name_tree(tree, &mut specs)?;
            }
            for item in self.get_array_in(catalog, b"AF").unwrap_or_default() {
                if let Some(d) = item.into_dict() {
                    specs.push(d);
                }
            }
        }
        // The old reader found file specifications anywhere; so do we, among the indirect objects.
        for object in self.pdf.objects() {
            if let Object::Dict(d) = object
                && d.contains_key(b"EF")
            {
                specs.push(d);
            }
        }
        let mut seen_specs = HashSet::new();
        let mut found = Vec::new();
        for spec in specs {
            // The same specification is met through several paths; read it once.
            if !seen_specs.insert(spec.data().as_ptr() as usize) {
                continue;
            }
            if let Some(a) = self.attachment(&spec, budget)? {
                found.push(a);
            }
        }
        found.sort_by(|a: &Attachment, b| a.name.cmp(&b.name).then_with(|| a.data.cmp(&b.data)));
        found.dedup();
        Ok(found)
    }

    fn attachment(
        &self,
        spec: &Dict<'p>,
        budget: &mut Budget,
    ) -> Result<Option<Attachment>, PdfError> {
        let Some(ef) = self.get_dict_in(spec, b"EF") else {
            return Ok(None);
        };
        let name = self
            .text(spec, b"UF")
            .or_else(|| self.text(spec, b"F"))
            .unwrap_or_default();
        let stream = self.get(&ef, b"UF").or_else(|| self.get(&ef, b"F"));
        let Some(stream) = stream.and_then(|s| s.into_stream()) else {
            return Err(PdfError::AttachmentUnreadable {
                name,
                reason: "its embedded file stream is missing".to_string(),
            });
        };
        match decode_stream(&stream, budget) {
            Ok(data) => Ok(Some(Attachment { name, data })),
            Err(StreamError::OverBudget) => Err(budget.exceeded()),
            Err(StreamError::Unreadable(reason)) => {
                Err(PdfError::AttachmentUnreadable { name, reason })
            }
        }
    }

    /// Collects the values of a name tree, breadth first, with a visited set (a /Kids loop ends) and a
    /// depth bound.
    fn name_tree(&self, root: Dict<'p>, out: &mut Vec<Dict<'p>>) -> Result<(), PdfError> {
        let mut queue = vec![(root, 0usize)];
        let mut seen = HashSet::new();
        while let Some((node, depth)) = queue.pop() {
            if !seen.insert(node.data().as_ptr() as usize) {
                continue;
            }
            if depth > self.limits.max_depth {
                return Err(PdfError::TooDeep {
                    limit: self.limits.max_depth,
                });
            }
            if let Some(names) = self.get_array_in(&node, b"Names") {
                // [key value key value …]: every second item is a file specification.
                for value in names.into_iter().skip(1).step_by(2) {
                    if let Some(d) = value.into_dict() {
                        out.push(d);
                    }
                }
            }
            for kid in self.get_array_in(&node, b"Kids").unwrap_or_default() {
                if let Some(d) = kid.into_dict() {
                    queue.push((d, depth + 1));
                }
            }
        }
        Ok(())
    }
}

/// Why a stream could not be decoded.
enum StreamError {
    OverBudget,
    Unreadable(String),
}

/// Decodes a stream ourselves: no filter or a single Flate without predictor, within the budget.
fn decode_stream(stream: &Stream<'_>, budget: &mut Budget) -> Result<Vec<u8>, StreamError> {
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

// ---------------------------------------------------------------------------------------------------
// Text strings.

/// Decodes a PDF text string: UTF-16BE with its BOM, UTF-8 with its BOM (PDF 2.0), else PDFDocEncoding.
fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| pdf_doc_char(b)).collect()
    }
}

/// One byte of PDFDocEncoding: Latin-1 but for 0x18–0x1F and 0x80–0xA0.
fn pdf_doc_char(b: u8) -> char {
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const HIGH: [char; 33] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}', '€',
    ];
    match b {
        0x18..=0x1F => LOW[usize::from(b - 0x18)],
        0x80..=0xA0 => HIGH[usize::from(b - 0x80)],
        0xAD => '\u{FFFD}',
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests;

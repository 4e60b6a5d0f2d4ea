//! The pre-scan: one linear pass over the raw bytes (and over every decoded object stream), before
//! hayro-syntax sees them, refusing what would make it overflow its stack, allocate without bound or loop.

use std::collections::BTreeSet;

use super::bytes::{count, is_delim, is_white};
use super::decode::Budget;
use super::{Limits, PdfError};

/// Page-tree nodes (`/Kids` keys) accepted: hayro-syntax walks the page tree recursively and keeps a
/// copy of the path at every level, so a chain of nodes costs stack and quadratic memory (measured: a
/// chain of 500 costs 28 MB and 50 ms, of 1000 already 104 MB). Typst writes a single node.
pub(super) const MAX_PAGE_TREE_NODES: usize = 512;

/// Steps of hayro-syntax's repair scan accepted, beyond a fixed multiple of the input length.
const MAX_REPAIR_STEPS: u64 = 1 << 25;

/// What the pre-scan learnt.
#[derive(Debug, Default)]
pub(super) struct Facts {
    pub(super) encrypted: bool,
}

/// State of the pre-scan, across the file and the object streams it decodes.
pub(super) struct Prescan<'l> {
    pub(super) limits: &'l Limits,
    objects: usize,
    pub(super) object_stream_work: u64,
    page_nodes: usize,
    /// Object numbers of object streams (from cross-reference streams and from the object streams found).
    pub(super) containers: BTreeSet<u32>,
    /// Object numbers said to live inside an object stream.
    pub(super) contained: BTreeSet<u32>,
    encrypted: bool,
    /// Start of every closed dictionary with a /Type or /Root key (or an escaped key that may be one).
    typed_dicts: Vec<usize>,
}

/// Where the tokenizer is in one buffer (the file, or a decoded object stream), and what it remembers
/// of the tokens just read.
struct Cursor<'d> {
    data: &'d [u8],
    /// Whether `data` is a decoded object stream rather than the file.
    nested: bool,
    i: usize,
    // `depth` follows the syntax, to find top-level dictionaries; `guard` bounds the nesting that
    // hayro-syntax could meet starting anywhere, even inside a string or a comment (its repair scan
    // and a crafted cross-reference offset both do): openings hidden there count, closings do not.
    depth: usize,
    guard: usize,
    dict_start: usize,
    /// Open dictionaries: where each starts, and whether it has a key the repair scan looks for.
    open_dicts: Vec<(usize, bool)>,
    /// The top-level dictionary that just closed, if nothing but white space and comments followed.
    last_dict: Option<(usize, usize)>,
    /// The two last numbers, to know which object an `obj` keyword opens.
    nums: [Option<u64>; 2],
    current_obj: Option<u32>,
}

impl<'d> Cursor<'d> {
    fn new(data: &'d [u8], nested: bool) -> Self {
        Cursor {
            data,
            nested,
            i: 0,
            depth: 0,
            guard: 0,
            dict_start: 0,
            open_dicts: Vec::new(),
            last_dict: None,
            nums: [None, None],
            current_obj: None,
        }
    }

    /// Forgets the dictionary and the numbers just read: a token came between them and what follows.
    fn forget(&mut self) {
        self.last_dict = None;
        self.nums = [None, None];
    }

    /// A hex string: like hayro-syntax, it ends at `>` or at the first byte that cannot be in one;
    /// what follows is read as syntax again.
    fn hex_string(&mut self) {
        let (data, n) = (self.data, self.data.len());
        self.i += 1;
        while self.i < n && (data[self.i].is_ascii_hexdigit() || is_white(data[self.i])) {
            self.i += 1;
        }
        if data.get(self.i) == Some(&b'>') {
            self.i += 1;
        }
        self.forget();
    }

    fn array_close(&mut self) {
        self.guard = self.guard.saturating_sub(1);
        self.depth = self.depth.saturating_sub(1);
        self.i += 1;
        self.forget();
    }

    /// Remembers a number (for `obj`) and the dictionary (for `stream`) only if the token allows it.
    fn after_word(&mut self, token: &[u8]) {
        if token.iter().all(u8::is_ascii_digit) {
            let value = std::str::from_utf8(token)
                .ok()
                .and_then(|s| s.parse::<u64>().ok());
            self.nums = [self.nums[1], value];
        } else if token != b"obj" {
            self.nums = [None, None];
        }
        if token != b"obj" {
            // Keep the dictionary only for a directly following `stream`.
            self.last_dict = None;
        }
    }
}

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

pub(super) fn prescan(
    bytes: &[u8],
    limits: &Limits,
    budget: &mut Budget,
) -> Result<Facts, PdfError> {
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

impl Prescan<'_> {
    fn too_deep(&self) -> PdfError {
        PdfError::TooDeep {
            limit: self.limits.max_depth,
        }
    }

    pub(super) fn add_objects(&mut self, n: usize) -> Result<(), PdfError> {
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
    pub(super) fn scan(
        &mut self,
        data: &[u8],
        nested: bool,
        budget: &mut Budget,
    ) -> Result<(), PdfError> {
        self.count_page_nodes(data)?;
        let mut cur = Cursor::new(data, nested);
        while cur.i < data.len() {
            let b = data[cur.i];
            let next = data.get(cur.i + 1);
            match b {
                b'%' => self.comment(&mut cur)?,
                b'(' => self.literal_string(&mut cur)?,
                b'<' if next == Some(&b'<') => self.dict_open(&mut cur)?,
                b'<' => cur.hex_string(),
                b'>' if next == Some(&b'>') => self.dict_close(&mut cur),
                b'[' => self.array_open(&mut cur)?,
                b']' => cur.array_close(),
                _ if is_white(b) => cur.i += 1,
                _ => self.word(&mut cur, budget)?,
            }
        }
        Ok(())
    }

    fn count_page_nodes(&mut self, data: &[u8]) -> Result<(), PdfError> {
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
        Ok(())
    }

    /// A comment, to the end of its line: the openings in it count for the guard.
    fn comment(&self, cur: &mut Cursor<'_>) -> Result<(), PdfError> {
        let (data, n, start) = (cur.data, cur.data.len(), cur.i);
        while cur.i < n && data[cur.i] != b'\n' && data[cur.i] != b'\r' {
            cur.i += 1;
        }
        cur.guard = self.hide(cur.guard, data.get(start..cur.i))?;
        Ok(())
    }

    /// A literal string, with its escapes and balanced parentheses: the openings in it count for the
    /// guard.
    fn literal_string(&self, cur: &mut Cursor<'_>) -> Result<(), PdfError> {
        let (data, n, start) = (cur.data, cur.data.len(), cur.i);
        let mut parens = 0usize;
        while cur.i < n {
            match data[cur.i] {
                b'\\' => cur.i += 1,
                b'(' => parens += 1,
                b')' => {
                    parens = parens.saturating_sub(1);
                    if parens == 0 {
                        break;
                    }
                }
                _ => {}
            }
            cur.i += 1;
        }
        cur.guard = self.hide(cur.guard, data.get(start..cur.i.min(n)))?;
        cur.i = cur.i.saturating_add(1);
        cur.forget();
        Ok(())
    }

    fn dict_open(&self, cur: &mut Cursor<'_>) -> Result<(), PdfError> {
        cur.guard = self.open(cur.guard)?;
        cur.depth += 1;
        if cur.depth > self.limits.max_depth {
            return Err(self.too_deep());
        }
        if cur.depth == 1 {
            cur.dict_start = cur.i;
        }
        cur.open_dicts.push((cur.i, false));
        cur.i += 2;
        cur.forget();
        Ok(())
    }

    fn dict_close(&mut self, cur: &mut Cursor<'_>) {
        cur.guard = cur.guard.saturating_sub(1);
        if let Some((start, typed)) = cur.open_dicts.pop()
            && typed
            && !cur.nested
        {
            self.typed_dicts.push(start);
        }
        cur.i += 2;
        if cur.depth == 1 {
            cur.last_dict = Some((cur.dict_start, cur.i));
        } else {
            cur.last_dict = None;
        }
        cur.depth = cur.depth.saturating_sub(1);
        cur.nums = [None, None];
    }

    fn array_open(&self, cur: &mut Cursor<'_>) -> Result<(), PdfError> {
        cur.guard = self.open(cur.guard)?;
        cur.depth += 1;
        if cur.depth > self.limits.max_depth {
            return Err(self.too_deep());
        }
        cur.i += 1;
        cur.forget();
        Ok(())
    }

    /// A name, number or keyword; or a lone delimiter such as `)`, `>`, `{` or `}`.
    fn word(&mut self, cur: &mut Cursor<'_>, budget: &mut Budget) -> Result<(), PdfError> {
        let (data, n, start) = (cur.data, cur.data.len(), cur.i);
        let b = data[start];
        if b == b'/' {
            cur.i += 1;
        }
        while cur.i < n && !is_white(data[cur.i]) && !is_delim(data[cur.i]) {
            cur.i += 1;
        }
        if cur.i == start {
            // A lone delimiter such as `)`, `>`, `{` or `}`.
            cur.i += 1;
            cur.last_dict = None;
            return Ok(());
        }
        let token = data.get(start..cur.i).unwrap_or_default();
        let key = token == b"/Type" || token == b"/Root" || (b == b'/' && token.contains(&b'#'));
        if key && let Some(top) = cur.open_dicts.last_mut() {
            top.1 = true;
        }
        match token {
            b"/Encrypt" if !cur.nested => {
                self.encrypted = true;
            }
            b"obj" => {
                self.add_objects(1)?;
                cur.current_obj = cur.nums[0].and_then(|n| u32::try_from(n).ok());
            }
            b"stream" => {
                let dict = cur.last_dict.and_then(|(s, e)| data.get(s..e));
                cur.i = self.stream(data, cur.i, dict, cur.current_obj, cur.nested, budget)?;
                cur.forget();
                return Ok(());
            }
            b"xref" if !cur.nested => {
                cur.i = self.xref_table(data, cur.i)?;
            }
            _ => {}
        }
        cur.after_word(token);
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
}

//! Just enough of a PDF reader for bienban's own archival PDFs and ones that other tools rewrote: objects
//! (also inside object streams), the trailer, Flate streams, text strings. It reads, never writes, and fails
//! with a message rather than guessing on anything it does not understand.

use std::collections::HashMap;
use std::io::Read;

/// A PDF object.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A real number.
    Real(f64),
    /// A name, without its slash.
    Name(Vec<u8>),
    /// A string's bytes (literal or hex).
    Str(Vec<u8>),
    /// An array.
    Array(Vec<Object>),
    /// A dictionary.
    Dict(Dict),
    /// A stream: its dictionary and its raw (still encoded) data.
    Stream(Dict, Vec<u8>),
    /// A reference to object `n`.
    Ref(u32),
}

/// A dictionary, keys without their slash.
pub type Dict = HashMap<Vec<u8>, Object>;

impl Object {
    /// The dictionary of a dictionary or a stream.
    pub fn dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) | Object::Stream(d, _) => Some(d),
            _ => None,
        }
    }

    /// The name, if this is one.
    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// A parsed PDF: every object by number (the last definition wins, as with incremental updates).
pub struct Pdf {
    objects: HashMap<u32, Object>,
    trailer: Dict,
}

impl Pdf {
    /// Parses a PDF's bytes.
    pub fn parse(data: &[u8]) -> Result<Pdf, String> {
        if !data.starts_with(b"%PDF-") {
            return Err("not a PDF (it does not start with %PDF-)".into());
        }
        let mut objects = HashMap::new();
        let mut trailer = Dict::new();
        let mut i = 0;
        while i < data.len() {
            // Objects start with `N G obj` at the beginning of a line.
            let at_line_start = i == 0 || matches!(data[i - 1], b'\n' | b'\r');
            if at_line_start && data[i].is_ascii_digit() {
                let mut p = Parser { data, pos: i };
                if let Some(n) = p.object_header()
                    && let Ok(obj) = p.indirect_body()
                {
                    objects.insert(n, obj);
                    i = p.pos;
                    continue;
                }
            }
            if at_line_start && data[i..].starts_with(b"trailer") {
                let mut p = Parser { data, pos: i + 7 };
                if let Ok(Object::Dict(d)) = p.object() {
                    trailer.extend(d);
                }
            }
            i += 1;
        }
        // Cross-reference streams stand in for the trailer in compressed PDFs.
        for obj in objects.values() {
            if let Object::Stream(d, _) = obj
                && d.get(b"Type".as_slice()).and_then(Object::name) == Some(b"XRef")
            {
                for key in [b"Root".as_slice(), b"Info".as_slice()] {
                    if let Some(v) = d.get(key) {
                        trailer.entry(key.to_vec()).or_insert_with(|| v.clone());
                    }
                }
            }
        }
        let mut pdf = Pdf { objects, trailer };
        pdf.unpack_object_streams()?;
        Ok(pdf)
    }

    fn unpack_object_streams(&mut self) -> Result<(), String> {
        let streams: Vec<Object> = self
            .objects
            .values()
            .filter(|o| {
                o.dict()
                    .and_then(|d| d.get(b"Type".as_slice()))
                    .and_then(Object::name)
                    == Some(b"ObjStm")
            })
            .cloned()
            .collect();
        for stream in streams {
            let data = self.decode(&stream)?;
            let d = stream.dict().expect("a stream");
            let count = self.int(d.get(b"N".as_slice())).unwrap_or(0) as usize;
            let first = self.int(d.get(b"First".as_slice())).unwrap_or(0) as usize;
            let mut header = Parser {
                data: &data,
                pos: 0,
            };
            for _ in 0..count {
                let (Ok(Object::Int(n)), Ok(Object::Int(offset))) =
                    (header.object(), header.object())
                else {
                    break;
                };
                let mut p = Parser {
                    data: &data,
                    pos: first + offset as usize,
                };
                if let Ok(obj) = p.object() {
                    // A definition outside any object stream is newer (an incremental update).
                    self.objects.entry(n as u32).or_insert(obj);
                }
            }
        }
        Ok(())
    }

    /// Follows a reference (other objects are returned as they are).
    pub fn resolve<'a>(&'a self, obj: &'a Object) -> &'a Object {
        let mut obj = obj;
        for _ in 0..32 {
            match obj {
                Object::Ref(n) => obj = self.objects.get(n).unwrap_or(&Object::Null),
                _ => return obj,
            }
        }
        &Object::Null
    }

    /// The value of `key` in a dictionary, references followed.
    pub fn get<'a>(&'a self, dict: &'a Dict, key: &str) -> Option<&'a Object> {
        dict.get(key.as_bytes())
            .map(|o| self.resolve(o))
            .filter(|o| **o != Object::Null)
    }

    fn int(&self, obj: Option<&Object>) -> Option<i64> {
        match obj.map(|o| self.resolve(o)) {
            Some(Object::Int(i)) => Some(*i),
            _ => None,
        }
    }

    /// The trailer dictionary (`/Root`, `/Info`, …).
    pub fn trailer(&self) -> &Dict {
        &self.trailer
    }

    /// The document catalog.
    pub fn catalog(&self) -> Option<&Dict> {
        self.get(&self.trailer, "Root").and_then(Object::dict)
    }

    /// The document information dictionary.
    pub fn info(&self) -> Option<&Dict> {
        self.get(&self.trailer, "Info").and_then(Object::dict)
    }

    /// A text entry of a dictionary, decoded (UTF-16BE with a BOM, UTF-8 with a BOM, else PDFDocEncoding,
    /// read as Latin-1).
    pub fn text(&self, dict: &Dict, key: &str) -> Option<String> {
        match self.get(dict, key)? {
            Object::Str(bytes) => Some(decode_text(bytes)),
            Object::Name(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
            _ => None,
        }
    }

    /// Every object, by number.
    pub fn objects(&self) -> impl Iterator<Item = (&u32, &Object)> {
        self.objects.iter()
    }

    /// A stream's decoded data (no filter, or Flate without a predictor).
    pub fn decode(&self, stream: &Object) -> Result<Vec<u8>, String> {
        let Object::Stream(dict, raw) = self.resolve(stream) else {
            return Err("expected a stream".into());
        };
        let filters: Vec<&[u8]> = match dict.get(b"Filter".as_slice()).map(|f| self.resolve(f)) {
            None => vec![],
            Some(Object::Name(n)) => vec![n.as_slice()],
            Some(Object::Array(list)) => {
                list.iter().filter_map(|f| self.resolve(f).name()).collect()
            }
            Some(_) => return Err("a stream has an unreadable /Filter".into()),
        };
        if dict.contains_key(b"DecodeParms".as_slice()) && !filters.is_empty() {
            return Err(
                "a stream uses decode parameters, which this reader does not support".into(),
            );
        }
        let mut data = raw.clone();
        for filter in filters {
            match filter {
                b"FlateDecode" => {
                    let mut out = vec![];
                    flate2::read::ZlibDecoder::new(data.as_slice())
                        .read_to_end(&mut out)
                        .map_err(|e| format!("a Flate stream is damaged ({e})"))?;
                    data = out;
                }
                other => {
                    return Err(format!(
                        "a stream uses the /{} filter, which this reader does not support",
                        String::from_utf8_lossy(other)
                    ));
                }
            }
        }
        Ok(data)
    }
}

/// Decodes a PDF text string.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// A cursor over PDF syntax.
struct Parser<'a> {
    data: &'a [u8],
    pos: usize,
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

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn eat(&mut self, keyword: &[u8]) -> bool {
        self.skip_space();
        if self.data[self.pos.min(self.data.len())..].starts_with(keyword) {
            self.pos += keyword.len();
            true
        } else {
            false
        }
    }

    fn regular(&mut self) -> &[u8] {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if is_white(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// `N G obj`: returns N.
    fn object_header(&mut self) -> Option<u32> {
        let n = std::str::from_utf8(self.regular()).ok()?.parse().ok()?;
        self.skip_space();
        let g = self.regular();
        if g.is_empty() || !g.iter().all(u8::is_ascii_digit) {
            return None;
        }
        if !self.eat(b"obj") {
            return None;
        }
        Some(n)
    }

    /// The object after `obj`, with its stream data if any, up to `endobj`.
    fn indirect_body(&mut self) -> Result<Object, String> {
        let obj = self.object()?;
        let save = self.pos;
        if let Object::Dict(dict) = &obj
            && self.eat(b"stream")
        {
            // The data starts after the end of line that follows `stream`.
            if self.peek() == Some(b'\r') {
                self.pos += 1;
            }
            if self.peek() == Some(b'\n') {
                self.pos += 1;
            }
            let start = self.pos;
            let declared = match dict.get(b"Length".as_slice()) {
                Some(Object::Int(n)) if *n >= 0 => Some(*n as usize),
                _ => None,
            };
            let end = match declared {
                Some(n)
                    if start + n <= self.data.len() && {
                        let mut p = Parser {
                            data: self.data,
                            pos: start + n,
                        };
                        p.eat(b"endstream")
                    } =>
                {
                    start + n
                }
                // An indirect or wrong length: the data ends before the next `endstream`.
                _ => {
                    let rel = find(&self.data[start..], b"endstream")
                        .ok_or("a stream has no endstream")?;
                    let mut end = start + rel;
                    if end > start && self.data[end - 1] == b'\n' {
                        end -= 1;
                    }
                    if end > start && self.data[end - 1] == b'\r' {
                        end -= 1;
                    }
                    end
                }
            };
            self.pos = end;
            self.eat(b"endstream");
            let data = self.data[start..end].to_vec();
            return Ok(Object::Stream(dict.clone(), data));
        }
        self.pos = save;
        Ok(obj)
    }

    fn object(&mut self) -> Result<Object, String> {
        self.skip_space();
        let Some(b) = self.peek() else {
            return Err("unexpected end of data".into());
        };
        match b {
            b'/' => {
                self.pos += 1;
                let raw = self.regular().to_vec();
                Ok(Object::Name(unescape_name(&raw)))
            }
            b'(' => self.literal_string().map(Object::Str),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut dict = Dict::new();
                loop {
                    if self.eat(b">>") {
                        return Ok(Object::Dict(dict));
                    }
                    let Object::Name(key) = self.object()? else {
                        return Err("a dictionary key is not a name".into());
                    };
                    let value = self.object()?;
                    dict.insert(key, value);
                }
            }
            b'<' => {
                self.pos += 1;
                let start = self.pos;
                let end = start
                    + self.data[start..]
                        .iter()
                        .position(|&b| b == b'>')
                        .ok_or("unterminated hex string")?;
                self.pos = end + 1;
                let digits: Vec<u8> = self.data[start..end]
                    .iter()
                    .filter(|b| b.is_ascii_hexdigit())
                    .copied()
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|c| {
                        let hi = (c[0] as char).to_digit(16).unwrap_or(0) as u8;
                        let lo = c
                            .get(1)
                            .map_or(0, |&l| (l as char).to_digit(16).unwrap_or(0) as u8);
                        hi << 4 | lo
                    })
                    .collect();
                Ok(Object::Str(bytes))
            }
            b'[' => {
                self.pos += 1;
                let mut items = vec![];
                loop {
                    if self.eat(b"]") {
                        return Ok(Object::Array(items));
                    }
                    items.push(self.object()?);
                }
            }
            _ => {
                let word = self.regular().to_vec();
                match word.as_slice() {
                    b"" => Err(format!("unexpected byte {:?}", b as char)),
                    b"null" => Ok(Object::Null),
                    b"true" => Ok(Object::Bool(true)),
                    b"false" => Ok(Object::Bool(false)),
                    w => {
                        let text = std::str::from_utf8(w).map_err(|_| "a bad number")?;
                        if let Ok(n) = text.parse::<i64>() {
                            // `N G R` is a reference.
                            let save = self.pos;
                            self.skip_space();
                            let g = self.regular().to_vec();
                            if !g.is_empty() && g.iter().all(u8::is_ascii_digit) && self.eat(b"R") {
                                return Ok(Object::Ref(n as u32));
                            }
                            self.pos = save;
                            Ok(Object::Int(n))
                        } else {
                            text.parse::<f64>()
                                .map(Object::Real)
                                .map_err(|_| format!("unexpected {text:?}"))
                        }
                    }
                }
            }
        }
    }

    fn literal_string(&mut self) -> Result<Vec<u8>, String> {
        self.pos += 1;
        let mut out = vec![];
        let mut depth = 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        Err("unterminated string".into())
    }
}

fn unescape_name(raw: &[u8]) -> Vec<u8> {
    let mut out = vec![];
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#'
            && i + 2 < raw.len()
            && let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(&raw[i + 1..i + 3]), 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &[u8] = b"%PDF-1.7\n1 0 obj\n<</Type/Catalog/Lang(vi)/Names<</A [1 2.5 /N#20x (a\\)b\\101) <FEFF0041>]>>>>\nendobj\n2 0 obj\n<</Length 3>>\nstream\nabc\nendstream\nendobj\n3 0 obj\n<</Title<FEFF0042006900EA006E>>>\nendobj\ntrailer\n<</Root 1 0 R/Info 3 0 R>>\n%%EOF\n";

    #[test]
    fn reads_objects_strings_and_streams() {
        let pdf = Pdf::parse(SMALL).unwrap();
        let catalog = pdf.catalog().unwrap();
        assert_eq!(pdf.text(catalog, "Lang").as_deref(), Some("vi"));
        let names = pdf.get(catalog, "Names").and_then(Object::dict).unwrap();
        assert_eq!(
            names.get(b"A".as_slice()),
            Some(&Object::Array(vec![
                Object::Int(1),
                Object::Real(2.5),
                Object::Name(b"N x".to_vec()),
                Object::Str(b"a)bA".to_vec()),
                Object::Str(vec![0xFE, 0xFF, 0, 0x41]),
            ]))
        );
        assert_eq!(
            pdf.text(pdf.info().unwrap(), "Title").as_deref(),
            Some("Biên")
        );
        let stream = pdf.objects().find(|(n, _)| **n == 2).unwrap().1;
        assert_eq!(pdf.decode(stream).unwrap(), b"abc");
    }

    #[test]
    fn garbage_is_refused_not_panicked_on() {
        assert!(Pdf::parse(b"hello").is_err());
        for cut in 0..SMALL.len() {
            let _ = Pdf::parse(&SMALL[..cut]);
        }
    }
}

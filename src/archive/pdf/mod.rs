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
//!
//! This file holds the public API; the work is split by job: [`prescan`] (the linear pre-scan) with
//! [`internal`] (the cross-reference and object streams it decodes), [`decode`] (the budget, bounded
//! inflation, filters and predictors), [`document`] (reading with hayro-syntax on the reader thread),
//! [`text`] (PDF text strings) and [`bytes`] (searching raw bytes).

mod bytes;
mod decode;
mod document;
mod internal;
mod prescan;
mod text;

use bytes::find;
use decode::Budget;
use document::read_document;
use prescan::prescan;

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

/// Stack of the thread that runs hayro-syntax: enough for the nesting the pre-scan lets through (a
/// stream body nested 9000 deep passes in an unoptimised build too), and only the pages actually
/// touched cost memory.
const PARSER_STACK_BYTES: usize = 64 << 20;

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
            PdfError::TooLarge { limit } => {
                format!("the PDF is larger than {}", size(*limit as u64))
            }
            PdfError::DecodedTooLarge { limit } => {
                format!("the PDF's streams decode to more than {}", size(*limit))
            }
            PdfError::TooCostly { limit } => {
                format!("reading the PDF would take more than {limit} steps")
            }
            PdfError::AttachmentUnreadable { name, reason } => {
                format!(
                    "failed to read the attachment “{}” ({reason})",
                    name.escape_debug()
                )
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
            PdfError::TooLarge { limit } => {
                format!("tệp PDF lớn hơn {}", size(*limit as u64))
            }
            PdfError::DecodedTooLarge { limit } => {
                format!("các luồng của tệp PDF giải nén ra hơn {}", size(*limit))
            }
            PdfError::TooCostly { limit } => {
                format!("đọc tệp PDF sẽ tốn hơn {limit} bước")
            }
            PdfError::AttachmentUnreadable { name, reason } => {
                format!(
                    "không đọc được tệp đính kèm “{}” ({reason})",
                    name.escape_debug()
                )
            }
        }
    }
}

/// A byte limit as people read it: `64 MiB` (or bytes when smaller than a KiB).
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} B"),
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

#[cfg(test)]
mod tests;

//! Reading the document with hayro-syntax, on the reader thread: the catalog, its name trees and `/AF`
//! associated files (walked iteratively, with a visited set and a depth bound), the information
//! dictionary, the XMP metadata and the page count.

use std::collections::HashSet;

use hayro_syntax::Pdf;
use hayro_syntax::object::{Dict, MaybeRef, Object, ObjectIdentifier};

use super::decode::{Budget, StreamError, array_items, decode_stream};
use super::text::decode_text;
use super::{Attachment, Limits, PdfError, PdfFile};

/// Entries kept from the catalog and the information dictionary: a guard against a dictionary of a
/// million keys, not a limit any real file meets.
const MAX_TEXT_ENTRIES: usize = 4096;

/// Reads everything [`PdfFile`] hands out; runs on the reader thread, after the pre-scan.
pub(super) fn read_document(
    bytes: Vec<u8>,
    limits: Limits,
    mut budget: Budget,
) -> Result<PdfFile, PdfError> {
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
    let mut texts: Vec<(Vec<u8>, String)> = fields
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_vec(), decode_text(v))))
        .collect();
    let dates: [(&[u8], &Option<hayro_syntax::object::DateTime>); 2] = [
        (b"CreationDate", &meta.creation_date),
        (b"ModDate", &meta.modification_date),
    ];
    for (key, date) in dates {
        if let Some(date) = date {
            texts.push((key.to_vec(), pdf_date(date)));
        }
    }
    texts
}

/// A date in the PDF's own notation (`D:20230830000000Z`, or with `+07'00'`), as the file writes it.
fn pdf_date(d: &hayro_syntax::object::DateTime) -> String {
    let offset = if d.utc_offset_hour == 0 && d.utc_offset_minute == 0 {
        "Z".to_string()
    } else {
        let sign = if d.utc_offset_hour < 0 { '-' } else { '+' };
        format!(
            "{sign}{:02}'{:02}'",
            d.utc_offset_hour.unsigned_abs(),
            d.utc_offset_minute
        )
    };
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}{offset}",
        d.year, d.month, d.day, d.hour, d.minute, d.second
    )
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

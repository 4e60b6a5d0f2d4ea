//! Everything `extract` and `verify` read from a PDF, on arbitrary bytes: the reader must answer — never
//! panic, hang or allocate without bound (run with `-rss_limit_mb=512 -timeout=2`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(pdf) = bienban::archive::pdf::PdfFile::parse(data) {
        let _ = pdf.attachments();
        let _ = pdf.xmp_metadata();
        let _ = pdf.info_text("Title");
        let _ = pdf.catalog_text("Lang");
        let _ = pdf.page_count();
    }
});

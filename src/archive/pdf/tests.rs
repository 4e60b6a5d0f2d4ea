//! Hostile and legitimate inputs for the limited PDF reader, all generated here (no fixture files), so
//! that the module keeps its tests wherever it is copied.

use super::internal::{MAX_OBJECTS_PER_STREAM, MAX_STREAM_BODY_NESTING};
use super::prescan::MAX_PAGE_TREE_NODES;
use super::text::decode_text;
use super::*;
use flate2::Compression;
use flate2::write::ZlibEncoder;
use std::io::Write;

/// Writes objects with a correct classic cross-reference table and trailer.
fn build(objects: &[(u32, Vec<u8>)], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (num, body) in objects {
        offsets.push((*num, out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let size = objects.iter().map(|(n, _)| *n).max().unwrap_or(0) + 1;
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for n in 1..size {
        match offsets.iter().find(|(m, _)| *m == n) {
            Some((_, off)) => out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes()),
            None => out.extend_from_slice(b"0000000000 00000 f \n"),
        }
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} {trailer} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::best());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn utf16_hex(s: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in s.encode_utf16() {
        hex.push_str(&format!("{unit:04X}"));
    }
    hex.push('>');
    hex
}

const NAME: &str = "biên bản.md";
const CONTENT: &[u8] = "# Biên bản họp\n\nNội dung đã thống nhất.\n".as_bytes();
const XMP: &[u8] =
    b"<?xpacket begin=\"\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/><?xpacket end=\"r\"?>";

/// A small valid PDF/A-3-like file: one page, one Flate embedded file reached through the name tree,
/// /AF and the object scan, XMP metadata, an information dictionary.
fn sample() -> Vec<u8> {
    let name = utf16_hex(NAME);
    build(
        &[
            (1, b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> /AF [5 0 R] /Metadata 7 0 R /Lang (vi) >>".to_vec()),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
            (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec()),
            (4, format!("<< /Names [{name} 5 0 R] >>").into_bytes()),
            (5, format!("<< /Type /Filespec /F (bien ban.md) /UF {name} /EF << /F 6 0 R /UF 6 0 R >> /AFRelationship /Source >>").into_bytes()),
            (6, stream("/Type /EmbeddedFile /Subtype /text#2Fmarkdown /Filter /FlateDecode", &deflate(CONTENT))),
            (7, stream("/Type /Metadata /Subtype /XML", XMP)),
            (8, format!("<< /Title {} /Author (Nguy\\351n) /Producer (typst) >>", utf16_hex("Biên bản họp")).into_bytes()),
        ],
        "/Root 1 0 R /Info 8 0 R",
    )
}

#[test]
fn reads_a_legitimate_file() {
    let pdf = PdfFile::parse(&sample()).expect("the sample parses");
    let attachments = pdf.attachments().expect("its attachment reads");
    assert_eq!(
        attachments,
        vec![Attachment {
            name: NAME.to_string(),
            data: CONTENT.to_vec()
        }]
    );
    assert_eq!(pdf.xmp_metadata().as_deref(), Some(XMP));
    assert_eq!(pdf.info_text("Title").as_deref(), Some("Biên bản họp"));
    assert_eq!(pdf.info_text("/Author").as_deref(), Some("Nguyén"));
    assert_eq!(pdf.info_text("Subject"), None);
    assert_eq!(pdf.catalog_text("Lang").as_deref(), Some("vi"));
    assert_eq!(pdf.page_count(), 1);
}

/// The same document with its objects in an object stream and a Flate, PNG-predicted cross-reference
/// stream, written by hand.
fn sample_with_object_stream() -> Vec<u8> {
    let name = utf16_hex(NAME);
    let inner: Vec<(u32, Vec<u8>)> = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> /AF [5 0 R] /Lang (vi) >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec()),
        (4, format!("<< /Names [{name} 5 0 R] >>").into_bytes()),
        (5, format!("<< /Type /Filespec /UF {name} /EF << /F 6 0 R >> >>").into_bytes()),
    ];
    let mut header = String::new();
    let mut body = Vec::new();
    for (num, obj) in &inner {
        header.push_str(&format!("{num} {} ", body.len()));
        body.extend_from_slice(obj);
        body.push(b'\n');
    }
    let first = header.len();
    let mut objstm = header.into_bytes();
    objstm.extend_from_slice(&body);

    let mut out = b"%PDF-1.7\n".to_vec();
    let off6 = out.len();
    out.extend_from_slice(b"6 0 obj\n");
    out.extend_from_slice(&stream(
        "/Type /EmbeddedFile /Filter /FlateDecode",
        &deflate(CONTENT),
    ));
    out.extend_from_slice(b"\nendobj\n");
    let off7 = out.len();
    out.extend_from_slice(b"7 0 obj\n");
    out.extend_from_slice(&stream(
        &format!(
            "/Type /ObjStm /N {} /First {first} /Filter /FlateDecode",
            inner.len()
        ),
        &deflate(&objstm),
    ));
    out.extend_from_slice(b"\nendobj\n");
    let off8 = out.len();
    // Rows of [type, offset(2), index]; PNG "Up" predictor, as qpdf and typst write them.
    let mut rows: Vec<[u8; 4]> = vec![[0, 0, 0, 0]];
    for (i, _) in inner.iter().enumerate() {
        rows.push([2, 0, 7, i as u8]);
    }
    for off in [off6, off7, off8] {
        rows.push([1, (off >> 8) as u8, off as u8, 0]);
    }
    let mut predicted = Vec::new();
    let mut prev = [0u8; 4];
    for row in &rows {
        predicted.push(2);
        for k in 0..4 {
            predicted.push(row[k].wrapping_sub(prev[k]));
        }
        prev = *row;
    }
    out.extend_from_slice(b"8 0 obj\n");
    out.extend_from_slice(&stream(
        "/Type /XRef /Size 9 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
        &deflate(&predicted),
    ));
    out.extend_from_slice(format!("\nendobj\nstartxref\n{off8}\n%%EOF\n").as_bytes());
    out
}

#[test]
fn reads_object_and_cross_reference_streams() {
    let pdf = PdfFile::parse(&sample_with_object_stream()).expect("parses");
    assert_eq!(
        pdf.attachments().unwrap(),
        vec![Attachment {
            name: NAME.to_string(),
            data: CONTENT.to_vec()
        }]
    );
    assert_eq!(pdf.catalog_text("Lang").as_deref(), Some("vi"));
    assert_eq!(pdf.page_count(), 1);
}

/// A catalog whose object holds `body` in a harmless key, so that only the hostile part matters.
fn with_object(body: &[u8]) -> Vec<u8> {
    let mut catalog = b"<< /Type /Catalog /Pages 2 0 R /X ".to_vec();
    catalog.extend_from_slice(body);
    catalog.extend_from_slice(b" >>");
    build(
        &[
            (1, catalog),
            (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
        ],
        "/Root 1 0 R",
    )
}

/// Every hostile input, by name: what the tests check and what `MEASUREMENTS.md` measures.
pub(crate) fn hostile_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let deep = 100_000;
    let mut v: Vec<(&'static str, Vec<u8>)> = Vec::new();
    let arrays = [b"[".repeat(deep), b"]".repeat(deep)].concat();
    v.push(("nested_arrays_100k", with_object(&arrays)));
    let dicts = [b"<</A ".repeat(deep), b">>".repeat(deep)].concat();
    v.push(("nested_dicts_100k", with_object(&dicts)));
    let unclosed = |b: &[u8]| [b"%PDF-1.7\n".to_vec(), b.repeat(2_400_000 / b.len())].concat();
    v.push(("open_angles_2_4mb", unclosed(b"<")));
    v.push(("open_parens_2_4mb", unclosed(b"(")));
    v.push(("open_brackets_2_4mb", unclosed(b"[")));
    v.push(("obj_headers_2_4mb", unclosed(b"1 0 obj ")));
    v.push(("header_only", b"%PDF-1.7".to_vec()));
    v.push(("empty", Vec::new()));
    v.push(("random_bytes", random_bytes(1 << 20)));
    v.push(("flate_bomb_2gib", flate_bomb()));
    v.push(("xref_table_2_31_entries", {
        let mut pdf = with_object(b"1");
        let at = pdf.len();
        pdf.extend_from_slice(
            format!("xref\n0 2147483648\n0000000000 65535 f \ntrailer\n<< /Size 2147483648 /Root 1 0 R >>\nstartxref\n{at}\n%%EOF\n")
                .as_bytes(),
        );
        pdf
    }));
    v.push(("xref_stream_size_2_31", {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let at = pdf.len();
        pdf.extend_from_slice(b"1 0 obj\n");
        pdf.extend_from_slice(&stream(
            "/Type /XRef /Size 2147483648 /W [1 4 1] /Root 1 0 R",
            &[1, 0, 0, 0, 9, 0],
        ));
        pdf.extend_from_slice(format!("\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
        pdf
    }));
    v.push((
        "object_stream_n_2_31",
        build(
            &[
                (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
                (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
                (
                    3,
                    stream("/Type /ObjStm /N 2147483648 /First 4", b"9 0 null"),
                ),
            ],
            "/Root 1 0 R",
        ),
    ));
    v.push((
        "length_9999999999",
        build(
            &[
                (
                    1,
                    b"<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>".to_vec(),
                ),
                (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
                (
                    3,
                    b"<< /Length 9999999999 >>\nstream\nabc\nendstream".to_vec(),
                ),
            ],
            "/Root 1 0 R",
        ),
    ));
    v.push((
        "self_reference",
        build(
            &[
                (
                    1,
                    b"<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R /Names 3 0 R /AF 3 0 R >>"
                        .to_vec(),
                ),
                (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
                (3, b"3 0 R".to_vec()),
            ],
            "/Root 1 0 R",
        ),
    ));
    v.push((
        "page_tree_kids_loop",
        build(
            &[
                (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
                (
                    2,
                    b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>".to_vec(),
                ),
                (
                    3,
                    b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Parent 2 0 R /Count 1 >>".to_vec(),
                ),
            ],
            "/Root 1 0 R",
        ),
    ));
    v.push((
        "name_tree_kids_loop",
        build(
            &[
                (
                    1,
                    b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>".to_vec(),
                ),
                (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
                (3, b"<< /Kids [4 0 R 3 0 R] >>".to_vec()),
                (4, b"<< /Kids [3 0 R 4 0 R] >>".to_vec()),
            ],
            "/Root 1 0 R",
        ),
    ));
    v.push(("object_stream_cycle", object_stream_cycle()));
    // Found by fuzzing: hayro-syntax's repair searches for `stream` after every typed dictionary.
    v.push((
        "typed_dicts_without_streams_2_4mb",
        unclosed(b"<</Type 1>> "),
    ));
    // Nesting hidden where a syntax-following scan would not look, but hayro-syntax's repair does.
    v.push((
        "nesting_hidden_in_string",
        [
            b"%PDF-1.7\n( ".to_vec(),
            b"<<".repeat(1_000_000),
            b")\n".to_vec(),
        ]
        .concat(),
    ));
    v.push((
        "nesting_hidden_in_comment",
        [
            b"%PDF-1.7\n% ".to_vec(),
            b"[".repeat(1_000_000),
            b"\n".to_vec(),
        ]
        .concat(),
    ));
    let body = |n: usize| {
        [
            b"%PDF-1.7\n1 0 obj\n<< /Length 5 >>\nstream\n ".to_vec(),
            b"<<".repeat(n),
            b"\nendstream\nendobj\n".to_vec(),
        ]
        .concat()
    };
    v.push(("nesting_in_stream_body_9000", body(9000)));
    v.push(("nesting_in_stream_body_1m", body(1_000_000)));
    v.push(("page_tree_chain_5000", page_chain(5000)));
    v.push(("page_tree_chain_250", page_chain(250)));
    v.push(("page_tree_chain_500", page_chain(500)));
    v.push(("page_tree_chain_1000", page_chain(1000)));
    v
}

fn random_bytes(n: usize) -> Vec<u8> {
    // A fixed xorshift, so that the test is the same on every run.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = b"%PDF-1.7\n".to_vec();
    while out.len() < n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

/// A ~2 MB file whose embedded file inflates to 2 GiB of zeros. The compressed data is built from one
/// compressed 1 MiB block repeated (a full flush makes blocks independent), so the test stays fast.
pub(crate) fn flate_bomb() -> Vec<u8> {
    const TOTAL: u64 = 2 << 30;
    let chunk = vec![0u8; 1 << 20];
    let mut c = flate2::Compress::new(Compression::best(), false);
    let mut block = Vec::with_capacity(1 << 16);
    c.compress_vec(&chunk, &mut block, flate2::FlushCompress::Full)
        .unwrap();
    let mut again = Vec::with_capacity(1 << 16);
    c.compress_vec(&chunk, &mut again, flate2::FlushCompress::Full)
        .unwrap();
    // After the first block the output repeats; the zlib header, then the blocks, then an empty final
    // block and the Adler-32 of 2 GiB of zeros (a stays 1, b is the length mod 65521).
    let mut data = vec![0x78, 0xDA];
    data.extend_from_slice(&block);
    for _ in 1..(TOTAL >> 20) {
        data.extend_from_slice(&again);
    }
    data.extend_from_slice(&[0x03, 0x00]);
    let b = (TOTAL % 65521) as u32;
    data.extend_from_slice(&((b << 16) | 1).to_be_bytes());
    let name = utf16_hex("bomb.bin");
    build(
        &[
            (1, format!("<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [{name} 3 0 R] >> >> >>").into_bytes()),
            (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
            (3, format!("<< /Type /Filespec /UF {name} /EF << /F 4 0 R >> >>").into_bytes()),
            (4, stream("/Type /EmbeddedFile /Filter /FlateDecode", &data)),
        ],
        "/Root 1 0 R",
    )
}

/// A cross-reference stream saying object stream 3 is inside object stream 4 and 4 inside 3: hayro-syntax
/// would recurse until the stack overflows.
fn object_stream_cycle() -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let off1 = out.len();
    out.extend_from_slice(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    let rows: Vec<[u8; 4]> = vec![
        [0, 0, 0, 0],
        [1, (off1 >> 8) as u8, off1 as u8, 0],
        [2, 0, 3, 0],
        [2, 0, 4, 0],
        [2, 0, 3, 1],
    ];
    let at = out.len();
    out.extend_from_slice(b"5 0 obj\n");
    out.extend_from_slice(&stream(
        "/Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R",
        &rows.concat(),
    ));
    out.extend_from_slice(format!("\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    out
}

/// A page tree that is a chain of `n` /Pages nodes, each the only kid of the one before.
fn page_chain(n: u32) -> Vec<u8> {
    let mut objects = vec![(1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec())];
    for k in 2..n + 2 {
        objects.push((
            k,
            format!("<< /Type /Pages /Kids [{} 0 R] /Count 1 >>", k + 1).into_bytes(),
        ));
    }
    objects.push((n + 2, b"<< /Type /Page /MediaBox [0 0 10 10] >>".to_vec()));
    build(&objects, "/Root 1 0 R")
}

/// Runs everything the project calls, as the fuzz target does.
fn exercise(bytes: &[u8]) -> Result<PdfFile, PdfError> {
    let pdf = PdfFile::parse(bytes)?;
    let _ = pdf.attachments();
    let _ = pdf.xmp_metadata();
    let _ = pdf.info_text("Title");
    let _ = pdf.catalog_text("Lang");
    let _ = pdf.page_count();
    Ok(pdf)
}

fn input(name: &str) -> Vec<u8> {
    hostile_inputs()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| b)
        .unwrap()
}

#[test]
fn nested_arrays_are_too_deep() {
    let err = exercise(&input("nested_arrays_100k")).unwrap_err();
    assert_eq!(err, PdfError::TooDeep { limit: 64 });
}

#[test]
fn nested_dicts_are_too_deep() {
    let err = exercise(&input("nested_dicts_100k")).unwrap_err();
    assert_eq!(err, PdfError::TooDeep { limit: 64 });
}

#[test]
fn unclosed_angles_and_brackets_are_too_deep() {
    for name in ["open_angles_2_4mb", "open_brackets_2_4mb"] {
        assert_eq!(
            exercise(&input(name)).unwrap_err(),
            PdfError::TooDeep { limit: 64 },
            "{name}"
        );
    }
}

#[test]
fn unclosed_parens_and_object_headers_are_broken() {
    for name in ["open_parens_2_4mb", "obj_headers_2_4mb"] {
        assert!(
            matches!(exercise(&input(name)), Err(PdfError::Broken(_))),
            "{name}"
        );
    }
}

#[test]
fn trivial_inputs_are_refused() {
    assert!(matches!(
        exercise(&input("header_only")),
        Err(PdfError::Broken(_))
    ));
    assert_eq!(exercise(&input("empty")).unwrap_err(), PdfError::NotPdf);
    assert_eq!(exercise(b"GIF89a").unwrap_err(), PdfError::NotPdf);
    assert!(exercise(&input("random_bytes")).is_err());
}

#[test]
fn a_flate_bomb_stops_at_the_budget() {
    let bomb = input("flate_bomb_2gib");
    assert!(bomb.len() < 3 << 20, "the bomb is small: {}", bomb.len());
    let pdf = PdfFile::parse(&bomb).expect("the structure is fine");
    assert_eq!(
        pdf.attachments().unwrap_err(),
        PdfError::DecodedTooLarge { limit: 64 << 20 }
    );
    // And the bomb really is one: with room for it, it would be 2 GiB (checked on a small budget's
    // worth only, by asking for a smaller limit and seeing the same error).
    let small = Limits {
        max_decoded_bytes: 1 << 20,
        ..Limits::default()
    };
    let pdf = PdfFile::parse_with(&bomb, small).unwrap();
    assert_eq!(
        pdf.attachments().unwrap_err(),
        PdfError::DecodedTooLarge { limit: 1 << 20 }
    );
}

#[test]
fn the_budget_is_shared_by_the_whole_reader() {
    // The metadata (read first) fits, and leaves too little for the attachment.
    let limit = XMP.len() as u64 + 10;
    let limits = Limits {
        max_decoded_bytes: limit,
        ..Limits::default()
    };
    let pdf = PdfFile::parse_with(&sample(), limits).unwrap();
    assert_eq!(
        pdf.attachments().unwrap_err(),
        PdfError::DecodedTooLarge { limit }
    );
}

#[test]
fn huge_declared_counts_are_too_many_objects() {
    for name in ["xref_table_2_31_entries", "xref_stream_size_2_31"] {
        assert_eq!(
            exercise(&input(name)).unwrap_err(),
            PdfError::TooManyObjects { limit: 1_000_000 },
            "{name}"
        );
    }
    assert_eq!(
        exercise(&input("object_stream_n_2_31")).unwrap_err(),
        PdfError::TooManyObjects {
            limit: MAX_OBJECTS_PER_STREAM
        }
    );
}

#[test]
fn a_huge_length_is_survived() {
    let pdf = exercise(&input("length_9999999999")).expect("hayro-syntax falls back to endstream");
    assert_eq!(pdf.xmp_metadata().as_deref(), Some(b"abc".as_slice()));
}

#[test]
fn loops_end() {
    for name in [
        "self_reference",
        "page_tree_kids_loop",
        "name_tree_kids_loop",
    ] {
        let pdf = exercise(&input(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(pdf.attachments().unwrap(), vec![], "{name}");
    }
}

#[test]
fn hidden_nesting_is_too_deep() {
    for name in ["nesting_hidden_in_string", "nesting_hidden_in_comment"] {
        assert_eq!(
            exercise(&input(name)).unwrap_err(),
            PdfError::TooDeep { limit: 64 },
            "{name}"
        );
    }
    assert_eq!(
        exercise(&input("nesting_in_stream_body_1m")).unwrap_err(),
        PdfError::TooDeep {
            limit: MAX_STREAM_BODY_NESTING
        }
    );
    // Under the bound, hayro-syntax's repair recurses that deep, and the reader thread's stack holds.
    assert!(exercise(&input("nesting_in_stream_body_9000")).is_err());
}

#[test]
fn many_typed_dictionaries_are_too_costly() {
    let err = exercise(&input("typed_dicts_without_streams_2_4mb")).unwrap_err();
    assert!(matches!(err, PdfError::TooCostly { .. }), "{err:?}");
}

#[test]
fn an_object_stream_cycle_is_broken() {
    assert!(matches!(
        exercise(&input("object_stream_cycle")),
        Err(PdfError::Broken(_))
    ));
}

#[test]
fn a_long_page_tree_chain_is_refused() {
    assert_eq!(
        exercise(&input("page_tree_chain_5000")).unwrap_err(),
        PdfError::PageTreeTooLarge {
            limit: MAX_PAGE_TREE_NODES
        }
    );
    // Just under the bound it reads, within the reader thread's stack.
    let pdf = exercise(&page_chain(MAX_PAGE_TREE_NODES as u32 - 10)).unwrap();
    assert_eq!(pdf.page_count(), 1);
}

#[test]
fn prefixes_of_a_valid_file_are_handled() {
    let full = sample_with_object_stream();
    for cut in (0..full.len()).step_by(7) {
        let _ = exercise(&full[..cut]);
    }
    let full = sample();
    for cut in (0..full.len()).step_by(5) {
        let _ = exercise(&full[..cut]);
    }
}

#[test]
fn too_large_input_is_refused() {
    let limits = Limits {
        max_input_bytes: 100,
        ..Limits::default()
    };
    assert_eq!(
        PdfFile::parse_with(&sample(), limits).unwrap_err(),
        PdfError::TooLarge { limit: 100 }
    );
}

#[test]
fn other_filters_make_the_attachment_unreadable() {
    let pdf = build(
        &[
            (1, b"<< /Type /Catalog /Pages 2 0 R /AF [3 0 R] >>".to_vec()),
            (2, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
            (
                3,
                b"<< /Type /Filespec /F (a.txt) /EF << /F 4 0 R >> >>".to_vec(),
            ),
            (
                4,
                stream(
                    "/Filter /LZWDecode",
                    b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01",
                ),
            ),
        ],
        "/Root 1 0 R",
    );
    let err = PdfFile::parse(&pdf).unwrap().attachments().unwrap_err();
    assert!(
        matches!(err, PdfError::AttachmentUnreadable { ref name, .. } if name == "a.txt"),
        "{err:?}"
    );
}

#[test]
fn messages_are_lowercase_without_final_period() {
    let all = [
        PdfError::NotPdf,
        PdfError::Broken("x".into()),
        PdfError::Encrypted,
        PdfError::TooDeep { limit: 1 },
        PdfError::TooManyObjects { limit: 1 },
        PdfError::PageTreeTooLarge { limit: 1 },
        PdfError::TooLarge { limit: 1 },
        PdfError::DecodedTooLarge { limit: 1 },
        PdfError::AttachmentUnreadable {
            name: "a".into(),
            reason: "b".into(),
        },
    ];
    for e in all {
        for m in [e.en(), e.vi(), e.to_string()] {
            assert!(!m.ends_with('.'), "{m}");
            assert!(m.chars().next().is_some_and(|c| !c.is_uppercase()), "{m}");
        }
    }
}

#[test]
fn text_strings_decode() {
    assert_eq!(decode_text(b"\xFE\xFF\x00b\x00i\x00\xEA\x00n"), "biên");
    assert_eq!(decode_text(b"\xFE\xFF\x00"), "\u{0}");
    assert_eq!(decode_text(b"\x80 \x93 \xA0 caf\xE9"), "• ﬁ € café");
    assert_eq!(decode_text(b"\xEF\xBB\xBFbi\xC3\xAAn"), "biên");
}

/// Writes every hostile input and the samples to `$PDFSAFE_DUMP` (for the fuzz corpus and the
/// measurements); ignored in normal runs.
#[test]
#[ignore]
fn dump_inputs() {
    let Ok(dir) = std::env::var("PDFSAFE_DUMP") else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    let mut all = hostile_inputs();
    all.push(("sample", sample()));
    all.push(("sample_object_stream", sample_with_object_stream()));
    for (name, bytes) in all {
        std::fs::write(format!("{dir}/{name}.pdf"), bytes).unwrap();
    }
}

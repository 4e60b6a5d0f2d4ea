//! Reading PDFs that bienban did not write: every saved fuzzing finding and sample in `tests/fixtures/pdf/`
//! ends in an answer, and the hostile files of the One house issue — an array nested 100 000 deep, a Flate
//! bomb, megabytes of unclosed `<` — end in the reader's own limit errors.

use std::io::Write;
use std::path::Path;

use bienban::archive::pdf::{PdfError, PdfFile};

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf")
}

#[test]
fn every_saved_finding_ends_in_an_answer() {
    let mut count = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(pdf) = PdfFile::parse(&bytes) {
            let _ = pdf.attachments();
            let _ = pdf.xmp_metadata();
            let _ = pdf.info_text("Title");
            let _ = pdf.catalog_text("Lang");
            let _ = pdf.page_count();
        }
        count += 1;
    }
    assert!(count >= 10, "{count} fixtures");
}

#[test]
fn a_pdf_rewritten_with_object_streams_still_gives_its_attachment() {
    // Written by qpdf --object-streams=generate from a hand-made PDF/A-3-like file.
    let pdf =
        PdfFile::parse(&std::fs::read(fixtures().join("sample_qpdf_objstm.pdf")).unwrap()).unwrap();
    let files = pdf.attachments().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "biên bản.md");
    assert_eq!(pdf.catalog_text("Lang").as_deref(), Some("vi"));
}

#[test]
fn deep_nesting_ends_at_the_depth_limit() {
    let mut bytes = b"%PDF-1.7\n1 0 obj\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'[', 100_000));
    bytes.extend(b"\nendobj\n");
    assert!(matches!(
        PdfFile::parse(&bytes),
        Err(PdfError::TooDeep { .. })
    ));
}

#[test]
fn unclosed_angle_brackets_end_at_the_depth_limit() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'<', 2_400_000));
    assert!(matches!(
        PdfFile::parse(&bytes),
        Err(PdfError::TooDeep { .. })
    ));
}

#[test]
fn a_flate_bomb_stops_at_the_decompression_budget() {
    // 256 MiB of zeros deflate to about 256 KB; the reader's budget is 64 MiB.
    let mut encoder = flate2::write::ZlibEncoder::new(vec![], flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..256 {
        encoder.write_all(&zeros).unwrap();
    }
    let data = encoder.finish().unwrap();
    let pdf = bomb_pdf(&data);
    let parsed = PdfFile::parse(&pdf);
    let refused = match parsed {
        Ok(file) => file.attachments(),
        Err(e) => Err(e),
    };
    assert!(
        matches!(refused, Err(PdfError::DecodedTooLarge { .. })),
        "{refused:?}"
    );
}

/// A minimal PDF with one embedded file whose stream is `data` (Flate), found through the catalog's names.
fn bomb_pdf(data: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = vec![];
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(bomb.md) 3 0 R] >> >> >>");
    object(&mut out, b"<< /Type /Pages /Kids [] /Count 0 >>");
    object(
        &mut out,
        b"<< /Type /Filespec /F (bomb.md) /UF (bomb.md) /EF << /F 4 0 R /UF 4 0 R >> >>",
    );
    let mut stream = format!(
        "<< /Type /EmbeddedFile /Filter /FlateDecode /Length {} >>\nstream\n",
        data.len()
    )
    .into_bytes();
    stream.extend(data);
    stream.extend(b"\nendstream");
    object(&mut out, &stream);
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for at in &offsets {
        out.extend(format!("{at:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The hostile PDFs through the real commands, bounded by a watchdog and an address-space cap: each must end
/// in a clear error naming the problem, quickly, having written nothing.
#[test]
fn extract_and_verify_refuse_hostile_pdfs_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let mut nested = b"%PDF-1.7\n1 0 obj\n".to_vec();
    nested.extend(std::iter::repeat_n(b'[', 100_000));
    let mut unclosed = b"%PDF-1.7\n".to_vec();
    unclosed.extend(std::iter::repeat_n(b'<', 2_400_000));
    let mut encoder = flate2::write::ZlibEncoder::new(vec![], flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..2048 {
        encoder.write_all(&zeros).unwrap();
    }
    let bomb = bomb_pdf(&encoder.finish().unwrap());
    let md = dir.path().join("x.md");
    std::fs::copy(crate::common::seed_example(), &md).unwrap();
    for (name, bytes) in [
        ("nested.pdf", nested),
        ("unclosed.pdf", unclosed),
        ("bomb.pdf", bomb),
    ] {
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let out_dir = dir.path().join(format!("out-{name}"));
        let extract = crate::common::bienban_bounded(
            &[
                "extract",
                "--lang",
                "en",
                name,
                "--out-dir",
                out_dir.to_str().unwrap(),
            ],
            dir.path(),
            std::time::Duration::from_secs(20),
            1 << 30,
        );
        assert!(!extract.timed_out, "{name}: extract hung");
        assert_eq!(extract.code, Some(1), "{name}: {}", extract.stderr);
        assert!(
            extract.stderr.contains("failed to read"),
            "{name}: {}",
            extract.stderr
        );
        assert!(
            !out_dir.join("bomb.md").exists(),
            "{name}: an attachment was written"
        );
        let verify = crate::common::bienban_bounded(
            &["verify", "--lang", "en", "x.md", name],
            dir.path(),
            std::time::Duration::from_secs(60),
            3 << 30,
        );
        assert!(!verify.timed_out, "{name}: verify hung");
        assert_eq!(verify.code, Some(1), "{name}: {}", verify.stderr);
    }
}

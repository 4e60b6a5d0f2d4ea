//! Page previews: every page of a typeset document as a PNG (typst-render) or an SVG (typst-svg), named
//! `<stem>-1.png`, `<stem>-2.png`, … beside where the PDF would go.

use std::path::{Path, PathBuf};

use typst::utils::Scalar;

use crate::diag::{Text, t};
use typst_layout::PagedDocument;

/// The default resolution of PNG previews, in pixels per inch (typst's own default).
pub const DEFAULT_PPI: f32 = 144.0;

/// The path of page `n` (1-based): `out/x.png` → `out/x-3.png`.
pub fn page_path(output: &Path, n: usize) -> PathBuf {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match output.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    output.with_file_name(name)
}

/// The highest `--ppi` accepted: 1200 pixels per inch is above any printer's or screen's need.
pub const MAX_PPI: f32 = 1200.0;

/// The most pixels one preview page may have (50 megapixels, 200 MB as RGBA in memory): an A4 page at 600
/// ppi is 35 megapixels. A larger page size at a high `--ppi` is refused before anything is drawn.
pub const MAX_PAGE_PIXELS: f64 = 50e6;

/// Each page as PNG bytes at `ppi` pixels per inch; a page past [`MAX_PAGE_PIXELS`] is refused up front.
pub fn png_pages(document: &PagedDocument, ppi: f32) -> Result<Vec<Vec<u8>>, Text> {
    if !(ppi.is_finite() && (1.0..=MAX_PPI).contains(&ppi)) {
        return Err(t(
            format!(
                "failed to draw the previews (--ppi {ppi} is out of range: expected 1 to {MAX_PPI})"
            ),
            format!(
                "không vẽ được ảnh xem trước (--ppi {ppi} ngoài khoảng cho phép: cần từ 1 đến {MAX_PPI})"
            ),
        ));
    }
    let scale = f64::from(ppi) / 72.0;
    for (i, page) in document.pages().iter().enumerate() {
        let size = page.frame.size();
        let pixels = (size.x.to_pt() * scale).ceil() * (size.y.to_pt() * scale).ceil();
        if pixels > MAX_PAGE_PIXELS {
            let (n, mp, max) = (i + 1, pixels / 1e6, MAX_PAGE_PIXELS / 1e6);
            return Err(t(
                format!(
                    "failed to draw the previews (page {n} would be {mp:.0} megapixels at --ppi {ppi}, more than the limit of {max:.0}; use a lower --ppi)"
                ),
                format!(
                    "không vẽ được ảnh xem trước (trang {n} sẽ có {mp:.0} megapixel với --ppi {ppi}, vượt giới hạn {max:.0}; hãy giảm --ppi)"
                ),
            ));
        }
    }
    let options = typst_render::RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(ppi) / 72.0),
        render_bleed: false,
    };
    document
        .pages()
        .iter()
        .map(|page| {
            typst_render::render(page, &options)
                .encode_png()
                .map_err(|e| {
                    t(
                        format!("failed to encode a PNG ({e})"),
                        format!("không mã hoá được ảnh PNG ({e})"),
                    )
                })
        })
        .collect()
}

/// Each page as SVG text.
pub fn svg_pages(document: &PagedDocument) -> Vec<Vec<u8>> {
    let options = typst_svg::SvgOptions {
        render_bleed: false,
        pretty: false,
    };
    document
        .pages()
        .iter()
        .map(|page| typst_svg::svg(page, &options).into_bytes())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_numbered_from_one_after_the_stem() {
        assert_eq!(
            page_path(Path::new("out/2023-08-30-a.png"), 1),
            PathBuf::from("out/2023-08-30-a-1.png")
        );
        assert_eq!(page_path(Path::new("x.svg"), 12), PathBuf::from("x-12.svg"));
    }
}

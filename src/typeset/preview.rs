//! Page previews: every page of a typeset document as a PNG (typst-render) or an SVG (typst-svg), named
//! `<stem>-1.png`, `<stem>-2.png`, … beside where the PDF would go.

use std::path::{Path, PathBuf};

use typst::utils::Scalar;
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

/// Each page as PNG bytes at `ppi` pixels per inch.
pub fn png_pages(document: &PagedDocument, ppi: f32) -> Result<Vec<Vec<u8>>, String> {
    if !(ppi.is_finite() && ppi > 0.0 && ppi <= 2400.0) {
        return Err(format!("--ppi {ppi} is out of range (1 to 2400)"));
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
                .map_err(|e| format!("failed to encode a PNG ({e})"))
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

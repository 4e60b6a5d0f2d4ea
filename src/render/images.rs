//! The images a minutes file shows, checked on disk by `check` at the Markdown's own line and column before
//! anything is typeset (beside [`crate::render::paths`], which says which paths the Markdown may name): each must exist inside the minutes folder (a symlink may not lead out of it), be a regular file (a
//! FIFO or a device would block or never end), be a PNG, JPEG, GIF, SVG or WebP by its first bytes, and have a
//! pixel size, read from its header before any decoding, within [`MAX_PIXELS`] and [`MAX_SIDE`].

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};

use crate::diag::{Code, Diagnostic, t};

/// The most pixels an image may have: 40 megapixels is more than any camera photo of a meeting, and decoding
/// costs 4 bytes a pixel (160 MB); a 69-byte PNG claiming 65535 × 65535 pixels asked for 12 GB.
pub const MAX_PIXELS: u64 = 40_000_000;
/// The longest side an image may have, in pixels (at 300 dpi, 16 384 px is 1.4 m of paper).
pub const MAX_SIDE: u32 = 16_384;
/// How much of a file is read to find its type and size: a JPEG's size may follow 64 KB of EXIF data.
const HEADER_BYTES: u64 = 512 * 1024;

/// Every problem of the images shown by the Markdown `markdown`, which starts at byte `base` of the file whose
/// folder is `folder`. URLs and paths outside the folder are left to the converter (E0301).
pub fn check(markdown: &str, base: usize, folder: &Path) -> Vec<Diagnostic> {
    let mut diags = vec![];
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        let Event::Start(Tag::Image { dest_url, .. }) = event else {
            continue;
        };
        let Ok(relative) = crate::render::paths::inside_folder(&dest_url) else {
            continue;
        };
        let span = base + range.start..base + range.end;
        if let Err(problem) = inspect(folder, &relative) {
            diags.push(problem.diagnostic(&dest_url, span));
        }
    }
    diags
}

/// What is wrong with one image.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    Missing,
    OutOfFolder,
    NotRegular(&'static str, &'static str),
    Unreadable(String),
    UnknownType,
    TooLarge(u32, u32),
}

/// The image at `relative` inside `folder`: its type and size if it can be used.
fn inspect(folder: &Path, relative: &str) -> Result<(), Problem> {
    let path = folder.join(relative);
    let link = std::fs::symlink_metadata(&path).map_err(|_| Problem::Missing)?;
    if link.file_type().is_symlink() {
        let target = std::fs::canonicalize(&path).map_err(|_| Problem::Missing)?;
        let root = std::fs::canonicalize(folder).unwrap_or_else(|_| PathBuf::from(folder));
        if !target.starts_with(&root) {
            return Err(Problem::OutOfFolder);
        }
    }
    let meta = std::fs::metadata(&path).map_err(|_| Problem::Missing)?;
    if !meta.is_file() {
        return Err(if meta.is_dir() {
            Problem::NotRegular("a folder", "một thư mục")
        } else {
            Problem::NotRegular("a pipe or a device", "một ống dẫn hoặc thiết bị")
        });
    }
    let mut header = vec![];
    std::fs::File::open(&path)
        .and_then(|f| f.take(HEADER_BYTES).read_to_end(&mut header))
        .map_err(|e| Problem::Unreadable(e.to_string()))?;
    match size(&header) {
        Some(Kind::Vector) => Ok(()),
        Some(Kind::Raster(w, h)) if w > MAX_SIDE || h > MAX_SIDE => Err(Problem::TooLarge(w, h)),
        Some(Kind::Raster(w, h)) if u64::from(w) * u64::from(h) > MAX_PIXELS => {
            Err(Problem::TooLarge(w, h))
        }
        Some(Kind::Raster(..)) => Ok(()),
        None => Err(Problem::UnknownType),
    }
}

/// An image's kind and pixel size, from its first bytes.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Raster(u32, u32),
    Vector,
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 3)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}

/// The kind and size of PNG, JPEG, GIF, WebP and SVG data; None for anything else.
fn size(b: &[u8]) -> Option<Kind> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") && b.get(12..16) == Some(b"IHDR") {
        return Some(Kind::Raster(be32(b, 16)?, be32(b, 20)?));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Some(Kind::Raster(le16(b, 6)?, le16(b, 8)?));
    }
    if b.starts_with(b"\xFF\xD8") {
        return jpeg(b);
    }
    if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        return webp(b);
    }
    let text = String::from_utf8_lossy(&b[..b.len().min(4096)]);
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    let svg = (text.starts_with("<?xml") || text.starts_with("<svg") || text.starts_with("<!--"))
        && text.contains("<svg");
    svg.then_some(Kind::Vector)
}

/// A JPEG's size from its first start-of-frame marker, walking the segments.
fn jpeg(b: &[u8]) -> Option<Kind> {
    let mut at = 2;
    loop {
        while b.get(at) == Some(&0xFF) && b.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if *b.get(at)? != 0xFF {
            return None;
        }
        let marker = *b.get(at + 1)?;
        let len = be16(b, at + 2)? as usize;
        let frame = (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker);
        if frame {
            return Some(Kind::Raster(be16(b, at + 7)?, be16(b, at + 5)?));
        }
        if len < 2 {
            return None;
        }
        at += 2 + len;
    }
}

/// A WebP's size from its VP8, VP8L or VP8X chunk.
fn webp(b: &[u8]) -> Option<Kind> {
    match b.get(12..16)? {
        b"VP8 " => Some(Kind::Raster(le16(b, 26)? & 0x3FFF, le16(b, 28)? & 0x3FFF)),
        b"VP8L" => {
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            Some(Kind::Raster(
                (bits & 0x3FFF) + 1,
                ((bits >> 14) & 0x3FFF) + 1,
            ))
        }
        b"VP8X" => Some(Kind::Raster(le24(b, 24)? + 1, le24(b, 27)? + 1)),
        _ => None,
    }
}

impl Problem {
    fn diagnostic(&self, url: &str, span: Range<usize>) -> Diagnostic {
        let (code, en, vi, hint_en, hint_vi) = match self {
            Problem::Missing => (
                Code::ImageMissing,
                "does not exist".to_string(),
                "không tồn tại".to_string(),
                "check the file name and its folder: the path is relative to the minutes file, such as `images/anh.png`",
                "kiểm tra tên tệp và thư mục: đường dẫn tính từ thư mục của tệp biên bản, ví dụ `images/anh.png`",
            ),
            Problem::OutOfFolder => (
                Code::ImageMissing,
                "is a link that leads out of the minutes folder".to_string(),
                "là liên kết dẫn ra ngoài thư mục biên bản".to_string(),
                "copy the image itself into the minutes folder instead of linking to it",
                "chép chính tệp ảnh vào thư mục biên bản thay vì tạo liên kết",
            ),
            Problem::NotRegular(en, vi) => (
                Code::ImageMissing,
                format!("is not a file but {en}"),
                format!("không phải tệp mà là {vi}"),
                "give the path of an image file",
                "ghi đường dẫn của một tệp ảnh",
            ),
            Problem::Unreadable(why) => (
                Code::ImageMissing,
                format!("cannot be read ({why})"),
                format!("không đọc được ({why})"),
                "check that the file can be opened",
                "kiểm tra tệp có mở được không",
            ),
            Problem::UnknownType => (
                Code::ImageType,
                "is not a PNG, JPEG, GIF, SVG or WebP image".to_string(),
                "không phải ảnh PNG, JPEG, GIF, SVG hay WebP".to_string(),
                "save the image as PNG or JPEG (a renamed file keeps its old type)",
                "lưu ảnh dạng PNG hoặc JPEG (đổi tên tệp không đổi được định dạng)",
            ),
            Problem::TooLarge(w, h) => (
                Code::ImageTooLarge,
                format!(
                    "is {w} × {h} pixels, more than the {} megapixels or {MAX_SIDE} pixels a side allowed",
                    MAX_PIXELS / 1_000_000
                ),
                format!(
                    "có {w} × {h} điểm ảnh, vượt quá {} megapixel hoặc {MAX_SIDE} điểm ảnh mỗi cạnh",
                    MAX_PIXELS / 1_000_000
                ),
                "scale the image down (a photo for a page needs about 2 000 pixels a side)",
                "thu nhỏ ảnh (ảnh in trên trang chỉ cần khoảng 2 000 điểm ảnh mỗi cạnh)",
            ),
        };
        Diagnostic::new(
            code,
            t(format!("image `{url}` {en}"), format!("ảnh `{url}` {vi}")),
        )
        .at(span)
        .label(t("this image", "ảnh này"))
        .hint(t(hint_en, hint_vi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn sizes_are_read_from_headers() {
        assert_eq!(size(&png(65535, 65535)), Some(Kind::Raster(65535, 65535)));
        assert_eq!(size(b"GIF89a\x10\x00\x20\x00"), Some(Kind::Raster(16, 32)));
        let jpeg = b"\xFF\xD8\xFF\xE0\x00\x04ab\xFF\xC0\x00\x11\x08\x00\x20\x00\x10";
        assert_eq!(size(jpeg), Some(Kind::Raster(16, 32)));
        assert_eq!(size(b"<svg xmlns='x'/>"), Some(Kind::Vector));
        assert_eq!(size(b"not an image"), None);
    }

    #[test]
    fn every_problem_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("huge.png"), png(65535, 65535)).unwrap();
        std::fs::write(d.join("ok.png"), png(100, 100)).unwrap();
        std::fs::write(d.join("text.png"), "hello").unwrap();
        std::fs::create_dir(d.join("folder.png")).unwrap();
        assert_eq!(inspect(d, "ok.png"), Ok(()));
        assert_eq!(inspect(d, "missing.png"), Err(Problem::Missing));
        assert_eq!(inspect(d, "huge.png"), Err(Problem::TooLarge(65535, 65535)));
        assert_eq!(inspect(d, "text.png"), Err(Problem::UnknownType));
        assert!(matches!(
            inspect(d, "folder.png"),
            Err(Problem::NotRegular(..))
        ));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", d.join("out.png")).unwrap();
            assert_eq!(inspect(d, "out.png"), Err(Problem::OutOfFolder));
            std::os::unix::fs::symlink("ok.png", d.join("in.png")).unwrap();
            assert_eq!(inspect(d, "in.png"), Ok(()));
        }
    }
}

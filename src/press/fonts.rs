//! The fonts typst may use: the bundled Liberation Serif (embedded in the binary, parsed once per process) and,
//! when the user names a folder with `--font-path`, the fonts found there. No system fonts are ever scanned, so
//! the same input gives the same PDF on every machine.

use std::path::Path;

use crate::input::walk;
use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The bundled faces: Liberation Serif 2.1 (SIL OFL 1.1), metric-compatible with Times New Roman.
const BUNDLED: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The bundled family's name.
pub const BUNDLED_FAMILY: &str = "Liberation Serif";

/// The official font, used instead of the bundled one when `--font-path` provides it.
pub const OFFICIAL_FAMILY: &str = "Times New Roman";

/// A set of parsed fonts with typst's index of them.
pub struct FontSet {
    /// typst's font index.
    pub book: LazyHash<FontBook>,
    /// The faces, in the book's order.
    pub fonts: Vec<Font>,
    /// Families in order of preference for the minutes text.
    pub families: Vec<String>,
    /// Whether the set is exactly the bundled fonts (whose fingerprint is known at compile time).
    pub bundled_only: bool,
    /// Indices (into `fonts`) of the primary family's faces, found once: `covers` runs for every character.
    primary_faces: Vec<usize>,
}

/// The largest font file loaded (the largest CJK collections are about 100 MiB); a larger one is skipped.
const MAX_FONT_BYTES: u64 = 256 << 20;

impl FontSet {
    /// The bundled fonts only (shared, parsed once per process).
    pub fn bundled() -> &'static FontSet {
        static BUNDLED_SET: LazyLock<FontSet> =
            LazyLock::new(|| FontSet::from_fonts(bundled_fonts(), true));
        &BUNDLED_SET
    }

    /// The bundled fonts plus every font file below `dir` (walked by [`walk::files`]: no hidden entries, no
    /// symbolic links).
    pub fn with_folder(dir: &Path) -> std::io::Result<FontSet> {
        let mut fonts = bundled_fonts();
        let bundled = fonts.len();
        for path in walk::files(dir, |_| false, is_font_file)? {
            // Only regular files, never waited on (a FIFO) or read whole past the bound (a device).
            let data = crate::input::read::read_regular(&path, MAX_FONT_BYTES)?;
            if data.len() as u64 > MAX_FONT_BYTES {
                continue;
            }
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        let bundled_only = fonts.len() == bundled;
        Ok(FontSet::from_fonts(fonts, bundled_only))
    }

    /// The set of `fonts`; `bundled_only`: they are exactly the bundled faces (known by the caller, which
    /// would otherwise parse the bundled fonts a second time to count them).
    fn from_fonts(fonts: Vec<Font>, bundled_only: bool) -> FontSet {
        let book = FontBook::from_fonts(&fonts);
        let mut families = vec![];
        if book.contains_family(&OFFICIAL_FAMILY.to_lowercase()) {
            families.push(OFFICIAL_FAMILY.to_string());
        }
        families.push(BUNDLED_FAMILY.to_string());
        let primary = families[0].to_lowercase();
        let primary_faces = (0..fonts.len())
            .filter(|&i| fonts[i].info().family.to_lowercase() == primary)
            .collect();
        FontSet {
            bundled_only,
            book: LazyHash::new(book),
            fonts,
            families,
            primary_faces,
        }
    }

    /// The family the minutes text is set in.
    pub fn primary_family(&self) -> &str {
        &self.families[0]
    }

    /// Whether a face of the primary family can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        self.primary_faces
            .iter()
            .any(|&i| self.fonts[i].info().coverage.contains(c as u32))
    }
}

fn bundled_fonts() -> Vec<Font> {
    BUNDLED
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect()
}

/// Whether a path names a font file by its extension.
fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_font_covers_vietnamese() {
        let set = FontSet::bundled();
        assert_eq!(set.fonts.len(), 4);
        assert_eq!(set.primary_family(), BUNDLED_FAMILY);
        for c in "ĐẢNG CỘNG SẢN VIỆT NAM đồng chí Trần Thị Lan ỹ ữ ợ".chars()
        {
            assert!(set.covers(c), "{c}");
        }
        assert!(!set.covers('😀'));
    }
}

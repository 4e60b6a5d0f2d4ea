//! Byte-level helpers shared by the pre-scan and the decoders: searching raw bytes, and PDF's character
//! classes.

/// Where `needle` first occurs in `hay`.
pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    // The first byte is tested alone so that a comparison call happens only on likely matches: this
    // runs over every byte of the input, several times.
    hay.windows(needle.len())
        .position(|w| w[0] == first && w == needle)
}

/// How many times `needle` occurs in `hay` (overlapping occurrences included).
pub(super) fn count(hay: &[u8], needle: &[u8]) -> usize {
    let Some((&first, _)) = needle.split_first() else {
        return 0;
    };
    hay.windows(needle.len())
        .filter(|w| w[0] == first && *w == needle)
        .count()
}

/// A PDF white-space byte.
pub(super) fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0C' | b'\0')
}

/// A PDF delimiter byte.
pub(super) fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

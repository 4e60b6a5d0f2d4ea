//! The page budget: how long a minutes document may be, and the page model the render stage estimates with
//! before any Markdown is converted (the typesetter and the preview refuse a document past it afterwards).

/// The most pages a minutes file may typeset to: 500 pages is several times the longest minutes (a congress
/// with annexes is under 100); a file past it is a pasted log or a hostile file, and writing its PDF or its
/// previews would cost minutes and gigabytes.
pub const MAX_PAGES: usize = 500;

/// Lines of text on a page of the estimate.
pub const LINES_PER_PAGE: usize = 45;

/// Characters on a line of the estimate.
pub const CHARS_PER_LINE: usize = 90;

/// Blocks (paragraphs, list items, table rows) a page holds at most: more than the densest page of minutes has
/// lines.
pub const BLOCKS_PER_PAGE: usize = 60;

//! The plain text of a typeset document, page by page, read from typst's frames: what a reader (or
//! `pdftotext`) would get. Tests use it to prove that user text comes out verbatim.

use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// Each page's text, runs separated by single spaces, in frame order.
pub fn pages(document: &PagedDocument) -> Vec<String> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut runs = vec![];
            collect(&page.frame, &mut runs);
            runs.join(" ")
        })
        .collect()
}

/// The whole document's text, pages joined by spaces.
pub fn document(document: &PagedDocument) -> String {
    pages(document).join(" ")
}

fn collect(frame: &Frame, runs: &mut Vec<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect(&group.frame, runs),
            FrameItem::Text(text) => runs.push(text.text.to_string()),
            _ => {}
        }
    }
}

//! The PDF standards a minutes PDF may be made to meet: the render stage attaches the source for PDF/A-3b, the
//! typesetter exports to them, the command line and `verify` name them.

/// A standard the PDF is made to conform to; typst refuses to export a document that breaks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Standard {
    /// PDF/A-2b: archival, visual appearance preserved; no attachments allowed.
    A2b,
    /// PDF/A-3b: archival, and the minutes' own source and data travel inside the PDF.
    A3b,
    /// PDF/UA-1: accessible (tagged, with a title and a language).
    Ua1,
}

impl Standard {
    /// The name used on the command line and by typst (`a-3b`).
    pub fn name(self) -> &'static str {
        match self {
            Standard::A2b => "a-2b",
            Standard::A3b => "a-3b",
            Standard::Ua1 => "ua-1",
        }
    }
}

//! The fix a diagnostic offers, as data: the stage that finds a problem knows the fix (the suggestion, the
//! count that adds up, the key that is missing and where it goes), so it says so here, and the language
//! server's code actions apply it without reading the message.

use crate::diag::Text;

/// A fix an editor can apply to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Replace the diagnostic's span with `with` (a did-you-mean suggestion, a corrected count); `title`
    /// names the action.
    Replace {
        /// The new text.
        with: String,
        /// The action's title.
        title: Text,
    },
    /// Add `key: example` to the mapping at `parent` (its path as the positions record it, `members` or
    /// `votes[0]`; empty for the front matter itself).
    AddKey {
        /// The mapping the key belongs in.
        parent: String,
        /// The key's name.
        key: &'static str,
        /// A value of the key's form to start from.
        example: String,
    },
    /// Put the time at the diagnostic's span in quotes, `"HH:MM"` (the fix reads what is written).
    QuoteTime,
    /// Rewrite the whole file in Unicode NFC.
    Normalize,
}

//! The header names as the templates balance them: each line the clerk typed, in upper case, as a Typst array
//! of string literals. The breaking itself happens in `templates/common/typeset.typ.tera`, where the lines can be
//! measured in the header's font.

use crate::render::escape::ArrayLit;

/// The non-empty lines of `name` (none without a name), trimmed and in upper case.
pub fn typed_lines(name: Option<&str>) -> ArrayLit {
    let upper = name.unwrap_or("").trim().to_uppercase();
    ArrayLit::of(upper.lines().map(str::trim).filter(|l| !l.is_empty()))
}

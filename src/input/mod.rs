//! Input: reading a minutes file's bytes (size limit, encodings), splitting the front matter from the body,
//! the YAML with the position of every key and value, the raw model serde reads it into, and the one folder
//! walker.

pub mod describe;
pub mod encoding;
pub mod frontmatter;
pub mod keys;
pub mod model;
pub mod placeholders;
pub mod positions;
pub mod project;
pub mod read;
pub mod split;
pub mod values;
pub mod walk;

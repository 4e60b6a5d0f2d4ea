//! The integration tests, one binary (so that typst is linked once): each module is one concern, with the
//! fixtures under `tests/fixtures/` and insta snapshots under `tests/integration/snapshots/`.

mod architecture;
mod archival;
mod archive;
mod cli;
mod common;
mod diagnostics;
mod frames;
mod hostile;
mod layout;
mod lsp;
mod office;
mod pdf_reading;
mod preview;
mod property;
mod robustness;
mod scale;
mod trust;
mod trust_check;
mod watch;
mod workspace;

//! The archive side: reading PDFs safely ([`pdfread`]), writing out their attachments ([`extract`]) and
//! checking that a PDF is exactly what its source builds to ([`verify`]).

pub mod extract;
pub mod pdf;
pub mod pdfread;
pub mod verify;

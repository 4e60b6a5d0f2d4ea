//! The archive side: reading untrusted PDFs under hard limits ([`pdf`], on hayro-syntax), writing out their attachments ([`extract`]) and
//! checking that a PDF is exactly what its source builds to ([`verify`]).

pub mod extract;
pub mod pdf;
pub mod verify;

//! Build script: the fingerprint of the bundled fonts, computed once when bienban is compiled, so that an
//! incremental build does not hash 1.5 MB of fonts on every run to know they have not changed; and, on Linux,
//! a binary linked at a fixed address, which starts in half the time.

use std::io::Write;

fn main() {
    let fonts = [
        "fonts/LiberationSerif-Regular.ttf",
        "fonts/LiberationSerif-Bold.ttf",
        "fonts/LiberationSerif-Italic.ttf",
        "fonts/LiberationSerif-BoldItalic.ttf",
    ];
    let mut hasher = sha2::Sha256::default();
    for font in fonts {
        println!("cargo:rerun-if-changed={font}");
        let bytes = std::fs::read(font).unwrap_or_else(|e| panic!("failed to read {font} ({e})"));
        sha2::Digest::update(&mut hasher, (bytes.len() as u64).to_le_bytes());
        sha2::Digest::update(&mut hasher, &bytes);
    }
    let digest = sha2::Digest::finalize(hasher);
    let mut hex = vec![];
    for b in digest.iter() {
        let _ = write!(hex, "{b:02x}");
    }
    println!(
        "cargo:rustc-env=BIENBAN_BUNDLED_FONTS_SHA256={}",
        String::from_utf8_lossy(&hex)
    );
    link_at_a_fixed_address();
}

/// A position-independent executable is relocated by the loader on every start: 115 000 relocations, which
/// read 2.7 MB of relocation records and write the 2.6 MB of pointer tables typst, Tera and the rest keep in
/// read-only data, page by page. Linked at a fixed address (`-no-pie`), the linker resolves them once and the
/// tables stay shared, clean pages of the file. Measured on this machine (`perf stat -r 50 bienban --version`):
/// 8.4 → 3.9 ms and 952 → 146 page faults a start; a one-file build 65.3 → 61.5 ms (60 interleaved runs).
/// The cost is that the executable's own code is not moved by address-space randomisation (libraries, heap
/// and stacks still are); `BIENBAN_PIE=1` at build time keeps a position-independent binary.
fn link_at_a_fixed_address() {
    println!("cargo:rerun-if-env-changed=BIENBAN_PIE");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux && std::env::var_os("BIENBAN_PIE").is_none_or(|v| v.is_empty() || v == "0") {
        // Only the bienban executable: the test and bench binaries link as before.
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

//! Build script: the fingerprint of the bundled fonts, computed once when bienban is compiled, so that an
//! incremental build does not hash 1.5 MB of fonts on every run to know they have not changed.

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
}

//! Paths that user text may name (images in the Markdown): only relative paths that stay inside the minutes
//! file's own folder tree are allowed, so a minutes file can never make the PDF read `/etc/passwd`.

use crate::diag::{Text, t};

/// The normalised relative path (`images/a.png`) when `url` names a file inside the folder; why not, otherwise.
pub fn inside_folder(url: &str) -> Result<String, Text> {
    let url = url.trim();
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme || url.starts_with("//") {
        return Err(t(
            "a URL: images are not downloaded",
            "là địa chỉ mạng: ảnh không được tải về",
        ));
    }
    if url.starts_with('/') || url.starts_with('\\') {
        return Err(t("an absolute path", "là đường dẫn tuyệt đối"));
    }
    if url.is_empty() {
        return Err(t("an empty path", "đường dẫn trống"));
    }
    let mut parts: Vec<&str> = vec![];
    for part in url.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(t(
                        "`..` leads out of the folder",
                        "`..` đi ra ngoài thư mục",
                    ));
                }
            }
            part => parts.push(part),
        }
    }
    if parts.is_empty() {
        return Err(t("not a file", "không phải một tệp"));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_inside_the_folder_pass() {
        assert_eq!(inside_folder("images/./a.png").unwrap(), "images/a.png");
        assert_eq!(inside_folder("a/../b.png").unwrap(), "b.png");
        for bad in [
            "/etc/passwd",
            "../a.png",
            "a/../../b.png",
            "https://x/a.png",
            "file:///etc/passwd",
            "C:\\x.png",
            "//host/a.png",
            "",
        ] {
            assert!(inside_folder(bad).is_err(), "{bad}");
        }
    }
}

//! Reading a minutes file: at most [`MAX_FILE_BYTES`], decoded from UTF-8 (with or without a BOM) or UTF-16
//! with a BOM; anything else is a located error rather than a guess.

use std::path::Path;

use crate::diag::source::SourceFile;
use crate::diag::{Code, Diagnostic, Text, t};

/// Decodes a file's bytes: UTF-8 (a BOM is dropped) or UTF-16 with a BOM; anything else is a located error
/// (the text is then decoded lossily so that the error can show the line).
pub fn decode(bytes: &[u8]) -> (String, Option<Diagnostic>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode(rest);
    }
    let utf16 = |be: bool, data: &[u8]| -> Result<String, usize> {
        let units: Vec<u16> = data
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        // The first unit that is not text (an unpaired surrogate), or the odd byte at the end.
        let mut at = 0;
        let mut text = String::with_capacity(units.len());
        for c in char::decode_utf16(units.iter().copied()) {
            match c {
                Ok(c) => {
                    text.push(c);
                    at += c.len_utf16() * 2;
                }
                Err(_) => return Err(2 + at),
            }
        }
        if data.len() % 2 == 1 {
            return Err(2 + data.len() - 1);
        }
        Ok(text)
    };
    let decoded16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some(utf16(false, rest)),
        [0xFE, 0xFF, rest @ ..] => Some(utf16(true, rest)),
        _ => None,
    };
    match decoded16 {
        Some(Ok(text)) => return (text, None),
        Some(Err(at)) => {
            let diag = Diagnostic::new(
                Code::NotUtf8,
                t(
                    format!("the file is UTF-16 text, but broken at byte {at}"),
                    format!("tệp là văn bản UTF-16 nhưng bị hỏng ở byte {at}"),
                ),
            )
            .hint(t(
                "save the file again as UTF-8 (in Notepad: Save As → Encoding: UTF-8)",
                "lưu lại tệp dạng UTF-8 (Notepad: Save As → Encoding: UTF-8)",
            ));
            // The file's bytes are not its characters: no line can be shown, the byte offset is in the message.
            return (String::new(), Some(diag));
        }
        None => {}
    }
    match std::str::from_utf8(bytes) {
        // NUL is valid UTF-8 but never in a text file: this is UTF-16 without a BOM, or not text at all.
        Ok(text) if text.contains('\0') => {
            let at = text.find('\0').unwrap_or(0);
            let diag = Diagnostic::new(Code::NotUtf8, t("the file is not UTF-8 text (it holds NUL bytes)", "tệp không phải văn bản UTF-8 (có byte NUL)"))
                .at(at..at + 1)
                .label(t("NUL byte here", "byte NUL ở đây"))
                .hint(t("save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8); a UTF-16 file needs its byte order mark", "lưu tệp dạng UTF-8 (Notepad: Save As → Encoding: UTF-8); tệp UTF-16 cần có dấu thứ tự byte (BOM)"));
            (text.to_string(), Some(diag))
        }
        Ok(text) => (text.to_string(), None),
        Err(err) => {
            let at = err.valid_up_to();
            let diag = Diagnostic::new(Code::NotUtf8, t("the file is not UTF-8 text", "tệp không phải văn bản UTF-8"))
                // In the lossy text the bad byte became U+FFFD (3 bytes): the span covers that whole character.
                .at(at..at + char::REPLACEMENT_CHARACTER.len_utf8())
                .label(t("invalid byte here", "byte không hợp lệ ở đây"))
                .hint(t("save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8); old TCVN3 or VNI files must be converted to Unicode first (Unikey's converter)", "lưu tệp dạng UTF-8 (Notepad: Save As → Encoding: UTF-8); tệp TCVN3 hoặc VNI cũ phải chuyển sang Unicode trước (công cụ chuyển mã của Unikey)"));
            (String::from_utf8_lossy(bytes).into_owned(), Some(diag))
        }
    }
}

/// The largest minutes file read (1 MiB, some 300 printed pages): a longer file is certainly a mistake (a pasted
/// log or a binary), and refusing it up front keeps a build's time and memory bounded.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Opens `path` for reading only if it is a regular file (a final symbolic link is followed, so the check is
/// on what it leads to). On Unix the file is opened non-blocking, so that a FIFO never blocks the open, and
/// the check is made on the opened handle, so that nothing can be swapped in between; a FIFO, a device such
/// as `/dev/zero`, a socket or a folder is refused with an error that says which it is.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("not a regular file but {}", kind_name(kind)),
    ))
}

/// `O_NONBLOCK`, which std does not name: on a regular file it changes nothing.
#[cfg(any(target_os = "linux", target_os = "android"))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
const O_NONBLOCK: i32 = 0x0004;

/// What kind of file a non-regular file is, for the error.
fn kind_name(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Reads at most `limit + 1` bytes of the regular file at `path` (see [`open_regular`]): enough to tell that
/// a file is over `limit` without reading it whole.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = vec![];
    open_regular(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a minutes file from disk; a file over [`MAX_FILE_BYTES`] is refused with E0006 without being read whole,
/// and anything but a regular file (a FIFO, `/dev/zero`) is refused without being read at all.
pub fn read(path: &Path) -> Result<(SourceFile, Vec<Diagnostic>), Text> {
    let bytes = read_regular(path, MAX_FILE_BYTES).map_err(|e| {
        t(
            format!("failed to read {} ({e})", path.display()),
            format!("không đọc được {} ({})", path.display(), io_vi(&e)),
        )
    })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        let mib = |n: u64| format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0));
        let diag = Diagnostic::new(Code::FileTooLarge, t(format!("the file is too large ({}; at most {})", mib(size), mib(MAX_FILE_BYTES)), format!("tệp quá lớn ({}; tối đa {})", mib(size), mib(MAX_FILE_BYTES))))
            .hint(t("a minutes file is text of a few pages: check that this is the right file, or split the minutes into several files", "biên bản là văn bản vài trang: kiểm tra lại có đúng tệp không, hoặc tách biên bản thành nhiều tệp"));
        return Ok((SourceFile::new(path, String::new()), vec![diag]));
    }
    let (text, problem) = decode(&bytes);
    let file = SourceFile::new(path, text).with_bytes(bytes);
    Ok((file, problem.into_iter().collect()))
}

/// An I/O error's cause in Vietnamese, for the common kinds (the system's own wording otherwise).
pub fn io_vi(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let text = e.to_string();
    match e.kind() {
        ErrorKind::NotFound => "không có tệp hoặc thư mục này".into(),
        ErrorKind::PermissionDenied => "không có quyền truy cập".into(),
        ErrorKind::AlreadyExists => "tệp đã có".into(),
        ErrorKind::InvalidInput if text.contains("FIFO") => {
            "không phải tệp thường mà là một FIFO (đường ống có tên)".into()
        }
        ErrorKind::InvalidInput if text.contains("device") => {
            "không phải tệp thường mà là một thiết bị".into()
        }
        ErrorKind::InvalidInput if text.contains("folder") => {
            "không phải tệp thường mà là một thư mục".into()
        }
        ErrorKind::InvalidInput if text.contains("not a regular file") => {
            "không phải tệp thường".into()
        }
        _ => text,
    }
}

//! Writing to stdout and stderr without panicking: `println!` panics when the reader has gone (`bienban index
//! | head -1` closes the pipe, EPIPE). Here a closed stream is remembered and written to no more, so that the
//! run ends quietly with its own exit code; other write errors are ignored the same way (there is nowhere
//! left to report them).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

fn write_to(closed: &AtomicBool, mut stream: impl Write, text: &str) {
    write_bytes(closed, stream.by_ref(), text.as_bytes());
}

fn write_bytes(closed: &AtomicBool, mut stream: impl Write, bytes: &[u8]) {
    if closed.load(Ordering::Relaxed) {
        return;
    }
    if stream
        .write_all(bytes)
        .and_then(|()| stream.flush())
        .is_err()
    {
        closed.store(true, Ordering::Relaxed);
    }
}

/// Writes `text` to stdout as it is (add the newline yourself), unless stdout has been closed.
pub fn stdout(text: &str) {
    write_to(&STDOUT_CLOSED, std::io::stdout().lock(), text);
}

/// Writes `text` to stderr as it is (add the newline yourself), unless stderr has been closed.
pub fn stderr(text: &str) {
    write_to(&STDERR_CLOSED, std::io::stderr().lock(), text);
}

/// Stdout as a writer, for a listing written as it is made: a piece at a time of about 64 KiB (what is left
/// when dropped), a closed stdout remembered and written to no more, like [`stdout`]. It never fails.
#[derive(Default)]
pub struct StdoutPieces {
    piece: Vec<u8>,
}

/// The size a piece of [`StdoutPieces`] is written at.
const PIECE: usize = 64 * 1024;

impl Write for StdoutPieces {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.piece.extend_from_slice(bytes);
        if self.piece.len() >= PIECE {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.piece.is_empty() {
            write_bytes(&STDOUT_CLOSED, std::io::stdout().lock(), &self.piece);
            self.piece.clear();
        }
        Ok(())
    }
}

impl Drop for StdoutPieces {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Writes one line to stdout.
pub fn stdout_line(line: &str) {
    stdout(&format!("{line}\n"));
}

/// Whether a write to stdout has failed (the reader has gone): a long listing can stop early.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

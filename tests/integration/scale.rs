//! A batch's memory does not grow with its size: the peak resident memory of building 120 files stays
//! within generous bounds of building 30 (before the batches ran in rounds it grew by about 0.9 MB a file),
//! and that of `index` over 2 000 files within bounds of 200 (before its entries dropped each file's text it
//! grew by about 40 KB a file). Not a timing: only memory is compared, and with room for the allocator's noise.

use std::path::Path;
use std::process::{Command, Stdio};

/// Writes `n` distinct valid minutes files into `dir`.
fn archive(dir: &Path, n: usize) {
    let seed = std::fs::read_to_string(crate::common::seed_example()).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let text = seed.replacen("number: 5", &format!("number: {}", i + 1), 1);
        std::fs::write(dir.join(format!("bb-{i:04}.md")), text).unwrap();
    }
}

/// Writes `n` distinct valid minutes files of one organisation into `dir`, each dated after the one before
/// and numbered in its year's register, so that the register finds nothing to report.
fn dated_archive(dir: &Path, n: usize) {
    let seed = std::fs::read_to_string(crate::common::seed_example()).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let (year, k) = (2000 + i / 300, i % 300);
        let date = format!("date: {year}-{:02}-{:02}", k / 25 + 1, k % 25 + 1);
        let text = seed
            .replacen("number: 5", &format!("number: {}", k + 1), 1)
            .replacen("date: 2023-08-30", &date, 1);
        std::fs::write(dir.join(format!("bb-{i:05}.md")), text).unwrap();
    }
}

/// The peak resident memory (KiB) of `bienban build --force` on `dir`, through `wait4`.
fn peak_kib(dir: &Path, out: &Path) -> u64 {
    let mut build = Command::new(env!("CARGO_BIN_EXE_bienban"));
    build
        .args(["build", "-q", "--force", "--out-dir"])
        .arg(out)
        .arg(dir);
    run_peak_kib(&mut build, "the build")
}

/// The peak resident memory (KiB) of a successful run of `command`, through `wait4`.
fn run_peak_kib(command: &mut Command, what: &str) -> u64 {
    // Reaped by wait4 below, which also reports the child's peak memory.
    #[allow(clippy::zombie_processes)]
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run bienban");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child with valid pointers to a status word and a zeroed rusage.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(pid > 0 && status == 0, "{what} failed");
    usage.ru_maxrss as u64
}

#[test]
fn a_batchs_peak_memory_does_not_grow_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let (small, large) = (dir.path().join("small"), dir.path().join("large"));
    archive(&small, 30);
    archive(&large, 120);
    let small_kib = peak_kib(&small, &dir.path().join("out-small"));
    let large_kib = peak_kib(&large, &dir.path().join("out-large"));
    // Four times the files; growth of 0.9 MB a file would add some 80 MB.
    assert!(
        large_kib <= small_kib + small_kib / 4 + 16 * 1024,
        "30 files: {small_kib} KiB, 120 files: {large_kib} KiB"
    );
}

/// The peak resident memory (KiB) of `bienban index` on `dir` (the register written to stdout).
fn index_peak_kib(dir: &Path) -> u64 {
    let mut index = Command::new(env!("CARGO_BIN_EXE_bienban"));
    index.args(["index", "-q"]).arg(dir);
    run_peak_kib(&mut index, "the index")
}

#[test]
fn the_registers_peak_memory_does_not_grow_with_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let (small, large) = (dir.path().join("small"), dir.path().join("large"));
    dated_archive(&small, 200);
    dated_archive(&large, 2000);
    let small_kib = index_peak_kib(&small);
    let large_kib = index_peak_kib(&large);
    // Ten times the files; 40 KB a file (each file's text kept) would add some 70 MB.
    assert!(
        large_kib < small_kib + small_kib / 2,
        "200 files: {small_kib} KiB, 2000 files: {large_kib} KiB"
    );
}

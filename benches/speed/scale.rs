//! The archive-size half of the benchmark: memory and files per second against batch size, a no-op rebuild of
//! a large archive, one core against all, `index` at 10 000 and 100 000 files, the single-file ratio of each
//! build profile against the typst CLI, and a warm in-process re-check and rebuild (what `watch` and the
//! language server do), with the memory of 10 000 rebuilds.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::{Stat, today};

/// Batch sizes of the memory curve.
pub const SIZES: [usize; 4] = [200, 1000, 2000, 10_000];

/// One batch: its size, wall time, files per second and peak memory.
pub struct Point {
    pub files: usize,
    /// Builds measured (the wall time is their median).
    pub runs: usize,
    /// Processor time per file (the median run's, all threads): the cost of a file, which a noisy neighbour
    /// on a shared machine moves less than the wall time.
    pub cpu_ms_per_file: f64,
    pub secs: f64,
    pub rate: f64,
    pub peak_mb: f64,
}

/// Writes `n` distinct valid minutes files below `dir`: five organisations, numbered per organisation and
/// year, dated across years, so that the register has real work.
pub fn archive(dir: &Path, n: usize, seed: &str) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let org = i % 5;
        let year = 2000 + (i / 5) / 300;
        let number = (i / 5) % 300 + 1;
        let day = (i / 5) % 28 + 1;
        let text = seed
            .replacen("number: 5", &format!("number: {number}"), 1)
            .replacen("date: 2023-08-30", &format!("date: {year}-03-{day:02}"), 1)
            .replacen(
                "name: Chi bộ Đại Lợi",
                &format!("name: Chi bộ Đại Lợi {org}"),
                1,
            );
        let sub = dir.join(format!("org-{org}/{year}"));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("bb-{i:06}.md")), text).unwrap();
    }
}

/// What one run of a command cost.
pub struct Run {
    pub wall: Duration,
    /// Its own peak resident memory, in KiB.
    pub peak_kib: u64,
    /// Processor time, user and system, on all its threads: what the work costs, whatever else the machine
    /// is doing at the time (a wall time also carries the neighbours of a shared machine).
    pub cpu: Duration,
}

/// Runs `cmd` to the end and says what it cost.
///
/// Through GNU time when it is installed: a child spawned by this process would count this process's own
/// peak too (Linux keeps the larger of the two across `exec`, and `posix_spawn` shares our memory until
/// then), 50–65 MB by the time the scale runs, which hid the real peaks of small runs. GNU time is a small
/// process, so what it reports is the command's own. Without it, `wait4` here (an upper bound).
pub fn run_measured(cmd: &mut Command) -> Run {
    let time = Path::new("/usr/bin/time");
    if time.is_file() {
        let report = tempfile::NamedTempFile::new().unwrap();
        let mut wrapped = Command::new(time);
        wrapped
            .args(["-f", "%M %U %S", "-o"])
            .arg(report.path())
            .arg(cmd.get_program())
            .args(cmd.get_args());
        if let Some(dir) = cmd.get_current_dir() {
            wrapped.current_dir(dir);
        }
        let started = Instant::now();
        wrapped
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        let wall = started.elapsed();
        let text = std::fs::read_to_string(report.path()).unwrap_or_default();
        // The last line is the format's (a killed command has a line of its own before it).
        let fields: Vec<&str> = text
            .lines()
            .next_back()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        let seconds = |i: usize| {
            fields
                .get(i)
                .and_then(|f| f.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        return Run {
            wall,
            peak_kib: fields.first().and_then(|f| f.parse().ok()).unwrap_or(0),
            cpu: Duration::from_secs_f64(seconds(1) + seconds(2)),
        };
    }
    let started = Instant::now();
    // Reaped by wait4 below (which also gives the peak memory), not by Child::wait.
    #[allow(clippy::zombie_processes)]
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child with valid pointers to a status word and a zeroed rusage.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(pid > 0, "wait4 failed");
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Run {
        wall: started.elapsed(),
        peak_kib: usage.ru_maxrss as u64,
        cpu: Duration::from_secs_f64(seconds(usage.ru_utime) + seconds(usage.ru_stime)),
    }
}

/// Files each point of the memory curve builds at least, over its runs: a 200-file build lasts a few seconds,
/// and one noisy second on a shared machine would move its rate by a fifth, so the small sizes run several
/// times (200 files: 5 runs, 1 000: 3; an odd number, so that the median is a run) and the larger ones, which average their noise themselves, once.
const CURVE_FILES_PER_POINT: usize = 2000;

/// The memory curve: each size built from scratch on all cores; its wall time is the median of its runs, its
/// peak memory the highest.
pub fn memory_curve(bin: &Path, seed: &str, work: &Path) -> Vec<Point> {
    SIZES
        .iter()
        .map(|&n| {
            let dir = work.join(format!("archive-{n}"));
            archive(&dir, n, seed);
            let runs = CURVE_FILES_PER_POINT.div_ceil(n).clamp(1, 5) | 1;
            let (mut times, mut cpus, mut peak_kib) = (vec![], vec![], 0);
            for _ in 0..runs {
                let run = run_measured(
                    Command::new(bin)
                        .args(["build", "-q", "--force", "--out-dir"])
                        .arg(work.join(format!("archive-{n}-out")))
                        .arg(&dir),
                );
                times.push(run.wall);
                cpus.push(run.cpu);
                peak_kib = peak_kib.max(run.peak_kib);
            }
            let secs = Stat::of(times).median / 1000.0;
            Point {
                files: n,
                runs,
                secs,
                rate: n as f64 / secs,
                cpu_ms_per_file: Stat::of(cpus).median / n as f64,
                peak_mb: peak_kib as f64 / 1024.0,
            }
        })
        .collect()
}

/// An unchanged archive of the largest size built again: nothing to do.
pub fn noop_rebuild(bin: &Path, work: &Path) -> Stat {
    let n = SIZES[SIZES.len() - 1];
    let runs = (0..5)
        .map(|_| {
            run_measured(
                Command::new(bin)
                    .args(["build", "-q", "--out-dir"])
                    .arg(work.join(format!("archive-{n}-out")))
                    .arg(work.join(format!("archive-{n}"))),
            )
            .wall
        })
        .collect();
    Stat::of(runs)
}

/// `bienban build -q --force -j <jobs> --out-dir <out> <dir>`: a whole folder built from scratch.
pub fn forced_build(bin: &Path, jobs: usize, out: &Path, dir: &Path) -> Command {
    let mut command = Command::new(bin);
    command
        .args([
            "build",
            "-q",
            "--force",
            "-j",
            &jobs.to_string(),
            "--out-dir",
        ])
        .arg(out)
        .arg(dir);
    command
}

/// Files of the archive on which one core is set against all.
pub const CORES_FILES: usize = 1000;
/// Runs of each, interleaved: one run of each on a shared machine can land one on a quiet minute and the other
/// on a busy one (single runs of 2 000 files gave 1.65 × to 2.07 × from one week's code).
pub const CORES_RUNS: usize = 3;

/// One core against all on [`CORES_FILES`] files, the median of [`CORES_RUNS`] interleaved runs of each:
/// (files/s with -j 1, files/s with all).
pub fn cores(bin: &Path, work: &Path) -> (f64, f64) {
    let dir = work.join(format!("archive-{CORES_FILES}"));
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut walls: [Vec<Duration>; 2] = [vec![], vec![]];
    for _ in 0..CORES_RUNS {
        for (slot, jobs) in [1, all].into_iter().enumerate() {
            let run = run_measured(&mut forced_build(
                bin,
                jobs,
                &work.join(format!("archive-{CORES_FILES}-j{jobs}")),
                &dir,
            ));
            walls[slot].push(run.wall);
        }
    }
    let [one, every] = walls.map(|w| CORES_FILES as f64 / (Stat::of(w).median / 1000.0));
    (one, every)
}

/// `index` of 10 000 and 100 000 files: (files, seconds, peak MB).
pub fn index(bin: &Path, seed: &str, work: &Path) -> Vec<(usize, f64, f64)> {
    [10_000, 100_000]
        .iter()
        .map(|&n| {
            let dir = work.join(format!("index-{n}"));
            if n == 10_000 && work.join("archive-10000").is_dir() {
                let _ = std::fs::remove_dir_all(&dir);
                std::fs::rename(work.join("archive-10000"), &dir).unwrap();
            } else {
                archive(&dir, n, seed);
            }
            let run = run_measured(
                Command::new(bin)
                    .args(["index", "-q", "--format", "csv", "-o"])
                    .arg(work.join(format!("index-{n}.csv")))
                    .arg(&dir),
            );
            let result = (n, run.wall.as_secs_f64(), run.peak_kib as f64 / 1024.0);
            let _ = std::fs::remove_dir_all(&dir);
            result
        })
        .collect()
}

/// The single-file build of each binary we have (the test profile, and `dist` when built), fresh process,
/// interleaved with one series of the typst CLI on the same generated source: (profile, ours, typst).
pub fn profiles(
    binaries: &[(String, PathBuf)],
    typst: Option<&Path>,
    file: &Path,
    source: &Path,
    root: &Path,
    work: &Path,
) -> Vec<(String, Stat, Option<Stat>)> {
    let bins: Vec<&Path> = binaries.iter().map(|(_, bin)| bin.as_path()).collect();
    let (ours, theirs) =
        super::fresh_processes(&bins, typst, super::PROFILE_RUNS, file, source, root, work);
    binaries
        .iter()
        .zip(ours)
        .map(|((name, _), ours)| (name.clone(), ours, theirs))
        .collect()
}

/// Resident memory of this process now, in MB (from /proc/self/statm).
fn rss_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// What `watch` and a language server do after a keystroke or a save, warm, in one process: a re-check, a
/// rebuild to PDF, and the memory after every 1 000 of 10 000 rebuilds.
pub struct Warm {
    pub recheck: Stat,
    pub rebuild: Stat,
    pub rss: Vec<(usize, f64)>,
}

/// One rebuild as `watch` makes it after a save: `text` written to the job's file, then a new context (as
/// `watch` makes for every rebuild, so that an edited template is seen) reads, checks, typesets and writes
/// the PDF, and typst's cache is trimmed as `watch` trims it.
pub fn watch_build(job: &bienban::build::Job, text: &str) {
    use bienban::build::{BuildContext, Options};
    std::fs::write(&job.input, text).unwrap();
    let options = Options {
        today: today(),
        ..Options::default()
    };
    let result = BuildContext::new(options).build_file(job);
    assert!(result.written.is_some(), "the watched file did not build");
    comemo::evict(10);
}

/// A minutes file to rebuild over and over in `work`, and its text with one word changed (`i` even or odd).
pub fn watched(seed: &Path, work: &Path) -> (bienban::build::Job, impl Fn(usize) -> String) {
    let dir = work.join("watch");
    std::fs::create_dir_all(&dir).unwrap();
    let job = bienban::build::Job {
        input: dir.join("w.md"),
        output: dir.join("w.pdf"),
    };
    let text = std::fs::read_to_string(seed).unwrap();
    let edit = move |i: usize| {
        let word = if i.is_multiple_of(2) {
            "nhanh chóng"
        } else {
            "kịp thời"
        };
        text.replacen("kịp thời", word, 1)
    };
    (job, edit)
}

/// Measures [`Warm`] on the seed example, through the code `bienban lsp` and `watch` run: the language
/// server's analysis of the edited text, and [`watch_build`].
pub fn warm(seed: &Path, work: &Path) -> Warm {
    use bienban::lsp::documents::Analysis;
    let (job, edit) = watched(seed, work);
    let check = |i: usize| {
        std::hint::black_box(Analysis::new(job.input.clone(), edit(i)));
    };
    let rebuild = |i: usize| watch_build(&job, &edit(i));
    for i in 0..20 {
        check(i);
        rebuild(i);
    }
    let mut i = 0;
    let recheck = super::measure(|| {
        i += 1;
        check(i);
    });
    let mut j = 0;
    let rebuild_stat = super::measure(|| {
        j += 1;
        rebuild(j);
    });
    let mut rss = vec![(0, rss_mb())];
    for k in 1..=10_000 {
        rebuild(k);
        if k % 1000 == 0 {
            rss.push((k, rss_mb()));
        }
    }
    Warm {
        recheck,
        rebuild: rebuild_stat,
        rss,
    }
}

/// An SVG plot of peak memory (MB, left axis) and files per second (right axis) against batch size (log).
pub fn svg(points: &[Point]) -> String {
    let (w, h, pad) = (640.0, 360.0, 60.0);
    let max_mb = points.iter().map(|p| p.peak_mb).fold(1.0, f64::max) * 1.2;
    let max_rate = points.iter().map(|p| p.rate).fold(1.0, f64::max) * 1.2;
    let lo = (SIZES[0] as f64).log10();
    let hi = (SIZES[SIZES.len() - 1] as f64).log10();
    let x = |n: usize| pad + ((n as f64).log10() - lo) / (hi - lo) * (w - 2.0 * pad);
    let y = |v: f64, max: f64| h - pad - v / max * (h - 2.0 * pad);
    let line = |f: &dyn Fn(&Point) -> f64, max: f64| {
        points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.files), y(f(p), max)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<line x1="{pad}" y1="{b}" x2="{r}" y2="{b}" stroke="black"/>
<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{b}" stroke="#c0392b"/>
<line x1="{r}" y1="{pad}" x2="{r}" y2="{b}" stroke="#2471a3"/>
<polyline points="{mem}" fill="none" stroke="#c0392b" stroke-width="2"/>
<polyline points="{rate}" fill="none" stroke="#2471a3" stroke-width="2"/>
<text x="{pad}" y="{t}" fill="#c0392b">peak memory, MB (max {mm:.0})</text>
<text x="{r}" y="{t}" fill="#2471a3" text-anchor="end">files per second (max {mr:.0})</text>
<text x="{c}" y="{xl}" text-anchor="middle">files in the batch (log scale)</text>"##,
        b = h - pad,
        r = w - pad,
        t = pad - 20.0,
        c = w / 2.0,
        xl = h - 15.0,
        mem = line(&|p| p.peak_mb, max_mb),
        rate = line(&|p| p.rate, max_rate),
        mm = max_mb / 1.2,
        mr = max_rate / 1.2,
    );
    for p in points {
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>
<circle cx="{:.1}" cy="{:.1}" r="3" fill="#c0392b"/><text x="{:.1}" y="{:.1}" fill="#c0392b">{:.0}</text>
<circle cx="{:.1}" cy="{:.1}" r="3" fill="#2471a3"/><text x="{:.1}" y="{:.1}" fill="#2471a3">{:.0}</text>"##,
            x(p.files),
            h - pad + 16.0,
            p.files,
            x(p.files),
            y(p.peak_mb, max_mb),
            x(p.files) + 5.0,
            y(p.peak_mb, max_mb) - 5.0,
            p.peak_mb,
            x(p.files),
            y(p.rate, max_rate),
            x(p.files) + 5.0,
            y(p.rate, max_rate) + 14.0,
            p.rate
        );
    }
    out.push_str("</svg>\n");
    out
}

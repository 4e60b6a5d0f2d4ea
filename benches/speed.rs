//! The speed benchmark of bienban, against the official `typst` CLI compiling the very source bienban generates.
//!
//! Run: `cargo bench --bench speed` (the typst CLI of the same version as our dependency must be on PATH, or
//! named by `BIENBAN_TYPST`; install it with `cargo install typst-cli --locked --version 0.15.1`). It measures
//! (1) a single-file build end to end in a fresh process, (2) each stage inside one process, (3) the throughput
//! of a 200-file folder with `-j 1` and with all cores, (4) a watch-style rebuild after a one-word edit, and (5)
//! peak memory, then writes `docs/performance.md` (`cargo bench --bench speed -- warm` measures only the
//! warm in-process rebuilds and re-checks, and prints them). Medians with the 10th–90th percentile spread; ratios are
//! against the baseline measured in the same run, so a busy machine shifts both sides alike.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bienban::check::rules as validate;
use bienban::check::rules::Context;
use bienban::input::frontmatter;
use bienban::press::fonts::FontSet;
use bienban::render::template::Templates;
use bienban::render::view;
use bienban::typeset::compile;
use chrono::NaiveDate;

#[path = "speed/scale.rs"]
mod scale;

/// The binary's allocator (src/main.rs), so that the in-process figures (stages, watch, warm rebuilds) are
/// what `watch` and the language server do.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FRESH_RUNS: usize = 30;
/// Rounds of section 8, where the ratio to the typst CLI is the figure: the more rounds, the less a noisy
/// neighbour on a shared machine moves the medians (each round is about a quarter of a second).
const PROFILE_RUNS: usize = 100;
const STAGE_RUNS: usize = 40;
/// Runs of the 200-file folder with each number of jobs.
const BATCH_RUNS: usize = 5;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing useful: run only when benchmarking.
    if !std::env::args().any(|a| a == "--bench") {
        println!("speed: run with `cargo bench --bench speed`");
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = root.join("target/bench-speed");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_bienban"));
    let typst = typst_cli();

    let seed = root.join("minutes/2023-08-30-chi-bo-dai-loi.md");
    let long = work.join("long.md");
    std::fs::write(
        &long,
        long_minutes(&std::fs::read_to_string(&seed).unwrap()),
    )
    .unwrap();

    // `cargo bench --bench speed -- warm`: only the in-process rebuilds and re-checks (sections 4 and 9), printed,
    // for working on them; docs/performance.md is written only by a whole run.
    if std::env::args().any(|a| a == "warm") {
        println!("watch rebuild: {}", watch_rebuild(&seed, &work).show());
        let warm = scale::warm(&seed, &work);
        println!("re-check: {}", warm.recheck.show());
        println!("rebuild: {}", warm.rebuild.show());
        println!("resident memory: {:?}", warm.rss);
        return;
    }
    // `cargo bench --bench speed -- curve`: only the memory curve (section 5), printed.
    if std::env::args().any(|a| a == "curve") {
        let seed_text = std::fs::read_to_string(&seed).unwrap();
        for point in scale::memory_curve(&bin, &seed_text, &work) {
            println!(
                "{} files ({} runs): {:.1} MB, {:.1} files/s, {:.1} ms of processor time a file",
                point.files, point.runs, point.peak_mb, point.rate, point.cpu_ms_per_file
            );
        }
        return;
    }
    let mut report = Report::default();
    for (name, file) in [
        ("seed example (4 pages)", &seed),
        ("generated long minutes", &long),
    ] {
        let pages = page_count(file);
        let source = generate_typst(&bin, file, &work);
        let (ours, theirs) = fresh_processes(
            &[&bin],
            typst.as_deref(),
            FRESH_RUNS,
            file,
            &source,
            &root,
            &work,
        );
        let ours = ours[0];
        report
            .fresh
            .push((format!("{name}, {pages} pages"), ours, theirs));
        if name.starts_with("generated") {
            report.peak_kib = peak_memory_kib(&bin, file, &work);
        }
    }
    report.stages = stages(&seed);
    report.watch = watch_rebuild(&seed, &work);
    report.batch = batch(&bin, &seed, &work);
    let seed_text = std::fs::read_to_string(&seed).unwrap();
    report.curve = scale::memory_curve(&bin, &seed_text, &work);
    report.noop = Some(scale::noop_rebuild(&bin, &work));
    report.cores = Some(scale::cores(&bin, &work));
    report.index = scale::index(&bin, &seed_text, &work);
    let mut binaries = vec![("release (the test build)".to_string(), bin.clone())];
    let dist = std::env::var_os("BIENBAN_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/dist/bienban"));
    if dist.is_file() {
        binaries.push(("dist (LTO, one codegen unit, stripped)".to_string(), dist));
    }
    let seed_source = generate_typst(&bin, &seed, &work);
    report.profiles = scale::profiles(
        &binaries,
        typst.as_deref(),
        &seed,
        &seed_source,
        &root,
        &work,
    );
    report.warm = Some(scale::warm(&seed, &work));
    std::fs::write(root.join("docs/performance.svg"), scale::svg(&report.curve)).unwrap();
    let text = report.markdown(typst.as_deref());
    println!("{text}");
    std::fs::write(root.join("docs/performance.md"), text).unwrap();
    println!("wrote docs/performance.md");
}

/// Median and spread of a set of durations.
#[derive(Clone, Copy, Default)]
struct Stat {
    median: f64,
    p10: f64,
    p90: f64,
}

impl Stat {
    fn of(mut samples: Vec<Duration>) -> Stat {
        samples.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let at = |q: f64| ms(samples[((samples.len() - 1) as f64 * q).round() as usize]);
        Stat {
            median: at(0.5),
            p10: at(0.1),
            p90: at(0.9),
        }
    }

    fn show(&self) -> String {
        format!("{:.2} ms ({:.2}–{:.2})", self.median, self.p10, self.p90)
    }
}

#[derive(Default)]
struct Report {
    fresh: Vec<(String, Stat, Option<Stat>)>,
    stages: Vec<(&'static str, Stat)>,
    watch: Stat,
    batch: Vec<(String, f64, f64)>,
    peak_kib: Option<u64>,
    curve: Vec<scale::Point>,
    noop: Option<Stat>,
    cores: Option<(f64, f64)>,
    index: Vec<(usize, f64, f64)>,
    profiles: Vec<(String, Stat, Option<Stat>)>,
    warm: Option<scale::Warm>,
}

impl Report {
    fn markdown(&self, typst: Option<&Path>) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Performance\n");
        let _ = writeln!(
            out,
            "Regenerate with `cargo bench --bench speed` (this file is its output).\n"
        );
        let _ = writeln!(out, "## Machine\n\n{}\n", machine());
        let baseline = match typst {
            Some(t) => format!("`{}` ({})", t.display(), version(t)),
            None => {
                "not found: install it with `cargo install typst-cli --locked --version 0.15.1`"
                    .into()
            }
        };
        let _ = writeln!(
            out,
            "Baseline: the official typst CLI, {baseline}, compiling the source bienban generates (`bienban build --format typst`) with `--ignore-system-fonts --font-path fonts`.\n"
        );
        let _ = writeln!(
            out,
            "## 1. One file, end to end, fresh process ({FRESH_RUNS} runs each, interleaved)\n"
        );
        let _ = writeln!(
            out,
            "| minutes | bienban build (median, p10–p90) | typst compile | ratio |\n|---|---|---|---|"
        );
        for (name, ours, theirs) in &self.fresh {
            let (t, ratio) = match theirs {
                Some(s) => (s.show(), format!("{:.2} ×", ours.median / s.median)),
                None => ("—".into(), "—".into()),
            };
            let _ = writeln!(out, "| {name} | {} | {t} | {ratio} |", ours.show());
        }
        let total: f64 = self.stages.iter().map(|(_, s)| s.median).sum();
        let ours: f64 = self
            .stages
            .iter()
            .filter(|(n, _)| !n.starts_with("typst"))
            .map(|(_, s)| s.median)
            .sum();
        let _ = writeln!(
            out,
            "\n## 2. Stages inside one process (seed example, {STAGE_RUNS} runs, cold typst cache)\n"
        );
        let _ = writeln!(out, "| stage | median (p10–p90) | share |\n|---|---|---|");
        for (name, stat) in &self.stages {
            let _ = writeln!(
                out,
                "| {name} | {} | {:.1} % |",
                stat.show(),
                stat.median / total * 100.0
            );
        }
        let parse: f64 = self
            .stages
            .iter()
            .filter(|(n, _)| n.starts_with("Tera parse"))
            .map(|(_, s)| s.median)
            .sum();
        let _ = writeln!(
            out,
            "\nbienban's own stages, for a single file: {ours:.2} ms of {total:.2} ms = {:.1} %; per file of a batch \
             (templates parsed once): {:.2} ms of {:.2} ms = {:.1} %.\n",
            ours / total * 100.0,
            ours - parse,
            total - parse,
            (ours - parse) / (total - parse) * 100.0
        );
        let _ = writeln!(
            out,
            "## 3. A 200-file folder\n\n| jobs | wall time | files/s |\n|---|---|---|"
        );
        for (jobs, secs, rate) in &self.batch {
            let _ = writeln!(out, "| {jobs} | {secs:.2} s | {rate:.0} |");
        }
        if let [(_, _, one), (_, _, all)] = self.batch.as_slice() {
            let _ = writeln!(out, "\nSpeed-up with all cores: {:.2} ×.", all / one);
        }
        let _ = writeln!(
            out,
            "\n## 4. Watch: rebuild after a one-word edit (in process, as `watch` does it: a new build context, the file read, checked, typeset and its PDF written)\n\n{}\n",
            self.watch.show()
        );
        if let Some(kib) = self.peak_kib {
            let _ = writeln!(
                out,
                "## 5. Peak memory (generated long minutes, fresh process)\n\n{:.1} MB (max RSS)\n",
                kib as f64 / 1024.0
            );
        }
        self.scale_markdown(&mut out);
        out
    }

    /// Sections 6–10: the archive sizes, `index`, the build profiles and the warm loop.
    fn scale_markdown(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "## 6. Archives of any size (all cores, from scratch)\n\n![memory and files per second](performance.svg)\n\n| files | runs | wall time (median) | files/s | processor time per file | peak memory (highest) |\n|---|---|---|---|---|---|"
        );
        for p in &self.curve {
            let _ = writeln!(
                out,
                "| {} | {} | {:.2} s | {:.0} | {:.1} ms | {:.1} MB |",
                p.files, p.runs, p.secs, p.rate, p.cpu_ms_per_file, p.peak_mb
            );
        }
        if let (Some(first), Some(last)) = (self.curve.first(), self.curve.last()) {
            let _ = writeln!(
                out,
                "\nFiles per second at {} files are {:.2} × those at {} files, processor time per file {:.2} ×; peak memory {:.2} ×.",
                last.files,
                last.rate / first.rate,
                first.files,
                last.cpu_ms_per_file / first.cpu_ms_per_file,
                last.peak_mb / first.peak_mb
            );
        }
        if let Some(noop) = &self.noop {
            let n = scale::SIZES[scale::SIZES.len() - 1];
            let _ = writeln!(
                out,
                "\nThe unchanged {n}-file archive built again (nothing to do): {}.",
                noop.show()
            );
        }
        if let Some((one, all)) = self.cores {
            let _ = writeln!(
                out,
                "\n{} files, one core against all (the median of {} interleaved runs of each): {one:.0} files/s on one core, {all:.0} on all, {:.2} ×.",
                scale::CORES_FILES,
                scale::CORES_RUNS,
                all / one
            );
        }
        let _ = writeln!(
            out,
            "\n## 7. `index`\n\n| files | wall time | peak memory |\n|---|---|---|"
        );
        for (n, secs, mb) in &self.index {
            let _ = writeln!(out, "| {n} | {secs:.2} s | {mb:.1} MB |");
        }
        let _ = writeln!(
            out,
            "\n## 8. One file against the typst CLI, per build profile (seed example, fresh process, {PROFILE_RUNS} interleaved rounds, one typst series for all profiles)\n\n| profile | bienban build | typst compile | ratio |\n|---|---|---|---|"
        );
        for (name, ours, theirs) in &self.profiles {
            let (t, ratio) = match theirs {
                Some(s) => (s.show(), format!("{:.2} ×", ours.median / s.median)),
                None => ("—".into(), "—".into()),
            };
            let _ = writeln!(out, "| {name} | {} | {t} | {ratio} |", ours.show());
        }
        if let Some(warm) = &self.warm {
            let _ = writeln!(
                out,
                "\n## 9. Warm, in process (what `watch` and `bienban lsp` do)\n\nRe-check after an edit (the language server's analysis of the text): {}. Rebuild to PDF (as in section 4): {}.\n\n| rebuilds | resident memory |\n|---|---|",
                warm.recheck.show(),
                warm.rebuild.show()
            );
            for (k, mb) in &warm.rss {
                let _ = writeln!(out, "| {k} | {mb:.1} MB |");
            }
        }
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    // The bracketed word of the kernel's setting is the one in force: mimalloc asks for huge pages (`madvise`).
    let huge_pages = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled")
        .ok()
        .and_then(|s| {
            let start = s.find('[')? + 1;
            Some(s[start..start + s[start..].find(']')?].to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    format!(
        "{cpu}, {cores} cores, {:.0} GiB memory, release profile, mimalloc (transparent huge pages for builds of at most 8 files: {huge_pages}).",
        mem as f64 / 1024.0 / 1024.0
    )
}

fn typst_cli() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("BIENBAN_TYPST").map(PathBuf::from),
        Some(PathBuf::from("typst")),
        Some(PathBuf::from("/work/typst-cli/bin/typst")),
    ];
    candidates.into_iter().flatten().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn version(bin: &Path) -> String {
    Command::new(bin)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// A long minutes file: the seed's front matter with many speakers and a long body.
fn long_minutes(seed: &str) -> String {
    let mut text = seed.to_string();
    let paragraph = "Chi ủy luôn coi trọng công tác kiểm tra, giám sát, xem đây là xương sống của tổ chức Đảng, giúp Chi ủy lãnh đạo đảng viên thực hiện tốt các chủ trương, đường lối của Đảng, nâng cao sức chiến đấu của Đảng ở cơ sở và chất lượng đảng viên.";
    for section in 1..=19 {
        let _ = write!(text, "\n## Phần {section}\n\n");
        for _ in 0..4 {
            let _ = writeln!(text, "{paragraph} {paragraph}\n");
        }
        text.push_str("- một ý;\n- một ý khác, *nhấn mạnh*;\n- và **ý cuối**.\n");
    }
    text
}

fn page_count(file: &Path) -> usize {
    let context = bienban::build::BuildContext::new(bienban::build::Options {
        today: today(),
        ..Default::default()
    });
    let (_, checked) = context.check_file(file);
    let job = bienban::build::Job {
        input: file.to_path_buf(),
        output: file.with_extension("pdf"),
    };
    context
        .typeset_pages(&job, &checked.unwrap())
        .unwrap()
        .pages()
        .len()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

fn generate_typst(bin: &Path, file: &Path, work: &Path) -> PathBuf {
    let out = work.join("typ");
    let status = Command::new(bin)
        .args(["build", "--format", "typst", "-q", "--out-dir"])
        .arg(&out)
        .arg(file)
        .status()
        .unwrap();
    assert!(status.success());
    out.join(file.file_name().unwrap()).with_extension("typ")
}

fn time(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().unwrap();
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    elapsed
}

/// Fresh processes of `bins` building `file`, and of the typst CLI compiling `source`, interleaved: `runs`
/// rounds of one process each, the order turned by one every round, so that no program always runs right after
/// the same other one (a slow neighbour, a cache it warmed). Returns a median for each binary, then typst's.
fn fresh_processes(
    bins: &[&Path],
    typst: Option<&Path>,
    runs: usize,
    file: &Path,
    source: &Path,
    root: &Path,
    work: &Path,
) -> (Vec<Stat>, Option<Stat>) {
    let programs = bins.len() + usize::from(typst.is_some());
    let mut samples: Vec<Vec<Duration>> = vec![vec![]; programs];
    for round in 0..runs {
        for turn in 0..programs {
            let which = (round + turn) % programs;
            let elapsed = match bins.get(which) {
                Some(bin) => time(
                    Command::new(bin)
                        .args(["build", "-q", "--force", "--out-dir"])
                        .arg(work.join("out"))
                        .arg(file),
                ),
                None => time(
                    Command::new(typst.expect("the last program is typst"))
                        .args(["compile", "--ignore-system-fonts", "--font-path"])
                        .arg(root.join("fonts"))
                        .arg(source)
                        .arg(work.join("typst-out.pdf")),
                ),
            };
            samples[which].push(elapsed);
        }
    }
    let mut stats: Vec<Stat> = samples.into_iter().map(Stat::of).collect();
    let theirs = typst.and_then(|_| stats.pop());
    (stats, theirs)
}

fn measure(mut f: impl FnMut()) -> Stat {
    f();
    Stat::of(
        (0..STAGE_RUNS)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn stages(seed: &Path) -> Vec<(&'static str, Stat)> {
    let (file, _) = bienban::input::read::read(seed).unwrap();
    let fonts = FontSet::bundled();
    let templates = Templates::builtin().unwrap();
    let split = frontmatter::split(&file.text).unwrap();
    let parsed = frontmatter::parse(&file.text, &split);
    let ctx = Context { today: today() };
    let (minutes, _) = validate::check(parsed.raw.clone(), split.body, &parsed.positions, ctx);
    let minutes = minutes.unwrap();
    let spans = view::MarkdownSpans {
        body: split.body_start,
        ..Default::default()
    };
    let view_data = view::build(&minutes, &spans, &fonts.families, &mut vec![]);
    let source = templates.render(minutes.layout, &view_data).unwrap();
    let world =
        bienban::typeset::world::MinutesWorld::new(source.clone(), None, fonts, minutes.date);
    let document = compile::typeset(&world).unwrap();
    vec![
        (
            "split and parse",
            measure(|| {
                let split = frontmatter::split(&file.text).unwrap();
                std::hint::black_box(frontmatter::parse(&file.text, &split));
            }),
        ),
        (
            "validate",
            measure(|| {
                std::hint::black_box(validate::check(
                    parsed.raw.clone(),
                    split.body,
                    &parsed.positions,
                    ctx,
                ));
            }),
        ),
        (
            "Markdown → Typst (view)",
            measure(|| {
                std::hint::black_box(view::build(&minutes, &spans, &fonts.families, &mut vec![]));
            }),
        ),
        (
            "Tera parse (once per process)",
            measure(|| {
                std::hint::black_box(Templates::for_layout(None, minutes.layout).unwrap());
            }),
        ),
        (
            "Tera render",
            measure(|| {
                std::hint::black_box(templates.render(minutes.layout, &view_data).unwrap());
            }),
        ),
        (
            "typst compile",
            measure(|| {
                comemo::evict(0);
                let world = bienban::typeset::world::MinutesWorld::new(
                    source.clone(),
                    None,
                    fonts,
                    minutes.date,
                );
                std::hint::black_box(compile::typeset(&world).unwrap());
            }),
        ),
        (
            "typst PDF export",
            measure(|| {
                std::hint::black_box(compile::export_pdf(&document, "bench").unwrap());
            }),
        ),
    ]
}

/// A save after a one-word edit, rebuilt as `watch` rebuilds it ([`scale::watch_build`]).
fn watch_rebuild(seed: &Path, work: &Path) -> Stat {
    let (job, edit) = scale::watched(seed, work);
    scale::watch_build(&job, &edit(0));
    let mut i = 0;
    measure(|| {
        i += 1;
        scale::watch_build(&job, &edit(i));
    })
}

fn batch(bin: &Path, seed: &Path, work: &Path) -> Vec<(String, f64, f64)> {
    let dir = work.join("folder");
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(seed).unwrap();
    for i in 0..200 {
        let edited = text.replacen("number: 5", &format!("number: {}", i + 1), 1);
        std::fs::write(dir.join(format!("bb-{i:03}.md")), edited).unwrap();
    }
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    // Interleaved, so that a change in the machine's load falls on both alike.
    let mut runs: Vec<Vec<Duration>> = vec![vec![]; 2];
    for _ in 0..BATCH_RUNS {
        for (slot, jobs) in [1, cores].into_iter().enumerate() {
            runs[slot].push(time(&mut scale::forced_build(
                bin,
                jobs,
                &work.join(format!("folder-out-{jobs}")),
                &dir,
            )));
        }
    }
    [1, cores]
        .into_iter()
        .zip(runs)
        .map(|(jobs, runs)| {
            let secs = Stat::of(runs).median / 1000.0;
            (format!("-j {jobs}"), secs, 200.0 / secs)
        })
        .collect()
}

/// Maximum resident set size of one build (the child's own peak, in KiB; see [`scale::run_measured`]).
fn peak_memory_kib(bin: &Path, file: &Path, work: &Path) -> Option<u64> {
    let kib = scale::run_measured(
        Command::new(bin)
            .args(["build", "-q", "--force", "--out-dir"])
            .arg(work.join("out"))
            .arg(file),
    )
    .peak_kib;
    (kib > 0).then_some(kib)
}

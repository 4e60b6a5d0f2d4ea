//! The `bienban` command: decide the help's language, parse the arguments and hand them to
//! [`bienban::cmd::run`].

use std::process::ExitCode;

use clap::FromArgMatches;

/// mimalloc instead of glibc's malloc. Measured (`cargo bench --bench speed`, docs/performance.md) on 2 cores:
/// a 200-file build 1.4 × faster with both cores (glibc's arenas contend: 1.6 × speed-up from the second core,
/// 1.85 × with mimalloc), one file 8 % faster: typst allocates and frees small values at a high rate. Set here,
/// not in the library, so that tests and the fuzz targets keep the system's allocator (which sanitizers watch).
/// `cargo rustc --release --bin bienban -- --cfg system_allocator` builds with glibc's, for valgrind's massif.
#[cfg(not(system_allocator))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = bienban::cmd::help::with_project_lang(std::env::args_os().collect());
    let lang = bienban::cmd::help::lang_of(&args);
    let matches = bienban::cmd::help::parse(args, lang);
    match bienban::cmd::cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => bienban::cmd::run(cli),
        Err(e) => bienban::cmd::usage::exit(e, lang),
    }
}

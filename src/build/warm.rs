//! A head start on a spare core: what a build makes once per process and keeps, made on another thread while
//! the main thread reads the command line, plans the jobs and checks the first file.
//!
//! Traced in a fresh `bienban build` of one file, about 9 ms pass before typesetting starts, and most of it is
//! kept state: Tera's parse of the built-in templates (2.5 ms per layout), and typst's standard library and its
//! hash, the parsed faces of the bundled fonts and the data of its line breaker (3.5 ms, inside the first
//! compile). Meanwhile the second core is idle. [`start`] makes them there, in the order the main thread needs
//! them; when the main thread gets to one first, or to one still being made, it makes it or waits for it as it
//! would have anyway. The caches filled are typst's memoisation and `build/parsed.rs`, both of which return
//! equal results for equal inputs: no output depends on whether this ran (the example PDFs are byte-identical).
//! Measured on the seed example, 60 fresh processes interleaved with the same build without it: 72.2 → 69.0 ms.
//! It also builds the worker pool first ([`crate::build::pool`]), 1–3 ms of thread starts the main thread used to
//! wait for; the main thread asks for the pool only when its batch starts.

use std::sync::Once;

use chrono::NaiveDate;

use crate::input::model::Layout;
use crate::press::fonts::FontSet;
use crate::typeset::world::MinutesWorld;

/// The document compiled to warm typst up: text in the bundled family, in Vietnamese, in the faces and with
/// the justification the minutes use.
const WARM_UP: &str = "#set text(font: \"Liberation Serif\", lang: \"vi\", size: 13pt)\n#set par(justify: true)\n= Biên bản\nChi bộ họp *thường kỳ* tháng _Tám_.\n";

/// Starts the head start on its own thread, once per process; later calls do nothing. `typeset`: whether the
/// run typesets (a `--format typst` build only renders templates). The thread is detached: a process that ends
/// first does not wait for it.
pub fn start(typeset: bool, threads: usize) {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        // A failure to spawn only loses the head start.
        let _ = std::thread::Builder::new()
            .name("bienban-warm-up".into())
            .spawn(move || {
                crate::build::pool::ensure(threads);
                warm_up(typeset);
            });
    });
}

/// The work of the head start, in the order the main thread needs it: the templates of the more common layout,
/// typst, the other layout's templates (an override folder is parsed where it is found).
fn warm_up(typeset: bool) {
    let _ = crate::build::parsed::templates(None, Layout::Party, "");
    if typeset {
        let date = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date");
        let world = MinutesWorld::new(WARM_UP.to_string(), None, FontSet::bundled(), date);
        let _ = typst::compile::<typst_layout::PagedDocument>(&world);
    }
    let _ = crate::build::parsed::templates(None, Layout::State, "");
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::build::{BuildContext, Job, Options};
    use crate::typeset::compile;

    #[test]
    fn the_warm_up_changes_no_byte_of_a_pdf() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        for example in [
            "minutes/2023-08-30-chi-bo-dai-loi.md",
            "minutes/2024-03-15-ubnd-xa-thanh-binh-thinh.md",
        ] {
            let job = Job {
                input: root.join(example),
                output: dir.path().join("a.pdf"),
            };
            let context = BuildContext::new(Options::default());
            let (_, checked) = context.check_file(&job.input);
            let checked = checked.expect("the example checks");
            let source = context.typst_source(&job, &checked).unwrap();
            let pdf = || {
                compile::pdf(
                    source.clone(),
                    None,
                    FontSet::bundled(),
                    checked.minutes.date,
                    "a",
                )
                .unwrap()
            };
            comemo::evict(0);
            let cold = pdf();
            comemo::evict(0);
            warm_up(true);
            assert!(
                cold == pdf(),
                "{example}: the PDF differs after the warm-up"
            );
        }
    }
}

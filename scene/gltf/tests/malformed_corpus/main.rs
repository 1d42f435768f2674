//! A corpus of malformed glTF files, generated from a fixed seed, that the importer must
//! survive: no panic, no hang, a typed error naming the file for everything it refuses,
//! and an `Err` for every mutation the glTF specification forbids.
//!
//! Seeds: every model in `../shared/gltf/` (each folder is copied, `.bin` files and images
//! included, into a temporary directory, where mutated copies are written beside the
//! originals' copies; the shared files themselves are only read), and four small files
//! made here: a triangle with an embedded base64 buffer and an animation, a mesh with
//! sparse accessors and an external `.bin`, a textured quad whose PNG (encoded with the
//! `image` crate) is a data URI, and a GLB holding that PNG in a buffer view.
//!
//! Mutations are structure-aware (numbers set to 0, -1, 2^32, 2^53, 1e20, `"NaN"`, null;
//! keys deleted; arrays and objects swapped; elements duplicated or removed; indices
//! pointed out of range; node cycles and second parents; absurd `byteOffset`,
//! `byteLength`, `count` and `byteStride`; sparse accessors; unknown required
//! extensions; corrupt base64 in data URIs; PNG `IHDR`, JPEG `SOF` and KTX2 headers
//! claiming other sizes, CRCs fixed) and byte-level (JSON text flipped, cut or given
//! invalid numbers; `.bin` files and GLB `BIN` chunks truncated; GLB headers, chunk
//! lengths and chunk types flipped, cut or swapped).
//!
//! Each import runs under `catch_unwind` on a thread of its own and must finish within
//! [`CASE_LIMIT`]. A case whose single mutation breaks a rule of the specification (an
//! index out of range, a range past the end of a buffer, a cycle, a truncated file, …)
//! must give an `Err`. A summary (outcomes per error variant) is printed; run with
//! `--nocapture` to see it. Both `Ok` and `Err` must occur many times, so a mutator that
//! stops producing odd-but-valid or invalid files fails the test.
//!
//! Besides the mutants, a few hostile shapes are built and imported in child processes
//! of this test binary (so that a stack overflow or a blocked read is reported, not
//! fatal): scene "roots" under a deep chain, a normal-mapped fan of 40 000 triangles
//! around one vertex, a chain of 100 000 nodes, a buffer URI naming a FIFO, and a JPEG
//! whose header claims 16384x16384 pixels. Each must finish within [`CASE_LIMIT`]; the
//! FIFO and the JPEG must be refused.
//!
//! `MUSEION_CORPUS_CASE=<id>` runs one case alone and keeps its temporary directory.
//! `MUSEION_CORPUS_EXPORT=<dir>` also writes the seeds and cases to `<dir>` as seeds for
//! the `gltf_import` fuzz target ([`export`]; `fuzz/run.sh` does this).
//! A checkout without `../shared/gltf` beside it fails here; it does not skip.
//!
//! Layout: this file holds the two tests and the constants every part shares; [`seeds`]
//! loads and makes the seed files, [`mutate`] derives one case from a seed, [`run`] imports
//! a case under `catch_unwind` and a time limit, [`shapes`] builds the hostile shapes and
//! runs them in child processes, and [`util`] holds the GLB, base64, PNG, JPEG and JSON
//! helpers.

mod export;
mod mutate;
mod run;
mod seeds;
mod shapes;
mod util;

use export::{export_case, export_dir};
use museion_gltf::ImportOptions;
use mutate::Build;
use run::{Case, Input, Outcome, install_panic_recorder, run_case};
use seeds::load_seeds;
use shapes::{SHAPE_DIR_ENV, SHAPE_ENV, run_shapes, write_shape};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// The seed every case derives from.
const SEED: u64 = 0x6D75_7365_696F_6E21; // "museion!"
/// Longest any one import may take.
const CASE_LIMIT: Duration = Duration::from_secs(5);

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

#[test]
fn malformed_corpus_never_panics_hangs_or_accepts_forbidden_input() {
    install_panic_recorder();
    let only: Option<usize> = std::env::var("MUSEION_CORPUS_CASE").ok().map(|s| {
        s.trim()
            .parse()
            .expect("MUSEION_CORPUS_CASE must be a case number")
    });
    let temp = tempfile::tempdir().expect("temporary directory");
    let seeds = load_seeds(temp.path());
    let export = export_dir();
    let mut exported = 0usize;
    let started = Instant::now();
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems: Vec<String> = Vec::new();
    let (mut oks, mut errs, mut must, mut cases) = (0usize, 0usize, 0usize, 0usize);
    let mut slowest = (Duration::ZERO, String::new());
    let mut baseline = Duration::ZERO;

    // Every seed must import as it is, or its mutants prove little.
    if only.is_none() {
        for (n, seed) in seeds.iter().enumerate() {
            let case = Case {
                id: usize::MAX,
                label: seed.label.clone(),
                notes: vec!["unmodified seed".into()],
                must_reject: Vec::new(),
                file: seed.dir.join(&seed.file),
                input: Input::Path(seed.dir.join(&seed.file)),
                options: ImportOptions::default(),
            };
            if let Some(dir) = &export {
                exported += usize::from(export_case(dir, &format!("seed-{n:02}"), &case));
            }
            let (outcome, elapsed) = run_case(&case);
            if !matches!(outcome, Outcome::Ok) {
                problems.push(format!(
                    "seed {} does not import unmodified: {outcome:?}",
                    seed.label
                ));
            }
            baseline += elapsed;
        }
    }

    let mut id = 0;
    for seed in &seeds {
        for _ in 0..seed.cases {
            let this = id;
            id += 1;
            if only.is_some_and(|o| o != this) {
                continue;
            }
            let case = Build::new(seed, this).generate();
            if let Some(dir) = &export {
                exported += usize::from(export_case(dir, &format!("case-{this:05}"), &case));
            }
            let (outcome, elapsed) = run_case(&case);
            cases += 1;
            if only.is_some() {
                eprintln!(
                    "case {this} ({}): {:?}\n  mutations: {}\n  must reject: {:?}\n  {outcome:?} in {elapsed:?}\n  files kept in {}",
                    case.label,
                    case.input_name(),
                    case.notes.join("; "),
                    case.must_reject,
                    temp.path().display()
                );
            }
            if elapsed > slowest.0 {
                slowest = (elapsed, format!("case {this} ({})", case.label));
            }
            let describe = || {
                format!(
                    "case {this} (seed {SEED:#x}, from {}, {}): {}",
                    case.label,
                    case.input_name(),
                    case.notes.join("; ")
                )
            };
            if !case.must_reject.is_empty() {
                must += 1;
            }
            match &outcome {
                Outcome::Ok => {
                    oks += 1;
                    *tally.entry("Ok".into()).or_default() += 1;
                    if !case.must_reject.is_empty() {
                        problems.push(format!("ACCEPTED {}; this must be rejected", describe()));
                    }
                }
                Outcome::Err {
                    variant,
                    message,
                    file,
                } => {
                    errs += 1;
                    *tally.entry(format!("Err({variant})")).or_default() += 1;
                    if file.as_deref() != Some(case.file.as_path()) {
                        problems.push(format!(
                            "ERROR WITHOUT FILE {}: {variant} names {file:?}, expected {}: {message}",
                            describe(),
                            case.file.display()
                        ));
                    }
                }
                Outcome::Panic(message) => {
                    *tally.entry("PANIC".into()).or_default() += 1;
                    problems.push(format!("PANIC {}: {message}", describe()));
                }
                Outcome::Timeout => {
                    *tally.entry("TIMEOUT".into()).or_default() += 1;
                    problems.push(format!("TIMEOUT (> {CASE_LIMIT:?}) {}", describe()));
                }
            }
            if !matches!(outcome, Outcome::Timeout) && elapsed > CASE_LIMIT {
                problems.push(format!("SLOW ({elapsed:?} > {CASE_LIMIT:?}) {}", describe()));
            }
        }
    }

    let shapes = if only.is_none() {
        run_shapes(temp.path(), &mut problems)
    } else {
        Vec::new()
    };

    let total = started.elapsed();
    eprintln!(
        "malformed corpus: {cases} cases from {} seeds in {:.1} s (seed {SEED:#x}; the unmodified seeds took \
         {:.1} s); slowest {} in {:.2} s",
        seeds.len(),
        total.as_secs_f64(),
        baseline.as_secs_f64(),
        slowest.1,
        slowest.0.as_secs_f64()
    );
    for (outcome, n) in &tally {
        eprintln!("  {outcome:<28} {n:>5}");
    }
    eprintln!("  must-reject cases: {must}");
    if let Some(dir) = &export {
        eprintln!("  exported {exported} files to {}", dir.display());
    }
    for line in &shapes {
        eprintln!("  {line}");
    }
    eprintln!("  problems: {}", problems.len());
    for problem in problems.iter().take(60) {
        eprintln!("  - {problem}");
    }
    if problems.len() > 60 {
        eprintln!("  … and {} more", problems.len() - 60);
    }
    if let Some(one) = only {
        let kept = temp.keep();
        eprintln!("case {one}: files kept in {}", kept.display());
        assert!(problems.is_empty(), "case {one} failed: {problems:#?}");
        return;
    }

    let variants = tally.keys().filter(|k| k.starts_with("Err(")).count();
    assert!(
        problems.is_empty(),
        "{} problem(s) in the malformed corpus (summary above):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(cases >= 2000, "only {cases} cases");
    assert!(
        oks >= 200,
        "only {oks} cases imported Ok: the mutator no longer makes odd-but-valid files"
    );
    assert!(
        errs >= 1000,
        "only {errs} cases failed: the mutator no longer makes invalid files"
    );
    assert!(
        must >= 600,
        "only {must} cases had a mutation that must be rejected"
    );
    assert!(variants >= 9, "only {variants} error variants seen: {tally:?}");
}

// ---------------------------------------------------------------------------------------
// The child side of the hostile shapes (see `shapes`)
// ---------------------------------------------------------------------------------------

// It stays at the crate root: `shapes::run_shapes` starts it with the filter
// `--exact hostile_shape_in_child_process`, which a test named `shapes::…` would not match.

/// The child side of [`run_shapes`]; does nothing unless started by it.
#[test]
fn hostile_shape_in_child_process() {
    let (Ok(shape), Ok(dir)) = (std::env::var(SHAPE_ENV), std::env::var(SHAPE_DIR_ENV)) else {
        return;
    };
    install_panic_recorder();
    let path = write_shape(&shape, Path::new(&dir));
    let case = Case {
        id: 0,
        label: shape.clone(),
        notes: Vec::new(),
        must_reject: Vec::new(),
        file: path.clone(),
        input: Input::Path(path),
        options: ImportOptions::default(),
    };
    let (outcome, elapsed) = run_case(&case);
    let summary = match &outcome {
        Outcome::Err { variant, message, .. } => format!("Err({variant}): {message}"),
        other => format!("{other:?}"),
    };
    eprintln!(
        "SHAPE RESULT: {} in {:.2} s",
        summary.chars().take(300).collect::<String>(),
        elapsed.as_secs_f64()
    );
    assert!(
        matches!(outcome, Outcome::Ok | Outcome::Err { .. }) && elapsed <= CASE_LIMIT,
        "SHAPE {shape}: {summary} after {elapsed:?}"
    );
    if shape.contains("fifo") || shape.contains("jpeg") {
        assert!(
            matches!(outcome, Outcome::Err { .. }),
            "SHAPE {shape}: must be rejected, got {summary}"
        );
    }
}

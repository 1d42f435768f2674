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
//! A checkout without `../shared/gltf` beside it fails here; it does not skip.

use museion_scene::Error;
use museion_scene::gltf::{ImportOptions, import_slice, import_with};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The seed every case derives from.
const SEED: u64 = 0x6D75_7365_696F_6E21; // "museion!"
/// Longest any one import may take.
const CASE_LIMIT: Duration = Duration::from_secs(5);

/// Shared models: folder, file, and how many cases to derive (fewer for the models whose
/// 2K textures take a large share of the time budget to decode).
const SHARED_SEEDS: &[(&str, &str, usize)] = &[
    ("FlightHelmet", "FlightHelmet.gltf", 20),
    ("DamagedHelmet", "DamagedHelmet.gltf", 25),
    ("AnisotropyBarnLamp", "AnisotropyBarnLamp.gltf", 60),
    ("MorphStressTest", "MorphStressTest.gltf", 120),
    ("Fox", "Fox.glb", 250),
    ("Kenney", "craft_speederD.gltf", 250),
    ("Kenney", "alien.glb", 150),
    ("Kenney", "cakeBirthday.glb", 120),
    ("Kenney", "tile.glb", 150),
];
/// Cases for each hand-made seed, in the order of [`hand_made_seeds`].
const HAND_CASES: [usize; 4] = [400, 300, 300, 250];

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
    let started = Instant::now();
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems: Vec<String> = Vec::new();
    let (mut oks, mut errs, mut must, mut cases) = (0usize, 0usize, 0usize, 0usize);
    let mut slowest = (Duration::ZERO, String::new());
    let mut baseline = Duration::ZERO;

    // Every seed must import as it is, or its mutants prove little.
    if only.is_none() {
        for seed in &seeds {
            let case = Case {
                id: usize::MAX,
                label: seed.label.clone(),
                notes: vec!["unmodified seed".into()],
                must_reject: Vec::new(),
                file: seed.dir.join(&seed.file),
                input: Input::Path(seed.dir.join(&seed.file)),
                options: ImportOptions::default(),
            };
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
// Running one case: its own thread, catch_unwind, a time limit
// ---------------------------------------------------------------------------------------

/// What the importer is given.
#[derive(Clone)]
enum Input {
    /// `import_with(path)`.
    Path(PathBuf),
    /// `import_slice(bytes, name, Some(base_dir))`.
    Bytes {
        bytes: Vec<u8>,
        name: PathBuf,
        base: PathBuf,
    },
}

struct Case {
    id: usize,
    label: String,
    /// Every mutation applied, described.
    notes: Vec<String>,
    /// Why the result must be an `Err` (empty when either outcome is fine).
    must_reject: Vec<String>,
    /// The file errors must name.
    file: PathBuf,
    input: Input,
    options: ImportOptions,
}

impl Case {
    fn input_name(&self) -> String {
        match &self.input {
            Input::Path(p) => format!("import {}", p.file_name().unwrap_or_default().to_string_lossy()),
            Input::Bytes { name, .. } => format!("import_slice {}", name.display()),
        }
    }
}

#[derive(Debug)]
enum Outcome {
    Ok,
    Err {
        variant: String,
        message: String,
        file: Option<PathBuf>,
    },
    Panic(String),
    Timeout,
}

/// Panic messages with their locations, recorded by the hook (panics inside rayon jobs
/// happen on worker threads and reach the case's thread as a bare payload).
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn install_panic_recorder() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map_or_else(|| "unknown location".to_owned(), |l| l.to_string());
        let thread = std::thread::current().name().unwrap_or("unnamed").to_owned();
        if let Ok(mut panics) = PANICS.lock() {
            panics.push(format!(
                "at {location} on thread {thread}: {}",
                payload_text(info.payload())
            ));
        }
        previous(info);
    }));
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic payload".into())
}

fn variant_name(e: &Error) -> String {
    format!("{e:?}")
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect()
}

/// Imports the case on a thread of its own, under `catch_unwind`, and waits at most
/// [`CASE_LIMIT`]. A case that runs longer is left running (the process ends with the
/// test) and reported as a timeout.
fn run_case(case: &Case) -> (Outcome, Duration) {
    let (input, options) = (case.input.clone(), case.options.clone());
    if let Ok(mut panics) = PANICS.lock() {
        panics.clear();
    }
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .name(format!("corpus-case-{}", case.id))
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| {
                let imported = match &input {
                    Input::Path(path) => import_with(path, &options),
                    Input::Bytes { bytes, name, base } => import_slice(bytes, name, Some(base), &options),
                };
                match imported {
                    Ok(imported) => {
                        // Read the result back the way users do: none of it may panic.
                        let _ = imported.scene.instances().count();
                        let _ = imported.scene.stats();
                        let _ = imported.report.warnings.iter().map(ToString::to_string).count();
                        Outcome::Ok
                    }
                    Err(e) => Outcome::Err {
                        variant: variant_name(&e),
                        message: e.to_string(),
                        file: e.location().map(|l| l.file.clone()),
                    },
                }
            }));
            let outcome = result.unwrap_or_else(|payload| {
                let recorded = PANICS.lock().map(|p| p.join(" | ")).unwrap_or_default();
                Outcome::Panic(format!("{} [{recorded}]", payload_text(payload.as_ref())))
            });
            let _ = tx.send(outcome);
        })
        .expect("spawn a case thread");
    match rx.recv_timeout(CASE_LIMIT) {
        Ok(outcome) => (outcome, start.elapsed()),
        Err(_) => (Outcome::Timeout, start.elapsed()),
    }
}

// ---------------------------------------------------------------------------------------
// Hostile shapes, each in a child process
// ---------------------------------------------------------------------------------------

/// Names the shape a child process must import.
const SHAPE_ENV: &str = "MUSEION_CORPUS_SHAPE";
/// The directory a child process writes its shape in.
const SHAPE_DIR_ENV: &str = "MUSEION_CORPUS_SHAPE_DIR";

/// Files of hostile size or kind, built here rather than mutated. Each is imported in a
/// child process of this test binary (test `hostile_shape_in_child_process`): a stack
/// overflow aborts the whole process and a blocked read cannot be interrupted, so the
/// child is watched from outside and killed if it overruns.
const SHAPES: &[&str] = &[
    // 5 000 scene "roots" that are children of a node outside the scene, at the end of a
    // 5 000-node chain (glTF forbids this; the importer shows them as roots).
    "scene-roots-under-a-deep-chain",
    // A valid TRIANGLE_FAN of 40 000 triangles around one vertex with a normal map, so
    // that MikkTSpace tangents are generated for a vertex shared by every triangle.
    "normal-mapped-fan-of-40000-triangles",
    // A chain of 100 000 nested nodes.
    "chain-of-100000-nodes",
    // A buffer whose URI names a FIFO: a file with no size and no end.
    "buffer-uri-naming-a-fifo",
    // DamagedHelmet's 2048x2048 albedo JPEG with its SOF saying 16384x16384: its scan
    // data covers 1/64 of that frame, so it is corrupt and must be refused (quickly).
    "jpeg-sof-claiming-16384-squared",
];

/// Runs every shape in a child process; returns a line per shape for the summary.
fn run_shapes(dir: &Path, problems: &mut Vec<String>) -> Vec<String> {
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut lines = Vec::new();
    for shape in SHAPES.iter().filter(|s| cfg!(unix) || !s.contains("fifo")) {
        let shape_dir = dir.join(format!("shape-{shape}"));
        std::fs::create_dir_all(&shape_dir).expect("create a shape directory");
        let start = Instant::now();
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "hostile_shape_in_child_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(SHAPE_ENV, shape)
            .env(SHAPE_DIR_ENV, &shape_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start a child test process");
        let mut stderr = child.stderr.take().expect("the child's stderr");
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let deadline = CASE_LIMIT * 4;
        let status = loop {
            if let Some(status) = child.try_wait().expect("poll a child process") {
                break Some(status);
            }
            if start.elapsed() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let output = reader.join().unwrap_or_default();
        let result = output
            .lines()
            .find_map(|l| l.strip_prefix("SHAPE RESULT: "))
            .unwrap_or("no result")
            .to_owned();
        let seconds = start.elapsed().as_secs_f64();
        match status {
            Some(status) if status.success() => {}
            Some(status) => {
                let tail: Vec<&str> = output
                    .lines()
                    .filter(|l| {
                        l.contains("overflow")
                            || l.contains("fatal")
                            || l.contains("panicked")
                            || l.contains("SHAPE")
                    })
                    .take(6)
                    .collect();
                problems.push(format!(
                    "SHAPE {shape}: the child process failed ({status}): {}",
                    tail.join(" | ")
                ));
            }
            None => problems.push(format!(
                "SHAPE {shape}: the child process was killed after {deadline:?}"
            )),
        }
        lines.push(format!(
            "shape {shape}: {result} ({seconds:.1} s in a child process)"
        ));
    }
    lines
}

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

/// Writes the shape's files into `dir`; returns the document's path.
fn write_shape(shape: &str, dir: &Path) -> PathBuf {
    let path = dir.join(format!("{shape}.gltf"));
    let doc = match shape {
        "scene-roots-under-a-deep-chain" => {
            let (depth, leaves) = (5_000usize, 5_000usize);
            let mut nodes: Vec<Value> = (1..depth).map(|next| json!({"children": [next]})).collect();
            nodes.push(json!({"children": (depth..depth + leaves).collect::<Vec<_>>()}));
            nodes.extend((0..leaves).map(|_| json!({})));
            json!({
                "asset": {"version": "2.0"},
                "nodes": nodes,
                "scenes": [{"nodes": (depth..depth + leaves).collect::<Vec<_>>()}]
            })
        }
        "normal-mapped-fan-of-40000-triangles" => {
            let ring = 40_001usize;
            let mut positions = vec![0.0f32; 3];
            let mut uvs = vec![0.5f32, 0.5];
            for i in 0..ring {
                let angle = i as f32 / ring as f32 * std::f32::consts::TAU;
                positions.extend([angle.cos(), angle.sin(), 0.0]);
                uvs.extend([0.5 + 0.5 * angle.cos(), 0.5 + 0.5 * angle.sin()]);
            }
            let n = ring + 1;
            let normals: Vec<f32> = [0.0f32, 0.0, 1.0].repeat(n);
            let bin: Vec<u8> = positions
                .iter()
                .chain(&uvs)
                .chain(&normals)
                .flat_map(|v| v.to_le_bytes())
                .collect();
            std::fs::write(dir.join("fan.bin"), &bin).expect("write the fan's buffer");
            let png = {
                let mut out = std::io::Cursor::new(Vec::new());
                image::RgbaImage::from_pixel(1, 1, image::Rgba([128, 128, 255, 255]))
                    .write_to(&mut out, image::ImageFormat::Png)
                    .expect("encode a PNG");
                out.into_inner()
            };
            json!({
                "asset": {"version": "2.0"},
                "scenes": [{"nodes": [0]}],
                "nodes": [{"mesh": 0}],
                "meshes": [{"primitives": [{
                    "attributes": {"POSITION": 0, "TEXCOORD_0": 1, "NORMAL": 2}, "material": 0, "mode": 6
                }]}],
                "materials": [{"normalTexture": {"index": 0}}],
                "textures": [{"source": 0}],
                "images": [{"uri": data_uri("image/png", &png)}],
                "accessors": [
                    {"bufferView": 0, "componentType": 5126, "count": n, "type": "VEC3",
                     "min": [-1.0, -1.0, 0.0], "max": [1.0, 1.0, 0.0]},
                    {"bufferView": 1, "componentType": 5126, "count": n, "type": "VEC2"},
                    {"bufferView": 2, "componentType": 5126, "count": n, "type": "VEC3"}
                ],
                "bufferViews": [
                    {"buffer": 0, "byteOffset": 0, "byteLength": 12 * n},
                    {"buffer": 0, "byteOffset": 12 * n, "byteLength": 8 * n},
                    {"buffer": 0, "byteOffset": 20 * n, "byteLength": 12 * n}
                ],
                "buffers": [{"byteLength": bin.len(), "uri": "fan.bin"}]
            })
        }
        "chain-of-100000-nodes" => {
            let count = 100_000usize;
            let mut nodes: Vec<Value> = (1..count)
                .map(|next| json!({"children": [next], "translation": [0.0, 0.0, 0.001]}))
                .collect();
            nodes.push(json!({"name": "leaf"}));
            json!({"asset": {"version": "2.0"}, "nodes": nodes, "scenes": [{"nodes": [0]}]})
        }
        "buffer-uri-naming-a-fifo" => {
            let fifo = dir.join("fifo.bin");
            let made = Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
            assert!(made.success(), "mkfifo {} failed", fifo.display());
            json!({
                "asset": {"version": "2.0"},
                "buffers": [{"byteLength": 4, "uri": "fifo.bin"}]
            })
        }
        "jpeg-sof-claiming-16384-squared" => {
            let mut jpeg = std::fs::read(shared_root().join("DamagedHelmet/Default_albedo.jpg"))
                .expect("read a shared JPEG");
            let sof = jpeg_sof(&jpeg).expect("the JPEG has a start-of-frame segment");
            jpeg[sof + 5..sof + 9].copy_from_slice(&[0x40, 0x00, 0x40, 0x00]);
            std::fs::write(dir.join("huge.jpg"), &jpeg).expect("write the patched JPEG");
            json!({"asset": {"version": "2.0"}, "images": [{"uri": "huge.jpg"}]})
        }
        other => panic!("unknown shape {other}"),
    };
    std::fs::write(&path, to_json(&doc)).expect("write a shape");
    path
}

// ---------------------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------------------

struct SeedModel {
    label: String,
    /// The directory (in the temporary directory) holding the seed and its files.
    dir: PathBuf,
    /// The seed's file name in `dir`.
    file: String,
    glb: bool,
    doc: Value,
    /// The GLB `BIN` chunk.
    bin: Option<Vec<u8>>,
    cases: usize,
}

fn shared_root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/gltf");
    assert!(
        root.join("CREDITS.md").is_file(),
        "{} not found: ../shared/gltf must sit beside the checkout (the shared test models are \
         read in place, never copied into the repository)",
        root.display()
    );
    root
}

fn load_seeds(temp: &Path) -> Vec<SeedModel> {
    let root = shared_root();
    let mut seeds = Vec::new();
    let mut copied = BTreeSet::new();
    for &(folder, file, cases) in SHARED_SEEDS {
        let source = root.join(folder);
        assert!(
            source.join(file).is_file(),
            "test model {} not found: ../shared/gltf must sit beside the checkout",
            source.join(file).display()
        );
        let dir = temp.join(folder);
        if copied.insert(folder) {
            std::fs::create_dir_all(&dir).expect("create a seed directory");
            for entry in std::fs::read_dir(&source).expect("list a shared model folder") {
                let path = entry.expect("a directory entry").path();
                if path.is_file() {
                    let to = dir.join(path.file_name().expect("a file name"));
                    std::fs::copy(&path, to).expect("copy a shared model file");
                }
            }
        }
        let bytes = std::fs::read(dir.join(file)).expect("read a copied seed");
        seeds.push(seed_from_bytes(
            format!("{folder}/{file}"),
            dir,
            file,
            &bytes,
            cases,
        ));
    }
    let hand = temp.join("hand");
    std::fs::create_dir_all(&hand).expect("create the hand-made seed directory");
    for ((file, bytes, side), cases) in hand_made_seeds().into_iter().zip(HAND_CASES) {
        for (name, data) in side {
            std::fs::write(hand.join(name), data).expect("write a hand-made side file");
        }
        std::fs::write(hand.join(file), &bytes).expect("write a hand-made seed");
        seeds.push(seed_from_bytes(
            format!("hand/{file}"),
            hand.clone(),
            file,
            &bytes,
            cases,
        ));
    }
    seeds
}

fn seed_from_bytes(label: String, dir: PathBuf, file: &str, bytes: &[u8], cases: usize) -> SeedModel {
    let (json, bin, glb) = if bytes.starts_with(b"glTF") {
        let (json, bin) = split_glb(bytes);
        (json, bin, true)
    } else {
        (bytes.to_vec(), None, false)
    };
    let doc = serde_json::from_slice(json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&json))
        .unwrap_or_else(|e| panic!("seed {label} is not JSON: {e}"));
    SeedModel {
        label,
        dir,
        file: file.to_owned(),
        glb,
        doc,
        bin,
        cases,
    }
}

type HandSeed = (&'static str, Vec<u8>, Vec<(&'static str, Vec<u8>)>);

/// The hand-made seeds: file name, bytes, and side files.
fn hand_made_seeds() -> Vec<HandSeed> {
    let f32s = |values: &[f32]| values.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>();

    // 1. A triangle in a node hierarchy, with a camera and an animation; base64 buffer.
    let mut bin = f32s(&[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0]); // 0..36
    bin.extend([0u16, 1, 2, 0].iter().flat_map(|v| v.to_le_bytes())); // 36..44
    bin.extend(f32s(&[0.0, 1.0])); // 44..52
    bin.extend(f32s(&[0.0, 0.0, 0.0, 0.0, 2.0, 0.0])); // 52..76
    let triangle = json!({
        "asset": {"version": "2.0", "generator": "malformed_corpus"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [
            {"name": "root", "children": [1], "translation": [1.0, 2.0, 3.0]},
            {"name": "triangle", "mesh": 0, "children": [2], "rotation": [0.0, 0.0, 0.0, 1.0]},
            {"name": "camera", "camera": 0, "scale": [1.0, 1.0, 1.0]}
        ],
        "cameras": [{"type": "perspective", "perspective": {"yfov": 0.8, "znear": 0.1, "zfar": 100.0, "aspectRatio": 1.5}}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1, "material": 0}]}],
        "materials": [{"pbrMetallicRoughness": {"baseColorFactor": [1.0, 0.5, 0.2, 1.0], "metallicFactor": 0.5}}],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3", "min": [0.0, 0.0, 0.0], "max": [1.0, 1.0, 0.0]},
            {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"},
            {"bufferView": 2, "componentType": 5126, "count": 2, "type": "SCALAR", "min": [0.0], "max": [1.0]},
            {"bufferView": 3, "componentType": 5126, "count": 2, "type": "VEC3"}
        ],
        "bufferViews": [
            {"buffer": 0, "byteOffset": 0, "byteLength": 36, "target": 34962},
            {"buffer": 0, "byteOffset": 36, "byteLength": 6, "target": 34963},
            {"buffer": 0, "byteOffset": 44, "byteLength": 8},
            {"buffer": 0, "byteOffset": 52, "byteLength": 24}
        ],
        "buffers": [{"byteLength": bin.len(), "uri": data_uri("application/octet-stream", &bin)}],
        "animations": [{
            "channels": [{"sampler": 0, "target": {"node": 1, "path": "translation"}}],
            "samplers": [{"input": 2, "output": 3, "interpolation": "LINEAR"}]
        }]
    });

    // 2. Sparse accessors (one on top of a buffer view, one alone as a morph target),
    //    u8 indices, and an external .bin.
    let mut sparse_bin = f32s(&[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0]); // 0..48
    sparse_bin.extend([1u16, 3].iter().flat_map(|v| v.to_le_bytes())); // 48..52
    sparse_bin.extend(f32s(&[2.0, 0.0, 0.0, 0.0, 2.0, 0.0])); // 52..76
    sparse_bin.extend([0u8, 2, 0, 0]); // 76..80 (2 used)
    sparse_bin.extend(f32s(&[0.0, 0.0, 1.0, 0.0, 0.0, 1.0])); // 80..104
    sparse_bin.extend([0u8, 1, 2, 0, 2, 3, 0, 0]); // 104..112 (6 used)
    let sparse = json!({
        "asset": {"version": "2.0"},
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0, "weights": [0.5]}],
        "meshes": [{
            "primitives": [{"attributes": {"POSITION": 0}, "indices": 2, "targets": [{"POSITION": 1}], "mode": 4}],
            "weights": [0.25]
        }],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3",
             "sparse": {"count": 2, "indices": {"bufferView": 1, "componentType": 5123}, "values": {"bufferView": 2}}},
            {"componentType": 5126, "count": 4, "type": "VEC3",
             "sparse": {"count": 2, "indices": {"bufferView": 3, "componentType": 5121}, "values": {"bufferView": 4}}},
            {"bufferView": 5, "componentType": 5121, "count": 6, "type": "SCALAR"}
        ],
        "bufferViews": [
            {"buffer": 0, "byteOffset": 0, "byteLength": 48},
            {"buffer": 0, "byteOffset": 48, "byteLength": 4},
            {"buffer": 0, "byteOffset": 52, "byteLength": 24},
            {"buffer": 0, "byteOffset": 76, "byteLength": 2},
            {"buffer": 0, "byteOffset": 80, "byteLength": 24},
            {"buffer": 0, "byteOffset": 104, "byteLength": 6}
        ],
        "buffers": [{"byteLength": sparse_bin.len(), "uri": "sparse.bin"}]
    });

    // 3. A textured quad: normals, UVs, u32 indices, a normal map (so tangents are
    //    generated), a texture transform, a spot light; PNG and buffer as data URIs.
    let png = {
        let img = image::RgbaImage::from_fn(4, 4, |x, y| image::Rgba([x as u8 * 60, y as u8 * 60, 128, 255]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png)
            .expect("encode a PNG");
        out.into_inner()
    };
    let mut quad_bin = f32s(&[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0]); // 0..48
    quad_bin.extend(f32s(&[0.0, 0.0, 1.0].repeat(4))); // 48..96
    quad_bin.extend(f32s(&[0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0])); // 96..128
    quad_bin.extend([0u32, 1, 2, 0, 2, 3].iter().flat_map(|v| v.to_le_bytes())); // 128..152
    let quad = |buffer: Value, image: Value| {
        json!({
            "asset": {"version": "2.0"},
            "extensionsUsed": ["KHR_texture_transform", "KHR_lights_punctual"],
            "extensions": {"KHR_lights_punctual": {"lights": [
                {"type": "spot", "color": [1.0, 0.9, 0.8], "intensity": 20.0, "range": 10.0,
                 "spot": {"innerConeAngle": 0.2, "outerConeAngle": 0.6}}
            ]}},
            "scene": 0,
            "scenes": [{"nodes": [0, 1]}],
            "nodes": [
                {"mesh": 0, "matrix": [1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.5, 0.0, 0.0, 1.0]},
                {"extensions": {"KHR_lights_punctual": {"light": 0}}, "translation": [0.0, 0.0, 2.0]}
            ],
            "meshes": [{"primitives": [{
                "attributes": {"POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2}, "indices": 3, "material": 0
            }]}],
            "materials": [{
                "pbrMetallicRoughness": {"baseColorTexture": {"index": 0, "extensions": {
                    "KHR_texture_transform": {"offset": [0.1, 0.2], "rotation": 0.3, "scale": [2.0, 2.0]}
                }}},
                "normalTexture": {"index": 0, "scale": 1.0},
                "alphaMode": "MASK", "alphaCutoff": 0.3, "doubleSided": true
            }],
            "textures": [{"source": 0, "sampler": 0}],
            "samplers": [{"magFilter": 9729, "minFilter": 9987, "wrapS": 33648, "wrapT": 33071}],
            "images": [image],
            "accessors": [
                {"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3", "min": [0.0, 0.0, 0.0], "max": [1.0, 1.0, 0.0]},
                {"bufferView": 1, "componentType": 5126, "count": 4, "type": "VEC3"},
                {"bufferView": 2, "componentType": 5126, "count": 4, "type": "VEC2"},
                {"bufferView": 3, "componentType": 5125, "count": 6, "type": "SCALAR"}
            ],
            "bufferViews": [
                {"buffer": 0, "byteOffset": 0, "byteLength": 48},
                {"buffer": 0, "byteOffset": 48, "byteLength": 48},
                {"buffer": 0, "byteOffset": 96, "byteLength": 32},
                {"buffer": 0, "byteOffset": 128, "byteLength": 24},
                {"buffer": 0, "byteOffset": 152, "byteLength": png.len()}
            ],
            "buffers": [buffer]
        })
    };
    let textured = quad(
        json!({"byteLength": quad_bin.len(), "uri": data_uri("application/octet-stream", &quad_bin)}),
        json!({"uri": data_uri("image/png", &png)}),
    );

    // 4. The same quad as a GLB, the PNG in a buffer view of the BIN chunk.
    let mut glb_bin = quad_bin.clone();
    glb_bin.extend(&png);
    let glb_doc = quad(
        json!({"byteLength": glb_bin.len()}),
        json!({"bufferView": 4, "mimeType": "image/png"}),
    );
    let glb = pack_glb(&to_json(&glb_doc), Some(&glb_bin));

    vec![
        ("triangle.gltf", to_json(&triangle), Vec::new()),
        ("sparse.gltf", to_json(&sparse), vec![("sparse.bin", sparse_bin)]),
        ("textured.gltf", to_json(&textured), Vec::new()),
        ("textured.glb", glb, Vec::new()),
    ]
}

// ---------------------------------------------------------------------------------------
// Building one case
// ---------------------------------------------------------------------------------------

/// A tiny xorshift64* generator: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // splitmix64 first, so that neighbouring seeds give unrelated streams.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Self((z ^ (z >> 31)) | 1)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

/// Byte-level edits of the JSON text, made after serialisation.
#[derive(Clone, Copy, Debug)]
enum TextOp {
    /// Cut the text short (must be rejected: the closing brace goes).
    Truncate,
    /// Replace a number outside strings with a token that is not JSON (must be rejected).
    BadNumber,
    /// Replace a number with `1e999` (out of range for a float).
    HugeNumber,
    FlipByte,
    InsertGarbage,
    Bom,
    DuplicateAsset,
    InvalidUtf8,
}

/// Edits of the GLB container, made after packing.
#[derive(Clone, Copy, Debug)]
enum GlbOp {
    // Each of these must be rejected (a header or chunk that contradicts the file).
    Version,
    LengthBit,
    Truncate,
    FirstChunkType,
    JsonChunkTooLong,
    JsonChunkShrunk,
    SwapChunks,
    // Either outcome is fine.
    HeaderByte,
    AppendGarbage,
    UnknownChunk,
    ExtraChunk,
}

/// Where an image's bytes live.
enum ImageAt {
    DataUri,
    File(String),
    View {
        view: usize,
        buffer: usize,
        start: usize,
        len: usize,
    },
}

/// An index-valued field of the document.
struct Ref {
    pointer: String,
    /// How many objects it may index.
    count: usize,
    /// Whether the importer always resolves it (so an out-of-range value must fail).
    checked: bool,
}

struct Build<'a> {
    seed: &'a SeedModel,
    id: usize,
    rng: Rng,
    doc: Value,
    bin: Option<Vec<u8>>,
    notes: Vec<String>,
    must_reject: Vec<String>,
    options: ImportOptions,
    text_ops: Vec<TextOp>,
    glb_ops: Vec<GlbOp>,
    as_glb: bool,
    side_files: usize,
    /// Depths of the nested `extras` to splice into the text in place of their markers.
    deep: Vec<usize>,
}

/// Odd replacement values for numbers.
fn odd_number(rng: &mut Rng) -> Value {
    match rng.below(15) {
        0 => json!(0),
        1 => json!(-1),
        2 => json!(1),
        3 => json!(1u64 << 32),
        4 => json!((1u64 << 32) + 1),
        5 => json!(1u64 << 53),
        6 => json!(1e20),
        7 => json!(-1e20),
        8 => json!(u64::MAX),
        9 => json!(0.5),
        10 => json!(65_536),
        11 => json!("NaN"),
        12 => json!("Infinity"),
        13 => Value::Null,
        _ => json!(3.4e38),
    }
}

const KNOWN_ATTRIBUTES: &[&str] = &[
    "POSITION",
    "NORMAL",
    "TANGENT",
    "TEXCOORD_0",
    "TEXCOORD_1",
    "COLOR_0",
    "JOINTS_0",
    "WEIGHTS_0",
];

impl<'a> Build<'a> {
    fn new(seed: &'a SeedModel, id: usize) -> Self {
        Self {
            seed,
            id,
            rng: Rng::new(SEED ^ (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            doc: seed.doc.clone(),
            bin: seed.bin.clone(),
            notes: Vec::new(),
            must_reject: Vec::new(),
            options: ImportOptions::default(),
            text_ops: Vec::new(),
            glb_ops: Vec::new(),
            as_glb: false,
            side_files: 0,
            deep: Vec::new(),
        }
    }

    /// Applies either one mutation that must be rejected, or one to three mutations of
    /// any kind, and writes the case's files.
    fn generate(mut self) -> Case {
        if self.rng.chance(40) {
            for _ in 0..64 {
                let kind = self.rng.below(20);
                if self.must_reject_op(kind) {
                    break;
                }
            }
        } else {
            let n = 1 + self.rng.below(3);
            let mut applied = 0;
            for _ in 0..64 {
                let kind = self.rng.below(22);
                if self.free_op(kind) {
                    applied += 1;
                    if applied == n {
                        break;
                    }
                }
            }
        }
        self.finish()
    }

    fn note(&mut self, text: String) {
        self.notes.push(text);
    }

    fn reject(&mut self, text: String) {
        self.notes.push(text.clone());
        self.must_reject.push(text);
    }

    // --- reading and writing the document -------------------------------------------

    fn arr(&self, key: &str) -> &[Value] {
        self.doc
            .get(key)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    fn count_of(&self, key: &str) -> usize {
        self.arr(key).len()
    }

    fn set(&mut self, pointer: &str, value: Value) -> bool {
        match self.doc.pointer_mut(pointer) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// Sets `key` in the object at `pointer`.
    fn put(&mut self, pointer: &str, key: &str, value: Value) -> bool {
        match self.doc.pointer_mut(pointer).and_then(Value::as_object_mut) {
            Some(object) => {
                object.insert(key.to_owned(), value);
                true
            }
            None => false,
        }
    }

    fn push(&mut self, pointer: &str, value: Value) -> bool {
        match self.doc.pointer_mut(pointer).and_then(Value::as_array_mut) {
            Some(array) => {
                array.push(value);
                true
            }
            None => false,
        }
    }

    /// A random pointer (not the root) whose value satisfies `keep`.
    fn pick_pointer(&mut self, keep: impl Fn(&Value) -> bool) -> Option<String> {
        let all: Vec<String> = walk(&self.doc)
            .into_iter()
            .filter(|(p, v)| !p.is_empty() && keep(v))
            .map(|(p, _)| p)
            .collect();
        (!all.is_empty()).then(|| all[self.rng.below(all.len())].clone())
    }

    fn write_side_file(&mut self, extension: &str, bytes: &[u8]) -> String {
        let name = format!("case{:04}_{}.{extension}", self.id, self.side_files);
        self.side_files += 1;
        std::fs::write(self.seed.dir.join(&name), bytes).expect("write a side file");
        name
    }

    /// The nodes of the scene the importer picks by default (all of them without scenes).
    fn default_scene_nodes(&self) -> (Option<usize>, Vec<bool>) {
        let nodes = self.arr("nodes");
        let scene = self
            .doc
            .get("scene")
            .and_then(Value::as_u64)
            .map(|s| s as usize)
            .or((self.count_of("scenes") > 0).then_some(0));
        let mut inside = vec![scene.is_none(); nodes.len()];
        if let Some(s) = scene {
            let mut stack: Vec<usize> = self
                .arr("scenes")
                .get(s)
                .and_then(|scene| scene.get("nodes"))
                .and_then(Value::as_array)
                .map_or(Vec::new(), |a| a.iter().filter_map(as_index).collect());
            while let Some(n) = stack.pop() {
                if n < nodes.len() && !inside[n] {
                    inside[n] = true;
                    stack.extend(children(&nodes[n]));
                }
            }
        }
        (scene, inside)
    }

    /// Accessors the importer reads (mesh attributes it knows, indices, morph targets,
    /// skins, animations) and the buffer views it reads through them or through images.
    fn used_accessors_and_views(&self) -> (BTreeSet<usize>, BTreeSet<usize>) {
        let mut accessors = BTreeSet::new();
        for mesh in self.arr("meshes") {
            for primitive in mesh
                .get("primitives")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(attributes) = primitive.get("attributes").and_then(Value::as_object) {
                    for (name, index) in attributes {
                        if KNOWN_ATTRIBUTES.contains(&name.as_str()) {
                            accessors.extend(as_index(index));
                        }
                    }
                }
                accessors.extend(primitive.get("indices").and_then(as_index));
                for target in primitive
                    .get("targets")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    for name in ["POSITION", "NORMAL", "TANGENT"] {
                        accessors.extend(target.get(name).and_then(as_index));
                    }
                }
            }
        }
        for skin in self.arr("skins") {
            accessors.extend(skin.get("inverseBindMatrices").and_then(as_index));
        }
        for animation in self.arr("animations") {
            for sampler in animation
                .get("samplers")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                accessors.extend(sampler.get("input").and_then(as_index));
                accessors.extend(sampler.get("output").and_then(as_index));
            }
        }
        let mut views = BTreeSet::new();
        for &a in &accessors {
            if let Some(accessor) = self.arr("accessors").get(a) {
                views.extend(accessor.get("bufferView").and_then(as_index));
                views.extend(accessor.pointer("/sparse/indices/bufferView").and_then(as_index));
                views.extend(accessor.pointer("/sparse/values/bufferView").and_then(as_index));
            }
        }
        for image in self.arr("images") {
            if image.get("uri").is_none() {
                views.extend(image.get("bufferView").and_then(as_index));
            }
        }
        (accessors, views)
    }

    /// Every index-valued field, with whether the importer always resolves it.
    fn refs(&self) -> Vec<Ref> {
        let mut refs = Vec::new();
        let mut add = |pointer: String, count: usize, checked: bool| {
            refs.push(Ref {
                pointer,
                count,
                checked,
            })
        };
        let count = |key: &str| self.count_of(key);
        let (scene, inside) = self.default_scene_nodes();
        let (used_accessors, used_views) = self.used_accessors_and_views();
        let lights = self
            .doc
            .pointer("/extensions/KHR_lights_punctual/lights")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if self.doc.get("scene").is_some() {
            add("/scene".into(), count("scenes"), true);
        }
        for (s, value) in self.arr("scenes").iter().enumerate() {
            for j in 0..value.get("nodes").and_then(Value::as_array).map_or(0, Vec::len) {
                add(format!("/scenes/{s}/nodes/{j}"), count("nodes"), scene == Some(s));
            }
        }
        for (n, node) in self.arr("nodes").iter().enumerate() {
            for j in 0..node.get("children").and_then(Value::as_array).map_or(0, Vec::len) {
                add(format!("/nodes/{n}/children/{j}"), count("nodes"), true);
            }
            let here = inside.get(n).copied().unwrap_or(false);
            for (key, of) in [("mesh", "meshes"), ("camera", "cameras"), ("skin", "skins")] {
                if node.get(key).is_some() {
                    add(format!("/nodes/{n}/{key}"), count(of), here);
                }
            }
            if node.pointer("/extensions/KHR_lights_punctual/light").is_some() {
                add(
                    format!("/nodes/{n}/extensions/KHR_lights_punctual/light"),
                    lights,
                    here,
                );
            }
        }
        for (m, mesh) in self.arr("meshes").iter().enumerate() {
            let primitives = mesh.get("primitives").and_then(Value::as_array);
            for (p, primitive) in primitives.into_iter().flatten().enumerate() {
                let base = format!("/meshes/{m}/primitives/{p}");
                if let Some(attributes) = primitive.get("attributes").and_then(Value::as_object) {
                    for name in attributes.keys() {
                        let known = KNOWN_ATTRIBUTES.contains(&name.as_str());
                        add(
                            format!("{base}/attributes/{}", escape(name)),
                            count("accessors"),
                            known,
                        );
                    }
                }
                for (key, of) in [("indices", "accessors"), ("material", "materials")] {
                    if primitive.get(key).is_some() {
                        add(format!("{base}/{key}"), count(of), true);
                    }
                }
                let targets = primitive.get("targets").and_then(Value::as_array);
                for (t, target) in targets.into_iter().flatten().enumerate() {
                    for name in target.as_object().into_iter().flat_map(Map::keys) {
                        let known = ["POSITION", "NORMAL", "TANGENT"].contains(&name.as_str());
                        add(
                            format!("{base}/targets/{t}/{}", escape(name)),
                            count("accessors"),
                            known,
                        );
                    }
                }
            }
        }
        for (m, material) in self.arr("materials").iter().enumerate() {
            for slot in [
                "/pbrMetallicRoughness/baseColorTexture",
                "/pbrMetallicRoughness/metallicRoughnessTexture",
                "/normalTexture",
                "/occlusionTexture",
                "/emissiveTexture",
            ] {
                if material.pointer(&format!("{slot}/index")).is_some() {
                    add(format!("/materials/{m}{slot}/index"), count("textures"), true);
                }
            }
        }
        for (t, texture) in self.arr("textures").iter().enumerate() {
            for (key, of) in [("source", "images"), ("sampler", "samplers")] {
                if texture.get(key).is_some() {
                    add(format!("/textures/{t}/{key}"), count(of), true);
                }
            }
        }
        for (i, image) in self.arr("images").iter().enumerate() {
            if image.get("bufferView").is_some() {
                add(
                    format!("/images/{i}/bufferView"),
                    count("bufferViews"),
                    image.get("uri").is_none(),
                );
            }
        }
        for (a, accessor) in self.arr("accessors").iter().enumerate() {
            for pointer in [
                "/bufferView",
                "/sparse/indices/bufferView",
                "/sparse/values/bufferView",
            ] {
                if accessor.pointer(pointer).is_some() {
                    add(
                        format!("/accessors/{a}{pointer}"),
                        count("bufferViews"),
                        used_accessors.contains(&a),
                    );
                }
            }
        }
        for v in 0..count("bufferViews") {
            add(
                format!("/bufferViews/{v}/buffer"),
                count("buffers"),
                used_views.contains(&v),
            );
        }
        for (s, skin) in self.arr("skins").iter().enumerate() {
            for j in 0..skin.get("joints").and_then(Value::as_array).map_or(0, Vec::len) {
                add(format!("/skins/{s}/joints/{j}"), count("nodes"), true);
            }
            for (key, of) in [("skeleton", "nodes"), ("inverseBindMatrices", "accessors")] {
                if skin.get(key).is_some() {
                    add(format!("/skins/{s}/{key}"), count(of), true);
                }
            }
        }
        for (a, animation) in self.arr("animations").iter().enumerate() {
            let samplers = animation
                .get("samplers")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            for c in 0..animation
                .get("channels")
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
            {
                add(format!("/animations/{a}/channels/{c}/sampler"), samplers, true);
                add(
                    format!("/animations/{a}/channels/{c}/target/node"),
                    count("nodes"),
                    true,
                );
            }
            for s in 0..samplers {
                add(
                    format!("/animations/{a}/samplers/{s}/input"),
                    count("accessors"),
                    true,
                );
                add(
                    format!("/animations/{a}/samplers/{s}/output"),
                    count("accessors"),
                    true,
                );
            }
        }
        refs
    }

    // --- buffers and images ----------------------------------------------------------

    fn buffer_bytes(&self, index: usize) -> Option<Vec<u8>> {
        let buffer = self.arr("buffers").get(index)?;
        match buffer.get("uri") {
            Some(Value::String(uri)) if uri.starts_with("data:") => decode_data_uri(uri),
            Some(Value::String(uri)) => std::fs::read(self.seed.dir.join(uri)).ok(),
            Some(_) => None,
            None if index == 0 => self.bin.clone(),
            None => None,
        }
    }

    fn store_buffer(&mut self, index: usize, bytes: &[u8]) {
        let pointer = format!("/buffers/{index}/uri");
        match self.doc.pointer(&pointer).and_then(Value::as_str) {
            Some(uri) if uri.starts_with("data:") => {
                self.set(&pointer, json!(data_uri("application/octet-stream", bytes)));
            }
            Some(_) => {
                let name = self.write_side_file("bin", bytes);
                self.set(&pointer, json!(name));
            }
            None => self.bin = Some(bytes.to_vec()),
        }
    }

    fn image_bytes(&self, index: usize) -> Option<(Vec<u8>, ImageAt)> {
        let image = self.arr("images").get(index)?;
        match image.get("uri") {
            Some(Value::String(uri)) if uri.starts_with("data:") => {
                Some((decode_data_uri(uri)?, ImageAt::DataUri))
            }
            Some(Value::String(uri)) => Some((
                std::fs::read(self.seed.dir.join(uri)).ok()?,
                ImageAt::File(uri.clone()),
            )),
            Some(_) => None,
            None => {
                let view_index = image.get("bufferView").and_then(as_index)?;
                let view = self.arr("bufferViews").get(view_index)?;
                let buffer = view.get("buffer").and_then(as_index)?;
                let start = view.get("byteOffset").and_then(as_index).unwrap_or(0);
                let len = view.get("byteLength").and_then(as_index)?;
                let bytes = self
                    .buffer_bytes(buffer)?
                    .get(start..start.checked_add(len)?)?
                    .to_vec();
                Some((
                    bytes,
                    ImageAt::View {
                        view: view_index,
                        buffer,
                        start,
                        len,
                    },
                ))
            }
        }
    }

    /// Replaces an image's bytes; in a buffer view they may only shrink.
    fn store_image(&mut self, index: usize, at: ImageAt, bytes: &[u8]) {
        match at {
            ImageAt::DataUri => {
                self.set(
                    &format!("/images/{index}/uri"),
                    json!(data_uri("image/png", bytes)),
                );
            }
            ImageAt::File(uri) => {
                let extension = uri.rsplit('.').next().unwrap_or("img").to_owned();
                let name = self.write_side_file(&extension, bytes);
                self.set(&format!("/images/{index}/uri"), json!(name));
            }
            ImageAt::View {
                view,
                buffer,
                start,
                len,
            } => {
                let Some(mut data) = self.buffer_bytes(buffer) else {
                    return;
                };
                let n = bytes.len().min(len);
                data[start..start + n].copy_from_slice(&bytes[..n]);
                self.store_buffer(buffer, &data);
                if n < len {
                    self.set(&format!("/bufferViews/{view}/byteLength"), json!(n));
                }
            }
        }
    }

    // --- mutations that must be rejected -----------------------------------------------

    fn must_reject_op(&mut self, kind: usize) -> bool {
        match kind {
            0 => {
                let name = format!("EXT_museion_unknown_{}", self.rng.below(100));
                let used = self.doc.get("extensionsUsed").is_some();
                if self.doc.get("extensionsRequired").is_none() {
                    self.put("", "extensionsRequired", json!([]));
                }
                if used {
                    self.push("/extensionsUsed", json!(name));
                }
                if !self.push("/extensionsRequired", json!(name)) {
                    return false;
                }
                self.reject(format!("unknown required extension {name}"));
                true
            }
            1 => {
                let (pointer, version) = if self.rng.chance(70) {
                    (
                        "/asset/version",
                        self.rng.pick(&["1.0", "3.0", "", "two", "20", "-2.0"]),
                    )
                } else {
                    ("/asset/minVersion", self.rng.pick(&["2.1", "3.0", "1.0"]))
                };
                if pointer.ends_with("minVersion") {
                    self.put("/asset", "minVersion", json!(version));
                } else {
                    self.set(pointer, json!(version));
                }
                self.reject(format!("{pointer} = {version:?}"));
                true
            }
            2 => {
                let scenes = self.count_of("scenes");
                let value = scenes + self.rng.below(3);
                self.put("", "scene", json!(value));
                self.reject(format!("/scene = {value} with {scenes} scenes"));
                true
            }
            3 => self.reject_ref_out_of_range(),
            4 => self.reject_cycle(),
            5 => self.reject_two_parents(),
            6 => {
                let n = self.count_of("buffers");
                if n == 0 {
                    return false;
                }
                let index = self.rng.below(n);
                let Some(actual) = self.buffer_bytes(index).map(|b| b.len()) else {
                    return false;
                };
                let value = self.rng.pick(&[actual + 1, actual + 4096, 1usize << 40]);
                self.set(&format!("/buffers/{index}/byteLength"), json!(value));
                self.reject(format!(
                    "/buffers/{index}/byteLength = {value}, data has {actual} bytes"
                ));
                true
            }
            7 => {
                let Some(a) = self.pick_used_accessor(false) else {
                    return false;
                };
                let value = self.rng.pick(&[
                    json!(1u64 << 32),
                    json!(1u64 << 40),
                    json!(1u64 << 53),
                    json!(1e20),
                    json!(-1),
                    json!("3"),
                ]);
                self.set(&format!("/accessors/{a}/count"), value.clone());
                self.reject(format!("/accessors/{a}/count = {value}"));
                true
            }
            8 => {
                let Some(a) = self.pick_used_accessor(true) else {
                    return false;
                };
                let value = self.rng.pick(&[1u64 << 32, 1 << 53, u64::MAX, 1 << 31]);
                self.put(&format!("/accessors/{a}"), "byteOffset", json!(value));
                self.reject(format!("/accessors/{a}/byteOffset = {value}"));
                true
            }
            9 => {
                let (_, views) = self.used_accessors_and_views();
                let views: Vec<usize> = views.into_iter().collect();
                if views.is_empty() {
                    return false;
                }
                let v = self.rng.pick(&views);
                let Some(buffer) = self
                    .arr("bufferViews")
                    .get(v)
                    .and_then(|view| view.get("buffer"))
                    .and_then(as_index)
                else {
                    return false;
                };
                let Some(size) = self
                    .arr("buffers")
                    .get(buffer)
                    .and_then(|b| b.get("byteLength"))
                    .and_then(as_index)
                else {
                    return false;
                };
                let (key, value) = if self.rng.chance(50) {
                    ("byteLength", self.rng.pick(&[size as u64 + 1, 1 << 32, 1 << 53]))
                } else {
                    ("byteOffset", self.rng.pick(&[size as u64 + 1, 1 << 32, 1 << 53]))
                };
                self.put(&format!("/bufferViews/{v}"), key, json!(value));
                self.reject(format!(
                    "/bufferViews/{v}/{key} = {value} in a buffer of {size} bytes"
                ));
                true
            }
            10 => {
                let Some(a) = self.pick_used_accessor(true) else {
                    return false;
                };
                let accessor = &self.arr("accessors")[a];
                let Some(size) = element_size(accessor) else {
                    return false;
                };
                let Some(v) = accessor.get("bufferView").and_then(as_index) else {
                    return false;
                };
                if size < 2 || v >= self.count_of("bufferViews") {
                    return false;
                }
                // 0 means "tightly packed" to Museion (as to many readers): not an error.
                let stride = self.rng.pick(&[1, size - 1]);
                self.put(&format!("/bufferViews/{v}"), "byteStride", json!(stride));
                self.reject(format!(
                    "/bufferViews/{v}/byteStride = {stride}, below the {size}-byte elements of accessor {a}"
                ));
                true
            }
            11 => {
                let scenes = self.count_of("scenes");
                let scene = scenes + self.rng.below(3);
                self.options.scene = Some(scene);
                self.reject(format!("ImportOptions::scene = {scene} with {scenes} scenes"));
                true
            }
            12 => {
                self.text_ops.push(TextOp::Truncate);
                self.reject("JSON text cut short".into());
                true
            }
            13 => {
                self.text_ops.push(TextOp::BadNumber);
                self.reject("a number in the JSON text replaced by a token that is not JSON".into());
                true
            }
            14 => {
                let n = self.count_of("buffers");
                if n == 0 {
                    return false;
                }
                let index = self.rng.below(n);
                let Some(mut bytes) = self.buffer_bytes(index) else {
                    return false;
                };
                let Some(declared) = self.arr("buffers")[index].get("byteLength").and_then(as_index) else {
                    return false;
                };
                if declared == 0 {
                    return false;
                }
                // A GLB pads its BIN chunk to four bytes: keep the padded length short too.
                let in_glb = self.arr("buffers")[index].get("uri").is_none();
                let most = if in_glb {
                    (declared - 1) / 4 * 4
                } else {
                    declared - 1
                };
                bytes.truncate(self.rng.below(most + 1));
                let cut = bytes.len();
                self.store_buffer(index, &bytes);
                self.reject(format!(
                    "buffer {index} data truncated to {cut} of {declared} declared bytes"
                ));
                true
            }
            15 => self.reject_index_value(),
            16 => self.reject_huge_image(),
            17 => self.reject_base64(),
            18 => self.reject_uri(),
            _ => {
                if !self.seed.glb {
                    return false;
                }
                let op = self.rng.pick(&[
                    GlbOp::Version,
                    GlbOp::LengthBit,
                    GlbOp::Truncate,
                    GlbOp::FirstChunkType,
                    GlbOp::JsonChunkTooLong,
                    GlbOp::JsonChunkShrunk,
                    GlbOp::SwapChunks,
                ]);
                if matches!(op, GlbOp::SwapChunks) && self.bin.is_none() {
                    return false;
                }
                self.glb_ops.push(op);
                self.reject(format!("GLB container: {op:?}"));
                true
            }
        }
    }

    /// An accessor the importer reads, optionally one with a buffer view.
    fn pick_used_accessor(&mut self, with_view: bool) -> Option<usize> {
        let (used, _) = self.used_accessors_and_views();
        let candidates: Vec<usize> = used
            .into_iter()
            .filter(|&a| {
                self.arr("accessors")
                    .get(a)
                    .is_some_and(|acc| !with_view || acc.get("bufferView").is_some())
            })
            .collect();
        (!candidates.is_empty()).then(|| self.rng.pick(&candidates))
    }

    fn reject_ref_out_of_range(&mut self) -> bool {
        let refs: Vec<Ref> = self.refs().into_iter().filter(|r| r.checked).collect();
        if refs.is_empty() {
            return false;
        }
        let r = &refs[self.rng.below(refs.len())];
        let original = self.doc.pointer(&r.pointer).and_then(Value::as_u64).unwrap_or(0);
        let value = match self.rng.below(6) {
            0 => r.count as u64,
            1 => r.count as u64 + 1 + self.rng.below(100) as u64,
            2 => 1 << 31,
            3 => u64::from(u32::MAX),
            // Past 2^32: an index the file cannot mean, whatever u32 it wraps to.
            4 => (1 << 32) + original,
            _ => (1 << 32) + r.count as u64,
        };
        let (pointer, count) = (r.pointer.clone(), r.count);
        self.set(&pointer, json!(value));
        self.reject(format!("{pointer} = {value}, out of range (count {count})"));
        true
    }

    /// Parents of every node of the (valid) seed hierarchy.
    fn parents(&self) -> Vec<Option<usize>> {
        let nodes = self.arr("nodes");
        let mut parent = vec![None; nodes.len()];
        for (n, node) in nodes.iter().enumerate() {
            for c in children(node) {
                if c < parent.len() {
                    parent[c] = Some(n);
                }
            }
        }
        parent
    }

    fn reject_cycle(&mut self) -> bool {
        let n = self.count_of("nodes");
        if n == 0 {
            return false;
        }
        let parent = self.parents();
        let with_parent: Vec<usize> = (0..n).filter(|&c| parent[c].is_some()).collect();
        if with_parent.is_empty() {
            let node = self.rng.below(n);
            self.add_child(node, node);
            self.reject(format!("node {node} made its own child"));
            return true;
        }
        let child = self.rng.pick(&with_parent);
        let mut root = child;
        let mut steps = 0;
        while let Some(p) = parent[root] {
            root = p;
            steps += 1;
            if steps > n {
                return false;
            }
        }
        self.add_child(child, root);
        self.reject(format!(
            "node {root} made a child of its descendant {child} (a cycle)"
        ));
        true
    }

    fn reject_two_parents(&mut self) -> bool {
        let n = self.count_of("nodes");
        let parent = self.parents();
        let with_parent: Vec<usize> = (0..n).filter(|&c| parent[c].is_some()).collect();
        if with_parent.is_empty() || n < 2 {
            return false;
        }
        let child = self.rng.pick(&with_parent);
        let first = parent[child].unwrap_or(0);
        let second = self.rng.below(n);
        self.add_child(second, child);
        self.reject(format!(
            "node {child} given a second parent {second} (first {first})"
        ));
        true
    }

    fn add_child(&mut self, parent: usize, child: usize) {
        let pointer = format!("/nodes/{parent}");
        if self.doc.pointer(&format!("{pointer}/children")).is_none() {
            self.put(&pointer, "children", json!([]));
        }
        self.push(&format!("{pointer}/children"), json!(child));
    }

    /// Sets one index of an indices accessor to a value no vertex has.
    fn reject_index_value(&mut self) -> bool {
        let mut candidates = Vec::new();
        for mesh in self.arr("meshes") {
            for primitive in mesh
                .get("primitives")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(indices) = primitive.get("indices").and_then(as_index) else {
                    continue;
                };
                let Some(position) = primitive.pointer("/attributes/POSITION").and_then(as_index) else {
                    continue;
                };
                candidates.push((indices, position));
            }
        }
        if candidates.is_empty() {
            return false;
        }
        let (a, position) = self.rng.pick(&candidates);
        let accessors = self.arr("accessors");
        let (Some(accessor), Some(vertices)) = (
            accessors.get(a),
            accessors
                .get(position)
                .and_then(|p| p.get("count"))
                .and_then(as_index),
        ) else {
            return false;
        };
        let (Some(view), Some(count)) = (
            accessor.get("bufferView").and_then(as_index),
            accessor.get("count").and_then(as_index),
        ) else {
            return false;
        };
        if accessor.get("sparse").is_some() || count == 0 {
            return false;
        }
        let (size, max): (usize, u64) = match accessor.get("componentType").and_then(Value::as_u64) {
            Some(5121) => (1, 0xFF),
            Some(5123) => (2, 0xFFFF),
            Some(5125) => (4, 0xFFFF_FFFF),
            _ => return false,
        };
        if max < vertices as u64 {
            return false;
        }
        let Some(view_json) = self.arr("bufferViews").get(view) else {
            return false;
        };
        let stride = view_json.get("byteStride").and_then(as_index).unwrap_or(size);
        let Some(buffer) = view_json.get("buffer").and_then(as_index) else {
            return false;
        };
        let view_offset = view_json.get("byteOffset").and_then(as_index).unwrap_or(0);
        let offset = accessor.get("byteOffset").and_then(as_index).unwrap_or(0);
        let element = self.rng.below(count);
        let at = view_offset + offset + element * stride;
        let Some(mut bytes) = self.buffer_bytes(buffer) else {
            return false;
        };
        let Some(slot) = bytes.get_mut(at..at + size) else {
            return false;
        };
        slot.copy_from_slice(&max.to_le_bytes()[..size]);
        self.store_buffer(buffer, &bytes);
        self.reject(format!(
            "index {element} of accessor {a} set to {max}, with {vertices} vertices"
        ));
        true
    }

    /// A PNG `IHDR` or JPEG `SOF` claiming a side beyond the 16384-pixel default limit.
    fn reject_huge_image(&mut self) -> bool {
        let n = self.count_of("images");
        if n == 0 {
            return false;
        }
        let index = self.rng.below(n);
        let Some((mut bytes, at)) = self.image_bytes(index) else {
            return false;
        };
        let side = self.rng.pick(&[16_385u32, 65_535, 1 << 20, 0x7FFF_FFFF]);
        let wide = self.rng.chance(50);
        let patched = if is_png(&bytes) {
            patch_png_size(
                &mut bytes,
                if wide { side } else { 1 },
                if wide { 1 } else { side },
            );
            true
        } else if let Some(sof) = jpeg_sof(&bytes) {
            let v = side.min(65_535) as u16;
            let field = if wide { sof + 7 } else { sof + 5 };
            bytes[field..field + 2].copy_from_slice(&v.to_be_bytes());
            true
        } else {
            false
        };
        if !patched {
            return false;
        }
        self.store_image(index, at, &bytes);
        self.reject(format!(
            "image {index} header claims a {} of {}",
            if wide { "width" } else { "height" },
            if is_png(&bytes) { side } else { side.min(65_535) }
        ));
        true
    }

    /// Data URIs (of buffers or images) that are not valid base64 or not base64 at all.
    fn reject_base64(&mut self) -> bool {
        let Some(pointer) = self.pick_pointer(|v| v.as_str().is_some_and(|s| s.starts_with("data:"))) else {
            return false;
        };
        if !(pointer.starts_with("/buffers/") || pointer.starts_with("/images/")) {
            return false;
        }
        let uri = self
            .doc
            .pointer(&pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let Some(comma) = uri.find(',') else { return false };
        let (new, what) = match self.rng.below(4) {
            0 | 1 => {
                let payload = uri.len() - comma - 1;
                let at = comma + 1 + self.rng.below(payload.max(1));
                let bad = self.rng.pick(&['!', '*', '#', 'é', '.']);
                let mut new = uri.clone();
                new.insert(at.min(uri.len()), bad);
                (new, format!("character {bad:?} inserted into the base64 payload"))
            }
            2 => (uri.replacen(";base64", "", 1), "';base64' removed".to_owned()),
            _ => (uri.replacen(',', ";base64", 1), "comma removed".to_owned()),
        };
        if new == uri {
            return false;
        }
        self.set(&pointer, json!(new));
        self.reject(format!("{pointer}: {what}"));
        true
    }

    /// External URIs that cannot be loaded.
    fn reject_uri(&mut self) -> bool {
        let mut pointers = Vec::new();
        for key in ["buffers", "images"] {
            for (i, item) in self.arr(key).iter().enumerate() {
                if item.get("uri").is_some() {
                    pointers.push(format!("/{key}/{i}/uri"));
                }
            }
        }
        if pointers.is_empty() {
            return false;
        }
        let pointer = self.rng.pick(&pointers);
        let uri = match self.rng.below(5) {
            0 => format!("missing_{}.bin", self.id),
            1 => "https://example.invalid/model.bin".to_owned(),
            2 => "%FF%FE.bin".to_owned(),
            3 => String::new(),
            _ => "sub%2Fdir/../missing.png".to_owned(),
        };
        self.set(&pointer, json!(uri));
        self.reject(format!("{pointer} = {uri:?}, which cannot be loaded"));
        true
    }

    // --- mutations with any outcome ----------------------------------------------------

    fn free_op(&mut self, kind: usize) -> bool {
        match kind {
            0 | 1 => {
                let Some(p) = self.pick_pointer(Value::is_number) else {
                    return false;
                };
                let value = odd_number(&mut self.rng);
                self.note(format!("{p} = {value}"));
                self.set(&p, value)
            }
            2 => {
                let Some(p) = self.pick_pointer(|v| v.as_object().is_some_and(|o| !o.is_empty())) else {
                    return false;
                };
                let keys: Vec<String> = self
                    .doc
                    .pointer(&p)
                    .and_then(Value::as_object)
                    .map_or(Vec::new(), |o| o.keys().cloned().collect());
                let key = self.rng.pick(&keys);
                if let Some(object) = self.doc.pointer_mut(&p).and_then(Value::as_object_mut) {
                    object.remove(&key);
                }
                self.note(format!("deleted {p}/{}", escape(&key)));
                true
            }
            3 => {
                let Some(p) = self.pick_pointer(|v| v.is_array() || v.is_object()) else {
                    return false;
                };
                let Some(slot) = self.doc.pointer_mut(&p) else {
                    return false;
                };
                let swapped = match slot.take() {
                    Value::Array(items) => Value::Object(
                        items
                            .into_iter()
                            .enumerate()
                            .map(|(i, v)| (i.to_string(), v))
                            .collect(),
                    ),
                    Value::Object(map) => Value::Array(map.into_iter().map(|(_, v)| v).collect()),
                    other => other,
                };
                *slot = swapped;
                self.note(format!("{p}: array and object swapped"));
                true
            }
            4 => {
                let Some(p) = self.pick_pointer(|v| v.as_array().is_some_and(|a| !a.is_empty())) else {
                    return false;
                };
                let small = self.rng.chance(30);
                let (rng, doc) = (&mut self.rng, &mut self.doc);
                let Some(array) = doc.pointer_mut(&p).and_then(Value::as_array_mut) else {
                    return false;
                };
                let element = array[rng.below(array.len())].clone();
                let copies = if small && to_json(&element).len() < 256 {
                    200
                } else {
                    1 + rng.below(3)
                };
                for _ in 0..copies {
                    let at = rng.below(array.len() + 1);
                    array.insert(at, element.clone());
                }
                self.note(format!("{p}: an element duplicated {copies} times"));
                true
            }
            5 => {
                let Some(p) = self.pick_pointer(|v| v.as_array().is_some_and(|a| !a.is_empty())) else {
                    return false;
                };
                let (rng, doc) = (&mut self.rng, &mut self.doc);
                let Some(array) = doc.pointer_mut(&p).and_then(Value::as_array_mut) else {
                    return false;
                };
                let at = rng.below(array.len());
                array.remove(at);
                self.note(format!("{p}/{at} removed"));
                true
            }
            6 => {
                let Some(p) = self.pick_pointer(|_| true) else {
                    return false;
                };
                let value = self.rng.pick(&[
                    Value::Null,
                    json!(true),
                    json!("x"),
                    json!("NaN"),
                    json!([]),
                    json!({}),
                    json!(-1),
                    json!([1, 2, 3]),
                ]);
                self.note(format!("{p} = {value}"));
                self.set(&p, value)
            }
            7 | 8 => {
                let refs = self.refs();
                if refs.is_empty() {
                    return false;
                }
                let r = &refs[self.rng.below(refs.len())];
                let value = self.rng.below(r.count + 3);
                let pointer = r.pointer.clone();
                self.note(format!("{pointer} = {value} (count {})", r.count));
                self.set(&pointer, json!(value))
            }
            9 => self.free_field(
                "bufferViews",
                &["byteOffset", "byteLength", "byteStride", "buffer"],
                |rng| {
                    rng.pick(&[
                        json!(0),
                        json!(1),
                        json!(3),
                        json!(4),
                        json!(252),
                        json!(256),
                        json!(1u64 << 32),
                        json!(1u64 << 53),
                        json!(1e20),
                        json!(-1),
                    ])
                },
            ),
            10 => self.free_field(
                "accessors",
                &[
                    "count",
                    "byteOffset",
                    "componentType",
                    "type",
                    "normalized",
                    "min",
                    "max",
                    "bufferView",
                ],
                |rng| {
                    let component = 5120 + rng.below(7) as u64;
                    rng.pick(&[
                        json!(0),
                        json!(1),
                        json!(2),
                        json!(1u64 << 32),
                        json!(-1),
                        json!(component),
                        json!((1u64 << 32) + 5126),
                        json!("VEC3"),
                        json!("MAT4"),
                        json!("VEC5"),
                        json!(true),
                        json!([1e39, "NaN"]),
                    ])
                },
            ),
            11 => self.free_field(
                "nodes",
                &["matrix", "rotation", "scale", "translation", "weights"],
                |rng| {
                    rng.pick(&[
                        json!(vec![0.0; 16]),
                        json!([
                            1.0, 2.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0
                        ]),
                        json!([1e39, 0.0, 0.0]),
                        json!([0.0, 0.0, 0.0, 0.0]),
                        json!([2.0, 0.0, 0.0, 0.0]),
                        json!([3.4e38, -3.4e38, 3.4e38]),
                        json!([0.0, 0.0, 0.0]),
                        json!(["NaN", 0.0, 0.0]),
                        json!([1.0]),
                        json!([]),
                    ])
                },
            ),
            12 => {
                let mut primitives = Vec::new();
                for (m, mesh) in self.arr("meshes").iter().enumerate() {
                    let count = mesh
                        .get("primitives")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len);
                    primitives.extend((0..count).map(|p| format!("/meshes/{m}/primitives/{p}")));
                }
                if primitives.is_empty() {
                    return false;
                }
                let p = self.rng.pick(&primitives);
                let mode = self.rng.pick(&[0u64, 1, 2, 3, 4, 5, 6, 7, (1 << 32) + 4]);
                self.note(format!("{p}/mode = {mode}"));
                self.put(&p, "mode", json!(mode))
            }
            13 => {
                let accessors = self.count_of("accessors");
                let views = self.count_of("bufferViews");
                if accessors == 0 {
                    return false;
                }
                let a = self.rng.below(accessors);
                let sparse = json!({
                    "count": self.rng.pick(&[json!(0), json!(1), json!(2), json!(4), json!(1u64 << 32)]),
                    "indices": {
                        "bufferView": self.rng.below(views + 1),
                        "componentType": self.rng.pick(&[5121, 5123, 5125, 5126, 5120]),
                        "byteOffset": self.rng.pick(&[0u64, 1, 2, 1 << 32]),
                    },
                    "values": {"bufferView": self.rng.below(views + 1), "byteOffset": self.rng.pick(&[0u64, 4, 1 << 53])},
                });
                self.note(format!("/accessors/{a}/sparse = {sparse}"));
                self.put(&format!("/accessors/{a}"), "sparse", sparse)
            }
            14 => {
                let Some(p) = self.pick_pointer(Value::is_object) else {
                    return false;
                };
                let depth = self.rng.pick(&[16usize, 100, 126, 127, 128, 129, 1000, 20_000]);
                // A marker, replaced by `depth` nested arrays in the text (serde_json will
                // not build values nested that deep).
                self.note(format!("{p}/extras nested {depth} deep"));
                self.deep.push(depth);
                self.put(&p, "extras", json!({DEEP_MARKER: depth}))
            }
            15 => self.free_extension_values(),
            16 => self.free_enum(),
            17 => self.free_data(),
            18 => {
                let op = self.rng.pick(&[
                    TextOp::HugeNumber,
                    TextOp::FlipByte,
                    TextOp::InsertGarbage,
                    TextOp::Bom,
                    TextOp::DuplicateAsset,
                    TextOp::InvalidUtf8,
                ]);
                self.text_ops.push(op);
                self.note(format!("JSON text: {op:?}"));
                true
            }
            19 => {
                if self.seed.glb {
                    let op = self.rng.pick(&[
                        GlbOp::HeaderByte,
                        GlbOp::AppendGarbage,
                        GlbOp::UnknownChunk,
                        GlbOp::ExtraChunk,
                    ]);
                    self.glb_ops.push(op);
                    self.note(format!("GLB container: {op:?}"));
                } else {
                    self.as_glb = true;
                    self.note("packed as a GLB without a BIN chunk".into());
                }
                true
            }
            20 => {
                let scene = self.rng.below(self.count_of("scenes") + 1);
                self.options.scene = Some(scene);
                self.note(format!("ImportOptions::scene = {scene}"));
                true
            }
            _ => {
                // Odd but legal: unknown used extensions, unused accessors, an empty scene.
                match self.rng.below(3) {
                    0 => {
                        if self.doc.get("extensionsUsed").is_none() {
                            self.put("", "extensionsUsed", json!([]));
                        }
                        self.push("/extensionsUsed", json!("EXT_museion_unknown"));
                        self.note("unknown extension in extensionsUsed".into());
                    }
                    1 => {
                        if self.doc.get("accessors").is_none() {
                            self.put("", "accessors", json!([]));
                        }
                        self.push(
                            "/accessors",
                            json!({"componentType": 5126, "count": 1_000_000, "type": "VEC4"}),
                        );
                        self.note("unused accessor of 1e6 zero VEC4s".into());
                    }
                    _ => {
                        if self.doc.get("scenes").is_none() {
                            self.put("", "scenes", json!([]));
                        }
                        self.push("/scenes", json!({}));
                        self.note("empty scene added".into());
                    }
                }
                true
            }
        }
    }

    /// Sets one of `keys` of a random element of `/collection` to a value from `value`.
    fn free_field(&mut self, collection: &str, keys: &[&str], value: impl Fn(&mut Rng) -> Value) -> bool {
        let n = self.count_of(collection);
        if n == 0 {
            return false;
        }
        let index = self.rng.below(n);
        let key = self.rng.pick(keys);
        let value = value(&mut self.rng);
        self.note(format!("/{collection}/{index}/{key} = {value}"));
        self.put(&format!("/{collection}/{index}"), key, value)
    }

    fn free_extension_values(&mut self) -> bool {
        match self.rng.below(4) {
            0 => {
                let n = self.count_of("materials");
                if n == 0 {
                    return false;
                }
                let m = self.rng.below(n);
                let transform = self.rng.pick(&[
                    json!({"offset": [1e39, 0.0]}),
                    json!({"scale": "big"}),
                    json!({"rotation": 1e30, "texCoord": 7}),
                    json!({"texCoord": 1u64 << 32}),
                    json!([]),
                ]);
                let strength = self.rng.pick(&[json!(-1.0), json!(1e39), json!(0.0), json!("x")]);
                self.note(format!(
                    "/materials/{m}: texture transform {transform}, emissive strength {strength}"
                ));
                self.put(
                    &format!("/materials/{m}"),
                    "emissiveTexture",
                    json!({"index": 0, "extensions": {"KHR_texture_transform": transform}}),
                );
                self.put(
                    &format!("/materials/{m}"),
                    "extensions",
                    json!({"KHR_materials_emissive_strength": {"emissiveStrength": strength}, "KHR_materials_unlit": {}}),
                )
            }
            1 => {
                let light = self.rng.pick(&[
                    json!({"type": "spot", "spot": {"innerConeAngle": 2.0, "outerConeAngle": -1.0}}),
                    json!({"type": "point", "range": -5.0, "intensity": -1.0}),
                    json!({"type": "directional", "color": [1e39, 0.0, 0.0]}),
                    json!({"type": "area"}),
                    json!({"type": "spot", "spot": {"outerConeAngle": 0.0}}),
                ]);
                self.note(format!("light {light} added and used by node 0"));
                self.put(
                    "",
                    "extensions",
                    json!({"KHR_lights_punctual": {"lights": [light]}}),
                );
                let light = self.rng.below(2);
                if self.count_of("nodes") > 0 {
                    self.put(
                        "/nodes/0",
                        "extensions",
                        json!({"KHR_lights_punctual": {"light": light}}),
                    );
                }
                true
            }
            2 => {
                let camera = self.rng.pick(&[
                    json!({"type": "perspective", "perspective": {"yfov": 0.0, "znear": 0.1}}),
                    json!({"type": "perspective", "perspective": {"yfov": 1.0, "znear": 1.0, "zfar": 0.5, "aspectRatio": -1.0}}),
                    json!({"type": "perspective"}),
                    json!({"type": "orthographic", "orthographic": {"xmag": 0.0, "ymag": 1.0, "znear": 0.0, "zfar": 1.0}}),
                    json!({"type": "orthographic", "orthographic": {"xmag": 1.0, "ymag": 1.0, "znear": 2.0, "zfar": 1.0}}),
                    json!({"type": "fisheye"}),
                ]);
                self.note(format!("camera {camera} added and used by node 0"));
                if self.doc.get("cameras").is_none() {
                    self.put("", "cameras", json!([]));
                }
                let index = self.count_of("cameras");
                self.push("/cameras", camera);
                if self.count_of("nodes") > 0 {
                    self.put("/nodes/0", "camera", json!(index));
                }
                true
            }
            _ => {
                let n = self.count_of("materials");
                if n == 0 {
                    return false;
                }
                let m = self.rng.below(n);
                let (key, value) = self.rng.pick(&[
                    ("alphaCutoff", json!(-1.0)),
                    ("emissiveFactor", json!([2.0, -1.0, 1e39])),
                    ("normalTexture", json!({"index": 0, "scale": 1e39})),
                    (
                        "occlusionTexture",
                        json!({"index": 0, "strength": 5.0, "texCoord": 9}),
                    ),
                    (
                        "pbrMetallicRoughness",
                        json!({"baseColorFactor": [2.0, -1.0, 0.5, 1.0], "roughnessFactor": -3.0}),
                    ),
                ]);
                self.note(format!("/materials/{m}/{key} = {value}"));
                self.put(&format!("/materials/{m}"), key, value)
            }
        }
    }

    /// Enumerations and special values set to something odd.
    fn free_enum(&mut self) -> bool {
        let n = self.count_of("animations");
        if n > 0 && self.rng.chance(25) {
            let a = self.rng.below(n);
            let (pointer, key, value) = self.rng.pick(&[
                (
                    format!("/animations/{a}/samplers/0"),
                    "interpolation",
                    json!("CUBIC"),
                ),
                (
                    format!("/animations/{a}/samplers/0"),
                    "interpolation",
                    json!("CUBICSPLINE"),
                ),
                (
                    format!("/animations/{a}/channels/0/target"),
                    "path",
                    json!("color"),
                ),
                (
                    format!("/animations/{a}/channels/0/target"),
                    "path",
                    json!("weights"),
                ),
            ]);
            self.note(format!("{pointer}/{key} = {value}"));
            return self.put(&pointer, key, value);
        }
        let (collection, key, value) = self.rng.pick(&[
            ("materials", "alphaMode", json!("FOO")),
            ("materials", "alphaMode", json!("MASK")),
            ("samplers", "magFilter", json!(1)),
            ("samplers", "minFilter", json!(9728 + (1u64 << 32))),
            ("samplers", "wrapS", json!(0)),
            ("cameras", "type", json!("fisheye")),
            ("textures", "source", json!(u32::MAX)),
            ("images", "mimeType", json!("image/gif")),
            ("buffers", "byteLength", json!(0)),
        ]);
        let n = self.count_of(collection);
        if n == 0 {
            return false;
        }
        let index = self.rng.below(n);
        self.note(format!("/{collection}/{index}/{key} = {value}"));
        self.put(&format!("/{collection}/{index}"), key, value)
    }

    /// Buffer and image bytes: flipped, truncated, headers patched.
    fn free_data(&mut self) -> bool {
        if self.rng.chance(50) {
            let n = self.count_of("buffers");
            if n == 0 {
                return false;
            }
            let index = self.rng.below(n);
            let Some(mut bytes) = self.buffer_bytes(index) else {
                return false;
            };
            if bytes.is_empty() {
                return false;
            }
            let what = match self.rng.below(4) {
                0 => {
                    for _ in 0..1 + self.rng.below(16) {
                        let at = self.rng.below(bytes.len());
                        bytes[at] ^= 1 << self.rng.below(8);
                    }
                    "bytes flipped".to_owned()
                }
                1 => {
                    let at = self.rng.below(bytes.len());
                    let len = (1 + self.rng.below(64)).min(bytes.len() - at);
                    bytes[at..at + len].fill(0xFF);
                    format!("{len} bytes at {at} set to 0xFF")
                }
                2 => {
                    let keep = self.rng.below(bytes.len());
                    bytes.truncate(keep);
                    format!("truncated to {keep} bytes")
                }
                _ => {
                    bytes.extend(std::iter::repeat_n(0xAB, 1 + self.rng.below(100)));
                    "extended".to_owned()
                }
            };
            self.store_buffer(index, &bytes);
            self.note(format!("buffer {index}: {what}"));
            return true;
        }
        let n = self.count_of("images");
        if n == 0 {
            return false;
        }
        let index = self.rng.below(n);
        let Some((mut bytes, at)) = self.image_bytes(index) else {
            return false;
        };
        if bytes.len() < 32 {
            return false;
        }
        let what = match self.rng.below(5) {
            0 if is_png(&bytes) => {
                let (w, h) = self
                    .rng
                    .pick(&[(1, 1), (3, 5), (16_384, 16_384), (0, 4), (4096, 1)]);
                patch_png_size(&mut bytes, w, h);
                format!("PNG IHDR says {w}x{h}")
            }
            0 => {
                let Some(sof) = jpeg_sof(&bytes) else { return false };
                let (w, h) = self
                    .rng
                    .pick(&[(0u16, 0u16), (1, 1), (16_384, 16_384), (65_535, 1)]);
                bytes[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
                bytes[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
                format!("JPEG SOF says {w}x{h}")
            }
            1 if bytes.starts_with(&KTX2_MAGIC) && bytes.len() > 104 => {
                let (w, h) =
                    self.rng
                        .pick(&[(0u32, 1u32), (16_384, 16_384), (1 << 20, 1), (u32::MAX, u32::MAX)]);
                bytes[20..24].copy_from_slice(&w.to_le_bytes());
                bytes[24..28].copy_from_slice(&h.to_le_bytes());
                if self.rng.chance(50) {
                    bytes[12..16].copy_from_slice(&37u32.to_le_bytes()); // R8G8B8A8_UNORM
                    bytes[44..48].copy_from_slice(&self.rng.pick(&[0u32, 2]).to_le_bytes());
                }
                format!("KTX2 header says {w}x{h}")
            }
            2 => {
                let keep = 8 + self.rng.below(bytes.len() - 8);
                bytes.truncate(keep);
                format!("truncated to {keep} bytes")
            }
            3 => {
                for _ in 0..1 + self.rng.below(32) {
                    let at = self.rng.below(bytes.len());
                    bytes[at] = self.rng.next_u64() as u8;
                }
                "bytes changed".to_owned()
            }
            _ => {
                let keep = bytes.len().min(64);
                bytes.truncate(keep);
                bytes
                    .iter_mut()
                    .skip(8)
                    .for_each(|b| *b = b.wrapping_mul(31).wrapping_add(7));
                "replaced by garbage after its signature".to_owned()
            }
        };
        self.store_image(index, at, &bytes);
        self.note(format!("image {index}: {what}"));
        true
    }

    // --- writing the case ---------------------------------------------------------------

    fn finish(mut self) -> Case {
        let mut text = to_json(&self.doc);
        for &depth in &self.deep {
            // Only the marker as written: a later mutation may have changed it.
            let marker = format!("{{\"{DEEP_MARKER}\":{depth}}}");
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            text = String::from_utf8(text)
                .expect("serde_json writes UTF-8")
                .replacen(&marker, &deep, 1)
                .into_bytes();
        }
        for op in self.text_ops.clone() {
            apply_text_op(&mut text, op, &mut self.rng);
        }
        let glb = self.seed.glb || self.as_glb;
        let mut bytes = if glb {
            pack_glb(&text, self.bin.as_deref())
        } else {
            text
        };
        for op in self.glb_ops.clone() {
            apply_glb_op(&mut bytes, op, &mut self.rng);
        }
        let name = format!("case{:04}.{}", self.id, if glb { "glb" } else { "gltf" });
        let dir = self.seed.dir.clone();
        let (input, file) = if self.rng.chance(75) {
            let path = dir.join(&name);
            std::fs::write(&path, &bytes).expect("write a case file");
            (Input::Path(path.clone()), path)
        } else {
            let name = PathBuf::from(name);
            (
                Input::Bytes {
                    bytes,
                    name: name.clone(),
                    base: dir,
                },
                name,
            )
        };
        Case {
            id: self.id,
            label: self.seed.label.clone(),
            notes: self.notes,
            must_reject: self.must_reject,
            file,
            input,
            options: self.options,
        }
    }
}

const DEEP_MARKER: &str = "__museion_deep__";

// ---------------------------------------------------------------------------------------
// Byte-level edits
// ---------------------------------------------------------------------------------------

fn apply_text_op(text: &mut Vec<u8>, op: TextOp, rng: &mut Rng) {
    match op {
        TextOp::Truncate => {
            let keep = 1 + rng.below(text.len().saturating_sub(1).max(1));
            text.truncate(keep.min(text.len() - 1));
        }
        TextOp::BadNumber | TextOp::HugeNumber => {
            let spans = number_spans(text);
            let (start, end) = if spans.is_empty() {
                (text.len() - 1, text.len() - 1) // before the closing brace: still not JSON
            } else {
                spans[rng.below(spans.len())]
            };
            let token: &[u8] = if matches!(op, TextOp::HugeNumber) {
                b"1e999"
            } else {
                rng.pick(&[
                    &b"NaN"[..],
                    b"Infinity",
                    b"-",
                    b"0x10",
                    b"+1",
                    b".5",
                    b"1.",
                    b"--1",
                    b"1e",
                ])
            };
            text.splice(start..end, token.iter().copied());
        }
        TextOp::FlipByte => {
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(text.len());
                text[at] ^= 1 << rng.below(8);
            }
        }
        TextOp::InsertGarbage => {
            let at = rng.below(text.len());
            let garbage = rng.pick(&[&b"\0"[..], b"}", b",", b"\"", b"[[[", b"null", b"\xFF\xFE"]);
            text.splice(at..at, garbage.iter().copied());
        }
        TextOp::Bom => {
            text.splice(0..0, *b"\xEF\xBB\xBF");
        }
        TextOp::DuplicateAsset => {
            text.splice(1..1, *br#""asset":{"version":"2.0"},"#);
        }
        TextOp::InvalidUtf8 => {
            if let Some(quote) = text.iter().position(|&b| b == b'"') {
                text.insert(quote + 1, 0xC3);
            }
        }
    }
}

/// Byte ranges of number literals outside strings.
fn number_spans(text: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let (mut i, mut in_string) = (0, false);
    while i < text.len() {
        let c = text[i];
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
        } else if c == b'"' {
            in_string = true;
            i += 1;
        } else if c == b'-' || c.is_ascii_digit() {
            let start = i;
            while i < text.len() && matches!(text[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

fn apply_glb_op(glb: &mut Vec<u8>, op: GlbOp, rng: &mut Rng) {
    let json_len = u32::from_le_bytes([glb[12], glb[13], glb[14], glb[15]]) as usize;
    match op {
        GlbOp::Version => {
            let version = rng.pick(&[0u32, 1, 3, u32::MAX]);
            glb[4..8].copy_from_slice(&version.to_le_bytes());
        }
        GlbOp::LengthBit => glb[8 + rng.below(4)] ^= 1 << rng.below(8),
        GlbOp::Truncate => {
            let keep = rng.below(glb.len());
            glb.truncate(keep);
        }
        GlbOp::FirstChunkType => {
            let tag = rng.pick(&[*b"BIN\0", *b"json", *b"XXXX", [0; 4]]);
            glb[16..20].copy_from_slice(&tag);
        }
        GlbOp::JsonChunkTooLong => {
            let remaining = glb.len() - 20;
            let claim =
                rng.pick(&[remaining as u64 + 1, remaining as u64 + 4096, u64::from(u32::MAX)]) as u32;
            glb[12..16].copy_from_slice(&claim.to_le_bytes());
        }
        GlbOp::JsonChunkShrunk => {
            let shrink = 4 * (1 + rng.below(json_len / 4));
            let claim = (json_len - shrink.min(json_len)) as u32;
            glb[12..16].copy_from_slice(&claim.to_le_bytes());
        }
        GlbOp::SwapChunks => {
            let json_end = 20 + json_len;
            let (head, rest) = glb.split_at(12);
            let (json, bin) = rest.split_at(json_end - 12);
            let swapped: Vec<u8> = head.iter().chain(bin).chain(json).copied().collect();
            *glb = swapped;
        }
        GlbOp::HeaderByte => {
            let at = rng.below(28.min(glb.len()));
            glb[at] = rng.next_u64() as u8;
        }
        GlbOp::AppendGarbage => glb.extend(std::iter::repeat_n(0x5A, 1 + rng.below(64))),
        GlbOp::UnknownChunk | GlbOp::ExtraChunk => {
            let tag = if matches!(op, GlbOp::UnknownChunk) {
                *b"EXT\0"
            } else {
                rng.pick(&[*b"BIN\0", *b"JSON"])
            };
            let body = vec![0u8; 4 * rng.below(4)];
            glb.extend((body.len() as u32).to_le_bytes());
            glb.extend(tag);
            glb.extend(&body);
            let total = glb.len() as u32;
            glb[8..12].copy_from_slice(&total.to_le_bytes());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Formats: GLB, base64, PNG, JPEG, KTX2
// ---------------------------------------------------------------------------------------

fn to_json(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("a serde_json value serialises")
}

fn pack_glb(json: &[u8], bin: Option<&[u8]>) -> Vec<u8> {
    let pad = |n: usize| n.div_ceil(4) * 4;
    let total = 20 + pad(json.len()) + bin.map_or(0, |b| 8 + pad(b.len()));
    let mut out = Vec::with_capacity(total);
    out.extend(b"glTF");
    out.extend(2u32.to_le_bytes());
    out.extend((total as u32).to_le_bytes());
    out.extend((pad(json.len()) as u32).to_le_bytes());
    out.extend(b"JSON");
    out.extend(json);
    out.resize(20 + pad(json.len()), b' ');
    if let Some(bin) = bin {
        out.extend((pad(bin.len()) as u32).to_le_bytes());
        out.extend(b"BIN\0");
        out.extend(bin);
        out.resize(total, 0);
    }
    out
}

/// The JSON and BIN chunks of a valid GLB.
fn split_glb(glb: &[u8]) -> (Vec<u8>, Option<Vec<u8>>) {
    let u32_at = |at: usize| u32::from_le_bytes([glb[at], glb[at + 1], glb[at + 2], glb[at + 3]]) as usize;
    let json_len = u32_at(12);
    let json = glb[20..20 + json_len].to_vec();
    let bin_at = 20 + json_len;
    let bin = (bin_at + 8 <= glb.len() && &glb[bin_at + 4..bin_at + 8] == b"BIN\0")
        .then(|| glb[bin_at + 8..bin_at + 8 + u32_at(bin_at)].to_vec());
    (json, bin)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn data_uri(mime: &str, bytes: &[u8]) -> String {
    let mut out = format!("data:{mime};base64,");
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn decode_data_uri(uri: &str) -> Option<Vec<u8>> {
    let (header, payload) = uri.split_once(',')?;
    if !header.ends_with(";base64") {
        return None;
    }
    let mut out = Vec::with_capacity(payload.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0);
    for c in payload.bytes().filter(|&c| c != b'=') {
        let v = BASE64.iter().position(|&b| b == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

const KTX2_MAGIC: [u8; 12] = [
    0xAB, 0x4B, 0x54, 0x58, 0x20, 0x32, 0x30, 0xBB, 0x0D, 0x0A, 0x1A, 0x0A,
];

fn is_png(bytes: &[u8]) -> bool {
    bytes.len() >= 33 && bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR"
}

/// Rewrites the PNG `IHDR` size and its CRC, so that decoders read the new size.
fn patch_png_size(png: &mut [u8], width: u32, height: u32) {
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Offset of the first JPEG start-of-frame marker (its `FF`), whose segment holds the
/// height at +5 and the width at +7.
fn jpeg_sof(bytes: &[u8]) -> Option<usize> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 9 < bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return Some(at);
        }
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        at += 2 + len;
    }
    None
}

// ---------------------------------------------------------------------------------------
// JSON helpers
// ---------------------------------------------------------------------------------------

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every value of the document with its JSON pointer.
fn walk(doc: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), doc)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    stack.push((format!("{pointer}/{i}"), item));
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    stack.push((format!("{pointer}/{}", escape(key)), item));
                }
            }
            _ => {}
        }
        out.push((pointer, value));
    }
    out
}

fn as_index(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|v| usize::try_from(v).ok())
}

fn children(node: &Value) -> Vec<usize> {
    node.get("children")
        .and_then(Value::as_array)
        .map_or(Vec::new(), |a| a.iter().filter_map(as_index).collect())
}

/// Bytes of one element of an accessor (matrix columns padded to four bytes).
fn element_size(accessor: &Value) -> Option<usize> {
    let component = match accessor.get("componentType")?.as_u64()? {
        5120 | 5121 => 1,
        5122 | 5123 => 2,
        5125 | 5126 => 4,
        _ => return None,
    };
    let (columns, rows) = match accessor.get("type")?.as_str()? {
        "SCALAR" => (1, 1),
        "VEC2" => (1, 2),
        "VEC3" => (1, 3),
        "VEC4" => (1, 4),
        "MAT2" => (2, 2),
        "MAT3" => (3, 3),
        "MAT4" => (4, 4),
        _ => return None,
    };
    Some(if columns == 1 {
        rows * component
    } else {
        columns * (rows * component).div_ceil(4) * 4
    })
}

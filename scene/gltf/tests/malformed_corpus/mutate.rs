//! Building one case of the malformed corpus from a seed: the random generator, the
//! [`Build`] state, the choice between one must-reject mutation and one to three free ones,
//! and writing the case's files. The mutations themselves live in the submodules:
//! [`document`] (reading and writing the document, its buffers and images), [`reject`]
//! (mutations the importer must reject), [`free`] (mutations with any outcome) and
//! [`byte_edits`] (byte-level edits of the JSON text and the GLB container).

mod byte_edits;
mod document;
mod free;
mod reject;

use crate::SEED;
use crate::run::{Case, Input};
use crate::seeds::SeedModel;
use crate::util::{pack_glb, to_json};
use byte_edits::{apply_glb_op, apply_text_op};
use museion_gltf::ImportOptions;
use serde_json::{Value, json};
use std::path::PathBuf;

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

pub(crate) struct Build<'a> {
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
    pub(crate) fn new(seed: &'a SeedModel, id: usize) -> Self {
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
    pub(crate) fn generate(mut self) -> Case {
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

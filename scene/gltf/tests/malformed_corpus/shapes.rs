//! Hostile shapes of the malformed corpus: files of hostile size or kind, built here rather
//! than mutated, each imported in a child process of the test binary (which re-runs itself
//! with [`SHAPE_ENV`] and [`SHAPE_DIR_ENV`] set and the test filter
//! `--exact hostile_shape_in_child_process`, a test of `main.rs`).

use crate::CASE_LIMIT;
use crate::seeds::shared_root;
use crate::util::{data_uri, jpeg_sof, to_json};
use serde_json::{Value, json};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Names the shape a child process must import.
pub(crate) const SHAPE_ENV: &str = "MUSEION_CORPUS_SHAPE";
/// The directory a child process writes its shape in.
pub(crate) const SHAPE_DIR_ENV: &str = "MUSEION_CORPUS_SHAPE_DIR";

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
pub(crate) fn run_shapes(dir: &Path, problems: &mut Vec<String>) -> Vec<String> {
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

/// Writes the shape's files into `dir`; returns the document's path.
pub(crate) fn write_shape(shape: &str, dir: &Path) -> PathBuf {
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
            // Used (through an image a texture shows), so that it is read.
            json!({
                "asset": {"version": "2.0"},
                "buffers": [{"byteLength": 4, "uri": "fifo.bin"}],
                "bufferViews": [{"buffer": 0, "byteLength": 4}],
                "images": [{"bufferView": 0, "mimeType": "image/png"}],
                "textures": [{"source": 0}]
            })
        }
        "jpeg-sof-claiming-16384-squared" => {
            let mut jpeg = std::fs::read(shared_root().join("DamagedHelmet/Default_albedo.jpg"))
                .expect("read a shared JPEG");
            let sof = jpeg_sof(&jpeg).expect("the JPEG has a start-of-frame segment");
            jpeg[sof + 5..sof + 9].copy_from_slice(&[0x40, 0x00, 0x40, 0x00]);
            std::fs::write(dir.join("huge.jpg"), &jpeg).expect("write the patched JPEG");
            json!({"asset": {"version": "2.0"}, "images": [{"uri": "huge.jpg"}], "textures": [{"source": 0}]})
        }
        other => panic!("unknown shape {other}"),
    };
    std::fs::write(&path, to_json(&doc)).expect("write a shape");
    path
}

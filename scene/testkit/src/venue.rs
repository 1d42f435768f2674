//! Venue test data: the documented example with its assets, a model built on
//! the spot, images, and ray casts against a compiled scene.

// In test helpers a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used)]

use crate::gltf::Gltf;
use museion_scene::Scene;
use museion_scene::glam::Vec3;
use serde_json::json;
use std::path::{Path, PathBuf};

/// The complete example of `docs/venue-format.md`: its only ```toml block.
pub fn documented_example() -> String {
    let doc = crate::workspace_root().join("docs/venue-format.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    let start = text
        .find("```toml\n")
        .expect("the format doc has a ```toml example")
        + "```toml\n".len();
    let end = start + text[start..].find("```").expect("the example block ends");
    text[start..end].to_owned()
}

/// A four-sided pyramid 0.6 m across and 1 m high, its base centred on the origin, as a
/// `.glb` at `path`.
pub fn write_pyramid(path: &Path) {
    let mut g = Gltf::new();
    let points = [
        [-0.3, 0.0, -0.3],
        [0.3, 0.0, -0.3],
        [0.3, 0.0, 0.3],
        [-0.3, 0.0, 0.3],
        [0.0, 1.0, 0.0],
    ];
    let positions = g.positions(&points);
    let indices = g.indices_u16(&[0, 1, 2, 0, 2, 3, 0, 4, 1, 1, 4, 2, 2, 4, 3, 3, 4, 0]);
    g.mesh_node(json!({ "attributes": { "POSITION": positions }, "indices": indices }));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, g.glb()).unwrap();
}

/// A `width` × `height` PNG at `path`.
pub fn write_png(path: &Path, width: u32, height: u32) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 120, 255])
    });
    image.save(path).unwrap();
}

/// Writes the documented example and its assets (a 300 × 200 painting, a pyramid as
/// the bust) into `dir`; returns the venue file's path.
pub fn write_example(dir: &Path) -> PathBuf {
    write_png(&dir.join("art/sunflowers.png"), 300, 200);
    write_pyramid(&dir.join("models/bust.glb"));
    let path = dir.join("venue.toml");
    std::fs::write(&path, documented_example()).unwrap();
    path
}

/// Distances along the ray `origin + t * dir` (dir of unit length, t in 0..max) at which
/// it crosses a triangle of the scene, either side, sorted.
pub fn ray_hits(scene: &Scene, origin: Vec3, dir: Vec3, max: f32) -> Vec<f32> {
    let mut hits = Vec::new();
    for instance in scene.instances() {
        let primitive = &scene.meshes[instance.mesh.index()].primitives[instance.primitive];
        for t in primitive.indices.chunks_exact(3) {
            let [a, b, c] =
                [t[0], t[1], t[2]].map(|i| instance.world.transform_point3(primitive.positions[i as usize]));
            if let Some(d) = ray_triangle(origin, dir, a, b, c)
                && d > 0.0
                && d < max
            {
                hits.push(d);
            }
        }
    }
    hits.sort_by(f32::total_cmp);
    hits
}

/// Möller–Trumbore, two-sided.
fn ray_triangle(origin: Vec3, dir: Vec3, a: Vec3, b: Vec3, c: Vec3) -> Option<f32> {
    let (e1, e2) = (b - a, c - a);
    let p = dir.cross(e2);
    let det = e1.dot(p);
    if det.abs() < 1e-12 {
        return None;
    }
    let s = origin - a;
    let u = s.dot(p) / det;
    let q = s.cross(e1);
    let v = dir.dot(q) / det;
    if u < 0.0 || v < 0.0 || u + v > 1.0 {
        return None;
    }
    Some(e2.dot(q) / det)
}

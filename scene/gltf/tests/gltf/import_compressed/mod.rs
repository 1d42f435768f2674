//! Compressed geometry: the variants in `../shared/gltf/Compressed/` (Draco, meshopt and
//! `KHR_mesh_quantization`; see its README.md) against their uncompressed sources, and
//! truncated or corrupted Draco and meshopt streams, which must give a typed error.
//!
//! Layout: this file holds the loading and the comparisons; `models` compares each
//! variant with its source, `corrupt` mutates the files in memory.

mod corrupt;
mod models;

use museion_gltf::Imported;
use museion_scene::glam::{Mat4, Vec2, Vec3, Vec4};
use museion_scene::{Primitive, Scene, Topology};
use serde_json::Value;

/// Imports `../shared/gltf/<rel>`; a failure fails the test.
fn load(rel: &str) -> Imported {
    let path = museion_testkit::shared_model(rel);
    museion_gltf::import(&path).unwrap_or_else(|e| panic!("importing {}: {e}", path.display()))
}

/// The bytes of `../shared/gltf/<rel>`.
fn read(rel: &str) -> Vec<u8> {
    std::fs::read(museion_testkit::shared_model(rel)).expect("the shared model is readable")
}

/// Triangles over every primitive of every mesh.
fn triangles(scene: &Scene) -> usize {
    scene
        .meshes
        .iter()
        .flat_map(|m| &m.primitives)
        .filter(|p| p.topology == Topology::Triangles)
        .map(|p| p.indices.len() / 3)
        .sum()
}

/// `POSITION` counts as the file declares them (before any vertex was split), per
/// primitive in document order.
fn source_vertex_counts(scene: &Scene) -> Vec<u32> {
    scene
        .meshes
        .iter()
        .flat_map(|m| &m.primitives)
        .map(|p| p.source_vertex_count)
        .collect()
}

/// One vertex in world space with the attributes compared across files.
#[derive(Clone, Copy, Debug)]
struct Vertex {
    position: Vec3,
    normal: Vec3,
    uv: Vec2,
    joints: [u16; 4],
    weights: Vec4,
}

/// One triangle in world space: its centroid and its (unnormalised) face normal.
#[derive(Clone, Copy, Debug)]
struct Triangle {
    centroid: Vec3,
    normal: Vec3,
}

/// Where a mesh node's vertices go: its world matrix, or for a skinned node the bind
/// pose of the reference file (see [`world_geometry`]).
enum Placement {
    Rigid(Mat4),
    /// Per joint: the reference's bind matrix times this file's inverse bind matrix.
    Skinned(Vec<Mat4>),
}

impl Placement {
    fn place(&self, p: &Primitive, i: usize) -> (Vec3, Vec3) {
        let (position, normal) = (p.positions[i], p.normals.get(i).copied().unwrap_or(Vec3::ZERO));
        let matrix = match self {
            Placement::Rigid(m) => *m,
            Placement::Skinned(joints) => {
                let j = p.joints.as_ref().expect("a skinned primitive has JOINTS_0")[i];
                let w = p.weights.as_ref().expect("a skinned primitive has WEIGHTS_0")[i];
                // Quantised weights need not sum to exactly 1; skinning divides by the sum.
                let blend = (0..4).fold(Mat4::ZERO, |sum, k| sum + joints[j[k] as usize] * w[k]);
                blend * (1.0 / w.element_sum())
            }
        };
        let normal = matrix
            .inverse()
            .transpose()
            .transform_vector3(normal)
            .normalize_or_zero();
        (matrix.transform_point3(position), normal)
    }
}

/// Every vertex and triangle of every mesh node of `scene`, in world space; skinned
/// meshes in the bind pose of `reference` (the source file), which both files share:
/// each vertex moved by its joints' `inverse(reference IBM) × IBM`. That is the
/// identity for the source, and the dequantisation for a file whose inverse bind
/// matrices absorbed it, whatever the weights; the animated pose would instead mix the
/// weights' quantisation into the positions.
fn world_geometry(scene: &Scene, reference: &Scene) -> (Vec<Vertex>, Vec<Triangle>) {
    let mut vertices = Vec::new();
    let mut triangles = Vec::new();
    for (id, node) in scene.nodes() {
        let Some(mesh) = node.mesh else { continue };
        let placement = match node.skin {
            Some(skin) => {
                let bind = &reference.skins[skin.index()].inverse_bind_matrices;
                let skin = &scene.skins[skin.index()];
                Placement::Skinned(
                    skin.inverse_bind_matrices
                        .iter()
                        .zip(bind)
                        .map(|(ibm, reference)| reference.inverse() * *ibm)
                        .collect(),
                )
            }
            None => Placement::Rigid(scene.world_matrix(id).expect("live node")),
        };
        for p in &scene.meshes[mesh.index()].primitives {
            let first = vertices.len();
            for i in 0..p.positions.len() {
                let (position, normal) = placement.place(p, i);
                vertices.push(Vertex {
                    position,
                    normal,
                    uv: p.uv0.as_ref().map_or(Vec2::ZERO, |uv| uv[i]),
                    joints: p.joints.as_ref().map_or([0; 4], |j| j[i]),
                    weights: p.weights.as_ref().map_or(Vec4::ZERO, |w| w[i]),
                });
            }
            for t in p.indices.chunks_exact(3) {
                let [a, b, c] = [0, 1, 2].map(|k| vertices[first + t[k] as usize].position);
                triangles.push(Triangle {
                    centroid: (a + b + c) / 3.0,
                    normal: (b - a).cross(c - a),
                });
            }
        }
    }
    (vertices, triangles)
}

impl Vertex {
    /// The total weight of `joint` (a joint may be listed with weight 0, and equal
    /// weights in any order).
    fn weight_of(&self, joint: u16) -> f32 {
        (0..4)
            .filter(|k| self.joints[*k] == joint)
            .map(|k| self.weights[k])
            .sum()
    }

    /// Whether every joint either vertex names has the same weight in both, within `tol`.
    fn same_skinning(&self, other: &Vertex, tol: f32) -> bool {
        self.joints
            .iter()
            .chain(&other.joints)
            .all(|j| (self.weight_of(*j) - other.weight_of(*j)).abs() <= tol)
    }
}

/// The largest extent of the box around `points`.
fn extent(points: impl Iterator<Item = Vec3>) -> f32 {
    let (min, max) = points.fold((Vec3::MAX, Vec3::MIN), |(lo, hi), p| (lo.min(p), hi.max(p)));
    (max - min).max_element()
}

/// Asserts that every item of `a` has a partner in `b` and every item of `b` one in
/// `a`: an item whose `key` lies within `tol` and for which `same` holds. Returns the
/// largest key distance to the nearest partner found, for the messages.
#[track_caller]
fn assert_matched<T: Copy + std::fmt::Debug>(
    a: &[T],
    b: &[T],
    key: impl Fn(&T) -> Vec3,
    tol: f32,
    same: impl Fn(&T, &T) -> bool,
    what: &str,
) -> f32 {
    let mut worst = 0.0f32;
    for (from, to, direction) in [(a, b, "first → second"), (b, a, "second → first")] {
        let mut sorted: Vec<T> = to.to_vec();
        sorted.sort_by(|p, q| key(p).x.total_cmp(&key(q).x));
        let xs: Vec<f32> = sorted.iter().map(|t| key(t).x).collect();
        for item in from {
            let k = key(item);
            let start = xs.partition_point(|x| *x < k.x - tol);
            let partner = sorted[start..]
                .iter()
                .take_while(|t| key(t).x <= k.x + tol)
                .filter(|t| key(t).distance(k) <= tol && same(item, t))
                .map(|t| key(t).distance(k))
                .min_by(f32::total_cmp);
            match partner {
                Some(d) => worst = worst.max(d),
                None => {
                    let nearest = to
                        .iter()
                        .min_by(|p, q| key(p).distance(k).total_cmp(&key(q).distance(k)));
                    panic!(
                        "{what} ({direction}): {item:?} has no partner within {tol}; the nearest is {nearest:?}"
                    )
                }
            }
        }
    }
    worst
}

/// The JSON chunk and binary chunk of a GLB.
fn split_glb(bytes: &[u8]) -> (Value, Vec<u8>) {
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes")) as usize;
    let json_len = u32_at(12);
    let json = serde_json::from_slice(&bytes[20..20 + json_len]).expect("the JSON chunk parses");
    let bin_at = 20 + json_len;
    let bin = match bytes.len() > bin_at {
        true => bytes[bin_at + 8..bin_at + 8 + u32_at(bin_at)].to_vec(),
        false => Vec::new(),
    };
    (json, bin)
}

/// A GLB of `json` and `bin`.
fn join_glb(json: &Value, bin: &[u8]) -> Vec<u8> {
    museion_testkit::gltf::glb(json.to_string().as_bytes(), Some(bin))
}

/// Imports GLB bytes held in memory.
fn import_bytes(bytes: &[u8]) -> museion_gltf::Result<Imported> {
    museion_gltf::import_slice(
        bytes,
        "mutated.glb",
        None,
        &museion_gltf::ImportOptions::default(),
    )
}

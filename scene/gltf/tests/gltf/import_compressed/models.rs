//! Each compressed or quantized variant against its uncompressed source, imported in the
//! same test: triangle counts, the vertex counts the file declares (Draco re-indexes),
//! world-space vertices and triangles within the quantisation of each attribute, skins
//! and animations.
//!
//! The tolerances follow from the encoders' settings in the README of
//! `../shared/gltf/Compressed/`: a quantity stored with `b` bits over a range `r` is off
//! by at most half of `r / (2^b - 1)` per component; a tolerance of one whole step (for
//! a 3D distance, `√3/2` of a step, rounded up) leaves room for float rounding, and
//! nothing more.

use super::{
    Triangle, Vertex, assert_matched, extent, load, source_vertex_counts, triangles, world_geometry,
};
use museion_gltf::Imported;
use museion_scene::glam::Quat;
use museion_scene::{AnimationProperty, Scene};
use std::sync::OnceLock;

fn helmet() -> &'static Imported {
    static CELL: OnceLock<Imported> = OnceLock::new();
    CELL.get_or_init(|| load("DamagedHelmet/DamagedHelmet.gltf"))
}

fn fox() -> &'static Imported {
    static CELL: OnceLock<Imported> = OnceLock::new();
    CELL.get_or_init(|| load("Fox/Fox.glb"))
}

/// How far each compared attribute may be off.
struct Tolerance {
    /// World-space distance of positions and of triangle centroids.
    position: f32,
    /// Distance of texture coordinates.
    uv: f32,
    /// Distance of unit normals (2 compares nothing: normals generated from positions).
    normal: f32,
    /// Difference of each joint's weight.
    weights: f32,
}

/// The only warning a quantised helmet may give: quantisation collapses a few tiny
/// triangles, whose corners get an arbitrary tangent.
#[track_caller]
fn assert_only_degenerate_tangents(imported: &Imported) {
    let warnings = &imported.report.warnings;
    assert!(
        warnings
            .iter()
            .all(|w| w.message.contains("corners of degenerate triangles")),
        "{warnings:?}"
    );
}

/// One step of a `bits`-bit quantisation of `range`.
fn step(range: f32, bits: u32) -> f32 {
    range / ((1u32 << bits) - 1) as f32
}

/// The position error of gltf-transform's `quantize` (also under `meshopt`): 14 bits
/// stored in 16-bit normalised integers as `round(v × 8191) × 4`, read back as `/ 32767`,
/// so besides half a step each component is scaled by 32764/32767 about the centre of
/// `range`. As a 3D distance.
fn quantized_16(range: f32) -> f32 {
    3f32.sqrt() * (step(range, 14) / 2.0 + range / 2.0 * 3.0 / 32767.0)
}

/// Compares the world-space geometry of `variant` with that of `source`; returns the
/// largest position distance found.
#[track_caller]
fn assert_same_geometry(source: &Scene, variant: &Scene, tol: &Tolerance, what: &str) -> f32 {
    let (source_vertices, source_triangles) = world_geometry(source, source);
    let (vertices, variant_triangles) = world_geometry(variant, source);
    let worst = assert_matched(
        &source_vertices,
        &vertices,
        |v: &Vertex| v.position,
        tol.position,
        |a, b| {
            a.uv.distance(b.uv) <= tol.uv
                && a.normal.distance(b.normal) <= tol.normal
                && a.same_skinning(b, tol.weights)
        },
        &format!("{what} vertices"),
    );
    // Every triangle is there, facing the same way (indices decoded right).
    assert_matched(
        &source_triangles,
        &variant_triangles,
        |t: &Triangle| t.centroid,
        tol.position,
        |a, b| a.normal.dot(b.normal) > 0.0 || a.normal.length() < 1e-3 || b.normal.length() < 1e-3,
        &format!("{what} triangles"),
    );
    worst
}

/// Animations of `variant` against `source`, channel by channel (matched by clip, node
/// name and property): the same clips and channel counts, times exactly, rotations
/// within `rotation` (q and −q are the same rotation), translations within
/// `translation`.
#[track_caller]
fn assert_same_animations(source: &Scene, variant: &Scene, rotation: f32, translation: f32) {
    let names = |s: &Scene| s.animations.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(variant), names(source));
    assert_eq!(source.animations.len(), 3);
    let node_name = |s: &Scene, id| s.node(id).and_then(|n| n.name.clone()).expect("named node");
    for (a, b) in source.animations.iter().zip(&variant.animations) {
        assert_eq!(a.channels.len(), 21, "{:?}", a.name);
        assert_eq!(b.channels.len(), 21, "{:?}", b.name);
        for ca in &a.channels {
            let target = node_name(source, ca.target);
            let cb = b
                .channels
                .iter()
                .find(|cb| cb.property == ca.property && node_name(variant, cb.target) == target)
                .unwrap_or_else(|| panic!("{:?}: no {:?} channel for {target}", b.name, ca.property));
            let (sa, sb) = (&a.samplers[ca.sampler], &b.samplers[cb.sampler]);
            assert_eq!(sb.times, sa.times, "{:?} {target} times", a.name);
            assert_eq!(sb.values.len(), sa.values.len());
            match ca.property {
                AnimationProperty::Rotation => {
                    for (qa, qb) in sa.values.chunks_exact(4).zip(sb.values.chunks_exact(4)) {
                        let (qa, qb) = (Quat::from_slice(qa), Quat::from_slice(qb));
                        assert!(
                            qa.abs_diff_eq(qb, rotation) || qa.abs_diff_eq(-qb, rotation),
                            "{:?} {target} rotation {qb:?}, source {qa:?}",
                            a.name
                        );
                    }
                }
                _ => {
                    for (va, vb) in sa.values.iter().zip(&sb.values) {
                        assert!(
                            (va - vb).abs() <= translation,
                            "{:?} {target} {:?} {vb}, source {va}",
                            a.name,
                            ca.property
                        );
                    }
                }
            }
        }
    }
}

/// The skin of `variant` has the joints of `source`'s, by name and in order: 24 for Fox.
#[track_caller]
fn assert_same_skin(source: &Scene, variant: &Scene) {
    let joints = |s: &Scene| {
        s.skins[0]
            .joints
            .iter()
            .map(|j| s.node(*j).and_then(|n| n.name.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(source.skins.len(), 1);
    assert_eq!(variant.skins.len(), 1);
    assert_eq!(joints(variant).len(), 24);
    assert_eq!(joints(variant), joints(source));
}

#[test]
fn damaged_helmet_draco_decodes_to_the_source_within_its_quantisation() {
    let source = &helmet().scene;
    let draco = load("Compressed/DamagedHelmet_draco.glb");
    assert_eq!(triangles(source), 46_356 / 3);
    assert_eq!(triangles(&draco.scene), triangles(source));
    assert_eq!(source_vertex_counts(source), [14_359]);
    assert_eq!(
        source_vertex_counts(&draco.scene),
        [14_412],
        "Draco re-indexes vertices"
    );
    assert_only_degenerate_tangents(&draco);
    let (vertices, _) = world_geometry(source, source);
    // POSITION 14 bits over the largest extent, NORMAL 10 bits (octahedral, two
    // components over [-1, 1]), TEXCOORD 12 bits over the UV range.
    let uv_range = extent(vertices.iter().map(|v| v.uv.extend(0.0)));
    let tol = Tolerance {
        position: step(extent(vertices.iter().map(|v| v.position)), 14),
        uv: step(uv_range, 12),
        normal: 4.0 * step(2.0, 10),
        weights: 0.0,
    };
    let worst = assert_same_geometry(source, &draco.scene, &tol, "DamagedHelmet_draco");
    assert!(worst > 0.0, "a quantised file cannot match exactly");
}

#[test]
fn damaged_helmet_meshopt_decodes_to_the_source_within_its_quantisation() {
    let source = &helmet().scene;
    let meshopt = load("Compressed/DamagedHelmet_meshopt.glb");
    assert_eq!(triangles(&meshopt.scene), triangles(source));
    assert_eq!(source_vertex_counts(&meshopt.scene), [14_359]);
    assert_only_degenerate_tangents(&meshopt);
    let (vertices, _) = world_geometry(source, source);
    // POSITION 14 bits in 16-bit integers, NORMAL 8-bit octahedral, TEXCOORD as floats.
    let tol = Tolerance {
        position: quantized_16(extent(vertices.iter().map(|v| v.position))),
        uv: 1e-6,
        normal: 4.0 * step(2.0, 8),
        weights: 0.0,
    };
    assert_same_geometry(source, &meshopt.scene, &tol, "DamagedHelmet_meshopt");
}

#[test]
fn fox_draco_keeps_skin_and_animations_and_decodes_within_its_quantisation() {
    let source = &fox().scene;
    let draco = load("Compressed/Fox_draco.glb");
    assert_eq!(triangles(source), 576);
    assert_eq!(triangles(&draco.scene), 576);
    assert_eq!(source_vertex_counts(source), [1728]);
    assert_eq!(source_vertex_counts(&draco.scene), [434], "434 unique vertices");
    let (vertices, _) = world_geometry(source, source);
    // Normals are generated (flat) from the positions, so they are not compared.
    let tol = Tolerance {
        position: step(extent(vertices.iter().map(|v| v.position)), 14),
        uv: step(1.0, 12),
        normal: 2.0,
        weights: step(1.0, 12),
    };
    assert_same_geometry(source, &draco.scene, &tol, "Fox_draco");
    assert_same_skin(source, &draco.scene);
    // The animation data is stored as it was.
    assert_same_animations(source, &draco.scene, 0.0, 0.0);
}

#[test]
fn fox_meshopt_decodes_geometry_and_quantised_animation_tracks() {
    let source = &fox().scene;
    let meshopt = load("Compressed/Fox_meshopt.glb");
    assert_eq!(triangles(&meshopt.scene), 576);
    assert_eq!(source_vertex_counts(&meshopt.scene), [1728]);
    let (vertices, _) = world_geometry(source, source);
    // POSITION 14 bits (the inverse bind matrices undo the quantisation), TEXCOORD as
    // 16-bit and WEIGHTS as 8-bit normalised integers.
    let tol = Tolerance {
        position: quantized_16(extent(vertices.iter().map(|v| v.position))),
        uv: step(1.0, 12),
        normal: 2.0,
        weights: step(1.0, 8),
    };
    assert_same_geometry(source, &meshopt.scene, &tol, "Fox_meshopt");
    assert_same_skin(source, &meshopt.scene);
    // Rotations as 16-bit quaternions, translations with the exponential filter.
    assert_same_animations(source, &meshopt.scene, 3e-5, 0.016);
}

#[test]
fn alien_quantized_reads_normalised_integer_positions_and_normals() {
    let source = load("Kenney/alien.glb");
    let quantized = load("Compressed/alien_quantized.glb");
    assert_eq!(triangles(&quantized.scene), triangles(&source.scene));
    assert_eq!(
        source_vertex_counts(&quantized.scene),
        source_vertex_counts(&source.scene)
    );
    let (vertices, _) = world_geometry(&source.scene, &source.scene);
    let (quantized_vertices, _) = world_geometry(&quantized.scene, &source.scene);
    // The README's figure for the top of the model: 0.843187 against 0.843184.
    let top = |v: &[Vertex]| v.iter().map(|v| v.position.y).fold(f32::MIN, f32::max);
    assert!((top(&vertices) - 0.843184).abs() < 1e-6, "{}", top(&vertices));
    assert!(
        (top(&quantized_vertices) - 0.843187).abs() < 1e-6,
        "{}",
        top(&quantized_vertices)
    );
    // POSITION 14 bits per mesh (each smaller than the model), NORMAL 10 bits in 16-bit
    // integers, TEXCOORD kept as floats.
    let tol = Tolerance {
        position: quantized_16(extent(vertices.iter().map(|v| v.position))),
        uv: 1e-6,
        normal: 4.0 * step(2.0, 10),
        weights: 0.0,
    };
    assert_same_geometry(&source.scene, &quantized.scene, &tol, "alien_quantized");
}

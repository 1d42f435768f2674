//! MorphStressTest: counts, bounds and warnings, materials with embedded PNGs, morph
//! targets with their default weights, and the animations.

use super::{
    Expected, LINEAR_MIPMAP_LINEAR_REPEAT, MAT, Mat, NO_COUNTS, Prim, assert_pixel, check_images,
    check_materials, check_model, check_textures, close, load, node_by_name, node_name, prim,
};
use museion_gltf::{DocumentCounts, Imported};
use museion_scene::glam::Vec3;
use museion_scene::{AnimationProperty, ImageSourceFormat, Interpolation};
use std::sync::OnceLock;

model!(morph_stress, "MorphStressTest/MorphStressTest.gltf");

#[rustfmt::skip]
const MORPH_STRESS_PRIMS: &[Prim] = &[
    prim(0, 0, 24, 36, 0, [-2.0, -0.100000024, -0.5], [2.0, 0.0, 0.5]),
    prim(0, 1, 1504, 7200, 1, [-1.875, 0.0, -0.25], [1.875, 0.5, 0.25]),
];

const MORPH_STRESS: Expected = Expected {
    file: "MorphStressTest",
    generator: Some("Khronos glTF Blender I/O v3.6.11"),
    extensions_used: &[],
    counts: DocumentCounts {
        nodes: 1,
        meshes: 1,
        primitives: 2,
        materials: 2,
        textures: 3,
        images: 3,
        samplers: 1,
        accessors: 48,
        animations: 3,
        ..NO_COUNTS
    },
    scene_nodes: &["Main"],
    mesh_nodes: &[("Main", 0)],
    // (36 + 7200) / 3 and 24 + 1504.
    triangles: 2412,
    vertices: 1528,
    bounds: ([-2.0, -0.100000024, -0.5], [2.0, 0.5, 0.5]),
    primitives: MORPH_STRESS_PRIMS,
    warnings: &[],
};

#[test]
fn morph_stress_counts_geometry_bounds_instances_and_warnings() {
    check_model(&MORPH_STRESS, morph_stress());
}

#[test]
fn morph_stress_materials_and_embedded_pngs() {
    let m = morph_stress();
    check_materials(
        "MorphStressTest",
        m,
        &[
            Mat {
                name: "Base",
                base_tex: Some((1, 0)),
                occlusion_tex: Some((0, 1)),
                metallic: 0.0,
                roughness: 0.4000000059604645,
                double_sided: true,
                ..MAT
            },
            Mat {
                name: "TestMaterial",
                base_tex: Some((2, 0)),
                metallic: 0.0,
                roughness: 0.5,
                double_sided: true,
                ..MAT
            },
        ],
    );
    check_textures("MorphStressTest", m, &[(None, 0), (None, 1), (None, 2)]);
    assert_eq!(m.scene.samplers, vec![LINEAR_MIPMAP_LINEAR_REPEAT]);
    let png = ImageSourceFormat::Png;
    check_images(
        "MorphStressTest",
        m,
        &[
            (Some("Base_AO"), 1024, 1024, png),
            (Some("TinyGrid"), 64, 64, png),
            (Some("ColorSwatches"), 64, 64, png),
        ],
    );
    assert_pixel(m, 1, 0, 0, [40, 40, 40, 255]);
    assert_pixel(m, 1, 5, 9, [209, 209, 209, 255]);
    assert_pixel(m, 2, 0, 0, [229, 177, 22, 255]);
    assert_pixel(m, 2, 16, 20, [164, 229, 22, 255]);
    assert_pixel(m, 2, 63, 63, [0, 0, 0, 255]);
    // Both primitives have TEXCOORD_0 and TEXCOORD_1 (occlusion reads set 1).
    for p in &m.scene.meshes[0].primitives {
        assert!(p.uv0.is_some() && p.uv1.is_some());
    }
}

#[test]
fn morph_stress_targets_and_default_weights() {
    let scene = &morph_stress().scene;
    let mesh = &scene.meshes[0];
    // meshes[0].weights = [0; 8]; each primitive has 8 targets of POSITION and NORMAL.
    assert_eq!(mesh.weights, vec![0.0; 8]);
    assert_eq!(mesh.name.as_deref(), Some("Cube.001"));
    let node = scene.node(node_by_name(scene, "Main")).expect("live");
    assert_eq!(node.morph_weights, None, "the node has no weights of its own");
    for (p, primitive) in mesh.primitives.iter().enumerate() {
        assert_eq!(primitive.morph_targets.len(), 8, "primitive {p}");
        let n = primitive.vertex_count();
        for (t, target) in primitive.morph_targets.iter().enumerate() {
            assert_eq!(target.positions.len(), n, "primitive {p} target {t}");
            assert_eq!(target.normals.len(), n, "primitive {p} target {t}");
            assert!(target.tangents.is_empty(), "primitive {p} target {t}");
        }
    }
    // Primitive 0's targets move nothing (accessor min = max = 0).
    for target in &mesh.primitives[0].morph_targets {
        assert!(target.positions.iter().all(|d| *d == Vec3::ZERO));
    }
    // Primitive 1: target k lifts by up to 1 in y the 94 vertices of the bar whose base
    // x lies in [-1.875 + 0.5 k, -1.625 + 0.5 k] (counted in Python from the data).
    let p = &mesh.primitives[1];
    for (k, target) in p.morph_targets.iter().enumerate() {
        let moved: Vec<usize> = (0..p.vertex_count())
            .filter(|&v| target.positions[v] != Vec3::ZERO)
            .collect();
        assert_eq!(moved.len(), 94, "target {k}");
        let lo = -1.875 + 0.5 * k as f32;
        let hi = lo + 0.25;
        for &v in &moved {
            let x = p.positions[v].x;
            assert!(
                x >= lo - 1e-6 && x <= hi + 1e-6,
                "target {k} moves vertex {v} at x {x}"
            );
        }
        let max_y = target.positions.iter().map(|d| d.y).fold(f32::MIN, f32::max);
        let min_y = target.positions.iter().map(|d| d.y).fold(f32::MAX, f32::min);
        assert!(
            close(max_y, 1.0, 1e-6) && close(min_y, 0.0, 1e-6),
            "target {k}: y {min_y}..{max_y}"
        );
        let max_x = target.positions.iter().map(|d| d.x.abs()).fold(0.0, f32::max);
        assert!(close(max_x, 0.05, 1e-6), "target {k}: |x| up to {max_x}");
    }
}

#[test]
fn morph_stress_animations() {
    let scene = &morph_stress().scene;
    // One weights channel per animation on node 0 ("Main"); output = keys * 8 targets.
    let expected = [
        ("Individuals", 225, 9.333333015441895f32),
        ("Pulse", 153, 6.333333492279053),
        ("TheWave", 48, 1.9583333730697632),
    ];
    assert_eq!(scene.animations.len(), 3);
    for (animation, (name, keys, duration)) in scene.animations.iter().zip(expected) {
        assert_eq!(animation.name.as_deref(), Some(name));
        assert_eq!(animation.channels.len(), 1, "{name}");
        assert_eq!(animation.samplers.len(), 1, "{name}");
        let channel = &animation.channels[0];
        assert_eq!(channel.property, AnimationProperty::MorphWeights, "{name}");
        assert_eq!(node_name(scene, channel.target), Some("Main"));
        let sampler = &animation.samplers[0];
        assert_eq!(sampler.interpolation, Interpolation::Linear);
        assert_eq!(sampler.times.len(), keys, "{name} keys");
        assert_eq!(sampler.values.len(), keys * 8, "{name} values");
        assert!(
            close(animation.duration(), duration, 1e-6),
            "{name}: {}",
            animation.duration()
        );
        // Key 1: time 1/24, weight of target 0 is 0.00318518397398293, the rest 0.
        assert!(close(sampler.times[1], 0.0416666679084301, 1e-7), "{name}");
        assert!(close(sampler.values[8], 0.00318518397398293, 1e-7), "{name}");
        assert!(sampler.values[9..16].iter().all(|w| *w == 0.0), "{name}");
    }
}

//! DamagedHelmet: counts, bounds and warnings, materials with JPEG images, the node's
//! rotation, and tangents generated unit-length, orthogonal and signed.

use super::{
    Expected, MAT, Mat, NO_COUNTS, Prim, assert_trs, check_images, check_materials, check_model,
    check_textures, close, load, prim,
};
use museion_gltf::{DocumentCounts, Imported};
use museion_scene::{Filter, ImageSourceFormat, MinFilter, Sampler, WrapMode};
use std::sync::OnceLock;

model!(damaged_helmet, "DamagedHelmet/DamagedHelmet.gltf");

#[rustfmt::skip]
const DAMAGED_HELMET_PRIMS: &[Prim] = &[
    prim(0, 0, 14359, 46356, 0, [-0.944976985, -1.0, -0.900995016], [0.944976985, 1.0, 0.900973976]),
];

const DAMAGED_HELMET: Expected = Expected {
    file: "DamagedHelmet",
    generator: Some("Khronos Blender glTF 2.0 exporter"),
    extensions_used: &[],
    counts: DocumentCounts {
        nodes: 1,
        meshes: 1,
        primitives: 1,
        materials: 1,
        textures: 5,
        images: 5,
        samplers: 1,
        accessors: 4,
        ..NO_COUNTS
    },
    scene_nodes: &["node_damagedHelmet_-6514"],
    mesh_nodes: &[("node_damagedHelmet_-6514", 0)],
    // 46356 / 3 and 14359.
    triangles: 15452,
    vertices: 14359,
    // Accessor box [-0.945, -1, -0.901]..[0.945, 1, 0.901] rotated by the node's
    // quaternion [0, 0.7071068, -0.7071068, 0] (180° about (0, 1, -1)): y and z swap.
    bounds: (
        [-0.944976985, -0.900973976, -1.0],
        [0.944976985, 0.900995016, 1.0],
    ),
    primitives: DAMAGED_HELMET_PRIMS,
    // No extension. No triangle has zero area, but 10 of the 15452 have a zero-area UV
    // triangle (both counted in Python), so their tangent is undefined: one warning
    // about the corners that got an arbitrary tangent.
    warnings: &[("/meshes/0/primitives/0", "tangent")],
};

#[test]
fn damaged_helmet_counts_geometry_bounds_instances_and_warnings() {
    check_model(&DAMAGED_HELMET, damaged_helmet());
}

#[test]
fn damaged_helmet_materials_textures_and_jpeg_images() {
    let m = damaged_helmet();
    check_materials(
        "DamagedHelmet",
        m,
        &[Mat {
            name: "glTF Material",
            base_tex: Some((0, 0)),
            mr_tex: Some((2, 0)),
            normal_tex: Some((1, 0)),
            occlusion_tex: Some((4, 0)),
            emissive_tex: Some((3, 0)),
            emissive: [1.0, 1.0, 1.0],
            ..MAT
        }],
    );
    check_textures(
        "DamagedHelmet",
        m,
        &[(None, 0), (None, 1), (None, 2), (None, 3), (None, 4)],
    );
    // The sampler is `{}`: wraps default to REPEAT; filters are left to the importer,
    // which documents trilinear.
    assert_eq!(
        m.scene.samplers,
        vec![Sampler {
            mag_filter: Filter::Linear,
            min_filter: MinFilter::default(),
            wrap_u: WrapMode::Repeat,
            wrap_v: WrapMode::Repeat,
        }]
    );
    // JPEG SOF0 of each: 2048x2048, 8-bit, 3 components.
    let jpeg = ImageSourceFormat::Jpeg;
    check_images(
        "DamagedHelmet",
        m,
        &[
            (Some("Default_albedo.jpg"), 2048, 2048, jpeg),
            (Some("Default_normal.jpg"), 2048, 2048, jpeg),
            (Some("Default_metalRoughness.jpg"), 2048, 2048, jpeg),
            (Some("Default_emissive.jpg"), 2048, 2048, jpeg),
            (Some("Default_AO.jpg"), 2048, 2048, jpeg),
        ],
    );
    // Three-component JPEGs decode opaque.
    assert!(m.scene.images[0].to_rgba8().chunks_exact(4).all(|p| p[3] == 255));
}

#[test]
fn damaged_helmet_node_rotation() {
    let scene = &damaged_helmet().scene;
    assert_trs(
        scene,
        "node_damagedHelmet_-6514",
        [0.0; 3],
        [0.0, 0.7071068286895752, -0.7071068286895752, 0.0],
        [1.0; 3],
    );
    assert_eq!(scene.roots().len(), 1);
}

#[test]
fn damaged_helmet_tangents_are_generated_unit_orthogonal_and_signed() {
    let p = &damaged_helmet().scene.meshes[0].primitives[0];
    // The file has no TANGENT but the material has a normal map reading TEXCOORD_0.
    let tangents = p
        .tangents
        .as_ref()
        .expect("tangents generated for the normal map");
    let n = p.vertex_count();
    // Seams may split vertices, never remove them; the triangles stay the same.
    assert!(n >= 14359, "vertex count {n}");
    assert_eq!(p.indices.len(), 46356);
    assert_eq!(p.source_vertex_count, 14359);
    assert_eq!(tangents.len(), n);
    assert_eq!(p.normals.len(), n);
    assert_eq!(p.uv0.as_ref().map(Vec::len), Some(n));
    // Only corners of the 10 triangles whose UV area is zero can lack a MikkTSpace
    // tangent: the warning counts at most 30 corners.
    let warnings = &damaged_helmet().report.warnings;
    let corners: Vec<u32> = warnings
        .iter()
        .filter(|w| w.message.contains("tangent"))
        .filter_map(|w| w.message.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(
        corners.len() == 1 && (1..=30).contains(&corners[0]),
        "tangent warning: {warnings:#?}"
    );
    // Every tangent, generated or arbitrary, is usable: unit, in the surface, signed.
    let mut bad = Vec::new();
    for (v, (t, normal)) in tangents.iter().zip(&p.normals).enumerate() {
        let xyz = t.truncate();
        if !close(xyz.length(), 1.0, 1e-3) {
            bad.push(format!("tangent {v} {t:?} is not unit length"));
        }
        if xyz.dot(*normal).abs() > 1e-3 {
            bad.push(format!(
                "tangent {v} {t:?} is not orthogonal to normal {normal:?}"
            ));
        }
        if t.w != 1.0 && t.w != -1.0 {
            bad.push(format!("tangent {v} has w = {}", t.w));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {n} tangents are wrong:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

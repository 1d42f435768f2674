//! The importer against small files these tests generate, one glTF geometry feature at a
//! time: accessor encodings (every component type and normalization, quantized positions,
//! byte strides, sparse accessors), topologies (strips, fans, lines, points), generated
//! flat normals and indices, and index widths.

use museion_scene::Topology;
use museion_scene::glam::{Vec2, Vec3, Vec4};

use crate::support::*;
use serde_json::json;

#[test]
fn every_component_type_and_normalization_decodes_as_specified() {
    let mut g = Gltf::new();
    let positions = g.positions(&TRIANGLE);
    // TEXCOORD_0: normalized u8; TEXCOORD_1: normalized u16.
    let uv0 = g.accessor(&[0, 255, 51, 102, 255, 0], UNSIGNED_BYTE, 3, "VEC2", true);
    let uv1_values: [u16; 6] = [0, 65535, 13107, 0, 65535, 65535];
    let uv1 = g.accessor(
        &uv1_values
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<_>>(),
        UNSIGNED_SHORT,
        3,
        "VEC2",
        true,
    );
    // NORMAL: normalized i8 (KHR_mesh_quantization), including -128 which clamps to -1.
    let normals = g.accessor(&[0, 0, 127, 0, 0, 127, 0, 0, 0x80], BYTE, 3, "VEC3", true);
    // TANGENT: normalized i16.
    let t: [i16; 12] = [32767, 0, 0, 32767, 32767, 0, 0, -32767, 0, -32768, 0, 32767];
    let tangents = g.accessor(
        &t.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<_>>(),
        SHORT,
        3,
        "VEC4",
        true,
    );
    // COLOR_0: normalized u16 VEC3 (alpha becomes 1).
    let c: [u16; 9] = [65535, 0, 0, 0, 65535, 0, 0, 0, 65535];
    let colors = g.accessor(
        &c.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<_>>(),
        UNSIGNED_SHORT,
        3,
        "VEC3",
        true,
    );
    // JOINTS_0: u8; WEIGHTS_0: normalized u8.
    let joints = g.accessor(
        &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        UNSIGNED_BYTE,
        3,
        "VEC4",
        false,
    );
    let weights = g.accessor(
        &[255, 0, 0, 0, 128, 127, 0, 0, 0, 0, 0, 255],
        UNSIGNED_BYTE,
        3,
        "VEC4",
        true,
    );
    let indices = g.indices_u8(&[0, 1, 2]);
    g.mesh_node(json!({
        "attributes": {
            "POSITION": positions, "TEXCOORD_0": uv0, "TEXCOORD_1": uv1, "NORMAL": normals,
            "TANGENT": tangents, "COLOR_0": colors, "JOINTS_0": joints, "WEIGHTS_0": weights
        },
        "indices": indices
    }));
    let imported = import(&g);
    let p = first_primitive(&imported);
    assert_eq!(
        p.uv0.as_ref().unwrap(),
        &[Vec2::new(0.0, 1.0), Vec2::new(0.2, 0.4), Vec2::new(1.0, 0.0)]
    );
    assert_eq!(
        p.uv1.as_ref().unwrap(),
        &[Vec2::new(0.0, 1.0), Vec2::new(0.2, 0.0), Vec2::new(1.0, 1.0)]
    );
    assert_eq!(p.normals, vec![Vec3::Z, Vec3::Z, -Vec3::Z]);
    let tangents = p.tangents.as_ref().unwrap();
    assert_eq!(tangents[0], Vec4::new(1.0, 0.0, 0.0, 1.0));
    assert_eq!(tangents[1], Vec4::new(1.0, 0.0, 0.0, -1.0));
    assert_eq!(tangents[2], Vec4::new(0.0, -1.0, 0.0, 1.0));
    assert_eq!(p.colors.as_ref().unwrap()[1], Vec4::new(0.0, 1.0, 0.0, 1.0));
    assert_eq!(p.joints.as_ref().unwrap()[2], [8, 9, 10, 11]);
    let w = p.weights.as_ref().unwrap();
    assert_eq!(w[0], Vec4::new(1.0, 0.0, 0.0, 0.0));
    assert!((w[1].x - 128.0 / 255.0).abs() < 1e-7 && (w[1].y - 127.0 / 255.0).abs() < 1e-7);
    assert_eq!(p.indices, vec![0, 1, 2]);
}

#[test]
fn quantized_positions_are_scaled_by_their_node() {
    // KHR_mesh_quantization: positions as plain (not normalized) i16, node scale 1/100.
    let mut g = Gltf::new();
    g.json["extensionsUsed"] = json!(["KHR_mesh_quantization"]);
    g.json["extensionsRequired"] = json!(["KHR_mesh_quantization"]);
    let values: [i16; 9] = [0, 0, 0, 100, 0, 0, 0, -250, 0];
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    let positions = g.accessor(&bytes, SHORT, 3, "VEC3", false);
    g.json["accessors"][positions]["min"] = json!([0, -250, 0]);
    g.json["accessors"][positions]["max"] = json!([100, 0, 0]);
    let mesh = g.push(
        "meshes",
        json!({ "primitives": [{ "attributes": { "POSITION": positions } }] }),
    );
    let node = g.push("nodes", json!({ "mesh": mesh, "scale": [0.01, 0.01, 0.01] }));
    g.root(node);
    let imported = import(&g);
    assert!(
        imported.report.warnings.is_empty(),
        "{:?}",
        imported.report.warnings
    );
    let p = first_primitive(&imported);
    assert_eq!(p.source_vertex_count, 3);
    let bounds = imported.scene.stats().bounds;
    assert!(
        bounds.min.abs_diff_eq(Vec3::new(0.0, -2.5, 0.0), 1e-6),
        "{bounds:?}"
    );
    assert!(
        bounds.max.abs_diff_eq(Vec3::new(1.0, 0.0, 0.0), 1e-6),
        "{bounds:?}"
    );
}

#[test]
fn interleaved_views_with_byte_stride_are_read_per_element() {
    // POSITION (12 bytes) and TEXCOORD_0 (8 bytes) interleaved with 4 bytes of padding.
    let mut g = Gltf::new();
    let mut bytes = Vec::new();
    let uvs = [[0.5f32, 0.25], [1.0, 0.0], [0.0, 1.0]];
    for (p, uv) in TRIANGLE.iter().zip(uvs) {
        bytes.extend(f32_bytes(p));
        bytes.extend(f32_bytes(&uv));
        bytes.extend([0xEE; 4]);
    }
    let view = g.view(&bytes, Some(24));
    let positions = g.push(
        "accessors",
        json!({ "bufferView": view, "componentType": FLOAT, "count": 3, "type": "VEC3", "min": [0,0,0], "max": [1,1,0] }),
    );
    let uv = g.push(
        "accessors",
        json!({ "bufferView": view, "byteOffset": 12, "componentType": FLOAT, "count": 3, "type": "VEC2" }),
    );
    g.mesh_node(json!({ "attributes": { "POSITION": positions, "TEXCOORD_0": uv } }));
    let imported = import(&g);
    let p = first_primitive(&imported);
    assert_eq!(p.positions, TRIANGLE.map(Vec3::from_array).to_vec());
    assert_eq!(p.uv0.as_ref().unwrap(), &uvs.map(Vec2::from_array).to_vec());
}

#[test]
fn a_zero_byte_stride_means_tightly_packed() {
    let mut g = triangle();
    g.json["bufferViews"][0]["byteStride"] = json!(0);
    let imported = import(&g);
    assert_eq!(
        first_primitive(&imported).positions,
        TRIANGLE.map(Vec3::from_array).to_vec()
    );
}

#[test]
fn sparse_accessors_substitute_values_with_and_without_a_base_view() {
    let mut g = Gltf::new();
    let base = [
        [0.0f32, 0.0, 0.0],
        [1.0, 0.0, 0.0],
        [0.0, 1.0, 0.0],
        [1.0, 1.0, 0.0],
    ];
    let positions = g.positions(&base);
    // Replace vertices 1 and 3.
    let sparse_indices = g.view(
        &[1u16, 3].iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<_>>(),
        None,
    );
    let sparse_values = g.view(&f32_bytes(&[5.0, 5.0, 5.0, 7.0, 7.0, 7.0]), None);
    let sparse = json!({
        "count": 2,
        "indices": { "bufferView": sparse_indices, "componentType": UNSIGNED_SHORT },
        "values": { "bufferView": sparse_values }
    });
    g.json["accessors"][positions]["sparse"] = sparse.clone();
    g.json["accessors"][positions]["max"] = json!([7, 7, 7]);
    // A sparse morph target without a base view: zeros except the sparse elements.
    let target = g.push(
        "accessors",
        json!({ "componentType": FLOAT, "count": 4, "type": "VEC3", "sparse": sparse }),
    );
    let indices = g.indices_u16(&[0, 1, 2, 2, 1, 3]);
    let normals = g.floats(&[0.0, 0.0, 1.0].repeat(4), "VEC3");
    g.mesh_node(json!({
        "attributes": { "POSITION": positions, "NORMAL": normals },
        "indices": indices,
        "targets": [{ "POSITION": target }]
    }));
    let imported = import(&g);
    let p = first_primitive(&imported);
    assert_eq!(
        p.positions,
        vec![Vec3::ZERO, Vec3::splat(5.0), Vec3::Y, Vec3::splat(7.0)]
    );
    assert_eq!(
        p.morph_targets[0].positions,
        vec![Vec3::ZERO, Vec3::splat(5.0), Vec3::ZERO, Vec3::splat(7.0)]
    );
    assert_eq!(imported.scene.meshes[0].weights, vec![0.0]);
}

fn primitive_with_mode(mode: u32, points: &[[f32; 3]], indices: Option<&[u16]>) -> museion_scene::Primitive {
    let mut g = Gltf::new();
    let positions = g.positions(points);
    let mut primitive = json!({ "attributes": { "POSITION": positions }, "mode": mode });
    if let Some(indices) = indices {
        primitive["indices"] = json!(g.indices_u16(indices));
    }
    g.mesh_node(primitive);
    first_primitive(&import(&g)).clone()
}

/// The face normal of every triangle of a primitive.
fn face_normals(p: &museion_scene::Primitive) -> Vec<Vec3> {
    p.indices
        .chunks_exact(3)
        .map(|t| {
            let [a, b, c] = [0, 1, 2].map(|k| p.positions[t[k] as usize]);
            (b - a).cross(c - a).normalize()
        })
        .collect()
}

#[test]
fn strips_and_fans_become_counter_clockwise_triangle_lists() {
    // A strip zig-zagging along x in the z = 0 plane, top and bottom alternating, with a
    // counter-clockwise first triangle: every triangle must face +z.
    let strip = [
        [0.0, 1.0, 0.0],
        [0.0, 0.0, 0.0],
        [1.0, 1.0, 0.0],
        [1.0, 0.0, 0.0],
        [2.0, 1.0, 0.0],
        [2.0, 0.0, 0.0],
    ];
    let p = primitive_with_mode(5, &strip, None);
    assert_eq!(p.topology, Topology::Triangles);
    assert_eq!(p.triangle_count(), 4);
    for n in face_normals(&p) {
        assert!(n.abs_diff_eq(Vec3::Z, 1e-6), "strip triangle faces {n}");
    }
    // A fan around the origin, counter-clockwise.
    let fan: Vec<[f32; 3]> = std::iter::once([0.0, 0.0, 0.0])
        .chain((0..5).map(|i| {
            let a = i as f32 * 0.5;
            [a.cos(), a.sin(), 0.0]
        }))
        .collect();
    let p = primitive_with_mode(6, &fan, Some(&[0, 1, 2, 3, 4, 5]));
    assert_eq!(p.triangle_count(), 4);
    for n in face_normals(&p) {
        assert!(n.abs_diff_eq(Vec3::Z, 1e-6), "fan triangle faces {n}");
    }
}

#[test]
fn lines_and_points_are_kept_as_lists() {
    let points = [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0]];
    let lines = primitive_with_mode(1, &points, None);
    assert_eq!(
        (lines.topology, lines.indices.clone()),
        (Topology::Lines, vec![0, 1, 2, 3])
    );
    let loop_ = primitive_with_mode(2, &points, None);
    assert_eq!(loop_.indices, vec![0, 1, 1, 2, 2, 3, 3, 0]);
    let strip = primitive_with_mode(3, &points, Some(&[3, 2, 1]));
    assert_eq!(strip.indices, vec![3, 2, 2, 1]);
    let dots = primitive_with_mode(0, &points, None);
    assert_eq!(
        (dots.topology, dots.indices.len(), dots.triangle_count()),
        (Topology::Points, 4, 0)
    );
    assert!(dots.normals.is_empty(), "no normals are invented for points");
}

#[test]
fn missing_normals_become_flat_normals_and_non_indexed_primitives_get_indices() {
    // Two triangles sharing an edge, folded 90°: indexed, no normals.
    let points = [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    let p = primitive_with_mode(4, &points, Some(&[0, 1, 2, 1, 0, 3]));
    assert_eq!(p.vertex_count(), 6, "shared vertices are split");
    assert_eq!(p.source_vertex_count, 4);
    assert_eq!(&p.normals[..3], &[Vec3::Z; 3]);
    assert_eq!(&p.normals[3..], &[Vec3::Y; 3]);
    let plain = primitive_with_mode(4, &TRIANGLE, None);
    assert_eq!(plain.indices, vec![0, 1, 2]);
    assert_eq!(plain.normals, vec![Vec3::Z; 3]);
}

#[test]
fn index_widths_agree() {
    let points = [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0]];
    let order = [0u8, 1, 2, 2, 1, 3];
    let mut results = Vec::new();
    for width in 0..3 {
        let mut g = Gltf::new();
        let positions = g.positions(&points);
        let indices = match width {
            0 => g.indices_u8(&order),
            1 => g.indices_u16(&order.map(u16::from)),
            _ => g.indices_u32(&order.map(u32::from)),
        };
        let normals = g.floats(&[0.0, 0.0, 1.0].repeat(4), "VEC3");
        g.mesh_node(
            json!({ "attributes": { "POSITION": positions, "NORMAL": normals }, "indices": indices }),
        );
        results.push(first_primitive(&import(&g)).indices.clone());
    }
    assert_eq!(results[0], vec![0, 1, 2, 2, 1, 3]);
    assert_eq!(results[0], results[1]);
    assert_eq!(results[1], results[2]);
}

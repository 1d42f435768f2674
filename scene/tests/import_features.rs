//! The importer against small files these tests generate, one glTF feature at a time:
//! accessor encodings, topologies, generated normals and tangents, materials, samplers,
//! images, lights, cameras, skins, morph targets, animations, containers and scenes.

mod support;

use museion_scene::glam::{Mat4, Quat, Vec2, Vec3, Vec4};
use museion_scene::gltf::{self, ImportOptions};
use museion_scene::{
    AlphaMode, AnimationProperty, ColorSpace, Filter, ImageSourceFormat, Interpolation, LightKind,
    Projection, Topology, WrapMode,
};
use serde_json::json;
use std::f32::consts::FRAC_1_SQRT_2;
use support::*;

fn import(g: &Gltf) -> gltf::Imported {
    gltf::import_slice(
        g.embedded().as_bytes(),
        "test.gltf",
        None,
        &ImportOptions::default(),
    )
    .expect("the generated file imports")
}

fn first_primitive(imported: &gltf::Imported) -> &museion_scene::Primitive {
    &imported.scene.meshes[0].primitives[0]
}

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

/// A quad with normals and UVs, using material 0.
fn textured_quad(g: &mut Gltf, with_tangents: bool) {
    let positions = g.positions(&[[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0]]);
    let normals = g.floats(&[0.0, 0.0, 1.0].repeat(4), "VEC3");
    let uvs = g.floats(&[0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0], "VEC2");
    let indices = g.indices_u16(&[0, 1, 2, 0, 2, 3]);
    let mut attributes = json!({ "POSITION": positions, "NORMAL": normals, "TEXCOORD_0": uvs });
    if with_tangents {
        attributes["TANGENT"] = json!(g.floats(&[0.0, 1.0, 0.0, -1.0].repeat(4), "VEC4"));
    }
    g.mesh_node(json!({ "attributes": attributes, "indices": indices, "material": 0 }));
}

fn add_png_texture(g: &mut Gltf) {
    let image = g.image_in_buffer(&png(2, 2), "image/png");
    g.push("textures", json!({ "source": image }));
}

#[test]
fn tangents_are_generated_for_normal_maps_and_kept_when_given() {
    let mut g = Gltf::new();
    add_png_texture(&mut g);
    g.push("materials", json!({ "normalTexture": { "index": 0 } }));
    textured_quad(&mut g, false);
    let imported = import(&g);
    let p = first_primitive(&imported);
    let tangents = p.tangents.as_ref().expect("generated");
    // u runs along +x; v runs along -y, so the bitangent (up the image, decreasing v)
    // is +y and w = +1 for this unmirrored layout.
    for t in tangents {
        assert!(t.truncate().abs_diff_eq(Vec3::X, 1e-4), "{t}");
        let bitangent = Vec3::Z.cross(t.truncate()) * t.w;
        assert!(bitangent.abs_diff_eq(Vec3::Y, 1e-4), "{bitangent}");
    }

    let mut g = Gltf::new();
    add_png_texture(&mut g);
    g.push("materials", json!({ "normalTexture": { "index": 0 } }));
    textured_quad(&mut g, true);
    let imported = import(&g);
    assert_eq!(
        first_primitive(&imported).tangents.as_ref().unwrap()[0],
        Vec4::new(0.0, 1.0, 0.0, -1.0)
    );

    // No normal map: no tangents are invented.
    let mut g = Gltf::new();
    g.push("materials", json!({}));
    textured_quad(&mut g, false);
    assert!(first_primitive(&import(&g)).tangents.is_none());
}

#[test]
fn materials_carry_every_slot_transform_and_extension() {
    let mut g = Gltf::new();
    add_png_texture(&mut g);
    let transform = |rotation: f32, tex_coord: Option<u32>| {
        let mut t = json!({ "offset": [0.5, 0.25], "rotation": rotation, "scale": [2.0, 3.0] });
        if let Some(tc) = tex_coord {
            t["texCoord"] = json!(tc);
        }
        json!({ "KHR_texture_transform": t })
    };
    g.json["extensionsUsed"] = json!([
        "KHR_texture_transform",
        "KHR_materials_emissive_strength",
        "KHR_materials_unlit"
    ]);
    g.push(
        "materials",
        json!({
            "name": "everything",
            "pbrMetallicRoughness": {
                "baseColorFactor": [0.5, 0.25, 1.0, 0.75],
                "baseColorTexture": { "index": 0, "extensions": transform(0.1, None) },
                "metallicFactor": 0.3,
                "roughnessFactor": 0.6,
                "metallicRoughnessTexture": { "index": 0, "texCoord": 1, "extensions": transform(0.2, Some(0)) }
            },
            "normalTexture": { "index": 0, "scale": 0.5, "extensions": transform(0.3, Some(1)) },
            "occlusionTexture": { "index": 0, "strength": 0.25, "extensions": transform(0.4, None) },
            "emissiveTexture": { "index": 0, "extensions": transform(0.5, None) },
            "emissiveFactor": [1.0, 0.5, 0.0],
            "alphaMode": "MASK",
            "alphaCutoff": 0.3,
            "doubleSided": true,
            "extensions": { "KHR_materials_emissive_strength": { "emissiveStrength": 12.5 } },
            "extras": { "curator": "Ada" }
        }),
    );
    g.push(
        "materials",
        json!({ "alphaMode": "BLEND", "extensions": { "KHR_materials_unlit": {} } }),
    );
    g.push("materials", json!({}));
    textured_quad(&mut g, false);
    let imported = import(&g);
    let [m, blend, default] = [0, 1, 2].map(|i| imported.scene.materials[i].clone());
    assert_eq!(m.name.as_deref(), Some("everything"));
    assert_eq!(m.base_color_factor, Vec4::new(0.5, 0.25, 1.0, 0.75));
    assert_eq!((m.metallic_factor, m.roughness_factor), (0.3, 0.6));
    assert_eq!((m.normal_scale, m.occlusion_strength), (0.5, 0.25));
    assert_eq!(m.emissive_factor, Vec3::new(1.0, 0.5, 0.0));
    assert_eq!(m.emissive_strength, 12.5);
    assert_eq!(m.alpha_mode, AlphaMode::Mask { cutoff: 0.3 });
    assert!(m.double_sided && !m.unlit);
    assert_eq!(m.extras, Some(json!({ "curator": "Ada" })));
    let slots: Vec<_> = m.texture_slots().collect();
    assert_eq!(slots.len(), 5);
    let expected = [
        ("baseColorTexture", 0.1, 0, ColorSpace::Srgb),
        ("metallicRoughnessTexture", 0.2, 0, ColorSpace::Linear),
        ("normalTexture", 0.3, 1, ColorSpace::Linear),
        ("occlusionTexture", 0.4, 0, ColorSpace::Linear),
        ("emissiveTexture", 0.5, 0, ColorSpace::Srgb),
    ];
    for ((name, slot), (want_name, rotation, tex_coord, space)) in slots.iter().zip(expected) {
        assert_eq!(*name, want_name);
        assert_eq!(slot.transform.rotation, rotation, "{name}");
        assert_eq!(slot.transform.offset, Vec2::new(0.5, 0.25), "{name}");
        assert_eq!(slot.transform.scale, Vec2::new(2.0, 3.0), "{name}");
        assert_eq!(slot.tex_coord, tex_coord, "{name}: texCoord override");
        assert_eq!(slot.color_space, space, "{name}");
    }
    assert_eq!(blend.alpha_mode, AlphaMode::Blend);
    assert!(blend.unlit);
    assert_eq!(default, museion_scene::Material::default());
    assert_eq!(default.alpha_mode, AlphaMode::Opaque);
    // The normal map's texCoord override asks for TEXCOORD_1, which the quad lacks.
    let warnings: Vec<String> = imported.report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("TEXCOORD_1"), "{warnings:?}");
}

#[test]
fn samplers_map_filters_and_wrap_modes() {
    let mut g = Gltf::new();
    let image = g.image_in_buffer(&png(2, 2), "image/png");
    g.push(
        "samplers",
        json!({ "magFilter": 9728, "minFilter": 9986, "wrapS": 33071, "wrapT": 33648 }),
    );
    g.push("samplers", json!({}));
    g.push("textures", json!({ "source": image, "sampler": 0 }));
    g.push("textures", json!({ "source": image, "sampler": 1 }));
    g.push("textures", json!({ "source": image }));
    let imported = import(&g);
    let s = imported.scene.samplers[0];
    assert_eq!(s.mag_filter, Filter::Nearest);
    assert_eq!(
        (s.min_filter.filter, s.min_filter.mipmap),
        (Filter::Nearest, Some(Filter::Linear))
    );
    assert_eq!(
        (s.wrap_u, s.wrap_v),
        (WrapMode::ClampToEdge, WrapMode::MirroredRepeat)
    );
    let d = imported.scene.samplers[1];
    assert_eq!(d, museion_scene::Sampler::default());
    assert_eq!((d.wrap_u, d.mag_filter), (WrapMode::Repeat, Filter::Linear));
    assert_eq!(imported.scene.textures[2].sampler, None);
    assert_eq!(
        imported.scene.textures[0].sampler,
        Some(museion_scene::SamplerId(0))
    );
}

#[test]
fn images_load_from_files_data_uris_and_buffer_views_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut g = Gltf::new();
    // A PNG in a file whose name needs percent-encoding.
    std::fs::create_dir(dir.path().join("tex dir")).unwrap();
    std::fs::write(dir.path().join("tex dir/my image.png"), png(3, 2)).unwrap();
    g.push("images", json!({ "uri": "tex%20dir/my%20image.png" }));
    // A JPEG as a data URI.
    let mut jpeg = Vec::new();
    image::RgbImage::from_pixel(4, 4, image::Rgb([200, 100, 50]))
        .write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD.encode(&jpeg);
    g.push(
        "images",
        json!({ "uri": format!("data:image/jpeg;base64,{data}") }),
    );
    // A lossless WebP in a buffer view.
    let mut webp = Vec::new();
    image::RgbaImage::from_pixel(2, 3, image::Rgba([1, 2, 3, 255]))
        .write_to(&mut std::io::Cursor::new(&mut webp), image::ImageFormat::WebP)
        .unwrap();
    g.image_in_buffer(&webp, "image/webp");
    // A KTX2 file: 8-bit RGB, Zstandard-supercompressed.
    std::fs::write(
        dir.path().join("t.ktx2"),
        ktx2_rgb(2, 2, &[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]),
    )
    .unwrap();
    g.push("images", json!({ "uri": "t.ktx2" }));
    for i in 0..4 {
        g.push("textures", json!({ "source": i }));
    }
    let path = g.write_gltf(dir.path(), "images");
    let imported = gltf::import(&path).unwrap();
    let images = &imported.scene.images;
    assert_eq!(images.len(), 4);
    assert_eq!(
        (images[0].width, images[0].height, images[0].source_format),
        (3, 2, ImageSourceFormat::Png)
    );
    assert_eq!(images[0].pixel(2, 1), Some([80, 40, 200, 255]));
    assert_eq!(images[0].name.as_deref(), Some("my image.png"));
    assert_eq!(
        (images[1].width, images[1].source_format),
        (4, ImageSourceFormat::Jpeg)
    );
    let [r, g_, b, a] = images[1].pixel(1, 1).unwrap();
    assert!(r.abs_diff(200) < 8 && g_.abs_diff(100) < 8 && b.abs_diff(50) < 8 && a == 255);
    assert_eq!(
        (images[2].height, images[2].source_format),
        (3, ImageSourceFormat::WebP)
    );
    assert_eq!(images[2].pixel(1, 2), Some([1, 2, 3, 255]));
    assert_eq!(images[3].source_format, ImageSourceFormat::Ktx2);
    assert_eq!(images[3].pixel(1, 1), Some([100, 110, 120, 255]));
    assert!(imported.scene.textures.iter().all(|t| t.image.is_some()));
}

/// A KTX2 file of 8-bit RGB texels (VK_FORMAT_R8G8B8_UNORM), Zstandard-supercompressed.
fn ktx2_rgb(width: u32, height: u32, texels: &[u8]) -> Vec<u8> {
    let payload = ruzstd::encoding::compress_to_vec(texels, ruzstd::encoding::CompressionLevel::Fastest);
    let mut out = vec![
        0xAB, 0x4B, 0x54, 0x58, 0x20, 0x32, 0x30, 0xBB, 0x0D, 0x0A, 0x1A, 0x0A,
    ];
    for v in [23u32, 1, width, height, 0, 0, 1, 1, 2] {
        out.extend(v.to_le_bytes());
    }
    out.extend([0u8; 32]);
    out.extend(104u64.to_le_bytes());
    out.extend((payload.len() as u64).to_le_bytes());
    out.extend((texels.len() as u64).to_le_bytes());
    out.extend(payload);
    out
}

#[test]
fn undecodable_images_leave_their_texture_empty_with_a_warning() {
    let mut g = Gltf::new();
    // A KTX2 with Basis Universal supercompression, and bytes in no known format.
    let mut basis = ktx2_rgb(2, 2, &[0; 12]);
    basis[44] = 1;
    basis[12..16].copy_from_slice(&0u32.to_le_bytes());
    g.image_in_buffer(&basis, "image/ktx2");
    g.image_in_buffer(b"GIF89a....", "image/gif");
    g.push("textures", json!({ "source": 0 }));
    g.push("textures", json!({ "source": 1 }));
    let imported = import(&g);
    assert!(imported.scene.images.is_empty());
    assert!(imported.scene.textures.iter().all(|t| t.image.is_none()));
    let text: Vec<String> = imported.report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("/images/0") && w.contains("Basis")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("/images/1") && w.contains("image/gif")),
        "{text:?}"
    );
    assert_eq!(imported.report.counts.images, 2);
}

#[test]
fn webp_extension_source_is_preferred_over_the_core_fallback() {
    let mut g = Gltf::new();
    g.json["extensionsUsed"] = json!(["EXT_texture_webp"]);
    let fallback = g.image_in_buffer(&png(1, 1), "image/png");
    let mut webp = Vec::new();
    image::RgbaImage::from_pixel(5, 1, image::Rgba([9, 9, 9, 255]))
        .write_to(&mut std::io::Cursor::new(&mut webp), image::ImageFormat::WebP)
        .unwrap();
    let preferred = g.image_in_buffer(&webp, "image/webp");
    g.push(
        "textures",
        json!({ "source": fallback, "extensions": { "EXT_texture_webp": { "source": preferred } } }),
    );
    let imported = import(&g);
    let image = imported.scene.textures[0].image.unwrap();
    assert_eq!(imported.scene.images[image.index()].width, 5);
}

#[test]
fn punctual_lights_and_cameras_are_attached_to_their_nodes() {
    let mut g = Gltf::new();
    g.json["extensionsUsed"] = json!(["KHR_lights_punctual"]);
    g.json["extensions"] = json!({ "KHR_lights_punctual": { "lights": [
        { "type": "directional", "color": [1.0, 0.9, 0.8], "intensity": 3.0 },
        { "type": "point", "intensity": 40.0, "range": 12.0, "name": "bulb" },
        { "type": "spot", "spot": { "innerConeAngle": 0.2, "outerConeAngle": 0.5 } },
        { "type": "spot" }
    ]}});
    g.push("cameras", json!({ "type": "perspective", "perspective": { "yfov": 0.8, "znear": 0.1, "zfar": 100.0, "aspectRatio": 1.5 } }));
    g.push("cameras", json!({ "type": "orthographic", "orthographic": { "xmag": 2.0, "ymag": 1.0, "znear": 0.0, "zfar": 10.0 } }));
    for light in 0..4 {
        let node = g.push(
            "nodes",
            json!({ "extensions": { "KHR_lights_punctual": { "light": light } } }),
        );
        g.root(node);
    }
    let camera = g.push("nodes", json!({ "camera": 0, "translation": [0.0, 1.0, 5.0] }));
    g.root(camera);
    let imported = import(&g);
    let lights = &imported.scene.lights;
    assert_eq!(lights[0].kind, LightKind::Directional);
    assert_eq!(
        (lights[0].color, lights[0].intensity),
        (Vec3::new(1.0, 0.9, 0.8), 3.0)
    );
    assert_eq!(
        (lights[1].kind, lights[1].range, lights[1].name.as_deref()),
        (LightKind::Point, Some(12.0), Some("bulb"))
    );
    assert_eq!(lights[1].range_attenuation(12.0), 0.0);
    assert_eq!(lights[1].range_attenuation(0.0), 1.0);
    assert_eq!(
        lights[2].kind,
        LightKind::Spot {
            inner_cone_angle: 0.2,
            outer_cone_angle: 0.5
        }
    );
    // Defaults from the extension: white, intensity 1, inner 0, outer π/4.
    assert_eq!(
        lights[3].kind,
        LightKind::Spot {
            inner_cone_angle: 0.0,
            outer_cone_angle: std::f32::consts::FRAC_PI_4
        }
    );
    assert_eq!((lights[3].color, lights[3].intensity), (Vec3::ONE, 1.0));
    let with_light: Vec<_> = imported
        .scene
        .nodes()
        .filter_map(|(_, n)| n.light)
        .map(|l| l.0)
        .collect();
    assert_eq!(with_light, vec![0, 1, 2, 3]);

    let cameras = &imported.scene.cameras;
    assert_eq!(
        cameras[0].projection,
        Projection::Perspective {
            yfov: 0.8,
            aspect_ratio: Some(1.5),
            znear: 0.1,
            zfar: Some(100.0)
        }
    );
    assert_eq!(
        cameras[1].projection,
        Projection::Orthographic {
            xmag: 2.0,
            ymag: 1.0,
            znear: 0.0,
            zfar: 10.0
        }
    );
    // The projection maps the near plane to depth 0 and the far plane to depth 1.
    let proj = cameras[0].projection_matrix(1.0);
    let near = proj.project_point3(Vec3::new(0.0, 0.0, -0.1));
    let far = proj.project_point3(Vec3::new(0.0, 0.0, -100.0));
    assert!(near.z.abs() < 1e-5 && (far.z - 1.0).abs() < 1e-5, "{near} {far}");
    let camera_node = imported
        .scene
        .nodes()
        .find(|(_, n)| n.camera.is_some())
        .unwrap()
        .0;
    assert_eq!(
        imported
            .scene
            .world_matrix(camera_node)
            .unwrap()
            .w_axis
            .truncate(),
        Vec3::new(0.0, 1.0, 5.0)
    );
}

#[test]
fn hierarchy_transforms_matrices_extras_and_instances() {
    let mut g = triangle();
    // Node 0 (the triangle) goes under a parent with a matrix; the parent is the root.
    g.json["scenes"][0]["nodes"] = json!([]);
    let m = Mat4::from_scale_rotation_translation(
        Vec3::splat(2.0),
        Quat::from_rotation_z(std::f32::consts::FRAC_PI_2),
        Vec3::new(10.0, 0.0, 0.0),
    );
    let parent = g.push(
        "nodes",
        json!({ "name": "plinth", "matrix": m.to_cols_array(), "children": [0], "extras": { "title": "Vase", "year": 1820 } }),
    );
    g.json["nodes"][0]["translation"] = json!([1.0, 0.0, 0.0]);
    g.root(parent);
    let imported = import(&g);
    let scene = &imported.scene;
    let plinth = scene.find_node("plinth").unwrap();
    assert_eq!(
        scene.node(plinth).unwrap().extras,
        Some(json!({ "title": "Vase", "year": 1820 }))
    );
    let child = scene.node(plinth).unwrap().children()[0];
    let world = scene.world_matrix(child).unwrap();
    assert!(world.abs_diff_eq(m * Mat4::from_translation(Vec3::X), 1e-5));
    let instances: Vec<_> = scene.instances().collect();
    assert_eq!(instances.len(), 1);
    assert_eq!(instances[0].node, child);
    // Local triangle (0,0)-(1,0)-(0,1), moved by +x, rotated 90° about z, scaled by 2,
    // then moved by +10 x: x from 8 to 10, y from 2 to 4.
    let aabb = instances[0].bounds.aabb;
    assert!(aabb.min.abs_diff_eq(Vec3::new(8.0, 2.0, 0.0), 1e-5), "{aabb:?}");
    assert!(aabb.max.abs_diff_eq(Vec3::new(10.0, 4.0, 0.0), 1e-5), "{aabb:?}");
    let stats = scene.stats();
    assert_eq!(
        (stats.nodes, stats.mesh_instances, stats.triangles, stats.vertices),
        (2, 1, 1, 3)
    );
}

#[test]
fn skins_morph_targets_and_animations_are_kept() {
    let mut g = Gltf::new();
    let positions = g.positions(&TRIANGLE);
    let joints = g.accessor(
        &[0u16, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<_>>(),
        UNSIGNED_SHORT,
        3,
        "VEC4",
        false,
    );
    let weights = g.floats(
        &[1.0, 0.0, 0.0, 0.0, 0.5, 0.5, 0.0, 0.0, 0.25, 0.75, 0.0, 0.0],
        "VEC4",
    );
    let offsets = g.floats(&[0.0, 0.0, 1.0].repeat(3), "VEC3");
    let mesh = g.push(
        "meshes",
        json!({ "primitives": [{ "attributes": { "POSITION": positions, "JOINTS_0": joints, "WEIGHTS_0": weights }, "targets": [{ "POSITION": offsets }] }], "weights": [0.5] }),
    );
    let ibm: Vec<f32> = [Mat4::IDENTITY, Mat4::from_translation(Vec3::new(0.0, -1.0, 0.0))]
        .iter()
        .flat_map(|m| m.to_cols_array())
        .collect();
    let ibm = g.floats(&ibm, "MAT4");
    let joint_b = g.push("nodes", json!({ "name": "b", "translation": [0.0, 1.0, 0.0] }));
    let joint_a = g.push("nodes", json!({ "name": "a", "children": [joint_b] }));
    let skinned = g.push(
        "nodes",
        json!({ "name": "skinned", "mesh": mesh, "skin": 0, "weights": [0.25] }),
    );
    g.push(
        "skins",
        json!({ "joints": [joint_a, joint_b], "inverseBindMatrices": ibm, "skeleton": joint_a }),
    );
    g.root(joint_a);
    g.root(skinned);
    // Rotation of b, cubic spline translation of a, weights of the mesh node.
    let times = g.floats(&[0.0, 1.0], "SCALAR");
    let rotations = g.floats(
        &[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, FRAC_1_SQRT_2, FRAC_1_SQRT_2],
        "VEC4",
    );
    let spline = g.floats(&[0.0; 18], "VEC3");
    let morph = g.floats(&[0.0, 1.0], "SCALAR");
    g.push(
        "animations",
        json!({
            "name": "wave",
            "samplers": [
                { "input": times, "output": rotations },
                { "input": times, "output": spline, "interpolation": "CUBICSPLINE" },
                { "input": times, "output": morph, "interpolation": "STEP" }
            ],
            "channels": [
                { "sampler": 0, "target": { "node": joint_b, "path": "rotation" } },
                { "sampler": 1, "target": { "node": joint_a, "path": "translation" } },
                { "sampler": 2, "target": { "node": skinned, "path": "weights" } }
            ]
        }),
    );
    let imported = import(&g);
    let scene = &imported.scene;
    let skin = &scene.skins[0];
    let (a, b) = (scene.find_node("a").unwrap(), scene.find_node("b").unwrap());
    assert_eq!(skin.joints, vec![a, b]);
    assert_eq!(skin.skeleton, Some(a));
    assert_eq!(
        skin.inverse_bind_matrices[1],
        Mat4::from_translation(Vec3::new(0.0, -1.0, 0.0))
    );
    let skinned = scene.node(scene.find_node("skinned").unwrap()).unwrap();
    assert_eq!(skinned.skin, Some(museion_scene::SkinId(0)));
    assert_eq!(skinned.morph_weights, Some(vec![0.25]));
    let p = first_primitive(&imported);
    assert_eq!(p.joints.as_ref().unwrap()[1], [1, 0, 0, 0]);
    assert_eq!(p.weights.as_ref().unwrap()[2], Vec4::new(0.25, 0.75, 0.0, 0.0));
    assert_eq!(p.morph_targets.len(), 1);
    assert_eq!(p.morph_targets[0].positions, vec![Vec3::Z; 3]);
    assert_eq!(scene.meshes[0].weights, vec![0.5]);

    let animation = &scene.animations[0];
    assert_eq!(animation.name.as_deref(), Some("wave"));
    assert_eq!(animation.duration(), 1.0);
    let channels: Vec<_> = animation
        .channels
        .iter()
        .map(|c| (c.target, c.property, c.sampler))
        .collect();
    assert_eq!(
        channels,
        vec![
            (b, AnimationProperty::Rotation, 0),
            (a, AnimationProperty::Translation, 1),
            (
                scene.find_node("skinned").unwrap(),
                AnimationProperty::MorphWeights,
                2
            )
        ]
    );
    assert_eq!(animation.samplers[1].interpolation, Interpolation::CubicSpline);
    assert_eq!(animation.samplers[1].values.len(), 18);
    assert_eq!(animation.samplers[2].interpolation, Interpolation::Step);
    assert_eq!(
        animation.samplers[0].values[4..],
        [0.0, 0.0, FRAC_1_SQRT_2, FRAC_1_SQRT_2]
    );
}

#[test]
fn gltf_with_external_files_embedded_gltf_and_glb_give_the_same_scene() {
    let dir = tempfile::tempdir().unwrap();
    let mut g = triangle();
    add_png_texture(&mut g);
    g.push(
        "materials",
        json!({ "pbrMetallicRoughness": { "baseColorTexture": { "index": 0 } } }),
    );
    g.json["meshes"][0]["primitives"][0]["material"] = json!(0);
    let from_files = gltf::import(g.write_gltf(dir.path(), "a")).unwrap();
    let from_data_uri = gltf::import(g.write_embedded(dir.path(), "b")).unwrap();
    let from_glb = gltf::import(g.write_glb(dir.path(), "c")).unwrap();
    for other in [&from_data_uri, &from_glb] {
        assert_eq!(other.scene.meshes, from_files.scene.meshes);
        assert_eq!(other.scene.materials, from_files.scene.materials);
        assert_eq!(other.scene.images, from_files.scene.images);
        assert_eq!(other.report.counts, from_files.report.counts);
    }
    assert_eq!(from_glb.scene.images[0].pixel(1, 1), Some([40, 40, 200, 255]));
}

#[test]
fn the_default_scene_is_chosen_and_another_can_be_asked_for() {
    let mut g = triangle();
    let second = g.push("nodes", json!({ "mesh": 0, "translation": [5.0, 0.0, 0.0] }));
    let third = g.push("nodes", json!({ "mesh": 0, "translation": [9.0, 0.0, 0.0] }));
    g.push("scenes", json!({ "nodes": [second, third], "name": "two" }));
    g.json["scene"] = json!(1);
    let imported = import(&g);
    assert_eq!(imported.report.scene_index, Some(1));
    assert_eq!(imported.scene.name.as_deref(), Some("two"));
    assert_eq!(imported.scene.stats().mesh_instances, 2);
    let options = ImportOptions {
        scene: Some(0),
        ..ImportOptions::default()
    };
    let first = gltf::import_slice(g.embedded().as_bytes(), "t.gltf", None, &options).unwrap();
    assert_eq!(first.scene.stats().mesh_instances, 1);
    assert_eq!(first.report.counts.nodes, 3);
    // Only the chosen scene's nodes are in the Scene.
    assert_eq!(first.scene.node_count(), 1);
}

#[test]
fn a_file_without_scenes_shows_its_root_nodes() {
    let mut g = triangle();
    g.json.as_object_mut().unwrap().remove("scenes");
    let imported = import(&g);
    assert_eq!(imported.report.scene_index, None);
    assert_eq!(imported.scene.stats().mesh_instances, 1);
    assert!(
        imported
            .report
            .warnings
            .iter()
            .any(|w| w.message.contains("no scenes"))
    );
}

#[test]
fn used_but_unsupported_extensions_warn_and_supported_required_ones_load() {
    let mut g = triangle();
    g.json["extensionsUsed"] = json!(["KHR_materials_sheen", "KHR_texture_transform"]);
    g.json["extensionsRequired"] = json!(["KHR_texture_transform"]);
    let imported = import(&g);
    let warnings: Vec<String> = imported.report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("KHR_materials_sheen") && warnings[0].contains("/extensionsUsed/0"));
    assert_eq!(
        imported.report.extensions_required,
        vec!["KHR_texture_transform".to_owned()]
    );
}

#[test]
fn scene_roots_that_are_children_elsewhere_are_shown_once() {
    // Node 1 is node 0's child; the scene lists node 1 only (an exporter quirk).
    let mut g = triangle();
    g.json["nodes"] = json!([{ "children": [1], "translation": [100.0, 0.0, 0.0] }, { "mesh": 0 }]);
    g.json["scenes"][0]["nodes"] = json!([1]);
    let imported = import(&g);
    assert_eq!(imported.scene.node_count(), 1);
    assert_eq!(
        imported.scene.stats().bounds.max.x,
        1.0,
        "the unlisted parent's transform is not applied"
    );
    assert_eq!(imported.report.warnings.len(), 1);
    // Listing both the parent and the child shows the child once, under its parent.
    g.json["scenes"][0]["nodes"] = json!([0, 1]);
    let imported = import(&g);
    assert_eq!(imported.scene.node_count(), 2);
    assert_eq!(imported.scene.stats().mesh_instances, 1);
    assert_eq!(imported.scene.stats().bounds.max.x, 101.0);
}

#[test]
fn optional_properties_the_data_model_requires_are_supplied_or_dropped() {
    // glTF allows a scene without `nodes` and a channel without `target.node` (it then
    // animates through an extension such as KHR_animation_pointer).
    let mut g = triangle();
    let times = g.floats(&[0.0, 1.0], "SCALAR");
    let values = g.floats(&[0.0; 6], "VEC3");
    g.push(
        "animations",
        json!({
            "samplers": [{ "input": times, "output": values }],
            "channels": [
                { "sampler": 0, "target": { "path": "pointer", "extensions": { "KHR_animation_pointer": { "pointer": "/nodes/0/translation" } } } },
                { "sampler": 0, "target": { "node": 0, "path": "translation" } }
            ]
        }),
    );
    g.push("scenes", json!({ "name": "empty" }));
    let imported = import(&g);
    assert_eq!(imported.scene.animations[0].channels.len(), 1);
    assert_eq!(
        imported.scene.animations[0].channels[0].property,
        AnimationProperty::Translation
    );
    let warnings: Vec<String> = imported.report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("/animations/0/channels/0:"),
        "{warnings:?}"
    );
    let options = ImportOptions {
        scene: Some(1),
        ..ImportOptions::default()
    };
    let empty = gltf::import_slice(g.embedded().as_bytes(), "t.gltf", None, &options).unwrap();
    assert_eq!(empty.scene.node_count(), 0);
}

#[test]
fn a_buffer_without_data_is_an_error_only_when_read() {
    // Buffer 1 has no uri and is not a GLB chunk: fine while nothing reads it.
    let mut g = triangle();
    let mut doc: serde_json::Value = serde_json::from_str(&g.embedded()).unwrap();
    doc["buffers"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "byteLength": 64 }));
    let imported = gltf::import_slice(
        doc.to_string().as_bytes(),
        "t.gltf",
        None,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imported.report.counts.buffers, 2);
    doc["bufferViews"][0]["buffer"] = json!(1);
    let e = gltf::import_slice(
        doc.to_string().as_bytes(),
        "t.gltf",
        None,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.location().unwrap().pointer, "/bufferViews/0/buffer", "{e}");
    // A texture without a source is allowed too: it has no image.
    g.push("textures", json!({}));
    let imported = import(&g);
    assert_eq!(imported.scene.textures[0].image, None);
    assert!(
        imported
            .report
            .warnings
            .iter()
            .any(|w| w.pointer == "/textures/0")
    );
}

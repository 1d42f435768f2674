//! The GLB writer: export → import round trips on the shared real models (read in place
//! from `../shared/gltf/`, see its CREDITS.md) and on a scene built here with every
//! feature; the container's structure; exactly the extensions used; typed errors.
//!
//! Layout: this file holds the tests; `export/compare.rs` the scene comparison,
//! `export/feature_scene.rs` the scene with every feature and `export/pointers.rs` the
//! tests of pointer channels and eight influences.
//!
//! Every exported file is also checked by the `gltf` crate's own validation (indices in
//! range, required properties), a reader independent of Museion's importer.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

mod compare;
mod feature_scene;
mod pointers;

use compare::assert_same;
use feature_scene::{feature_scene, grid_primitive};
use museion_gltf::{ExportError, GENERATOR, to_glb_bytes, write_glb};
use museion_gltf::{ImportOptions, import, import_slice};
use museion_scene::glam::{Vec2, Vec3};
use museion_scene::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------
// Round trip
// ---------------------------------------------------------------------------------------

/// Exports, validates with the `gltf` crate and imports again.
fn round_trip(scene: &Scene) -> (Vec<u8>, Scene) {
    let bytes = to_glb_bytes(scene).unwrap();
    if let Err(e) = ::gltf::Gltf::from_slice(&bytes) {
        panic!("the gltf crate refuses the export: {e:?}");
    }
    let imported = import_slice(&bytes, "export.glb", None, &ImportOptions::default()).unwrap();
    (bytes, imported.scene)
}

/// The JSON chunk of a GLB.
fn json_of(glb: &[u8]) -> Value {
    let len = u32::from_le_bytes(glb[12..16].try_into().unwrap()) as usize;
    serde_json::from_slice(&glb[20..20 + len]).unwrap()
}

// ---------------------------------------------------------------------------------------
// The shared real models
// ---------------------------------------------------------------------------------------

/// Imports `../shared/gltf/<rel>` (beside the checkout; never copied into it), exports it,
/// imports the export and compares the two scenes. Also checks that the document has one
/// entry per scene object and lists exactly the extensions the scene needs.
fn shared_model_round_trip(rel: &str) -> Value {
    let path = museion_testkit::shared_model(rel);
    let original = import(&path).unwrap().scene;
    let (bytes, back) = round_trip(&original);
    assert_same(&original, &back, rel);
    let doc = json_of(&bytes);
    let count = |key: &str| doc.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    let s = &original;
    assert_eq!(
        [
            count("nodes"),
            count("meshes"),
            count("materials"),
            count("textures"),
            count("images")
        ],
        [
            s.node_count(),
            s.meshes.len(),
            s.materials.len(),
            s.textures.len(),
            s.images.len()
        ],
        "{rel}: document arrays"
    );
    assert_eq!(
        extensions_used(&doc),
        expected_extensions(s),
        "{rel}: extensionsUsed"
    );
    doc
}

fn extensions_used(doc: &Value) -> Vec<&str> {
    doc.get("extensionsUsed")
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |list| list.iter().filter_map(Value::as_str).collect())
}

/// The extensions a scene's content calls for, sorted.
fn expected_extensions(scene: &Scene) -> Vec<&'static str> {
    let materials = &scene.materials;
    let mut expected = Vec::new();
    if !scene.lights.is_empty() {
        expected.push("KHR_lights_punctual");
    }
    let any = |has: fn(&Material) -> bool| materials.iter().any(has);
    let mut push_if = |name, has: fn(&Material) -> bool| {
        if any(has) {
            expected.push(name);
        }
    };
    push_if("KHR_materials_anisotropy", |m| m.anisotropy.is_some());
    push_if("KHR_materials_clearcoat", |m| m.clearcoat.is_some());
    push_if("KHR_materials_dispersion", |m| m.dispersion != 0.0);
    push_if("KHR_materials_emissive_strength", |m| m.emissive_strength != 1.0);
    push_if("KHR_materials_ior", |m| m.ior != DEFAULT_IOR);
    push_if("KHR_materials_iridescence", |m| m.iridescence.is_some());
    push_if("KHR_materials_sheen", |m| m.sheen.is_some());
    push_if("KHR_materials_specular", |m| m.specular.is_some());
    push_if("KHR_materials_transmission", |m| m.transmission.is_some());
    push_if("KHR_materials_unlit", |m| m.unlit);
    if !scene.variant_names().is_empty() {
        expected.push("KHR_materials_variants");
    }
    if materials.iter().any(|m| m.volume.is_some()) {
        expected.push("KHR_materials_volume");
    }
    if materials
        .iter()
        .any(|m| m.texture_slots().any(|(_, slot)| !slot.transform.is_identity()))
    {
        expected.push("KHR_texture_transform");
    }
    let xmp = scene.asset_xmp.is_some()
        || scene.nodes().any(|(_, n)| n.xmp.is_some())
        || scene.meshes.iter().any(|m| m.xmp.is_some())
        || materials.iter().any(|m| m.xmp.is_some())
        || scene.images.iter().any(|i| i.xmp.is_some());
    if xmp {
        expected.push("KHR_xmp_json_ld");
    }
    expected
}

#[test]
fn damaged_helmet_round_trips() {
    let doc = shared_model_round_trip("DamagedHelmet/DamagedHelmet.gltf");
    // Its JPEG textures are PNG in the export (their texels compared exactly above).
    let images = doc["images"].as_array().unwrap();
    assert_eq!(images.len(), 5);
    assert!(images.iter().all(|i| i["mimeType"] == "image/png"));
}

#[test]
fn flight_helmet_round_trips() {
    shared_model_round_trip("FlightHelmet/FlightHelmet.gltf");
}

#[test]
fn kenney_models_round_trip() {
    for rel in ["alien.glb", "cakeBirthday.glb", "craft_speederD.gltf", "tile.glb"] {
        shared_model_round_trip(&format!("Kenney/{rel}"));
    }
}

#[test]
fn fox_round_trips_with_its_skin_and_animations() {
    let doc = shared_model_round_trip("Fox/Fox.glb");
    assert_eq!(doc["skins"][0]["joints"].as_array().unwrap().len(), 24);
    assert_eq!(doc["animations"].as_array().unwrap().len(), 3);
    // The fox mesh node keeps its skin.
    assert!(doc["nodes"].as_array().unwrap().iter().any(|n| n["skin"] == 0));
}

#[test]
fn morph_stress_test_round_trips() {
    shared_model_round_trip("MorphStressTest/MorphStressTest.gltf");
}

#[test]
fn anisotropy_barn_lamp_round_trips() {
    shared_model_round_trip("AnisotropyBarnLamp/AnisotropyBarnLamp.gltf");
}

// ---------------------------------------------------------------------------------------
// The feature scene
// ---------------------------------------------------------------------------------------

#[test]
fn the_feature_scene_round_trips() {
    let (scene, _) = feature_scene();
    let (_, back) = round_trip(&scene);
    assert_same(&scene, &back, "feature scene");
}

#[test]
fn the_feature_scene_writes_every_material_extension_and_its_variants() {
    let (mut scene, _) = feature_scene();
    // Export while a variant is selected: primitives are written in their defaults.
    scene.select_variant(Some("gilded")).unwrap();
    assert_eq!(scene.meshes[0].primitives[0].material, Some(MaterialId(3)));
    let (bytes, mut back) = round_trip(&scene);
    let doc = json_of(&bytes);
    assert_eq!(
        extensions_used(&doc),
        [
            "KHR_lights_punctual",
            "KHR_materials_anisotropy",
            "KHR_materials_clearcoat",
            "KHR_materials_dispersion",
            "KHR_materials_emissive_strength",
            "KHR_materials_ior",
            "KHR_materials_iridescence",
            "KHR_materials_sheen",
            "KHR_materials_specular",
            "KHR_materials_transmission",
            "KHR_materials_unlit",
            "KHR_materials_variants",
            "KHR_materials_volume",
            "KHR_texture_transform",
            "KHR_xmp_json_ld",
        ]
    );
    assert_eq!(
        doc["extensions"]["KHR_materials_variants"],
        json!({ "variants": [{ "name": "gilded" }, { "name": "matte" }, { "name": "bare" }] })
    );
    let sculpture = &doc["meshes"][0]["primitives"][0];
    assert_eq!(sculpture["material"], 0);
    assert_eq!(
        sculpture["extensions"]["KHR_materials_variants"]["mappings"],
        json!([{ "material": 3, "variants": [0] }, { "material": 1, "variants": [1] }])
    );
    let layered = &doc["materials"][3]["extensions"];
    assert_eq!(
        layered["KHR_materials_clearcoat"]["clearcoatNormalTexture"]["scale"],
        0.6
    );
    assert_eq!(layered["KHR_materials_volume"]["attenuationDistance"], 2.0);
    assert_eq!(layered["KHR_materials_ior"]["ior"], 1.45);
    // The imported copy starts in its defaults and switches like the original.
    assert_eq!(back.selected_variant(), None);
    assert_eq!(back.meshes[0].primitives[0].material, Some(MaterialId(0)));
    back.select_variant(Some("gilded")).unwrap();
    assert_eq!(back.meshes[0].primitives[0].material, Some(MaterialId(3)));
    back.select_variant(Some("matte")).unwrap();
    scene.select_variant(Some("matte")).unwrap();
    for mesh in 0..back.meshes.len() {
        let materials = |s: &Scene| {
            s.meshes[mesh]
                .primitives
                .iter()
                .map(|p| p.material)
                .collect::<Vec<_>>()
        };
        assert_eq!(materials(&back), materials(&scene), "mesh {mesh}");
    }
    // (The materials themselves are compared by `the_feature_scene_round_trips`.)
}

#[test]
fn default_extension_values_round_trip_and_infinite_attenuation_is_left_out() {
    let mut scene = Scene::new();
    scene.add_mesh(Mesh::new(None, vec![grid_primitive(2)]));
    scene.add_node(Node::new().with_mesh(MeshId(0)), None).unwrap();
    scene.add_material(Material {
        volume: Some(Volume::default()),
        sheen: Some(Sheen::default()),
        ior: 0.0,
        ..Material::default()
    });
    scene.meshes[0].primitives[0].material = Some(MaterialId(0));
    let (bytes, back) = round_trip(&scene);
    let doc = json_of(&bytes);
    let volume = &doc["materials"][0]["extensions"]["KHR_materials_volume"];
    assert!(volume.get("attenuationDistance").is_none(), "{volume}");
    assert_eq!(back.materials[0], scene.materials[0]);
    assert_eq!(
        back.materials[0].volume.unwrap().attenuation_distance,
        f32::INFINITY
    );
    // The default ior and no dispersion write nothing.
    scene.materials[0].ior = DEFAULT_IOR;
    let doc = json_of(&round_trip(&scene).0);
    assert!(
        doc["materials"][0]["extensions"]
            .get("KHR_materials_ior")
            .is_none()
    );
    assert!(
        doc["materials"][0]["extensions"]
            .get("KHR_materials_dispersion")
            .is_none()
    );
}

#[test]
fn removed_nodes_leave_no_trace_and_dead_references_are_dropped() {
    let (mut scene, doomed) = feature_scene();
    let (bytes, _) = round_trip(&scene);
    let doc = json_of(&bytes);
    let names: Vec<&str> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["name"].as_str())
        .collect();
    assert_eq!(doc["nodes"].as_array().unwrap().len(), scene.node_count());
    assert!(
        !names.contains(&"doomed") && !names.contains(&"doomed child"),
        "{names:?}"
    );
    // An animation on a removed node and a skin with a removed joint do not map onto
    // glTF: they are dropped, and the node loses its skin.
    scene.animations.push(Animation {
        name: Some("ghost".into()),
        channels: vec![AnimationChannel {
            target: doomed,
            property: AnimationProperty::Scale,
            sampler: 0,
        }],
        pointer_channels: Vec::new(),
        samplers: vec![AnimationSampler {
            times: vec![0.0],
            values: vec![1.0; 3],
            interpolation: Interpolation::Step,
        }],
    });
    scene.skins[0].joints[1] = doomed;
    let (bytes, back) = round_trip(&scene);
    let doc = json_of(&bytes);
    assert_eq!(doc["animations"].as_array().unwrap().len(), 1);
    assert!(doc.get("skins").is_none());
    assert_eq!(back.animations.len(), 1);
    assert!(back.nodes().all(|(_, n)| n.skin.is_none()));
}

#[test]
fn the_glb_container_is_well_formed() {
    let (scene, _) = feature_scene();
    let glb = to_glb_bytes(&scene).unwrap();
    let u32_at = |o: usize| u32::from_le_bytes(glb[o..o + 4].try_into().unwrap()) as usize;
    assert_eq!(&glb[0..4], b"glTF");
    assert_eq!(u32_at(4), 2, "container version");
    assert_eq!(u32_at(8), glb.len(), "header length");
    let json_len = u32_at(12);
    assert_eq!((json_len % 4, &glb[16..20]), (0, &b"JSON"[..]));
    let text = std::str::from_utf8(&glb[20..20 + json_len]).unwrap();
    let trimmed = text.trim_end_matches(' ');
    assert!(
        text.len() - trimmed.len() < 4 && trimmed.ends_with('}'),
        "JSON padded with spaces"
    );
    let bin_start = 20 + json_len;
    let bin_len = u32_at(bin_start);
    assert_eq!(
        (bin_len % 4, &glb[bin_start + 4..bin_start + 8]),
        (0, &b"BIN\0"[..])
    );
    assert_eq!(bin_start + 8 + bin_len, glb.len(), "two chunks and nothing after");
    let doc: Value = serde_json::from_str(trimmed).unwrap();
    assert_eq!(
        doc["asset"],
        json!({ "version": "2.0", "generator": GENERATOR,
                "extensions": { "KHR_xmp_json_ld": { "packet": 0 } } })
    );
    assert_eq!(GENERATOR, format!("Museion {}", env!("CARGO_PKG_VERSION")));
    let byte_length = doc["buffers"][0]["byteLength"].as_u64().unwrap() as usize;
    assert!(byte_length <= bin_len && bin_len - byte_length < 4);
    let views = doc["bufferViews"].as_array().unwrap();
    for view in views {
        let (offset, len) = (
            view["byteOffset"].as_u64().unwrap() as usize,
            view["byteLength"].as_u64().unwrap() as usize,
        );
        assert!(offset % 4 == 0 && offset + len <= byte_length, "{view}");
    }
    let mut index_types = Vec::new();
    for accessor in doc["accessors"].as_array().unwrap() {
        let view = &views[accessor["bufferView"].as_u64().unwrap() as usize];
        let size = match accessor["componentType"].as_u64().unwrap() {
            5123 => 2,
            5125 | 5126 => 4,
            other => panic!("component type {other}"),
        };
        let per = match accessor["type"].as_str().unwrap() {
            "SCALAR" => 1,
            "VEC2" => 2,
            "VEC3" => 3,
            "VEC4" => 4,
            "MAT4" => 16,
            other => panic!("type {other}"),
        };
        let start = view["byteOffset"].as_u64().unwrap() as usize
            + accessor["byteOffset"].as_u64().unwrap_or(0) as usize;
        assert_eq!(start % size, 0, "accessor aligned to its component: {accessor}");
        assert!(
            accessor["count"].as_u64().unwrap() as usize * size * per
                <= view["byteLength"].as_u64().unwrap() as usize
        );
        if view["target"] == 34963 {
            index_types.push(accessor["componentType"].as_u64().unwrap());
        }
    }
    // Sculpture, lines, points and the skinned quad fit u16; the 300 × 300 floor does not.
    assert_eq!(index_types.iter().filter(|t| **t == 5125).count(), 1);
    assert_eq!(index_types.iter().filter(|t| **t == 5123).count(), 4);
    for mesh in doc["meshes"].as_array().unwrap() {
        for primitive in mesh["primitives"].as_array().unwrap() {
            let position = &doc["accessors"][primitive["attributes"]["POSITION"].as_u64().unwrap() as usize];
            assert!(
                position["min"].is_array() && position["max"].is_array(),
                "POSITION bounds"
            );
        }
    }
    let used: Vec<&str> = doc["extensionsUsed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(used, expected_extensions(&scene));
    assert!(doc.get("extensionsRequired").is_none());
    // Equal XMP packets are written once: the node's and the mesh's are the same.
    let packets = doc["extensions"]["KHR_xmp_json_ld"]["packets"]
        .as_array()
        .unwrap();
    assert_eq!(packets.len(), 4);
    assert_eq!(doc["asset"]["extensions"]["KHR_xmp_json_ld"]["packet"], 0);
    // The texture without an image is left out, with the slot using it.
    assert_eq!(doc["textures"].as_array().unwrap().len(), 2);
    assert_eq!(doc["materials"][0]["normalTexture"]["index"], 1);
    assert!(doc["materials"][0].get("emissiveTexture").is_none());
}

#[test]
fn a_scene_without_nodes_is_a_document_without_scenes() {
    let (bytes, back) = round_trip(&Scene::new());
    let doc = json_of(&bytes);
    assert!(
        doc.get("scenes").is_none() && doc.get("buffers").is_none(),
        "{doc}"
    );
    let json_chunk = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    assert_eq!(bytes.len(), 20 + json_chunk, "no binary chunk");
    assert_eq!(back.node_count(), 0);
}

#[test]
fn extensions_used_lists_only_what_the_document_uses() {
    let mut scene = Scene::new();
    scene.add_mesh(Mesh::new(None, vec![grid_primitive(2)]));
    scene.add_node(Node::new().with_mesh(MeshId(0)), None).unwrap();
    let doc = json_of(&round_trip(&scene).0);
    assert_eq!(doc.get("extensionsUsed"), None);
    scene.add_material(Material {
        unlit: true,
        ..Material::default()
    });
    scene.meshes[0].primitives[0].material = Some(MaterialId(0));
    assert_eq!(
        json_of(&round_trip(&scene).0)["extensionsUsed"],
        json!(["KHR_materials_unlit"])
    );
    // An emissive factor above 1 is carried by the strength: same product, valid factor.
    scene.materials[0].emissive_factor = Vec3::new(3.0, 1.5, 0.0);
    let (bytes, back) = round_trip(&scene);
    assert_eq!(
        json_of(&bytes)["extensionsUsed"],
        json!(["KHR_materials_emissive_strength", "KHR_materials_unlit"])
    );
    let m = &back.materials[0];
    assert_eq!(
        (m.emissive_factor, m.emissive_strength),
        (Vec3::new(1.0, 0.5, 0.0), 3.0)
    );
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

#[test]
fn scenes_gltf_cannot_hold_give_typed_errors() {
    let quad = || {
        let mut s = Scene::new();
        s.add_mesh(Mesh::new(None, vec![grid_primitive(2)]));
        s.add_node(Node::new().with_name("n").with_mesh(MeshId(0)), None)
            .unwrap();
        s
    };
    let mut s = quad();
    s.meshes[0].primitives[0].material = Some(MaterialId(4));
    assert!(matches!(
        to_glb_bytes(&s),
        Err(ExportError::DanglingReference {
            kind: "material",
            index: 4,
            count: 0,
            ..
        })
    ));
    let mut s = quad();
    s.meshes[0].primitives[0].uv0 = Some(vec![Vec2::ZERO; 3]);
    assert!(matches!(
        to_glb_bytes(&s),
        Err(ExportError::AttributeLength {
            attribute: "TEXCOORD_0",
            len: 3,
            vertex_count: 4,
            ..
        })
    ));
    let mut s = quad();
    s.meshes[0].primitives[0].indices[2] = 4;
    assert!(matches!(
        to_glb_bytes(&s),
        Err(ExportError::VertexIndexOutOfRange {
            value: 4,
            position: 2,
            ..
        })
    ));
    let mut s = quad();
    s.meshes[0].primitives[0].positions[1].y = f32::NAN;
    assert!(matches!(to_glb_bytes(&s), Err(ExportError::NonFinite { at }) if at.contains("POSITION")));
    let mut s = quad();
    let id = s.roots()[0];
    s.set_transform(
        id,
        Transform::from_translation(Vec3::new(f32::INFINITY, 0.0, 0.0)),
    )
    .unwrap();
    assert!(matches!(to_glb_bytes(&s), Err(ExportError::NonFinite { at }) if at.contains("\"n\"")));
    let mut s = quad();
    s.add_material(Material {
        roughness_factor: f32::NAN,
        ..Material::default()
    });
    let err = to_glb_bytes(&s).unwrap_err();
    assert!(
        matches!(&err, ExportError::NonFinite { at } if at == "/materials/0/pbrMetallicRoughness/roughnessFactor"),
        "{err}"
    );
    let mut s = quad();
    s.add_image(Image::rgba8(None, 2, 2, vec![0; 15], ImageSourceFormat::Png));
    assert!(matches!(
        to_glb_bytes(&s),
        Err(ExportError::ImageSize {
            image: 0,
            len: 15,
            ..
        })
    ));
}

#[test]
fn write_glb_writes_the_bytes_or_an_io_error_and_no_partial_file() {
    let (scene, _) = feature_scene();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hall.glb");
    write_glb(&scene, &path).unwrap();
    assert!(std::fs::read(&path).unwrap() == to_glb_bytes(&scene).unwrap());
    let imported = import(&path).unwrap();
    assert_eq!(imported.report.generator.as_deref(), Some(GENERATOR));
    let missing = dir.path().join("no such dir").join("hall.glb");
    assert!(matches!(write_glb(&scene, &missing), Err(ExportError::Io { path, .. }) if path == missing));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("hall.glb")]);
}

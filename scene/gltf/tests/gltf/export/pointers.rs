//! Pointer channels and eight influences through export and import: the feature scene
//! with a second set of influences on its skinned mesh and an animation of pointer
//! channels on materials, texture transforms, lights and cameras.

use super::compare::assert_same;
use super::feature_scene::feature_scene;
use super::json_of;
use museion_gltf::{ImportOptions, import_slice, to_glb_bytes};
use museion_scene::glam::Vec4;
use museion_scene::*;
use serde_json::Value;

fn keys(values: Vec<f32>) -> AnimationSampler {
    AnimationSampler {
        times: vec![0.0, 1.5],
        values,
        interpolation: Interpolation::Linear,
    }
}

fn material(material: u32, property: MaterialProperty) -> PointerTarget {
    PointerTarget::Material {
        material: MaterialId(material),
        property,
    }
}

/// Channels the written document can hold, each with its pointer and the keys it
/// writes there.
fn writable() -> Vec<(PointerTarget, &'static str, Vec<f32>)> {
    let transform = |slot, part| PointerTarget::TextureTransform {
        material: MaterialId(0),
        slot,
        part,
    };
    let light = |light, property| PointerTarget::Light {
        light: LightId(light),
        property,
    };
    let camera = |camera, property| PointerTarget::Camera {
        camera: CameraId(camera),
        property,
    };
    vec![
        (
            material(0, MaterialProperty::BaseColorFactor),
            "/materials/0/pbrMetallicRoughness/baseColorFactor",
            vec![0.9, 0.5, 0.1, 0.8, 0.1, 0.2, 0.3, 1.0],
        ),
        // Material 2 has the default strength 1: its extension is written anyway.
        (
            material(2, MaterialProperty::EmissiveStrength),
            "/materials/2/extensions/KHR_materials_emissive_strength/emissiveStrength",
            vec![1.0, 4.0],
        ),
        (
            material(3, MaterialProperty::ClearcoatRoughnessFactor),
            "/materials/3/extensions/KHR_materials_clearcoat/clearcoatRoughnessFactor",
            vec![0.0, 0.5],
        ),
        (
            material(3, MaterialProperty::Dispersion),
            "/materials/3/extensions/KHR_materials_dispersion/dispersion",
            vec![0.25, 1.0],
        ),
        (
            transform(0, TextureTransformPart::Offset),
            "/materials/0/pbrMetallicRoughness/baseColorTexture/extensions/KHR_texture_transform/offset",
            vec![0.25, -0.5, 0.75, 0.5],
        ),
        // The normal map's transform is the identity: written anyway.
        (
            transform(2, TextureTransformPart::Rotation),
            "/materials/0/normalTexture/extensions/KHR_texture_transform/rotation",
            vec![0.0, 1.0],
        ),
        (
            light(0, LightProperty::Color),
            "/extensions/KHR_lights_punctual/lights/0/color",
            vec![1.0, 0.8, 0.6, 0.5, 0.5, 1.0],
        ),
        (
            light(1, LightProperty::Range),
            "/extensions/KHR_lights_punctual/lights/1/range",
            vec![8.0, 4.0],
        ),
        (
            light(2, LightProperty::SpotOuterConeAngle),
            "/extensions/KHR_lights_punctual/lights/2/spot/outerConeAngle",
            vec![0.7, 0.5],
        ),
        (
            camera(0, CameraProperty::AspectRatio),
            "/cameras/0/perspective/aspectRatio",
            vec![1.5, 2.0],
        ),
        (
            camera(1, CameraProperty::Yfov),
            "/cameras/1/perspective/yfov",
            vec![0.9, 0.4],
        ),
        (
            camera(2, CameraProperty::Znear),
            "/cameras/2/orthographic/znear",
            vec![0.0, 1.0],
        ),
    ]
}

/// The feature scene with JOINTS_1/WEIGHTS_1 on its skinned mesh (each vertex's eight
/// weights summing to exactly 1) and an animation of `channels`.
fn scene_with(channels: &[(PointerTarget, &'static str, Vec<f32>)]) -> Scene {
    let (mut scene, _) = feature_scene();
    let skinned = &mut scene.meshes[3].primitives[0];
    skinned.weights = Some(vec![
        Vec4::new(0.25, 0.25, 0.0, 0.0),
        Vec4::X,
        Vec4::new(0.5, 0.0, 0.0, 0.0),
        Vec4::new(0.125, 0.125, 0.0, 0.0),
    ]);
    skinned.joints_1 = Some(vec![[1, 0, 0, 0], [0, 0, 0, 0], [1, 0, 1, 0], [1, 0, 0, 0]]);
    skinned.weights_1 = Some(vec![
        Vec4::new(0.5, 0.0, 0.0, 0.0),
        Vec4::ZERO,
        Vec4::new(0.25, 0.0, 0.25, 0.0),
        Vec4::new(0.75, 0.0, 0.0, 0.0),
    ]);
    skinned.update_deform_bounds();
    scene.animations.push(Animation {
        name: Some("pointers".into()),
        channels: Vec::new(),
        pointer_channels: (0..channels.len())
            .map(|c| PointerChannel {
                target: channels[c].0,
                sampler: c,
            })
            .collect(),
        samplers: channels.iter().map(|(_, _, v)| keys(v.clone())).collect(),
    });
    scene
}

fn export(scene: &Scene) -> (Vec<u8>, Scene) {
    let bytes = to_glb_bytes(scene).unwrap();
    let imported = import_slice(&bytes, "export.glb", None, &ImportOptions::default()).unwrap();
    let about =
        |w: &&museion_gltf::Warning| w.pointer.starts_with("/animations") || w.message.contains("WEIGHTS");
    let warnings: Vec<_> = imported.report.warnings.iter().filter(about).collect();
    assert!(warnings.is_empty(), "{warnings:?}");
    (bytes, imported.scene)
}

/// The pointers of the document's animation `index`.
fn pointers(doc: &Value, index: usize) -> Vec<&str> {
    doc["animations"][index]["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["target"]["path"], "pointer");
            assert!(c["target"].get("node").is_none(), "a pointer channel has no node");
            c["target"]["extensions"]["KHR_animation_pointer"]["pointer"]
                .as_str()
                .unwrap()
        })
        .collect()
}

#[test]
fn pointer_channels_and_eight_influences_round_trip() {
    let channels = writable();
    let scene = scene_with(&channels);
    let (bytes, back) = export(&scene);
    assert_same(&scene, &back, "feature scene with pointers");
    assert!(back.meshes[3].primitives[0].weights_1.is_some());

    let doc = json_of(&bytes);
    let used = doc["extensionsUsed"].as_array().unwrap();
    assert!(used.iter().any(|e| e == "KHR_animation_pointer"), "{used:?}");
    let expected: Vec<&str> = channels.iter().map(|(_, p, _)| *p).collect();
    assert_eq!(pointers(&doc, 1), expected);
    // The enclosing objects the pointers need are in the document.
    assert_eq!(
        doc["materials"][2]["extensions"]["KHR_materials_emissive_strength"]["emissiveStrength"],
        1.0
    );
    assert_eq!(
        doc["materials"][0]["normalTexture"]["extensions"]["KHR_texture_transform"]["rotation"],
        0.0
    );
    let attributes = &doc["meshes"][3]["primitives"][0]["attributes"];
    assert!(attributes.get("JOINTS_1").is_some() && attributes.get("WEIGHTS_1").is_some());

    // Every pointer names a value that is in the document.
    for pointer in &expected {
        assert!(doc.pointer(pointer).is_some(), "{pointer} is not in the document");
    }

    // Everything but the pointer channels also reads in the `gltf` crate, which does
    // not know KHR_animation_pointer (its data model requires a target node).
    let mut plain = doc.clone();
    plain["animations"][1]["channels"] = Value::Array(Vec::new());
    let bin_start = 20 + u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let glb = museion_testkit::gltf::glb(plain.to_string().as_bytes(), Some(&bytes[bin_start + 8..]));
    if let Err(e) = ::gltf::Gltf::from_slice(&glb) {
        panic!("the gltf crate refuses the export: {e:?}");
    }
}

#[test]
fn pointer_channels_the_document_cannot_hold_are_dropped() {
    let mut channels = writable();
    let kept = channels.len();
    channels.extend([
        // The sun is directional: no range.
        (
            PointerTarget::Light {
                light: LightId(0),
                property: LightProperty::Range,
            },
            "",
            vec![1.0, 2.0],
        ),
        // Camera 1 has no far plane.
        (
            PointerTarget::Camera {
                camera: CameraId(1),
                property: CameraProperty::Zfar,
            },
            "",
            vec![10.0, 20.0],
        ),
        // Material 1 has no clearcoat.
        (material(1, MaterialProperty::ClearcoatFactor), "", vec![0.0, 1.0]),
        // Material 0's emissive slot uses texture 1, which has no image and is not written.
        (
            PointerTarget::TextureTransform {
                material: MaterialId(0),
                slot: 4,
                part: TextureTransformPart::Scale,
            },
            "",
            vec![1.0; 4],
        ),
        // A second channel on the same pointer.
        (material(0, MaterialProperty::BaseColorFactor), "", vec![1.0; 8]),
        // Keys that do not fit: two values for two keys of a colour.
        (
            material(3, MaterialProperty::SheenColorFactor),
            "",
            vec![1.0, 0.0],
        ),
    ]);
    let scene = scene_with(&channels);
    let (bytes, back) = export(&scene);
    let doc = json_of(&bytes);
    let expected: Vec<&str> = channels[..kept].iter().map(|(_, p, _)| *p).collect();
    assert_eq!(pointers(&doc, 1), expected);
    let targets: Vec<PointerTarget> = back.animations[1]
        .pointer_channels
        .iter()
        .map(|c| c.target)
        .collect();
    let kept_targets: Vec<PointerTarget> = channels[..kept].iter().map(|(t, _, _)| *t).collect();
    assert_eq!(targets, kept_targets);
}

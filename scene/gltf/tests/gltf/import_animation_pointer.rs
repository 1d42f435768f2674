//! `KHR_animation_pointer` import on small documents built here: node TRS and morph
//! weights become ordinary channels; material factors, texture transforms, lights and
//! cameras become pointer channels on the right scene objects; escapes are decoded; and
//! every pointer that cannot be resolved (unknown property, index out of range, a
//! property the object lacks, the wrong number of components) is a warning naming the
//! pointer, with the channel dropped and the import going on.

use crate::support::*;
use museion_scene::glam::{Vec2, Vec4};
use museion_scene::{
    AlphaMode, AnimationProperty, CameraId, CameraProperty, Interpolation, LightId, LightProperty,
    MaterialId, MaterialProperty, NodeId, PointerTarget, Projection, Scene, TextureTransformPart,
};
use serde_json::{Value, json};

/// A scene to point into: node 0 draws a triangle with one morph target and material 0
/// (base colour and normal textures, emissive strength, MASK); node 1 is a child of
/// node 0; lights: 0 of an unknown type (skipped), 1 a spot, 2 a point light; cameras:
/// 0 perspective, 1 orthographic.
fn document() -> Gltf {
    let mut g = Gltf::new();
    let positions = g.positions(&TRIANGLE);
    let uvs = g.floats(&[0.0, 0.0, 1.0, 0.0, 0.0, 1.0], "VEC2");
    let offsets = g.floats(&[0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0], "VEC3");
    let image = g.image_in_buffer(&png(2, 2), "image/png");
    g.push("textures", json!({ "source": image }));
    g.push(
        "materials",
        json!({
            "pbrMetallicRoughness": { "baseColorTexture": { "index": 0 } },
            "normalTexture": { "index": 0 },
            "alphaMode": "MASK",
            "extensions": { "KHR_materials_emissive_strength": { "emissiveStrength": 2.0 } }
        }),
    );
    let mesh = g.push(
        "meshes",
        json!({ "primitives": [{ "attributes": { "POSITION": positions, "TEXCOORD_0": uvs }, "material": 0,
            "targets": [{ "POSITION": offsets }] }] }),
    );
    let node = g.push("nodes", json!({ "mesh": mesh, "children": [1] }));
    g.push("nodes", json!({ "name": "child" }));
    g.root(node);
    g.json["extensionsUsed"] = json!([
        "KHR_animation_pointer",
        "KHR_lights_punctual",
        "KHR_materials_emissive_strength"
    ]);
    g.json["extensions"] = json!({ "KHR_lights_punctual": { "lights": [
        { "type": "area", "intensity": 1.0 },
        { "type": "spot", "spot": { "innerConeAngle": 0.2, "outerConeAngle": 0.5 } },
        { "type": "point", "intensity": 3.0 }
    ]}});
    g.push(
        "cameras",
        json!({ "type": "perspective", "perspective": { "yfov": 0.8, "znear": 0.1 } }),
    );
    g.push(
        "cameras",
        json!({ "type": "orthographic", "orthographic": { "xmag": 2.0, "ymag": 1.0, "znear": 0.0, "zfar": 10.0 } }),
    );
    g
}

/// Adds one animation with a LINEAR sampler of two keys per channel: `(pointer, output
/// type, values)`.
fn animate(g: &mut Gltf, channels: &[(&str, &str, &[f32])]) {
    let mut samplers = Vec::new();
    let mut list = Vec::new();
    for (s, (pointer, ty, values)) in channels.iter().enumerate() {
        let input = g.floats(&[0.0, 1.0], "SCALAR");
        let output = g.floats(values, ty);
        samplers.push(json!({ "input": input, "output": output }));
        list.push(channel(s, pointer));
    }
    g.push("animations", json!({ "channels": list, "samplers": samplers }));
}

fn channel(sampler: usize, pointer: &str) -> Value {
    json!({ "sampler": sampler, "target": { "path": "pointer",
        "extensions": { "KHR_animation_pointer": { "pointer": pointer } } } })
}

/// The warnings about animations (the document's skipped light has one of its own).
fn warnings(imported: &museion_gltf::Imported) -> Vec<String> {
    let all = imported.report.warnings.iter().map(ToString::to_string);
    all.filter(|w| w.starts_with("/animations/")).collect()
}

/// The channel at `index` is dropped with one warning naming its pointer.
#[track_caller]
fn assert_dropped(imported: &museion_gltf::Imported, index: usize, pointer: &str) {
    let at = format!("/animations/0/channels/{index}/target/extensions/KHR_animation_pointer/pointer: ");
    let named: Vec<String> = warnings(imported)
        .into_iter()
        .filter(|w| w.starts_with(&at))
        .collect();
    assert_eq!(
        named.len(),
        1,
        "one warning for channel {index}: {:?}",
        warnings(imported)
    );
    assert!(
        named[0].contains(&format!("{pointer:?}")) && named[0].ends_with("channel dropped"),
        "{named:?}"
    );
}

#[test]
fn node_pointers_become_ordinary_channels() {
    let mut g = document();
    animate(
        &mut g,
        &[
            ("/nodes/1/translation", "VEC3", &[0.0, 0.0, 0.0, 1.0, 2.0, 3.0]),
            (
                "/nodes/1/rotation",
                "VEC4",
                &[0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0],
            ),
            ("/nodes/0/scale", "VEC3", &[1.0; 6]),
            ("/nodes/0/weights", "SCALAR", &[0.0, 1.0]),
        ],
    );
    g.json["extensionsRequired"] = json!(["KHR_animation_pointer"]);
    let imported = import(&g);
    assert_eq!(warnings(&imported), [""; 0]);
    let scene = &imported.scene;
    let animation = &scene.animations[0];
    assert!(animation.pointer_channels.is_empty());
    let child = scene.find_node("child").expect("node 1 imported");
    let got: Vec<(NodeId, AnimationProperty, usize)> = animation
        .channels
        .iter()
        .map(|c| (c.target, c.property, c.sampler))
        .collect();
    let root = scene.roots()[0];
    assert_eq!(
        got,
        [
            (child, AnimationProperty::Translation, 0),
            (child, AnimationProperty::Rotation, 1),
            (root, AnimationProperty::Scale, 2),
            (root, AnimationProperty::MorphWeights, 3),
        ]
    );
    assert_eq!(animation.samplers[0].values, [0.0, 0.0, 0.0, 1.0, 2.0, 3.0]);
    assert_eq!(animation.samplers[0].interpolation, Interpolation::Linear);
    assert_eq!(animation.duration(), 1.0);
}

#[test]
fn material_factor_and_texture_transform_pointers_reach_the_material() {
    let mut g = document();
    animate(
        &mut g,
        &[
            (
                "/materials/0/pbrMetallicRoughness/baseColorFactor",
                "VEC4",
                &[1.0, 1.0, 1.0, 1.0, 0.5, 0.25, 0.0, 1.0],
            ),
            (
                "/materials/0/pbrMetallicRoughness/roughnessFactor",
                "SCALAR",
                &[1.0, 0.5],
            ),
            (
                "/materials/0/extensions/KHR_materials_emissive_strength/emissiveStrength",
                "SCALAR",
                &[2.0, 8.0],
            ),
            ("/materials/0/alphaCutoff", "SCALAR", &[0.5, 0.1]),
            (
                "/materials/0/normalTexture/extensions/KHR_texture_transform/offset",
                "VEC2",
                &[0.0, 0.0, 0.5, 0.25],
            ),
            (
                "/materials/0/pbrMetallicRoughness/baseColorTexture/extensions/KHR_texture_transform/rotation",
                "SCALAR",
                &[0.0, 1.5],
            ),
        ],
    );
    let imported = import(&g);
    assert_eq!(warnings(&imported), [""; 0]);
    let animation = &imported.scene.animations[0];
    assert!(animation.channels.is_empty());
    let material = MaterialId(0);
    let targets: Vec<PointerTarget> = animation.pointer_channels.iter().map(|c| c.target).collect();
    // Slots in Material::texture_slot_table order: base colour is 0, normal 2.
    assert_eq!(
        targets,
        [
            PointerTarget::Material {
                material,
                property: MaterialProperty::BaseColorFactor
            },
            PointerTarget::Material {
                material,
                property: MaterialProperty::RoughnessFactor
            },
            PointerTarget::Material {
                material,
                property: MaterialProperty::EmissiveStrength
            },
            PointerTarget::Material {
                material,
                property: MaterialProperty::AlphaCutoff
            },
            PointerTarget::TextureTransform {
                material,
                slot: 2,
                part: TextureTransformPart::Offset
            },
            PointerTarget::TextureTransform {
                material,
                slot: 0,
                part: TextureTransformPart::Rotation
            },
        ]
    );
    let sampler_of = |i: usize| animation.pointer_channels[i].sampler;
    assert_eq!((0..6).map(sampler_of).collect::<Vec<_>>(), [0, 1, 2, 3, 4, 5]);

    // Writing each channel's last key lands in the fields the pointers name.
    let mut scene: Scene = imported.scene.clone();
    for c in &animation.pointer_channels {
        let values = &animation.samplers[c.sampler].values;
        let last = &values[values.len() - c.target.components()..];
        assert!(scene.apply_pointer(c.target, last), "{:?}", c.target);
    }
    let m = &scene.materials[0];
    assert_eq!(m.base_color_factor, Vec4::new(0.5, 0.25, 0.0, 1.0));
    assert_eq!(m.roughness_factor, 0.5);
    assert_eq!(m.emissive_strength, 8.0);
    assert_eq!(m.alpha_mode, AlphaMode::Mask { cutoff: 0.1 });
    let normal = m.normal_texture.as_ref().expect("normal slot");
    assert_eq!(normal.transform.offset, Vec2::new(0.5, 0.25));
    let base = m.base_color_texture.as_ref().expect("base colour slot");
    assert_eq!(base.transform.rotation, 1.5);
    assert_eq!(base.transform.offset, Vec2::ZERO, "only the named part moves");
}

#[test]
fn light_pointers_follow_the_importers_light_ids() {
    let mut g = document();
    animate(
        &mut g,
        &[
            // Light 0 is of an unknown type and skipped: document light 1 is LightId(0).
            (
                "/extensions/KHR_lights_punctual/lights/1/spot/outerConeAngle",
                "SCALAR",
                &[0.5, 0.7],
            ),
            (
                "/extensions/KHR_lights_punctual/lights/2/color",
                "VEC3",
                &[1.0, 1.0, 1.0, 1.0, 0.0, 0.0],
            ),
            (
                "/extensions/KHR_lights_punctual/lights/2/intensity",
                "SCALAR",
                &[3.0, 6.0],
            ),
            (
                "/extensions/KHR_lights_punctual/lights/0/intensity",
                "SCALAR",
                &[1.0, 2.0],
            ),
            // A point light has no cone.
            (
                "/extensions/KHR_lights_punctual/lights/2/spot/innerConeAngle",
                "SCALAR",
                &[0.1, 0.2],
            ),
            (
                "/extensions/KHR_lights_punctual/lights/3/intensity",
                "SCALAR",
                &[1.0, 2.0],
            ),
        ],
    );
    let imported = import(&g);
    let targets: Vec<PointerTarget> = imported.scene.animations[0]
        .pointer_channels
        .iter()
        .map(|c| c.target)
        .collect();
    assert_eq!(
        targets,
        [
            PointerTarget::Light {
                light: LightId(0),
                property: LightProperty::SpotOuterConeAngle
            },
            PointerTarget::Light {
                light: LightId(1),
                property: LightProperty::Color
            },
            PointerTarget::Light {
                light: LightId(1),
                property: LightProperty::Intensity
            },
        ]
    );
    assert_dropped(&imported, 3, "/extensions/KHR_lights_punctual/lights/0/intensity");
    assert_dropped(
        &imported,
        4,
        "/extensions/KHR_lights_punctual/lights/2/spot/innerConeAngle",
    );
    assert_dropped(&imported, 5, "/extensions/KHR_lights_punctual/lights/3/intensity");
    let w = warnings(&imported);
    assert!(w.iter().any(|w| w.contains("skipped")), "{w:?}");
    assert!(w.iter().any(|w| w.contains("out of range")), "{w:?}");
}

#[test]
fn camera_pointers_must_go_through_the_cameras_projection() {
    let mut g = document();
    animate(
        &mut g,
        &[
            ("/cameras/0/perspective/yfov", "SCALAR", &[0.8, 1.2]),
            ("/cameras/1/orthographic/xmag", "SCALAR", &[2.0, 4.0]),
            ("/cameras/1/orthographic/zfar", "SCALAR", &[10.0, 20.0]),
            ("/cameras/0/orthographic/znear", "SCALAR", &[0.1, 0.2]),
        ],
    );
    let imported = import(&g);
    let animation = &imported.scene.animations[0];
    let targets: Vec<PointerTarget> = animation.pointer_channels.iter().map(|c| c.target).collect();
    assert_eq!(
        targets,
        [
            PointerTarget::Camera {
                camera: CameraId(0),
                property: CameraProperty::Yfov
            },
            PointerTarget::Camera {
                camera: CameraId(1),
                property: CameraProperty::Xmag
            },
            PointerTarget::Camera {
                camera: CameraId(1),
                property: CameraProperty::Zfar
            },
        ]
    );
    assert_dropped(&imported, 3, "/cameras/0/orthographic/znear");
    let mut scene = imported.scene.clone();
    assert!(scene.apply_pointer(targets[0], &[1.2]));
    assert!(matches!(scene.cameras[0].projection, Projection::Perspective { yfov, .. } if yfov == 1.2));
}

#[test]
fn escapes_are_decoded_before_the_pointer_is_matched() {
    let mut g = document();
    animate(
        &mut g,
        &[
            // "~1" is a '/' inside one key, so this names the key
            // "pbrMetallicRoughness/baseColorFactor", which no material has.
            (
                "/materials/0/pbrMetallicRoughness~1baseColorFactor",
                "VEC4",
                &[1.0; 8],
            ),
            // "~2" is no escape at all.
            (
                "/materials/0/pbrMetallicRoughness/roughness~2Factor",
                "SCALAR",
                &[1.0, 0.5],
            ),
            // "~0" decodes to '~', never to a separator.
            ("/nodes/0/translation~01", "VEC3", &[0.0; 6]),
            ("/nodes/0/translation", "VEC3", &[0.0; 6]),
        ],
    );
    let imported = import(&g);
    let animation = &imported.scene.animations[0];
    assert!(animation.pointer_channels.is_empty());
    assert_eq!(animation.channels.len(), 1);
    assert_eq!(animation.channels[0].sampler, 3);
    assert_dropped(&imported, 0, "/materials/0/pbrMetallicRoughness~1baseColorFactor");
    assert_dropped(
        &imported,
        1,
        "/materials/0/pbrMetallicRoughness/roughness~2Factor",
    );
    assert_dropped(&imported, 2, "/nodes/0/translation~01");
    assert_eq!(warnings(&imported).len(), 3);
}

#[test]
fn unsupported_and_unresolvable_pointers_are_warnings_not_errors() {
    let mut g = document();
    let unresolvable: [(&str, &str, &[f32]); 8] = [
        ("/meshes/0/weights", "SCALAR", &[0.0, 1.0]),
        ("/materials/0/doubleSided", "SCALAR", &[0.0, 1.0]),
        ("/nodes/9/translation", "VEC3", &[0.0; 6]),
        (
            "/materials/4/pbrMetallicRoughness/metallicFactor",
            "SCALAR",
            &[0.0, 1.0],
        ),
        // The material has no clearcoat and no occlusion texture.
        (
            "/materials/0/extensions/KHR_materials_clearcoat/clearcoatFactor",
            "SCALAR",
            &[0.0, 1.0],
        ),
        (
            "/materials/0/occlusionTexture/extensions/KHR_texture_transform/scale",
            "VEC2",
            &[1.0; 4],
        ),
        ("/cameras/2/perspective/yfov", "SCALAR", &[0.5, 1.0]),
        ("nodes/0/translation", "VEC3", &[0.0; 6]),
    ];
    animate(&mut g, &unresolvable);
    // A pointer channel without its pointer string, after them.
    let input = g.floats(&[0.0, 1.0], "SCALAR");
    g.json["animations"][0]["samplers"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "input": input, "output": input }));
    g.json["animations"][0]["channels"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "sampler": 8, "target": { "path": "pointer" } }));
    let imported = import(&g);
    let animation = &imported.scene.animations[0];
    assert!(animation.channels.is_empty() && animation.pointer_channels.is_empty());
    assert_eq!(
        animation.samplers.len(),
        9,
        "samplers are kept, ids stay the file's"
    );
    for (i, (pointer, _, _)) in unresolvable.iter().enumerate() {
        assert_dropped(&imported, i, pointer);
    }
    let w = warnings(&imported);
    assert_eq!(w.len(), 9, "{w:#?}");
    assert!(
        w[8].starts_with("/animations/0/channels/8/target/extensions/KHR_animation_pointer/pointer: ")
            && w[8].contains("without a pointer"),
        "{w:#?}"
    );
}

#[test]
fn a_wrong_component_count_is_a_warning() {
    let mut g = document();
    animate(
        &mut g,
        &[
            // VEC3 keys for a four-component colour.
            (
                "/materials/0/pbrMetallicRoughness/baseColorFactor",
                "VEC3",
                &[1.0; 6],
            ),
            // VEC3 keys for a quaternion.
            ("/nodes/0/rotation", "VEC3", &[0.0; 6]),
            // SCALAR keys, but eight of them for two keys of a VEC2 offset would be
            // right only as VEC2.
            (
                "/materials/0/normalTexture/extensions/KHR_texture_transform/scale",
                "SCALAR",
                &[1.0, 1.0],
            ),
            (
                "/extensions/KHR_lights_punctual/lights/2/color",
                "VEC4",
                &[1.0; 8],
            ),
            // Weights must be scalars.
            ("/nodes/0/weights", "VEC2", &[0.0; 4]),
            // And one that is right.
            (
                "/materials/0/pbrMetallicRoughness/metallicFactor",
                "SCALAR",
                &[0.0, 1.0],
            ),
        ],
    );
    let imported = import(&g);
    let animation = &imported.scene.animations[0];
    assert!(animation.channels.is_empty());
    assert_eq!(animation.pointer_channels.len(), 1);
    assert_eq!(animation.pointer_channels[0].sampler, 5);
    for (i, pointer) in [
        "/materials/0/pbrMetallicRoughness/baseColorFactor",
        "/nodes/0/rotation",
        "/materials/0/normalTexture/extensions/KHR_texture_transform/scale",
        "/extensions/KHR_lights_punctual/lights/2/color",
        "/nodes/0/weights",
    ]
    .into_iter()
    .enumerate()
    {
        assert_dropped(&imported, i, pointer);
    }
    let w = warnings(&imported);
    assert_eq!(w.len(), 5, "{w:#?}");
    assert!(
        w[0].contains("needs 4 components per value") && w[0].contains("has 3"),
        "{w:#?}"
    );
}

#[test]
fn pointer_and_node_channels_mix_in_file_order() {
    let mut g = document();
    animate(
        &mut g,
        &[
            (
                "/materials/0/pbrMetallicRoughness/roughnessFactor",
                "SCALAR",
                &[1.0, 0.5],
            ),
            ("/bogus", "SCALAR", &[1.0, 0.5]),
        ],
    );
    // An ordinary channel after the pointer channels; its sampler is the first.
    g.json["animations"][0]["channels"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "sampler": 0, "target": { "node": 0, "path": "weights" } }));
    // And a cubic spline pointer channel: three values per key.
    let input = g.floats(&[0.0, 2.0], "SCALAR");
    let output = g.floats(&[0.0, 3.0, 0.0, 0.0, 1.0, 0.0], "SCALAR");
    g.json["animations"][0]["samplers"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "input": input, "output": output, "interpolation": "CUBICSPLINE" }));
    g.json["animations"][0]["channels"]
        .as_array_mut()
        .unwrap()
        .push(channel(2, "/materials/0/pbrMetallicRoughness/metallicFactor"));
    let imported = import(&g);
    let animation = &imported.scene.animations[0];
    assert_dropped(&imported, 1, "/bogus");
    assert_eq!(warnings(&imported).len(), 1);
    assert_eq!(animation.channels.len(), 1);
    assert_eq!(animation.channels[0].property, AnimationProperty::MorphWeights);
    assert_eq!(animation.pointer_channels.len(), 2);
    assert_eq!(animation.pointer_channels[1].sampler, 2);
    assert_eq!(animation.samplers[2].interpolation, Interpolation::CubicSpline);
    assert_eq!(animation.duration(), 2.0);
}

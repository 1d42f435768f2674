//! The importer against small files these tests generate, one glTF scene feature at a
//! time: punctual lights and cameras, the node hierarchy (matrices, extras, instances),
//! skins, morph targets and animations, containers (`.gltf` with files, embedded, GLB),
//! the choice of scene, extensions, and what the importer relaxes or supplies (scene
//! roots that are children elsewhere, optional properties, buffers without data).

use crate::support::*;
use museion_gltf::{self as gltf, ImportOptions};
use museion_scene::glam::{Mat4, Quat, Vec3, Vec4};
use museion_scene::{AnimationProperty, Interpolation, LightKind, Projection};
use serde_json::json;
use std::f32::consts::FRAC_1_SQRT_2;

fn add_png_texture(g: &mut Gltf) {
    let image = g.image_in_buffer(&png(2, 2), "image/png");
    g.push("textures", json!({ "source": image }));
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
    g.json["extensionsUsed"] = json!(["KHR_materials_diffuse_transmission", "KHR_texture_transform"]);
    g.json["extensionsRequired"] = json!(["KHR_texture_transform"]);
    let imported = import(&g);
    let warnings: Vec<String> = imported.report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("KHR_materials_diffuse_transmission")
            && warnings[0].contains("/extensionsUsed/0")
    );
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
    // animates through an extension; KHR_animation_pointer's are read, see
    // `import_animation_pointer`, others are dropped).
    let mut g = triangle();
    let times = g.floats(&[0.0, 1.0], "SCALAR");
    let values = g.floats(&[0.0; 6], "VEC3");
    g.push(
        "animations",
        json!({
            "samplers": [{ "input": times, "output": values }],
            "channels": [
                { "sampler": 0, "target": { "path": "translation", "extensions": { "EXT_unknown_target": { "thing": 3 } } } },
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

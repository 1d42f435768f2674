//! glTF scenes as venues, and real glTF models from ../shared/gltf placed in a venue.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_testkit::gltf as support;
use museion_testkit::shared_model as shared;

use museion_scene::glam::Vec3;
use museion_scene::{BodyKind, ColliderShape};
use museion_venue::{self as venue, ExhibitKind, ExhibitSurface, FileScope, LightSensitivity};
use serde_json::json;
use support::{Gltf, TRIANGLE};

/// A scene of a floor (a mesh node without extras) and two exhibits: a "helmet" node
/// with its metadata in `extras.exhibit` and a mesh child, and a painting marked as an
/// artwork; optionally a camera 5 m up the +x axis looking toward -x.
fn museum(camera: bool) -> Gltf {
    let mut g = Gltf::new();
    let positions = g.positions(&TRIANGLE);
    let indices = g.indices_u16(&[0, 1, 2]);
    let mesh = g.push(
        "meshes",
        json!({ "primitives": [{ "attributes": { "POSITION": positions }, "indices": indices }] }),
    );
    let floor = g.push(
        "nodes",
        json!({ "name": "floor", "mesh": mesh, "scale": [10, 10, 10] }),
    );
    let part = g.push(
        "nodes",
        json!({ "name": "visor", "mesh": mesh, "translation": [0, 1, 0] }),
    );
    let helmet = g.push(
        "nodes",
        json!({
            "name": "helmet",
            "children": [part],
            "translation": [2, 0, 3],
            "extras": { "exhibit": {
                "title": "Damaged Helmet",
                "artist": "theblueturtle_",
                "accessionNumber": "GLTF-1",
                "rating": 5,
                "translations": { "fr": { "title": "Casque abîmé" } }
            } }
        }),
    );
    let painting = g.push(
        "nodes",
        json!({ "mesh": mesh, "extras": { "exhibit": {
            "id": "p1", "kind": "artwork", "room": "hall", "light_sensitivity": "high"
        } } }),
    );
    for node in [floor, helmet, painting] {
        g.root(node);
    }
    if camera {
        let cam = g.push(
            "cameras",
            json!({ "type": "perspective", "perspective": { "yfov": 0.8, "znear": 0.1 } }),
        );
        // Rotated +90° about y: its -z view axis turns to -x.
        let s = std::f32::consts::FRAC_1_SQRT_2;
        let node = g.push(
            "nodes",
            json!({ "camera": cam, "translation": [5, 1.7, 0], "rotation": [0, s, 0, s] }),
        );
        g.root(node);
    }
    g
}

#[test]
fn nodes_with_exhibit_extras_become_exhibits_and_meshes_collide() {
    let dir = tempfile::tempdir().unwrap();
    let path = museum(true).write_gltf(dir.path(), "museum");
    let v = venue::load(&path).unwrap();
    let ids: Vec<(&str, ExhibitKind)> = v.exhibits.iter().map(|e| (e.id.as_str(), e.kind)).collect();
    assert_eq!(
        ids,
        [("helmet", ExhibitKind::Model), ("p1", ExhibitKind::Artwork)]
    );
    let helmet = &v.exhibits[0];
    assert_eq!(helmet.metadata.title.as_deref(), Some("Damaged Helmet"));
    assert_eq!(helmet.metadata.artist.as_deref(), Some("theblueturtle_"));
    assert_eq!(helmet.metadata.accession_number.as_deref(), Some("GLTF-1"));
    assert_eq!(helmet.metadata.label("fr").title.as_deref(), Some("Casque abîmé"));
    assert_eq!(v.exhibits[1].room.as_deref(), Some("hall"));
    assert_eq!(v.exhibits[1].light_sensitivity, Some(LightSensitivity::High));
    assert_eq!(helmet.light_sensitivity, None);
    // The painting is measured on the front of its box, facing its node's +z.
    assert!(matches!(
        v.exhibits[1].surface,
        ExhibitSurface::Canvas { normal: Vec3::Z, .. }
    ));
    assert!(matches!(
        helmet.surface,
        ExhibitSurface::Object { front: Vec3::Z, .. }
    ));
    // The helmet's bounds are its child's triangle, moved by both translations.
    assert!(
        helmet.bounds.min.abs_diff_eq(Vec3::new(2.0, 1.0, 3.0), 1e-6),
        "{:?}",
        helmet.bounds
    );

    // Three mesh nodes, three static mesh colliders; the visor picks the helmet.
    assert_eq!(v.colliders.len(), 3);
    assert!(
        v.colliders
            .iter()
            .all(|c| c.shape == ColliderShape::Mesh && c.body == BodyKind::Static)
    );
    let picks: Vec<Option<usize>> = v.colliders.iter().map(|c| c.exhibit).collect();
    assert_eq!(picks, [None, Some(0), Some(1)]);

    // The visitor starts under the camera, looking where it looks (-x: yaw +90°).
    let spawn = &v.spawns[0];
    assert!(
        spawn.position.abs_diff_eq(Vec3::new(5.0, 0.05, 0.0), 1e-5),
        "{:?}",
        spawn.position
    );
    assert!(
        spawn.forward().abs_diff_eq(Vec3::NEG_X, 1e-5),
        "{:?}",
        spawn.forward()
    );
    let mut deps = v.dependencies.clone();
    deps.sort();
    assert_eq!(
        deps,
        [dir.path().join("museum.bin"), dir.path().join("museum.gltf")]
    );
    assert!(v.rooms.is_empty() && v.tours.is_empty());
}

#[test]
fn without_a_camera_visitors_start_in_front_of_the_scene() {
    let dir = tempfile::tempdir().unwrap();
    let path = museum(false).write_glb(dir.path(), "museum");
    let v = venue::load(&path).unwrap();
    let bounds = v.scene.stats().bounds;
    let spawn = &v.spawns[0];
    assert!(
        spawn.position.z > bounds.max.z + 1.9,
        "{:?} vs {:?}",
        spawn.position,
        bounds
    );
    assert_eq!(spawn.position.y, bounds.min.y);
    assert!(spawn.forward().abs_diff_eq(Vec3::NEG_Z, 1e-6));
    assert_eq!(v.dependencies, [path]);
    // Its exhibits are parts of the venue's own file: they name no files of their own.
    assert!(!v.exhibits.is_empty() && v.exhibits.iter().all(|e| e.assets.is_empty()));
}

#[test]
fn a_real_model_placed_twice_is_imported_once_and_its_files_are_dependencies() {
    let helmet = shared("DamagedHelmet/DamagedHelmet.gltf");
    let text = format!(
        r#"[[rooms]]
id = "hall"
floor = [[0, 0], [8, 0], [8, 6], [0, 6]]

[[models]]
id = "left"
room = "hall"
model = "{0}"
position = [2, 0, 3]
height = 0.5
pedestal = true
light = {{ lux = 250 }}

[[models]]
id = "right"
room = "hall"
model = "{0}"
position = [6, 0.1, 3]
scale = 0.3
rotation = [0, 90, 0]
"#,
        helmet.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("venue.toml");
    std::fs::write(&path, &text).unwrap();
    // The model lies outside the venue's folder, in the shared test data: allow it.
    let scope = FileScope::around(&path).allow_dir(museion_testkit::shared_dir());
    let v = venue::load_with_scope(&path, &scope).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v.report.models_imported, 1);
    let names: Vec<String> = v
        .dependencies
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for file in [
        "venue.toml",
        "DamagedHelmet.gltf",
        "DamagedHelmet.bin",
        "Default_albedo.jpg",
        "Default_normal.jpg",
    ] {
        assert_eq!(
            names.iter().filter(|n| *n == file).count(),
            1,
            "{file} in {names:?}"
        );
    }
    let (left, right) = (&v.exhibits[0], &v.exhibits[1]);
    // A model's assets: its .gltf first, then its buffer and images, as dependencies.
    assert_eq!(left.assets[0], helmet);
    assert_eq!(left.assets.len(), 1 + 1 + 5, "{:?}", left.assets);
    assert!(left.assets.iter().all(|a| v.dependencies.contains(a)));
    assert_eq!(left.assets, right.assets);
    // On a 1 m pedestal, scaled to 0.5 m tall; the other rests 10 cm above the floor.
    assert!(
        (left.bounds.max.y - 1.5).abs() < 1e-3 && left.bounds.min.y.abs() < 1e-4,
        "{:?}",
        left.bounds
    );
    assert!((right.bounds.min.y - 0.1).abs() < 1e-4, "{:?}", right.bounds);
    // Both placements share one copy of the meshes and images, each with its own nodes.
    assert_eq!(v.scene.images.len(), 5 + v.report.textures_generated);
    let helmet_meshes: Vec<_> = [left.node, right.node]
        .iter()
        .map(|e| {
            v.scene
                .descendants(*e)
                .filter_map(|n| v.scene.node(n).unwrap().mesh)
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(helmet_meshes[0].len(), 2, "pedestal and helmet");
    assert!(
        helmet_meshes[0].contains(&helmet_meshes[1][0]),
        "{helmet_meshes:?}"
    );
    assert!(
        v.scene
            .lights
            .iter()
            .any(|l| l.name.as_deref() == Some("spot:left"))
    );
    let spot = v
        .scene
        .lights
        .iter()
        .find(|l| l.name.as_deref() == Some("spot:left"))
        .unwrap();
    assert!(spot.intensity > 0.0);
}

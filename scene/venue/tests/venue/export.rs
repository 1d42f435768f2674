//! A venue exported to GLB (`export_scene`) and loaded back as a venue keeps what made
//! it one: its spawns, tours, visitor, languages and environment.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_scene::glam::Vec3;
use museion_testkit::venue::write_example;
use museion_venue::{self as venue, CompiledVenue, EnvironmentSource};
use std::f32::consts::{PI, TAU};
use std::path::Path;

/// Exports `venue` to `path` as a GLB and loads the file as a venue.
fn export_and_load(venue: CompiledVenue, path: &Path) -> CompiledVenue {
    let scene = venue::export_scene(venue);
    std::fs::write(path, museion_gltf::to_glb_bytes(&scene).unwrap()).unwrap();
    venue::load(path).unwrap()
}

/// The difference of two headings, in (−π, π].
fn turn(a: f32, b: f32) -> f32 {
    let d = (a - b).rem_euclid(TAU);
    if d > PI { d - TAU } else { d }
}

fn assert_same_visits(original: &CompiledVenue, loaded: &CompiledVenue) {
    assert_eq!(loaded.spawns.len(), original.spawns.len());
    for (a, b) in original.spawns.iter().zip(&loaded.spawns) {
        assert_eq!(a.id, b.id);
        assert!(
            a.position.distance(b.position) < 1e-4,
            "{}: {} vs {}",
            a.id,
            a.position,
            b.position
        );
        assert!(
            turn(a.yaw, b.yaw).abs() < 1e-4,
            "{}: yaw {} vs {}",
            a.id,
            a.yaw,
            b.yaw
        );
    }
    assert_eq!(loaded.tours.len(), original.tours.len());
    for (a, b) in original.tours.iter().zip(&loaded.tours) {
        assert_eq!((&a.id, &a.name), (&b.id, &b.name));
        assert_eq!(a.stops.len(), b.stops.len(), "{}", a.id);
        for (i, (x, y)) in a.stops.iter().zip(&b.stops).enumerate() {
            assert!(
                x.eye.distance(y.eye) < 1e-4,
                "{} stop {i}: eye {} vs {}",
                a.id,
                x.eye,
                y.eye
            );
            assert!(
                x.target.distance(y.target) < 1e-4,
                "{} stop {i}: target {} vs {}",
                a.id,
                x.target,
                y.target
            );
            assert_eq!(x.dwell, y.dwell, "{} stop {i}", a.id);
            assert_eq!(x.caption, y.caption, "{} stop {i}", a.id);
            assert_eq!(
                x.caption_translations, y.caption_translations,
                "{} stop {i}",
                a.id
            );
            let id = |v: &CompiledVenue, e: Option<usize>| e.map(|e| v.exhibits[e].id.clone());
            assert_eq!(
                id(original, x.exhibit),
                id(loaded, y.exhibit),
                "{} stop {i}",
                a.id
            );
        }
    }
}

#[test]
fn an_exported_venue_keeps_its_spawns_tours_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let original = venue::load(&path).unwrap();
    assert!(
        original.spawns.iter().any(|s| (s.yaw - PI).abs() < 1e-6),
        "the example's entrance looks toward +z (yaw 180°)"
    );
    let glb = dir.path().join("museum.glb");
    let loaded = export_and_load(original.clone(), &glb);
    assert_same_visits(&original, &loaded);
    assert_eq!(loaded.visitor, original.visitor);
    assert_eq!(loaded.visitor.eye_height, 1.6, "the example's own eye height");
    assert_eq!(loaded.languages, original.languages);
    assert_eq!(loaded.language, original.language);
    assert_eq!(loaded.environment, original.environment);
    assert!(loaded.report.warnings.is_empty(), "{:?}", loaded.report.warnings);

    // The spawn and tour nodes are read, not kept: the venue's scene has the exhibits'
    // and the architecture's nodes only, and no camera.
    assert_eq!(loaded.scene.node_count(), original.scene.node_count());
    assert!(loaded.scene.cameras.is_empty());
    let mut ids: Vec<&str> = loaded.exhibits.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["bust", "sunflowers", "vase"]);

    // Exported again, the GLB is the same venue: nothing is written twice.
    let again = export_and_load(loaded.clone(), &dir.path().join("again.glb"));
    assert_same_visits(&original, &again);
    assert_eq!(again.scene.node_count(), loaded.scene.node_count());
    assert!(again.scene.cameras.is_empty());

    // Other glTF tools see the spawns and stops as cameras, named after them.
    let plain = museion_gltf::import(&glb).unwrap().scene;
    let names: Vec<&str> = plain
        .nodes()
        .filter(|(_, n)| n.camera.is_some())
        .filter_map(|(_, n)| n.name.as_deref())
        .collect();
    assert_eq!(
        names,
        [
            "spawn entrance",
            "highlights stop 0",
            "highlights stop 1",
            "highlights stop 2"
        ]
    );
    assert_eq!(plain.cameras.len(), 1);
}

#[test]
fn a_file_environment_is_looked_for_beside_the_glb() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let mut original = venue::load(&path).unwrap();
    original.environment.source = EnvironmentSource::File(dir.path().join("light/hall.hdr"));
    original.environment.intensity = 0.25;
    let glb = dir.path().join("museum.glb");
    let loaded = export_and_load(original.clone(), &glb);
    assert_eq!(loaded.environment.source, EnvironmentSource::Studio);
    assert_eq!(loaded.environment.intensity, 0.25);
    assert!(
        loaded
            .report
            .warnings
            .iter()
            .any(|w| w.contains("\"hall.hdr\" is not beside")),
        "{:?}",
        loaded.report.warnings
    );

    std::fs::write(dir.path().join("hall.hdr"), b"#?RADIANCE\n").unwrap();
    let loaded = venue::load(&glb).unwrap();
    let beside = dir.path().join("hall.hdr").canonicalize().unwrap();
    assert_eq!(loaded.environment.source, EnvironmentSource::File(beside.clone()));
    assert!(loaded.dependencies.contains(&beside));
}

#[test]
fn a_tour_stop_looking_straight_down_keeps_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let mut original = venue::load(&path).unwrap();
    let stop = &mut original.tours[0].stops[2];
    stop.target = stop.eye - Vec3::Y * 1.5;
    let loaded = export_and_load(original.clone(), &dir.path().join("down.glb"));
    assert_same_visits(&original, &loaded);
}

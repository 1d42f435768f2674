//! What an exported venue keeps beside its spawns and tours, so that the GLB behaves as
//! the venue did: its rooms and bake settings (a bake of the export), the clips its
//! model exhibits loop, its guide, and a file environment embedded in the file. Hostile
//! extras are warnings, never a panic.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_scene::glam::Mat4;
use museion_scene::{Node, Scene};
use museion_testkit::venue::write_example;
use museion_venue::{self as venue, CompiledVenue, EnvironmentSource, VenueAnimator};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Writes `venue` as a GLB at `path` through [`venue::export_glb`] and loads it.
fn export_and_load(venue: CompiledVenue, path: &Path) -> CompiledVenue {
    std::fs::write(path, venue::export_glb(venue).unwrap()).unwrap();
    venue::load(path).unwrap()
}

fn demo() -> PathBuf {
    museion_testkit::workspace_root().join("assets/demo/venue.toml")
}

/// The world matrix of the first node named `name`.
fn world_of(scene: &Scene, name: &str) -> Mat4 {
    let (id, _) = scene
        .nodes()
        .find(|(_, n)| n.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no node {name:?}"));
    scene.world_matrix(id).unwrap()
}

fn clip_name(venue: &CompiledVenue, clip: usize) -> Option<&str> {
    venue.scene.animations[clip].name.as_deref()
}

#[test]
fn the_exported_demo_keeps_its_rooms_bake_loops_and_guide_and_moves_as_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let original = venue::load(demo()).unwrap();
    assert!(original.guide.is_some() && !original.animations.is_empty() && original.rooms.len() > 1);
    let loaded = export_and_load(original.clone(), &dir.path().join("demo.glb"));
    assert!(loaded.report.warnings.is_empty(), "{:?}", loaded.report.warnings);

    // Rooms: the same polygons, heights and pieces, bit for bit.
    assert_eq!(loaded.rooms.len(), original.rooms.len());
    for (a, b) in original.rooms.iter().zip(&loaded.rooms) {
        assert_eq!(
            (&a.id, &a.name, &a.floor, a.elevation, a.height, a.wall_pieces),
            (&b.id, &b.name, &b.floor, b.elevation, b.height, b.wall_pieces)
        );
        assert_eq!(
            loaded.scene.node(b.node).unwrap().name,
            Some(format!("room:{}", b.id))
        );
    }
    assert_eq!(loaded.wall_thickness, original.wall_thickness);
    assert_eq!(loaded.bake, original.bake);

    // Loops: the same exhibits loop the same clips.
    let loops = |v: &CompiledVenue| -> Vec<(String, Option<String>)> {
        v.animations
            .iter()
            .map(|a| {
                (
                    v.exhibits[a.exhibit].id.clone(),
                    clip_name(v, a.animation).map(str::to_owned),
                )
            })
            .collect()
    };
    assert_eq!(loops(&loaded), loops(&original));

    // The guide: the same settings, clips, stands and floor.
    let (a, b) = (original.guide.as_ref().unwrap(), loaded.guide.as_ref().unwrap());
    assert_eq!(clip_name(&original, a.walk), clip_name(&loaded, b.walk));
    assert_eq!(clip_name(&original, a.idle), clip_name(&loaded, b.idle));
    assert_eq!(
        (a.cycle, a.stride, a.idle_duration, a.speed, a.lead, a.eye_height),
        (b.cycle, b.stride, b.idle_duration, b.speed, b.lead, b.eye_height)
    );
    assert_eq!((&a.tour, &a.stands, &a.floor), (&b.tour, &b.stands, &b.floor));
    assert!(loaded.scene.roots().contains(&b.node));
    let guide_nodes: Vec<_> = loaded.scene.descendants(b.node).collect();
    assert!(
        loaded.colliders.iter().all(|c| !guide_nodes.contains(&c.node)),
        "the walking guide has no collider where it starts"
    );

    // Exported again, the GLB keeps them once more, unchanged.
    let again = export_and_load(loaded.clone(), &dir.path().join("again.glb"));
    assert!(again.report.warnings.is_empty(), "{:?}", again.report.warnings);
    assert_eq!(loops(&again), loops(&loaded));
    let floors = |v: &CompiledVenue| {
        v.rooms
            .iter()
            .map(|r| (r.id.clone(), r.floor.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(floors(&again), floors(&loaded));
    let c = again.guide.as_ref().unwrap();
    assert_eq!(
        (&c.tour, &c.stands, &c.floor, c.speed),
        (&b.tour, &b.stands, &b.floor, b.speed)
    );
    assert_eq!(again.scene.node_count(), loaded.scene.node_count());

    // Both posed at the same moments: the guide's joints and the kinetic sculpture
    // stand where they stood in the venue.
    let joints = ["guide", "hips", "foot.L", "head"];
    for seconds in [0.0, 3.7, 21.3, 64.0] {
        let mut posed = [original.clone(), loaded.clone()];
        for v in &mut posed {
            VenueAnimator::new(v).unwrap().pose_at(&mut v.scene, seconds);
        }
        for name in joints {
            let (x, y) = (world_of(&posed[0].scene, name), world_of(&posed[1].scene, name));
            assert!(x.abs_diff_eq(y, 1e-4), "{name} at {seconds} s: {x} vs {y}");
        }
        for (a, b) in posed[0].animations.iter().zip(&posed[1].animations) {
            let subtree = |v: &CompiledVenue, exhibit: usize| -> Vec<(Mat4, Option<Vec<f32>>)> {
                let scene = &v.scene;
                scene
                    .descendants(v.exhibits[exhibit].node)
                    .map(|n| {
                        (
                            scene.world_matrix(n).unwrap(),
                            scene.node(n).unwrap().morph_weights.clone(),
                        )
                    })
                    .collect()
            };
            let (x, y) = (subtree(&posed[0], a.exhibit), subtree(&posed[1], b.exhibit));
            assert_eq!(x.len(), y.len());
            for ((m, w), (n, v)) in x.iter().zip(&y) {
                assert!(m.abs_diff_eq(*n, 1e-4), "loop at {seconds} s: {m} vs {n}");
                assert_eq!(w, v, "morph weights at {seconds} s");
            }
        }
    }
}

/// Writes a small Radiance image whose texels differ everywhere.
fn write_hdr(path: &Path) -> Vec<[f32; 3]> {
    let (width, height) = (16, 8);
    let texels: Vec<[f32; 3]> = (0..width * height)
        .map(|i| {
            [
                i as f32 * 0.25,
                4.0 - (i % 7) as f32 * 0.5,
                0.125 + (i / 16) as f32,
            ]
        })
        .collect();
    let pixels: Vec<image::Rgb<f32>> = texels.iter().map(|t| image::Rgb(*t)).collect();
    let file = std::fs::File::create(path).unwrap();
    image::codecs::hdr::HdrEncoder::new(file)
        .encode(&pixels, width, height)
        .unwrap();
    texels
}

fn read_hdr(path: &Path) -> Vec<[f32; 3]> {
    let image = image::open(path).unwrap().into_rgb32f();
    image.pixels().map(|p| p.0).collect()
}

#[test]
fn a_file_environment_travels_inside_the_glb() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let mut original = venue::load(&path).unwrap();
    let hdr = dir.path().join("hall.hdr");
    write_hdr(&hdr);
    let source_texels = read_hdr(&hdr);
    original.environment.source = EnvironmentSource::File(hdr.clone());
    original.environment.intensity = 0.4;
    let out = tempfile::tempdir().unwrap();
    let glb = out.path().join("museum.glb");
    std::fs::write(&glb, venue::export_glb(original).unwrap()).unwrap();
    std::fs::remove_file(&hdr).unwrap();

    let loaded = venue::load(&glb).unwrap();
    assert!(loaded.report.warnings.is_empty(), "{:?}", loaded.report.warnings);
    assert_eq!(loaded.environment.intensity, 0.4);
    let EnvironmentSource::File(extracted) = &loaded.environment.source else {
        panic!("a file environment: {:?}", loaded.environment.source);
    };
    assert_eq!(extracted.file_name().unwrap(), "hall.hdr");
    assert!(
        !extracted.starts_with(out.path()),
        "taken out into the cache, not beside the GLB"
    );
    assert_eq!(read_hdr(extracted), source_texels, "the same texels");

    // Loaded again, the file taken out is used as it is.
    let again = venue::load(&glb).unwrap();
    assert_eq!(again.environment.source, loaded.environment.source);

    // The venue itself cannot be exported once its environment file is gone.
    let mut lost = venue::load(&path).unwrap();
    lost.environment.source = EnvironmentSource::File(hdr.clone());
    let error = venue::export_glb(lost).unwrap_err();
    assert!(
        matches!(error, venue::VenueError::EmbedEnvironment { .. }),
        "{error}"
    );
}

/// A scene with one mesh-less room node and `extras` as given, written as a GLB.
fn hostile_glb(dir: &Path, scene_extras: serde_json::Value, node_extras: &[serde_json::Value]) -> PathBuf {
    let mut scene = Scene::new();
    scene.extras = Some(scene_extras);
    for (i, extras) in node_extras.iter().enumerate() {
        let mut node = Node::new().with_name(format!("n{i}"));
        node.extras = Some(extras.clone());
        scene.add_node(node, None).unwrap();
    }
    let path = dir.join("hostile.glb");
    std::fs::write(&path, museion_gltf::to_glb_bytes(&scene).unwrap()).unwrap();
    path
}

#[test]
fn hostile_extras_are_warnings_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let huge_floor = vec![[0.0, 0.0]; 5000];
    let venue_extras = json!({ "venue": {
        "format": "museion-venue/1",
        "wall_thickness": "thick",
        "bake": { "probe_spacing": 1e30, "samples": 3.5, "bounces": 99,
                  "reflection_size": 100, "reflection_samples": 0 },
        "loops": [{ "exhibit": "nothing", "animation": 4_000_000_000u64 }, 7, { "animation": -1 }],
        "environment": { "source": "file", "file": "../../etc/x.hdr",
                         "embedded": { "bufferView": 99, "media_type": "image/vnd.radiance" } },
    }});
    let nodes = [
        json!({ "room": { "id": "a", "floor": huge_floor, "height": 3 } }),
        json!({ "room": { "id": 5, "floor": "square", "height": "tall" } }),
        json!({ "room": [] }),
        json!({ "guide": { "walk": 3, "idle": { "animation": 1e300 }, "tour": ["x"], "cycle": -1,
                           "stands": vec![[1.0, 2.0, 3.0]; 70_000] } }),
        json!({ "guide": "me" }),
    ];
    let path = hostile_glb(dir.path(), venue_extras, &nodes);
    let loaded = venue::load(&path).unwrap();
    assert!(loaded.rooms.is_empty());
    assert!(loaded.animations.is_empty());
    assert!(loaded.guide.is_none());
    assert_eq!(loaded.bake, venue::BakeSettings::default());
    assert_eq!(loaded.environment.source, EnvironmentSource::Studio);
    let warnings = loaded.report.warnings.join("\n");
    for expected in [
        "wall_thickness",
        "probe_spacing",
        "samples",
        "bounces",
        "reflection_size is not a power of two from 16 to 256",
        "reflection_samples is not a whole number from 1 to 4096",
        "at most 4096 items (it has 5000)",
        "a room needs an id",
        "a guide needs",
        "a second guide",
        "loops[1]",
        "embedded environment cannot be read",
        "is not beside the glTF file",
    ] {
        assert!(warnings.contains(expected), "{expected:?} not in:\n{warnings}");
    }
}

//! The complete example of docs/venue-format.md: it parses, round-trips through TOML,
//! and compiles into the rooms, walls, openings, exhibits, lights, colliders, spawns and
//! tours it describes.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_testkit::venue as common;

use common::{documented_example, ray_hits, write_example};
use museion_scene::glam::{Vec2, Vec3};
use museion_scene::{BodyKind, ColliderShape, LightKind, NodeId};
use museion_venue::{self as venue, CompiledVenue, EnvironmentSource, ExhibitKind};

fn compiled() -> (tempfile::TempDir, CompiledVenue) {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    let venue = venue::load(&path).unwrap_or_else(|e| panic!("{e}"));
    (dir, venue)
}

#[test]
fn the_documented_example_round_trips_through_toml() {
    let doc = venue::parse(&documented_example(), "venue.toml").unwrap();
    let text = doc.to_toml_string().unwrap();
    let again = venue::parse(&text, "again.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(again, doc);
    assert_eq!(again.to_toml_string().unwrap(), text);
    assert_eq!(doc.rooms.len(), 3);
    assert_eq!(doc.rooms[0].openings.len(), 2);
    // A change is seen: the documents compare their content.
    let mut changed = again.clone();
    changed.rooms[1].name = Some("Blue Gallery".into());
    assert_ne!(changed, doc);
}

#[test]
fn the_example_compiles_to_the_counts_it_describes() {
    let (_dir, v) = compiled();
    assert_eq!(v.name.as_deref(), Some("The Little Museum"));
    let rooms: Vec<(&str, usize)> = v.rooms.iter().map(|r| (r.id.as_str(), r.wall_pieces)).collect();
    // The atrium builds its four walls, the one it shares with the gallery, and splits
    // its north wall where the study begins; the others build only their own walls.
    assert_eq!(rooms, [("atrium", 5), ("gallery", 3), ("study", 3)]);
    let exhibits: Vec<(&str, ExhibitKind)> = v.exhibits.iter().map(|e| (e.id.as_str(), e.kind)).collect();
    assert_eq!(
        exhibits,
        [
            ("sunflowers", ExhibitKind::Artwork),
            ("bust", ExhibitKind::Model),
            ("vase", ExhibitKind::Model)
        ]
    );
    // 4 + 2 ceiling lights, spots on the artwork and the bust, one light by hand.
    assert_eq!(v.scene.lights.len(), 9);
    let spots = v
        .scene
        .lights
        .iter()
        .filter(|l| matches!(l.kind, LightKind::Spot { .. }))
        .count();
    assert_eq!(spots, 4 + 2);
    // 3 floors, 3 ceilings, 3 wall meshes, the ramp; the artwork; bust and pedestal;
    // vase, pedestal and case; the ball.
    assert_eq!(v.colliders.len(), 17);
    let dynamic: Vec<_> = v
        .colliders
        .iter()
        .filter(|c| matches!(c.body, BodyKind::Dynamic { .. }))
        .collect();
    assert_eq!(dynamic.len(), 1);
    assert_eq!(dynamic[0].body, BodyKind::Dynamic { mass: 0.45 });
    assert_eq!(dynamic[0].shape, ColliderShape::ConvexHull);
    let vase = v
        .colliders
        .iter()
        .filter(|c| c.exhibit == Some(2))
        .map(|c| c.shape)
        .collect::<Vec<_>>();
    assert_eq!(
        vase,
        [ColliderShape::ConvexHull, ColliderShape::Box, ColliderShape::Box]
    );
    assert_eq!(v.visitor.eye_height, 1.6);
    assert_eq!(v.visitor.max_slope_degrees, 35.0);
    assert_eq!(v.visitor.walk_speed, 1.4, "unset keys keep their defaults");
    assert_eq!(v.environment.source, EnvironmentSource::Studio);
    assert_eq!(v.environment.intensity, 0.6);
    assert!(v.report.warnings.is_empty(), "{:?}", v.report.warnings);
    assert_eq!(v.spawns.len(), 1);
    assert_eq!(v.spawns[0].position, Vec3::new(5.0, 0.0, 1.0));
    assert!(
        v.spawns[0].forward().abs_diff_eq(Vec3::Z, 1e-6),
        "yaw 180 looks toward +z"
    );
}

#[test]
fn each_file_is_read_once_and_listed_as_a_dependency() {
    let (dir, v) = compiled();
    // Two models use models/bust.glb: it is imported once.
    assert_eq!(v.report.models_imported, 1);
    assert_eq!(v.report.images_decoded, 1);
    let names: Vec<String> = v
        .dependencies
        .iter()
        .map(|p| p.strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["venue.toml", "art/sunflowers.png", "models/bust.glb"]);
    // Each exhibit names the files its work was made from, as the dependencies spell them.
    let assets = |id: &str| v.exhibits.iter().find(|e| e.id == id).unwrap().assets.clone();
    assert_eq!(assets("sunflowers"), [v.dependencies[1].clone()]);
    assert_eq!(assets("bust"), [v.dependencies[2].clone()]);
    assert_eq!(assets("vase"), [v.dependencies[2].clone()]);
}

/// The node of the room's wall mesh.
fn walls_of(v: &CompiledVenue, room: &str) -> NodeId {
    let room = v.rooms.iter().find(|r| r.id == room).unwrap();
    let node = v.scene.node(room.node).unwrap();
    *node
        .children()
        .iter()
        .find(|c| v.scene.node(**c).unwrap().name.as_deref() == Some("walls"))
        .unwrap()
}

#[test]
fn the_door_is_a_hole_in_the_one_shared_wall_with_a_step_at_its_sill() {
    let (_dir, v) = compiled();
    assert!(v.scene.node(walls_of(&v, "atrium")).is_some());
    // Across the shared wall (x = 10) from the atrium into the gallery.
    let across = |z: f32, y: f32| ray_hits(&v.scene, Vec3::new(9.5, y, z), Vec3::X, 1.0);
    // Beside the door: the two faces of one wall (built once, not twice).
    let beside = across(2.0, 1.0);
    assert_eq!(beside.len(), 2, "{beside:?}");
    assert!(
        (beside[0] - 0.4).abs() < 1e-4 && (beside[1] - 0.6).abs() < 1e-4,
        "{beside:?}"
    );
    // Through the door's middle: nothing. Above it, and below its sill: wall.
    assert!(across(4.0, 1.0).is_empty(), "the door is open");
    assert_eq!(across(4.0, 3.0).len(), 2, "wall above the door");
    assert_eq!(across(4.0, 0.07).len(), 2, "the step below the sill");
    // Looking down at the door's middle, the first surface is the sill, 15 cm up: the
    // step into the gallery.
    let down = ray_hits(&v.scene, Vec3::new(10.0, 2.0, 4.0), Vec3::NEG_Y, 3.0);
    assert!((down[0] - (2.0 - 0.15)).abs() < 1e-4, "{down:?}");
    assert!(0.15 <= v.visitor.step_height);
    // The study's door sits 60 cm up and the ramp climbs to it: halfway up the ramp
    // the surface is 30 cm high.
    let ramp = ray_hits(&v.scene, Vec3::new(3.0, 2.0, 5.9), Vec3::NEG_Y, 3.0);
    assert!((ramp[0] - (2.0 - 0.3)).abs() < 1e-4, "{ramp:?}");
    let study_door = ray_hits(&v.scene, Vec3::new(3.0, 1.5, 7.5), Vec3::Z, 1.0);
    assert!(study_door.is_empty(), "{study_door:?}");
}

#[test]
fn the_artwork_has_its_images_aspect_and_a_spot_aimed_at_it() {
    let (_dir, v) = compiled();
    let art = &v.exhibits[0];
    let node = v.scene.node(art.node).unwrap();
    let mesh = &v.scene.meshes[node.mesh.unwrap().index()];
    let canvas = mesh.primitives[0].bounds.aabb.size();
    assert!(
        (canvas.x - 1.2).abs() < 1e-5 && (canvas.y - 0.8).abs() < 1e-5,
        "{canvas}"
    );
    assert_eq!(mesh.primitives.len(), 2, "canvas and frame");
    // It hangs on the gallery's north wall (z = 8), on the gallery's side, facing -z,
    // its centre 1.5 m above the gallery's floor.
    let centre = art.bounds.center();
    assert!(
        (centre.x - 14.0).abs() < 1e-4 && (centre.y - 1.65).abs() < 1e-4,
        "{centre}"
    );
    assert!(
        art.bounds.max.z <= 7.9 + 1e-4 && art.bounds.min.z >= 7.9 - 0.05,
        "{:?}",
        art.bounds
    );

    let (spot_node, _) = v
        .scene
        .nodes()
        .find(|(_, n)| n.name.as_deref() == Some("spot:sunflowers"))
        .unwrap();
    let light = &v.scene.lights[v.scene.node(spot_node).unwrap().light.unwrap().index()];
    let LightKind::Spot {
        inner_cone_angle,
        outer_cone_angle,
    } = light.kind
    else {
        panic!("not a spot: {light:?}");
    };
    let world = v.scene.world_matrix(spot_node).unwrap();
    let position = world.transform_point3(Vec3::ZERO);
    let aim = world.transform_vector3(Vec3::NEG_Z).normalize();
    assert!(
        position.y > centre.y + 1.0 && position.y < 4.15,
        "from the ceiling: {position}"
    );
    assert!(position.z < centre.z, "in front of the artwork: {position}");
    let to_centre = (centre - position).normalize();
    assert!(aim.angle_between(to_centre) < 0.01, "aimed at the centre");
    for corner in [art.bounds.min, art.bounds.max] {
        assert!(aim.angle_between(corner - position) <= inner_cone_angle + 1e-3);
    }
    assert!(outer_cone_angle > inner_cone_angle);
    // About 200 lux on the canvas (facing -z).
    let d2 = (centre - position).length_squared();
    let lux = light.intensity * (-aim).dot(Vec3::NEG_Z) / d2;
    assert!((150.0..=300.0).contains(&lux), "{lux} lux");
}

#[test]
fn exhibit_metadata_reaches_the_list_and_the_node_extras() {
    let (_dir, v) = compiled();
    let art = &v.exhibits[0];
    assert_eq!(art.metadata.title.as_deref(), Some("Sunflowers"));
    assert_eq!(art.metadata.accession_number.as_deref(), Some("1924.3"));
    assert_eq!(art.metadata.label("fr").title.as_deref(), Some("Les Tournesols"));
    assert_eq!(art.metadata.label("fr").artist.as_deref(), Some("A. Painter"));
    let extras = v.scene.node(art.node).unwrap().extras.clone().unwrap();
    assert_eq!(extras["exhibit"]["title"], "Sunflowers");
    assert_eq!(extras["exhibit"]["kind"], "artwork");
    assert_eq!(extras["exhibit"]["room"], "gallery");
    assert_eq!(
        extras["exhibit"]["translations"]["fr"]["medium"],
        "huile sur toile"
    );
    let bust = v.scene.node(v.exhibits[1].node).unwrap().extras.clone().unwrap();
    assert_eq!(bust["exhibit"]["artist"], "Unknown sculptor");
}

#[test]
fn models_rest_on_their_pedestals_at_the_asked_height() {
    let (_dir, v) = compiled();
    let bust = &v.exhibits[1];
    // 1.1 m pedestal, then a 0.6 m bust on top.
    assert!(bust.bounds.min.y.abs() < 1e-4, "{:?}", bust.bounds);
    assert!((bust.bounds.max.y - 1.7).abs() < 1e-4, "{:?}", bust.bounds);
    let model = v.colliders.iter().find(|c| c.exhibit == Some(1)).unwrap().node;
    let world = v.scene.world_matrix(model).unwrap();
    let base = world.transform_point3(Vec3::ZERO);
    assert!(base.abs_diff_eq(Vec3::new(6.5, 1.1, 3.5), 1e-4), "{base}");
    // The vase's glass case stands on its pedestal around it.
    let vase = &v.exhibits[2];
    assert!(
        (vase.bounds.min.y - 0.6).abs() < 1e-4,
        "on the study's floor: {:?}",
        vase.bounds
    );
    assert!(
        (vase.bounds.max.y - (0.6 + 1.0 + 0.3 + 0.08)).abs() < 1e-4,
        "{:?}",
        vase.bounds
    );
}

#[test]
fn tour_stops_look_at_their_exhibits_from_inside_their_rooms() {
    let (_dir, v) = compiled();
    let tour = &v.tours[0];
    assert_eq!(tour.id, "highlights");
    assert_eq!(tour.stops.len(), 3);
    let bust = &tour.stops[0];
    assert_eq!((bust.exhibit, bust.dwell), (Some(1), 12.0));
    assert!((bust.eye.y - 1.6).abs() < 1e-5, "at eye height: {}", bust.eye);
    // Looking at the bust itself (0.6 m tall on its 1.1 m pedestal), not the pedestal.
    assert!(
        bust.target.abs_diff_eq(Vec3::new(6.5, 1.4, 3.5), 1e-3),
        "{}",
        bust.target
    );
    assert!(bust.eye.distance(bust.target) > 1.2);
    let inside = |p: Vec3, room: usize| {
        let floor = &v.rooms[room].floor;
        let (min, max) = floor
            .iter()
            .fold((Vec2::INFINITY, Vec2::NEG_INFINITY), |(a, b), q| {
                (a.min(*q), b.max(*q))
            });
        p.x > min.x && p.x < max.x && p.z > min.y && p.z < max.y
    };
    assert!(inside(bust.eye, 0), "{}", bust.eye);
    let art = &tour.stops[1];
    assert_eq!((art.exhibit, art.dwell), (Some(0), 10.0));
    assert!(
        inside(art.eye, 1) && art.eye.z < 7.0,
        "in front of the north wall: {}",
        art.eye
    );
    assert!((art.eye.y - (0.15 + 1.6)).abs() < 1e-5);
    let pose = &tour.stops[2];
    assert_eq!(pose.exhibit, None);
    assert_eq!(
        (pose.eye, pose.target),
        (Vec3::new(5.0, 1.6, 6.0), Vec3::new(5.0, 1.6, 0.0))
    );
    assert_eq!(
        pose.caption.as_deref(),
        Some("Back in the atrium, by the way out.")
    );
}

#[test]
fn generated_surfaces_have_tangents_and_uvs_in_metres() {
    let (_dir, v) = compiled();
    let walls = v.scene.node(walls_of(&v, "atrium")).unwrap();
    let mesh = &v.scene.meshes[walls.mesh.unwrap().index()];
    let material = |p: &museion_scene::Primitive| {
        v.scene.materials[p.material.unwrap().index()]
            .name
            .clone()
            .unwrap()
    };
    // The atrium's walls are plaster, but the face of the shared wall toward the
    // gallery takes the gallery's red.
    let mut names: Vec<String> = mesh.primitives.iter().map(material).collect();
    names.sort();
    assert_eq!(names, ["gallery_red", "plaster"]);
    for primitive in &mesh.primitives {
        assert!(primitive.tangents.is_some());
    }
    // That face runs 8 m along z (8.2 m with the corners): its UVs span as many units.
    let red = mesh
        .primitives
        .iter()
        .find(|p| material(p) == "gallery_red")
        .unwrap();
    let uvs = red.uv0.as_ref().unwrap();
    let (lo, hi) = uvs
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), uv| {
            (lo.min(uv.x), hi.max(uv.x))
        });
    assert!((hi - lo - 8.2).abs() < 1e-3, "{lo}..{hi}");
    // The gallery's own walls are red inside and plaster outside.
    let gallery = v.scene.node(walls_of(&v, "gallery")).unwrap();
    let gallery = &v.scene.meshes[gallery.mesh.unwrap().index()];
    let mut names: Vec<String> = gallery.primitives.iter().map(material).collect();
    names.sort();
    assert_eq!(names, ["gallery_red", "plaster"]);
    let plaster = mesh.primitives.iter().find(|p| material(p) == "plaster").unwrap();
    let plaster = &v.scene.materials[plaster.material.unwrap().index()];
    let tiling = plaster.base_color_texture.unwrap().transform.scale;
    assert_eq!(tiling.x, 0.5, "the plaster texture repeats every 2 m");
}

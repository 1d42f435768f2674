use super::*;
use glam::Mat4;
use museion_scene::{Aabb, MeshInstance};

/// The instances whose material has this name.
fn with_material<'a>(scene: &'a Scene, name: &'a str) -> impl Iterator<Item = MeshInstance> + 'a {
    scene.instances().filter(move |i| {
        i.material
            .and_then(|m| scene.materials.get(m.index()))
            .is_some_and(|m| m.name.as_deref().is_some_and(|n| n.starts_with(name)))
    })
}

fn worlds(bench: &BenchScene) -> Vec<Mat4> {
    bench.scene.instances().map(|i| i.world).collect()
}

#[test]
fn a_square_of_four_rooms_has_the_expected_pieces() {
    let bench = halls(4, 5, 1);
    let scene = &bench.scene;
    // 2 × 2 rooms. Grid edges: 12, of which the 4 inner ones have a door (two sides and
    // a lintel each) and the 8 outer ones are solid: 4 × 3 + 8 = 20 wall pieces. Posts on
    // all 3 × 3 grid corners: 9. Floors: 4. Exhibits: 4 rooms × 5 × 2 instances: 40.
    let walls = 20 + 9;
    assert_eq!(with_material(scene, "wall").count(), walls);
    assert_eq!(with_material(scene, "floor").count(), 4);
    assert_eq!(with_material(scene, "pedestal").count(), 20);
    assert_eq!(with_material(scene, "exhibit").count(), 20);
    assert_eq!(scene.instances().count(), walls + 4 + 2 * 20);
    assert_eq!(scene.stats().mesh_instances, 73);
    assert_eq!(scene.lights.len(), 1);
    // Walls are 5 m high boxes on the floor; the museum is 48 m square plus the walls.
    let bounds = scene.stats().bounds;
    assert!((bounds.max.y - WALL_HEIGHT).abs() < 1e-5);
    assert!((bounds.size().x - (2.0 * ROOM_SIZE + WALL_THICKNESS)).abs() < 1e-4);
}

#[test]
fn partial_rows_stay_connected_and_closed() {
    // 5 rooms on a 3-wide grid: a row of 3 and, walking back, 2 under its right end.
    let bench = halls(5, 0, 9);
    let scene = &bench.scene;
    assert_eq!(with_material(scene, "floor").count(), 5);
    // Edges beside a room: 15; 5 between two rooms (doors), 10 outer: 5 × 3 + 10 = 25
    // pieces. Corners beside a room: 11 (4 + 4 + 3 on the three grid lines of corners).
    assert_eq!(with_material(scene, "wall").count(), 25 + 11);
}

#[test]
fn layouts_are_deterministic_per_seed() {
    let a = halls(9, 6, 42);
    assert_eq!(worlds(&a), worlds(&halls(9, 6, 42)));
    assert_ne!(worlds(&a), worlds(&halls(9, 6, 43)));
    let poses = |b: &BenchScene| (0..500).map(|f| b.camera(f * 7)).collect::<Vec<_>>();
    assert_eq!(poses(&a), poses(&halls(9, 6, 42)));
    // The walk is drawn before the exhibits: more exhibits, the same walk.
    assert_eq!(poses(&a), poses(&halls(9, 2, 42)));
}

/// Every frame of one loop: the eye is outside every wall box grown by 0.2 m, and outside
/// every exhibit's footprint grown by 0.2 m at any height.
fn assert_walk_is_clear(bench: &BenchScene) {
    let grow = |b: Aabb, by: Vec3| Aabb {
        min: b.min - by,
        max: b.max + by,
    };
    let walls: Vec<Aabb> = with_material(&bench.scene, "wall")
        .map(|i| grow(i.bounds.aabb, Vec3::splat(0.2)))
        .collect();
    let exhibits: Vec<Aabb> = with_material(&bench.scene, "pedestal")
        .chain(with_material(&bench.scene, "exhibit"))
        .map(|i| grow(i.bounds.aabb, Vec3::new(0.2, 100.0, 0.2)))
        .collect();
    let museum = bench.scene.stats().bounds;
    let frames = bench.frames_per_loop();
    assert!(frames > 100, "{frames}");
    for frame in 0..=frames {
        let pose = bench.camera(frame);
        let eye = pose.eye;
        assert!((eye.y - EYE_HEIGHT).abs() < 1e-5);
        assert!(museum.contains_point(eye), "frame {frame}: {eye} left the museum");
        assert!(
            !walls.iter().any(|w| w.contains_point(eye)),
            "frame {frame}: {eye} in a wall"
        );
        assert!(
            !exhibits.iter().any(|e| e.contains_point(eye)),
            "frame {frame}: {eye} in an exhibit"
        );
        let forward = pose.target - eye;
        assert!(forward.length() > 0.5 && forward.y.abs() < 1e-5);
    }
}

#[test]
fn the_walk_never_enters_a_wall_or_an_exhibit() {
    for (rooms, exhibits, seed) in [(4, 5, 1), (5, 12, 2), (1, 20, 3), (7, 30, 4)] {
        let bench = halls(rooms, exhibits, seed);
        assert_walk_is_clear(&bench);
    }
}

#[test]
fn the_walk_visits_every_room_through_the_doors() {
    let bench = halls(6, 0, 5);
    let CameraPath::Walk(walk) = &bench.path else {
        panic!("halls walks")
    };
    let floors: Vec<Aabb> = with_material(&bench.scene, "floor")
        .map(|i| i.bounds.aabb)
        .collect();
    let visited = floors
        .iter()
        .filter(|f| {
            walk.points()
                .iter()
                .any(|p| p.x > f.min.x && p.x < f.max.x && p.z > f.min.z && p.z < f.max.z)
        })
        .count();
    assert_eq!(visited, 6);
    // 6 rooms: 5 legs of one room each, plus 6 m out of the first and into the last.
    assert!((walk.length() - f64::from(5.0 * ROOM_SIZE + 12.0)).abs() < 1e-3);
}

#[test]
fn an_empty_museum_is_harmless() {
    let bench = halls(0, 10, 0);
    assert_eq!(bench.scene.instances().count(), 0);
    assert!(bench.camera(10).eye.is_finite());
}

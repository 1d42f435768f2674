//! The stepping contract of [`PhysicsWorld`]: clamped catch-up, refused input, teleports,
//! and construction errors that name their collider.

use super::{FIXED_TIMESTEP, MAX_STEPS_PER_ADVANCE, PhysicsError, PhysicsWorld, VisitorInput};
use museion_scene::glam::Vec3;
use museion_scene::shapes::cuboid;
use museion_scene::{BodyKind, ColliderShape, ColliderSpec, Mesh, Node, Scene, Transform, VisitorSettings};

/// A 40 m floor with its top at y = 0, and its collider.
fn floor() -> (Scene, Vec<ColliderSpec>) {
    let mut scene = Scene::new();
    let mesh = scene.add_mesh(Mesh::new(None, vec![cuboid(Vec3::new(20.0, 0.1, 20.0))]));
    let node = Node::new()
        .with_mesh(mesh)
        .with_transform(Transform::from_translation(Vec3::new(0.0, -0.1, 0.0)));
    let node = scene.add_node(node, None).expect("a root");
    let spec = ColliderSpec {
        node,
        shape: ColliderShape::Mesh,
        body: BodyKind::Static,
        exhibit: None,
    };
    (scene, vec![spec])
}

fn world() -> PhysicsWorld {
    let (scene, specs) = floor();
    PhysicsWorld::new(&scene, &specs, VisitorSettings::default(), Vec3::ZERO, 0.0).expect("a floor")
}

#[test]
fn a_long_frame_runs_a_few_steps_and_drops_the_rest() {
    let mut world = world();
    let steps = world
        .advance(10.0, &VisitorInput::forward(true))
        .expect("a valid frame");
    assert_eq!(steps, MAX_STEPS_PER_ADVANCE);
    let travelled = world.feet_position().z.abs();
    let most = MAX_STEPS_PER_ADVANCE as f32 * FIXED_TIMESTEP * VisitorSettings::default().run_speed;
    assert!(
        travelled <= most + 1e-4 && travelled > 0.5 * most,
        "{travelled} m in a clamped frame"
    );
    // Nothing of the ten seconds is owed afterwards.
    assert!(world.interpolation_alpha() < 1.0);
    assert_eq!(
        world.advance(FIXED_TIMESTEP * 0.5, &VisitorInput::default()),
        Ok(0)
    );
    assert_eq!(
        world.advance(FIXED_TIMESTEP * 0.5, &VisitorInput::default()),
        Ok(1)
    );
}

#[test]
fn bad_frames_input_and_poses_are_refused() {
    let mut world = world();
    for dt in [-1.0, f32::NAN, f32::INFINITY] {
        let result = world.advance(dt, &VisitorInput::default());
        assert!(
            matches!(result, Err(PhysicsError::InvalidArgument { .. })),
            "dt {dt}"
        );
    }
    let nan = VisitorInput::new(f32::NAN, 0.0, false);
    assert!(world.advance(0.1, &nan).is_err());
    assert!(
        world
            .set_visitor_pose(Vec3::new(0.0, f32::INFINITY, 0.0), 0.0)
            .is_err()
    );
    assert!(world.set_yaw(f32::NAN).is_err());
    // Nothing moved.
    assert_eq!(world.feet_position(), Vec3::ZERO);
}

#[test]
fn a_teleport_is_not_interpolated() {
    let mut world = world();
    world
        .advance(0.5, &VisitorInput::forward(false))
        .expect("a valid frame");
    world
        .advance(0.008, &VisitorInput::forward(false))
        .expect("a valid frame");
    assert!(world.interpolation_alpha() > 0.0);
    world
        .set_visitor_pose(Vec3::new(3.0, 0.0, 3.0), 1.0)
        .expect("teleport");
    assert_eq!(world.feet_position(), Vec3::new(3.0, 0.0, 3.0));
    assert_eq!(world.yaw(), 1.0);
    // Walking after it starts from there, in the new heading (yaw 1 faces −X and −Z).
    world
        .advance(0.5, &VisitorInput::forward(false))
        .expect("a valid frame");
    let feet = world.feet_position();
    assert!(
        feet.x < 3.0 && feet.z < 3.0 && feet.distance(Vec3::new(3.0, 0.0, 3.0)) < 0.75,
        "{feet}"
    );
}

#[test]
fn construction_errors_name_the_collider() {
    let (mut scene, mut specs) = floor();
    let empty = scene
        .add_node(Node::new().with_name("Empty plinth"), None)
        .expect("a root");
    specs.push(ColliderSpec {
        node: empty,
        shape: ColliderShape::Box,
        body: BodyKind::Static,
        exhibit: Some(2),
    });
    let settings = VisitorSettings::default();
    let error = PhysicsWorld::new(&scene, &specs, settings, Vec3::ZERO, 0.0)
        .err()
        .expect("no triangles");
    assert!(
        matches!(error, PhysicsError::NoTriangles { collider: 1, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("Empty plinth"), "{error}");

    let tiny = VisitorSettings {
        body_height: 0.3,
        ..settings
    };
    let error = PhysicsWorld::new(&scene, &specs[..1], tiny, Vec3::ZERO, 0.0)
        .err()
        .expect("bad body");
    assert!(
        matches!(
            error,
            PhysicsError::InvalidVisitor {
                field: "body_height",
                ..
            }
        ),
        "{error}"
    );
    let error = PhysicsWorld::new(&scene, &specs[..1], settings, Vec3::NAN, 0.0)
        .err()
        .expect("bad spawn");
    assert!(matches!(error, PhysicsError::InvalidArgument { .. }), "{error}");
}

//! The visitor walking through small venues built from boxes: walls hold, steps are
//! climbed and ledges are not, falls land, slopes are judged by angle, rays pick exhibits,
//! props are pushed, and the render pose is smooth at any frame rate.

use museion_physics::{PhysicsError, PhysicsWorld, VisitorInput};
use museion_scene::glam::{Quat, Vec3};
use museion_scene::shapes::{cuboid, uv_sphere};
use museion_scene::{
    BodyKind, ColliderShape, ColliderSpec, Mesh, Node, NodeId, Primitive, Scene, Transform, VisitorSettings,
};

/// Half the inner width of the test room, in metres.
const ROOM: f32 = 5.0;

/// A scene and the collider specs a venue would compile it to.
#[derive(Default)]
struct Venue {
    scene: Scene,
    specs: Vec<ColliderSpec>,
}

impl Venue {
    /// A node carrying `primitive` at `transform`, with a collider.
    fn add(
        &mut self,
        name: &str,
        primitive: Primitive,
        transform: Transform,
        shape: ColliderShape,
        body: BodyKind,
        exhibit: Option<usize>,
    ) -> NodeId {
        let mesh = self.scene.add_mesh(Mesh::new(Some(name.into()), vec![primitive]));
        let node = Node::new()
            .with_name(name)
            .with_mesh(mesh)
            .with_transform(transform);
        let node = self.scene.add_node(node, None).expect("a root node");
        self.specs.push(ColliderSpec {
            node,
            shape,
            body,
            exhibit,
        });
        node
    }

    /// A static box of half extents `half` centred at `centre`.
    fn add_box(&mut self, name: &str, half: Vec3, centre: Vec3, shape: ColliderShape) -> NodeId {
        self.add_exhibit(name, half, centre, shape, None)
    }

    /// A static box that a ray picks as `exhibit`.
    fn add_exhibit(
        &mut self,
        name: &str,
        half: Vec3,
        centre: Vec3,
        shape: ColliderShape,
        exhibit: Option<usize>,
    ) -> NodeId {
        let transform = Transform::from_translation(centre);
        self.add(name, cuboid(half), transform, shape, BodyKind::Static, exhibit)
    }

    /// A 40 m square floor whose top is at y = 0.
    fn with_floor() -> Self {
        let mut venue = Self::default();
        venue.add_box(
            "Floor",
            Vec3::new(20.0, 0.1, 20.0),
            Vec3::new(0.0, -0.1, 0.0),
            ColliderShape::Mesh,
        );
        venue
    }

    /// A closed room: the floor and four 3 m walls whose inner faces are at ±ROOM.
    fn room() -> (Self, [NodeId; 4]) {
        let mut venue = Self::with_floor();
        let (t, h) = (0.1, 1.5);
        // Outward direction and shape of each wall: every shape kind holds the visitor.
        let walls = [
            ("North wall", Vec3::NEG_Z, ColliderShape::Box),
            ("South wall", Vec3::Z, ColliderShape::Mesh),
            ("West wall", Vec3::NEG_X, ColliderShape::ConvexHull),
            ("East wall", Vec3::X, ColliderShape::Mesh),
        ];
        let nodes = walls.map(|(name, out, shape)| {
            let half = Vec3::new(t, h, t) + Vec3::new(out.z, 0.0, out.x).abs() * ROOM;
            venue.add_box(name, half, out * (ROOM + t) + Vec3::Y * h, shape)
        });
        (venue, nodes)
    }

    fn world(&self, spawn: Vec3, yaw: f32) -> PhysicsWorld {
        PhysicsWorld::new(&self.scene, &self.specs, VisitorSettings::default(), spawn, yaw)
            .expect("a valid venue")
    }
}

/// Runs `seconds` of frames at `fps`, calling `each` after every frame.
fn run(
    world: &mut PhysicsWorld,
    seconds: f32,
    fps: f32,
    input: VisitorInput,
    mut each: impl FnMut(&PhysicsWorld),
) {
    let frames = (seconds * fps).round() as usize;
    for _ in 0..frames {
        world.advance(1.0 / fps, &input).expect("a valid frame");
        each(world);
    }
}

fn walk(world: &mut PhysicsWorld, seconds: f32, input: VisitorInput) {
    run(world, seconds, 60.0, input, |_| {});
}

#[test]
fn walls_keep_the_visitor_in_the_room() {
    let (venue, _) = Venue::room();
    let inputs = [
        ("forward", 0.0, VisitorInput::forward(false)),
        ("forward, turned", 2.0, VisitorInput::forward(false)),
        ("diagonal, running", 0.0, VisitorInput::new(1.0, 1.0, true)),
        ("back-left, running", 0.6, VisitorInput::new(-1.0, -1.0, true)),
        ("sideways", 0.0, VisitorInput::new(0.0, -1.0, false)),
    ];
    let limit = ROOM - VisitorSettings::default().radius;
    for (label, yaw, input) in inputs {
        let mut world = venue.world(Vec3::ZERO, yaw);
        let mut farthest: f32 = 0.0;
        run(&mut world, 5.0, 60.0, input, |world| {
            let feet = world.feet_position();
            farthest = farthest.max(feet.x.abs()).max(feet.z.abs());
            assert!(
                feet.x.abs() <= limit + 1e-3 && feet.z.abs() <= limit + 1e-3,
                "{label}: the visitor left the room: {feet}"
            );
            assert!(feet.y.abs() < 0.05, "{label}: the visitor climbed a wall: {feet}");
        });
        // It did walk up to a wall (and stopped against it, not short of it).
        assert!(
            farthest > limit - 0.05,
            "{label}: got only {farthest} m from the centre"
        );
        assert!(world.is_grounded(), "{label}");
    }
}

#[test]
fn a_low_step_is_climbed_and_a_ledge_is_not() {
    for (height, climbed) in [(0.2, true), (1.0, false)] {
        let mut venue = Venue::with_floor();
        // The front face at z = −1; walking down −Z meets it.
        venue.add_box(
            "Step",
            Vec3::new(2.0, height / 2.0, 2.0),
            Vec3::new(0.0, height / 2.0, -3.0),
            ColliderShape::Box,
        );
        let mut world = venue.world(Vec3::ZERO, 0.0);
        walk(&mut world, 2.5, VisitorInput::forward(false));
        let feet = world.feet_position();
        if climbed {
            assert!(
                (feet.y - height).abs() < 0.03,
                "not on the {height} m step: {feet}"
            );
            assert!(feet.z < -2.0, "stopped on the step's edge: {feet}");
            assert!(world.is_grounded());
        } else {
            assert!(feet.y.abs() < 0.03, "climbed the {height} m ledge: {feet}");
            let front = -1.0 + VisitorSettings::default().radius;
            assert!(
                feet.z > front - 0.01 && feet.z < front + 0.1,
                "not in front of the ledge: {feet}"
            );
        }
    }
}

#[test]
fn a_dropped_visitor_lands_on_the_floor_and_stays_there() {
    let venue = Venue::with_floor();
    let mut world = venue.world(Vec3::new(1.0, 2.0, -1.0), 0.0);
    assert!(!world.visitor_pose().grounded);
    // Free fall from 2 m takes 0.64 s.
    walk(&mut world, 1.0, VisitorInput::default());
    let pose = world.visitor_pose();
    assert!(pose.grounded, "not grounded after a second: {:?}", pose.feet);
    assert!(pose.feet.y.abs() < 0.02, "feet not on the floor: {}", pose.feet);
    assert!((pose.eye.y - pose.feet.y - 1.65).abs() < 1e-5);
    walk(&mut world, 3.0, VisitorInput::default());
    let feet = world.feet_position();
    assert!(feet.y.abs() < 0.02, "sank or bounced: {feet}");
    assert!(
        feet.abs_diff_eq(Vec3::new(1.0, feet.y, -1.0), 1e-4),
        "drifted: {feet}"
    );
}

/// A 10 m slab tilted up towards −Z by `degrees`; its top meets the floor at z = −1.
fn ramp(venue: &mut Venue, degrees: f32) {
    let angle = degrees.to_radians();
    let rotation = Quat::from_rotation_x(angle);
    let (half, buried) = (Vec3::new(1.5, 0.1, 5.0), 0.5);
    let (along, up) = (rotation * Vec3::Z, rotation * Vec3::Y);
    let centre = Vec3::new(0.0, 0.0, -1.0) - up * half.y - along * (half.z - buried);
    let transform = Transform {
        translation: centre,
        rotation,
        scale: Vec3::ONE,
    };
    venue.add(
        "Ramp",
        cuboid(half),
        transform,
        ColliderShape::Mesh,
        BodyKind::Static,
        None,
    );
}

#[test]
fn a_gentle_ramp_is_climbed_and_a_steep_one_is_not() {
    // The default visitor climbs slopes up to 40°.
    for (degrees, climbed) in [(20.0f32, true), (50.0, false)] {
        let mut venue = Venue::with_floor();
        ramp(&mut venue, degrees);
        let mut world = venue.world(Vec3::new(0.0, 0.0, 0.5), 0.0);
        walk(&mut world, 4.0, VisitorInput::forward(false));
        let feet = world.feet_position();
        if climbed {
            let surface = (-1.0 - feet.z) * degrees.to_radians().tan();
            assert!(feet.y > 1.0, "did not climb the {degrees}° ramp: {feet}");
            assert!(
                (feet.y - surface).abs() < 0.05,
                "not on the ramp's surface ({surface}): {feet}"
            );
            assert!(world.is_grounded());
        } else {
            assert!(feet.y < 0.1, "climbed the {degrees}° ramp: {feet}");
            assert!(feet.z > -1.3, "went into the {degrees}° ramp: {feet}");
        }
    }
}

#[test]
fn rays_pick_exhibits_and_stop_at_walls() {
    let (mut venue, [_, south, _, _]) = Venue::room();
    let half = Vec3::splat(0.3);
    let ahead = venue.add_exhibit(
        "Bust",
        half,
        Vec3::new(0.0, 1.5, -3.0),
        ColliderShape::ConvexHull,
        Some(0),
    );
    let behind = venue.add_exhibit(
        "Vase",
        half,
        Vec3::new(3.5, 1.5, 0.0),
        ColliderShape::Box,
        Some(1),
    );
    let open = venue.world(Vec3::ZERO, 0.0);
    let partition = venue.add_box(
        "Partition",
        Vec3::new(0.1, 1.5, 1.0),
        Vec3::new(2.0, 1.5, 0.0),
        ColliderShape::Mesh,
    );
    let world = venue.world(Vec3::ZERO, 0.0);
    let eye = world.eye_position();
    assert!(eye.abs_diff_eq(Vec3::new(0.0, 1.65, 0.0), 1e-5), "{eye}");

    let hit = world.cast_ray(eye, Vec3::NEG_Z, 20.0).expect("the bust ahead");
    assert_eq!((hit.exhibit, hit.node), (Some(0), ahead));
    assert!((hit.distance - 2.7).abs() < 1e-3, "{hit:?}");
    assert!(hit.point.abs_diff_eq(Vec3::new(0.0, 1.65, -2.7), 1e-3), "{hit:?}");
    assert!(hit.normal.abs_diff_eq(Vec3::Z, 1e-3), "{hit:?}");
    assert_eq!(
        world.cast_ray(eye, Vec3::NEG_Z, 2.0),
        None,
        "the bust is beyond 2 m"
    );

    // Without the partition the vase to the right is in sight; with it, the partition is.
    let seen = open.cast_ray(eye, Vec3::X * 3.0, 20.0).expect("the vase");
    assert_eq!((seen.exhibit, seen.node), (Some(1), behind));
    let hidden = world.cast_ray(eye, Vec3::X, 20.0).expect("the partition");
    assert_eq!((hidden.exhibit, hidden.node), (None, partition));
    assert!((hidden.distance - 1.9).abs() < 1e-3, "{hidden:?}");

    // A bare wall behind.
    let wall = world.cast_ray(eye, Vec3::Z, 20.0).expect("the south wall");
    assert_eq!((wall.exhibit, wall.node), (None, south));
    assert!(
        (wall.distance - ROOM).abs() < 1e-3 && wall.normal.abs_diff_eq(Vec3::NEG_Z, 1e-3),
        "{wall:?}"
    );

    // Straight down from inside the visitor's own capsule: the floor, not the visitor.
    let floor = world.cast_ray(eye, Vec3::NEG_Y, 20.0).expect("the floor");
    assert!((floor.distance - 1.65).abs() < 1e-3, "{floor:?}");
    assert_eq!(world.cast_ray(eye, Vec3::ZERO, 20.0), None, "no direction");
}

#[test]
fn a_ball_settles_is_pushed_and_moves_its_node() {
    let mut venue = Venue::with_floor();
    let radius = 0.3;
    let start = Transform {
        translation: Vec3::new(0.0, 1.0, -1.2),
        rotation: Quat::IDENTITY,
        scale: Vec3::splat(radius),
    };
    let ball = venue.add(
        "Ball",
        uv_sphere(24, 12),
        start,
        ColliderShape::ConvexHull,
        BodyKind::Dynamic { mass: 4.0 },
        None,
    );
    let mut world = venue.world(Vec3::new(0.0, 0.0, 3.0), 0.0);
    assert_eq!(world.dynamic_body_count(), 1);
    let centre = |world: &PhysicsWorld| world.dynamic_node_world(ball).map(|m| m.w_axis.truncate());
    let centre = |world: &PhysicsWorld| centre(world).expect("a dynamic body");

    // A faceted ball lands on a vertex and may roll a little before it settles.
    walk(&mut world, 5.0, VisitorInput::default());
    let rest = centre(&world);
    assert!(
        rest.y > radius * 0.95 && rest.y < radius + 0.01,
        "not resting on the floor: {rest}"
    );
    walk(&mut world, 0.5, VisitorInput::default());
    assert!(
        centre(&world).distance(rest) < 0.002,
        "still moving: {rest} → {}",
        centre(&world)
    );
    world.sync_to_scene(&mut venue.scene).expect("the node exists");
    let synced = venue.scene.world_matrix(ball).map(|m| m.w_axis.truncate());
    let synced = synced.expect("the node");
    assert!(
        synced.abs_diff_eq(centre(&world), 1e-5) && synced.distance(rest) < 0.002,
        "{synced} vs {rest}"
    );

    // Line the visitor up 1.5 m behind the ball and walk into it.
    world
        .set_visitor_pose(Vec3::new(rest.x, 0.0, rest.z + 1.5), 0.0)
        .expect("teleport");
    walk(&mut world, 3.0, VisitorInput::forward(false));
    let pushed = centre(&world);
    let moved = pushed - rest;
    assert!(moved.z < -1.0, "not pushed down −Z: {rest} → {pushed}");
    assert!(moved.x.abs() < moved.z.abs() * 0.5, "pushed sideways: {moved}");
    assert!((pushed.y - rest.y).abs() < 0.05, "left the floor: {pushed}");
    world.sync_to_scene(&mut venue.scene).expect("the node exists");
    let node = venue.scene.world_matrix(ball).expect("the node");
    assert!(
        node.w_axis.truncate().abs_diff_eq(pushed, 1e-4),
        "{node:?} vs {pushed}"
    );
    // The node keeps its scale while it rolls.
    assert!((node.x_axis.truncate().length() - radius).abs() < 1e-4);

    venue.scene.remove_node(ball).expect("remove");
    walk(&mut world, 0.1, VisitorInput::default());
    assert_eq!(
        world.sync_to_scene(&mut venue.scene),
        Err(PhysicsError::NodeRemoved { node: ball })
    );
}

#[test]
fn the_eye_moves_smoothly_at_144_fps() {
    let venue = Venue::with_floor();
    let mut world = venue.world(Vec3::ZERO, 0.0);
    let fps = 144.0;
    run(&mut world, 0.5, fps, VisitorInput::forward(false), |_| {});
    let mut eyes = Vec::new();
    run(&mut world, 2.0, fps, VisitorInput::forward(false), |world| {
        eyes.push(world.eye_position())
    });
    let steps: Vec<f32> = eyes.windows(2).map(|pair| pair[0].z - pair[1].z).collect();
    assert!(steps.iter().all(|step| *step > 0.0), "not monotonic: {steps:?}");
    let mean = steps.iter().sum::<f32>() / steps.len() as f32;
    let largest = steps.iter().copied().fold(0.0, f32::max);
    assert!(
        largest <= 2.0 * mean,
        "a jump of {largest} m against a mean of {mean} m"
    );
    // And the mean is the walking speed.
    assert!((mean * fps - 1.4).abs() < 0.02, "{} m/s", mean * fps);
    assert!(
        eyes.iter()
            .all(|eye| (eye.y - 1.65).abs() < 5e-3 && eye.x.abs() < 5e-3),
        "wandered off the line"
    );
}

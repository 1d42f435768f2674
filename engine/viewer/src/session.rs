//! A venue being visited: the compiled venue, the physics world the visitor walks in,
//! and picking.

use museion_physics::{PhysicsError, PhysicsWorld, VisitorInput, VisitorPose};
use museion_renderer::ViewCamera;
use museion_scene::glam::{Vec2, Vec3, Vec4, Vec4Swizzles};
use museion_scene::{NodeId, Scene};
use museion_venue::CompiledVenue;

/// How far a click reaches, in metres: across the largest gallery.
pub const PICK_DISTANCE: f32 = 100.0;

/// The venue and the visitor walking through it.
pub struct VenueSession {
    /// The venue as last compiled successfully.
    pub venue: CompiledVenue,
    /// The physics world; `None` when the venue's colliders could not be built (the
    /// venue can still be looked at in orbit mode).
    pub physics: Option<PhysicsWorld>,
}

impl VenueSession {
    /// Builds the physics world of `venue` with the visitor at its first spawn point; the
    /// error says why walking is impossible when the colliders cannot be built.
    pub fn new(venue: CompiledVenue) -> (Self, Option<PhysicsError>) {
        let (position, yaw) = venue
            .spawns
            .first()
            .map_or((Vec3::ZERO, 0.0), |s| (s.position, s.yaw));
        match PhysicsWorld::new(&venue.scene, &venue.colliders, venue.visitor, position, yaw) {
            Ok(physics) => (
                Self {
                    venue,
                    physics: Some(physics),
                },
                None,
            ),
            Err(error) => (Self { venue, physics: None }, Some(error)),
        }
    }

    /// Swaps in a recompiled venue, the visitor keeping its feet and heading (or starting
    /// at the new venue's spawn point if there was no physics). On error nothing changes
    /// (the last good venue stays).
    pub fn replace(&mut self, venue: CompiledVenue) -> Result<(), PhysicsError> {
        let (feet, yaw) = match &self.physics {
            Some(physics) => (physics.feet_position(), physics.yaw()),
            None => venue
                .spawns
                .first()
                .map_or((Vec3::ZERO, 0.0), |s| (s.position, s.yaw)),
        };
        let mut physics = PhysicsWorld::new(&venue.scene, &venue.colliders, venue.visitor, feet, yaw)?;
        physics.set_visitor_pose(feet, yaw)?;
        self.venue = venue;
        self.physics = Some(physics);
        Ok(())
    }

    /// Advances the simulation by `dt` seconds with the visitor doing `input` at heading
    /// `yaw`, and moves the scene's dynamic props to their render poses.
    pub fn step(&mut self, dt: f32, yaw: f32, input: &VisitorInput) -> Result<(), PhysicsError> {
        let Some(physics) = &mut self.physics else {
            return Ok(());
        };
        physics.set_yaw(yaw)?;
        physics.advance(dt, input)?;
        physics.sync_to_scene(&mut self.venue.scene)
    }

    /// The visitor for the camera (interpolated), when there is physics.
    pub fn pose(&self) -> Option<VisitorPose> {
        self.physics.as_ref().map(PhysicsWorld::visitor_pose)
    }

    /// The exhibit the ray from `origin` along `direction` meets first (a wall in front
    /// of it hides it).
    ///
    /// Animated exhibits are found where they are drawn now, by their posed triangles:
    /// their colliders keep the pose they were built in, so a hit on one is not taken.
    pub fn pick(&self, origin: Vec3, direction: Vec3) -> Option<usize> {
        let hit = self
            .physics
            .as_ref()?
            .cast_ray(origin, direction, PICK_DISTANCE)
            .map(|hit| (hit.exhibit, hit.distance));
        let animated: Vec<(usize, NodeId)> = self
            .venue
            .animations
            .iter()
            .filter_map(|a| Some((a.exhibit, self.venue.exhibits.get(a.exhibit)?.node)))
            .collect();
        nearest_pick(hit, &animated, &self.venue.scene, origin, direction)
            .filter(|&index| index < self.venue.exhibits.len())
    }
}

/// The exhibit a ray picks: the physics world's first hit (`hit`: its exhibit, if any,
/// and distance) unless it is one of the `animated` exhibits (exhibit index, node),
/// which are tested against their posed triangles in `scene` instead, the nearest
/// surface winning. A wall in front of an animated exhibit still hides it.
pub fn nearest_pick(
    hit: Option<(Option<usize>, f32)>,
    animated: &[(usize, NodeId)],
    scene: &Scene,
    origin: Vec3,
    direction: Vec3,
) -> Option<usize> {
    let is_animated = |exhibit: Option<usize>| exhibit.is_some_and(|e| animated.iter().any(|(a, _)| *a == e));
    let mut best = hit.filter(|(exhibit, _)| !is_animated(*exhibit));
    for &(exhibit, node) in animated {
        let reach = best.map_or(PICK_DISTANCE, |(_, d)| d);
        if let Some(posed) = scene.cast_ray_posed(node, origin, direction, reach) {
            best = Some((Some(exhibit), posed.distance));
        }
    }
    best.and_then(|(exhibit, _)| exhibit)
}

/// Where `point` falls on a view `size` pixels large from `camera`, in pixels from the
/// top left (it may be off the view): the inverse of [`pixel_ray`]. `None` behind the
/// camera or on an empty view.
pub fn screen_point(camera: &ViewCamera, size: (u32, u32), point: Vec3) -> Option<Vec2> {
    if size.0 == 0 || size.1 == 0 {
        return None;
    }
    let (width, height) = (size.0 as f32, size.1 as f32);
    let clip = camera.view_projection(width / height) * point.extend(1.0);
    (clip.w > 1e-4).then(|| {
        let ndc = clip.xy() / clip.w;
        Vec2::new((ndc.x + 1.0) * 0.5 * width, (1.0 - ndc.y) * 0.5 * height)
    })
}

/// The ray from `camera` through pixel `pixel` of a view `size` pixels large: its origin
/// and unit direction. `None` for a degenerate camera or size.
pub fn pixel_ray(camera: &ViewCamera, size: (u32, u32), pixel: Vec2) -> Option<(Vec3, Vec3)> {
    if size.0 == 0 || size.1 == 0 {
        return None;
    }
    let (width, height) = (size.0 as f32, size.1 as f32);
    let ndc = Vec2::new(pixel.x / width * 2.0 - 1.0, 1.0 - pixel.y / height * 2.0);
    let inverse = camera.view_projection(width / height).inverse();
    // Reverse-Z: depth 1 is the near plane; 0.5 is a finite point farther along.
    let unproject = |depth: f32| {
        let p = inverse * Vec4::new(ndc.x, ndc.y, depth, 1.0);
        (p.w.abs() > f32::EPSILON).then(|| p.truncate() / p.w)
    };
    let near = unproject(1.0)?;
    let far = unproject(0.5)?;
    let direction = (far - near).try_normalize()?;
    near.is_finite().then_some((near, direction))
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::glam::Mat4;
    use museion_scene::{Mesh, Node, Skin, SkinId, Transform, shapes};

    /// A 1 m cube skinned to one joint, as an animated exhibit; returns the scene, the
    /// exhibit's node and the joint.
    fn animated_cube() -> (Scene, NodeId, NodeId) {
        let mut scene = Scene::new();
        let mut cube = shapes::cuboid(Vec3::splat(0.5));
        cube.joints = Some(vec![[0, 0, 0, 0]; cube.vertex_count()]);
        cube.weights = Some(vec![Vec4::X; cube.vertex_count()]);
        cube.update_deform_bounds();
        let mesh = scene.add_mesh(Mesh::new(None, vec![cube]));
        let exhibit = scene.add_node(Node::new(), None).unwrap();
        let joint = scene.add_node(Node::new(), Some(exhibit)).unwrap();
        scene.skins.push(Skin {
            name: None,
            joints: vec![joint],
            inverse_bind_matrices: vec![Mat4::IDENTITY],
            skeleton: Some(joint),
        });
        let mut body = Node::new().with_mesh(mesh);
        body.skin = Some(SkinId(0));
        scene.add_node(body, Some(exhibit)).unwrap();
        (scene, exhibit, joint)
    }

    #[test]
    fn picking_finds_an_animated_exhibit_where_it_moved() {
        let (mut scene, exhibit, joint) = animated_cube();
        let animated = [(3, exhibit)];
        let down = -Vec3::Y;
        let above_origin = Vec3::new(0.0, 5.0, 0.0);
        let above_moved = Vec3::new(4.0, 5.0, 0.0);
        // Its collider (built in the rest pose) is hit above the origin.
        let stale = Some((Some(3), 4.5));
        assert_eq!(
            nearest_pick(stale, &animated, &scene, above_origin, down),
            Some(3)
        );
        scene
            .set_transform(joint, Transform::from_translation(Vec3::new(4.0, 0.0, 0.0)))
            .unwrap();
        scene.update_transforms();
        // Moved away: the stale collider no longer picks it; where it is now does.
        assert_eq!(nearest_pick(stale, &animated, &scene, above_origin, down), None);
        assert_eq!(nearest_pick(None, &animated, &scene, above_moved, down), Some(3));
        // A wall (no exhibit) nearer than the cube hides it; another exhibit behind it
        // does not.
        assert_eq!(
            nearest_pick(Some((None, 1.0)), &animated, &scene, above_moved, down),
            None
        );
        assert_eq!(
            nearest_pick(Some((Some(7), 9.0)), &animated, &scene, above_moved, down),
            Some(3)
        );
    }

    #[test]
    fn the_centre_pixel_looks_where_the_camera_looks_and_corners_spread() {
        let eye = Vec3::new(1.0, 1.5, 4.0);
        let camera = ViewCamera::look_at(eye, eye - Vec3::Z, 1.0, 0.05);
        let (origin, direction) = pixel_ray(&camera, (320, 240), Vec2::new(160.0, 120.0)).expect("a ray");
        assert!(origin.distance(eye) < 0.1, "{origin}");
        assert!(direction.abs_diff_eq(-Vec3::Z, 1e-4), "{direction}");
        let (_, left_top) = pixel_ray(&camera, (320, 240), Vec2::ZERO).expect("a ray");
        assert!(
            left_top.x < 0.0 && left_top.y > 0.0 && left_top.z < 0.0,
            "{left_top}"
        );
        // The top edge is half the vertical field of view above the axis.
        let (_, top) = pixel_ray(&camera, (320, 240), Vec2::new(160.0, 0.0)).expect("a ray");
        assert!((top.y.atan2(-top.z) - 0.5).abs() < 1e-3, "{top}");
        assert!(pixel_ray(&camera, (0, 240), Vec2::ZERO).is_none());
    }
}

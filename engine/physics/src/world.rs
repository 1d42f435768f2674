//! [`PhysicsWorld`]: the venue's colliders, its dynamic bodies and the walking visitor,
//! stepped at a fixed rate and interpolated for rendering.

use super::bodies::DynamicBody;
use super::colliders::{self, ColliderInfo};
use super::error::PhysicsError;
use super::visitor::{MASS_KG, VisitorBody, VisitorInput, VisitorPose};
use museion_scene::glam::{Mat4, Vec3};
use museion_scene::{ColliderShape, ColliderSpec, NodeId, Scene, VisitorSettings};
use rapier3d::control::CharacterCollision;
use rapier3d::dynamics::{RigidBodyBuilder, RigidBodyHandle};
use rapier3d::geometry::ColliderBuilder;
use rapier3d::pipeline::{PhysicsWorld as RapierWorld, QueryFilter};
use std::collections::HashSet;

/// Length of one physics step, in seconds: 60 Hz, the rate the character controller and
/// contact solver are tuned for; rendering at any rate is smoothed by interpolation.
pub const FIXED_TIMESTEP: f32 = 1.0 / 60.0;
/// Most steps one [`PhysicsWorld::advance`] runs. Frame time beyond that (a stall, a
/// breakpoint, a window drag) is dropped instead of replayed, so the simulation never
/// spirals into ever longer catch-up frames.
pub const MAX_STEPS_PER_ADVANCE: u32 = 5;

/// The physics of a venue: static architecture and exhibits, dynamic props, and the
/// visitor, a kinematic capsule walked by rapier's character controller.
///
/// Time advances in fixed steps of [`FIXED_TIMESTEP`]; [`advance`](Self::advance) takes a
/// frame's real duration, runs the steps that fit and keeps the rest, and the poses read
/// for rendering ([`eye_position`](Self::eye_position), [`visitor_pose`](Self::visitor_pose),
/// [`sync_to_scene`](Self::sync_to_scene)) are interpolated between the last two steps by
/// the share of a step that is left over. Picking goes through [`cast_ray`](Self::cast_ray).
pub struct PhysicsWorld {
    pub(crate) rapier: RapierWorld,
    /// What each collider's `user_data` points to.
    pub(crate) infos: Vec<ColliderInfo>,
    pub(crate) visitor_handle: RigidBodyHandle,
    visitor: VisitorBody,
    yaw: f32,
    vertical_speed: f32,
    grounded: bool,
    previous_feet: Vec3,
    current_feet: Vec3,
    dynamics: Vec<DynamicBody>,
    /// Simulated time owed, in seconds (f64 so that hours of frames do not drift).
    accumulator: f64,
    /// Scratch list of what the controller touched during one step.
    collisions: Vec<CharacterCollision>,
}

impl PhysicsWorld {
    /// Builds the colliders of `colliders` from `scene`'s geometry and puts the visitor's
    /// feet at `spawn`, facing `yaw` (radians about +Y; 0 looks down −Z).
    ///
    /// Each collider's shape comes from the triangles of every mesh in its node's subtree
    /// in world space, except the subtrees of other colliders' nodes. Gravity for the
    /// visitor and for dynamic bodies is [`VisitorSettings::gravity`].
    ///
    /// Fails, naming the collider and node, for a node that is not in the scene or is
    /// named twice, a subtree without triangles, broken mesh data, geometry that cannot
    /// make the requested shape, or a non-positive mass; and for out-of-range visitor
    /// settings or a non-finite spawn point or yaw.
    pub fn new(
        scene: &Scene,
        colliders: &[ColliderSpec],
        visitor: VisitorSettings,
        spawn: Vec3,
        yaw: f32,
    ) -> Result<Self, PhysicsError> {
        let body = VisitorBody::new(visitor)?;
        check_pose(spawn, yaw)?;
        let spec_nodes: HashSet<NodeId> = colliders::index_nodes(scene, colliders)?.into_keys().collect();

        let mut rapier = RapierWorld::new();
        rapier.integration_parameters.dt = FIXED_TIMESTEP;
        let mut infos = Vec::with_capacity(colliders.len());
        let mut dynamics = Vec::new();
        let mut counts = [0usize; 3];
        for (index, spec) in colliders.iter().enumerate() {
            let built = colliders::build(scene, colliders, index, &spec_nodes)?;
            counts[match built.shape {
                ColliderShape::Box => 0,
                ColliderShape::ConvexHull => 1,
                ColliderShape::Mesh => 2,
            }] += 1;
            let collider = built.collider.user_data(infos.len() as u128);
            infos.push(ColliderInfo {
                node: spec.node,
                exhibit: spec.exhibit,
            });
            match built.body {
                None => {
                    rapier.insert_collider(collider, None);
                }
                Some(start) => {
                    let (linear, angular) = colliders::dynamic_damping();
                    let rigid_body = RigidBodyBuilder::dynamic()
                        .pose(start.pose)
                        // Continuous collision detection: a ball knocked hard must not
                        // pass through a thin wall between two steps.
                        .ccd_enabled(true)
                        .linear_damping(linear)
                        .angular_damping(angular);
                    let (handle, _) = rapier.insert(rigid_body, collider);
                    dynamics.push(DynamicBody::new(handle, spec.node, &start));
                }
            }
        }

        let centre = spawn + Vec3::Y * body.centre_height;
        let capsule = ColliderBuilder::capsule_y(body.capsule.half_height(), body.capsule.radius)
            .user_data(u128::MAX)
            // The visitor pushes through impulses of its own; contacts only keep props out.
            .friction(0.0);
        let (visitor_handle, _) = rapier.insert(
            RigidBodyBuilder::kinematic_position_based().translation(centre),
            capsule,
        );
        // Rays and the controller query the broad phase, which only a step fills. Prime it
        // with a step without gravity: bodies at rest stay where they are. (rapier's
        // collision-only update would fill it too, but leaves dynamic bodies out of the
        // island manager, so they would never move.)
        rapier.gravity = Vec3::ZERO;
        rapier.step();
        rapier.gravity = Vec3::NEG_Y * visitor.gravity;
        // Bodies that started interpenetrating were pushed apart by the priming step.
        for dynamic in &mut dynamics {
            dynamic.snap(&rapier.bodies);
        }

        log::info!(
            "physics: {} colliders ({} boxes, {} convex hulls, {} triangle meshes), {} dynamic; \
             visitor {:.2} m tall, r = {:.2} m, at {spawn}",
            colliders.len(),
            counts[0],
            counts[1],
            counts[2],
            dynamics.len(),
            visitor.body_height,
            visitor.radius,
        );
        Ok(Self {
            rapier,
            infos,
            visitor_handle,
            visitor: body,
            yaw,
            vertical_speed: 0.0,
            grounded: false,
            previous_feet: spawn,
            current_feet: spawn,
            dynamics,
            accumulator: 0.0,
            collisions: Vec::new(),
        })
    }

    /// Advances simulated time by a frame of `dt_seconds`, running as many fixed steps as
    /// fit (at most [`MAX_STEPS_PER_ADVANCE`]; the excess of a longer frame is dropped)
    /// with `input` held throughout. Returns how many steps ran.
    ///
    /// Fails for a negative or non-finite `dt_seconds` or non-finite input.
    pub fn advance(&mut self, dt_seconds: f32, input: &VisitorInput) -> Result<u32, PhysicsError> {
        if !(dt_seconds.is_finite() && dt_seconds >= 0.0) {
            return Err(PhysicsError::InvalidArgument {
                what: "frame time",
                expected: "a finite number of seconds, zero or more",
            });
        }
        input.validate()?;
        let step = f64::from(FIXED_TIMESTEP);
        let catch_up = step * f64::from(MAX_STEPS_PER_ADVANCE);
        self.accumulator += f64::from(dt_seconds).min(catch_up);
        let mut steps = 0;
        while self.accumulator >= step && steps < MAX_STEPS_PER_ADVANCE {
            self.step(input);
            self.accumulator -= step;
            steps += 1;
        }
        // Only rounding can leave a whole step here; never carry it into the next frame.
        self.accumulator = self.accumulator.min(step * (1.0 - 1e-9));
        Ok(steps)
    }

    /// One fixed step: the controller moves the visitor (pushing what it walks into),
    /// then rapier moves everything else.
    fn step(&mut self, input: &VisitorInput) {
        let dt = FIXED_TIMESTEP;
        self.vertical_speed = self.visitor.fall(self.vertical_speed, dt);
        let desired =
            self.visitor.horizontal_velocity(input, self.yaw) * dt + Vec3::Y * (self.vertical_speed * dt);
        let Some(position) = self.rapier.bodies.get(self.visitor_handle).map(|b| *b.position()) else {
            return;
        };
        let filter = QueryFilter::new().exclude_rigid_body(self.visitor_handle);
        let controller = self.visitor.controller;
        self.collisions.clear();
        let movement = {
            let queries = self.rapier.query_pipeline_with_filter(filter);
            let collisions = &mut self.collisions;
            controller.move_shape(dt, &queries, &self.visitor.capsule, &position, desired, |c| {
                collisions.push(c)
            })
        };
        if !self.collisions.is_empty() {
            let rapier = &mut self.rapier;
            let mut queries = rapier.broad_phase.as_query_pipeline_mut(
                rapier.narrow_phase.query_dispatcher(),
                &mut rapier.bodies,
                &mut rapier.colliders,
                filter,
            );
            controller.solve_character_collision_impulses(
                dt,
                &mut queries,
                &self.visitor.capsule,
                MASS_KG,
                &self.collisions,
            );
        }
        self.grounded = movement.grounded;
        self.vertical_speed = if movement.grounded {
            0.0
        } else {
            // Blocked while falling (on a slope too steep to stand on): fall no faster
            // than the body actually went down, so speed does not pile up unseen.
            self.vertical_speed.max((movement.translation.y / dt).min(0.0))
        };
        if let Some(body) = self.rapier.bodies.get_mut(self.visitor_handle) {
            body.set_next_kinematic_translation(position.translation + movement.translation);
        }

        self.rapier.step();

        self.previous_feet = self.current_feet;
        if let Some(body) = self.rapier.bodies.get(self.visitor_handle) {
            self.current_feet = body.translation() - Vec3::Y * self.visitor.centre_height;
        }
        for dynamic in &mut self.dynamics {
            dynamic.record(&self.rapier.bodies);
        }
    }

    /// The share of a step simulated time is ahead of the last step, 0 to 1: how far the
    /// render poses are between the last two steps.
    pub fn interpolation_alpha(&self) -> f32 {
        (self.accumulator / f64::from(FIXED_TIMESTEP)).clamp(0.0, 1.0) as f32
    }

    /// The visitor's feet for rendering (interpolated).
    pub fn feet_position(&self) -> Vec3 {
        self.previous_feet
            .lerp(self.current_feet, self.interpolation_alpha())
    }

    /// The visitor's eyes for rendering (interpolated): the camera's position.
    pub fn eye_position(&self) -> Vec3 {
        self.feet_position() + Vec3::Y * self.visitor.settings.eye_height
    }

    /// The visitor for rendering: interpolated feet and eyes, heading, and whether the last
    /// step ended on walkable ground.
    pub fn visitor_pose(&self) -> VisitorPose {
        let feet = self.feet_position();
        VisitorPose {
            feet,
            eye: feet + Vec3::Y * self.visitor.settings.eye_height,
            yaw: self.yaw,
            grounded: self.grounded,
        }
    }

    /// True when the last step ended standing on walkable ground.
    pub fn is_grounded(&self) -> bool {
        self.grounded
    }

    /// The visitor's heading in radians about +Y (0 looks down −Z).
    pub fn yaw(&self) -> f32 {
        self.yaw
    }

    /// Turns the visitor; the next steps walk in the new frame. Fails for a non-finite yaw.
    pub fn set_yaw(&mut self, yaw: f32) -> Result<(), PhysicsError> {
        check_pose(Vec3::ZERO, yaw)?;
        self.yaw = yaw;
        Ok(())
    }

    /// Teleports the visitor's feet to `feet`, facing `yaw`, at rest: no interpolation
    /// from the old place and no fall speed kept. Fails for non-finite values.
    pub fn set_visitor_pose(&mut self, feet: Vec3, yaw: f32) -> Result<(), PhysicsError> {
        check_pose(feet, yaw)?;
        if let Some(body) = self.rapier.bodies.get_mut(self.visitor_handle) {
            body.set_position(
                rapier3d::math::Pose::from_translation(feet + Vec3::Y * self.visitor.centre_height),
                true,
            );
        }
        self.yaw = yaw;
        self.vertical_speed = 0.0;
        self.grounded = false;
        self.previous_feet = feet;
        self.current_feet = feet;
        Ok(())
    }

    /// The visitor's body and gait.
    pub fn visitor_settings(&self) -> &VisitorSettings {
        &self.visitor.settings
    }

    /// How many dynamic bodies the world moves.
    pub fn dynamic_body_count(&self) -> usize {
        self.dynamics.len()
    }

    /// The interpolated world matrix a dynamic body gives its node, or `None` when `node`
    /// has no dynamic body.
    pub fn dynamic_node_world(&self, node: NodeId) -> Option<Mat4> {
        let alpha = self.interpolation_alpha();
        self.dynamics
            .iter()
            .find(|d| d.node == node)
            .map(|d| d.node_world(alpha))
    }

    /// Writes every dynamic body's interpolated pose to its node's local transform, so the
    /// render shows props where the physics has them. Nodes of bodies that have not moved
    /// since the last call are left alone. Fails when a body's node has been removed.
    pub fn sync_to_scene(&mut self, scene: &mut Scene) -> Result<(), PhysicsError> {
        let alpha = self.interpolation_alpha();
        for dynamic in &mut self.dynamics {
            dynamic.sync(scene, alpha)?;
        }
        Ok(())
    }
}

fn check_pose(feet: Vec3, yaw: f32) -> Result<(), PhysicsError> {
    if feet.is_finite() && yaw.is_finite() {
        Ok(())
    } else {
        Err(PhysicsError::InvalidArgument {
            what: "visitor position or yaw",
            expected: "finite",
        })
    }
}

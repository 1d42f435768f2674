//! Physics for visitors walking through venues, on rapier3d.
//!
//! A [`PhysicsWorld`] is built from a [`Scene`](museion_scene::Scene), the
//! [`ColliderSpec`](museion_scene::ColliderSpec)s a venue compiles to and the visitor's
//! [`VisitorSettings`](museion_scene::VisitorSettings):
//!
//! - static colliders (floors, walls, plinths, exhibits) as boxes, convex hulls or
//!   triangle meshes of their nodes' geometry in world space;
//! - dynamic bodies that fall, collide, are pushed by the visitor and move their nodes
//!   ([`PhysicsWorld::sync_to_scene`]);
//! - the visitor, a kinematic capsule driven by rapier's character controller: gravity,
//!   steps up to `step_height`, slopes up to `max_slope_degrees`, snapping to the floor
//!   going down, sliding along walls;
//! - picking with [`PhysicsWorld::cast_ray`].
//!
//! Time runs in fixed steps ([`FIXED_TIMESTEP`]) and render poses are interpolated, so
//! walking looks smooth at any frame rate.
//!
//! ```no_run
//! use museion_physics::{PhysicsWorld, VisitorInput};
//! use museion_scene::{ColliderSpec, Scene, VisitorSettings, glam::Vec3};
//!
//! # fn frame(scene: &mut Scene, specs: &[ColliderSpec]) -> Result<(), museion_physics::PhysicsError> {
//! let mut world = PhysicsWorld::new(scene, specs, VisitorSettings::default(), Vec3::ZERO, 0.0)?;
//! world.advance(1.0 / 144.0, &VisitorInput::forward(false))?;
//! world.sync_to_scene(scene)?;
//! let eye = world.eye_position();
//! let picked = world.cast_ray(eye, Vec3::NEG_Z, 10.0).and_then(|hit| hit.exhibit);
//! # let _ = picked;
//! # Ok(())
//! # }
//! ```
//!
//! rapier3d speaks the same glam as [`museion_scene::glam`], so positions cross the
//! boundary without conversion.

mod bodies;
mod colliders;
mod error;
mod geometry;
mod picking;
mod visitor;
mod world;
#[cfg(test)]
mod world_tests;

pub use error::PhysicsError;
pub use picking::RayHit;
pub use visitor::{VisitorInput, VisitorPose, yaw_axes};
pub use world::{FIXED_TIMESTEP, MAX_STEPS_PER_ADVANCE, PhysicsWorld};

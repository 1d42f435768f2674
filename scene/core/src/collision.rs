//! What a physics world is built from: which nodes collide, with what shape, and what
//! a ray that hits them reports.
//!
//! This crate has no physics engine; these are plain descriptions that a venue compiles
//! to and that the engine's physics turns into colliders. A shape is always taken from
//! the geometry of a node's subtree in world space, so a description never repeats
//! vertex data.

use crate::ids::NodeId;

/// How the geometry under a node becomes a collision shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ColliderShape {
    /// The world-space axis-aligned box around the subtree's triangles.
    Box,
    /// The convex hull of the subtree's vertices.
    ConvexHull,
    /// The subtree's triangles as they are (static bodies only; exact, but the most costly).
    #[default]
    Mesh,
}

/// Whether a body stays put or is moved by the simulation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum BodyKind {
    /// Never moves: floors, walls, pedestals, exhibits.
    #[default]
    Static,
    /// Falls, is pushed by the visitor, and moves its node.
    Dynamic {
        /// Mass in kilograms.
        mass: f32,
    },
}

/// One collider: the geometry under `node`, turned into `shape`.
#[derive(Clone, Debug, PartialEq)]
pub struct ColliderSpec {
    /// The node whose subtree's meshes make the shape.
    pub node: NodeId,
    /// How the geometry becomes a shape.
    pub shape: ColliderShape,
    /// Static or dynamic.
    pub body: BodyKind,
    /// The exhibit a ray hitting this collider picks, as an index into the venue's
    /// exhibit list; `None` for architecture.
    pub exhibit: Option<usize>,
}

/// The visitor's body and gait: what the character controller walks with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VisitorSettings {
    /// Height of the eyes above the floor, in metres.
    pub eye_height: f32,
    /// Standing height of the body (the capsule's full height), in metres.
    pub body_height: f32,
    /// Radius of the body's capsule, in metres.
    pub radius: f32,
    /// Walking speed, in metres per second.
    pub walk_speed: f32,
    /// Running speed (shift held), in metres per second.
    pub run_speed: f32,
    /// Highest step climbed without jumping, in metres.
    pub step_height: f32,
    /// Steepest slope walked up, in degrees.
    pub max_slope_degrees: f32,
    /// Downward acceleration, in metres per second squared.
    pub gravity: f32,
}

impl Default for VisitorSettings {
    /// An adult walking through a museum: eyes at 1.65 m, 1.4 m/s, steps up to 0.3 m,
    /// slopes up to 40°.
    fn default() -> Self {
        Self {
            eye_height: 1.65,
            body_height: 1.8,
            radius: 0.25,
            walk_speed: 1.4,
            run_speed: 3.5,
            step_height: 0.3,
            max_slope_degrees: 40.0,
            gravity: 9.81,
        }
    }
}

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

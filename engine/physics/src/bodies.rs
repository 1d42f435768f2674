//! Dynamic bodies as the render sees them: the last two physics poses, interpolated, and
//! written back to their scene nodes.

use super::colliders::DynamicStart;
use super::error::PhysicsError;
use museion_scene::glam::Mat4;
use museion_scene::{NodeId, Scene, Transform};
use rapier3d::dynamics::{RigidBodyHandle, RigidBodySet};
use rapier3d::math::Pose;

/// One dynamic body and the node it moves.
#[derive(Clone, Debug)]
pub(crate) struct DynamicBody {
    pub handle: RigidBodyHandle,
    pub node: NodeId,
    /// The node's world matrix in the body's frame (fixed at build time).
    pub node_in_body: Mat4,
    /// The pose after the step before the last.
    pub previous: Pose,
    /// The pose after the last step.
    pub current: Pose,
    /// The pose last written to the node, to leave resting bodies' nodes untouched.
    pub synced: Option<Pose>,
}

impl DynamicBody {
    /// A body at its starting pose.
    pub fn new(handle: RigidBodyHandle, node: NodeId, start: &DynamicStart) -> Self {
        Self {
            handle,
            node,
            node_in_body: start.node_in_body,
            previous: start.pose,
            current: start.pose,
            // The node already is where the body starts.
            synced: Some(start.pose),
        }
    }

    /// Shifts the poses after a step: the current one becomes the previous one.
    pub fn record(&mut self, bodies: &RigidBodySet) {
        if let Some(body) = bodies.get(self.handle) {
            self.previous = self.current;
            self.current = *body.position();
        }
    }

    /// Takes the body's pose as both the previous and the current one: nothing to
    /// interpolate from (after the world's priming step).
    pub fn snap(&mut self, bodies: &RigidBodySet) {
        self.record(bodies);
        self.previous = self.current;
    }

    /// The pose `alpha` (0–1) of the way from the previous step to the last one.
    pub fn interpolated(&self, alpha: f32) -> Pose {
        self.previous.lerp(&self.current, alpha)
    }

    /// The node's world matrix at the interpolated pose.
    pub fn node_world(&self, alpha: f32) -> Mat4 {
        self.interpolated(alpha).to_mat4() * self.node_in_body
    }

    /// Writes the interpolated pose to the node's local transform (relative to its
    /// parent's current world matrix), unless it has not changed since the last write.
    pub fn sync(&mut self, scene: &mut Scene, alpha: f32) -> Result<(), PhysicsError> {
        let pose = self.interpolated(alpha);
        if self.synced == Some(pose) {
            return Ok(());
        }
        let removed = PhysicsError::NodeRemoved { node: self.node };
        let node = scene.node(self.node).ok_or_else(|| removed.clone())?;
        let parent_world = node
            .parent()
            .and_then(|parent| scene.world_matrix(parent))
            .unwrap_or(Mat4::IDENTITY);
        let world = pose.to_mat4() * self.node_in_body;
        scene
            .set_transform(self.node, Transform::from_matrix(parent_world.inverse() * world))
            .map_err(|_| removed)?;
        self.synced = Some(pose);
        Ok(())
    }
}

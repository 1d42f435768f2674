//! Picking: which exhibit, or which piece of architecture, a ray from the eye meets first.

use super::world::PhysicsWorld;
use museion_scene::NodeId;
use museion_scene::glam::Vec3;
use rapier3d::parry::query::Ray;
use rapier3d::pipeline::QueryFilter;

/// The first collider a ray meets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RayHit {
    /// The exhibit of the collider hit, or `None` for architecture (a wall in front of an
    /// exhibit hides it: the ray stops at the wall).
    pub exhibit: Option<usize>,
    /// The collider's node.
    pub node: NodeId,
    /// Where the ray meets the surface, in world space.
    pub point: Vec3,
    /// The unit surface normal there, facing back along the ray.
    pub normal: Vec3,
    /// Distance from the ray's origin to `point`, in metres.
    pub distance: f32,
}

impl PhysicsWorld {
    /// The first collider along the ray from `origin` in `direction` (any length) within
    /// `max_distance` metres, ignoring the visitor's own capsule (so a ray from the eye
    /// does not hit the head it starts in). Colliders are where the last physics step
    /// left them.
    ///
    /// A ray with a zero or non-finite direction, a non-finite origin or a negative or NaN
    /// `max_distance` meets nothing.
    pub fn cast_ray(&self, origin: Vec3, direction: Vec3, max_distance: f32) -> Option<RayHit> {
        let direction = direction.try_normalize()?;
        if !origin.is_finite() || max_distance.is_nan() || max_distance < 0.0 {
            return None;
        }
        let filter = QueryFilter::new().exclude_rigid_body(self.visitor_handle);
        let ray = Ray::new(origin, direction);
        let (handle, hit) = self
            .rapier
            .query_pipeline_with_filter(filter)
            .cast_ray_and_get_normal(&ray, max_distance, true)?;
        let info = self
            .rapier
            .colliders
            .get(handle)
            .and_then(|collider| usize::try_from(collider.user_data).ok())
            .and_then(|index| self.infos.get(index))?;
        // Triangle meshes are two-sided: a ray may meet a face from behind.
        let normal = if hit.normal.dot(direction) > 0.0 {
            -hit.normal
        } else {
            hit.normal
        };
        Some(RayHit {
            exhibit: info.exhibit,
            node: info.node,
            point: ray.point_at(hit.time_of_impact),
            normal: normal.normalize_or_zero(),
            distance: hit.time_of_impact,
        })
    }
}

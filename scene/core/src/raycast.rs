//! Rays against the scene's triangles as they are drawn: posed by skins and morph
//! weights, so picking finds a moving figure where it is now, not where it was bound.

use crate::ids::NodeId;
use crate::mesh::Topology;
use crate::scene::Scene;
use glam::{Mat4, Vec3};

/// Where a ray meets a drawn triangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TriangleHit {
    /// The node whose mesh was hit.
    pub node: NodeId,
    /// The primitive of that mesh.
    pub primitive: usize,
    /// Distance along the ray (the direction normalised).
    pub distance: f32,
}

impl Scene {
    /// The nearest triangle in the subtree of `root` that the ray from `origin` along
    /// `direction` meets within `max_distance`, both sides of each triangle counting.
    /// Skinned and morphed primitives are tested in their current pose (the deformation
    /// the renderer draws, [`Primitive::deform`](crate::Primitive::deform)); instances
    /// whose posed bounds the ray misses are skipped without touching their triangles.
    pub fn cast_ray_posed(
        &self,
        root: NodeId,
        origin: Vec3,
        direction: Vec3,
        max_distance: f32,
    ) -> Option<TriangleHit> {
        let direction = direction.try_normalize()?;
        let mut best: Option<TriangleHit> = None;
        let mut joints = Vec::new();
        for node in self.descendants(root) {
            let Some(mesh) = self
                .node(node)
                .and_then(|n| n.mesh)
                .and_then(|m| self.meshes.get(m.index()))
            else {
                continue;
            };
            let world = self.world_matrix(node)?;
            for (index, primitive) in mesh.primitives.iter().enumerate() {
                if primitive.topology != Topology::Triangles {
                    continue;
                }
                let limit = best.map_or(max_distance, |b| b.distance);
                let sphere = self.posed_bounds(node, primitive).sphere.transformed(&world);
                if !ray_reaches_sphere(origin, direction, sphere.center, sphere.radius, limit) {
                    continue;
                }
                let posed;
                let positions = if primitive.is_deformable() {
                    let skinned = primitive.is_skinned() && self.joint_matrices_into(node, &mut joints);
                    posed = primitive
                        .deform(skinned.then_some(joints.as_slice()), self.morph_weights(node))
                        .positions;
                    &posed
                } else {
                    &primitive.positions
                };
                if let Some(distance) =
                    nearest_triangle(&world, positions, &primitive.indices, origin, direction, limit)
                {
                    best = Some(TriangleHit {
                        node,
                        primitive: index,
                        distance,
                    });
                }
            }
        }
        best
    }
}

fn ray_reaches_sphere(origin: Vec3, direction: Vec3, center: Vec3, radius: f32, limit: f32) -> bool {
    let along = (center - origin).dot(direction).clamp(0.0, limit);
    (origin + direction * along).distance_squared(center) <= radius * radius
}

/// The nearest distance below `limit` at which the ray meets one of the triangles.
fn nearest_triangle(
    world: &Mat4,
    positions: &[Vec3],
    indices: &[u32],
    origin: Vec3,
    direction: Vec3,
    limit: f32,
) -> Option<f32> {
    let corner = |i: u32| positions.get(i as usize).map(|p| world.transform_point3(*p));
    let mut best: Option<f32> = None;
    for triangle in indices.chunks_exact(3) {
        let (Some(a), Some(b), Some(c)) = (corner(triangle[0]), corner(triangle[1]), corner(triangle[2]))
        else {
            continue;
        };
        if let Some(t) = ray_triangle(origin, direction, a, b, c)
            && t <= best.unwrap_or(limit)
        {
            best = Some(t);
        }
    }
    best
}

/// Möller–Trumbore: the distance along the ray to triangle `abc`, either side.
fn ray_triangle(origin: Vec3, direction: Vec3, a: Vec3, b: Vec3, c: Vec3) -> Option<f32> {
    let (e1, e2) = (b - a, c - a);
    let p = direction.cross(e2);
    let det = e1.dot(p);
    if det.abs() < 1e-12 {
        return None;
    }
    let s = origin - a;
    let u = s.dot(p) / det;
    if !(0.0..=1.0).contains(&u) {
        return None;
    }
    let q = s.cross(e1);
    let v = direction.dot(q) / det;
    if v < 0.0 || u + v > 1.0 {
        return None;
    }
    let t = e2.dot(q) / det;
    (t >= 0.0).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shapes::cuboid;
    use crate::{Mesh, Node, Skin, SkinId, Transform};
    use glam::{Quat, Vec4};

    /// A 1 m cube skinned to one joint at the origin; returns the scene, its mesh node
    /// and the joint.
    fn skinned_cube() -> (Scene, NodeId, NodeId) {
        let mut scene = Scene::new();
        let mut cube = cuboid(Vec3::splat(0.5));
        cube.joints = Some(vec![[0, 0, 0, 0]; cube.vertex_count()]);
        cube.weights = Some(vec![Vec4::X; cube.vertex_count()]);
        cube.update_deform_bounds();
        let mesh = scene.add_mesh(Mesh::new(None, vec![cube]));
        let joint = scene.add_node(Node::new(), None).unwrap();
        scene.skins.push(Skin {
            name: None,
            joints: vec![joint],
            inverse_bind_matrices: vec![Mat4::IDENTITY],
            skeleton: Some(joint),
        });
        let mut node = Node::new().with_mesh(mesh);
        node.skin = Some(SkinId(0));
        let node = scene.add_node(node, None).unwrap();
        (scene, node, joint)
    }

    #[test]
    fn a_ray_finds_the_skinned_cube_where_its_joint_moved_it() {
        let (mut scene, node, joint) = skinned_cube();
        let down = -Vec3::Y;
        let hit = scene
            .cast_ray_posed(node, Vec3::new(0.0, 5.0, 0.0), down, 100.0)
            .unwrap();
        assert!((hit.distance - 4.5).abs() < 1e-5);
        scene
            .set_transform(
                joint,
                Transform {
                    translation: Vec3::new(3.0, 0.0, 0.0),
                    rotation: Quat::IDENTITY,
                    scale: Vec3::ONE,
                },
            )
            .unwrap();
        scene.update_transforms();
        assert!(
            scene
                .cast_ray_posed(node, Vec3::new(0.0, 5.0, 0.0), down, 100.0)
                .is_none(),
            "moved away"
        );
        let moved = scene
            .cast_ray_posed(node, Vec3::new(3.0, 5.0, 0.0), down, 100.0)
            .unwrap();
        assert!((moved.distance - 4.5).abs() < 1e-5);
        assert!(
            scene
                .cast_ray_posed(node, Vec3::new(3.0, 5.0, 0.0), down, 4.0)
                .is_none(),
            "beyond reach"
        );
    }
}

//! The triangles under a node, gathered in world space: what every collider shape is
//! made from.

use super::error::PhysicsError;
use museion_scene::glam::Vec3;
use museion_scene::{NodeId, Scene, Topology};
use std::collections::HashSet;

/// Triangles ([`Topology::Triangles`] primitives only) of a subtree, in world space.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct WorldTriangles {
    /// World-space positions; only those of triangle primitives.
    pub vertices: Vec<Vec3>,
    /// Triangles into `vertices`; degenerate ones (repeated corners, no area) are left out.
    pub indices: Vec<[u32; 3]>,
}

impl WorldTriangles {
    /// The corners of the triangles, each vertex once: a vertex no triangle uses does not
    /// widen a box or a hull.
    pub fn used_vertices(&self) -> Vec<Vec3> {
        let mut used = vec![false; self.vertices.len()];
        for corner in self.indices.iter().flatten() {
            used[*corner as usize] = true;
        }
        self.vertices
            .iter()
            .zip(used)
            .filter_map(|(vertex, used)| used.then_some(*vertex))
            .collect()
    }

    /// The world-space axis-aligned box around the triangles, as (min, max); `None` when
    /// there are none.
    pub fn bounds(&self) -> Option<(Vec3, Vec3)> {
        let mut corners = self.indices.iter().flatten().map(|i| self.vertices[*i as usize]);
        let first = corners.next()?;
        Some(corners.fold((first, first), |(min, max), p| (min.min(p), max.max(p))))
    }
}

/// The triangles of every mesh in `root`'s subtree, in world space, skipping the subtrees
/// of nodes in `skip` (other colliders' nodes: each piece of geometry belongs to the
/// nearest collider above it, so a dynamic ball under a static room is not also baked
/// into the room's walls).
///
/// `collider` is the spec index reported in errors.
pub(crate) fn subtree_triangles(
    scene: &Scene,
    collider: usize,
    root: NodeId,
    skip: &HashSet<NodeId>,
) -> Result<WorldTriangles, PhysicsError> {
    let mut out = WorldTriangles::default();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        let Some(node) = scene.node(id) else { continue };
        stack.extend(node.children().iter().filter(|child| !skip.contains(child)));
        let Some(mesh_id) = node.mesh else { continue };
        let name = || node.name.clone();
        let mesh = scene
            .meshes
            .get(mesh_id.index())
            .ok_or_else(|| PhysicsError::UnknownMesh {
                node: id,
                name: name(),
                mesh: mesh_id,
                meshes: scene.meshes.len(),
            })?;
        let Some(world) = scene.world_matrix(id) else {
            continue;
        };
        for (primitive_index, primitive) in mesh.primitives.iter().enumerate() {
            if primitive.topology != Topology::Triangles {
                continue;
            }
            let count = primitive.positions.len();
            let too_many = || PhysicsError::TooManyVertices {
                collider,
                node: root,
                name: scene.node(root).and_then(|n| n.name.clone()),
            };
            let base = u32::try_from(out.vertices.len()).map_err(|_| too_many())?;
            u32::try_from(out.vertices.len() + count).map_err(|_| too_many())?;
            for position in &primitive.positions {
                let world_position = world.transform_point3(*position);
                if !world_position.is_finite() {
                    return Err(PhysicsError::NonFiniteVertex {
                        node: id,
                        name: name(),
                        mesh: mesh_id,
                    });
                }
                out.vertices.push(world_position);
            }
            for triangle in primitive.indices.chunks_exact(3) {
                let mut corners = [0u32; 3];
                for (corner, index) in corners.iter_mut().zip(triangle) {
                    if *index as usize >= count {
                        return Err(PhysicsError::IndexOutOfRange {
                            node: id,
                            name: name(),
                            mesh: mesh_id,
                            primitive: primitive_index,
                            index: *index,
                            vertices: count,
                        });
                    }
                    *corner = base + index;
                }
                if !is_degenerate(&out.vertices, corners) {
                    out.indices.push(corners);
                }
            }
        }
    }
    Ok(out)
}

/// True for a triangle with a repeated corner or (next to) no area, which gives no contact
/// normal and which parry's mesh checks reject.
fn is_degenerate(vertices: &[Vec3], [a, b, c]: [u32; 3]) -> bool {
    if a == b || b == c || a == c {
        return true;
    }
    let (a, b, c) = (vertices[a as usize], vertices[b as usize], vertices[c as usize]);
    let doubled_area = (b - a).cross(c - a).length();
    let longest = (b - a).length().max((c - a).length()).max((c - b).length());
    // Relative to the longest edge, so that millimetre details and kilometre floors are
    // judged alike.
    doubled_area <= longest * longest * 1.0e-7
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::glam::{Quat, Vec3};
    use museion_scene::shapes::cuboid;
    use museion_scene::{Mesh, Node, Primitive, Transform};

    fn add_box(scene: &mut Scene, half: Vec3, at: Vec3, parent: Option<NodeId>) -> NodeId {
        let mesh = scene.add_mesh(Mesh::new(None, vec![cuboid(half)]));
        let node = Node::new()
            .with_mesh(mesh)
            .with_transform(Transform::from_translation(at));
        scene.add_node(node, parent).expect("parent exists")
    }

    #[test]
    fn triangles_are_placed_in_world_space_through_the_hierarchy() {
        let mut scene = Scene::new();
        let parent = Transform {
            translation: Vec3::new(10.0, 0.0, 0.0),
            rotation: Quat::from_rotation_y(std::f32::consts::FRAC_PI_2),
            scale: Vec3::splat(2.0),
        };
        let root = scene
            .add_node(Node::new().with_transform(parent), None)
            .expect("root");
        add_box(
            &mut scene,
            Vec3::new(1.0, 0.5, 0.25),
            Vec3::new(1.0, 0.0, 0.0),
            Some(root),
        );
        let triangles = subtree_triangles(&scene, 0, root, &HashSet::new()).expect("triangles");
        assert_eq!(triangles.indices.len(), 12);
        let (min, max) = triangles.bounds().expect("bounds");
        // Local box x in [0, 2], scaled by 2 → [0, 4]; a quarter turn about +Y sends +X to -Z.
        assert!(min.abs_diff_eq(Vec3::new(9.5, -1.0, -4.0), 1e-4), "{min}");
        assert!(max.abs_diff_eq(Vec3::new(10.5, 1.0, 0.0), 1e-4), "{max}");
    }

    #[test]
    fn lines_points_and_skipped_subtrees_are_left_out() {
        let mut scene = Scene::new();
        let lines = Primitive::new(
            Topology::Lines,
            vec![Vec3::ZERO, Vec3::splat(100.0)],
            Vec::new(),
            vec![0, 1],
        );
        let mesh = scene.add_mesh(Mesh::new(None, vec![lines, cuboid(Vec3::ONE)]));
        let root = scene.add_node(Node::new().with_mesh(mesh), None).expect("root");
        let child = add_box(&mut scene, Vec3::ONE, Vec3::new(50.0, 0.0, 0.0), Some(root));
        let skip = HashSet::from([child]);
        let triangles = subtree_triangles(&scene, 0, root, &skip).expect("triangles");
        assert_eq!(triangles.indices.len(), 12);
        assert_eq!(triangles.bounds(), Some((Vec3::NEG_ONE, Vec3::ONE)));
        assert_eq!(triangles.used_vertices().len(), 24);
        let with_child = subtree_triangles(&scene, 0, root, &HashSet::new()).expect("triangles");
        assert_eq!(with_child.indices.len(), 24);
    }

    #[test]
    fn bad_indices_and_degenerate_triangles() {
        let mut scene = Scene::new();
        let corners = vec![Vec3::ZERO, Vec3::X, Vec3::Y];
        let degenerate = Primitive::new(
            Topology::Triangles,
            corners.clone(),
            vec![Vec3::Z; 3],
            vec![0, 0, 1],
        );
        let mesh = scene.add_mesh(Mesh::new(None, vec![degenerate]));
        let node = scene.add_node(Node::new().with_mesh(mesh), None).expect("root");
        let triangles = subtree_triangles(&scene, 0, node, &HashSet::new()).expect("triangles");
        assert!(triangles.indices.is_empty());
        assert_eq!(triangles.bounds(), None);

        let broken = Primitive::new(Topology::Triangles, corners, vec![Vec3::Z; 3], vec![0, 1, 3]);
        let mesh = scene.add_mesh(Mesh::new(None, vec![broken]));
        let node = scene
            .add_node(Node::new().with_mesh(mesh).with_name("Plinth"), None)
            .expect("root");
        let error = subtree_triangles(&scene, 0, node, &HashSet::new()).expect_err("index 3 of 3");
        assert!(
            matches!(
                error,
                PhysicsError::IndexOutOfRange {
                    index: 3,
                    vertices: 3,
                    ..
                }
            ),
            "{error}"
        );
        assert!(error.to_string().contains("Plinth"));
    }
}

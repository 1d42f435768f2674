//! Walking the scene for what to draw: mesh instances with world matrices and bounds.

use crate::bounds::{Aabb, Bounds};
use crate::ids::{MaterialId, MeshId, NodeId};
use crate::scene::Scene;
use glam::Mat4;

/// One primitive of one mesh placed by one node: the unit of drawing and culling.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeshInstance {
    /// The node that places the mesh.
    pub node: NodeId,
    /// The mesh.
    pub mesh: MeshId,
    /// The primitive's index within the mesh.
    pub primitive: usize,
    /// The primitive's material (`None`: glTF's default material).
    pub material: Option<MaterialId>,
    /// Object to world transform.
    pub world: Mat4,
    /// The primitive's bounds in world space.
    pub bounds: Bounds,
}

/// Totals over the scene's hierarchy, each mesh counted once per node that places it.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct SceneStats {
    /// Nodes reachable from the roots.
    pub nodes: usize,
    /// Nodes that carry a mesh.
    pub mesh_instances: usize,
    /// Primitives drawn (a mesh instance draws each of its mesh's primitives).
    pub primitive_instances: usize,
    /// Triangles drawn.
    pub triangles: u64,
    /// Vertices drawn, counted as the source file gives them (see
    /// [`Primitive::source_vertex_count`](crate::Primitive::source_vertex_count)).
    pub vertices: u64,
    /// World-space box around every mesh instance.
    pub bounds: Aabb,
}

impl Scene {
    /// The world-space box around every mesh in a node's subtree (empty when it has
    /// none, or when the node is not in the scene).
    pub fn subtree_bounds(&self, node: NodeId) -> Aabb {
        self.descendants(node)
            .filter_map(|id| {
                let mesh = self.node(id)?.mesh?;
                let world = self.world_matrix(id)?;
                Some(self.meshes.get(mesh.index())?.bounds.aabb.transformed(&world))
            })
            .fold(Aabb::EMPTY, Aabb::union)
    }

    /// Every node reachable from the roots with its world matrix, parents before
    /// children. Correct whether or not [`Scene::update_transforms`] has run.
    pub fn world_nodes(&self) -> impl Iterator<Item = (NodeId, Mat4)> + '_ {
        // Each entry carries whether a change above it left its cached world stale.
        let mut stack: Vec<(NodeId, Mat4, bool)> = self
            .roots()
            .iter()
            .rev()
            .map(|root| (*root, Mat4::IDENTITY, false))
            .collect();
        std::iter::from_fn(move || {
            loop {
                let (id, parent_world, stale_above) = stack.pop()?;
                let Some(node) = self.node(id) else { continue };
                let stale = stale_above || self.changed_since_update(id.index);
                let world = if stale {
                    parent_world * self.local_transform(id).map_or(Mat4::IDENTITY, |t| t.matrix())
                } else {
                    self.cached_world(id.index)
                };
                stack.extend(node.children.iter().rev().map(|c| (*c, world, stale)));
                return Some((id, world));
            }
        })
    }

    /// Every (node, mesh primitive) pair to draw, with its material, world matrix and
    /// world bounds, in hierarchy order.
    pub fn instances(&self) -> impl Iterator<Item = MeshInstance> + '_ {
        self.world_nodes()
            .filter_map(move |(node_id, world)| {
                let mesh_id = self.node(node_id)?.mesh?;
                let mesh = self.meshes.get(mesh_id.index())?;
                Some((node_id, mesh_id, mesh, world))
            })
            .flat_map(move |(node_id, mesh_id, mesh, world)| {
                mesh.primitives
                    .iter()
                    .enumerate()
                    .map(move |(index, primitive)| MeshInstance {
                        node: node_id,
                        mesh: mesh_id,
                        primitive: index,
                        material: primitive.material,
                        world,
                        bounds: self.posed_bounds(node_id, primitive).transformed(&world),
                    })
            })
    }

    /// A primitive's bounds in its node's space as the node poses it: the stored bounds
    /// for rigid geometry; for skinned or morphed geometry a sphere from the current
    /// joint matrices and morph weights that holds every deformed vertex (see
    /// [`DeformBounds::posed_sphere`](crate::DeformBounds::posed_sphere)).
    pub fn posed_bounds(&self, node: NodeId, primitive: &crate::Primitive) -> Bounds {
        if !primitive.is_deformable() {
            return primitive.bounds;
        }
        let computed;
        let deform = match &primitive.deform_bounds {
            Some(d) => d,
            None => match primitive.compute_deform_bounds() {
                Some(d) => {
                    computed = d;
                    &computed
                }
                None => return primitive.bounds,
            },
        };
        let joints = if primitive.is_skinned() {
            self.joint_matrices(node).unwrap_or_default()
        } else {
            Vec::new()
        };
        let sphere = deform.posed_sphere(&joints, self.morph_weights(node));
        Bounds {
            aabb: Aabb::from_corners(sphere.center - sphere.radius, sphere.center + sphere.radius),
            sphere,
        }
    }

    /// Counts and world bounds over the hierarchy.
    pub fn stats(&self) -> SceneStats {
        let mut stats = SceneStats {
            bounds: Aabb::EMPTY,
            ..SceneStats::default()
        };
        for (id, world) in self.world_nodes() {
            stats.nodes += 1;
            let Some(mesh) = self
                .node(id)
                .and_then(|n| n.mesh)
                .and_then(|m| self.meshes.get(m.index()))
            else {
                continue;
            };
            stats.mesh_instances += 1;
            for primitive in &mesh.primitives {
                stats.primitive_instances += 1;
                stats.triangles += primitive.triangle_count() as u64;
                stats.vertices += u64::from(primitive.source_vertex_count);
                stats.bounds = stats.bounds.union(primitive.bounds.aabb.transformed(&world));
            }
        }
        stats
    }
}

//! Meshes: lists of primitives with their vertex data in plain arrays.

use crate::bounds::Bounds;
use crate::ids::MaterialId;
use glam::{Vec2, Vec3, Vec4};

/// What the indices of a primitive describe. Strips, fans and loops from a file are
/// converted to these lists on import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topology {
    /// Every three indices make a counter-clockwise triangle.
    Triangles,
    /// Every two indices make a line segment.
    Lines,
    /// Every index is a point.
    Points,
}

/// Position, normal and tangent offsets of one morph target, one per vertex (empty when
/// the target does not move that attribute).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MorphTarget {
    /// Position offsets.
    pub positions: Vec<Vec3>,
    /// Normal offsets.
    pub normals: Vec<Vec3>,
    /// Tangent offsets (xyz only, as glTF defines them).
    pub tangents: Vec<Vec3>,
}

/// One draw's worth of geometry with one material.
///
/// Every per-vertex array that is present has exactly [`Primitive::vertex_count`]
/// entries; indices are always present (generated in order for files without them).
#[derive(Clone, Debug, PartialEq)]
pub struct Primitive {
    /// What the indices describe.
    pub topology: Topology,
    /// Object-space positions.
    pub positions: Vec<Vec3>,
    /// Unit normals. Always present for triangles (generated flat when the file has none);
    /// may be empty for lines and points.
    pub normals: Vec<Vec3>,
    /// Tangents with the bitangent sign in `w`; from the file, or generated with
    /// MikkTSpace when the material has a normal map.
    pub tangents: Option<Vec<Vec4>>,
    /// First texture coordinate set (`TEXCOORD_0`).
    pub uv0: Option<Vec<Vec2>>,
    /// Second texture coordinate set (`TEXCOORD_1`).
    pub uv1: Option<Vec<Vec2>>,
    /// Linear RGBA vertex colours (`COLOR_0`; alpha 1 where the file has RGB).
    pub colors: Option<Vec<Vec4>>,
    /// Skinning joint indices (`JOINTS_0`), into the skin's joint list.
    pub joints: Option<Vec<[u16; 4]>>,
    /// Skinning weights (`WEIGHTS_0`).
    pub weights: Option<Vec<Vec4>>,
    /// Joint indices of the fifth to eighth influences (`JOINTS_1`), if any.
    pub joints_1: Option<Vec<[u16; 4]>>,
    /// Weights of the fifth to eighth influences (`WEIGHTS_1`), if any.
    pub weights_1: Option<Vec<Vec4>>,
    /// Morph targets, in the order of the mesh's default weights.
    pub morph_targets: Vec<MorphTarget>,
    /// Indices into the vertex arrays.
    pub indices: Vec<u32>,
    /// The material, or `None` for glTF's default material.
    pub material: Option<MaterialId>,
    /// Object-space bounds of the positions.
    pub bounds: Bounds,
    /// Bounds of the primitive in every pose, for skinned and morphed primitives (see
    /// [`DeformBounds`](crate::DeformBounds)). Derived data: call
    /// [`Primitive::update_deform_bounds`] after changing positions, joints, weights or
    /// morph targets; while it is `None` on a deformable primitive, instance bounds
    /// compute it on every call.
    pub deform_bounds: Option<crate::deform_bounds::DeformBounds>,
    /// The number of vertices the source file gave (the `POSITION` accessor count),
    /// before any vertices were split for flat normals or tangent seams.
    pub source_vertex_count: u32,
}

impl Primitive {
    /// A primitive from positions, normals (one per vertex, or empty for lines and
    /// points) and indices, with no other attributes and no material. Bounds are
    /// computed; set the other public fields as needed.
    pub fn new(topology: Topology, positions: Vec<Vec3>, normals: Vec<Vec3>, indices: Vec<u32>) -> Self {
        Self {
            topology,
            bounds: Bounds::from_points(&positions),
            source_vertex_count: positions.len() as u32,
            positions,
            normals,
            tangents: None,
            uv0: None,
            uv1: None,
            colors: None,
            joints: None,
            weights: None,
            joints_1: None,
            weights_1: None,
            morph_targets: Vec::new(),
            indices,
            material: None,
            deform_bounds: None,
        }
    }

    /// Rebuilds the vertex arrays so that new vertex `k` is old vertex `order[k]`. Every
    /// per-vertex array, morph targets included, is gathered; indices are left to the
    /// caller. Every entry of `order` must be below [`Primitive::vertex_count`].
    pub fn gather_vertices(&mut self, order: &[u32]) {
        fn gather<T: Copy>(values: &[T], order: &[u32]) -> Vec<T> {
            order.iter().map(|&i| values[i as usize]).collect()
        }
        fn gather_opt<T: Copy>(values: &mut Option<Vec<T>>, order: &[u32]) {
            if let Some(v) = values {
                *v = gather(v, order);
            }
        }
        fn gather_if_any<T: Copy>(values: &mut Vec<T>, order: &[u32]) {
            if !values.is_empty() {
                *values = gather(values, order);
            }
        }
        self.positions = gather(&self.positions, order);
        gather_if_any(&mut self.normals, order);
        gather_opt(&mut self.tangents, order);
        gather_opt(&mut self.uv0, order);
        gather_opt(&mut self.uv1, order);
        gather_opt(&mut self.colors, order);
        gather_opt(&mut self.joints, order);
        gather_opt(&mut self.weights, order);
        gather_opt(&mut self.joints_1, order);
        gather_opt(&mut self.weights_1, order);
        for target in &mut self.morph_targets {
            gather_if_any(&mut target.positions, order);
            gather_if_any(&mut target.normals, order);
            gather_if_any(&mut target.tangents, order);
        }
    }

    /// Recomputes [`Primitive::deform_bounds`] from the vertex data.
    pub fn update_deform_bounds(&mut self) {
        self.deform_bounds = self.compute_deform_bounds();
    }

    /// The number of vertices.
    pub fn vertex_count(&self) -> usize {
        self.positions.len()
    }

    /// The number of triangles (zero for lines and points).
    pub fn triangle_count(&self) -> usize {
        match self.topology {
            Topology::Triangles => self.indices.len() / 3,
            Topology::Lines | Topology::Points => 0,
        }
    }
}

/// A named list of primitives, instanced by nodes.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Mesh {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// The primitives, each with its own material.
    pub primitives: Vec<Primitive>,
    /// Default morph target weights.
    pub weights: Vec<f32>,
    /// Object-space bounds of every primitive together.
    pub bounds: Bounds,
    /// The mesh's glTF `extras`, if any.
    pub extras: Option<serde_json::Value>,
    /// The mesh's XMP metadata (glTF `KHR_xmp_json_ld`), if any.
    pub xmp: Option<crate::XmpPacket>,
}

impl Mesh {
    /// A mesh of these primitives, with its bounds computed.
    pub fn new(name: Option<String>, primitives: Vec<Primitive>) -> Self {
        let mut mesh = Self {
            name,
            primitives,
            ..Self::default()
        };
        mesh.compute_bounds();
        mesh
    }

    /// Recomputes [`Mesh::bounds`] exactly from the primitives' positions.
    pub fn compute_bounds(&mut self) {
        let mut aabb = crate::Aabb::EMPTY;
        for p in &self.primitives {
            aabb = aabb.union(p.bounds.aabb);
        }
        if aabb.is_empty() {
            self.bounds = Bounds::EMPTY;
            return;
        }
        let center = aabb.center();
        let sphere = crate::Sphere::around(center, self.primitives.iter().flat_map(|p| p.positions.iter()));
        self.bounds = Bounds { aabb, sphere };
    }

    /// Triangles over all primitives.
    pub fn triangle_count(&self) -> usize {
        self.primitives.iter().map(Primitive::triangle_count).sum()
    }
}

//! Deforming geometry on the CPU side: joint matrices of a skinned node, the morph
//! weights of an instance, bounds that hold for every pose, and the reference
//! deformation (linear-blend skinning after morph blending) that the GPU's must match.

use crate::bounds::Sphere;
use crate::deform_bounds::DeformBounds;
use crate::ids::NodeId;
use crate::mesh::Primitive;
use crate::scene::Scene;
use glam::{Mat3, Mat4, Vec3, Vec4};

/// Positions, normals and tangents of a deformed primitive.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeformedVertices {
    /// Positions in the mesh node's space.
    pub positions: Vec<Vec3>,
    /// Unit normals (empty when the primitive has none).
    pub normals: Vec<Vec3>,
    /// Unit tangents with the bitangent sign in `w` (empty when the primitive has none).
    pub tangents: Vec<Vec4>,
}

impl Primitive {
    /// True when the primitive has joints and weights to skin with.
    pub fn is_skinned(&self) -> bool {
        self.joints.is_some() && self.weights.is_some()
    }

    /// True when the primitive can deform (skinned, or with morph targets).
    pub fn is_deformable(&self) -> bool {
        self.is_skinned() || !self.morph_targets.is_empty()
    }

    /// The joints and weights of vertex `v`: four from `JOINTS_0`/`WEIGHTS_0`, four more
    /// from `JOINTS_1`/`WEIGHTS_1` where present (zero weights included).
    pub fn influences(&self, v: usize) -> impl Iterator<Item = (u16, f32)> + '_ {
        let set = |joints: &Option<Vec<[u16; 4]>>, weights: &Option<Vec<Vec4>>| {
            let pairs = match (joints, weights) {
                (Some(j), Some(w)) if v < j.len() && v < w.len() => Some((j[v], w[v].to_array())),
                _ => None,
            };
            pairs.into_iter().flat_map(|(j, w)| j.into_iter().zip(w))
        };
        set(&self.joints, &self.weights).chain(set(&self.joints_1, &self.weights_1))
    }

    /// True when the primitive is flat shaded: unindexed triangles (indices `0..n`)
    /// whose three normals are the face's normal, as the importer makes them for files
    /// without normals. Deformed, such a primitive gets the face normals of its deformed
    /// triangles (glTF asks for flat normals of what is drawn).
    pub fn has_flat_normals(&self) -> bool {
        if self.topology != crate::Topology::Triangles
            || self.normals.len() != self.vertex_count()
            || self.indices.len() != self.vertex_count()
            || !self.vertex_count().is_multiple_of(3)
            || self.indices.iter().enumerate().any(|(i, &v)| v as usize != i)
        {
            return false;
        }
        self.positions
            .chunks_exact(3)
            .zip(self.normals.chunks_exact(3))
            .all(|(p, n)| {
                let face = (p[1] - p[0]).cross(p[2] - p[0]).normalize_or(Vec3::Z);
                n.iter().all(|n| n.abs_diff_eq(face, 1e-4))
            })
    }

    /// Bounds for every pose ([`DeformBounds`]); `None` for a primitive that does not
    /// deform.
    pub fn compute_deform_bounds(&self) -> Option<DeformBounds> {
        if !self.is_deformable() {
            return None;
        }
        let mut members: Vec<Vec<Vec3>> = Vec::new();
        let mut unskinned = Vec::new();
        for (v, p) in self.positions.iter().enumerate() {
            let mut any = false;
            for (joint, weight) in self.influences(v) {
                if weight > 0.0 {
                    let joint = usize::from(joint);
                    if members.len() <= joint {
                        members.resize_with(joint + 1, Vec::new);
                    }
                    members[joint].push(*p);
                    any = true;
                }
            }
            if !any {
                unskinned.push(*p);
            }
        }
        let sphere_of = |points: &[Vec3]| {
            (!points.is_empty()).then(|| {
                let aabb = crate::Aabb::from_points(points);
                Sphere::around(aabb.center(), points)
            })
        };
        Some(DeformBounds {
            joint_spheres: members.iter().map(|m| sphere_of(m)).collect(),
            unskinned: sphere_of(&unskinned),
            morph_reach: self
                .morph_targets
                .iter()
                .map(|t| t.positions.iter().map(|d| d.length()).fold(0.0, f32::max))
                .collect(),
        })
    }

    /// The reference deformation: morph targets blended with `morph_weights` (missing
    /// weights are zero), then linear-blend skinning with `joint_matrices` when the
    /// primitive is skinned and matrices are given. Weights are used as stored (the
    /// importer normalises them); a vertex whose weights sum to zero is not skinned.
    /// Normals are transformed by the blended matrix's cofactor (its inverse transpose
    /// up to scale), tangents by the blended matrix, both normalised; a tangent keeps
    /// its `w`. A flat-shaded primitive ([`Primitive::has_flat_normals`]) gets the face
    /// normals of its deformed triangles.
    pub fn deform(&self, joint_matrices: Option<&[Mat4]>, morph_weights: &[f32]) -> DeformedVertices {
        let mut positions = self.positions.clone();
        let mut normals = self.normals.clone();
        let mut tangents: Vec<Vec4> = self.tangents.clone().unwrap_or_default();
        for (target, &w) in self.morph_targets.iter().zip(morph_weights) {
            if w == 0.0 {
                continue;
            }
            for (p, d) in positions.iter_mut().zip(&target.positions) {
                *p += *d * w;
            }
            for (p, d) in normals.iter_mut().zip(&target.normals) {
                *p += *d * w;
            }
            for (t, d) in tangents.iter_mut().zip(&target.tangents) {
                *t += (*d * w).extend(0.0);
            }
        }
        if let (Some(matrices), true) = (joint_matrices, self.is_skinned()) {
            let identity = Mat4::IDENTITY;
            for (v, position) in positions.iter_mut().enumerate() {
                let mut skin = Mat4::ZERO;
                let mut total = 0.0;
                for (joint, weight) in self.influences(v) {
                    if weight != 0.0 {
                        skin += *matrices.get(usize::from(joint)).unwrap_or(&identity) * weight;
                        total += weight;
                    }
                }
                if total == 0.0 {
                    continue;
                }
                *position = skin.transform_point3(*position);
                let linear = Mat3::from_mat4(skin);
                if let Some(normal) = normals.get_mut(v) {
                    *normal = normal_matrix(linear) * *normal;
                }
                if let Some(tangent) = tangents.get_mut(v) {
                    *tangent = (linear * tangent.truncate()).extend(tangent.w);
                }
            }
        }
        if self.has_flat_normals() {
            for (corners, normals) in positions.chunks_exact(3).zip(normals.chunks_exact_mut(3)) {
                let face = (corners[1] - corners[0]).cross(corners[2] - corners[0]);
                normals.fill(face);
            }
        }
        for normal in &mut normals {
            *normal = normal.normalize_or_zero();
        }
        for tangent in &mut tangents {
            *tangent = tangent.truncate().normalize_or_zero().extend(tangent.w);
        }
        DeformedVertices {
            positions,
            normals,
            tangents,
        }
    }
}

/// What transforms normals under `m`: its cofactor matrix (the inverse transpose up to
/// a positive scale, so it needs no inverse and survives a singular blend), negated
/// when `m` mirrors.
fn normal_matrix(m: Mat3) -> Mat3 {
    let cofactor = Mat3::from_cols(
        m.y_axis.cross(m.z_axis),
        m.z_axis.cross(m.x_axis),
        m.x_axis.cross(m.y_axis),
    );
    if m.determinant() < 0.0 {
        -cofactor
    } else {
        cofactor
    }
}

impl Scene {
    /// The joint matrices of the skin on node `node`, in the node's own space as glTF
    /// defines them: inverse(world of the node) × world of the joint × inverse bind
    /// matrix. `None` when the node has no skin. Where a current palette was handed to
    /// the scene for the node ([`Scene::put_joint_palettes`]), its matrices are
    /// returned instead of composed again.
    pub fn joint_matrices(&self, node: NodeId) -> Option<Vec<Mat4>> {
        let mut out = Vec::new();
        self.joint_matrices_into(node, &mut out).then_some(out)
    }

    /// [`Scene::joint_matrices`] into a reused buffer; false (and `out` empty) when the
    /// node has no skin.
    pub fn joint_matrices_into(&self, node: NodeId, out: &mut Vec<Mat4>) -> bool {
        out.clear();
        let Some((skin_id, skin)) = self
            .node(node)
            .and_then(|n| n.skin)
            .and_then(|s| Some((s, self.skins.get(s.index())?)))
        else {
            return false;
        };
        if let Some(palette) = self.current_palette(node, skin_id, skin.joints.len()) {
            out.extend_from_slice(palette);
            return true;
        }
        let Some(node_world) = self.world_matrix(node) else {
            return false;
        };
        let to_node = node_world.inverse();
        out.extend(skin.joints.iter().enumerate().map(|(j, joint)| {
            let joint_world = self.world_matrix(*joint).unwrap_or(node_world);
            let inverse_bind = skin
                .inverse_bind_matrices
                .get(j)
                .copied()
                .unwrap_or(Mat4::IDENTITY);
            to_node * joint_world * inverse_bind
        }));
        true
    }

    /// The morph weights node `node` draws its mesh with: the node's own, else the
    /// mesh's defaults (empty without a mesh).
    pub fn morph_weights(&self, node: NodeId) -> &[f32] {
        let Some(n) = self.node(node) else { return &[] };
        if let Some(weights) = &n.morph_weights {
            return weights;
        }
        n.mesh
            .and_then(|m| self.meshes.get(m.index()))
            .map_or(&[], |m| m.weights.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Topology;
    use glam::Quat;

    /// A strip of 3 vertices along +Y: the first bound to joint 0, the last to joint 1,
    /// the middle half and half.
    fn strip() -> Primitive {
        let mut p = Primitive::new(
            Topology::Points,
            vec![Vec3::ZERO, Vec3::Y, Vec3::Y * 2.0],
            vec![Vec3::X; 3],
            vec![0, 1, 2],
        );
        p.joints = Some(vec![[0, 0, 0, 0], [0, 1, 0, 0], [1, 0, 0, 0]]);
        p.weights = Some(vec![
            Vec4::new(1.0, 0.0, 0.0, 0.0),
            Vec4::new(0.5, 0.5, 0.0, 0.0),
            Vec4::new(1.0, 0.0, 0.0, 0.0),
        ]);
        p
    }

    #[test]
    fn blending_half_and_half_averages_the_joints() {
        let p = strip();
        let joints = [Mat4::IDENTITY, Mat4::from_translation(Vec3::new(2.0, 0.0, 0.0))];
        let out = p.deform(Some(&joints), &[]);
        assert_eq!(out.positions[0], Vec3::ZERO);
        assert!((out.positions[1] - Vec3::new(1.0, 1.0, 0.0)).length() < 1e-6);
        assert!((out.positions[2] - Vec3::new(2.0, 2.0, 0.0)).length() < 1e-6);
    }

    #[test]
    fn posed_sphere_holds_every_deformed_vertex() {
        let mut p = strip();
        p.morph_targets.push(crate::MorphTarget {
            positions: vec![Vec3::Z * 0.5, Vec3::ZERO, Vec3::Z],
            ..Default::default()
        });
        let bounds = p.compute_deform_bounds().unwrap();
        assert_eq!(bounds.morph_reach, vec![1.0]);
        let joints = [
            Mat4::from_rotation_translation(Quat::from_rotation_z(1.0), Vec3::X),
            Mat4::from_scale_rotation_translation(
                Vec3::splat(2.0),
                Quat::from_rotation_x(2.0),
                Vec3::Y * 3.0,
            ),
        ];
        let weights = [-0.7];
        let sphere = bounds.posed_sphere(&joints, &weights);
        for q in p.deform(Some(&joints), &weights).positions {
            assert!(
                sphere.center.distance(q) <= sphere.radius + 1e-5,
                "{q} outside {sphere:?}"
            );
        }
    }

    #[test]
    fn a_flat_shaded_triangle_gets_the_normal_of_its_deformed_face() {
        let mut p = Primitive::new(
            Topology::Triangles,
            vec![Vec3::ZERO, Vec3::X, Vec3::Y],
            vec![Vec3::Z; 3],
            vec![0, 1, 2],
        );
        assert!(p.has_flat_normals());
        // The top corner on its own joint, lifted out of the plane.
        p.joints = Some(vec![[0, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0]]);
        p.weights = Some(vec![Vec4::X; 3]);
        let joints = [Mat4::IDENTITY, Mat4::from_translation(Vec3::Z)];
        let out = p.deform(Some(&joints), &[]);
        let face = Vec3::X.cross(Vec3::new(0.0, 1.0, 1.0)).normalize();
        for n in &out.normals {
            assert!(n.abs_diff_eq(face, 1e-6), "{n} is not the face's {face}");
        }
        // Indexed, or with smooth normals, it is not flat.
        let mut smooth = p.clone();
        smooth.normals[0] = Vec3::new(0.0, 0.6, 0.8);
        assert!(!smooth.has_flat_normals());
    }

    #[test]
    fn vertices_without_weight_stay_put() {
        let mut p = strip();
        p.weights.as_mut().unwrap()[0] = Vec4::ZERO;
        let joints = [Mat4::from_translation(Vec3::X), Mat4::from_translation(Vec3::X)];
        let out = p.deform(Some(&joints), &[]);
        assert_eq!(out.positions[0], Vec3::ZERO);
        assert!(p.compute_deform_bounds().unwrap().unskinned.is_some());
    }
}

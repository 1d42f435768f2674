//! Bounds of a skinned or morphed primitive that hold in every pose.

use crate::bounds::Sphere;
use glam::Mat4;

/// What bounds a deformable primitive in every pose: a sphere per joint around the
/// vertices it influences (in the mesh's bind space), a sphere around vertices no joint
/// influences, and how far each morph target can move a vertex.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeformBounds {
    /// Per joint index, the sphere around the bind-space vertices it influences with a
    /// positive weight (`None` for joints that influence none).
    pub joint_spheres: Vec<Option<Sphere>>,
    /// The sphere around vertices without any positive weight (they stay in mesh space).
    pub unskinned: Option<Sphere>,
    /// Per morph target, the longest position offset.
    pub morph_reach: Vec<f32>,
}

impl DeformBounds {
    /// A sphere in the mesh node's space around the primitive posed with these joint
    /// matrices (empty for a primitive that is not skinned) and morph weights. It holds
    /// because a skinned vertex is a convex blend of its joints' transforms of the
    /// morphed vertex, and morphing moves a vertex by at most Σ|wᵢ|·reachᵢ.
    pub fn posed_sphere(&self, joint_matrices: &[Mat4], morph_weights: &[f32]) -> Sphere {
        let morph: f32 = self
            .morph_reach
            .iter()
            .zip(morph_weights)
            .map(|(reach, w)| reach * w.abs())
            .sum();
        let grow = |s: Sphere| Sphere {
            center: s.center,
            radius: s.radius + morph,
        };
        let mut spheres: Vec<Sphere> = self.unskinned.map(grow).into_iter().collect();
        let identity = Mat4::IDENTITY;
        for (joint, sphere) in self.joint_spheres.iter().enumerate() {
            let Some(sphere) = sphere else { continue };
            let m = joint_matrices.get(joint).unwrap_or(&identity);
            spheres.push(grow(*sphere).transformed(m));
        }
        enclosing(&spheres)
    }
}

/// A sphere around spheres: centred on the middle of their boxes, wide enough for each.
fn enclosing(spheres: &[Sphere]) -> Sphere {
    let Some(first) = spheres.first() else {
        return Sphere::default();
    };
    let (mut min, mut max) = (first.center - first.radius, first.center + first.radius);
    for s in &spheres[1..] {
        min = min.min(s.center - s.radius);
        max = max.max(s.center + s.radius);
    }
    let center = (min + max) * 0.5;
    let radius = spheres
        .iter()
        .map(|s| s.center.distance(center) + s.radius)
        .fold(0.0, f32::max);
    Sphere { center, radius }
}

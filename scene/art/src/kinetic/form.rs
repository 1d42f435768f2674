//! The kinetic sculpture's form: a lobed bud about +Y whose rings run from a pole at
//! its foot to a pole at its tip, and two morph targets that open it into a twisting
//! flower and gather it at the waist. All three shapes share one grid of vertices, so a
//! target is the difference of two shapes, point by point.

use glam::Vec3;
use museion_scene::{Mesh, MorphTarget, Primitive, Topology};
use std::f32::consts::{PI, TAU};

/// Rings between the poles.
const RINGS: usize = 64;
/// Points round a ring per lobe (the ring has `lobes` times as many, so a turn by one
/// lobe maps the grid onto itself).
const SIDES_PER_LOBE: usize = 16;

/// How the bud is shaped: lobes, twist, flare and waist.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Shape {
    /// How deep the lobes are, a share of the radius.
    pub lobes: f32,
    /// How far the lobes twist from foot to tip, radians.
    pub twist: f32,
    /// How much wider the top grows, a share of the radius.
    pub flare: f32,
    /// How much narrower the waist draws in, a share of the radius.
    pub waist: f32,
}

/// The bud at rest.
pub(crate) const REST: Shape = Shape {
    lobes: 0.18,
    twist: 1.2,
    flare: 0.0,
    waist: 0.0,
};
/// The first target: open, deep lobes twisting round, the top flared.
pub(crate) const OPEN: Shape = Shape {
    lobes: 0.32,
    twist: 2.4,
    flare: 0.45,
    waist: 0.0,
};
/// The second target: gathered, the lobes shallow and turned back, the waist drawn in.
pub(crate) const GATHERED: Shape = Shape {
    lobes: 0.03,
    twist: -0.6,
    flare: -0.2,
    waist: 0.35,
};

/// The size and symmetry of a form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Form {
    /// Number of lobes (the form looks the same turned by a lobe's angle).
    pub lobe_count: usize,
    /// Height, metres.
    pub height: f32,
    /// Largest radius at rest, metres.
    pub radius: f32,
}

impl Form {
    /// Points round each ring.
    pub fn sides(&self) -> usize {
        self.lobe_count * SIDES_PER_LOBE
    }

    /// The surface point of `shape` at angle `theta` round and `v` (0 foot, 1 tip) up.
    fn point(&self, shape: &Shape, theta: f32, v: f32) -> Vec3 {
        let profile = (PI * v).sin().powf(0.7) * (1.0 - 0.25 * v);
        let lobe = 1.0 + shape.lobes * (self.lobe_count as f32 * (theta + shape.twist * v)).cos();
        let r = self.radius
            * profile
            * lobe
            * (1.0 + shape.flare * v * v)
            * (1.0 - shape.waist * (PI * v).sin().powi(4));
        Vec3::new(r * theta.cos(), self.height * v, -r * theta.sin())
    }

    /// Every vertex of `shape`: the foot's pole, the rings from the foot up, the tip's
    /// pole.
    fn positions(&self, shape: &Shape) -> Vec<Vec3> {
        let sides = self.sides();
        let mut points = vec![Vec3::ZERO];
        for ring in 1..RINGS {
            let v = ring as f32 / RINGS as f32;
            points.extend((0..sides).map(|j| self.point(shape, j as f32 / sides as f32 * TAU, v)));
        }
        points.push(Vec3::Y * self.height);
        points
    }

    /// Triangles over the grid, counter-clockwise seen from outside.
    fn indices(&self) -> Vec<u32> {
        let sides = self.sides() as u32;
        let at = |ring: u32, j: u32| 1 + (ring - 1) * sides + j % sides;
        let tip = 1 + (RINGS as u32 - 1) * sides;
        let mut indices = Vec::new();
        for j in 0..sides {
            indices.extend([0, at(1, j + 1), at(1, j)]);
            for ring in 1..RINGS as u32 - 1 {
                let (a, b, c, d) = (at(ring, j), at(ring, j + 1), at(ring + 1, j + 1), at(ring + 1, j));
                indices.extend([a, b, c, a, c, d]);
            }
            let top = RINGS as u32 - 1;
            indices.extend([at(top, j), at(top, j + 1), tip]);
        }
        indices
    }

    /// The form at rest with the [`OPEN`] and [`GATHERED`] targets, smooth normals on
    /// every shape.
    pub fn mesh(&self) -> Mesh {
        let indices = self.indices();
        let rest = self.positions(&REST);
        let rest_normals = normals(&rest, &indices);
        let mut primitive = Primitive::new(Topology::Triangles, rest.clone(), rest_normals.clone(), indices);
        for shape in [OPEN, GATHERED] {
            let moved = self.positions(&shape);
            let moved_normals = normals(&moved, &primitive.indices);
            primitive.morph_targets.push(MorphTarget {
                positions: moved.iter().zip(&rest).map(|(m, r)| *m - *r).collect(),
                normals: moved_normals
                    .iter()
                    .zip(&rest_normals)
                    .map(|(m, r)| *m - *r)
                    .collect(),
                tangents: Vec::new(),
            });
        }
        primitive.update_deform_bounds();
        let mut mesh = Mesh::new(Some("form".into()), vec![primitive]);
        mesh.weights = vec![0.0, 0.0];
        mesh
    }
}

/// Area-weighted vertex normals.
fn normals(positions: &[Vec3], indices: &[u32]) -> Vec<Vec3> {
    let mut sum = vec![Vec3::ZERO; positions.len()];
    for t in indices.chunks_exact(3) {
        let [a, b, c] = [t[0], t[1], t[2]].map(|i| i as usize);
        let n = (positions[b] - positions[a]).cross(positions[c] - positions[a]);
        for i in [a, b, c] {
            sum[i] += n;
        }
    }
    sum.into_iter().map(|n| n.normalize_or(Vec3::Y)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_closed_wound_outwards_and_every_shape_too() {
        let form = Form {
            lobe_count: 4,
            height: 0.9,
            radius: 0.2,
        };
        let mesh = form.mesh();
        let p = &mesh.primitives[0];
        let volume = |positions: &[Vec3]| -> f32 {
            p.indices
                .chunks_exact(3)
                .map(|t| {
                    let [a, b, c] = [t[0], t[1], t[2]].map(|i| positions[i as usize]);
                    a.dot(b.cross(c)) / 6.0
                })
                .sum()
        };
        assert!(volume(&p.positions) > 0.01);
        for target in &p.morph_targets {
            let moved: Vec<Vec3> = p
                .positions
                .iter()
                .zip(&target.positions)
                .map(|(a, d)| *a + *d)
                .collect();
            assert!(volume(&moved) > 0.005);
            assert!(target.positions.iter().any(|d| d.length() > 0.02));
        }
        // Every edge is shared by exactly two triangles: closed.
        let mut edges = std::collections::HashMap::new();
        for t in p.indices.chunks_exact(3) {
            for (a, b) in [(t[0], t[1]), (t[1], t[2]), (t[2], t[0])] {
                *edges.entry((a.min(b), a.max(b))).or_insert(0) += 1;
            }
        }
        assert!(edges.values().all(|n| *n == 2));
        assert_eq!(mesh.weights, [0.0, 0.0]);
        assert!(p.deform_bounds.is_some());
    }
}

//! Rays against the static geometry: a compressed wide BVH (`obvhs`'s CWBVH, built with
//! its PLOC builder) traversed on the CPU.

use crate::geometry::{StaticGeometry, Surface};
use glam::{Vec3, Vec3A};
use obvhs::BvhBuildParams;
use obvhs::cwbvh::CwBvh;
use obvhs::cwbvh::builder::build_cwbvh_from_tris;
use obvhs::ray::{Ray, RayHit};
use obvhs::triangle::Triangle;
use std::time::Duration;

/// Where a ray met the geometry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Distance along the (unit) ray.
    pub distance: f32,
    /// The triangle's unit normal, turned to face the ray's origin.
    pub normal: Vec3,
    /// Whether the ray met the triangle's front (or a face of a double-sided surface).
    pub front: bool,
    /// The surface hit.
    pub surface: Surface,
}

/// The static geometry with its BVH, triangles in the BVH's order.
pub struct Tracer {
    bvh: Option<CwBvh>,
    triangles: Vec<Triangle>,
    normals: Vec<Vec3>,
    surface_of: Vec<u32>,
    surfaces: Vec<Surface>,
}

impl Tracer {
    /// Builds the BVH over `geometry`'s triangles (degenerate ones dropped).
    pub fn new(geometry: &StaticGeometry) -> Self {
        let mut triangles = Vec::with_capacity(geometry.triangles.len());
        let mut normals = Vec::with_capacity(geometry.triangles.len());
        let mut surface_of = Vec::with_capacity(geometry.triangles.len());
        for (tri, normal, surface) in geometry.traceable() {
            triangles.push(Triangle {
                v0: tri[0].into(),
                v1: tri[1].into(),
                v2: tri[2].into(),
            });
            normals.push(normal.normalize());
            surface_of.push(surface);
        }
        let bvh = (!triangles.is_empty()).then(|| {
            build_cwbvh_from_tris(
                &triangles,
                BvhBuildParams::medium_build(),
                &mut Duration::default(),
            )
        });
        // Lay the triangles out in the BVH's order, so a leaf's primitives are adjacent.
        if let Some(bvh) = &bvh {
            let order: Vec<usize> = bvh.primitive_indices.iter().map(|i| *i as usize).collect();
            triangles = order.iter().map(|i| triangles[*i]).collect();
            normals = order.iter().map(|i| normals[*i]).collect();
            surface_of = order.iter().map(|i| surface_of[*i]).collect();
        }
        Self {
            bvh,
            triangles,
            normals,
            surface_of,
            surfaces: geometry.surfaces.clone(),
        }
    }

    /// The number of triangles traced.
    pub fn triangle_count(&self) -> usize {
        self.triangles.len()
    }

    /// The nearest surface along the unit direction `direction` from `origin`, within
    /// `reach`.
    pub fn nearest(&self, origin: Vec3, direction: Vec3, reach: f32) -> Option<Hit> {
        let bvh = self.bvh.as_ref()?;
        let ray = Ray::new(Vec3A::from(origin), Vec3A::from(direction), 0.0, reach);
        let mut hit = RayHit::none();
        if !bvh.ray_traverse(ray, &mut hit, |ray, i| self.triangles[i].intersect(ray)) {
            return None;
        }
        let i = hit.primitive_id as usize;
        let surface = self.surfaces[self.surface_of[i] as usize];
        let normal = self.normals[i];
        let facing = normal.dot(direction) < 0.0;
        Some(Hit {
            distance: hit.t,
            normal: if facing { normal } else { -normal },
            front: facing || surface.double_sided,
            surface,
        })
    }

    /// Whether anything lies along the unit direction `direction` from `origin` within
    /// `reach`.
    pub fn blocked(&self, origin: Vec3, direction: Vec3, reach: f32) -> bool {
        let Some(bvh) = &self.bvh else { return false };
        let ray = Ray::new(Vec3A::from(origin), Vec3A::from(direction), 0.0, reach);
        !bvh.ray_traverse_miss(ray, |ray, i| self.triangles[i].intersect(ray))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit square in the plane z = 0, facing +z.
    fn square() -> StaticGeometry {
        let (a, b, c, d) = (
            Vec3::new(0.0, 0.0, 0.0),
            Vec3::new(1.0, 0.0, 0.0),
            Vec3::new(1.0, 1.0, 0.0),
            Vec3::new(0.0, 1.0, 0.0),
        );
        StaticGeometry {
            triangles: vec![[a, b, c], [a, c, d]],
            surface_of: vec![0, 0],
            surfaces: vec![Surface {
                albedo: Vec3::splat(0.5),
                ..Surface::default()
            }],
        }
    }

    #[test]
    fn rays_find_the_nearest_face_and_know_its_side() {
        let tracer = Tracer::new(&square());
        let front = tracer
            .nearest(Vec3::new(0.5, 0.5, 2.0), Vec3::NEG_Z, 10.0)
            .unwrap();
        assert!((front.distance - 2.0).abs() < 1e-5);
        assert!(front.front);
        assert_eq!(front.normal, Vec3::Z);
        let back = tracer.nearest(Vec3::new(0.3, 0.6, -1.0), Vec3::Z, 10.0).unwrap();
        assert!(!back.front);
        assert_eq!(back.normal, Vec3::NEG_Z);
        assert!(
            tracer
                .nearest(Vec3::new(2.5, 0.5, 2.0), Vec3::NEG_Z, 10.0)
                .is_none()
        );
        assert!(
            tracer
                .nearest(Vec3::new(0.5, 0.5, 2.0), Vec3::NEG_Z, 1.5)
                .is_none()
        );
        assert!(tracer.blocked(Vec3::new(0.5, 0.5, 2.0), Vec3::NEG_Z, 3.0));
        assert!(!tracer.blocked(Vec3::new(0.5, 0.5, 2.0), Vec3::Z, 3.0));
    }

    #[test]
    fn nothing_to_trace_is_missed_everywhere() {
        let tracer = Tracer::new(&StaticGeometry::default());
        assert!(tracer.nearest(Vec3::ZERO, Vec3::X, 1e9).is_none());
        assert!(!tracer.blocked(Vec3::ZERO, Vec3::X, 1e9));
    }
}

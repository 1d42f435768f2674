//! View frustum planes and the sphere and box tests the culling core is checked against.

use crate::bounds::{Aabb, Sphere};
use glam::{Mat4, Vec3, Vec4, Vec4Swizzles};

/// Six planes bounding what a view-projection matrix keeps, for wgpu's clip space
/// (`-w ≤ x ≤ w`, `-w ≤ y ≤ w`, `0 ≤ z ≤ w`).
///
/// Each plane is `(n, d)` with `n` of unit length pointing into the frustum: a point `p`
/// is on the inner side when `n·p + d ≥ 0`. The order is left, right, bottom, top,
/// `z = 0`, `z = w`; with reverse-Z the last two are the far and near planes. A plane the
/// matrix does not constrain (the far plane of an infinite reverse-Z projection) is
/// stored as `(0, 0, 0, 1)`, which every point passes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frustum {
    /// The planes, normalised, in the order above.
    pub planes: [Vec4; 6],
}

impl Frustum {
    /// Extracts the planes from a view-projection matrix (Gribb and Hartmann).
    pub fn from_view_projection(view_projection: &Mat4) -> Self {
        let m = view_projection.transpose(); // rows of the matrix as columns
        let (r0, r1, r2, r3) = (m.x_axis, m.y_axis, m.z_axis, m.w_axis);
        let raw = [r3 + r0, r3 - r0, r3 + r1, r3 - r1, r2, r3 - r2];
        Self {
            planes: raw.map(normalize_plane),
        }
    }

    /// True when `p` is inside or on the frustum.
    pub fn contains_point(&self, p: Vec3) -> bool {
        self.planes
            .iter()
            .all(|plane| plane.xyz().dot(p) + plane.w >= 0.0)
    }

    /// False only when the sphere lies wholly outside one plane. Conservative: a sphere
    /// near a corner of the frustum may pass without touching it.
    pub fn intersects_sphere(&self, sphere: &Sphere) -> bool {
        if sphere.is_empty() {
            return false;
        }
        self.planes
            .iter()
            .all(|plane| plane.xyz().dot(sphere.center) + plane.w >= -sphere.radius)
    }

    /// False only when the box lies wholly outside one plane (its corner farthest along
    /// the plane normal is outside). Conservative like [`Frustum::intersects_sphere`].
    pub fn intersects_aabb(&self, aabb: &Aabb) -> bool {
        if aabb.is_empty() {
            return false;
        }
        self.planes.iter().all(|plane| {
            let n = plane.xyz();
            let farthest = Vec3::select(n.cmpge(Vec3::ZERO), aabb.max, aabb.min);
            n.dot(farthest) + plane.w >= 0.0
        })
    }

    /// True when the sphere lies wholly inside every plane.
    pub fn contains_sphere(&self, sphere: &Sphere) -> bool {
        !sphere.is_empty()
            && self
                .planes
                .iter()
                .all(|plane| plane.xyz().dot(sphere.center) + plane.w >= sphere.radius)
    }
}

fn normalize_plane(plane: Vec4) -> Vec4 {
    let length = plane.xyz().length();
    if length > f32::EPSILON * plane.w.abs().max(1.0) {
        plane / length
    } else {
        // A plane with no normal: either everything or nothing is inside it. Projection
        // matrices only produce the first kind (w > 0), which never culls.
        Vec4::new(0.0, 0.0, 0.0, if plane.w >= 0.0 { 1.0 } else { -1.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glam::camera::rh::proj::directx;
    use glam::camera::rh::view::look_at_mat4;

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> f32 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        }
        fn vec3(&mut self, scale: f32) -> Vec3 {
            Vec3::new(self.next(), self.next(), self.next()) * scale
        }
    }

    fn random_view_projection(rng: &mut Rng, reverse_infinite: bool) -> Mat4 {
        let eye = rng.vec3(20.0);
        let target = eye + rng.vec3(1.0) + Vec3::new(0.0, 0.0, 0.1);
        let view = look_at_mat4(eye, target, Vec3::Y);
        let fov = 0.5 + (rng.next() + 1.0);
        let aspect = 1.0 + rng.next() * 0.5;
        let proj = if reverse_infinite {
            directx::perspective_infinite_reverse(fov, aspect, 0.1)
        } else {
            directx::perspective(fov, aspect, 0.1, 50.0)
        };
        proj * view
    }

    fn in_clip_volume(vp: &Mat4, p: Vec3) -> bool {
        let c = *vp * p.extend(1.0);
        c.x.abs() <= c.w && c.y.abs() <= c.w && c.z >= 0.0 && c.z <= c.w
    }

    #[test]
    fn planes_agree_with_clip_space_test() {
        let mut rng = Rng(1);
        for case in 0..200 {
            let vp = random_view_projection(&mut rng, case % 2 == 1);
            let frustum = Frustum::from_view_projection(&vp);
            for _ in 0..200 {
                let p = rng.vec3(40.0);
                // Skip points within rounding distance of a plane.
                let margin = frustum
                    .planes
                    .iter()
                    .map(|pl| (pl.xyz().dot(p) + pl.w).abs())
                    .fold(f32::INFINITY, f32::min);
                if margin < 1e-3 {
                    continue;
                }
                assert_eq!(frustum.contains_point(p), in_clip_volume(&vp, p), "{p}");
            }
        }
    }

    #[test]
    fn culled_spheres_and_boxes_have_no_point_inside() {
        let mut rng = Rng(2);
        let mut culled = 0;
        let mut kept = 0;
        for case in 0..100 {
            let vp = random_view_projection(&mut rng, case % 2 == 0);
            let frustum = Frustum::from_view_projection(&vp);
            for _ in 0..100 {
                let center = rng.vec3(40.0);
                let radius = (rng.next() + 1.0) * 4.0;
                let sphere = Sphere { center, radius };
                let aabb = Aabb::from_corners(center - radius, center + radius);
                let sphere_in = frustum.intersects_sphere(&sphere);
                let box_in = frustum.intersects_aabb(&aabb);
                // The box holds the sphere, so the box test may never be stricter.
                assert!(box_in || !sphere_in);
                if sphere_in {
                    kept += 1;
                } else {
                    culled += 1;
                }
                if !box_in {
                    for _ in 0..64 {
                        let p = center + rng.vec3(radius);
                        assert!(!frustum.contains_point(p), "culled box has {p} inside");
                    }
                }
            }
        }
        assert!(culled > 1000 && kept > 500, "culled {culled} kept {kept}");
    }

    #[test]
    fn a_box_straddling_a_plane_is_kept_and_one_beyond_it_is_culled() {
        let vp = directx::orthographic(-1.0, 1.0, -1.0, 1.0, 0.0, 10.0);
        let frustum = Frustum::from_view_projection(&vp);
        let straddling = Aabb::from_corners(Vec3::new(0.9, 0.0, -1.0), Vec3::new(1.5, 0.5, -2.0));
        let beyond = Aabb::from_corners(Vec3::new(1.01, 0.0, -1.0), Vec3::new(1.5, 0.5, -2.0));
        assert!(frustum.intersects_aabb(&straddling));
        assert!(!frustum.intersects_aabb(&beyond));
        let touching = Sphere {
            center: Vec3::new(1.5, 0.0, -5.0),
            radius: 0.5,
        };
        assert!(frustum.intersects_sphere(&touching));
        assert!(!frustum.contains_sphere(&touching));
        let inside = Sphere {
            center: Vec3::new(0.0, 0.0, -5.0),
            radius: 0.5,
        };
        assert!(frustum.contains_sphere(&inside));
        assert!(!frustum.intersects_sphere(&Sphere::EMPTY));
        assert!(!frustum.intersects_aabb(&Aabb::EMPTY));
    }

    #[test]
    fn infinite_reverse_z_has_an_open_far_plane() {
        let vp = directx::perspective_infinite_reverse(1.0, 1.0, 0.1);
        let frustum = Frustum::from_view_projection(&vp);
        assert_eq!(frustum.planes[4], Vec4::new(0.0, 0.0, 0.0, 1.0));
        assert!(frustum.contains_point(Vec3::new(0.0, 0.0, -1.0e7)));
        assert!(!frustum.contains_point(Vec3::new(0.0, 0.0, -0.05)));
    }
}

//! Axis-aligned boxes and spheres, in object and world space.
//!
//! These formulas are the CPU reference for culling: the GPU culling core computes the
//! same world bounds with the same operations, so results can be compared exactly.

use glam::{Mat3, Mat4, Vec3};

/// An axis-aligned bounding box. An empty box has `min > max` on every axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Aabb {
    /// Smallest corner.
    pub min: Vec3,
    /// Largest corner.
    pub max: Vec3,
}

impl Default for Aabb {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl Aabb {
    /// The empty box: the identity of [`Aabb::union`].
    pub const EMPTY: Aabb = Aabb {
        min: Vec3::splat(f32::INFINITY),
        max: Vec3::splat(f32::NEG_INFINITY),
    };

    /// A box from two corners (in any order).
    pub fn from_corners(a: Vec3, b: Vec3) -> Self {
        Self {
            min: a.min(b),
            max: a.max(b),
        }
    }

    /// The smallest box holding every point (empty when there are none).
    pub fn from_points<'a>(points: impl IntoIterator<Item = &'a Vec3>) -> Self {
        points.into_iter().fold(Self::EMPTY, |b, p| b.including(*p))
    }

    /// True when the box holds no point.
    pub fn is_empty(&self) -> bool {
        self.min.x > self.max.x || self.min.y > self.max.y || self.min.z > self.max.z
    }

    /// This box grown to hold `p`.
    pub fn including(self, p: Vec3) -> Self {
        Self {
            min: self.min.min(p),
            max: self.max.max(p),
        }
    }

    /// The smallest box holding both boxes.
    pub fn union(self, other: Aabb) -> Self {
        Self {
            min: self.min.min(other.min),
            max: self.max.max(other.max),
        }
    }

    /// The centre point (meaningless for an empty box).
    pub fn center(&self) -> Vec3 {
        (self.min + self.max) * 0.5
    }

    /// Half the size along each axis.
    pub fn half_extents(&self) -> Vec3 {
        (self.max - self.min) * 0.5
    }

    /// The size along each axis.
    pub fn size(&self) -> Vec3 {
        self.max - self.min
    }

    /// True when `p` lies inside or on the box.
    pub fn contains_point(&self, p: Vec3) -> bool {
        p.cmpge(self.min).all() && p.cmple(self.max).all()
    }

    /// The eight corners.
    pub fn corners(&self) -> [Vec3; 8] {
        let (a, b) = (self.min, self.max);
        [
            Vec3::new(a.x, a.y, a.z),
            Vec3::new(b.x, a.y, a.z),
            Vec3::new(a.x, b.y, a.z),
            Vec3::new(b.x, b.y, a.z),
            Vec3::new(a.x, a.y, b.z),
            Vec3::new(b.x, a.y, b.z),
            Vec3::new(a.x, b.y, b.z),
            Vec3::new(b.x, b.y, b.z),
        ]
    }

    /// The box holding this box after an affine transform (Arvo's method): the centre is
    /// transformed, and the half extents go through the absolute values of the linear
    /// part. This equals the box of the eight transformed corners.
    pub fn transformed(&self, m: &Mat4) -> Aabb {
        if self.is_empty() {
            return Aabb::EMPTY;
        }
        let center = m.transform_point3(self.center());
        let linear = Mat3::from_mat4(*m);
        let abs = Mat3::from_cols(linear.x_axis.abs(), linear.y_axis.abs(), linear.z_axis.abs());
        let half = abs * self.half_extents();
        Aabb {
            min: center - half,
            max: center + half,
        }
    }
}

/// A bounding sphere. A negative radius marks an empty sphere.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sphere {
    /// Centre.
    pub center: Vec3,
    /// Radius; negative when the sphere bounds nothing.
    pub radius: f32,
}

impl Default for Sphere {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl Sphere {
    /// The sphere that bounds nothing.
    pub const EMPTY: Sphere = Sphere {
        center: Vec3::ZERO,
        radius: -1.0,
    };

    /// True when the sphere bounds nothing.
    pub fn is_empty(&self) -> bool {
        self.radius < 0.0
    }

    /// The sphere centred at `center` just large enough to hold every point.
    pub fn around<'a>(center: Vec3, points: impl IntoIterator<Item = &'a Vec3>) -> Self {
        let mut max_sq = -1.0f32;
        for p in points {
            max_sq = max_sq.max(p.distance_squared(center));
        }
        if max_sq < 0.0 {
            Self::EMPTY
        } else {
            Self {
                center,
                radius: max_sq.sqrt(),
            }
        }
    }

    /// True when `p` lies inside or on the sphere.
    pub fn contains_point(&self, p: Vec3) -> bool {
        !self.is_empty() && p.distance_squared(self.center) <= self.radius * self.radius
    }

    /// The sphere holding this sphere after an affine transform: the centre is
    /// transformed and the radius scaled by the largest axis scale of the linear part.
    pub fn transformed(&self, m: &Mat4) -> Sphere {
        if self.is_empty() {
            return Sphere::EMPTY;
        }
        Sphere {
            center: m.transform_point3(self.center),
            radius: self.radius * max_axis_scale(m),
        }
    }
}

/// The largest length of the three basis vectors of a matrix's linear part: the most a
/// transform can stretch any direction when it has no shear.
pub fn max_axis_scale(m: &Mat4) -> f32 {
    let sq = m
        .x_axis
        .truncate()
        .length_squared()
        .max(m.y_axis.truncate().length_squared())
        .max(m.z_axis.truncate().length_squared());
    sq.sqrt()
}

/// A box and a sphere that both hold the same geometry.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Bounds {
    /// The tight axis-aligned box.
    pub aabb: Aabb,
    /// A sphere centred on the box centre, just large enough for every point.
    pub sphere: Sphere,
}

impl Bounds {
    /// Bounds that hold nothing.
    pub const EMPTY: Bounds = Bounds {
        aabb: Aabb::EMPTY,
        sphere: Sphere::EMPTY,
    };

    /// Exact bounds of a point set: the tight box, and the smallest sphere around the
    /// box centre that holds every point.
    pub fn from_points(points: &[Vec3]) -> Self {
        let aabb = Aabb::from_points(points);
        if aabb.is_empty() {
            return Self::EMPTY;
        }
        Self {
            aabb,
            sphere: Sphere::around(aabb.center(), points),
        }
    }

    /// True when the bounds hold nothing.
    pub fn is_empty(&self) -> bool {
        self.aabb.is_empty()
    }

    /// Both bounds after an affine transform (see [`Aabb::transformed`] and
    /// [`Sphere::transformed`]).
    pub fn transformed(&self, m: &Mat4) -> Bounds {
        Bounds {
            aabb: self.aabb.transformed(m),
            sphere: self.sphere.transformed(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glam::Quat;

    fn lcg(seed: &mut u64) -> f32 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((*seed >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }

    #[test]
    fn empty_box_is_identity_of_union() {
        let b = Aabb::from_corners(Vec3::new(1.0, 2.0, 3.0), Vec3::new(-1.0, 0.0, 5.0));
        assert_eq!(Aabb::EMPTY.union(b), b);
        assert!(Aabb::EMPTY.is_empty());
        assert!(Aabb::EMPTY.transformed(&Mat4::IDENTITY).is_empty());
        assert_eq!(b.min, Vec3::new(-1.0, 0.0, 3.0));
    }

    #[test]
    fn transformed_box_equals_box_of_transformed_corners() {
        let mut seed = 7;
        for _ in 0..500 {
            let b = Aabb::from_corners(
                Vec3::new(lcg(&mut seed), lcg(&mut seed), lcg(&mut seed)) * 10.0,
                Vec3::new(lcg(&mut seed), lcg(&mut seed), lcg(&mut seed)) * 10.0,
            );
            let m = Mat4::from_scale_rotation_translation(
                Vec3::new(lcg(&mut seed), lcg(&mut seed), lcg(&mut seed)) * 3.0,
                Quat::from_axis_angle(
                    Vec3::new(lcg(&mut seed), lcg(&mut seed), lcg(&mut seed) + 2.0).normalize(),
                    lcg(&mut seed) * 3.0,
                ),
                Vec3::new(lcg(&mut seed), lcg(&mut seed), lcg(&mut seed)) * 100.0,
            );
            let expected = Aabb::from_points(b.corners().map(|c| m.transform_point3(c)).iter());
            let got = b.transformed(&m);
            assert!(got.min.abs_diff_eq(expected.min, 1e-3), "{got:?} {expected:?}");
            assert!(got.max.abs_diff_eq(expected.max, 1e-3), "{got:?} {expected:?}");
        }
    }

    #[test]
    fn transformed_sphere_holds_every_transformed_point() {
        let mut seed = 99;
        let points: Vec<Vec3> = (0..200)
            .map(|_| Vec3::new(lcg(&mut seed), lcg(&mut seed) * 4.0, lcg(&mut seed)))
            .collect();
        let bounds = Bounds::from_points(&points);
        let m = Mat4::from_scale_rotation_translation(
            Vec3::new(1.0, -3.0, 0.5),
            Quat::from_rotation_y(0.7) * Quat::from_rotation_x(-0.2),
            Vec3::new(5.0, 6.0, 7.0),
        );
        let world = bounds.transformed(&m);
        for p in &points {
            let q = m.transform_point3(*p);
            assert!(world.aabb.contains_point(q) || world.aabb.min.distance(q) < 1e-4);
            assert!(q.distance(world.sphere.center) <= world.sphere.radius + 1e-4);
        }
        // The sphere around the box centre reaches exactly the farthest point.
        let farthest = points
            .iter()
            .map(|p| p.distance(bounds.aabb.center()))
            .fold(0.0f32, f32::max);
        assert_eq!(bounds.sphere.radius, farthest);
    }

    #[test]
    fn empty_point_set_gives_empty_bounds() {
        let b = Bounds::from_points(&[]);
        assert!(b.is_empty());
        assert!(b.sphere.is_empty());
        assert!(b.transformed(&Mat4::from_translation(Vec3::ONE)).is_empty());
    }
}

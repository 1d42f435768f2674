//! Local transforms as translation, rotation and scale.

use glam::{Mat4, Quat, Vec3};

/// A node's transform relative to its parent: scale first, then rotation, then translation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    /// Translation in the parent's space.
    pub translation: Vec3,
    /// Rotation, a unit quaternion.
    pub rotation: Quat,
    /// Scale along the local axes (may be negative: a mirror).
    pub scale: Vec3,
}

impl Default for Transform {
    fn default() -> Self {
        Self::IDENTITY
    }
}

impl Transform {
    /// No translation, no rotation, unit scale.
    pub const IDENTITY: Transform = Transform {
        translation: Vec3::ZERO,
        rotation: Quat::IDENTITY,
        scale: Vec3::ONE,
    };

    /// A pure translation.
    pub fn from_translation(translation: Vec3) -> Self {
        Self {
            translation,
            ..Self::IDENTITY
        }
    }

    /// A pure rotation.
    pub fn from_rotation(rotation: Quat) -> Self {
        Self {
            rotation,
            ..Self::IDENTITY
        }
    }

    /// A pure scale.
    pub fn from_scale(scale: Vec3) -> Self {
        Self {
            scale,
            ..Self::IDENTITY
        }
    }

    /// Decomposes an affine matrix into translation, rotation and scale.
    ///
    /// A matrix with shear has no exact decomposition; the result is then the closest
    /// TRS glam finds, and [`Transform::matrix`] will not give the input back.
    pub fn from_matrix(matrix: Mat4) -> Self {
        let (scale, rotation, translation) = matrix.to_scale_rotation_translation();
        Self {
            translation,
            rotation: rotation.normalize(),
            scale,
        }
    }

    /// The matrix `T * R * S`.
    pub fn matrix(&self) -> Mat4 {
        Mat4::from_scale_rotation_translation(self.scale, self.rotation, self.translation)
    }

    /// True when every component is finite.
    pub fn is_finite(&self) -> bool {
        self.translation.is_finite() && self.rotation.is_finite() && self.scale.is_finite()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_round_trips_through_decomposition() {
        let t = Transform {
            translation: Vec3::new(1.0, -2.0, 3.5),
            rotation: Quat::from_euler(glam::EulerRot::XYZ, 0.3, -1.1, 2.0),
            scale: Vec3::new(2.0, 0.5, 3.0),
        };
        let back = Transform::from_matrix(t.matrix());
        assert!(back.translation.abs_diff_eq(t.translation, 1e-5));
        assert!(back.scale.abs_diff_eq(t.scale, 1e-5));
        assert!(back.matrix().abs_diff_eq(t.matrix(), 1e-5));
    }

    #[test]
    fn scale_applies_before_rotation_and_translation() {
        let t = Transform {
            translation: Vec3::new(10.0, 0.0, 0.0),
            rotation: Quat::from_rotation_z(std::f32::consts::FRAC_PI_2),
            scale: Vec3::new(2.0, 1.0, 1.0),
        };
        // x axis scaled to 2, rotated onto +y, then moved by 10 along x.
        let p = t.matrix().transform_point3(Vec3::X);
        assert!(p.abs_diff_eq(Vec3::new(10.0, 2.0, 0.0), 1e-5), "{p}");
    }
}

//! Punctual lights (`KHR_lights_punctual`).

use glam::Vec3;

/// The kind of a punctual light. Lights shine along their node's local -Z axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LightKind {
    /// Parallel rays, like the sun; intensity in lux (lm/m²).
    Directional,
    /// Light from a point in every direction; intensity in candela (lm/sr).
    Point,
    /// A cone of light from a point; intensity in candela.
    Spot {
        /// Angle from the axis where falloff starts, radians.
        inner_cone_angle: f32,
        /// Angle from the axis where the light ends, radians.
        outer_cone_angle: f32,
    },
}

/// A punctual light in the physical units of `KHR_lights_punctual`.
#[derive(Clone, Debug, PartialEq)]
pub struct Light {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// What kind of light.
    pub kind: LightKind,
    /// Linear RGB colour.
    pub color: Vec3,
    /// Lux for directional lights, candela for point and spot lights.
    pub intensity: f32,
    /// Distance where the light's influence ends (`None`: infinite, inverse-square only).
    pub range: Option<f32>,
    /// Whether the light casts shadows (glTF: `"castShadows": false` in the light's
    /// `extras` turns them off).
    pub cast_shadows: bool,
}

impl Light {
    /// The range falloff `KHR_lights_punctual` recommends, multiplied with the
    /// inverse-square law: smooth, and zero at `range`.
    pub fn range_attenuation(&self, distance: f32) -> f32 {
        match self.range {
            Some(range) if range > 0.0 => {
                let ratio = distance / range;
                (1.0 - ratio.powi(4)).clamp(0.0, 1.0)
            }
            _ => 1.0,
        }
    }
}

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

    /// The spot cone's falloff `KHR_lights_punctual` recommends, for a direction at
    /// `cos_angle` (the cosine of its angle from the light's axis): 1 inside the inner
    /// cone, 0 outside the outer one, and between them
    /// `saturate(cos_angle · scale + offset)²` with `scale = 1 / max(0.001, cos(inner) −
    /// cos(outer))` and `offset = −cos(outer) · scale` (as the renderer shades it). Point
    /// and directional lights have no cone: 1.
    pub fn cone_attenuation(&self, cos_angle: f32) -> f32 {
        match self.kind {
            LightKind::Spot {
                inner_cone_angle,
                outer_cone_angle,
            } => {
                let scale = 1.0 / (inner_cone_angle.cos() - outer_cone_angle.cos()).max(0.001);
                let offset = -outer_cone_angle.cos() * scale;
                let t = (cos_angle * scale + offset).clamp(0.0, 1.0);
                t * t
            }
            LightKind::Point | LightKind::Directional => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spot(inner_degrees: f32, outer_degrees: f32) -> Light {
        Light {
            name: None,
            kind: LightKind::Spot {
                inner_cone_angle: inner_degrees.to_radians(),
                outer_cone_angle: outer_degrees.to_radians(),
            },
            color: Vec3::ONE,
            intensity: 100.0,
            range: Some(10.0),
            cast_shadows: false,
        }
    }

    #[test]
    fn the_cone_is_full_inside_dark_outside_and_smooth_between() {
        let light = spot(20.0, 30.0);
        let at = |degrees: f32| light.cone_attenuation(degrees.to_radians().cos());
        assert_eq!(at(0.0), 1.0);
        assert_eq!(at(19.9), 1.0);
        assert_eq!(at(30.1), 0.0);
        let (c, ci, co) = (
            25f32.to_radians().cos(),
            20f32.to_radians().cos(),
            30f32.to_radians().cos(),
        );
        let t = (c - co) / (ci - co);
        assert!((at(25.0) - t * t).abs() < 1e-5, "{} vs {}", at(25.0), t * t);
        assert_eq!(
            Light {
                kind: LightKind::Point,
                ..light.clone()
            }
            .cone_attenuation(-1.0),
            1.0
        );
        assert!((light.range_attenuation(5.0) - (1.0 - 0.5f32.powi(4))).abs() < 1e-6);
        assert_eq!(light.range_attenuation(12.0), 0.0);
    }
}

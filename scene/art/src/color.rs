//! Colours as painters choose them: hue, saturation and lightness, turned into the
//! sRGB-encoded values the canvas mixes.

use glam::Vec3;

/// A colour by hue (degrees, any value, taken modulo 360), saturation and lightness
/// (both 0 to 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Hsl {
    /// Hue in degrees: 0 red, 60 yellow, 120 green, 240 blue.
    pub h: f32,
    /// Saturation, 0 (grey) to 1.
    pub s: f32,
    /// Lightness, 0 (black) to 1 (white).
    pub l: f32,
}

impl Hsl {
    /// A colour, with saturation and lightness clamped to 0–1 and the hue wrapped.
    pub fn new(h: f32, s: f32, l: f32) -> Self {
        Self {
            h: h.rem_euclid(360.0),
            s: s.clamp(0.0, 1.0),
            l: l.clamp(0.0, 1.0),
        }
    }

    /// This colour with hue, saturation and lightness moved by the given amounts.
    pub fn shifted(self, dh: f32, ds: f32, dl: f32) -> Self {
        Self::new(self.h + dh, self.s + ds, self.l + dl)
    }

    /// The sRGB-encoded colour, each channel 0 to 1 (the usual HSL to RGB formula).
    pub fn rgb(self) -> Vec3 {
        let c = (1.0 - (2.0 * self.l - 1.0).abs()) * self.s;
        let h = self.h.rem_euclid(360.0) / 60.0;
        let x = c * (1.0 - (h.rem_euclid(2.0) - 1.0).abs());
        let (r, g, b) = match h as u32 {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let m = self.l - c / 2.0;
        Vec3::new(r + m, g + m, b + m).clamp(Vec3::ZERO, Vec3::ONE)
    }

    /// The hue, saturation and lightness of an sRGB-encoded colour.
    pub fn from_rgb(rgb: Vec3) -> Self {
        let rgb = rgb.clamp(Vec3::ZERO, Vec3::ONE);
        let (max, min) = (rgb.max_element(), rgb.min_element());
        let l = (max + min) / 2.0;
        let d = max - min;
        if d < 1e-6 {
            return Self::new(0.0, 0.0, l);
        }
        let s = d / (1.0 - (2.0 * l - 1.0).abs()).max(1e-6);
        let h = if max == rgb.x {
            60.0 * ((rgb.y - rgb.z) / d)
        } else if max == rgb.y {
            60.0 * ((rgb.z - rgb.x) / d + 2.0)
        } else {
            60.0 * ((rgb.x - rgb.y) / d + 4.0)
        };
        Self::new(h, s, l)
    }
}

/// Linear interpolation between two colours (in the canvas's sRGB-encoded values, as
/// paint mixes on a palette rather than as light adds).
pub(super) fn mix(a: Vec3, b: Vec3, t: f32) -> Vec3 {
    a + (b - a) * t.clamp(0.0, 1.0)
}

/// Hermite smoothstep of `x` between the edges `a` and `b` (0 below `a`, 1 above `b`).
pub(super) fn smoothstep(a: f32, b: f32, x: f32) -> f32 {
    let t = ((x - a) / (b - a)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsl_round_trips_and_hits_the_primaries() {
        assert!(Hsl::new(0.0, 1.0, 0.5).rgb().abs_diff_eq(Vec3::X, 1e-6));
        assert!(Hsl::new(120.0, 1.0, 0.5).rgb().abs_diff_eq(Vec3::Y, 1e-6));
        assert!(Hsl::new(240.0, 1.0, 0.5).rgb().abs_diff_eq(Vec3::Z, 1e-6));
        assert!(
            Hsl::new(77.0, 0.0, 0.25)
                .rgb()
                .abs_diff_eq(Vec3::splat(0.25), 1e-6)
        );
        for (h, s, l) in [(10.0, 0.8, 0.3), (200.0, 0.4, 0.7), (315.0, 0.9, 0.5)] {
            let back = Hsl::from_rgb(Hsl::new(h, s, l).rgb());
            assert!(
                (back.h - h).abs() < 0.1 && (back.s - s).abs() < 1e-3 && (back.l - l).abs() < 1e-3,
                "{back:?}"
            );
        }
        assert_eq!(
            Hsl::new(-30.0, 2.0, -1.0),
            Hsl {
                h: 330.0,
                s: 1.0,
                l: 0.0
            }
        );
    }
}

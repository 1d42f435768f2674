//! The environment's illuminance on a surface, integrated on the CPU from the same
//! equirectangular image the renderer bakes its irradiance cube from: what the lux report
//! (`museion lux`, the viewer's exhibit panel) counts as the environment's light.

use crate::error::Result;
use crate::source::{EnvironmentSource, EquirectImage};
use glam::Vec3;
use std::f32::consts::{PI, TAU};

/// Cells across the image the integral runs over: the image is averaged down to at most
/// this many columns (and half as many rows), which changes a cosine-weighted integral
/// by far less than a percent and keeps each surface's sum to a few thousand cells.
const CELLS_ACROSS: u32 = 128;

/// The illuminance an environment gives a surface facing any direction, lux: the
/// cosine-weighted integral of its luminance (Rec. 709) over the hemisphere the surface
/// faces, times a scale — what the renderer's irradiance cube holds, and how it shades
/// with it (unturned, unshadowed).
#[derive(Clone, Debug)]
pub struct EnvironmentLux {
    /// The image as blocks of texels: each block's direction (its solid-angle-weighted
    /// mean) and its luminance times solid angle, in lux per unit cosine.
    cells: Vec<(Vec3, f32)>,
}

impl EnvironmentLux {
    /// The environment of `source` with its radiance scaled by `intensity`, or `None`
    /// for [`EnvironmentSource::None`]. A file is read and decoded (errors name it).
    pub fn of_source(source: &EnvironmentSource, intensity: f32) -> Result<Option<Self>> {
        let Some(image) = EquirectImage::of_source(source)? else {
            return Ok(None);
        };
        Ok(Some(Self::from_image(&image, intensity)))
    }

    /// The environment of `image`, its radiance scaled by `scale`.
    pub fn from_image(image: &EquirectImage, scale: f32) -> Self {
        let (width, height) = (image.width, image.height);
        let block = (width / CELLS_ACROSS).max(1);
        // Solid angle of a texel at the equator; sin(polar angle) scales it elsewhere.
        let texel_solid_angle = (TAU / width as f32) * (PI / height as f32);
        let mut cells = Vec::new();
        for top in (0..height).step_by(block as usize) {
            for left in (0..width).step_by(block as usize) {
                let (mut direction, mut weight) = (Vec3::ZERO, 0.0f32);
                for y in top..(top + block).min(height) {
                    let polar = (y as f32 + 0.5) / height as f32 * PI;
                    let solid_angle = texel_solid_angle * polar.sin();
                    for x in left..(left + block).min(width) {
                        let longitude = ((x as f32 + 0.5) / width as f32 - 0.5) * TAU;
                        let d = Vec3::new(
                            polar.sin() * longitude.sin(),
                            polar.cos(),
                            -polar.sin() * longitude.cos(),
                        );
                        let t = image.texels[(y * width + x) as usize];
                        let luminance = 0.2126 * t[0] + 0.7152 * t[1] + 0.0722 * t[2];
                        direction += d * solid_angle;
                        weight += luminance * solid_angle;
                    }
                }
                if weight > 0.0 {
                    cells.push((direction.normalize_or(Vec3::Y), weight * scale));
                }
            }
        }
        Self { cells }
    }

    /// The illuminance on a surface facing `normal` (unit length), lux.
    pub fn illuminance(&self, normal: Vec3) -> f32 {
        self.cells
            .iter()
            .map(|(direction, weight)| weight * normal.dot(*direction).max(0.0))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32, tolerance: f32) -> bool {
        (a - b).abs() <= tolerance * b.abs().max(1e-3)
    }

    #[test]
    fn a_uniform_sky_gives_pi_times_its_radiance_on_any_surface() {
        let lux = EnvironmentLux::from_image(&EquirectImage::from_fn(512, 256, |_| Vec3::splat(2.0)), 0.5);
        for n in [Vec3::X, Vec3::NEG_Y, Vec3::new(0.3, 0.5, -0.8).normalize()] {
            let e = lux.illuminance(n);
            assert!(close(e, PI, 0.01), "{n}: {e}");
        }
    }

    #[test]
    fn light_from_one_side_reaches_the_surfaces_facing_it() {
        // Radiance 1 wherever x > 0: a surface facing +X sees all of it, one facing -X
        // none, one facing up half.
        let image = EquirectImage::from_fn(256, 128, |d| Vec3::splat(if d.x > 0.0 { 1.0 } else { 0.0 }));
        let lux = EnvironmentLux::from_image(&image, 1.0);
        assert!(close(lux.illuminance(Vec3::X), PI, 0.01));
        assert!(lux.illuminance(Vec3::NEG_X) < 0.02 * PI);
        assert!(close(lux.illuminance(Vec3::Y), PI / 2.0, 0.02));
        // Green counts most: the luminance of pure green is 0.7152 of white's.
        let green = EnvironmentLux::from_image(&EquirectImage::from_fn(64, 32, |_| Vec3::Y), 1.0);
        assert!(close(green.illuminance(Vec3::Z), 0.7152 * PI, 0.01));
    }

    #[test]
    fn sources_are_read_as_the_renderer_reads_them() -> Result<()> {
        assert!(EnvironmentLux::of_source(&EnvironmentSource::None, 1.0)?.is_none());
        let uniform = EnvironmentLux::of_source(&EnvironmentSource::Uniform([1.0; 3]), 2.0)?;
        let e = uniform.map_or(0.0, |l| l.illuminance(Vec3::Z));
        // A uniform environment is an image of 8 × 4 texels: their 32 directions sum the
        // cosine to within a few per cent.
        assert!(close(e, 2.0 * PI, 0.04), "{e}");
        let missing = EnvironmentSource::File("no-such-environment.hdr".into());
        assert!(EnvironmentLux::of_source(&missing, 1.0).is_err());
        Ok(())
    }
}

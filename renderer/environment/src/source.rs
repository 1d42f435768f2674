//! Where environment light comes from: an equirectangular HDR or EXR file, or one of the
//! environments the renderer makes itself.

use crate::error::{EnvironmentError, Result};
use glam::Vec3;
use std::f32::consts::{PI, TAU};
use std::path::{Path, PathBuf};

/// The environment that lights a scene (image-based lighting).
#[derive(Clone, Debug, PartialEq, Default)]
pub enum EnvironmentSource {
    /// No environment light: only the scene's own lights.
    None,
    /// A neutral photo studio: grey walls and floor, two soft boxes and a top light.
    #[default]
    Studio,
    /// A clear daylight sky with a sun and a dark ground.
    Sky,
    /// The same linear radiance from every direction.
    Uniform([f32; 3]),
    /// An equirectangular image of linear radiance: Radiance `.hdr` or OpenEXR `.exr`.
    File(PathBuf),
}

impl std::str::FromStr for EnvironmentSource {
    type Err = String;

    /// `none`, `studio`, `sky`, or the path of an `.hdr` or `.exr` file.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "" => Err("empty environment (none, studio, sky or an .hdr/.exr file)".into()),
            "none" => Ok(Self::None),
            "studio" => Ok(Self::Studio),
            "sky" => Ok(Self::Sky),
            path => Ok(Self::File(PathBuf::from(path))),
        }
    }
}

/// An equirectangular image of linear RGB radiance. Its centre column looks toward
/// -Z and its top row toward +Y; longitude grows toward +X.
#[derive(Clone, Debug, PartialEq)]
pub struct EquirectImage {
    /// Width in texels (360° of longitude).
    pub width: u32,
    /// Height in texels (180° of latitude).
    pub height: u32,
    /// Row by row from the top, RGBA with alpha 1.
    pub texels: Vec<[f32; 4]>,
}

/// Width of the images the procedural environments are made at.
const PROCEDURAL_WIDTH: u32 = 512;

impl EquirectImage {
    /// Reads an `.hdr` or `.exr` file. Errors name the file and what is wrong.
    pub fn load(path: &Path) -> Result<Self> {
        Self::decode(path, &read_file(path)?)
    }

    /// Decodes the bytes of `path` (an `.hdr` or `.exr` file, told by its extension).
    pub fn decode(path: &Path, bytes: &[u8]) -> Result<Self> {
        let fail = |reason: String| environment_error(path, reason);
        let format = if extension(path).as_deref() == Some("hdr") {
            image::ImageFormat::Hdr
        } else {
            image::ImageFormat::OpenExr
        };
        let decoded =
            image::load_from_memory_with_format(bytes, format).map_err(|e| fail(decode_words(&e, format)))?;
        let rgba = decoded.to_rgba32f();
        let (width, height) = rgba.dimensions();
        if width < 4 || height < 2 {
            return Err(fail(format!("{width}x{height} is too small")));
        }
        if width != height * 2 {
            log::warn!(
                "{}: {width}x{height} is not 2:1; read as equirectangular anyway",
                path.display()
            );
        }
        let texels = rgba
            .pixels()
            .map(|p| {
                let c = |v: f32| if v.is_finite() { v.max(0.0) } else { 0.0 };
                [c(p.0[0]), c(p.0[1]), c(p.0[2]), 1.0]
            })
            .collect();
        Ok(Self {
            width,
            height,
            texels,
        })
    }

    /// An image whose texel at longitude φ (0 toward -Z, π/2 toward +X) and elevation
    /// θ (π/2 up) is `radiance(direction)`.
    pub fn from_fn(width: u32, height: u32, radiance: impl Fn(Vec3) -> Vec3) -> Self {
        let mut texels = Vec::with_capacity((width * height) as usize);
        for y in 0..height {
            for x in 0..width {
                let u = (x as f32 + 0.5) / width as f32;
                let v = (y as f32 + 0.5) / height as f32;
                texels.push(radiance(direction(u, v)).extend(1.0).to_array());
            }
        }
        Self {
            width,
            height,
            texels,
        }
    }

    /// The same radiance everywhere.
    pub fn uniform(rgb: [f32; 3]) -> Self {
        Self::from_fn(8, 4, |_| Vec3::from(rgb))
    }

    /// The neutral studio.
    pub fn studio() -> Self {
        Self::from_fn(PROCEDURAL_WIDTH, PROCEDURAL_WIDTH / 2, studio_radiance)
    }

    /// The daylight sky.
    pub fn sky() -> Self {
        Self::from_fn(PROCEDURAL_WIDTH, PROCEDURAL_WIDTH / 2, sky_radiance)
    }

    fn texel(&self, x: i64, y: i64) -> Vec3 {
        let (w, h) = (i64::from(self.width), i64::from(self.height));
        let x = x.rem_euclid(w);
        let y = y.clamp(0, h - 1);
        let t = self.texels[(y * w + x) as usize];
        Vec3::new(t[0], t[1], t[2])
    }

    /// The image of `source`, or `None` for [`EnvironmentSource::None`]. A file is read
    /// and decoded (errors name it).
    pub fn of_source(source: &EnvironmentSource) -> Result<Option<Self>> {
        Ok(Some(match source {
            EnvironmentSource::None => return Ok(None),
            EnvironmentSource::Studio => Self::studio(),
            EnvironmentSource::Sky => Self::sky(),
            EnvironmentSource::Uniform(rgb) => Self::uniform(*rgb),
            EnvironmentSource::File(path) => Self::load(path)?,
        }))
    }

    /// Bytes that identify the image's content (its size and texels), for caches of
    /// what is computed from it.
    pub fn identity(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(8 + self.texels.len() * 16);
        bytes.extend_from_slice(&self.width.to_le_bytes());
        bytes.extend_from_slice(&self.height.to_le_bytes());
        for texel in &self.texels {
            for v in texel {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
        }
        bytes
    }

    /// Bilinear radiance in direction `d` (unit length), as the GPU bake reads it.
    pub fn sample(&self, d: Vec3) -> Vec3 {
        let u = d.x.atan2(-d.z) / TAU + 0.5;
        let v = d.y.clamp(-1.0, 1.0).acos() / PI;
        let px = u * self.width as f32 - 0.5;
        let py = v * self.height as f32 - 0.5;
        let (bx, by) = (px.floor(), py.floor());
        let (fx, fy) = (px - bx, py - by);
        let (x, y) = (bx as i64, by as i64);
        let top = self.texel(x, y).lerp(self.texel(x + 1, y), fx);
        let bottom = self.texel(x, y + 1).lerp(self.texel(x + 1, y + 1), fx);
        top.lerp(bottom, fy)
    }
}

fn environment_error(path: &Path, reason: String) -> EnvironmentError {
    EnvironmentError::File {
        path: path.to_owned(),
        reason,
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// The bytes of an environment file, refused unless it is named `.hdr` or `.exr`.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    if !matches!(extension(path).as_deref(), Some("hdr" | "exr")) {
        return Err(environment_error(path, "not an .hdr or .exr file".into()));
    }
    std::fs::read(path).map_err(|e| environment_error(path, museion_files::io_words(&e)))
}

/// A decoder's failure in a person's words: what the file is not, or that it is too
/// large, rather than the decoder's own message ("Format error decoding Hdr: …").
fn decode_words(error: &image::ImageError, format: image::ImageFormat) -> String {
    let kind = match format {
        image::ImageFormat::Hdr => "Radiance HDR (.hdr)",
        _ => "OpenEXR (.exr)",
    };
    match error {
        image::ImageError::Limits(_) => "the image is too large to decode: scale it down".into(),
        image::ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            format!("the {kind} image is cut short, or still being written")
        }
        _ => format!("not a readable {kind} image: its content is damaged or of another kind"),
    }
}

/// The unit direction at equirectangular coordinates (u, v) in 0..1.
fn direction(u: f32, v: f32) -> Vec3 {
    let longitude = (u - 0.5) * TAU;
    let polar = v * PI;
    Vec3::new(
        polar.sin() * longitude.sin(),
        polar.cos(),
        -polar.sin() * longitude.cos(),
    )
}

/// 1 inside a rectangle of angular half sizes `half` (radians) around `centre`, falling
/// off smoothly over `soft` radians beyond it.
fn soft_box(d: Vec3, centre: Vec3, half: (f32, f32), soft: f32) -> f32 {
    let centre = centre.normalize();
    let cos = d.dot(centre);
    if cos <= 0.0 {
        return 0.0;
    }
    // Angles from the centre along the box's horizontal and vertical axes.
    let right = Vec3::Y.cross(-centre).normalize_or(Vec3::X);
    let up = (-centre).cross(right);
    let local = d / cos;
    let (a, b) = (local.dot(right).atan().abs(), local.dot(up).atan().abs());
    let edge = |angle: f32, half: f32| 1.0 - ((angle - half) / soft).clamp(0.0, 1.0);
    let (ea, eb) = (edge(a, half.0), edge(b, half.1));
    let smooth = |t: f32| t * t * (3.0 - 2.0 * t);
    smooth(ea) * smooth(eb)
}

/// A grey room: darker floor, lighter ceiling, a large key soft box in front and to the
/// left, a smaller fill on the right, and a top light.
fn studio_radiance(d: Vec3) -> Vec3 {
    let elevation = d.y;
    let floor = 0.08;
    let walls = 0.22;
    let ceiling = 0.3;
    let base = if elevation < 0.0 {
        walls + (floor - walls) * (-elevation).powf(0.5)
    } else {
        walls + (ceiling - walls) * elevation
    };
    let key = soft_box(d, Vec3::new(-0.6, 0.45, 0.65), (0.35, 0.25), 0.08) * 4.0;
    let fill = soft_box(d, Vec3::new(0.8, 0.2, 0.3), (0.2, 0.3), 0.08) * 1.5;
    let top = soft_box(d, Vec3::new(0.0, 1.0, 0.1), (0.3, 0.3), 0.1) * 2.0;
    Vec3::splat(base + key + fill + top)
}

/// A clear sky: deep blue at the zenith, pale at the horizon, a sun at 40° elevation,
/// and a dim brown ground.
fn sky_radiance(d: Vec3) -> Vec3 {
    let sun = Vec3::new(0.5, 0.64, -0.58).normalize();
    if d.y < 0.0 {
        let ground = Vec3::new(0.16, 0.14, 0.12);
        let horizon = Vec3::new(0.55, 0.6, 0.65);
        return ground.lerp(horizon, (1.0 + d.y * 8.0).clamp(0.0, 1.0));
    }
    let zenith = Vec3::new(0.12, 0.28, 0.75);
    let horizon = Vec3::new(0.65, 0.75, 0.85);
    let sky = horizon.lerp(zenith, d.y.powf(0.5));
    let cos_sun = d.dot(sun).clamp(-1.0, 1.0);
    // A disc of 1.5° radius (wide enough to survive the bake's resolution) and a glow.
    let disc_cos = 1.5f32.to_radians().cos();
    let disc = if cos_sun > disc_cos { 2000.0 } else { 0.0 };
    let glow = 0.6 * ((cos_sun - 1.0) * 40.0).exp();
    sky + Vec3::new(1.0, 0.9, 0.75) * (disc + glow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_files_say_what_they_are_not() {
        let text = |e: EnvironmentError| e.to_string();
        let noise: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let e = text(EquirectImage::decode(Path::new("sky.hdr"), &noise).unwrap_err());
        assert!(
            e.contains("sky.hdr: not a readable Radiance HDR (.hdr) image"),
            "{e}"
        );
        assert!(!e.contains("Format error"), "{e}");
        let e = text(EquirectImage::decode(Path::new("sky.exr"), &noise).unwrap_err());
        assert!(e.contains("not a readable OpenEXR (.exr) image"), "{e}");
        let e = text(EquirectImage::load(Path::new("/nonexistent/sky.hdr")).unwrap_err());
        assert!(e.ends_with("sky.hdr: no such file"), "{e}");
    }

    #[test]
    fn directions_and_sampling_agree() {
        // The centre of the image looks toward -Z, a quarter to the right toward +X.
        assert!(direction(0.5, 0.5).abs_diff_eq(-Vec3::Z, 1e-6));
        assert!(direction(0.75, 0.5).abs_diff_eq(Vec3::X, 1e-6));
        assert!(direction(0.5, 0.0).abs_diff_eq(Vec3::Y, 1e-6));
        // A texel centre reads back its own value.
        let image = EquirectImage::from_fn(16, 8, |d| d * 0.5 + 0.5);
        let (u, v) = ((5.0 + 0.5) / 16.0, (3.0 + 0.5) / 8.0);
        let d = direction(u, v);
        assert!(image.sample(d).abs_diff_eq(d * 0.5 + 0.5, 1e-5));
        assert!(
            EquirectImage::uniform([0.5, 1.0, 2.0])
                .sample(Vec3::new(0.3, -0.8, 0.2).normalize())
                .abs_diff_eq(Vec3::new(0.5, 1.0, 2.0), 1e-6)
        );
    }

    #[test]
    fn sources_parse_and_bad_files_fail_with_their_path() {
        assert_eq!("none".parse(), Ok(EnvironmentSource::None));
        assert_eq!("sky".parse(), Ok(EnvironmentSource::Sky));
        assert_eq!(
            "x.hdr".parse(),
            Ok(EnvironmentSource::File(PathBuf::from("x.hdr")))
        );
        assert!("".parse::<EnvironmentSource>().is_err());
        let missing = EquirectImage::load(Path::new("/nonexistent/room.hdr")).unwrap_err();
        assert!(missing.to_string().contains("/nonexistent/room.hdr"), "{missing}");
        let wrong = EquirectImage::load(Path::new("room.png")).unwrap_err();
        assert!(wrong.to_string().contains("not an .hdr or .exr"), "{wrong}");
    }

    #[test]
    fn procedural_environments_are_finite_and_lit() {
        for image in [EquirectImage::studio(), EquirectImage::sky()] {
            assert!(image.texels.iter().flatten().all(|v| v.is_finite() && *v >= 0.0));
            let brightest = image.texels.iter().map(|t| t[1]).fold(0.0, f32::max);
            assert!(brightest > 1.0, "a bright source: {brightest}");
        }
    }
}

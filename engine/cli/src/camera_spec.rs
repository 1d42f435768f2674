//! The `--camera` option: `auto`, a glTF camera's name, or `eye=x,y,z;target=x,y,z;fov=deg`.

use museion::renderer::ViewCamera;
use museion::scene::Scene;
use museion::scene::glam::Vec3;
use std::str::FromStr;

/// Default vertical field of view, degrees.
pub const DEFAULT_FOV_DEGREES: f32 = 40.0;

/// Where the camera comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum CameraSpec {
    /// Frame the scene's bounds from a three-quarter view.
    Auto,
    /// A camera of the glTF file, by its name or its node's name.
    Named(String),
    /// An explicit placement.
    LookAt {
        /// Eye position.
        eye: Vec3,
        /// Point looked at.
        target: Vec3,
        /// Vertical field of view, degrees.
        fov_degrees: f32,
    },
}

/// A `--camera` value that cannot be understood.
#[derive(Debug, thiserror::Error)]
#[error(
    "invalid camera {input:?}: {reason} (expected auto, a camera name, or eye=x,y,z;target=x,y,z;fov=deg)"
)]
pub struct CameraSpecError {
    input: String,
    reason: String,
}

fn vec3(text: &str) -> Option<Vec3> {
    let parts: Vec<f32> = text
        .split(',')
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    match parts[..] {
        [x, y, z] if x.is_finite() && y.is_finite() && z.is_finite() => Some(Vec3::new(x, y, z)),
        _ => None,
    }
}

impl FromStr for CameraSpec {
    type Err = CameraSpecError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let error = |reason: &str| CameraSpecError {
            input: input.to_owned(),
            reason: reason.to_owned(),
        };
        let text = input.trim();
        if text.is_empty() {
            return Err(error("empty"));
        }
        if text.eq_ignore_ascii_case("auto") {
            return Ok(Self::Auto);
        }
        if !text.contains('=') {
            return Ok(Self::Named(text.to_owned()));
        }
        let (mut eye, mut target, mut fov) = (None, None, DEFAULT_FOV_DEGREES);
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| error(&format!("{part:?} has no '='")))?;
            match key.trim() {
                "eye" => eye = Some(vec3(value).ok_or_else(|| error("eye needs three numbers"))?),
                "target" => target = Some(vec3(value).ok_or_else(|| error("target needs three numbers"))?),
                "fov" => {
                    fov = value
                        .trim()
                        .parse()
                        .ok()
                        .filter(|f: &f32| *f > 0.0 && *f < 180.0)
                        .ok_or_else(|| error("fov must be degrees between 0 and 180"))?;
                }
                other => return Err(error(&format!("unknown key {other:?}"))),
            }
        }
        let eye = eye.ok_or_else(|| error("eye is missing"))?;
        let target = target.ok_or_else(|| error("target is missing"))?;
        if eye.distance(target) < 1e-6 {
            return Err(error("eye and target are the same point"));
        }
        Ok(Self::LookAt {
            eye,
            target,
            fov_degrees: fov,
        })
    }
}

impl CameraSpec {
    /// The camera for `scene` and an output of aspect ratio `aspect`.
    pub fn resolve(&self, scene: &Scene, aspect: f32) -> museion::renderer::Result<ViewCamera> {
        match self {
            Self::Auto => Ok(ViewCamera::frame(
                &scene.stats().bounds,
                DEFAULT_FOV_DEGREES.to_radians(),
                aspect,
            )),
            Self::Named(name) => ViewCamera::scene_camera(scene, name),
            Self::LookAt {
                eye,
                target,
                fov_degrees,
            } => {
                let bounds = scene.stats().bounds;
                let reach = if bounds.is_empty() {
                    1.0
                } else {
                    bounds.half_extents().length()
                };
                let znear = (reach * 1e-3).max(1e-3);
                Ok(ViewCamera::look_at(
                    *eye,
                    *target,
                    fov_degrees.to_radians(),
                    znear,
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!("auto".parse::<CameraSpec>().unwrap(), CameraSpec::Auto);
        assert_eq!(
            "Camera.001".parse::<CameraSpec>().unwrap(),
            CameraSpec::Named("Camera.001".into())
        );
        assert_eq!(
            "eye=1,2,3;target=0,0.5,0;fov=30".parse::<CameraSpec>().unwrap(),
            CameraSpec::LookAt {
                eye: Vec3::new(1.0, 2.0, 3.0),
                target: Vec3::new(0.0, 0.5, 0.0),
                fov_degrees: 30.0
            }
        );
        let default_fov = "eye=0,0,5; target=0,0,0".parse::<CameraSpec>().unwrap();
        assert!(
            matches!(default_fov, CameraSpec::LookAt { fov_degrees, .. } if fov_degrees == DEFAULT_FOV_DEGREES)
        );
        for bad in [
            "",
            "eye=1,2;target=0,0,0",
            "eye=1,2,3",
            "eye=0,0,0;target=0,0,0",
            "eye=1,2,3;target=0,0,0;fov=200",
            "eye=a,b,c;target=0,0,0",
            "eye=1,2,3;target=0,0,0;zoom=2",
        ] {
            assert!(bad.parse::<CameraSpec>().is_err(), "{bad:?}");
        }
    }
}

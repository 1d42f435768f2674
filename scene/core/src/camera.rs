//! Cameras from glTF files.

use glam::Mat4;
use glam::camera::rh::proj::directx;

/// A camera's projection. Cameras look along their node's local -Z axis, +Y up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Projection {
    /// A perspective projection.
    Perspective {
        /// Vertical field of view, radians.
        yfov: f32,
        /// Width over height, or `None` to use the viewport's.
        aspect_ratio: Option<f32>,
        /// Distance to the near plane.
        znear: f32,
        /// Distance to the far plane, or `None` for an infinite projection.
        zfar: Option<f32>,
    },
    /// An orthographic projection.
    Orthographic {
        /// Half the width of the view volume.
        xmag: f32,
        /// Half the height of the view volume.
        ymag: f32,
        /// Distance to the near plane.
        znear: f32,
        /// Distance to the far plane.
        zfar: f32,
    },
}

/// A camera.
#[derive(Clone, Debug, PartialEq)]
pub struct Camera {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// The projection.
    pub projection: Projection,
}

impl Camera {
    /// The projection matrix into wgpu's clip space (depth 0 at near, 1 at far) for a
    /// viewport of the given aspect ratio (used when the camera does not fix one).
    pub fn projection_matrix(&self, viewport_aspect: f32) -> Mat4 {
        match self.projection {
            Projection::Perspective {
                yfov,
                aspect_ratio,
                znear,
                zfar,
            } => {
                let aspect = aspect_ratio.unwrap_or(viewport_aspect);
                match zfar {
                    Some(zfar) => directx::perspective(yfov, aspect, znear, zfar),
                    None => directx::perspective_infinite(yfov, aspect, znear),
                }
            }
            Projection::Orthographic {
                xmag,
                ymag,
                znear,
                zfar,
            } => directx::orthographic(-xmag, xmag, -ymag, ymag, znear, zfar),
        }
    }
}

//! Cameras for rendering: a view matrix and a reverse-Z projection.

use crate::error::{RenderError, Result};
use glam::camera::rh::proj::directx;
use glam::camera::rh::view::look_at_mat4;
use glam::{Mat4, Vec3};
use museion_scene::{Aabb, Scene};

/// How the view volume is shaped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CameraProjection {
    /// Perspective with an infinite far plane.
    Perspective {
        /// Vertical field of view, radians.
        yfov: f32,
        /// Near plane distance.
        znear: f32,
    },
    /// Orthographic.
    Orthographic {
        /// Half the height of the view volume (the width follows the aspect ratio).
        half_height: f32,
        /// Near plane distance.
        znear: f32,
        /// Far plane distance.
        zfar: f32,
    },
}

/// A camera: where it is, where it looks, and its projection. Projections are
/// reverse-Z (depth 1 at the near plane, 0 at the far plane or infinity), which keeps
/// depth precise far away.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewCamera {
    /// World to view transform.
    pub view: Mat4,
    /// The projection.
    pub projection: CameraProjection,
}

impl ViewCamera {
    /// A perspective camera at `eye` looking at `target`, +Y up.
    pub fn look_at(eye: Vec3, target: Vec3, yfov: f32, znear: f32) -> Self {
        let forward = (target - eye).normalize_or(-Vec3::Z);
        // Looking straight up or down: pick another up vector.
        let up = if forward.cross(Vec3::Y).length_squared() < 1e-8 {
            Vec3::Z
        } else {
            Vec3::Y
        };
        Self {
            view: look_at_mat4(eye, target, up),
            projection: CameraProjection::Perspective { yfov, znear },
        }
    }

    /// A perspective camera that frames `bounds` from a three-quarter view (in front,
    /// to the right and above), so the whole box fits at aspect ratio `aspect`.
    pub fn frame(bounds: &Aabb, yfov: f32, aspect: f32) -> Self {
        let (center, radius) = if bounds.is_empty() {
            (Vec3::ZERO, 1.0)
        } else {
            (bounds.center(), bounds.half_extents().length().max(1e-4))
        };
        let (azimuth, elevation) = (35f32.to_radians(), 20f32.to_radians());
        let direction = Vec3::new(
            azimuth.sin() * elevation.cos(),
            elevation.sin(),
            azimuth.cos() * elevation.cos(),
        );
        // The nearest distance at which every corner of the box is inside the view: a
        // corner at p (relative to the centre) needs d ≥ p·back + |p·right| / tan(hfov/2)
        // and d ≥ p·back + |p·up| / tan(vfov/2), with `back` pointing at the camera.
        let back = direction;
        let right = Vec3::Y.cross(back).normalize();
        let up = back.cross(right);
        let (tan_y, tan_x) = ((yfov * 0.5).tan(), (yfov * 0.5).tan() * aspect);
        let corners = if bounds.is_empty() {
            [Vec3::splat(radius); 8]
        } else {
            bounds.corners()
        };
        let distance = corners
            .iter()
            .map(|corner| {
                let p = *corner - center;
                p.dot(back) + (p.dot(right).abs() / tan_x).max(p.dot(up).abs() / tan_y)
            })
            .fold(radius * 0.1, f32::max)
            * 1.05;
        Self::look_at(
            center + direction * distance,
            center,
            yfov,
            (distance - radius).max(distance * 1e-3) * 0.5,
        )
    }

    /// The scene's glTF camera named `name`, placed by its node.
    pub fn scene_camera(scene: &Scene, name: &str) -> Result<Self> {
        let found = scene.nodes().find_map(|(id, node)| {
            let camera = scene.cameras.get(node.camera?.index())?;
            let named = camera.name.as_deref() == Some(name) || node.name.as_deref() == Some(name);
            named.then_some((id, camera))
        });
        let (node, camera) = found.ok_or_else(|| RenderError::UnknownCamera(name.to_owned()))?;
        let world = scene.world_matrix(node).unwrap_or(Mat4::IDENTITY);
        // The camera's view is its node's inverse, without scale.
        let (_, rotation, translation) = world.to_scale_rotation_translation();
        let view = Mat4::from_rotation_translation(rotation, translation).inverse();
        let projection = match camera.projection {
            museion_scene::Projection::Perspective { yfov, znear, .. } => {
                CameraProjection::Perspective { yfov, znear }
            }
            museion_scene::Projection::Orthographic {
                ymag, znear, zfar, ..
            } => CameraProjection::Orthographic {
                half_height: ymag.abs(),
                znear,
                zfar,
            },
        };
        Ok(Self { view, projection })
    }

    /// The eye position in world space.
    pub fn position(&self) -> Vec3 {
        self.view.inverse().transform_point3(Vec3::ZERO)
    }

    /// The reverse-Z projection for a viewport of aspect ratio `aspect`.
    pub fn projection_matrix(&self, aspect: f32) -> Mat4 {
        match self.projection {
            CameraProjection::Perspective { yfov, znear } => {
                directx::perspective_infinite_reverse(yfov, aspect, znear)
            }
            CameraProjection::Orthographic {
                half_height,
                znear,
                zfar,
            } => {
                let half_width = half_height * aspect;
                // Near and far swapped: depth 1 at the near plane.
                directx::orthographic(-half_width, half_width, -half_height, half_height, zfar, znear)
            }
        }
    }

    /// Projection times view.
    pub fn view_projection(&self, aspect: f32) -> Mat4 {
        self.projection_matrix(aspect) * self.view
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_z_puts_the_near_plane_at_one() {
        let camera = ViewCamera::look_at(Vec3::new(0.0, 0.0, 5.0), Vec3::ZERO, 1.0, 0.5);
        let vp = camera.view_projection(1.5);
        let near = vp.project_point3(Vec3::new(0.0, 0.0, 4.5));
        let far = vp.project_point3(Vec3::new(0.0, 0.0, -1.0e6));
        assert!((near.z - 1.0).abs() < 1e-5, "{near}");
        assert!(far.z > 0.0 && far.z < 1e-5, "{far}");
        let ortho = ViewCamera {
            projection: CameraProjection::Orthographic {
                half_height: 2.0,
                znear: 1.0,
                zfar: 9.0,
            },
            ..camera
        };
        let vp = ortho.view_projection(1.0);
        assert!((vp.project_point3(Vec3::new(0.0, 0.0, 4.0)).z - 1.0).abs() < 1e-5);
        assert!(vp.project_point3(Vec3::new(0.0, 0.0, -4.0)).z.abs() < 1e-5);
    }

    #[test]
    fn framing_keeps_every_corner_inside_the_view() {
        let bounds = Aabb::from_corners(Vec3::new(-3.0, 0.0, -1.0), Vec3::new(5.0, 2.0, 4.0));
        for aspect in [0.5, 1.0, 16.0 / 9.0] {
            let camera = ViewCamera::frame(&bounds, 45f32.to_radians(), aspect);
            let vp = camera.view_projection(aspect);
            for corner in bounds.corners() {
                let p = vp.project_point3(corner);
                assert!(
                    p.x.abs() <= 1.0 && p.y.abs() <= 1.0 && p.z > 0.0 && p.z <= 1.0,
                    "{aspect}: {p}"
                );
            }
            // Seen from the front right and above.
            let eye = camera.position();
            assert!(eye.x > bounds.center().x && eye.y > bounds.center().y && eye.z > bounds.center().z);
        }
    }
}

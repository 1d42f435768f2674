//! An orbit camera: it circles a target, zooms toward it and pans across the view.

use museion_renderer::ViewCamera;
use museion_scene::Aabb;
use museion_scene::glam::Vec3;

/// Radians of turn per pixel dragged.
const TURN_PER_PIXEL: f32 = 0.006;
/// Distance factor per wheel step.
const ZOOM_PER_STEP: f32 = 0.88;
/// Pitch stays short of straight up or down, where yaw would be undefined.
const MAX_PITCH: f32 = 1.55;

/// Where the orbit camera is: around `target`, at `distance`, at `yaw` about +Y (0 looks
/// along -Z) and `pitch` above the horizon.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OrbitCamera {
    /// The point circled.
    pub target: Vec3,
    /// Distance from the target.
    pub distance: f32,
    /// Angle about +Y, radians.
    pub yaw: f32,
    /// Angle above the horizon, radians.
    pub pitch: f32,
    /// Vertical field of view, radians.
    pub yfov: f32,
}

impl OrbitCamera {
    /// The three-quarter view that frames `bounds`, like `museion render --camera auto`.
    pub fn framing(bounds: &Aabb, yfov: f32, aspect: f32) -> Self {
        let camera = ViewCamera::frame(bounds, yfov, aspect);
        let eye = camera.position();
        let target = if bounds.is_empty() {
            Vec3::ZERO
        } else {
            bounds.center()
        };
        let offset = eye - target;
        let distance = offset.length().max(1e-4);
        Self {
            target,
            distance,
            yaw: offset.x.atan2(offset.z),
            pitch: (offset.y / distance).clamp(-1.0, 1.0).asin(),
            yfov,
        }
    }

    /// The eye position.
    pub fn eye(&self) -> Vec3 {
        let (sy, cy) = self.yaw.sin_cos();
        let (sp, cp) = self.pitch.sin_cos();
        self.target + Vec3::new(cp * sy, sp, cp * cy) * self.distance
    }

    /// Turns around the target by a mouse drag of `dx`, `dy` pixels.
    pub fn rotate(&mut self, dx: f32, dy: f32) {
        self.yaw -= dx * TURN_PER_PIXEL;
        self.pitch = (self.pitch + dy * TURN_PER_PIXEL).clamp(-MAX_PITCH, MAX_PITCH);
    }

    /// Moves toward (positive steps) or away from the target.
    pub fn zoom(&mut self, steps: f32) {
        self.distance = (self.distance * ZOOM_PER_STEP.powf(steps)).max(1e-4);
    }

    /// Slides the target across the view by a drag of `dx`, `dy` pixels in a viewport
    /// `height` pixels high, so the point under the cursor follows it.
    pub fn pan(&mut self, dx: f32, dy: f32, height: f32) {
        let forward = (self.target - self.eye()).normalize_or(-Vec3::Z);
        let right = forward.cross(Vec3::Y).normalize_or(Vec3::X);
        let up = right.cross(forward);
        let world_per_pixel = 2.0 * self.distance * (self.yfov * 0.5).tan() / height.max(1.0);
        self.target += (-right * dx + up * dy) * world_per_pixel;
    }

    /// The camera to render with.
    pub fn view_camera(&self) -> ViewCamera {
        let znear = (self.distance * 1e-3).max(1e-4);
        ViewCamera::look_at(self.eye(), self.target, self.yfov, znear)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framing_matches_the_automatic_render_camera() {
        let bounds = Aabb::from_corners(Vec3::new(-1.0, 0.0, -2.0), Vec3::new(3.0, 1.0, 2.0));
        let orbit = OrbitCamera::framing(&bounds, 0.7, 1.5);
        let auto = ViewCamera::frame(&bounds, 0.7, 1.5);
        assert!(orbit.eye().abs_diff_eq(auto.position(), 1e-4));
    }

    #[test]
    fn rotating_keeps_the_distance_and_zoom_changes_only_it() {
        let mut orbit = OrbitCamera {
            target: Vec3::new(1.0, 2.0, 3.0),
            distance: 5.0,
            yaw: 0.3,
            pitch: 0.2,
            yfov: 0.8,
        };
        orbit.rotate(120.0, -40.0);
        assert!((orbit.eye().distance(orbit.target) - 5.0).abs() < 1e-4);
        orbit.rotate(0.0, 10_000.0);
        assert!(orbit.pitch <= MAX_PITCH);
        let before = orbit.eye() - orbit.target;
        orbit.zoom(2.0);
        let after = orbit.eye() - orbit.target;
        assert!((after.length() - 5.0 * ZOOM_PER_STEP * ZOOM_PER_STEP).abs() < 1e-4);
        assert!(after.normalize().abs_diff_eq(before.normalize(), 1e-5));
    }

    #[test]
    fn panning_moves_the_target_across_the_view() {
        let mut orbit = OrbitCamera {
            target: Vec3::ZERO,
            distance: 10.0,
            yaw: 0.0,
            pitch: 0.0,
            yfov: 1.0,
        };
        // Camera on +Z looking at the origin: dragging right moves the target left (-X).
        orbit.pan(100.0, 0.0, 500.0);
        assert!(orbit.target.x < 0.0 && orbit.target.y.abs() < 1e-5 && orbit.target.z.abs() < 1e-5);
        let expected = 100.0 * 2.0 * 10.0 * 0.5f32.tan() / 500.0;
        assert!((orbit.target.x + expected).abs() < 1e-4);
    }
}

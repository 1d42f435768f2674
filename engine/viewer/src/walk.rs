//! Walk mode's controls: held keys become the visitor's input, mouse motion turns the
//! head, and the camera sits at the visitor's eyes.

use super::keys::ViewerKey;
use museion_physics::{VisitorInput, VisitorPose, yaw_axes};
use museion_renderer::ViewCamera;
use museion_scene::glam::Vec3;
use museion_venue::VIEW_ZNEAR;

/// Radians of turn per pixel of mouse motion.
const TURN_PER_PIXEL: f32 = 0.003;
/// Looking up or down stops short of vertical, where the heading would be undefined.
const MAX_PITCH: f32 = 1.45;

/// Keys held and the head's pitch; the heading lives in the physics world.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WalkControls {
    forward: bool,
    back: bool,
    left: bool,
    right: bool,
    run: bool,
    /// Radians above the horizon.
    pub pitch: f32,
}

impl WalkControls {
    /// Records a key going down or up; returns whether it is a walking key.
    pub fn key(&mut self, key: ViewerKey, down: bool) -> bool {
        let slot = match key {
            ViewerKey::W => &mut self.forward,
            ViewerKey::S => &mut self.back,
            ViewerKey::A => &mut self.left,
            ViewerKey::D => &mut self.right,
            ViewerKey::Shift => &mut self.run,
            _ => return false,
        };
        *slot = down;
        true
    }

    /// Lets go of every key (the window lost focus: no key-up will come).
    pub fn release_all(&mut self) {
        *self = Self {
            pitch: self.pitch,
            ..Self::default()
        };
    }

    /// What the held keys ask of the visitor.
    pub fn input(&self) -> VisitorInput {
        let axis = |plus: bool, minus: bool| f32::from(u8::from(plus)) - f32::from(u8::from(minus));
        VisitorInput::new(
            axis(self.forward, self.back),
            axis(self.right, self.left),
            self.run,
        )
    }

    /// Turns the head by a mouse motion of `dx`, `dy` pixels; returns the new heading
    /// from `yaw` (moving the mouse right turns right, down looks down).
    pub fn look(&mut self, yaw: f32, dx: f32, dy: f32) -> f32 {
        self.pitch = (self.pitch - dy * TURN_PER_PIXEL).clamp(-MAX_PITCH, MAX_PITCH);
        (yaw - dx * TURN_PER_PIXEL).rem_euclid(std::f32::consts::TAU)
    }

    /// The unit direction of the eyes at heading `yaw`.
    pub fn view_direction(&self, yaw: f32) -> Vec3 {
        let (forward, _) = yaw_axes(yaw);
        let (sin, cos) = self.pitch.sin_cos();
        forward * cos + Vec3::Y * sin
    }

    /// The camera at the visitor's (interpolated) eyes.
    pub fn camera(&self, pose: &VisitorPose, yfov: f32) -> ViewCamera {
        ViewCamera::look_at(
            pose.eye,
            pose.eye + self.view_direction(pose.yaw),
            yfov,
            VIEW_ZNEAR,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_keys_make_the_input_and_opposites_cancel() {
        let mut walk = WalkControls::default();
        assert_eq!(walk.input(), VisitorInput::new(0.0, 0.0, false));
        assert!(walk.key(ViewerKey::W, true));
        assert!(walk.key(ViewerKey::D, true));
        assert!(walk.key(ViewerKey::Shift, true));
        assert_eq!(walk.input(), VisitorInput::new(1.0, 1.0, true));
        walk.key(ViewerKey::S, true);
        walk.key(ViewerKey::A, true);
        assert_eq!(walk.input(), VisitorInput::new(0.0, 0.0, true));
        walk.key(ViewerKey::W, false);
        assert_eq!(walk.input(), VisitorInput::new(-1.0, 0.0, true));
        assert!(!walk.key(ViewerKey::T, true));
        walk.pitch = 0.3;
        walk.release_all();
        assert_eq!(walk.input(), VisitorInput::new(0.0, 0.0, false));
        assert_eq!(walk.pitch, 0.3);
    }

    #[test]
    fn the_mouse_turns_right_and_looks_down_within_limits() {
        let mut walk = WalkControls::default();
        // Yaw 0 looks down -Z; turning right (mouse right) heads toward +X.
        let yaw = walk.look(0.0, 100.0, 0.0);
        let direction = walk.view_direction(yaw);
        assert!(direction.x > 0.2 && direction.z < 0.0, "{direction}");
        walk.look(yaw, 0.0, 50.0);
        assert!(walk.pitch < 0.0 && walk.view_direction(yaw).y < 0.0);
        walk.look(yaw, 0.0, -1e6);
        assert_eq!(walk.pitch, MAX_PITCH);
        assert!((walk.view_direction(yaw).length() - 1.0).abs() < 1e-5);
    }

    #[test]
    fn the_camera_sits_at_the_eyes_looking_along_the_heading() {
        let walk = WalkControls::default();
        let pose = VisitorPose {
            feet: Vec3::new(1.0, 0.0, 2.0),
            eye: Vec3::new(1.0, 1.6, 2.0),
            yaw: std::f32::consts::FRAC_PI_2,
            grounded: true,
        };
        let camera = walk.camera(&pose, 1.0);
        assert!(camera.position().abs_diff_eq(pose.eye, 1e-4));
        // A quarter turn looks down -X: a point ahead lands in front of the camera.
        let ahead = camera.view.transform_point3(pose.eye - Vec3::X * 3.0);
        assert!(ahead.z < -2.9 && ahead.x.abs() < 1e-3, "{ahead}");
    }
}

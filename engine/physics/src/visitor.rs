//! The visitor's body: a capsule moved by rapier's kinematic character controller, and
//! the input that walks it.

use super::error::PhysicsError;
use museion_scene::VisitorSettings;
use museion_scene::glam::Vec3;
use rapier3d::control::{CharacterAutostep, CharacterLength, KinematicCharacterController};
use rapier3d::parry::shape::Capsule;

/// Gap the controller keeps between the capsule and everything else, in metres: small
/// enough not to show, large enough for its shape casts to stay numerically clear.
pub(crate) const SKIN: f32 = 0.02;
/// The visitor's mass for pushing dynamic bodies, in kilograms: an adult.
pub(crate) const MASS_KG: f32 = 75.0;
/// Fastest fall, in metres per second (a skydiver's terminal speed), so a visitor spawned
/// above a hole cannot build up speeds that tunnel through thin floors.
const TERMINAL_SPEED: f32 = 55.0;

/// What the visitor wants to do during the coming steps.
///
/// `forward` and `right` are in the visitor's yaw frame, each in −1 to 1 (keys give ±1, a
/// stick anything between); a combined length above 1 is scaled down so diagonals are not
/// faster.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct VisitorInput {
    /// Forward (+) or back (−).
    pub forward: f32,
    /// Right (+) or left (−).
    pub right: f32,
    /// Run at [`VisitorSettings::run_speed`] instead of walking.
    pub run: bool,
}

impl VisitorInput {
    /// Moving `forward` and `right` (each −1 to 1), running or not.
    pub fn new(forward: f32, right: f32, run: bool) -> Self {
        Self { forward, right, run }
    }

    /// Walking (or running) straight ahead.
    pub fn forward(run: bool) -> Self {
        Self {
            forward: 1.0,
            right: 0.0,
            run,
        }
    }

    /// Refuses axes that are not finite numbers.
    pub(crate) fn validate(&self) -> Result<(), PhysicsError> {
        if self.forward.is_finite() && self.right.is_finite() {
            Ok(())
        } else {
            Err(PhysicsError::InvalidArgument {
                what: "visitor input",
                expected: "finite forward and right axes",
            })
        }
    }
}

/// Where the visitor is, for the camera: feet and eyes, heading, and whether it stands on
/// something.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VisitorPose {
    /// The point between the feet, on the floor when grounded.
    pub feet: Vec3,
    /// The eyes: `feet` raised by [`VisitorSettings::eye_height`].
    pub eye: Vec3,
    /// Heading in radians about +Y; 0 looks down −Z, a quarter turn (π/2) looks down −X.
    pub yaw: f32,
    /// True when the last step ended standing on walkable ground.
    pub grounded: bool,
}

/// The horizontal unit vectors (forward, right) of a heading: yaw 0 faces −Z with +X on
/// the right, as a glTF camera does.
pub fn yaw_axes(yaw: f32) -> (Vec3, Vec3) {
    let (sin, cos) = yaw.sin_cos();
    (Vec3::new(-sin, 0.0, -cos), Vec3::new(cos, 0.0, -sin))
}

/// The checked body and gait, and the shapes built from them.
#[derive(Clone, Debug)]
pub(crate) struct VisitorBody {
    pub settings: VisitorSettings,
    pub capsule: Capsule,
    pub controller: KinematicCharacterController,
    /// Height of the capsule's centre above the feet (skin included).
    pub centre_height: f32,
}

impl VisitorBody {
    /// Checks the settings and builds the capsule and controller.
    pub fn new(settings: VisitorSettings) -> Result<Self, PhysicsError> {
        let s = settings;
        check("radius", s.radius, s.radius > 0.0, "positive")?;
        check(
            "body_height",
            s.body_height,
            s.body_height > 2.0 * s.radius,
            "more than twice the radius",
        )?;
        check(
            "eye_height",
            s.eye_height,
            s.eye_height > 0.0 && s.eye_height <= s.body_height,
            "positive and at most body_height",
        )?;
        check("walk_speed", s.walk_speed, s.walk_speed >= 0.0, "zero or more")?;
        check("run_speed", s.run_speed, s.run_speed >= 0.0, "zero or more")?;
        check(
            "step_height",
            s.step_height,
            s.step_height >= 0.0 && s.step_height < s.body_height - s.radius,
            "zero or more and below body_height minus radius",
        )?;
        check(
            "max_slope_degrees",
            s.max_slope_degrees,
            s.max_slope_degrees > 0.0 && s.max_slope_degrees < 90.0,
            "between 0 and 90",
        )?;
        check("gravity", s.gravity, s.gravity >= 0.0, "zero or more")?;

        let half_segment = 0.5 * s.body_height - s.radius;
        let max_slope = s.max_slope_degrees.to_radians();
        let controller = KinematicCharacterController {
            up: Vec3::Y,
            offset: CharacterLength::Absolute(SKIN),
            slide: true,
            autostep: (s.step_height > 0.0).then_some(CharacterAutostep {
                max_height: CharacterLength::Absolute(s.step_height),
                // Room for the whole capsule on the tread before stepping up.
                min_width: CharacterLength::Absolute(s.radius),
                // Steps are architecture: a pushable ball is pushed, not climbed.
                include_dynamic_bodies: false,
            }),
            max_slope_climb_angle: max_slope,
            min_slope_slide_angle: max_slope,
            // Follow the floor down steps as high as those it climbs, instead of falling.
            snap_to_ground: Some(CharacterLength::Absolute(s.step_height.max(SKIN * 2.0))),
            ..KinematicCharacterController::default()
        };
        Ok(Self {
            settings,
            capsule: Capsule::new_y(half_segment, s.radius),
            controller,
            centre_height: 0.5 * s.body_height + SKIN,
        })
    }

    /// The horizontal velocity the input asks for, in metres per second.
    pub fn horizontal_velocity(&self, input: &VisitorInput, yaw: f32) -> Vec3 {
        let (forward, right) = yaw_axes(yaw);
        let wish = forward * input.forward + right * input.right;
        let wish = if wish.length_squared() > 1.0 {
            wish.normalize_or_zero()
        } else {
            wish
        };
        let speed = if input.run {
            self.settings.run_speed
        } else {
            self.settings.walk_speed
        };
        wish * speed
    }

    /// The vertical speed after one step of gravity, clamped at terminal speed.
    pub fn fall(&self, vertical_speed: f32, dt: f32) -> f32 {
        (vertical_speed - self.settings.gravity * dt).max(-TERMINAL_SPEED)
    }
}

fn check(field: &'static str, value: f32, ok: bool, expected: &'static str) -> Result<(), PhysicsError> {
    if value.is_finite() && ok {
        Ok(())
    } else {
        Err(PhysicsError::InvalidVisitor {
            field,
            value,
            expected,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f32::consts::FRAC_PI_2;

    #[test]
    fn yaw_turns_forward_counter_clockwise_seen_from_above() {
        let (forward, right) = yaw_axes(0.0);
        assert!(forward.abs_diff_eq(Vec3::NEG_Z, 1e-6) && right.abs_diff_eq(Vec3::X, 1e-6));
        let (forward, right) = yaw_axes(FRAC_PI_2);
        assert!(forward.abs_diff_eq(Vec3::NEG_X, 1e-6), "{forward}");
        assert!(right.abs_diff_eq(Vec3::NEG_Z, 1e-6), "{right}");
        // Right is forward × up, always.
        let (forward, right) = yaw_axes(0.7);
        assert!(forward.cross(Vec3::Y).abs_diff_eq(right, 1e-6));
    }

    #[test]
    fn diagonals_are_not_faster_and_running_is() {
        let body = VisitorBody::new(VisitorSettings::default()).expect("default settings");
        let diagonal = VisitorInput {
            forward: 1.0,
            right: 1.0,
            run: false,
        };
        let speed = body.horizontal_velocity(&diagonal, 0.3).length();
        assert!((speed - 1.4).abs() < 1e-5, "{speed}");
        let slow = VisitorInput {
            forward: 0.5,
            right: 0.0,
            run: false,
        };
        assert!((body.horizontal_velocity(&slow, 0.0).length() - 0.7).abs() < 1e-5);
        assert!(
            (body
                .horizontal_velocity(&VisitorInput::forward(true), 0.0)
                .length()
                - 3.5)
                .abs()
                < 1e-5
        );
    }

    #[test]
    fn out_of_range_settings_name_the_field() {
        let bad = [
            (
                VisitorSettings {
                    radius: 1.0,
                    ..Default::default()
                },
                "body_height",
            ),
            (
                VisitorSettings {
                    max_slope_degrees: 90.0,
                    ..Default::default()
                },
                "max_slope_degrees",
            ),
            (
                VisitorSettings {
                    gravity: f32::NAN,
                    ..Default::default()
                },
                "gravity",
            ),
            (
                VisitorSettings {
                    eye_height: 2.0,
                    ..Default::default()
                },
                "eye_height",
            ),
        ];
        for (settings, expected) in bad {
            match VisitorBody::new(settings) {
                Err(PhysicsError::InvalidVisitor { field, .. }) => assert_eq!(field, expected),
                other => panic!("{expected}: {other:?}"),
            }
        }
        let body = VisitorBody::new(VisitorSettings::default()).expect("default settings");
        // The capsule is as tall as the body: 2 × (half segment + radius).
        assert!((2.0 * (body.capsule.half_height() + body.capsule.radius) - 1.8).abs() < 1e-5);
    }

    #[test]
    fn falling_stops_at_terminal_speed() {
        let body = VisitorBody::new(VisitorSettings::default()).expect("default settings");
        let mut speed = 0.0;
        for _ in 0..10_000 {
            speed = body.fall(speed, 1.0 / 60.0);
        }
        assert_eq!(speed, -TERMINAL_SPEED);
        assert!((body.fall(0.0, 0.5) + 4.905).abs() < 1e-4);
    }
}

//! A visitor's view of a venue: where their eyes are at a spawn point and how near
//! they see, and which files are venue files.

use crate::Spawn;
use museion_scene::VisitorSettings;
use museion_scene::glam::Vec3;
use std::path::Path;

/// Nearest distance drawn in a visitor's view of a venue, metres: less than an arm's
/// length, so that a label can be read with the nose on the glass.
pub const VIEW_ZNEAR: f32 = 0.05;

/// Whether `path` names a venue file (`.toml`), as opposed to a glTF scene that can
/// also be loaded as a venue.
pub fn is_venue_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// Where a visitor standing at `spawn` has their eyes, and a point 1 m ahead of them at
/// the same height (what they look at).
pub fn spawn_view(spawn: &Spawn, visitor: &VisitorSettings) -> (Vec3, Vec3) {
    let eye = spawn.position + Vec3::Y * visitor.eye_height;
    (eye, eye + spawn.forward())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spawn_view_is_at_eye_height_looking_along_the_heading() {
        let spawn = Spawn {
            id: "door".into(),
            position: Vec3::new(5.0, 0.15, 1.0),
            // 90 degrees looks toward -x.
            yaw: std::f32::consts::FRAC_PI_2,
        };
        let visitor = VisitorSettings {
            eye_height: 1.6,
            ..VisitorSettings::default()
        };
        let (eye, target) = spawn_view(&spawn, &visitor);
        assert!(eye.distance(Vec3::new(5.0, 1.75, 1.0)) < 1e-5, "{eye}");
        assert!((target - eye).distance(-Vec3::X) < 1e-5, "{target}");
    }
}

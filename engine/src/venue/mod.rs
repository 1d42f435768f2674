//! Venues at run time: the venue types of [`museion_scene::venue`] (re-exported here),
//! hot reload of a venue while it is being edited ([`VenueReloader`]), guided tours as
//! continuous camera paths ([`TourPath`]), and the renderer settings and camera poses a
//! venue asks for.
//!
//! ```no_run
//! use museion::venue::{self, TourPath};
//!
//! let venue = venue::load("museum/venue.toml")?;
//! let settings = venue::environment_settings(&venue.environment);
//! if let Some(tour) = venue.tours.first() {
//!     let path = TourPath::new(tour)?;
//!     let halfway = path.sample(path.duration() / 2.0);
//!     println!("at {} looking at {}", halfway.eye, halfway.target);
//! }
//! # let _ = settings;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod curve;
mod reload;
mod tour;
mod watch;

pub use museion_scene::venue::*;
pub use reload::{RELOAD_DEBOUNCE, ReloadEvent, VenueReloader};
pub use tour::{MIN_TRAVEL_SECONDS, TourError, TourPath, TourSample, WALKING_PACE};

use museion_renderer::EnvironmentSettings;
use museion_renderer::EnvironmentSource as RendererSource;
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

/// The renderer environment a venue asks for: its source and intensity, unturned, with
/// no skybox (venues are interiors; the background shows only through openings to the
/// outside).
pub fn environment_settings(choice: &EnvironmentChoice) -> EnvironmentSettings {
    let source = match &choice.source {
        EnvironmentSource::None => RendererSource::None,
        EnvironmentSource::Studio => RendererSource::Studio,
        EnvironmentSource::Sky => RendererSource::Sky,
        EnvironmentSource::File(path) => RendererSource::File(path.clone()),
    };
    EnvironmentSettings {
        source,
        intensity: choice.intensity,
        ..EnvironmentSettings::default()
    }
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
    fn every_venue_environment_maps_to_the_renderer_one() {
        let cases = [
            (EnvironmentSource::None, RendererSource::None),
            (EnvironmentSource::Studio, RendererSource::Studio),
            (EnvironmentSource::Sky, RendererSource::Sky),
            (
                EnvironmentSource::File("hall.hdr".into()),
                RendererSource::File("hall.hdr".into()),
            ),
        ];
        for (venue_source, renderer_source) in cases {
            let settings = environment_settings(&EnvironmentChoice {
                source: venue_source,
                intensity: 0.6,
            });
            assert_eq!(settings.source, renderer_source);
            assert_eq!(settings.intensity, 0.6);
            assert!(!settings.skybox);
        }
    }

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

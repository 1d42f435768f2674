//! The environment light a scene asks for: plain data, which a renderer turns into its
//! own settings.

use std::path::PathBuf;

/// The environment light source a scene asks for (a venue names one in its file).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum EnvironmentSource {
    /// No environment light.
    None,
    /// The renderer's built-in photo studio.
    #[default]
    Studio,
    /// The renderer's built-in daylight sky.
    Sky,
    /// An equirectangular `.hdr` or `.exr` file.
    File(PathBuf),
}

/// The environment light and its strength.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvironmentChoice {
    /// Which environment.
    pub source: EnvironmentSource,
    /// Multiplier of its light.
    pub intensity: f32,
}

impl Default for EnvironmentChoice {
    fn default() -> Self {
        Self {
            source: EnvironmentSource::Studio,
            intensity: 1.0,
        }
    }
}

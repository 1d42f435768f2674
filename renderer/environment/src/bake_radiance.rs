//! The environment as a light bake traces it (feature `bake`): the same image the
//! renderer lights with, as museion-bake's [`EnvironmentRadiance`].

use crate::error::Result;
use crate::source::{EnvironmentSource, EquirectImage};
use museion_bake::EnvironmentRadiance;

/// The radiance of `source` times `intensity` by direction, unturned (as a venue's
/// environment lights it), identified for the bake's cache by the image's texels and the
/// intensity; `None` for [`EnvironmentSource::None`]. A file is read and decoded (errors
/// name it).
pub fn bake_radiance(source: &EnvironmentSource, intensity: f32) -> Result<Option<EnvironmentRadiance>> {
    Ok(EquirectImage::of_source(source)?.map(|image| {
        let mut identity = image.identity();
        identity.extend_from_slice(&intensity.to_le_bytes());
        EnvironmentRadiance::new(identity, move |d| image.sample(d) * intensity)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use glam::Vec3;

    #[test]
    fn the_bake_sees_the_environment_the_renderer_lights_with() {
        assert!(bake_radiance(&EnvironmentSource::None, 1.0).unwrap().is_none());
        let grey = bake_radiance(&EnvironmentSource::Uniform([0.5, 0.25, 0.125]), 2.0)
            .unwrap()
            .unwrap();
        assert!((grey.radiance(Vec3::Y) - Vec3::new(1.0, 0.5, 0.25)).length() < 1e-5);
        let dimmer = bake_radiance(&EnvironmentSource::Uniform([0.5, 0.25, 0.125]), 1.0)
            .unwrap()
            .unwrap();
        assert_ne!(grey.identity(), dimmer.identity());
        let sky = bake_radiance(&EnvironmentSource::Sky, 1.0).unwrap().unwrap();
        assert!(sky.radiance(Vec3::Y).max_element() > sky.radiance(Vec3::NEG_Y).max_element());
    }
}

//! The venue's environment as the lux report counts it: its illuminance on a surface,
//! integrated on the CPU ([`EnvironmentLux`]) from the image the renderer bakes its
//! irradiance cube from.

use museion::renderer::EnvironmentSettings;
use museion::renderer::environment::{EnvironmentError, EnvironmentLux};
use museion::scene::EnvironmentChoice;
use museion::venue::EnvironmentIlluminance;

/// The illuminance the venue's environment gives a surface facing any direction, lux,
/// or `None` for `environment = "none"`: the cosine-weighted integral of the image's
/// luminance (Rec. 709) over the hemisphere the surface faces, times the venue's
/// `environment_intensity` — what the renderer's irradiance cube holds, and how it
/// shades with it (unturned, unshadowed).
pub fn environment_illuminance(
    choice: &EnvironmentChoice,
) -> Result<Option<EnvironmentIlluminance>, EnvironmentError> {
    let settings = EnvironmentSettings::from(choice);
    Ok(EnvironmentLux::of_source(&settings.source, settings.intensity)?
        .map(|lux| EnvironmentIlluminance::new(move |normal| lux.illuminance(normal))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion::scene::EnvironmentSource;
    use museion::scene::glam::Vec3;

    fn close(a: f32, b: f32, tolerance: f32) -> bool {
        (a - b).abs() <= tolerance * b.abs().max(1e-3)
    }

    #[test]
    fn the_venue_environments_are_read_as_the_renderer_reads_them() {
        let none = EnvironmentChoice {
            source: EnvironmentSource::None,
            intensity: 1.0,
        };
        assert!(environment_illuminance(&none).unwrap().is_none());
        let studio = EnvironmentChoice::default();
        let lux = environment_illuminance(&studio).unwrap().unwrap();
        // The studio's walls are about 0.22 cd/m², its soft boxes brighter: a few lux.
        let up = lux.illuminance(Vec3::Y);
        assert!(up > 0.5 && up < 10.0, "{up}");
        let half = EnvironmentChoice {
            intensity: 0.5,
            ..studio
        };
        let halved = environment_illuminance(&half)
            .unwrap()
            .unwrap()
            .illuminance(Vec3::Y);
        assert!(close(halved, up * 0.5, 1e-4));
        let missing = EnvironmentChoice {
            source: EnvironmentSource::File("no-such-environment.hdr".into()),
            intensity: 1.0,
        };
        assert!(environment_illuminance(&missing).is_err());
    }
}

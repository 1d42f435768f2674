//! How frames are drawn: the renderer's settings, and the checks they must pass.

use crate::ambient_occlusion::AoSettings;
use crate::culling::CullSettings;
use crate::error::{RenderError, Result};
use crate::exposure::Exposure;
use crate::lighting::EnvironmentSettings;
use crate::shading_view::ShadingView;
use crate::shadows::ShadowSettings;
use crate::tonemap::Tonemapper;
use museion_environment::EnvironmentSource;
use museion_gpu::formats::{DEPTH_FORMAT, HDR_FORMAT, TargetLayout};
use museion_gpu::{GpuContext, GpuError};

/// How frames are drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderSettings {
    /// Samples per pixel: 1 or 4.
    pub msaa: u32,
    /// The tone mapper.
    pub tonemap: Tonemapper,
    /// Exposure compensation in stops (EV), on top of `exposure`: radiance is also
    /// scaled by 2^EV.
    pub exposure_ev: f32,
    /// The camera's physical exposure: scene-referred (scale 1, the default), an EV100,
    /// aperture, shutter and ISO, or automatic (see [`crate::exposure`]).
    pub exposure: Exposure,
    /// Background colour where nothing is drawn, sRGB components in 0..=1.
    pub background: [f32; 3],
    /// Image-based lighting: the environment, its intensity and rotation, and whether
    /// it is drawn behind the scene.
    pub environment: EnvironmentSettings,
    /// Multiple-scattering energy compensation of the specular lobe (rough metals
    /// keep their brightness).
    pub multiscatter: bool,
    /// Shadow maps: on or off, resolution, budget, cascades, filtering and bias.
    pub shadows: ShadowSettings,
    /// Screen-space ambient occlusion of the environment's light (off by default; the
    /// viewer turns it on).
    pub ambient_occlusion: AoSettings,
    /// Instance culling: mode, levels of detail, small objects.
    pub culling: CullSettings,
    /// Clustered lighting: on or off, tile size, depth slices, lights per cluster.
    pub clusters: crate::ClusterSettings,
    /// Also write an instance-id buffer (see
    /// [`Renderer::read_instance_ids`](crate::Renderer::read_instance_ids)); needs `msaa: 1`.
    pub instance_ids: bool,
    /// What surfaces show: their shaded colour (the default) or their illuminance in
    /// false colour.
    pub view: ShadingView,
}

impl Default for RenderSettings {
    fn default() -> Self {
        Self {
            msaa: 4,
            tonemap: Tonemapper::PbrNeutral,
            exposure_ev: 0.0,
            exposure: Exposure::Scene,
            background: [0.18, 0.18, 0.19],
            environment: EnvironmentSettings::default(),
            multiscatter: true,
            shadows: ShadowSettings::default(),
            ambient_occlusion: AoSettings::default(),
            culling: CullSettings::default(),
            clusters: crate::ClusterSettings::default(),
            instance_ids: false,
            view: ShadingView::Normal,
        }
    }
}

impl RenderSettings {
    /// The layout of the main targets: samples per pixel and the instance-id target.
    pub(crate) fn target_layout(&self) -> TargetLayout {
        TargetLayout {
            samples: self.msaa,
            instance_ids: self.instance_ids,
        }
    }

    /// The background colour in linear light.
    pub(crate) fn linear_background(&self) -> [f32; 3] {
        self.background.map(srgb_to_linear)
    }

    /// The settings a frame is drawn with. The illuminance view's false colours pass
    /// through untouched: no exposure (automatic exposure keeps its state for when the
    /// view returns), no tone curve, and the background instead of a skybox (the
    /// environment's radiance is not an illuminance).
    pub(crate) fn for_frame(&self) -> RenderSettings {
        let mut settings = self.clone();
        if settings.view.is_illuminance() {
            settings.exposure = Exposure::Scene;
            settings.exposure_ev = 0.0;
            settings.tonemap = Tonemapper::None;
            settings.environment.skybox = false;
        }
        settings
    }

    /// Checks the settings can be drawn with on `ctx`'s device.
    pub(crate) fn check(&self, ctx: &GpuContext) -> Result<()> {
        check_settings(ctx, self)
    }
}

fn srgb_to_linear(c: f32) -> f32 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn check_settings(ctx: &GpuContext, settings: &RenderSettings) -> Result<()> {
    if !matches!(settings.msaa, 1 | 4) {
        return Err(RenderError::InvalidSetting(format!(
            "msaa {} (1 or 4)",
            settings.msaa
        )));
    }
    if settings.instance_ids && settings.msaa != 1 {
        return Err(RenderError::InvalidSetting(
            "an instance-id buffer needs msaa 1".into(),
        ));
    }
    if !(settings.culling.small_object_pixels >= 0.0 && settings.culling.small_object_pixels.is_finite()) {
        return Err(RenderError::InvalidSetting(format!(
            "small_object_pixels {} (a finite number of pixels, 0 or more)",
            settings.culling.small_object_pixels
        )));
    }
    if !settings.exposure_ev.is_finite() || settings.background.iter().any(|c| !c.is_finite()) {
        return Err(RenderError::InvalidSetting(
            "exposure and background must be finite".into(),
        ));
    }
    settings.exposure.check()?;
    settings.ambient_occlusion.check()?;
    let environment = &settings.environment;
    let valid = environment.intensity.is_finite()
        && environment.intensity >= 0.0
        && environment.rotation_degrees.is_finite();
    if !valid {
        return Err(RenderError::InvalidSetting(format!(
            "environment intensity {} (must be 0 or more) and rotation {} must be finite",
            environment.intensity, environment.rotation_degrees
        )));
    }
    let limits = ctx.device.limits();
    let problems = shadow_problems(
        &settings.shadows,
        limits.max_texture_dimension_2d,
        limits.max_texture_array_layers,
    );
    if !problems.is_empty() {
        return Err(RenderError::InvalidSetting(problems.join("; ")));
    }
    if let EnvironmentSource::Uniform(rgb) = environment.source
        && rgb.iter().any(|c| !c.is_finite() || *c < 0.0)
    {
        return Err(RenderError::InvalidSetting(format!(
            "uniform environment {rgb:?}: components must be finite and 0 or more"
        )));
    }
    for format in [HDR_FORMAT, DEPTH_FORMAT] {
        let flags = ctx.adapter.get_texture_format_features(format).flags;
        if !flags.sample_count_supported(settings.msaa) {
            return Err(RenderError::Gpu(GpuError::Unsupported {
                adapter: ctx.info.name.clone(),
                missing: format!("{}× multisampling of {format:?}", settings.msaa),
            }));
        }
    }
    Ok(())
}

/// What is wrong with `shadows` on a device of `max` texels a side and `layers` array
/// layers, one phrase per setting out of range (none when shadows are off).
fn shadow_problems(shadows: &ShadowSettings, max: u32, layers: u32) -> Vec<String> {
    let mut problems = Vec::new();
    if !shadows.enabled {
        return problems;
    }
    if !(1..=max).contains(&shadows.resolution) {
        problems.push(format!(
            "shadow resolution {} (must be 1 to {max} on this device)",
            shadows.resolution
        ));
    }
    if !(1..=layers).contains(&shadows.max_maps) {
        problems.push(format!(
            "{} shadow maps (must be 1 to {layers})",
            shadows.max_maps
        ));
    }
    if !(1..=4).contains(&shadows.cascades) {
        problems.push(format!("{} shadow cascades (must be 1 to 4)", shadows.cascades));
    }
    let numbers = [
        ("shadow distance", shadows.max_distance),
        ("shadow filter radius", shadows.pcf_radius),
        ("shadow normal offset", shadows.normal_offset),
        ("shadow slope bias", shadows.slope_bias),
    ];
    for (name, value) in numbers {
        if !value.is_finite() || value < 0.0 {
            problems.push(format!("{name} {value} (must be finite and 0 or more)"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shadow_settings_out_of_range_are_named_one_by_one() {
        let fine = ShadowSettings::default();
        assert!(shadow_problems(&fine, 8192, 256).is_empty());
        let bad = ShadowSettings {
            resolution: 0,
            cascades: 9,
            pcf_radius: f32::NAN,
            ..fine
        };
        let problems = shadow_problems(&bad, 8192, 256);
        assert_eq!(
            problems,
            [
                "shadow resolution 0 (must be 1 to 8192 on this device)",
                "9 shadow cascades (must be 1 to 4)",
                "shadow filter radius NaN (must be finite and 0 or more)",
            ]
        );
        // No struct dump reaches the user.
        assert!(problems.iter().all(|p| !p.contains('{')), "{problems:?}");
        let off = ShadowSettings {
            enabled: false,
            ..bad
        };
        assert!(shadow_problems(&off, 8192, 256).is_empty());
    }
}

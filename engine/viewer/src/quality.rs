//! How much the viewer draws per frame: the render scale and the settings it lightens on
//! a CPU adapter (Mesa's lavapipe takes seconds for a 1280×720 frame of a venue at full
//! quality), unless the command line chose them.

use museion_renderer::RenderSettings;
use museion_renderer::wgpu::DeviceType;

/// The smallest render scale: below it the frame is too coarse to read labels by.
pub const MIN_RENDER_SCALE: f32 = 0.25;
/// The render scale on a CPU adapter when none is asked for: a quarter of the pixels.
pub const CPU_RENDER_SCALE: f32 = 0.5;

/// What the command line chose explicitly; `None` leaves it to the viewer, which
/// lightens it on a CPU adapter.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QualityOptions {
    /// The 3D frame's size over the window's, [`MIN_RENDER_SCALE`] to 1
    /// (`--render-scale`); the overlay is always drawn at the window's size.
    pub render_scale: Option<f32>,
    /// Screen-space ambient occlusion on or off (`--ao`, `--no-ao`).
    pub ambient_occlusion: Option<bool>,
    /// Samples per pixel (`--msaa`).
    pub msaa: Option<u32>,
}

impl QualityOptions {
    /// Whether the render scale asked for is usable.
    pub fn check(&self) -> Result<(), f32> {
        match self.render_scale {
            Some(scale) if !(MIN_RENDER_SCALE..=1.0).contains(&scale) => Err(scale),
            _ => Ok(()),
        }
    }
}

/// What the viewer draws with on its adapter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quality {
    /// The 3D frame's size over the window's.
    pub render_scale: f32,
    /// Whether the render scale is the lighter default of a CPU adapter.
    pub lightened_scale: bool,
    /// Ambient occlusion turned off as a lighter default.
    pub ambient_occlusion_off: bool,
    /// Samples per pixel set as a lighter default.
    pub msaa: Option<u32>,
}

/// One thing the viewer lightened on a CPU adapter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lightened {
    /// The 3D frame drawn at this share of the window's size.
    RenderScale(f32),
    /// No ambient occlusion.
    AmbientOcclusionOff,
    /// This many samples per pixel.
    Msaa(u32),
}

impl Lightened {
    /// In the log's words.
    pub fn describe(self) -> String {
        match self {
            Self::RenderScale(scale) => format!("render scale {scale}"),
            Self::AmbientOcclusionOff => "ambient occlusion off".to_owned(),
            Self::Msaa(samples) => format!("MSAA {samples}"),
        }
    }

    /// The option that draws at full quality instead.
    pub fn override_option(self) -> &'static str {
        match self {
            Self::RenderScale(_) => "--render-scale 1",
            Self::AmbientOcclusionOff => "--ao",
            Self::Msaa(_) => "--msaa 4",
        }
    }
}

impl Quality {
    /// The quality for an adapter of `device`: on a CPU device, whatever `options` leave
    /// open is lightened (render scale [`CPU_RENDER_SCALE`], ambient occlusion off, no
    /// multisampling); an explicit option always wins. On a GPU, the options' and the
    /// settings' own choices.
    pub fn choose(device: DeviceType, options: &QualityOptions) -> Self {
        let cpu = device == DeviceType::Cpu;
        let lightened_scale = cpu && options.render_scale.is_none();
        Self {
            render_scale: options.render_scale.unwrap_or(if lightened_scale {
                CPU_RENDER_SCALE
            } else {
                1.0
            }),
            lightened_scale,
            ambient_occlusion_off: cpu && options.ambient_occlusion.is_none(),
            msaa: (cpu && options.msaa.is_none()).then_some(1),
        }
    }

    /// Applies the lighter defaults to `settings`.
    pub fn apply(&self, settings: &mut RenderSettings) {
        if self.ambient_occlusion_off {
            settings.ambient_occlusion.enabled = false;
        }
        if let Some(msaa) = self.msaa {
            settings.msaa = msaa;
        }
    }

    /// What was lightened, in the order the log names it.
    pub fn lightened(&self) -> Vec<Lightened> {
        let mut what = Vec::new();
        if self.lightened_scale {
            what.push(Lightened::RenderScale(self.render_scale));
        }
        if self.ambient_occlusion_off {
            what.push(Lightened::AmbientOcclusionOff);
        }
        if let Some(msaa) = self.msaa {
            what.push(Lightened::Msaa(msaa));
        }
        what
    }

    /// The log's line about the lighter defaults; `None` when nothing was lightened.
    pub fn log_line(&self, adapter: &str) -> Option<String> {
        let lightened = self.lightened();
        if lightened.is_empty() {
            return None;
        }
        let what: Vec<String> = lightened.iter().map(|l| l.describe()).collect();
        let options: Vec<&str> = lightened.iter().map(|l| l.override_option()).collect();
        Some(format!(
            "viewer: {adapter} is a CPU adapter: lighter defaults: {}; {} draw at full quality",
            what.join(", "),
            options.join(" ")
        ))
    }
}

/// The size of the 3D frame for a window of `size` at `scale`: each side scaled and
/// rounded, at least 1.
pub fn scaled_size(size: (u32, u32), scale: f32) -> (u32, u32) {
    let side = |s: u32| ((s as f32 * scale).round() as u32).max(1);
    (side(size.0), side(size.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cpu_adapter_with_no_options_draws_lighter() {
        let quality = Quality::choose(DeviceType::Cpu, &QualityOptions::default());
        assert_eq!(quality.render_scale, CPU_RENDER_SCALE);
        let mut settings = RenderSettings::default();
        settings.ambient_occlusion.enabled = true;
        quality.apply(&mut settings);
        assert!(!settings.ambient_occlusion.enabled);
        assert_eq!(settings.msaa, 1);
        assert_eq!(
            quality.lightened(),
            vec![
                Lightened::RenderScale(CPU_RENDER_SCALE),
                Lightened::AmbientOcclusionOff,
                Lightened::Msaa(1)
            ]
        );
        let line = quality.log_line("llvmpipe").unwrap_or_default();
        assert!(
            line.contains("render scale 0.5") && line.contains("--render-scale 1 --ao --msaa 4"),
            "{line}"
        );
    }

    #[test]
    fn explicit_options_win_over_the_cpu_defaults() {
        let options = QualityOptions {
            render_scale: Some(0.75),
            ambient_occlusion: Some(true),
            msaa: Some(4),
        };
        let quality = Quality::choose(DeviceType::Cpu, &options);
        assert_eq!(quality.render_scale, 0.75);
        let mut settings = RenderSettings::default();
        settings.ambient_occlusion.enabled = true;
        let before = settings.clone();
        quality.apply(&mut settings);
        assert_eq!(settings, before);
        assert!(quality.lightened().is_empty());
        assert_eq!(quality.log_line("llvmpipe"), None);
        // One option given: the others are still lightened.
        let partly = Quality::choose(
            DeviceType::Cpu,
            &QualityOptions {
                ambient_occlusion: Some(true),
                ..QualityOptions::default()
            },
        );
        assert_eq!(
            partly.lightened(),
            vec![Lightened::RenderScale(CPU_RENDER_SCALE), Lightened::Msaa(1)]
        );
    }

    #[test]
    fn a_gpu_keeps_full_quality() {
        for device in [
            DeviceType::DiscreteGpu,
            DeviceType::IntegratedGpu,
            DeviceType::VirtualGpu,
        ] {
            let quality = Quality::choose(device, &QualityOptions::default());
            assert_eq!(quality.render_scale, 1.0);
            assert!(quality.lightened().is_empty());
            let mut settings = RenderSettings::default();
            quality.apply(&mut settings);
            assert_eq!(settings, RenderSettings::default());
        }
        let scaled = Quality::choose(
            DeviceType::DiscreteGpu,
            &QualityOptions {
                render_scale: Some(0.5),
                ..QualityOptions::default()
            },
        );
        assert_eq!(scaled.render_scale, 0.5);
        assert!(scaled.lightened().is_empty());
    }

    #[test]
    fn render_scales_are_checked_and_sizes_rounded() {
        let with = |scale| QualityOptions {
            render_scale: Some(scale),
            ..QualityOptions::default()
        };
        assert!(with(0.25).check().is_ok() && with(1.0).check().is_ok());
        assert_eq!(with(0.2).check(), Err(0.2));
        assert_eq!(with(1.5).check(), Err(1.5));
        assert!(with(f32::NAN).check().is_err());
        assert_eq!(scaled_size((1280, 720), 0.5), (640, 360));
        assert_eq!(scaled_size((1281, 721), 0.5), (641, 361));
        assert_eq!(scaled_size((1, 1), 0.25), (1, 1));
    }
}

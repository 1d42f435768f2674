//! Shading options shared by the subcommands that draw.

use museion::renderer::{
    ClusterSettings, CullMode, EnvironmentSettings, EnvironmentSource, Exposure, RenderSettings, Tonemapper,
};
use museion_cli::options::{parse_camera_exposure, parse_color, parse_msaa};

/// Samples per pixel when `--msaa` is not given.
const DEFAULT_MSAA: u32 = 4;

/// How frames are shaded.
#[derive(clap::Args)]
pub struct ShadingArgs {
    /// Tone mapping: neutral (Khronos PBR Neutral), aces, agx or none.
    #[arg(long, default_value = "neutral")]
    tonemap: Tonemapper,
    /// Exposure compensation in stops, on top of the physical exposure.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    exposure: f32,
    /// Physical exposure as an exposure value at ISO 100 (radiance scaled by
    /// 1 / (1.2 * 2^EV100)). Without any exposure option, scene radiance is shown as it
    /// is unless the scene meters more than 5 stops away from that (lights in real-world
    /// units, such as a sun of thousands of lux): then the metered exposure is used.
    #[arg(long, allow_negative_numbers = true, conflicts_with_all = ["camera_exposure", "auto_exposure", "scene_radiance"])]
    ev100: Option<f32>,
    /// Physical exposure from camera settings APERTURE,SHUTTER,ISO (f-number, seconds,
    /// ISO), for example 16,0.01,100.
    #[arg(long, value_parser = parse_camera_exposure, conflicts_with_all = ["auto_exposure", "scene_radiance"])]
    camera_exposure: Option<(f32, f32, f32)>,
    /// Automatic exposure from the frame's luminance histogram (middle grey 0.18).
    #[arg(long, conflicts_with = "scene_radiance")]
    auto_exposure: bool,
    /// Show scene radiance as it is (exposure scale 1), however bright the scene.
    #[arg(long)]
    scene_radiance: bool,
    /// Samples per pixel: 1 or 4 [default: 4; `view` on a CPU adapter: 1].
    #[arg(long, value_parser = parse_msaa)]
    msaa: Option<u32>,
    /// Background colour r,g,b (sRGB, 0-1 or 0-255), where the skybox is not shown.
    #[arg(long, value_parser = parse_color)]
    background: Option<[f32; 3]>,
    /// Environment light: an equirectangular .hdr or .exr file, studio, sky or none.
    #[arg(long, default_value = "studio")]
    env: EnvironmentSource,
    /// Scale of the environment's radiance.
    #[arg(long, default_value_t = 1.0)]
    env_intensity: f32,
    /// Turn of the environment about the vertical axis, degrees.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    env_rotation: f32,
    /// Show the environment behind the scene instead of the background colour.
    #[arg(long)]
    skybox: bool,
    /// Turn off multiple-scattering energy compensation (the plain glTF BRDF).
    #[arg(long)]
    no_multiscatter: bool,
    /// Turn shadows off.
    #[arg(long)]
    no_shadows: bool,
    /// Texels along a side of each shadow map.
    #[arg(long, default_value_t = 2048)]
    shadow_resolution: u32,
    /// Turn screen-space ambient occlusion on (the default of `view`, except on a CPU
    /// adapter).
    #[arg(long, conflicts_with = "no_ao")]
    ao: bool,
    /// Turn screen-space ambient occlusion off.
    #[arg(long)]
    no_ao: bool,
    /// Reach of ambient occlusion in metres: occluders farther away do not darken.
    #[arg(long, default_value_t = 0.75)]
    ao_radius: f32,
    /// Instance culling: none, cpu, gpu-frustum or gpu-occlusion.
    #[arg(long, default_value = "gpu-occlusion")]
    cull: CullMode,
    /// Draw every mesh at full detail (no levels of detail).
    #[arg(long)]
    no_lod: bool,
    #[command(flatten)]
    lights: LightLoopArgs,
}

/// Which lights shade a pixel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LightLoop {
    /// The point and spot lights of the pixel's cluster, and every directional light.
    Clustered,
    /// Every light (the reference the clusters are checked against, and slower).
    All,
}

/// The light loop and the clusters' shape.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct LightLoopArgs {
    /// Lights per pixel: clustered or all.
    #[arg(long, value_enum, default_value = "clustered")]
    light_loop: LightLoop,
    /// Side of a light cluster's screen tile, pixels (8 to 512).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(8..=512))]
    cluster_tile: u32,
    /// Depth slices of the light clusters (1 to 64).
    #[arg(long, default_value_t = 48, value_parser = clap::value_parser!(u32).range(1..=64))]
    cluster_slices: u32,
    /// Depth where the first cluster slice ends and the exponential ones begin, metres.
    #[arg(long, default_value_t = 1.0, value_parser = parse_first_slice)]
    cluster_first_slice: f32,
    /// Lights a cluster's list holds (1 to 1024); a cluster reached by more keeps the
    /// brightest, and the statistics count the others.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=1024))]
    cluster_capacity: u32,
}

/// A depth in metres above 0 and finite.
fn parse_first_slice(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(metres) if metres.is_finite() && metres > 0.0 => Ok(metres),
        _ => Err(format!(
            "expected a depth in metres above 0, such as 1.5, not {text:?}"
        )),
    }
}

impl LightLoopArgs {
    /// The cluster settings these options ask for.
    pub fn settings(&self) -> ClusterSettings {
        ClusterSettings {
            enabled: self.light_loop == LightLoop::Clustered,
            tile_size: self.cluster_tile,
            slices: self.cluster_slices,
            first_slice_depth: self.cluster_first_slice,
            capacity: self.cluster_capacity,
        }
    }
}

impl ShadingArgs {
    /// The multisampling asked for (4 unless `--msaa` says otherwise).
    pub fn msaa(&self) -> u32 {
        self.msaa.unwrap_or(DEFAULT_MSAA)
    }

    /// The multisampling `--msaa` asked for, if it was given.
    pub fn msaa_given(&self) -> Option<u32> {
        self.msaa
    }

    /// Ambient occlusion as `--ao` or `--no-ao` asked for it, if either was given.
    pub fn ao_given(&self) -> Option<bool> {
        match (self.ao, self.no_ao) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }

    /// The render settings these options ask for; ambient occlusion is `ao_default`
    /// unless `--ao` or `--no-ao` says otherwise.
    pub fn settings(&self, ao_default: bool) -> RenderSettings {
        let defaults = RenderSettings::default();
        let mut settings = RenderSettings {
            msaa: self.msaa(),
            tonemap: self.tonemap,
            exposure_ev: self.exposure,
            exposure: self.physical_exposure(),
            background: self.background.unwrap_or(defaults.background),
            environment: EnvironmentSettings {
                source: self.env.clone(),
                intensity: self.env_intensity,
                rotation_degrees: self.env_rotation,
                skybox: self.skybox,
            },
            multiscatter: !self.no_multiscatter,
            ..defaults
        };
        settings.shadows.enabled = !self.no_shadows;
        settings.shadows.resolution = self.shadow_resolution;
        settings.ambient_occlusion.enabled = (ao_default || self.ao) && !self.no_ao;
        settings.ambient_occlusion.radius = self.ao_radius;
        settings.culling.mode = self.cull;
        settings.culling.lod = !self.no_lod;
        settings.clusters = self.lights.settings();
        settings
    }

    /// The physical exposure asked for (clap lets at most one option through).
    fn physical_exposure(&self) -> Exposure {
        if self.auto_exposure {
            Exposure::Auto
        } else if let Some(ev100) = self.ev100 {
            Exposure::Ev100(ev100)
        } else if let Some((aperture, shutter_seconds, iso)) = self.camera_exposure {
            Exposure::Camera {
                aperture,
                shutter_seconds,
                iso,
            }
        } else if self.scene_radiance {
            Exposure::Scene
        } else {
            Exposure::Fit
        }
    }

    /// Whether an exposure option was given (else the exposure is fitted to the scene).
    pub fn exposure_given(&self) -> bool {
        self.auto_exposure || self.scene_radiance || self.ev100.is_some() || self.camera_exposure.is_some()
    }
}

//! Exposure: how scene radiance (cd/m²) is scaled before tone mapping.
//!
//! [`Exposure`] chooses a physical exposure: none (scene-referred radiance, the
//! default), an exposure value at ISO 100 (EV100), a camera's aperture, shutter time
//! and ISO, or automatic. [`RenderSettings::exposure_ev`](crate::RenderSettings::exposure_ev)
//! compensates on top of any of them. A physical exposure scales radiance by
//! [`ev100_scale`], the saturation-based sensitivity of Lagarde and de Rousiers,
//! "Moving Frostbite to PBR" (2014): 1 / (1.2 · 2^EV100).
//!
//! Automatic exposure runs two compute passes over the HDR target each frame
//! (`shaders/exposure.wgsl`): a [`HISTOGRAM_BINS`]-bin histogram of log2 luminance
//! between [`HISTOGRAM_MIN_LOG2`] and [`HISTOGRAM_MAX_LOG2`] over the pixels where
//! something was drawn, then one workgroup that averages the pixels ranked between
//! [`LOW_PERCENTILE`] and [`HIGH_PERCENTILE`], aims at [`auto_ev100`] of that average
//! and adapts toward it exponentially over the frame time
//! ([`Renderer::set_frame_time`](crate::Renderer::set_frame_time)). The result stays on
//! the GPU, where the tone mapper reads it; the first frame with something drawn jumps
//! straight to its target.

use crate::error::{RenderError, Result};
use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::gpu_types::{GpuAutoExposure, GpuExposureState};
use museion_gpu::pipeline;
use museion_gpu::shaders;
use museion_gpu::shaders::constants::EXPOSURE_TILE;

/// The camera's exposure: how scene radiance becomes the tone mapper's input.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Exposure {
    /// No physical exposure (scale 1): the tone mapper sees scene-referred radiance.
    #[default]
    Scene,
    /// An exposure value at ISO 100, set directly.
    Ev100(f32),
    /// A camera's settings, giving EV100 = log2(N² / t · 100 / S) (see [`camera_ev100`]).
    Camera {
        /// Aperture as an f-number N (16 for f/16).
        aperture: f32,
        /// Shutter time t in seconds.
        shutter_seconds: f32,
        /// Sensitivity S (ISO).
        iso: f32,
    },
    /// Automatic: from a luminance histogram of each frame, adapting over time.
    Auto,
    /// Fitted to the scene once: scene-referred (as [`Exposure::Scene`]) unless the
    /// scene's brightest light lies more than [`FIT_STOPS`] from the neutral illuminance
    /// ([`needs_metering`]), as in files whose lights are in real-world units (a sun of
    /// thousands of lux), and the first frame then meters more than [`FIT_STOPS`] away
    /// from scene radiance; then fixed at the metered EV100 (see [`fit`]). The renderer
    /// meters with one extra frame, the first time it draws, and logs what it chose.
    Fit,
}

impl Exposure {
    /// The EV100 of a fixed exposure; `None` for [`Exposure::Scene`] and
    /// [`Exposure::Auto`].
    pub fn ev100(&self) -> Option<f32> {
        match *self {
            Exposure::Ev100(ev100) => Some(ev100),
            Exposure::Camera {
                aperture,
                shutter_seconds,
                iso,
            } => Some(camera_ev100(aperture, shutter_seconds, iso)),
            Exposure::Scene | Exposure::Auto | Exposure::Fit => None,
        }
    }

    /// The linear scale of a fixed exposure: 1 for [`Exposure::Scene`], [`ev100_scale`]
    /// of the EV100 otherwise; `None` for [`Exposure::Auto`], which the GPU works out,
    /// and [`Exposure::Fit`], which the first frame decides.
    pub fn fixed_scale(&self) -> Option<f32> {
        match self {
            Exposure::Scene => Some(1.0),
            Exposure::Auto | Exposure::Fit => None,
            _ => self.ev100().map(ev100_scale),
        }
    }

    /// Checks that the values are usable: a finite EV100; a finite, positive aperture,
    /// shutter time and ISO.
    pub fn check(&self) -> Result<()> {
        match *self {
            Exposure::Ev100(ev100) if !ev100.is_finite() => Err(RenderError::InvalidSetting(format!(
                "exposure EV100 {ev100} must be finite"
            ))),
            Exposure::Camera {
                aperture,
                shutter_seconds,
                iso,
            } => {
                let positive = |v: f32| v.is_finite() && v > 0.0;
                if positive(aperture) && positive(shutter_seconds) && positive(iso) {
                    Ok(())
                } else {
                    Err(RenderError::InvalidSetting(format!(
                        "camera exposure f/{aperture}, {shutter_seconds} s, ISO {iso}: aperture, \
                         shutter time and ISO must be finite and above 0"
                    )))
                }
            }
            _ => Ok(()),
        }
    }
}

/// How many stops the metered exposure of a scene may lie from the scene-referred one
/// (scale 1, EV100 −log2 1.2) before [`Exposure::Fit`] takes the metered one. Scenes lit
/// in the glTF viewers' customary range (lights of a few lux, environments of radiance
/// about 1) meter within about 2 stops of it; a sun of 2,000 lux meters about 11 above.
pub const FIT_STOPS: f32 = 5.0;

/// The EV100 at which an exposure scales radiance by 1 (−log2 1.2).
pub fn scene_referred_ev100() -> f32 {
    -(1.2f32.log2())
}

/// The illuminance (lux) under which a white Lambertian surface reflects radiance 1 (E/π),
/// what scene-referred exposure shows as white.
pub const NEUTRAL_ILLUMINANCE: f32 = std::f32::consts::PI;

/// Whether [`Exposure::Fit`] needs to meter a scene whose brightest light gives
/// `key_lux` where it falls: when that lies more than [`FIT_STOPS`] from
/// [`NEUTRAL_ILLUMINANCE`] (lights in real-world units: a sun of thousands of lux, or
/// lights far too dim to see by). Scenes lit in the neutral range, however dark their
/// frame, keep scene radiance without metering.
pub fn needs_metering(key_lux: Option<f32>) -> bool {
    key_lux.is_some_and(|lux| lux > 0.0 && (lux / NEUTRAL_ILLUMINANCE).log2().abs() > FIT_STOPS)
}

/// What [`Exposure::Fit`] becomes for a scene that meters `metered_ev100` (the EV100
/// automatic exposure aims at for its first frame): [`Exposure::Scene`] within
/// [`FIT_STOPS`] of the scene-referred EV100, else a fixed [`Exposure::Ev100`] of the
/// metered value. A frame with nothing drawn meters the scene-referred value.
pub fn fit(metered_ev100: f32) -> Exposure {
    if !metered_ev100.is_finite() || (metered_ev100 - scene_referred_ev100()).abs() <= FIT_STOPS {
        Exposure::Scene
    } else {
        Exposure::Ev100(metered_ev100)
    }
}

/// EV100 of a camera with aperture f-number `aperture`, shutter time `shutter_seconds`
/// and sensitivity `iso`: log2(N² / t · 100 / S). f/16 at 1/100 s and ISO 100 gives
/// about 14.64 (the "sunny 16" rule).
pub fn camera_ev100(aperture: f32, shutter_seconds: f32, iso: f32) -> f32 {
    (aperture * aperture / shutter_seconds * 100.0 / iso).log2()
}

/// The linear scale of an exposure of `ev100`: 1 / (1.2 · 2^EV100), the largest
/// radiance that does not saturate the sensor maps to 1 (saturation-based speed, with
/// q = 0.65 and 78 / (q · 100) = 1.2).
pub fn ev100_scale(ev100: f32) -> f32 {
    1.0 / (1.2 * ev100.exp2())
}

/// The reflected-light meter's calibration constant K.
pub const METER_CALIBRATION: f32 = 12.5;

/// The EV100 a reflected-light meter gives for an average luminance (cd/m²):
/// log2(L · 100 / K) with K = [`METER_CALIBRATION`].
pub fn metered_ev100(luminance: f32) -> f32 {
    (luminance * 100.0 / METER_CALIBRATION).log2()
}

/// The display value automatic exposure gives the frame's average luminance.
pub const MIDDLE_GREY: f32 = 0.18;

/// The EV100 automatic exposure aims at for an average luminance (cd/m²): the one whose
/// [`ev100_scale`] maps it to [`MIDDLE_GREY`], log2(L / (1.2 · 0.18)). That is the
/// [`metered_ev100`] less log2(100 · 1.2 · 0.18 / 12.5) ≈ 0.79 stops: a meter's
/// reading under the saturation-based scale would put the average at 0.104.
pub fn auto_ev100(average_luminance: f32) -> f32 {
    average_luminance.log2() + auto_target_offset()
}

/// Added to the average log2 luminance to give the target EV100.
fn auto_target_offset() -> f32 {
    -(1.2 * MIDDLE_GREY).log2()
}

pub use museion_gpu::shaders::constants::HISTOGRAM_BINS;
/// log2 luminance (cd/m²) at the low edge of the histogram; darker pixels count in the
/// first bin.
pub const HISTOGRAM_MIN_LOG2: f32 = -10.0;
/// log2 luminance at the high edge of the histogram; brighter pixels count in the last
/// bin.
pub const HISTOGRAM_MAX_LOG2: f32 = 10.0;
/// The average starts above this share of the drawn pixels, ranked by luminance (the
/// darker half does not pull the exposure up).
pub const LOW_PERCENTILE: f32 = 0.5;
/// The average ends at this share (the brightest 5 %, often light sources, do not pull
/// the exposure down).
pub const HIGH_PERCENTILE: f32 = 0.95;
/// Adaptation rate (1/s) toward a brighter scene: the gap to the target shrinks by
/// e^(-rate · dt) each frame.
pub const SPEED_UP: f32 = 3.0;
/// Adaptation rate (1/s) toward a darker scene (eyes adapt to the dark more slowly).
pub const SPEED_DOWN: f32 = 1.0;
/// The frame time automatic exposure assumes until
/// [`Renderer::set_frame_time`](crate::Renderer::set_frame_time) says otherwise.
pub const DEFAULT_FRAME_TIME: f32 = 1.0 / 60.0;

/// The state before any frame: scale 1 (scene-referred), not adapted.
fn initial_state() -> GpuExposureState {
    let ev100 = scene_referred_ev100();
    GpuExposureState {
        ev: ev100,
        scale: 1.0,
        target_ev: ev100,
        adapted: 0,
    }
}

/// The automatic exposure passes and the state they keep on the GPU.
pub(crate) struct AutoExposurePass {
    layout: wgpu::BindGroupLayout,
    histogram_pipeline: wgpu::ComputePipeline,
    adapt_pipeline: wgpu::ComputePipeline,
    params: wgpu::Buffer,
    histogram: wgpu::Buffer,
    state: wgpu::Buffer,
}

impl AutoExposurePass {
    pub fn new(ctx: &GpuContext) -> Self {
        let device = &ctx.device;
        let compute = wgpu::ShaderStages::COMPUTE;
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("auto exposure"),
            entries: &[
                bindings::uniform(0, compute),
                bindings::texture(1, compute, false),
                bindings::storage_rw(2, compute),
                bindings::storage_rw(3, compute),
            ],
        });
        let module = shaders::exposure().create(device);
        let pipeline = |entry: &str| pipeline::compute(device, entry, &module, entry, &[Some(&layout)], &[]);
        let buffer = |label: &str, size: u64, usage: wgpu::BufferUsages| {
            device.create_buffer(&wgpu::BufferDescriptor {
                label: Some(label),
                size,
                usage: usage | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            })
        };
        let pass = Self {
            histogram_pipeline: pipeline("build_histogram"),
            adapt_pipeline: pipeline("adapt"),
            layout,
            params: buffer(
                "auto exposure settings",
                size_of::<GpuAutoExposure>() as u64,
                wgpu::BufferUsages::UNIFORM,
            ),
            histogram: buffer(
                "luminance histogram",
                u64::from(HISTOGRAM_BINS) * 4,
                wgpu::BufferUsages::STORAGE,
            ),
            state: buffer(
                "auto exposure state",
                size_of::<GpuExposureState>() as u64,
                wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
            ),
        };
        pass.reset(ctx);
        pass
    }

    /// The state buffer the tone mapper reads.
    pub fn state(&self) -> &wgpu::Buffer {
        &self.state
    }

    /// Forgets the adapted exposure: the next frame with something drawn jumps to its
    /// target.
    pub fn reset(&self, ctx: &GpuContext) {
        ctx.queue
            .write_buffer(&self.state, 0, bytemuck::bytes_of(&initial_state()));
    }

    /// Records both passes over `hdr` (of `size`), adapting over `delta_time` seconds.
    pub fn record(
        &self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        hdr: &wgpu::TextureView,
        size: (u32, u32),
        delta_time: f32,
    ) {
        let params = GpuAutoExposure {
            log2_min: HISTOGRAM_MIN_LOG2,
            log2_range: HISTOGRAM_MAX_LOG2 - HISTOGRAM_MIN_LOG2,
            low_percentile: LOW_PERCENTILE,
            high_percentile: HIGH_PERCENTILE,
            target_offset: auto_target_offset(),
            delta_time,
            speed_up: SPEED_UP,
            speed_down: SPEED_DOWN,
        };
        ctx.queue
            .write_buffer(&self.params, 0, bytemuck::bytes_of(&params));
        let bind_group = bindings::group(
            &ctx.device,
            Some("auto exposure"),
            &self.layout,
            [
                self.params.as_entire_binding(),
                wgpu::BindingResource::TextureView(hdr),
                self.histogram.as_entire_binding(),
                self.state.as_entire_binding(),
            ],
        );
        encoder.clear_buffer(&self.histogram, 0, None);
        let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some("auto exposure"),
            timestamp_writes: None,
        });
        pass.set_bind_group(0, &bind_group, &[]);
        pass.set_pipeline(&self.histogram_pipeline);
        pass.dispatch_workgroups(size.0.div_ceil(EXPOSURE_TILE), size.1.div_ceil(EXPOSURE_TILE), 1);
        pass.set_pipeline(&self.adapt_pipeline);
        pass.dispatch_workgroups(1, 1, 1);
    }

    /// The state as the GPU last wrote it (waits for the GPU).
    pub fn read(&self, ctx: &GpuContext) -> Result<GpuExposureState> {
        let size = size_of::<GpuExposureState>() as u64;
        let bytes = museion_gpu::readback::read_buffers(ctx, &[(&self.state, size)])?;
        Ok(bytemuck::pod_read_unaligned(&bytes[0]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32, tolerance: f32) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn fitting_keeps_scene_radiance_within_the_range_and_meters_outside_it() {
        let scene = scene_referred_ev100();
        assert!(close(ev100_scale(scene), 1.0, 1e-6));
        // Lights in the neutral range are not metered, whatever the frame; bright or dim
        // ones are; the studio rig (None) is neutral.
        for lux in [None, Some(0.0), Some(0.1), Some(1.0), Some(3.0), Some(90.0)] {
            assert!(!needs_metering(lux), "{lux:?}");
        }
        for lux in [Some(0.05), Some(120.0), Some(2049.0), Some(6830.0)] {
            assert!(needs_metering(lux), "{lux:?}");
        }
        for metered in [scene, scene + FIT_STOPS, scene - FIT_STOPS, 1.2, f32::NAN] {
            assert_eq!(fit(metered), Exposure::Scene, "{metered}");
        }
        for metered in [scene + FIT_STOPS + 0.1, 12.3, scene - FIT_STOPS - 0.1] {
            assert_eq!(fit(metered), Exposure::Ev100(metered), "{metered}");
        }
        assert_eq!(Exposure::Fit.fixed_scale(), None);
        assert_eq!(Exposure::Fit.ev100(), None);
    }

    #[test]
    fn camera_settings_give_their_ev100() {
        // f/16, 1/100 s, ISO 100: log2(256 · 100) = 14.64.
        let ev = camera_ev100(16.0, 0.01, 100.0);
        assert!(close(ev, 14.644, 1e-3), "{ev}");
        // Sunny 16: at f/16 the shutter time is 1/ISO, whatever the ISO.
        for iso in [100.0, 200.0, 400.0, 1600.0] {
            let ev = camera_ev100(16.0, 1.0 / iso, iso);
            assert!(close(ev, 14.644, 1e-3), "ISO {iso}: {ev}");
        }
        // Halving the shutter time raises EV100 by a stop; doubling the ISO lowers it.
        assert!(close(camera_ev100(2.0, 1.0, 100.0), 2.0, 1e-6));
        assert!(close(camera_ev100(2.0, 0.5, 100.0), 3.0, 1e-6));
        assert!(close(camera_ev100(2.0, 1.0, 200.0), 1.0, 1e-6));
        assert!(close(camera_ev100(1.0, 1.0, 100.0), 0.0, 1e-6));
    }

    #[test]
    fn ev100_scales_follow_the_saturation_based_formula() {
        assert!(close(ev100_scale(0.0), 1.0 / 1.2, 1e-7));
        assert!(close(ev100_scale(1.0), 1.0 / 2.4, 1e-7));
        assert!(close(ev100_scale(-1.0) / ev100_scale(0.0), 2.0, 1e-6));
        let sunny = Exposure::Camera {
            aperture: 16.0,
            shutter_seconds: 0.01,
            iso: 100.0,
        };
        let scale = sunny.fixed_scale().unwrap_or(0.0);
        assert!(close(scale, 1.0 / (1.2 * 25600.0), 1e-9), "{scale}");
        assert_eq!(Exposure::Scene.fixed_scale(), Some(1.0));
        assert_eq!(Exposure::Auto.fixed_scale(), None);
        assert_eq!(Exposure::Ev100(3.0).ev100(), Some(3.0));
        assert_eq!(Exposure::Scene.ev100(), None);
    }

    #[test]
    fn automatic_exposure_maps_the_average_to_middle_grey() {
        for luminance in [0.05f32, 1.0, 50.0, 4000.0] {
            let mapped = luminance * ev100_scale(auto_ev100(luminance));
            assert!(close(mapped, MIDDLE_GREY, 1e-5), "{luminance}: {mapped}");
            // 0.79 stops below what a reflected-light meter reads.
            let offset = metered_ev100(luminance) - auto_ev100(luminance);
            assert!(close(offset, 0.7892, 1e-3), "{offset}");
        }
        assert!(close(metered_ev100(12.5), 6.644, 1e-3));
        // The initial state is scale 1.
        assert!(close(ev100_scale(initial_state().ev), 1.0, 1e-6));
    }

    #[test]
    fn invalid_values_are_rejected() {
        let camera = |aperture, shutter_seconds, iso| Exposure::Camera {
            aperture,
            shutter_seconds,
            iso,
        };
        for bad in [
            camera(0.0, 0.01, 100.0),
            camera(16.0, -0.01, 100.0),
            camera(16.0, 0.01, 0.0),
            camera(f32::NAN, 0.01, 100.0),
            camera(16.0, f32::INFINITY, 100.0),
            Exposure::Ev100(f32::NAN),
            Exposure::Ev100(f32::NEG_INFINITY),
        ] {
            assert!(
                matches!(bad.check(), Err(RenderError::InvalidSetting(_))),
                "{bad:?}"
            );
        }
        for good in [
            Exposure::Scene,
            Exposure::Auto,
            Exposure::Ev100(-3.0),
            camera(1.4, 30.0, 50.0),
        ] {
            assert!(good.check().is_ok(), "{good:?}");
        }
    }
}

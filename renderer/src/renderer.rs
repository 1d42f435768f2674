//! The renderer: a GPU scene and the passes that draw it into any texture view.

use crate::camera::ViewCamera;
use crate::context::GpuContext;
use crate::error::{RenderError, Result};
use crate::forward::{DEPTH_FORMAT, ForwardPass, FrameStats, HDR_FORMAT};
use crate::gpu_scene::{GpuScene, STUDIO_AMBIENT, SyncStats};
use crate::target::{OffscreenTarget, RenderTarget};
use crate::tonemap::{TonemapPass, Tonemapper};
use glam::Vec3;
use museion_scene::Scene;

/// How frames are drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RenderSettings {
    /// Samples per pixel: 1 or 4.
    pub msaa: u32,
    /// The tone mapper.
    pub tonemap: Tonemapper,
    /// Exposure compensation in stops (EV): radiance is scaled by 2^EV.
    pub exposure_ev: f32,
    /// Background colour where nothing is drawn, sRGB components in 0..=1.
    pub background: [f32; 3],
    /// Uniform ambient radiance; `None` for the default (the studio rig's soft ambient
    /// when the scene has no lights, none when it brings its own).
    pub ambient: Option<f32>,
}

impl Default for RenderSettings {
    fn default() -> Self {
        Self {
            msaa: 4,
            tonemap: Tonemapper::PbrNeutral,
            exposure_ev: 0.0,
            background: [0.18, 0.18, 0.19],
            ambient: None,
        }
    }
}

fn srgb_to_linear(c: f32) -> f32 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// The HDR colour, resolve and depth textures of one output size.
struct FrameTargets {
    size: (u32, u32),
    samples: u32,
    /// Multisampled colour (when `samples > 1`).
    msaa: Option<wgpu::TextureView>,
    /// Single-sample HDR colour the tone mapper reads.
    hdr: wgpu::TextureView,
    depth: wgpu::TextureView,
}

impl FrameTargets {
    fn new(ctx: &GpuContext, size: (u32, u32), samples: u32) -> Self {
        let texture = |label: &str, format, samples, usage| {
            ctx.device
                .create_texture(&wgpu::TextureDescriptor {
                    label: Some(label),
                    size: wgpu::Extent3d {
                        width: size.0,
                        height: size.1,
                        depth_or_array_layers: 1,
                    },
                    mip_level_count: 1,
                    sample_count: samples,
                    dimension: wgpu::TextureDimension::D2,
                    format,
                    usage,
                    view_formats: &[],
                })
                .create_view(&wgpu::TextureViewDescriptor::default())
        };
        let attachment = wgpu::TextureUsages::RENDER_ATTACHMENT;
        Self {
            size,
            samples,
            msaa: (samples > 1).then(|| texture("hdr msaa", HDR_FORMAT, samples, attachment)),
            hdr: texture(
                "hdr",
                HDR_FORMAT,
                1,
                attachment | wgpu::TextureUsages::TEXTURE_BINDING,
            ),
            depth: texture("depth", DEPTH_FORMAT, samples, attachment),
        }
    }
}

/// Draws a [`Scene`] with physically based shading into any texture view: an offscreen
/// texture, a window's surface texture, or a texture of an application that embeds
/// Museion.
pub struct Renderer {
    scene: GpuScene,
    forward: ForwardPass,
    tonemap: TonemapPass,
    targets: Option<FrameTargets>,
    settings: RenderSettings,
}

impl Renderer {
    /// A renderer on `ctx`'s device.
    pub fn new(ctx: &GpuContext, settings: RenderSettings) -> Result<Self> {
        check_settings(ctx, &settings)?;
        let scene = GpuScene::new(ctx);
        let forward = ForwardPass::new(ctx, &scene);
        Ok(Self {
            scene,
            forward,
            tonemap: TonemapPass::new(ctx),
            targets: None,
            settings,
        })
    }

    /// The settings in use.
    pub fn settings(&self) -> &RenderSettings {
        &self.settings
    }

    /// Changes the settings (checked like [`Renderer::new`] does).
    pub fn set_settings(&mut self, ctx: &GpuContext, settings: RenderSettings) -> Result<()> {
        check_settings(ctx, &settings)?;
        self.settings = settings;
        Ok(())
    }

    /// The scene as uploaded to the GPU.
    pub fn gpu_scene(&self) -> &GpuScene {
        &self.scene
    }

    /// Uploads what changed in `scene` since the last call.
    pub fn prepare(&mut self, ctx: &GpuContext, scene: &Scene) -> Result<SyncStats> {
        self.scene.sync(ctx, scene)
    }

    /// Draws the prepared scene from `camera` into `output` (of `format` and `size`) and
    /// submits the work.
    pub fn render(
        &mut self,
        ctx: &GpuContext,
        camera: &ViewCamera,
        output: &wgpu::TextureView,
        format: wgpu::TextureFormat,
        size: (u32, u32),
    ) -> Result<FrameStats> {
        let mut encoder = ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("frame") });
        let stats = self.record(ctx, &mut encoder, camera, output, format, size)?;
        ctx.queue.submit([encoder.finish()]);
        Ok(stats)
    }

    /// Like [`Renderer::render`], recording into the caller's encoder (which the caller
    /// submits), for applications that build their own frames.
    pub fn record(
        &mut self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        camera: &ViewCamera,
        output: &wgpu::TextureView,
        format: wgpu::TextureFormat,
        size: (u32, u32),
    ) -> Result<FrameStats> {
        if size.0 == 0 || size.1 == 0 {
            return Err(RenderError::InvalidSetting(format!(
                "output size {}x{}",
                size.0, size.1
            )));
        }
        let samples = self.settings.msaa;
        if self
            .targets
            .as_ref()
            .is_none_or(|t| t.size != size || t.samples != samples)
        {
            self.targets = Some(FrameTargets::new(ctx, size, samples));
        }
        let Some(targets) = &self.targets else {
            return Err(RenderError::InvalidSetting("no frame targets".into()));
        };
        let aspect = size.0 as f32 / size.1 as f32;
        let eye = camera.position();
        let ambient = self.settings.ambient.unwrap_or(if self.scene.uses_studio_rig() {
            STUDIO_AMBIENT
        } else {
            0.0
        });
        self.scene.write_camera(ctx, camera, aspect, Vec3::splat(ambient));

        let background = self.settings.background.map(srgb_to_linear);
        // Blended surfaces blend over the background: clear to it, undoing the exposure
        // the tone mapper will apply. Alpha 0 marks "nothing drawn here".
        let unexpose = (-self.settings.exposure_ev).exp2() as f64;
        let clear = wgpu::Color {
            r: f64::from(background[0]) * unexpose,
            g: f64::from(background[1]) * unexpose,
            b: f64::from(background[2]) * unexpose,
            a: 0.0,
        };
        let (color, resolve) = match &targets.msaa {
            Some(msaa) => (msaa, Some(&targets.hdr)),
            None => (&targets.hdr, None),
        };
        let stats = self.forward.record(
            ctx,
            encoder,
            &self.scene,
            color,
            resolve,
            &targets.depth,
            samples,
            eye,
            clear,
        );
        self.tonemap.record(
            ctx,
            encoder,
            &targets.hdr,
            output,
            format,
            self.settings.tonemap,
            self.settings.exposure_ev,
            background,
        );
        Ok(stats)
    }

    /// Draws the prepared scene into a render target. A surface frame is acquired and
    /// presented; `None` when the surface had no frame to give this time (see
    /// [`SurfaceTarget::acquire`](crate::SurfaceTarget::acquire)).
    pub fn render_to(
        &mut self,
        ctx: &GpuContext,
        camera: &ViewCamera,
        target: &mut RenderTarget,
    ) -> Result<Option<FrameStats>> {
        let (size, format) = (target.size(), target.format());
        match target {
            RenderTarget::Offscreen(offscreen) => {
                self.render(ctx, camera, &offscreen.view, format, size).map(Some)
            }
            RenderTarget::Surface(surface) => {
                let Some(frame) = surface.acquire(ctx)? else {
                    return Ok(None);
                };
                let stats = self.render(ctx, camera, &frame.view, format, size)?;
                frame.present(ctx);
                Ok(Some(stats))
            }
        }
    }

    /// Renders `scene` from `camera` into a new image of `width` × `height`.
    pub fn render_image(
        &mut self,
        ctx: &GpuContext,
        scene: &Scene,
        camera: &ViewCamera,
        width: u32,
        height: u32,
    ) -> Result<(image::RgbaImage, FrameStats)> {
        let target = OffscreenTarget::new(ctx, width, height, wgpu::TextureFormat::Rgba8UnormSrgb)?;
        self.prepare(ctx, scene)?;
        let stats = self.render(ctx, camera, &target.view, target.format(), (width, height))?;
        Ok((target.read_rgba8(ctx)?, stats))
    }
}

fn check_settings(ctx: &GpuContext, settings: &RenderSettings) -> Result<()> {
    if !matches!(settings.msaa, 1 | 4) {
        return Err(RenderError::InvalidSetting(format!(
            "msaa {} (1 or 4)",
            settings.msaa
        )));
    }
    if !settings.exposure_ev.is_finite() || settings.background.iter().any(|c| !c.is_finite()) {
        return Err(RenderError::InvalidSetting(
            "exposure and background must be finite".into(),
        ));
    }
    for format in [HDR_FORMAT, DEPTH_FORMAT] {
        let flags = ctx.adapter.get_texture_format_features(format).flags;
        if !flags.sample_count_supported(settings.msaa) {
            return Err(RenderError::Unsupported {
                adapter: ctx.info.name.clone(),
                missing: format!("{}× multisampling of {format:?}", settings.msaa),
            });
        }
    }
    Ok(())
}

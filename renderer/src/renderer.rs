//! The renderer: a GPU scene and the passes that draw it into any texture view.

use crate::ambient_occlusion::{AmbientOcclusion, AoSettings};
use crate::camera::ViewCamera;
use crate::context::GpuContext;
use crate::culling::{CullMode, CullReadback, CullSettings, CullingCore};
use crate::environment::{Environment, EnvironmentSource};
use crate::error::{RenderError, Result};
use crate::exposure::{AutoExposurePass, DEFAULT_FRAME_TIME, Exposure};
use crate::forward::{DEPTH_FORMAT, ForwardPass, FrameStats, HDR_FORMAT, INSTANCE_ID_FORMAT, PassTargets};
use crate::gpu_scene::{GpuScene, SyncStats};
use crate::lighting::{EnvironmentSettings, Lighting};
use crate::shadows::{self, ShadowSettings};
use crate::skybox::SkyboxPass;
use crate::target::{OffscreenTarget, RenderTarget};
use crate::timer::{FrameTimer, GpuTimings, PassKind};
use crate::tonemap::{ToneExposure, TonemapPass, Tonemapper};
use museion_scene::Scene;

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
    /// Also write an instance-id buffer (see [`Renderer::read_instance_ids`]); needs
    /// `msaa: 1`.
    pub instance_ids: bool,
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
            instance_ids: false,
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
    /// The instance-id target, when asked for.
    ids: Option<(wgpu::Texture, wgpu::TextureView)>,
}

impl FrameTargets {
    fn new(ctx: &GpuContext, size: (u32, u32), samples: u32, ids: bool) -> Self {
        let create = |label: &str, format, samples, usage| {
            ctx.device.create_texture(&wgpu::TextureDescriptor {
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
        };
        let texture = |label: &str, format, samples, usage| {
            create(label, format, samples, usage).create_view(&wgpu::TextureViewDescriptor::default())
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
            // The Hi-Z pyramid reads depth.
            depth: texture(
                "depth",
                DEPTH_FORMAT,
                samples,
                attachment | wgpu::TextureUsages::TEXTURE_BINDING,
            ),
            ids: ids.then(|| {
                let texture = create(
                    "instance ids",
                    INSTANCE_ID_FORMAT,
                    1,
                    attachment | wgpu::TextureUsages::COPY_SRC,
                );
                let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
                (texture, view)
            }),
        }
    }
}

/// What [`Renderer::render`] recorded for a frame, known without waiting for the GPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    /// The culling mode that ran (the GPU modes fall back to `cpu` on adapters without
    /// indirect first-instance support).
    pub mode: CullMode,
    /// Draw calls recorded: multi-draw calls in the GPU modes, instanced draws otherwise,
    /// plus one per blended instance.
    pub draw_calls: u32,
}

/// The last frame, for reading back its statistics.
#[derive(Clone, Copy, Debug)]
struct LastFrame {
    mode: CullMode,
    blended_draws: u32,
    blended_triangles: u64,
}

/// Draws a [`Scene`] with physically based shading into any texture view: an offscreen
/// texture, a window's surface texture, or a texture of an application that embeds
/// Museion. Instances are culled by the culling core (see [`CullSettings`]).
pub struct Renderer {
    scene: GpuScene,
    forward: ForwardPass,
    lighting: Lighting,
    skybox: SkyboxPass,
    ambient_occlusion: AmbientOcclusion,
    tonemap: TonemapPass,
    auto_exposure: AutoExposurePass,
    /// Seconds the automatic exposure adapts over each frame.
    frame_time: f32,
    culling: CullingCore,
    timer: Option<FrameTimer>,
    targets: Option<FrameTargets>,
    settings: RenderSettings,
    last_frame: Option<LastFrame>,
}

impl Renderer {
    /// A renderer on `ctx`'s device, with its environment loaded (baked on the GPU, or
    /// read from the disk cache).
    pub fn new(ctx: &GpuContext, settings: RenderSettings) -> Result<Self> {
        check_settings(ctx, &settings)?;
        let scene = GpuScene::new(ctx);
        let ambient_occlusion = AmbientOcclusion::new(ctx);
        let lighting = Lighting::new(
            ctx,
            &scene,
            &settings.environment.source,
            ambient_occlusion.term(false),
        )?;
        let forward = ForwardPass::new(ctx, &scene, &lighting.layout);
        let skybox = SkyboxPass::new(ctx, &scene.layouts.frame, &lighting.layout);
        Ok(Self {
            scene,
            forward,
            lighting,
            skybox,
            ambient_occlusion,
            tonemap: TonemapPass::new(ctx),
            auto_exposure: AutoExposurePass::new(ctx),
            frame_time: DEFAULT_FRAME_TIME,
            culling: CullingCore::new(ctx),
            timer: FrameTimer::new(ctx),
            targets: None,
            settings,
            last_frame: None,
        })
    }

    /// The settings in use.
    pub fn settings(&self) -> &RenderSettings {
        &self.settings
    }

    /// Changes the settings (checked like [`Renderer::new`] does; a new environment
    /// source is loaded at once). Turning levels of detail on or off takes effect at the
    /// next [`Renderer::prepare`]. Turning automatic exposure on starts it afresh.
    pub fn set_settings(&mut self, ctx: &GpuContext, settings: RenderSettings) -> Result<()> {
        check_settings(ctx, &settings)?;
        self.lighting.set_environment(ctx, &settings.environment.source)?;
        if settings.exposure == Exposure::Auto && self.settings.exposure != Exposure::Auto {
            self.auto_exposure.reset(ctx);
        }
        self.settings = settings;
        Ok(())
    }

    /// Sets the seconds between frames that automatic exposure adapts over (by default
    /// [`DEFAULT_FRAME_TIME`]); a viewer calls it before each frame.
    pub fn set_frame_time(&mut self, seconds: f32) -> Result<()> {
        if !(seconds.is_finite() && seconds >= 0.0) {
            return Err(RenderError::InvalidSetting(format!(
                "frame time {seconds} s (finite, 0 or more)"
            )));
        }
        self.frame_time = seconds;
        Ok(())
    }

    /// The automatic exposure's current EV100, as the last frame left it (waits for the
    /// GPU). Before any frame with something drawn it is the EV100 of scale 1.
    pub fn read_auto_exposure(&self, ctx: &GpuContext) -> Result<f32> {
        if self.settings.exposure != Exposure::Auto {
            return Err(RenderError::InvalidSetting("automatic exposure is off".into()));
        }
        Ok(self.auto_exposure.read(ctx)?.ev)
    }

    /// The environment in use, as baked.
    pub fn environment(&self) -> &Environment {
        self.lighting.environment()
    }

    /// The scene as uploaded to the GPU.
    pub fn gpu_scene(&self) -> &GpuScene {
        &self.scene
    }

    /// Uploads what changed in `scene` since the last call, and rebuilds the culling
    /// core's per-chunk buffers when the instance layout changed.
    pub fn prepare(&mut self, ctx: &GpuContext, scene: &Scene) -> Result<SyncStats> {
        let stats = self.scene.sync(ctx, scene, self.settings.culling.lod)?;
        self.culling.prepare(ctx, &self.scene, &self.settings.culling);
        Ok(stats)
    }

    /// Makes the next [`Renderer::prepare`] upload its scene afresh. Call it when the
    /// scene given to `prepare` is a different `Scene` value from the last one (a venue
    /// loaded again), not the same scene edited: a new scene's revision counters start
    /// over and cannot tell what changed.
    pub fn replace_scene(&mut self) {
        self.scene.forget_uploads();
    }

    /// Bytes of per-instance GPU data: transforms, bounding spheres, draw-group ids,
    /// visibility flags and the culling core's visible lists.
    pub fn instance_bytes(&self) -> u64 {
        self.culling.instance_bytes()
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
    ) -> Result<FrameInfo> {
        let mut encoder = ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("frame") });
        let info = self.record(ctx, &mut encoder, camera, output, format, size)?;
        ctx.queue.submit([encoder.finish()]);
        Ok(info)
    }

    /// Like [`Renderer::render`], recording into the caller's encoder (which the caller
    /// submits before recording the next frame: per-frame uniforms are written with the
    /// queue).
    pub fn record(
        &mut self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        camera: &ViewCamera,
        output: &wgpu::TextureView,
        format: wgpu::TextureFormat,
        size: (u32, u32),
    ) -> Result<FrameInfo> {
        if size.0 == 0 || size.1 == 0 {
            return Err(RenderError::InvalidSetting(format!(
                "output size {}x{}",
                size.0, size.1
            )));
        }
        let samples = self.settings.msaa;
        let ids = self.settings.instance_ids;
        if self
            .targets
            .as_ref()
            .is_none_or(|t| t.size != size || t.samples != samples || t.ids.is_some() != ids)
        {
            self.targets = Some(FrameTargets::new(ctx, size, samples, ids));
        }
        let Some(targets) = &self.targets else {
            return Err(RenderError::InvalidSetting("no frame targets".into()));
        };
        let aspect = size.0 as f32 / size.1 as f32;
        self.scene.write_camera(ctx, camera, aspect);

        // Ambient occlusion's prepass targets; its depth then feeds the Hi-Z pyramid.
        let ao = self.settings.ambient_occlusion.enabled;
        if ao {
            self.ambient_occlusion.ensure_targets(ctx, size);
            self.ambient_occlusion
                .write(ctx, camera, size, &self.settings.ambient_occlusion);
        }
        self.lighting.set_occlusion(ctx, self.ambient_occlusion.term(ao));
        let prepass = self.ambient_occlusion.prepass_targets().filter(|_| ao);
        let (cull_depth, cull_samples) = match prepass {
            Some((depth, _)) => (depth, 1),
            None => (&targets.depth, samples),
        };

        // Culling: the instance layout, the pyramid for this size, the view.
        let mode = self.culling.begin_frame(
            ctx,
            &self.scene,
            camera,
            size,
            &self.settings.culling,
            cull_samples,
            Some(cull_depth),
        );
        self.forward.prepare(ctx, &self.scene, samples, ids, ao);
        let shadow_settings = &self.settings.shadows;
        let plan = shadows::plan(
            self.scene.lights(),
            self.scene.light_casts(),
            camera,
            aspect,
            self.scene.bounds().as_ref(),
            shadow_settings,
        );
        if plan.over_budget > 0 {
            log::debug!(
                "{} lights cast no shadow: the budget is {} maps",
                plan.over_budget,
                shadow_settings.max_maps
            );
        }
        self.scene.set_light_shadows(ctx, &plan.first_view);
        self.lighting
            .prepare_shadows(ctx, &self.scene, &self.culling, &plan, shadow_settings, mode);
        self.lighting.write(
            ctx,
            &self.settings.environment,
            self.settings.multiscatter,
            &plan,
            shadow_settings,
        );
        let skybox = self.settings.environment.skybox;
        if skybox {
            self.skybox.prepare(ctx, samples, ids);
        }

        let background = self.settings.background.map(srgb_to_linear);
        // Alpha 0 marks "nothing drawn here". The tone mapper adds the background where
        // blended surfaces leave it visible (the exposure may only be known on the GPU).
        let clear = wgpu::Color::TRANSPARENT;
        let (color, resolve) = match &targets.msaa {
            Some(msaa) => (msaa, Some(&targets.hdr)),
            None => (&targets.hdr, None),
        };
        let pass_targets = PassTargets {
            lighting: self.lighting.bind_group(),
            color,
            resolve,
            depth: &targets.depth,
            ids: targets.ids.as_ref().map(|(_, view)| view),
            samples,
            prepass: false,
        };
        let prepass_targets = prepass.map(|(depth, normals)| PassTargets {
            color: normals,
            resolve: None,
            depth,
            ids: None,
            samples: 1,
            prepass: true,
            ..pass_targets
        });
        if let Some(timer) = &mut self.timer {
            timer.begin_frame();
        }
        let (culling, forward, scene) = (&self.culling, &self.forward, &self.scene);
        let mut timer = self.timer.as_mut();
        self.lighting.shadows.record(encoder, scene, culling);
        // The passes that fill depth first: with ambient occlusion, the prepass draws
        // every culled phase and the forward pass shades them all afterwards; without,
        // the forward pass's first phase is the depth the pyramid is built from.
        let depth_targets = prepass_targets.as_ref().unwrap_or(&pass_targets);
        let mut draw_calls = 0;
        if mode.is_gpu() {
            culling.record_cull(
                encoder,
                mode,
                0,
                timer.as_deref_mut().and_then(|t| t.compute(PassKind::Cull)),
            );
        }
        if mode == CullMode::GpuOcclusion {
            {
                let stamps = timer.as_deref_mut().and_then(|t| t.render(PassKind::Draw));
                let mut pass = ForwardPass::begin(encoder, depth_targets, true, false, clear, stamps);
                let calls = forward.draw_indirect(&mut pass, scene, culling, 0, depth_targets);
                if !ao {
                    draw_calls += calls;
                }
            }
            let stamps = timer.as_deref_mut().and_then(|t| t.compute(PassKind::Pyramid));
            culling.record_pyramid(ctx, encoder, depth_targets.depth, cull_samples, stamps);
            culling.record_cull(
                encoder,
                mode,
                1,
                timer.as_deref_mut().and_then(|t| t.compute(PassKind::Cull)),
            );
        }
        if let Some(prepass) = &prepass_targets {
            if mode != CullMode::GpuOcclusion {
                let stamps = timer.as_deref_mut().and_then(|t| t.render(PassKind::Draw));
                let mut pass = ForwardPass::begin(encoder, prepass, true, false, clear, stamps);
                draw_opaque(&mut pass, forward, scene, culling, mode, 0, prepass);
            } else {
                let stamps = timer.as_deref_mut().and_then(|t| t.render(PassKind::Draw));
                let mut pass = ForwardPass::begin(encoder, prepass, false, false, clear, stamps);
                forward.draw_indirect(&mut pass, scene, culling, 1, prepass);
            }
            self.ambient_occlusion.record(encoder);
        }
        let blended = {
            // Without ambient occlusion, occlusion culling's first phase is drawn already.
            let first = ao || mode != CullMode::GpuOcclusion;
            let stamps = timer.as_deref_mut().and_then(|t| t.render(PassKind::Draw));
            let mut pass = ForwardPass::begin(encoder, &pass_targets, first, true, clear, stamps);
            if ao && mode == CullMode::GpuOcclusion {
                draw_calls += forward.draw_indirect(&mut pass, scene, culling, 0, &pass_targets);
            }
            let phase = usize::from(mode == CullMode::GpuOcclusion);
            draw_calls += draw_opaque(&mut pass, forward, scene, culling, mode, phase, &pass_targets);
            if skybox {
                self.skybox.draw(
                    &mut pass,
                    samples,
                    ids,
                    scene.frame_bind_group(),
                    pass_targets.lighting,
                );
            }
            forward.draw_blended(&mut pass, scene, culling, &pass_targets)
        };
        draw_calls += blended.0;
        let auto = self.settings.exposure == Exposure::Auto;
        if auto {
            self.auto_exposure
                .record(ctx, encoder, &targets.hdr, size, self.frame_time);
        }
        let exposure = ToneExposure {
            scale: self.settings.exposure.fixed_scale().unwrap_or(1.0) * self.settings.exposure_ev.exp2(),
            auto,
            state: self.auto_exposure.state(),
        };
        let stamps = timer.and_then(|t| t.render(PassKind::Tonemap));
        self.tonemap.record(
            ctx,
            encoder,
            &targets.hdr,
            output,
            format,
            self.settings.tonemap,
            exposure,
            background,
            stamps,
        );
        if let Some(timer) = &self.timer {
            timer.resolve(encoder);
        }
        self.last_frame = Some(LastFrame {
            mode,
            blended_draws: blended.0,
            blended_triangles: blended.1,
        });
        Ok(FrameInfo { mode, draw_calls })
    }

    /// Wall-clock milliseconds of the culling passes alone, without drawing: each of
    /// `repeats` submissions records the cull passes of the current GPU mode (both phases
    /// for `gpu-occlusion`, against the last frame's pyramid) and is waited for. Timestamp
    /// queries may not bracket compute work on every driver (lavapipe's do not); this
    /// measures it from the outside. Empty for the CPU modes.
    pub fn time_culling(
        &mut self,
        ctx: &GpuContext,
        camera: &ViewCamera,
        size: (u32, u32),
        repeats: u32,
    ) -> Result<Vec<f64>> {
        // The CPU modes have no passes to time; check first, so that their lists stay
        // those of the last frame.
        if !self.culling.effective_mode(self.settings.culling.mode).is_gpu() {
            return Ok(Vec::new());
        }
        let mode = self.culling.begin_frame(
            ctx,
            &self.scene,
            camera,
            size,
            &self.settings.culling,
            self.settings.msaa,
            None,
        );
        let phases = if mode == CullMode::GpuOcclusion { 2 } else { 1 };
        let mut times = Vec::with_capacity(repeats as usize);
        for _ in 0..repeats {
            let mut encoder = ctx
                .device
                .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                    label: Some("cull only"),
                });
            for phase in 0..phases {
                self.culling.record_cull(&mut encoder, mode, phase, None);
            }
            let start = std::time::Instant::now();
            ctx.queue.submit([encoder.finish()]);
            ctx.wait_idle()?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        Ok(times)
    }

    /// Reads back what the culling core wrote for the last frame (waits for the GPU).
    pub fn read_culling(&self, ctx: &GpuContext) -> Result<CullReadback> {
        let mode = self.last_frame.map_or(self.settings.culling.mode, |f| f.mode);
        self.culling.read(ctx, mode)
    }

    /// The shadow casters of the last frame: per shadow map, in the order the frame
    /// planned them (a directional light's cascades nearest first, a point light's six
    /// faces), the scene-wide instance indices drawn into it, sorted. In the GPU culling
    /// modes the culling core chose them (waits for the GPU); in the others the CPU did.
    pub fn read_shadow_casters(&self, ctx: &GpuContext) -> Result<Vec<Vec<u32>>> {
        self.lighting
            .shadows
            .read_casters(ctx, &self.scene, &self.culling)
    }

    /// Exact counts of what the last frame submitted, read back from the commands the
    /// culling core wrote (waits for the GPU).
    pub fn read_frame_stats(&self, ctx: &GpuContext) -> Result<FrameStats> {
        let Some(last) = self.last_frame else {
            return Ok(FrameStats::default());
        };
        let (draws, triangles, instances) = self.read_culling(ctx)?.totals(&self.scene);
        Ok(FrameStats {
            draws: draws + last.blended_draws,
            triangles: triangles + last.blended_triangles,
            instances: instances + last.blended_draws,
        })
    }

    /// GPU time of the last frame's passes; `None` where the adapter has no timestamp
    /// queries (waits for the GPU).
    pub fn read_timings(&self, ctx: &GpuContext) -> Result<Option<GpuTimings>> {
        self.timer.as_ref().map(|t| t.read(ctx)).transpose()
    }

    /// The last frame's instance-id buffer, row by row: 0 where nothing was drawn, else
    /// the scene-wide instance index plus one (the order of [`GpuScene::spheres`]).
    /// Needs [`RenderSettings::instance_ids`].
    pub fn read_instance_ids(&self, ctx: &GpuContext) -> Result<Vec<u32>> {
        let Some((texture, _)) = self.targets.as_ref().and_then(|t| t.ids.as_ref()) else {
            return Err(RenderError::InvalidSetting(
                "no instance-id buffer: render with instance_ids on first".into(),
            ));
        };
        Ok(bytemuck::pod_collect_to_vec(&crate::target::read_texture(
            ctx, texture,
        )?))
    }

    /// Draws the prepared scene into a render target. A surface frame is acquired and
    /// presented; `None` when the surface had no frame to give this time (see
    /// [`SurfaceTarget::acquire`](crate::SurfaceTarget::acquire)).
    pub fn render_to(
        &mut self,
        ctx: &GpuContext,
        camera: &ViewCamera,
        target: &mut RenderTarget,
    ) -> Result<Option<FrameInfo>> {
        let (size, format) = (target.size(), target.format());
        match target {
            RenderTarget::Offscreen(offscreen) => {
                self.render(ctx, camera, &offscreen.view, format, size).map(Some)
            }
            RenderTarget::Surface(surface) => {
                let Some(frame) = surface.acquire(ctx)? else {
                    return Ok(None);
                };
                let info = self.render(ctx, camera, &frame.view, format, size)?;
                frame.present(ctx);
                Ok(Some(info))
            }
        }
    }

    /// Renders `scene` from `camera` into a new image of `width` × `height`, with the
    /// exact counts of what was submitted.
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
        self.render(ctx, camera, &target.view, target.format(), (width, height))?;
        let image = target.read_rgba8(ctx)?;
        Ok((image, self.read_frame_stats(ctx)?))
    }
}

/// Draws the opaque instances of a cull phase: the GPU's indirect commands, or the CPU's
/// lists. Returns the draw calls recorded.
fn draw_opaque(
    pass: &mut wgpu::RenderPass,
    forward: &ForwardPass,
    scene: &GpuScene,
    culling: &CullingCore,
    mode: CullMode,
    phase: usize,
    targets: &PassTargets,
) -> u32 {
    match mode {
        CullMode::GpuOcclusion | CullMode::GpuFrustum => {
            forward.draw_indirect(pass, scene, culling, phase, targets)
        }
        CullMode::None | CullMode::Cpu => forward.draw_direct(pass, scene, culling, targets),
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
    let shadows = &settings.shadows;
    let max = ctx.device.limits().max_texture_dimension_2d;
    let layers = ctx.device.limits().max_texture_array_layers;
    let numbers = [
        shadows.max_distance,
        shadows.pcf_radius,
        shadows.normal_offset,
        shadows.slope_bias,
    ];
    if shadows.enabled
        && (!(1..=max).contains(&shadows.resolution)
            || !(1..=layers).contains(&shadows.max_maps)
            || !(1..=4).contains(&shadows.cascades)
            || numbers.iter().any(|v| !v.is_finite() || *v < 0.0))
    {
        return Err(RenderError::InvalidSetting(format!(
            "shadows {shadows:?}: resolution 1 to {max}, 1 to {layers} maps, 1 to 4 cascades, \
             distances and offsets finite and 0 or more"
        )));
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
            return Err(RenderError::Unsupported {
                adapter: ctx.info.name.clone(),
                missing: format!("{}× multisampling of {format:?}", settings.msaa),
            });
        }
    }
    Ok(())
}

//! The renderer: a GPU scene and the frame's stages that draw it into any texture view.

use crate::camera::ViewCamera;
use crate::culling::{CullFrame, CullPhase, CullReadback};
use crate::error::{RenderError, Result};
use crate::exposure::{self, DEFAULT_FRAME_TIME, Exposure};
use crate::frame::{self, FrameInfo, FrameRequest, FrameResources, FrameStats, Recorded};
use crate::gpu_scene::{GpuScene, SyncStats};
use crate::settings::RenderSettings;
use crate::timer::GpuTimings;
use museion_environment::Environment;
use museion_gpu::GpuContext;
use museion_gpu::{FrameOutput, OffscreenTarget, RenderTarget};
use museion_scene::Scene;

/// Draws a [`Scene`] with physically based shading into any texture view: an offscreen
/// texture, a window's surface texture, or a texture of an application that embeds
/// Museion. Instances are culled by the culling core (see
/// [`CullSettings`](crate::CullSettings)).
pub struct Renderer {
    scene: GpuScene,
    /// The passes, the frame's targets and timestamps.
    frame: FrameResources,
    settings: RenderSettings,
    /// Seconds the automatic exposure adapts over each frame.
    frame_time: f32,
    last_frame: Option<Recorded>,
    /// What [`Exposure::Fit`] became, once the first frame has metered the scene.
    fitted: Option<Exposure>,
}

impl Renderer {
    /// A renderer on `ctx`'s device, with its environment loaded (baked on the GPU, or
    /// read from the disk cache).
    pub fn new(ctx: &GpuContext, settings: RenderSettings) -> Result<Self> {
        settings.check(ctx)?;
        let scene = GpuScene::new(ctx);
        let frame = FrameResources::new(ctx, &scene, &settings)?;
        Ok(Self {
            scene,
            frame,
            settings,
            frame_time: DEFAULT_FRAME_TIME,
            last_frame: None,
            fitted: None,
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
        settings.check(ctx)?;
        self.frame
            .passes
            .lighting
            .set_environment(ctx, &settings.environment.source)?;
        if settings.exposure == Exposure::Auto && self.settings.exposure != Exposure::Auto {
            self.frame.passes.auto_exposure.reset(ctx);
        }
        if settings.exposure != self.settings.exposure {
            self.fitted = None;
        }
        self.settings = settings;
        Ok(())
    }

    /// Lights the rooms `probes` cover with their baked indirect light (diffuse light
    /// from the probes instead of the environment's irradiance; the environment still
    /// lights everything outside them), or, with `None`, goes back to the environment
    /// alone. The probes are uploaded once; an error when this GPU's textures cannot
    /// hold them (the renderer then keeps what it had).
    pub fn set_irradiance_probes(
        &mut self,
        ctx: &GpuContext,
        probes: Option<&museion_scene::IrradianceProbes>,
    ) -> Result<()> {
        self.frame.passes.lighting.set_probes(ctx, probes)
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
        Ok(self.frame.passes.auto_exposure.read(ctx)?.ev)
    }

    /// What [`Exposure::Fit`] chose for the scene ([`Exposure::Scene`] or a fixed
    /// [`Exposure::Ev100`]); `None` before the first frame, or with another exposure.
    pub fn fitted_exposure(&self) -> Option<Exposure> {
        self.fitted
    }

    /// The exposure the next frame is drawn with: the settings', or what
    /// [`Exposure::Fit`] became.
    fn frame_exposure(&self) -> Exposure {
        match (self.settings.exposure, self.fitted) {
            (Exposure::Fit, Some(fitted)) => fitted,
            (exposure, _) => exposure,
        }
    }

    /// Meters the scene for [`Exposure::Fit`]: one frame into `output` with automatic
    /// exposure from a fresh start (which jumps to its target at once), then [`exposure::fit`]
    /// of the EV100 it aimed at.
    fn fit_exposure(
        &mut self,
        ctx: &GpuContext,
        camera: &ViewCamera,
        output: FrameOutput,
    ) -> Result<Exposure> {
        let mut settings = self.settings.clone();
        settings.exposure = Exposure::Auto;
        self.frame.passes.auto_exposure.reset(ctx);
        let mut encoder = ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("exposure metering"),
            });
        self.record_with(ctx, &mut encoder, camera, output, &settings);
        ctx.queue.submit([encoder.finish()]);
        let metered = self.frame.passes.auto_exposure.read(ctx)?.ev;
        let fitted = exposure::fit(metered);
        let scene_ev = exposure::scene_referred_ev100();
        match fitted {
            Exposure::Ev100(ev100) => log::info!(
                "exposure: EV100 {ev100:.2}, metered once: the scene is {:.1} stops from the \
                 scene-referred exposure (lights in real-world units); a fixed or automatic \
                 exposure chooses otherwise",
                ev100 - scene_ev
            ),
            _ => log::info!(
                "exposure: scene radiance as it is (metered EV100 {metered:.2}, {:.1} stops from it)",
                metered - scene_ev
            ),
        }
        Ok(fitted)
    }

    /// The environment in use, as baked.
    pub fn environment(&self) -> &Environment {
        self.frame.passes.lighting.environment()
    }

    /// The scene as uploaded to the GPU.
    pub fn gpu_scene(&self) -> &GpuScene {
        &self.scene
    }

    /// Uploads what changed in `scene` since the last call, and rebuilds the culling
    /// core's per-chunk buffers when the instance layout changed. A different `Scene`
    /// from the last one (a venue loaded again) needs nothing more: its meshes and images
    /// carry revisions no other scene has, so all of them are uploaded afresh, and the
    /// geometry they replace is freed.
    ///
    /// A lost device is [`GpuError::DeviceLost`](museion_gpu::GpuError::DeviceLost)
    /// (here and from [`Renderer::render`]): nothing made on it can be used again, so
    /// make a new context and renderer and prepare the scene on them.
    pub fn prepare(&mut self, ctx: &GpuContext, scene: &Scene) -> Result<SyncStats> {
        ctx.check_lost()?;
        let stats = self.scene.sync(ctx, scene, self.settings.culling.lod)?;
        self.frame
            .passes
            .culling
            .prepare(ctx, &self.scene, &self.settings.culling);
        Ok(stats)
    }

    /// Bytes of per-instance GPU data: transforms, bounding spheres, draw-group ids,
    /// visibility flags and the culling core's visible lists.
    pub fn instance_bytes(&self) -> u64 {
        self.frame.passes.culling.instance_bytes()
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
        ctx.check_lost()?;
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
        let output = FrameOutput::new(output, format, size)?;
        // The illuminance view is drawn without exposure: metering it would fit the
        // exposure to false colours.
        let metering = !self.settings.view.is_illuminance();
        if metering && self.settings.exposure == Exposure::Fit && self.fitted.is_none() {
            let key = self.scene.key_illuminance();
            self.fitted = Some(if exposure::needs_metering(key) {
                self.fit_exposure(ctx, camera, output)?
            } else {
                match key {
                    Some(lux) => log::info!(
                        "exposure: scene radiance as it is (the brightest light gives {lux:.3} lx, \
                         within {} stops of neutral)",
                        exposure::FIT_STOPS
                    ),
                    None => log::info!("exposure: scene radiance as it is (studio lights)"),
                }
                Exposure::Scene
            });
        }
        let mut settings = self.settings.clone();
        settings.exposure = self.frame_exposure();
        Ok(self.record_with(ctx, encoder, camera, output, &settings.for_frame()))
    }

    /// Records one frame with `settings` (whose exposure is never [`Exposure::Fit`]).
    fn record_with(
        &mut self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        camera: &ViewCamera,
        output: FrameOutput,
        settings: &RenderSettings,
    ) -> FrameInfo {
        let request = FrameRequest {
            camera,
            output,
            settings,
            frame_time: self.frame_time,
        };
        // Prepare: targets, camera, ambient occlusion, culling, shadow plan, lighting.
        let mut frame = frame::prepare(ctx, &mut self.scene, &mut self.frame, request);
        // Deformation: skinned and morphed instances posed anew.
        frame::deformation(&mut frame, encoder);
        // Shadow maps: each shadow view's casters culled and drawn into its layer.
        frame::shadow_maps(&frame, encoder);
        // Light clusters: the point and spot lights each cluster of the view shades with.
        frame::light_clusters(&frame, encoder);
        // Depth prepass and early cull: the first cull, then the depth drawn first.
        frame::depth_prepass_and_early_cull(&mut frame, encoder);
        // Hi-Z and late cull: the pyramid from that depth, then what the early cull left.
        frame::hiz_and_late_cull(&mut frame, encoder);
        // Ambient occlusion: horizons searched in the prepass, then denoised.
        frame::ambient_occlusion(&frame, encoder);
        // The main pass, which the next three stages draw into and which then resolves.
        let mut pass = frame::begin_main_pass(&mut frame, encoder);
        // Opaque: the culled opaque instances not drawn into the main targets yet.
        frame::opaque(&mut frame, &mut pass);
        // Skybox: the environment where nothing was drawn.
        frame::skybox(&frame, &mut pass);
        // Transmission source: with transmissive surfaces, the pass pauses and the opaque
        // scene is copied with a mip chain for them to read.
        let mut pass = if frame.pauses_for_transmission() {
            drop(pass);
            frame::transmission_source(&frame, encoder);
            frame::continue_main_pass(&frame, encoder)
        } else {
            pass
        };
        // Transparent: blended and transmissive instances, farthest first.
        frame::transparent(&mut frame, &mut pass);
        drop(pass);
        // Exposure: the automatic exposure's histogram and adaptation.
        frame::exposure(&frame, encoder);
        // Tone map: HDR radiance into the output.
        frame::tone_map(&mut frame, encoder);
        let recorded = frame.finish(encoder);
        self.last_frame = Some(recorded);
        recorded.info
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
        let culling = &mut self.frame.passes.culling;
        // The CPU modes have no passes to time; check first, so that their lists stay
        // those of the last frame.
        if !culling.effective_mode(self.settings.culling.mode).is_gpu() {
            return Ok(Vec::new());
        }
        let frame = CullFrame {
            camera,
            viewport: size,
            depth_samples: self.settings.msaa,
            depth: None,
        };
        let mode = culling.begin_frame(ctx, &self.scene, &self.settings.culling, &frame);
        let mut times = Vec::with_capacity(repeats as usize);
        for _ in 0..repeats {
            let mut encoder = ctx
                .device
                .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                    label: Some("cull only"),
                });
            for &phase in CullPhase::of(mode) {
                culling.record_cull(&mut encoder, mode, phase, None);
            }
            let start = std::time::Instant::now();
            ctx.queue.submit([encoder.finish()]);
            ctx.wait_idle()?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        Ok(times)
    }

    /// Wall-clock milliseconds of the deformation pass alone: each of `repeats`
    /// submissions deforms the instances whose pose changed at the last
    /// [`Renderer::prepare`] again, and is waited for. Timestamps do not bracket compute
    /// work on every driver (lavapipe's do not); this measures it from the outside. Empty
    /// when the last prepare moved nothing.
    pub fn time_deformation(&self, ctx: &GpuContext, repeats: u32) -> Result<Vec<f64>> {
        if self.scene.deformed_instances() == 0 {
            return Ok(Vec::new());
        }
        let mut times = Vec::with_capacity(repeats as usize);
        for _ in 0..repeats {
            let mut encoder = ctx
                .device
                .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                    label: Some("deform only"),
                });
            self.scene.record_deformation_again(ctx, &mut encoder);
            let start = std::time::Instant::now();
            ctx.queue.submit([encoder.finish()]);
            ctx.wait_idle()?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        Ok(times)
    }

    /// What the last frame's light clusters found: lights in the scene and visible, mean
    /// and maximum lights per cluster, clusters that overflowed and the pairs they left
    /// out (waits for the GPU).
    pub fn read_cluster_stats(&self, ctx: &GpuContext) -> Result<crate::ClusterStats> {
        self.frame.passes.lighting.clusters().read_stats(ctx)
    }

    /// Reads back what the culling core wrote for the last frame (waits for the GPU).
    pub fn read_culling(&self, ctx: &GpuContext) -> Result<CullReadback> {
        let mode = self
            .last_frame
            .map_or(self.settings.culling.mode, |f| f.info.mode);
        self.frame.passes.culling.read(ctx, mode)
    }

    /// The shadow casters of the last frame: per shadow map, in the order the frame
    /// planned them (a directional light's cascades nearest first, a point light's six
    /// faces), the scene-wide instance indices drawn into it, sorted. In the GPU culling
    /// modes the culling core chose them (waits for the GPU); in the others the CPU did.
    pub fn read_shadow_casters(&self, ctx: &GpuContext) -> Result<Vec<Vec<u32>>> {
        let passes = &self.frame.passes;
        passes
            .lighting
            .shadows()
            .read_casters(ctx, &self.scene, &passes.culling)
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
        self.frame.timer.as_ref().map(|t| t.read(ctx)).transpose()
    }

    /// The last frame's instance-id buffer, row by row: 0 where nothing was drawn, else
    /// the scene-wide instance index plus one (the order of [`GpuScene::spheres`]).
    /// Needs [`RenderSettings::instance_ids`].
    pub fn read_instance_ids(&self, ctx: &GpuContext) -> Result<Vec<u32>> {
        let Some(texture) = self.frame.instance_ids() else {
            return Err(RenderError::InvalidSetting(
                "no instance-id buffer: render with instance_ids on first".into(),
            ));
        };
        Ok(bytemuck::pod_collect_to_vec(
            &museion_gpu::readback::read_texture(ctx, texture)?,
        ))
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

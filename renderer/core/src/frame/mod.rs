//! The frame: the stages [`Renderer::record`](crate::Renderer::record) runs, in order,
//! and the per-frame context they share.
//!
//! 1. Prepare ([`prepare`]): the targets for the output's size, the camera, ambient
//!    occlusion's parameters, the culling core's frame (mode, pyramid, view, CPU lists),
//!    the shadow plan, the lighting and the pipelines. All CPU work and uniform writes.
//! 2. Shadow maps: per planned shadow view, its casters culled and drawn into its layer
//!    of the shadow atlas.
//! 3. Depth prepass and early cull: the first cull; then the depth that the Hi-Z pyramid
//!    and ambient occlusion read (see [`DepthPrepass`]).
//! 4. Hi-Z and late cull (`gpu-occlusion`): the pyramid from that depth, then the
//!    instances the early cull left out, tested against it.
//! 5. Ambient occlusion: the horizon search over the prepass, then its denoise.
//! 6. Opaque, in the main pass: the culled opaque instances not drawn into the main
//!    targets yet, shaded.
//! 7. Skybox, in the main pass: the environment where nothing was drawn.
//! 8. Transmission source, when transmissive materials are drawn: the main pass resolves
//!    and pauses, the opaque scene is copied with a mip chain, and the pass continues.
//! 9. Transparent, in the main pass: blended and transmissive instances, farthest first;
//!    the pass then resolves multisampled colour.
//! 10. Exposure: the automatic exposure's histogram and adaptation.
//! 11. Tone map: HDR radiance into the output.

mod prepare;
mod stages;
mod targets;

pub(crate) use prepare::prepare;
pub(crate) use stages::{
    ambient_occlusion, begin_main_pass, continue_main_pass, deformation, depth_prepass_and_early_cull,
    exposure, hiz_and_late_cull, light_clusters, opaque, shadow_maps, skybox, tone_map, transmission_source,
    transparent,
};

use crate::ambient_occlusion::AmbientOcclusion;
use crate::camera::ViewCamera;
use crate::culling::{CullMode, CullingCore};
use crate::error::Result;
use crate::exposure::AutoExposurePass;
use crate::forward::{ForwardPass, PassTargets};
use crate::gpu_scene::GpuScene;
use crate::lighting::Lighting;
use crate::settings::RenderSettings;
use crate::skybox::SkyboxPass;
use crate::timer::FrameTimer;
use crate::tonemap::TonemapPass;
use crate::transmission::{TransmissionPass, TransmissionTarget};
use museion_gpu::FrameOutput;
use museion_gpu::GpuContext;
use targets::FrameTargets;

/// What [`Renderer::render`](crate::Renderer::render) recorded for a frame, known
/// without waiting for the GPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    /// The culling mode that ran (the GPU modes fall back to `cpu` on adapters without
    /// indirect first-instance support).
    pub mode: CullMode,
    /// Draw calls recorded: multi-draw calls in the GPU modes, instanced draws otherwise,
    /// plus one per blended instance.
    pub draw_calls: u32,
}

/// Counts of what a frame submitted, read back from the commands the culling core wrote
/// (or counted on the CPU in the CPU modes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameStats {
    /// Draws executed with at least one instance: indirect commands in the GPU modes,
    /// instanced draw calls in the CPU modes, plus one per blended instance.
    pub draws: u32,
    /// Triangles submitted (instances × triangles of the level of detail drawn).
    pub triangles: u64,
    /// Instances drawn.
    pub instances: u32,
}

/// What a frame recorded, kept for reading back its statistics: the blended draws are
/// not among the culling core's commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Recorded {
    pub info: FrameInfo,
    pub blended_draws: u32,
    pub blended_triangles: u64,
}

/// The passes of a frame, with their pipelines and buffers.
pub(crate) struct Passes {
    pub culling: CullingCore,
    pub lighting: Lighting,
    pub forward: ForwardPass,
    pub skybox: SkyboxPass,
    pub ambient_occlusion: AmbientOcclusion,
    pub auto_exposure: AutoExposurePass,
    pub tonemap: TonemapPass,
    pub transmission: TransmissionPass,
}

/// What the frame's stages keep from one frame to the next: the passes, the targets of
/// the last output size, and the timestamp queries.
pub(crate) struct FrameResources {
    pub passes: Passes,
    pub targets: Option<FrameTargets>,
    /// What transmissive surfaces read, for the last output size that drew any.
    pub transmission: Option<TransmissionTarget>,
    pub timer: Option<FrameTimer>,
}

impl FrameResources {
    /// The passes for `scene`'s layouts, with `settings`' environment loaded.
    pub fn new(ctx: &GpuContext, scene: &GpuScene, settings: &RenderSettings) -> Result<Self> {
        let ambient_occlusion = AmbientOcclusion::new(ctx);
        let transmission = TransmissionPass::new(ctx);
        let lighting = Lighting::new(
            ctx,
            scene,
            &settings.environment.source,
            (
                ambient_occlusion.term(&settings.ambient_occlusion),
                transmission.fallback(),
            ),
        )?;
        let passes = Passes {
            culling: CullingCore::new(ctx),
            forward: ForwardPass::new(ctx, scene, &lighting.layout),
            skybox: SkyboxPass::new(ctx, &scene.layouts.frame, &lighting.layout),
            lighting,
            ambient_occlusion,
            auto_exposure: AutoExposurePass::new(ctx),
            tonemap: TonemapPass::new(ctx),
            transmission,
        };
        Ok(Self {
            passes,
            targets: None,
            transmission: None,
            timer: FrameTimer::new(ctx),
        })
    }

    /// The last frame's instance-id target, if it had one.
    pub fn instance_ids(&self) -> Option<&wgpu::Texture> {
        self.targets.as_ref()?.ids.as_ref().map(|(texture, _)| texture)
    }
}

/// What one frame is asked for.
#[derive(Clone, Copy)]
pub(crate) struct FrameRequest<'a> {
    pub camera: &'a ViewCamera,
    pub output: FrameOutput<'a>,
    pub settings: &'a RenderSettings,
    /// Seconds automatic exposure adapts over.
    pub frame_time: f32,
}

/// Where a frame first draws opaque depth, before its main pass.
#[derive(Clone, Copy)]
pub(crate) enum DepthPrepass<'a> {
    /// Nowhere: without ambient occlusion or occlusion culling, the main pass draws
    /// every opaque instance.
    None,
    /// Ambient occlusion's prepass (single-sample depth and view-space normals): every
    /// opaque phase is drawn into it, and with occlusion culling its depth is the one the
    /// Hi-Z pyramid is built from.
    AmbientOcclusion(PassTargets<'a>),
    /// The main targets: occlusion culling's early phase is drawn into them, shaded, and
    /// the pyramid is built from their depth; the main pass then continues them.
    EarlyPhaseInMain,
}

/// The per-frame context of the stages: what they draw with, into what, and what they
/// have recorded so far.
pub(crate) struct Frame<'a> {
    ctx: &'a GpuContext,
    scene: &'a GpuScene,
    passes: &'a Passes,
    targets: &'a FrameTargets,
    request: FrameRequest<'a>,
    /// The culling mode that runs.
    mode: CullMode,
    /// The main targets.
    main: PassTargets<'a>,
    depth_prepass: DepthPrepass<'a>,
    timer: Option<&'a mut FrameTimer>,
    /// Draw calls recorded into the main targets (the prepass's are not counted).
    draw_calls: u32,
    /// Blended draws recorded, and the triangles they submit.
    blended: (u32, u64),
    /// Where the opaque scene is copied for transmissive surfaces, when any is drawn.
    transmission: Option<&'a TransmissionTarget>,
}

impl Frame<'_> {
    /// Whether the main pass pauses after the opaque stage for the transmission source.
    pub fn pauses_for_transmission(&self) -> bool {
        self.transmission.is_some()
    }

    /// Ends the frame's recording: the timestamps are resolved for reading back.
    pub fn finish(self, encoder: &mut wgpu::CommandEncoder) -> Recorded {
        if let Some(timer) = &self.timer {
            timer.resolve(encoder);
        }
        Recorded {
            info: FrameInfo {
                mode: self.mode,
                draw_calls: self.draw_calls,
            },
            blended_draws: self.blended.0,
            blended_triangles: self.blended.1,
        }
    }
}

//! The stages that record a frame's passes, in the order
//! [`Renderer::record`](crate::Renderer::record) runs them.

use super::{DepthPrepass, Frame};
use crate::culling::{CullMode, CullPhase};
use crate::exposure::Exposure;
use crate::forward::{ForwardPass, Load, OpaqueDraws, PassTargets, Store};
use crate::timer::PassKind;

/// Deformation: skinned and morphed instances whose pose changed get their vertices
/// rewritten, before any pass draws them.
pub(crate) fn deformation(frame: &mut Frame, encoder: &mut wgpu::CommandEncoder) {
    if !frame.scene.has_deformation() {
        return;
    }
    let stamps = frame
        .timer
        .as_deref_mut()
        .and_then(|t| t.compute(PassKind::Deform));
    frame.scene.record_deformation(frame.ctx, encoder, stamps);
}

/// Shadow maps: per planned shadow view, its casters culled (in the GPU modes) and
/// drawn into its layer of the shadow atlas.
pub(crate) fn shadow_maps(frame: &Frame, encoder: &mut wgpu::CommandEncoder) {
    frame
        .passes
        .lighting
        .shadows()
        .record(encoder, frame.scene, &frame.passes.culling);
}

/// Light clusters: each cluster of the view gets the list of point and spot lights that
/// reach it, before any pass shades (the early phase of occlusion culling shades into
/// the main targets).
pub(crate) fn light_clusters(frame: &Frame, encoder: &mut wgpu::CommandEncoder) {
    frame
        .passes
        .lighting
        .clusters()
        .record(frame.ctx, frame.scene, encoder);
}

/// Depth prepass and early cull: the first cull of the GPU modes, then the opaque depth
/// drawn before the main pass (see [`DepthPrepass`]): with occlusion culling, the early
/// phase, into the prepass or the main targets; else, with ambient occlusion, every
/// opaque instance into the prepass.
pub(crate) fn depth_prepass_and_early_cull(frame: &mut Frame, encoder: &mut wgpu::CommandEncoder) {
    if frame.mode.is_gpu() {
        cull(frame, encoder, CullPhase::Early);
    }
    let early = [OpaqueDraws::Culled(CullPhase::Early)];
    match frame.depth_prepass {
        DepthPrepass::None => {}
        DepthPrepass::AmbientOcclusion(prepass) => {
            // Occlusion culling's late phase is drawn once the pyramid has culled it.
            let draws = match frame.mode {
                CullMode::GpuOcclusion => &early,
                mode => OpaqueDraws::of(mode),
            };
            draw_opaque_pass(frame, encoder, &prepass, Load::Clear, draws);
        }
        DepthPrepass::EarlyPhaseInMain => {
            let main = frame.main;
            frame.draw_calls += draw_opaque_pass(frame, encoder, &main, Load::Clear, &early);
        }
    }
}

/// Hi-Z and late cull (`gpu-occlusion` only): the pyramid from the early phase's depth,
/// the late cull against it, and, with ambient occlusion, the late phase drawn into the
/// prepass, which then holds every opaque instance.
pub(crate) fn hiz_and_late_cull(frame: &mut Frame, encoder: &mut wgpu::CommandEncoder) {
    if frame.mode != CullMode::GpuOcclusion {
        return;
    }
    let depth = match frame.depth_prepass {
        DepthPrepass::AmbientOcclusion(prepass) => prepass,
        DepthPrepass::None | DepthPrepass::EarlyPhaseInMain => frame.main,
    };
    let stamps = frame
        .timer
        .as_deref_mut()
        .and_then(|t| t.compute(PassKind::Pyramid));
    frame
        .passes
        .culling
        .record_pyramid(frame.ctx, encoder, depth.depth, depth.samples(), stamps);
    cull(frame, encoder, CullPhase::Late);
    if let DepthPrepass::AmbientOcclusion(prepass) = frame.depth_prepass {
        let late = [OpaqueDraws::Culled(CullPhase::Late)];
        draw_opaque_pass(frame, encoder, &prepass, Load::Keep, &late);
    }
}

/// Ambient occlusion: the horizon search over the prepass's depth and normals, then the
/// edge-aware denoise, into the term the lighting group binds.
pub(crate) fn ambient_occlusion(frame: &Frame, encoder: &mut wgpu::CommandEncoder) {
    if let DepthPrepass::AmbientOcclusion(_) = frame.depth_prepass {
        frame.passes.ambient_occlusion.record(encoder);
    }
}

/// Begins the main pass, which the opaque, skybox and transparent stages draw into: it
/// clears the main targets, or continues them after occlusion culling's early phase, and
/// at its end resolves multisampled colour into the HDR target.
pub(crate) fn begin_main_pass<'e>(
    frame: &mut Frame,
    encoder: &'e mut wgpu::CommandEncoder,
) -> wgpu::RenderPass<'e> {
    let load = match frame.depth_prepass {
        DepthPrepass::EarlyPhaseInMain => Load::Keep,
        DepthPrepass::None | DepthPrepass::AmbientOcclusion(_) => Load::Clear,
    };
    let stamps = frame.timer.as_deref_mut().and_then(|t| t.render(PassKind::Draw));
    // Transmissive surfaces need the opaque scene resolved before they are drawn.
    let store = if frame.transmission.is_some() {
        Store::ResolveAndKeep
    } else {
        Store::Resolve
    };
    ForwardPass::begin(encoder, &frame.main, load, store, stamps)
}

/// Transmission source: the opaque scene (resolved into the HDR target by the main pass,
/// which then ends) copied with a mip chain for the transmissive surfaces. Nothing when
/// none is drawn.
pub(crate) fn transmission_source(frame: &Frame, encoder: &mut wgpu::CommandEncoder) {
    if let Some(target) = frame.transmission {
        frame
            .passes
            .transmission
            .record(frame.ctx, encoder, &frame.targets.hdr, target);
    }
}

/// Continues the main pass after the transmission source was made.
pub(crate) fn continue_main_pass<'e>(
    frame: &Frame,
    encoder: &'e mut wgpu::CommandEncoder,
) -> wgpu::RenderPass<'e> {
    ForwardPass::begin(encoder, &frame.main, Load::Keep, Store::Resolve, None)
}

/// Opaque: the frame's opaque draws, shaded, except the early phase when it was drawn
/// into the main targets already.
pub(crate) fn opaque(frame: &mut Frame, pass: &mut wgpu::RenderPass) {
    let drawn_early = matches!(frame.depth_prepass, DepthPrepass::EarlyPhaseInMain);
    for &draws in OpaqueDraws::of(frame.mode) {
        if drawn_early && draws == OpaqueDraws::Culled(CullPhase::Early) {
            continue;
        }
        frame.draw_calls +=
            frame
                .passes
                .forward
                .draw_opaque(pass, frame.scene, &frame.passes.culling, draws, &frame.main);
    }
}

/// Skybox: the environment where nothing was drawn, when the settings ask for it.
pub(crate) fn skybox(frame: &Frame, pass: &mut wgpu::RenderPass) {
    let settings = frame.request.settings;
    if settings.environment.skybox {
        frame.passes.skybox.draw(
            pass,
            settings.target_layout(),
            frame.scene.frame_bind_group(),
            frame.main.lighting,
        );
    }
}

/// Transparent: the blended instances the culling core sorted, farthest first.
pub(crate) fn transparent(frame: &mut Frame, pass: &mut wgpu::RenderPass) {
    let (calls, triangles) =
        frame
            .passes
            .forward
            .draw_blended(pass, frame.scene, &frame.passes.culling, &frame.main);
    frame.draw_calls += calls;
    frame.blended = (calls, triangles);
}

/// Exposure: with automatic exposure, the luminance histogram of the HDR target and the
/// adaptation toward its target, left on the GPU for the tone mapper.
pub(crate) fn exposure(frame: &Frame, encoder: &mut wgpu::CommandEncoder) {
    if frame.request.settings.exposure == Exposure::Auto {
        frame.passes.auto_exposure.record(
            frame.ctx,
            encoder,
            &frame.targets.hdr,
            frame.request.output.size,
            frame.request.frame_time,
        );
    }
}

/// Tone map: HDR radiance, exposed, through the tone curve into the output, with the
/// background where nothing covers it.
pub(crate) fn tone_map(frame: &mut Frame, encoder: &mut wgpu::CommandEncoder) {
    let stamps = frame
        .timer
        .as_deref_mut()
        .and_then(|t| t.render(PassKind::Tonemap));
    frame.passes.tonemap.record(
        frame.ctx,
        encoder,
        &frame.targets.hdr,
        frame.passes.auto_exposure.state(),
        &frame.request.output,
        stamps,
    );
}

/// Records a cull phase of every chunk.
fn cull(frame: &mut Frame, encoder: &mut wgpu::CommandEncoder, phase: CullPhase) {
    let stamps = frame.timer.as_deref_mut().and_then(|t| t.compute(PassKind::Cull));
    frame
        .passes
        .culling
        .record_cull(encoder, frame.mode, phase, stamps);
}

/// A forward pass over `targets` that draws `draws` and keeps everything for a later
/// pass. Returns the draw calls recorded.
fn draw_opaque_pass(
    frame: &mut Frame,
    encoder: &mut wgpu::CommandEncoder,
    targets: &PassTargets,
    load: Load,
    draws: &[OpaqueDraws],
) -> u32 {
    let stamps = frame.timer.as_deref_mut().and_then(|t| t.render(PassKind::Draw));
    let mut pass = ForwardPass::begin(encoder, targets, load, Store::Keep, stamps);
    draws
        .iter()
        .map(|&d| {
            frame
                .passes
                .forward
                .draw_opaque(&mut pass, frame.scene, &frame.passes.culling, d, targets)
        })
        .sum()
}

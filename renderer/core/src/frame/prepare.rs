//! The frame's first stage: everything the CPU does for a frame, before any pass is
//! recorded.

use super::{DepthPrepass, Frame, FrameRequest, FrameResources, FrameTargets, Passes};
use crate::culling::{CullFrame, CullMode};
use crate::exposure::Exposure;
use crate::forward::{FrameFeatures, PassOutput, PassTargets};
use crate::gpu_scene::GpuScene;
use crate::shading_view::ShadingView;
use crate::shadows::{self, ShadowPlan};
use crate::tonemap::{ToneExposure, ToneSettings};
use crate::transmission::TransmissionTarget;
use museion_gpu::GpuContext;

/// Prepare: the main targets for the output's size, the camera, ambient occlusion's
/// targets and parameters, the culling core's frame (mode, pyramid, view, CPU lists), the
/// shadow plan and maps, the lighting uniform, and the pipelines the passes need. Every
/// uniform is written here, before anything is recorded. Returns the frame's context.
pub(crate) fn prepare<'a>(
    ctx: &'a GpuContext,
    scene: &'a mut GpuScene,
    resources: &'a mut FrameResources,
    request: FrameRequest<'a>,
) -> Frame<'a> {
    let FrameRequest {
        camera,
        output,
        settings,
        ..
    } = request;
    let layout = settings.target_layout();
    let targets = FrameTargets::ensure(&mut resources.targets, ctx, output.size, layout);
    let passes = &mut resources.passes;
    scene.write_camera(ctx, camera, output.aspect());
    prepare_ambient_occlusion(ctx, passes, &request);
    prepare_transmission(ctx, scene, passes, &mut resources.transmission, output.size);
    let mode = begin_culling(ctx, scene, passes, targets, &request);
    let mut outputs = vec![PassOutput::Shaded(layout)];
    if settings.ambient_occlusion.enabled {
        outputs.push(PassOutput::Prepass);
    }
    let plan = plan_shadows(scene, &request);
    let features = FrameFeatures {
        probes: passes.lighting.has_probes(),
        shadows: !plan.views.is_empty(),
        illuminance: matches!(settings.view, ShadingView::Illuminance(_)),
    };
    passes.forward.prepare(ctx, scene, &outputs, features);
    scene.set_light_shadows(ctx, &plan.first_view);
    prepare_lighting(ctx, scene, passes, &request, &plan, mode);
    if settings.environment.skybox {
        passes.skybox.prepare(ctx, layout);
    }
    passes
        .tonemap
        .prepare(ctx, output.format, &tone_settings(&request));
    let mut timer = resources.timer.as_mut();
    if let Some(timer) = timer.as_deref_mut() {
        timer.begin_frame();
    }

    let (passes, targets, scene) = (&*passes, &*targets, &*scene);
    let lighting = passes.lighting.bind_group();
    let (color, resolve) = match &targets.msaa {
        Some(msaa) => (msaa, Some(&targets.hdr)),
        None => (&targets.hdr, None),
    };
    let main = PassTargets {
        lighting,
        color,
        resolve,
        depth: &targets.depth,
        ids: targets.ids.as_ref().map(|(_, view)| view),
        output: PassOutput::Shaded(layout),
    };
    let prepass = passes
        .ambient_occlusion
        .prepass_targets(&settings.ambient_occlusion);
    let depth_prepass = match prepass {
        Some((depth, normals)) => DepthPrepass::AmbientOcclusion(PassTargets {
            lighting,
            color: normals,
            resolve: None,
            depth,
            ids: None,
            output: PassOutput::Prepass,
        }),
        None if mode == CullMode::GpuOcclusion => DepthPrepass::EarlyPhaseInMain,
        None => DepthPrepass::None,
    };
    Frame {
        ctx,
        scene,
        passes,
        targets,
        request,
        mode,
        main,
        depth_prepass,
        timer,
        draw_calls: 0,
        blended: (0, 0),
        transmission: resources
            .transmission
            .as_ref()
            .filter(|_| scene.groups().iter().any(|g| g.key.transmission)),
    }
}

/// The texture transmissive surfaces read, for the output's size, when the scene has
/// any (kept for later frames), bound in the lighting group; else the black fallback.
fn prepare_transmission(
    ctx: &GpuContext,
    scene: &GpuScene,
    passes: &mut Passes,
    slot: &mut Option<TransmissionTarget>,
    size: (u32, u32),
) {
    if !scene.groups().iter().any(|g| g.key.transmission) {
        passes
            .lighting
            .set_transmission(ctx, passes.transmission.fallback());
        return;
    }
    if slot.as_ref().is_none_or(|t| t.size() != size) {
        *slot = Some(passes.transmission.target(ctx, size));
    }
    if let Some(target) = slot {
        passes.lighting.set_transmission(ctx, &target.view);
    }
}

/// Ambient occlusion's targets for the output's size and its parameters when it is on,
/// and the occlusion term the lighting group binds (white when it is off).
fn prepare_ambient_occlusion(ctx: &GpuContext, passes: &mut Passes, request: &FrameRequest) {
    let settings = &request.settings.ambient_occlusion;
    let ambient_occlusion = &mut passes.ambient_occlusion;
    if settings.enabled {
        ambient_occlusion.ensure_targets(ctx, request.output.size);
        ambient_occlusion.write(ctx, request.camera, request.output.size, settings);
    }
    passes
        .lighting
        .set_occlusion(ctx, passes.ambient_occlusion.term(settings));
}

/// The culling core's frame: its mode, pyramid and view, with the depth the pyramid is
/// built from — the prepass's when ambient occlusion runs, else the main targets'.
/// Returns the mode that runs.
fn begin_culling(
    ctx: &GpuContext,
    scene: &GpuScene,
    passes: &mut Passes,
    targets: &FrameTargets,
    request: &FrameRequest,
) -> CullMode {
    let settings = request.settings;
    let (depth, depth_samples) = match passes
        .ambient_occlusion
        .prepass_targets(&settings.ambient_occlusion)
    {
        Some((depth, _)) => (depth, 1),
        None => (&targets.depth, settings.msaa),
    };
    let frame = CullFrame {
        camera: request.camera,
        viewport: request.output.size,
        depth_samples,
        depth: Some(depth),
    };
    passes.culling.begin_frame(ctx, scene, &settings.culling, &frame)
}

/// Which lights get shadow maps this frame, and each map's view.
fn plan_shadows(scene: &GpuScene, request: &FrameRequest) -> ShadowPlan {
    let settings = &request.settings.shadows;
    let plan = shadows::plan(
        scene.lights(),
        scene.light_casts(),
        request.camera,
        request.output.aspect(),
        scene.bounds().as_ref(),
        settings,
    );
    if plan.over_budget > 0 {
        log::debug!(
            "{} lights cast no shadow: the budget is {} maps",
            plan.over_budget,
            settings.max_maps
        );
    }
    plan
}

/// The shadow maps of `plan` (their casters culled by the frame's `mode`) and the
/// lighting uniform.
fn prepare_lighting(
    ctx: &GpuContext,
    scene: &GpuScene,
    passes: &mut Passes,
    request: &FrameRequest,
    plan: &ShadowPlan,
    mode: CullMode,
) {
    let settings = request.settings;
    passes
        .lighting
        .prepare_shadows(ctx, scene, &passes.culling, plan, &settings.shadows, mode);
    passes.lighting.prepare_clusters(
        ctx,
        scene,
        request.camera,
        request.output.size,
        &settings.clusters,
    );
    passes.lighting.write(
        ctx,
        &settings.environment,
        (settings.multiscatter, &settings.view),
        plan,
        &settings.shadows,
    );
}

/// The tone mapper's curve, exposure and background for the frame's settings.
fn tone_settings(request: &FrameRequest) -> ToneSettings {
    let settings = request.settings;
    let compensation = settings.exposure_ev.exp2();
    let exposure = match settings.exposure {
        Exposure::Auto => ToneExposure::Auto { compensation },
        fixed => ToneExposure::Fixed(fixed.fixed_scale().unwrap_or(1.0) * compensation),
    };
    ToneSettings {
        operator: settings.tonemap,
        exposure,
        background: settings.linear_background(),
    }
}

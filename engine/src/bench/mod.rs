//! `museion bench`: seeded procedural scenes rendered headless in each culling mode, with
//! wall-clock and GPU timings and exact counts read back from the draw arguments.
//!
//! Scenes ([`museion_scene::procedural`]):
//! - `cubes`: N unit cubes on a Fibonacci sphere of radius 500 around a camera at the
//!   origin that turns by a fixed step per frame (the layout of Bevy's `many_cubes`).
//! - `halls`: a museum of rooms with exhibits, walls that occlude, a walking camera.
//! - `open-hall`: one hall where nothing hides anything, to measure what occlusion
//!   culling costs when it cannot win.
//! - `grid`: N copies of a glTF model on a grid, an orbiting camera.

mod report;
mod stats;

pub use report::{BaselineError, BenchResult, Regression, read_baseline, regressions};
pub use stats::{median, quantile};

use museion_renderer::wgpu;
use museion_renderer::{
    CullMode, GpuContext, OffscreenTarget, RenderSettings, Renderer, Tonemapper, ViewCamera,
};
use museion_scene::Scene;
use museion_scene::procedural::{self, BenchScene};
use std::collections::HashSet;
use std::time::Instant;

/// The procedural scenes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum SceneKind {
    /// Unit cubes on a sphere around a turning camera.
    Cubes,
    /// Rooms with exhibits and occluding walls, a walking camera.
    Halls,
    /// One open hall: nothing is occluded.
    OpenHall,
    /// Copies of a glTF model on a grid.
    Grid,
}

impl SceneKind {
    /// The name in results.
    pub fn name(self) -> &'static str {
        match self {
            SceneKind::Cubes => "cubes",
            SceneKind::Halls => "halls",
            SceneKind::OpenHall => "open-hall",
            SceneKind::Grid => "grid",
        }
    }
}

/// Instances of `cubes` by default (as in the `many_cubes` comparison).
pub const DEFAULT_CUBES: u32 = 1_600_000;
/// Rooms of `halls` by default.
pub const DEFAULT_ROOMS: u32 = 36;
/// Exhibits per room of `halls` by default.
pub const DEFAULT_EXHIBITS_PER_ROOM: u32 = 30;
/// Exhibits of `open-hall` by default.
pub const DEFAULT_OPEN_HALL_EXHIBITS: u32 = 1024;
/// Copies of the model in `grid` by default.
pub const DEFAULT_GRID_COPIES: u32 = 1024;

/// Errors of a benchmark run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The renderer failed.
    #[error(transparent)]
    Render(#[from] museion_renderer::RenderError),
    /// `grid` needs a model.
    #[error("the grid scene needs a glTF model: pass --model FILE")]
    NoModel,
    /// The model could not be loaded.
    #[error(transparent)]
    Model(#[from] museion_scene::Error),
    /// Nothing to measure.
    #[error("--frames must be at least 1")]
    NoFrames,
}

/// Builds a scene. `instances`: cubes for `cubes`, copies for `grid`, exhibits for
/// `open-hall`, and for `halls` the total exhibits (spread over `rooms` rooms).
pub fn build_scene(
    kind: SceneKind,
    instances: Option<u32>,
    rooms: u32,
    seed: u64,
    model: Option<&Scene>,
) -> Result<BenchScene, BenchError> {
    Ok(match kind {
        SceneKind::Cubes => procedural::cubes(instances.unwrap_or(DEFAULT_CUBES)),
        SceneKind::Halls => {
            let rooms = rooms.max(1);
            let per_room = instances.map_or(DEFAULT_EXHIBITS_PER_ROOM, |n| n.div_ceil(rooms));
            procedural::halls(rooms, per_room, seed)
        }
        SceneKind::OpenHall => procedural::open_hall(instances.unwrap_or(DEFAULT_OPEN_HALL_EXHIBITS), seed),
        SceneKind::Grid => procedural::grid(
            model.ok_or(BenchError::NoModel)?,
            instances.unwrap_or(DEFAULT_GRID_COPIES),
        ),
    })
}

/// How each scene × mode is run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunOptions {
    /// Frames measured.
    pub frames: u32,
    /// Frames drawn first and not measured.
    pub warmup: u32,
    /// Output size.
    pub size: (u32, u32),
    /// Samples per pixel.
    pub msaa: u32,
    /// Levels of detail.
    pub lod: bool,
    /// Also render the last pose with an instance-id buffer (MSAA off) to count the
    /// triangles of the truly visible set.
    pub visible_set: bool,
}

/// The camera of frame `frame` of a bench scene.
pub fn camera_at(bench: &BenchScene, frame: u32) -> ViewCamera {
    let pose = bench.camera(frame);
    ViewCamera::look_at(pose.eye, pose.target, bench.fov_y, bench.znear)
}

/// Renders `bench` in `mode`: warm-up frames, then measured frames, each waited for, the
/// last read back. `progress` is called after every frame with (frame, total).
pub fn run_mode(
    ctx: &GpuContext,
    bench: &BenchScene,
    mode: CullMode,
    options: &RunOptions,
    mut progress: impl FnMut(u32, u32),
) -> Result<BenchResult, BenchError> {
    if options.frames == 0 {
        return Err(BenchError::NoFrames);
    }
    let mut settings = RenderSettings {
        msaa: options.msaa,
        tonemap: Tonemapper::PbrNeutral,
        ..RenderSettings::default()
    };
    settings.culling.mode = mode;
    settings.culling.lod = options.lod;
    let mut renderer = Renderer::new(ctx, settings)?;
    renderer.prepare(ctx, &bench.scene)?;
    let (width, height) = options.size;
    let target = OffscreenTarget::new(ctx, width, height, wgpu::TextureFormat::Rgba8UnormSrgb)?;
    let total = options.warmup + options.frames;
    let (mut frame_ms, mut encode_ms) = (Vec::new(), Vec::new());
    let (mut gpu_ms, mut cull_ms, mut hiz_ms, mut draw_ms) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut draw_calls = 0;
    let mut ran = mode;
    for frame in 0..total {
        let camera = camera_at(bench, frame);
        let start = Instant::now();
        let info = renderer.render(ctx, &camera, &target.view, target.format(), options.size)?;
        let encoded = start.elapsed();
        ctx.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| museion_renderer::RenderError::Readback(e.to_string()))?;
        let elapsed = start.elapsed();
        (draw_calls, ran) = (info.draw_calls, info.mode);
        if frame >= options.warmup {
            frame_ms.push(elapsed.as_secs_f64() * 1e3);
            encode_ms.push(encoded.as_secs_f64() * 1e3);
            if let Some(t) = renderer.read_timings(ctx)? {
                gpu_ms.push(t.frame_ms);
                draw_ms.push(t.draw_ms);
                if ran.is_gpu() {
                    cull_ms.push(t.cull_ms);
                }
                if ran == CullMode::GpuOcclusion {
                    hiz_ms.push(t.pyramid_ms);
                }
            }
        }
        progress(frame + 1, total);
    }
    let stats = renderer.read_frame_stats(ctx)?;
    let visible_set_triangles = if options.visible_set {
        Some(visible_set_triangles(
            ctx,
            &mut renderer,
            bench,
            total - 1,
            options,
        )?)
    } else {
        None
    };
    Ok(BenchResult {
        scene: bench.name.clone(),
        mode: ran.name().into(),
        instances: renderer.gpu_scene().instance_count(),
        frames: options.frames,
        width,
        height,
        frame_ms_median: median(&frame_ms).unwrap_or(0.0),
        frame_ms_p95: quantile(&frame_ms, 0.95).unwrap_or(0.0),
        encode_ms_median: median(&encode_ms).unwrap_or(0.0),
        gpu_frame_ms_median: median(&gpu_ms),
        cull_ms_median: median(&cull_ms),
        hiz_ms_median: median(&hiz_ms),
        draw_ms_median: median(&draw_ms),
        draws: stats.draws,
        draw_calls,
        triangles: stats.triangles,
        visible_instances: stats.instances,
        visible_set_triangles,
        instance_bytes: renderer.instance_bytes(),
        adapter: ctx.adapter_name(),
    })
}

/// Renders frame `frame` again with an instance-id buffer (single-sampled) and sums the
/// triangles of the instances that show in it, at the level of detail each was drawn.
fn visible_set_triangles(
    ctx: &GpuContext,
    renderer: &mut Renderer,
    bench: &BenchScene,
    frame: u32,
    options: &RunOptions,
) -> Result<u64, BenchError> {
    let mut settings = *renderer.settings();
    settings.msaa = 1;
    settings.instance_ids = true;
    renderer.set_settings(ctx, settings)?;
    let target = OffscreenTarget::new(
        ctx,
        options.size.0,
        options.size.1,
        wgpu::TextureFormat::Rgba8UnormSrgb,
    )?;
    renderer.render(
        ctx,
        &camera_at(bench, frame),
        &target.view,
        target.format(),
        options.size,
    )?;
    let shown: HashSet<u32> = renderer
        .read_instance_ids(ctx)?
        .into_iter()
        .filter(|&id| id > 0)
        .map(|id| id - 1)
        .collect();
    let drawn = renderer.read_culling(ctx)?.drawn_triangles(renderer.gpu_scene());
    Ok(drawn
        .into_iter()
        .filter(|(id, _)| shown.contains(id))
        .map(|(_, triangles)| u64::from(triangles))
        .sum())
}

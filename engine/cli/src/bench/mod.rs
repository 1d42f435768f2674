//! `museion bench`: seeded procedural scenes rendered headless in each culling mode, with
//! wall-clock and GPU timings and exact counts read back from the draw arguments.
//!
//! Scenes ([`museion_procedural`]):
//! - `cubes`: N unit cubes on a Fibonacci sphere of radius 500 around a camera at the
//!   origin that turns by a fixed step per frame (the layout of Bevy's `many_cubes`).
//! - `halls`: a museum of rooms with exhibits, walls that occlude, a walking camera.
//! - `open-hall`: one hall where nothing hides anything, to measure what occlusion
//!   culling costs when it cannot win.
//! - `grid`: N copies of a glTF model on a grid, an orbiting camera.
//! - `crowd`: N copies of an animated glTF model (the Fox, like Bevy's `many_foxes`),
//!   each playing a clip at its own phase; `crowd-still`: the same copies standing still,
//!   to compare with.

mod report;
mod stats;

pub use report::{
    BaselineError, BaselineMatch, BenchResult, Regression, has_baseline, match_baseline, read_baseline,
    regressions,
};
pub use stats::{median, quantile};

use museion::animation::{AnimationPlayer, ClipCache, CrowdCopy, CrowdPlayer, apply_all};
use museion::renderer::EnvironmentSettings;
use museion::renderer::wgpu;
use museion::renderer::{
    ClusterSettings, CullMode, GpuContext, OffscreenTarget, RenderSettings, Renderer, Tonemapper, ViewCamera,
};
use museion::scene::{IrradianceProbes, Scene};
use museion::venue::CompiledVenue;
use museion_procedural::{self as procedural, BenchScene, CameraPath};
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
    /// Animated copies of a glTF model, each at its own phase.
    Crowd,
    /// The copies of `crowd` standing still.
    CrowdStill,
    /// One long hall lit by many limited-range point and spot lights.
    Lights,
}

impl SceneKind {
    /// The name in results.
    pub fn name(self) -> &'static str {
        match self {
            SceneKind::Cubes => "cubes",
            SceneKind::Halls => "halls",
            SceneKind::OpenHall => "open-hall",
            SceneKind::Grid => "grid",
            SceneKind::Crowd => "crowd",
            SceneKind::CrowdStill => "crowd-still",
            SceneKind::Lights => "lights",
        }
    }

    /// Whether the scene is built from `--model`.
    pub fn needs_model(self) -> bool {
        matches!(self, SceneKind::Grid | SceneKind::Crowd | SceneKind::CrowdStill)
    }
}

/// A venue as a bench scene: its scene, the camera at its first spawn's eye turning a
/// full circle over `frames` frames, level, with the viewer's lens; named
/// `venue-NAME`, NAME the venue's folder (a venue is a folder of files), else its file's
/// name without extension.
pub fn venue_scene(
    venue: &CompiledVenue,
    path: &std::path::Path,
    frames: u32,
) -> Result<BenchScene, BenchError> {
    let spawn = venue.spawns.first().ok_or(BenchError::NoSpawn)?;
    let (eye, _) = museion::venue::spawn_view(spawn, &venue.visitor);
    let folder = path
        .canonicalize()
        .ok()
        .and_then(|p| Some(p.parent()?.file_name()?.to_string_lossy().into_owned()));
    let stem = folder
        .or_else(|| Some(path.file_stem()?.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "venue".into());
    Ok(BenchScene {
        scene: venue.scene.clone(),
        name: format!("venue-{stem}"),
        fov_y: 60f32.to_radians(),
        znear: museion::venue::VIEW_ZNEAR,
        path: CameraPath::Turn {
            eye,
            pitch: 0.0,
            step: std::f32::consts::TAU / frames.max(1) as f32,
        },
    })
}

/// Instances of `cubes` by default (as in the `many_cubes` comparison).
pub const DEFAULT_CUBES: u32 = 1_600_000;
/// Rooms of `halls` by default.
pub const DEFAULT_ROOMS: u32 = 100;
/// Exhibits per room of `halls` by default.
pub const DEFAULT_EXHIBITS_PER_ROOM: u32 = 50;
/// Exhibits of `open-hall` by default.
pub const DEFAULT_OPEN_HALL_EXHIBITS: u32 = 1024;
/// Copies of the model in `grid` by default.
pub const DEFAULT_GRID_COPIES: u32 = 1024;
/// Copies of the model in `crowd` by default (as in the `many_foxes` comparison).
pub const DEFAULT_CROWD_COPIES: u32 = 1000;
/// Lights of `lights` by default.
pub const DEFAULT_LIGHTS: u32 = 1000;

/// Errors of a benchmark run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The renderer failed.
    #[error(transparent)]
    Render(#[from] museion::renderer::RenderError),
    /// The GPU or a readback failed.
    #[error(transparent)]
    Gpu(#[from] museion::renderer::GpuError),
    /// `grid` and `crowd` need a model.
    #[error("the grid and crowd scenes need a glTF model: pass --model FILE")]
    NoModel,
    /// `crowd` needs a model with animations.
    #[error("the crowd scene needs a model with animations, and {0} has none")]
    NoAnimation(String),
    /// The model could not be loaded.
    #[error(transparent)]
    Model(#[from] museion::scene::Error),
    /// Nothing to measure.
    #[error("--frames must be at least 1")]
    NoFrames,
    /// A venue to benchmark has no spawn to stand at.
    #[error("the venue has no spawn to stand at")]
    NoSpawn,
}

/// Builds a scene. `instances`: cubes for `cubes`, copies for `grid`, exhibits for
/// `open-hall`, and for `halls` the total exhibits (spread over `rooms` rooms); `lights`
/// for `lights`.
pub fn build_scene(
    kind: SceneKind,
    instances: Option<u32>,
    rooms: u32,
    lights: u32,
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
        SceneKind::Lights => procedural::lit_hall(lights, seed),
        SceneKind::Crowd | SceneKind::CrowdStill => {
            let model = model.ok_or(BenchError::NoModel)?;
            let mut bench = procedural::crowd(model, instances.unwrap_or(DEFAULT_CROWD_COPIES), seed);
            if kind == SceneKind::CrowdStill {
                bench.name.push_str("-still");
            }
            bench
        }
    })
}

/// The players of the `crowd` scene: every copy playing its copy of one of the model's
/// clips at its own phase (the golden ratio spreads the phases evenly). The copies are
/// played by one [`CrowdPlayer`] (posed in bulk); copies a crowd cannot play (a model
/// whose clips drive morph weights or pointer targets) get a player each.
pub struct CrowdPlayers {
    crowds: Vec<CrowdPlayer>,
    players: Vec<AnimationPlayer>,
    /// CPU milliseconds of each step: sampling, posing, world transforms.
    step_ms: Vec<f64>,
}

impl CrowdPlayers {
    /// Players for the copies of `model` in `bench` ([`procedural::crowd`]'s layout),
    /// each playing the copy of `model`'s clip `clip`.
    pub fn new(bench: &BenchScene, model: &Scene, clip: usize) -> Result<Self, BenchError> {
        let per_copy = model.animations.len();
        if clip >= per_copy {
            return Err(BenchError::NoAnimation(
                model.name.clone().unwrap_or_else(|| "the model".into()),
            ));
        }
        let scene = &bench.scene;
        let count = scene.animations.len() / per_copy;
        // Copy k is the model's roots under the k-th root of the scene, with clips
        // k × A .. (k + 1) × A.
        let copies: Vec<CrowdCopy> = scene
            .roots()
            .iter()
            .take(count)
            .enumerate()
            .map(|(k, place)| CrowdCopy {
                roots: scene
                    .node(*place)
                    .map(|n| n.children().to_vec())
                    .unwrap_or_default(),
                clips: (k * per_copy..(k + 1) * per_copy).collect(),
            })
            .collect();
        let phase = |copy: usize| {
            let length = scene.animations[copy * per_copy + clip].duration().max(1e-3);
            (copy as f32 * 0.618_034).fract() * length
        };
        let groups = CrowdPlayer::group(scene, &copies, 2);
        let mut crowds = Vec::with_capacity(groups.crowds.len());
        for (mut crowd, members) in groups.crowds {
            for (k, &copy) in members.iter().enumerate() {
                crowd.play(k, clip);
                crowd.seek(k, phase(copy));
            }
            crowds.push(crowd);
        }
        let mut cache = ClipCache::new();
        let players = groups
            .others
            .into_iter()
            .map(|copy| {
                let clip_index = copy * per_copy + clip;
                let mut player = AnimationPlayer::with_clip_cache(scene, [clip_index], &mut cache);
                player.play(clip_index);
                player.seek(phase(copy));
                player
            })
            .collect();
        Ok(Self {
            crowds,
            players,
            step_ms: Vec::new(),
        })
    }

    /// How many copies are posed in bulk by crowd players, and how many by a player each.
    pub fn counts(&self) -> (usize, usize) {
        (self.crowds.iter().map(CrowdPlayer::len).sum(), self.players.len())
    }

    /// Moves every copy `dt` seconds on and poses the scene (in parallel), timing it.
    pub fn step(&mut self, scene: &mut Scene, dt: f32) {
        let start = Instant::now();
        for player in &mut self.players {
            player.advance(dt);
        }
        apply_all(&mut self.players, scene);
        scene.update_transforms();
        for crowd in &mut self.crowds {
            crowd.advance(dt);
            crowd.pose(scene);
        }
        self.step_ms.push(start.elapsed().as_secs_f64() * 1e3);
    }
}

/// The pause after each frame on a CPU device (not timed).
const CPU_DEVICE_SETTLE: std::time::Duration = std::time::Duration::from_millis(30);

/// Cull-only submissions timed per GPU mode after the frames.
const CULL_ONLY_REPEATS: u32 = 20;

/// Deformation-only submissions timed after the frames of an animated scene.
const DEFORM_ONLY_REPEATS: u32 = 10;

/// How each scene × mode is run.
#[derive(Clone, Debug, PartialEq)]
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
    /// Also write an instance-id buffer (which needs MSAA off) and, after each measured
    /// frame, count the triangles of the truly visible set: the instances in it, at the
    /// level of detail drawn.
    pub visible_set: bool,
    /// The light loop and the clusters' shape.
    pub clusters: ClusterSettings,
    /// The environment, when not the renderer's default (a venue's own).
    pub environment: Option<EnvironmentSettings>,
}

/// The camera of frame `frame` of a bench scene.
pub fn camera_at(bench: &BenchScene, frame: u32) -> ViewCamera {
    let pose = bench.camera(frame);
    ViewCamera::look_at(pose.eye, pose.target, bench.fov_y, bench.znear)
}

/// One mode's renderer and what it measured so far.
struct ModeRun {
    renderer: Renderer,
    target: OffscreenTarget,
    mode: CullMode,
    frame_ms: Vec<f64>,
    encode_ms: Vec<f64>,
    gpu_ms: Vec<f64>,
    cull_ms: Vec<f64>,
    hiz_ms: Vec<f64>,
    draw_ms: Vec<f64>,
    deform_ms: Vec<f64>,
    draw_calls: u32,
    visible_triangles: u64,
    submitted_triangles: u64,
}

impl ModeRun {
    fn new(
        ctx: &GpuContext,
        bench: &BenchScene,
        mode: CullMode,
        probes: Option<&IrradianceProbes>,
        options: &RunOptions,
    ) -> Result<Self, BenchError> {
        let mut settings = RenderSettings {
            msaa: options.msaa,
            tonemap: Tonemapper::PbrNeutral,
            instance_ids: options.visible_set,
            ..RenderSettings::default()
        };
        settings.culling.mode = mode;
        settings.culling.lod = options.lod;
        settings.clusters = options.clusters;
        // The culling benchmarks measure the camera's passes; shadow casters are culled
        // on the CPU and would swamp them.
        settings.shadows.enabled = false;
        if let Some(environment) = &options.environment {
            settings.environment = environment.clone();
        }
        let mut renderer = Renderer::new(ctx, settings)?;
        renderer.set_irradiance_probes(ctx, probes)?;
        renderer.prepare(ctx, &bench.scene)?;
        let (width, height) = options.size;
        Ok(Self {
            renderer,
            target: OffscreenTarget::new(ctx, width, height, wgpu::TextureFormat::Rgba8UnormSrgb)?,
            mode,
            frame_ms: Vec::new(),
            encode_ms: Vec::new(),
            gpu_ms: Vec::new(),
            cull_ms: Vec::new(),
            hiz_ms: Vec::new(),
            draw_ms: Vec::new(),
            deform_ms: Vec::new(),
            draw_calls: 0,
            visible_triangles: 0,
            submitted_triangles: 0,
        })
    }

    /// Draws one frame and waits for it; records its figures when `measured`.
    /// With `moved`, the scene changed since the last frame and is uploaded first (part
    /// of the frame's time).
    fn frame(
        &mut self,
        ctx: &GpuContext,
        camera: &ViewCamera,
        options: &RunOptions,
        measured: bool,
        moved: Option<&Scene>,
    ) -> Result<(), BenchError> {
        let start = Instant::now();
        if let Some(scene) = moved {
            self.renderer.prepare(ctx, scene)?;
        }
        let info =
            self.renderer
                .render(ctx, camera, &self.target.view, self.target.format(), options.size)?;
        let encoded = start.elapsed();
        ctx.wait_idle()?;
        let elapsed = start.elapsed();
        (self.draw_calls, self.mode) = (info.draw_calls, info.mode);
        if measured {
            self.record(ctx, elapsed, encoded, options)?;
        }
        if ctx.info.device_type == wgpu::DeviceType::Cpu {
            // A CPU device's worker threads stay busy for a while after the fence (the
            // tail of this frame and its read-backs); let them finish so that the next
            // frame, often another mode's, does not pay for this one.
            std::thread::sleep(CPU_DEVICE_SETTLE);
        }
        Ok(())
    }

    /// Records a measured frame's figures (reading back what the options ask for).
    fn record(
        &mut self,
        ctx: &GpuContext,
        elapsed: std::time::Duration,
        encoded: std::time::Duration,
        options: &RunOptions,
    ) -> Result<(), BenchError> {
        self.frame_ms.push(elapsed.as_secs_f64() * 1e3);
        self.encode_ms.push(encoded.as_secs_f64() * 1e3);
        if let Some(t) = self.renderer.read_timings(ctx)? {
            self.gpu_ms.push(t.frame_ms);
            self.draw_ms.push(t.draw_ms);
            if t.deform_ms > 0.0 {
                self.deform_ms.push(t.deform_ms);
            }
            if self.mode.is_gpu() {
                self.cull_ms.push(t.cull_ms);
            }
            if self.mode == CullMode::GpuOcclusion {
                self.hiz_ms.push(t.pyramid_ms);
            }
        }
        if options.visible_set {
            let (visible, submitted) = visible_set(ctx, &self.renderer)?;
            self.visible_triangles += visible;
            self.submitted_triangles += submitted;
        }
        Ok(())
    }

    fn result(
        &mut self,
        ctx: &GpuContext,
        bench: &BenchScene,
        options: &RunOptions,
        animate_ms: Option<f64>,
    ) -> Result<BenchResult, BenchError> {
        let stats = self.renderer.read_frame_stats(ctx)?;
        let last = camera_at(bench, options.warmup + options.frames - 1);
        let cull_only = self
            .renderer
            .time_culling(ctx, &last, options.size, CULL_ONLY_REPEATS)?;
        let frames = u64::from(options.frames);
        let deform_wall = self.renderer.time_deformation(ctx, DEFORM_ONLY_REPEATS)?;
        let lights = self.renderer.read_cluster_stats(ctx)?;
        Ok(BenchResult {
            scene: bench.name.clone(),
            mode: self.mode.name().into(),
            instances: self.renderer.gpu_scene().instance_count(),
            frames: options.frames,
            width: options.size.0,
            height: options.size.1,
            frame_ms_median: median(&self.frame_ms).unwrap_or(0.0),
            frame_ms_p95: quantile(&self.frame_ms, 0.95).unwrap_or(0.0),
            encode_ms_median: median(&self.encode_ms).unwrap_or(0.0),
            gpu_frame_ms_median: median(&self.gpu_ms),
            cull_ms_median: median(&self.cull_ms),
            cull_wall_ms_median: median(&cull_only),
            hiz_ms_median: median(&self.hiz_ms),
            draw_ms_median: median(&self.draw_ms),
            animate_ms_median: animate_ms,
            deform_ms_median: median(&self.deform_ms),
            deform_wall_ms_median: median(&deform_wall),
            draws: stats.draws,
            draw_calls: self.draw_calls,
            triangles: stats.triangles,
            visible_instances: stats.instances,
            visible_set_triangles: options.visible_set.then(|| self.visible_triangles / frames),
            submitted_to_visible: (options.visible_set && self.visible_triangles > 0)
                .then(|| self.submitted_triangles as f64 / self.visible_triangles as f64),
            instance_bytes: self.renderer.instance_bytes(),
            lights: lights.lights,
            lights_visible: lights.visible,
            lights_per_cluster_mean: f64::from(lights.mean_per_cluster),
            lights_per_cluster_max: lights.max_per_cluster,
            lights_dropped: lights.dropped,
            adapter: ctx.adapter_name(),
        })
    }
}

/// Renders `bench` in every mode of `modes`, frame by frame in turn (so that drift in
/// the machine's speed affects every mode alike and their ratios hold): warm-up frames,
/// then measured frames, each waited for; the last is read back for the counts. With
/// `players`, the scene is posed before each frame (1/60 s on) and every mode uploads
/// the change as part of its frame. `progress` is called after every frame with
/// (frame, total).
pub fn run_modes(
    ctx: &GpuContext,
    bench: &mut BenchScene,
    modes: &[CullMode],
    options: &RunOptions,
    players: Option<&mut CrowdPlayers>,
    progress: impl FnMut(u32, u32),
) -> Result<Vec<BenchResult>, BenchError> {
    let variants: Vec<(CullMode, Option<&IrradianceProbes>)> = modes.iter().map(|&m| (m, None)).collect();
    run_variants(ctx, bench, &variants, options, players, progress)
}

/// [`run_modes`] over `variants`: each a culling mode and the irradiance probes its
/// renderer lights the scene with (a venue's bake, or none), their frames interleaved as
/// the modes' are, so that a busy machine slows each alike. Results in `variants`' order.
pub fn run_variants(
    ctx: &GpuContext,
    bench: &mut BenchScene,
    variants: &[(CullMode, Option<&IrradianceProbes>)],
    options: &RunOptions,
    mut players: Option<&mut CrowdPlayers>,
    mut progress: impl FnMut(u32, u32),
) -> Result<Vec<BenchResult>, BenchError> {
    if options.frames == 0 {
        return Err(BenchError::NoFrames);
    }
    let mut runs = variants
        .iter()
        .map(|&(mode, probes)| ModeRun::new(ctx, bench, mode, probes, options))
        .collect::<Result<Vec<_>, _>>()?;
    let total = options.warmup + options.frames;
    for frame in 0..total {
        let camera = camera_at(bench, frame);
        if let Some(players) = players.as_deref_mut() {
            players.step(&mut bench.scene, 1.0 / 60.0);
        }
        let moved = players.is_some().then_some(&bench.scene);
        for run in &mut runs {
            run.frame(ctx, &camera, options, frame >= options.warmup, moved)?;
        }
        progress(frame + 1, total);
    }
    let animate_ms = players.and_then(|p| median(&p.step_ms[options.warmup as usize..]));
    runs.iter_mut()
        .map(|run| run.result(ctx, bench, options, animate_ms))
        .collect()
}

/// Triangles of the instances that show in the last frame's instance-id buffer (at the
/// level of detail each was drawn), and triangles the culled draws submitted.
fn visible_set(ctx: &GpuContext, renderer: &Renderer) -> Result<(u64, u64), BenchError> {
    let shown: HashSet<u32> = renderer
        .read_instance_ids(ctx)?
        .into_iter()
        .filter(|&id| id > 0)
        .map(|id| id - 1)
        .collect();
    let drawn = renderer.read_culling(ctx)?.drawn_triangles(renderer.gpu_scene());
    let submitted = drawn.iter().map(|(_, t)| u64::from(*t)).sum();
    let visible = drawn
        .into_iter()
        .filter(|(id, _)| shown.contains(id))
        .map(|(_, triangles)| u64::from(triangles))
        .sum();
    Ok((visible, submitted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crowd_of_foxes_is_posed_by_one_crowd_player_as_players_would() {
        let fox = museion::gltf::import(museion_testkit::shared_model("Fox/Fox.glb"))
            .expect("the Fox imports")
            .scene;
        let walk = museion::animation::find_clip(&fox, "Walk").expect("the Fox walks");
        let mut bench = procedural::crowd(&fox, 20, 3);
        let mut players = CrowdPlayers::new(&bench, &fox, walk).expect("the crowd's players");
        assert_eq!(players.counts(), (20, 0), "every Fox is posed in bulk");
        // The same copies, one player each: the pose is the same.
        let mut reference = bench.scene.clone();
        let per_copy = fox.animations.len();
        let mut alone: Vec<AnimationPlayer> = (0..20)
            .map(|k| {
                let clip = k * per_copy + walk;
                let mut player = AnimationPlayer::with_clips(&reference, [clip]);
                player.play(clip);
                let length = reference.animations[clip].duration().max(1e-3);
                player.seek((k as f32 * 0.618_034).fract() * length);
                player
            })
            .collect();
        for _ in 0..3 {
            players.step(&mut bench.scene, 1.0 / 60.0);
            for player in &mut alone {
                player.advance(1.0 / 60.0);
            }
            apply_all(&mut alone, &mut reference);
            reference.update_transforms();
        }
        for (id, node) in reference.nodes() {
            let (a, b) = (reference.world_matrix(id), bench.scene.world_matrix(id));
            assert_eq!(a, b, "world of {id}");
            if node.skin.is_some() {
                assert_eq!(reference.joint_matrices(id), bench.scene.joint_matrices(id));
            }
        }
        assert_eq!(players.step_ms.len(), 3);
    }
}

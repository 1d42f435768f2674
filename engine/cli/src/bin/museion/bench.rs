//! `museion bench`: render benchmarks for CI, one JSON line per scene × mode.

use crate::UsageError;
use crate::bake::GiMode;
use crate::files::ScopeArgs;
use crate::shading::LightLoopArgs;
use anyhow::Context as _;
use museion::gltf;
use museion::renderer::{CullMode, EnvironmentSettings, GpuContext};
use museion_cli::bench::{self, BenchResult, RunOptions, SceneKind};
use museion_cli::options::{check_target_memory, parse_msaa, parse_size};
use std::io::Write as _;
use std::path::PathBuf;

/// Render seeded procedural scenes headless in each culling mode and report frame times,
/// GPU times and the counts read back from the draw arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Scenes to run (repeatable): cubes, halls, open-hall, grid, crowd, crowd-still,
    /// lights.
    #[arg(long = "scene", value_enum, default_values_t = [SceneKind::Halls])]
    scenes: Vec<SceneKind>,
    /// Run a venue instead of the procedural scenes: from its first spawn, turning a
    /// full circle over the frames, with its environment (scene `venue-NAME`).
    #[arg(long, value_name = "FILE", conflicts_with = "scenes")]
    venue: Option<PathBuf>,
    /// With --venue, its indirect light (repeatable, each a row `venue-NAME-gi-MODE`):
    /// off, or probes (the venue's bake, baked first when the cache lacks it).
    #[arg(long = "gi", value_enum, default_values_t = [GiMode::Probes], requires = "venue")]
    gi: Vec<GiMode>,
    /// Instances: cubes for `cubes` (default 1600000), copies for `grid` (1024) and
    /// `crowd` (1000), exhibits for `open-hall` (1024), total exhibits for `halls` (50
    /// per room).
    #[arg(long)]
    instances: Option<u32>,
    /// Rooms of `halls`.
    #[arg(long, default_value_t = bench::DEFAULT_ROOMS)]
    rooms: u32,
    /// The glTF model of `grid` and `crowd`.
    #[arg(long)]
    model: Option<PathBuf>,
    /// The clip every copy of `crowd` plays (a name, or an index from 0; default: the
    /// model's first).
    #[arg(long, value_name = "NAME|INDEX")]
    animation: Option<String>,
    #[command(flatten)]
    files: ScopeArgs,
    /// Seed of the procedural scenes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Frames measured per scene and mode.
    #[arg(long, default_value_t = 100)]
    frames: u32,
    /// Frames drawn first and not measured.
    #[arg(long, default_value_t = 10)]
    warmup: u32,
    /// Output size, WxH.
    #[arg(long, default_value = "1920x1080", value_parser = parse_size)]
    size: (u32, u32),
    /// Culling modes to compare (repeatable): none, cpu, gpu-frustum, gpu-occlusion.
    #[arg(long = "mode", default_values_t = [CullMode::GpuOcclusion])]
    modes: Vec<CullMode>,
    /// Samples per pixel: 1 or 4.
    #[arg(long, default_value = "1", value_parser = parse_msaa)]
    msaa: u32,
    /// Draw every instance at full detail.
    #[arg(long)]
    no_lod: bool,
    /// Lights of the `lights` scene.
    #[arg(long, default_value_t = bench::DEFAULT_LIGHTS)]
    lights: u32,
    #[command(flatten)]
    light_loop: LightLoopArgs,
    /// Also count the triangles of the truly visible set of every measured frame, from
    /// an instance-id buffer (needs --msaa 1).
    #[arg(long)]
    visible_set: bool,
    /// Print one JSON object per line (scene × mode) on stdout.
    #[arg(long)]
    json: bool,
    /// Earlier `--json` output to compare with.
    #[arg(long, requires = "max_regression")]
    baseline: Option<PathBuf>,
    /// With --baseline: exit with status 2 when a figure is worse by more than this
    /// many percent.
    #[arg(long, requires = "baseline")]
    max_regression: Option<f64>,
}

/// How a benchmark run ended.
pub enum Outcome {
    /// Every figure within the allowed regression (or no baseline).
    Passed,
    /// Some figure regressed.
    Regressed,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    // Options are checked before any work starts; a bad one exits 2 as the parser's do.
    check_target_memory(args.size, args.msaa).map_err(UsageError)?;
    if args.frames == 0 {
        return Err(UsageError(bench::BenchError::NoFrames.to_string()).into());
    }
    if args.scenes.iter().any(|s| s.needs_model()) && args.model.is_none() {
        return Err(UsageError(bench::BenchError::NoModel.to_string()).into());
    }
    let baseline = match &args.baseline {
        Some(path) => checked_baseline(path, &args)?,
        None => Vec::new(),
    };
    let model = match &args.model {
        Some(path) => {
            let options = gltf::ImportOptions {
                scope: Some(args.files.scope(path)),
                ..Default::default()
            };
            let mut scene = gltf::import_with(path, &options)?.scene;
            // Results name the scene after the model: its name, else its file's.
            if scene.name.is_none() {
                scene.name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            }
            Some(scene)
        }
        None => None,
    };
    let crowd_clip = crowd_clip(&args, model.as_ref())?;
    let ctx = GpuContext::new(None)?;
    let options = RunOptions {
        frames: args.frames,
        warmup: args.warmup,
        size: args.size,
        msaa: args.msaa,
        lod: !args.no_lod,
        visible_set: args.visible_set,
        clusters: args.light_loop.settings(),
        environment: None,
    };
    let mut regressed = false;
    let mut compared = 0;
    let mut report = |results: &[BenchResult]| -> anyhow::Result<()> {
        for result in results {
            print_result(result, args.json)?;
            if let Some(limit) = args.max_regression {
                // (--max-regression comes only with --baseline.)
                if bench::has_baseline(result, &baseline) {
                    compared += 1;
                } else {
                    eprintln!(
                        "note: {}/{} has no row of its size in the baseline and is not compared",
                        result.scene, result.mode
                    );
                }
                for regression in bench::regressions(result, &baseline, limit) {
                    eprintln!("regression: {regression}");
                    regressed = true;
                }
            }
        }

        Ok(())
    };
    if let Some(path) = &args.venue {
        report(&run_venue(&ctx, path, &args, &options)?)?;
    }
    let scenes = if args.venue.is_some() {
        &[][..]
    } else {
        &args.scenes[..]
    };
    for &kind in scenes {
        eprintln!("{}: building the scene", kind.name());
        let mut scene = bench::build_scene(
            kind,
            args.instances,
            args.rooms,
            args.lights,
            args.seed,
            model.as_ref(),
        )
        .with_context(|| format!("scene {}", kind.name()))?;
        let mut players = match (kind, &model, crowd_clip) {
            (SceneKind::Crowd, Some(model), Some(clip)) => {
                let players = bench::CrowdPlayers::new(&scene, model, clip)?;
                let (batched, alone) = players.counts();
                log::info!("crowd: {batched} copies posed by crowd players, {alone} by a player each");
                Some(players)
            }
            _ => None,
        };
        let mut shown = 0;
        let results = bench::run_modes(
            &ctx,
            &mut scene,
            &args.modes,
            &options,
            players.as_mut(),
            |frame, total| {
                // Progress in tenths, on stderr.
                let tenth = frame * 10 / total;
                if tenth > shown {
                    shown = tenth;
                    eprintln!("{}: frame {frame}/{total}", kind.name());
                }
            },
        )
        .with_context(|| format!("scene {}", kind.name()))?;
        report(&results)?;
    }
    if let Some(path) = &args.baseline
        && compared == 0
    {
        return Err(UsageError(format!(
            "baseline {} compared nothing: its rows are of other sizes than the scenes run",
            path.display()
        ))
        .into());
    }
    Ok(if regressed {
        Outcome::Regressed
    } else {
        Outcome::Passed
    })
}

/// The `--venue` runs: the venue from its first spawn, once per `--gi` mode.
fn run_venue(
    ctx: &GpuContext,
    path: &std::path::Path,
    args: &Args,
    options: &RunOptions,
) -> anyhow::Result<Vec<BenchResult>> {
    let compiled = museion::venue::load_with_scope(path, &args.files.scope(path))?;
    let mut scene = bench::venue_scene(&compiled, path, args.warmup + args.frames)?;
    let probes = if args.gi.contains(&GiMode::Probes) {
        Some(museion_cli::gi::baked_light(&compiled)?.probes)
    } else {
        None
    };
    // Every (gi, mode) pair is a renderer of its own, their frames interleaved.
    let pairs: Vec<(GiMode, CullMode)> = args
        .gi
        .iter()
        .flat_map(|&gi| args.modes.iter().map(move |&m| (gi, m)))
        .collect();
    let variants: Vec<_> = pairs
        .iter()
        .map(|&(gi, mode)| {
            (
                mode,
                if gi == GiMode::Probes {
                    probes.as_ref()
                } else {
                    None
                },
            )
        })
        .collect();
    let options = RunOptions {
        environment: Some(EnvironmentSettings::from(&compiled.environment)),
        ..options.clone()
    };
    eprintln!("{}: {} frames", scene.name, args.warmup + args.frames);
    let mut results = bench::run_variants(ctx, &mut scene, &variants, &options, None, |_, _| {})?;
    for (result, (gi, _)) in results.iter_mut().zip(&pairs) {
        result.scene = format!("{}-gi-{}", result.scene, gi.name());
    }
    Ok(results)
}

/// The clip of `--animation` in the model, when a `crowd` scene runs: a usage error
/// (exit 2) before any work when the model has no such clip, or no clip at all.
fn crowd_clip(args: &Args, model: Option<&museion::scene::Scene>) -> anyhow::Result<Option<usize>> {
    let (true, Some(model)) = (args.scenes.contains(&SceneKind::Crowd), model) else {
        return Ok(None);
    };
    if model.animations.is_empty() {
        return Err(UsageError(format!(
            "the crowd scene needs a model with animations, and {} has none",
            args.model
                .as_deref()
                .unwrap_or(std::path::Path::new("the model"))
                .display()
        ))
        .into());
    }
    match &args.animation {
        None => Ok(Some(0)),
        Some(key) => museion::animation::find_clip(model, key)
            .map(Some)
            .ok_or_else(|| UsageError(format!("--animation: the model has no clip {key:?}")).into()),
    }
}

/// The baseline at `path`, lined up with the runs `args` asks for before anything is
/// measured. One that cannot be read or compares nothing is a usage error (exit 2): a
/// CI gate must not pass having compared nothing. Runs and rows without a counterpart
/// are named.
fn checked_baseline(path: &std::path::Path, args: &Args) -> anyhow::Result<Vec<BenchResult>> {
    let baseline = bench::read_baseline(path).map_err(|e| UsageError(e.to_string()))?;
    let runs: Vec<(String, String)> = args
        .scenes
        .iter()
        .flat_map(|scene| {
            args.modes
                .iter()
                .map(|mode| (scene.name().to_string(), mode.name().to_string()))
        })
        .collect();
    let lined = bench::match_baseline(&baseline, &runs);
    if lined.matched.is_empty() {
        let has = if baseline.is_empty() {
            "no benchmark rows (it should be earlier `museion bench --json` output)".to_string()
        } else {
            lined.rows_without_run.join(", ")
        };
        let asked: Vec<String> = runs.iter().map(|(s, m)| format!("{s}/{m}")).collect();
        return Err(UsageError(format!(
            "baseline {} matches none of the runs: it has {has}; this run measures {}",
            path.display(),
            asked.join(", ")
        ))
        .into());
    }
    for run in &lined.runs_without_baseline {
        eprintln!("note: {run} has no row in the baseline and is not compared");
    }
    for row in &lined.rows_without_run {
        eprintln!("note: the baseline's {row} is not run here");
    }
    Ok(baseline)
}

fn print_result(result: &BenchResult, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(result)?)?;
    } else {
        let optional = |v: Option<f64>| v.map_or("n/a".to_owned(), |v| format!("{v:.3} ms"));
        writeln!(
            out,
            "{} {}: {} instances, frame {:.3} ms (p95 {:.3}), encode {:.3} ms, GPU {}, cull {}, animate {}, deform {}, {} draws, {} triangles, {} visible, {} instance bytes, {} lights ({} visible, {:.1} per cluster, at most {}, {} left out), {}",
            result.scene,
            result.mode,
            result.instances,
            result.frame_ms_median,
            result.frame_ms_p95,
            result.encode_ms_median,
            optional(result.gpu_frame_ms_median),
            optional(result.cull_ms_median),
            optional(result.animate_ms_median),
            optional(result.deform_ms_median.or(result.deform_wall_ms_median)),
            result.draws,
            result.triangles,
            result.visible_instances,
            result.instance_bytes,
            result.lights,
            result.lights_visible,
            result.lights_per_cluster_mean,
            result.lights_per_cluster_max,
            result.lights_dropped,
            result.adapter
        )?;
    }
    out.flush()?;
    Ok(())
}

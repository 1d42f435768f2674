//! `museion bench`: render benchmarks for CI, one JSON line per scene × mode.

use crate::files::ScopeArgs;
use anyhow::Context as _;
use museion::gltf;
use museion::renderer::{CullMode, GpuContext};
use museion_cli::bench::{self, BenchResult, RunOptions, SceneKind};
use museion_cli::options::{parse_msaa, parse_size};
use std::io::Write as _;
use std::path::PathBuf;

/// Render seeded procedural scenes headless in each culling mode and report frame times,
/// GPU times and the counts read back from the draw arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Scenes to run (repeatable): cubes, halls, open-hall, grid.
    #[arg(long = "scene", value_enum, default_values_t = [SceneKind::Halls])]
    scenes: Vec<SceneKind>,
    /// Instances: cubes for `cubes` (default 1600000), copies for `grid` (1024), exhibits
    /// for `open-hall` (1024), total exhibits for `halls` (50 per room).
    #[arg(long)]
    instances: Option<u32>,
    /// Rooms of `halls`.
    #[arg(long, default_value_t = bench::DEFAULT_ROOMS)]
    rooms: u32,
    /// The glTF model of `grid`.
    #[arg(long)]
    model: Option<PathBuf>,
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
    let baseline = match &args.baseline {
        Some(path) => bench::read_baseline(path)?,
        None => Vec::new(),
    };
    let model = match &args.model {
        Some(path) => {
            let options = gltf::ImportOptions {
                scope: Some(args.files.scope(path)),
                ..Default::default()
            };
            Some(gltf::import_with(path, &options)?.scene)
        }
        None => None,
    };
    let ctx = GpuContext::new(None)?;
    let options = RunOptions {
        frames: args.frames,
        warmup: args.warmup,
        size: args.size,
        msaa: args.msaa,
        lod: !args.no_lod,
        visible_set: args.visible_set,
    };
    let mut regressed = false;
    for &kind in &args.scenes {
        eprintln!("{}: building the scene", kind.name());
        let scene = bench::build_scene(kind, args.instances, args.rooms, args.seed, model.as_ref())
            .with_context(|| format!("scene {}", kind.name()))?;
        let mut shown = 0;
        let results = bench::run_modes(&ctx, &scene, &args.modes, &options, |frame, total| {
            // Progress in tenths, on stderr.
            let tenth = frame * 10 / total;
            if tenth > shown {
                shown = tenth;
                eprintln!("{}: frame {frame}/{total}", kind.name());
            }
        })
        .with_context(|| format!("scene {}", kind.name()))?;
        for result in &results {
            print_result(result, args.json)?;
            if let Some(limit) = args.max_regression {
                for regression in bench::regressions(result, &baseline, limit) {
                    eprintln!("regression: {regression}");
                    regressed = true;
                }
            }
        }
    }
    Ok(if regressed {
        Outcome::Regressed
    } else {
        Outcome::Passed
    })
}

fn print_result(result: &BenchResult, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(result)?)?;
    } else {
        let optional = |v: Option<f64>| v.map_or("n/a".to_owned(), |v| format!("{v:.3} ms"));
        writeln!(
            out,
            "{} {}: {} instances, frame {:.3} ms (p95 {:.3}), encode {:.3} ms, GPU {}, cull {}, {} draws, {} triangles, {} visible, {} instance bytes, {}",
            result.scene,
            result.mode,
            result.instances,
            result.frame_ms_median,
            result.frame_ms_p95,
            result.encode_ms_median,
            optional(result.gpu_frame_ms_median),
            optional(result.cull_ms_median),
            result.draws,
            result.triangles,
            result.visible_instances,
            result.instance_bytes,
            result.adapter
        )?;
    }
    out.flush()?;
    Ok(())
}

//! `museion render FILE --out PNG`: the screenshot tool, for glTF files and venues.

use crate::UsageError;
use crate::bake::GiArgs;
use crate::files::{ScopeArgs, check_output, write_output};
use crate::shading::ShadingArgs;
use anyhow::{Context as _, bail};
use museion::animation;
use museion::gltf;
use museion::renderer::{EnvironmentSettings, Exposure, GpuContext, Renderer, ViewCamera};
use museion::venue::{self, CompiledVenue};
use museion_cli::camera_spec::CameraSpec;
use museion_cli::options::{check_target_memory, parse_size};
use std::path::PathBuf;

/// What venues are exposed with when no physical exposure is asked for: their lights
/// are physical (spots of hundreds of candela, artworks lit at 200 lux), far too bright
/// for the tone mapper as scene radiance, and rooms differ a lot, so each frame is metered.
const VENUE_EXPOSURE: Exposure = Exposure::Auto;

const VENUE_HELP: &str = "\
Venues (.toml, or a .gltf/.glb with --spawn or --tour): the camera stands at the first
spawn, at the visitor's eye height, looking along its heading; --spawn ID picks another
spawn and --tour ID --stop N (N from 0) the pose of a tour stop; --camera still places it
by hand. The venue's environment and its intensity are used (--env is ignored for
venues; --env-intensity scales the venue's). Venue lights are physical, so venues are
exposed automatically (--auto-exposure) unless --ev100 or --camera-exposure is given;
EV100 6 to 8 suits lit museum rooms.";

/// Render a glTF file or a venue to a PNG image.
#[derive(clap::Args)]
#[command(after_help = VENUE_HELP)]
pub struct Args {
    /// The glTF file (.gltf or .glb), or a venue (.toml).
    file: PathBuf,
    /// Where to write the PNG (never over the file or one it uses, and named .png,
    /// unless --force).
    #[arg(long)]
    out: PathBuf,
    /// Write --out even when it is an input or not named .png.
    #[arg(long)]
    force: bool,
    /// Image size, WxH.
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    size: (u32, u32),
    /// `auto` (frame the scene; a venue's first spawn), a glTF camera's name, or
    /// eye=x,y,z;target=x,y,z;fov=deg.
    #[arg(long, default_value = "auto")]
    camera: CameraSpec,
    /// Venue: look from this spawn (default: the first).
    #[arg(long, conflicts_with_all = ["tour", "camera"])]
    spawn: Option<String>,
    /// Venue: look from a stop of this tour (with --stop).
    #[arg(long, requires = "stop", conflicts_with = "camera")]
    tour: Option<String>,
    /// Venue: the stop of --tour, from 0.
    #[arg(long, requires = "tour")]
    stop: Option<usize>,
    /// Venue: vertical field of view of spawn and tour views, degrees.
    #[arg(long, default_value_t = 60.0, value_parser = parse_fov)]
    fov: f32,
    /// Show the material variant of this name (KHR_materials_variants; a venue's
    /// models share their variants by name); default: every primitive's own material.
    #[arg(long, value_name = "NAME")]
    variant: Option<String>,
    /// Pose the file as this animation has it at --time: a clip's name, or its index
    /// from 0 (default: no animation, the file's rest pose).
    #[arg(long, value_name = "NAME|INDEX")]
    animation: Option<String>,
    /// Seconds into --animation (a time past the clip's end shows its last pose); for a
    /// venue, the time its looping animations and its guide have reached.
    #[arg(long, value_name = "SECONDS", value_parser = parse_time)]
    time: Option<f32>,
    #[command(flatten)]
    shading: ShadingArgs,
    #[command(flatten)]
    gi: GiArgs,
    #[command(flatten)]
    files: ScopeArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    check_target_memory(args.size, args.shading.msaa()).map_err(UsageError)?;
    let (width, height) = args.size;
    let aspect = width as f32 / height as f32;
    let mut settings = args.shading.settings(false);
    let is_venue = args.spawn.is_some() || args.tour.is_some() || venue::is_venue_file(&args.file);
    let scope = args.files.scope(&args.file);
    if is_venue && args.animation.is_some() {
        return Err(UsageError(
            "--animation is for glTF files; a venue plays the animations it names (pose them with --time)"
                .into(),
        )
        .into());
    }
    if !is_venue && args.time.is_some() && args.animation.is_none() {
        return Err(UsageError("--time needs --animation: which clip to pose".into()).into());
    }
    let mut probes = None;
    let (mut scene, camera) = if is_venue {
        let compiled = venue::load_with_scope(&args.file, &scope)?;
        check_output(&args.out, &compiled.dependencies, "png", args.force)?;
        let environment = EnvironmentSettings::from(&compiled.environment);
        settings.environment.source = environment.source;
        settings.environment.intensity *= environment.intensity;
        if !args.shading.exposure_given() {
            settings.exposure = VENUE_EXPOSURE;
        }
        let camera = venue_camera(&args, &compiled, aspect)?;
        probes = args.gi.probes(&compiled)?;
        let mut compiled = compiled;
        if let Some(seconds) = args.time {
            pose_venue(&mut compiled, seconds);
        }
        (compiled.scene, camera)
    } else {
        let mut inputs = vec![args.file.clone()];
        inputs.extend(gltf::external_files(&args.file));
        check_output(&args.out, &inputs, "png", args.force)?;
        let options = gltf::ImportOptions {
            scope: Some(scope),
            ..Default::default()
        };
        let mut scene = gltf::import_with(&args.file, &options)?.scene;
        if let Some(key) = &args.animation {
            let clip = animation::find_clip(&scene, key).ok_or_else(|| {
                UsageError(format!(
                    "--animation: {} has no animation {key:?} ({})",
                    args.file.display(),
                    clip_list(&scene)
                ))
            })?;
            animation::pose_at(&mut scene, clip, args.time.unwrap_or(0.0))?;
        }
        let camera = args.camera.resolve(&scene, aspect)?;
        (scene, camera)
    };
    if let Some(name) = &args.variant {
        scene
            .select_variant(Some(name))
            .map_err(|e| UsageError(format!("--variant: {e}")))?;
    }
    let ctx = GpuContext::new(None)?;
    let mut renderer = Renderer::new(&ctx, settings)?;
    renderer.set_irradiance_probes(&ctx, probes.as_ref())?;
    let (image, stats) = renderer.render_image(&ctx, &scene, &camera, width, height)?;
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .context("cannot encode the PNG")?;
    write_output(&args.out, &png)?;
    log::info!(
        "{}: {} draws, {} triangles, {}x{} on {}",
        args.out.display(),
        stats.draws,
        stats.triangles,
        width,
        height,
        ctx.adapter_name()
    );
    Ok(())
}

/// The camera of a venue view: a tour stop, a spawn, or `--camera`.
fn venue_camera(args: &Args, venue: &CompiledVenue, aspect: f32) -> anyhow::Result<ViewCamera> {
    let fov = args.fov.to_radians();
    if let Some(tour_id) = &args.tour {
        let Some(tour) = venue.tours.iter().find(|t| &t.id == tour_id) else {
            bail!(
                "the venue has no tour {tour_id:?} (tours: {})",
                ids(venue.tours.iter().map(|t| &t.id))
            );
        };
        let index = args.stop.unwrap_or(0);
        let Some(stop) = tour.stops.get(index) else {
            bail!(
                "tour {tour_id:?} has {} stops (numbered from 0), not a stop {index}",
                tour.stops.len()
            );
        };
        return Ok(ViewCamera::look_at(stop.eye, stop.target, fov, venue::VIEW_ZNEAR));
    }
    if args.spawn.is_none() && args.camera != CameraSpec::Auto {
        return Ok(args.camera.resolve(&venue.scene, aspect)?);
    }
    let spawn = match &args.spawn {
        Some(id) => venue.spawns.iter().find(|s| &s.id == id).with_context(|| {
            format!(
                "the venue has no spawn {id:?} (spawns: {})",
                ids(venue.spawns.iter().map(|s| &s.id))
            )
        })?,
        None => venue.spawns.first().context("the venue has no spawn")?,
    };
    let (eye, target) = venue::spawn_view(spawn, &venue.visitor);
    Ok(ViewCamera::look_at(eye, target, fov, venue::VIEW_ZNEAR))
}

/// Quoted ids joined by commas, or "none".
fn ids<'a>(ids: impl Iterator<Item = &'a String>) -> String {
    let list: Vec<String> = ids.map(|id| format!("{id:?}")).collect();
    if list.is_empty() {
        "none".into()
    } else {
        list.join(", ")
    }
}

/// Poses a venue's looping animations and its guide at `seconds`.
fn pose_venue(compiled: &mut CompiledVenue, seconds: f32) {
    if let Some(mut animator) = venue::VenueAnimator::new(compiled) {
        animator.pose_at(&mut compiled.scene, seconds);
    }
}

/// The animations of `scene` as `0 "Walk", 1 "Run"`, or "it has none".
fn clip_list(scene: &museion::scene::Scene) -> String {
    if scene.animations.is_empty() {
        return "it has none".into();
    }
    let clips: Vec<String> = scene
        .animations
        .iter()
        .enumerate()
        .map(|(i, a)| match &a.name {
            Some(name) => format!("{i} {name:?}"),
            None => i.to_string(),
        })
        .collect();
    format!("its animations: {}", clips.join(", "))
}

/// A time in seconds, finite and 0 or more.
fn parse_time(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(t) if t.is_finite() && t >= 0.0 => Ok(t),
        _ => Err(format!("{text:?} is not a time in seconds (0 or more)")),
    }
}

/// A field of view in degrees, strictly between 0 and 180.
fn parse_fov(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(fov) if fov > 0.0 && fov < 180.0 => Ok(fov),
        _ => Err(format!(
            "{text:?} is not a field of view in degrees between 0 and 180"
        )),
    }
}

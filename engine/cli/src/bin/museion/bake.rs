//! `museion bake VENUE`: bake a venue's indirect light into the cache.

use crate::files::ScopeArgs;
use museion::venue;
use museion_cli::gi;
use std::path::PathBuf;

/// Bake a venue's indirect light — lamps and environment bounced off walls, floors and
/// ceilings — into irradiance probes and a reflection cube per room, kept in the cache
/// ($MUSEION_CACHE_DIR, else ~/.cache/museion). `view` and `render` bake on first use;
/// this does it ahead of time. The venue's `[bake]` table sets probe spacing, rays,
/// bounces and the reflection cubes' size and rays.
#[derive(clap::Args)]
pub struct Args {
    /// The venue: a .toml venue file, or a venue exported with `museion export` (which
    /// keeps its rooms; another glTF scene has no rooms to bake).
    venue: PathBuf,
    /// Bake again even when the cache holds this venue's bake.
    #[arg(long)]
    force: bool,
    /// Where to trace the bake's rays: `gpu` (a compute pass), `cpu` (all cores), or
    /// `auto`: the GPU unless the adapter is a CPU one such as lavapipe, where the CPU
    /// tracer is faster.
    #[arg(long, value_enum, default_value_t = gi::TracerChoice::Auto)]
    tracer: gi::TracerChoice,
    #[command(flatten)]
    files: ScopeArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let compiled = venue::load_with_scope(&args.venue, &args.files.scope(&args.venue))?;
    // The tracer (and a GPU device) only when there is something to bake.
    let baked = if args.force {
        gi::rebake(&compiled, gi::tracer(args.tracer)?.as_ref())?
    } else if let Some(cached) = gi::cached_light(&compiled)? {
        cached
    } else {
        gi::baked_light_with(&compiled, gi::tracer(args.tracer)?.as_ref())?
    };
    let probes = &baked.probes;
    let how = if baked.cached {
        "up to date in the cache".to_string()
    } else {
        format!(
            "baked on the {} in {:.1} s ({} triangles, {} rays; {} probes inside solids or outside their floor took their neighbours' light)",
            baked.tracer,
            baked.elapsed.as_secs_f32(),
            baked.triangles,
            baked.rays,
            baked.filled
        )
    };
    println!(
        "{}: {} probes in {} rooms, {} reflection cubes of {}² texels, {how}",
        args.venue.display(),
        probes.probes.len(),
        probes.volumes.len(),
        probes.reflections.probes.len(),
        probes.reflections.face
    );
    Ok(())
}

/// Where diffuse light beyond the lamps comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GiMode {
    /// The environment alone, as if the venue had no bake.
    Off,
    /// The venue's baked irradiance probes and reflection cubes in its rooms (baked on
    /// first use).
    Probes,
}

impl GiMode {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            GiMode::Off => "off",
            GiMode::Probes => "probes",
        }
    }
}

/// `--gi` and `--no-bake`, for the commands that open venues.
#[derive(clap::Args, Clone, Debug)]
pub struct GiArgs {
    /// Indirect light of a venue's rooms: `probes` (light bounced off walls, floors and
    /// ceilings, and reflections of the room, from the venue's bake) or `off` (the
    /// environment alone). glTF files without rooms (all but a venue's export) ignore it.
    #[arg(long, value_enum, default_value_t = GiMode::Probes)]
    gi: GiMode,
    /// Do not bake a venue whose bake is missing or out of date: light it without
    /// probes instead (a bake that is up to date is still used).
    #[arg(long)]
    no_bake: bool,
}

impl GiArgs {
    /// The viewer's options: it bakes on a thread of its own, and waits for it when
    /// `wait` (scripted and counted runs, whose frames must not depend on the bake's
    /// speed).
    pub fn options(&self, wait: bool) -> museion::viewer::GiOptions {
        museion::viewer::GiOptions {
            probes: self.gi == GiMode::Probes,
            bake: !self.no_bake,
            wait,
        }
    }

    /// The probes to light `venue` with: `None` with `--gi off`, or with `--no-bake`
    /// when the cache lacks them; else from the cache, or baked now with progress.
    pub fn probes(
        &self,
        venue: &venue::CompiledVenue,
    ) -> anyhow::Result<Option<museion::scene::IrradianceProbes>> {
        if self.gi == GiMode::Off || venue.rooms.is_empty() {
            return Ok(None);
        }
        if self.no_bake {
            let cached = gi::cached_light(venue)?;
            if cached.is_none() {
                log::info!("--no-bake: the venue's bake is missing or out of date; lighting without probes");
            }
            return Ok(cached.map(|baked| baked.probes));
        }
        Ok(Some(gi::baked_light(venue)?.probes))
    }
}

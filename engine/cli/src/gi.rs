//! Baked indirect light for the commands that open venues: the venue's environment as
//! the bake traces it, and the bake itself through the cache, with progress on stderr.

use museion::bake::{self, BakeError, Baked, CpuTracer, EnvironmentRadiance, ProbeTracer};
use museion::bake_gpu::{GpuTracer, prefer_gpu};
use museion::renderer::EnvironmentSettings;
use museion::renderer::environment::{EnvironmentError, bake_radiance};
use museion::renderer::{GpuContext, GpuError};
use museion::scene::EnvironmentChoice;
use museion::venue::CompiledVenue;
use std::sync::{Mutex, OnceLock};

/// Why a venue's light could not be baked.
#[derive(Debug, thiserror::Error)]
pub enum GiError {
    /// The venue's environment image could not be read.
    #[error(transparent)]
    Environment(#[from] EnvironmentError),
    /// The bake refused the venue.
    #[error(transparent)]
    Bake(#[from] BakeError),
    /// `--tracer gpu` and no GPU device could be made.
    #[error("no device to bake on: {0}")]
    Device(#[from] GpuError),
}

/// Where a bake's rays are traced (`--tracer`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TracerChoice {
    /// The GPU when the adapter is a real one, else the CPU (lavapipe and other CPU
    /// adapters run the bake slower than the CPU tracer).
    #[default]
    Auto,
    /// The CPU, with rayon.
    Cpu,
    /// The GPU (the adapter wgpu picks, or `MUSEION_ADAPTER`), as a compute pass.
    Gpu,
}

/// The tracer `choice` names on this machine.
pub fn tracer(choice: TracerChoice) -> Result<Box<dyn ProbeTracer>, GiError> {
    Ok(match choice {
        TracerChoice::Cpu => Box::new(CpuTracer),
        TracerChoice::Gpu => Box::new(GpuTracer::new(&GpuContext::new(None)?)),
        TracerChoice::Auto => Box::new(AutoTracer::default()),
    })
}

/// [`TracerChoice::Auto`]: picks the GPU or the CPU when a bake first traces, so that a
/// bake read from the cache makes no device.
#[derive(Default)]
struct AutoTracer {
    chosen: OnceLock<Box<dyn ProbeTracer + Send>>,
}

impl AutoTracer {
    fn chosen(&self) -> &(dyn ProbeTracer + Send) {
        self.chosen
            .get_or_init(|| match GpuContext::new(None) {
                Ok(ctx) if prefer_gpu(&ctx) => Box::new(GpuTracer::new(&ctx)),
                _ => Box::new(CpuTracer),
            })
            .as_ref()
    }
}

impl ProbeTracer for AutoTracer {
    fn name(&self) -> String {
        self.chosen.get().map_or_else(|| "auto".into(), |t| t.name())
    }

    fn trace(
        &self,
        scene: &bake::ProbeScene,
        tasks: &[bake::ProbeTask],
        progress: &dyn bake::Progress,
    ) -> Result<Vec<bake::BakedProbe>, BakeError> {
        self.chosen().trace(scene, tasks, progress)
    }
}

/// The venue's environment as the bake traces it (as the renderer lights with it:
/// unturned, times the venue's `environment_intensity`), or `None` for `"none"`.
pub fn environment_radiance(
    choice: &EnvironmentChoice,
) -> Result<Option<EnvironmentRadiance>, EnvironmentError> {
    let settings = EnvironmentSettings::from(choice);
    bake_radiance(&settings.source, settings.intensity)
}

/// Reports a bake's progress on stderr, a line at every tenth.
pub fn progress_printer() -> impl Fn(usize, usize) + Sync {
    let last = Mutex::new(0usize);
    move |done, total| {
        let tenth = done * 10 / total.max(1);
        if let Ok(mut last) = last.lock()
            && tenth > *last
        {
            *last = tenth;
            eprintln!(
                "bake: {}% ({done} of {total} steps: probes, then rows of reflection cubes)",
                tenth * 10
            );
        }
    }
}

/// `venue`'s baked indirect light: from the cache when it has it, else baked now where
/// it is fastest ([`TracerChoice::Auto`]) with progress on stderr (and cached). Without
/// a cache folder the bake is made and not kept.
pub fn baked_light(venue: &CompiledVenue) -> Result<Baked, GiError> {
    baked_light_with(venue, &AutoTracer::default())
}

/// [`baked_light`], tracing with `tracer` when it must bake.
pub fn baked_light_with(venue: &CompiledVenue, tracer: &dyn ProbeTracer) -> Result<Baked, GiError> {
    let environment = environment_radiance(&venue.environment)?;
    let dir = museion::renderer::cache_dir();
    Ok(bake::bake_cached_with(
        venue,
        environment.as_ref(),
        dir.as_deref(),
        tracer,
        &progress_printer(),
    )?)
}

/// `venue`'s light baked now with `tracer` whatever the cache holds, with progress on
/// stderr, and written to the cache (replacing what it held).
pub fn rebake(venue: &CompiledVenue, tracer: &dyn ProbeTracer) -> Result<Baked, GiError> {
    let environment = environment_radiance(&venue.environment)?;
    let dir = museion::renderer::cache_dir();
    Ok(bake::rebake_cached_with(
        venue,
        environment.as_ref(),
        dir.as_deref(),
        tracer,
        &progress_printer(),
    )?)
}

/// `venue`'s bake as the cache holds it, if it holds the one `venue` needs now.
pub fn cached_light(venue: &CompiledVenue) -> Result<Option<Baked>, GiError> {
    let environment = environment_radiance(&venue.environment)?;
    let dir = museion::renderer::cache_dir();
    Ok(bake::read_cached(venue, environment.as_ref(), dir.as_deref()))
}

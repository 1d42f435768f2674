//! museion-bake: a venue's indirect light, baked once. A path tracer over the venue's
//! static geometry (architecture and exhibits; what moves is left out) with its lights
//! in physical units, emissive surfaces and the environment through its openings, fills
//! a grid of irradiance probes per room with the light bounced off the room's surfaces
//! ([`IrradianceProbes`], second-order spherical harmonics), and captures a reflection
//! cube per room ([`ReflectionProbes`], read box-projected to the room's bounds for the
//! rooms' specular light). Each room's probes light
//! only that room, so no light leaks through a wall: light reaches a dark room only
//! through its openings, as the rays that pass them carry it.
//!
//! The bake runs on the CPU with rayon, rays traced against `obvhs`'s compressed wide BVH;
//! [`bake_cached`] keeps results on disk keyed by what they depend on (see [`cache`]).
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let venue = museion_venue::load("venue.toml")?;
//! let environment = museion_bake::EnvironmentRadiance::uniform(glam::Vec3::splat(0.2));
//! let baked = museion_bake::bake(&venue, Some(&environment), &|done, total| {
//!     eprint!("\rbaking {done}/{total} probes");
//! })?;
//! println!("{} probes", baked.probes.probes.len());
//! # Ok(())
//! # }
//! ```

mod backend;
pub mod cache;
mod geometry;
mod grid;
mod probes;
mod reflections;
mod sampling;
mod tracer;
mod transport;

pub use backend::{CpuTracer, ProbeScene, ProbeTask, ProbeTracer};
pub use geometry::{StaticGeometry, Surface, moving_nodes};
pub use museion_scene::{
    IrradianceProbes, ProbeVolume, ReflectionProbe, ReflectionProbes, RoomMap, ShIrradiance,
};
pub use probes::{BakedProbe, probe_start};
pub use reflections::{CAPTURE_HEIGHT, room_box};
pub use sampling::Rng;
pub use tracer::{Hit, Tracer};
pub use transport::{Arrival, Transport};

use glam::Vec3;
use museion_venue::{CompiledVenue, placed_lights};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Most probes one bake makes (about 1 GB of rays' work on this machine's scale, and
/// 108 bytes each on the GPU): past this the spacing is too fine for the venue.
pub const MAX_PROBES: usize = 2_000_000;

/// Hears how far a bake got, and may stop it. Any `Fn(done, total) + Sync` closure is
/// one that never stops it.
pub trait Progress: Sync {
    /// `done` of `total` steps are baked (a step is a probe, or a row of a face of a
    /// room's reflection cube; called from the bake's worker threads, about two hundred
    /// times a bake).
    fn report(&self, done: usize, total: usize);

    /// Whether the bake should stop (it then ends with [`BakeError::Cancelled`]).
    fn cancelled(&self) -> bool {
        false
    }
}

impl<F: Fn(usize, usize) + Sync> Progress for F {
    fn report(&self, done: usize, total: usize) {
        self(done, total)
    }
}

/// A part of a bake's work, reported as steps `before` + done of the whole bake's `total`.
struct Part<'a> {
    whole: &'a dyn Progress,
    before: usize,
    total: usize,
}

impl Progress for Part<'_> {
    fn report(&self, done: usize, _: usize) {
        self.whole.report(self.before + done, self.total);
    }

    fn cancelled(&self) -> bool {
        self.whole.cancelled()
    }
}

/// Why a bake failed.
#[derive(Debug, thiserror::Error)]
pub enum BakeError {
    /// Its [`Progress`] asked it to stop.
    #[error("the bake was cancelled")]
    Cancelled,
    /// More probes than [`MAX_PROBES`].
    #[error(
        "{probes} probes at {spacing} m spacing is more than {MAX_PROBES}; set a wider [bake] probe_spacing"
    )]
    TooManyProbes {
        /// Probes the spacing asks for.
        probes: usize,
        /// The spacing, metres.
        spacing: f32,
    },
    /// The tracer (a GPU device, say) failed.
    #[error("the {tracer} bake failed: {message}")]
    Tracer {
        /// The tracer's name.
        tracer: String,
        /// What went wrong.
        message: String,
    },
    /// More rooms than the room map can name.
    #[error("{0} rooms is more than the bake can map ({max}); split the venue", max = u16::MAX - 1)]
    TooManyRooms(usize),
}

/// The environment's radiance by direction, for the bake: rays that leave the venue
/// (through a door to the outside, a window) bring it back.
///
/// The environment lives in the renderer's layer (its images and built-in skies), so
/// whoever has it supplies the function, and with it what identifies the environment
/// for the cache (the file's bytes, or the built-in's name, and the intensity).
#[derive(Clone)]
pub struct EnvironmentRadiance {
    radiance: Arc<dyn Fn(Vec3) -> Vec3 + Send + Sync>,
    identity: Vec<u8>,
}

impl EnvironmentRadiance {
    /// An environment whose radiance toward the unit direction `d` is `radiance(d)`,
    /// identified for the cache by `identity`.
    pub fn new(
        identity: impl Into<Vec<u8>>,
        radiance: impl Fn(Vec3) -> Vec3 + Send + Sync + 'static,
    ) -> Self {
        Self {
            radiance: Arc::new(radiance),
            identity: identity.into(),
        }
    }

    /// The same radiance (cd/m² per channel) from every direction.
    pub fn uniform(radiance: Vec3) -> Self {
        let identity: Vec<u8> = b"uniform"
            .iter()
            .copied()
            .chain(radiance.to_array().iter().flat_map(|v| v.to_le_bytes()))
            .collect();
        Self::new(identity, move |_| radiance)
    }

    /// The radiance arriving from the unit direction `d` (looking toward `d`).
    pub fn radiance(&self, d: Vec3) -> Vec3 {
        (self.radiance)(d)
    }

    /// What identifies it for the cache.
    pub fn identity(&self) -> &[u8] {
        &self.identity
    }
}

impl std::fmt::Debug for EnvironmentRadiance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EnvironmentRadiance(..)")
    }
}

/// A finished bake and what it took.
#[derive(Clone, Debug)]
pub struct Baked {
    /// The probes.
    pub probes: IrradianceProbes,
    /// Whether it came from the cache.
    pub cached: bool,
    /// Probes that stood inside a solid or outside their room's floor and took their
    /// neighbours' light.
    pub filled: usize,
    /// Triangles traced.
    pub triangles: usize,
    /// Rays traced from probes and reflection capture points (each followed by its
    /// bounces).
    pub rays: u64,
    /// How long it took.
    pub elapsed: Duration,
    /// What traced it ([`ProbeTracer::name`]); empty when it came from the cache.
    pub tracer: String,
}

/// Bakes `venue`'s indirect light with its `[bake]` settings, calling
/// `progress` as probes finish (which may stop it). A venue without rooms (a glTF scene) gives
/// probes with no grids: nothing changes where it is drawn.
pub fn bake(
    venue: &CompiledVenue,
    environment: Option<&EnvironmentRadiance>,
    progress: &dyn Progress,
) -> Result<Baked, BakeError> {
    let geometry = StaticGeometry::of_venue(venue);
    bake_geometry(venue, &geometry, environment, &CpuTracer, progress)
}

/// [`bake`], through the cache in `cache_dir`: an unchanged venue is read back, a changed
/// one baked and written (a cache that cannot be written is a warning, not an error).
/// Without a cache folder, the bake is made and not kept.
pub fn bake_cached(
    venue: &CompiledVenue,
    environment: Option<&EnvironmentRadiance>,
    cache_dir: Option<&Path>,
    progress: &dyn Progress,
) -> Result<Baked, BakeError> {
    bake_cached_with(venue, environment, cache_dir, &CpuTracer, progress)
}

/// [`bake_cached`], tracing with `tracer` when it must bake.
pub fn bake_cached_with(
    venue: &CompiledVenue,
    environment: Option<&EnvironmentRadiance>,
    cache_dir: Option<&Path>,
    tracer: &dyn ProbeTracer,
    progress: &dyn Progress,
) -> Result<Baked, BakeError> {
    let entry = CacheEntry::new(venue, environment, cache_dir);
    match entry.read() {
        Some(baked) => Ok(baked),
        None => entry.bake(venue, environment, tracer, progress),
    }
}

/// `venue`'s bake as the cache in `cache_dir` holds it, if it holds the one `venue`
/// needs now (`None` without a cache folder).
pub fn read_cached(
    venue: &CompiledVenue,
    environment: Option<&EnvironmentRadiance>,
    cache_dir: Option<&Path>,
) -> Option<Baked> {
    CacheEntry::new(venue, environment, cache_dir).read()
}

/// Whether the cache in `cache_dir` holds the bake `venue` needs now.
pub fn is_cached(venue: &CompiledVenue, environment: Option<&EnvironmentRadiance>, cache_dir: &Path) -> bool {
    read_cached(venue, environment, Some(cache_dir)).is_some()
}

/// [`bake`] whatever the cache in `cache_dir` holds, written over it.
pub fn rebake_cached(
    venue: &CompiledVenue,
    environment: Option<&EnvironmentRadiance>,
    cache_dir: Option<&Path>,
    progress: &dyn Progress,
) -> Result<Baked, BakeError> {
    rebake_cached_with(venue, environment, cache_dir, &CpuTracer, progress)
}

/// [`rebake_cached`], tracing with `tracer`.
pub fn rebake_cached_with(
    venue: &CompiledVenue,
    environment: Option<&EnvironmentRadiance>,
    cache_dir: Option<&Path>,
    tracer: &dyn ProbeTracer,
    progress: &dyn Progress,
) -> Result<Baked, BakeError> {
    CacheEntry::new(venue, environment, cache_dir).bake(venue, environment, tracer, progress)
}

/// A venue's static geometry and the cache file its bake belongs in (none without a
/// cache folder), worked out once for a read and a bake.
struct CacheEntry {
    geometry: StaticGeometry,
    path: Option<PathBuf>,
    start: Instant,
}

impl CacheEntry {
    fn new(
        venue: &CompiledVenue,
        environment: Option<&EnvironmentRadiance>,
        cache_dir: Option<&Path>,
    ) -> Self {
        let start = Instant::now();
        let geometry = StaticGeometry::of_venue(venue);
        let path = cache_dir.map(|dir| cache::path(dir, &key_of(venue, &geometry, environment)));
        Self {
            geometry,
            path,
            start,
        }
    }

    /// The bake in the cache file, if it is there and whole.
    fn read(&self) -> Option<Baked> {
        let path = self.path.as_deref()?;
        let probes = cache::read(path)?;
        log::info!(
            "bake {}: read from the cache ({} probes)",
            path.display(),
            probes.probes.len()
        );
        Some(Baked {
            probes,
            cached: true,
            filled: 0,
            triangles: self.geometry.triangles.len(),
            rays: 0,
            elapsed: self.start.elapsed(),
            tracer: String::new(),
        })
    }

    /// Bakes and writes the cache file.
    fn bake(
        &self,
        venue: &CompiledVenue,
        environment: Option<&EnvironmentRadiance>,
        tracer: &dyn ProbeTracer,
        progress: &dyn Progress,
    ) -> Result<Baked, BakeError> {
        let baked = bake_geometry(venue, &self.geometry, environment, tracer, progress)?;
        if let Some(path) = &self.path
            && let Err(e) = cache::write(path, &baked.probes)
        {
            log::warn!("cannot keep the bake in {}: {e}", path.display());
        }
        Ok(baked)
    }
}

fn key_of(
    venue: &CompiledVenue,
    geometry: &StaticGeometry,
    environment: Option<&EnvironmentRadiance>,
) -> String {
    cache::key(&cache::BakeInputs {
        geometry,
        lights: &placed_lights(&venue.scene),
        environment: environment.map_or(&[][..], EnvironmentRadiance::identity),
        rooms: &venue.rooms,
        wall_thickness: venue.wall_thickness,
        settings: &venue.bake,
    })
}

fn bake_geometry(
    venue: &CompiledVenue,
    geometry: &StaticGeometry,
    environment: Option<&EnvironmentRadiance>,
    tracer: &dyn ProbeTracer,
    progress: &dyn Progress,
) -> Result<Baked, BakeError> {
    let start = Instant::now();
    let settings = venue.bake;
    if venue.rooms.len() >= usize::from(u16::MAX) {
        return Err(BakeError::TooManyRooms(venue.rooms.len()));
    }
    let mut volumes = Vec::with_capacity(venue.rooms.len());
    let mut first = 0;
    for room in &venue.rooms {
        let volume = grid::room_volume(room, settings.probe_spacing, venue.wall_thickness, first);
        first += volume.len();
        volumes.push(volume);
    }
    if first > MAX_PROBES {
        return Err(BakeError::TooManyProbes {
            probes: first,
            spacing: settings.probe_spacing,
        });
    }
    let (map, crowded) = grid::room_map(&venue.rooms, venue.wall_thickness);
    for room in crowded {
        log::warn!(
            "bake: room {:?} lies over two others; where it does, it takes their probes' light",
            venue.rooms[room].id
        );
    }
    let lights = placed_lights(&venue.scene);
    // One CPU BVH for the whole bake: the CPU tracer's probes and the reflection cubes
    // (always traced on the CPU) both trace it.
    let cpu_tracer = Tracer::new(geometry);
    let transport = Transport {
        tracer: &cpu_tracer,
        lights: &lights,
        environment,
        bounces: settings.bounces,
    };
    let scene = ProbeScene {
        geometry,
        transport,
        samples: settings.samples,
    };
    let face = settings.reflection_size;
    let total = first + reflections::units(venue.rooms.len(), face);
    let mut baked = backend::bake_probes(
        &scene,
        tracer,
        &venue.rooms,
        &volumes,
        venue.wall_thickness,
        &Part {
            whole: progress,
            before: 0,
            total,
        },
    )?;
    let filled = volumes.iter().map(|v| probes::fill_invalid(v, &mut baked)).sum();
    let probe_count = baked.len();
    let probes_took = start.elapsed();
    // The reflection cubes are traced on the CPU, each surface they meet lit by the
    // probes just baked.
    let mut light = IrradianceProbes {
        volumes,
        probes: baked.into_iter().map(|p| p.light).collect(),
        map,
        reflections: ReflectionProbes::default(),
    };
    let cubes = reflections::bake_reflections(
        &transport,
        &venue.rooms,
        &light,
        venue.wall_thickness,
        (face, settings.reflection_samples),
        &Part {
            whole: progress,
            before: first,
            total,
        },
    );
    if progress.cancelled() {
        return Err(BakeError::Cancelled);
    }
    let elapsed = start.elapsed();
    log::info!(
        "baked {} probes on the {} and {} reflection cubes of {face}² texels in {} rooms ({} triangles, {} lights, {} rays per probe, {} per reflection texel, {} bounces) in {:.1} s (probes {:.1} s, reflections {:.1} s); {} filled from neighbours",
        probe_count,
        tracer.name(),
        cubes.len(),
        light.volumes.len(),
        geometry.triangles.len(),
        lights.len(),
        settings.samples,
        settings.reflection_samples,
        settings.bounces,
        elapsed.as_secs_f32(),
        probes_took.as_secs_f32(),
        (elapsed - probes_took).as_secs_f32(),
        filled
    );
    let reflection_rays =
        cubes.iter().map(|c| c.texels.len() as u64).sum::<u64>() * u64::from(settings.reflection_samples);
    light.reflections = ReflectionProbes { face, probes: cubes };
    Ok(Baked {
        rays: probe_count as u64 * u64::from(settings.samples) + reflection_rays,
        probes: light,
        cached: false,
        filled,
        triangles: geometry.triangles.len(),
        elapsed,
        tracer: tracer.name(),
    })
}

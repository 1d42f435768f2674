//! Who traces the probes' rays: this crate's path tracer on the CPU ([`CpuTracer`]), or
//! another device through the same [`ProbeTracer`] trait (`museion-bake-gpu` traces them
//! with wgpu compute). Every tracer follows the same estimator — the rays of a probe on a
//! Fibonacci sphere, next-event estimation toward one light per hit, cosine-weighted
//! bounces — so their bakes agree within the rays' noise.

use crate::probes::{BakedProbe, bake_probe, grid_cells};
use crate::transport::Transport;
use crate::{BakeError, Progress, StaticGeometry};
use glam::{UVec3, Vec2, Vec3};
use museion_scene::ProbeVolume;
use museion_venue::Room;
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a bake traces: the static geometry, the scene as light sees it (its CPU BVH,
/// built once for the whole bake, the lights, the environment and the bounces), and
/// the rays per probe.
#[derive(Clone, Copy)]
pub struct ProbeScene<'a> {
    /// The static triangles and their surfaces (what another device builds its own
    /// BVH from).
    pub geometry: &'a StaticGeometry,
    /// The transport over `geometry`'s CPU BVH, with the lights, environment and bounces.
    pub transport: Transport<'a>,
    /// Rays per probe.
    pub samples: u32,
}

/// One probe to bake: where it stands, and its random stream (its index among the
/// bake's probes, so that a bake is the same on every run).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProbeTask {
    /// The probe's position, world space.
    pub position: Vec3,
    /// The stream of its random numbers.
    pub stream: u64,
}

/// Traces probes' rays and projects their light on spherical harmonics.
pub trait ProbeTracer: Sync {
    /// A short name for logs and the command line ("cpu", "gpu (adapter name)").
    fn name(&self) -> String;

    /// Bakes every task's probe, in the tasks' order, reporting `done` of `tasks.len()`
    /// through `progress` and stopping with [`BakeError::Cancelled`] when it asks.
    fn trace(
        &self,
        scene: &ProbeScene,
        tasks: &[ProbeTask],
        progress: &dyn Progress,
    ) -> Result<Vec<BakedProbe>, BakeError>;
}

/// The CPU path tracer: `obvhs`'s compressed wide BVH, probes in parallel with rayon.
#[derive(Clone, Copy, Debug, Default)]
pub struct CpuTracer;

impl ProbeTracer for CpuTracer {
    fn name(&self) -> String {
        format!("cpu ({} threads)", rayon::current_num_threads())
    }

    fn trace(
        &self,
        scene: &ProbeScene,
        tasks: &[ProbeTask],
        progress: &dyn Progress,
    ) -> Result<Vec<BakedProbe>, BakeError> {
        let transport = &scene.transport;
        let total = tasks.len();
        let done = AtomicUsize::new(0);
        let step = (total / 100).max(1);
        let probes: Vec<BakedProbe> = tasks
            .par_iter()
            .map(|task| {
                if progress.cancelled() {
                    return BakedProbe::default();
                }
                let probe = bake_probe(transport, task.position, scene.samples, task.stream);
                let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                if finished.is_multiple_of(step) || finished == total {
                    progress.report(finished, total);
                }
                probe
            })
            .collect();
        if progress.cancelled() {
            return Err(BakeError::Cancelled);
        }
        Ok(probes)
    }
}

/// Bakes every probe of `volumes` (each the grid of the room of the same index) with
/// `tracer`: the probes within their room's floor are traced, the others marked invalid
/// (they take their neighbours' light later). The result is in probe order.
pub fn bake_probes(
    scene: &ProbeScene,
    tracer: &dyn ProbeTracer,
    rooms: &[Room],
    volumes: &[ProbeVolume],
    thickness: f32,
    progress: &dyn Progress,
) -> Result<Vec<BakedProbe>, BakeError> {
    let cells: Vec<(usize, UVec3)> = volumes
        .iter()
        .enumerate()
        .flat_map(|(v, volume)| grid_cells(volume.counts).map(move |cell| (v, cell)))
        .collect();
    let mut tasks = Vec::with_capacity(cells.len());
    let mut slots = Vec::with_capacity(cells.len());
    for (index, (v, cell)) in cells.iter().enumerate() {
        let position = volumes[*v].position(*cell);
        let room = &rooms[*v];
        let on_floor = Vec2::new(position.x, position.z);
        if room.contains(on_floor) && room.edge_distance(on_floor) >= thickness / 2.0 {
            tasks.push(ProbeTask {
                position,
                stream: index as u64,
            });
            slots.push(index);
        }
    }
    let traced = tracer.trace(scene, &tasks, progress)?;
    if traced.len() != tasks.len() {
        return Err(BakeError::Tracer {
            tracer: tracer.name(),
            message: format!("{} probes came back for {} traced", traced.len(), tasks.len()),
        });
    }
    let mut probes = vec![BakedProbe::default(); cells.len()];
    for (slot, probe) in slots.into_iter().zip(traced) {
        probes[slot] = probe;
    }
    Ok(probes)
}

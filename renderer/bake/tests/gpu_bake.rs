//! The GPU tracer against physics and against the CPU tracer: an enclosure's bounced
//! light, a sealed room left dark, a known sky's irradiance, and a stopped bake.
#![allow(clippy::unwrap_used)]

use glam::Vec3;
use museion_bake::{
    BakeError, CpuTracer, EnvironmentRadiance, ProbeScene, ProbeTask, ProbeTracer, Progress, StaticGeometry,
    Tracer, Transport, bake_cached_with,
};
use museion_bake_gpu::GpuTracer;
use museion_gpu::GpuContext;
use museion_venue::{CompiledVenue, placed_lights};
use std::f32::consts::PI;
use std::path::Path;

fn context() -> GpuContext {
    // Without an adapter this fails, naming the package to install.
    GpuContext::new(None).unwrap_or_else(|e| panic!("{e}"))
}

fn load(dir: &Path, text: &str) -> CompiledVenue {
    let path = dir.join("venue.toml");
    std::fs::write(&path, text).unwrap();
    museion_venue::load(&path).unwrap()
}

/// A closed room 6 × 4 × 3 m, every surface of linear albedo 0.5 (sRGB 0.7354), one
/// point light of 800 cd off its centre.
const CLOSED_BOX: &str = r#"
[venue]
environment = "none"
wall_material = "white"
floor_material = "white"
ceiling_material = "white"

[materials.white]
base_color = [0.7354, 0.7354, 0.7354]
roughness = 1.0

[bake]
probe_spacing = 1.0
samples = 256
bounces = 6

[[rooms]]
id = "box"
floor = [[0, 0], [6, 0], [6, 4], [0, 4]]
height = 3.0

[[lights]]
kind = "point"
position = [2.5, 2.0, 1.8]
intensity = 800
shadows = false
"#;

/// The mean over a bake's probes of the irradiance they give a surface facing up, and
/// facing down.
fn mean_up_down(probes: &museion_bake::IrradianceProbes) -> (f32, f32) {
    let n = probes.probes.len() as f32;
    let up = probes.probes.iter().map(|p| p.evaluate(Vec3::Y).x).sum::<f32>() / n;
    let down = probes
        .probes
        .iter()
        .map(|p| p.evaluate(Vec3::NEG_Y).x)
        .sum::<f32>()
        / n;
    (up * PI, down * PI)
}

#[test]
fn the_gpu_bakes_an_enclosure_as_the_cpu_does() {
    let dir = tempfile::tempdir().unwrap();
    let venue = load(dir.path(), CLOSED_BOX);
    let ctx = context();
    let gpu = bake_cached_with(&venue, None, None, &GpuTracer::new(&ctx), &|_, _| {}).unwrap();
    let cpu = bake_cached_with(&venue, None, None, &CpuTracer, &|_, _| {}).unwrap();
    assert_eq!(gpu.probes.probes.len(), cpu.probes.probes.len());
    assert_eq!(gpu.probes.volumes, cpu.probes.volumes);
    assert_eq!(gpu.filled, cpu.filled);
    let (gpu_up, gpu_down) = mean_up_down(&gpu.probes);
    let (cpu_up, cpu_down) = mean_up_down(&cpu.probes);
    // The ceiling is lit by the light; the floor mostly by what the walls bounce. Both
    // tracers follow the same estimator, so their means agree within the rays' noise.
    for (what, g, c) in [("up", gpu_up, cpu_up), ("down", gpu_down, cpu_down)] {
        assert!(c > 1.0, "{what}: cpu {c} lx");
        let error = (g - c).abs() / c;
        assert!(
            error < 0.03,
            "{what}: gpu {g:.2} lx, cpu {c:.2} lx ({:.1} %)",
            error * 100.0
        );
    }
    // Probe by probe, within the noise of 256 rays.
    let worst = gpu
        .probes
        .probes
        .iter()
        .zip(&cpu.probes.probes)
        .map(|(g, c)| {
            let (g, c) = (g.evaluate(Vec3::Y).x, c.evaluate(Vec3::Y).x);
            (g - c).abs() / c.max(1e-3)
        })
        .fold(0.0, f32::max);
    assert!(worst < 0.25, "a probe differs by {:.0} %", worst * 100.0);
}

#[test]
fn a_sealed_room_stays_dark_on_the_gpu() {
    let dir = tempfile::tempdir().unwrap();
    let text = CLOSED_BOX.replace(
        "[[lights]]",
        "[[rooms]]\nid = \"dark\"\nfloor = [[6, 0], [10, 0], [10, 4], [6, 4]]\nheight = 3.0\n\n[[lights]]",
    );
    let venue = load(dir.path(), &text);
    let ctx = context();
    let baked = bake_cached_with(&venue, None, None, &GpuTracer::new(&ctx), &|_, _| {}).unwrap();
    let dark = baked.probes.volumes.iter().find(|v| v.room == "dark").unwrap();
    let lit = baked.probes.volumes.iter().find(|v| v.room == "box").unwrap();
    for probe in &baked.probes.probes[dark.first..dark.first + dark.len()] {
        assert!(
            probe.0.iter().all(|c| *c == Vec3::ZERO),
            "light through the wall: {probe:?}"
        );
    }
    let lit_mean = baked.probes.probes[lit.first..lit.first + lit.len()]
        .iter()
        .map(|p| p.evaluate(Vec3::Y).x)
        .sum::<f32>();
    assert!(lit_mean > 0.0);
}

/// A sky-like radiance field: brighter above, a warm glow toward +x, darker below.
fn field(d: Vec3) -> Vec3 {
    Vec3::new(1.0, 0.9, 0.8)
        + Vec3::new(0.8, 0.9, 1.2) * d.y.max(0.0)
        + Vec3::new(0.6, 0.3, 0.1) * d.x.max(0.0).powi(2)
}

#[test]
fn an_open_sky_gives_the_irradiance_of_its_radiance() {
    let ctx = context();
    let environment = EnvironmentRadiance::new("field", field);
    let nothing = StaticGeometry::default();
    let cpu = Tracer::new(&nothing);
    let scene = ProbeScene {
        geometry: &nothing,
        transport: Transport {
            tracer: &cpu,
            lights: &[],
            environment: Some(&environment),
            bounces: 2,
        },
        samples: 1024,
    };
    let task = ProbeTask {
        position: Vec3::ZERO,
        stream: 0,
    };
    let gpu = GpuTracer::new(&ctx).trace(&scene, &[task], &|_, _| {}).unwrap();
    let cpu = CpuTracer.trace(&scene, &[task], &|_, _| {}).unwrap();
    assert!(gpu[0].valid);
    for n in [
        Vec3::Y,
        Vec3::NEG_Y,
        Vec3::X,
        Vec3::NEG_X,
        Vec3::Z,
        Vec3::new(0.6, 0.48, -0.64),
    ] {
        let (g, c) = (gpu[0].light.evaluate(n), cpu[0].light.evaluate(n));
        // The same directions on both; the GPU reads the sky from a 512 × 256 table.
        let error = ((g - c).abs() / c).max_element();
        assert!(
            error < 0.01,
            "facing {n}: gpu {g}, cpu {c} ({:.2} %)",
            error * 100.0
        );
    }
}

/// Stops the bake at the first report.
struct StopAtFirst(std::sync::atomic::AtomicBool);

impl Progress for StopAtFirst {
    fn report(&self, _done: usize, _total: usize) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    fn cancelled(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[test]
fn a_stopped_gpu_bake_ends_cancelled() {
    let ctx = context();
    let nothing = StaticGeometry::default();
    let cpu = Tracer::new(&nothing);
    let scene = ProbeScene {
        geometry: &nothing,
        transport: Transport {
            tracer: &cpu,
            lights: &[],
            environment: None,
            bounces: 0,
        },
        // One probe a batch, so that the bake reports before it ends.
        samples: 1 << 17,
    };
    let tasks: Vec<ProbeTask> = (0..3)
        .map(|i| ProbeTask {
            position: Vec3::splat(i as f32),
            stream: i,
        })
        .collect();
    let stop = StopAtFirst(false.into());
    let result = GpuTracer::new(&ctx).trace(&scene, &tasks, &stop);
    assert!(matches!(result, Err(BakeError::Cancelled)), "{result:?}");
    // The venue's lights are what the CPU and GPU scenes share; a scene without any
    // still bakes (placeholder buffers bind).
    assert!(placed_lights(&museion_scene::Scene::new()).is_empty());
}

//! `culling`: the CPU side of the culling core on the `cubes` scene (unit cubes on a
//! sphere around a turning camera, one draw group), with 100k and 1M instances.
//!
//! - `reference_culling/{100k,1m}`: the CPU reference decision ([`CullView::classify`],
//!   frustum test with LOD off by `lod_count` 1) for every instance's bounding sphere, the
//!   spheres precomputed as `[f32; 4]`. Throughput in instances.
//! - `instance_upload/{100k,1m}`: every cube moves a little, then
//!   [`Renderer::prepare`] finds the changed instances and writes them to the GPU's
//!   staging memory. Only `prepare` is timed; the scene edit before it and the submit
//!   and GPU wait after it are not.
//! - `encode/{100k,1m}`: the CPU time to record and submit one frame in the default
//!   `gpu-occlusion` mode at 1920×1080 ([`Renderer::render`]), the camera advancing along
//!   the scene's path. The GPU is waited on after each frame, outside the timed part, so
//!   that lavapipe (which runs on the same cores) is idle while the next frame is encoded.
//!
//! The device and each scene are created once. Under `CI` only the 100k scene runs.
//!
//! ```text
//! cargo bench -p museion-benches --bench culling
//! ```
//!
//! Each GPU wait is followed by a short pause ([`SETTLE`]): lavapipe's worker threads
//! keep the two cores of the bench machine busy for a few milliseconds after the fence
//! signals, and without the pause about a quarter of the `encode` samples took 2–10 ms
//! instead of about 0.3 ms.

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use museion_procedural::{BenchScene, cubes};
use museion_renderer::culling::CullView;
use museion_renderer::{
    CullSettings, GpuContext, OffscreenTarget, RenderSettings, Renderer, ViewCamera, wgpu,
};
use museion_scene::{NodeId, Transform, glam::Vec3};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The output size of the `encode` frames.
const VIEWPORT: (u32, u32) = (1920, 1080);

/// How far each cube moves per frame in `instance_upload` (alternating directions).
const NUDGE: f32 = 0.001;

/// The pause after each GPU wait, for a CPU device's threads to wind down.
const SETTLE: Duration = Duration::from_millis(20);

/// The camera of `bench` at `frame`.
fn camera(bench: &BenchScene, frame: u32) -> ViewCamera {
    let pose = bench.camera(frame);
    ViewCamera::look_at(pose.eye, pose.target, bench.fov_y, bench.znear)
}

/// Blocks until the GPU has finished everything submitted, then lets it settle.
fn wait_for_gpu(ctx: &GpuContext) {
    ctx.wait_idle().expect("GPU finished");
    std::thread::sleep(SETTLE);
}

/// A group sized for a workload of `elements` instances, with few samples.
fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
    elements: u32,
    measurement: Duration,
) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(u64::from(elements)));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(measurement);
    group
}

fn reference_culling(c: &mut Criterion, label: &str, bench: &BenchScene, count: u32) {
    let spheres: Vec<[f32; 4]> = bench
        .scene
        .instances()
        .map(|instance| {
            let sphere = instance.bounds.sphere;
            sphere.center.extend(sphere.radius).to_array()
        })
        .collect();
    let camera = camera(bench, 0);
    let settings = CullSettings::default();
    let mut group = group(c, "reference_culling", count, Duration::from_secs(5));
    group.bench_function(label, |b| {
        b.iter(|| {
            let view = CullView::new(&camera, VIEWPORT);
            let visible = spheres
                .iter()
                .filter(|sphere| view.classify(**sphere, &settings, 0.0, 1).is_some())
                .count();
            black_box(visible)
        })
    });
    group.finish();
}

fn instance_upload(
    c: &mut Criterion,
    ctx: &GpuContext,
    renderer: &mut Renderer,
    label: &str,
    bench: &mut BenchScene,
    count: u32,
) {
    // Every root that carries a mesh (the sun's node stays put), with its start transform.
    let scene = &bench.scene;
    let cubes: Vec<(NodeId, Transform)> = scene
        .roots()
        .iter()
        .filter_map(|&id| {
            scene
                .node(id)
                .filter(|n| n.mesh.is_some())
                .and_then(|_| Some((id, *scene.local_transform(id)?)))
        })
        .collect();
    let mut frame = 0u32;
    let mut group = group(c, "instance_upload", count, Duration::from_secs(4));
    // Flat: criterion plans iterations from wall time, which the GPU waits dominate.
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function(label, |b| {
        b.iter_custom(|iters| {
            let mut elapsed = Duration::ZERO;
            for _ in 0..iters {
                // Not timed: the scene edit and its world matrices.
                frame = frame.wrapping_add(1);
                let offset = Vec3::splat(if frame.is_multiple_of(2) { NUDGE } else { -NUDGE });
                for (id, start) in &cubes {
                    let moved = Transform {
                        translation: start.translation + offset,
                        ..*start
                    };
                    bench.scene.set_transform(*id, moved).expect("live node");
                }
                bench.scene.update_transforms();
                // Timed: gathering the instances, diffing, and the staging writes.
                let start = Instant::now();
                let stats = renderer.prepare(ctx, &bench.scene).expect("upload");
                elapsed += start.elapsed();
                black_box(stats);
                // Not timed: the copies into the instance buffers.
                ctx.queue.submit([]);
                wait_for_gpu(ctx);
            }
            elapsed
        })
    });
    group.finish();
}

fn encode(
    c: &mut Criterion,
    ctx: &GpuContext,
    renderer: &mut Renderer,
    label: &str,
    bench: &BenchScene,
    count: u32,
) {
    let target = OffscreenTarget::new(ctx, VIEWPORT.0, VIEWPORT.1, wgpu::TextureFormat::Rgba8UnormSrgb)
        .expect("target");
    let mut frame = 0u32;
    let mut group = group(c, "encode", count, Duration::from_secs(2));
    // Each sample is one frame, with a GPU frame of wall time behind it (about 1 s at 1M).
    group.sample_size(20);
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function(label, |b| {
        b.iter_custom(|iters| {
            let mut elapsed = Duration::ZERO;
            for _ in 0..iters {
                let camera = camera(bench, frame);
                frame = frame.wrapping_add(1);
                let start = Instant::now();
                let info = renderer
                    .render(ctx, &camera, &target.view, target.format(), VIEWPORT)
                    .expect("frame");
                elapsed += start.elapsed();
                black_box(info);
                wait_for_gpu(ctx);
            }
            elapsed
        })
    });
    group.finish();
}

fn culling(c: &mut Criterion) {
    let ctx = GpuContext::new(None).expect("a GPU device (install mesa-vulkan-drivers for lavapipe)");
    let sizes: &[(&str, u32)] = if std::env::var_os("CI").is_some() {
        &[("100k", 100_000)]
    } else {
        &[("100k", 100_000), ("1m", 1_000_000)]
    };
    for &(label, count) in sizes {
        let mut bench = cubes(count);
        reference_culling(c, label, &bench, count);
        // One renderer per scene for both GPU groups (the default: gpu-occlusion, 4× MSAA).
        let mut renderer = Renderer::new(&ctx, RenderSettings::default()).expect("renderer");
        renderer.prepare(&ctx, &bench.scene).expect("upload");
        wait_for_gpu(&ctx);
        instance_upload(c, &ctx, &mut renderer, label, &mut bench, count);
        encode(c, &ctx, &mut renderer, label, &bench, count);
    }
}

criterion_group!(benches, culling);
criterion_main!(benches);

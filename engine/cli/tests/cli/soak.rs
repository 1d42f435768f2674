//! A long headless run of the demo museum: the camera walking its tour, the venue loaded
//! again every few hundred frames as hot reload does, resident memory and the GPU
//! allocator's total sampled as it goes; both must stay flat after warm-up. Not in the
//! default suite (`cargo test -p museion-cli --test cli soak -- --ignored`);
//! `MUSEION_SOAK_FRAMES` (default 50,000), `MUSEION_SOAK_RELOAD` (default 500) and
//! `MUSEION_SOAK_SAMPLE` (default: the reload period) set its length, the reload period
//! and how often memory is sampled.
//!
//! Warm-up is the first [`WARM_UP_RELOADS`] reload periods. Walking alone does not grow
//! memory (without reloads resident memory is flat from frame 1,000); each reload loads
//! the venue while the old one is still alive, as hot reload does to keep the view on
//! screen, and the heap grows over the first few reloads (six on the demo, BENCHMARKS.md)
//! to the high-water mark of two venues at once, freed memory then being reused rather
//! than returned to the system.

use museion::renderer::{GpuContext, OffscreenTarget, RenderSettings, Renderer, ViewCamera, wgpu};
use museion::venue::{self, TourPath};

/// Frames, the reload period and the sampling period, from the environment or the
/// defaults.
fn lengths() -> (u64, u64, u64) {
    let var = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|v| *v > 0)
            .unwrap_or(default)
    };
    let reload = var("MUSEION_SOAK_RELOAD", 500);
    (
        var("MUSEION_SOAK_FRAMES", 50_000),
        reload,
        var("MUSEION_SOAK_SAMPLE", reload),
    )
}

/// Frames the tour is walked at.
const FRAMES_PER_SECOND: f32 = 60.0;

/// Reload periods of warm-up before memory must stay flat.
const WARM_UP_RELOADS: u64 = 10;

/// This process's resident memory, MiB (Linux: /proc/self/statm, in pages).
fn resident_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm is readable");
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("statm's second field is resident pages");
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// The GPU allocator's allocated and reserved bytes (its memory blocks), MiB.
type GpuMib = (f64, f64);

/// The GPU allocator's figures, where the backend reports them.
fn gpu_mib(ctx: &GpuContext) -> Option<GpuMib> {
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    ctx.device
        .generate_allocator_report()
        .map(|r| (mib(r.total_allocated_bytes), mib(r.total_reserved_bytes)))
}

#[test]
#[ignore = "a soak test: 50,000 frames, about ten minutes on lavapipe"]
fn the_demo_walked_for_many_frames_with_reloads_keeps_memory_flat() {
    let (frames, reload_every, sample_every) = lengths();
    let path = museion_testkit::workspace_root().join("assets/demo/venue.toml");
    let mut loaded = venue::load(&path).expect("the demo loads");
    let tour = TourPath::new(&loaded.tours[0]).expect("the demo's first tour");
    let ctx = GpuContext::new(None).unwrap_or_else(|e| panic!("the soak test needs a Vulkan device: {e}"));
    let settings = RenderSettings {
        msaa: 1,
        ..RenderSettings::default()
    };
    let mut renderer = Renderer::new(&ctx, settings).expect("a renderer");
    let (width, height) = (96, 54);
    let target =
        OffscreenTarget::new(&ctx, width, height, wgpu::TextureFormat::Rgba8UnormSrgb).expect("a target");
    let warm_up = (reload_every * WARM_UP_RELOADS).min(frames / 2);
    // Frame, resident MiB, GPU MiB.
    let mut samples: Vec<(u64, f64, Option<GpuMib>)> = Vec::new();
    let started = std::time::Instant::now();
    for frame in 0..frames {
        if frame > 0 && frame % reload_every == 0 {
            loaded = venue::load(&path).expect("the demo loads again");
        }
        if frame > 0 && frame % sample_every == 0 {
            samples.push((frame, resident_mib(), gpu_mib(&ctx)));
        }
        let t = (frame as f32 / FRAMES_PER_SECOND) % tour.duration();
        let pose = tour.sample(t);
        renderer.prepare(&ctx, &loaded.scene).expect("prepare");
        let camera = ViewCamera::look_at(pose.eye, pose.target, 60f32.to_radians(), 0.05);
        renderer
            .render(&ctx, &camera, &target.view, target.format(), (width, height))
            .expect("render");
        if frame % 100 == 99 {
            ctx.wait_idle().expect("the device stays");
        }
    }
    ctx.wait_idle().expect("the device stays");
    samples.push((frames, resident_mib(), gpu_mib(&ctx)));
    eprintln!(
        "soak: {frames} frames at {width}x{height}, a reload every {reload_every}, in {:.0} s; \
         a lap of the tour is {:.0} frames, warm-up {warm_up}",
        started.elapsed().as_secs_f64(),
        tour.duration() * FRAMES_PER_SECOND
    );
    for (frame, rss, gpu) in &samples {
        let gpu = gpu.map_or("(no report)".to_string(), |(allocated, reserved)| {
            format!("{allocated:.1} MiB ({reserved:.1} MiB reserved)")
        });
        eprintln!("soak: frame {frame}: resident {rss:.1} MiB, GPU allocated {gpu}");
    }
    let after: Vec<_> = samples.iter().filter(|s| s.0 >= warm_up).collect();
    let base = after.first().expect("samples after warm-up");
    for (frame, rss, gpu) in &after {
        assert!(
            *rss <= base.1 * 1.05,
            "frame {frame}: resident {rss:.1} MiB, {:.1} MiB after warm-up",
            base.1
        );
        if let (Some(gpu), Some(first)) = (gpu, base.2) {
            assert!(
                gpu.0 <= first.0 * 1.05 && gpu.1 <= first.1 * 1.05,
                "frame {frame}: GPU {gpu:?} MiB (allocated, reserved), {first:?} after warm-up"
            );
        }
    }
}

//! What several benches share: the shared test models, the measuring time, and timing
//! whole frames.

// Each bench uses the parts it needs.
#![allow(dead_code)]

use criterion::BenchmarkGroup;
use criterion::measurement::WallTime;
use museion_renderer::{GpuContext, OffscreenTarget, Renderer, ViewCamera};
use std::path::PathBuf;
use std::time::Duration;

/// A model of `../shared/gltf/` beside the checkout, which must be there.
pub fn shared_model(relative: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/gltf")
        .join(relative);
    assert!(
        path.exists(),
        "test model {} is missing: ../shared/gltf must sit beside the checkout",
        path.display()
    );
    path
}

/// `seconds` of measuring per benchmark, or 5 when `CI` is set.
pub fn measurement_time(seconds: u64) -> Duration {
    Duration::from_secs(if std::env::var_os("CI").is_some() {
        5
    } else {
        seconds
    })
}

/// Benchmarks `id`: one frame of the prepared `renderer` from `camera` into `target`,
/// waited for on the GPU.
pub fn bench_frames(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: String,
    ctx: &GpuContext,
    renderer: &mut Renderer,
    camera: &ViewCamera,
    target: &OffscreenTarget,
) {
    let size = target.size();
    group.bench_function(id, |b| {
        b.iter(|| {
            renderer
                .render(ctx, camera, &target.view, target.format(), size)
                .expect("frame");
            ctx.wait_idle().expect("GPU finished");
        })
    });
}

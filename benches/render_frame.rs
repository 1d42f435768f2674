//! `render_frame`: the time to draw one frame of DamagedHelmet at 1280×720, with 4×
//! MSAA and without, measured to the end of the GPU work (the device is waited on each
//! frame). The device and the uploaded scene are created once.
//!
//! ```text
//! cargo bench -p museion-benches --bench render_frame
//! ```

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use museion_renderer::{GpuContext, OffscreenTarget, RenderSettings, Renderer, ViewCamera, wgpu};
use support::{bench_frames, measurement_time, shared_model};

fn render_frame(c: &mut Criterion) {
    let path = shared_model("DamagedHelmet/DamagedHelmet.gltf");
    let scene = museion_gltf::import(&path).expect("model imports").scene;
    let ctx = GpuContext::new(None).expect("a GPU device (install mesa-vulkan-drivers for lavapipe)");
    let (width, height) = (1280, 720);
    let target =
        OffscreenTarget::new(&ctx, width, height, wgpu::TextureFormat::Rgba8UnormSrgb).expect("target");
    let camera = ViewCamera::frame(
        &scene.stats().bounds,
        40f32.to_radians(),
        width as f32 / height as f32,
    );

    let mut group = c.benchmark_group(format!("render_frame/{}", ctx.info.name));
    group.sample_size(10);
    group.measurement_time(measurement_time(20));
    for msaa in [1, 4] {
        let settings = RenderSettings {
            msaa,
            ..RenderSettings::default()
        };
        let mut renderer = Renderer::new(&ctx, settings).expect("renderer");
        renderer.prepare(&ctx, &scene).expect("upload");
        let id = format!("DamagedHelmet/1280x720/msaa{msaa}");
        bench_frames(&mut group, id, &ctx, &mut renderer, &camera, &target);
    }
    group.finish();
}

criterion_group!(benches, render_frame);
criterion_main!(benches);

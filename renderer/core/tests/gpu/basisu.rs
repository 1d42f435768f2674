//! `KHR_texture_basisu` on the GPU: the ETC1S DamagedHelmet's textures stay BC1 on the
//! device with every mip level of the file, take at most 0.3× the memory of the same
//! textures as RGBA8, and render close to the uncompressed (JPEG) helmet; on a device
//! without BC they are decoded to RGBA8.

use museion_gltf::{BasisTarget, ImportOptions};
use museion_renderer::wgpu;
use museion_renderer::{GpuContext, RenderSettings, Renderer, ViewCamera};
use museion_scene::{ImageId, Scene};
use museion_testkit::shared_model;

const WIDTH: u32 = 320;
const HEIGHT: u32 = 240;
/// Largest mean absolute difference per channel between the two renders, 8-bit steps
/// (measured on lavapipe: 1.21). ETC1S is lossy (28 to 45 dB against the JPEGs) and its
/// mips were filtered by the encoder, not by the renderer's blit.
const MAX_MEAN_ERROR: f64 = 2.0;
/// Largest share of pixels whose worst channel differs by more than 24 steps (measured
/// on lavapipe: 1.3%).
const MAX_SHARE_OFF: f64 = 0.03;
/// GPU texture memory of the BC textures against RGBA8 (the target).
const MAX_MEMORY_RATIO: f64 = 0.3;

fn import(file: &str, target: BasisTarget) -> Scene {
    let options = ImportOptions {
        basis_target: target,
        ..ImportOptions::default()
    };
    museion_gltf::import_with(shared_model(file), &options)
        .expect("the helmet imports")
        .scene
}

/// Renders `scene` from `camera` and returns the image with the renderer (whose GPU
/// scene tells what was uploaded).
fn render(ctx: &GpuContext, scene: &Scene, camera: &ViewCamera) -> (image::RgbaImage, Renderer) {
    let mut settings = RenderSettings::default();
    settings.culling.lod = false;
    let mut renderer = Renderer::new(ctx, settings).unwrap();
    let (image, _) = renderer.render_image(ctx, scene, camera, WIDTH, HEIGHT).unwrap();
    (image, renderer)
}

/// Mean absolute difference per channel and share of pixels off by more than 24.
fn difference(a: &image::RgbaImage, b: &image::RgbaImage) -> (f64, f64) {
    let (mut total, mut off) = (0u64, 0usize);
    for (p, q) in a.pixels().zip(b.pixels()) {
        let d = (0..3).map(|k| p.0[k].abs_diff(q.0[k]));
        total += d.clone().map(u64::from).sum::<u64>();
        off += usize::from(d.max().unwrap_or(0) > 24);
    }
    let pixels = f64::from(a.width() * a.height());
    (total as f64 / (pixels * 3.0), off as f64 / pixels)
}

#[test]
fn etc1s_helmet_stays_bc1_on_the_gpu_and_renders_like_the_jpeg_helmet() {
    let ctx = crate::gpu();
    assert!(
        ctx.has(wgpu::Features::TEXTURE_COMPRESSION_BC),
        "{} lacks TEXTURE_COMPRESSION_BC (lavapipe has it)",
        ctx.adapter_name()
    );
    let basis = import("Compressed/DamagedHelmet_basisu_etc1s.glb", BasisTarget::Bc);
    let jpeg = import("DamagedHelmet/DamagedHelmet.gltf", BasisTarget::Bc);
    let camera = ViewCamera::frame(
        &jpeg.stats().bounds,
        40f32.to_radians(),
        WIDTH as f32 / HEIGHT as f32,
    );
    let (basis_image, basis_renderer) = render(&ctx, &basis, &camera);
    let (jpeg_image, jpeg_renderer) = render(&ctx, &jpeg, &camera);

    for index in 0..basis.images.len() {
        let format = basis_renderer.gpu_scene().image_format(ImageId(index as u32));
        assert_eq!(format, Some(wgpu::TextureFormat::Bc1RgbaUnorm), "image {index}");
    }
    // 5 × 2048² BC1 with 12 levels against 5 × 2048² RGBA8 with 12 levels.
    let bc = basis_renderer.gpu_scene().texture_bytes();
    let rgba8 = jpeg_renderer.gpu_scene().texture_bytes();
    let ratio = bc as f64 / rgba8 as f64;
    println!(
        "DamagedHelmet textures on the GPU: ETC1S as BC1 {bc} bytes, JPEG as RGBA8 {rgba8} bytes, {ratio:.3}×"
    );
    assert!(ratio <= MAX_MEMORY_RATIO, "BC textures take {ratio:.3}× RGBA8");

    let (mean, share) = difference(&basis_image, &jpeg_image);
    println!(
        "ETC1S helmet against the JPEG helmet: mean error {mean:.2}, {:.2}% pixels off",
        share * 100.0
    );
    if mean > MAX_MEAN_ERROR || share > MAX_SHARE_OFF {
        let out = museion_testkit::workspace_root().join("target/golden-failures");
        std::fs::create_dir_all(&out).unwrap();
        basis_image.save(out.join("basisu_etc1s-actual.png")).unwrap();
        jpeg_image.save(out.join("basisu_jpeg-expected.png")).unwrap();
        panic!(
            "mean error {mean:.2} (max {MAX_MEAN_ERROR}), {:.2}% pixels off (max {:.0}%); see {}",
            share * 100.0,
            MAX_SHARE_OFF * 100.0,
            out.display()
        );
    }
}

#[test]
fn uastc_helmet_as_bc7_takes_a_quarter_of_its_rgba8_memory() {
    let ctx = crate::gpu();
    let file = "Compressed/DamagedHelmet_basisu_uastc.glb";
    let mut bytes = Vec::new();
    for target in [BasisTarget::Bc, BasisTarget::Rgba8] {
        let scene = import(file, target);
        // Preparing uploads the textures.
        let mut renderer = Renderer::new(&ctx, RenderSettings::default()).unwrap();
        renderer.prepare(&ctx, &scene).unwrap();
        let expected = match target {
            BasisTarget::Bc => wgpu::TextureFormat::Bc7RgbaUnorm,
            BasisTarget::Rgba8 => wgpu::TextureFormat::Rgba8Unorm,
        };
        for index in 0..scene.images.len() {
            let format = renderer.gpu_scene().image_format(ImageId(index as u32));
            assert_eq!(format, Some(expected), "{target:?}: image {index}");
        }
        bytes.push(renderer.gpu_scene().texture_bytes());
    }
    let ratio = bytes[0] as f64 / bytes[1] as f64;
    println!(
        "UASTC helmet textures on the GPU: BC7 {} bytes, RGBA8 {} bytes, {ratio:.3}×",
        bytes[0], bytes[1]
    );
    assert!(ratio <= MAX_MEMORY_RATIO, "BC7 textures take {ratio:.3}× RGBA8");
}

#[test]
fn a_device_without_bc_gets_the_textures_decoded_to_rgba8() {
    let full = crate::gpu();
    let (device, queue) = pollster::block_on(full.adapter.request_device(&wgpu::DeviceDescriptor {
        label: Some("device without BC"),
        required_limits: full.adapter.limits(),
        ..Default::default()
    }))
    .unwrap();
    let ctx = GpuContext::from_parts(full.instance.clone(), full.adapter.clone(), device, queue).unwrap();
    assert!(!ctx.has(wgpu::Features::TEXTURE_COMPRESSION_BC));
    let scene = import("Compressed/DamagedHelmet_basisu_etc1s.glb", BasisTarget::Bc);
    let mut renderer = Renderer::new(&ctx, RenderSettings::default()).unwrap();
    renderer.prepare(&ctx, &scene).unwrap();
    for index in 0..scene.images.len() {
        let format = renderer.gpu_scene().image_format(ImageId(index as u32));
        assert_eq!(format, Some(wgpu::TextureFormat::Rgba8Unorm), "image {index}");
    }
}

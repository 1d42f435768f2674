//! Golden images of the models in `../shared/gltf/`: each is rendered with the default
//! settings (automatic camera, studio lights, PBR Neutral, 4× MSAA) and compared with a
//! small PNG this project rendered and checked in under `tests/golden/`. A failure
//! writes `<name>-actual.png` and `<name>-diff.png` under `target/golden-failures/`.
//! Run with `MUSEION_UPDATE_GOLDEN=1` to rewrite the references after a deliberate change.

use museion_renderer::{GpuContext, RenderSettings, Renderer, ViewCamera};
use museion_testkit::shared_model as shared;
use std::path::Path;

const WIDTH: u32 = 160;
const HEIGHT: u32 = 120;
/// Largest mean absolute difference per channel, in 8-bit steps.
const MAX_MEAN_ERROR: f64 = 1.5;
/// Largest share of pixels whose worst channel differs by more than `PIXEL_THRESHOLD`.
const MAX_SHARE_OFF: f64 = 0.01;
const PIXEL_THRESHOLD: u8 = 24;

fn render(ctx: &GpuContext, file: &str) -> image::RgbaImage {
    let scene = museion_gltf::import(shared(file)).unwrap().scene;
    let camera = ViewCamera::frame(
        &scene.stats().bounds,
        40f32.to_radians(),
        WIDTH as f32 / HEIGHT as f32,
    );
    // The goldens pin shading at full detail; LOD simplification is tested on its own.
    let mut settings = RenderSettings::default();
    settings.culling.lod = false;
    let mut renderer = Renderer::new(ctx, settings).unwrap();
    renderer
        .render_image(ctx, &scene, &camera, WIDTH, HEIGHT)
        .unwrap()
        .0
}

/// Share of pixels that differ from the background colour: how much of the frame the
/// model fills.
fn coverage(image: &image::RgbaImage) -> f64 {
    let background = RenderSettings::default()
        .background
        .map(|c| (c * 255.0).round() as u8);
    let covered = image
        .pixels()
        .filter(|p| (0..3).any(|k| p.0[k].abs_diff(background[k]) > 3))
        .count();
    covered as f64 / (image.width() * image.height()) as f64
}

fn compare(name: &str, actual: &image::RgbaImage) {
    let golden_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.png"));
    if std::env::var_os("MUSEION_UPDATE_GOLDEN").is_some() {
        actual.save(&golden_path).unwrap();
        return;
    }
    let golden = image::open(&golden_path)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (render it with MUSEION_UPDATE_GOLDEN=1)",
                golden_path.display()
            )
        })
        .to_rgba8();
    assert_eq!(golden.dimensions(), actual.dimensions(), "{name}: size changed");
    let mut total = 0u64;
    let mut off = 0usize;
    let mut diff = image::RgbaImage::new(actual.width(), actual.height());
    for ((a, g), d) in actual.pixels().zip(golden.pixels()).zip(diff.pixels_mut()) {
        let worst = (0..3).map(|k| a.0[k].abs_diff(g.0[k])).max().unwrap_or(0);
        total += (0..3).map(|k| u64::from(a.0[k].abs_diff(g.0[k]))).sum::<u64>();
        if worst > PIXEL_THRESHOLD {
            off += 1;
        }
        let v = worst.saturating_mul(8);
        *d = image::Rgba([v, v, v, 255]);
    }
    let pixels = (actual.width() * actual.height()) as f64;
    let mean = total as f64 / (pixels * 3.0);
    let share = off as f64 / pixels;
    if mean > MAX_MEAN_ERROR || share > MAX_SHARE_OFF {
        let out = museion_testkit::workspace_root().join("target/golden-failures");
        std::fs::create_dir_all(&out).unwrap();
        actual.save(out.join(format!("{name}-actual.png"))).unwrap();
        diff.save(out.join(format!("{name}-diff.png"))).unwrap();
        panic!(
            "{name}: mean error {mean:.2} (max {MAX_MEAN_ERROR}), {:.2}% pixels off (max {:.2}%); see {}",
            share * 100.0,
            MAX_SHARE_OFF * 100.0,
            out.display()
        );
    }
}

fn check(file: &str, name: &str) {
    let ctx = GpuContext::new(None).unwrap_or_else(|e| panic!("golden images need a Vulkan device: {e}"));
    let image = render(&ctx, file);
    let filled = coverage(&image);
    assert!(
        (0.05..0.95).contains(&filled),
        "{name} fills {:.0}% of the frame",
        filled * 100.0
    );
    compare(name, &image);
}

#[test]
fn golden_damaged_helmet() {
    check("DamagedHelmet/DamagedHelmet.gltf", "damaged_helmet");
}

#[test]
fn golden_flight_helmet() {
    check("FlightHelmet/FlightHelmet.gltf", "flight_helmet");
}

#[test]
fn golden_anisotropy_barn_lamp() {
    check(
        "AnisotropyBarnLamp/AnisotropyBarnLamp.gltf",
        "anisotropy_barn_lamp",
    );
}

#[test]
fn golden_fox() {
    check("Fox/Fox.glb", "fox");
}

#[test]
fn golden_morph_stress_test() {
    check("MorphStressTest/MorphStressTest.gltf", "morph_stress_test");
}

#[test]
fn golden_kenney_alien() {
    check("Kenney/alien.glb", "kenney_alien");
}

#[test]
fn golden_kenney_cake() {
    check("Kenney/cakeBirthday.glb", "kenney_cake");
}

#[test]
fn golden_kenney_speeder() {
    check("Kenney/craft_speederD.gltf", "kenney_speeder");
}

#[test]
fn golden_kenney_tile() {
    check("Kenney/tile.glb", "kenney_tile");
}

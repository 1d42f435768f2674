//! `museion render FILE --out PNG`: the screenshot tool.

use anyhow::Context as _;
use museion::camera_spec::CameraSpec;
use museion::options::{parse_color, parse_msaa, parse_size};
use museion::renderer::{GpuContext, RenderSettings, Renderer, Tonemapper};
use museion::scene::gltf;
use std::path::PathBuf;

/// Render a glTF file to a PNG image.
#[derive(clap::Args)]
pub struct Args {
    /// The glTF file (.gltf or .glb).
    file: PathBuf,
    /// Where to write the PNG.
    #[arg(long)]
    out: PathBuf,
    /// Image size, WxH.
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    size: (u32, u32),
    /// `auto` (frame the scene), a glTF camera's name, or eye=x,y,z;target=x,y,z;fov=deg.
    #[arg(long, default_value = "auto")]
    camera: CameraSpec,
    /// Tone mapping: neutral (Khronos PBR Neutral), aces or none.
    #[arg(long, default_value = "neutral")]
    tonemap: Tonemapper,
    /// Exposure compensation in stops.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    exposure: f32,
    /// Samples per pixel: 1 or 4.
    #[arg(long, default_value = "4", value_parser = parse_msaa)]
    msaa: u32,
    /// Background colour r,g,b (sRGB, 0-1 or 0-255).
    #[arg(long, value_parser = parse_color)]
    background: Option<[f32; 3]>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let scene = gltf::import(&args.file)?.scene;
    let ctx = GpuContext::new(None)?;
    let defaults = RenderSettings::default();
    let settings = RenderSettings {
        msaa: args.msaa,
        tonemap: args.tonemap,
        exposure_ev: args.exposure,
        background: args.background.unwrap_or(defaults.background),
        ..defaults
    };
    let mut renderer = Renderer::new(&ctx, settings)?;
    let (width, height) = args.size;
    let camera = args.camera.resolve(&scene, width as f32 / height as f32)?;
    let (image, stats) = renderer.render_image(&ctx, &scene, &camera, width, height)?;
    image
        .save_with_format(&args.out, image::ImageFormat::Png)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    log::info!(
        "{}: {} draws, {} triangles, {}x{} on {}",
        args.out.display(),
        stats.draws,
        stats.triangles,
        width,
        height,
        ctx.adapter_name()
    );
    Ok(())
}

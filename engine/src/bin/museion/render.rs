//! `museion render FILE --out PNG`: the screenshot tool.

use crate::shading::ShadingArgs;
use anyhow::Context as _;
use museion::camera_spec::CameraSpec;
use museion::options::parse_size;
use museion::renderer::{GpuContext, Renderer};
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
    #[command(flatten)]
    shading: ShadingArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let scene = gltf::import(&args.file)?.scene;
    let ctx = GpuContext::new(None)?;
    let settings = args.shading.settings(false);
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

//! Load a glTF file and render it to a PNG, without a window.
//!
//! ```text
//! cargo run -p museion-examples --example headless_screenshot -- model.glb out.png
//! ```

use museion::gltf;
use museion::renderer::{GpuContext, RenderSettings, Renderer, ViewCamera};

fn main() -> anyhow::Result<()> {
    env_logger::init();
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: headless_screenshot MODEL.gltf|MODEL.glb OUT.png");
    };

    // The scene: meshes, materials, textures, lights and cameras from the file.
    let scene = gltf::import(&input)?.scene;

    // The GPU (a discrete GPU if there is one, else integrated, else a CPU device such
    // as lavapipe) and a renderer with the default settings: PBR Neutral, 4× MSAA.
    let ctx = GpuContext::new(None)?;
    let mut renderer = Renderer::new(&ctx, RenderSettings::default())?;

    // A camera that frames the whole scene from a three-quarter view.
    let (width, height) = (1280, 720);
    let camera = ViewCamera::frame(
        &scene.stats().bounds,
        40f32.to_radians(),
        width as f32 / height as f32,
    );

    let (image, stats) = renderer.render_image(&ctx, &scene, &camera, width, height)?;
    image.save(&output)?;
    println!(
        "{output}: {} draws, {} triangles on {}",
        stats.draws,
        stats.triangles,
        ctx.adapter_name()
    );
    Ok(())
}

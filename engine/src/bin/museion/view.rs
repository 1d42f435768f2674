//! `museion view FILE`: a window with an orbit camera.

use crate::shading::ShadingArgs;
use museion::options::{parse_resize, parse_size};
use museion::scene::gltf;
use museion::viewer::{self, ViewerOptions};
use std::path::PathBuf;

/// Open a glTF file in a window: drag to orbit, right-drag to pan, wheel to zoom,
/// F to frame the scene.
#[derive(clap::Args)]
pub struct Args {
    /// The glTF file (.gltf or .glb).
    file: PathBuf,
    /// Window size, WxH.
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    size: (u32, u32),
    #[command(flatten)]
    shading: ShadingArgs,
    /// Close after this many frames (for scripts and tests).
    #[arg(long)]
    frames: Option<u64>,
    /// Resize the window to WxH after frame N: WxH@N (for scripts and tests).
    #[arg(long, value_parser = parse_resize)]
    resize: Option<((u32, u32), u64)>,
    /// Save the last frame as PNG when the window closes.
    #[arg(long)]
    screenshot: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let scene = gltf::import(&args.file)?.scene;
    let settings = args.shading.settings();
    let title = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    viewer::run(
        scene,
        ViewerOptions {
            title,
            size: args.size,
            settings,
            frames: args.frames,
            resize: args.resize,
            screenshot: args.screenshot,
        },
    )?;
    Ok(())
}

//! What several engine tests share: running the `museion` binary (on the command line
//! and in a window), the documented example venue written with stand-in assets, and
//! measures of screenshots.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used, dead_code)]

use museion::scene::glam::Vec3;
use museion::scene::shapes::cuboid;
use museion::scene::{Mesh, Node, Scene};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use museion_testkit::venue::documented_example;

/// Writes the example into `dir` with its assets: `models/bust.glb` as a box 0.6 m
/// high, `art/sunflowers.png` as a striped image. Returns the venue file.
pub fn write_example(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("art")).unwrap();
    std::fs::create_dir_all(dir.join("models")).unwrap();
    image::RgbaImage::from_fn(60, 40, |x, _| {
        if x % 10 < 5 {
            image::Rgba([230, 180, 30, 255])
        } else {
            image::Rgba([40, 90, 30, 255])
        }
    })
    .save(dir.join("art/sunflowers.png"))
    .unwrap();
    let mut scene = Scene::new();
    let block = cuboid(Vec3::new(0.2, 0.3, 0.2));
    let mesh = scene.add_mesh(Mesh::new(Some("bust".into()), vec![block]));
    scene
        .add_node(Node::new().with_name("bust").with_mesh(mesh), None)
        .unwrap();
    museion::gltf::write_glb(&scene, dir.join("models/bust.glb")).unwrap();
    let path = dir.join("venue.toml");
    std::fs::write(&path, documented_example()).unwrap();
    path
}

/// Runs the `museion` binary with `args` and waits for it.
pub fn museion(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_museion"))
        .args(args)
        // The logger's level must not add lines to stderr.
        .env_remove("RUST_LOG")
        .output()
        .expect("the museion binary runs")
}

/// The lines of a run's stderr that start with `error: `.
pub fn error_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(str::to_owned)
        .collect()
}

/// Renders `model` to `out` with `options`, which must succeed, and reads the image.
pub fn render_png(out: &Path, model: &str, options: &[&str]) -> image::RgbaImage {
    let mut args = vec!["render", model, "--out", out.to_str().expect("a UTF-8 path")];
    args.extend_from_slice(options);
    let output = museion(&args);
    assert!(
        output.status.success(),
        "{options:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    image::open(out).expect("the rendered PNG").to_rgba8()
}

/// The viewer under the current display, or under `xvfb-run` when there is none.
pub fn viewer_command() -> Command {
    if std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty()) {
        return Command::new(env!("CARGO_BIN_EXE_museion"));
    }
    let xvfb = Command::new("xvfb-run").arg("--help").output();
    assert!(
        xvfb.is_ok(),
        "no DISPLAY is set and xvfb-run is missing: the viewer test needs a display; \
         install the Debian package xvfb (and mesa-vulkan-drivers), or run under `xvfb-run -a`"
    );
    let mut command = Command::new("xvfb-run");
    command
        .args(["-a", "-s", "-screen 0 1024x768x24"])
        .arg(env!("CARGO_BIN_EXE_museion"));
    command
}

/// Colours after dropping the low four bits of each channel.
pub fn distinct_colours(image: &image::RgbaImage) -> usize {
    let mut colours: Vec<[u8; 3]> = image
        .pixels()
        .map(|p| [p.0[0] / 16, p.0[1] / 16, p.0[2] / 16])
        .collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}

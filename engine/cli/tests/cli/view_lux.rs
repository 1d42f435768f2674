//! `museion view` with the lux overlay (I) and the lighter defaults of a CPU adapter, in a
//! real window (under Xvfb when no display is set).

use crate::support::{museion, viewer_command, write_example};
use museion::renderer::LuxScale;
use std::path::Path;
use std::process::Output;

const SCRIPT: &str = "\
frame 0: key F3 down
frame 1: key F3 up
frame 3: screenshot shaded.png
frame 4: key I down
frame 5: key I up
frame 7: screenshot lux.png
frame 8: quit
";

/// Runs the viewer on the documented example venue with `options`, logging at info.
fn view(dir: &Path, options: &[&str]) -> Output {
    let venue = write_example(&dir.join("venue"));
    let output = viewer_command()
        .env("RUST_LOG", "museion_viewer=info")
        .arg("view")
        .arg(&venue)
        .args(["--size", "480x360", "--no-system-fonts"])
        .args(options)
        .output()
        .expect("run the viewer");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the viewer failed: {stderr}");
    output
}

/// The share of pixels whose colour lies on the conservation scale.
fn share_on_scale(image: &image::RgbaImage) -> f64 {
    let scale = LuxScale::conservation();
    let on = image
        .pixels()
        .filter(|p| {
            scale
                .lux_of([p.0[0], p.0[1], p.0[2]].map(|c| f32::from(c) / 255.0))
                .is_some()
        })
        .count();
    on as f64 / f64::from(image.width() * image.height())
}

#[test]
fn the_lux_overlay_draws_the_false_colour_scale() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let script = dir.path().join("lux.script");
    std::fs::write(&script, SCRIPT).expect("write the script");
    let shots = dir.path().join("shots");
    std::fs::create_dir_all(&shots).expect("screenshot directory");
    let output = view(
        dir.path(),
        &[
            "--script",
            script.to_str().expect("a UTF-8 path"),
            "--screenshot-dir",
            shots.to_str().expect("a UTF-8 path"),
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("viewer: lux overlay on"), "{stderr}");
    assert!(stderr.contains("viewer: lux figures of 3 exhibits"), "{stderr}");
    let open = |name: &str| {
        image::open(shots.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .to_rgba8()
    };
    let (shaded, lux) = (
        share_on_scale(&open("shaded.png")),
        share_on_scale(&open("lux.png")),
    );
    // The view (all but the key hints and the legend) is in the scale's colours; the
    // shaded view hardly touches them.
    assert!(lux > 0.5, "{:.0}% of the overlay is on the scale", lux * 100.0);
    assert!(
        shaded < 0.15,
        "{:.0}% of the shaded view is on the scale",
        shaded * 100.0
    );
}

#[test]
fn a_cpu_adapter_draws_lighter_unless_the_options_say_otherwise() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let stderr = |options: &[&str]| {
        let mut all = vec!["--frames", "2"];
        all.extend_from_slice(options);
        String::from_utf8_lossy(&view(dir.path(), &all).stderr).into_owned()
    };
    let plain = stderr(&[]);
    // The adapter's type is in the viewer's first line about the window.
    let cpu = plain.contains("(Cpu, ");
    let lighter = "is a CPU adapter: lighter defaults";
    if !cpu {
        assert!(!plain.contains(lighter), "{plain}");
        assert!(plain.contains("at render scale 1"), "{plain}");
        return;
    }
    assert!(
        plain.contains(
            "lighter defaults: render scale 0.5, ambient occlusion off, MSAA 1; \
             --render-scale 1 --ao --msaa 4 draw at full quality"
        ),
        "{plain}"
    );
    assert!(plain.contains("at render scale 0.5"), "{plain}");
    let full = stderr(&["--render-scale", "1", "--ao", "--msaa", "4"]);
    assert!(!full.contains(lighter), "{full}");
    assert!(full.contains("at render scale 1"), "{full}");
    let partly = stderr(&["--msaa", "4", "--render-scale", "0.75"]);
    assert!(
        partly.contains("lighter defaults: ambient occlusion off; --ao draw"),
        "{partly}"
    );
    assert!(partly.contains("at render scale 0.75"), "{partly}");
}

#[test]
fn a_render_scale_outside_a_quarter_to_one_is_refused() {
    let output = museion(&["view", "no-such-venue.toml", "--render-scale", "0.1"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("render scale \"0.1\" must be a number from 0.25 to 1"),
        "{stderr}"
    );
}

//! `museion view` in a real window under Xvfb: a few hundred frames, a resize halfway,
//! and a screenshot that shows the model; and without any display, one line of advice.

use crate::support::distinct_colours;
use std::process::Command;

#[test]
fn the_viewer_runs_resizes_and_shows_the_model() {
    let xvfb = Command::new("xvfb-run").arg("--help").output();
    assert!(
        xvfb.is_ok(),
        "the window test needs xvfb-run: install the Debian package xvfb (and mesa-vulkan-drivers)"
    );
    let model = museion_testkit::shared_dir().join("gltf/FlightHelmet/FlightHelmet.gltf");
    assert!(
        model.exists(),
        "{} is missing: ../shared/gltf must sit beside the checkout",
        model.display()
    );
    let dir = tempfile::tempdir().expect("temporary directory");
    let screenshot = dir.path().join("view.png");
    let started = std::time::Instant::now();
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1024x768x24"])
        .arg(env!("CARGO_BIN_EXE_museion"))
        .arg("view")
        .arg(&model)
        .args([
            "--size",
            "240x180",
            "--frames",
            "300",
            "--resize",
            "320x200@100",
            "--screenshot",
        ])
        .arg(&screenshot)
        .output()
        .expect("run xvfb-run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "museion view failed ({:?}): {stderr}",
        output.status
    );
    eprintln!("300 frames in {:.1} s", started.elapsed().as_secs_f64());

    let image = image::open(&screenshot)
        .expect("the screenshot was written")
        .to_rgba8();
    assert_eq!(
        image.dimensions(),
        (320, 200),
        "the screenshot has the size the window was resized to"
    );
    // Not blank: many pixels differ from the background, with a spread of colours.
    let background = image.get_pixel(0, 0).0;
    let covered = image
        .pixels()
        .filter(|p| (0..3).any(|k| p.0[k].abs_diff(background[k]) > 8))
        .count();
    let share = covered as f64 / f64::from(320 * 200);
    assert!(
        share > 0.1 && share < 0.9,
        "the model covers {:.0}% of the screenshot",
        share * 100.0
    );
    let distinct = distinct_colours(&image);
    assert!(distinct > 20, "only {distinct} colours");
}

#[test]
fn the_viewer_adapts_its_exposure_when_asked() {
    let model = museion_testkit::shared_dir().join("gltf/Fox/Fox.glb");
    let dir = tempfile::tempdir().expect("temporary directory");
    let screenshot = dir.path().join("auto.png");
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1024x768x24"])
        .arg(env!("CARGO_BIN_EXE_museion"))
        .arg("view")
        .arg(&model)
        .args([
            "--size",
            "120x90",
            "--frames",
            "60",
            "--auto-exposure",
            "--tonemap",
            "agx",
            "--background",
            "0,0,0",
            "--env-intensity",
            "200",
            "--screenshot",
        ])
        .arg(&screenshot)
        .output()
        .expect("run xvfb-run");
    assert!(
        output.status.success(),
        "museion view --auto-exposure failed ({:?}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let image = image::open(&screenshot)
        .expect("the screenshot was written")
        .to_rgba8();
    // A 200 times brighter environment: scene-referred, every pixel of the fox comes
    // out near white; exposed automatically, they fall back to the mid-tones.
    let fox: Vec<u8> = image
        .pixels()
        .map(|p| p.0[0].max(p.0[1]).max(p.0[2]))
        .filter(|&c| c > 0)
        .collect();
    let mid = fox.iter().filter(|&&c| c < 200).count();
    assert!(
        fox.len() > 100 && mid * 10 > fox.len() * 9,
        "{mid} of {} fox pixels below 200",
        fox.len()
    );
}

#[test]
fn without_a_display_the_viewer_says_what_to_do() {
    let model = museion_testkit::shared_dir().join("gltf/Fox/Fox.glb");
    let output = Command::new(env!("CARGO_BIN_EXE_museion"))
        .arg("view")
        .arg(&model)
        .args(["--allow-dir"])
        .arg(museion_testkit::shared_dir())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env_remove("RUST_LOG")
        .output()
        .expect("the museion binary runs");
    assert_eq!(output.status.code(), Some(1));
    let errors = crate::support::error_lines(&output);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("no display") && errors[0].contains("xvfb-run"),
        "{errors:?}"
    );
    assert!(!errors[0].contains(".rs:"), "no source path: {errors:?}");
}

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

#[test]
fn the_viewer_survives_a_window_of_one_pixel_and_one_of_8k() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let venue = crate::support::write_example(dir.path());
    let shots = dir.path().join("shots");
    std::fs::create_dir(&shots).expect("the screenshot folder");
    let script = dir.path().join("sizes.txt");
    std::fs::write(
        &script,
        "frame 3: resize 1 1\nframe 8: screenshot tiny.png\nframe 10: resize 7680 4320\nframe 14: resize 320 200\nframe 22: screenshot back.png\nframe 23: quit\n",
    )
    .expect("write the script");
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 7680x4320x24"])
        .env("RUST_LOG", "museion_viewer=info,wgpu_core=warn,wgpu_hal=warn")
        .arg(env!("CARGO_BIN_EXE_museion"))
        .arg("view")
        .arg(&venue)
        .args([
            "--size", "240x180", "--gi", "off", "--no-ao", "--msaa", "1", "--script",
        ])
        .arg(&script)
        .arg("--screenshot-dir")
        .arg(&shots)
        .output()
        .expect("run xvfb-run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "museion view failed ({:?}): {stderr}",
        output.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.to_lowercase().contains("validation"), "{stderr}");
    assert!(stderr.contains("asking for a 7680x4320 window"), "{stderr}");
    let tiny = image::open(shots.join("tiny.png"))
        .expect("the 1-pixel frame was saved")
        .to_rgba8();
    assert_eq!(tiny.dimensions(), (1, 1));
    let back = image::open(shots.join("back.png"))
        .expect("the last frame was saved")
        .to_rgba8();
    assert_eq!(back.dimensions(), (320, 200));
    assert!(
        distinct_colours(&back) > 10,
        "the venue is drawn again after the 8K window"
    );
}

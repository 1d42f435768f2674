//! An exported venue behaves as the venue did: `render --tour --time` of the demo's GLB
//! shows the same picture — the guide in the same step of its walk, the kinetic
//! sculpture at the same turn —, `bake` of an export bakes its rooms as the venue's
//! bake does, and an export lights its rooms with the venue's environment file, embedded,
//! wherever it is copied.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::museion;
use std::path::Path;

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Exports `venue` to `glb` with the command line.
fn export(venue: &Path, glb: &Path) {
    let output = museion(&["export", text(venue), "--out", text(glb)]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `render FILE --tour highlights --stop 1 --time SECONDS` at 160×120, without baked
/// light (the demo's bake would dominate the test's time; the bake is compared below).
fn render_stop(file: &Path, seconds: &str, out: &Path) -> image::RgbaImage {
    let args = [
        "render",
        text(file),
        "--tour",
        "highlights",
        "--stop",
        "1",
        "--time",
        seconds,
        "--size",
        "160x120",
        "--gi",
        "off",
        "--out",
        text(out),
    ];
    let output = museion(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    image::open(out).unwrap().into_rgba8()
}

/// The mean absolute difference of two images' colour channels (0–255) and the share
/// of pixels whose largest channel difference is over `off`.
fn difference(a: &image::RgbaImage, b: &image::RgbaImage, off: u8) -> (f64, f64) {
    assert_eq!(a.dimensions(), b.dimensions());
    let (mut sum, mut pixels_off) = (0u64, 0usize);
    for (p, q) in a.pixels().zip(b.pixels()) {
        let d: Vec<u8> = (0..3).map(|c| p.0[c].abs_diff(q.0[c])).collect();
        sum += d.iter().map(|v| u64::from(*v)).sum::<u64>();
        pixels_off += usize::from(d.iter().any(|v| *v > off));
    }
    let n = (a.width() * a.height()) as f64;
    (sum as f64 / (3.0 * n), pixels_off as f64 / n)
}

#[test]
fn the_exported_demo_renders_as_the_venue_at_a_tour_stop_and_time() {
    let demo = museion_testkit::workspace_root().join("assets/demo/venue.toml");
    let dir = tempfile::tempdir().unwrap();
    let glb = dir.path().join("demo.glb");
    export(&demo, &glb);
    // 15 s into the tour the guide stands in the view of stop 1, at the right.
    let venue = render_stop(&demo, "15", &dir.path().join("venue.png"));
    let exported = render_stop(&glb, "15", &dir.path().join("export.png"));
    // The same scene data drawn by the same renderer from the same camera: only float
    // rounding of transforms written as JSON and read back may move an edge by a pixel.
    let (mean, share) = difference(&venue, &exported, 8);
    eprintln!(
        "export vs venue: mean {mean:.4}, {:.3}% of pixels off by more than 8",
        share * 100.0
    );
    assert!(
        mean < 0.5 && share < 0.005,
        "the export's picture differs: mean {mean:.3}, {:.2}% of pixels off",
        share * 100.0
    );
    // The comparison sees the guide: at 0 s it is elsewhere, and the picture changes.
    let earlier = render_stop(&glb, "0", &dir.path().join("earlier.png"));
    let (_, moved) = difference(&exported, &earlier, 8);
    assert!(
        moved > 0.01,
        "the guide is not in view: {:.2}% changed",
        moved * 100.0
    );
}

#[test]
fn an_export_bakes_its_rooms_as_the_venue_does() {
    let dir = tempfile::tempdir().unwrap();
    let venue_path = dir.path().join("venue.toml");
    std::fs::write(&venue_path, crate::gi::VENUE).unwrap();
    let glb = dir.path().join("room.glb");
    export(&venue_path, &glb);

    let original = museion::venue::load(&venue_path).unwrap();
    let loaded = museion::venue::load(&glb).unwrap();
    assert_eq!(loaded.bake, original.bake);
    let quiet = |_: usize, _: usize| {};
    let a = museion::bake::bake(&original, None, &quiet).unwrap();
    let b = museion::bake::bake(&loaded, None, &quiet).unwrap();
    assert_eq!(a.triangles, b.triangles);
    assert_eq!(a.probes.volumes.len(), b.probes.volumes.len());
    for (x, y) in a.probes.volumes.iter().zip(&b.probes.volumes) {
        assert_eq!((&x.room, x.counts, x.first), (&y.room, y.counts, y.first));
        assert!(x.min.abs_diff_eq(y.min, 1e-5) && x.step.abs_diff_eq(y.step, 1e-5));
    }
    // The same light, to the rounding of the geometry read back from the file (the
    // path tracer's rays are seeded per probe, so noise does not differ).
    let largest = a
        .probes
        .probes
        .iter()
        .flat_map(|p| p.0)
        .map(|c| c.abs().max_element())
        .fold(0.0f32, f32::max);
    for (p, q) in a.probes.probes.iter().zip(&b.probes.probes) {
        for (c, d) in p.0.iter().zip(q.0) {
            assert!(c.abs_diff_eq(d, largest * 1e-3), "{c} vs {d}");
        }
    }

    let cache = dir.path().join("cache");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_museion"))
        .args(["bake", text(&glb)])
        .env("MUSEION_CACHE_DIR", &cache)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains(": 150 probes in 1 rooms, 1 reflection cubes of 64² texels, baked on the cpu"),
        "{said}"
    );
}

/// Runs `museion ARGS` with its cache in `cache`, which must succeed.
fn museion_in(cache: &Path, args: &[&str]) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_museion"))
        .args(args)
        .env("MUSEION_CACHE_DIR", cache)
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Writes `dir/sky.hdr`: a warm sky above a dark ground, as a Radiance file.
fn write_sky(dir: &Path) {
    let (width, height) = (32, 16);
    let pixels: Vec<image::Rgb<f32>> = (0..width * height)
        .map(|i| {
            image::Rgb(if i / width < height / 2 {
                [3.0, 2.0, 1.0]
            } else {
                [0.1, 0.1, 0.2]
            })
        })
        .collect();
    let file = std::fs::File::create(dir.join("sky.hdr")).unwrap();
    image::codecs::hdr::HdrEncoder::new(file)
        .encode(&pixels, width, height)
        .unwrap();
}

#[test]
fn an_export_carries_its_file_environment_and_lights_as_the_venue_away_from_it() {
    let dir = tempfile::tempdir().unwrap();
    write_sky(dir.path());
    let venue_path = dir.path().join("venue.toml");
    let with = |environment: &str| crate::gi::VENUE.replace("environment = \"none\"", environment);
    std::fs::write(&venue_path, with("environment = \"sky.hdr\"")).unwrap();
    let cache = dir.path().join("cache");
    let away = dir.path().join("elsewhere");
    std::fs::create_dir(&away).unwrap();
    let glb = away.join("room.glb");
    museion_in(&cache, &["export", text(&venue_path), "--out", text(&glb)]);
    let shot = |file: &Path, out: &Path| {
        let size = [
            "--spawn",
            "door",
            "--size",
            "64x48",
            "--gi",
            "off",
            "--out",
            text(out),
        ];
        museion_in(&cache, &[&["render", text(file)][..], &size[..]].concat());
        image::open(out).unwrap().into_rgba8()
    };
    let venue = shot(&venue_path, &dir.path().join("venue.png"));
    // Away from the file it was made from, the export lights its room with the same
    // texels: the same picture (the same data through the same renderer).
    std::fs::remove_file(dir.path().join("sky.hdr")).unwrap();
    let exported = shot(&glb, &away.join("export.png"));
    let (mean, share) = difference(&venue, &exported, 2);
    assert!(
        mean < 0.1 && share < 0.001,
        "mean {mean}, {:.2}% off",
        share * 100.0
    );
    // And the file's light is what shows: the studio's picture differs.
    std::fs::write(&venue_path, with("environment = \"studio\"")).unwrap();
    let studio = shot(&venue_path, &dir.path().join("studio.png"));
    let (_, lit) = difference(&studio, &exported, 8);
    assert!(
        lit > 0.05,
        "the file's light does not show: {:.2}% differ",
        lit * 100.0
    );
}

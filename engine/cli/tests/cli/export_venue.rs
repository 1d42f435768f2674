//! An exported venue behaves as the venue did: `render --tour --time` of the demo's GLB
//! shows the same picture — the guide in the same step of its walk, the kinetic
//! sculpture at the same turn — and `bake` of an export bakes its rooms as the venue's
//! bake does.

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
    assert!(said.contains(": 150 probes in 1 rooms, baked in"), "{said}");
}

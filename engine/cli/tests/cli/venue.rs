//! `museion export` and `museion render` of venues: the example of
//! docs/venue-format.md exported to a GLB that imports with the same content, and
//! rendered from its spawn and from each stop of its tour.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::{documented_example, error_lines, museion, render_png, write_example};

use museion::gltf;
use museion::scene::Scene;
use museion::venue;
use std::path::{Path, PathBuf};
use std::process::Output;

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The `"exhibit"` object in the extras of the node named by an exhibit's id.
fn exhibit_extras(scene: &Scene, id: &str) -> Option<serde_json::Value> {
    scene
        .nodes()
        .filter_map(|(_, node)| node.extras.as_ref()?.get("exhibit").cloned())
        .find(|exhibit| exhibit.get("id").and_then(|v| v.as_str()) == Some(id))
}

/// Writes the documented example into `dir` and exports it to `dir/museum.glb`: the
/// venue file, the GLB and the export's output.
fn export_example(dir: &Path) -> (PathBuf, PathBuf, Output) {
    let venue_path = write_example(dir);
    let glb = dir.join("museum.glb");
    let output = museion(&["export", text(&venue_path), "--out", text(&glb)]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (venue_path, glb, output)
}

#[test]
fn export_writes_a_glb_with_the_venue_and_its_exhibits() {
    let dir = tempfile::tempdir().unwrap();
    let (venue_path, glb, output) = export_example(dir.path());

    let compiled = venue::load(&venue_path).unwrap();
    let expected = compiled.scene.stats();
    let imported = gltf::import(&glb).unwrap().scene;
    let stats = imported.stats();
    // Besides the venue's nodes: the spawn's camera node, the tour's node and a camera
    // node for each of its three stops.
    assert_eq!(stats.nodes, expected.nodes + 1 + 1 + 3);
    assert_eq!(imported.meshes.len(), compiled.scene.meshes.len());
    assert_eq!(stats.triangles, expected.triangles);
    assert_eq!(imported.lights.len(), compiled.scene.lights.len());
    assert_eq!(imported.lights.len(), 9);
    assert_eq!(imported.images.len(), compiled.scene.images.len());
    let printed = String::from_utf8_lossy(&output.stdout);
    for count in [
        format!("{} nodes", expected.nodes),
        format!("{} triangles", expected.triangles),
        "9 lights".to_owned(),
        "3 exhibits, 1 spawns, 1 tours".to_owned(),
    ] {
        assert!(printed.contains(&count), "{count:?} in {printed:?}");
    }

    for exhibit in &compiled.exhibits {
        let extras = exhibit_extras(&imported, &exhibit.id)
            .unwrap_or_else(|| panic!("no extras for {} in the export", exhibit.id));
        assert_eq!(
            extras.get("title").and_then(|v| v.as_str()),
            exhibit.metadata.title.as_deref(),
            "{}",
            exhibit.id
        );
    }
    let sunflowers = exhibit_extras(&imported, "sunflowers").unwrap();
    assert_eq!(sunflowers["kind"], "artwork");
    assert_eq!(sunflowers["artist"], "A. Painter");

    // The GLB is a venue in its own right, with the same exhibits.
    let again = dir.path().join("again.glb");
    let output = museion(&["export", text(&glb), "--out", text(&again)]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let reloaded = venue::load(&glb).unwrap();
    let ids = |v: &venue::CompiledVenue| {
        let mut ids: Vec<String> = v.exhibits.iter().map(|e| e.id.clone()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&reloaded), ids(&compiled));
}

#[test]
fn export_errors_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let venue_path = write_example(dir.path());
    // The bust's model is a file that does not exist: line and column of the value.
    let broken = documented_example().replace(
        "model = \"models/bust.glb\"\nposition = [6.5",
        "model = \"models/gone.glb\"\nposition = [6.5",
    );
    std::fs::write(&venue_path, &broken).unwrap();
    let line = broken.lines().position(|l| l.contains("gone.glb")).unwrap() + 1;
    let output = museion(&[
        "export",
        text(&venue_path),
        "--out",
        text(&dir.path().join("x.glb")),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let errors = error_lines(&output);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains(&format!("venue.toml:{line}:9")), "{errors:?}");
    // One `error:` per line, at its start: `error: venue.toml:L:C: … hint: …`.
    assert_eq!(errors[0].matches("error:").count(), 1, "{errors:?}");
    assert!(!dir.path().join("x.glb").exists());
}

/// Renders the example with `options` at 96 × 64, one sample per pixel.
fn render(dir: &Path, venue_path: &Path, name: &str, options: &[&str]) -> image::RgbaImage {
    let mut args = vec!["--size", "96x64", "--msaa", "1"];
    args.extend_from_slice(options);
    render_png(&dir.join(name), text(venue_path), &args)
}

/// Mean and standard deviation of the luma, 0 to 1.
fn luma_stats(image: &image::RgbaImage) -> (f32, f32) {
    let luma: Vec<f32> = image
        .pixels()
        .map(|p| (0.2126 * p[0] as f32 + 0.7152 * p[1] as f32 + 0.0722 * p[2] as f32) / 255.0)
        .collect();
    let mean = luma.iter().sum::<f32>() / luma.len() as f32;
    let variance = luma.iter().map(|l| (l - mean).powi(2)).sum::<f32>() / luma.len() as f32;
    (mean, variance.sqrt())
}

/// Mean absolute difference per channel, 0 to 1.
fn difference(a: &image::RgbaImage, b: &image::RgbaImage) -> f32 {
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f32 / a.as_raw().len() as f32 / 255.0
}

#[test]
fn render_shows_the_venue_from_its_spawn_and_every_tour_stop() {
    let dir = tempfile::tempdir().unwrap();
    let venue_path = write_example(dir.path());
    let mut views = vec![(
        "spawn".to_owned(),
        render(dir.path(), &venue_path, "spawn.png", &[]),
    )];
    let named = render(dir.path(), &venue_path, "entrance.png", &["--spawn", "entrance"]);
    assert_eq!(
        difference(&named, &views[0].1),
        0.0,
        "the first spawn is the default"
    );
    for stop in 0..3 {
        let stop = stop.to_string();
        let image = render(
            dir.path(),
            &venue_path,
            &format!("stop{stop}.png"),
            &["--tour", "highlights", "--stop", &stop],
        );
        views.push((format!("stop {stop}"), image));
    }
    for (name, image) in &views {
        assert_eq!(image.dimensions(), (96, 64));
        let (mean, spread) = luma_stats(image);
        // Exposed for the room: neither black nor blown out, and something to see.
        assert!(mean > 0.05 && mean < 0.9, "{name}: mean luma {mean}");
        assert!(spread > 0.02, "{name}: a flat image (spread {spread})");
    }
    for (i, (a, first)) in views.iter().enumerate() {
        for (b, second) in &views[i + 1..] {
            let d = difference(first, second);
            assert!(d > 0.01, "{a} and {b} look the same ({d})");
        }
    }
}

#[test]
fn render_shows_an_exported_venue_from_the_venue_s_spawn_and_tour_stops() {
    let dir = tempfile::tempdir().unwrap();
    let (venue_path, glb, _) = export_example(dir.path());
    let views: [(&str, Vec<&str>); 4] = [
        ("spawn", vec!["--spawn", "entrance"]),
        ("stop0", vec!["--tour", "highlights", "--stop", "0"]),
        ("stop1", vec!["--tour", "highlights", "--stop", "1"]),
        ("stop2", vec!["--tour", "highlights", "--stop", "2"]),
    ];
    let mut pairs = Vec::new();
    for (name, options) in &views {
        let venue_view = render(dir.path(), &venue_path, &format!("{name}-venue.png"), options);
        let export_view = render(dir.path(), &glb, &format!("{name}-glb.png"), options);
        pairs.push((*name, venue_view, export_view));
    }
    // Each view of the export is nearer the venue's view from the same place than any
    // two of the venue's views are to each other: the same place, the same look (the
    // export lacks the rooms' baked indirect light, so not the same pixels).
    for (name, venue_view, export_view) in &pairs {
        let same = difference(venue_view, export_view);
        for (other, other_view, _) in &pairs {
            if other != name {
                let apart = difference(venue_view, other_view);
                assert!(
                    same < apart,
                    "{name}: {same} from the export's view, {apart} from {other}"
                );
            }
        }
    }
}

#[test]
fn render_names_what_a_venue_does_not_have() {
    let dir = tempfile::tempdir().unwrap();
    let venue_path = write_example(dir.path());
    let out = dir.path().join("x.png");
    let cases: [(&[&str], &str); 3] = [
        (&["--spawn", "exit"], "\"entrance\""),
        (&["--tour", "lowlights", "--stop", "0"], "\"highlights\""),
        (&["--tour", "highlights", "--stop", "3"], "3 stops"),
    ];
    for (options, expected) in cases {
        let mut args = vec!["render", text(&venue_path), "--out", text(&out)];
        args.extend_from_slice(options);
        let output = museion(&args);
        assert_eq!(output.status.code(), Some(1), "{options:?}");
        let errors = error_lines(&output);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains(expected), "{options:?}: {errors:?}");
    }
    assert!(!out.exists());
}

//! `museion export VENUE --iiif DIR`: the demo museum's artworks as a IIIF Presentation
//! 3.0 manifest with their images, every canvas labelled in the venue's four languages.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::{error_lines, museion, write_example};
use museion::venue;
use museion_testkit::workspace_root;
use serde_json::Value;
use std::path::Path;

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn the_demo_s_artworks_become_a_iiif_manifest_with_their_images() {
    let dir = tempfile::tempdir().unwrap();
    let demo = workspace_root().join("assets/demo/venue.toml");
    let out = dir.path().join("iiif");
    let base = "https://museum.example.org/demo/";
    let output = museion(&["export", text(&demo), "--iiif", text(&out), "--iiif-base", base]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8_lossy(&output.stdout);

    let venue = venue::load(&demo).unwrap();
    let artworks: Vec<&venue::Exhibit> = venue
        .exhibits
        .iter()
        .filter(|e| e.kind == venue::ExhibitKind::Artwork)
        .collect();
    assert!(artworks.len() > 20, "the demo hangs its paintings");
    assert!(
        printed.contains(&format!("{} canvases", artworks.len())),
        "{printed}"
    );
    let manifest: Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["type"], "Manifest");
    assert_eq!(manifest["id"], format!("{base}manifest.json"));
    let canvases = manifest["items"].as_array().unwrap();
    assert_eq!(canvases.len(), artworks.len());
    for (canvas, artwork) in canvases.iter().zip(&artworks) {
        for language in ["en", "zh-CN", "fr", "de"] {
            assert!(
                canvas["label"][language][0].is_string(),
                "{}: no {language} label in {}",
                artwork.id,
                canvas["label"]
            );
        }
        assert_eq!(
            canvas["label"]["en"][0].as_str(),
            artwork.metadata.title.as_deref()
        );
        let body = &canvas["items"][0]["items"][0]["body"];
        assert_eq!(body["type"], "Image");
        // The image is copied where the body's id says, at the canvas's size.
        let name = body["id"].as_str().unwrap().strip_prefix(base).unwrap();
        let (width, height) = image::image_dimensions(out.join(name)).unwrap();
        assert_eq!(
            (canvas["width"].as_u64(), canvas["height"].as_u64()),
            (Some(width.into()), Some(height.into()))
        );
        assert_eq!(
            canvas["requiredStatement"]["value"]["en"][0].as_str(),
            artwork.metadata.credit_line.as_deref()
        );
    }
    // No GLB was asked for, none is written.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn export_needs_an_output_and_a_web_base() {
    let dir = tempfile::tempdir().unwrap();
    let venue_path = write_example(dir.path());
    let output = museion(&["export", text(&venue_path)]);
    assert_eq!(output.status.code(), Some(2), "neither --out nor --iiif");
    let out = dir.path().join("iiif");
    let output = museion(&[
        "export",
        text(&venue_path),
        "--iiif",
        text(&out),
        "--iiif-base",
        "iiif/",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let errors = error_lines(&output);
    assert!(errors.len() == 1 && errors[0].contains("http://"), "{errors:?}");
    assert!(!out.exists());

    // Both at once, by default ids on localhost.
    let glb = dir.path().join("museum.glb");
    let output = museion(&[
        "export",
        text(&venue_path),
        "--out",
        text(&glb),
        "--iiif",
        text(&out),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(glb.is_file());
    let manifest: Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["id"], "http://localhost:8000/manifest.json");
}

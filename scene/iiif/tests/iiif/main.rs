//! The IIIF manifest of the documented example venue, checked by hand against what IIIF
//! Presentation 3.0 requires of a manifest, its canvases, annotation pages and painting
//! annotations (no schema is downloaded: there is no network), and written into a folder
//! with its images.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

mod presentation3;

use museion_iiif::{CONTEXT, IiifError, Manifest};
use museion_testkit::venue::write_example;
use museion_venue::{self as venue, CompiledVenue};
use presentation3::problems;
use serde_json::json;
use std::path::Path;

const BASE: &str = "https://collection.example.org/little-museum/";

fn example(dir: &Path) -> CompiledVenue {
    venue::load(write_example(dir)).unwrap()
}

#[test]
fn the_example_s_manifest_is_valid_presentation_3_with_a_canvas_per_artwork() {
    let dir = tempfile::tempdir().unwrap();
    for language in [None, Some("en")] {
        let mut venue = example(dir.path());
        venue.language = language.map(str::to_owned);
        let main = language.unwrap_or("none");
        let manifest = Manifest::of_venue(&venue, BASE).unwrap();
        let json = &manifest.json;
        assert_eq!(problems(json), Vec::<String>::new(), "{json:#}");
        assert_eq!(json["@context"], CONTEXT);
        assert_eq!(json["id"], format!("{BASE}manifest.json"));
        assert_eq!(json["label"], json!({ main: ["The Little Museum"] }));

        // One artwork (the bust and the vase are models): its canvas is its image's size.
        assert_eq!(manifest.canvases(), 1);
        let canvas = &json["items"][0];
        assert_eq!(canvas["id"], format!("{BASE}canvas/sunflowers"));
        assert_eq!(
            (canvas["width"].as_u64(), canvas["height"].as_u64()),
            (Some(300), Some(200))
        );
        assert_eq!(
            canvas["label"],
            json!({ main: ["Sunflowers"], "fr": ["Les Tournesols"] })
        );
        assert_eq!(
            canvas["summary"],
            json!({ main: ["Fifteen sunflowers in a vase."] })
        );
        let medium = canvas["metadata"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["label"]["en"] == json!(["Medium"]))
            .unwrap();
        assert_eq!(
            medium["value"],
            json!({ main: ["oil on canvas"], "fr": ["huile sur toile"] })
        );
        assert_eq!(
            medium["label"]["fr"],
            json!(["Technique"]),
            "the venue reads French"
        );
        // "Public domain" is no rights URI: it stays in the metadata.
        assert!(canvas.get("rights").is_none());
        assert_eq!(
            canvas["requiredStatement"]["value"],
            json!({ main: ["Bequest of the founder"] })
        );
        let body = &canvas["items"][0]["items"][0]["body"];
        assert_eq!(body["id"], format!("{BASE}images/sunflowers.png"));
        assert_eq!(body["format"], "image/png");
        assert_eq!(manifest.images[0].name, "images/sunflowers.png");
        assert!(manifest.left_out.is_empty());
    }
}

#[test]
fn a_rights_uri_becomes_the_canvas_rights() {
    let dir = tempfile::tempdir().unwrap();
    let mut venue = example(dir.path());
    let cc0 = "http://creativecommons.org/publicdomain/zero/1.0/";
    let artwork = venue.exhibits.iter_mut().find(|e| e.id == "sunflowers").unwrap();
    artwork.metadata.rights = Some(cc0.into());
    let manifest = Manifest::of_venue(&venue, "http://localhost:8000").unwrap();
    assert_eq!(problems(&manifest.json), Vec::<String>::new());
    assert_eq!(manifest.json["items"][0]["rights"], cc0);
    assert_eq!(manifest.json["id"], "http://localhost:8000/manifest.json");
}

#[test]
fn the_manifest_is_written_with_copies_of_its_images() {
    let dir = tempfile::tempdir().unwrap();
    let venue = example(dir.path());
    let manifest = Manifest::of_venue(&venue, BASE).unwrap();
    let out = dir.path().join("iiif");
    let path = manifest.write(&out, &venue.dependencies).unwrap();
    assert_eq!(path, out.join("manifest.json"));
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(written, manifest.json);
    assert_eq!(
        std::fs::read(out.join("images/sunflowers.png")).unwrap(),
        std::fs::read(dir.path().join("art/sunflowers.png")).unwrap()
    );

    // Into the venue's own folder: beside its files, none replaced.
    manifest.write(dir.path(), &venue.dependencies).unwrap();
    assert!(dir.path().join("manifest.json").is_file());
    assert!(dir.path().join("venue.toml").is_file());

    // A venue that reads a file named like an output is refused before anything is written.
    let mut inputs = venue.dependencies.clone();
    let elsewhere = dir.path().join("elsewhere");
    inputs.push(elsewhere.join("images/sunflowers.png"));
    let refused = manifest.write(&elsewhere, &inputs);
    assert!(matches!(refused, Err(IiifError::Output(_))), "{refused:?}");
    assert!(!elsewhere.exists());
}

#[test]
fn a_bad_base_or_image_is_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let venue = example(dir.path());
    assert!(matches!(
        Manifest::of_venue(&venue, "collection/"),
        Err(IiifError::BadBase { .. })
    ));
    let mut models_only = venue.clone();
    models_only.exhibits.retain(|e| e.id != "sunflowers");
    assert!(matches!(
        Manifest::of_venue(&models_only, BASE),
        Err(IiifError::NoArtworks)
    ));
    std::fs::write(dir.path().join("art/sunflowers.png"), b"not a PNG").unwrap();
    let error = Manifest::of_venue(&venue, BASE).unwrap_err();
    assert!(
        matches!(&error, IiifError::ImageSize { exhibit, .. } if exhibit == "sunflowers"),
        "{error}"
    );
}

/// A change that breaks a manifest.
type Edit = fn(&mut serde_json::Value);

#[test]
fn the_checker_finds_what_presentation_3_forbids() {
    let dir = tempfile::tempdir().unwrap();
    let good = Manifest::of_venue(&example(dir.path()), BASE).unwrap().json;
    let broken = |edit: Edit| {
        let mut json = good.clone();
        edit(&mut json);
        problems(&json)
    };
    let cases: [(Edit, &str); 7] = [
        (|j| j["label"] = json!("Little Museum"), "/label"),
        (|j| j["items"] = json!([]), "/items"),
        (|j| j["items"][0]["height"] = json!(0), "/items/0/height"),
        (
            |j| j["items"][0]["items"][0]["type"] = json!("Page"),
            "/items/0/items/0/type",
        ),
        (
            |j| j["items"][0]["items"][0]["items"][0]["body"]["type"] = json!("Video"),
            "/items/0/items/0/items/0/body/type",
        ),
        (|j| j["id"] = json!("manifest.json"), "/id"),
        (
            |j| j["items"][0]["items"][0]["items"][0]["target"] = json!("https://elsewhere.org/c"),
            "/items/0/items/0/items/0/target",
        ),
    ];
    for (edit, pointer) in cases {
        let found = broken(edit);
        assert!(
            found.iter().any(|p| p.starts_with(pointer)),
            "{pointer}: {found:?}"
        );
    }
}

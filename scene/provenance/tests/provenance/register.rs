//! What a manifest records, and that a venue as registered verifies.

use crate::{Registered, sha256_of};
use museion_provenance::{FORMAT, Manifest, ProvenanceError, SignedManifest, verify};
use museion_venue::FileScope;

#[test]
fn the_manifest_lists_every_file_read_and_every_exhibit_with_its_rights_and_assets() {
    let r = Registered::example();
    let manifest = r.signed.manifest();
    assert_eq!(manifest.format, FORMAT);
    assert_eq!(manifest.venue, "venue.toml");
    let paths: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["art/sunflowers.png", "models/bust.glb", "venue.toml"]);
    for file in &manifest.files {
        let on_disk = r.file(&file.path);
        assert_eq!(file.sha256, sha256_of(&on_disk), "{}", file.path);
        assert_eq!(file.size, std::fs::metadata(&on_disk).unwrap().len());
    }
    let ids: Vec<&str> = manifest.exhibits.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["sunflowers", "bust", "vase"]);
    let sunflowers = manifest.exhibit("sunflowers").unwrap();
    assert_eq!(sunflowers.kind, "artwork");
    assert_eq!(sunflowers.title.as_deref(), Some("Sunflowers"));
    assert_eq!(sunflowers.creator.as_deref(), Some("A. Painter"));
    assert_eq!(sunflowers.accession_number.as_deref(), Some("1924.3"));
    assert_eq!(sunflowers.rights.as_deref(), Some("Public domain"));
    assert_eq!(sunflowers.credit_line.as_deref(), Some("Bequest of the founder"));
    assert_eq!(sunflowers.assets.len(), 1);
    assert_eq!(sunflowers.assets[0].path, "art/sunflowers.png");
    assert_eq!(
        sunflowers.assets[0].sha256,
        sha256_of(&r.file("art/sunflowers.png"))
    );
    let vase = manifest.exhibit("vase").unwrap();
    assert_eq!((vase.kind.as_str(), vase.rights.as_deref()), ("model", None));
    assert_eq!(vase.assets[0].path, "models/bust.glb");
}

#[test]
fn a_venue_as_registered_verifies() {
    let r = Registered::example();
    assert_eq!(r.verify(), []);
    assert!(r.signed.is_signed_by(&r.key.public_key()));
    assert_eq!(r.signed.claimed_signer(), r.key.public_key());
}

#[test]
fn the_manifest_file_is_canonical_and_verifies_in_any_spelling() {
    let r = Registered::example();
    let text = r.signed.to_json().unwrap();
    assert!(
        text.starts_with("{\"manifest\":{\"exhibits\":[{\"accession_number\":\"1924.3\""),
        "{text}"
    );
    assert!(text.ends_with("}}\n") && !text.trim_end().contains('\n'));
    // Pretty-printed, members reordered by a JSON tool: the same manifest, still signed.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pretty = serde_json::to_string_pretty(&value).unwrap();
    let read = SignedManifest::parse(&pretty).unwrap();
    assert_eq!(read.sha256(), r.signed.sha256());
    assert_eq!(read.to_json().unwrap(), text);
    assert_eq!(verify(&r.venue, &read, &r.key.public_key()).unwrap(), []);
}

#[test]
fn the_fingerprint_is_the_sha256_of_the_canonical_manifest() {
    let r = Registered::example();
    let dir = tempfile::tempdir().unwrap();
    let canonical = dir.path().join("canonical.json");
    std::fs::write(&canonical, r.signed.canonical_manifest()).unwrap();
    assert_eq!(r.signed.sha256(), sha256_of(&canonical));
    // Registering the same files again gives the same manifest.
    let again = museion_provenance::register(&r.venue, &r.key).unwrap();
    assert_eq!(again.sha256(), r.signed.sha256());
}

#[test]
fn a_gltf_venue_registers_its_file_and_exhibits_without_assets_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut g = museion_testkit::gltf::Gltf::new();
    let positions = g.positions(&[[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]);
    let mesh = g.push(
        "meshes",
        serde_json::json!({ "primitives": [{ "attributes": { "POSITION": positions } }] }),
    );
    let node = g.push(
        "nodes",
        serde_json::json!({ "mesh": mesh, "extras": { "exhibit": { "id": "shard", "rights": "CC BY 4.0" } } }),
    );
    g.root(node);
    let path = dir.path().join("hall.glb");
    std::fs::write(&path, g.glb()).unwrap();
    let manifest = Manifest::of_venue(&path).unwrap();
    assert_eq!(manifest.venue, "hall.glb");
    assert_eq!(manifest.files.len(), 1);
    let shard = manifest.exhibit("shard").unwrap();
    assert_eq!(shard.rights.as_deref(), Some("CC BY 4.0"));
    assert!(shard.assets.is_empty());
}

#[test]
fn a_file_outside_the_venue_folder_cannot_be_registered() {
    let outer = tempfile::tempdir().unwrap();
    let venue_dir = outer.path().join("venue");
    let venue = museion_testkit::venue::write_example(&venue_dir);
    std::fs::rename(venue_dir.join("art"), outer.path().join("art")).unwrap();
    let text = std::fs::read_to_string(&venue)
        .unwrap()
        .replace("\"art/", "\"../art/");
    std::fs::write(&venue, text).unwrap();
    let scope = FileScope::around(&venue).allow_dir(outer.path());
    let compiled = museion_venue::load_with_scope(&venue, &scope).unwrap();
    let error = Manifest::of_compiled(&venue, &compiled).unwrap_err();
    assert!(
        matches!(&error, ProvenanceError::OutsideVenue { path, .. } if path.ends_with("sunflowers.png")),
        "{error}"
    );
    // Loaded on its own, the venue refuses the file before any manifest is made.
    assert!(matches!(
        Manifest::of_venue(&venue),
        Err(ProvenanceError::Venue(_))
    ));
}

#[test]
fn a_stamp_puts_the_fingerprint_on_the_scene_and_the_asset_hashes_on_each_exhibit() {
    let r = Registered::example();
    let mut compiled = museion_venue::load(&r.venue).unwrap();
    let manifest = Manifest::of_compiled(&r.venue, &compiled).unwrap();
    let fingerprint = manifest.stamp(&mut compiled).unwrap();
    assert_eq!(fingerprint, r.signed.sha256());
    assert_eq!(
        compiled.scene.extras.as_ref().unwrap()["provenance"],
        serde_json::json!({ "format": FORMAT, "venue": "venue.toml", "manifest_sha256": fingerprint })
    );
    for exhibit in &compiled.exhibits {
        let extras = compiled
            .scene
            .node(exhibit.node)
            .unwrap()
            .extras
            .as_ref()
            .unwrap();
        assert_eq!(extras["exhibit"]["id"], exhibit.id.as_str(), "the label stays");
        assert_eq!(extras["provenance"]["id"], exhibit.id.as_str());
        let assets = &manifest.exhibit(&exhibit.id).unwrap().assets;
        assert_eq!(
            extras["provenance"]["assets"],
            serde_json::to_value(assets).unwrap()
        );
    }
    let sunflowers = compiled.exhibits.iter().find(|e| e.id == "sunflowers").unwrap();
    let extras = compiled
        .scene
        .node(sunflowers.node)
        .unwrap()
        .extras
        .clone()
        .unwrap();
    assert_eq!(
        extras["provenance"]["assets"],
        serde_json::json!([{ "path": "art/sunflowers.png", "sha256": sha256_of(&r.file("art/sunflowers.png")) }])
    );
}

//! Exhibit labels as XMP (`KHR_xmp_json_ld`): a venue exported to GLB carries every
//! label as a packet on its exhibit's node and the venue's on the asset; loading the
//! GLB gives the same labels, from the packets alone when the extras are gone; a glTF
//! venue's exhibits take labels from XMP, the extras winning where both give a field.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_testkit::gltf::{Gltf, TRIANGLE, glb};
use museion_testkit::venue::write_example;
use museion_venue::{self as venue, CompiledVenue, DC_NAMESPACE, ExhibitMetadata};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

/// The JSON and binary chunks of a GLB.
fn chunks(bytes: &[u8]) -> (Value, Vec<u8>) {
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let json_len = u32_at(12);
    let json = serde_json::from_slice(&bytes[20..20 + json_len]).unwrap();
    let bin_at = 20 + json_len;
    let bin = bytes[bin_at + 8..bin_at + 8 + u32_at(bin_at)].to_vec();
    (json, bin)
}

/// Each exhibit's label by id.
fn labels(venue: &CompiledVenue) -> BTreeMap<String, ExhibitMetadata> {
    venue
        .exhibits
        .iter()
        .map(|e| (e.id.clone(), e.metadata.clone()))
        .collect()
}

/// Exports `original` to `dir/name.glb`; returns the file's path and its bytes.
fn export(original: &CompiledVenue, dir: &Path, name: &str) -> (std::path::PathBuf, Vec<u8>) {
    let scene = venue::export_scene(original.clone());
    let bytes = museion_gltf::to_glb_bytes(&scene).unwrap();
    let path = dir.join(format!("{name}.glb"));
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

#[test]
fn labels_round_trip_through_xmp_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_example(dir.path());
    for main_language in [None, Some("en")] {
        let mut original = venue::load(&path).unwrap();
        original.language = main_language.map(str::to_owned);
        let (glb_path, bytes) = export(&original, dir.path(), "museum");
        let expected = labels(&original);
        assert!(expected["sunflowers"].translations.contains_key("fr"));
        assert_eq!(labels(&venue::load(&glb_path).unwrap()), expected);

        // What other glTF tools read: the packets, by index from the exhibits' nodes.
        let (mut doc, bin) = chunks(&bytes);
        let packets = doc["extensions"]["KHR_xmp_json_ld"]["packets"].clone();
        let asset = &packets[doc["asset"]["extensions"]["KHR_xmp_json_ld"]["packet"]
            .as_u64()
            .unwrap() as usize];
        assert_eq!(asset["dc:title"]["rdf:_1"]["@value"], "The Little Museum");
        let nodes = doc["nodes"].as_array_mut().unwrap();
        let sunflowers = nodes
            .iter()
            .find(|n| n["extras"]["exhibit"]["id"] == "sunflowers")
            .unwrap();
        let packet = &packets[sunflowers["extensions"]["KHR_xmp_json_ld"]["packet"]
            .as_u64()
            .unwrap() as usize];
        assert_eq!(packet["@context"]["dc"], DC_NAMESPACE);
        assert_eq!(packet["dc:creator"], json!({ "@list": ["A. Painter"] }));
        assert_eq!(packet["dc:rights"]["rdf:_1"]["@language"], "x-default");
        assert_eq!(packet["dc:rights"]["rdf:_1"]["@value"], "Public domain");
        assert_eq!(packet["dc:identifier"], "1924.3");

        // The labels' text taken out of the extras: the packets alone give them back.
        for node in nodes.iter_mut() {
            if let Some(exhibit) = node["extras"]["exhibit"].as_object_mut() {
                exhibit.retain(|key, _| ["id", "kind", "room"].contains(&key.as_str()));
            }
        }
        let bare = dir.path().join("bare.glb");
        std::fs::write(&bare, glb(&serde_json::to_vec(&doc).unwrap(), Some(&bin))).unwrap();
        let loaded = venue::load(&bare).unwrap();
        assert_eq!(labels(&loaded), expected, "main language {main_language:?}");
        assert!(loaded.report.warnings.is_empty(), "{:?}", loaded.report.warnings);

        // Exported again, each labelled exhibit's node keeps one packet with the same
        // label (the vase has no label, so no packet).
        let (_, again) = export(&loaded, dir.path(), "again");
        let (doc, _) = chunks(&again);
        let count = doc["extensions"]["KHR_xmp_json_ld"]["packets"]
            .as_array()
            .unwrap()
            .len();
        let labelled = expected
            .values()
            .filter(|m| **m != ExhibitMetadata::default())
            .count();
        assert_eq!(
            (count, labelled),
            (1 + 2, 2),
            "the venue's packet and the labels'"
        );
    }
}

/// A glTF scene of two triangles: a node `vase` with the given XMP packet on it and the
/// given `extras`, and a node `plinth` with neither.
fn scene_with_packet(packet: Value, extras: Option<Value>) -> Gltf {
    let mut g = Gltf::new();
    let positions = g.positions(&TRIANGLE);
    let indices = g.indices_u16(&[0, 1, 2]);
    let mesh = g.push(
        "meshes",
        json!({ "primitives": [{ "attributes": { "POSITION": positions }, "indices": indices }] }),
    );
    let mut vase = json!({
        "name": "vase",
        "mesh": mesh,
        "extensions": { "KHR_xmp_json_ld": { "packet": 0 } }
    });
    if let Some(extras) = extras {
        vase["extras"] = extras;
    }
    let vase = g.push("nodes", vase);
    let plinth = g.push("nodes", json!({ "name": "plinth", "mesh": mesh }));
    g.root(vase);
    g.root(plinth);
    g.json["extensions"] = json!({ "KHR_xmp_json_ld": { "packets": [packet] } });
    g.json["extensionsUsed"] = json!(["KHR_xmp_json_ld"]);
    g
}

fn foreign_packet() -> Value {
    json!({
        "@context": {
            "dc": DC_NAMESPACE,
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "xmpRights": "http://ns.adobe.com/xap/1.0/rights/"
        },
        "dc:title": { "@type": "rdf:Alt",
            "rdf:_1": { "@language": "en-us", "@value": "Blue Vase" },
            "rdf:_2": { "@language": "de-de", "@value": "Blaue Vase" } },
        "dc:creator": { "@list": ["Workshop of A. Potter"] },
        "xmpRights:UsageTerms": { "@type": "rdf:Alt",
            "rdf:_1": { "@language": "en-us", "@value": "CC BY 4.0" } }
    })
}

#[test]
fn a_plain_gltf_venue_takes_labels_from_xmp() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene_with_packet(foreign_packet(), None).write_gltf(dir.path(), "vase");
    let v = venue::load(&path).unwrap();
    let ids: Vec<&str> = v.exhibits.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["vase"], "the node with a titled packet is an exhibit");
    let m = &v.exhibits[0].metadata;
    assert_eq!(m.title.as_deref(), Some("Blue Vase"));
    assert_eq!(m.label("de-DE").title.as_deref(), Some("Blaue Vase"));
    assert_eq!(m.artist.as_deref(), Some("Workshop of A. Potter"));
    assert_eq!(m.rights.as_deref(), Some("CC BY 4.0"));
    assert!(v.languages.contains(&"de-DE".to_owned()), "{:?}", v.languages);
}

#[test]
fn extras_win_over_xmp_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let extras = json!({ "exhibit": { "title": "Vase (extras)", "date": "1901" } });
    let path = scene_with_packet(foreign_packet(), Some(extras)).write_gltf(dir.path(), "vase");
    let v = venue::load(&path).unwrap();
    let m = &v.exhibits[0].metadata;
    assert_eq!(m.title.as_deref(), Some("Vase (extras)"));
    assert_eq!(m.date.as_deref(), Some("1901"));
    assert_eq!(m.artist.as_deref(), Some("Workshop of A. Potter"));
    assert_eq!(m.label("de-DE").title.as_deref(), Some("Blaue Vase"));
}

#[test]
fn a_packet_of_the_wrong_shape_is_no_label_and_no_error() {
    let dir = tempfile::tempdir().unwrap();
    for packet in [
        json!(["a", "list"]),
        json!({ "@context": { "dc": DC_NAMESPACE }, "dc:title": { "stDim:w": 2 } }),
        json!({ "@context": 7, "dc:title": null }),
    ] {
        let path = scene_with_packet(packet.clone(), None).write_gltf(dir.path(), "odd");
        let v = venue::load(&path).unwrap();
        assert!(v.exhibits.is_empty(), "{packet}");
        let extras = json!({ "exhibit": { "title": "Still a vase" } });
        let path = scene_with_packet(packet.clone(), Some(extras)).write_gltf(dir.path(), "odd");
        let v = venue::load(&path).unwrap();
        assert_eq!(
            v.exhibits[0].metadata.title.as_deref(),
            Some("Still a vase"),
            "{packet}"
        );
    }
}

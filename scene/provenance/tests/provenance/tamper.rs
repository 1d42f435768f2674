//! A registered venue changed one way at a time: each change is reported as the
//! mismatch it is, and nothing else is.

use crate::{Registered, venue_file_changed};
use museion_provenance::{ExhibitField, Mismatch, PrivateKey, SignedManifest, verify};

#[test]
fn one_changed_byte_of_an_image_is_a_changed_file() {
    let r = Registered::example();
    let image = r.file("art/sunflowers.png");
    let mut bytes = std::fs::read(&image).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&image, &bytes).unwrap();
    let mismatches = r.verify();
    let registered = r.signed.manifest().file("art/sunflowers.png").unwrap();
    let changed = mismatches
        .iter()
        .find(|m| matches!(m, Mismatch::ChangedFile { path, .. } if path == "art/sunflowers.png"))
        .unwrap_or_else(|| panic!("{mismatches:?}"));
    let Mismatch::ChangedFile {
        registered: was,
        now,
        registered_size,
        size,
        ..
    } = changed
    else {
        unreachable!()
    };
    assert_eq!((was, registered_size), (&registered.sha256, &registered.size));
    assert_ne!(now, was);
    assert_eq!(size, registered_size);
    // A PNG with a damaged chunk may no longer decode; nothing else is reported.
    assert!(
        mismatches
            .iter()
            .all(|m| m == changed || matches!(m, Mismatch::VenueDoesNotLoad { .. })),
        "{mismatches:?}"
    );
    assert!(
        changed
            .to_string()
            .starts_with("changed file: art/sunflowers.png (sha256 ")
    );
}

#[test]
fn a_removed_file_is_missing_and_the_venue_no_longer_loads() {
    let r = Registered::example();
    std::fs::remove_file(r.file("models/bust.glb")).unwrap();
    let mismatches = r.verify();
    assert_eq!(mismatches.len(), 2, "{mismatches:?}");
    assert_eq!(
        mismatches[0],
        Mismatch::MissingFile {
            path: "models/bust.glb".into()
        }
    );
    let Mismatch::VenueDoesNotLoad { error } = &mismatches[1] else {
        panic!("{mismatches:?}")
    };
    assert!(
        error.contains("models/bust.glb") && !error.contains('\n'),
        "{error}"
    );
    assert_eq!(mismatches[0].to_string(), "missing file: models/bust.glb");
}

#[test]
fn an_added_exhibit_is_reported_by_its_id() {
    let r = Registered::example();
    let text = std::fs::read_to_string(&r.venue).unwrap();
    let added = r#"
[[artworks]]
id = "late addition"
room = "gallery"
wall = 0
offset = 2
width = 0.6
image = "art/sunflowers.png"
"#;
    std::fs::write(&r.venue, text + added).unwrap();
    let mismatches = r.verify();
    assert_eq!(mismatches.len(), 2, "{mismatches:?}");
    assert!(venue_file_changed(&mismatches[0]), "{mismatches:?}");
    assert_eq!(
        mismatches[1],
        Mismatch::AddedExhibit {
            id: "late addition".into()
        }
    );
    assert_eq!(mismatches[1].to_string(), "added exhibit: late addition");
}

#[test]
fn a_removed_exhibit_is_reported_by_its_id() {
    let r = Registered::example();
    // The vase goes; the bust keeps the model, so every file is still read.
    let text = std::fs::read_to_string(&r.venue).unwrap();
    let start = text.find("[[models]]\nid = \"vase\"").unwrap();
    let end = start + text[start..].find("[[lights]]").unwrap();
    std::fs::write(&r.venue, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let mismatches = r.verify();
    assert_eq!(mismatches.len(), 2, "{mismatches:?}");
    assert!(venue_file_changed(&mismatches[0]), "{mismatches:?}");
    assert_eq!(mismatches[1], Mismatch::RemovedExhibit { id: "vase".into() });
}

#[test]
fn changed_rights_name_the_exhibit_the_field_and_both_values() {
    let r = Registered::example();
    r.edit_venue("rights = \"Public domain\"", "rights = \"All rights reserved\"");
    let mismatches = r.verify();
    assert_eq!(mismatches.len(), 2, "{mismatches:?}");
    assert!(venue_file_changed(&mismatches[0]), "{mismatches:?}");
    assert_eq!(
        mismatches[1],
        Mismatch::ChangedExhibit {
            id: "sunflowers".into(),
            field: ExhibitField::Rights,
            registered: Some("Public domain".into()),
            now: Some("All rights reserved".into()),
        }
    );
    assert_eq!(
        mismatches[1].to_string(),
        "changed exhibit: sunflowers: rights \"Public domain\" registered, \"All rights reserved\" now"
    );
}

#[test]
fn a_credit_line_taken_away_and_a_creator_changed_are_each_reported() {
    let r = Registered::example();
    r.edit_venue("credit_line = \"Bequest of the founder\"\n", "");
    r.edit_venue("artist = \"A. Painter\"", "artist = \"B. Painter\"");
    let fields: Vec<(ExhibitField, Option<String>)> = r
        .verify()
        .into_iter()
        .filter_map(|m| match m {
            Mismatch::ChangedExhibit { id, field, now, .. } if id == "sunflowers" => Some((field, now)),
            _ => None,
        })
        .collect();
    assert_eq!(
        fields,
        [
            (ExhibitField::Creator, Some("B. Painter".into())),
            (ExhibitField::CreditLine, None)
        ]
    );
}

#[test]
fn a_new_image_is_an_unregistered_file_and_a_change_of_the_exhibit_s_assets() {
    let r = Registered::example();
    museion_testkit::venue::write_png(&r.file("art/copy.png"), 300, 200);
    r.edit_venue("image = \"art/sunflowers.png\"", "image = \"art/copy.png\"");
    let mismatches = r.verify();
    assert_eq!(mismatches.len(), 3, "{mismatches:?}");
    assert_eq!(
        mismatches[0],
        Mismatch::UnregisteredFile {
            path: "art/copy.png".into()
        }
    );
    assert!(venue_file_changed(&mismatches[1]), "{mismatches:?}");
    assert_eq!(
        mismatches[2],
        Mismatch::ChangedExhibit {
            id: "sunflowers".into(),
            field: ExhibitField::Assets,
            registered: Some("art/sunflowers.png".into()),
            now: Some("art/copy.png".into()),
        }
    );
}

#[test]
fn a_manifest_signed_by_another_key_fails_on_its_signature_alone() {
    let r = Registered::example();
    let stranger = PrivateKey::generate().unwrap();
    let forged = museion_provenance::register(&r.venue, &stranger).unwrap();
    let mismatches = verify(&r.venue, &forged, &r.key.public_key()).unwrap();
    assert_eq!(
        mismatches,
        [Mismatch::BadSignature {
            expected: r.key.public_key().to_hex(),
            claimed: stranger.public_key().to_hex(),
        }]
    );
    assert!(
        mismatches[0]
            .to_string()
            .starts_with("bad signature: the manifest is not signed by key ")
    );
}

#[test]
fn a_manifest_edited_after_signing_fails_its_signature() {
    let r = Registered::example();
    // Someone changes the registered rights in the file, and the venue to match.
    let text = r.signed.to_json().unwrap();
    let edited = text.replace(
        "\"rights\":\"Public domain\"",
        "\"rights\":\"All rights reserved\"",
    );
    assert_ne!(edited, text);
    r.edit_venue("rights = \"Public domain\"", "rights = \"All rights reserved\"");
    let read = SignedManifest::parse(&edited).unwrap();
    let mismatches = verify(&r.venue, &read, &r.key.public_key()).unwrap();
    let key = r.key.public_key().to_hex();
    assert_eq!(
        mismatches[0],
        Mismatch::BadSignature {
            expected: key.clone(),
            claimed: key.clone(),
        }
    );
    assert_eq!(
        mismatches[0].to_string(),
        format!("bad signature: the manifest changed after key {key} signed it")
    );
    // The venue file's bytes changed too, and nothing else.
    assert_eq!(mismatches.len(), 2, "{mismatches:?}");
    assert!(venue_file_changed(&mismatches[1]));
}

#[test]
fn verdicts_name_the_exhibits_a_change_concerns_and_trust_the_rest() {
    use museion_provenance::ExhibitVerdicts;
    let r = Registered::example();
    let image = r.file("art/sunflowers.png");
    let mut bytes = std::fs::read(&image).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&image, &bytes).unwrap();
    let verdicts = ExhibitVerdicts::of(&r.signed, &r.verify());
    let painted: Vec<&str> = r
        .signed
        .manifest()
        .exhibits
        .iter()
        .filter(|e| e.assets.iter().any(|a| a.path == "art/sunflowers.png"))
        .map(|e| e.id.as_str())
        .collect();
    assert!(!painted.is_empty());
    for exhibit in &r.signed.manifest().exhibits {
        let reasons = verdicts.reasons(&exhibit.id);
        if painted.contains(&exhibit.id.as_str()) {
            assert!(
                reasons
                    .iter()
                    .any(|r| r.starts_with("changed file: art/sunflowers.png")),
                "{reasons:?}"
            );
        } else if verdicts.nothing_verified.is_none() {
            assert!(reasons.is_empty(), "{}: {reasons:?}", exhibit.id);
        }
    }
    // Signed by a stranger: nothing can be trusted.
    let stranger = PrivateKey::generate().unwrap();
    let forged = museion_provenance::register(&r.venue, &stranger).unwrap();
    let mismatches = verify(&r.venue, &forged, &r.key.public_key()).unwrap();
    let verdicts = ExhibitVerdicts::of(&forged, &mismatches);
    let first = &forged.manifest().exhibits[0].id;
    assert!(
        verdicts.reasons(first)[0].starts_with("bad signature"),
        "{verdicts:?}"
    );
}

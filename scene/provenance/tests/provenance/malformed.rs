//! Manifests that are not manifests: each a clear, typed error, never a panic.

use crate::Registered;
use museion_provenance::{ProvenanceError, SignedManifest};

fn problem(text: &str) -> String {
    match SignedManifest::parse(text) {
        Err(ProvenanceError::Malformed { problem, .. }) => problem,
        other => panic!("{text:?}: {other:?}"),
    }
}

#[test]
fn a_manifest_cut_short_anywhere_is_malformed_never_a_panic() {
    let r = Registered::example();
    let text = r.signed.to_json().unwrap();
    assert!(problem(&text[..text.len() / 2]).starts_with("not JSON: EOF while parsing"));
    // Every prefix of the file (on character boundaries), the empty one included.
    let mut cuts = 0;
    for cut in (0..text.len() - 1).filter(|&i| text.is_char_boundary(i)) {
        let error = SignedManifest::parse(&text[..cut]).unwrap_err();
        assert!(
            matches!(error, ProvenanceError::Malformed { .. }),
            "{cut}: {error}"
        );
        cuts += 1;
    }
    assert!(cuts > 1000, "{cuts}");
}

#[test]
fn documents_that_are_json_but_no_manifest_say_what_is_wrong() {
    let r = Registered::example();
    let text = r.signed.to_json().unwrap();
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut d = document.clone();
        edit(&mut d);
        d.to_string()
    };
    assert_eq!(problem("[]"), "the document is not a JSON object");
    assert!(
        problem(&with(&|d| {
            d.as_object_mut().unwrap().remove("signature");
        }))
        .contains("unsigned")
    );
    assert!(
        problem(&with(&|d| {
            d.as_object_mut().unwrap().remove("manifest");
        }))
        .contains("no \"manifest\"")
    );
    assert!(problem(&with(&|d| d["comment"] = "hi".into())).contains("unknown member \"comment\""));
    assert!(problem(&with(&|d| d["signature"]["algorithm"] = "rsa".into())).contains("algorithm \"rsa\""));
    assert!(problem(&with(&|d| d["signature"]["value"] = "abcd".into())).contains("4 hex digits where 128"));
    assert!(
        problem(&with(&|d| d["signature"]["public_key"] = 7.into()))
            .contains("public_key\" is missing or not a string")
    );
    assert!(problem(&with(&|d| d["manifest"]["files"][0]["size"] = 1.5.into())).contains("integers"));
    assert!(
        problem(&with(
            &|d| d["manifest"]["files"][0]["path"] = "../../etc/passwd".into()
        ))
        .contains("not a plain relative path")
    );
    assert!(problem(&with(&|d| d["manifest"]["format"] = "museion-provenance/9".into())).contains("format"));
    assert!(problem(&with(&|d| d["manifest"]["exhibits"] = "none".into())).contains("invalid type"));
}

#[test]
fn a_malformed_manifest_file_is_an_error_naming_it() {
    let r = Registered::example();
    let path = museion_provenance::default_manifest_path(&r.venue);
    assert_eq!(path, r.dir.path().join("venue.toml.manifest.json"));
    let text = r.signed.to_json().unwrap();
    std::fs::write(&path, &text[..100]).unwrap();
    let error = SignedManifest::read(&path).unwrap_err().to_string();
    let expected = format!(
        "{}: malformed manifest: not JSON: EOF while parsing",
        path.display()
    );
    assert!(error.starts_with(&expected), "{error}");
}

#[test]
fn a_manifest_file_that_is_not_there_is_a_read_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("venue.toml.manifest.json");
    let error = SignedManifest::read(&path).unwrap_err();
    assert!(
        matches!(&error, ProvenanceError::Read { path: p, .. } if *p == path),
        "{error}"
    );
}

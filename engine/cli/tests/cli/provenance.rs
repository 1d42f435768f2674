//! `museion keygen`, `register` and `verify` run as processes on the demo museum: the
//! registered demo verifies (exit status 0); one changed byte of an image, a removed
//! file, an added exhibit and an artwork's changed rights are each reported as that
//! mismatch (exit status 4, one line each); a manifest signed by another key fails; a
//! cut-short manifest, a private key given as the public one and a key in the way are
//! one `error:` line each (exit status 1); `museion export` carries the registered
//! manifest's fingerprint and every exhibit's asset hashes in the GLB's extras.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::{error_lines, museion};
use museion_cli::demo::{self, DemoOptions};
use museion_provenance::SignedManifest;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

/// The demo museum (small paintings) and the key pair that registered it.
struct Registered {
    demo: tempfile::TempDir,
    keys: tempfile::TempDir,
}

impl Registered {
    fn private_key(&self) -> PathBuf {
        self.keys.path().join("museum.key")
    }

    fn public_key(&self) -> PathBuf {
        self.keys.path().join("museum.key.pub")
    }
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Written, its keys made and registered once, each step through the binary.
fn registered() -> &'static Registered {
    static REGISTERED: OnceLock<Registered> = OnceLock::new();
    REGISTERED.get_or_init(|| {
        let demo = tempfile::tempdir().unwrap();
        let options = DemoOptions {
            long_side_px: 48,
            ..DemoOptions::default()
        };
        demo::write_demo(demo.path(), &options, |_| {}).unwrap();
        let keys = tempfile::tempdir().unwrap();
        let r = Registered { demo, keys };
        let keygen = museion(&["keygen", "--out", text(&r.private_key())]);
        assert!(
            keygen.status.success(),
            "{}",
            String::from_utf8_lossy(&keygen.stderr)
        );
        let venue = r.demo.path().join("venue.toml");
        let register = museion(&["register", text(&venue), "--key", text(&r.private_key())]);
        assert!(
            register.status.success(),
            "{}",
            String::from_utf8_lossy(&register.stderr)
        );
        let manifest = r.demo.path().join("venue.toml.manifest.json");
        let said = String::from_utf8_lossy(&register.stdout).into_owned();
        assert!(
            said.starts_with(&format!(
                "{}: 59 files, 57 exhibits, signed by ",
                manifest.display()
            )),
            "{said}"
        );
        r
    })
}

/// A copy of the registered demo, its manifest with it, to tamper with.
fn copy_of_demo() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(registered().demo.path(), dir.path());
    dir
}

/// `museion verify` on the demo in `dir` with its manifest and the registering key.
fn verify(dir: &Path) -> Output {
    let venue = dir.join("venue.toml");
    let manifest = dir.join("venue.toml.manifest.json");
    let key = registered().public_key();
    museion(&[
        "verify",
        text(&venue),
        "--manifest",
        text(&manifest),
        "--pubkey",
        text(&key),
    ])
}

/// A run that found mismatches: exit status 4, no `error:` line, and one stdout line
/// per mismatch, each starting with its prefix in `expected`.
fn assert_mismatches(output: &Output, expected: &[&str]) -> Vec<String> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{stdout}{stderr}");
    assert!(error_lines(output).is_empty(), "{stderr}");
    let lines: Vec<String> = stdout.lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), expected.len(), "{stdout}");
    for (line, prefix) in lines.iter().zip(expected) {
        assert!(line.starts_with(prefix), "{line:?} should start with {prefix:?}");
    }
    lines
}

/// A run that failed: exit status 1, nothing on stdout, and one `error:` line that
/// contains each of `phrases`.
fn assert_one_error(output: &Output, phrases: &[&str]) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        output.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let errors = error_lines(output);
    assert_eq!(errors.len(), 1, "{stderr}");
    for phrase in phrases {
        assert!(
            errors[0].contains(phrase),
            "{:?} should say {phrase:?}",
            errors[0]
        );
    }
}

/// Replaces the first `from` in the venue file of `dir` with `to`.
fn edit_venue(dir: &Path, from: &str, to: &str) {
    let path = dir.join("venue.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_registered_demo_verifies_and_its_keys_and_manifest_are_as_documented() {
    let r = registered();
    let output = verify(r.demo.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(": valid: 59 files and 57 exhibits as registered in "),
        "{stdout}"
    );
    // The manifest: one line of canonical JSON naming every painting with its rights.
    let manifest = std::fs::read_to_string(r.demo.path().join("venue.toml.manifest.json")).unwrap();
    assert_eq!(manifest.lines().count(), 1);
    assert!(
        manifest.starts_with("{\"manifest\":{\"exhibits\":["),
        "{}",
        &manifest[..80]
    );
    assert!(manifest.contains("{\"path\":\"art/painting-44.jpg\",\"sha256\":\""));
    assert!(manifest.contains("\"rights\":\"© Museion project, CC0\""));
    // The keys: a header line and 64 hex digits each; the private one owner-only.
    let public = std::fs::read_to_string(r.public_key()).unwrap();
    assert!(public.starts_with("museion ed25519 public key\n"), "{public}");
    assert!(
        stdout.trim_end().ends_with(public.lines().nth(1).unwrap()),
        "{stdout}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(r.private_key()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
}

#[test]
fn one_changed_byte_of_one_image_is_a_changed_file() {
    let dir = copy_of_demo();
    let image = dir.path().join("art/painting-03.jpg");
    let mut bytes = std::fs::read(&image).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&image, &bytes).unwrap();
    let lines = assert_mismatches(
        &verify(dir.path()),
        &["changed file: art/painting-03.jpg (sha256 "],
    );
    let size = bytes.len();
    assert!(
        lines[0].ends_with(&format!(", {size} bytes now)")),
        "{}",
        lines[0]
    );
}

#[test]
fn a_removed_file_is_missing_and_the_venue_no_longer_loads() {
    let dir = copy_of_demo();
    std::fs::remove_file(dir.path().join("sculptures/sculpture-05.glb")).unwrap();
    let lines = assert_mismatches(
        &verify(dir.path()),
        &[
            "missing file: sculptures/sculpture-05.glb",
            "venue does not load, its exhibits were not compared: ",
        ],
    );
    assert!(
        lines[1].contains("\"sculptures/sculpture-05.glb\" not found"),
        "{}",
        lines[1]
    );
}

#[test]
fn an_added_exhibit_is_reported_by_its_id() {
    let dir = copy_of_demo();
    let path = dir.path().join("venue.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[[models]]\nid = \"new-acquisition\"\nroom = \"atrium\"\n\
         model = \"sculptures/sculpture-01.glb\"\nposition = [7, 0, 10]\n",
    );
    std::fs::write(&path, text).unwrap();
    assert_mismatches(
        &verify(dir.path()),
        &[
            "changed file: venue.toml (sha256 ",
            "added exhibit: new-acquisition",
        ],
    );
}

#[test]
fn an_artwork_s_changed_rights_name_the_work_and_both_statements() {
    let dir = copy_of_demo();
    edit_venue(
        dir.path(),
        "rights = \"© Museion project, CC0\"",
        "rights = \"All rights reserved\"",
    );
    let lines = assert_mismatches(
        &verify(dir.path()),
        &[
            "changed file: venue.toml (sha256 ",
            "changed exhibit: painting-01: rights ",
        ],
    );
    assert_eq!(
        lines[1],
        "changed exhibit: painting-01: rights \"© Museion project, CC0\" registered, \"All rights reserved\" now"
    );
}

#[test]
fn a_manifest_signed_by_another_key_fails_on_its_signature() {
    let r = registered();
    let dir = copy_of_demo();
    let other = tempfile::tempdir().unwrap();
    let other_key = other.path().join("other.key");
    assert!(museion(&["keygen", "--out", text(&other_key)]).status.success());
    let venue = dir.path().join("venue.toml");
    let manifest = dir.path().join("venue.toml.manifest.json");
    let register = museion(&[
        "register",
        text(&venue),
        "--key",
        text(&other_key),
        "--out",
        text(&manifest),
    ]);
    assert!(
        register.status.success(),
        "{}",
        String::from_utf8_lossy(&register.stderr)
    );
    let lines = assert_mismatches(
        &verify(dir.path()),
        &["bad signature: the manifest is not signed by key "],
    );
    let trusted = std::fs::read_to_string(r.public_key()).unwrap();
    let signer = std::fs::read_to_string(other.path().join("other.key.pub")).unwrap();
    let hex = |file: &str| file.lines().nth(1).unwrap().to_owned();
    assert_eq!(
        lines[0],
        format!(
            "bad signature: the manifest is not signed by key {} (it names key {})",
            hex(&trusted),
            hex(&signer)
        )
    );
}

#[test]
fn a_cut_short_or_malformed_manifest_is_one_error_line() {
    let dir = copy_of_demo();
    let manifest = dir.path().join("venue.toml.manifest.json");
    let text_of = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, &text_of[..text_of.len() / 2]).unwrap();
    assert_one_error(
        &verify(dir.path()),
        &[text(&manifest), "malformed manifest: not JSON: EOF while parsing"],
    );
    std::fs::write(
        &manifest,
        "{\"manifest\": {\"format\": \"museion-provenance/1\"}}",
    )
    .unwrap();
    assert_one_error(
        &verify(dir.path()),
        &["malformed manifest: there is no \"signature\" member"],
    );
}

#[test]
fn keys_given_in_the_wrong_place_or_in_the_way_are_one_error_line() {
    let r = registered();
    let venue = r.demo.path().join("venue.toml");
    let as_public = museion(&["verify", text(&venue), "--pubkey", text(&r.private_key())]);
    assert_one_error(
        &as_public,
        &["not a Museion public key", "it is a private key file"],
    );
    let before = std::fs::read(r.private_key()).unwrap();
    let again = museion(&["keygen", "--out", text(&r.private_key())]);
    assert_one_error(&again, &["museum.key exists already", "never overwritten"]);
    assert_eq!(std::fs::read(r.private_key()).unwrap(), before);
}

#[test]
fn a_manifest_never_replaces_a_file_the_venue_reads() {
    let r = registered();
    let dir = copy_of_demo();
    let venue = dir.path().join("venue.toml");
    let image = dir.path().join("art/painting-01.jpg");
    let before = std::fs::read(&image).unwrap();
    let output = museion(&[
        "register",
        text(&venue),
        "--key",
        text(&r.private_key()),
        "--out",
        text(&image),
    ]);
    assert_one_error(&output, &["refusing to write", "painting-01.jpg"]);
    assert_eq!(std::fs::read(&image).unwrap(), before);
}

/// The JSON chunk of the GLB at `path`.
fn glb_json(path: &Path) -> serde_json::Value {
    let bytes = std::fs::read(path).unwrap();
    let length = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    serde_json::from_slice(&bytes[20..20 + length]).unwrap()
}

#[test]
fn an_export_carries_the_registered_fingerprint_and_every_exhibit_s_asset_hashes() {
    let r = registered();
    let venue = r.demo.path().join("venue.toml");
    let out = tempfile::tempdir().unwrap();
    let glb = out.path().join("demo.glb");
    let output = museion(&["export", text(&venue), "--out", text(&glb)]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let signed = SignedManifest::read(r.demo.path().join("venue.toml.manifest.json")).unwrap();
    let fingerprint = signed.sha256();
    assert!(
        String::from_utf8_lossy(&output.stdout).contains(&format!(", manifest sha256 {fingerprint}")),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let document = glb_json(&glb);
    assert_eq!(
        document["scenes"][0]["extras"]["provenance"],
        serde_json::json!({
            "format": "museion-provenance/1",
            "venue": "venue.toml",
            "manifest_sha256": fingerprint,
        })
    );
    let stamped: Vec<&serde_json::Value> = document["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|node| node["extras"].get("provenance"))
        .collect();
    assert_eq!(stamped.len(), signed.manifest().exhibits.len());
    for exhibit in &signed.manifest().exhibits {
        let carried = stamped
            .iter()
            .find(|p| p["id"] == exhibit.id.as_str())
            .unwrap_or_else(|| panic!("{} is not in the export", exhibit.id));
        assert_eq!(
            carried["assets"],
            serde_json::to_value(&exhibit.assets).unwrap(),
            "{}",
            exhibit.id
        );
        assert!(!exhibit.assets.is_empty(), "{}", exhibit.id);
    }
}

#[test]
fn a_venue_reading_outside_its_folder_exports_without_provenance_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    museion_testkit::venue::write_png(&dir.path().join("shared/art.png"), 60, 40);
    let venue = dir.path().join("museum/venue.toml");
    std::fs::create_dir_all(venue.parent().unwrap()).unwrap();
    std::fs::write(
        &venue,
        "[[rooms]]\nid = \"room\"\nfloor = [[0, 0], [6, 0], [6, 5], [0, 5]]\n\n\
         [[artworks]]\nid = \"loan\"\nroom = \"room\"\nwall = 0\noffset = 3\nwidth = 1\nimage = \"../shared/art.png\"\n",
    )
    .unwrap();
    let glb = dir.path().join("museum.glb");
    let output = museion(&[
        "export",
        text(&venue),
        "--out",
        text(&glb),
        "--allow-dir",
        text(&dir.path().join("shared")),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: the export carries no provenance: ")
            && stderr.contains("outside the venue's folder"),
        "{stderr}"
    );
    let document = glb_json(&glb);
    assert!(document["scenes"][0]["extras"].get("provenance").is_none());
}

#[test]
fn the_viewer_marks_the_works_that_no_longer_match_their_manifest() {
    let dir = copy_of_demo();
    let view = |dir: &Path| {
        let output = crate::support::viewer_command()
            .env("RUST_LOG", "museion_viewer=info")
            .arg("view")
            .arg(dir.join("venue.toml"))
            .args([
                "--size",
                "160x120",
                "--msaa",
                "1",
                "--no-shadows",
                "--no-ao",
                "--gi",
                "off",
                "--frames",
                "2",
            ])
            .args(["--verify", "--pubkey", text(&registered().public_key())])
            .output()
            .expect("run the viewer");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        stderr
    };
    let stderr = view(dir.path());
    assert!(
        stderr.contains("viewer: provenance: 0 of 57 exhibits unverified"),
        "{stderr}"
    );
    edit_venue(
        dir.path(),
        "rights = \"© Museion project, CC0\"",
        "rights = \"All rights reserved\"",
    );
    let stderr = view(dir.path());
    assert!(
        stderr.contains("viewer: provenance: 1 of 57 exhibits unverified"),
        "{stderr}"
    );
}

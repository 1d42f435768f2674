//! The command line never reads outside what the user opened and never destroys an
//! input: `render` and `export` refuse an output that is one of their inputs or named
//! for another format (unless `--force`), leaving the input byte for byte as it was; a
//! model or venue that names a file outside its folder fails with one `error:` line
//! naming it, unless `--allow-dir` allows that folder.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use crate::support::{error_lines, museion, write_example};
use museion_testkit::gltf::triangle;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Output;

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Asserts a failed run: exit status 1, one `error:` line containing every phrase.
#[track_caller]
fn assert_refused(output: &Output, phrases: &[&str]) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let errors = error_lines(output);
    assert_eq!(errors.len(), 1, "{stderr}");
    for phrase in phrases {
        assert!(errors[0].contains(phrase), "lacks {phrase:?}: {}", errors[0]);
    }
}

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn outputs_that_would_replace_an_input_are_refused_and_the_inputs_stay_whole() {
    let dir = tempfile::tempdir().unwrap();
    let venue = write_example(dir.path());
    let model = dir.path().join("models/bust.glb");
    let before = snapshot(dir.path());
    let painting = dir.path().join("art/sunflowers.png");
    let venue_again = dir.path().join("models/../venue.toml");
    let toml_out = dir.path().join("museum.toml");
    let cases: [(&[&str], &[&str]); 5] = [
        (
            &["render", text(&model), "--out", text(&model)],
            &["refusing to write", "bust.glb", "--force"],
        ),
        (
            &["export", text(&venue), "--out", text(&venue)],
            &["refusing to write", "venue.toml"],
        ),
        (
            &["export", text(&venue), "--out", text(&painting)],
            &["refusing to write", "sunflowers.png", "which this run reads"],
        ),
        (
            &["render", text(&venue), "--out", text(&venue_again)],
            &["refusing to write", "venue.toml"],
        ),
        (
            &["export", text(&venue), "--out", text(&toml_out)],
            &["GLB data", "museum.toml", "does not end in .glb"],
        ),
    ];
    for (args, phrases) in cases {
        assert_refused(&museion(args), phrases);
        assert_eq!(snapshot(dir.path()), before, "{args:?} changed a file");
    }
    let wrong_name = dir.path().join("view.jpg");
    assert_refused(
        &museion(&[
            "render",
            text(&venue),
            "--size",
            "64x48",
            "--out",
            text(&wrong_name),
        ]),
        &["PNG data", "view.jpg", "does not end in .png"],
    );
    assert!(!wrong_name.exists());
    // --force writes where it is told, whole.
    let output = museion(&[
        "render",
        text(&venue),
        "--size",
        "64x48",
        "--out",
        text(&wrong_name),
        "--force",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // PNG data, whatever the name says.
    let written = std::fs::read(&wrong_name).unwrap();
    assert_eq!(image::guess_format(&written).ok(), Some(image::ImageFormat::Png));
    assert!(image::load_from_memory(&written).is_ok());
}

/// `dir/museum/piece.gltf`, a triangle whose buffer is `../secret.bin`, valid data.
fn model_reaching_out(dir: &Path) -> PathBuf {
    let g = triangle();
    std::fs::write(dir.join("secret.bin"), &g.bin).unwrap();
    let mut document = g.json.clone();
    document["buffers"] = json!([{ "byteLength": g.bin.len(), "uri": "../secret.bin" }]);
    std::fs::create_dir_all(dir.join("museum")).unwrap();
    let path = dir.join("museum/piece.gltf");
    std::fs::write(&path, document.to_string()).unwrap();
    path
}

#[test]
fn files_outside_the_opened_file_s_folder_are_not_read_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_reaching_out(dir.path());
    let glb = dir.path().join("museum/piece.glb");
    let png = dir.path().join("museum/piece.png");
    for args in [
        vec!["inspect", text(&model)],
        vec!["render", text(&model), "--size", "64x48", "--out", text(&png)],
        vec!["export", text(&model), "--out", text(&glb)],
    ] {
        assert_refused(&museion(&args), &["secret.bin", "outside", "--allow-dir"]);
    }
    assert!(!glb.exists() && !png.exists());
    let allowed = text(dir.path());
    let output = museion(&["inspect", text(&model), "--allow-dir", allowed]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = museion(&[
        "export",
        text(&model),
        "--out",
        text(&glb),
        "--allow-dir",
        allowed,
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(glb.is_file());
}

#[test]
fn a_venue_naming_an_absolute_path_fails_with_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let venue = write_example(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("secret.png");
    std::fs::copy(dir.path().join("art/sunflowers.png"), &secret).unwrap();
    let text_before = std::fs::read_to_string(&venue).unwrap();
    std::fs::write(&venue, text_before.replace("art/sunflowers.png", text(&secret))).unwrap();
    let glb = dir.path().join("museum.glb");
    let output = museion(&["export", text(&venue), "--out", text(&glb)]);
    assert_refused(&output, &["secret.png", "outside the folders", "--allow-dir"]);
    assert!(!glb.exists());
}

//! A venue reads only files in its own folder (and folders allowed besides): an image,
//! a model, an environment or a file a model names that leads outside is an error at the
//! value naming it, even when the file is there and valid.

// A failed unwrap in a test is a failed test.
#![allow(clippy::unwrap_used)]

use museion_testkit::gltf::triangle;
use museion_testkit::venue as common;
use museion_venue::{self as venue, FileScope, VenueError};
use serde_json::json;
use std::path::{Path, PathBuf};

// Two rooms side by side; an artwork and a model follow with the paths of each case.
use super::errors::ROOMS;

fn artwork(image: &str) -> String {
    format!(
        "{ROOMS}\n[[artworks]]\nid = \"bather\"\nroom = \"gallery\"\nwall = 0\noffset = 3\nwidth = 1\nimage = {image:?}\n"
    )
}

fn model(model: &str) -> String {
    format!(
        "{ROOMS}\n[[models]]\nid = \"bust\"\nroom = \"atrium\"\nmodel = {model:?}\nposition = [3, 0, 2]\n"
    )
}

/// A folder with `museum/` (where venues are written, with a valid `bust.glb` and
/// `art.png`) and, outside it, a valid `secret.png`, `secret.glb` and `secret.hdr`.
struct Disk {
    dir: tempfile::TempDir,
}

impl Disk {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let museum = dir.path().join("museum");
        common::write_png(&museum.join("art.png"), 200, 100);
        common::write_pyramid(&museum.join("bust.glb"));
        common::write_png(&dir.path().join("secret.png"), 200, 100);
        common::write_pyramid(&dir.path().join("secret.glb"));
        std::fs::write(dir.path().join("secret.hdr"), b"#?RADIANCE\n").unwrap();
        Self { dir }
    }

    fn museum(&self) -> PathBuf {
        self.dir.path().join("museum")
    }

    fn venue(&self, text: &str) -> PathBuf {
        let path = self.museum().join("venue.toml");
        std::fs::write(&path, text).unwrap();
        path
    }
}

#[track_caller]
fn assert_outside(result: Result<venue::CompiledVenue, VenueError>, line: usize, named: &str) {
    let e = match result {
        Ok(_) => panic!("a file outside the venue's folder ({named}) was read"),
        Err(e) => e,
    };
    let text = e.to_string();
    assert_eq!(e.position().map(|p| p.line), Some(line), "{text}");
    assert!(
        text.contains(named) && text.contains("outside the folders"),
        "{text}"
    );
    assert!(e.hint().is_some_and(|h| h.contains("--allow-dir")), "{text}");
}

#[test]
fn images_models_and_environments_outside_the_folder_are_refused() {
    let disk = Disk::new();
    let secret = |name: &str| disk.dir.path().join(name).to_str().unwrap().to_owned();
    // The `image = …` line is the artwork's eighth, after the seven lines of rooms.
    for image in ["../secret.png", &secret("secret.png"), "art/../../secret.png"] {
        assert_outside(venue::load(disk.venue(&artwork(image))), 15, "secret.png");
    }
    for path in ["../secret.glb", &secret("secret.glb")] {
        assert_outside(venue::load(disk.venue(&model(path))), 12, "secret.glb");
    }
    let environment = format!("[venue]\nenvironment = \"../secret.hdr\"\n\n{ROOMS}");
    assert_outside(venue::load(disk.venue(&environment)), 2, "secret.hdr");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_folder_is_refused() {
    let disk = Disk::new();
    std::os::unix::fs::symlink(
        disk.dir.path().join("secret.png"),
        disk.museum().join("linked.png"),
    )
    .unwrap();
    assert_outside(venue::load(disk.venue(&artwork("linked.png"))), 15, "secret.png");
}

/// A model inside the venue's folder whose buffer is `uri`.
fn model_with_buffer(dir: &Path, uri: &str) {
    let g = triangle();
    let mut document = g.json.clone();
    document["buffers"] = json!([{ "byteLength": g.bin.len(), "uri": uri }]);
    std::fs::create_dir_all(dir.join("models")).unwrap();
    std::fs::write(dir.join("models/piece.gltf"), document.to_string()).unwrap();
}

#[test]
fn the_files_a_model_names_are_held_to_the_venue_s_folder() {
    let disk = Disk::new();
    std::fs::write(disk.dir.path().join("secret.bin"), &triangle().bin).unwrap();
    std::fs::create_dir_all(disk.museum().join("data")).unwrap();
    std::fs::write(disk.museum().join("data/piece.bin"), &triangle().bin).unwrap();
    // Up out of `models/` but still in the venue's folder: fine.
    model_with_buffer(&disk.museum(), "../data/piece.bin");
    let compiled = venue::load(disk.venue(&model("models/piece.gltf"))).unwrap();
    assert!(compiled.dependencies.iter().any(|d| d.ends_with("piece.bin")));
    // Up out of the venue's folder: refused, at the model's line.
    model_with_buffer(&disk.museum(), "../../secret.bin");
    let e = venue::load(disk.venue(&model("models/piece.gltf"))).unwrap_err();
    let text = e.to_string();
    assert_eq!(e.position().map(|p| p.line), Some(12), "{text}");
    assert!(
        text.contains("secret.bin") && text.contains("leads outside"),
        "{text}"
    );
}

#[test]
fn an_allowed_folder_lets_the_venue_read_there() {
    let disk = Disk::new();
    let path = disk.venue(&artwork("../secret.png"));
    let scope = FileScope::around(&path).allow_dir(disk.dir.path());
    let compiled = venue::load_with_scope(&path, &scope).unwrap();
    assert_eq!(compiled.exhibits.len(), 1);
    let anywhere = venue::load_with_scope(&path, &FileScope::anywhere());
    assert!(anywhere.is_ok());
}

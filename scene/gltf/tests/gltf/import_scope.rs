//! The files a glTF document names stay in its folder: a buffer or image URI that leads
//! outside — through `..`, its percent-encoded form, an absolute path or a symbolic
//! link — is refused with an error naming it, unless the import's scope allows that
//! folder. Each forbidden file holds valid data, so only the scope can refuse it.

use crate::support::*;
use museion_gltf::{self as gltf, Error, FileScope, ImportOptions};
use serde_json::json;
use std::path::{Path, PathBuf};

/// `dir/secret.bin` (the triangle's buffer, so reading it would import cleanly) and
/// `dir/secret.png`, beside the folder `dir/museum` the documents are written in.
struct Disk {
    dir: tempfile::TempDir,
}

impl Disk {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir_all(dir.path().join("museum")).expect("museum folder");
        std::fs::write(dir.path().join("secret.bin"), &triangle().bin).expect("secret.bin");
        std::fs::write(dir.path().join("secret.png"), png(2, 2)).expect("secret.png");
        Self { dir }
    }

    fn museum(&self) -> PathBuf {
        self.dir.path().join("museum")
    }

    /// The triangle with its buffer at `uri`, written as `museum/<name>.gltf`.
    fn triangle_with_buffer(&self, uri: &str, name: &str) -> PathBuf {
        let g = triangle();
        let mut document = g.json.clone();
        document["buffers"] = json!([{ "byteLength": g.bin.len(), "uri": uri }]);
        let path = self.museum().join(format!("{name}.gltf"));
        std::fs::write(&path, document.to_string()).expect("write the document");
        path
    }
}

fn assert_outside(result: Result<gltf::Imported, Error>, pointer: &str, named: &str) {
    match result {
        Err(e @ Error::Outside { .. }) => {
            assert_eq!(e.location().map(|l| l.pointer.as_str()), Some(pointer), "{e}");
            let text = e.to_string();
            assert!(text.contains(named) && text.contains("--allow-dir"), "{text}");
        }
        Err(other) => panic!("expected an error for leaving the folder, got: {other}"),
        Ok(_) => panic!("a URI leading to {named} outside the folder was read"),
    }
}

#[test]
fn buffer_uris_that_lead_outside_the_folder_are_refused() {
    let disk = Disk::new();
    let secret = disk.dir.path().join("secret.bin");
    let absolute = secret.to_str().expect("a UTF-8 path").to_owned();
    for (name, uri) in [
        ("dotdot", "../secret.bin"),
        ("encoded", "%2e%2e/secret.bin"),
        ("encoded_slash", "%2E%2E%2Fsecret.bin"),
        ("deeper", "sub/../../secret.bin"),
        ("absolute", absolute.as_str()),
    ] {
        let path = disk.triangle_with_buffer(uri, name);
        assert_outside(gltf::import(&path), "/buffers/0", "secret.bin");
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_folder_is_refused() {
    let disk = Disk::new();
    let museum = disk.museum();
    std::os::unix::fs::symlink(disk.dir.path().join("secret.bin"), museum.join("model.bin"))
        .expect("link the buffer");
    std::os::unix::fs::symlink(disk.dir.path(), museum.join("up")).expect("link a folder");
    assert_outside(
        gltf::import(disk.triangle_with_buffer("model.bin", "linked_file")),
        "/buffers/0",
        "secret.bin",
    );
    assert_outside(
        gltf::import(disk.triangle_with_buffer("up/secret.bin", "linked_folder")),
        "/buffers/0",
        "secret.bin",
    );
}

#[test]
fn image_uris_that_lead_outside_are_refused() {
    let disk = Disk::new();
    let g = triangle();
    let mut document = g.json.clone();
    document["buffers"] = json!([{ "byteLength": g.bin.len(), "uri": "model.bin" }]);
    document["images"] = json!([{ "uri": "../secret.png" }]);
    document["textures"] = json!([{ "source": 0 }]);
    document["materials"] = json!([{ "pbrMetallicRoughness": { "baseColorTexture": { "index": 0 } } }]);
    document["meshes"][0]["primitives"][0]["material"] = json!(0);
    std::fs::write(disk.museum().join("model.bin"), &g.bin).expect("model.bin");
    let path = disk.museum().join("with_image.gltf");
    std::fs::write(&path, document.to_string()).expect("document");
    assert_outside(gltf::import(&path), "/images/0", "secret.png");
}

#[test]
fn an_allowed_folder_or_no_confinement_lets_the_file_be_read() {
    let disk = Disk::new();
    let path = disk.triangle_with_buffer("../secret.bin", "allowed");
    let allowed = ImportOptions {
        scope: Some(FileScope::around(&path).allow_dir(disk.dir.path())),
        ..ImportOptions::default()
    };
    let imported = gltf::import_with(&path, &allowed).expect("the allowed folder is read");
    assert_eq!(imported.scene.meshes.len(), 1);
    let anywhere = ImportOptions {
        scope: Some(FileScope::anywhere()),
        ..ImportOptions::default()
    };
    assert!(gltf::import_with(&path, &anywhere).is_ok());
    // Files inside the folder, below it, are read as before.
    std::fs::create_dir_all(disk.museum().join("data")).expect("data folder");
    std::fs::write(disk.museum().join("data/model.bin"), &triangle().bin).expect("buffer");
    let inside = disk.triangle_with_buffer("data/../data/model.bin", "inside");
    assert!(gltf::import(&inside).is_ok());
}

#[test]
fn a_document_in_memory_reads_only_below_its_base_folder() {
    let disk = Disk::new();
    let g = triangle();
    let mut document = g.json.clone();
    document["buffers"] = json!([{ "byteLength": g.bin.len(), "uri": "../secret.bin" }]);
    let text = document.to_string();
    let base: &Path = &disk.museum();
    let result = gltf::import_slice(
        text.as_bytes(),
        "memory.gltf",
        Some(base),
        &ImportOptions::default(),
    );
    assert_outside(result, "/buffers/0", "secret.bin");
}

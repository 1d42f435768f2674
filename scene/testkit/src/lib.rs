//! museion-testkit: test data the tests of several Museion crates build (not published).
//!
//! - [`gltf`]: small glTF documents built in code (JSON plus one binary buffer), written
//!   as `.gltf` with an external `.bin`, with a data URI, or as `.glb`.
//! - [`venue`]: the documented example venue with stand-in assets, and ray casts
//!   against a compiled scene.
//! - [`module_graph`]: the import graph of a crate's top-level modules, and its cycles
//!   (a test here checks every crate of the workspace).
//! - Where the checkout and the shared test data beside it are.

pub mod gltf;
pub mod module_graph;
pub mod venue;

use std::path::PathBuf;

/// The root of the workspace (the folder with the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    // This crate lives in `scene/testkit`.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared test data beside the checkout (`../shared`): real glTF models made by
/// others in `gltf/`, environments in `environments/`. Tests read it in place; it is
/// never copied into the repository.
pub fn shared_dir() -> PathBuf {
    workspace_root().join("../shared")
}

/// The shared glTF model at `relative` (`"Fox/glTF-Binary/Fox.glb"`) in
/// `../shared/gltf/`. A test that needs one fails (never skips) when it is missing.
pub fn shared_model(relative: &str) -> PathBuf {
    let path = shared_dir().join("gltf").join(relative);
    assert!(
        path.is_file(),
        "test model {} not found: ../shared/gltf must sit beside the checkout (the shared test \
         models are read in place, never copied into the repository)",
        path.display()
    );
    path
}

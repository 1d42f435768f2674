//! The glTF documents the importer tests build (from `museion-testkit`), and importing
//! them.

pub use museion_testkit::gltf::*;

/// Imports `g` with its buffers embedded as data URIs; a failure fails the test.
pub fn import(g: &Gltf) -> museion_gltf::Imported {
    museion_gltf::import_slice(
        g.embedded().as_bytes(),
        "test.gltf",
        None,
        &museion_gltf::ImportOptions::default(),
    )
    .expect("the generated file imports")
}

/// The first primitive of the first mesh.
pub fn first_primitive(imported: &museion_gltf::Imported) -> &museion_scene::Primitive {
    &imported.scene.meshes[0].primitives[0]
}

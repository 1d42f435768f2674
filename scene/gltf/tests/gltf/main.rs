//! glTF import and export: small documents built in code for every feature and every
//! kind of error (`import_*`), compressed and quantized variants of the shared models
//! (`import_compressed`), `KHR_texture_basisu` on the compressed helmets (`basisu`),
//! the real third-party models in `../shared/gltf/` (`shared_models`), and export →
//! import round trips (`export`). One test binary, so
//! the suite links once.

mod basisu;
mod export;
mod import_animation_pointer;
mod import_compressed;
mod import_errors;
mod import_geometry;
mod import_influences;
mod import_material_extensions;
mod import_materials;
mod import_scene;
mod import_scope;
mod import_valid;
mod import_xmp;
mod shared_models;
mod support;

//! Materials of a venue: the project's library (procedural textures) and the file's own.

mod layers;
mod library;
mod noise;
mod patterns;
mod resolve;

pub(crate) use layers::varnish;
pub use library::library_material_names;
pub(crate) use resolve::Materials;

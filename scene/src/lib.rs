//! museion-scene: the CPU side of Museion's world.
//!
//! - A scene graph ([`Scene`], [`Node`]) with stable handles, TRS transforms and cached
//!   world matrices that refresh lazily.
//! - Meshes, materials, textures, lights, cameras, skins and animations as plain data.
//! - Bounds ([`Aabb`], [`Sphere`]) and a [`Frustum`] with the sphere and box tests that
//!   are the reference for the GPU culling core.
//! - A complete glTF 2.0 importer ([`gltf::import`]) that turns `.gltf` and `.glb`
//!   files into a [`Scene`], with a typed [`Error`] naming the file and JSON pointer of
//!   anything wrong.
//!
//! This crate has no GPU dependency.
//!
//! ```no_run
//! let imported = museion_scene::gltf::import("model.glb")?;
//! for instance in imported.scene.instances() {
//!     println!("{:?} at {:?}", instance.mesh, instance.bounds.aabb);
//! }
//! # Ok::<(), museion_scene::Error>(())
//! ```

mod animation;
mod bounds;
mod camera;
pub mod collision;
mod error;
mod frustum;
pub mod gltf;
pub mod gltf_export;
mod ids;
mod instances;
mod light;
pub mod lod;
mod material;
mod mesh;
mod node;
pub mod procedural;
mod scene;
mod scene_append;
mod texture;
mod transform;
pub mod venue;

pub use animation::{Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, Skin};
pub use bounds::{Aabb, Bounds, Sphere, max_axis_scale};
pub use camera::{Camera, Projection};
pub use collision::{BodyKind, ColliderShape, ColliderSpec, VisitorSettings};
pub use error::{Error, Location, Result};
pub use frustum::Frustum;
pub use ids::{
    AnimationId, CameraId, ImageId, LightId, MaterialId, MeshId, NodeId, SamplerId, SkinId, TextureId,
};
pub use instances::{MeshInstance, SceneStats};
pub use light::{Light, LightKind};
pub use material::{AlphaMode, ColorSpace, Material, TextureRef, TextureTransform};
pub use mesh::{Mesh, MorphTarget, Primitive, Topology};
pub use node::Node;
pub use scene::Scene;
pub use texture::{Filter, Image, ImageSourceFormat, MinFilter, Sampler, Texture, WrapMode};
pub use transform::Transform;

/// Re-exported so users name the same glam as this crate.
pub use glam;

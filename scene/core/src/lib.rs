//! museion-scene: the core of Museion's CPU-side world, with no file format and no GPU.
//!
//! - A scene graph ([`Scene`], [`Node`]) with stable handles, TRS transforms and cached
//!   world matrices that refresh lazily; revisions that tell a renderer what changed.
//! - Meshes, materials, textures, lights, cameras, skins and animations as plain data;
//!   images as RGBA8 or, for Basis Universal textures (`KHR_texture_basisu`) transcoded
//!   at import, as BCn blocks with their mip chain ([`CompressedImage`]);
//!   MikkTSpace [`tangents`], levels of detail ([`lod`]) and primitive [`shapes`].
//! - Bounds ([`Aabb`], [`Sphere`]) and a [`Frustum`] with the sphere and box tests that
//!   are the reference for the GPU culling core; the [`instances`](Scene::instances) a
//!   renderer draws.
//! - What venues compile to beside the scene: [`collision`] shapes for physics and the
//!   [`EnvironmentChoice`] a renderer lights it with.
//! - Material variants (`KHR_materials_variants`): [`Scene::variant_names`],
//!   [`Scene::select_variant`].
//! - XMP metadata (`KHR_xmp_json_ld`) of the file, nodes, meshes, materials and images:
//!   [`XmpPacket`], read with [`xmp_texts`].
//!
//! Files are read by the crates beside this one: `museion-gltf` (glTF 2.0 import and
//! export) and `museion-venue` (venue files); procedural scenes come from
//! `museion-procedural` and `museion-art`.
//!
//! ```
//! use museion_scene::{Mesh, Node, Scene, shapes};
//! use museion_scene::glam::Vec3;
//!
//! let mut scene = Scene::new();
//! let mesh = scene.add_mesh(Mesh::new(None, vec![shapes::cuboid(Vec3::splat(0.5))]));
//! scene.add_node(Node::new().with_mesh(mesh), None)?;
//! assert_eq!(scene.stats().triangles, 12);
//! # Ok::<(), museion_scene::Error>(())
//! ```

mod animation;
mod animation_pointer;
mod block_format;
mod bounds;
mod camera;
pub mod collision;
pub mod compressed_image;
mod deform_bounds;
mod environment;
mod error;
mod frustum;
mod ids;
mod instances;
mod joint_palettes;
mod light;
pub mod lod;
mod material;
mod mesh;
mod node;
pub mod probes;
mod raycast;
pub mod reflections;
mod scene;
mod scene_append;
mod scene_palettes;
mod scene_pointer;
mod scene_variants;
pub mod shapes;
mod skinning;
pub mod tangents;
mod texture;
mod transform;
mod transform_writer;
mod variants;
mod world_cache;
mod xmp;

pub use animation::{Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, Skin};
pub use animation_pointer::{
    CameraProperty, LightProperty, MaterialProperty, PointerChannel, PointerTarget, TextureTransformPart,
};
pub use bounds::{Aabb, Bounds, Sphere, max_axis_scale};
pub use camera::{Camera, Projection};
pub use collision::{BodyKind, ColliderShape, ColliderSpec, VisitorSettings};
pub use compressed_image::{BlockFormat, CompressedImage};
pub use deform_bounds::DeformBounds;
pub use environment::{EnvironmentChoice, EnvironmentSource};
pub use error::{Error, Result};
pub use frustum::Frustum;
pub use ids::{
    AnimationId, CameraId, ImageId, LightId, MaterialId, MeshId, NodeId, PalettesId, SamplerId, SkinId,
    TextureId,
};
pub use instances::{MeshInstance, SceneStats};
pub use joint_palettes::JointPalettes;
pub use light::{Light, LightKind};
pub use material::{
    AlphaMode, Anisotropy, Clearcoat, ColorSpace, DEFAULT_IOR, Iridescence, Material, Sheen, Specular,
    TEXTURE_SLOT_COUNT, TextureRef, TextureTransform, Transmission, Volume,
};
pub use mesh::{Mesh, MorphTarget, Primitive, Topology};
pub use node::Node;
pub use probes::{IrradianceProbes, ProbeVolume, RoomMap, ShIrradiance};
pub use raycast::TriangleHit;
pub use reflections::{ReflectionProbe, ReflectionProbes};
pub use scene::Scene;
pub use scene_append::AssetOffsets;
pub use skinning::DeformedVertices;
pub use texture::{Filter, Image, ImageData, ImageSourceFormat, MinFilter, Sampler, Texture, WrapMode};
pub use transform::Transform;
pub use transform_writer::TransformWriter;
pub use variants::{MaterialVariants, VariantMapping};
pub use xmp::{RDF_NAMESPACE, XmpPacket, XmpText, xmp_alternative, xmp_texts};

/// Re-exported so users name the same glam as this crate.
pub use glam;

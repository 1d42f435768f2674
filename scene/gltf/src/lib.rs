//! museion-gltf: glTF 2.0 in and out of a Museion [`Scene`](museion_scene::Scene).
//!
//! # Import
//!
//! [`import`]: `.gltf` (with external files or data URIs) and `.glb` into a
//! [`Scene`](museion_scene::Scene).
//!
//! The importer reads the JSON document with the `gltf` crate's data model and does
//! everything else itself: the GLB container, URIs, bounds-checked accessor reads,
//! conversion to Museion's types, and validation with errors that name the file and
//! the JSON pointer of the problem. Images are decoded in parallel with the meshes.
//! Nothing in a malformed file makes it panic, and every allocation is bounded by the
//! size of the input or by [`ImportLimits`].
//!
//! What the glTF Validator calls valid loads: a number such as `1.0` where an integer
//! is expected is that integer; a buffer is read only when a view something uses needs
//! it, and an image only when a texture refers to it (so one without data, missing, or
//! on a server is an error only when used; resources on a server are never fetched);
//! a `data:` URI without `;base64` holds its percent-encoded bytes (RFC 2397); a light
//! of a type other than directional, point or spot is skipped with a warning; an
//! `EXT_texture_webp` or `KHR_texture_basisu` object without a `source` leaves the core
//! source in use.
//!
//! Skins read up to eight influences a vertex (`JOINTS_0`/`WEIGHTS_0` and
//! `JOINTS_1`/`WEIGHTS_1`); weights that do not sum to 1 (within the glTF Validator's
//! 2e-3) are normalised over both sets, with one warning per primitive.
//!
//! `KHR_animation_pointer` channels, which the `gltf` crate's data model cannot hold,
//! are taken out of the JSON before it is parsed. A pointer to a node's translation,
//! rotation, scale or weights becomes an ordinary channel; one to a material factor,
//! a texture slot's `KHR_texture_transform`, a `KHR_lights_punctual` light or a camera a
//! [`PointerChannel`](museion_scene::PointerChannel). A pointer that names anything
//! else, an object that does not exist or a property it lacks, or whose sampler has the
//! wrong number of components, is a [`Warning`] naming it; its channel is dropped.
//!
//! `KHR_xmp_json_ld` metadata is kept as read: the packet of the `asset` in
//! [`Scene::asset_xmp`](museion_scene::Scene::asset_xmp), those of nodes, meshes,
//! materials and images in their `xmp` fields (a packet shared by several objects is
//! copied to each). A packet that is not a JSON object, a reference that is not the
//! index of one, or an extension object of the wrong shape is a [`Warning`], and the
//! object has no packet.
//!
//! Compressed and quantized geometry:
//! - `KHR_draco_mesh_compression`: a primitive's attributes and indices are decoded from
//!   its Draco stream (with the pure-Rust `draco-core`) into the layout its accessors
//!   declare. Draco re-indexes vertices, so the accessors' counts are the decoded ones.
//!   A stream that cannot be decoded is an [`Error::Draco`], unless the extension is
//!   only used, not required, and every accessor has a `bufferView`: then the
//!   uncompressed data is read, with a warning.
//! - `EXT_meshopt_compression` and `KHR_meshopt_compression` (the ratified form, which
//!   adds the `COLOR` filter and version 1 of the vertex codec): a buffer view with the
//!   extension is decoded with meshoptimizer (modes `ATTRIBUTES`, `TRIANGLES`,
//!   `INDICES`; filters `OCTAHEDRAL`, `QUATERNION`, `EXPONENTIAL`, `COLOR`) when
//!   something first reads it, vertex data and animation tracks alike; a malformed
//!   stream is an [`Error::Meshopt`]. The view's own buffer, the fallback, is never
//!   read.
//! - `KHR_mesh_quantization`: positions, normals, tangents, texture coordinates and
//!   animation outputs stored as (normalized) 8- and 16-bit integers.
//!
//! Decoded sizes are checked against the accessors and buffer views before anything is
//! copied ([`Error::DecodedSize`]), and charged to [`ImportLimits::max_geometry_bytes`]
//! before they are allocated.
//! Images: PNG, JPEG, WebP (`EXT_texture_webp`) and KTX 2.0, uncompressed or Basis
//! Universal (`KHR_texture_basisu`, ETC1S/BasisLZ and UASTC). A Basis texture is
//! transcoded at import, with every mip level the file stores, to BCn blocks that stay
//! compressed on the GPU (UASTC to BC7; ETC1S to BC1, BC3 with alpha, BC5 for red-green
//! data), or to RGBA8 with [`BasisTarget::Rgba8`] or when its size is not a multiple of
//! 4. A texture with both prefers the KTX2 image and falls back to its core `source`
//! only when the KTX2 cannot be used; a fallback not needed is not read.
//!
//! # Export
//!
//! [`write_glb`] and [`to_glb_bytes`]: a [`Scene`](museion_scene::Scene) written as one
//! self-contained `.glb` that other glTF tools open, and that [`import`] reads back.
//!
//! What is written:
//! - the live nodes, numbered densely in arena order (removed nodes leave no gaps), with
//!   names, extras, translation/rotation/scale and children; the scene's roots, name and
//!   extras as the document's one scene (a scene without nodes is written as a document
//!   without scenes, since common readers refuse a scene without `nodes`);
//! - every mesh with its name, extras and default morph weights; every primitive with
//!   `POSITION` (with `min`/`max`), `NORMAL`, `TANGENT`, `TEXCOORD_0/1`, `COLOR_0`,
//!   `JOINTS_0`, `WEIGHTS_0`, `JOINTS_1`, `WEIGHTS_1` where present, indices (`UNSIGNED_SHORT` when every index
//!   is below 65535, else `UNSIGNED_INT`), the mode of its [`Topology`](museion_scene::Topology),
//!   its material and its morph targets;
//! - every material field: metallic-roughness factors and textures, normal (with scale),
//!   occlusion (with strength) and emissive textures with their UV sets,
//!   `KHR_texture_transform` on slots whose transform is not the identity, alpha mode and
//!   cutoff, double-sidedness, `KHR_materials_emissive_strength` when the strength is not
//!   1 and `KHR_materials_unlit`. An emissive factor above 1 is scaled into [0, 1] and the
//!   strength up by as much; other factors outside [0, 1] are clamped with a warning;
//! - every image as PNG encoded from its decoded RGBA8 pixels (RGB when fully opaque; a
//!   block-compressed image decoded from its level 0), in
//!   the binary chunk, whatever format it was read from, so texels read back exactly; all
//!   samplers; every texture with an image (one whose image could not be decoded at
//!   import is left out with the slots using it, which draw as empty anyway: glTF allows
//!   a texture without `source`, but common readers refuse it);
//! - XMP packets (`KHR_xmp_json_ld`) of the asset, nodes, meshes, materials and images,
//!   each distinct packet once in the document's `packets`, referred to by index;
//! - lights through `KHR_lights_punctual` in its units (lux, candela; a colour brighter
//!   than 1 moves into the intensity), `castShadows: false` in the light's extras as the
//!   importer reads it; perspective and orthographic cameras;
//! - skins and animations where they map cleanly onto glTF. Otherwise the part is left
//!   out with a `log::warn!` naming it: a skin without joints, with a removed or repeated
//!   joint or with a matrix count other than its joint count (and nodes lose a skin
//!   their mesh cannot use: no `JOINTS_0`/`WEIGHTS_0`, or joint indices past the skin's
//!   joints); an animation channel whose node was removed, whose sampler is missing,
//!   which repeats another channel's target, which weights morph targets its node's mesh
//!   does not have, or whose keys glTF cannot hold (none, times not finite, negative or
//!   not strictly increasing, a cubic spline of one key, values that do not fit the
//!   property or are not finite); an animation left with no channel. Primitives without
//!   vertices or indices, which draw nothing, are left out the same way;
//! - pointer channels as `KHR_animation_pointer` channels, with the pointers the importer
//!   reads (see [`animation_pointer`]); the material parts they drive are written even at
//!   their defaults (an identity texture transform, emissive strength 1, ior 1.5,
//!   dispersion 0), since a pointer must name a property whose object is present. A
//!   pointer channel whose property the document would not hold (an empty or unwritten
//!   texture slot, a missing extension, a light's or camera's optional value that is
//!   unset), which repeats another's pointer or whose keys do not fit is left out with a
//!   warning.
//!
//! `extensionsUsed` lists exactly the extensions the document uses; none is required, as
//! each has a core fallback. Numbers are written as the shortest decimal that reads back
//! as the same `f32`. The container is a 12-byte header, a JSON chunk padded with spaces
//! and a binary chunk padded with zeros; every buffer view starts on a 4-byte boundary.
//!
//! Scenes that glTF cannot represent fail with an [`ExportError`]: references to missing
//! objects, per-vertex arrays of the wrong length, indices past the vertex count, NaN or
//! infinite numbers, impossible lights or cameras, pixel buffers of the wrong size.
//!
//! ```no_run
//! let imported = museion_gltf::import("venue.gltf")?;
//! museion_gltf::write_glb(&imported.scene, "venue.glb")?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod export;
mod files;
mod import;
mod pointer;

pub use error::{Error, Location, Result};
pub use export::{Attachment, ExportError, GENERATOR, to_glb_bytes, to_glb_bytes_with, write_glb};
pub use files::external_files;
pub use import::{
    BasisTarget, DocumentCounts, ImportLimits, ImportOptions, ImportReport, Imported, SUPPORTED_EXTENSIONS,
    Warning, glb_buffer_view, import, import_slice, import_with,
};
/// The folders a file's URIs may name files in (see [`ImportOptions::scope`]).
pub use museion_files::{FileScope, ScopeError};
pub use pointer::animation_pointer;

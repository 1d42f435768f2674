//! Constants shared by Rust and WGSL, each with the reason it exists: the twin of
//! `shaders/constants.wgsl` (`museion::constants`), in the same order. A WGSL constant
//! is named after its group and its Rust name (`MATERIAL_UNLIT` is
//! [`material_flags::UNLIT`]); a test checks that every value agrees.

/// Bits of `Lighting.flags` ([`crate::gpu_types::GpuLighting::flags`]).
pub mod lighting_flags {
    /// Multiple-scattering energy compensation of the specular lobe (a render setting).
    pub const MULTISCATTER: u32 = 1;
}

/// Stops the illuminance view's false-colour scale may have: the length of
/// `Lighting.lux_stops` ([`crate::gpu_types::GpuLighting::lux_stops`]).
pub const LUX_STOPS: u32 = 8;

/// Indices of `Material.slots` ([`crate::gpu_types::GpuMaterial::slots`]), in the order
/// of `Material::texture_slot_table`. The material bind group holds a core slot s's
/// (below 5) texture at binding 2s and its sampler at 2s + 1; an extension slot's texture
/// is at s + 5, and each extension's textures share one sampler, at 22 (specular),
/// 23 (clearcoat), 24 (sheen), 25 (transmission and volume), 26 (iridescence) and 27
/// (anisotropy): the sampler of the first of them the material uses.
pub mod texture_slot {
    /// The base colour texture (sRGB).
    pub const BASE_COLOR: usize = 0;
    /// The metallic (blue) and roughness (green) texture.
    pub const METALLIC_ROUGHNESS: usize = 1;
    /// The tangent-space normal map.
    pub const NORMAL: usize = 2;
    /// The ambient occlusion texture (red).
    pub const OCCLUSION: usize = 3;
    /// The emissive texture (sRGB).
    pub const EMISSIVE: usize = 4;
    /// `KHR_materials_specular`'s strength (alpha).
    pub const SPECULAR: usize = 5;
    /// `KHR_materials_specular`'s colour (sRGB).
    pub const SPECULAR_COLOR: usize = 6;
    /// `KHR_materials_clearcoat`'s strength (red).
    pub const CLEARCOAT: usize = 7;
    /// The clear coat's roughness (green).
    pub const CLEARCOAT_ROUGHNESS: usize = 8;
    /// The clear coat's tangent-space normal map.
    pub const CLEARCOAT_NORMAL: usize = 9;
    /// `KHR_materials_sheen`'s colour (sRGB).
    pub const SHEEN_COLOR: usize = 10;
    /// The sheen's roughness (alpha).
    pub const SHEEN_ROUGHNESS: usize = 11;
    /// `KHR_materials_transmission`'s factor (red).
    pub const TRANSMISSION: usize = 12;
    /// `KHR_materials_volume`'s thickness (green).
    pub const THICKNESS: usize = 13;
    /// `KHR_materials_iridescence`'s strength (red).
    pub const IRIDESCENCE: usize = 14;
    /// The thin film's thickness between its minimum and maximum (green).
    pub const IRIDESCENCE_THICKNESS: usize = 15;
    /// `KHR_materials_anisotropy`'s direction (red, green) and strength (blue).
    pub const ANISOTROPY: usize = 16;
    /// Slots in all: the material bind group's layout and `Material.slots`' length.
    pub const COUNT: usize = 17;
    /// The core glTF slots, which come first and have a sampler each.
    pub const CORE: usize = 5;
}

/// Bits of `Material.flags` ([`crate::gpu_types::GpuMaterial::flags`]).
pub mod material_flags {
    /// `KHR_materials_unlit`: the base colour as it is, no lighting.
    pub const UNLIT: u32 = 1;
    /// Alpha mode MASK: texels below `alpha_cutoff` are discarded.
    pub const ALPHA_MASK: u32 = 2;
    /// Alpha mode BLEND: the output keeps its alpha for blending.
    pub const ALPHA_BLEND: u32 = 4;
    /// Double-sided: back faces are drawn and lit from their own side.
    pub const DOUBLE_SIDED: u32 = 8;
    /// `KHR_materials_clearcoat`: a second specular layer on top ([`GpuMaterial::clearcoat`](crate::gpu_types::GpuMaterial::clearcoat)).
    pub const CLEARCOAT: u32 = 16;
    /// `KHR_materials_sheen`: a sheen lobe on top of the base ([`GpuMaterial::sheen`](crate::gpu_types::GpuMaterial::sheen)).
    pub const SHEEN: u32 = 32;
    /// `KHR_materials_transmission`: light through the surface, drawn after the opaque
    /// scene ([`GpuMaterial::transmission`](crate::gpu_types::GpuMaterial::transmission)).
    pub const TRANSMISSION: u32 = 64;
    /// `KHR_materials_iridescence`: a thin film over the base changes its Fresnel
    /// ([`GpuMaterial::iridescence`](crate::gpu_types::GpuMaterial::iridescence)).
    pub const IRIDESCENCE: u32 = 128;
    /// `KHR_materials_anisotropy`: the GGX lobe stretched along a direction
    /// ([`GpuMaterial::anisotropy`](crate::gpu_types::GpuMaterial::anisotropy)).
    pub const ANISOTROPY: u32 = 256;
    /// `KHR_materials_specular` with a strength or colour texture.
    pub const SPECULAR_TEXTURES: u32 = 512;
    /// A texture in one of the core slots (base colour, metal and roughness, normal,
    /// occlusion, emission); materials with none skip the reads.
    pub const CORE_TEXTURES: u32 = 1024;
    /// The bits that choose a variant of the forward shader: a material draws with a
    /// pipeline compiled for its own layers, so the others cost it nothing (each is a
    /// shader definition of its name: `CLEARCOAT`, `SHEEN`, ...).
    pub const LAYERS: u32 =
        CLEARCOAT | SHEEN | TRANSMISSION | IRIDESCENCE | ANISOTROPY | SPECULAR_TEXTURES | CORE_TEXTURES;
}

/// Values of `Light.kind` ([`crate::gpu_types::GpuLight::kind`]).
pub mod light_kind {
    /// A directional light: parallel rays along `direction`, shadowed by cascades.
    pub const DIRECTIONAL: u32 = 0;
    /// A point light: from `position` in every direction, shadowed by six cube faces.
    pub const POINT: u32 = 1;
    /// A spot light: a point light limited to a cone around `direction`, one shadow view.
    pub const SPOT: u32 = 2;
}

/// Words of the light clusters' statistics buffer (`clusters.wgsl`).
pub mod cluster_stat {
    /// Point and spot lights that reach at least one cluster.
    pub const VISIBLE: u32 = 0;
    /// Sum over clusters of the lights that reach each.
    pub const SUM: u32 = 1;
    /// The most lights that reach one cluster.
    pub const MAX: u32 = 2;
    /// Clusters with more lights than their list holds.
    pub const OVERFLOWED: u32 = 3;
    /// Light-cluster pairs left out of full lists.
    pub const DROPPED: u32 = 4;
    /// Words of counters before the per-light flags.
    pub const WORDS: u32 = 8;
}

/// Bits of `DrawGroup.flags` ([`crate::gpu_types::GpuDrawGroup::flags`]).
pub mod group_flags {
    /// Alpha-blended: sorted and drawn on the CPU side, skipped by the culling lists.
    pub const BLENDED: u32 = 1;
}

/// Bits of `CullView.flags` ([`crate::gpu_types::GpuCullView::flags`]).
pub mod cull_flags {
    /// Drop instances whose projected diameter is below `small_object_pixels`.
    pub const SMALL_OBJECTS: u32 = 1;
    /// Pick each instance's level of detail by its projected size.
    pub const LOD: u32 = 2;
    /// The view is orthographic: projected size does not shrink with distance.
    pub const ORTHOGRAPHIC: u32 = 4;
    /// Test small rectangles against the single-sampled depth buffer, pixel by pixel.
    pub const EXACT_DEPTH: u32 = 8;
}

/// Values of `Tonemap.curve` ([`crate::gpu_types::GpuTonemap::curve`]).
pub mod tone_curve {
    /// No curve: exposure only, clipped by the output format (exact colours for tests).
    pub const NONE: u32 = 0;
    /// Khronos PBR Neutral: faithful base colours, the default for artworks.
    pub const PBR_NEUTRAL: u32 = 1;
    /// ACES filmic (Hill's fit).
    pub const ACES: u32 = 2;
    /// Troy Sobotka's AgX, base look.
    pub const AGX: u32 = 3;
}

/// The deformation pass's view of its buffers
/// ([`crate::gpu_types::GpuDeformJob`]).
pub mod deform {
    /// Floats per vertex of the vertex pool, which the pass writes as plain floats
    /// (`GpuVertex`: position 3, normal 3, tangent 4, two UV sets 2 + 2, colour 4).
    pub const VERTEX_FLOATS: u32 = 18;
    /// Words per vertex of skinning data: eight 16-bit joint indices packed two to a
    /// word, then eight weights.
    pub const SKIN_WORDS: u32 = 12;
    /// Floats per vertex per morph target: position, normal and tangent offsets.
    pub const MORPH_FLOATS: u32 = 9;
    /// Floats per vertex of a primitive's rest data: position, normal, tangent (xyz).
    pub const REST_FLOATS: u32 = 9;
    /// `DeformJob.skin_offset` of a primitive that is only morphed.
    pub const NO_SKIN: u32 = u32::MAX;
    /// `DeformJob.flags`: unindexed triangles with face normals, which get the normals
    /// of their deformed faces.
    pub const FLAT: u32 = 1;
    /// `DeformJob.flags`: the primitive has a second set of four influences (`JOINTS_1`).
    pub const EIGHT: u32 = 2;
    /// `DeformJob.flags`: the primitive has tangents (or tangent offsets) to deform;
    /// without it the copy keeps its zero tangents.
    pub const TANGENT: u32 = 4;
}

// Workgroup sizes, which the Rust side divides its dispatches by.

/// Invocations per workgroup of the cull and command passes: WebGPU's default limit, and
/// on lavapipe 1.35× faster than 64 (fewer, larger workgroups to schedule).
pub const CULL_WORKGROUP: u32 = 256;
/// Invocations per workgroup of the light cluster passes (one per light or cluster).
pub const CLUSTER_WORKGROUP: u32 = 64;
/// Invocations (vertices) per workgroup of the deformation pass: as the cull passes',
/// the larger workgroups run faster on lavapipe.
pub const DEFORM_WORKGROUP: u32 = 256;
/// Side of the square workgroups of the per-texel passes (Hi-Z pyramid, ambient
/// occlusion, environment bake): 64 invocations.
pub const IMAGE_TILE: u32 = 8;
/// Side of the square workgroups of the luminance histogram: one invocation per bin.
pub const EXPOSURE_TILE: u32 = 16;
/// Bins of the luminance histogram: one per invocation of both exposure passes.
pub const HISTOGRAM_BINS: u32 = EXPOSURE_TILE * EXPOSURE_TILE;

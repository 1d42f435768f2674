#define_import_path museion::constants

// Constants shared with Rust, each with the reason it exists. Their Rust twins are in
// renderer/src/shaders/constants.rs, in the same order, and a test checks that every
// value here equals its twin.

// ---- bits of `Lighting.flags` ----

// Multiple-scattering energy compensation of the specular lobe (a render setting).
const LIGHTING_MULTISCATTER: u32 = 1u;
// Stops the illuminance view's false-colour scale may have: the length of
// `Lighting.lux_stops`.
const LUX_STOPS: u32 = 8u;

// ---- indices of `Material.slots` ----
// The material bind group holds a core slot s's (below 5) texture at binding 2s and its
// sampler at 2s + 1; an extension slot's texture is at s + 5, and each extension's
// textures share one sampler, at 22 (specular), 23 (clearcoat), 24 (sheen), 25
// (transmission and volume), 26 (iridescence) and 27 (anisotropy).

// The base colour texture (sRGB).
const SLOT_BASE_COLOR: u32 = 0u;
// The metallic (blue) and roughness (green) texture.
const SLOT_METALLIC_ROUGHNESS: u32 = 1u;
// The tangent-space normal map.
const SLOT_NORMAL: u32 = 2u;
// The ambient occlusion texture (red).
const SLOT_OCCLUSION: u32 = 3u;
// The emissive texture (sRGB).
const SLOT_EMISSIVE: u32 = 4u;
// KHR_materials_specular's strength (alpha).
const SLOT_SPECULAR: u32 = 5u;
// KHR_materials_specular's colour (sRGB).
const SLOT_SPECULAR_COLOR: u32 = 6u;
// KHR_materials_clearcoat's strength (red).
const SLOT_CLEARCOAT: u32 = 7u;
// The clear coat's roughness (green).
const SLOT_CLEARCOAT_ROUGHNESS: u32 = 8u;
// The clear coat's tangent-space normal map.
const SLOT_CLEARCOAT_NORMAL: u32 = 9u;
// KHR_materials_sheen's colour (sRGB).
const SLOT_SHEEN_COLOR: u32 = 10u;
// The sheen's roughness (alpha).
const SLOT_SHEEN_ROUGHNESS: u32 = 11u;
// KHR_materials_transmission's factor (red).
const SLOT_TRANSMISSION: u32 = 12u;
// KHR_materials_volume's thickness (green).
const SLOT_THICKNESS: u32 = 13u;
// KHR_materials_iridescence's strength (red).
const SLOT_IRIDESCENCE: u32 = 14u;
// The thin film's thickness between its minimum and maximum (green).
const SLOT_IRIDESCENCE_THICKNESS: u32 = 15u;
// KHR_materials_anisotropy's direction (red, green) and strength (blue).
const SLOT_ANISOTROPY: u32 = 16u;
// Slots in all: the material bind group's layout and `Material.slots`' length.
const SLOT_COUNT: u32 = 17u;

// ---- bits of `Material.flags` ----

// KHR_materials_unlit: the base colour as it is, no lighting.
const MATERIAL_UNLIT: u32 = 1u;
// Alpha mode MASK: texels below `alpha_cutoff` are discarded.
const MATERIAL_ALPHA_MASK: u32 = 2u;
// Alpha mode BLEND: the output keeps its alpha for blending.
const MATERIAL_ALPHA_BLEND: u32 = 4u;
// Double-sided: back faces are drawn and lit from their own side.
const MATERIAL_DOUBLE_SIDED: u32 = 8u;
// KHR_materials_clearcoat: a second specular layer on top (Material.clearcoat).
const MATERIAL_CLEARCOAT: u32 = 16u;
// KHR_materials_sheen: a sheen lobe on top of the base (Material.sheen).
const MATERIAL_SHEEN: u32 = 32u;
// KHR_materials_transmission: light through the surface, drawn after the opaque scene
// (Material.transmission, Material.attenuation).
const MATERIAL_TRANSMISSION: u32 = 64u;
// KHR_materials_iridescence: a thin film over the base changes its Fresnel
// (Material.iridescence).
const MATERIAL_IRIDESCENCE: u32 = 128u;
// KHR_materials_anisotropy: the GGX lobe stretched along a direction (Material.anisotropy).
const MATERIAL_ANISOTROPY: u32 = 256u;
// KHR_materials_specular with a strength or colour texture.
const MATERIAL_SPECULAR_TEXTURES: u32 = 512u;
// A texture in one of the core slots; materials with none skip the reads.
const MATERIAL_CORE_TEXTURES: u32 = 1024u;

// ---- values of `Light.kind` ----

// A directional light: parallel rays along `direction`, shadowed by cascades.
const LIGHT_DIRECTIONAL: u32 = 0u;
// A point light: from `position` in every direction, shadowed by six cube faces.
const LIGHT_POINT: u32 = 1u;
// A spot light: a point light limited to a cone around `direction`, one shadow view.
const LIGHT_SPOT: u32 = 2u;

// ---- bits of `DrawGroup.flags` ----

// Alpha-blended: sorted and drawn on the CPU side, skipped by the culling lists.
const GROUP_BLENDED: u32 = 1u;

// ---- bits of `CullView.flags` ----

// Drop instances whose projected diameter is below `small_object_pixels`.
const CULL_SMALL_OBJECTS: u32 = 1u;
// Pick each instance's level of detail by its projected size.
const CULL_LOD: u32 = 2u;
// The view is orthographic: projected size does not shrink with distance.
const CULL_ORTHOGRAPHIC: u32 = 4u;
// Test small rectangles against the single-sampled depth buffer, pixel by pixel.
const CULL_EXACT_DEPTH: u32 = 8u;

// ---- the deformation pass's view of its buffers ----

// Floats per vertex of the vertex pool, which the pass writes as plain floats (GpuVertex:
// position 3, normal 3, tangent 4, two UV sets 2 + 2, colour 4).
const DEFORM_VERTEX_FLOATS: u32 = 18u;
// Words per vertex of skinning data: eight 16-bit joint indices packed two to a word,
// then eight weights.
const DEFORM_SKIN_WORDS: u32 = 12u;
// Floats per vertex per morph target: position, normal and tangent offsets.
const DEFORM_MORPH_FLOATS: u32 = 9u;
// Floats per vertex of a primitive's rest data: position, normal, tangent (xyz).
const DEFORM_REST_FLOATS: u32 = 9u;
// DeformJob.skin_offset of a primitive that is only morphed.
const DEFORM_NO_SKIN: u32 = 0xffffffffu;
// DeformJob.flags: unindexed triangles with face normals, which get the normals of their
// deformed faces.
const DEFORM_FLAT: u32 = 1u;
// DeformJob.flags: the primitive has a second set of four influences (JOINTS_1).
const DEFORM_EIGHT: u32 = 2u;
// DeformJob.flags: the primitive has tangents (or tangent offsets) to deform; without
// it the copy keeps its zero tangents.
const DEFORM_TANGENT: u32 = 4u;

// ---- the light clusters' statistics (words of clusters.wgsl's `stats`) ----

// Point and spot lights that reach at least one cluster.
const CLUSTER_STAT_VISIBLE: u32 = 0u;
// Sum over clusters of the lights that reach each, and the most that reach one.
const CLUSTER_STAT_SUM: u32 = 1u;
const CLUSTER_STAT_MAX: u32 = 2u;
// Clusters with more lights than their list holds, and the light-cluster pairs left out.
const CLUSTER_STAT_OVERFLOWED: u32 = 3u;
const CLUSTER_STAT_DROPPED: u32 = 4u;
// Words of counters before the per-light flags (1: reaches a cluster this frame).
const CLUSTER_STAT_WORDS: u32 = 8u;

// ---- values of `Tonemap.curve` ----

// No curve: exposure only, clipped by the output format (exact colours for tests).
const CURVE_NONE: u32 = 0u;
// Khronos PBR Neutral: faithful base colours, the default for artworks.
const CURVE_PBR_NEUTRAL: u32 = 1u;
// ACES filmic (Hill's fit).
const CURVE_ACES: u32 = 2u;
// Troy Sobotka's AgX, base look.
const CURVE_AGX: u32 = 3u;

// ---- workgroup sizes, which the Rust side divides its dispatches by ----

// Invocations per workgroup of the cull and command passes: WebGPU's default limit, and
// on lavapipe 1.35× faster than 64 (fewer, larger workgroups to schedule).
const CULL_WORKGROUP: u32 = 256u;
// Invocations (vertices) per workgroup of the deformation pass: as the cull passes',
// the larger workgroups run faster on lavapipe.
const DEFORM_WORKGROUP: u32 = 256u;
// Invocations per workgroup of the light cluster passes (one per light or cluster).
const CLUSTER_WORKGROUP: u32 = 64u;
// Side of the square workgroups of the per-texel passes (Hi-Z pyramid, ambient
// occlusion, environment bake): 64 invocations.
const IMAGE_TILE: u32 = 8u;
// Side of the square workgroups of the luminance histogram: one invocation per bin.
const EXPOSURE_TILE: u32 = 16u;
// Bins of the luminance histogram: one per invocation of both exposure passes.
const HISTOGRAM_BINS: u32 = EXPOSURE_TILE * EXPOSURE_TILE;

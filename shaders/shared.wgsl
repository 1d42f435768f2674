#define_import_path museion::shared

// The structs shared with Rust, each mirrored by a `Gpu*` type in
// renderer/src/gpu_types.rs; a test checks that their members agree by name, offset and
// size. Their flag and kind values are in museion::constants.

// What the camera sees: matrices and position.
struct Camera {
    view_proj: mat4x4<f32>,
    view: mat4x4<f32>,
    // Clip space back to world space (the skybox finds its view rays with it).
    inverse_view_proj: mat4x4<f32>,
    // World-space eye position.
    position: vec3<f32>,
    // Number of entries of `lights` in use.
    light_count: u32,
    // 1 for orthographic projections: every view ray is parallel to the view axis.
    orthographic: u32,
    _pad_a: u32,
    _pad_b: u32,
    _pad_c: u32,
}

// The environment light of a frame (image-based lighting).
struct Lighting {
    // Cosine and sine of the environment's rotation about +Y.
    rotation: vec2<f32>,
    // Scale of the environment's radiance.
    intensity: f32,
    // The specular chain's last mip level, which holds roughness 1.
    max_lod: f32,
    // LIGHTING_* bits.
    flags: u32,
    // Stops of `lux_stops` in use (the illuminance view).
    lux_stop_count: u32,
    _pad_a: u32,
    _pad_b: u32,
    // View-space distances where each directional shadow cascade ends.
    cascade_splits: vec4<f32>,
    // x: cascades, y: PCF radius in texels, z: normal offset in texels, w: the share
    // of a cascade over which it blends into the next.
    shadow: vec4<f32>,
    // The illuminance view's false-colour scale, ascending: an sRGB colour in xyz at
    // log10 lux in w (LUX_STOPS of them; the first `lux_stop_count` in use).
    lux_stops: array<vec4<f32>, 8>,
}

// The baked irradiance probes of a frame (renderer/core/src/probes.rs): a grid of
// probes per room in a 3D atlas, and the floor-plan map of which grid lights a point.
struct ProbeParams {
    // The room map's corner (world x and z), its cells' side, and how far along a
    // surface's normal the point it looks up lies.
    map_origin: vec2<f32>,
    map_cell: f32,
    offset: f32,
    // The map's cells along x and z.
    map_size: vec2<u32>,
    // Grids in `probe_volumes`; 0: no probes, the environment lights as without them.
    volume_count: u32,
    // Texels along y of one coefficient group in the atlas (the tallest grid's probes).
    group_height: u32,
    // One over the atlas's size in texels.
    atlas_scale: vec3<f32>,
    // The last mip level of the reflection cubes (roughness 1).
    reflection_max_lod: f32,
}

// One room's probe grid: probes `counts` along x, y, z from `min`, `1 / inverse_step`
// apart, at atlas texel (i, j, atlas_z + k); the room's floor and ceiling heights; and
// its reflection probe: the cube `reflection - 1` of the cube array (0: none), captured
// at `capture`, read box-projected against the room's box `reflection_min` to
// `reflection_max`.
struct ProbeVolume {
    min: vec3<f32>,
    bottom: f32,
    inverse_step: vec3<f32>,
    top: f32,
    counts: vec3<u32>,
    atlas_z: u32,
    reflection_min: vec3<f32>,
    reflection: u32,
    reflection_max: vec3<f32>,
    _pad: u32,
    capture: vec3<f32>,
    _pad_end: u32,
}

// The light clusters of a frame (clusters.wgsl assigns lights to them, the forward
// pass reads them): the view frustum cut into screen tiles and depth slices.
struct ClusterParams {
    // View to clip space and back, and world to view space.
    projection: mat4x4<f32>,
    inverse_projection: mat4x4<f32>,
    view: mat4x4<f32>,
    // Clusters across, down and in depth.
    grid: vec3<u32>,
    // Lights a cluster's list holds.
    capacity: u32,
    // Pixels per tile, and the target's size in pixels.
    tile: vec2<f32>,
    size: vec2<f32>,
    // View-space depths the slices span: the first from `near` to `first_slice`, the
    // others exponentially to `far`, slice = log(depth) * slice_scale + slice_bias
    // (clamped); or all linearly, slice = (depth - near) * slice_scale (orthographic).
    near: f32,
    far: f32,
    slice_scale: f32,
    slice_bias: f32,
    // 1 for linear slices.
    linear: u32,
    // Lights in the scene's list, and directional ones (the first words of the cluster
    // buffer name them; every pixel loops them).
    light_count: u32,
    directional_count: u32,
    // 1 when the forward pass loops its cluster's lights, 0 when it loops them all.
    enabled: u32,
    // Lights a screen tile's list of candidates holds (the assignment's first step).
    tile_capacity: u32,
    first_slice: f32,
    _pad_b: u32,
    _pad_c: u32,
}

// The depth slice holding view depth `depth`, clamped to the grid of `params`: where
// the forward pass finds a pixel's lights, and where clusters.wgsl places a light.
fn cluster_slice(params: ClusterParams, depth: f32) -> u32 {
    var slice: f32;
    if params.linear != 0u {
        slice = (depth - params.near) * params.slice_scale;
    } else {
        slice = log(max(depth, params.near)) * params.slice_scale + params.slice_bias;
    }
    return min(u32(max(slice, 0.0)), params.grid.z - 1u);
}

// One shadow map: a layer of the shadow atlas and the projection that fills it.
struct ShadowView {
    // World to shadow clip space (depth 0 near, 1 far).
    view_proj: mat4x4<f32>,
    // Size of a texel in world units: as it is for orthographic views, per unit of
    // distance from the light for perspective ones.
    texel: f32,
    // 1 for perspective views (spot lights and point-light faces).
    perspective: u32,
    _pad_a: u32,
    _pad_b: u32,
}

// A texture slot's UV set and KHR_texture_transform as two rows of a 2×3 matrix:
// uv' = (dot(u_row.xy, uv) + u_row.z, dot(v_row.xy, uv) + v_row.z).
// u_row.w is the UV set (0 or 1); v_row.w is 1 when the slot has a texture, else 0.
struct TextureSlot {
    u_row: vec4<f32>,
    v_row: vec4<f32>,
}

// A glTF metallic-roughness material.
struct Material {
    // Linear RGBA.
    base_color: vec4<f32>,
    // Linear RGB emissive factor times KHR_materials_emissive_strength; w unused.
    emissive: vec4<f32>,
    metallic: f32,
    roughness: f32,
    normal_scale: f32,
    occlusion_strength: f32,
    alpha_cutoff: f32,
    // MATERIAL_* bits.
    flags: u32,
    _pad_a: u32,
    _pad_b: u32,
    // The dielectric's reflectance at normal incidence (from KHR_materials_ior and
    // KHR_materials_specular's colour; clamped to 1 after the colour texture) in xyz,
    // KHR_materials_specular's factor in w.
    specular: vec4<f32>,
    // KHR_materials_clearcoat: x the layer's factor, y its perceptual roughness, z the
    // layer's reflectance at normal incidence, w its normal map's scale.
    clearcoat: vec4<f32>,
    // KHR_materials_sheen: linear colour in xyz, perceptual roughness in w.
    sheen: vec4<f32>,
    // KHR_materials_transmission's factor, KHR_materials_volume's thickness (0: thin
    // walled), the ior, KHR_materials_dispersion (20 / Abbe number; 0: none).
    transmission: vec4<f32>,
    // KHR_materials_volume: attenuation colour in xyz, attenuation distance in w (0:
    // none).
    attenuation: vec4<f32>,
    // KHR_materials_iridescence: factor, the film's ior, its thickness's minimum and
    // maximum in nanometres.
    iridescence: vec4<f32>,
    // KHR_materials_anisotropy: strength, the cosine and sine of the direction's
    // rotation from the tangent; w unused.
    anisotropy: vec4<f32>,
    // Indexed by SLOT_*.
    slots: array<TextureSlot, 17>,
}

// A KHR_lights_punctual light in world space.
struct Light {
    position: vec3<f32>,
    // LIGHT_DIRECTIONAL, LIGHT_POINT or LIGHT_SPOT.
    kind: u32,
    // The direction the light travels (spot and directional).
    direction: vec3<f32>,
    // Range of influence; 0 for infinite.
    range: f32,
    // Linear RGB colour times intensity (lux for directional, candela otherwise).
    color: vec3<f32>,
    // First of its shadow views plus one (cascades for directional lights, six cube
    // faces for point lights, one view for spots); 0 when it casts no shadow.
    shadow: u32,
    // Spot cone: attenuation = saturate(cos(angle) * spot_scale + spot_offset)².
    spot_scale: f32,
    spot_offset: f32,
    _pad: vec2<f32>,
}

// What the tone-mapping pass needs.
struct Tonemap {
    // Linear scale applied before the operator: the compensation 2^EV times the
    // physical exposure's scale (1 for scene-referred output).
    exposure: f32,
    // CURVE_NONE, CURVE_PBR_NEUTRAL, CURVE_ACES or CURVE_AGX.
    curve: u32,
    // 1 when the output format is not sRGB and the shader must encode.
    encode_srgb: u32,
    // 1 when `exposure` is further scaled by the automatic exposure's `ExposureState`.
    auto_exposure: u32,
    // Linear RGB written where no geometry is (HDR alpha 0), as it is: no exposure or
    // tone mapping, so a requested background colour comes out exactly.
    background: vec4<f32>,
}

// The automatic exposure, kept on the GPU from frame to frame: written by exposure.wgsl,
// read by tonemap.wgsl.
struct ExposureState {
    // The adapted exposure value at ISO 100 (EV100). Names in the shared modules do not
    // end in a digit: naga_oil rejects names that naga would rename when it writes WGSL.
    ev: f32,
    // The linear scale of that exposure: 1 / (1.2 * 2^ev).
    scale: f32,
    // The last frame's target EV100 (from its luminance histogram).
    target_ev: f32,
    // 0 until a frame with something drawn has set the exposure: that frame jumps
    // straight to its target, later ones adapt.
    adapted: u32,
}

// Settings of the automatic exposure passes.
struct AutoExposure {
    // log2 luminance at the low edge of the histogram's first bin.
    log2_min: f32,
    // Width of the histogram in stops (all bins together).
    log2_range: f32,
    // The average covers the drawn pixels between these fractions (sorted by luminance).
    low_percentile: f32,
    high_percentile: f32,
    // Added to the average log2 luminance to give the target EV100.
    target_offset: f32,
    // Seconds since the last frame.
    delta_time: f32,
    // Adaptation rates (1/s) toward a brighter scene (the target EV100 rises) and a
    // darker one.
    speed_up: f32,
    speed_down: f32,
}

// A mesh primitive drawn with one material: its level-of-detail batches follow one
// another from `first_batch`.
struct DrawGroup {
    material: u32,
    first_batch: u32,
    lod_count: u32,
    // GROUP_* bits.
    flags: u32,
    // Projected diameter in pixels from which LOD 0 is drawn. Each level has about half
    // the triangles of the one before, so each takes over below 1/sqrt(2) of the size
    // (half the area) of the one before.
    lod_pixels: f32,
    _pad_a: u32,
    _pad_b: u32,
    _pad_c: u32,
}

// One level of detail of a draw group: where its indices are, and the region of the
// visible-instance list its instances go to.
struct Batch {
    index_count: u32,
    first_index: u32,
    base_vertex: i32,
    list_offset: u32,
    // Command slot when commands are not compacted.
    command_slot: u32,
    // The multi-draw call (pipeline and material) that draws this batch.
    pipeline_group: u32,
    _pad_a: u32,
    _pad_b: u32,
}

// A region of the command buffer drawn by one multi-draw call.
struct PipelineGroup {
    first_command: u32,
    command_count: u32,
}

// One DrawIndexedIndirect command, as the GPU reads it.
struct DrawCommand {
    index_count: u32,
    instance_count: u32,
    first_index: u32,
    base_vertex: i32,
    first_instance: u32,
}

// What the culling passes know about the view.
struct CullView {
    view: mat4x4<f32>,
    // Left, right, bottom, top, z = 0 and z = w planes, as museion_scene::Frustum has them.
    planes: array<vec4<f32>, 6>,
    // projection[0][0], projection[1][1], near plane distance, unused.
    projection: vec4<f32>,
    // Orthographic depth: depth = z_view * ortho_depth.x + ortho_depth.y.
    ortho_depth: vec4<f32>,
    // Viewport width and height in pixels; Hi-Z level 0 size.
    viewport: vec4<f32>,
    instance_count: u32,
    pyramid_levels: u32,
    small_object_pixels: f32,
    // CULL_* bits.
    flags: u32,
    // Invocations per row of the two-dimensional dispatch; the rest unused.
    dispatch: vec4<u32>,
}

// Screen-space ambient occlusion of a frame (ao.wgsl).
struct AoParams {
    // View to clip space, and back (view positions from depth).
    projection: mat4x4<f32>,
    inverse_projection: mat4x4<f32>,
    // Output size in pixels.
    size: vec2<u32>,
    // Horizon slices per pixel, and steps along each side of a slice.
    slices: u32,
    steps: u32,
    // World-space radius of the search, in metres.
    radius: f32,
    // Pixels per metre at unit view distance (at any distance for orthographic views).
    pixels_per_metre: f32,
    // 1 for orthographic projections.
    orthographic: u32,
    // Exponent applied to the visibility (contrast of the effect).
    power: f32,
}

// One step of the environment bake (environment.wgsl).
struct Bake {
    // Size of the face (or table) being written, in texels.
    size: u32,
    // Source size: the equirectangular image's width and height, or the source cube's
    // face size in x.
    source_width: u32,
    source_height: u32,
    // Importance samples per texel.
    sample_count: u32,
    // Perceptual roughness of the specular level being written.
    roughness: f32,
    _pad_a: u32,
    _pad_b: u32,
    _pad_c: u32,
}

// One deformed instance of the deformation pass (deform.wgsl): where its source
// vertices and its output lie in the vertex pool, and where its skinning data, morph
// offsets, joint matrices and morph weights lie in theirs.
struct DeformJob {
    // First float of the primitive's rest data (DEFORM_REST_FLOATS per vertex), and the
    // first vertex of the instance's deformed copy in the window of the pool bound.
    rest_offset: u32,
    target_vertex: u32,
    vertex_count: u32,
    // First word of the primitive's skinning data (DEFORM_SKIN_WORDS per vertex), or
    // DEFORM_NO_SKIN.
    skin_offset: u32,
    // First float of its morph offsets (DEFORM_MORPH_FLOATS per vertex, target after
    // target), and how many targets.
    morph_offset: u32,
    target_count: u32,
    // First of the instance's joint matrices, and of its morph weights.
    joint_offset: u32,
    weight_offset: u32,
    // DEFORM_FLAT, DEFORM_EIGHT and DEFORM_TANGENT as they apply.
    flags: u32,
    // Vertices the first step deforms: all of them, or a flat-shaded primitive's points
    // (one corner of each, the rest copy it: renderer/core/src/gpu_scene/weld.rs).
    point_count: u32,
    // A flat-shaded primitive's first word of its points' representative corners
    // (point_count words), followed by each corner's representative (vertex_count).
    weld_offset: u32,
}

//! `#[repr(C)]` mirrors of the structs in `shaders/shared.wgsl`, each built from the
//! scene type it stands for. A test checks each member's name, offset and size against
//! naga's layout; the values of their flag and kind fields are in `shaders::constants`.

use crate::shaders::constants::{LUX_STOPS, light_kind, material_flags, texture_slot};
use bytemuck::{Pod, Zeroable};
use glam::{Mat4, Vec3};
use museion_scene::{AlphaMode, Light, LightKind, Material, TextureRef};

/// `Camera` in shared.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GpuCamera {
    /// Projection times view.
    pub view_proj: [[f32; 4]; 4],
    /// World to view.
    pub view: [[f32; 4]; 4],
    /// Clip space to world space.
    pub inverse_view_proj: [[f32; 4]; 4],
    /// Eye position.
    pub position: [f32; 3],
    /// Lights in use.
    pub light_count: u32,
    /// 1 for orthographic projections.
    pub orthographic: u32,
    /// Padding.
    pub _pad: [u32; 3],
}

/// `Lighting` in shared.wgsl: the environment light of a frame.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuLighting {
    /// Cosine and sine of the rotation about +Y.
    pub rotation: [f32; 2],
    /// Radiance scale.
    pub intensity: f32,
    /// The specular chain's last level.
    pub max_lod: f32,
    /// `lighting_flags` bits.
    pub flags: u32,
    /// Stops of `lux_stops` in use.
    pub lux_stop_count: u32,
    /// Padding.
    pub _pad: [u32; 2],
    /// View-space distances where the cascades end.
    pub cascade_splits: [f32; 4],
    /// Cascades, PCF radius and normal offset in texels, blend share.
    pub shadow: [f32; 4],
    /// The illuminance view's false-colour scale, ascending: sRGB colour and log10 lux
    /// per stop.
    pub lux_stops: [[f32; 4]; LUX_STOPS as usize],
}

/// `AoParams` in shared.wgsl: the screen-space ambient occlusion of a frame.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuAoParams {
    /// View to clip space.
    pub projection: [[f32; 4]; 4],
    /// Clip to view space.
    pub inverse_projection: [[f32; 4]; 4],
    /// Output size in pixels.
    pub size: [u32; 2],
    /// Horizon slices per pixel.
    pub slices: u32,
    /// Steps along each side of a slice.
    pub steps: u32,
    /// Search radius in metres.
    pub radius: f32,
    /// Pixels per metre at unit view distance.
    pub pixels_per_metre: f32,
    /// 1 for orthographic projections.
    pub orthographic: u32,
    /// Exponent of the visibility.
    pub power: f32,
}

/// `ShadowView` in shared.wgsl: one layer of the shadow atlas.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuShadowView {
    /// World to shadow clip space.
    pub view_proj: [[f32; 4]; 4],
    /// Texel size in world units (per unit distance for perspective views).
    pub texel: f32,
    /// 1 for perspective views.
    pub perspective: u32,
    /// Padding.
    pub _pad: [u32; 2],
}

/// `TextureSlot` in shared.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuTextureSlot {
    /// The row of the UV transform that gives u; w is the UV set.
    pub u_row: [f32; 4],
    /// The row that gives v; w is 1 when the slot has a texture.
    pub v_row: [f32; 4],
}

impl GpuTextureSlot {
    /// An empty slot: identity transform, UV set 0, no texture.
    pub const EMPTY: GpuTextureSlot = GpuTextureSlot {
        u_row: [1.0, 0.0, 0.0, 0.0],
        v_row: [0.0, 1.0, 0.0, 0.0],
    };

    /// Whether the slot has a texture.
    pub fn has_texture(&self) -> bool {
        self.v_row[3] > 0.5
    }

    /// The slot for a texture reference.
    pub fn new(texture: Option<&TextureRef>) -> Self {
        let Some(texture) = texture else {
            return Self::EMPTY;
        };
        let m = texture.transform.matrix();
        Self {
            u_row: [m.x_axis.x, m.y_axis.x, m.z_axis.x, texture.tex_coord as f32],
            v_row: [m.x_axis.y, m.y_axis.y, m.z_axis.y, 1.0],
        }
    }
}

/// `Material` in shared.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuMaterial {
    /// Linear RGBA base colour factor.
    pub base_color: [f32; 4],
    /// Emissive factor times strength.
    pub emissive: [f32; 4],
    /// Metallic factor.
    pub metallic: f32,
    /// Roughness factor.
    pub roughness: f32,
    /// Normal map scale.
    pub normal_scale: f32,
    /// Occlusion strength.
    pub occlusion_strength: f32,
    /// Alpha cutoff for MASK.
    pub alpha_cutoff: f32,
    /// `material_flags` bits.
    pub flags: u32,
    /// Padding.
    pub _pad: [u32; 2],
    /// The dielectric's reflectance at normal incidence, ((ior − 1) / (ior + 1))² times
    /// `KHR_materials_specular`'s colour (the shader clamps it to 1 after the colour
    /// texture), and in w the specular factor.
    pub specular: [f32; 4],
    /// `KHR_materials_clearcoat`: factor, perceptual roughness, the layer's reflectance
    /// at normal incidence (4%, the extension's ior 1.5), its normal map's scale.
    pub clearcoat: [f32; 4],
    /// `KHR_materials_sheen`: linear colour and perceptual roughness.
    pub sheen: [f32; 4],
    /// `KHR_materials_transmission`'s factor, `KHR_materials_volume`'s thickness (0:
    /// thin-walled), the ior, `KHR_materials_dispersion` (20 / Abbe number).
    pub transmission: [f32; 4],
    /// `KHR_materials_volume`: attenuation colour, and the attenuation distance (0: no
    /// attenuation).
    pub attenuation: [f32; 4],
    /// `KHR_materials_iridescence`: factor, the film's ior, its thickness's minimum and
    /// maximum in nanometres.
    pub iridescence: [f32; 4],
    /// `KHR_materials_anisotropy`: strength, cosine and sine of the rotation, unused.
    pub anisotropy: [f32; 4],
    /// Every texture slot, indexed by `texture_slot` (the order of
    /// `Material::texture_slot_table`).
    pub slots: [GpuTextureSlot; texture_slot::COUNT],
}

impl GpuMaterial {
    /// The record of a scene material. `has_image` says whether a texture reference
    /// points at a decoded image (a slot whose texture has none is left empty).
    pub fn new(m: &Material, has_image: impl Fn(&TextureRef) -> bool) -> Self {
        use material_flags::*;
        let mut flags = 0;
        let mut alpha_cutoff = 0.0;
        match m.alpha_mode {
            AlphaMode::Opaque => {}
            AlphaMode::Mask { cutoff } => {
                flags |= ALPHA_MASK;
                alpha_cutoff = cutoff;
            }
            AlphaMode::Blend => flags |= ALPHA_BLEND,
        }
        if m.unlit {
            flags |= UNLIT;
        }
        if m.double_sided {
            flags |= DOUBLE_SIDED;
        }
        // KHR_materials_ior and KHR_materials_specular set the dielectric's reflectance.
        let ior_f0 = ((m.ior - 1.0) / (m.ior + 1.0)).powi(2);
        let (specular_color, specular_weight) = m
            .specular
            .as_ref()
            .map_or((Vec3::ONE, 1.0), |s| (s.color_factor, s.factor));
        let f0 = Vec3::splat(ior_f0) * specular_color;
        let mut clearcoat = [0.0, 0.0, 0.04, 1.0];
        if let Some(c) = m.clearcoat.as_ref().filter(|c| c.factor > 0.0) {
            flags |= CLEARCOAT;
            clearcoat[0] = c.factor;
            clearcoat[1] = c.roughness_factor;
            clearcoat[3] = c.normal_scale;
        }
        let mut sheen = [0.0; 4];
        if let Some(s) = m.sheen.as_ref().filter(|s| s.color_factor.max_element() > 0.0) {
            flags |= SHEEN;
            sheen = s.color_factor.extend(s.roughness_factor).to_array();
        }
        let mut transmission = [0.0, 0.0, m.ior, m.dispersion];
        let mut attenuation = [1.0, 1.0, 1.0, 0.0];
        if let Some(t) = m.transmission.as_ref().filter(|t| t.factor > 0.0) {
            flags |= TRANSMISSION;
            transmission[0] = t.factor;
            if let Some(volume) = &m.volume {
                transmission[1] = volume.thickness_factor;
                let distance = volume.attenuation_distance;
                attenuation = volume
                    .attenuation_color
                    .extend(if distance.is_finite() { distance } else { 0.0 })
                    .to_array();
            }
        }
        let mut iridescence = [0.0; 4];
        if let Some(i) = m.iridescence.as_ref().filter(|i| i.factor > 0.0) {
            flags |= IRIDESCENCE;
            iridescence = [i.factor, i.ior, i.thickness_minimum, i.thickness_maximum];
        }
        let mut anisotropy = [0.0, 1.0, 0.0, 0.0];
        if let Some(a) = m.anisotropy.as_ref().filter(|a| a.strength > 0.0) {
            flags |= ANISOTROPY;
            anisotropy = [a.strength, a.rotation.cos(), a.rotation.sin(), 0.0];
        }
        let slots = m
            .texture_slot_table()
            .map(|(_, t)| GpuTextureSlot::new(t.filter(|t| has_image(t))));
        if slots[texture_slot::SPECULAR].has_texture() || slots[texture_slot::SPECULAR_COLOR].has_texture() {
            flags |= SPECULAR_TEXTURES;
        }
        if slots[..texture_slot::CORE]
            .iter()
            .any(GpuTextureSlot::has_texture)
        {
            flags |= CORE_TEXTURES;
        }
        Self {
            base_color: m.base_color_factor.to_array(),
            emissive: (m.emissive_factor * m.emissive_strength).extend(0.0).to_array(),
            metallic: m.metallic_factor,
            roughness: m.roughness_factor,
            normal_scale: m.normal_scale,
            occlusion_strength: m.occlusion_strength,
            alpha_cutoff,
            flags,
            _pad: [0; 2],
            specular: f0.extend(specular_weight).to_array(),
            clearcoat,
            sheen,
            transmission,
            attenuation,
            iridescence,
            anisotropy,
            slots,
        }
    }
}

/// `Light` in shared.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuLight {
    /// World position (point and spot).
    pub position: [f32; 3],
    /// A `light_kind`.
    pub kind: u32,
    /// Direction the light travels (directional and spot).
    pub direction: [f32; 3],
    /// Range, 0 for infinite.
    pub range: f32,
    /// Colour times intensity.
    pub color: [f32; 3],
    /// First shadow view plus one; 0 for none.
    pub shadow: u32,
    /// Spot cone scale.
    pub spot_scale: f32,
    /// Spot cone offset.
    pub spot_offset: f32,
    /// Padding.
    pub _pad1: [f32; 2],
}

impl GpuLight {
    /// A light placed by a node's world matrix; lights shine along the node's -Z.
    pub fn new(light: &Light, world: Mat4) -> Self {
        let position = world.transform_point3(Vec3::ZERO);
        let direction = world.transform_vector3(-Vec3::Z).normalize_or(-Vec3::Z);
        let (kind, spot_scale, spot_offset) = match light.kind {
            LightKind::Directional => (light_kind::DIRECTIONAL, 0.0, 0.0),
            LightKind::Point => (light_kind::POINT, 0.0, 0.0),
            LightKind::Spot {
                inner_cone_angle,
                outer_cone_angle,
            } => {
                // KHR_lights_punctual: scale = 1 / max(0.001, cos(inner) - cos(outer)),
                // offset = -cos(outer) * scale.
                let scale = 1.0 / (inner_cone_angle.cos() - outer_cone_angle.cos()).max(0.001);
                (light_kind::SPOT, scale, -outer_cone_angle.cos() * scale)
            }
        };
        Self {
            position: position.to_array(),
            kind,
            direction: direction.to_array(),
            range: light.range.unwrap_or(0.0),
            color: (light.color * light.intensity).to_array(),
            shadow: 0,
            spot_scale,
            spot_offset,
            _pad1: [0.0; 2],
        }
    }
}

/// `Tonemap` in shared.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuTonemap {
    /// Linear scale: 2^EV compensation times the physical exposure's scale.
    pub exposure: f32,
    /// A `tone_curve`.
    pub curve: u32,
    /// 1 when the shader must encode sRGB.
    pub encode_srgb: u32,
    /// 1 when the automatic exposure's scale multiplies `exposure`.
    pub auto_exposure: u32,
    /// Linear background colour where nothing was drawn.
    pub background: [f32; 4],
}

/// `ExposureState` in shared.wgsl: the automatic exposure kept on the GPU.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuExposureState {
    /// The adapted exposure value at ISO 100 (EV100).
    pub ev: f32,
    /// Its linear scale, 1 / (1.2 · 2^ev).
    pub scale: f32,
    /// The last frame's target EV100.
    pub target_ev: f32,
    /// 0 until a frame with something drawn has set the exposure.
    pub adapted: u32,
}

/// `AutoExposure` in shared.wgsl: settings of the automatic exposure passes.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuAutoExposure {
    /// log2 luminance at the low edge of the first bin.
    pub log2_min: f32,
    /// Width of the histogram in stops.
    pub log2_range: f32,
    /// Lower end of the averaged share of drawn pixels.
    pub low_percentile: f32,
    /// Upper end of the averaged share of drawn pixels.
    pub high_percentile: f32,
    /// Added to the average log2 luminance to give the target EV100.
    pub target_offset: f32,
    /// Seconds since the last frame.
    pub delta_time: f32,
    /// Adaptation rate (1/s) toward a brighter scene.
    pub speed_up: f32,
    /// Adaptation rate (1/s) toward a darker scene.
    pub speed_down: f32,
}

/// `ProbeParams` in shared.wgsl: the baked irradiance probes of a frame.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Pod, Zeroable)]
pub struct GpuProbeParams {
    /// The room map's corner, world x and z.
    pub map_origin: [f32; 2],
    /// The room map's cells' side, metres.
    pub map_cell: f32,
    /// How far along a surface's normal its room is looked up, metres.
    pub offset: f32,
    /// The room map's cells along x and z.
    pub map_size: [u32; 2],
    /// Grids in the volume list (0: no probes).
    pub volume_count: u32,
    /// Texels along y of one coefficient group in the atlas.
    pub group_height: u32,
    /// One over the atlas's size in texels.
    pub atlas_scale: [f32; 3],
    /// The last mip level of the reflection cubes (roughness 1).
    pub reflection_max_lod: f32,
}

/// `ProbeVolume` in shared.wgsl: one room's probe grid.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Pod, Zeroable)]
pub struct GpuProbeVolume {
    /// The first probe's position.
    pub min: [f32; 3],
    /// The room's floor height.
    pub bottom: f32,
    /// One over the distance between probes along x, y, z (0 along an axis of one probe).
    pub inverse_step: [f32; 3],
    /// The room's ceiling height.
    pub top: f32,
    /// Probes along x, y and z.
    pub counts: [u32; 3],
    /// The atlas z of the grid's first layer.
    pub atlas_z: u32,
    /// The room's box, which reflected rays are projected against: its lower corner.
    pub reflection_min: [f32; 3],
    /// The room's reflection cube in the cube array, plus one (0: none, the
    /// environment's specular light).
    pub reflection: u32,
    /// The room's box: its upper corner.
    pub reflection_max: [f32; 3],
    /// Padding to 16 bytes.
    pub _pad: u32,
    /// Where the room's reflection cube was captured.
    pub capture: [f32; 3],
    /// Padding to 16 bytes.
    pub _pad_end: u32,
}

/// `ClusterParams` in shared.wgsl: the light clusters of a frame.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Pod, Zeroable)]
pub struct GpuClusterParams {
    /// View to clip space.
    pub projection: [[f32; 4]; 4],
    /// Clip to view space.
    pub inverse_projection: [[f32; 4]; 4],
    /// World to view space.
    pub view: [[f32; 4]; 4],
    /// Clusters across, down and in depth.
    pub grid: [u32; 3],
    /// Lights a cluster's list holds.
    pub capacity: u32,
    /// Pixels per tile.
    pub tile: [f32; 2],
    /// The target's size in pixels.
    pub size: [f32; 2],
    /// View depth where the first slice begins.
    pub near: f32,
    /// View depth where the last slice ends.
    pub far: f32,
    /// Slice = log(depth) × scale + bias (exponential), or (depth - near) × scale.
    pub slice_scale: f32,
    /// See `slice_scale`.
    pub slice_bias: f32,
    /// 1 for linear slices (orthographic views).
    pub linear: u32,
    /// Lights in the light list.
    pub light_count: u32,
    /// Directional lights (named by the cluster buffer's first words).
    pub directional_count: u32,
    /// 1 when the forward pass loops its cluster's lights.
    pub enabled: u32,
    /// Lights a screen tile's list of candidates holds.
    pub tile_capacity: u32,
    /// View depth where the first slice ends and the exponential ones begin.
    pub first_slice: f32,
    /// Padding.
    pub _pad: [u32; 2],
}

/// `DeformJob` in shared.wgsl: one deformed instance of the deformation pass.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct GpuDeformJob {
    /// First float of the primitive's rest positions, normals and tangents in the
    /// deformation data.
    pub rest_offset: u32,
    /// First vertex of the instance's deformed copy, in the window of the vertex pool
    /// its dispatch binds.
    pub target_vertex: u32,
    /// Vertices of the primitive.
    pub vertex_count: u32,
    /// First word of the primitive's skinning data, or
    /// [`deform::NO_SKIN`](crate::shaders::constants::deform::NO_SKIN).
    pub skin_offset: u32,
    /// First float of the primitive's morph offsets.
    pub morph_offset: u32,
    /// Morph targets of the primitive.
    pub target_count: u32,
    /// First of the instance's joint matrices.
    pub joint_offset: u32,
    /// First of the instance's morph weights.
    pub weight_offset: u32,
    /// [`deform::FLAT`](crate::shaders::constants::deform::FLAT),
    /// [`deform::EIGHT`](crate::shaders::constants::deform::EIGHT) and
    /// [`deform::TANGENT`](crate::shaders::constants::deform::TANGENT) as they apply.
    pub flags: u32,
    /// Vertices the pass's first step deforms: all of them, or a flat-shaded primitive's
    /// points (one corner of each; the other corners copy it).
    pub point_count: u32,
    /// A flat-shaded primitive's first word of its points' representative corners in
    /// the deformation data, followed by each corner's representative.
    pub weld_offset: u32,
}

/// `DrawGroup` in shared.wgsl: a primitive with a material, and its LOD batches.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuDrawGroup {
    /// Index into the material table.
    pub material: u32,
    /// First of its batches (one per level of detail).
    pub first_batch: u32,
    /// Levels of detail.
    pub lod_count: u32,
    /// `group_flags` bits.
    pub flags: u32,
    /// Projected diameter in pixels from which LOD 0 is drawn.
    pub lod_pixels: f32,
    /// Padding.
    pub _pad: [u32; 3],
}

/// `Batch` in shared.wgsl: one level of detail of a draw group.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuBatch {
    /// Indices per instance.
    pub index_count: u32,
    /// First index in the pooled index buffer.
    pub first_index: u32,
    /// Added to indices.
    pub base_vertex: i32,
    /// Start of its region in the visible-instance list.
    pub list_offset: u32,
    /// Its command slot when commands are not compacted.
    pub command_slot: u32,
    /// The multi-draw call that draws it.
    pub pipeline_group: u32,
    /// Padding.
    pub _pad: [u32; 2],
}

/// `PipelineGroup` in shared.wgsl: the commands of one multi-draw call.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct GpuPipelineGroup {
    /// First command slot.
    pub first_command: u32,
    /// Command slots.
    pub command_count: u32,
}

/// `DrawCommand` in shared.wgsl: a `DrawIndexedIndirect` command.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct GpuDrawCommand {
    /// Indices per instance.
    pub index_count: u32,
    /// Instances.
    pub instance_count: u32,
    /// First index.
    pub first_index: u32,
    /// Added to indices.
    pub base_vertex: i32,
    /// First instance (a position in the visible-instance list).
    pub first_instance: u32,
}

/// `CullView` in shared.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuCullView {
    /// World to view.
    pub view: [[f32; 4]; 4],
    /// Frustum planes (museion_scene::Frustum order).
    pub planes: [[f32; 4]; 6],
    /// `projection[0][0]`, `projection[1][1]`, near plane distance, unused.
    pub projection: [f32; 4],
    /// Orthographic depth scale and offset.
    pub ortho_depth: [f32; 4],
    /// Viewport width, height; Hi-Z level 0 width, height.
    pub viewport: [f32; 4],
    /// Instances in this chunk.
    pub instance_count: u32,
    /// Hi-Z levels.
    pub pyramid_levels: u32,
    /// Smallest projected diameter kept, pixels.
    pub small_object_pixels: f32,
    /// `cull_flags` bits.
    pub flags: u32,
    /// Invocations per row of the two-dimensional dispatch; the rest unused.
    pub dispatch: [u32; 4],
}

/// `Bake` in shared.wgsl: one step of the environment bake.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuBake {
    /// Size of the face (or table) being written, in texels.
    pub size: u32,
    /// The equirectangular image's width, or the source cube's face size.
    pub source_width: u32,
    /// The equirectangular image's height.
    pub source_height: u32,
    /// Importance samples per texel.
    pub sample_count: u32,
    /// Perceptual roughness of the specular level being written.
    pub roughness: f32,
    /// Padding.
    pub _pad: [u32; 3],
}

/// One vertex of the pooled vertex buffer (72 bytes; the layout of `VertexIn` in
/// pbr.wgsl).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct GpuVertex {
    /// Object-space position.
    pub position: [f32; 3],
    /// Unit normal.
    pub normal: [f32; 3],
    /// Tangent and bitangent sign (zero when the primitive has none).
    pub tangent: [f32; 4],
    /// `TEXCOORD_0` (zero when absent).
    pub uv0: [f32; 2],
    /// `TEXCOORD_1` (zero when absent).
    pub uv1: [f32; 2],
    /// Linear RGBA vertex colour (white when absent).
    pub color: [f32; 4],
}

impl GpuVertex {
    /// The vertex buffer layout matching `VertexIn`.
    pub const LAYOUT: wgpu::VertexBufferLayout<'static> = wgpu::VertexBufferLayout {
        array_stride: size_of::<GpuVertex>() as u64,
        step_mode: wgpu::VertexStepMode::Vertex,
        attributes: &wgpu::vertex_attr_array![
            0 => Float32x3,
            1 => Float32x3,
            2 => Float32x4,
            3 => Float32x2,
            4 => Float32x2,
            5 => Float32x4,
        ],
    };

    /// The vertices of a scene primitive.
    pub fn from_primitive(p: &museion_scene::Primitive) -> Vec<GpuVertex> {
        (0..p.vertex_count())
            .map(|i| GpuVertex {
                position: p.positions[i].to_array(),
                normal: p.normals.get(i).copied().unwrap_or(Vec3::Z).to_array(),
                tangent: p.tangents.as_ref().map_or([0.0; 4], |t| t[i].to_array()),
                uv0: p.uv0.as_ref().map_or([0.0; 2], |t| t[i].to_array()),
                uv1: p.uv1.as_ref().map_or([0.0; 2], |t| t[i].to_array()),
                color: p.colors.as_ref().map_or([1.0; 4], |t| t[i].to_array()),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texture_slot_rows_reproduce_the_transform() {
        let t = TextureRef {
            texture: museion_scene::TextureId(0),
            tex_coord: 1,
            transform: museion_scene::TextureTransform {
                offset: glam::Vec2::new(0.25, 0.5),
                rotation: 0.3,
                scale: glam::Vec2::new(2.0, 3.0),
            },
            color_space: museion_scene::ColorSpace::Srgb,
        };
        let slot = GpuTextureSlot::new(Some(&t));
        let uv = glam::Vec2::new(0.3, 0.7);
        let got = glam::Vec2::new(
            slot.u_row[0] * uv.x + slot.u_row[1] * uv.y + slot.u_row[2],
            slot.v_row[0] * uv.x + slot.v_row[1] * uv.y + slot.v_row[2],
        );
        assert!(got.abs_diff_eq(t.transform.apply(uv), 1e-6));
        assert_eq!((slot.u_row[3], slot.v_row[3]), (1.0, 1.0));
        assert_eq!(GpuTextureSlot::new(None).v_row[3], 0.0);
    }
}

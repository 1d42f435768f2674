//! The Rust mirrors of the shaders agree with naga's reading of them, without a GPU:
//! every `Gpu*` struct member by member (name, offset, size), every constant of
//! `museion::constants` by value, and the vertex buffer layout by location.

use super::constants::*;
use super::{ShaderSource, pbr};
use crate::gpu_types::*;
use std::collections::BTreeMap;
use wgpu::naga;

/// A struct member as both sides lay it out, in bytes.
#[derive(Clone, Debug, PartialEq)]
struct Member {
    name: String,
    offset: u32,
    size: u32,
}

/// A struct's size and members.
type Layout = (u32, Vec<Member>);

/// The layout of a Rust struct, given the names of all its fields: the pattern has no
/// `..`, so a field left out (or one that is not there) fails to compile.
macro_rules! rust_layout {
    ($ty:ident { $($field:ident),+ $(,)? }) => {{
        let value: $ty = bytemuck::Zeroable::zeroed();
        let $ty { $($field: _),+ } = value;
        let members = vec![$(Member {
            name: stringify!($field).to_owned(),
            offset: std::mem::offset_of!($ty, $field) as u32,
            size: size_of_val(&value.$field) as u32,
        }),+];
        (size_of::<$ty>() as u32, members)
    }};
}

/// Every struct of `museion::shared` and the layout of its Rust mirror.
fn rust_mirrors() -> Vec<(&'static str, Layout)> {
    vec![
        (
            "Camera",
            rust_layout!(GpuCamera {
                view_proj,
                view,
                inverse_view_proj,
                position,
                light_count,
                orthographic,
                _pad,
            }),
        ),
        (
            "Lighting",
            rust_layout!(GpuLighting {
                rotation,
                intensity,
                max_lod,
                flags,
                lux_stop_count,
                _pad,
                cascade_splits,
                shadow,
                lux_stops,
            }),
        ),
        (
            "ShadowView",
            rust_layout!(GpuShadowView {
                view_proj,
                texel,
                perspective,
                _pad,
            }),
        ),
        ("TextureSlot", rust_layout!(GpuTextureSlot { u_row, v_row })),
        (
            "Material",
            rust_layout!(GpuMaterial {
                base_color,
                emissive,
                metallic,
                roughness,
                normal_scale,
                occlusion_strength,
                alpha_cutoff,
                flags,
                _pad,
                specular,
                clearcoat,
                sheen,
                transmission,
                attenuation,
                iridescence,
                anisotropy,
                slots,
            }),
        ),
        (
            "Light",
            rust_layout!(GpuLight {
                position,
                kind,
                direction,
                range,
                color,
                shadow,
                spot_scale,
                spot_offset,
                _pad1,
            }),
        ),
        (
            "Tonemap",
            rust_layout!(GpuTonemap {
                exposure,
                curve,
                encode_srgb,
                auto_exposure,
                background,
            }),
        ),
        (
            "ExposureState",
            rust_layout!(GpuExposureState {
                ev,
                scale,
                target_ev,
                adapted,
            }),
        ),
        (
            "AutoExposure",
            rust_layout!(GpuAutoExposure {
                log2_min,
                log2_range,
                low_percentile,
                high_percentile,
                target_offset,
                delta_time,
                speed_up,
                speed_down,
            }),
        ),
        (
            "DrawGroup",
            rust_layout!(GpuDrawGroup {
                material,
                first_batch,
                lod_count,
                flags,
                lod_pixels,
                _pad,
            }),
        ),
        (
            "Batch",
            rust_layout!(GpuBatch {
                index_count,
                first_index,
                base_vertex,
                list_offset,
                command_slot,
                pipeline_group,
                _pad,
            }),
        ),
        (
            "ProbeParams",
            rust_layout!(GpuProbeParams {
                map_origin,
                map_cell,
                offset,
                map_size,
                volume_count,
                group_height,
                atlas_scale,
                reflection_max_lod,
            }),
        ),
        (
            "ProbeVolume",
            rust_layout!(GpuProbeVolume {
                min,
                bottom,
                inverse_step,
                top,
                counts,
                atlas_z,
                reflection_min,
                reflection,
                reflection_max,
                _pad,
                capture,
                _pad_end,
            }),
        ),
        (
            "ClusterParams",
            rust_layout!(GpuClusterParams {
                projection,
                inverse_projection,
                view,
                grid,
                capacity,
                tile,
                size,
                near,
                far,
                slice_scale,
                slice_bias,
                linear,
                light_count,
                directional_count,
                enabled,
                tile_capacity,
                first_slice,
                _pad,
            }),
        ),
        (
            "DeformJob",
            rust_layout!(GpuDeformJob {
                rest_offset,
                target_vertex,
                vertex_count,
                skin_offset,
                morph_offset,
                target_count,
                joint_offset,
                weight_offset,
                flags,
                point_count,
                weld_offset,
            }),
        ),
        (
            "PipelineGroup",
            rust_layout!(GpuPipelineGroup {
                first_command,
                command_count,
            }),
        ),
        (
            "DrawCommand",
            rust_layout!(GpuDrawCommand {
                index_count,
                instance_count,
                first_index,
                base_vertex,
                first_instance,
            }),
        ),
        (
            "CullView",
            rust_layout!(GpuCullView {
                view,
                planes,
                projection,
                ortho_depth,
                viewport,
                instance_count,
                pyramid_levels,
                small_object_pixels,
                flags,
                dispatch,
            }),
        ),
        (
            "AoParams",
            rust_layout!(GpuAoParams {
                projection,
                inverse_projection,
                size,
                slices,
                steps,
                radius,
                pixels_per_metre,
                orthographic,
                power,
            }),
        ),
        (
            "Bake",
            rust_layout!(GpuBake {
                size,
                source_width,
                source_height,
                sample_count,
                roughness,
                _pad,
            }),
        ),
    ]
}

/// Every constant of `museion::constants` and its Rust twin's value.
fn rust_constants() -> BTreeMap<&'static str, u64> {
    let u = u64::from;
    let slot = |index: usize| index as u64;
    BTreeMap::from([
        ("LIGHTING_MULTISCATTER", u(lighting_flags::MULTISCATTER)),
        ("LUX_STOPS", u(LUX_STOPS)),
        ("SLOT_BASE_COLOR", slot(texture_slot::BASE_COLOR)),
        ("SLOT_METALLIC_ROUGHNESS", slot(texture_slot::METALLIC_ROUGHNESS)),
        ("SLOT_NORMAL", slot(texture_slot::NORMAL)),
        ("SLOT_OCCLUSION", slot(texture_slot::OCCLUSION)),
        ("SLOT_EMISSIVE", slot(texture_slot::EMISSIVE)),
        ("SLOT_SPECULAR", slot(texture_slot::SPECULAR)),
        ("SLOT_SPECULAR_COLOR", slot(texture_slot::SPECULAR_COLOR)),
        ("SLOT_CLEARCOAT", slot(texture_slot::CLEARCOAT)),
        (
            "SLOT_CLEARCOAT_ROUGHNESS",
            slot(texture_slot::CLEARCOAT_ROUGHNESS),
        ),
        ("SLOT_CLEARCOAT_NORMAL", slot(texture_slot::CLEARCOAT_NORMAL)),
        ("SLOT_SHEEN_COLOR", slot(texture_slot::SHEEN_COLOR)),
        ("SLOT_SHEEN_ROUGHNESS", slot(texture_slot::SHEEN_ROUGHNESS)),
        ("SLOT_TRANSMISSION", slot(texture_slot::TRANSMISSION)),
        ("SLOT_THICKNESS", slot(texture_slot::THICKNESS)),
        ("SLOT_IRIDESCENCE", slot(texture_slot::IRIDESCENCE)),
        (
            "SLOT_IRIDESCENCE_THICKNESS",
            slot(texture_slot::IRIDESCENCE_THICKNESS),
        ),
        ("SLOT_ANISOTROPY", slot(texture_slot::ANISOTROPY)),
        ("SLOT_COUNT", slot(texture_slot::COUNT)),
        ("MATERIAL_UNLIT", u(material_flags::UNLIT)),
        ("MATERIAL_ALPHA_MASK", u(material_flags::ALPHA_MASK)),
        ("MATERIAL_ALPHA_BLEND", u(material_flags::ALPHA_BLEND)),
        ("MATERIAL_DOUBLE_SIDED", u(material_flags::DOUBLE_SIDED)),
        ("MATERIAL_CLEARCOAT", u(material_flags::CLEARCOAT)),
        ("MATERIAL_SHEEN", u(material_flags::SHEEN)),
        ("MATERIAL_TRANSMISSION", u(material_flags::TRANSMISSION)),
        ("MATERIAL_IRIDESCENCE", u(material_flags::IRIDESCENCE)),
        ("MATERIAL_ANISOTROPY", u(material_flags::ANISOTROPY)),
        ("MATERIAL_SPECULAR_TEXTURES", u(material_flags::SPECULAR_TEXTURES)),
        ("MATERIAL_CORE_TEXTURES", u(material_flags::CORE_TEXTURES)),
        ("LIGHT_DIRECTIONAL", u(light_kind::DIRECTIONAL)),
        ("LIGHT_POINT", u(light_kind::POINT)),
        ("LIGHT_SPOT", u(light_kind::SPOT)),
        ("GROUP_BLENDED", u(group_flags::BLENDED)),
        ("CULL_SMALL_OBJECTS", u(cull_flags::SMALL_OBJECTS)),
        ("CULL_LOD", u(cull_flags::LOD)),
        ("CULL_ORTHOGRAPHIC", u(cull_flags::ORTHOGRAPHIC)),
        ("CULL_EXACT_DEPTH", u(cull_flags::EXACT_DEPTH)),
        ("DEFORM_VERTEX_FLOATS", u(deform::VERTEX_FLOATS)),
        ("DEFORM_SKIN_WORDS", u(deform::SKIN_WORDS)),
        ("DEFORM_MORPH_FLOATS", u(deform::MORPH_FLOATS)),
        ("DEFORM_REST_FLOATS", u(deform::REST_FLOATS)),
        ("DEFORM_NO_SKIN", u(deform::NO_SKIN)),
        ("DEFORM_FLAT", u(deform::FLAT)),
        ("DEFORM_EIGHT", u(deform::EIGHT)),
        ("DEFORM_TANGENT", u(deform::TANGENT)),
        ("CURVE_NONE", u(tone_curve::NONE)),
        ("CURVE_PBR_NEUTRAL", u(tone_curve::PBR_NEUTRAL)),
        ("CURVE_ACES", u(tone_curve::ACES)),
        ("CURVE_AGX", u(tone_curve::AGX)),
        ("CULL_WORKGROUP", u(CULL_WORKGROUP)),
        ("DEFORM_WORKGROUP", u(DEFORM_WORKGROUP)),
        ("CLUSTER_WORKGROUP", u(CLUSTER_WORKGROUP)),
        ("CLUSTER_STAT_VISIBLE", u(cluster_stat::VISIBLE)),
        ("CLUSTER_STAT_SUM", u(cluster_stat::SUM)),
        ("CLUSTER_STAT_MAX", u(cluster_stat::MAX)),
        ("CLUSTER_STAT_OVERFLOWED", u(cluster_stat::OVERFLOWED)),
        ("CLUSTER_STAT_DROPPED", u(cluster_stat::DROPPED)),
        ("CLUSTER_STAT_WORDS", u(cluster_stat::WORDS)),
        ("IMAGE_TILE", u(IMAGE_TILE)),
        ("EXPOSURE_TILE", u(EXPOSURE_TILE)),
        ("HISTOGRAM_BINS", u(HISTOGRAM_BINS)),
    ])
}

/// The shared module `file` composed on its own, so its items keep their own names.
fn shared_module(file: &str) -> naga::Module {
    let source = super::SHARED_MODULES
        .into_iter()
        .find(|s| s.name == file)
        .unwrap_or_else(|| panic!("{file} is not a shared module"));
    compose(source)
}

fn compose(source: ShaderSource) -> naga::Module {
    source
        .compose()
        .unwrap_or_else(|report| panic!("{} does not compose:\n{report}", source.name))
}

/// The structs of `module` with naga's layout: size, and each member's offset and size.
fn wgsl_layouts(module: &naga::Module) -> BTreeMap<String, Layout> {
    let mut layouter = naga::proc::Layouter::default();
    layouter.update(module.to_ctx()).expect("the module lays out");
    module
        .types
        .iter()
        .filter_map(|(handle, ty)| {
            let naga::TypeInner::Struct { members, .. } = &ty.inner else {
                return None;
            };
            let members = members
                .iter()
                .map(|m| Member {
                    name: m.name.clone().unwrap_or_default(),
                    offset: m.offset,
                    size: layouter[m.ty].size,
                })
                .collect();
            Some((ty.name.clone()?, (layouter[handle].size, members)))
        })
        .collect()
}

/// The members that carry data. Padding is one `_pad` array in Rust and `_pad0`,
/// `_pad1`, ... in WGSL (arrays in uniform buffers need 16-byte strides): with every
/// other member in place and the sizes equal, the padding is in place too.
fn data_members(members: &[Member]) -> Vec<Member> {
    members
        .iter()
        .filter(|m| !m.name.starts_with("_pad"))
        .cloned()
        .collect()
}

#[test]
fn every_gpu_struct_matches_its_wgsl_struct_member_by_member() {
    let wgsl = wgsl_layouts(&shared_module("shared.wgsl"));
    let mirrors = rust_mirrors();
    for (name, (rust_size, rust_members)) in &mirrors {
        let Some((wgsl_size, wgsl_members)) = wgsl.get(*name) else {
            panic!("shared.wgsl has no struct {name}");
        };
        assert_eq!(
            data_members(rust_members),
            data_members(wgsl_members),
            "members of {name} (Rust left, WGSL right)"
        );
        assert_eq!(rust_size, wgsl_size, "size of {name} (Rust left, WGSL right)");
    }
    let mirrored: Vec<&str> = mirrors.iter().map(|(name, _)| *name).collect();
    for name in wgsl.keys() {
        assert!(
            mirrored.contains(&name.as_str()),
            "{name} has no Rust mirror here"
        );
    }
    assert_eq!(
        size_of::<GpuDrawCommand>(),
        20,
        "DrawIndexedIndirect is five words"
    );
}

#[test]
fn every_shared_constant_has_its_rust_value() {
    let module = shared_module("constants.wgsl");
    let wgsl: BTreeMap<&str, u64> = module
        .constants
        .iter()
        .map(|(_, constant)| {
            let name = constant.name.as_deref().expect("constants are named");
            match module.global_expressions[constant.init] {
                naga::Expression::Literal(naga::Literal::U32(value)) => (name, u64::from(value)),
                ref other => panic!("{name} is {other:?}, not a u32"),
            }
        })
        .collect();
    assert_eq!(wgsl, rust_constants(), "WGSL left, Rust right");
}

#[test]
fn the_histogram_has_as_many_bins_in_wgsl_as_in_rust() {
    let module = compose(super::exposure());
    let bins = module
        .global_variables
        .iter()
        .find(|(_, v)| v.name.as_deref() == Some("histogram"))
        .map(|(_, v)| &module.types[v.ty].inner)
        .expect("exposure.wgsl binds `histogram`");
    let naga::TypeInner::Array {
        size: naga::ArraySize::Constant(count),
        ..
    } = bins
    else {
        panic!("histogram is {bins:?}");
    };
    assert_eq!(count.get(), HISTOGRAM_BINS);
}

#[test]
fn the_vertex_layout_matches_the_shader_inputs() {
    let module = compose(pbr());
    let (_, ty) = module
        .types
        .iter()
        .find(|(_, ty)| ty.name.as_deref() == Some("VertexIn"))
        .expect("pbr.wgsl declares VertexIn");
    let naga::TypeInner::Struct { members, .. } = &ty.inner else {
        panic!("VertexIn is a struct")
    };
    let (stride, rust) = rust_layout!(GpuVertex {
        position,
        normal,
        tangent,
        uv0,
        uv1,
        color,
    });
    let attributes = GpuVertex::LAYOUT.attributes;
    assert_eq!(members.len(), rust.len());
    assert_eq!(attributes.len(), rust.len());
    for member in members {
        let name = member.name.as_deref().unwrap_or_default();
        let Some(naga::Binding::Location { location, .. }) = member.binding else {
            panic!("VertexIn.{name} has no location");
        };
        let field = rust
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("GpuVertex has no field {name}"));
        let attribute = attributes
            .iter()
            .find(|a| a.shader_location == location)
            .unwrap_or_else(|| panic!("no attribute at location {location}"));
        assert_eq!(attribute.offset, u64::from(field.offset), "offset of {name}");
        assert_eq!(attribute.format.size(), u64::from(field.size), "size of {name}");
    }
    assert_eq!(GpuVertex::LAYOUT.array_stride, u64::from(stride));
    assert_eq!(GpuVertex::LAYOUT.array_stride, 72);
}

#[test]
fn gpu_materials_fill_the_texture_slots_the_shaders_read() {
    // Each texture's UV offset names its slot; the offset lands in u_row.z.
    let texture = |slot: usize| {
        Some(museion_scene::TextureRef {
            texture: museion_scene::TextureId(slot as u32),
            tex_coord: 0,
            transform: museion_scene::TextureTransform {
                offset: glam::Vec2::new(slot as f32, 0.0),
                ..Default::default()
            },
            color_space: museion_scene::ColorSpace::Linear,
        })
    };
    let material = museion_scene::Material {
        base_color_texture: texture(texture_slot::BASE_COLOR),
        metallic_roughness_texture: texture(texture_slot::METALLIC_ROUGHNESS),
        normal_texture: texture(texture_slot::NORMAL),
        occlusion_texture: texture(texture_slot::OCCLUSION),
        emissive_texture: texture(texture_slot::EMISSIVE),
        specular: Some(museion_scene::Specular {
            texture: texture(texture_slot::SPECULAR),
            color_texture: texture(texture_slot::SPECULAR_COLOR),
            ..Default::default()
        }),
        clearcoat: Some(museion_scene::Clearcoat {
            texture: texture(texture_slot::CLEARCOAT),
            roughness_texture: texture(texture_slot::CLEARCOAT_ROUGHNESS),
            normal_texture: texture(texture_slot::CLEARCOAT_NORMAL),
            ..Default::default()
        }),
        sheen: Some(museion_scene::Sheen {
            color_texture: texture(texture_slot::SHEEN_COLOR),
            roughness_texture: texture(texture_slot::SHEEN_ROUGHNESS),
            ..Default::default()
        }),
        transmission: Some(museion_scene::Transmission {
            texture: texture(texture_slot::TRANSMISSION),
            ..Default::default()
        }),
        volume: Some(museion_scene::Volume {
            thickness_texture: texture(texture_slot::THICKNESS),
            ..Default::default()
        }),
        iridescence: Some(museion_scene::Iridescence {
            texture: texture(texture_slot::IRIDESCENCE),
            thickness_texture: texture(texture_slot::IRIDESCENCE_THICKNESS),
            ..Default::default()
        }),
        anisotropy: Some(museion_scene::Anisotropy {
            texture: texture(texture_slot::ANISOTROPY),
            ..Default::default()
        }),
        ..Default::default()
    };
    let gpu = GpuMaterial::new(&material, |_| true);
    assert_eq!(gpu.slots.len(), texture_slot::COUNT);
    for (index, slot) in gpu.slots.iter().enumerate() {
        assert_eq!(slot.u_row[2], index as f32, "slot {index}");
        assert!(slot.has_texture(), "slot {index}");
    }
    assert_ne!(gpu.flags & material_flags::SPECULAR_TEXTURES, 0);
}

//! Baked irradiance probes on the GPU: bindings 12 to 15 of the lighting group. Each
//! room's grid of harmonics goes into one 3D atlas (half floats, filtered by the
//! sampler, so the forward pass reads the eight probes around a point in seven taps),
//! the grids into a storage buffer, the room map into an integer texture; binding 16,
//! the rooms' reflection cubes, prefiltered for roughness as the environment is, in one
//! cube array (each grid names its room's cube and box). Without probes, the atlas and
//! map are one texel, the cube array one black cube and the grid list says none: the
//! environment lights as it always did.

use crate::error::{RenderError, Result};
use half::f16;
use museion_environment::{Baker, CUBE_FORMAT, prefiltered_cubes};
use museion_gpu::GpuContext;
use museion_gpu::gpu_types::{GpuProbeParams, GpuProbeVolume};
use museion_scene::IrradianceProbes;
use museion_scene::probes::SH_COEFFICIENTS;
use wgpu::util::DeviceExt as _;

/// RGBA groups the 27 numbers of a probe take in the atlas.
const GROUPS: u32 = (SH_COEFFICIENTS as u32 * 3).div_ceil(4);
/// The atlas's texel format.
const ATLAS_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba16Float;
/// Largest magnitude a half float holds.
const HALF_MAX: f32 = 65_504.0;

/// What the lighting group binds of the probes.
pub(crate) struct ProbeBindings {
    pub atlas: wgpu::TextureView,
    pub params: wgpu::Buffer,
    pub volumes: wgpu::Buffer,
    pub map: wgpu::TextureView,
    /// The rooms' reflection cubes (a cube array).
    pub reflections: wgpu::TextureView,
    /// Rooms with probes (0: none bound, the environment lights everything).
    pub volume_count: u32,
}

impl ProbeBindings {
    /// No probes: the environment lights.
    pub fn none(ctx: &GpuContext) -> Self {
        Self::upload_parts(
            ctx,
            GpuProbeParams::default(),
            &[GpuProbeVolume::default()],
            (1, 1, 1),
            &[0; 8],
            ((1, 1), &[0]),
            None,
        )
    }

    /// `probes` uploaded, their reflection cubes prefiltered with `baker`; an error when
    /// their atlas or map is larger than the device's textures may be. Reflection cubes
    /// the device cannot hold (more rooms than a sixth of its array layers) are left out
    /// with a warning: those rooms reflect the environment.
    pub fn new(ctx: &GpuContext, baker: &Baker, probes: &IrradianceProbes) -> Result<Self> {
        if probes.volumes.is_empty() {
            return Ok(Self::none(ctx));
        }
        let width = probes.volumes.iter().map(|v| v.counts.x).max().unwrap_or(1);
        let group_height = probes.volumes.iter().map(|v| v.counts.y).max().unwrap_or(1);
        let depth: u32 = probes.volumes.iter().map(|v| v.counts.z).sum();
        let height = group_height * GROUPS;
        let limits = ctx.device.limits();
        let (max_3d, max_2d) = (limits.max_texture_dimension_3d, limits.max_texture_dimension_2d);
        if width.max(height).max(depth) > max_3d || probes.map.size.max_element() > max_2d {
            return Err(RenderError::Probes(format!(
                "the probe atlas ({width} x {height} x {depth}) or room map ({} x {}) is larger than this GPU's textures \
                 ({max_3d} and {max_2d}); bake with a wider probe_spacing",
                probes.map.size.x, probes.map.size.y
            )));
        }
        let mut texels = vec![f16::ZERO; (width * height * depth * 4) as usize];
        let mut volumes = Vec::with_capacity(probes.volumes.len());
        let reflections = &probes.reflections;
        let cubes = Self::reflection_cubes(ctx, baker, probes);
        let mut z0 = 0;
        for (index, volume) in probes.volumes.iter().enumerate() {
            for k in 0..volume.counts.z {
                for j in 0..volume.counts.y {
                    for i in 0..volume.counts.x {
                        let probe = &probes.probes[volume.index(glam::UVec3::new(i, j, k))];
                        let numbers = probe.0.iter().flat_map(|c| c.to_array());
                        for (f, value) in numbers.enumerate() {
                            let (group, channel) = (f as u32 / 4, f as u32 % 4);
                            let texel = i + width * (j + group * group_height + height * (z0 + k));
                            texels[(texel * 4 + channel) as usize] =
                                f16::from_f32(value.clamp(-HALF_MAX, HALF_MAX));
                        }
                    }
                }
            }
            let inverse = |step: f32, count: u32| if count > 1 && step > 0.0 { 1.0 / step } else { 0.0 };
            volumes.push(GpuProbeVolume {
                min: volume.min.to_array(),
                bottom: volume.bottom,
                inverse_step: [
                    inverse(volume.step.x, volume.counts.x),
                    inverse(volume.step.y, volume.counts.y),
                    inverse(volume.step.z, volume.counts.z),
                ],
                top: volume.top,
                counts: volume.counts.to_array(),
                atlas_z: z0,
                ..Default::default()
            });
            if let (Some((_, count)), Some(cube)) = (&cubes, reflections.probes.get(index))
                && index < *count
                && let Some(gpu) = volumes.last_mut()
            {
                gpu.reflection = index as u32 + 1;
                gpu.reflection_min = cube.min.to_array();
                gpu.reflection_max = cube.max.to_array();
                gpu.capture = cube.capture.to_array();
            }
            z0 += volume.counts.z;
        }
        let map = &probes.map;
        let cells: Vec<u32> = map
            .cells
            .iter()
            .map(|[a, b]| u32::from(*a) | (u32::from(*b) << 16))
            .collect();
        let params = GpuProbeParams {
            map_origin: map.origin.to_array(),
            map_cell: map.cell,
            offset: map.offset,
            map_size: map.size.to_array(),
            volume_count: volumes.len() as u32,
            group_height,
            atlas_scale: [1.0 / width as f32, 1.0 / height as f32, 1.0 / depth as f32],
            reflection_max_lod: cubes
                .as_ref()
                .map_or(0.0, |(texture, _)| (texture.mip_level_count() - 1) as f32),
        };
        Ok(Self::upload_parts(
            ctx,
            params,
            &volumes,
            (width, height, depth),
            bytemuck::cast_slice(&texels),
            ((map.size.x, map.size.y), &cells),
            cubes.map(|(texture, _)| texture),
        ))
    }

    /// The reflection cubes of `probes` prefiltered, and how many rooms have one (those
    /// the device's array layers hold); `None` when they have none.
    fn reflection_cubes(
        ctx: &GpuContext,
        baker: &Baker,
        probes: &IrradianceProbes,
    ) -> Option<(wgpu::Texture, usize)> {
        let reflections = &probes.reflections;
        if reflections.probes.len() != probes.volumes.len() || reflections.is_empty() {
            return None;
        }
        let most = ctx.device.limits().max_texture_array_layers as usize / 6;
        if reflections.probes.len() > most {
            log::warn!(
                "{} rooms' reflection cubes is more than this GPU's texture arrays hold ({most}); the rooms past them reflect the environment",
                reflections.probes.len()
            );
        }
        let count = reflections.probes.len().min(most);
        let texels: Vec<&[glam::Vec3]> = reflections.probes[..count]
            .iter()
            .map(|p| p.texels.as_slice())
            .collect();
        let texture = prefiltered_cubes(ctx, baker, reflections.face, &texels);
        if texture.is_none() {
            log::warn!(
                "reflection cubes of {}² texels cannot be prefiltered on this GPU; the rooms reflect the environment",
                reflections.face
            );
        }
        Some((texture?, count))
    }

    fn upload_parts(
        ctx: &GpuContext,
        params: GpuProbeParams,
        volumes: &[GpuProbeVolume],
        (width, height, depth): (u32, u32, u32),
        atlas_bytes: &[u8],
        ((map_width, map_height), cells): ((u32, u32), &[u32]),
        reflections: Option<wgpu::Texture>,
    ) -> Self {
        // No cubes: one black one (new textures are zeroed).
        let reflections = reflections.unwrap_or_else(|| {
            ctx.device.create_texture(&wgpu::TextureDescriptor {
                label: Some("no reflection cubes"),
                size: wgpu::Extent3d {
                    width: 1,
                    height: 1,
                    depth_or_array_layers: 6,
                },
                mip_level_count: 1,
                sample_count: 1,
                dimension: wgpu::TextureDimension::D2,
                format: CUBE_FORMAT,
                usage: wgpu::TextureUsages::TEXTURE_BINDING,
                view_formats: &[],
            })
        });
        let atlas = ctx.device.create_texture_with_data(
            &ctx.queue,
            &wgpu::TextureDescriptor {
                label: Some("probe atlas"),
                size: wgpu::Extent3d {
                    width,
                    height,
                    depth_or_array_layers: depth,
                },
                mip_level_count: 1,
                sample_count: 1,
                dimension: wgpu::TextureDimension::D3,
                format: ATLAS_FORMAT,
                usage: wgpu::TextureUsages::TEXTURE_BINDING,
                view_formats: &[],
            },
            wgpu::util::TextureDataOrder::LayerMajor,
            atlas_bytes,
        );
        let map = ctx.device.create_texture_with_data(
            &ctx.queue,
            &wgpu::TextureDescriptor {
                label: Some("room map"),
                size: wgpu::Extent3d {
                    width: map_width,
                    height: map_height,
                    depth_or_array_layers: 1,
                },
                mip_level_count: 1,
                sample_count: 1,
                dimension: wgpu::TextureDimension::D2,
                format: wgpu::TextureFormat::R32Uint,
                usage: wgpu::TextureUsages::TEXTURE_BINDING,
                view_formats: &[],
            },
            wgpu::util::TextureDataOrder::LayerMajor,
            bytemuck::cast_slice(cells),
        );
        let volume_count = params.volume_count;
        let params = ctx.device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("probe params"),
            contents: bytemuck::bytes_of(&params),
            usage: wgpu::BufferUsages::UNIFORM,
        });
        let volumes = ctx.device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("probe volumes"),
            contents: bytemuck::cast_slice(volumes),
            usage: wgpu::BufferUsages::STORAGE,
        });
        Self {
            atlas: atlas.create_view(&wgpu::TextureViewDescriptor::default()),
            params,
            volumes,
            map: map.create_view(&wgpu::TextureViewDescriptor::default()),
            reflections: reflections.create_view(&wgpu::TextureViewDescriptor {
                label: Some("reflection cubes"),
                dimension: Some(wgpu::TextureViewDimension::CubeArray),
                ..Default::default()
            }),
            volume_count,
        }
    }
}

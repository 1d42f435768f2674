//! The GPU bake of an environment: equirectangular image → cube map with a mip chain →
//! GGX-prefiltered specular chain, and a Lambertian-filtered irradiance cube; and the
//! split-sum table.

use super::source::EquirectImage;
use crate::error::Result;
use museion_gpu::GpuContext;
use museion_gpu::gpu_types::GpuBake;
use museion_gpu::shaders;
use museion_gpu::shaders::constants::IMAGE_TILE;

/// The format of the cube maps.
pub const CUBE_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba16Float;
/// Importance samples per texel of the first prefiltered level; each further level has a
/// quarter of the texels and four times the samples (up to `SPECULAR_SAMPLES_MAX`), so
/// every level costs the same and the rough levels, whose lobes are widest, are not
/// left to a few samples reading very coarse mips.
const SPECULAR_SAMPLES: u32 = 64;
const SPECULAR_SAMPLES_MAX: u32 = 1024;
/// The split-sum table's size (square) and samples per texel.
const TABLE_SIZE: u32 = 64;
const TABLE_SAMPLES: u32 = 512;
/// Face size of the irradiance cube. E(n)/π is the environment filtered by the clamped
/// cosine, a lobe 180° wide, so it changes slowly: at 32² texel centres are at most
/// h = 3.6° (0.0625 rad) apart, and for the sharpest case, a point-like sun whose E/π is
/// L·max(0, cos θ), the linear filter between them errs by at most h²/8 ≈ 0.05% of the
/// peak where the sun is up, and h/4 ≈ 1.6% of the peak only at the terminator, where the
/// value itself is zero. The Khronos sample renderer's cube is 128²; that would cost 16
/// times the bake for no visible change.
pub const IRRADIANCE_FACE: u32 = 32;
/// Largest face size of the level the irradiance is integrated from. Every output texel
/// sums over all of its texels (6 × 32² = 6144 of them, each with its exact solid angle),
/// so the bake costs 6 × 32² × 6 × 32² ≈ 38 million terms. The mip chain keeps each
/// texel the mean of the texels under it, so a sun smaller than a texel keeps its energy
/// and only its direction is rounded to the texel's centre (1.8° at most). On lavapipe
/// (2 cores) the pass adds about 0.25 s to a bake; a 64² level costs about 1 s more and
/// is no closer on the analytic tests (both within 0.1% of a hemisphere's E/π).
const IRRADIANCE_SOURCE_MAX: u32 = 32;
/// Largest and smallest cube face sizes.
const FACE_MAX: u32 = 512;
const FACE_MIN: u32 = 16;

/// The cube face size for an equirectangular image `width` texels wide: a quarter of
/// it (the face then has about the image's resolution), a power of two in 16..=512.
pub fn face_size(width: u32) -> u32 {
    (width / 4).next_power_of_two().clamp(FACE_MIN, FACE_MAX)
}

/// Levels of the specular chain for faces of `face` texels: down to 8×8, the last
/// holding roughness 1 (one level for faces of 8 texels or fewer).
pub fn specular_levels(face: u32) -> u32 {
    face.max(1).ilog2().saturating_sub(2).max(1)
}

/// Importance samples per texel of prefiltered level `level` (1 and up).
fn specular_samples(level: u32) -> u32 {
    let quadrupled = SPECULAR_SAMPLES.saturating_mul(1 << (2 * (level.saturating_sub(1)).min(8)));
    quadrupled.min(SPECULAR_SAMPLES_MAX)
}

/// The textures a bake makes.
pub struct Baked {
    /// The GGX-prefiltered specular chain.
    pub specular: wgpu::Texture,
    /// The irradiance cube: E(n)/π, one level of [`IRRADIANCE_FACE`]² faces.
    pub irradiance: wgpu::Texture,
}

/// The compute pipelines of the bake.
pub struct Baker {
    equirect_to_cube: wgpu::ComputePipeline,
    downsample: wgpu::ComputePipeline,
    prefilter: wgpu::ComputePipeline,
    irradiance: wgpu::ComputePipeline,
    brdf_table: wgpu::ComputePipeline,
    sampler: wgpu::Sampler,
}

impl Baker {
    /// The bake's pipelines, compiled once and kept for every environment loaded later.
    pub fn new(ctx: &GpuContext) -> Self {
        let module = shaders::environment().create(&ctx.device);
        // Each entry point binds only some of the module's bindings: layouts are derived.
        let pipeline = |entry: &str| {
            ctx.device
                .create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                    label: Some(entry),
                    layout: None,
                    module: &module,
                    entry_point: Some(entry),
                    compilation_options: Default::default(),
                    cache: None,
                })
        };
        Self {
            equirect_to_cube: pipeline("equirect_to_cube"),
            downsample: pipeline("downsample_cube"),
            prefilter: pipeline("prefilter"),
            irradiance: pipeline("irradiance"),
            brdf_table: pipeline("brdf_table"),
            sampler: linear_sampler(ctx),
        }
    }

    /// Runs `pipeline` over `groups` workgroups with `params` at binding 0 and the given
    /// resources at their bindings.
    fn dispatch(
        &self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        pipeline: &wgpu::ComputePipeline,
        params: GpuBake,
        resources: &[(u32, wgpu::BindingResource)],
        groups: (u32, u32, u32),
    ) {
        let uniform = wgpu::util::DeviceExt::create_buffer_init(
            &ctx.device,
            &wgpu::util::BufferInitDescriptor {
                label: Some("bake"),
                contents: bytemuck::bytes_of(&params),
                usage: wgpu::BufferUsages::UNIFORM,
            },
        );
        let mut entries = vec![wgpu::BindGroupEntry {
            binding: 0,
            resource: uniform.as_entire_binding(),
        }];
        entries.extend(resources.iter().map(|(binding, resource)| wgpu::BindGroupEntry {
            binding: *binding,
            resource: resource.clone(),
        }));
        let bind_group = ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("bake"),
            layout: &pipeline.get_bind_group_layout(0),
            entries: &entries,
        });
        let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some("bake"),
            timestamp_writes: None,
        });
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, &bind_group, &[]);
        pass.dispatch_workgroups(groups.0, groups.1, groups.2);
    }

    /// Bakes `image`: the specular chain (level 0 is the environment itself, the last
    /// roughness 1) and the irradiance cube (see [`IRRADIANCE_FACE`]), and waits for the
    /// GPU to finish them.
    pub fn bake(&self, ctx: &GpuContext, image: &EquirectImage) -> Result<Baked> {
        let face = face_size(image.width);
        let source_levels = face.ilog2() + 1;
        let levels = specular_levels(face);
        let equirect = ctx.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("equirectangular environment"),
            size: wgpu::Extent3d {
                width: image.width,
                height: image.height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rgba32Float,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        });
        ctx.queue.write_texture(
            equirect.as_image_copy(),
            bytemuck::cast_slice(&image.texels),
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(16 * image.width),
                rows_per_image: Some(image.height),
            },
            equirect.size(),
        );
        let equirect_view = equirect.create_view(&wgpu::TextureViewDescriptor::default());
        let source = cube_texture(ctx, "environment source", face, source_levels);
        let specular = cube_texture(ctx, "environment specular", face, levels);

        let mut encoder = ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("bake") });
        let params = |size: u32, source: (u32, u32), samples: u32, roughness: f32| GpuBake {
            size,
            source_width: source.0,
            source_height: source.1,
            sample_count: samples,
            roughness,
            _pad: [0; 3],
        };
        let groups = |size: u32| (size.div_ceil(IMAGE_TILE), size.div_ceil(IMAGE_TILE), 6);
        self.dispatch(
            ctx,
            &mut encoder,
            &self.equirect_to_cube,
            params(face, (image.width, image.height), 0, 0.0),
            &[
                (1, wgpu::BindingResource::TextureView(&equirect_view)),
                (2, wgpu::BindingResource::TextureView(&layers_view(&source, 0, 0))),
            ],
            groups(face),
        );
        self.prefilter_into(ctx, &mut encoder, &source, &specular, 0);
        let irradiance_level = face.ilog2().saturating_sub(IRRADIANCE_SOURCE_MAX.ilog2());
        let irradiance = cube_texture(ctx, "environment irradiance", IRRADIANCE_FACE, 1);
        self.dispatch(
            ctx,
            &mut encoder,
            &self.irradiance,
            params(IRRADIANCE_FACE, (face >> irradiance_level, 0), 0, 0.0),
            &[
                (
                    2,
                    wgpu::BindingResource::TextureView(&layers_view(&irradiance, 0, 0)),
                ),
                (
                    3,
                    wgpu::BindingResource::TextureView(&layers_view(&source, irradiance_level, 0)),
                ),
            ],
            groups(IRRADIANCE_FACE),
        );
        ctx.queue.submit([encoder.finish()]);
        ctx.wait_idle()?;
        Ok(Baked { specular, irradiance })
    }

    /// Fills `source`'s mip chain (a cube of six layers, level 0 written, every level down
    /// to 1×1) with the mean of four texels per texel, and prefilters it into the six
    /// layers of `specular` from `first_layer` (of the same face size, any number of
    /// levels): level 0 the source itself (a mirror), the last roughness 1, those
    /// between GGX lobes of roughness `level / (levels − 1)` (importance sampled, each
    /// sample reading the source level whose texels match its solid angle). The
    /// environment's bake and the rooms' reflection cubes share it.
    pub fn prefilter_into(
        &self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        source: &wgpu::Texture,
        specular: &wgpu::Texture,
        first_layer: u32,
    ) {
        let face = source.width();
        let groups = |size: u32| (size.div_ceil(IMAGE_TILE), size.div_ceil(IMAGE_TILE), 6);
        let params = |size: u32, source: u32, samples: u32, roughness: f32| GpuBake {
            size,
            source_width: source,
            source_height: source,
            sample_count: samples,
            roughness,
            _pad: [0; 3],
        };
        for level in 1..source.mip_level_count() {
            let size = (face >> level).max(1);
            self.dispatch(
                ctx,
                encoder,
                &self.downsample,
                params(size, size * 2, 0, 0.0),
                &[
                    (
                        2,
                        wgpu::BindingResource::TextureView(&layers_view(source, level, 0)),
                    ),
                    (
                        3,
                        wgpu::BindingResource::TextureView(&layers_view(source, level - 1, 0)),
                    ),
                ],
                groups(size),
            );
        }
        // Roughness 0 is a mirror: level 0 is the source itself.
        encoder.copy_texture_to_texture(
            source.as_image_copy(),
            wgpu::TexelCopyTextureInfo {
                texture: specular,
                mip_level: 0,
                origin: wgpu::Origin3d {
                    x: 0,
                    y: 0,
                    z: first_layer,
                },
                aspect: wgpu::TextureAspect::All,
            },
            wgpu::Extent3d {
                width: face,
                height: face,
                depth_or_array_layers: 6,
            },
        );
        let source_cube = source.create_view(&wgpu::TextureViewDescriptor {
            dimension: Some(wgpu::TextureViewDimension::Cube),
            ..Default::default()
        });
        let levels = specular.mip_level_count();
        for level in 1..levels {
            let size = (face >> level).max(1);
            let roughness = level as f32 / (levels - 1) as f32;
            self.dispatch(
                ctx,
                encoder,
                &self.prefilter,
                params(size, face, specular_samples(level), roughness),
                &[
                    (
                        2,
                        wgpu::BindingResource::TextureView(&layers_view(specular, level, first_layer)),
                    ),
                    (4, wgpu::BindingResource::TextureView(&source_cube)),
                    (5, wgpu::BindingResource::Sampler(&self.sampler)),
                ],
                groups(size),
            );
        }
    }

    /// The split-sum table: GGX directional albedo scale (r) and bias (g) over n·v (x)
    /// and perceptual roughness (y).
    pub fn brdf_table(&self, ctx: &GpuContext) -> wgpu::Texture {
        let table = ctx.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("split-sum table"),
            size: wgpu::Extent3d {
                width: TABLE_SIZE,
                height: TABLE_SIZE,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: CUBE_FORMAT,
            usage: wgpu::TextureUsages::TEXTURE_BINDING
                | wgpu::TextureUsages::STORAGE_BINDING
                | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = table.create_view(&wgpu::TextureViewDescriptor::default());
        let mut encoder = ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("split-sum table"),
            });
        self.dispatch(
            ctx,
            &mut encoder,
            &self.brdf_table,
            GpuBake {
                size: TABLE_SIZE,
                source_width: 0,
                source_height: 0,
                sample_count: TABLE_SAMPLES,
                roughness: 0.0,
                _pad: [0; 3],
            },
            &[(7, wgpu::BindingResource::TextureView(&view))],
            (
                TABLE_SIZE.div_ceil(IMAGE_TILE),
                TABLE_SIZE.div_ceil(IMAGE_TILE),
                1,
            ),
        );
        ctx.queue.submit([encoder.finish()]);
        table
    }
}

/// Trilinear, clamped.
pub fn linear_sampler(ctx: &GpuContext) -> wgpu::Sampler {
    ctx.device.create_sampler(&wgpu::SamplerDescriptor {
        label: Some("environment"),
        mag_filter: wgpu::FilterMode::Linear,
        min_filter: wgpu::FilterMode::Linear,
        mipmap_filter: wgpu::MipmapFilterMode::Linear,
        ..Default::default()
    })
}

/// A cube texture of six `face`-sized layers with `levels` mips.
pub fn cube_texture(ctx: &GpuContext, label: &str, face: u32, levels: u32) -> wgpu::Texture {
    cube_layers_texture(ctx, label, face, levels, 6)
}

/// A texture of `layers` `face`-sized layers (six per cube) with `levels` mips, that
/// the prefilter can write and cube views can read.
pub fn cube_layers_texture(
    ctx: &GpuContext,
    label: &str,
    face: u32,
    levels: u32,
    layers: u32,
) -> wgpu::Texture {
    ctx.device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d {
            width: face,
            height: face,
            depth_or_array_layers: layers,
        },
        mip_level_count: levels,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: CUBE_FORMAT,
        usage: wgpu::TextureUsages::TEXTURE_BINDING
            | wgpu::TextureUsages::STORAGE_BINDING
            | wgpu::TextureUsages::COPY_SRC
            | wgpu::TextureUsages::COPY_DST,
        view_formats: &[],
    })
}

/// The six layers from `first_layer` of one mip level, as an array (for storage writes
/// and loads).
fn layers_view(texture: &wgpu::Texture, level: u32, first_layer: u32) -> wgpu::TextureView {
    texture.create_view(&wgpu::TextureViewDescriptor {
        label: Some("cube level"),
        dimension: Some(wgpu::TextureViewDimension::D2Array),
        base_mip_level: level,
        mip_level_count: Some(1),
        base_array_layer: first_layer,
        array_layer_count: Some(6),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn face_sizes_and_levels() {
        assert_eq!(face_size(1024), 256);
        assert_eq!(face_size(1000), 256);
        assert_eq!(face_size(8), 16);
        assert_eq!(face_size(8192), 512);
        assert_eq!(specular_levels(256), 6);
        assert_eq!(specular_levels(16), 2);
        assert_eq!(specular_levels(64), 4);
        assert_eq!((specular_levels(1), specular_levels(0)), (1, 1));
    }
}

//! museion-environment: image-based lighting — an environment (an equirectangular `.hdr`/`.exr` file, or a
//! procedural studio or sky) baked on the GPU at load time into a GGX-prefiltered
//! specular cube chain and second-order spherical harmonics of its irradiance, cached on
//! disk by the hash of the source (see [`cache_dir`]), and the split-sum BRDF table.
//!
//! Shading uses Karis's split sum for the specular lobe, with Fdez-Agüera's
//! multiple-scattering compensation so rough metals keep their energy.

mod bake;
mod cache;
mod error;
mod source;

pub use bake::{CUBE_FORMAT, face_size, specular_levels};
pub use cache::{CACHE_DIR_ENV, cache_dir};
pub use error::{EnvironmentError, Result};
pub use source::{EnvironmentSource, EquirectImage};

pub use bake::{Baker, linear_sampler};

use glam::Vec3;
use museion_gpu::GpuContext;

/// An environment on the GPU: the specular chain (level 0 is the environment itself, the
/// last level roughness 1) and the irradiance harmonics.
pub struct Environment {
    source: Option<EnvironmentSource>,
    texture: wgpu::Texture,
    view: wgpu::TextureView,
    sh: [[f32; 4]; 9],
}

impl Environment {
    /// Loads `source`: from the disk cache when it has the bake, else baked on the GPU
    /// (and cached). `None` gives a black environment.
    pub fn load(ctx: &GpuContext, baker: &Baker, source: &EnvironmentSource) -> Result<Self> {
        let started = std::time::Instant::now();
        // Files are hashed as read, and decoded only when the cache has no bake.
        let (key, file) = match source {
            EnvironmentSource::None => return Ok(Self::black(ctx)),
            EnvironmentSource::Uniform(_) => (None, None),
            EnvironmentSource::Studio => (Some(cache::key("studio", b"")), None),
            EnvironmentSource::Sky => (Some(cache::key("sky", b"")), None),
            EnvironmentSource::File(path) => {
                let bytes = source::read_file(path)?;
                (Some(cache::key("file", &bytes)), Some((path, bytes)))
            }
        };
        if let Some(cached) = key.and_then(cache::load) {
            log::info!("environment {source:?} read from the cache");
            return Ok(Self::from_cache(ctx, Some(source.clone()), &cached));
        }
        let image = match (source, file) {
            (_, Some((path, bytes))) => EquirectImage::decode(path, &bytes)?,
            (EnvironmentSource::Uniform(rgb), _) => EquirectImage::uniform(*rgb),
            (EnvironmentSource::Sky, _) => EquirectImage::sky(),
            _ => EquirectImage::studio(),
        };
        let (texture, sh) = baker.bake(ctx, &image)?;
        let environment = Self::new(Some(source.clone()), texture, sh);
        if let Some(key) = key {
            cache::store(key, &environment.to_cache(ctx)?);
        }
        log::info!(
            "environment {source:?} baked in {:.0} ms",
            started.elapsed().as_secs_f64() * 1e3
        );
        Ok(environment)
    }

    /// Bakes `image` on the GPU, without the disk cache (for images an application
    /// makes itself).
    pub fn bake(ctx: &GpuContext, image: &EquirectImage) -> Result<Self> {
        let (texture, sh) = Baker::new(ctx).bake(ctx, image)?;
        Ok(Self::new(None, texture, sh))
    }

    fn new(source: Option<EnvironmentSource>, texture: wgpu::Texture, sh: [[f32; 4]; 9]) -> Self {
        let view = texture.create_view(&wgpu::TextureViewDescriptor {
            label: Some("environment"),
            dimension: Some(wgpu::TextureViewDimension::Cube),
            ..Default::default()
        });
        Self {
            source,
            texture,
            view,
            sh,
        }
    }

    fn black(ctx: &GpuContext) -> Self {
        let texture = bake::cube_texture(ctx, "no environment", 1, 1);
        // New textures are zeroed: black, and harmonics of zero.
        Self::new(Some(EnvironmentSource::None), texture, [[0.0; 4]; 9])
    }

    fn from_cache(ctx: &GpuContext, source: Option<EnvironmentSource>, cached: &cache::CachedBake) -> Self {
        let levels = cached.levels.len() as u32;
        let texture = bake::cube_texture(ctx, "environment specular", cached.face, levels);
        for (level, bytes) in cached.levels.iter().enumerate() {
            let size = cached.face >> level;
            ctx.queue.write_texture(
                wgpu::TexelCopyTextureInfo {
                    texture: &texture,
                    mip_level: level as u32,
                    origin: wgpu::Origin3d::ZERO,
                    aspect: wgpu::TextureAspect::All,
                },
                bytes,
                wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(size * 8),
                    rows_per_image: Some(size),
                },
                wgpu::Extent3d {
                    width: size,
                    height: size,
                    depth_or_array_layers: 6,
                },
            );
        }
        Self::new(source, texture, cached.sh)
    }

    fn to_cache(&self, ctx: &GpuContext) -> Result<cache::CachedBake> {
        let levels = (0..self.levels())
            .map(|level| museion_gpu::readback::read_texture_level(ctx, &self.texture, level))
            .collect::<museion_gpu::Result<_>>()?;
        Ok(cache::CachedBake {
            face: self.face_size(),
            levels,
            sh: self.sh,
        })
    }

    /// What it was loaded from; `None` for an image baked with [`Environment::bake`].
    pub fn source(&self) -> Option<&EnvironmentSource> {
        self.source.as_ref()
    }

    /// Texels along a side of the cube's level 0.
    pub fn face_size(&self) -> u32 {
        self.texture.width()
    }

    /// Levels of the specular chain.
    pub fn levels(&self) -> u32 {
        self.texture.mip_level_count()
    }

    /// The harmonics of irradiance ÷ π, RGB in xyz, in the order of `sh_basis`
    /// (environment.wgsl).
    pub fn harmonics(&self) -> [[f32; 4]; 9] {
        self.sh
    }

    /// The cube view the shaders sample.
    pub fn view(&self) -> &wgpu::TextureView {
        &self.view
    }

    /// Reads specular level `level` back: six faces (+X, -X, +Y, -Y, +Z, -Z), each row by
    /// row, as linear RGBA.
    pub fn read_level(&self, ctx: &GpuContext, level: u32) -> Result<Vec<[f32; 4]>> {
        let bytes = museion_gpu::readback::read_texture_level(ctx, &self.texture, level)?;
        Ok(bytes
            .chunks_exact(8)
            .map(|t| {
                let f = |i: usize| museion_gpu::readback::f16_to_f32(u16::from_le_bytes([t[i], t[i + 1]]));
                [f(0), f(2), f(4), f(6)]
            })
            .collect())
    }
}

/// The unit direction through the centre of texel (`x`, `y`) of cube face `face` (+X,
/// -X, +Y, -Y, +Z, -Z) of `size` texels, as the shaders and cube sampling define it.
pub fn cube_direction(face: u32, x: u32, y: u32, size: u32) -> Vec3 {
    let u = (x as f32 + 0.5) / size as f32 * 2.0 - 1.0;
    let v = (y as f32 + 0.5) / size as f32 * 2.0 - 1.0;
    let d = match face {
        0 => Vec3::new(1.0, -v, -u),
        1 => Vec3::new(-1.0, -v, u),
        2 => Vec3::new(u, 1.0, v),
        3 => Vec3::new(u, -1.0, -v),
        4 => Vec3::new(u, -v, 1.0),
        _ => Vec3::new(-u, -v, -1.0),
    };
    d.normalize()
}

//! museion-environment: image-based lighting — an environment (an equirectangular `.hdr`/`.exr` file, or a
//! procedural studio or sky) baked on the GPU at load time into a GGX-prefiltered
//! specular cube chain and a Lambertian-filtered irradiance cube, cached on disk by the
//! hash of the source (see [`cache_dir`]), and the split-sum BRDF table; cube maps captured
//! elsewhere (a venue's reflection probes) prefiltered the same way
//! ([`prefiltered_cubes`]); and, on the CPU,
//! the illuminance an environment gives a surface ([`EnvironmentLux`]), for lux reports.
//!
//! Shading uses Karis's split sum for the specular lobe, with Fdez-Agüera's
//! multiple-scattering compensation so rough metals keep their energy.

mod bake;
#[cfg(feature = "bake")]
mod bake_radiance;
mod cache;
mod cubes;
mod error;
mod illuminance;
mod source;

pub use bake::{CUBE_FORMAT, IRRADIANCE_FACE, face_size, specular_levels};
pub use cache::{CACHE_DIR_ENV, cache_dir};
pub use error::{EnvironmentError, Result};
pub use illuminance::EnvironmentLux;
pub use source::{EnvironmentSource, EquirectImage};

pub use bake::{Baked, Baker, linear_sampler};
#[cfg(feature = "bake")]
pub use bake_radiance::bake_radiance;
pub use cubes::prefiltered_cubes;

use glam::Vec3;
use museion_gpu::GpuContext;

/// An environment on the GPU: the specular chain (level 0 is the environment itself, the
/// last level roughness 1) and the irradiance cube (E(n)/π, the radiance a white
/// Lambertian surface facing n reflects).
pub struct Environment {
    source: Option<EnvironmentSource>,
    texture: wgpu::Texture,
    view: wgpu::TextureView,
    irradiance: wgpu::Texture,
    irradiance_view: wgpu::TextureView,
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
        let environment = Self::new(Some(source.clone()), baker.bake(ctx, &image)?);
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
        Ok(Self::new(None, Baker::new(ctx).bake(ctx, image)?))
    }

    fn new(source: Option<EnvironmentSource>, baked: Baked) -> Self {
        let cube = |texture: &wgpu::Texture, label| {
            texture.create_view(&wgpu::TextureViewDescriptor {
                label: Some(label),
                dimension: Some(wgpu::TextureViewDimension::Cube),
                ..Default::default()
            })
        };
        Self {
            source,
            view: cube(&baked.specular, "environment"),
            irradiance_view: cube(&baked.irradiance, "environment irradiance"),
            texture: baked.specular,
            irradiance: baked.irradiance,
        }
    }

    fn black(ctx: &GpuContext) -> Self {
        // New textures are zeroed: black, and no irradiance.
        let baked = Baked {
            specular: bake::cube_texture(ctx, "no environment", 1, 1),
            irradiance: bake::cube_texture(ctx, "no environment irradiance", 1, 1),
        };
        Self::new(Some(EnvironmentSource::None), baked)
    }

    fn from_cache(ctx: &GpuContext, source: Option<EnvironmentSource>, cached: &cache::CachedBake) -> Self {
        let levels = cached.levels.len() as u32;
        let specular = bake::cube_texture(ctx, "environment specular", cached.face, levels);
        for (level, bytes) in cached.levels.iter().enumerate() {
            write_cube_level(ctx, &specular, level as u32, bytes);
        }
        let irradiance = bake::cube_texture(ctx, "environment irradiance", cached.irradiance_face, 1);
        write_cube_level(ctx, &irradiance, 0, &cached.irradiance);
        Self::new(source, Baked { specular, irradiance })
    }

    fn to_cache(&self, ctx: &GpuContext) -> Result<cache::CachedBake> {
        let read = |texture, level| museion_gpu::readback::read_texture_level(ctx, texture, level);
        let levels = (0..self.levels())
            .map(|level| read(&self.texture, level))
            .collect::<museion_gpu::Result<_>>()?;
        Ok(cache::CachedBake {
            face: self.face_size(),
            levels,
            irradiance_face: self.irradiance.width(),
            irradiance: read(&self.irradiance, 0)?,
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

    /// The specular chain's cube view the shaders sample.
    pub fn view(&self) -> &wgpu::TextureView {
        &self.view
    }

    /// Texels along a side of the irradiance cube ([`IRRADIANCE_FACE`]; 1 for no
    /// environment).
    pub fn irradiance_size(&self) -> u32 {
        self.irradiance.width()
    }

    /// The irradiance cube's view the shaders sample: E(n)/π per direction n.
    pub fn irradiance_view(&self) -> &wgpu::TextureView {
        &self.irradiance_view
    }

    /// Reads specular level `level` back: six faces (+X, -X, +Y, -Y, +Z, -Z), each row by
    /// row, as linear RGBA.
    pub fn read_level(&self, ctx: &GpuContext, level: u32) -> Result<Vec<[f32; 4]>> {
        read_cube_level(ctx, &self.texture, level)
    }

    /// Reads the irradiance cube back, laid out as [`Environment::read_level`] lays out
    /// a level: E(n)/π for the direction through each texel's centre.
    pub fn read_irradiance(&self, ctx: &GpuContext) -> Result<Vec<[f32; 4]>> {
        read_cube_level(ctx, &self.irradiance, 0)
    }
}

/// Level `level` of a half-float cube, as linear RGBA.
fn read_cube_level(ctx: &GpuContext, texture: &wgpu::Texture, level: u32) -> Result<Vec<[f32; 4]>> {
    let bytes = museion_gpu::readback::read_texture_level(ctx, texture, level)?;
    Ok(bytes
        .chunks_exact(8)
        .map(|t| {
            let f = |i: usize| museion_gpu::readback::f16_to_f32(u16::from_le_bytes([t[i], t[i + 1]]));
            [f(0), f(2), f(4), f(6)]
        })
        .collect())
}

/// Writes `bytes` (six faces of half-float RGBA, tightly packed) to level `level` of a cube.
fn write_cube_level(ctx: &GpuContext, texture: &wgpu::Texture, level: u32, bytes: &[u8]) {
    let size = (texture.width() >> level).max(1);
    ctx.queue.write_texture(
        wgpu::TexelCopyTextureInfo {
            texture,
            mip_level: level,
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

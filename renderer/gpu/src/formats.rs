//! The texture formats of the frame's targets, in one place: the passes that write a
//! target and those that read it name the same constant; and how such a target is made.

use crate::context::GpuContext;

/// The HDR format the forward pass renders to.
pub const HDR_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba16Float;
/// The depth format; reverse-Z, so cleared to 0 and tested with `Greater`.
pub const DEPTH_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Depth32Float;
/// The instance-id format: 0 where nothing is drawn, else the scene-wide instance index
/// plus one.
pub const INSTANCE_ID_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::R32Uint;
/// The depth format of shadow maps.
pub const SHADOW_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Depth32Float;
/// The view-space normal format of the ambient occlusion prepass.
pub const NORMAL_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba16Float;

/// The layout of the main targets that pipelines must match: samples per pixel, and
/// whether an instance-id target is written beside the colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TargetLayout {
    /// Samples per pixel: 1 or 4.
    pub samples: u32,
    /// An instance-id target ([`INSTANCE_ID_FORMAT`]) is the second colour attachment.
    pub instance_ids: bool,
}

/// A render target of one output size: a 2D texture with one mip level.
pub fn target_texture(
    ctx: &GpuContext,
    label: &str,
    size: (u32, u32),
    format: wgpu::TextureFormat,
    samples: u32,
    usage: wgpu::TextureUsages,
) -> wgpu::Texture {
    ctx.device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d {
            width: size.0,
            height: size.1,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: samples,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage,
        view_formats: &[],
    })
}

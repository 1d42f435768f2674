//! The texture formats of the frame's targets, in one place: the passes that write a
//! target and those that read it name the same constant.

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
pub(crate) const NORMAL_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba16Float;

/// The layout of the main targets that pipelines must match: samples per pixel, and
/// whether an instance-id target is written beside the colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct TargetLayout {
    /// Samples per pixel: 1 or 4.
    pub samples: u32,
    /// An instance-id target ([`INSTANCE_ID_FORMAT`]) is the second colour attachment.
    pub instance_ids: bool,
}

//! Window surfaces as render targets: configuration, acquisition with recovery from
//! lost or outdated surfaces, and presentation.

use crate::context::GpuContext;
use crate::error::{GpuError, Result};

/// A window's surface, configured for the renderer.
pub struct SurfaceTarget {
    surface: wgpu::Surface<'static>,
    config: wgpu::SurfaceConfiguration,
    /// Reconfigure before the next acquisition: a surface may not be reconfigured while
    /// one of its textures is alive.
    stale: bool,
}

/// A surface texture being drawn; present it when done.
pub struct SurfaceFrame {
    texture: wgpu::SurfaceTexture,
    /// The view to render into.
    pub view: wgpu::TextureView,
}

impl SurfaceFrame {
    /// Shows the frame.
    pub fn present(self, ctx: &GpuContext) {
        ctx.queue.present(self.texture);
    }
}

impl SurfaceTarget {
    /// Configures `surface` (created from `ctx.instance`) at `width` × `height`, in an
    /// sRGB format when the surface offers one.
    pub fn new(ctx: &GpuContext, surface: wgpu::Surface<'static>, width: u32, height: u32) -> Result<Self> {
        let capabilities = surface.get_capabilities(&ctx.adapter);
        let format = capabilities
            .formats
            .iter()
            .copied()
            .find(wgpu::TextureFormat::is_srgb)
            .or_else(|| capabilities.formats.first().copied())
            .ok_or_else(|| GpuError::Surface("the surface offers no format for this adapter".into()))?;
        let config = wgpu::SurfaceConfiguration {
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
            format,
            width: width.max(1),
            height: height.max(1),
            present_mode: wgpu::PresentMode::AutoVsync,
            desired_maximum_frame_latency: 2,
            alpha_mode: capabilities
                .alpha_modes
                .first()
                .copied()
                .unwrap_or(wgpu::CompositeAlphaMode::Auto),
            view_formats: Vec::new(),
            color_space: wgpu::SurfaceColorSpace::Auto,
        };
        surface.configure(&ctx.device, &config);
        Ok(Self {
            surface,
            config,
            stale: false,
        })
    }

    /// Width and height.
    pub fn size(&self) -> (u32, u32) {
        (self.config.width, self.config.height)
    }

    /// The texture format.
    pub fn format(&self) -> wgpu::TextureFormat {
        self.config.format
    }

    /// Follows the window's new size (ignored while it is zero, as when minimised); the
    /// surface is reconfigured at the next [`SurfaceTarget::acquire`].
    pub fn resize(&mut self, width: u32, height: u32) {
        if width == 0 || height == 0 {
            return;
        }
        self.config.width = width;
        self.config.height = height;
        self.stale = true;
    }

    /// The next texture to draw, or `None` when there is none this time: the surface
    /// was lost or outdated (it is reconfigured, try next frame), timed out, or the
    /// window is occluded.
    pub fn acquire(&mut self, ctx: &GpuContext) -> Result<Option<SurfaceFrame>> {
        if std::mem::take(&mut self.stale) {
            self.surface.configure(&ctx.device, &self.config);
        }
        let texture = match self.surface.get_current_texture() {
            wgpu::CurrentSurfaceTexture::Success(texture) => texture,
            wgpu::CurrentSurfaceTexture::Suboptimal(texture) => {
                // Usable now; match the surface to the window before the next frame.
                self.stale = true;
                texture
            }
            wgpu::CurrentSurfaceTexture::Outdated | wgpu::CurrentSurfaceTexture::Lost => {
                self.surface.configure(&ctx.device, &self.config);
                return Ok(None);
            }
            wgpu::CurrentSurfaceTexture::Timeout | wgpu::CurrentSurfaceTexture::Occluded => return Ok(None),
            wgpu::CurrentSurfaceTexture::Validation => {
                // A lost device fails here first when its loss has not been heard of
                // yet: wait for its queue, which reports the loss, before blaming the
                // surface.
                ctx.wait_idle()?;
                return Err(GpuError::Surface("the surface texture failed validation".into()));
            }
        };
        let view = texture
            .texture
            .create_view(&wgpu::TextureViewDescriptor::default());
        Ok(Some(SurfaceFrame { texture, view }))
    }
}

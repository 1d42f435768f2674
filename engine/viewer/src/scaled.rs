//! The 3D frame at a render scale: drawn into a texture of the scaled size, then
//! stretched (filtered linearly) onto the window's texture, which the overlay then
//! draws over at full resolution.

use super::error::ViewerError;
use super::quality::scaled_size;
use museion_renderer::wgpu;
use museion_renderer::{GpuContext, Renderer, ViewCamera};

/// Draws frames at `scale` times the size of the view they end up in.
pub(super) struct ScaledFrame {
    scale: f32,
    format: wgpu::TextureFormat,
    blitter: wgpu::util::TextureBlitter,
    /// The texture the renderer draws into, made again when the size changes.
    target: Option<(wgpu::TextureView, (u32, u32))>,
}

impl ScaledFrame {
    /// Frames drawn at `scale` (1: straight into the output) for outputs of `format`.
    pub fn new(ctx: &GpuContext, format: wgpu::TextureFormat, scale: f32) -> Self {
        let blitter = wgpu::util::TextureBlitterBuilder::new(&ctx.device, format)
            .sample_type(wgpu::FilterMode::Linear)
            .build();
        Self {
            scale,
            format,
            blitter,
            target: None,
        }
    }

    /// The render scale.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The size the 3D frame is drawn at for an output of `size`.
    pub fn frame_size(&self, size: (u32, u32)) -> (u32, u32) {
        if self.scale >= 1.0 {
            size
        } else {
            scaled_size(size, self.scale)
        }
    }

    /// Draws the prepared scene from `camera` into `output` (of this frame's format and
    /// `size`): at scale 1 directly, else at the scaled size and stretched onto it.
    pub fn render(
        &mut self,
        ctx: &GpuContext,
        renderer: &mut Renderer,
        camera: &ViewCamera,
        output: &wgpu::TextureView,
        size: (u32, u32),
    ) -> Result<(), ViewerError> {
        let frame_size = self.frame_size(size);
        if frame_size == size {
            renderer.render(ctx, camera, output, self.format, size)?;
            return Ok(());
        }
        let view = self.target_view(ctx, frame_size);
        renderer.render(ctx, camera, &view, self.format, frame_size)?;
        let mut encoder = ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("render scale"),
            });
        self.blitter.copy(&ctx.device, &mut encoder, &view, output);
        ctx.queue.submit([encoder.finish()]);
        Ok(())
    }

    /// The texture of `size` the renderer draws into.
    fn target_view(&mut self, ctx: &GpuContext, size: (u32, u32)) -> wgpu::TextureView {
        if let Some((view, made)) = &self.target
            && *made == size
        {
            return view.clone();
        }
        let texture = ctx.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("scaled frame"),
            size: wgpu::Extent3d {
                width: size.0,
                height: size.1,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        self.target = Some((view.clone(), size));
        view
    }
}

//! The main targets of one output size: HDR colour (multisampled, and resolved), depth
//! and instance ids.

use museion_gpu::GpuContext;
use museion_gpu::formats::{DEPTH_FORMAT, HDR_FORMAT, INSTANCE_ID_FORMAT, TargetLayout, target_texture};

/// The HDR colour, resolve, depth and instance-id textures of one output size.
pub(crate) struct FrameTargets {
    size: (u32, u32),
    layout: TargetLayout,
    /// Multisampled colour (when `layout.samples > 1`).
    pub msaa: Option<wgpu::TextureView>,
    /// Single-sample HDR colour the tone mapper reads.
    pub hdr: wgpu::TextureView,
    pub depth: wgpu::TextureView,
    /// The instance-id target, when the layout asks for it.
    pub ids: Option<(wgpu::Texture, wgpu::TextureView)>,
}

impl FrameTargets {
    /// The targets in `slot` when they have this `size` and `layout`, else new ones put
    /// there.
    pub fn ensure<'a>(
        slot: &'a mut Option<Self>,
        ctx: &GpuContext,
        size: (u32, u32),
        layout: TargetLayout,
    ) -> &'a mut Self {
        let targets = match slot.take() {
            Some(targets) if targets.size == size && targets.layout == layout => targets,
            _ => Self::new(ctx, size, layout),
        };
        slot.insert(targets)
    }

    fn new(ctx: &GpuContext, size: (u32, u32), layout: TargetLayout) -> Self {
        let create =
            |label: &str, format, samples, usage| target_texture(ctx, label, size, format, samples, usage);
        let texture = |label: &str, format, samples, usage| {
            create(label, format, samples, usage).create_view(&wgpu::TextureViewDescriptor::default())
        };
        let attachment = wgpu::TextureUsages::RENDER_ATTACHMENT;
        let samples = layout.samples;
        Self {
            size,
            layout,
            msaa: (samples > 1).then(|| texture("hdr msaa", HDR_FORMAT, samples, attachment)),
            hdr: texture(
                "hdr",
                HDR_FORMAT,
                1,
                attachment | wgpu::TextureUsages::TEXTURE_BINDING,
            ),
            // The Hi-Z pyramid reads depth.
            depth: texture(
                "depth",
                DEPTH_FORMAT,
                samples,
                attachment | wgpu::TextureUsages::TEXTURE_BINDING,
            ),
            ids: layout.instance_ids.then(|| {
                let texture = create(
                    "instance ids",
                    INSTANCE_ID_FORMAT,
                    1,
                    attachment | wgpu::TextureUsages::COPY_SRC,
                );
                let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
                (texture, view)
            }),
        }
    }
}

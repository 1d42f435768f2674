//! The tone-mapping pass: HDR radiance to the output format.

use crate::bindings;
use crate::context::GpuContext;
use crate::fullscreen;
use crate::gpu_types::GpuTonemap;
use crate::shaders;
use crate::shaders::constants::tone_curve;
use std::collections::HashMap;

/// How HDR radiance becomes display values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tonemapper {
    /// Exposure only, clipped by the output format: exact colours, for tests.
    None,
    /// Khronos PBR Neutral: faithful base colours, the default for artworks.
    #[default]
    PbrNeutral,
    /// ACES filmic (Hill's fit), clipped to 0..1.
    Aces,
    /// Troy Sobotka's AgX, base look: log2 encoding from -12.47 to +4.03 EV around
    /// middle grey and a sigmoid in Rec. 2020, so highlights desaturate toward white
    /// instead of skewing hue.
    Agx,
}

impl Tonemapper {
    fn code(self) -> u32 {
        match self {
            Tonemapper::None => tone_curve::NONE,
            Tonemapper::PbrNeutral => tone_curve::PBR_NEUTRAL,
            Tonemapper::Aces => tone_curve::ACES,
            Tonemapper::Agx => tone_curve::AGX,
        }
    }
}

impl std::str::FromStr for Tonemapper {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Ok(Self::None),
            "neutral" | "pbr-neutral" => Ok(Self::PbrNeutral),
            "aces" => Ok(Self::Aces),
            "agx" => Ok(Self::Agx),
            other => Err(format!(
                "unknown tone mapper {other:?} (neutral, aces, agx or none)"
            )),
        }
    }
}

/// Unorm formats without an sRGB view: the shader encodes sRGB itself. (sRGB formats
/// encode on store; float formats keep linear values.)
fn needs_srgb_encode(format: wgpu::TextureFormat) -> bool {
    matches!(
        format,
        wgpu::TextureFormat::Rgba8Unorm | wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Rgb10a2Unorm
    )
}

/// The exposure the tone mapper applies.
pub(crate) struct ToneExposure<'a> {
    /// Linear scale known on the CPU: compensation times a fixed physical exposure.
    pub scale: f32,
    /// Whether the automatic exposure multiplies `scale`.
    pub auto: bool,
    /// The automatic exposure's state buffer (bound in every case).
    pub state: &'a wgpu::Buffer,
}

pub(crate) struct TonemapPass {
    module: wgpu::ShaderModule,
    layout: wgpu::BindGroupLayout,
    pipeline_layout: wgpu::PipelineLayout,
    pipelines: HashMap<wgpu::TextureFormat, wgpu::RenderPipeline>,
    uniform: wgpu::Buffer,
}

impl TonemapPass {
    pub fn new(ctx: &GpuContext) -> Self {
        let device = &ctx.device;
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("tonemap"),
            entries: &[
                bindings::texture(0, wgpu::ShaderStages::FRAGMENT, false),
                bindings::uniform(1, wgpu::ShaderStages::FRAGMENT),
                bindings::storage(2, wgpu::ShaderStages::FRAGMENT),
            ],
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("tonemap"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        Self {
            module: shaders::tonemap().create(device),
            layout,
            pipeline_layout,
            pipelines: HashMap::new(),
            uniform: device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("tonemap"),
                size: size_of::<GpuTonemap>() as u64,
                usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            }),
        }
    }

    /// Records the pass from `hdr` into `output`: radiance times `exposure.scale` (and
    /// the automatic exposure in `exposure.state` when `exposure.auto`), then `operator`.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        hdr: &wgpu::TextureView,
        output: &wgpu::TextureView,
        format: wgpu::TextureFormat,
        operator: Tonemapper,
        exposure: ToneExposure<'_>,
        background: [f32; 3],
        timestamps: Option<wgpu::RenderPassTimestampWrites<'_>>,
    ) {
        let settings = GpuTonemap {
            exposure: exposure.scale,
            curve: operator.code(),
            encode_srgb: u32::from(needs_srgb_encode(format)),
            auto_exposure: u32::from(exposure.auto),
            background: [background[0], background[1], background[2], 1.0],
        };
        ctx.queue
            .write_buffer(&self.uniform, 0, bytemuck::bytes_of(&settings));
        let module = &self.module;
        let pipeline_layout = &self.pipeline_layout;
        let pipeline = self.pipelines.entry(format).or_insert_with(|| {
            fullscreen::pipeline(
                &ctx.device,
                "tonemap",
                pipeline_layout,
                module,
                ("vs_fullscreen", "fs_tonemap"),
                format,
            )
        });
        let bind_group = bindings::group(
            &ctx.device,
            Some("tonemap"),
            &self.layout,
            [
                wgpu::BindingResource::TextureView(hdr),
                self.uniform.as_entire_binding(),
                exposure.state.as_entire_binding(),
            ],
        );
        let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
            label: Some("tonemap"),
            color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                view: output,
                depth_slice: None,
                resolve_target: None,
                ops: wgpu::Operations {
                    load: wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                    store: wgpu::StoreOp::Store,
                },
            })],
            depth_stencil_attachment: None,
            timestamp_writes: timestamps,
            occlusion_query_set: None,
            multiview_mask: None,
        });
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, &bind_group, &[]);
        pass.draw(0..3, 0..1);
    }
}

//! The tone-mapping pass: HDR radiance to the output format.

use museion_gpu::FrameOutput;
use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::gpu_types::GpuTonemap;
use museion_gpu::pipeline;
use museion_gpu::shaders;
use museion_gpu::shaders::constants::tone_curve;
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
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ToneExposure {
    /// A linear scale known on the CPU: the compensation times a fixed physical exposure.
    Fixed(f32),
    /// The automatic exposure the GPU adapted, times the compensation's linear scale.
    Auto {
        /// The compensation, 2^EV.
        compensation: f32,
    },
}

/// What the tone mapper does to a frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ToneSettings {
    /// The curve.
    pub operator: Tonemapper,
    /// The exposure applied before it.
    pub exposure: ToneExposure,
    /// Linear background colour, shown where nothing covers the HDR target.
    pub background: [f32; 3],
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

    /// Writes this frame's uniform for `settings` and makes the pipeline for the
    /// output's `format` if it is not there yet.
    pub fn prepare(&mut self, ctx: &GpuContext, format: wgpu::TextureFormat, settings: &ToneSettings) {
        let (scale, auto) = match settings.exposure {
            ToneExposure::Fixed(scale) => (scale, false),
            ToneExposure::Auto { compensation } => (compensation, true),
        };
        let [r, g, b] = settings.background;
        let uniform = GpuTonemap {
            exposure: scale,
            curve: settings.operator.code(),
            encode_srgb: u32::from(needs_srgb_encode(format)),
            auto_exposure: u32::from(auto),
            background: [r, g, b, 1.0],
        };
        ctx.queue
            .write_buffer(&self.uniform, 0, bytemuck::bytes_of(&uniform));
        let (module, pipeline_layout) = (&self.module, &self.pipeline_layout);
        self.pipelines.entry(format).or_insert_with(|| {
            pipeline::fullscreen(
                &ctx.device,
                "tonemap",
                pipeline_layout,
                module,
                ("vs_fullscreen", "fs_tonemap"),
                format,
            )
        });
    }

    /// Records the pass from `hdr` into `output` (after [`TonemapPass::prepare`] for its
    /// format); `exposure_state` is the automatic exposure's state buffer, bound whether
    /// or not it is used.
    pub fn record(
        &self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        hdr: &wgpu::TextureView,
        exposure_state: &wgpu::Buffer,
        output: &FrameOutput,
        timestamps: Option<wgpu::RenderPassTimestampWrites<'_>>,
    ) {
        let Some(pipeline) = self.pipelines.get(&output.format) else {
            return;
        };
        let bind_group = bindings::group(
            &ctx.device,
            Some("tonemap"),
            &self.layout,
            [
                wgpu::BindingResource::TextureView(hdr),
                self.uniform.as_entire_binding(),
                exposure_state.as_entire_binding(),
            ],
        );
        let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
            label: Some("tonemap"),
            color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                view: output.view,
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

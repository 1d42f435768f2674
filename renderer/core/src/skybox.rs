//! The skybox: the environment drawn where no geometry is, at the far plane of the
//! frame's last forward pass (before blended surfaces, which blend over it).

use museion_gpu::GpuContext;
use museion_gpu::formats::{DEPTH_FORMAT, HDR_FORMAT, INSTANCE_ID_FORMAT, TargetLayout};
use museion_gpu::shaders;
use std::collections::HashMap;

pub(crate) struct SkyboxPass {
    module: wgpu::ShaderModule,
    layout: wgpu::PipelineLayout,
    /// By the layout of the targets drawn into.
    pipelines: HashMap<TargetLayout, wgpu::RenderPipeline>,
}

impl SkyboxPass {
    /// Group 0 is the frame's camera group, group 1 the lighting group.
    pub fn new(ctx: &GpuContext, frame: &wgpu::BindGroupLayout, lighting: &wgpu::BindGroupLayout) -> Self {
        let layout = ctx
            .device
            .create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some("skybox"),
                bind_group_layouts: &[Some(frame), Some(lighting)],
                immediate_size: 0,
            });
        Self {
            module: shaders::skybox().create(&ctx.device),
            layout,
            pipelines: HashMap::new(),
        }
    }

    /// Creates the pipeline for targets of `targets` if it is not there yet.
    pub fn prepare(&mut self, ctx: &GpuContext, targets: TargetLayout) {
        let (module, layout) = (&self.module, &self.layout);
        let TargetLayout {
            samples,
            instance_ids,
        } = targets;
        self.pipelines.entry(targets).or_insert_with(|| {
            let color = Some(wgpu::ColorTargetState::from(HDR_FORMAT));
            let with_ids = [color.clone(), Some(INSTANCE_ID_FORMAT.into())];
            let without_ids = [color];
            ctx.device
                .create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                    label: Some("skybox"),
                    layout: Some(layout),
                    vertex: wgpu::VertexState {
                        module,
                        entry_point: Some("vs_skybox"),
                        compilation_options: Default::default(),
                        buffers: &[],
                    },
                    primitive: wgpu::PrimitiveState::default(),
                    // At depth 0, the cleared value: kept only where nothing was drawn.
                    depth_stencil: Some(wgpu::DepthStencilState {
                        format: DEPTH_FORMAT,
                        depth_write_enabled: Some(false),
                        depth_compare: Some(wgpu::CompareFunction::GreaterEqual),
                        stencil: Default::default(),
                        bias: Default::default(),
                    }),
                    multisample: wgpu::MultisampleState {
                        count: samples,
                        ..Default::default()
                    },
                    fragment: Some(wgpu::FragmentState {
                        module,
                        entry_point: Some(if instance_ids {
                            "fs_skybox_with_id"
                        } else {
                            "fs_skybox"
                        }),
                        compilation_options: Default::default(),
                        targets: if instance_ids { &with_ids } else { &without_ids },
                    }),
                    multiview_mask: None,
                    cache: None,
                })
        });
    }

    /// Draws the sky into `pass` over targets of `targets` (changing its pipeline state).
    pub fn draw(
        &self,
        pass: &mut wgpu::RenderPass,
        targets: TargetLayout,
        frame: &wgpu::BindGroup,
        lighting: &wgpu::BindGroup,
    ) {
        let Some(pipeline) = self.pipelines.get(&targets) else {
            return;
        };
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, frame, &[]);
        pass.set_bind_group(1, lighting, &[]);
        pass.draw(0..3, 0..1);
    }
}

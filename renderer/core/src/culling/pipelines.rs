//! The compute pipelines of culling and command writing, and their bind group layouts.
//! Variants are one shader module each, specialised with override constants.

use museion_gpu::bindings;
use museion_gpu::pipeline;
use museion_gpu::shaders;

pub(crate) use museion_gpu::shaders::constants::CULL_WORKGROUP as WORKGROUP;

/// The largest workgroup count along one dispatch dimension (WebGPU's default limit).
const MAX_GROUPS_PER_DIMENSION: u32 = 65535;

/// The cull pass variants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CullVariant {
    /// Frustum (and small-object) culling in one phase.
    Frustum,
    /// Two-phase occlusion culling, first phase: last frame's visible set.
    Early,
    /// Two-phase occlusion culling, second phase: the rest, against the Hi-Z pyramid.
    Late,
}

pub(crate) struct CullPipelines {
    /// Group 0 of the cull pipelines: per chunk and phase.
    pub cull_layout: wgpu::BindGroupLayout,
    /// Group 1 of the cull pipelines: the Hi-Z pyramid.
    pub pyramid_layout: wgpu::BindGroupLayout,
    /// The command writer's group.
    pub commands_layout: wgpu::BindGroupLayout,
    frustum: wgpu::ComputePipeline,
    early: wgpu::ComputePipeline,
    late: wgpu::ComputePipeline,
    commands: wgpu::ComputePipeline,
}

impl CullPipelines {
    /// `compact`: write compacted commands for `multi_draw_indexed_indirect_count`.
    pub fn new(device: &wgpu::Device, compact: bool) -> Self {
        let compute = wgpu::ShaderStages::COMPUTE;
        let cull_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("cull"),
            entries: &[
                bindings::uniform(0, compute),
                bindings::storage(1, compute),
                bindings::storage(2, compute),
                bindings::storage_rw(3, compute),
                bindings::storage(4, compute),
                bindings::storage(5, compute),
                bindings::storage_rw(6, compute),
                bindings::storage_rw(7, compute),
            ],
        });
        let pyramid_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("hi-z pyramid"),
            entries: &[
                bindings::texture(0, compute, false),
                wgpu::BindGroupLayoutEntry {
                    binding: 1,
                    visibility: compute,
                    ty: wgpu::BindingType::Texture {
                        sample_type: wgpu::TextureSampleType::Depth,
                        view_dimension: wgpu::TextureViewDimension::D2,
                        multisampled: false,
                    },
                    count: None,
                },
            ],
        });
        let commands_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("commands"),
            entries: &[
                bindings::storage(0, compute),
                bindings::storage(1, compute),
                bindings::storage(2, compute),
                bindings::storage_rw(3, compute),
                bindings::storage_rw(4, compute),
                bindings::uniform(5, compute),
            ],
        });
        let cull_module = shaders::cull().create(device);
        let layouts = [Some(&cull_layout), Some(&pyramid_layout)];
        let cull = |label: &str, occlusion: bool, late: bool| {
            let constants = [
                ("OCCLUSION", f64::from(u8::from(occlusion))),
                ("LATE", f64::from(u8::from(late))),
            ];
            pipeline::compute(device, label, &cull_module, "cull", &layouts, &constants)
        };
        let frustum = cull("cull frustum", false, false);
        let early = cull("cull early", true, false);
        let late = cull("cull late", true, true);
        let commands = pipeline::compute(
            device,
            "write commands",
            &shaders::commands().create(device),
            "write_commands",
            &[Some(&commands_layout)],
            &[("COMPACT", f64::from(u8::from(compact)))],
        );
        Self {
            cull_layout,
            pyramid_layout,
            commands_layout,
            frustum,
            early,
            late,
            commands,
        }
    }

    pub fn cull(&self, variant: CullVariant) -> &wgpu::ComputePipeline {
        match variant {
            CullVariant::Frustum => &self.frustum,
            CullVariant::Early => &self.early,
            CullVariant::Late => &self.late,
        }
    }

    pub fn commands(&self) -> &wgpu::ComputePipeline {
        &self.commands
    }
}

/// Workgroups (x, y) and invocations per row for `items` invocations in workgroups of
/// [`WORKGROUP`], folded into two dimensions where one would pass the per-dimension limit.
pub(crate) fn dispatch_shape(items: u32) -> (u32, u32, u32) {
    let groups = items.div_ceil(WORKGROUP).max(1);
    let x = groups.min(MAX_GROUPS_PER_DIMENSION);
    let y = groups.div_ceil(x);
    (x, y, x * WORKGROUP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispatch_covers_every_item_within_the_dimension_limit() {
        for items in [0, 1, 63, 64, 65, 4_194_240, 4_194_241, 10_000_000, 100_000_000] {
            let (x, y, row) = dispatch_shape(items);
            assert!(x <= MAX_GROUPS_PER_DIMENSION && y <= MAX_GROUPS_PER_DIMENSION);
            assert_eq!(row, x * WORKGROUP);
            assert!(u64::from(x) * u64::from(y) * u64::from(WORKGROUP) >= u64::from(items));
            // No wholly idle row of workgroups.
            assert!(items == 0 || u64::from(row) * u64::from(y - 1) < u64::from(items));
        }
    }
}

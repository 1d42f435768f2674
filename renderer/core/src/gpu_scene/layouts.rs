//! Bind group layouts of the forward pass: group 0 per frame, group 2 per chunk of
//! instances, group 3 per material (group 1 is the lighting's).

use museion_gpu::bindings;

pub(crate) struct Layouts {
    pub frame: wgpu::BindGroupLayout,
    pub material: wgpu::BindGroupLayout,
    /// Instance data for the vertex shader: visible list, transforms, group ids, groups,
    /// and the chunk's first instance.
    pub instances: wgpu::BindGroupLayout,
}

impl Layouts {
    pub fn new(device: &wgpu::Device) -> Self {
        let (vertex, fragment) = (wgpu::ShaderStages::VERTEX, wgpu::ShaderStages::FRAGMENT);
        let frame = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("frame"),
            entries: &[
                bindings::uniform(0, vertex | fragment),
                bindings::storage(1, fragment),
                bindings::storage(2, fragment),
            ],
        });
        // Five texture slots, each a texture and its sampler.
        let entries: Vec<_> = (0..5)
            .flat_map(|slot| {
                [
                    bindings::texture(slot * 2, fragment, true),
                    bindings::sampler(slot * 2 + 1, fragment),
                ]
            })
            .collect();
        let material = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("material textures"),
            entries: &entries,
        });
        let instances = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("instances"),
            entries: &[
                bindings::storage(0, vertex),
                bindings::storage(1, vertex),
                bindings::storage(2, vertex),
                bindings::storage(3, vertex),
                bindings::uniform(4, vertex),
            ],
        });
        Self {
            frame,
            material,
            instances,
        }
    }
}

//! Bind group layouts of the forward pass: group 0 per frame, group 1 per material.

use crate::bindings;

pub(crate) struct Layouts {
    pub frame: wgpu::BindGroupLayout,
    pub material: wgpu::BindGroupLayout,
}

impl Layouts {
    pub fn new(device: &wgpu::Device) -> Self {
        let (vertex, fragment) = (wgpu::ShaderStages::VERTEX, wgpu::ShaderStages::FRAGMENT);
        let frame = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("frame"),
            entries: &[
                bindings::uniform(0, vertex | fragment),
                bindings::storage(1, vertex),
                bindings::storage(2, fragment),
                bindings::storage(3, fragment),
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
        Self { frame, material }
    }
}

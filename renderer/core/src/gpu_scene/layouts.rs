//! Bind group layouts of the forward pass: group 0 per frame, group 2 per chunk of
//! instances, group 3 per material (group 1 is the lighting's).

use museion_gpu::bindings;
use museion_gpu::shaders::constants::texture_slot;
use std::ops::Range;

/// The texture slots of each extension, which share one sampler: specular, clearcoat,
/// sheen, transmission with volume, iridescence, anisotropy.
pub(crate) const LAYER_SLOTS: [Range<usize>; 6] = [
    texture_slot::SPECULAR..texture_slot::CLEARCOAT,
    texture_slot::CLEARCOAT..texture_slot::SHEEN_COLOR,
    texture_slot::SHEEN_COLOR..texture_slot::TRANSMISSION,
    texture_slot::TRANSMISSION..texture_slot::IRIDESCENCE,
    texture_slot::IRIDESCENCE..texture_slot::ANISOTROPY,
    texture_slot::ANISOTROPY..texture_slot::COUNT,
];

/// The binding of the first extension's sampler; the others follow.
pub(crate) const LAYER_SAMPLER_BINDING: u32 = (texture_slot::COUNT + texture_slot::CORE) as u32;

/// The binding of a slot's texture: 2s for the core slots (their sampler follows), s + 5
/// for the extensions'.
pub(crate) fn texture_binding(slot: usize) -> u32 {
    if slot < texture_slot::CORE {
        slot as u32 * 2
    } else {
        (slot + texture_slot::CORE) as u32
    }
}

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
        // The core texture slots, each a texture and its sampler, then the extensions'
        // textures and a sampler per extension.
        let mut entries: Vec<_> = (0..texture_slot::CORE)
            .flat_map(|slot| {
                let binding = texture_binding(slot);
                [
                    bindings::texture(binding, fragment, true),
                    bindings::sampler(binding + 1, fragment),
                ]
            })
            .collect();
        entries.extend(
            (texture_slot::CORE..texture_slot::COUNT)
                .map(|slot| bindings::texture(texture_binding(slot), fragment, true)),
        );
        entries.extend(
            (0..LAYER_SLOTS.len() as u32)
                .map(|layer| bindings::sampler(LAYER_SAMPLER_BINDING + layer, fragment)),
        );
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

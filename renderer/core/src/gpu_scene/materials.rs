//! The material table and the material bind groups: one GPU record per material, one
//! bind group per distinct set of textures and samplers.

use super::{GpuScene, SlotKey, image_of, layouts};
use museion_gpu::GpuContext;
use museion_gpu::gpu_types::GpuMaterial;
use museion_gpu::shaders::constants::texture_slot;
use museion_scene::{Sampler, Scene, TextureRef};

impl GpuScene {
    pub(super) fn sync_materials(&mut self, ctx: &GpuContext, scene: &Scene, rebind: &mut bool) -> usize {
        let default = museion_scene::Material::default();
        // The table ends with glTF's default material, for primitives without one.
        let all: Vec<&museion_scene::Material> =
            scene.materials.iter().chain(std::iter::once(&default)).collect();
        let records: Vec<GpuMaterial> = all
            .iter()
            .map(|m| GpuMaterial::new(m, |slot| image_of(scene, slot).is_some()))
            .collect();
        let (replaced, written) = self.material_buffer.update(ctx, &self.materials, &records, 4);
        *rebind |= replaced;
        self.materials = records;

        // Texture bind groups, rebuilt where a slot's image, sampler or view changed.
        self.material_keys.truncate(all.len());
        self.material_bind_groups.truncate(all.len());
        for (index, material) in all.iter().enumerate() {
            let key = material
                .texture_slot_table()
                .map(|(_, slot)| self.slot_key(scene, slot));
            if self.material_keys.get(index) == Some(&key) {
                continue;
            }
            let group = self.build_material_bind_group(ctx, &key);
            if index < self.material_keys.len() {
                self.material_keys[index] = key;
                self.material_bind_groups[index] = group;
            } else {
                self.material_keys.push(key);
                self.material_bind_groups.push(group);
            }
        }
        written
    }

    pub(super) fn slot_key(&self, scene: &Scene, slot: Option<&TextureRef>) -> SlotKey {
        let slot = slot?;
        let image = image_of(scene, slot)?;
        let uploaded = self.images.get(image.index())?.as_ref()?;
        let texture = scene.textures.get(slot.texture.index())?;
        let sampler = texture
            .sampler
            .and_then(|s| scene.samplers.get(s.index()).copied())
            .unwrap_or_default();
        Some((image.index(), uploaded.generation, sampler, slot.color_space))
    }

    pub(super) fn build_material_bind_group(
        &mut self,
        ctx: &GpuContext,
        key: &[SlotKey; texture_slot::COUNT],
    ) -> wgpu::BindGroup {
        let default_sampler = self.samplers.get(ctx, Sampler::default()).clone();
        let mut views = Vec::with_capacity(texture_slot::COUNT);
        let mut samplers = Vec::with_capacity(texture_slot::COUNT);
        for (slot, entry) in key.iter().enumerate() {
            match entry {
                Some((image, _, sampler, space)) => {
                    let view = self.images[*image]
                        .as_ref()
                        .map(|u| u.texture.view(*space).clone());
                    views.push(view.unwrap_or_else(|| self.fallbacks.white.linear.clone()));
                    samplers.push(Some(self.samplers.get(ctx, *sampler).clone()));
                }
                None => {
                    // Normal maps' neutral value is a flat normal.
                    let fallback = if slot == texture_slot::NORMAL || slot == texture_slot::CLEARCOAT_NORMAL {
                        &self.fallbacks.flat_normal
                    } else {
                        &self.fallbacks.white
                    };
                    views.push(fallback.linear.clone());
                    samplers.push(None);
                }
            }
        }
        let mut entries = Vec::with_capacity(texture_slot::COUNT + 11);
        for (slot, view) in views.iter().enumerate() {
            entries.push(wgpu::BindGroupEntry {
                binding: layouts::texture_binding(slot),
                resource: wgpu::BindingResource::TextureView(view),
            });
        }
        for (slot, sampler) in samplers.iter().enumerate().take(texture_slot::CORE) {
            entries.push(wgpu::BindGroupEntry {
                binding: layouts::texture_binding(slot) + 1,
                resource: wgpu::BindingResource::Sampler(sampler.as_ref().unwrap_or(&default_sampler)),
            });
        }
        // An extension's textures share the sampler of the first of them in use.
        for (layer, slots) in layouts::LAYER_SLOTS.iter().enumerate() {
            let sampler = slots.clone().find_map(|slot| samplers[slot].as_ref());
            entries.push(wgpu::BindGroupEntry {
                binding: layouts::LAYER_SAMPLER_BINDING + layer as u32,
                resource: wgpu::BindingResource::Sampler(sampler.unwrap_or(&default_sampler)),
            });
        }
        ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("material textures"),
            layout: &self.layouts.material,
            entries: &entries,
        })
    }
}

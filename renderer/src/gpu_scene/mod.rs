//! The scene on the GPU: pooled geometry, textures, the material table, instances and
//! lights, kept in step with a [`Scene`] by uploading only what changed.
//!
//! Layout for the culling core: every primitive lives in one vertex and one index
//! buffer ([`MeshPool`]); instances are records in one storage buffer, indexed in the
//! shaders by `instance_index`, each naming its material (an index into the material
//! table) and its primitive (an index into the primitive table of [`GpuScene::primitives`]).
//! A draw is a range of the pooled buffers plus an instance index, which is exactly what
//! an indirect draw command holds.

mod allocator;
mod buffer;
pub(crate) mod layouts;
mod mesh_pool;
mod textures;

pub use mesh_pool::{MeshPool, PooledPrimitive};
pub use textures::{GpuTexture, mip_count};

use crate::context::GpuContext;
use crate::error::Result;
use crate::gpu_types::{GpuCamera, GpuInstance, GpuLight, GpuMaterial};
use buffer::GrowableBuffer;
use glam::Vec3;
use layouts::Layouts;
use museion_scene::{ColorSpace, ImageId, Light, LightKind, MeshId, Sampler, Scene, TextureRef};
use textures::{Fallbacks, MipGenerator, SamplerCache};

/// One draw: a pooled primitive, drawn once for one instance record.
#[derive(Clone, Debug, PartialEq)]
pub struct Draw {
    /// Index of the instance record (the draw's first instance).
    pub instance: u32,
    /// The geometry.
    pub primitive: PooledPrimitive,
    /// Index into the material table.
    pub material: u32,
    /// Both faces drawn.
    pub double_sided: bool,
    /// Alpha-blended (drawn after opaque, back to front).
    pub blend: bool,
    /// The node mirrors (negative determinant): front faces wind clockwise.
    pub mirrored: bool,
    /// World-space centre of the bounds, for sorting.
    pub center: Vec3,
}

/// What one sync uploaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncStats {
    /// Meshes uploaded (new or marked changed).
    pub meshes: usize,
    /// Images uploaded.
    pub images: usize,
    /// Material records rewritten.
    pub materials: usize,
    /// Instance records rewritten.
    pub instances: usize,
}

struct UploadedImage {
    texture: GpuTexture,
    revision: u64,
    /// Counts uploads, so material bind groups see a re-upload.
    generation: u64,
}

struct UploadedMesh {
    primitives: Vec<PooledPrimitive>,
    revision: u64,
}

/// What a material bind group was built from, slot by slot.
type SlotKey = Option<(usize, u64, Sampler, ColorSpace)>;

/// The default rig when a scene brings no lights: a key light from above, in front
/// and to the right (where automatic framing puts the camera).
const STUDIO_KEY_DIRECTION: Vec3 = Vec3::new(-0.45, -0.8, -0.4);
/// Illuminance of the studio key light, lux.
const STUDIO_KEY_LUX: f32 = 3.0;
/// Ambient radiance with the studio rig.
pub const STUDIO_AMBIENT: f32 = 0.3;

/// GPU copies of a scene's geometry, textures, materials, instances and lights.
pub struct GpuScene {
    pub(crate) layouts: Layouts,
    pool: MeshPool,
    mips: MipGenerator,
    fallbacks: Fallbacks,
    samplers: SamplerCache,
    images: Vec<Option<UploadedImage>>,
    upload_generation: u64,
    meshes: Vec<UploadedMesh>,
    /// First entry of each mesh in the primitive table.
    primitive_base: Vec<u32>,
    materials: Vec<GpuMaterial>,
    material_keys: Vec<[SlotKey; 5]>,
    material_bind_groups: Vec<wgpu::BindGroup>,
    material_buffer: GrowableBuffer,
    instances: Vec<GpuInstance>,
    instance_buffer: GrowableBuffer,
    draws: Vec<Draw>,
    lights: Vec<GpuLight>,
    light_buffer: GrowableBuffer,
    studio_rig: bool,
    camera_buffer: wgpu::Buffer,
    frame_bind_group: wgpu::BindGroup,
}

impl GpuScene {
    /// An empty GPU scene.
    pub fn new(ctx: &GpuContext) -> Self {
        let layouts = Layouts::new(&ctx.device);
        let mips = MipGenerator::new(ctx);
        let fallbacks = Fallbacks::new(ctx, &mips);
        let storage = wgpu::BufferUsages::STORAGE;
        let material_buffer = GrowableBuffer::new(ctx, "materials", storage, 256);
        let instance_buffer = GrowableBuffer::new(ctx, "instances", storage, 256);
        let light_buffer = GrowableBuffer::new(ctx, "lights", storage, 256);
        let camera_buffer = ctx.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("camera"),
            size: size_of::<GpuCamera>() as u64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let frame_bind_group = frame_bind_group(
            ctx,
            &layouts,
            &camera_buffer,
            &instance_buffer,
            &material_buffer,
            &light_buffer,
        );
        Self {
            pool: MeshPool::new(ctx),
            mips,
            fallbacks,
            samplers: SamplerCache::default(),
            images: Vec::new(),
            upload_generation: 0,
            meshes: Vec::new(),
            primitive_base: Vec::new(),
            materials: Vec::new(),
            material_keys: Vec::new(),
            material_bind_groups: Vec::new(),
            material_buffer,
            instances: Vec::new(),
            instance_buffer,
            draws: Vec::new(),
            lights: Vec::new(),
            light_buffer,
            studio_rig: true,
            camera_buffer,
            frame_bind_group,
            layouts,
        }
    }

    /// Uploads what changed in `scene` since the last sync: new or marked meshes and
    /// images, changed materials, moved or changed instances, and the lights.
    pub fn sync(&mut self, ctx: &GpuContext, scene: &Scene) -> Result<SyncStats> {
        let images = self.sync_images(ctx, scene);
        let meshes = self.sync_meshes(ctx, scene)?;
        let mut rebind = false;
        let materials = self.sync_materials(ctx, scene, &mut rebind);
        let instances = self.sync_instances(ctx, scene, &mut rebind);
        self.sync_lights(ctx, scene, &mut rebind);
        let stats = SyncStats {
            meshes,
            images,
            materials,
            instances,
        };
        if rebind {
            self.frame_bind_group = frame_bind_group(
                ctx,
                &self.layouts,
                &self.camera_buffer,
                &self.instance_buffer,
                &self.material_buffer,
                &self.light_buffer,
            );
        }
        Ok(stats)
    }

    fn sync_images(&mut self, ctx: &GpuContext, scene: &Scene) -> usize {
        // Filter mips in linear light for images any material reads as sRGB colour.
        let mut srgb = vec![false; scene.images.len()];
        for material in &scene.materials {
            for (_, slot) in material.texture_slots() {
                if let Some(image) = image_of(scene, slot)
                    && slot.color_space == ColorSpace::Srgb
                {
                    srgb[image.index()] = true;
                }
            }
        }
        self.images.truncate(scene.images.len());
        self.images.resize_with(scene.images.len(), || None);
        let max = ctx.device.limits().max_texture_dimension_2d;
        let mut uploaded = 0;
        for (index, image) in scene.images.iter().enumerate() {
            let revision = scene.image_revision(ImageId(index as u32));
            if self.images[index]
                .as_ref()
                .is_some_and(|u| u.revision == revision)
            {
                continue;
            }
            let label = image.name.as_deref().unwrap_or("image");
            let texture = match textures::fit_to_limit(image, max) {
                Some((w, h, texels)) => {
                    log::warn!(
                        "{label}: {}x{} exceeds the GPU's {max}; scaled to {w}x{h}",
                        image.width,
                        image.height
                    );
                    textures::upload_rgba8(ctx, &self.mips, label, w, h, &texels, srgb[index])
                }
                None => textures::upload_rgba8(
                    ctx,
                    &self.mips,
                    label,
                    image.width,
                    image.height,
                    &image.pixels,
                    srgb[index],
                ),
            };
            self.upload_generation += 1;
            self.images[index] = Some(UploadedImage {
                texture,
                revision,
                generation: self.upload_generation,
            });
            uploaded += 1;
        }
        uploaded
    }

    fn sync_meshes(&mut self, ctx: &GpuContext, scene: &Scene) -> Result<usize> {
        for gone in self.meshes.drain(scene.meshes.len().min(self.meshes.len())..) {
            for p in &gone.primitives {
                self.pool.free(p);
            }
        }
        let mut uploaded = 0;
        for (index, mesh) in scene.meshes.iter().enumerate() {
            let revision = scene.mesh_revision(MeshId(index as u32));
            if self.meshes.get(index).is_some_and(|m| m.revision == revision) {
                continue;
            }
            if let Some(old) = self.meshes.get(index) {
                for p in &old.primitives {
                    self.pool.free(p);
                }
            }
            let primitives = mesh
                .primitives
                .iter()
                .map(|p| self.pool.upload(ctx, p))
                .collect::<Result<Vec<_>>>()?;
            let entry = UploadedMesh { primitives, revision };
            if index < self.meshes.len() {
                self.meshes[index] = entry;
            } else {
                self.meshes.push(entry);
            }
            uploaded += 1;
        }
        let mut base = 0;
        self.primitive_base = self
            .meshes
            .iter()
            .map(|m| {
                let b = base;
                base += m.primitives.len() as u32;
                b
            })
            .collect();
        Ok(uploaded)
    }

    fn sync_materials(&mut self, ctx: &GpuContext, scene: &Scene, rebind: &mut bool) -> usize {
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
            let slots = [
                &material.base_color_texture,
                &material.metallic_roughness_texture,
                &material.normal_texture,
                &material.occlusion_texture,
                &material.emissive_texture,
            ];
            let key = slots.map(|slot| self.slot_key(scene, slot.as_ref()));
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

    fn slot_key(&self, scene: &Scene, slot: Option<&TextureRef>) -> SlotKey {
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

    fn build_material_bind_group(&mut self, ctx: &GpuContext, key: &[SlotKey; 5]) -> wgpu::BindGroup {
        let default_sampler = self.samplers.get(ctx, Sampler::default()).clone();
        let mut views = Vec::with_capacity(5);
        let mut samplers = Vec::with_capacity(5);
        for (slot, entry) in key.iter().enumerate() {
            match entry {
                Some((image, _, sampler, space)) => {
                    let view = self.images[*image]
                        .as_ref()
                        .map(|u| u.texture.view(*space).clone());
                    views.push(view.unwrap_or_else(|| self.fallbacks.white.linear.clone()));
                    samplers.push(self.samplers.get(ctx, *sampler).clone());
                }
                None => {
                    // Slot 2 is the normal map: its neutral value is a flat normal.
                    let fallback = if slot == 2 {
                        &self.fallbacks.flat_normal
                    } else {
                        &self.fallbacks.white
                    };
                    views.push(fallback.linear.clone());
                    samplers.push(default_sampler.clone());
                }
            }
        }
        let mut entries = Vec::with_capacity(10);
        for slot in 0..5 {
            entries.push(wgpu::BindGroupEntry {
                binding: slot as u32 * 2,
                resource: wgpu::BindingResource::TextureView(&views[slot]),
            });
            entries.push(wgpu::BindGroupEntry {
                binding: slot as u32 * 2 + 1,
                resource: wgpu::BindingResource::Sampler(&samplers[slot]),
            });
        }
        ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("material textures"),
            layout: &self.layouts.material,
            entries: &entries,
        })
    }

    fn sync_instances(&mut self, ctx: &GpuContext, scene: &Scene, rebind: &mut bool) -> usize {
        let default_material = scene.materials.len() as u32;
        let mut records = Vec::new();
        let mut draws = Vec::new();
        for instance in scene.instances() {
            let Some(primitive) = self
                .meshes
                .get(instance.mesh.index())
                .and_then(|m| m.primitives.get(instance.primitive))
            else {
                continue;
            };
            if primitive.indices.is_empty() {
                continue;
            }
            let material_index = instance
                .material
                .filter(|m| m.index() < scene.materials.len())
                .map_or(default_material, |m| m.0);
            let material = &self.materials[material_index as usize];
            let table_index = self.primitive_base[instance.mesh.index()] + instance.primitive as u32;
            let id = records.len() as u32;
            records.push(GpuInstance::new(
                instance.world,
                instance.bounds.sphere,
                material_index,
                table_index,
            ));
            draws.push(Draw {
                instance: id,
                primitive: primitive.clone(),
                material: material_index,
                double_sided: material.flags & crate::gpu_types::material_flags::DOUBLE_SIDED != 0,
                blend: material.flags & crate::gpu_types::material_flags::ALPHA_BLEND != 0,
                mirrored: glam::Mat3::from_mat4(instance.world).determinant() < 0.0,
                center: instance.bounds.sphere.center,
            });
        }
        let (replaced, written) = self.instance_buffer.update(ctx, &self.instances, &records, 16);
        *rebind |= replaced;
        self.instances = records;
        self.draws = draws;
        written
    }

    fn sync_lights(&mut self, ctx: &GpuContext, scene: &Scene, rebind: &mut bool) {
        let mut lights: Vec<GpuLight> = scene
            .world_nodes()
            .filter_map(|(id, world)| {
                let light = scene.lights.get(scene.node(id)?.light?.index())?;
                Some(GpuLight::new(light, world))
            })
            .collect();
        self.studio_rig = lights.is_empty();
        if self.studio_rig {
            let key = Light {
                name: Some("studio key".into()),
                kind: LightKind::Directional,
                color: Vec3::ONE,
                intensity: STUDIO_KEY_LUX,
                range: None,
            };
            let aim =
                glam::camera::rh::view::look_to_mat4(Vec3::ZERO, STUDIO_KEY_DIRECTION.normalize(), Vec3::Y)
                    .inverse();
            lights.push(GpuLight::new(&key, aim));
        }
        let bytes = (lights.len() * size_of::<GpuLight>()) as u64;
        *rebind |= self.light_buffer.reserve(ctx, bytes);
        if lights != self.lights || *rebind {
            ctx.queue
                .write_buffer(&self.light_buffer.buffer, 0, bytemuck::cast_slice(&lights));
        }
        self.lights = lights;
    }

    /// Writes the camera record for the next frame.
    pub fn write_camera(&self, ctx: &GpuContext, camera: &crate::ViewCamera, aspect: f32, ambient: Vec3) {
        let record = GpuCamera {
            view_proj: camera.view_projection(aspect).to_cols_array_2d(),
            view: camera.view.to_cols_array_2d(),
            position: camera.position().to_array(),
            light_count: self.lights.len() as u32,
            ambient: ambient.to_array(),
            orthographic: u32::from(matches!(
                camera.projection,
                crate::CameraProjection::Orthographic { .. }
            )),
        };
        ctx.queue
            .write_buffer(&self.camera_buffer, 0, bytemuck::bytes_of(&record));
    }

    /// True when the scene brought no lights and the studio rig is in use.
    pub fn uses_studio_rig(&self) -> bool {
        self.studio_rig
    }

    /// The draws of the last sync, in scene order.
    pub fn draws(&self) -> &[Draw] {
        &self.draws
    }

    /// The instance records of the last sync.
    pub fn instances(&self) -> &[GpuInstance] {
        &self.instances
    }

    /// The pooled geometry.
    pub fn pool(&self) -> &MeshPool {
        &self.pool
    }

    /// The primitive table: for each mesh, where its primitives start.
    pub fn primitives(&self) -> impl Iterator<Item = &PooledPrimitive> {
        self.meshes.iter().flat_map(|m| m.primitives.iter())
    }

    /// The bind group of the frame (camera, instances, materials, lights).
    pub fn frame_bind_group(&self) -> &wgpu::BindGroup {
        &self.frame_bind_group
    }

    /// The texture bind group of a material table entry.
    pub fn material_bind_group(&self, material: u32) -> &wgpu::BindGroup {
        &self.material_bind_groups[material as usize]
    }

    /// Lights in the light buffer.
    pub fn light_count(&self) -> usize {
        self.lights.len()
    }

    /// Distinct samplers created so far.
    pub fn sampler_count(&self) -> usize {
        self.samplers.count()
    }
}

/// The decoded image a texture reference reads, if any.
fn image_of(scene: &Scene, slot: &TextureRef) -> Option<ImageId> {
    let image = scene.textures.get(slot.texture.index())?.image?;
    (image.index() < scene.images.len()).then_some(image)
}

fn frame_bind_group(
    ctx: &GpuContext,
    layouts: &Layouts,
    camera: &wgpu::Buffer,
    instances: &GrowableBuffer,
    materials: &GrowableBuffer,
    lights: &GrowableBuffer,
) -> wgpu::BindGroup {
    ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some("frame"),
        layout: &layouts.frame,
        entries: &[
            wgpu::BindGroupEntry {
                binding: 0,
                resource: camera.as_entire_binding(),
            },
            wgpu::BindGroupEntry {
                binding: 1,
                resource: instances.buffer.as_entire_binding(),
            },
            wgpu::BindGroupEntry {
                binding: 2,
                resource: materials.buffer.as_entire_binding(),
            },
            wgpu::BindGroupEntry {
                binding: 3,
                resource: lights.buffer.as_entire_binding(),
            },
        ],
    })
}

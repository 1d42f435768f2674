//! The scene on the GPU: pooled geometry, textures, the material table, instances and
//! lights, kept in step with a [`Scene`] by uploading only what changed.
//!
//! Instances are stored as a structure of arrays in storage buffers — a 3×4 transform,
//! a world bounding sphere, a draw-group id (and, owned by the culling core, last frame's
//! visibility) — so the culling passes read only what they test. A draw group is a
//! primitive with a material and pipeline state; its levels of detail are consecutive
//! batches, each a range of the one pooled vertex and index buffer ([`MeshPool`]).
//! Groups are sorted so that each multi-draw call (one pipeline, one material) covers a
//! contiguous range of batches, and so of indirect commands.

mod allocator;
mod buffer;
mod deform;
mod groups;
mod instances;
pub(crate) mod layouts;
mod lights;
pub use lights::LIGHT_CUTOFF_LUX;
mod materials;
mod mesh_pool;
pub(crate) mod textures;
mod weld;

pub(crate) use groups::{BatchInfo, PipelineGroupInfo};
pub use groups::{DrawGroupInfo, DrawKey};
pub(crate) use mesh_pool::MeshPool;
pub use mesh_pool::PooledPrimitive;

use crate::error::Result;
pub(crate) use buffer::GrowableBuffer;
use glam::Vec3;
use layouts::Layouts;
use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::gpu_types::{GpuCamera, GpuDrawGroup, GpuLight, GpuMaterial};
use museion_gpu::shaders::constants::light_kind;
use museion_scene::{ColorSpace, ImageId, MeshId, Sampler, Scene, TextureRef};
use textures::{Fallbacks, GpuTexture, MipGenerator, SamplerCache};

/// Primitives with at least this many triangles get generated levels of detail.
const LOD_MIN_TRIANGLES: usize = 4096;

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
    /// The texels' fingerprint ([`textures::fingerprint`]) and whether its mips were
    /// filtered as sRGB colour: an image at the same place that matches both is the
    /// same texture, and is not uploaded again.
    fingerprint: u64,
    srgb: bool,
    /// Counts uploads, so material bind groups see a re-upload.
    generation: u64,
}

struct UploadedMesh {
    /// Per primitive, its levels of detail, finest first.
    primitives: Vec<Vec<PooledPrimitive>>,
    revision: u64,
    lods: bool,
}

/// The CPU side of the instance store; the GPU buffers hold the same arrays.
#[derive(Default)]
pub(crate) struct InstanceArrays {
    /// Rows of each 3×4 transform.
    pub transforms: Vec<[[f32; 4]; 3]>,
    /// World bounding spheres.
    pub spheres: Vec<[f32; 4]>,
    /// Draw group of each instance.
    pub group_of: Vec<u32>,
}

/// What a material bind group was built from, slot by slot.
type SlotKey = Option<(usize, u64, Sampler, ColorSpace)>;

/// The default rig when a scene brings no lights: a key light from above, in front
/// and to the right (where automatic framing puts the camera).
const STUDIO_KEY_DIRECTION: Vec3 = Vec3::new(-0.45, -0.8, -0.4);
/// Illuminance of the studio key light, lux.
const STUDIO_KEY_LUX: f32 = 3.0;

/// The box around `spheres` (centre and radius each); `None` when there are none.
fn sphere_bounds(spheres: &[[f32; 4]]) -> Option<museion_scene::Aabb> {
    let sphere_box = |s: &[f32; 4]| {
        let c = Vec3::new(s[0], s[1], s[2]);
        museion_scene::Aabb::from_corners(c - s[3], c + s[3])
    };
    let (first, rest) = spheres.split_first()?;
    Some(rest.iter().fold(sphere_box(first), |b, s| b.union(sphere_box(s))))
}

/// GPU copies of a scene's geometry, textures, materials, instances and lights.
pub struct GpuScene {
    pub(crate) layouts: Layouts,
    pool: MeshPool,
    /// Skinned and morphed instances' copies and the pass that deforms them.
    deformer: deform::Deformer,
    mips: MipGenerator,
    fallbacks: Fallbacks,
    samplers: SamplerCache,
    images: Vec<Option<UploadedImage>>,
    upload_generation: u64,
    meshes: Vec<UploadedMesh>,
    materials: Vec<GpuMaterial>,
    material_keys: Vec<[SlotKey; museion_gpu::shaders::constants::texture_slot::COUNT]>,
    material_bind_groups: Vec<wgpu::BindGroup>,
    material_buffer: GrowableBuffer,
    pub(crate) arrays: InstanceArrays,
    /// Bounds of the instances' spheres, for fitting shadow maps.
    bounds: Option<museion_scene::Aabb>,
    pub(crate) transform_buffer: GrowableBuffer,
    pub(crate) sphere_buffer: GrowableBuffer,
    pub(crate) group_of_buffer: GrowableBuffer,
    groups: Vec<DrawGroupInfo>,
    /// The draw-group table as uploaded (first batch, LOD count and size, flags).
    group_records: Vec<GpuDrawGroup>,
    pub(crate) group_buffer: GrowableBuffer,
    batches: Vec<BatchInfo>,
    pipeline_groups: Vec<PipelineGroupInfo>,
    pub(crate) pipeline_group_buffer: GrowableBuffer,
    /// Instances of blended groups, drawn sorted after everything else.
    blended: Vec<u32>,
    /// Counts changes of buffers and layout that bind groups or the culling core's
    /// per-batch buffers depend on.
    generation: u64,
    lights: Vec<GpuLight>,
    /// Per light, whether it casts shadows.
    light_casts: Vec<bool>,
    light_buffer: GrowableBuffer,
    studio_rig: bool,
    camera_buffer: wgpu::Buffer,
    frame_bind_group: wgpu::BindGroup,
}

impl GpuScene {
    /// An empty GPU scene.
    pub(crate) fn new(ctx: &GpuContext) -> Self {
        let layouts = Layouts::new(&ctx.device);
        let mips = MipGenerator::new(ctx);
        let fallbacks = Fallbacks::new(ctx, &mips);
        let storage = wgpu::BufferUsages::STORAGE;
        let material_buffer = GrowableBuffer::new(ctx, "materials", storage, 256);
        let light_buffer = GrowableBuffer::new(ctx, "lights", storage, 256);
        let camera_buffer = ctx.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("camera"),
            size: size_of::<GpuCamera>() as u64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let frame_bind_group =
            frame_bind_group(ctx, &layouts, &camera_buffer, &material_buffer, &light_buffer);
        Self {
            pool: MeshPool::new(ctx),
            deformer: deform::Deformer::new(ctx),
            mips,
            fallbacks,
            samplers: SamplerCache::default(),
            images: Vec::new(),
            upload_generation: 0,
            meshes: Vec::new(),
            materials: Vec::new(),
            material_keys: Vec::new(),
            material_bind_groups: Vec::new(),
            material_buffer,
            arrays: InstanceArrays::default(),
            bounds: None,
            transform_buffer: GrowableBuffer::new(ctx, "instance transforms", storage, 256),
            sphere_buffer: GrowableBuffer::new(ctx, "instance spheres", storage, 256),
            group_of_buffer: GrowableBuffer::new(ctx, "instance groups", storage, 256),
            groups: Vec::new(),
            group_records: Vec::new(),
            group_buffer: GrowableBuffer::new(ctx, "draw groups", storage, 256),
            batches: Vec::new(),
            pipeline_groups: Vec::new(),
            pipeline_group_buffer: GrowableBuffer::new(ctx, "pipeline groups", storage, 256),
            blended: Vec::new(),
            generation: 0,
            lights: Vec::new(),
            light_casts: Vec::new(),
            light_buffer,
            studio_rig: true,
            camera_buffer,
            frame_bind_group,
            layouts,
        }
    }

    /// Uploads what changed in `scene` since the last sync: new or marked meshes and
    /// images, changed materials, moved or changed instances, and the lights. With
    /// `lods`, primitives of at least [`LOD_MIN_TRIANGLES`] triangles get generated
    /// levels of detail.
    ///
    /// A `Scene` other than the last one needs no telling: mesh and image revisions are
    /// stamps no two scenes share, so each of its meshes and images differs from what was
    /// uploaded at its index, and is uploaded in its place (the replaced geometry goes
    /// back to the pool). An image whose texels, size and format are those of the one
    /// uploaded at its place (a venue loaded again brings the same images) keeps its
    /// texture: hot reloads upload no image twice, and the textures do not churn the
    /// GPU allocator's blocks.
    pub(crate) fn sync(&mut self, ctx: &GpuContext, scene: &Scene, lods: bool) -> Result<SyncStats> {
        let images = self.sync_images(ctx, scene);
        let meshes = self.sync_meshes(ctx, scene, lods)?;
        let mut rebind = false;
        let materials = self.sync_materials(ctx, scene, &mut rebind);
        let instances = self.sync_instances(ctx, scene, meshes > 0)?;
        self.sync_lights(ctx, scene, &mut rebind);
        if rebind {
            self.frame_bind_group = frame_bind_group(
                ctx,
                &self.layouts,
                &self.camera_buffer,
                &self.material_buffer,
                &self.light_buffer,
            );
        }
        Ok(SyncStats {
            meshes,
            images,
            materials,
            instances,
        })
    }

    /// Bytes of the scene's textures on the GPU, every mip level counted (the 1×1
    /// fallbacks of empty slots left out).
    pub fn texture_bytes(&self) -> u64 {
        self.images.iter().flatten().map(|u| u.texture.bytes).sum()
    }

    /// The format image `id` was uploaded in (`None` before it is).
    pub fn image_format(&self, id: ImageId) -> Option<wgpu::TextureFormat> {
        Some(self.images.get(id.index())?.as_ref()?.texture.format)
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
            let srgb = srgb[index];
            let slot = &mut self.images[index];
            if slot.as_ref().is_some_and(|u| u.revision == revision) {
                continue;
            }
            let fingerprint = textures::fingerprint(image);
            if let Some(same) = slot
                .as_mut()
                .filter(|u| u.fingerprint == fingerprint && u.srgb == srgb)
            {
                same.revision = revision;
                continue;
            }
            // The old texture is let go before the new one is made (wgpu frees it once
            // the GPU is done with it).
            *slot = None;
            let texture = textures::upload_image(ctx, &self.mips, image, srgb, max);
            self.upload_generation += 1;
            *slot = Some(UploadedImage {
                texture,
                revision,
                fingerprint,
                srgb,
                generation: self.upload_generation,
            });
            uploaded += 1;
        }
        uploaded
    }

    fn sync_meshes(&mut self, ctx: &GpuContext, scene: &Scene, lods: bool) -> Result<usize> {
        for gone in self.meshes.drain(scene.meshes.len().min(self.meshes.len())..) {
            for p in gone.primitives.iter().flatten() {
                self.pool.free(p);
            }
        }
        self.deformer.truncate_meshes(scene.meshes.len() as u32);
        let mut uploaded = 0;
        for (index, mesh) in scene.meshes.iter().enumerate() {
            let revision = scene.mesh_revision(MeshId(index as u32));
            if self
                .meshes
                .get(index)
                .is_some_and(|m| m.revision == revision && m.lods == lods)
            {
                continue;
            }
            if let Some(old) = self.meshes.get(index) {
                for p in old.primitives.iter().flatten() {
                    self.pool.free(p);
                }
            }
            let mut primitives = Vec::with_capacity(mesh.primitives.len());
            let mut deformable = Vec::with_capacity(mesh.primitives.len());
            for primitive in &mesh.primitives {
                let mut chain = vec![self.pool.upload(ctx, primitive)?];
                // Deformed geometry is drawn from per-instance copies at full detail.
                let source = deform::DeformSource::new(primitive, &chain[0]);
                if lods && source.is_none() && primitive.triangle_count() >= LOD_MIN_TRIANGLES {
                    for level in museion_scene::lod::lod_chain(primitive, 3, LOD_MIN_TRIANGLES / 8) {
                        chain.push(self.pool.upload(ctx, &level)?);
                    }
                }
                primitives.push(chain);
                deformable.push(source);
            }
            self.deformer.set_mesh(index as u32, revision, deformable);
            let entry = UploadedMesh {
                primitives,
                revision,
                lods,
            };
            if index < self.meshes.len() {
                self.meshes[index] = entry;
            } else {
                self.meshes.push(entry);
            }
            uploaded += 1;
        }
        Ok(uploaded)
    }

    /// Bounds of every instance's bounding sphere (as of the last sync); `None` without
    /// instances.
    pub fn bounds(&self) -> Option<museion_scene::Aabb> {
        self.bounds
    }

    /// Writes the camera record for the next frame.
    pub(crate) fn write_camera(&self, ctx: &GpuContext, camera: &crate::ViewCamera, aspect: f32) {
        let view_proj = camera.view_projection(aspect);
        let record = GpuCamera {
            view_proj: view_proj.to_cols_array_2d(),
            view: camera.view.to_cols_array_2d(),
            inverse_view_proj: view_proj.inverse().to_cols_array_2d(),
            position: camera.position().to_array(),
            light_count: self.lights.len() as u32,
            orthographic: u32::from(matches!(
                camera.projection,
                crate::CameraProjection::Orthographic { .. }
            )),
            _pad: [0; 3],
        };
        ctx.queue
            .write_buffer(&self.camera_buffer, 0, bytemuck::bytes_of(&record));
    }

    /// True when the scene brought no lights and the studio rig is in use.
    pub fn uses_studio_rig(&self) -> bool {
        self.studio_rig
    }

    /// The illuminance (lux, by the luma of each light's colour) of the scene's brightest
    /// light where it falls: a directional light's own, a point or spot light's at the
    /// nearest point of the scene's bounds (at least 10 cm away). `None` with the studio
    /// rig or without anything drawn.
    pub fn key_illuminance(&self) -> Option<f32> {
        let bounds = self.bounds?;
        if self.studio_rig {
            return None;
        }
        let luma = |c: [f32; 3]| 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        self.lights
            .iter()
            .map(|light| {
                if light.kind == light_kind::DIRECTIONAL {
                    return luma(light.color);
                }
                let position = Vec3::from_array(light.position);
                let nearest = position.clamp(bounds.min, bounds.max);
                luma(light.color) / position.distance_squared(nearest).max(0.01)
            })
            .reduce(f32::max)
    }

    /// Instances on the GPU.
    pub fn instance_count(&self) -> u32 {
        self.arrays.group_of.len() as u32
    }

    /// The draw groups, sorted by pipeline state and material (public for the culling
    /// tests, which check levels of detail against the CPU reference).
    #[doc(hidden)]
    pub fn groups(&self) -> &[DrawGroupInfo] {
        &self.groups
    }

    /// The batches (levels of detail of the draw groups), in command order.
    pub(crate) fn batches(&self) -> &[BatchInfo] {
        &self.batches
    }

    /// The multi-draw calls, each over a contiguous range of batches.
    pub(crate) fn pipeline_groups(&self) -> &[PipelineGroupInfo] {
        &self.pipeline_groups
    }

    /// Projected diameter in pixels from which draw group `group` is drawn at its finest
    /// level of detail (public for the culling tests).
    #[doc(hidden)]
    pub fn lod_pixels(&self, group: u32) -> f32 {
        self.group_records
            .get(group as usize)
            .map_or(0.0, |g| g.lod_pixels)
    }

    /// The batch of draw group `group`'s finest level of detail (its others follow).
    pub(crate) fn first_batch(&self, group: u32) -> u32 {
        self.group_records
            .get(group as usize)
            .map_or(0, |g| g.first_batch)
    }

    /// Instances of blended groups.
    pub(crate) fn blended(&self) -> &[u32] {
        &self.blended
    }

    /// World bounding spheres of the instances, as uploaded.
    pub fn spheres(&self) -> &[[f32; 4]] {
        &self.arrays.spheres
    }

    /// Draw group of each instance, as uploaded.
    pub fn group_of(&self) -> &[u32] {
        &self.arrays.group_of
    }

    /// Changes whenever a buffer or the layout that culling and draw bind groups depend
    /// on changes.
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// The pooled geometry.
    pub(crate) fn pool(&self) -> &MeshPool {
        &self.pool
    }

    /// The bind group of the frame (camera, materials, lights).
    pub(crate) fn frame_bind_group(&self) -> &wgpu::BindGroup {
        &self.frame_bind_group
    }

    /// The texture bind group of a material table entry.
    pub(crate) fn material_bind_group(&self, material: u32) -> &wgpu::BindGroup {
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

    /// Skinned and morphed instances whose pose changed in the last sync: what the next
    /// frame's deformation pass deforms.
    pub fn deformed_instances(&self) -> usize {
        self.deformer.pending()
    }

    /// Reads back the vertices that instance (`node`, `primitive`) is drawn with after
    /// the last frame's deformation (waits for the GPU): positions, normals and tangents
    /// as deformed. `None` when that instance does not deform.
    pub fn read_deformed(
        &self,
        ctx: &GpuContext,
        node: museion_scene::NodeId,
        primitive: usize,
    ) -> Result<Option<Vec<museion_gpu::gpu_types::GpuVertex>>> {
        let Some(copy) = self.deformer.copy_of(node, primitive) else {
            return Ok(None);
        };
        let vertex = size_of::<museion_gpu::gpu_types::GpuVertex>() as u64;
        let staging =
            museion_gpu::readback::staging_buffer(ctx, u64::from(copy.vertices.len() as u32) * vertex);
        let mut encoder = ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("read deformed vertices"),
            });
        encoder.copy_buffer_to_buffer(
            self.pool.vertex_buffer(),
            u64::from(copy.vertices.start) * vertex,
            &staging,
            0,
            Some(staging.size()),
        );
        ctx.queue.submit([encoder.finish()]);
        let bytes = museion_gpu::readback::map_read(ctx, &staging)?;
        Ok(Some(bytemuck::pod_collect_to_vec(&bytes)))
    }

    /// Whether the next frame deforms anything (a pose changed, and no frame has
    /// deformed it yet).
    pub(crate) fn has_deformation(&self) -> bool {
        self.deformer.has_work()
    }

    /// Records the deformation pass (nothing when no pose changed).
    pub(crate) fn record_deformation(
        &self,
        ctx: &GpuContext,
        encoder: &mut wgpu::CommandEncoder,
        stamps: Option<wgpu::ComputePassTimestampWrites<'_>>,
    ) {
        self.deformer.record(ctx, &self.pool, encoder, stamps);
    }

    /// Records the last sync's deformation again, even if a frame did (for timing it).
    pub(crate) fn record_deformation_again(&self, ctx: &GpuContext, encoder: &mut wgpu::CommandEncoder) {
        self.deformer.record_again(ctx, &self.pool, encoder, None);
    }

    /// Bytes of the pooled vertex and index buffers in use by the meshes uploaded.
    pub fn geometry_bytes(&self) -> u64 {
        self.pool.used_bytes()
    }
}

/// Projected diameter in pixels per square root of a primitive's triangles from which
/// its finest level is drawn: a mesh of T triangles keeps full detail while its bounding
/// disc covers T/2 pixels or more (D = 0.8·√T: a 46,000-triangle helmet down to 172
/// pixels across), where its triangles are about to shrink below a pixel; each coarser
/// level, with half the triangles, takes over at 1/√2 of the size.
const LOD_PIXELS_PER_SQRT_TRIANGLE: f32 = 0.8;

/// Projected diameter in pixels from which a group's finest level is drawn.
fn lod_pixels(finest: &PooledPrimitive) -> f32 {
    LOD_PIXELS_PER_SQRT_TRIANGLE * (finest.triangles() as f32).sqrt()
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
    materials: &GrowableBuffer,
    lights: &GrowableBuffer,
) -> wgpu::BindGroup {
    bindings::group(
        &ctx.device,
        Some("frame"),
        &layouts.frame,
        [
            camera.as_entire_binding(),
            materials.buffer.as_entire_binding(),
            lights.buffer.as_entire_binding(),
        ],
    )
}

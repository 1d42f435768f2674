//! Skinned and morphed instances: each gets its own copy of its primitive's vertices in
//! the vertex pool, rewritten by the deformation pass (`shaders/deform.wgsl`) in a frame
//! whose pose differs from the one it was last deformed with. Every later pass draws the
//! copy, so shadows, the prepass, the main pass and the instance ids see one surface.
//!
//! Per primitive that can deform, its skinning data and morph offsets are uploaded once
//! (with the mesh); per instance, its joint matrices and morph weights are written where
//! they changed, and only instances whose pose changed are dispatched.

use super::buffer::GrowableBuffer;
use super::mesh_pool::{MeshPool, PooledPrimitive};
use super::weld::Weld;
use crate::error::Result;
use glam::Mat4;
use museion_gpu::gpu_types::{GpuDeformJob, GpuVertex};
use museion_gpu::shaders::constants::{DEFORM_WORKGROUP, deform};
use museion_gpu::{GpuContext, bindings, pipeline, shaders};
use museion_scene::{MeshInstance, NodeId, Primitive, Scene};
use std::collections::HashMap;

/// Where a deformable primitive's data lies, once its mesh is uploaded.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DeformSource {
    /// Its vertices as uploaded.
    pub pooled: PooledPrimitive,
    /// Its vertices' data as uploaded, to fill a new instance's copy with.
    vertices: Vec<GpuVertex>,
    /// Rest positions, normals and tangents ([`deform::REST_FLOATS`] per vertex), which
    /// the pass deforms (it reads nothing of the vertex pool, only writes copies there).
    rest: Vec<f32>,
    /// Skinning data (joints and weights, [`deform::SKIN_WORDS`] per vertex), empty when
    /// the primitive is only morphed.
    skin: Vec<u32>,
    /// Morph offsets ([`deform::MORPH_FLOATS`] per vertex, target after target).
    morph: Vec<f32>,
    target_count: u32,
    /// [`deform::FLAT`], [`deform::EIGHT`] and [`deform::TANGENT`] as they apply.
    flags: u32,
    /// A flat-shaded primitive's points (empty otherwise).
    weld: Weld,
}

impl DeformSource {
    /// The data of `primitive`, uploaded at `pooled`; `None` when it cannot deform.
    pub fn new(primitive: &Primitive, pooled: &PooledPrimitive) -> Option<Self> {
        if !primitive.is_deformable() {
            return None;
        }
        let n = primitive.vertex_count();
        let mut skin = Vec::new();
        if primitive.is_skinned() {
            skin.reserve(n * deform::SKIN_WORDS as usize);
            for v in 0..n {
                let mut joints = [0u16; 8];
                let mut weights = [0f32; 8];
                for (slot, (joint, weight)) in primitive.influences(v).take(8).enumerate() {
                    joints[slot] = joint;
                    weights[slot] = weight;
                }
                skin.extend(
                    joints
                        .chunks(2)
                        .map(|p| u32::from(p[0]) | (u32::from(p[1]) << 16)),
                );
                skin.extend(weights.iter().map(|w| w.to_bits()));
            }
        }
        let mut morph = Vec::with_capacity(primitive.morph_targets.len() * n * deform::MORPH_FLOATS as usize);
        for target in &primitive.morph_targets {
            let get =
                |list: &[glam::Vec3], v: usize| list.get(v).copied().unwrap_or(glam::Vec3::ZERO).to_array();
            for v in 0..n {
                morph.extend(get(&target.positions, v));
                morph.extend(get(&target.normals, v));
                morph.extend(get(&target.tangents, v));
            }
        }
        let vertices = GpuVertex::from_primitive(primitive);
        let rest: Vec<f32> = vertices
            .iter()
            .flat_map(|v| {
                v.position
                    .into_iter()
                    .chain(v.normal)
                    .chain(v.tangent[..3].iter().copied())
            })
            .collect();
        let has_tangents = rest
            .chunks_exact(deform::REST_FLOATS as usize)
            .any(|r| r[6..9].iter().any(|&t| t != 0.0))
            || primitive
                .morph_targets
                .iter()
                .any(|t| t.tangents.iter().any(|&t| t != glam::Vec3::ZERO));
        let mut flags = flags(primitive);
        if has_tangents {
            flags |= deform::TANGENT;
        }
        let weld = if flags & deform::FLAT != 0 {
            weld_corners(n, has_tangents, &rest, &skin, &morph)
        } else {
            Weld::default()
        };
        Some(Self {
            pooled: pooled.clone(),
            vertices,
            rest,
            skin,
            morph,
            target_count: primitive.morph_targets.len() as u32,
            flags,
            weld,
        })
    }

    /// Vertices the pass's first step deforms: the points of a flat-shaded primitive,
    /// or every vertex.
    fn point_count(&self) -> u32 {
        if self.flags & deform::FLAT != 0 {
            self.weld.representatives.len() as u32
        } else {
            self.pooled.vertices.len() as u32
        }
    }
}

/// The points of a flat-shaded primitive of `n` vertices: corners whose deformation
/// inputs are equal. Normals are left out (the pass gives each corner its face's), and
/// tangents where the primitive has none.
fn weld_corners(n: usize, has_tangents: bool, rest: &[f32], skin: &[u32], morph: &[f32]) -> Weld {
    let rest_floats = deform::REST_FLOATS as usize;
    let skin_words = deform::SKIN_WORDS as usize;
    let morph_floats = deform::MORPH_FLOATS as usize;
    Weld::new(n, |v, out| {
        let r = &rest[v * rest_floats..][..rest_floats];
        out.extend(r[..3].iter().map(|f| f.to_bits()));
        if has_tangents {
            out.extend(r[6..9].iter().map(|f| f.to_bits()));
        }
        if !skin.is_empty() {
            out.extend_from_slice(&skin[v * skin_words..][..skin_words]);
        }
        // Target after target, this vertex's offsets.
        for target in morph.chunks_exact(n * morph_floats) {
            out.extend(
                target[v * morph_floats..][..morph_floats]
                    .iter()
                    .map(|f| f.to_bits()),
            );
        }
    })
}

/// The job flags of a primitive: flat shaded, eight influences.
fn flags(primitive: &Primitive) -> u32 {
    let mut flags = 0;
    if primitive.has_flat_normals() {
        flags |= deform::FLAT;
    }
    if primitive.joints_1.is_some() && primitive.weights_1.is_some() {
        flags |= deform::EIGHT;
    }
    flags
}

/// A joint matrix as the shader reads it: its first three rows (the fourth of an affine
/// matrix is 0 0 0 1).
type JointRows = [f32; 12];

fn joint_rows(m: &Mat4) -> JointRows {
    let t = m.transpose().to_cols_array();
    t[..12].try_into().expect("twelve of sixteen")
}

/// Where a source's data landed in the deformation data buffer.
#[derive(Clone, Copy, Debug)]
struct SourceOffsets {
    rest: u32,
    skin: u32,
    morph: u32,
    weld: u32,
}

/// One deformed instance: its copy of the vertices and the pose it was last given.
struct DeformedInstance {
    /// The mesh, primitive and revision it copies; a change frees the copy.
    source: (u32, usize, u64),
    copy: PooledPrimitive,
    joints: Vec<JointRows>,
    weights: Vec<f32>,
    /// Seen in the current sync.
    live: bool,
}

/// The deformation pass and the per-instance state it needs.
pub(crate) struct Deformer {
    pipeline: wgpu::ComputePipeline,
    /// The second step for flat-shaded primitives: each corner gets its point's
    /// deformed position and its face's normal.
    faces_pipeline: wgpu::ComputePipeline,
    layout: wgpu::BindGroupLayout,
    /// Per uploaded mesh and primitive, the deformable ones' data.
    sources: HashMap<(u32, usize), (u64, DeformSource)>,
    offsets: HashMap<(u32, usize), SourceOffsets>,
    data: GrowableBuffer,
    /// Set when sources changed and the data buffer must be written again.
    data_stale: bool,
    instances: HashMap<(NodeId, usize), DeformedInstance>,
    joints: Vec<JointRows>,
    uploaded_joints: Vec<JointRows>,
    joint_buffer: GrowableBuffer,
    weights: Vec<f32>,
    uploaded_weights: Vec<f32>,
    weight_buffer: GrowableBuffer,
    /// The jobs of the instances whose pose changed in the last sync, grouped by
    /// dispatch (with unused jobs between groups, for alignment).
    jobs: Vec<GpuDeformJob>,
    /// The dispatches that run them.
    dispatches: Vec<Dispatch>,
    job_buffer: GrowableBuffer,
    /// Instances whose pose changed in the last sync (for statistics and tests).
    dispatched: usize,
    /// Set once the jobs are recorded: a frame drawn again without a sync deforms
    /// nothing.
    recorded: std::cell::Cell<bool>,
    scratch: Vec<Mat4>,
}

impl Deformer {
    pub fn new(ctx: &GpuContext) -> Self {
        let device = &ctx.device;
        let compute = wgpu::ShaderStages::COMPUTE;
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("deform"),
            entries: &[
                bindings::storage_rw(0, compute),
                bindings::storage(1, compute),
                bindings::storage(2, compute),
                bindings::storage(3, compute),
                bindings::storage(4, compute),
            ],
        });
        let module = shaders::deform().create(device);
        let pipeline = pipeline::compute(device, "deform", &module, "deform", &[Some(&layout)], &[]);
        let faces_pipeline = pipeline::compute(
            device,
            "deform flat faces",
            &module,
            "flat_faces",
            &[Some(&layout)],
            &[],
        );
        let storage = wgpu::BufferUsages::STORAGE;
        Self {
            pipeline,
            faces_pipeline,
            layout,
            sources: HashMap::new(),
            offsets: HashMap::new(),
            data: GrowableBuffer::new(ctx, "deform data", storage, 256),
            data_stale: false,
            instances: HashMap::new(),
            joints: Vec::new(),
            uploaded_joints: Vec::new(),
            joint_buffer: GrowableBuffer::new(ctx, "joint matrices", storage, 256),
            weights: Vec::new(),
            uploaded_weights: Vec::new(),
            weight_buffer: GrowableBuffer::new(ctx, "morph weights", storage, 256),
            jobs: Vec::new(),
            dispatches: Vec::new(),
            job_buffer: GrowableBuffer::new(ctx, "deform jobs", storage, 256),
            dispatched: 0,
            recorded: std::cell::Cell::new(false),
            scratch: Vec::new(),
        }
    }

    /// Records the deformable primitives of mesh `mesh` as uploaded (revision
    /// `revision`), replacing what an earlier upload of the mesh left.
    pub fn set_mesh(&mut self, mesh: u32, revision: u64, sources: Vec<Option<DeformSource>>) {
        self.sources.retain(|(m, _), _| *m != mesh);
        for (primitive, source) in sources.into_iter().enumerate() {
            if let Some(source) = source {
                self.sources.insert((mesh, primitive), (revision, source));
            }
        }
        self.data_stale = true;
    }

    /// Forgets meshes at `count` and above (the scene has fewer now).
    pub fn truncate_meshes(&mut self, count: u32) {
        let before = self.sources.len();
        self.sources.retain(|(m, _), _| *m < count);
        self.data_stale |= self.sources.len() != before;
    }

    /// Starts a sync: every instance is presumed gone until [`Deformer::place`] sees it.
    pub fn begin(&mut self, ctx: &GpuContext) {
        if self.data_stale {
            self.write_data(ctx);
        }
        for instance in self.instances.values_mut() {
            instance.live = false;
        }
        self.joints.clear();
        self.weights.clear();
        self.jobs.clear();
        self.dispatches.clear();
        self.recorded.set(false);
    }

    /// The vertices to draw `instance` with: its deformed copy when its primitive can
    /// deform (made on first sight; deformed this frame when its pose changed), `None`
    /// for rigid geometry.
    pub fn place(
        &mut self,
        ctx: &GpuContext,
        pool: &mut MeshPool,
        scene: &Scene,
        instance: &MeshInstance,
        revision: u64,
    ) -> Result<Option<PooledPrimitive>> {
        let key = (instance.mesh.0, instance.primitive);
        let Some((source_revision, source)) = self.sources.get(&key) else {
            return Ok(None);
        };
        if *source_revision != revision {
            return Ok(None);
        }
        let offsets = self.offsets[&key];
        let identity = (instance.mesh.0, instance.primitive, revision);
        let slot = (instance.node, instance.primitive);
        if let Some(old) = self.instances.get(&slot)
            && old.source != identity
        {
            pool.free_copy(&old.copy);
            self.instances.remove(&slot);
        }
        let fresh = !self.instances.contains_key(&slot);
        if fresh {
            let copy = pool.allocate_copy(ctx, &source.pooled, &source.vertices)?;
            self.instances.insert(
                slot,
                DeformedInstance {
                    source: identity,
                    copy,
                    joints: Vec::new(),
                    weights: Vec::new(),
                    live: true,
                },
            );
        }
        let skinned = !source.skin.is_empty() && scene.joint_matrices_into(instance.node, &mut self.scratch);
        let joints: Vec<JointRows> = if skinned {
            self.scratch.iter().map(joint_rows).collect()
        } else {
            Vec::new()
        };
        let mut weights = scene.morph_weights(instance.node).to_vec();
        weights.resize(source.target_count as usize, 0.0);
        let job = GpuDeformJob {
            rest_offset: offsets.rest,
            target_vertex: 0,
            vertex_count: source.pooled.vertices.len() as u32,
            skin_offset: if skinned { offsets.skin } else { deform::NO_SKIN },
            morph_offset: offsets.morph,
            target_count: source.target_count,
            joint_offset: self.joints.len() as u32,
            weight_offset: self.weights.len() as u32,
            flags: source.flags,
            point_count: source.point_count(),
            weld_offset: offsets.weld,
        };
        self.joints.extend_from_slice(&joints);
        self.weights.extend_from_slice(&weights);
        let entry = self.instances.get_mut(&slot).expect("placed above");
        entry.live = true;
        if fresh || entry.joints != joints || entry.weights != weights {
            entry.joints = joints;
            entry.weights = weights;
            self.jobs.push(GpuDeformJob {
                target_vertex: entry.copy.vertices.start,
                ..job
            });
        }
        Ok(Some(entry.copy.clone()))
    }

    /// Ends a sync: copies of instances that are gone go back to the pool, and this
    /// frame's joint matrices, weights and jobs are uploaded.
    pub fn finish(&mut self, ctx: &GpuContext, pool: &mut MeshPool) {
        self.instances.retain(|_, instance| {
            if !instance.live {
                pool.free_copy(&instance.copy);
            }
            instance.live
        });
        // Joint matrices and weights are written where they differ from the last sync's
        // (offsets move only when instances come or go), so a still scene uploads none.
        self.joint_buffer
            .update(ctx, &self.uploaded_joints, &self.joints, 16);
        self.weight_buffer
            .update(ctx, &self.uploaded_weights, &self.weights, 16);
        self.uploaded_joints.clone_from(&self.joints);
        self.uploaded_weights.clone_from(&self.weights);
        self.dispatched = self.jobs.len();
        let limit = ctx.device.limits().max_storage_buffer_binding_size;
        let (jobs, dispatches) = windows(std::mem::take(&mut self.jobs), limit);
        self.job_buffer.update(ctx, &[], &jobs, 1);
        self.jobs = jobs;
        self.dispatches = dispatches;
    }

    /// The vertices of the deformed copy of `primitive` at `node`, if it has one.
    pub fn copy_of(&self, node: NodeId, primitive: usize) -> Option<&PooledPrimitive> {
        self.instances.get(&(node, primitive)).map(|i| &i.copy)
    }

    /// Whether the next frame has instances to deform.
    pub fn has_work(&self) -> bool {
        !self.jobs.is_empty() && !self.recorded.get()
    }

    /// Instances deformed by the next frame.
    pub fn pending(&self) -> usize {
        self.dispatched
    }

    /// Writes every source's skinning data and morph offsets into one buffer.
    fn write_data(&mut self, ctx: &GpuContext) {
        let mut words: Vec<u32> = Vec::new();
        self.offsets.clear();
        let mut keys: Vec<_> = self.sources.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            let (_, source) = &self.sources[&key];
            let rest = words.len() as u32;
            words.extend(source.rest.iter().map(|f| f.to_bits()));
            let skin = words.len() as u32;
            words.extend_from_slice(&source.skin);
            let morph = words.len() as u32;
            words.extend(source.morph.iter().map(|f| f.to_bits()));
            let weld = words.len() as u32;
            words.extend(source.weld.words());
            self.offsets.insert(
                key,
                SourceOffsets {
                    rest,
                    skin,
                    morph,
                    weld,
                },
            );
        }
        if words.is_empty() {
            words.push(0);
        }
        self.data.update(ctx, &[], &words, 1);
        self.data_stale = false;
        // Offsets changed: every instance must be deformed again.
        for instance in self.instances.values_mut() {
            instance.joints.clear();
            instance.weights.clear();
            instance.weights.push(f32::NAN);
        }
    }

    /// Records the deformation of the instances whose pose changed in the last sync,
    /// once: later frames before the next sync have nothing to deform.
    pub fn record(
        &self,
        ctx: &GpuContext,
        pool: &MeshPool,
        encoder: &mut wgpu::CommandEncoder,
        stamps: Option<wgpu::ComputePassTimestampWrites<'_>>,
    ) {
        if self.recorded.replace(true) {
            return;
        }
        self.record_again(ctx, pool, encoder, stamps);
    }

    /// Records the last sync's deformation whether or not a frame has (for timing it).
    pub fn record_again(
        &self,
        ctx: &GpuContext,
        pool: &MeshPool,
        encoder: &mut wgpu::CommandEncoder,
        stamps: Option<wgpu::ComputePassTimestampWrites<'_>>,
    ) {
        if self.dispatches.is_empty() {
            return;
        }
        let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some("deform"),
            timestamp_writes: stamps,
        });
        let job_size = size_of::<GpuDeformJob>() as u64;
        for dispatch in &self.dispatches {
            let window = (dispatch.vertices.end - dispatch.vertices.start) * VERTEX_BYTES;
            let group = bindings::group(
                &ctx.device,
                Some("deform"),
                &self.layout,
                [
                    wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                        buffer: pool.vertex_buffer(),
                        offset: dispatch.vertices.start * VERTEX_BYTES,
                        size: std::num::NonZeroU64::new(window),
                    }),
                    self.data.buffer.as_entire_binding(),
                    self.joint_buffer.buffer.as_entire_binding(),
                    self.weight_buffer.buffer.as_entire_binding(),
                    wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                        buffer: &self.job_buffer.buffer,
                        offset: dispatch.jobs.start as u64 * job_size,
                        size: std::num::NonZeroU64::new(dispatch.jobs.len() as u64 * job_size),
                    }),
                ],
            );
            let jobs = &self.jobs[dispatch.jobs.clone()];
            let rows = jobs.len() as u32;
            let points = jobs.iter().map(|j| j.point_count).max().unwrap_or(0);
            pass.set_pipeline(&self.pipeline);
            pass.set_bind_group(0, &group, &[]);
            pass.dispatch_workgroups(points.div_ceil(DEFORM_WORKGROUP), rows, 1);
            let triangles = jobs
                .iter()
                .filter(|j| j.flags & deform::FLAT != 0)
                .map(|j| j.vertex_count / 3)
                .max();
            if let Some(triangles) = triangles {
                // wgpu orders the two dispatches' accesses to the pool with a barrier.
                pass.set_pipeline(&self.faces_pipeline);
                pass.dispatch_workgroups(triangles.div_ceil(DEFORM_WORKGROUP), rows, 1);
            }
        }
    }
}

/// Bytes of a vertex in the pool.
const VERTEX_BYTES: u64 = size_of::<GpuVertex>() as u64;

/// Vertices a window of the pool starts at a multiple of: 32 vertices of 72 bytes are
/// 9 × 256, the storage offset alignment.
const WINDOW_ALIGN: u32 = 32;

/// One dispatch: its jobs (a range of the job buffer) and the window of the vertex pool
/// they write into (their `target_vertex` counts from its start).
#[derive(Clone, Debug, PartialEq)]
struct Dispatch {
    jobs: std::ops::Range<usize>,
    vertices: std::ops::Range<u64>,
}

/// Groups jobs into dispatches whose targets lie in one window of the vertex pool no
/// larger than `limit` bytes (what the adapter binds at once) and that have at most
/// [`JOBS_PER_DISPATCH`] jobs; each group starts at a job offset the storage alignment
/// allows (unused jobs pad the gaps). Targets become relative to their window.
fn windows(mut jobs: Vec<GpuDeformJob>, limit: u64) -> (Vec<GpuDeformJob>, Vec<Dispatch>) {
    jobs.sort_unstable_by_key(|j| j.target_vertex);
    let max_vertices = (limit / VERTEX_BYTES).max(1);
    let mut out: Vec<GpuDeformJob> = Vec::with_capacity(jobs.len());
    let mut dispatches: Vec<Dispatch> = Vec::new();
    for job in jobs {
        if u64::from(job.vertex_count) > max_vertices {
            log::warn!(
                "a skinned or morphed primitive of {} vertices is more than the adapter binds at \
                 once ({} MiB): it keeps its rest pose",
                job.vertex_count,
                limit >> 20
            );
            continue;
        }
        let end = u64::from(job.target_vertex) + u64::from(job.vertex_count);
        let fits = dispatches
            .last()
            .is_some_and(|d| end - d.vertices.start <= max_vertices && d.jobs.len() < JOBS_PER_DISPATCH);
        if !fits {
            // Pad to an aligned job offset, and open a window at an aligned vertex.
            while !out.len().is_multiple_of(JOB_ALIGN) {
                out.push(GpuDeformJob::default());
            }
            let start = u64::from(job.target_vertex - job.target_vertex % WINDOW_ALIGN);
            dispatches.push(Dispatch {
                jobs: out.len()..out.len(),
                vertices: start..start,
            });
        }
        let dispatch = dispatches.last_mut().expect("opened above");
        out.push(GpuDeformJob {
            target_vertex: (u64::from(job.target_vertex) - dispatch.vertices.start) as u32,
            ..job
        });
        dispatch.jobs.end = out.len();
        dispatch.vertices.end = dispatch.vertices.end.max(end);
    }
    (out, dispatches)
}

/// Jobs a dispatch's first job is a multiple of: 64 jobs of 44 bytes are 11 × 256, the
/// storage offset alignment.
const JOB_ALIGN: usize = 64;

/// Jobs per dispatch: the 65,535 workgroups a dispatch may have in y.
const JOBS_PER_DISPATCH: usize = 65_535;
const _: () = assert!((JOB_ALIGN * size_of::<GpuDeformJob>()).is_multiple_of(256));
const _: () = assert!((WINDOW_ALIGN as usize * size_of::<GpuVertex>()).is_multiple_of(256));

#[cfg(test)]
mod tests {
    use super::*;

    fn job(target_vertex: u32, vertex_count: u32) -> GpuDeformJob {
        GpuDeformJob {
            target_vertex,
            vertex_count,
            ..GpuDeformJob::default()
        }
    }

    #[test]
    fn jobs_are_grouped_into_windows_the_adapter_can_bind() {
        // Windows of at most 1,000 vertices (72,000 bytes).
        let limit = 1000 * VERTEX_BYTES;
        let (jobs, dispatches) = windows(
            vec![job(1500, 400), job(100, 300), job(400, 500), job(2000, 600)],
            limit,
        );
        assert_eq!(dispatches.len(), 3);
        for d in &dispatches {
            assert!(d.vertices.end - d.vertices.start <= 1000, "{d:?}");
            assert_eq!(d.vertices.start % u64::from(WINDOW_ALIGN), 0);
            assert_eq!(d.jobs.start % JOB_ALIGN, 0);
            for j in &jobs[d.jobs.clone()] {
                // Each target, made absolute again, lies in its window.
                let start = d.vertices.start + u64::from(j.target_vertex);
                assert!(start + u64::from(j.vertex_count) <= d.vertices.end);
            }
        }
        // Every job is in exactly one dispatch, with its absolute target kept.
        let mut targets: Vec<u64> = dispatches
            .iter()
            .flat_map(|d| {
                jobs[d.jobs.clone()]
                    .iter()
                    .map(move |j| d.vertices.start + u64::from(j.target_vertex))
            })
            .collect();
        targets.sort_unstable();
        assert_eq!(targets, vec![100, 400, 1500, 2000]);
    }
}

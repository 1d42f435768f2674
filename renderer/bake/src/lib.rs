//! museion-bake-gpu: the light bake's rays traced on the GPU.
//!
//! [`GpuTracer`] is a [`ProbeTracer`] for `museion-bake`: the same estimator as the CPU
//! tracer (the probe's rays along the same Fibonacci sphere, next-event estimation
//! toward one light per hit, cosine-weighted bounces, the environment where rays leave)
//! as a wgpu compute pass, `shaders/bake_probes.wgsl`, one workgroup per probe over a
//! binary BVH built with `obvhs`. Its random numbers differ from the CPU's, so the two
//! bakes agree within the rays' noise rather than to the bit.
//!
//! Which is faster depends on the machine: on a GPU the compute pass wins; on a CPU
//! adapter such as lavapipe the rayon tracer does (BENCHMARKS.md). [`prefer_gpu`] says
//! which to pick for an adapter.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let ctx = museion_gpu::GpuContext::new(None)?;
//! let venue = museion_venue::load("venue.toml")?;
//! let tracer = museion_bake_gpu::GpuTracer::new(&ctx);
//! let baked = museion_bake::bake_cached_with(&venue, None, None, &tracer, &|_, _| {})?;
//! println!("{} probes", baked.probes.probes.len());
//! # Ok(())
//! # }
//! ```

mod scene;

pub use scene::{ENVIRONMENT_WIDTH, GpuBakeScene, STACK_SIZE};

use bytemuck::{Pod, Zeroable};
use glam::Vec3;
use museion_bake::{BakeError, BakedProbe, ProbeScene, ProbeTask, ProbeTracer, Progress, probe_start};
use museion_gpu::GpuContext;
use museion_gpu::{bindings, pipeline, readback, shaders};
use wgpu::util::DeviceExt;

/// Floats per probe in the results (`RESULT_FLOATS`): nine coefficients × RGB, then
/// how many rays met the back of a surface.
const RESULT_FLOATS: usize = 28;
/// Rays traced per submission, about: a few seconds of work on lavapipe, so that
/// progress moves and a cancelled bake stops soon.
const RAYS_PER_BATCH: u64 = 1 << 17;

/// Whether the bake should run on `ctx`'s adapter rather than the CPU: on any adapter
/// but a CPU one (a software rasteriser runs compute slower than the rayon tracer).
pub fn prefer_gpu(ctx: &GpuContext) -> bool {
    ctx.info.device_type != wgpu::DeviceType::Cpu
}

/// Per-dispatch settings (`BakeParams` in the shader).
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
struct GpuBakeParams {
    first_task: u32,
    task_count: u32,
    samples: u32,
    bounces: u32,
    light_count: u32,
    environment_width: u32,
    environment_height: u32,
    triangle_count: u32,
}

/// A probe to bake (`ProbeTask`): position, the turn of its ray sphere, its seed.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
struct GpuTask {
    position: [f32; 3],
    turn: f32,
    seed: u32,
    _pad: [u32; 3],
}

/// The bake's path tracer as a compute pipeline on a device.
pub struct GpuTracer {
    ctx: GpuContext,
    layout: wgpu::BindGroupLayout,
    pipeline: wgpu::ComputePipeline,
}

impl GpuTracer {
    /// The pipeline on `ctx`'s device.
    pub fn new(ctx: &GpuContext) -> Self {
        let device = &ctx.device;
        let compute = wgpu::ShaderStages::COMPUTE;
        let mut entries = vec![bindings::uniform(0, compute)];
        entries.extend((1..=6).map(|binding| bindings::storage(binding, compute)));
        entries.push(bindings::storage_rw(7, compute));
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("bake probes"),
            entries: &entries,
        });
        let module = shaders::bake_probes().create(device);
        let pipeline = pipeline::compute(device, "bake probes", &module, "bake", &[Some(&layout)], &[]);
        Self {
            ctx: ctx.clone(),
            layout,
            pipeline,
        }
    }

    fn error(&self, message: impl Into<String>) -> BakeError {
        BakeError::Tracer {
            tracer: self.name(),
            message: message.into(),
        }
    }

    /// A storage buffer holding `data`, refused when the device cannot bind it whole.
    fn storage<T: Pod>(&self, label: &str, data: &[T]) -> Result<wgpu::Buffer, BakeError> {
        let size = size_of_val(data) as u64;
        let limit = self.ctx.device.limits().max_storage_buffer_binding_size;
        if size > limit {
            return Err(self.error(format!(
                "the {label} take {size} bytes, more than the {limit} the device binds at once; bake on the CPU"
            )));
        }
        Ok(self
            .ctx
            .device
            .create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some(label),
                contents: bytemuck::cast_slice(data),
                usage: wgpu::BufferUsages::STORAGE,
            }))
    }
}

impl ProbeTracer for GpuTracer {
    fn name(&self) -> String {
        format!("gpu ({})", self.ctx.info.name)
    }

    fn trace(
        &self,
        scene: &ProbeScene,
        tasks: &[ProbeTask],
        progress: &dyn Progress,
    ) -> Result<Vec<BakedProbe>, BakeError> {
        if tasks.is_empty() {
            return Ok(Vec::new());
        }
        let gpu_scene = GpuBakeScene::new(
            scene.geometry,
            scene.transport.lights,
            scene.transport.environment,
        );
        if gpu_scene.depth + 2 > STACK_SIZE {
            return Err(self.error(format!(
                "the BVH is {} levels deep, more than the shader's stack of {STACK_SIZE} holds; bake on the CPU",
                gpu_scene.depth
            )));
        }
        let gpu_tasks: Vec<GpuTask> = tasks.iter().map(gpu_task).collect();
        let batch = (RAYS_PER_BATCH / u64::from(scene.samples.max(1))).clamp(1, 65_535) as usize;
        let device = &self.ctx.device;
        let params = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("bake params"),
            size: size_of::<GpuBakeParams>() as u64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let results_size = (batch * RESULT_FLOATS * 4) as u64;
        let results = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("bake results"),
            size: results_size,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        });
        let buffers = [
            self.storage("BVH nodes", &gpu_scene.nodes)?,
            self.storage("triangles", &gpu_scene.triangles)?,
            self.storage("surfaces", &gpu_scene.surfaces)?,
            self.storage("lights", &gpu_scene.lights)?,
            self.storage("environment", &gpu_scene.environment)?,
            self.storage("probes", &gpu_tasks)?,
        ];
        let group = bindings::group(
            device,
            Some("bake probes"),
            &self.layout,
            std::iter::once(params.as_entire_binding())
                .chain(buffers.iter().map(wgpu::Buffer::as_entire_binding))
                .chain(std::iter::once(results.as_entire_binding())),
        );
        let mut probes = Vec::with_capacity(tasks.len());
        for first in (0..tasks.len()).step_by(batch) {
            if progress.cancelled() {
                return Err(BakeError::Cancelled);
            }
            let count = batch.min(tasks.len() - first);
            let settings = GpuBakeParams {
                first_task: first as u32,
                task_count: count as u32,
                samples: scene.samples,
                bounces: scene.transport.bounces,
                light_count: gpu_scene.light_count,
                environment_width: gpu_scene.environment_size.0,
                environment_height: gpu_scene.environment_size.1,
                triangle_count: gpu_scene.triangle_count,
            };
            self.ctx
                .queue
                .write_buffer(&params, 0, bytemuck::bytes_of(&settings));
            let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("bake probes"),
            });
            {
                let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                    label: Some("bake probes"),
                    timestamp_writes: None,
                });
                pass.set_pipeline(&self.pipeline);
                pass.set_bind_group(0, &group, &[]);
                pass.dispatch_workgroups(count as u32, 1, 1);
            }
            self.ctx.queue.submit([encoder.finish()]);
            let bytes = readback::read_buffers(&self.ctx, &[(&results, (count * RESULT_FLOATS * 4) as u64)])
                .map_err(|e| self.error(e.to_string()))?;
            let floats: &[f32] = bytemuck::cast_slice(&bytes[0]);
            probes.extend(floats.chunks_exact(RESULT_FLOATS).map(|row| {
                let radiance = std::array::from_fn(|c| Vec3::new(row[3 * c], row[3 * c + 1], row[3 * c + 2]));
                BakedProbe::from_rays(radiance, row[27] as u32, scene.samples)
            }));
            progress.report(probes.len(), tasks.len());
        }
        log::debug!(
            "gpu bake: {} probes in batches of {batch}, BVH of {} nodes, {} levels",
            tasks.len(),
            gpu_scene.nodes.len(),
            gpu_scene.depth
        );
        Ok(probes)
    }
}

/// A task as the shader reads it: the turn of its ray sphere is the first number of its
/// random stream, as the CPU tracer's is, so both trace the same directions from it.
fn gpu_task(task: &ProbeTask) -> GpuTask {
    let (mut rng, turn) = probe_start(task.stream);
    GpuTask {
        position: task.position.to_array(),
        turn,
        seed: rng.next_u32(),
        _pad: [0; 3],
    }
}

//! GPU timestamps around each pass of a frame, where the adapter has them.

use crate::error::Result;
use museion_gpu::GpuContext;

/// The passes of a frame that are timed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PassKind {
    /// The deformation of skinned and morphed instances.
    Deform,
    /// A cull pass (cull dispatch and command writing).
    Cull,
    /// The Hi-Z pyramid build.
    Pyramid,
    /// A forward draw pass.
    Draw,
    /// Tone mapping.
    Tonemap,
}

/// At most this many timed passes per frame: deformation, two culls, pyramid, two
/// draws, tone map, and room to spare.
const MAX_PASSES: u32 = 10;

/// GPU times of the last frame, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GpuTimings {
    /// From the start of the first pass to the end of the last.
    pub frame_ms: f64,
    /// The cull passes (cull dispatches and command writing).
    pub cull_ms: f64,
    /// The Hi-Z pyramid build.
    pub pyramid_ms: f64,
    /// The forward draw passes.
    pub draw_ms: f64,
    /// The deformation of skinned and morphed instances.
    pub deform_ms: f64,
}

pub(crate) struct FrameTimer {
    queries: wgpu::QuerySet,
    resolve: wgpu::Buffer,
    readback: wgpu::Buffer,
    passes: Vec<PassKind>,
    /// Nanoseconds per timestamp tick.
    period: f64,
}

impl FrameTimer {
    /// `None` when the device has no timestamp queries.
    pub fn new(ctx: &GpuContext) -> Option<Self> {
        if !ctx.has(wgpu::Features::TIMESTAMP_QUERY) {
            return None;
        }
        let size = u64::from(MAX_PASSES * 2) * 8;
        Some(Self {
            queries: ctx.device.create_query_set(&wgpu::QuerySetDescriptor {
                label: Some("pass timestamps"),
                ty: wgpu::QueryType::Timestamp,
                count: MAX_PASSES * 2,
            }),
            resolve: ctx.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("timestamp resolve"),
                size,
                usage: wgpu::BufferUsages::QUERY_RESOLVE | wgpu::BufferUsages::COPY_SRC,
                mapped_at_creation: false,
            }),
            readback: museion_gpu::readback::staging_buffer(ctx, size),
            passes: Vec::new(),
            period: f64::from(ctx.queue.get_timestamp_period()),
        })
    }

    /// Starts a frame: no passes timed yet.
    pub fn begin_frame(&mut self) {
        self.passes.clear();
    }

    fn next(&mut self, kind: PassKind) -> Option<(u32, u32)> {
        let index = self.passes.len() as u32;
        if index >= MAX_PASSES {
            return None;
        }
        self.passes.push(kind);
        Some((index * 2, index * 2 + 1))
    }

    /// Timestamp writes for the next compute pass.
    pub fn compute(&mut self, kind: PassKind) -> Option<wgpu::ComputePassTimestampWrites<'_>> {
        let (begin, end) = self.next(kind)?;
        Some(wgpu::ComputePassTimestampWrites {
            query_set: &self.queries,
            beginning_of_pass_write_index: Some(begin),
            end_of_pass_write_index: Some(end),
        })
    }

    /// Timestamp writes for the next render pass.
    pub fn render(&mut self, kind: PassKind) -> Option<wgpu::RenderPassTimestampWrites<'_>> {
        let (begin, end) = self.next(kind)?;
        Some(wgpu::RenderPassTimestampWrites {
            query_set: &self.queries,
            beginning_of_pass_write_index: Some(begin),
            end_of_pass_write_index: Some(end),
        })
    }

    /// Resolves this frame's timestamps into the readback buffer.
    pub fn resolve(&self, encoder: &mut wgpu::CommandEncoder) {
        let count = self.passes.len() as u32 * 2;
        if count == 0 {
            return;
        }
        encoder.resolve_query_set(&self.queries, 0..count, &self.resolve, 0);
        encoder.copy_buffer_to_buffer(&self.resolve, 0, &self.readback, 0, u64::from(count) * 8);
    }

    /// Reads the last frame's timings (waits for the GPU).
    pub fn read(&self, ctx: &GpuContext) -> Result<GpuTimings> {
        if self.passes.is_empty() {
            return Ok(GpuTimings::default());
        }
        let bytes = museion_gpu::readback::map_read(ctx, &self.readback)?;
        let ticks: Vec<u64> = bytemuck::pod_collect_to_vec(&bytes);
        let ms = |ticks: u64| ticks as f64 * self.period / 1e6;
        let mut timings = GpuTimings::default();
        // A pass whose end is before its start was not timed (lavapipe leaves the
        // timestamps of some compute passes unwritten): it counts nowhere.
        let valid = |i: usize| ticks[i * 2 + 1] >= ticks[i * 2];
        let first = (0..self.passes.len())
            .filter(|&i| valid(i))
            .map(|i| ticks[i * 2])
            .min()
            .unwrap_or(0);
        let mut last = first;
        for (i, kind) in self.passes.iter().enumerate() {
            if !valid(i) {
                log::trace!("{kind:?} pass: no valid timestamps");
                continue;
            }
            let (begin, end) = (ticks[i * 2], ticks[i * 2 + 1]);
            let span = ms(end - begin);
            log::trace!(
                "{kind:?} pass: starts at {:.3} ms, takes {span:.3} ms",
                ms(begin.saturating_sub(first))
            );
            last = last.max(end);
            match kind {
                PassKind::Cull => timings.cull_ms += span,
                PassKind::Pyramid => timings.pyramid_ms += span,
                PassKind::Draw => timings.draw_ms += span,
                PassKind::Deform => timings.deform_ms += span,
                PassKind::Tonemap => {}
            }
        }
        timings.frame_ms = ms(last.saturating_sub(first));
        Ok(timings)
    }
}

//! A GPU buffer that grows (to the next power of two) when its contents outgrow it.

use museion_gpu::GpuContext;

pub(crate) struct GrowableBuffer {
    pub buffer: wgpu::Buffer,
    label: &'static str,
    usage: wgpu::BufferUsages,
}

impl GrowableBuffer {
    pub fn new(ctx: &GpuContext, label: &'static str, usage: wgpu::BufferUsages, bytes: u64) -> Self {
        let usage = usage | wgpu::BufferUsages::COPY_DST;
        Self {
            buffer: Self::create(ctx, label, usage, bytes),
            label,
            usage,
        }
    }

    fn create(ctx: &GpuContext, label: &str, usage: wgpu::BufferUsages, bytes: u64) -> wgpu::Buffer {
        ctx.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some(label),
            size: bytes.max(256).next_power_of_two(),
            usage,
            mapped_at_creation: false,
        })
    }

    /// Makes room for `bytes`; returns true when the buffer was replaced (its contents
    /// are then gone and bind groups using it are stale).
    pub fn reserve(&mut self, ctx: &GpuContext, bytes: u64) -> bool {
        if bytes <= self.buffer.size() {
            return false;
        }
        self.buffer = Self::create(ctx, self.label, self.usage, bytes);
        true
    }
}

impl GrowableBuffer {
    /// Makes the buffer hold `new`, writing only the runs that differ from `old` (what
    /// the buffer held before). Returns whether the buffer was replaced (bind groups
    /// using it are then stale) and how many elements were written.
    pub fn update<T: bytemuck::Pod + PartialEq>(
        &mut self,
        ctx: &GpuContext,
        old: &[T],
        new: &[T],
        gap: usize,
    ) -> (bool, usize) {
        let size = size_of::<T>();
        let replaced = self.reserve(ctx, size_of_val(new) as u64);
        let runs = if replaced {
            std::iter::once(0..new.len()).collect()
        } else {
            changed_runs(old, new, gap)
        };
        for run in &runs {
            ctx.queue.write_buffer(
                &self.buffer,
                (run.start * size) as u64,
                bytemuck::cast_slice(&new[run.clone()]),
            );
        }
        (replaced, runs.iter().map(|r| r.len()).sum())
    }
}

/// The runs of elements that differ between `old` and `new` (with `new`'s extra tail),
/// as index ranges into `new`, merging runs separated by fewer than `gap` equal ones.
pub(crate) fn changed_runs<T: PartialEq>(old: &[T], new: &[T], gap: usize) -> Vec<std::ops::Range<usize>> {
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, item) in new.iter().enumerate() {
        if old.get(i) == Some(item) {
            continue;
        }
        match runs.last_mut() {
            Some(last) if i - last.end < gap => last.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::changed_runs;

    #[test]
    fn runs_cover_every_change_and_merge_close_ones() {
        let old = [1, 2, 3, 4, 5, 6, 7, 8];
        let new = [1, 9, 3, 9, 5, 6, 7, 8, 10, 11];
        assert_eq!(changed_runs(&old, &new, 1), vec![1..2, 3..4, 8..10]);
        assert_eq!(changed_runs(&old, &new, 3), vec![1..4, 8..10]);
        assert!(changed_runs(&old, &old, 4).is_empty());
    }
}

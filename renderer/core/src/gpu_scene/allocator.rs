//! First-fit sub-allocation of element ranges inside one growable buffer.

use std::ops::Range;

/// Free and used ranges of a pool of `capacity` elements.
#[derive(Debug, Default)]
pub(crate) struct RangeAllocator {
    capacity: u32,
    /// Free ranges, sorted by start, never adjacent (merged on free).
    free: Vec<Range<u32>>,
}

impl RangeAllocator {
    pub fn new(capacity: u32) -> Self {
        Self {
            capacity,
            free: if capacity > 0 {
                std::iter::once(0..capacity).collect()
            } else {
                Vec::new()
            },
        }
    }

    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// A free range of `len` elements, or `None` when the pool must grow first.
    pub fn allocate(&mut self, len: u32) -> Option<Range<u32>> {
        if len == 0 {
            return Some(0..0);
        }
        let slot = self.free.iter().position(|r| r.end - r.start >= len)?;
        let start = self.free[slot].start;
        self.free[slot].start += len;
        if self.free[slot].is_empty() {
            self.free.remove(slot);
        }
        Some(start..start + len)
    }

    /// Returns a range to the pool, merging it with free neighbours.
    pub fn free(&mut self, range: Range<u32>) {
        if range.is_empty() {
            return;
        }
        let at = self.free.partition_point(|r| r.start < range.start);
        self.free.insert(at, range);
        if at + 1 < self.free.len() && self.free[at].end == self.free[at + 1].start {
            self.free[at].end = self.free[at + 1].end;
            self.free.remove(at + 1);
        }
        if at > 0 && self.free[at - 1].end == self.free[at].start {
            self.free[at - 1].end = self.free[at].end;
            self.free.remove(at);
        }
    }

    /// Grows the pool to `capacity`, adding the new tail as free space.
    pub fn grow(&mut self, capacity: u32) {
        if capacity <= self.capacity {
            return;
        }
        let tail = self.capacity..capacity;
        self.capacity = capacity;
        self.free(tail);
    }

    /// Elements not in use.
    pub fn free_count(&self) -> u32 {
        self.free.iter().map(|r| r.end - r.start).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_reused_and_merged() {
        let mut a = RangeAllocator::new(100);
        let x = a.allocate(30).unwrap();
        let y = a.allocate(30).unwrap();
        let z = a.allocate(30).unwrap();
        assert_eq!((x.clone(), y.clone(), z.clone()), (0..30, 30..60, 60..90));
        assert_eq!(a.allocate(20), None);
        a.free(y);
        a.free(x);
        assert_eq!(a.free_count(), 70);
        // 0..60 merged: a 50-element request fits at the start.
        assert_eq!(a.allocate(50), Some(0..50));
        a.free(z);
        a.grow(200);
        assert_eq!(a.allocate(150), Some(50..200));
        assert_eq!(a.free_count(), 0);
        assert_eq!(a.allocate(0), Some(0..0));
    }
}

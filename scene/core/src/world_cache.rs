//! The scene's hierarchy as the world matrices see it, kept beside the node arena in
//! compact per-slot arrays (links, local transforms, cached worlds), so that marking,
//! refreshing and reading world matrices never touch the nodes themselves.
//!
//! A change marks only the node it happens to (*pending*): no subtree walk, no
//! allocation. A cached world is valid when neither its node nor any ancestor is
//! pending; a read walks up the parent links to check (and skips even that when nothing
//! is pending), and [`WorldCache::update`] refreshes each pending subtree once, from its
//! topmost pending node down.

use crate::transform::Transform;
use glam::Mat4;

/// The "no slot" link: the parent of a root, the end of a list of children.
const NONE: u32 = u32::MAX;

/// Chains of up to this many nodes are composed without allocating.
const SHORT_CHAIN: usize = 32;

/// A value alone on a 64-byte cache line: local transforms (48 bytes) and world
/// matrices (64) never straddle two lines, which halves the lines a frame that writes
/// many of them (a crowd posed in bulk) touches.
#[derive(Clone, Copy, Debug)]
#[repr(align(64))]
pub(crate) struct Line<T>(pub T);

/// What the cache keeps per arena slot besides the transforms.
#[derive(Clone, Copy, Debug)]
struct Link {
    /// The slot's generation: bumped when its node is removed.
    generation: u32,
    /// The parent's slot, or [`NONE`].
    parent: u32,
    /// The first child's slot, or [`NONE`] (children in no particular order: the
    /// node's own list keeps theirs).
    first_child: u32,
    /// The next sibling's slot, or [`NONE`].
    next_sibling: u32,
    /// True while a node lives in the slot.
    live: bool,
    /// The node's local transform or parent changed since its world was cached: the
    /// cached worlds of it and of its whole subtree are stale.
    pending: bool,
}

/// Per-slot hierarchy links, local transforms, pending flags and cached world matrices
/// of a scene.
#[derive(Clone, Debug, Default)]
pub(crate) struct WorldCache {
    links: Vec<Link>,
    locals: Vec<Line<Transform>>,
    worlds: Vec<Line<Mat4>>,
    /// Every pending slot, each once (some may have been removed or reused since).
    dirty: Vec<u32>,
    /// Scratch stack of [`WorldCache::update`], kept to spare its allocation.
    stack: Vec<u32>,
    /// The slots marked through each [`CacheChunk`] of the last split, to join `dirty`.
    chunk_dirty: Vec<Vec<u32>>,
    /// Counts changes of local transforms and links (every one, pending or not): what
    /// was worked out from the worlds at one count holds while it stays.
    changes: u64,
    /// Counts changes of the links only (nodes added, removed, moved to a new parent).
    structure: u64,
}

/// The links and local transforms of a run of consecutive slots, changed apart from the
/// rest (in parallel with other chunks): what a [`WorldCache::split`] hands out.
#[derive(Debug)]
pub(crate) struct CacheChunk<'a> {
    /// The first slot of the run.
    first: u32,
    links: &'a mut [Link],
    locals: &'a mut [Line<Transform>],
    worlds: &'a mut [Line<Mat4>],
    /// The slots marked through this chunk.
    dirty: &'a mut Vec<u32>,
}

impl CacheChunk<'_> {
    /// The slot index within the chunk, when slot `index` of this `generation` is live
    /// and in the chunk.
    pub fn live(&self, index: u32, generation: u32) -> Option<usize> {
        let at = index.checked_sub(self.first)? as usize;
        let link = self.links.get(at)?;
        (link.live && link.generation == generation).then_some(at)
    }

    /// The slots of the chunk.
    pub fn slots(&self) -> std::ops::Range<u32> {
        self.first..self.first + self.links.len() as u32
    }

    /// True when slot `index` is in the chunk.
    pub fn covers(&self, index: u32) -> bool {
        index
            .checked_sub(self.first)
            .is_some_and(|at| (at as usize) < self.links.len())
    }

    /// The local transform at chunk position `at`.
    pub fn local(&self, at: usize) -> &Transform {
        &self.locals[at].0
    }

    /// Replaces the local transform at chunk position `at` and marks its slot.
    pub fn set_local(&mut self, at: usize, local: Transform) {
        self.locals[at].0 = local;
        let link = &mut self.links[at];
        if !link.pending {
            link.pending = true;
            self.dirty.push(self.first + at as u32);
        }
    }

    /// Replaces the local transform and the cached world at chunk position `at`
    /// without marking it: `world` must be the slot's world with `local` as the scene
    /// stands. A slot pending already stays pending (its subtree is then refreshed from
    /// the locals, `world` included, by the next update).
    pub fn set_posed(&mut self, at: usize, local: Transform, world: Mat4) {
        self.locals[at].0 = local;
        self.worlds[at].0 = world;
    }

    /// [`CacheChunk::set_posed`] keeping the local transform.
    pub fn set_world(&mut self, at: usize, world: Mat4) {
        self.worlds[at].0 = world;
    }
}

impl WorldCache {
    /// True when `index` is a live slot of this `generation`.
    pub fn is_live(&self, index: u32, generation: u32) -> bool {
        self.links
            .get(index as usize)
            .is_some_and(|l| l.live && l.generation == generation)
    }

    /// The generation of slot `index` (which must exist).
    pub fn generation(&self, index: u32) -> u32 {
        self.links[index as usize].generation
    }

    /// The generation of slot `index` when a node lives there.
    pub fn live_generation(&self, index: u32) -> Option<u32> {
        let link = self.links.get(index as usize)?;
        link.live.then_some(link.generation)
    }

    /// Adds a live slot at the end, pending, under `parent`; returns its index.
    pub fn push(&mut self, parent: Option<u32>, local: Transform) -> u32 {
        self.structure += 1;
        let index = u32::try_from(self.links.len()).expect("more than 2^32 nodes");
        self.links.push(Link {
            generation: 0,
            parent: NONE,
            first_child: NONE,
            next_sibling: NONE,
            live: false,
            pending: false,
        });
        self.locals.push(Line(local));
        self.worlds.push(Line(Mat4::IDENTITY));
        self.revive(index, parent, local);
        index
    }

    /// Makes free slot `index` live again, pending, under `parent`.
    pub fn revive(&mut self, index: u32, parent: Option<u32>, local: Transform) {
        self.structure += 1;
        let link = &mut self.links[index as usize];
        link.live = true;
        link.pending = false;
        link.first_child = NONE;
        self.locals[index as usize].0 = local;
        self.attach(index, parent);
    }

    /// Frees slot `index`, taking it out of its parent's children: its generation moves
    /// on, so old handles go stale. Its children must be freed too (they are not
    /// unlinked one by one).
    pub fn free(&mut self, index: u32) {
        self.structure += 1;
        self.changes += 1;
        self.detach(index);
        let link = &mut self.links[index as usize];
        link.live = false;
        link.pending = false;
        link.first_child = NONE;
        link.generation = link.generation.wrapping_add(1);
    }

    /// Moves slot `index` under `parent` (or to the roots) and marks it.
    pub fn set_parent(&mut self, index: u32, parent: Option<u32>) {
        self.structure += 1;
        self.detach(index);
        self.attach(index, parent);
    }

    /// Links slot `index` (detached) under `parent` and marks it.
    fn attach(&mut self, index: u32, parent: Option<u32>) {
        let parent = parent.unwrap_or(NONE);
        let next = match parent {
            NONE => NONE,
            p => std::mem::replace(&mut self.links[p as usize].first_child, index),
        };
        let link = &mut self.links[index as usize];
        link.parent = parent;
        link.next_sibling = next;
        self.mark(index);
    }

    /// Takes slot `index` out of its parent's children; it becomes a root.
    fn detach(&mut self, index: u32) {
        let link = self.links[index as usize];
        self.links[index as usize].parent = NONE;
        self.links[index as usize].next_sibling = NONE;
        if link.parent == NONE {
            return;
        }
        let first = &mut self.links[link.parent as usize].first_child;
        if *first == index {
            *first = link.next_sibling;
            return;
        }
        let mut current = *first;
        while current != NONE {
            let next = self.links[current as usize].next_sibling;
            if next == index {
                self.links[current as usize].next_sibling = link.next_sibling;
                return;
            }
            current = next;
        }
    }

    /// The local transform of slot `index`.
    pub fn local(&self, index: u32) -> &Transform {
        &self.locals[index as usize].0
    }

    /// Replaces the local transform of slot `index` and marks it.
    pub fn set_local(&mut self, index: u32, local: Transform) {
        self.locals[index as usize].0 = local;
        self.mark(index);
    }

    /// The cache cut into chunks of `size` consecutive slots (the last may be shorter).
    /// Their marks join the others at [`WorldCache::join`].
    pub fn split(&mut self, size: usize) -> Vec<CacheChunk<'_>> {
        let size = size.max(1);
        let starts: Vec<u32> = (1..self.links.len().div_ceil(size))
            .map(|i| (i * size) as u32)
            .collect();
        self.split_at(&starts)
    }

    /// The cache cut before each slot of `starts` (increasing; those out of order or
    /// past the end are skipped): one chunk more than the cuts made, the first from
    /// slot 0. Their marks join the others at [`WorldCache::join`].
    pub fn split_at(&mut self, starts: &[u32]) -> Vec<CacheChunk<'_>> {
        let len = self.links.len();
        let mut cuts = Vec::with_capacity(starts.len() + 1);
        let mut last = 0usize;
        for &s in starts {
            let s = s as usize;
            if s > last && s < len {
                cuts.push(s);
                last = s;
            }
        }
        let count = cuts.len() + 1;
        if self.chunk_dirty.len() < count {
            self.chunk_dirty.resize_with(count, Vec::new);
        }
        let (mut links, mut locals, mut worlds) =
            (&mut self.links[..], &mut self.locals[..], &mut self.worlds[..]);
        let mut dirty = self.chunk_dirty.iter_mut();
        let mut chunks = Vec::with_capacity(count);
        let mut first = 0usize;
        for end in cuts.into_iter().chain(std::iter::once(len)) {
            let at = end - first;
            let (l, rest_links) = std::mem::take(&mut links).split_at_mut(at);
            let (t, rest_locals) = std::mem::take(&mut locals).split_at_mut(at);
            let (w, rest_worlds) = std::mem::take(&mut worlds).split_at_mut(at);
            (links, locals, worlds) = (rest_links, rest_locals, rest_worlds);
            let Some(dirty) = dirty.next() else { break };
            chunks.push(CacheChunk {
                first: first as u32,
                links: l,
                locals: t,
                worlds: w,
                dirty,
            });
            first = end;
        }
        chunks
    }

    /// Takes in the marks made through the chunks of the last [`WorldCache::split`],
    /// and counts the split as a change.
    pub fn join(&mut self) {
        self.changes += 1;
        for marks in &mut self.chunk_dirty {
            self.dirty.append(marks);
        }
    }

    /// The count of changes so far: it moves with every change of a local transform
    /// or a link, and with every split.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// The count of changes of links so far (nodes added, removed or moved).
    pub fn structure(&self) -> u64 {
        self.structure
    }

    /// Marks slot `index` pending: its local transform or parent changed.
    fn mark(&mut self, index: u32) {
        self.changes += 1;
        let link = &mut self.links[index as usize];
        if !link.pending {
            link.pending = true;
            self.dirty.push(index);
        }
    }

    /// True when some cached world is stale.
    pub fn has_pending(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// True when slot `index` itself is pending (its subtree's caches are then stale).
    pub fn is_pending(&self, index: u32) -> bool {
        self.links[index as usize].pending
    }

    /// The cached world of slot `index`, current or not.
    pub fn cached(&self, index: u32) -> Mat4 {
        self.worlds[index as usize].0
    }

    /// The current world of live slot `index`: the cached one when valid, else
    /// composed from the cached world above its topmost pending ancestor (or itself).
    pub fn world(&self, index: u32) -> Mat4 {
        if self.dirty.is_empty() {
            return self.worlds[index as usize].0;
        }
        let Some(top) = self.topmost_pending(index) else {
            return self.worlds[index as usize].0;
        };
        // The slots from `index` up to `top`, composed top down as `update` does.
        let mut short = [0u32; SHORT_CHAIN];
        let mut long = Vec::new();
        let mut len = 0;
        let mut current = index;
        loop {
            if len < SHORT_CHAIN {
                short[len] = current;
            } else {
                if len == SHORT_CHAIN {
                    long.extend_from_slice(&short);
                }
                long.push(current);
            }
            len += 1;
            if current == top {
                break;
            }
            current = self.links[current as usize].parent;
        }
        let chain = if len <= SHORT_CHAIN {
            &short[..len]
        } else {
            &long[..]
        };
        chain.iter().rev().fold(self.base_of(top), |world, &slot| {
            world * self.locals[slot as usize].0.matrix()
        })
    }

    /// The topmost pending slot among `index` and its ancestors.
    fn topmost_pending(&self, index: u32) -> Option<u32> {
        let mut top = None;
        let mut current = index;
        loop {
            let link = self.links[current as usize];
            if link.pending {
                top = Some(current);
            }
            if link.parent == NONE {
                return top;
            }
            current = link.parent;
        }
    }

    /// The world that slot `index` composes onto: its parent's cached one, or identity.
    fn base_of(&self, index: u32) -> Mat4 {
        match self.links[index as usize].parent {
            NONE => Mat4::IDENTITY,
            parent => self.worlds[parent as usize].0,
        }
    }

    /// Refreshes every stale cached world, each pending subtree once, parents first.
    pub fn update(&mut self) {
        let mut dirty = std::mem::take(&mut self.dirty);
        let mut stack = std::mem::take(&mut self.stack);
        for &index in &dirty {
            let link = self.links[index as usize];
            if !link.live || !link.pending {
                continue; // gone, or refreshed with an ancestor's subtree already
            }
            let Some(top) = self.topmost_pending(index) else {
                continue;
            };
            stack.push(top);
            while let Some(slot) = stack.pop() {
                let s = slot as usize;
                self.worlds[s].0 = self.base_of(slot) * self.locals[s].0.matrix();
                let link = &mut self.links[s];
                link.pending = false;
                let mut child = link.first_child;
                while child != NONE {
                    stack.push(child);
                    child = self.links[child as usize].next_sibling;
                }
            }
        }
        dirty.clear();
        self.dirty = dirty;
        self.stack = stack;
    }
}

#[cfg(test)]
#[path = "world_cache_tests.rs"]
mod tests;

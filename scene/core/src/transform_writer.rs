//! Writing node transforms in parallel: the scene cut into parts of consecutive node
//! slots, each changed through a [`TransformWriter`] of its own.

use crate::ids::NodeId;
use crate::scene::Scene;
use crate::transform::Transform;
use crate::world_cache::CacheChunk;
use std::ops::Range;

/// Sets the local transforms of the nodes in one part of a scene, apart from the other
/// parts (on another thread, say): what [`Scene::split_transforms`] hands out. Changes
/// take effect as those of [`Scene::set_transform`] do.
#[derive(Debug)]
pub struct TransformWriter<'a> {
    cache: CacheChunk<'a>,
}

impl TransformWriter<'_> {
    /// True when `id`'s slot lies in this writer's part (whether or not a node lives
    /// there): the one writer of a split that can set its transform.
    pub fn covers(&self, id: NodeId) -> bool {
        self.cache.covers(id.index)
    }

    /// The slot indices ([`NodeId::index`]) of this writer's part.
    pub fn slots(&self) -> Range<u32> {
        self.cache.slots()
    }

    /// The local transform of a live node of this writer's part.
    pub fn local(&self, id: NodeId) -> Option<&Transform> {
        let at = self.cache.live(id.index, id.generation)?;
        Some(self.cache.local(at))
    }

    /// Replaces a node's local transform, as [`Scene::set_transform`] does. False, and
    /// nothing done, when `id` is not a live node of this writer's part.
    pub fn set_transform(&mut self, id: NodeId, transform: Transform) -> bool {
        let Some(at) = self.cache.live(id.index, id.generation) else {
            return false;
        };
        self.cache.set_local(at, transform);
        true
    }

    /// Changes a node's local transform in place, as [`Scene::edit_transform`] does.
    /// False, without calling `edit`, when `id` is not a live node of this writer's part.
    pub fn edit_transform(&mut self, id: NodeId, edit: impl FnOnce(&mut Transform)) -> bool {
        let Some(at) = self.cache.live(id.index, id.generation) else {
            return false;
        };
        let mut transform = *self.cache.local(at);
        edit(&mut transform);
        self.cache.set_local(at, transform);
        true
    }

    /// Sets a node's local transform together with its world matrix, worked out by the
    /// caller, without marking the node: for posing whole hierarchies in bulk (a crowd
    /// of animated copies), where every node of a subtree is set this way, parents and
    /// children alike, and nothing is left for [`Scene::update_transforms`].
    ///
    /// `world` must be the node's world matrix with `local` as the scene then stands
    /// (its parent's world × `local.matrix()`), and every child of the node must be set
    /// this way too (or be marked): a child left alone keeps a world cached from the
    /// old one. A node that is already marked stays marked, and is then refreshed from
    /// the local transforms as usual. False, and nothing done, when `id` is not a live
    /// node of this writer's part.
    pub fn set_posed(&mut self, id: NodeId, local: Transform, world: glam::Mat4) -> bool {
        let Some(at) = self.cache.live(id.index, id.generation) else {
            return false;
        };
        self.cache.set_posed(at, local, world);
        true
    }

    /// [`set_posed`](Self::set_posed) for a node whose local transform stays as it is:
    /// sets its world matrix only, under the same conditions.
    pub fn set_posed_world(&mut self, id: NodeId, world: glam::Mat4) -> bool {
        let Some(at) = self.cache.live(id.index, id.generation) else {
            return false;
        };
        self.cache.set_world(at, world);
        true
    }
}

impl Scene {
    /// Cuts the scene's nodes into about `parts` parts of consecutive slots, each with
    /// a [`TransformWriter`], and hands them to `write` (which may use them in parallel);
    /// the changes count as [`Scene::set_transform`]s once it returns. Every node lies in
    /// exactly one part ([`TransformWriter::covers`] tells which); there are none for a
    /// scene without nodes. The split counts as a change of the transforms
    /// ([`Scene::transform_changes`]) whatever the writers did.
    pub fn split_transforms(&mut self, parts: usize, write: impl FnOnce(&mut [TransformWriter<'_>])) {
        let (slots, cache) = self.world_cache_mut();
        let size = slots.div_ceil(parts.max(1)).max(1);
        let mut writers = Self::writers(slots, cache.split(size));
        write(&mut writers);
        drop(writers);
        cache.join();
    }

    /// [`Scene::split_transforms`] with the parts cut where the caller says: before
    /// each node slot of `starts` (increasing; slots out of order or past the last node
    /// are skipped), so one part more than the cuts made, the first from slot 0. For a
    /// writer that knows which nodes each of its threads sets (a crowd, copy by copy).
    pub fn split_transforms_at(&mut self, starts: &[u32], write: impl FnOnce(&mut [TransformWriter<'_>])) {
        let (slots, cache) = self.world_cache_mut();
        let mut writers = Self::writers(slots, cache.split_at(starts));
        write(&mut writers);
        drop(writers);
        cache.join();
    }

    /// A writer per chunk, none when the scene has no node slots.
    fn writers(slots: usize, chunks: Vec<CacheChunk<'_>>) -> Vec<TransformWriter<'_>> {
        if slots == 0 {
            return Vec::new();
        }
        chunks
            .into_iter()
            .map(|cache| TransformWriter { cache })
            .collect()
    }
}

//! The node transforms a player has evaluated and not yet written, gathered compactly
//! while its buffers are at hand (evaluation runs in parallel, writing does not), so
//! that writing reads one short list instead of the player's scattered buffers.

use crate::binding::Slots;
use glam::{Quat, Vec3};
use museion_scene::{NodeId, Scene, Transform, TransformWriter};

/// The changed parts of one node's transform.
#[derive(Clone, Copy, Debug)]
struct Staged {
    /// The parts' values (the others unused).
    values: Transform,
    node: NodeId,
    /// The node's index in [`Slots::transforms`].
    transform: u32,
    /// Which of translation (bit 0), rotation (bit 1) and scale (bit 2) changed.
    parts: u8,
}

/// The staged transforms of one player: one entry per node, in the order the nodes
/// first changed since the last write.
#[derive(Clone, Debug, Default)]
pub(crate) struct Staging {
    staged: Vec<Staged>,
    /// Per node transform of the player, where its entry may be in `staged` (valid when
    /// that entry names it).
    at: Vec<u32>,
    /// The lowest and highest slot index of the staged nodes.
    low: u32,
    high: u32,
}

impl Staging {
    /// True when nothing waits to be written.
    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    /// Stages part `part` (0, 1, 2: translation, rotation, scale) of node transform
    /// `transform` (an index into [`Slots::transforms`]) at `value`, replacing what was
    /// staged for that part.
    pub fn stage(&mut self, slots: &Slots, transform: usize, part: usize, value: &[f32]) {
        if self.at.len() < slots.transforms.len() {
            self.at.resize(slots.transforms.len(), u32::MAX);
        }
        let at = self.at[transform] as usize;
        let entry = match self.staged.get_mut(at) {
            Some(entry) if entry.transform as usize == transform => entry,
            _ => {
                let node = slots.transforms[transform].node;
                if self.staged.is_empty() {
                    (self.low, self.high) = (node.index(), node.index());
                }
                self.low = self.low.min(node.index());
                self.high = self.high.max(node.index());
                self.at[transform] = self.staged.len() as u32;
                self.staged.push(Staged {
                    values: Transform::IDENTITY,
                    node,
                    transform: transform as u32,
                    parts: 0,
                });
                let last = self.staged.len() - 1;
                &mut self.staged[last]
            }
        };
        entry.parts |= 1 << part;
        match part {
            0 => entry.values.translation = Vec3::from_slice(value),
            1 => entry.values.rotation = Quat::from_slice(value),
            _ => entry.values.scale = Vec3::from_slice(value),
        }
    }

    /// Writes every staged part into `scene` (one [`Scene::edit_transform`] per node)
    /// and empties the staging; `gone` hears of each slot of a node no longer there.
    pub fn write(&mut self, scene: &mut Scene, slots: &Slots, mut gone: impl FnMut(usize)) {
        for staged in &self.staged {
            if scene.edit_transform(staged.node, |t| staged.apply(t)).is_err() {
                let trs = slots.transforms[staged.transform as usize].trs;
                trs.into_iter().flatten().for_each(&mut gone);
            }
        }
        self.staged.clear();
    }

    /// Writes the staged parts of the nodes in `writer`'s part of the scene; `gone`
    /// hears of each node transform (an index into [`Slots::transforms`]) whose node is
    /// no longer there. The staging stays until [`Staging::clear`].
    pub fn write_part(&self, writer: &mut TransformWriter<'_>, mut gone: impl FnMut(usize)) {
        let part = writer.slots();
        if self.staged.is_empty() || self.high < part.start || self.low >= part.end {
            return;
        }
        for staged in &self.staged {
            if writer.covers(staged.node) && !writer.edit_transform(staged.node, |t| staged.apply(t)) {
                gone(staged.transform as usize);
            }
        }
    }

    /// Forgets what is staged.
    pub fn clear(&mut self) {
        self.staged.clear();
    }
}

impl Staged {
    /// Sets the staged parts of `transform`.
    fn apply(&self, transform: &mut Transform) {
        if self.parts & 1 != 0 {
            transform.translation = self.values.translation;
        }
        if self.parts & 2 != 0 {
            transform.rotation = self.values.rotation;
        }
        if self.parts & 4 != 0 {
            transform.scale = self.values.scale;
        }
    }
}

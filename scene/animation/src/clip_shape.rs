//! What a clip drives once resolved against a player's slots: its channels, their
//! key-time groups and the slots, alike for the players of copies of a model.

use crate::sample::ValueKind;
use std::ops::Range;

/// A slot as evaluation needs it: which one, where its numbers sit in the player's
/// value buffers and what they are (copied from the player's slots when the clip is
/// bound, so that evaluation reads them from the shared shape).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct SlotLayout {
    /// Index into the player's slots.
    pub slot: u32,
    /// First number in the value buffers.
    pub offset: u32,
    /// Numbers in the value.
    pub len: u32,
    pub kind: ValueKind,
    /// Whether the slot has a rest value.
    pub has_rest: bool,
    /// For a node's translation, rotation or scale: the node transform (an index into
    /// the player's node transforms) and the part (0, 1, 2).
    pub trs: Option<(u32, u8)>,
}

impl SlotLayout {
    /// The slot's numbers in the value buffers.
    pub fn range(&self) -> Range<usize> {
        self.offset as usize..(self.offset + self.len) as usize
    }
}

/// One channel of a bound clip.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct BoundChannel {
    /// Index into the clip's keyframes.
    pub sampler: u32,
    /// Index into [`ClipShape::slots`].
    pub layout: u32,
    /// Index into [`ClipShape::groups`]: channels whose samplers have equal key times
    /// share one key search.
    pub group: u32,
}

/// What a clip drives, resolved against a player's slots: the same for the players of
/// copies of a model, and shared between them through a [`ClipCache`](crate::ClipCache).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct ClipShape {
    pub channels: Vec<BoundChannel>,
    /// For each key-time group, a sampler whose times the group uses.
    pub groups: Vec<u32>,
    /// The slots the clip drives, each once.
    pub slots: Vec<SlotLayout>,
}

//! A player's view of the scene, resolved once: the properties its clips drive (slots,
//! each with the rest value captured from the scene), and each clip's channels as
//! (sampler, slot, key-time group) triples that need no lookup while playing.

use crate::clip_shape::{BoundChannel, ClipShape, SlotLayout};
use crate::keyframes::{ClipCache, Keyframes};
use crate::pointer_read::{Current, read_pointer};
use crate::sample::{ValueKind, morph_weight_count, validate};
use museion_scene::{AnimationProperty, AnimationSampler, NodeId, PointerTarget, Scene};
use std::collections::HashMap;
use std::sync::Arc;

/// What a slot drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum SlotTarget {
    /// A node's translation, rotation, scale or morph weights.
    Node(NodeId, AnimationProperty),
    /// A `KHR_animation_pointer` target.
    Pointer(PointerTarget),
}

/// One animated property: where its numbers sit in the player's flat value buffers.
#[derive(Clone, Debug)]
pub(crate) struct Slot {
    pub target: SlotTarget,
    /// First number in the value buffers.
    pub offset: usize,
    /// Numbers in the value.
    pub len: usize,
    pub kind: ValueKind,
    /// False for a pointer target that held no number when captured (an infinite light
    /// range): weights below one are then normalised instead of filled from the rest.
    pub has_rest: bool,
    /// The node transform this slot is part of ([`Slots::transforms`]), for TRS slots.
    pub transform: Option<usize>,
}

/// The TRS slots of one node, written together with one `set_transform`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NodeTransform {
    pub node: NodeId,
    /// Slots of translation, rotation and scale.
    pub trs: [Option<usize>; 3],
}

/// Every property a player drives, and the rest pose.
#[derive(Clone, Debug, Default)]
pub(crate) struct Slots {
    pub slots: Vec<Slot>,
    pub transforms: Vec<NodeTransform>,
    /// The rest value of every slot, flat (NaN where there is none).
    pub rest: Vec<f32>,
    index: HashMap<SlotTarget, usize>,
    transform_index: HashMap<NodeId, usize>,
}

impl Slots {
    /// The slot driving `target`, added with `rest` (`None`: no rest value) when new.
    /// `None` when an existing slot holds values of another length.
    fn slot(
        &mut self,
        target: SlotTarget,
        kind: ValueKind,
        len: usize,
        rest: Option<&[f32]>,
    ) -> Option<usize> {
        if let Some(&slot) = self.index.get(&target) {
            return (self.slots[slot].len == len).then_some(slot);
        }
        let slot = self.slots.len();
        let offset = self.rest.len();
        match rest {
            Some(rest) => self
                .rest
                .extend((0..len).map(|i| rest.get(i).copied().unwrap_or(0.0))),
            None => self.rest.resize(offset + len, f32::NAN),
        }
        let transform = match target {
            SlotTarget::Node(node, property) => trs_index(property).map(|part| {
                let next = self.transforms.len();
                let t = *self.transform_index.entry(node).or_insert(next);
                if t == next {
                    self.transforms.push(NodeTransform { node, trs: [None; 3] });
                }
                self.transforms[t].trs[part] = Some(slot);
                t
            }),
            SlotTarget::Pointer(_) => None,
        };
        self.slots.push(Slot {
            target,
            offset,
            len,
            kind,
            has_rest: rest.is_some(),
            transform,
        });
        self.index.insert(target, slot);
        Some(slot)
    }

    /// The total count of numbers of all slots.
    pub fn value_len(&self) -> usize {
        self.rest.len()
    }
}

/// 0, 1, 2 for translation, rotation, scale; `None` for morph weights.
fn trs_index(property: AnimationProperty) -> Option<usize> {
    match property {
        AnimationProperty::Translation => Some(0),
        AnimationProperty::Rotation => Some(1),
        AnimationProperty::Scale => Some(2),
        AnimationProperty::MorphWeights => None,
    }
}

/// A clip resolved against a player's slots.
#[derive(Clone, Debug)]
pub(crate) struct BoundClip {
    /// The time of its last key.
    pub duration: f32,
    /// Its samplers, as they were when it was bound (shared with equal clips).
    pub keyframes: Keyframes,
    /// Its channels, key-time groups and slots (shared with equal clips).
    pub shape: Arc<ClipShape>,
}

/// Resolves animation `clip` of `scene` into `slots`, its keyframes shared through
/// `cache`; `None` when the scene has no such animation. Channels that cannot play (a missing sampler or target, too few values,
/// a target another clip drives with values of another length, a second channel on one
/// property) are left out with a warning.
pub(crate) fn bind_clip(
    scene: &Scene,
    clip: usize,
    slots: &mut Slots,
    cache: &mut ClipCache,
) -> Option<BoundClip> {
    let animation = scene.animations.get(clip)?;
    let keyframes = cache.share(&animation.samplers);
    let name = animation.name.as_deref().unwrap_or("");
    let mut bound = ClipShape {
        channels: Vec::with_capacity(animation.channels.len() + animation.pointer_channels.len()),
        groups: Vec::new(),
        slots: Vec::new(),
    };
    // What a channel is, worked out only for a warning.
    type What<'a> = &'a dyn Fn() -> String;
    let skip = |what: What, why: &dyn std::fmt::Display| {
        log::warn!("animation {clip} {name:?}: {} is left out: {why}", what());
    };
    let add = |bound: &mut ClipShape, slots: &Slots, sampler: usize, slot: Option<usize>, what: What| {
        let Some(slot) = slot else {
            skip(what, &"another clip drives it with values of another length");
            return;
        };
        if bound.slots.iter().any(|l| l.slot as usize == slot) {
            skip(what, &"another channel of the clip drives the same property");
            return;
        }
        let times = &animation.samplers[sampler].times;
        let group = bound
            .groups
            .iter()
            .position(|&s| animation.samplers[s as usize].times == *times)
            .unwrap_or_else(|| {
                bound.groups.push(sampler as u32);
                bound.groups.len() - 1
            });
        let s = &slots.slots[slot];
        let part = match s.target {
            SlotTarget::Node(_, property) => trs_index(property),
            SlotTarget::Pointer(_) => None,
        };
        bound.channels.push(BoundChannel {
            sampler: sampler as u32,
            layout: bound.slots.len() as u32,
            group: group as u32,
        });
        bound.slots.push(SlotLayout {
            slot: slot as u32,
            offset: s.offset as u32,
            len: s.len as u32,
            kind: s.kind,
            has_rest: s.has_rest,
            trs: s.transform.zip(part).map(|(t, p)| (t as u32, p as u8)),
        });
    };
    for (i, channel) in animation.channels.iter().enumerate() {
        let what = || format!("channel {i} ({:?} of {})", channel.property, channel.target);
        let Some(sampler) = animation.samplers.get(channel.sampler) else {
            skip(&what, &format!("there is no sampler {}", channel.sampler));
            continue;
        };
        let Some(components) = node_components(channel.property, sampler) else {
            skip(&what, &"its weight values are not a whole number per key");
            continue;
        };
        if let Err(e) = validate(sampler, components) {
            skip(&what, &e);
            continue;
        }
        let Some(rest) = node_rest(scene, channel.target, channel.property) else {
            skip(&what, &"the node is not in the scene");
            continue;
        };
        let target = SlotTarget::Node(channel.target, channel.property);
        let slot = slots.slot(target, ValueKind::of(channel.property), components, Some(&rest));
        add(&mut bound, slots, channel.sampler, slot, &what);
    }
    for (i, channel) in animation.pointer_channels.iter().enumerate() {
        let what = || format!("pointer channel {i} ({:?})", channel.target);
        let Some(sampler) = animation.samplers.get(channel.sampler) else {
            skip(&what, &format!("there is no sampler {}", channel.sampler));
            continue;
        };
        let components = channel.target.components();
        if let Err(e) = validate(sampler, components) {
            skip(&what, &e);
            continue;
        }
        let rest = match read_pointer(scene, channel.target) {
            Current::Value(value) => Some(value),
            Current::Unset => None,
            Current::Missing => {
                skip(&what, &"the scene has nothing there to animate");
                continue;
            }
        };
        let target = SlotTarget::Pointer(channel.target);
        let slot = slots.slot(target, ValueKind::Vector, components, rest.as_deref());
        add(&mut bound, slots, channel.sampler, slot, &what);
    }
    Some(BoundClip {
        duration: animation.duration(),
        keyframes,
        shape: cache.share_shape(bound),
    })
}

/// Numbers per value of a node property sampled by `sampler`.
fn node_components(property: AnimationProperty, sampler: &AnimationSampler) -> Option<usize> {
    match property {
        AnimationProperty::Translation | AnimationProperty::Scale => Some(3),
        AnimationProperty::Rotation => Some(4),
        AnimationProperty::MorphWeights => morph_weight_count(sampler),
    }
}

/// The value a node property has in `scene` now; `None` for a node not in the scene.
fn node_rest(scene: &Scene, node: NodeId, property: AnimationProperty) -> Option<Vec<f32>> {
    let transform = scene.local_transform(node)?;
    Some(match property {
        AnimationProperty::Translation => transform.translation.to_array().to_vec(),
        AnimationProperty::Rotation => transform.rotation.to_array().to_vec(),
        AnimationProperty::Scale => transform.scale.to_array().to_vec(),
        AnimationProperty::MorphWeights => scene.morph_weights(node).to_vec(),
    })
}

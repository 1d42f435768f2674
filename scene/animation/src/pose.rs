//! Blending a player's layers into one value per slot, and writing the values that
//! changed into the scene.
//!
//! Evaluation reads only the player's own keyframes and buffers, so players evaluate in
//! parallel; writing needs the scene mutably and is cheap: only
//! slots whose value differs from the last one written are touched.

use crate::binding::{BoundClip, SlotTarget, Slots};
use crate::clip_shape::SlotLayout;
use crate::layer::Layer;
use crate::sample::{KeyPosition, ValueKind, sample_at};
use crate::staging::Staging;
use glam::Quat;
use museion_scene::{Scene, TransformWriter};

/// The per-slot working state of a player.
#[derive(Clone, Debug, Default)]
pub(crate) struct Pose {
    /// Weighted sums, then the blended values (flat, like [`Slots::rest`]).
    acc: Vec<f32>,
    /// The values last written (the rest values before any write).
    written: Vec<f32>,
    /// Per slot, the sum of the weights that reached it this evaluation.
    weight: Vec<f32>,
    /// Per slot, the evaluation that last drove it.
    stamp: Vec<u32>,
    /// Per slot, whether its value changed and waits in `dirty` to be written (node
    /// transforms are staged instead).
    changed: Vec<bool>,
    /// Per slot, whether writing it failed already (warned once).
    failed: Vec<bool>,
    evaluation: u32,
    /// Slots driven by this evaluation and by the one before.
    active: Vec<SlotLayout>,
    previous: Vec<SlotLayout>,
    /// Slots to write other than node transforms (those are staged at once).
    dirty: Vec<usize>,
    /// The node transforms to write.
    staging: Staging,
    /// One sampled value.
    scratch: Vec<f32>,
    /// The key position of each key-time group of the layer being sampled.
    positions: Vec<KeyPosition>,
}

impl Pose {
    /// Makes room for slots added to `slots` since the last call.
    pub fn grow(&mut self, slots: &Slots) {
        let values = slots.value_len();
        if self.written.len() < values {
            let from = self.written.len();
            self.written.extend_from_slice(&slots.rest[from..]);
            self.acc.resize(values, 0.0);
        }
        let n = slots.slots.len();
        self.weight.resize(n, 0.0);
        self.stamp.resize(n, 0);
        self.changed.resize(n, false);
        self.failed.resize(n, false);
        let widest = slots.slots.iter().map(|s| s.len).max().unwrap_or(0);
        if self.scratch.len() < widest {
            self.scratch.resize(widest, 0.0);
        }
    }

    /// Blends `layers` (their clips bound in `clips`) at their times, and queues every
    /// slot whose value changed, or that no layer drives any more and goes back to its
    /// rest value. Changed node transforms are staged for the write at once.
    pub fn evaluate(&mut self, slots: &Slots, clips: &[BoundClip], layers: &mut [Layer]) {
        self.evaluation = self.evaluation.wrapping_add(1).max(1);
        let now = self.evaluation;
        std::mem::swap(&mut self.active, &mut self.previous);
        self.active.clear();
        for layer in layers.iter() {
            let Some(clip) = layer.bound.map(|b| &clips[b]) else {
                continue;
            };
            for layout in &clip.shape.slots {
                let slot = layout.slot as usize;
                if self.stamp[slot] != now {
                    self.stamp[slot] = now;
                    self.active.push(*layout);
                    self.weight[slot] = 0.0;
                    self.acc[layout.range()].fill(0.0);
                }
            }
        }
        for layer in layers.iter_mut() {
            let Some(clip) = layer.bound.map(|b| &clips[b]) else {
                continue;
            };
            if layer.weight > 0.0 {
                self.accumulate(clip, layer);
            }
        }
        for i in 0..self.active.len() {
            let layout = self.active[i];
            self.finish(slots, layout);
        }
        // Slots no layer drives any more go back to rest, once.
        for i in 0..self.previous.len() {
            let layout = self.previous[i];
            if self.stamp[layout.slot as usize] != now && layout.has_rest {
                let range = layout.range();
                self.acc[range.clone()].copy_from_slice(&slots.rest[range]);
                self.queue_if_changed(slots, layout);
            }
        }
    }

    /// Adds `layer`'s weighted values into the sums of its slots.
    fn accumulate(&mut self, clip: &BoundClip, layer: &mut Layer) {
        let samplers = &clip.keyframes;
        let w = layer.weight;
        let shape = &*clip.shape;
        layer.cursors.resize(shape.groups.len(), 0);
        self.positions.clear();
        for (g, &sampler) in shape.groups.iter().enumerate() {
            let times = samplers.get(sampler as usize).map_or(&[][..], |s| &s.times);
            let position = KeyPosition::locate_from(times, layer.time, layer.cursors[g]);
            let position = position.unwrap_or(KeyPosition {
                from: 0,
                to: 0,
                factor: 0.0,
                interval: 0.0,
            });
            layer.cursors[g] = position.from;
            self.positions.push(position);
        }
        for channel in &shape.channels {
            let layout = shape.slots[channel.layout as usize];
            let Some(sampler) = samplers.get(channel.sampler as usize) else {
                continue;
            };
            let len = layout.len as usize;
            let value = &mut self.scratch[..len];
            let position = self.positions[channel.group as usize];
            // Checked at binding; checked again here, so that nothing can index past.
            if sample_at(sampler, layout.kind, len, position, value).is_err() {
                continue;
            }
            let acc = &mut self.acc[layout.range()];
            if layout.kind == ValueKind::Rotation && dot4(acc, value) < 0.0 {
                acc.iter_mut().zip(value.iter()).for_each(|(a, v)| *a -= w * v);
            } else {
                acc.iter_mut().zip(value.iter()).for_each(|(a, v)| *a += w * v);
            }
            self.weight[layout.slot as usize] += w;
        }
    }

    /// Turns the weighted sum of a slot into its value: the rest value fills weights
    /// below one, sums above one are normalised, rotations are normalised; then queues
    /// it when it differs from the value last written.
    fn finish(&mut self, slots: &Slots, layout: SlotLayout) {
        let total = self.weight[layout.slot as usize];
        let range = layout.range();
        let acc = &mut self.acc[range.clone()];
        if total < 1.0 && layout.has_rest {
            let rest = &slots.rest[range];
            let fill = if layout.kind == ValueKind::Rotation && dot4(acc, rest) < 0.0 {
                -(1.0 - total)
            } else {
                1.0 - total
            };
            acc.iter_mut().zip(rest).for_each(|(a, r)| *a += fill * r);
        } else if total > 0.0 && total != 1.0 {
            acc.iter_mut().for_each(|a| *a /= total);
        } else if total <= 0.0 {
            return; // nothing drives it and there is no rest value to show
        }
        if layout.kind == ValueKind::Rotation {
            let q = crate::sample::normalized(Quat::from_slice(acc));
            q.write_to_slice(acc);
        }
        self.queue_if_changed(slots, layout);
    }

    /// When the slot's value differs from the one last written: stages it (a node
    /// transform's part) or queues it for the write.
    fn queue_if_changed(&mut self, slots: &Slots, layout: SlotLayout) {
        let range = layout.range();
        if self.acc[range.clone()] == self.written[range.clone()] {
            return;
        }
        self.written[range.clone()].copy_from_slice(&self.acc[range.clone()]);
        let slot = layout.slot as usize;
        match layout.trs {
            Some((t, part)) => {
                let value = &self.written[range];
                self.staging.stage(slots, t as usize, usize::from(part), value);
            }
            None if !self.changed[slot] => {
                self.changed[slot] = true;
                self.dirty.push(slot);
            }
            None => {}
        }
    }

    /// True when values wait to be written.
    pub fn has_changes(&self) -> bool {
        !self.dirty.is_empty() || !self.staging.is_empty()
    }

    /// Writes every queued value into `scene`: node transforms (one `edit_transform` per
    /// node, only the changed parts), morph weights, pointer targets.
    pub fn write(&mut self, scene: &mut Scene, slots: &Slots) {
        let mut staging = std::mem::take(&mut self.staging);
        staging.write(scene, slots, |slot| self.warn_once(slot, "its node is gone"));
        self.staging = staging;
        self.write_others(scene, slots);
    }

    /// Writes the staged node transforms of the nodes in `writer`'s part of the scene
    /// (as part of a write split over the scene's parts, see [`Pose::finish_split_write`]);
    /// `gone` hears of node transforms whose node is no longer there.
    pub fn write_part(&self, writer: &mut TransformWriter<'_>, gone: impl FnMut(usize)) {
        self.staging.write_part(writer, gone);
    }

    /// After [`Pose::write_part`] on every part of the scene: warns of the node
    /// transforms in `gone`, forgets the staging, and writes the other queued values.
    pub fn finish_split_write(&mut self, scene: &mut Scene, slots: &Slots, gone: &[usize]) {
        for &t in gone {
            for slot in slots.transforms[t].trs.into_iter().flatten() {
                self.warn_once(slot, "its node is gone");
            }
        }
        self.staging.clear();
        self.write_others(scene, slots);
    }

    /// Writes the queued values that are no node transforms (morph weights and pointer
    /// targets), and empties the queue.
    fn write_others(&mut self, scene: &mut Scene, slots: &Slots) {
        for i in 0..self.dirty.len() {
            let slot = self.dirty[i];
            let s = &slots.slots[slot];
            let value = &self.written[s.offset..s.offset + s.len];
            match s.target {
                SlotTarget::Node(node, _) => match scene.node_mut(node) {
                    Some(n) => match &mut n.morph_weights {
                        Some(weights) => {
                            weights.clear();
                            weights.extend_from_slice(value);
                        }
                        None => n.morph_weights = Some(value.to_vec()),
                    },
                    None => self.warn_once(slot, "its node is gone"),
                },
                SlotTarget::Pointer(target) => {
                    if !scene.apply_pointer(target, value) {
                        self.warn_once(slot, "the scene no longer has it");
                    }
                }
            }
        }
        for &slot in &self.dirty {
            self.changed[slot] = false;
        }
        self.dirty.clear();
    }

    fn warn_once(&mut self, slot: usize, why: &str) {
        if !std::mem::replace(&mut self.failed[slot], true) {
            log::warn!("an animated property could not be written: {why}");
        }
    }
}

fn dot4(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(a, b)| a * b).sum()
}

//! Blending a player's layers into one value per slot, and writing the values that
//! changed into the scene.
//!
//! Evaluation reads only the player's own keyframes and buffers, so players evaluate in
//! parallel; writing needs the scene mutably and is cheap: only
//! slots whose value differs from the last one written are touched.

use crate::binding::{BoundClip, SlotTarget, Slots, trs_index};
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
    /// Per slot, whether its value changed and waits to be written.
    changed: Vec<bool>,
    /// Per slot, whether writing it failed already (warned once).
    failed: Vec<bool>,
    evaluation: u32,
    /// Slots driven by this evaluation and by the one before.
    active: Vec<usize>,
    previous: Vec<usize>,
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
    /// rest value.
    pub fn evaluate(&mut self, slots: &Slots, clips: &[BoundClip], layers: &mut [Layer]) {
        self.evaluation = self.evaluation.wrapping_add(1).max(1);
        let now = self.evaluation;
        std::mem::swap(&mut self.active, &mut self.previous);
        self.active.clear();
        for layer in layers.iter() {
            let Some(clip) = layer.bound.map(|b| &clips[b]) else {
                continue;
            };
            for &slot in &clip.slots {
                if self.stamp[slot] != now {
                    self.stamp[slot] = now;
                    self.active.push(slot);
                    self.weight[slot] = 0.0;
                    let s = &slots.slots[slot];
                    self.acc[s.offset..s.offset + s.len].fill(0.0);
                }
            }
        }
        for layer in layers.iter_mut() {
            let Some(clip) = layer.bound.map(|b| &clips[b]) else {
                continue;
            };
            if layer.weight > 0.0 {
                self.accumulate(slots, clip, layer);
            }
        }
        for i in 0..self.active.len() {
            let slot = self.active[i];
            self.finish(slots, slot);
        }
        // Slots no layer drives any more go back to rest, once.
        for i in 0..self.previous.len() {
            let slot = self.previous[i];
            let s = &slots.slots[slot];
            if self.stamp[slot] != now && s.has_rest {
                let range = s.offset..s.offset + s.len;
                self.acc[range.clone()].copy_from_slice(&slots.rest[range]);
                self.queue_if_changed(slots, slot);
            }
        }
        self.stage(slots);
    }

    /// Adds `layer`'s weighted values into the sums of its slots.
    fn accumulate(&mut self, slots: &Slots, clip: &BoundClip, layer: &mut Layer) {
        let samplers = &clip.keyframes;
        let w = layer.weight;
        layer.cursors.resize(clip.groups.len(), 0);
        self.positions.clear();
        for (g, &sampler) in clip.groups.iter().enumerate() {
            let times = samplers.get(sampler).map_or(&[][..], |s| &s.times);
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
        for channel in &clip.channels {
            let s = &slots.slots[channel.slot];
            let Some(sampler) = samplers.get(channel.sampler) else {
                continue;
            };
            let value = &mut self.scratch[..s.len];
            // Checked at binding; checked again here, so that nothing can index past.
            if sample_at(sampler, s.kind, s.len, self.positions[channel.group], value).is_err() {
                continue;
            }
            let acc = &mut self.acc[s.offset..s.offset + s.len];
            if s.kind == ValueKind::Rotation && dot4(acc, value) < 0.0 {
                acc.iter_mut().zip(value.iter()).for_each(|(a, v)| *a -= w * v);
            } else {
                acc.iter_mut().zip(value.iter()).for_each(|(a, v)| *a += w * v);
            }
            self.weight[channel.slot] += w;
        }
    }

    /// Turns the weighted sum of `slot` into its value: the rest value fills weights
    /// below one, sums above one are normalised, rotations are normalised; then queues
    /// it when it differs from the value last written.
    fn finish(&mut self, slots: &Slots, slot: usize) {
        let s = &slots.slots[slot];
        let total = self.weight[slot];
        let range = s.offset..s.offset + s.len;
        let acc = &mut self.acc[range.clone()];
        if total < 1.0 && s.has_rest {
            let rest = &slots.rest[range];
            let fill = if s.kind == ValueKind::Rotation && dot4(acc, rest) < 0.0 {
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
        if s.kind == ValueKind::Rotation {
            let q = crate::sample::normalized(Quat::from_slice(acc));
            q.write_to_slice(acc);
        }
        self.queue_if_changed(slots, slot);
    }

    fn queue_if_changed(&mut self, slots: &Slots, slot: usize) {
        let s = &slots.slots[slot];
        let range = s.offset..s.offset + s.len;
        if self.acc[range.clone()] != self.written[range.clone()] {
            self.written[range.clone()].copy_from_slice(&self.acc[range]);
            if !self.changed[slot] {
                self.changed[slot] = true;
                self.dirty.push(slot);
            }
        }
    }

    /// True when values wait to be written.
    pub fn has_changes(&self) -> bool {
        !self.dirty.is_empty() || !self.staging.is_empty()
    }

    /// Moves the queued node transform values into the staging while the player's
    /// buffers are at hand (evaluation runs in parallel, writing does not); the other
    /// queued values stay queued.
    fn stage(&mut self, slots: &Slots) {
        let mut kept = 0;
        for i in 0..self.dirty.len() {
            let slot = self.dirty[i];
            let s = &slots.slots[slot];
            match (s.transform, s.target) {
                (Some(t), SlotTarget::Node(_, property)) => {
                    let part = trs_index(property).unwrap_or(0);
                    let value = &self.written[s.offset..s.offset + s.len];
                    self.staging.stage(slots, t, part, value);
                    self.changed[slot] = false;
                }
                _ => {
                    self.dirty[kept] = slot;
                    kept += 1;
                }
            }
        }
        self.dirty.truncate(kept);
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

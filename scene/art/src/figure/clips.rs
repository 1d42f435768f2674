//! Poses sampled into looping clips: the hips' translation and every joint's rotation,
//! keyed evenly over the loop, the last key a copy of the first.

use super::skeleton::{JOINTS, Joint};
use glam::{Quat, Vec3};
use museion_scene::{
    Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, NodeId,
};

/// The figure at one moment: where the hips are (in the figure's space) and each
/// joint's local rotation, in [`JOINTS`] order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Pose {
    /// The hips joint's translation.
    pub hips: Vec3,
    /// Local rotations, one per joint.
    pub turns: [Quat; 15],
}

impl Pose {
    /// The rest pose with the hips at `hips`.
    pub fn at(hips: Vec3) -> Self {
        Self {
            hips,
            turns: [Quat::IDENTITY; 15],
        }
    }

    /// Sets a joint's local rotation.
    pub fn set(&mut self, joint: Joint, turn: Quat) {
        self.turns[joint.index()] = turn;
    }
}

/// A looping clip named `name` of `keys` intervals over `duration` seconds, posed by
/// `pose(phase)` for phases 0 to 1 (the pose at 1 is not asked for: the last key is
/// the first one again, so the clip loops exactly). `nodes` are the joint nodes in
/// [`JOINTS`] order.
pub(crate) fn looping_clip(
    name: &str,
    duration: f32,
    keys: usize,
    nodes: &[NodeId],
    pose: impl Fn(f32) -> Pose,
) -> Animation {
    let mut poses: Vec<Pose> = (0..keys).map(|k| pose(k as f32 / keys as f32)).collect();
    poses.push(poses[0].clone());
    let times: Vec<f32> = (0..=keys).map(|k| duration * k as f32 / keys as f32).collect();
    let mut samplers = vec![AnimationSampler {
        times: times.clone(),
        values: poses.iter().flat_map(|p| p.hips.to_array()).collect(),
        interpolation: Interpolation::Linear,
    }];
    let mut channels = vec![AnimationChannel {
        target: nodes[Joint::Hips.index()],
        property: AnimationProperty::Translation,
        sampler: 0,
    }];
    for (j, node) in nodes.iter().enumerate().take(JOINTS.len()) {
        let mut turns: Vec<Quat> = poses.iter().map(|p| p.turns[j]).collect();
        // Neighbouring keys in the same hemisphere, so interpolation takes the short
        // way; the loop's small turns keep the last key (the first's copy) there too.
        for k in 1..turns.len() {
            if turns[k].dot(turns[k - 1]) < 0.0 {
                turns[k] = -turns[k];
            }
        }
        if let (Some(first), Some(last)) = (turns.first().copied(), turns.last_mut()) {
            *last = first;
        }
        channels.push(AnimationChannel {
            target: *node,
            property: AnimationProperty::Rotation,
            sampler: samplers.len(),
        });
        samplers.push(AnimationSampler {
            times: times.clone(),
            values: turns.iter().flat_map(|q| q.to_array()).collect(),
            interpolation: Interpolation::Linear,
        });
    }
    Animation {
        name: Some(name.into()),
        channels,
        pointer_channels: Vec::new(),
        samplers,
    }
}

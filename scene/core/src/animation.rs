//! Skins and animations, kept as the file gives them (playback is the engine's job).

use crate::animation_pointer::PointerChannel;
use crate::ids::NodeId;
use glam::Mat4;

/// A skin: the joints that deform a skinned mesh and their inverse bind matrices.
#[derive(Clone, Debug, PartialEq)]
pub struct Skin {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// The joint nodes; vertex joint indices point into this list.
    pub joints: Vec<NodeId>,
    /// One inverse bind matrix per joint (identity where the file gives none).
    pub inverse_bind_matrices: Vec<Mat4>,
    /// The common root of the joint hierarchy, if the file names one.
    pub skeleton: Option<NodeId>,
}

/// What an animation channel drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnimationProperty {
    /// The node's translation (3 values per key).
    Translation,
    /// The node's rotation quaternion, x, y, z, w (4 values per key).
    Rotation,
    /// The node's scale (3 values per key).
    Scale,
    /// The morph target weights of the node's mesh (one value per target per key).
    MorphWeights,
}

/// How values between keyframes are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Interpolation {
    /// Linear (spherical linear for rotations).
    Linear,
    /// The previous key's value holds until the next key.
    Step,
    /// Cubic Hermite spline; each key stores in-tangent, value, out-tangent.
    CubicSpline,
}

/// Keyframe times and values.
#[derive(Clone, Debug, PartialEq)]
pub struct AnimationSampler {
    /// Key times in seconds, increasing.
    pub times: Vec<f32>,
    /// Key values, flattened: for each key, the property's components (three times as
    /// many for cubic splines: in-tangent, value, out-tangent).
    pub values: Vec<f32>,
    /// How to interpolate.
    pub interpolation: Interpolation,
}

/// One animated property of one node.
#[derive(Clone, Debug, PartialEq)]
pub struct AnimationChannel {
    /// The node whose property is animated.
    pub target: NodeId,
    /// The property.
    pub property: AnimationProperty,
    /// Index into [`Animation::samplers`].
    pub sampler: usize,
}

/// A named animation clip.
#[derive(Clone, Debug, PartialEq)]
pub struct Animation {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// The animated node properties (from ordinary channels, and from
    /// `KHR_animation_pointer` channels that point at a node's TRS or weights).
    pub channels: Vec<AnimationChannel>,
    /// The other properties `KHR_animation_pointer` channels drive: material factors,
    /// texture transforms, lights and cameras.
    pub pointer_channels: Vec<PointerChannel>,
    /// The keyframe data the channels use.
    pub samplers: Vec<AnimationSampler>,
}

impl Animation {
    /// The time of the last key of any sampler, in seconds.
    pub fn duration(&self) -> f32 {
        self.samplers
            .iter()
            .filter_map(|s| s.times.last().copied())
            .fold(0.0, f32::max)
    }
}

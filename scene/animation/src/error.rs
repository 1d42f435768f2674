//! The one error type of museion-animation.

/// What can go wrong when sampling a keyframe sampler or posing a scene.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AnimationError {
    /// A sampler without keys.
    #[error("the sampler has no keys")]
    NoKeys,
    /// A value of zero components was asked for.
    #[error("a sampled value needs at least one component")]
    NoComponents,
    /// Fewer values than the keys, components and interpolation need.
    #[error("the sampler has {found} values; {keys} keys of {components} components need {needed}")]
    ValuesTooShort {
        /// Keys in the sampler.
        keys: usize,
        /// Components per value.
        components: usize,
        /// Values needed (three times as many per key for cubic splines).
        needed: usize,
        /// Values present.
        found: usize,
    },
    /// The output buffer is shorter than one value.
    #[error("the output holds {found} numbers; the value has {components}")]
    OutputTooShort {
        /// Components per value.
        components: usize,
        /// Length of the output buffer.
        found: usize,
    },
    /// A rotation sampled with other than four components.
    #[error("a rotation has 4 components, not {0}")]
    RotationComponents(usize),
    /// A clip index the scene has no animation for.
    #[error("the scene has {count} animations; there is no clip {clip}")]
    NoSuchClip {
        /// The index asked for.
        clip: usize,
        /// How many animations the scene has.
        count: usize,
    },
    /// A crowd made of no copies.
    #[error("a crowd needs at least one copy")]
    EmptyCrowd,
    /// A copy given to a crowd that is not a copy of the first, or a model a crowd
    /// cannot play.
    #[error("copy {copy} cannot join the crowd: {reason}")]
    NotACrowd {
        /// The copy's index among those given.
        copy: usize,
        /// Why.
        reason: String,
    },
}

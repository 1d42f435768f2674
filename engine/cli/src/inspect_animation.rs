//! The animations and skins `museion inspect` reports: per animation its name, duration
//! and channels (what each drives, how it interpolates, how many keys), per skin its
//! joints.

use museion::scene::{Animation, AnimationProperty, Interpolation, NodeId, Scene, Skin};
use serde::Serialize;

/// One channel of an animation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChannelSummary {
    /// `node NAME` (`node #N` for a node without a name, N its index in the scene) for
    /// a node channel; the `KHR_animation_pointer` JSON pointer for a pointer channel.
    pub target: String,
    /// `translation`, `rotation`, `scale`, `weights`, or `pointer`.
    pub property: String,
    /// `LINEAR`, `STEP` or `CUBICSPLINE`.
    pub interpolation: String,
    /// Number of keyframes.
    pub keys: usize,
}

/// One animation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnimationSummary {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// Time of the last key of any sampler, in seconds.
    pub duration: f64,
    /// How many channels were imported (node and pointer channels).
    pub channel_count: usize,
    /// The channels: node channels in file order, then pointer channels.
    pub channels: Vec<ChannelSummary>,
}

/// One skin.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkinSummary {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// How many joints it has (0 for a skin dropped at import).
    pub joint_count: usize,
    /// The joints' node names (`#N` for a node without a name), in joint order.
    pub joints: Vec<String>,
}

/// A node's name, or `#N` (its index in the scene) without one.
fn node_label(scene: &Scene, id: NodeId) -> String {
    match scene.node(id).and_then(|n| n.name.clone()) {
        Some(name) => name,
        None => format!("#{}", id.index()),
    }
}

/// `f32` as the `f64` with the same shortest decimal form (`0.1`, not
/// `0.10000000149011612`).
pub(crate) fn tidy(value: f32) -> f64 {
    value.to_string().parse().unwrap_or(f64::from(value))
}

fn property_name(property: AnimationProperty) -> &'static str {
    match property {
        AnimationProperty::Translation => "translation",
        AnimationProperty::Rotation => "rotation",
        AnimationProperty::Scale => "scale",
        AnimationProperty::MorphWeights => "weights",
    }
}

fn interpolation_name(interpolation: Interpolation) -> &'static str {
    match interpolation {
        Interpolation::Linear => "LINEAR",
        Interpolation::Step => "STEP",
        Interpolation::CubicSpline => "CUBICSPLINE",
    }
}

impl AnimationSummary {
    /// Summarises `animation` of `scene`.
    pub fn new(scene: &Scene, animation: &Animation) -> Self {
        let sampler = |index: usize| {
            animation.samplers.get(index).map_or((String::from("?"), 0), |s| {
                (interpolation_name(s.interpolation).to_owned(), s.times.len())
            })
        };
        let nodes = animation.channels.iter().map(|c| {
            let (interpolation, keys) = sampler(c.sampler);
            ChannelSummary {
                target: format!("node {}", node_label(scene, c.target)),
                property: property_name(c.property).to_owned(),
                interpolation,
                keys,
            }
        });
        let pointers = animation.pointer_channels.iter().map(|c| {
            let (interpolation, keys) = sampler(c.sampler);
            ChannelSummary {
                target: museion::gltf::animation_pointer(scene, c.target)
                    .unwrap_or_else(|| format!("{:?}", c.target)),
                property: "pointer".to_owned(),
                interpolation,
                keys,
            }
        });
        let channels: Vec<ChannelSummary> = nodes.chain(pointers).collect();
        Self {
            name: animation.name.clone(),
            duration: tidy(animation.duration()),
            channel_count: channels.len(),
            channels,
        }
    }
}

impl SkinSummary {
    /// Summarises `skin` of `scene`.
    pub fn new(scene: &Scene, skin: &Skin) -> Self {
        Self {
            name: skin.name.clone(),
            joint_count: skin.joints.len(),
            joints: skin.joints.iter().map(|j| node_label(scene, *j)).collect(),
        }
    }
}

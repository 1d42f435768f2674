//! Skins and animations, with their node references mapped to the imported nodes.

use super::Warning;
use super::accessor::Accessor;
use super::animation_pointer::{self, Keys, Objects, Resolved};
use super::context::Context;
use super::raw_channels::TakenChannels;
use crate::error::Error;
use crate::pointer::EXTENSION;
use glam::Mat4;
use gltf::json::accessor::{ComponentType, Type};
use gltf::json::animation as json;
use gltf::json::validation::Checked;
use museion_scene::NodeId;
use museion_scene::{Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, Skin};

/// Converts skin `index`. Joints outside the imported scene make the skin unusable: it
/// is kept empty (so skin ids stay those of the file) with a warning.
pub(crate) fn skin(
    ctx: &Context,
    index: usize,
    ids: &[Option<NodeId>],
    warnings: &mut Vec<Warning>,
) -> Result<Skin, Error> {
    let json = &ctx.doc.skins[index];
    let p = format!("/skins/{index}");
    let mut joints = Vec::with_capacity(json.joints.len());
    let mut missing = None;
    for (j, joint) in json.joints.iter().enumerate() {
        let joint = joint.value() as u32;
        ctx.get(&ctx.doc.nodes, joint, "node", format!("{p}/joints/{j}"))?;
        match ids[joint as usize] {
            Some(id) => joints.push(id),
            None => missing = Some(joint),
        }
    }
    let inverse_bind_matrices = match json.inverse_bind_matrices {
        Some(accessor) => {
            let accessor = Accessor::new(ctx, accessor.value() as u32, &format!("{p}/inverseBindMatrices"))?;
            accessor.expect_type(&[Type::Mat4], "inverseBindMatrices")?;
            if accessor.count < json.joints.len() {
                return Err(ctx.invalid(
                    format!("{p}/inverseBindMatrices"),
                    format!("{} matrices for {} joints", accessor.count, json.joints.len()),
                ));
            }
            accessor
                .floats()?
                .chunks_exact(16)
                .take(json.joints.len())
                .map(Mat4::from_cols_slice)
                .collect()
        }
        None => vec![Mat4::IDENTITY; json.joints.len()],
    };
    let skeleton = match json.skeleton {
        Some(s) => {
            ctx.get(&ctx.doc.nodes, s.value() as u32, "node", format!("{p}/skeleton"))?;
            ids[s.value()]
        }
        None => None,
    };
    if let Some(joint) = missing {
        warnings.push(ctx.warning(
            &p,
            format!("joint node {joint} is not in the imported scene; the skin is dropped"),
        ));
        return Ok(Skin {
            name: json.name.clone(),
            joints: Vec::new(),
            inverse_bind_matrices: Vec::new(),
            skeleton,
        });
    }
    Ok(Skin {
        name: json.name.clone(),
        joints,
        inverse_bind_matrices,
        skeleton,
    })
}

/// Converts animation `index`. Channels that target nodes outside the imported scene
/// are dropped with a warning, and so are `KHR_animation_pointer` channels whose pointer
/// cannot be resolved (see [`animation_pointer`](super::animation_pointer)).
pub(crate) fn animation(
    ctx: &Context,
    index: usize,
    objects: &Objects,
    warnings: &mut Vec<Warning>,
) -> Result<Animation, Error> {
    let json = &ctx.doc.animations[index];
    let p = format!("/animations/{index}");
    let mut samplers = Vec::with_capacity(json.samplers.len());
    let mut output_components = Vec::with_capacity(json.samplers.len());
    for (s, sampler) in json.samplers.iter().enumerate() {
        let (sampler, components) = convert_sampler(ctx, sampler, &format!("{p}/samplers/{s}"))?;
        samplers.push(sampler);
        output_components.push(components);
    }
    let sampler_at = |sampler: usize, pointer: String| {
        samplers.get(sampler).ok_or_else(|| Error::IndexOutOfRange {
            at: ctx.at(pointer),
            kind: "animation sampler",
            index: sampler as u64,
            count: samplers.len(),
        })
    };
    let mut channels = Vec::with_capacity(json.channels.len());
    let mut pointer_channels = Vec::new();
    let none = TakenChannels::default();
    let taken = ctx.raw_channels.get(index).unwrap_or(&none);
    for (c, entry) in taken.merge(json.channels.len()) {
        let cp = format!("{p}/channels/{c}");
        let channel = match entry {
            Ok(typed) => &json.channels[typed],
            Err(raw) => {
                let Some(sampler) = raw.sampler.and_then(|s| usize::try_from(s).ok()) else {
                    return Err(ctx.invalid(format!("{cp}/sampler"), "sampler must be an index"));
                };
                let keys = Keys {
                    sampler: sampler_at(sampler, format!("{cp}/sampler"))?,
                    index: sampler,
                    output_components: output_components[sampler],
                };
                match pointer_channel(raw.pointer.as_deref(), &keys, objects) {
                    Ok(Resolved::Node(channel)) => channels.push(channel),
                    Ok(Resolved::Pointer(channel)) => pointer_channels.push(channel),
                    Err(reason) => warnings.push(ctx.warning(
                        format!("{cp}/target/extensions/{EXTENSION}/pointer"),
                        format!("{reason}; channel dropped"),
                    )),
                }
                continue;
            }
        };
        if let Some(channel) = node_channel(ctx, channel, (&p, c), &samplers, objects.nodes, warnings)? {
            channels.push(channel);
        }
    }
    Ok(Animation {
        name: json.name.clone(),
        channels,
        pointer_channels,
        samplers,
    })
}

/// Channel `c` of the animation at pointer `p`, an ordinary one, or `None`, with a
/// warning, when its node is not in the imported scene.
fn node_channel(
    ctx: &Context,
    channel: &json::Channel,
    (p, c): (&str, usize),
    samplers: &[AnimationSampler],
    ids: &[Option<NodeId>],
    warnings: &mut Vec<Warning>,
) -> Result<Option<AnimationChannel>, Error> {
    let cp = format!("{p}/channels/{c}");
    let sampler = channel.sampler.value();
    let keys = ctx.get(
        samplers,
        sampler as u32,
        "animation sampler",
        format!("{cp}/sampler"),
    )?;
    let node = channel.target.node.value() as u32;
    ctx.get(&ctx.doc.nodes, node, "node", format!("{cp}/target/node"))?;
    let property = match channel.target.path {
        Checked::Valid(json::Property::Translation) => AnimationProperty::Translation,
        Checked::Valid(json::Property::Rotation) => AnimationProperty::Rotation,
        Checked::Valid(json::Property::Scale) => AnimationProperty::Scale,
        Checked::Valid(json::Property::MorphTargetWeights) => AnimationProperty::MorphWeights,
        Checked::Invalid => {
            return Err(ctx.invalid(format!("{cp}/target/path"), "unknown animation path"));
        }
    };
    check_value_count(ctx, keys, property, &format!("{p}/samplers/{sampler}/output"))?;
    let Some(target) = ids[node as usize] else {
        warnings.push(ctx.warning(
            cp,
            format!("node {node} is not in the imported scene; channel dropped"),
        ));
        return Ok(None);
    };
    Ok(Some(AnimationChannel {
        target,
        property,
        sampler,
    }))
}

/// A `KHR_animation_pointer` channel resolved, or why it cannot be (naming the pointer).
fn pointer_channel(pointer: Option<&str>, keys: &Keys, objects: &Objects) -> Result<Resolved, String> {
    let Some(pointer) = pointer else {
        return Err("a \"pointer\" channel without a pointer string".into());
    };
    animation_pointer::resolve(pointer, keys, objects)
        .map_err(|reason| format!("pointer {pointer:?} {reason}"))
}

/// The sampler's keys, and the number of components of its output accessor's type.
fn convert_sampler(
    ctx: &Context,
    sampler: &json::Sampler,
    pointer: &str,
) -> Result<(AnimationSampler, usize), Error> {
    let interpolation = match sampler.interpolation {
        Checked::Valid(json::Interpolation::Linear) => Interpolation::Linear,
        Checked::Valid(json::Interpolation::Step) => Interpolation::Step,
        Checked::Valid(json::Interpolation::CubicSpline) => Interpolation::CubicSpline,
        Checked::Invalid => {
            return Err(ctx.invalid(format!("{pointer}/interpolation"), "unknown interpolation"));
        }
    };
    let input = Accessor::new(ctx, sampler.input.value() as u32, &format!("{pointer}/input"))?;
    input.expect_type(&[Type::Scalar], "animation input")?;
    if input.layout.component != ComponentType::F32 {
        return Err(ctx.invalid(
            format!("{}/componentType", input.pointer),
            "animation input must be FLOAT",
        ));
    }
    let times = input.floats()?;
    if times.iter().any(|t| !t.is_finite()) || times.windows(2).any(|w| w[1] < w[0]) {
        return Err(ctx.invalid(&input.pointer, "key times must be finite and increasing"));
    }
    let output = Accessor::new(ctx, sampler.output.value() as u32, &format!("{pointer}/output"))?;
    let values = output.floats()?;
    let sampler = AnimationSampler {
        times,
        values,
        interpolation,
    };
    Ok((sampler, output.layout.components()))
}

/// Values per key must match the property (3 per key for translation and scale, 4 for
/// rotation, a multiple of the key count for weights; three times that for cubic splines).
fn check_value_count(
    ctx: &Context,
    sampler: &AnimationSampler,
    property: AnimationProperty,
    pointer: &str,
) -> Result<(), Error> {
    let keys = sampler.times.len();
    let per_key_factor = if sampler.interpolation == Interpolation::CubicSpline {
        3
    } else {
        1
    };
    let values = sampler.values.len();
    let ok = match property {
        AnimationProperty::Translation | AnimationProperty::Scale => values == keys * 3 * per_key_factor,
        AnimationProperty::Rotation => values == keys * 4 * per_key_factor,
        AnimationProperty::MorphWeights => keys > 0 && values.is_multiple_of(keys * per_key_factor),
    };
    if ok {
        Ok(())
    } else {
        Err(ctx.invalid(
            pointer,
            format!("{values} output values do not fit {keys} keys of {property:?}"),
        ))
    }
}

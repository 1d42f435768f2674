//! Animations: channels retargeted to the written nodes, keyframes in the binary chunk.
//! What does not map cleanly onto glTF is dropped with a warning.

use super::bin::Bin;
use super::error::ExportError;
use super::json::name_and_extras;
use super::meshes::Meshes;
use super::nodes::{NodeIndex, label};
use glam::{Vec3, Vec4};
use museion_scene::Scene;
use museion_scene::{Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

/// Writes every animation that keeps at least one channel.
///
/// A channel is dropped, with a warning, when its node was removed, its sampler does
/// not exist, another channel of the animation already drives the same property of the
/// same node, its key times are empty, not finite, negative or not strictly increasing,
/// a cubic spline has fewer than two keys, the value count does not fit the property,
/// a value is not finite, or it drives morph weights of a node without morph targets.
/// An animation left without channels is dropped too. Samplers are written once each,
/// only when a kept channel uses them.
pub(crate) fn animations(
    scene: &Scene,
    nodes: &NodeIndex,
    meshes: &Meshes,
    bin: &mut Bin,
) -> Result<Vec<Value>, ExportError> {
    let mut out = Vec::new();
    for (index, animation) in scene.animations.iter().enumerate() {
        if let Some(json) = write_animation(scene, index, animation, nodes, meshes, bin)? {
            out.push(json);
        }
    }
    Ok(out)
}

fn write_animation(
    scene: &Scene,
    index: usize,
    animation: &Animation,
    nodes: &NodeIndex,
    meshes: &Meshes,
    bin: &mut Bin,
) -> Result<Option<Value>, ExportError> {
    let at = format!("animation {index}");
    let mut channels = Vec::new();
    let mut samplers = Vec::new();
    // Scene sampler and output type → written sampler.
    let mut written: HashMap<(usize, &str), usize> = HashMap::new();
    let mut targets = HashSet::new();
    for (c, channel) in animation.channels.iter().enumerate() {
        let cat = format!("{at} channel {c}");
        let Some((node, sampler)) = check_channel(scene, animation, channel, nodes, meshes, &cat) else {
            continue;
        };
        if !targets.insert((node, channel.property)) {
            log::warn!("{cat}: another channel already drives this property of the node; dropped");
            continue;
        }
        let key = (channel.sampler, output_type(channel.property));
        let sampler_index = match written.get(&key) {
            Some(&s) => s,
            None => {
                samplers.push(write_sampler(bin, sampler, channel.property, &cat)?);
                written.insert(key, samplers.len() - 1);
                samplers.len() - 1
            }
        };
        channels.push(json!({
            "sampler": sampler_index,
            "target": { "node": node, "path": path(channel.property) },
        }));
    }
    if channels.is_empty() {
        log::warn!("{at}: no channel could be written; the animation is dropped");
        return Ok(None);
    }
    let mut object = Map::new();
    object.insert("channels".into(), Value::Array(channels));
    object.insert("samplers".into(), Value::Array(samplers));
    name_and_extras(&mut object, animation.name.as_ref(), None);
    Ok(Some(Value::Object(object)))
}

/// The channel's document node and sampler, or `None` (with a warning) when it cannot
/// be written.
fn check_channel<'a>(
    scene: &Scene,
    animation: &'a Animation,
    channel: &AnimationChannel,
    nodes: &NodeIndex,
    meshes: &Meshes,
    at: &str,
) -> Option<(u32, &'a AnimationSampler)> {
    let Some(node) = nodes.get(channel.target) else {
        log::warn!("{at}: node {} is not in the scene; dropped", channel.target);
        return None;
    };
    let Some(sampler) = animation.samplers.get(channel.sampler) else {
        log::warn!("{at}: sampler {} does not exist; dropped", channel.sampler);
        return None;
    };
    let components = match channel.property {
        AnimationProperty::Translation | AnimationProperty::Scale => 3,
        AnimationProperty::Rotation => 4,
        AnimationProperty::MorphWeights => {
            let targets = scene
                .node(channel.target)
                .and_then(|n| n.mesh)
                .and_then(|m| meshes.written.get(m.index()).copied().flatten())
                .map_or(0, |(_, info)| info.targets);
            if targets == 0 {
                log::warn!(
                    "{at}: {} has no mesh with morph targets to weight; dropped",
                    label(scene, channel.target)
                );
                return None;
            }
            targets
        }
    };
    let problem = sampler_problem(sampler, components);
    if let Some(problem) = problem {
        log::warn!("{at}: {problem}; dropped");
        return None;
    }
    Some((node, sampler))
}

/// Why a sampler cannot drive a property of `components` values per key, if it cannot.
fn sampler_problem(sampler: &AnimationSampler, components: usize) -> Option<String> {
    let times = &sampler.times;
    if times.is_empty() {
        return Some("no keyframes".into());
    }
    if times.iter().any(|t| !t.is_finite()) || times[0] < 0.0 {
        return Some("key times must be finite and not negative".into());
    }
    if times.windows(2).any(|w| w[1] <= w[0]) {
        return Some("key times are not strictly increasing".into());
    }
    let per_key = if sampler.interpolation == Interpolation::CubicSpline {
        if times.len() < 2 {
            return Some("a cubic spline needs at least two keys".into());
        }
        3 * components
    } else {
        components
    };
    if sampler.values.len() != times.len() * per_key {
        return Some(format!(
            "{} values for {} keys of {per_key} values",
            sampler.values.len(),
            times.len()
        ));
    }
    if sampler.values.iter().any(|v| !v.is_finite()) {
        return Some("a key value is not finite".into());
    }
    None
}

fn write_sampler(
    bin: &mut Bin,
    sampler: &AnimationSampler,
    property: AnimationProperty,
    at: &str,
) -> Result<Value, ExportError> {
    let input = bin.floats(&sampler.times, None, true, || format!("{at} key times"))?;
    let values = || format!("{at} key values");
    let output = match property {
        AnimationProperty::Translation | AnimationProperty::Scale => {
            let v: Vec<Vec3> = sampler.values.chunks_exact(3).map(Vec3::from_slice).collect();
            bin.floats(&v, None, false, values)?
        }
        AnimationProperty::Rotation => {
            let v: Vec<Vec4> = sampler.values.chunks_exact(4).map(Vec4::from_slice).collect();
            bin.floats(&v, None, false, values)?
        }
        AnimationProperty::MorphWeights => bin.floats(&sampler.values, None, false, values)?,
    };
    let interpolation = match sampler.interpolation {
        Interpolation::Linear => "LINEAR",
        Interpolation::Step => "STEP",
        Interpolation::CubicSpline => "CUBICSPLINE",
    };
    Ok(json!({ "input": input, "output": output, "interpolation": interpolation }))
}

/// The accessor type of a property's key values.
fn output_type(property: AnimationProperty) -> &'static str {
    match property {
        AnimationProperty::Translation | AnimationProperty::Scale => "VEC3",
        AnimationProperty::Rotation => "VEC4",
        AnimationProperty::MorphWeights => "SCALAR",
    }
}

fn path(property: AnimationProperty) -> &'static str {
    match property {
        AnimationProperty::Translation => "translation",
        AnimationProperty::Rotation => "rotation",
        AnimationProperty::Scale => "scale",
        AnimationProperty::MorphWeights => "weights",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sampler(times: &[f32], values: &[f32], interpolation: Interpolation) -> AnimationSampler {
        AnimationSampler {
            times: times.to_vec(),
            values: values.to_vec(),
            interpolation,
        }
    }

    #[test]
    fn samplers_that_gltf_cannot_hold_are_named() {
        let linear = Interpolation::Linear;
        assert_eq!(sampler_problem(&sampler(&[0.0, 1.0], &[0.0; 6], linear), 3), None);
        assert!(sampler_problem(&sampler(&[], &[], linear), 3).is_some());
        assert!(sampler_problem(&sampler(&[0.0, 0.0], &[0.0; 6], linear), 3).is_some());
        assert!(sampler_problem(&sampler(&[-1.0, 0.0], &[0.0; 6], linear), 3).is_some());
        assert!(sampler_problem(&sampler(&[0.0, 1.0], &[0.0; 5], linear), 3).is_some());
        assert!(sampler_problem(&sampler(&[0.0, 1.0], &[0.0, f32::NAN], linear), 1).is_some());
        let cubic = Interpolation::CubicSpline;
        assert_eq!(sampler_problem(&sampler(&[0.0, 1.0], &[0.0; 24], cubic), 4), None);
        assert!(sampler_problem(&sampler(&[0.0], &[0.0; 12], cubic), 4).is_some());
        // Two morph targets: two values per key, three times that for splines.
        assert_eq!(
            sampler_problem(&sampler(&[0.0, 1.0], &[0.0; 4], Interpolation::Step), 2),
            None
        );
    }
}

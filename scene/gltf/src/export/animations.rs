//! Animations: channels retargeted to the written nodes, pointer channels as
//! `KHR_animation_pointer` channels, keyframes in the binary chunk. What does not map
//! cleanly onto glTF is dropped with a warning.

use super::bin::Bin;
use super::error::ExportError;
use super::json::name_and_extras;
use super::meshes::Meshes;
use super::nodes::{NodeIndex, label};
use super::pointer_channels;
use glam::{Vec2, Vec3, Vec4};
use museion_scene::Scene;
use museion_scene::{
    Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, PointerChannel,
};
use serde_json::{Map, Value, json};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Writes every animation that keeps at least one channel.
///
/// A channel is dropped, with a warning, when its node was removed, its sampler does
/// not exist, another channel of the animation already drives the same property of the
/// same node, its key times are empty, not finite, negative or not strictly increasing,
/// a cubic spline has fewer than two keys, the value count does not fit the property,
/// a value is not finite, or it drives morph weights of a node without morph targets.
/// A pointer channel is dropped the same way for its keys, for repeating another's
/// pointer, and when the document would not hold its property (see
/// [`pointer_channels::pointer_of`]). An animation left without channels is dropped
/// too. Samplers are written once each, only when a kept channel uses them.
pub(crate) fn animations(
    scene: &Scene,
    written: &Written,
    bin: &mut Bin,
    used: &mut BTreeSet<&'static str>,
) -> Result<Vec<Value>, ExportError> {
    let mut out = Vec::new();
    for (index, animation) in scene.animations.iter().enumerate() {
        if let Some(json) = write_animation(scene, index, animation, written, bin, used)? {
            out.push(json);
        }
    }
    Ok(out)
}

/// Where the scene's objects went in the document.
pub(crate) struct Written<'a> {
    /// The nodes.
    pub nodes: &'a NodeIndex,
    /// The meshes.
    pub meshes: &'a Meshes,
    /// Scene texture → written texture.
    pub textures: &'a [Option<u32>],
}

/// An animation's samplers as written, each once per output type.
#[derive(Default)]
struct Samplers {
    json: Vec<Value>,
    /// Scene sampler and output type → written sampler.
    index: HashMap<(usize, &'static str), usize>,
}

impl Samplers {
    /// The written index of scene sampler `s` with `components` values per key.
    fn get(
        &mut self,
        bin: &mut Bin,
        (s, sampler): (usize, &AnimationSampler),
        components: usize,
        at: &str,
    ) -> Result<usize, ExportError> {
        let ty = pointer_channels::output_type(components);
        if let Some(&written) = self.index.get(&(s, ty)) {
            return Ok(written);
        }
        self.json.push(write_sampler(bin, sampler, ty, at)?);
        self.index.insert((s, ty), self.json.len() - 1);
        Ok(self.json.len() - 1)
    }
}

fn write_animation(
    scene: &Scene,
    index: usize,
    animation: &Animation,
    written: &Written,
    bin: &mut Bin,
    used: &mut BTreeSet<&'static str>,
) -> Result<Option<Value>, ExportError> {
    let (nodes, meshes) = (written.nodes, written.meshes);
    let at = format!("animation {index}");
    let mut channels = Vec::new();
    let mut samplers = Samplers::default();
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
        // Components of one output element: morph weights are scalars, one per target.
        let components = match channel.property {
            AnimationProperty::Translation | AnimationProperty::Scale => 3,
            AnimationProperty::Rotation => 4,
            AnimationProperty::MorphWeights => 1,
        };
        let sampler_index = samplers.get(bin, (channel.sampler, sampler), components, &cat)?;
        channels.push(json!({
            "sampler": sampler_index,
            "target": { "node": node, "path": path(channel.property) },
        }));
    }
    let mut pointers = HashSet::new();
    for (c, channel) in animation.pointer_channels.iter().enumerate() {
        let cat = format!("{at} pointer channel {c}");
        let Some((pointer, sampler)) = check_pointer_channel(scene, animation, channel, written, &cat) else {
            continue;
        };
        if !pointers.insert(pointer.clone()) {
            log::warn!("{cat}: another channel already drives {pointer}; dropped");
            continue;
        }
        let components = channel.target.components();
        let sampler_index = samplers.get(bin, (channel.sampler, sampler), components, &cat)?;
        let mut extensions = Map::new();
        extensions.insert(pointer_channels::NAME.into(), json!({ "pointer": pointer }));
        channels.push(json!({
            "sampler": sampler_index,
            "target": { "path": "pointer", "extensions": extensions },
        }));
        used.insert(pointer_channels::NAME);
    }
    if channels.is_empty() {
        log::warn!("{at}: no channel could be written; the animation is dropped");
        return Ok(None);
    }
    let mut object = Map::new();
    object.insert("channels".into(), Value::Array(channels));
    object.insert("samplers".into(), Value::Array(samplers.json));
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

/// The pointer and sampler of a pointer channel, or `None` (with a warning) when it
/// cannot be written.
fn check_pointer_channel<'a>(
    scene: &Scene,
    animation: &'a Animation,
    channel: &PointerChannel,
    written: &Written,
    at: &str,
) -> Option<(String, &'a AnimationSampler)> {
    let pointer = pointer_channels::pointer_of(scene, channel, written.textures, at)?;
    let Some(sampler) = animation.samplers.get(channel.sampler) else {
        log::warn!("{at}: sampler {} does not exist; dropped", channel.sampler);
        return None;
    };
    if let Some(problem) = sampler_problem(sampler, channel.target.components()) {
        log::warn!("{at}: {problem}; dropped");
        return None;
    }
    Some((pointer, sampler))
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

/// Writes a sampler whose output is of accessor type `ty`.
fn write_sampler(
    bin: &mut Bin,
    sampler: &AnimationSampler,
    ty: &'static str,
    at: &str,
) -> Result<Value, ExportError> {
    let input = bin.floats(&sampler.times, None, true, || format!("{at} key times"))?;
    let values = || format!("{at} key values");
    let v = &sampler.values;
    let output = match ty {
        "VEC2" => bin.floats(
            &v.chunks_exact(2).map(Vec2::from_slice).collect::<Vec<_>>(),
            None,
            false,
            values,
        )?,
        "VEC3" => bin.floats(
            &v.chunks_exact(3).map(Vec3::from_slice).collect::<Vec<_>>(),
            None,
            false,
            values,
        )?,
        "VEC4" => bin.floats(
            &v.chunks_exact(4).map(Vec4::from_slice).collect::<Vec<_>>(),
            None,
            false,
            values,
        )?,
        _ => bin.floats(v, None, false, values)?,
    };
    let interpolation = match sampler.interpolation {
        Interpolation::Linear => "LINEAR",
        Interpolation::Step => "STEP",
        Interpolation::CubicSpline => "CUBICSPLINE",
    };
    Ok(json!({ "input": input, "output": output, "interpolation": interpolation }))
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

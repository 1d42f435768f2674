//! Small scenes built in code, and comparisons with a tolerance.

use museion_scene::glam::{Quat, Vec3};
use museion_scene::{
    Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, Node, NodeId, Scene,
    Transform,
};

/// A sampler of `times` and flattened `values`.
pub fn sampler(interpolation: Interpolation, times: &[f32], values: &[f32]) -> AnimationSampler {
    AnimationSampler {
        times: times.to_vec(),
        values: values.to_vec(),
        interpolation,
    }
}

/// A clip named `name` whose channel `i` drives `targets[i]` with sampler `i`.
pub fn clip(
    name: &str,
    targets: &[(NodeId, AnimationProperty)],
    samplers: Vec<AnimationSampler>,
) -> Animation {
    assert_eq!(targets.len(), samplers.len());
    Animation {
        name: Some(name.into()),
        channels: targets
            .iter()
            .enumerate()
            .map(|(sampler, &(target, property))| AnimationChannel {
                target,
                property,
                sampler,
            })
            .collect(),
        pointer_channels: Vec::new(),
        samplers,
    }
}

/// A scene with `count` root nodes at the origin, named `n0`, `n1`, ….
pub fn nodes(count: usize) -> (Scene, Vec<NodeId>) {
    let mut scene = Scene::new();
    let ids = (0..count)
        .map(|i| {
            scene
                .add_node(Node::new().with_name(format!("n{i}")), None)
                .unwrap()
        })
        .collect();
    (scene, ids)
}

/// A clip driving `node`'s translation x from 0 to `length` over `length` seconds
/// (so the x it shows is the clip's time).
pub fn ramp(name: &str, node: NodeId, length: f32) -> Animation {
    clip(
        name,
        &[(node, AnimationProperty::Translation)],
        vec![sampler(
            Interpolation::Linear,
            &[0.0, length],
            &[0.0, 0.0, 0.0, length, 0.0, 0.0],
        )],
    )
}

/// A clip holding `node` at `translation` and `rotation` (one key each).
pub fn hold(name: &str, node: NodeId, translation: Vec3, rotation: Quat) -> Animation {
    clip(
        name,
        &[
            (node, AnimationProperty::Translation),
            (node, AnimationProperty::Rotation),
        ],
        vec![
            sampler(Interpolation::Linear, &[0.0], &translation.to_array()),
            sampler(Interpolation::Linear, &[0.0], &rotation.to_array()),
        ],
    )
}

/// The local transform of `node`.
pub fn local(scene: &Scene, node: NodeId) -> Transform {
    *scene.local_transform(node).unwrap()
}

/// Asserts `a` and `b` are within `eps` of each other.
#[track_caller]
pub fn assert_vec(a: Vec3, b: Vec3, eps: f32) {
    assert!(a.abs_diff_eq(b, eps), "{a} is not {b}");
}

/// Asserts two rotations are the same quaternion within `eps` per component, up to sign
/// (`q` and `-q` are one rotation), and that `a` is normalised.
#[track_caller]
pub fn assert_rotation(a: Quat, b: Quat, eps: f32) {
    let b = if a.dot(b) < 0.0 { -b } else { b };
    assert!(a.abs_diff_eq(b, eps), "{a} is not {b}");
    assert!((a.length() - 1.0).abs() < 1e-5, "{a} is not normalised");
}

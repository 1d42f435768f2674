//! A kinetic sculpture: a lobed bud on a slender rod that turns slowly and breathes,
//! opening into a twisting flower and gathering at its waist (two morph targets), in
//! one looping clip, [`TURN_CLIP`].
//!
//! In one loop the bud turns by one lobe's angle, so the loop's end looks exactly like
//! its start (the form has as many-fold symmetry as it has lobes) while its morph
//! weights come back to where they began.
//!
//! ```
//! use museion_art::kinetic::{kinetic_sculpture, TURN_CLIP};
//! let sculpture = kinetic_sculpture(7);
//! let clip = &sculpture.scene.animations[sculpture.turn];
//! assert_eq!(clip.name.as_deref(), Some(TURN_CLIP));
//! assert!((clip.duration() - sculpture.period).abs() < 1e-6);
//! ```

mod form;

use super::sculpt::builder::{Builder, Shading};
use super::sculpt::sweep::lathe;
use super::{Finish, pick, rng};
use form::Form;
use glam::{Quat, Vec2, Vec3};
use museion_scene::{
    Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, Node, NodeId, Scene,
    Transform,
};
use std::f32::consts::TAU;

/// The name of the sculpture's clip.
pub const TURN_CLIP: &str = "turn";

/// Height of the rod's top, where the bud stands, metres.
const ROD_TOP: f32 = 0.36;
/// Keys per loop of the turn.
const TURN_KEYS: usize = 16;
/// Keys per loop of the morph weights.
const WEIGHT_KEYS: usize = 48;

/// A kinetic sculpture and its clip.
#[derive(Clone, Debug)]
pub struct KineticSculpture {
    /// The sculpture: a root node over the stand (base and rod) and the bud, whose
    /// rotation and morph weights the clip drives.
    pub scene: Scene,
    /// The root node.
    pub root: NodeId,
    /// The bud's node.
    pub form: NodeId,
    /// The index of the [`TURN_CLIP`] clip in [`Scene::animations`].
    pub turn: usize,
    /// Seconds per loop.
    pub period: f32,
    /// How many lobes the bud has; it turns by one lobe per loop.
    pub lobes: usize,
    /// What the bud is made of.
    pub finish: Finish,
}

/// The finishes the bud is made in.
const FINISHES: [Finish; 3] = [Finish::PolishedSteel, Finish::Gilded, Finish::Bronze];

/// The sculpture's design from its seed: the form, the loop's length and the finish.
pub(crate) fn design(seed: u64) -> (Form, f32, Finish) {
    let mut rng = rng(seed, 0xC1E7);
    let form = Form {
        lobe_count: 3 + rng.below(3) as usize,
        height: rng.range(0.75, 0.95),
        radius: rng.range(0.17, 0.23),
    };
    let period = rng.range(9.0, 13.0).round();
    (form, period, *pick(&mut rng, &FINISHES))
}

/// The kinetic sculpture of `seed`: its number of lobes, size, loop length (9 to 13
/// seconds) and finish follow from the seed.
pub fn kinetic_sculpture(seed: u64) -> KineticSculpture {
    let (form, period, finish) = design(seed);
    let mut scene = Scene::new();
    scene.name = Some("Kinetic sculpture".into());
    let root = add(&mut scene, Node::new().with_name("kinetic"), None);
    let stone = scene.add_material(Finish::Granite.material(seed));
    let mut stand = stand();
    for primitive in &mut stand.primitives {
        primitive.material = Some(stone);
    }
    let stand = scene.add_mesh(stand);
    add(
        &mut scene,
        Node::new().with_name("stand").with_mesh(stand),
        Some(root),
    );
    let metal = scene.add_material(finish.material(seed));
    let mut bud = form.mesh();
    for primitive in &mut bud.primitives {
        primitive.material = Some(metal);
    }
    let bud = scene.add_mesh(bud);
    let node = Node::new()
        .with_name("bud")
        .with_mesh(bud)
        .with_transform(Transform::from_translation(Vec3::Y * ROD_TOP));
    let form_node = add(&mut scene, node, Some(root));
    scene.animations.push(clip(form_node, form.lobe_count, period));
    scene.update_transforms();
    KineticSculpture {
        scene,
        root,
        form: form_node,
        turn: 0,
        period,
        lobes: form.lobe_count,
        finish,
    }
}

/// The stand: a low disc and a rod up to the bud.
fn stand() -> museion_scene::Mesh {
    let mut b = Builder::new();
    let profile = [
        Vec2::new(0.0, 0.0),
        Vec2::new(0.2, 0.0),
        Vec2::new(0.2, 0.035),
        Vec2::new(0.185, 0.045),
        Vec2::new(0.02, 0.05),
        Vec2::new(0.014, 0.06),
        Vec2::new(0.014, ROD_TOP + 0.02),
        Vec2::new(0.0, ROD_TOP + 0.02),
    ];
    lathe(&mut b, &profile, 48, |_| 0.0, |_, _| 1.0, Shading::Smooth);
    b.finish_in_place("stand")
}

/// The loop: one lobe's turn about +Y at an even pace, the bud opening once and
/// gathering twice.
fn clip(form: NodeId, lobes: usize, period: f32) -> Animation {
    let times = |keys: usize| {
        (0..=keys)
            .map(|k| period * k as f32 / keys as f32)
            .collect::<Vec<_>>()
    };
    let turn: Vec<f32> = (0..=TURN_KEYS)
        .flat_map(|k| Quat::from_rotation_y(TAU / lobes as f32 * k as f32 / TURN_KEYS as f32).to_array())
        .collect();
    let mut weights: Vec<f32> = (0..WEIGHT_KEYS)
        .flat_map(|k| {
            let phase = TAU * k as f32 / WEIGHT_KEYS as f32;
            [0.5 - 0.5 * phase.cos(), 0.6 * (0.5 - 0.5 * (2.0 * phase).cos())]
        })
        .collect();
    // The last key is the first again: the weights loop exactly.
    weights.extend_from_within(..2);
    Animation {
        name: Some(TURN_CLIP.into()),
        channels: vec![
            AnimationChannel {
                target: form,
                property: AnimationProperty::Rotation,
                sampler: 0,
            },
            AnimationChannel {
                target: form,
                property: AnimationProperty::MorphWeights,
                sampler: 1,
            },
        ],
        pointer_channels: Vec::new(),
        samplers: vec![
            AnimationSampler {
                times: times(TURN_KEYS),
                values: turn,
                interpolation: Interpolation::Linear,
            },
            AnimationSampler {
                times: times(WEIGHT_KEYS),
                values: weights,
                interpolation: Interpolation::Linear,
            },
        ],
    }
}

/// Adds a node the sculpture's own code made; its parent always exists.
fn add(scene: &mut Scene, node: Node, parent: Option<NodeId>) -> NodeId {
    match scene.add_node(node, parent) {
        Ok(id) => id,
        // A parent added just before cannot be missing.
        Err(e) => unreachable!("the sculpture's node hierarchy: {e}"),
    }
}

#[cfg(test)]
mod tests;

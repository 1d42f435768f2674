//! A walking figure: a gallery guide about 1.7 m tall, one smooth skinned body over a
//! skeleton of fifteen joints (hips, spine, chest, neck, head, upper and lower arms,
//! upper and lower legs, feet), dressed in colours from a seeded palette, with two
//! looping clips: [`WALK_CLIP`], a walk in place, and [`IDLE_CLIP`], standing at ease.
//!
//! The walk keeps the hips over the origin; moved forward (+z) at
//! [`WALK_STRIDE`] / [`WALK_CYCLE`] metres per second, the figure's feet do not slide.
//! The figure's root node carries the same facts in its glTF `extras` (and the scene's),
//! `{"museion": {"stride": 1.2, "cycle": 1.0}}`, for whoever plays it from a file.
//!
//! ```
//! use museion_art::figure::{walking_figure, WALK_CLIP};
//! let guide = walking_figure(7);
//! assert_eq!(guide.scene.animations[guide.walk].name.as_deref(), Some(WALK_CLIP));
//! assert_eq!(guide.scene.skins[0].joints.len(), 15);
//! ```

mod body;
mod clips;
mod dress;
mod idle;
mod skeleton;
mod walk;
mod weights;

#[cfg(test)]
mod tests;

use body::Body;
use museion_scene::{Material, Node, NodeId, Scene, Skin, Transform};
use skeleton::JOINTS;

/// The walk's stride: how far the figure travels in one cycle (two steps), metres.
pub const WALK_STRIDE: f32 = 1.2;
/// One cycle of the walk (a step with each foot), seconds.
pub const WALK_CYCLE: f32 = 1.0;
/// One loop of the idle clip (a breath and a shift of weight), seconds.
pub const IDLE_CYCLE: f32 = 4.0;
/// The name of the walk clip.
pub const WALK_CLIP: &str = "walk";
/// The name of the idle clip.
pub const IDLE_CLIP: &str = "idle";
/// The figure's height, to the top of the head, metres (about).
pub const FIGURE_HEIGHT: f32 = 1.7;

/// Side of the grid the body is polygonised on, metres.
const CELL: f32 = 0.02;

/// A walking figure and the facts a player needs to move it.
#[derive(Clone, Debug)]
pub struct Figure {
    /// The figure: a root node (feet on y = 0, facing +z) over the hips joint and the
    /// skinned body, one skin, one material, the two clips.
    pub scene: Scene,
    /// The root node: move it to move the figure.
    pub root: NodeId,
    /// The node of the skinned body mesh.
    pub body: NodeId,
    /// The index of the walk clip in [`Scene::animations`].
    pub walk: usize,
    /// The index of the idle clip.
    pub idle: usize,
    /// Metres travelled per walk cycle without the feet sliding ([`WALK_STRIDE`]).
    pub stride: f32,
    /// Seconds per walk cycle ([`WALK_CYCLE`]).
    pub cycle: f32,
}

impl Figure {
    /// The walking speed at which the feet do not slide, metres per second.
    pub fn speed(&self) -> f32 {
        self.stride / self.cycle
    }
}

/// The figure of `seed`: the same skeleton, body and clips for every seed, dressed in
/// the seed's colours (jacket, trousers, skin, hair).
pub fn walking_figure(seed: u64) -> Figure {
    let mut scene = Scene::new();
    scene.name = Some("Gallery guide".into());
    let facts = serde_json::json!({ "museion": { "stride": WALK_STRIDE, "cycle": WALK_CYCLE } });
    scene.extras = Some(facts.clone());
    let mut root = Node::new().with_name("guide");
    root.extras = Some(facts);
    let root = add(&mut scene, root, None);
    // Parents come before children in JOINTS.
    let mut nodes: Vec<NodeId> = Vec::with_capacity(JOINTS.len());
    for joint in JOINTS {
        let parent = joint.parent().map_or(root, |p| nodes[p.index()]);
        let node = Node::new()
            .with_name(joint.name())
            .with_transform(Transform::from_translation(joint.offset()));
        nodes.push(add(&mut scene, node, Some(parent)));
    }
    let body = Body::new();
    let mut mesh = body.mesh(CELL);
    let material = scene.add_material(Material {
        name: Some("guide".into()),
        roughness_factor: 0.65,
        ..Material::default()
    });
    let palette = dress::Palette::new(seed);
    for primitive in &mut mesh.primitives {
        let skinned: Vec<_> = primitive
            .positions
            .iter()
            .map(|p| weights::skin_weights(&body, *p))
            .collect();
        primitive.joints = Some(skinned.iter().map(|(j, _)| *j).collect());
        primitive.weights = Some(skinned.iter().map(|(_, w)| *w).collect());
        primitive.colors = Some(
            primitive
                .positions
                .iter()
                .map(|p| palette.colour(&body, *p))
                .collect(),
        );
        primitive.material = Some(material);
        primitive.update_deform_bounds();
    }
    let mesh = scene.add_mesh(mesh);
    let mut body_node = Node::new().with_name("body").with_mesh(mesh);
    body_node.skin = Some(museion_scene::SkinId(0));
    let body_node = add(&mut scene, body_node, Some(root));
    scene.skins.push(Skin {
        name: Some("guide".into()),
        joints: nodes.clone(),
        inverse_bind_matrices: JOINTS
            .iter()
            .map(|j| glam::Mat4::from_translation(-j.rest()))
            .collect(),
        skeleton: Some(nodes[0]),
    });
    let walk = clips::looping_clip(WALK_CLIP, WALK_CYCLE, walk::KEYS, &nodes, walk::pose);
    let idle = clips::looping_clip(IDLE_CLIP, IDLE_CYCLE, idle::KEYS, &nodes, idle::pose);
    scene.animations = vec![walk, idle];
    scene.update_transforms();
    Figure {
        scene,
        root,
        body: body_node,
        walk: 0,
        idle: 1,
        stride: WALK_STRIDE,
        cycle: WALK_CYCLE,
    }
}

/// Adds a node the figure's own code made; its parent always exists.
fn add(scene: &mut Scene, node: Node, parent: Option<NodeId>) -> NodeId {
    match scene.add_node(node, parent) {
        Ok(id) => id,
        // A parent added just before cannot be missing.
        Err(e) => unreachable!("the figure's node hierarchy: {e}"),
    }
}

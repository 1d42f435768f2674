//! museion-animation: playing the animations of a [`Scene`](museion_scene::Scene) on
//! the CPU.
//!
//! - [`sample`]: one keyframe sampler at one time, as glTF 2.0 defines it: `STEP`,
//!   `LINEAR` (shortest-path slerp for rotations) and `CUBICSPLINE` (Hermite, tangents
//!   scaled by the key interval), clamped before the first key and after the last.
//! - [`AnimationPlayer`]: clips played by index ([`find_clip`] turns a name or a
//!   decimal index into one), paused, sought, sped up or reversed, looping or once,
//!   cross-faded, and layered with weights over the rest pose; [`apply`] writes node
//!   transforms, morph weights and `KHR_animation_pointer` targets (material factors,
//!   texture transforms, lights, cameras), only where they changed.
//! - [`CrowdPlayer`] plays many copies of one model as one: their state side by side,
//!   the model's hierarchy, skins and prepared keyframes shared, everything posed in
//!   bulk (locals, world matrices and joint matrices written straight into the scene);
//!   [`CrowdPlayer::group`] sorts copies into crowds and leaves the rest to players.
//! - [`apply_all`] poses with many players at once (evaluated in parallel), and a
//!   [`ClipCache`] lets the players of many copies of a model share one copy of their
//!   keyframes; [`pose_at`] poses a scene at one clip and time.
//!
//! Skinning itself stays with the scene: after posing and
//! [`Scene::update_transforms`](museion_scene::Scene::update_transforms),
//! [`Scene::joint_matrices_into`](museion_scene::Scene::joint_matrices_into) gives each
//! skin's joint matrices.
//!
//! ```
//! use museion_animation::{AnimationPlayer, find_clip};
//! use museion_scene::glam::Vec3;
//! use museion_scene::{
//!     Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, Node, Scene,
//! };
//!
//! // A node that slides 4 units along x in 2 seconds.
//! let mut scene = Scene::new();
//! let node = scene.add_node(Node::new().with_name("box"), None)?;
//! scene.animations.push(Animation {
//!     name: Some("slide".into()),
//!     channels: vec![AnimationChannel {
//!         target: node,
//!         property: AnimationProperty::Translation,
//!         sampler: 0,
//!     }],
//!     pointer_channels: Vec::new(),
//!     samplers: vec![AnimationSampler {
//!         times: vec![0.0, 2.0],
//!         values: vec![0.0, 0.0, 0.0, 4.0, 0.0, 0.0],
//!         interpolation: Interpolation::Linear,
//!     }],
//! });
//!
//! let mut player = AnimationPlayer::new(&scene);
//! player.play(find_clip(&scene, "slide").expect("the clip is there"));
//! player.advance(0.5);
//! player.apply(&mut scene);
//! scene.update_transforms();
//! let x = scene.world_matrix(node).expect("the node is there").w_axis.x;
//! assert_eq!(x, 1.0);
//! # Ok::<(), museion_scene::Error>(())
//! ```
//!
//! [`apply`]: AnimationPlayer::apply

mod binding;
mod clip_shape;
mod clips;
mod crowd;
mod crowd_clip;
mod crowd_model;
mod crowd_pose;
mod error;
mod keyframes;
mod layer;
mod player;
mod player_layers;
mod pointer_read;
mod pose;
pub mod sample;
mod staging;

pub use clips::{apply_all, find_clip, pose_at};
pub use crowd::{CrowdCopy, CrowdGroups, CrowdPlayer};
pub use error::AnimationError;
pub use keyframes::ClipCache;
pub use layer::{LayerId, Looping};
pub use player::AnimationPlayer;

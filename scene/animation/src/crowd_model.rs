//! The model a crowd is made of: its node hierarchy in one order (parents first), its
//! skins over those nodes and its clips over them, read off the first copy; and the
//! check that another copy is the same model (the same hierarchy, skins and keyframes),
//! which gives that copy's nodes in the model's order.

use crate::crowd_clip::{CrowdClip, Part, Unfit};
use glam::Mat4;
use museion_scene::{NodeId, Scene, SkinId};
use std::collections::HashMap;

/// No parent inside the model: a copy's root, whose parent is the copy's anchor.
pub(crate) const ROOT: u32 = u32::MAX;

/// A skin of the model.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ModelSkin {
    /// The skinned node, an index into the model's nodes.
    pub node: u32,
    /// The joints, indices into the model's nodes.
    pub joints: Vec<u32>,
    /// One inverse bind matrix per joint, shared by every copy.
    pub inverse_binds: Vec<Mat4>,
}

/// One copy of the model, as a crowd is asked to play it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrowdCopy {
    /// The copy's root nodes (one or more, all under one parent or all roots of the
    /// scene); the copy is their subtrees.
    pub roots: Vec<NodeId>,
    /// The copy's clips (indices into [`Scene::animations`]), in the model's order:
    /// clip `k` of every copy must be a copy of clip `k` of the first.
    pub clips: Vec<usize>,
}

/// A copy's nodes in the model's order, its skins, and its anchor.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CopyNodes {
    pub nodes: Vec<NodeId>,
    pub skins: Vec<SkinId>,
    /// The parent of the copy's roots, if they have one.
    pub anchor: Option<NodeId>,
}

/// The shared model of a crowd.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CrowdModel {
    /// Per node, its parent's index, or [`ROOT`].
    pub parents: Vec<u32>,
    /// Per node, how many children it has.
    children: Vec<usize>,
    pub skins: Vec<ModelSkin>,
    pub clips: Vec<CrowdClip>,
    /// Every node part some clip drives, sorted: the copies' rest values are kept for
    /// them, in this order.
    pub animated: Vec<(u32, Part)>,
    /// Where each animated part's rest value starts, and the total.
    pub rest_offsets: Vec<usize>,
    /// Per node, whether some clip drives a part of it (the others keep their local
    /// transforms: posing sets only their world matrices).
    pub moving: Vec<bool>,
    /// The clips of the first copy, to compare the others' with.
    first_clips: Vec<usize>,
}

impl CrowdModel {
    /// The model that `copy` is a copy of, with that copy's nodes.
    pub fn new(scene: &Scene, copy: &CrowdCopy) -> Result<(Self, CopyNodes), Unfit> {
        let (nodes, anchor) = walk(scene, &copy.roots)?;
        let index: HashMap<NodeId, u32> = nodes.iter().enumerate().map(|(i, n)| (*n, i as u32)).collect();
        let mut parents = Vec::with_capacity(nodes.len());
        let mut children = Vec::with_capacity(nodes.len());
        let mut skins = Vec::new();
        let mut skin_ids = Vec::new();
        for (i, id) in nodes.iter().enumerate() {
            let node = scene.node(*id).ok_or("a node is gone")?;
            parents.push(match node.parent() {
                Some(p) if !copy.roots.contains(id) => *index.get(&p).ok_or("a parent outside the copy")?,
                _ => ROOT,
            });
            children.push(node.children().len());
            let Some(skin_id) = node.skin else { continue };
            let skin = scene.skins.get(skin_id.index()).ok_or("a skin the scene lacks")?;
            let joints = skin
                .joints
                .iter()
                .map(|j| index.get(j).copied())
                .collect::<Option<Vec<u32>>>()
                .ok_or("a skin with joints outside the copy")?;
            let inverse_binds = (0..joints.len())
                .map(|j| {
                    skin.inverse_bind_matrices
                        .get(j)
                        .copied()
                        .unwrap_or(Mat4::IDENTITY)
                })
                .collect();
            skins.push(ModelSkin {
                node: i as u32,
                joints,
                inverse_binds,
            });
            skin_ids.push(skin_id);
        }
        let mut clips = Vec::with_capacity(copy.clips.len());
        for &c in &copy.clips {
            let animation = scene.animations.get(c).ok_or("a clip the scene lacks")?;
            if !animation.pointer_channels.is_empty() {
                return Err("a clip drives KHR_animation_pointer targets".into());
            }
            let mut clip = CrowdClip::new(animation.duration());
            for channel in &animation.channels {
                let part = Part::of(channel.property).ok_or("a clip drives morph weights")?;
                let node = *index
                    .get(&channel.target)
                    .ok_or("a clip drives a node outside the copy")?;
                let sampler = animation
                    .samplers
                    .get(channel.sampler)
                    .ok_or("a channel without its sampler")?;
                clip.add(node, part, sampler)?;
            }
            clips.push(clip);
        }
        let mut animated: Vec<(u32, Part)> = clips
            .iter()
            .flat_map(|c| c.channels.iter().map(|ch| (ch.node, ch.part)))
            .collect();
        animated.sort_unstable();
        animated.dedup();
        for clip in &mut clips {
            clip.rest_parts = animated
                .iter()
                .copied()
                .filter(|&(n, p)| !clip.channels.iter().any(|c| c.node == n && c.part == p))
                .collect();
        }
        let mut rest_offsets = Vec::with_capacity(animated.len() + 1);
        let mut at = 0;
        for (_, part) in &animated {
            rest_offsets.push(at);
            at += part.len();
        }
        rest_offsets.push(at);
        let mut moving = vec![false; nodes.len()];
        for &(node, _) in &animated {
            moving[node as usize] = true;
        }
        let model = Self {
            moving,
            parents,
            children,
            skins,
            clips,
            animated,
            rest_offsets,
            first_clips: copy.clips.clone(),
        };
        let nodes = CopyNodes {
            nodes,
            skins: skin_ids,
            anchor,
        };
        Ok((model, nodes))
    }

    /// The number of nodes of a copy.
    pub fn node_count(&self) -> usize {
        self.parents.len()
    }

    /// The nodes of `copy` when it is a copy of this model: the same hierarchy, skins
    /// over the same joints with the same inverse bind matrices, and clips driving the
    /// same parts with the same keyframes.
    pub fn matches(&self, scene: &Scene, copy: &CrowdCopy) -> Result<CopyNodes, Unfit> {
        let (nodes, anchor) = walk(scene, &copy.roots)?;
        self.check_hierarchy(scene, &nodes, anchor)?;
        let index: HashMap<NodeId, u32> = nodes.iter().enumerate().map(|(i, n)| (*n, i as u32)).collect();
        let mut skins = Vec::with_capacity(self.skins.len());
        for model_skin in &self.skins {
            let node = scene
                .node(nodes[model_skin.node as usize])
                .ok_or("a node is gone")?;
            let skin_id = node.skin.ok_or("a skinned node without its skin")?;
            let skin = scene.skins.get(skin_id.index()).ok_or("a skin the scene lacks")?;
            let same_joints = skin.joints.len() == model_skin.joints.len()
                && skin
                    .joints
                    .iter()
                    .zip(&model_skin.joints)
                    .all(|(j, m)| index.get(j) == Some(m));
            let same_binds = (0..model_skin.joints.len()).all(|j| {
                skin.inverse_bind_matrices
                    .get(j)
                    .copied()
                    .unwrap_or(Mat4::IDENTITY)
                    == model_skin.inverse_binds[j]
            });
            if !same_joints || !same_binds {
                return Err("a skin unlike the model's".into());
            }
            skins.push(skin_id);
        }
        if copy.clips.len() != self.first_clips.len() {
            return Err("another number of clips".into());
        }
        for (k, (&mine, &first)) in copy.clips.iter().zip(&self.first_clips).enumerate() {
            let (Some(a), Some(b)) = (scene.animations.get(mine), scene.animations.get(first)) else {
                return Err("a clip the scene lacks".into());
            };
            // The model's clip has one channel per channel of the first copy's, in order.
            let channels = &self.clips[k].channels;
            let same = a.pointer_channels.is_empty()
                && a.channels.len() == channels.len()
                && a.channels
                    .iter()
                    .zip(&b.channels)
                    .zip(channels)
                    .all(|((x, y), c)| {
                        x.property == y.property
                            && x.sampler == y.sampler
                            && index.get(&x.target) == Some(&c.node)
                    })
                && (mine == first || a.samplers == b.samplers);
            if !same {
                return Err("a clip unlike the model's".into());
            }
        }
        Ok(CopyNodes { nodes, skins, anchor })
    }

    /// Checks that `nodes` (walked from a copy's roots) have the model's hierarchy.
    pub fn check_hierarchy(
        &self,
        scene: &Scene,
        nodes: &[NodeId],
        anchor: Option<NodeId>,
    ) -> Result<(), Unfit> {
        if nodes.len() != self.parents.len() {
            return Err("another number of nodes".into());
        }
        for (i, id) in nodes.iter().enumerate() {
            let node = scene.node(*id).ok_or("a node is gone")?;
            let parent = match self.parents[i] {
                ROOT => anchor,
                p => Some(nodes[p as usize]),
            };
            if node.parent() != parent || node.children().len() != self.children[i] {
                return Err("another hierarchy".into());
            }
        }
        Ok(())
    }
}

/// The nodes of the subtrees of `roots`, parents first, and the roots' common parent.
pub(crate) fn walk(scene: &Scene, roots: &[NodeId]) -> Result<(Vec<NodeId>, Option<NodeId>), Unfit> {
    let first = roots.first().ok_or("a copy without roots")?;
    let anchor = scene.node(*first).ok_or("a root is not in the scene")?.parent();
    let mut nodes = Vec::new();
    for root in roots {
        let node = scene.node(*root).ok_or("a root is not in the scene")?;
        if node.parent() != anchor {
            return Err("roots under different parents".into());
        }
        if nodes.contains(root) {
            return Err("a root inside another root's subtree".into());
        }
        nodes.extend(scene.descendants(*root));
    }
    Ok((nodes, anchor))
}

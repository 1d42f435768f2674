//! Posing a crowd: every copy's local transforms (its clip sampled over the scene's
//! locals and the copy's rest values), world matrices down the model's hierarchy order
//! and joint matrices over the model's shared inverse binds — in parallel over runs of
//! copies, into the crowd's flat buffers; then the locals and worlds written into the
//! scene in parallel, each thread writing its part of the scene's node slots.

use crate::crowd_model::{CrowdModel, ROOT};
use crate::sample::KeyPosition;
use glam::Mat4;
use museion_scene::{NodeId, Scene, Transform};
use rayon::prelude::*;

/// Copies posed per task.
const RUN: usize = 64;

/// What posing reads of a crowd.
pub(crate) struct CopyState<'a> {
    pub model: &'a CrowdModel,
    /// Per copy, its nodes in the model's order.
    pub nodes: &'a [NodeId],
    pub anchors: &'a [Option<NodeId>],
    pub clip: &'a [u32],
    pub time: &'a [f32],
    pub posing: &'a [bool],
    pub rest: &'a [f32],
    /// Key-time groups per copy in the cursors.
    pub groups: usize,
}

/// `slice` cut into runs of `size` (`count` runs; all empty for a size of zero).
fn runs<T>(slice: &mut [T], size: usize, count: usize) -> Vec<&mut [T]> {
    if size == 0 {
        return (0..count).map(|_| <&mut [T]>::default()).collect();
    }
    slice.chunks_mut(size).collect()
}

/// Works out every posed copy's locals, worlds and joint matrices (`joints`: per copy,
/// per skin, each skin's joints) into the crowd's buffers, for [`write`] to write: the
/// path for copies whose nodes are not laid out copy after copy in the scene.
pub(crate) fn evaluate(
    state: &CopyState<'_>,
    scene: &Scene,
    cursors: &mut [u32],
    locals: &mut [Transform],
    worlds: &mut [Mat4],
    joints: &mut [Mat4],
) {
    let n = state.model.node_count();
    let per_copy: usize = state.model.skins.iter().map(|s| s.joints.len()).sum();
    let copies = state.clip.len();
    let count = copies.div_ceil(RUN);
    let tasks: Vec<_> = runs(locals, RUN * n, count)
        .into_iter()
        .zip(runs(worlds, RUN * n, count))
        .zip(runs(joints, RUN * per_copy, count))
        .zip(runs(cursors, RUN * state.groups, count))
        .enumerate()
        .collect();
    tasks
        .into_par_iter()
        .for_each(|(run, (((locals, worlds), joints), cursors))| {
            let mut positions = Vec::new();
            let first = run * RUN;
            for k in 0..RUN.min(copies - first) {
                let copy = first + k;
                if !state.posing[copy] {
                    continue;
                }
                let out = Copy {
                    locals: &mut locals[k * n..(k + 1) * n],
                    worlds: &mut worlds[k * n..(k + 1) * n],
                    joints: joints
                        .get_mut(k * per_copy..(k + 1) * per_copy)
                        .unwrap_or_default(),
                    cursors: cursors
                        .get_mut(k * state.groups..(k + 1) * state.groups)
                        .unwrap_or_default(),
                };
                let anchor = state.anchors[copy]
                    .and_then(|a| scene.world_matrix(a))
                    .unwrap_or(Mat4::IDENTITY);
                let base = |id: NodeId| scene.local_transform(id).copied();
                pose_copy(state, copy, anchor, base, out, &mut positions);
            }
        });
}

/// One copy's buffers.
struct Copy<'a> {
    locals: &'a mut [Transform],
    worlds: &'a mut [Mat4],
    joints: &'a mut [Mat4],
    cursors: &'a mut [u32],
}

/// Poses copy `copy` into `out`: its locals over `base` (the local transform each of
/// its nodes has in the scene), its worlds under `anchor` (the world of its roots'
/// parent), its joint matrices.
fn pose_copy(
    state: &CopyState<'_>,
    copy: usize,
    anchor: Mat4,
    base: impl Fn(NodeId) -> Option<Transform>,
    out: Copy<'_>,
    positions: &mut Vec<KeyPosition>,
) {
    let model = state.model;
    let n = model.node_count();
    let nodes = &state.nodes[copy * n..(copy + 1) * n];
    for (local, id) in out.locals.iter_mut().zip(nodes) {
        *local = base(*id).unwrap_or(Transform::IDENTITY);
    }
    let clip = model.clips.get(state.clip[copy] as usize);
    // Parts no channel of this clip drives show their rest values.
    let rest_len = model.rest_offsets.last().copied().unwrap_or(0);
    let rest = &state.rest[copy * rest_len..(copy + 1) * rest_len];
    let rest_parts = clip.map_or(&model.animated[..], |c| &c.rest_parts[..]);
    for &(node, part) in rest_parts {
        if let Ok(a) = model.animated.binary_search(&(node, part)) {
            let at = model.rest_offsets[a];
            part.write(&mut out.locals[node as usize], &rest[at..at + part.len()]);
        }
    }
    if let Some(clip) = clip {
        clip.locate(state.time[copy], out.cursors, positions);
        for channel in &clip.channels {
            if let Some(&position) = positions.get(channel.group()) {
                channel.pose(position, &mut out.locals[channel.node as usize]);
            }
        }
    }
    for i in 0..n {
        let base = match model.parents[i] {
            ROOT => anchor,
            p => out.worlds[p as usize],
        };
        out.worlds[i] = base * out.locals[i].matrix();
    }
    joint_matrices(model, out.worlds, out.joints);
}

/// The joint matrices of every skin of one copy from its worlds, as
/// [`Scene::joint_matrices_into`] composes them.
fn joint_matrices(model: &CrowdModel, worlds: &[Mat4], joints: &mut [Mat4]) {
    let mut at = 0;
    for skin in &model.skins {
        let to_node = worlds[skin.node as usize].inverse();
        for (j, inverse_bind) in skin.joints.iter().zip(&skin.inverse_binds) {
            if let Some(out) = joints.get_mut(at) {
                *out = to_node * worlds[*j as usize] * *inverse_bind;
            }
            at += 1;
        }
    }
}

/// Writes every posed copy's locals and worlds (from [`evaluate`]) into `scene`, each
/// thread its part of the node slots (`spans`: each copy's lowest and highest slot).
pub(crate) fn write(
    state: &CopyState<'_>,
    spans: &[(u32, u32)],
    locals: &[Transform],
    worlds: &[Mat4],
    scene: &mut Scene,
) {
    let n = state.model.node_count();
    let parts = rayon::current_num_threads().max(1);
    scene.split_transforms(parts, |writers| {
        writers.par_iter_mut().for_each(|writer| {
            let slots = writer.slots();
            for (copy, &(low, high)) in spans.iter().enumerate() {
                if !state.posing[copy] || high < slots.start || low >= slots.end {
                    continue;
                }
                let range = copy * n..(copy + 1) * n;
                let nodes = &state.nodes[range.clone()];
                for ((id, local), world) in nodes
                    .iter()
                    .zip(&locals[range.clone()])
                    .zip(&worlds[range.clone()])
                {
                    if writer.covers(*id) {
                        writer.set_posed(*id, *local, *world);
                    }
                }
            }
        });
    });
}

/// Poses every posed copy straight into `scene`, for copies laid out copy after copy
/// (`spans`: each copy's lowest and highest slot, increasing and apart): the scene is
/// cut at the first slot of each run of copies, and each thread poses its runs' copies
/// in a scratch of one copy and writes them through its part of the scene, with no
/// buffer of the whole crowd between. `anchors`: the world of each copy's roots'
/// parent, worked out before.
pub(crate) fn pose_in_place(
    state: &CopyState<'_>,
    spans: &[(u32, u32)],
    anchors: &[Mat4],
    cursors: &mut [u32],
    joints: &mut [Mat4],
    scene: &mut Scene,
) {
    let n = state.model.node_count();
    let per_copy: usize = state.model.skins.iter().map(|s| s.joints.len()).sum();
    let copies = state.clip.len();
    let count = copies.div_ceil(RUN);
    let starts: Vec<u32> = (1..count).map(|r| spans[r * RUN].0).collect();
    let tasks: Vec<_> = runs(joints, RUN * per_copy, count)
        .into_iter()
        .zip(runs(cursors, RUN * state.groups, count))
        .enumerate()
        .collect();
    scene.split_transforms_at(&starts, |writers| {
        writers
            .par_iter_mut()
            .zip(tasks.into_par_iter())
            .for_each(|(writer, (run, (joints, cursors)))| {
                let mut positions = Vec::new();
                let mut locals = vec![Transform::IDENTITY; n];
                let mut worlds = vec![Mat4::IDENTITY; n];
                let first = run * RUN;
                for k in 0..RUN.min(copies - first) {
                    let copy = first + k;
                    if !state.posing[copy] {
                        continue;
                    }
                    let out = Copy {
                        locals: &mut locals,
                        worlds: &mut worlds,
                        joints: joints
                            .get_mut(k * per_copy..(k + 1) * per_copy)
                            .unwrap_or_default(),
                        cursors: cursors
                            .get_mut(k * state.groups..(k + 1) * state.groups)
                            .unwrap_or_default(),
                    };
                    let base = |id: NodeId| writer.local(id).copied();
                    pose_copy(state, copy, anchors[copy], base, out, &mut positions);
                    let nodes = &state.nodes[copy * n..(copy + 1) * n];
                    let moving = &state.model.moving;
                    for (((id, local), world), moving) in nodes.iter().zip(&locals).zip(&worlds).zip(moving) {
                        if *moving {
                            writer.set_posed(*id, *local, *world);
                        } else {
                            writer.set_posed_world(*id, *world);
                        }
                    }
                }
            });
    });
}

/// True when the copies' nodes lie copy after copy in the scene's slots (`spans`
/// increasing and apart): what [`pose_in_place`] needs.
pub(crate) fn laid_out_in_order(spans: &[(u32, u32)]) -> bool {
    spans.iter().all(|(low, high)| low <= high) && spans.windows(2).all(|w| w[0].1 < w[1].0)
}

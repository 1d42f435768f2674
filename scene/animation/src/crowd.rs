//! Many copies of one animated model played as one: a [`CrowdPlayer`] keeps the copies'
//! state side by side (clip, time, speed and key cursors per copy; local transforms,
//! world matrices and joint matrices per copy in flat buffers), shares the model's
//! hierarchy, skins, inverse bind matrices and prepared keyframes among them, and poses
//! them all at once: sampling, world matrices down the shared hierarchy order, joint
//! matrices — in parallel over runs of copies — then the local transforms and world
//! matrices written into the scene in bulk (nothing left for
//! [`Scene::update_transforms`]), and the joint matrices handed to the scene for the
//! renderer ([`Scene::put_joint_palettes`]).
//!
//! A crowd plays one clip per copy, at the copy's own time and speed, looping or once;
//! cross-fades and layers are the [`AnimationPlayer`]'s: [`CrowdPlayer::release`] hands
//! a copy over to one. Models whose clips drive morph weights or
//! `KHR_animation_pointer` targets are not crowds ([`CrowdPlayer::group`] leaves their
//! copies to players).

pub use crate::crowd_model::CrowdCopy;
use crate::crowd_model::{CopyNodes, CrowdModel};
use crate::crowd_pose::{self, CopyState};
use crate::error::AnimationError;
use crate::layer::{Looping, wrap};
use crate::player::AnimationPlayer;

use glam::Mat4;
use museion_scene::{JointPalettes, NodeId, PalettesId, Scene, SkinId, Transform};
use rayon::prelude::*;

/// No clip plays.
const NO_CLIP: u32 = u32::MAX;

/// Plays many copies of one animated model as one: the copies' state side by side, the
/// model's hierarchy, skins, inverse bind matrices and prepared keyframes shared, and
/// every copy posed at once — sampled, world matrices down the shared hierarchy order,
/// joint matrices — in parallel runs of copies, written straight into the scene (local
/// transforms and world matrices, nothing left for [`Scene::update_transforms`]) with
/// the joint matrices handed to it ([`Scene::put_joint_palettes`]) for the renderer.
///
/// One clip per copy, at the copy's own time and speed, looping or once; cross-fades
/// and layers are an [`AnimationPlayer`]'s ([`release`](Self::release) hands a copy
/// over). Models whose clips drive morph weights or `KHR_animation_pointer` targets are
/// not crowds: [`group`](Self::group) leaves their copies to players.
///
/// ```no_run
/// # use museion_animation::{CrowdCopy, CrowdPlayer};
/// # fn crowd(scene: &mut museion_scene::Scene, copies: Vec<CrowdCopy>) -> Result<(), museion_animation::AnimationError> {
/// let mut crowd = CrowdPlayer::new(scene, &copies)?;
/// for copy in 0..crowd.len() {
///     crowd.play(copy, 0);
///     crowd.seek(copy, copy as f32 * 0.1);
/// }
/// crowd.advance(1.0 / 60.0);
/// crowd.pose(scene); // nodes, world matrices and joint matrices are current
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct CrowdPlayer {
    pub(crate) model: CrowdModel,
    copies: Vec<CrowdCopy>,
    /// Per copy, its nodes in the model's order (copies × nodes).
    pub(crate) nodes: Vec<NodeId>,
    pub(crate) anchors: Vec<Option<NodeId>>,
    /// Per copy, its skins in the model's order (copies × skins).
    skin_ids: Vec<SkinId>,
    /// Per copy, the lowest and highest slot of its nodes.
    pub(crate) spans: Vec<(u32, u32)>,
    /// Per copy: the model clip it plays ([`NO_CLIP`]: none), its time, speed, mode.
    pub(crate) clip: Vec<u32>,
    pub(crate) time: Vec<f32>,
    speed: Vec<f32>,
    paused: Vec<bool>,
    looping: Vec<Looping>,
    finished: Vec<bool>,
    /// Per copy, whether the crowd poses it (not once released or unfit).
    pub(crate) posing: Vec<bool>,
    /// Per copy, the key interval found last, per key-time group of its clip.
    pub(crate) cursors: Vec<u32>,
    pub(crate) groups: usize,
    /// Per copy, the rest values of the parts the clips drive (copies × rest length).
    pub(crate) rest: Vec<f32>,
    /// Whether the copies' nodes lie copy after copy in the scene's slots, so that they
    /// are posed straight into the scene.
    in_place: bool,
    /// Per copy, the world of its roots' parent (for posing in place).
    anchor_worlds: Vec<Mat4>,
    /// Per copy, local transforms and world matrices (copies × nodes), for copies not
    /// laid out in order (empty until needed).
    pub(crate) locals: Vec<Transform>,
    pub(crate) worlds: Vec<Mat4>,
    /// The joint matrices (per copy, per skin); `None` while the scene holds them.
    palettes: Option<JointPalettes>,
    /// The set the scene holds them in, once handed over.
    palettes_id: Option<PalettesId>,
    /// The scene's hierarchy revision when the copies were last checked.
    revision: u64,
}

/// Copies sorted into crowds: what [`CrowdPlayer::group`] gives.
#[derive(Debug)]
pub struct CrowdGroups {
    /// Each crowd, with the indices (into the copies given) of its copies, in order.
    pub crowds: Vec<(CrowdPlayer, Vec<usize>)>,
    /// The copies left to players: alone of their model, or of a model a crowd cannot
    /// play (the reason is logged).
    pub others: Vec<usize>,
}

impl CrowdPlayer {
    /// A crowd of `copies`, each a copy of the first (the same hierarchy, skins and
    /// keyframes), nothing playing yet. Fails naming the first copy that is not, or why
    /// the model cannot be a crowd.
    pub fn new(scene: &Scene, copies: &[CrowdCopy]) -> Result<Self, AnimationError> {
        let unfit = |copy: usize| move |reason: String| AnimationError::NotACrowd { copy, reason };
        let first = copies.first().ok_or(AnimationError::EmptyCrowd)?;
        let (model, nodes) = CrowdModel::new(scene, first).map_err(unfit(0))?;
        let mut all = vec![nodes];
        for (k, copy) in copies.iter().enumerate().skip(1) {
            all.push(model.matches(scene, copy).map_err(unfit(k))?);
        }
        Ok(Self::assemble(scene, model, copies.to_vec(), all))
    }

    /// Sorts `copies` into crowds of copies of one model, at least `min_copies` each;
    /// the rest (fewer copies of a model, or a model a crowd cannot play: morph weights,
    /// pointer targets, skins over nodes outside the copy) are left to players.
    pub fn group(scene: &Scene, copies: &[CrowdCopy], min_copies: usize) -> CrowdGroups {
        let mut models: Vec<(CrowdModel, Vec<usize>, Vec<CopyNodes>)> = Vec::new();
        let mut others = Vec::new();
        for (k, copy) in copies.iter().enumerate() {
            let found = models
                .iter_mut()
                .find_map(|(model, members, nodes)| Some((model.matches(scene, copy).ok()?, members, nodes)));
            if let Some((copy_nodes, members, nodes)) = found {
                members.push(k);
                nodes.push(copy_nodes);
                continue;
            }
            match CrowdModel::new(scene, copy) {
                Ok((model, nodes)) => models.push((model, vec![k], vec![nodes])),
                Err(reason) => {
                    log::info!("copy {k} plays on its own: {reason}");
                    others.push(k);
                }
            }
        }
        let mut crowds = Vec::new();
        for (model, members, nodes) in models {
            if members.len() < min_copies.max(1) {
                others.extend(members);
                continue;
            }
            let list = members.iter().map(|&k| copies[k].clone()).collect();
            crowds.push((Self::assemble(scene, model, list, nodes), members));
        }
        others.sort_unstable();
        CrowdGroups { crowds, others }
    }

    fn assemble(scene: &Scene, model: CrowdModel, copies: Vec<CrowdCopy>, all: Vec<CopyNodes>) -> Self {
        let n = model.node_count();
        let count = copies.len();
        let groups = model.clips.iter().map(|c| c.groups.len()).max().unwrap_or(0);
        let rest_len = model.rest_offsets.last().copied().unwrap_or(0);
        let mut crowd = Self {
            nodes: Vec::with_capacity(count * n),
            anchors: Vec::with_capacity(count),
            skin_ids: Vec::with_capacity(count * model.skins.len()),
            spans: Vec::with_capacity(count),
            clip: vec![NO_CLIP; count],
            time: vec![0.0; count],
            speed: vec![1.0; count],
            paused: vec![false; count],
            looping: vec![Looping::Repeat; count],
            finished: vec![false; count],
            posing: vec![true; count],
            cursors: vec![0; count * groups],
            groups,
            rest: Vec::with_capacity(count * rest_len),
            in_place: false,
            anchor_worlds: vec![Mat4::IDENTITY; count],
            locals: Vec::new(),
            worlds: Vec::new(),
            palettes: Some(JointPalettes::new()),
            palettes_id: None,
            revision: scene.hierarchy_revision(),
            model,
            copies,
        };
        for copy in all {
            crowd.add_copy(scene, copy);
        }
        crowd.in_place = crowd_pose::laid_out_in_order(&crowd.spans);
        if !crowd.in_place {
            crowd.locals = vec![Transform::IDENTITY; count * n];
            crowd.worlds = vec![Mat4::IDENTITY; count * n];
        }
        crowd
    }

    /// Takes in one copy's nodes: its span of slots, rest values and palettes.
    fn add_copy(&mut self, scene: &Scene, copy: CopyNodes) {
        let slots = copy.nodes.iter().map(|id| id.index());
        let span = (slots.clone().min().unwrap_or(0), slots.max().unwrap_or(0));
        self.spans.push(span);
        for &(node, part) in &self.model.animated {
            let local = scene
                .local_transform(copy.nodes[node as usize])
                .copied()
                .unwrap_or(Transform::IDENTITY);
            self.rest.extend_from_slice(&part.read(&local)[..part.len()]);
        }
        if let Some(palettes) = &mut self.palettes {
            for (skin, id) in self.model.skins.iter().zip(&copy.skins) {
                palettes.push(copy.nodes[skin.node as usize], *id, skin.joints.len());
            }
        }
        self.nodes.extend_from_slice(&copy.nodes);
        self.skin_ids.extend_from_slice(&copy.skins);
        self.anchors.push(copy.anchor);
    }

    /// The number of copies.
    pub fn len(&self) -> usize {
        self.copies.len()
    }

    /// True without copies (never, for a crowd made by [`CrowdPlayer::new`]).
    pub fn is_empty(&self) -> bool {
        self.copies.is_empty()
    }

    /// The copies, in the order they were given.
    pub fn copies(&self) -> &[CrowdCopy] {
        &self.copies
    }

    /// The number of clips every copy has.
    pub fn clip_count(&self) -> usize {
        self.model.clips.len()
    }

    /// The length of clip `clip` (of the model's clips) in seconds.
    pub fn clip_duration(&self, clip: usize) -> Option<f32> {
        self.model.clips.get(clip).map(|c| c.duration)
    }

    /// Whether the crowd poses `copy` (not once [released](Self::release), or once its
    /// nodes no longer have the model's hierarchy).
    pub fn is_posing(&self, copy: usize) -> bool {
        self.posing.get(copy).copied().unwrap_or(false)
    }

    /// Plays clip `clip` (an index into the copies' [`CrowdCopy::clips`]) on `copy`
    /// from its start (its end when the speed is negative), as
    /// [`AnimationPlayer::play`] does. An unknown copy or clip is ignored with a
    /// warning.
    pub fn play(&mut self, copy: usize, clip: usize) {
        let (Some(c), Some(duration)) = (
            self.clip.get_mut(copy),
            self.model.clips.get(clip).map(|c| c.duration),
        ) else {
            log::warn!("crowd: no copy {copy} or clip {clip}");
            return;
        };
        *c = clip as u32;
        let start = if self.speed[copy] < 0.0 { duration } else { 0.0 };
        let forwards = self.speed[copy] >= 0.0;
        self.set_time(copy, start, forwards);
        self.cursors[copy * self.groups..(copy + 1) * self.groups].fill(0);
    }

    /// The clip `copy` plays, if any.
    pub fn current_clip(&self, copy: usize) -> Option<usize> {
        self.clip
            .get(copy)
            .filter(|&&c| c != NO_CLIP)
            .map(|&c| c as usize)
    }

    /// Seconds into the clip of `copy` (0 when nothing plays).
    pub fn time(&self, copy: usize) -> f32 {
        self.time.get(copy).copied().unwrap_or(0.0)
    }

    /// Moves `copy` to `seconds` into its clip, as [`AnimationPlayer::seek`] does.
    pub fn seek(&mut self, copy: usize, seconds: f32) {
        if copy < self.len() {
            let forwards = self.speed[copy] >= 0.0;
            self.set_time(copy, seconds, forwards);
        }
    }

    /// Sets how fast time runs for `copy`, as [`AnimationPlayer::set_speed`] does.
    pub fn set_speed(&mut self, copy: usize, speed: f32) {
        match self.speed.get_mut(copy) {
            Some(s) if speed.is_finite() => *s = speed,
            _ => log::warn!("crowd: speed {speed} of copy {copy} ignored"),
        }
    }

    /// Sets whether the clip of `copy` repeats or plays once.
    pub fn set_looping(&mut self, copy: usize, looping: Looping) {
        if copy < self.len() {
            self.looping[copy] = looping;
            let (time, forwards) = (self.time[copy], self.speed[copy] >= 0.0);
            self.set_time(copy, time, forwards);
        }
    }

    /// Stops or restarts time for `copy`.
    pub fn set_paused(&mut self, copy: usize, paused: bool) {
        if let Some(p) = self.paused.get_mut(copy) {
            *p = paused;
        }
    }

    /// True when `copy` plays [`Looping::Once`] and has reached its end.
    pub fn is_finished(&self, copy: usize) -> bool {
        self.finished.get(copy).copied().unwrap_or(false)
    }

    /// Moves every copy's time on by `dt` seconds times its speed (not while paused),
    /// as [`AnimationPlayer::advance`] does.
    pub fn advance(&mut self, dt: f32) {
        if !dt.is_finite() {
            return;
        }
        for copy in 0..self.len() {
            if self.paused[copy] || self.clip[copy] == NO_CLIP {
                continue;
            }
            let step = dt * self.speed[copy];
            let time = self.time[copy] + step;
            self.set_time(copy, time, step >= 0.0);
        }
    }

    /// The layer rule of a player: wrapped into the clip when repeating, clamped (and
    /// finished at the end it runs to) when once.
    fn set_time(&mut self, copy: usize, seconds: f32, forwards: bool) {
        let Some(duration) = self.current_clip(copy).and_then(|c| self.clip_duration(c)) else {
            self.time[copy] = seconds;
            return;
        };
        match self.looping[copy] {
            Looping::Repeat => {
                self.time[copy] = wrap(seconds, duration);
                self.finished[copy] = false;
            }
            Looping::Once => {
                let time = seconds.clamp(0.0, duration);
                self.time[copy] = time;
                self.finished[copy] = if forwards { time >= duration } else { time <= 0.0 };
            }
        }
    }

    /// The joint matrices of skin `skin` (in the model's order of skinned nodes) of
    /// `copy` as last posed into `scene`; empty for an unknown copy or skin, or before
    /// the first [`pose`](Self::pose).
    pub fn joint_matrices<'a>(&'a self, scene: &'a Scene, copy: usize, skin: usize) -> &'a [Mat4] {
        let per_copy = self.model.skins.len();
        let palettes = match &self.palettes {
            Some(p) => Some(p),
            None => self.palettes_id.and_then(|id| scene.joint_palettes(id)),
        };
        match palettes {
            Some(palettes) if skin < per_copy && copy < self.len() => {
                palettes.palette(copy * per_copy + skin)
            }
            _ => &[],
        }
    }

    /// The nodes of `copy` in the model's order (parents first).
    pub fn copy_nodes(&self, copy: usize) -> &[NodeId] {
        let n = self.model.node_count();
        self.nodes.get(copy * n..(copy + 1) * n).unwrap_or(&[])
    }

    /// Stops posing `copy` and hands it to a new [`AnimationPlayer`] playing the same
    /// clip at the same time, speed and looping (paused if it was): for what a crowd
    /// does not do, such as cross-fades and layers. The player's rest pose is the pose
    /// the copy shows now. `None` for an unknown copy or one released already.
    pub fn release(&mut self, scene: &Scene, copy: usize) -> Option<AnimationPlayer> {
        if !self.is_posing(copy) {
            return None;
        }
        self.stop_posing(copy);
        let clips = self.copies[copy].clips.clone();
        let mut player = AnimationPlayer::with_clips(scene, clips.iter().copied());
        player.set_speed(self.speed[copy]);
        player.set_looping(self.looping[copy]);
        if let Some(clip) = self.current_clip(copy).and_then(|c| clips.get(c)) {
            player.play(*clip);
            player.seek(self.time[copy]);
        }
        if self.paused[copy] {
            player.pause();
        }
        Some(player)
    }

    /// Stops posing `copy`; its palettes are retired at the next [`pose`](Self::pose)
    /// (until then they hold, as nothing moved it since).
    fn stop_posing(&mut self, copy: usize) {
        self.posing[copy] = false;
    }

    /// Poses every copy the crowd poses into `scene` (the scene it was made for):
    /// samples each copy's clip at its time, works out local transforms, world matrices
    /// and joint matrices (in parallel over runs of copies), and writes the local
    /// transforms and world matrices of the copies' nodes into the scene — current at
    /// once, with nothing left for [`Scene::update_transforms`] — and hands the scene
    /// the joint matrices, which [`Scene::joint_matrices_into`] returns until a
    /// transform changes. Nodes a copy's clips do not drive keep their local transforms
    /// (their world matrices follow their parents). A copy whose nodes no longer have the
    /// model's hierarchy (a node removed, added or moved) is no longer posed, with a
    /// warning.
    pub fn pose(&mut self, scene: &mut Scene) {
        if scene.hierarchy_revision() != self.revision {
            self.recheck(scene);
        }
        let mut palettes = match self.palettes.take() {
            Some(p) => p,
            None => self
                .palettes_id
                .and_then(|id| scene.take_joint_palettes(id).ok())
                .unwrap_or_else(|| self.fresh_palettes()),
        };
        let per_copy = self.model.skins.len();
        for copy in (0..self.len()).filter(|&c| !self.posing[c]) {
            for s in 0..per_copy {
                palettes.retire(copy * per_copy + s);
            }
        }
        let state = CopyState {
            model: &self.model,
            nodes: &self.nodes,
            anchors: &self.anchors,
            clip: &self.clip,
            time: &self.time,
            posing: &self.posing,
            rest: &self.rest,
            groups: self.groups,
        };
        if self.in_place {
            {
                let scene: &Scene = scene;
                self.anchor_worlds
                    .par_iter_mut()
                    .zip(&self.anchors)
                    .for_each(|(world, anchor)| {
                        *world = anchor
                            .and_then(|a| scene.world_matrix(a))
                            .unwrap_or(Mat4::IDENTITY);
                    });
            }
            crowd_pose::pose_in_place(
                &state,
                &self.spans,
                &self.anchor_worlds,
                &mut self.cursors,
                palettes.matrices_mut(),
                scene,
            );
        } else {
            crowd_pose::evaluate(
                &state,
                scene,
                &mut self.cursors,
                &mut self.locals,
                &mut self.worlds,
                palettes.matrices_mut(),
            );
            crowd_pose::write(&state, &self.spans, &self.locals, &self.worlds, scene);
        }
        let id = match self.palettes_id {
            Some(id) if scene.joint_palettes_held(id) => id,
            // Not handed over yet, or the scene is another one.
            _ => {
                let id = scene.add_joint_palettes(JointPalettes::new());
                self.palettes_id = Some(id);
                id
            }
        };
        if let Err(e) = scene.put_joint_palettes(id, palettes) {
            log::warn!("crowd: the joint matrices stay with the crowd: {e}");
            self.palettes_id = None;
        }
    }

    /// A set of palettes (identity matrices) for the copies posed.
    fn fresh_palettes(&self) -> JointPalettes {
        let mut palettes = JointPalettes::new();
        let n = self.model.node_count();
        let per_copy = self.model.skins.len();
        for copy in 0..self.len() {
            for (s, skin) in self.model.skins.iter().enumerate() {
                let node = self.nodes[copy * n + skin.node as usize];
                let id = palettes.push(node, self.skin_ids[copy * per_copy + s], skin.joints.len());
                if !self.posing[copy] {
                    palettes.retire(id);
                }
            }
        }
        palettes
    }

    /// Checks every copy posed against the model's hierarchy after the scene's changed.
    fn recheck(&mut self, scene: &Scene) {
        let n = self.model.node_count();
        for copy in 0..self.len() {
            if !self.posing[copy] {
                continue;
            }
            let nodes = &self.nodes[copy * n..(copy + 1) * n];
            if let Err(reason) = self.model.check_hierarchy(scene, nodes, self.anchors[copy]) {
                log::warn!("crowd: copy {copy} is no longer posed: {reason}");
                self.stop_posing(copy);
            }
        }
        self.revision = scene.hierarchy_revision();
    }
}

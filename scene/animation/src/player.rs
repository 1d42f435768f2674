//! The animation player an app drives: which clips play (layers with weights), where in
//! them, how fast, whether they loop, cross-fades between them; and posing the scene.

use crate::binding::{BoundClip, Slots, bind_clip};
use crate::keyframes::ClipCache;
use crate::layer::{Layer, LayerId, Looping};
use crate::pose::Pose;
use museion_scene::{Scene, TransformWriter};
use std::collections::HashMap;

/// Plays a scene's animation clips onto its nodes, morph weights and
/// `KHR_animation_pointer` targets.
///
/// A player holds *layers*, each one clip of [`Scene::animations`] with its own time and
/// weight; clips of different lengths loop each on their own. [`play`](Self::play)
/// replaces all layers with one, [`cross_fade`](Self::cross_fade) ramps the present
/// layers out and a new one in, [`add_layer`](Self::add_layer) plays more clips at once.
/// Where the weights on a property sum to less than one, the rest pose (the property's
/// value when the player was created, or when it first met the clip) fills the
/// remainder; where they sum to more, the blend is normalised. Rotations blend as a
/// normalised weighted sum of sign-aligned quaternions.
///
/// A player resolves a clip once (at creation, or when it first plays it): it finds the
/// properties the channels drive and copies the keyframes (or shares them, see
/// [`with_clip_cache`](Self::with_clip_cache)), so later edits of [`Scene::animations`]
/// do not reach it.
///
/// [`advance`](Self::advance) moves time; [`apply`](Self::apply) writes the pose. The
/// pose depends only on the layers' clips, times and weights, never on the frames before
/// (seeking to a time gives the pose that playing up to it gives). A player writes only
/// the properties of the clips it plays, and only those whose value changed since it last
/// wrote them, so static parts stay clean and several players can drive separate models
/// of one scene; a property no layer drives any more is set back to its rest value once.
#[derive(Clone, Debug)]
pub struct AnimationPlayer {
    /// How many animations the scene had when the player was created.
    clip_count: usize,
    slots: Slots,
    clips: Vec<BoundClip>,
    /// Animation index → index into `clips`.
    bound: HashMap<usize, usize>,
    /// The player's own keyframe copies, shared among its clips: those of its creation by
    /// [`with_clips`](Self::with_clips), and those of clips resolved later.
    cache: ClipCache,
    pub(crate) layers: Vec<Layer>,
    next_layer: u32,
    pub(crate) current: Option<LayerId>,
    paused: bool,
    pub(crate) speed: f32,
    looping: Looping,
    pose: Pose,
}

impl AnimationPlayer {
    /// A player for every animation of `scene`, capturing the rest pose of every property
    /// they animate. Nothing plays until [`play`](Self::play).
    ///
    /// This resolves every channel of every clip: for a scene holding many copies of a
    /// model, make one player per copy with [`with_clips`](Self::with_clips) or
    /// [`with_clip_cache`](Self::with_clip_cache) instead.
    pub fn new(scene: &Scene) -> Self {
        Self::with_clips(scene, 0..scene.animations.len())
    }

    /// A player that resolves only `clips` now, capturing the rest pose of what they
    /// animate. It can still play any clip of the scene: a clip met later is resolved at
    /// the next [`apply`](Self::apply), with the rest pose of properties new to the
    /// player read from the scene then.
    pub fn with_clips(scene: &Scene, clips: impl IntoIterator<Item = usize>) -> Self {
        let mut cache = ClipCache::new();
        let mut player = Self::with_clip_cache(scene, clips, &mut cache);
        player.cache = cache;
        player
    }

    /// [`with_clips`](Self::with_clips), sharing keyframes through `cache` with the other
    /// players made with it: for many copies of a model, each with its own player, whose
    /// clips are copies of the same keyframes.
    pub fn with_clip_cache(
        scene: &Scene,
        clips: impl IntoIterator<Item = usize>,
        cache: &mut ClipCache,
    ) -> Self {
        let mut player = Self {
            clip_count: scene.animations.len(),
            slots: Slots::default(),
            clips: Vec::new(),
            bound: HashMap::new(),
            cache: ClipCache::new(),
            layers: Vec::new(),
            next_layer: 0,
            current: None,
            paused: false,
            speed: 1.0,
            looping: Looping::Repeat,
            pose: Pose::default(),
        };
        for clip in clips {
            if player.bind(scene, clip, cache).is_none() {
                log::warn!("the scene has no animation {clip} to play");
            }
        }
        player.pose.grow(&player.slots);
        player
    }

    /// Resolves `clip` if it is not yet; its index in `clips`.
    fn bind(&mut self, scene: &Scene, clip: usize, cache: &mut ClipCache) -> Option<usize> {
        if let Some(&b) = self.bound.get(&clip) {
            return Some(b);
        }
        let bound = bind_clip(scene, clip, &mut self.slots, cache)?;
        self.clips.push(bound);
        self.bound.insert(clip, self.clips.len() - 1);
        Some(self.clips.len() - 1)
    }

    pub(crate) fn duration_of(&self, layer: &Layer) -> Option<f32> {
        layer.bound.map(|b| self.clips[b].duration)
    }

    pub(crate) fn known_clip(&self, clip: usize) -> bool {
        let known = clip < self.clip_count;
        if !known {
            log::warn!("no clip {clip}: the scene had {} animations", self.clip_count);
        }
        known
    }

    /// A new layer of `clip` at `weight`, at the start (at the end when playing
    /// backwards).
    pub(crate) fn push_layer(&mut self, clip: usize, weight: f32) -> LayerId {
        let id = LayerId(self.next_layer);
        self.next_layer = self.next_layer.wrapping_add(1);
        let mut layer = Layer::new(id, clip, weight, self.looping);
        layer.bound = self.bound.get(&clip).copied();
        let start = if self.speed < 0.0 {
            self.duration_of(&layer).unwrap_or(0.0)
        } else {
            0.0
        };
        layer.set_time(start, self.duration_of(&layer), self.speed >= 0.0);
        self.layers.push(layer);
        id
    }

    pub(crate) fn layer(&self, id: LayerId) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }

    pub(crate) fn layer_mut(&mut self, id: LayerId) -> Option<&mut Layer> {
        self.layers.iter_mut().find(|l| l.id == id)
    }

    pub(crate) fn current_layer_ref(&self) -> Option<&Layer> {
        self.current.and_then(|id| self.layer(id))
    }

    /// Plays `clip` (an index into [`Scene::animations`]) from its start, alone, at full
    /// weight; every other layer stops. An index the scene did not have is ignored with
    /// a warning.
    pub fn play(&mut self, clip: usize) {
        if !self.known_clip(clip) {
            return;
        }
        self.layers.clear();
        self.current = Some(self.push_layer(clip, 1.0));
    }

    /// Starts `clip` from its start and blends to it over `seconds` (of player time): the
    /// new layer's weight ramps from 0 to 1 while every present layer's ramps from where
    /// it is to 0, after which they are removed. With nothing playing, the clip fades in
    /// from the rest pose; with `seconds` not above zero this is [`play`](Self::play).
    pub fn cross_fade(&mut self, clip: usize, seconds: f32) {
        if !self.known_clip(clip) {
            return;
        }
        if seconds.is_nan() || seconds <= 0.0 {
            self.play(clip);
            return;
        }
        for layer in &mut self.layers {
            layer.fade_to(0.0, seconds);
        }
        let id = self.push_layer(clip, 0.0);
        if let Some(layer) = self.layer_mut(id) {
            layer.fade_to(1.0, seconds);
        }
        self.current = Some(id);
    }

    /// The layer of the current clip: the last one played or cross-faded to.
    pub fn current_layer(&self) -> Option<LayerId> {
        self.current_layer_ref().map(|l| l.id)
    }

    /// The current clip (the last one played or cross-faded to), if any plays.
    pub fn current_clip(&self) -> Option<usize> {
        self.current_layer_ref().map(|l| l.clip)
    }

    /// Seconds into the current clip (0 when nothing plays).
    pub fn time(&self) -> f32 {
        self.current_layer_ref().map_or(0.0, |l| l.time)
    }

    /// The length of the current clip in seconds (the time of its last key), once the
    /// player has resolved it.
    pub fn duration(&self) -> Option<f32> {
        self.current_layer_ref().and_then(|l| self.duration_of(l))
    }

    /// True when the current clip plays [`Looping::Once`] and has reached its end.
    pub fn is_finished(&self) -> bool {
        self.current_layer_ref().is_some_and(|l| l.finished)
    }

    /// Stops time; [`apply`](Self::apply) keeps showing the pose.
    pub fn pause(&mut self) {
        self.paused = true;
    }

    /// Lets time run again after [`pause`](Self::pause).
    pub fn resume(&mut self) {
        self.paused = false;
    }

    /// True while paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Moves every layer to `seconds` into its clip: wrapped into the clip for
    /// [`Looping::Repeat`] (so clips of different lengths land each at its own place),
    /// clamped for [`Looping::Once`]. Weight ramps are not moved. Works while paused.
    pub fn seek(&mut self, seconds: f32) {
        let forwards = self.speed >= 0.0;
        for i in 0..self.layers.len() {
            let duration = self.duration_of(&self.layers[i]);
            self.layers[i].set_time(seconds, duration, forwards);
        }
    }

    /// Sets how fast time runs: 1 is real time, 2 twice as fast, 0 stands still, and a
    /// negative speed plays backwards (a repeating clip wraps from its start to its end,
    /// a `Once` clip stops at its start). Infinite and NaN speeds are ignored with a
    /// warning.
    pub fn set_speed(&mut self, speed: f32) {
        if speed.is_finite() {
            self.speed = speed;
        } else {
            log::warn!("animation speed {speed} ignored");
        }
    }

    /// How fast time runs.
    pub fn speed(&self) -> f32 {
        self.speed
    }

    /// Sets whether clips repeat or play once, for every layer and the layers added
    /// later. A `Once` layer past its end moves to it.
    pub fn set_looping(&mut self, looping: Looping) {
        self.looping = looping;
        let forwards = self.speed >= 0.0;
        for i in 0..self.layers.len() {
            let duration = self.duration_of(&self.layers[i]);
            let layer = &mut self.layers[i];
            layer.looping = looping;
            let time = layer.time;
            layer.set_time(time, duration, forwards);
        }
    }

    /// Whether clips repeat or play once.
    pub fn looping(&self) -> Looping {
        self.looping
    }

    /// Moves time on by `dt` seconds (times the speed) in every layer, and the weight
    /// ramps of cross-fades by `|dt × speed|`; layers that have faded out are removed.
    /// Does nothing while paused, or for a `dt` that is not finite.
    pub fn advance(&mut self, dt: f32) {
        if self.paused || !dt.is_finite() {
            return;
        }
        let step = dt * self.speed;
        let forwards = step >= 0.0;
        for i in 0..self.layers.len() {
            let duration = self.duration_of(&self.layers[i]);
            let layer = &mut self.layers[i];
            let time = layer.time + step;
            layer.set_time(time, duration, forwards);
        }
        let before = self.layers.len();
        self.layers.retain_mut(|layer| !layer.advance_fade(step.abs()));
        if self.layers.len() != before && self.current_layer_ref().is_none() {
            self.current = self.layers.last().map(|l| l.id);
        }
    }

    /// Blends the pose of the present layers and times. Reads `scene` (the scene the
    /// player was made for) only to resolve clips played since the last call; changes
    /// only the player; [`write`](Self::write) puts the pose into the scene. Split from
    /// [`apply`](Self::apply) so that many players can evaluate in parallel
    /// ([`apply_all`](crate::apply_all)).
    pub fn evaluate(&mut self, scene: &Scene) {
        let forwards = self.speed >= 0.0;
        for i in 0..self.layers.len() {
            if self.layers[i].bound.is_some() {
                continue;
            }
            let clip = self.layers[i].clip;
            let mut cache = std::mem::take(&mut self.cache);
            let bound = self.bind(scene, clip, &mut cache);
            self.cache = cache;
            let Some(b) = bound else { continue };
            self.pose.grow(&self.slots);
            let layer = &mut self.layers[i];
            layer.bound = Some(b);
            let time = layer.time;
            layer.set_time(time, Some(self.clips[b].duration), forwards);
        }
        self.pose.evaluate(&self.slots, &self.clips, &mut self.layers);
    }

    /// Writes what changed in the pose last [`evaluate`](Self::evaluate)d into `scene`:
    /// node transforms (marking their subtrees dirty; call
    /// [`Scene::update_transforms`] after), morph weights into [`Node::morph_weights`],
    /// pointer targets through [`Scene::apply_pointer`].
    ///
    /// [`Node::morph_weights`]: museion_scene::Node::morph_weights
    pub fn write(&mut self, scene: &mut Scene) {
        if self.pose.has_changes() {
            self.pose.write(scene, &self.slots);
        }
    }

    /// The node transforms [`write`](Self::write) would set, set for the nodes in
    /// `writer`'s part of the scene (a write split over the parts, finished by
    /// [`finish_split_write`](Self::finish_split_write)); `gone` hears of the player's
    /// node transforms whose node is no longer there.
    pub(crate) fn write_part(&self, writer: &mut TransformWriter<'_>, gone: impl FnMut(usize)) {
        self.pose.write_part(writer, gone);
    }

    /// Ends a write split over the parts of `scene`: warns of the node transforms in
    /// `gone`, and writes what is not a node transform.
    pub(crate) fn finish_split_write(&mut self, scene: &mut Scene, gone: &[usize]) {
        if self.pose.has_changes() {
            self.pose.finish_split_write(scene, &self.slots, gone);
        }
    }

    /// [`evaluate`](Self::evaluate), then [`write`](Self::write): poses `scene` at the
    /// present layers and times.
    pub fn apply(&mut self, scene: &mut Scene) {
        self.evaluate(scene);
        self.write(scene);
    }
}

//! The keyframes a player samples: a clip's samplers, copied when the player resolves
//! the clip, and shared between clips and players whose keyframes are equal.
//!
//! A scene that holds many copies of a model ([`Scene::append_nodes`]) holds as many
//! copies of its clips' keyframes, scattered over memory; players sampling their own
//! copy each frame spend their time waiting for memory. Through a [`ClipCache`] they
//! share one copy, which stays in the processor's caches; so do the clips' resolved
//! shapes (what each channel drives, alike in every copy).
//!
//! [`Scene::append_nodes`]: museion_scene::Scene::append_nodes

use crate::clip_shape::ClipShape;
use museion_scene::{AnimationSampler, Interpolation};
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

/// The samplers of one clip.
pub(crate) type Keyframes = Arc<[AnimationSampler]>;

/// Keyframes shared between the players made with it
/// ([`AnimationPlayer::with_clip_cache`](crate::AnimationPlayer::with_clip_cache)): clips
/// whose samplers hold equal times, values and interpolation share one copy, and clips
/// that resolve alike against their players' properties share one resolved shape.
#[derive(Clone, Debug, Default)]
pub struct ClipCache {
    by_hash: HashMap<u64, Vec<Keyframes>>,
    /// The resolved shapes of the clips (channels, groups, slots), shared alike.
    shapes: HashSet<Arc<ClipShape>>,
}

impl ClipCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many distinct sets of keyframes the cache holds.
    pub fn len(&self) -> usize {
        self.by_hash.values().map(Vec::len).sum()
    }

    /// True when the cache holds no keyframes.
    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }

    /// The cache's copy of `shape`, kept when it has none equal.
    pub(crate) fn share_shape(&mut self, shape: ClipShape) -> Arc<ClipShape> {
        if let Some(found) = self.shapes.get(&shape) {
            return Arc::clone(found);
        }
        let shape = Arc::new(shape);
        self.shapes.insert(Arc::clone(&shape));
        shape
    }

    /// The cache's copy of `samplers`, made when it has none equal.
    pub(crate) fn share(&mut self, samplers: &[AnimationSampler]) -> Keyframes {
        let list = self.by_hash.entry(fingerprint(samplers)).or_default();
        if let Some(found) = list.iter().find(|k| ***k == *samplers) {
            return Arc::clone(found);
        }
        let copy: Keyframes = samplers.into();
        list.push(Arc::clone(&copy));
        copy
    }
}

/// A hash of the samplers' shapes and a few of their numbers: cheap for large clips;
/// equal fingerprints are confirmed by comparing everything.
fn fingerprint(samplers: &[AnimationSampler]) -> u64 {
    let mut h = DefaultHasher::new();
    samplers.len().hash(&mut h);
    let ends = |numbers: &[f32], h: &mut DefaultHasher| {
        numbers.len().hash(h);
        let head = numbers.iter().take(8);
        let tail = numbers.iter().rev().take(8);
        head.chain(tail).for_each(|x| x.to_bits().hash(h));
    };
    for s in samplers {
        ends(&s.times, &mut h);
        ends(&s.values, &mut h);
        let interpolation = match s.interpolation {
            Interpolation::Linear => 0u8,
            Interpolation::Step => 1,
            Interpolation::CubicSpline => 2,
        };
        interpolation.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sampler(values: Vec<f32>) -> AnimationSampler {
        AnimationSampler {
            times: vec![0.0, 1.0],
            values,
            interpolation: Interpolation::Linear,
        }
    }

    #[test]
    fn equal_keyframes_are_shared_and_different_ones_are_not() {
        let mut cache = ClipCache::new();
        let a = cache.share(&[sampler(vec![0.0, 1.0])]);
        let b = cache.share(&[sampler(vec![0.0, 1.0])]);
        // Equal ends, different middles: the same fingerprint, told apart in full.
        let long: Vec<f32> = (0..40).map(|i| i as f32).collect();
        let mut other = long.clone();
        other[20] = -1.0;
        let c = cache.share(&[sampler(long)]);
        let d = cache.share(&[sampler(other)]);
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&c, &d));
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn equal_clip_shapes_are_shared_and_different_ones_are_not() {
        let shape = |slot| ClipShape {
            channels: Vec::new(),
            groups: vec![0],
            slots: vec![crate::clip_shape::SlotLayout {
                slot,
                offset: 0,
                len: 4,
                kind: crate::sample::ValueKind::Rotation,
                has_rest: true,
                trs: Some((0, 1)),
            }],
        };
        let mut cache = ClipCache::new();
        let a = cache.share_shape(shape(3));
        let b = cache.share_shape(shape(3));
        let c = cache.share_shape(shape(4));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(c.slots[0].slot, 4);
    }
}

//! What works on a scene's clips as a whole: finding a clip by name or index, posing a
//! scene at one clip and time, and posing with many players at once.

use crate::error::AnimationError;
use crate::layer::Looping;
use crate::player::AnimationPlayer;
use museion_scene::Scene;
use rayon::prelude::*;

/// The clip `key` names: the first animation of `scene` with that name, else `key` read
/// as a decimal index into [`Scene::animations`]. `None` when neither finds one.
pub fn find_clip(scene: &Scene, key: &str) -> Option<usize> {
    if let Some(index) = scene
        .animations
        .iter()
        .position(|a| a.name.as_deref() == Some(key))
    {
        return Some(index);
    }
    key.trim()
        .parse::<usize>()
        .ok()
        .filter(|&index| index < scene.animations.len())
}

/// Poses `scene` at `seconds` into `clip` (times outside the clip clamp to its ends),
/// then updates its world transforms: one still frame of an animation, as
/// `museion render --animation NAME --time S` takes it. Properties the clip does not
/// drive keep their values.
pub fn pose_at(scene: &mut Scene, clip: usize, seconds: f32) -> Result<(), AnimationError> {
    let count = scene.animations.len();
    if clip >= count {
        return Err(AnimationError::NoSuchClip { clip, count });
    }
    let mut player = AnimationPlayer::with_clips(scene, [clip]);
    player.set_looping(Looping::Once);
    player.play(clip);
    player.seek(seconds);
    player.apply(scene);
    scene.update_transforms();
    Ok(())
}

/// [`AnimationPlayer::apply`] for many players of one scene: they evaluate in parallel
/// (on rayon's pool), then write one after another. Players whose clips drive the same
/// property write it in slice order, the last one winning.
pub fn apply_all(players: &mut [AnimationPlayer], scene: &mut Scene) {
    {
        let scene: &Scene = scene;
        players.par_iter_mut().for_each(|player| player.evaluate(scene));
    }
    for player in players {
        player.write(scene);
    }
}

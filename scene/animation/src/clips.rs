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
/// (on rayon's pool), then write. Node transforms are written in parallel, each thread
/// setting those of its own part of the scene's nodes; the rest is written one player
/// after another. Players whose clips drive the same property write it in slice order,
/// the last one winning.
pub fn apply_all(players: &mut [AnimationPlayer], scene: &mut Scene) {
    {
        let scene: &Scene = scene;
        players.par_iter_mut().for_each(|player| player.evaluate(scene));
    }
    let parts = rayon::current_num_threads();
    if parts < 2 {
        for player in players {
            player.write(scene);
        }
        return;
    }
    // (player, node transform) pairs whose node is gone.
    let mut gone: Vec<(usize, usize)> = Vec::new();
    let shared: &[AnimationPlayer] = players;
    scene.split_transforms(parts, |writers| {
        gone = writers
            .par_iter_mut()
            .map(|writer| {
                let mut gone = Vec::new();
                for (p, player) in shared.iter().enumerate() {
                    player.write_part(writer, |t| gone.push((p, t)));
                }
                gone
            })
            .reduce(Vec::new, |mut a, mut b| {
                a.append(&mut b);
                a
            });
    });
    gone.sort_unstable();
    let mut gone = gone.as_slice();
    let mut mine = Vec::new();
    for (p, player) in players.iter_mut().enumerate() {
        let split = gone.partition_point(|&(q, _)| q == p);
        mine.clear();
        mine.extend(gone[..split].iter().map(|&(_, t)| t));
        gone = &gone[split..];
        player.finish_split_write(scene, &mine);
    }
}

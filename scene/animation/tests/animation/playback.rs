//! The player's clock: looping clips of different lengths, `Once`, pause, seek, speed
//! (backwards too), determinism, finding clips, and writing only what changed.

use crate::support::{local, nodes, ramp};
use museion_animation::{AnimationPlayer, Looping, apply_all, find_clip};
use museion_scene::Scene;
use museion_scene::glam::{Quat, Vec3};

/// The x a `ramp` clip gave `node`: its clip's time.
fn x(scene: &Scene, node: museion_scene::NodeId) -> f32 {
    local(scene, node).translation.x
}

#[test]
fn two_clips_of_different_lengths_loop_each_on_its_own() {
    let (mut scene, n) = nodes(2);
    scene.animations.push(ramp("short", n[0], 1.0));
    scene.animations.push(ramp("long", n[1], 3.0));
    let mut player = AnimationPlayer::new(&scene);
    player.play(0);
    let long = player.add_layer(1, 1.0).unwrap();
    for _ in 0..10 {
        player.advance(0.25);
    }
    player.apply(&mut scene);
    // 2.5 s: the short clip is in its third round, the long one in its first.
    assert!((x(&scene, n[0]) - 0.5).abs() < 1e-5, "{}", x(&scene, n[0]));
    assert!((x(&scene, n[1]) - 2.5).abs() < 1e-5, "{}", x(&scene, n[1]));
    assert!((player.time() - 0.5).abs() < 1e-5);
    assert!((player.layer_time(long).unwrap() - 2.5).abs() < 1e-5);
    assert_eq!(player.current_clip(), Some(0));
    player.advance(1.0);
    assert!((player.layer_time(long).unwrap() - 0.5).abs() < 1e-5);
    assert!(!player.is_finished());
}

#[test]
fn once_stops_at_the_end_and_holds_the_last_pose() {
    let (mut scene, n) = nodes(1);
    scene.animations.push(ramp("once", n[0], 3.0));
    let mut player = AnimationPlayer::new(&scene);
    player.set_looping(Looping::Once);
    player.play(0);
    player.advance(2.0);
    assert!(!player.is_finished());
    player.advance(2.0);
    assert!(player.is_finished());
    assert_eq!(player.time(), 3.0);
    player.advance(5.0);
    player.apply(&mut scene);
    assert_eq!(x(&scene, n[0]), 3.0);
    assert_eq!(player.duration(), Some(3.0));
    // Repeating again from there wraps.
    player.set_looping(Looping::Repeat);
    player.advance(0.5);
    assert!((player.time() - 0.5).abs() < 1e-6);
}

#[test]
fn pause_seek_and_speed_move_time_as_told() {
    let (mut scene, n) = nodes(1);
    scene.animations.push(ramp("ramp", n[0], 3.0));
    let mut player = AnimationPlayer::new(&scene);
    player.play(0);
    player.advance(0.5);
    player.pause();
    assert!(player.is_paused());
    player.advance(1.0);
    assert_eq!(player.time(), 0.5);
    // Seeking works while paused.
    player.seek(1.5);
    player.apply(&mut scene);
    assert_eq!(x(&scene, n[0]), 1.5);
    player.resume();
    assert!(!player.is_paused());
    player.set_speed(2.0);
    player.advance(0.25);
    assert_eq!(player.time(), 2.0);
    // Backwards: 2.0 - 0.5, then across the start to the end.
    player.set_speed(-1.0);
    player.advance(0.5);
    assert_eq!(player.time(), 1.5);
    player.advance(2.0);
    assert!((player.time() - 2.5).abs() < 1e-6, "{}", player.time());
    player.apply(&mut scene);
    assert!((x(&scene, n[0]) - 2.5).abs() < 1e-6);
    // Backwards once stops at the start.
    player.set_looping(Looping::Once);
    player.advance(10.0);
    assert_eq!(player.time(), 0.0);
    assert!(player.is_finished());
    // Infinite speeds are refused; seeking past the end wraps when repeating.
    player.set_speed(f32::INFINITY);
    assert_eq!(player.speed(), -1.0);
    player.set_looping(Looping::Repeat);
    player.seek(7.0);
    assert!((player.time() - 1.0).abs() < 1e-6);
}

#[test]
fn seeking_gives_the_pose_that_playing_up_to_the_time_gives() {
    let (mut scene, n) = nodes(2);
    scene.animations.push(ramp("short", n[0], 0.7));
    scene.animations.push(ramp("long", n[1], 1.3));
    let mut stepped = scene.clone();
    let mut direct = AnimationPlayer::new(&scene);
    let mut played = AnimationPlayer::new(&stepped);
    for player in [&mut direct, &mut played] {
        player.play(0);
        player.add_layer(1, 1.0);
    }
    for _ in 0..230 {
        played.advance(0.01);
        played.apply(&mut stepped);
    }
    direct.seek(2.3);
    direct.apply(&mut scene);
    for &node in &n {
        let (a, b) = (local(&scene, node), local(&stepped, node));
        assert!(a.translation.abs_diff_eq(b.translation, 1e-4), "{a:?} {b:?}");
    }
    // 2.3 s is 3 rounds of 0.7 plus 0.2, and 1 round of 1.3 plus 1.0.
    assert!((x(&scene, n[0]) - 0.2).abs() < 1e-5);
    assert!((x(&scene, n[1]) - 1.0).abs() < 1e-5);
    // Seeking back and forth lands on the same pose again.
    direct.seek(0.1);
    direct.apply(&mut scene);
    direct.seek(2.3);
    direct.apply(&mut scene);
    assert!((x(&scene, n[0]) - 0.2).abs() < 1e-5);
}

#[test]
fn clips_are_found_by_name_or_decimal_index() {
    let (mut scene, n) = nodes(1);
    scene.animations.push(ramp("Walk", n[0], 1.0));
    scene.animations.push(ramp("0", n[0], 1.0));
    scene.animations.push(ramp("Run", n[0], 1.0));
    assert_eq!(find_clip(&scene, "Run"), Some(2));
    assert_eq!(find_clip(&scene, "Walk"), Some(0));
    // A name wins over an index.
    assert_eq!(find_clip(&scene, "0"), Some(1));
    assert_eq!(find_clip(&scene, "2"), Some(2));
    assert_eq!(find_clip(&scene, "3"), None);
    assert_eq!(find_clip(&scene, "Fly"), None);
    assert_eq!(find_clip(&scene, "-1"), None);
}

#[test]
fn only_changed_properties_are_written_so_static_parts_stay_clean() {
    let (mut scene, n) = nodes(2);
    scene.animations.push(ramp("moving", n[0], 1.0));
    // A clip that holds n1 still (a single key).
    scene
        .animations
        .push(crate::support::hold("still", n[1], Vec3::Y, Quat::IDENTITY));
    let mut player = AnimationPlayer::new(&scene);
    player.play(1);
    player.apply(&mut scene);
    assert!(scene.transforms_dirty(), "the first pose is written");
    scene.update_transforms();
    player.advance(0.3);
    player.apply(&mut scene);
    assert!(!scene.transforms_dirty(), "the held pose is not written again");
    // Two players drive two nodes; each writes only its own.
    let mut moving = AnimationPlayer::with_clips(&scene, [0]);
    moving.play(0);
    let mut players = [moving, player];
    players[0].advance(0.5);
    apply_all(&mut players, &mut scene);
    assert_eq!(x(&scene, n[0]), 0.5);
    assert_eq!(local(&scene, n[1]).translation.y, 1.0);
    // Playing nothing puts what was driven back to rest.
    players[0].play(1);
    players[0].apply(&mut scene);
    assert_eq!(x(&scene, n[0]), 0.0);
}

#[test]
fn copies_of_a_model_share_their_keyframes_and_each_poses_its_own_nodes() {
    let (mut model, n) = nodes(1);
    model.animations.push(ramp("ramp", n[0], 2.0));
    let mut scene = Scene::new();
    let offsets = scene.append_assets(&model);
    let mut cache = museion_animation::ClipCache::new();
    let mut copies = Vec::new();
    for copy in 0..3 {
        let roots = scene.append_nodes(&model, None, offsets).unwrap();
        let mut player = AnimationPlayer::with_clip_cache(&scene, [copy], &mut cache);
        player.play(copy);
        player.seek(0.5 * copy as f32);
        copies.push((roots[0], player));
    }
    assert_eq!(cache.len(), 1, "three copies of one clip are kept once");
    let (roots, mut players): (Vec<_>, Vec<_>) = copies.into_iter().unzip();
    apply_all(&mut players, &mut scene);
    for (copy, root) in roots.iter().enumerate() {
        assert_eq!(x(&scene, *root), 0.5 * copy as f32);
    }
    // A player keeps the keyframes it was made with.
    scene.animations[0].samplers[0].values[3] = 100.0;
    players[0].seek(1.0);
    players[0].apply(&mut scene);
    assert_eq!(x(&scene, roots[0]), 1.0);
}

#[test]
fn changes_of_two_evaluations_are_all_written_and_players_share_a_node_by_parts() {
    let (mut scene, n) = nodes(1);
    scene.animations.push(ramp("slide", n[0], 2.0));
    // A quarter turn about y in the first second, held after it.
    let turned = Quat::from_rotation_y(std::f32::consts::FRAC_PI_2);
    let turn = crate::support::clip(
        "turn",
        &[(n[0], museion_scene::AnimationProperty::Rotation)],
        vec![crate::support::sampler(
            museion_scene::Interpolation::Linear,
            &[0.0, 1.0],
            &[Quat::IDENTITY.to_array(), turned.to_array()].concat(),
        )],
    );
    scene.animations.push(turn);
    let mut both = scene.clone();

    // One player of both clips, evaluated twice before a write: the rotation changed
    // only in the first evaluation, and is written all the same.
    let mut player = AnimationPlayer::new(&scene);
    player.set_looping(Looping::Once);
    player.play(0);
    player.add_layer(1, 1.0).unwrap();
    player.seek(1.5);
    player.evaluate(&scene);
    player.seek(1.8);
    player.evaluate(&scene);
    assert_eq!(x(&scene, n[0]), 0.0, "nothing is written before the write");
    player.write(&mut scene);
    assert!((x(&scene, n[0]) - 1.8).abs() < 1e-6);
    assert!(local(&scene, n[0]).rotation.abs_diff_eq(turned, 1e-6));

    // Two players, one driving the translation, the other the rotation of one node.
    let mut slide = AnimationPlayer::with_clips(&both, [0]);
    let mut spin = AnimationPlayer::with_clips(&both, [1]);
    slide.play(0);
    spin.play(1);
    let mut players = [slide, spin];
    for player in &mut players {
        player.advance(0.5);
    }
    apply_all(&mut players, &mut both);
    let half = Quat::IDENTITY.slerp(turned, 0.5);
    assert!((x(&both, n[0]) - 0.5).abs() < 1e-6);
    assert!(local(&both, n[0]).rotation.abs_diff_eq(half, 1e-5));
    players[0].advance(0.25);
    apply_all(&mut players, &mut both);
    assert!((x(&both, n[0]) - 0.75).abs() < 1e-6);
    assert!(
        local(&both, n[0]).rotation.abs_diff_eq(half, 1e-5),
        "the rotation stays"
    );
}

#[test]
fn posing_many_players_at_once_equals_posing_them_one_by_one() {
    // Copies of a model: a node turning and sliding, with a child, so that the scene's
    // parts cut between copies and within them.
    let (mut model, n) = nodes(1);
    let child = model
        .add_node(museion_scene::Node::new().with_name("child"), Some(n[0]))
        .unwrap();
    model.animations.push(ramp("slide", n[0], 2.0));
    model.animations.push(ramp("child", child, 3.0));
    let mut scene = Scene::new();
    let offsets = scene.append_assets(&model);
    let mut cache = museion_animation::ClipCache::new();
    let mut players = Vec::new();
    let mut roots = Vec::new();
    for copy in 0..40 {
        let first = scene.animations.len();
        roots.push(scene.append_nodes(&model, None, offsets).unwrap()[0]);
        let mut player = AnimationPlayer::with_clip_cache(&scene, [first, first + 1], &mut cache);
        player.play(first);
        player.add_layer(first + 1, 1.0).unwrap();
        player.seek(0.05 * copy as f32);
        players.push(player);
    }
    // A copy whose nodes are gone: its player warns and the others carry on.
    scene.remove_node(roots[7]).unwrap();
    let mut one_by_one = (scene.clone(), players.clone());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
    for frame in 0..3 {
        for player in players.iter_mut().chain(&mut one_by_one.1) {
            player.advance(0.1 * frame as f32);
        }
        pool.install(|| apply_all(&mut players, &mut scene));
        for player in &mut one_by_one.1 {
            player.apply(&mut one_by_one.0);
        }
        assert!(scene.transforms_dirty());
        for (id, _) in one_by_one.0.nodes() {
            assert_eq!(scene.local_transform(id), one_by_one.0.local_transform(id));
            assert_eq!(scene.world_matrix(id), one_by_one.0.world_matrix(id));
        }
        scene.update_transforms();
        one_by_one.0.update_transforms();
    }
    assert!(x(&scene, roots[39]) > 0.0);
}

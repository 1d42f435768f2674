//! The crowd player against the players it stands in for: copies of the Fox posed both
//! ways give the same world and joint matrices; copies a crowd cannot play are left to
//! players; a released copy cross-fades as a player does; a changed hierarchy stops the
//! copies it reaches.

use crate::support::{clip, nodes, sampler};
use museion_animation::{AnimationPlayer, CrowdCopy, CrowdPlayer, Looping};
use museion_scene::glam::{Mat4, Quat, Vec3};
use museion_scene::{AnimationProperty, Interpolation, Node, NodeId, Scene, Transform};

/// `count` Foxes, each under a placement node of its own, with its own clips.
fn foxes(count: usize) -> (Scene, Vec<CrowdCopy>) {
    let fox = museion_gltf::import(museion_testkit::shared_model("Fox/Fox.glb"))
        .expect("the Fox imports")
        .scene;
    let mut scene = Scene::new();
    let offsets = scene.append_assets(&fox);
    let mut copies = Vec::new();
    for i in 0..count {
        let place = Node::new().with_transform(Transform {
            translation: Vec3::new(i as f32 * 3.0, 0.0, (i % 3) as f32),
            rotation: Quat::from_rotation_y(i as f32),
            scale: Vec3::splat(0.01 + i as f32 * 0.001),
        });
        let place = scene.add_node(place, None).unwrap();
        let first = scene.animations.len();
        let roots = scene.append_nodes(&fox, Some(place), offsets).unwrap();
        copies.push(CrowdCopy {
            roots,
            clips: (first..scene.animations.len()).collect(),
        });
    }
    scene.update_transforms();
    (scene, copies)
}

/// True when `a` and `b` agree within `tolerance` relative to their size (at least 1).
fn close(a: &Mat4, b: &Mat4, tolerance: f32) -> bool {
    let scale = a.to_cols_array().iter().fold(1.0f32, |m, x| m.max(x.abs()));
    a.to_cols_array()
        .iter()
        .zip(b.to_cols_array())
        .all(|(x, y)| (x - y).abs() <= tolerance * scale)
}

/// Every node's world matrix and every skinned node's joint matrices in both scenes agree.
fn assert_same_pose(players: &Scene, crowd: &Scene, what: &str) {
    let mut checked = 0;
    for ((id, node), (other, _)) in players.nodes().zip(crowd.nodes()) {
        assert_eq!(id, other);
        let (a, b) = (players.world_matrix(id).unwrap(), crowd.world_matrix(id).unwrap());
        assert!(close(&a, &b, 1e-5), "{what}: world of {id}: {a} vs {b}");
        if node.skin.is_some() {
            let (a, b) = (
                players.joint_matrices(id).unwrap(),
                crowd.joint_matrices(id).unwrap(),
            );
            assert_eq!(a.len(), b.len());
            for (j, (a, b)) in a.iter().zip(&b).enumerate() {
                assert!(close(a, b, 1e-5), "{what}: joint {j} of {id}: {a} vs {b}");
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "{what}: no skinned node compared");
}

#[test]
fn a_crowd_of_foxes_poses_as_their_players_do() {
    let (mut by_players, copies) = foxes(12);
    let mut by_crowd = by_players.clone();
    let mut players: Vec<AnimationPlayer> = copies
        .iter()
        .map(|c| AnimationPlayer::with_clips(&by_players, c.clips.iter().copied()))
        .collect();
    let mut crowd = CrowdPlayer::new(&by_crowd, &copies).unwrap();
    assert_eq!((crowd.len(), crowd.clip_count()), (12, 3));
    // Each copy its own clip, phase and speed: backwards, paused and once among them.
    for (k, (player, copy)) in players.iter_mut().zip(&copies).enumerate() {
        let clip = k % 3;
        let speed = [1.0, 1.7, -0.6, 0.0][k % 4];
        let looping = if k % 5 == 4 {
            Looping::Once
        } else {
            Looping::Repeat
        };
        player.set_speed(speed);
        player.set_looping(looping);
        player.play(copy.clips[clip]);
        player.seek(k as f32 * 0.37);
        crowd.set_speed(k, speed);
        crowd.set_looping(k, looping);
        crowd.play(k, clip);
        crowd.seek(k, k as f32 * 0.37);
        if k == 7 {
            player.pause();
            crowd.set_paused(k, true);
        }
    }
    for (frame, dt) in [0.0, 1.0 / 60.0, 0.25, 1.3, 0.011, 2.9].into_iter().enumerate() {
        for player in &mut players {
            player.advance(dt);
            player.apply(&mut by_players);
        }
        by_players.update_transforms();
        crowd.advance(dt);
        crowd.pose(&mut by_crowd);
        assert!(!by_crowd.transforms_dirty(), "the crowd leaves nothing to update");
        for (k, player) in players.iter().enumerate() {
            assert!((player.time() - crowd.time(k)).abs() < 1e-6, "time of copy {k}");
        }
        assert_same_pose(&by_players, &by_crowd, &format!("frame {frame}"));
        // The joint matrices the scene gives are the crowd's own.
        let skinned = by_crowd
            .nodes()
            .find(|(_, n)| n.skin.is_some())
            .map(|(id, _)| id)
            .unwrap();
        assert_eq!(
            by_crowd.joint_matrices(skinned).unwrap(),
            crowd.joint_matrices(&by_crowd, 0, 0)
        );
    }
    // Local transforms read back as the players wrote them.
    for (id, _) in by_players.nodes() {
        let (ours, theirs) = (
            by_players.local_transform(id).unwrap(),
            by_crowd.local_transform(id).unwrap(),
        );
        assert!(ours.translation.abs_diff_eq(theirs.translation, 1e-4));
        assert!(ours.rotation.abs_diff_eq(theirs.rotation, 1e-5));
    }
}

#[test]
fn moving_a_node_after_posing_is_seen_by_world_and_joint_matrices() {
    let (mut scene, copies) = foxes(2);
    let mut crowd = CrowdPlayer::new(&scene, &copies).unwrap();
    crowd.play(1, 1);
    crowd.advance(0.4);
    crowd.pose(&mut scene);
    let skinned: Vec<NodeId> = scene
        .nodes()
        .filter(|(_, n)| n.skin.is_some())
        .map(|(id, _)| id)
        .collect();
    let before = scene.joint_matrices(skinned[1]).unwrap();
    assert_eq!(before, crowd.joint_matrices(&scene, 1, 0));
    // A joint moved by hand: the palette no longer holds, the scene composes anew.
    let joint = crowd.copy_nodes(1)[3];
    scene
        .edit_transform(joint, |t| t.translation += Vec3::new(0.0, 5.0, 0.0))
        .unwrap();
    let after = scene.joint_matrices(skinned[1]).unwrap();
    assert_ne!(after, before);
    scene.update_transforms();
    assert_eq!(scene.joint_matrices(skinned[1]).unwrap(), after);
    // Moving the placement node moves the next pose with it.
    let place = scene.node(copies[0].roots[0]).unwrap().parent().unwrap();
    scene
        .set_transform(place, Transform::from_translation(Vec3::new(100.0, 0.0, 0.0)))
        .unwrap();
    crowd.pose(&mut scene);
    let root = scene.world_matrix(copies[0].roots[0]).unwrap();
    let expected =
        scene.world_matrix(place).unwrap() * scene.local_transform(copies[0].roots[0]).unwrap().matrix();
    assert!(close(&root, &expected, 1e-6));
}

#[test]
fn a_released_copy_cross_fades_as_a_player_does() {
    let (mut by_players, copies) = foxes(3);
    let mut by_crowd = by_players.clone();
    let mut player = AnimationPlayer::with_clips(&by_players, copies[2].clips.iter().copied());
    player.play(copies[2].clips[0]);
    player.seek(0.5);
    let mut crowd = CrowdPlayer::new(&by_crowd, &copies).unwrap();
    crowd.play(2, 0);
    crowd.seek(2, 0.5);
    player.apply(&mut by_players);
    crowd.pose(&mut by_crowd);
    let mut released = crowd.release(&by_crowd, 2).unwrap();
    assert!(!crowd.is_posing(2) && crowd.release(&by_crowd, 2).is_none());
    for p in [&mut player, &mut released] {
        p.cross_fade(copies[2].clips[1], 0.5);
    }
    for _ in 0..5 {
        player.advance(0.1);
        player.apply(&mut by_players);
        by_players.update_transforms();
        released.advance(0.1);
        released.apply(&mut by_crowd);
        crowd.advance(0.1);
        crowd.pose(&mut by_crowd);
        by_crowd.update_transforms();
        for &id in &copies[2].roots {
            for node in by_players.descendants(id).collect::<Vec<_>>() {
                let (a, b) = (
                    by_players.world_matrix(node).unwrap(),
                    by_crowd.world_matrix(node).unwrap(),
                );
                assert!(close(&a, &b, 1e-5), "{node}: {a} vs {b}");
            }
        }
    }
    // The crowd's palettes no longer speak for the released copy.
    let skinned = by_crowd
        .descendants(copies[2].roots[0])
        .find(|id| by_crowd.node(*id).unwrap().skin.is_some());
    if let Some(node) = skinned {
        let composed = by_players.joint_matrices(node).unwrap();
        let served = by_crowd.joint_matrices(node).unwrap();
        for (a, b) in composed.iter().zip(&served) {
            assert!(close(a, b, 1e-5));
        }
    }
}

#[test]
fn copies_a_crowd_cannot_play_are_left_to_players() {
    let (mut scene, mut copies) = foxes(3);
    // A node with a morph-weights clip, twice: a model a crowd does not play.
    for _ in 0..2 {
        let node = scene.add_node(Node::new(), None).unwrap();
        scene.animations.push(clip(
            "weights",
            &[(node, AnimationProperty::MorphWeights)],
            vec![sampler(Interpolation::Linear, &[0.0, 1.0], &[0.0, 1.0])],
        ));
        copies.push(CrowdCopy {
            roots: vec![node],
            clips: vec![scene.animations.len() - 1],
        });
    }
    // A lone node sliding: a model of one copy.
    let (mut lone, ids) = nodes(1);
    lone.animations.push(clip(
        "slide",
        &[(ids[0], AnimationProperty::Translation)],
        vec![sampler(
            Interpolation::Linear,
            &[0.0, 1.0],
            &[0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        )],
    ));
    let offsets = scene.append_assets(&lone);
    let first = scene.animations.len();
    let roots = scene.append_nodes(&lone, None, offsets).unwrap();
    copies.push(CrowdCopy {
        roots,
        clips: vec![first],
    });
    let groups = CrowdPlayer::group(&scene, &copies, 2);
    assert_eq!(groups.crowds.len(), 1);
    assert_eq!(groups.crowds[0].1, vec![0, 1, 2]);
    assert_eq!(groups.others, vec![3, 4, 5]);
    assert!(matches!(
        CrowdPlayer::new(&scene, &copies[2..]),
        Err(museion_animation::AnimationError::NotACrowd { copy: 1, .. })
    ));
    assert!(CrowdPlayer::new(&scene, &[]).is_err());
}

#[test]
fn a_copy_whose_hierarchy_changed_is_no_longer_posed() {
    let (mut scene, copies) = foxes(2);
    let mut crowd = CrowdPlayer::new(&scene, &copies).unwrap();
    crowd.play(0, 0);
    crowd.play(1, 0);
    crowd.pose(&mut scene);
    // A hat on a joint of copy 1: its hierarchy is no longer the model's.
    let joint = crowd.copy_nodes(1)[5];
    let hat = scene.add_node(Node::new(), Some(joint)).unwrap();
    crowd.advance(0.3);
    crowd.pose(&mut scene);
    assert!(crowd.is_posing(0) && !crowd.is_posing(1));
    // Copy 1 is left alone: its hat's world follows its joint once updated.
    scene.update_transforms();
    assert_eq!(
        scene.world_matrix(hat).unwrap(),
        scene.world_matrix(joint).unwrap()
    );
}

#[test]
fn copies_given_out_of_slot_order_pose_as_copies_in_order() {
    let (mut in_order, copies) = foxes(5);
    let mut reversed_scene = in_order.clone();
    let reversed: Vec<CrowdCopy> = copies.iter().rev().cloned().collect();
    let mut a = CrowdPlayer::new(&in_order, &copies).unwrap();
    let mut b = CrowdPlayer::new(&reversed_scene, &reversed).unwrap();
    for k in 0..5 {
        a.play(k, k % 3);
        a.seek(k, k as f32 * 0.2);
        b.play(4 - k, k % 3);
        b.seek(4 - k, k as f32 * 0.2);
    }
    for _ in 0..3 {
        a.advance(0.05);
        a.pose(&mut in_order);
        b.advance(0.05);
        b.pose(&mut reversed_scene);
        assert_same_pose(&in_order, &reversed_scene, "reversed");
    }
}

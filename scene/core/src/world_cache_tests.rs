//! Tests of the world cache through the scene: world matrices read before and after
//! updates, after edits, moves and removals, against matrices composed from scratch.

use crate::{Error, Node, NodeId, Scene, Transform};
use glam::{EulerRot, Mat4, Quat, Vec3};

/// A transform with rotation and non-uniform scale, different for every `seed`.
fn trs(seed: u32) -> Transform {
    let f = seed as f32;
    Transform {
        translation: Vec3::new(f * 0.5 - 3.0, (f * 1.3).sin(), 0.25 * f),
        rotation: Quat::from_euler(EulerRot::XYZ, 0.3 * f, -0.2 * f, 0.1 + f * 0.05),
        scale: Vec3::new(1.0 + 0.1 * (f % 3.0), 0.9, 1.2 - 0.05 * (f % 4.0)),
    }
}

/// The world of `id` composed from the nodes' own transforms and parents, top down.
fn reference_world(scene: &Scene, id: NodeId) -> Mat4 {
    let mut chain = vec![id];
    while let Some(parent) = scene.node(*chain.last().unwrap()).unwrap().parent() {
        chain.push(parent);
    }
    chain.iter().rev().fold(Mat4::IDENTITY, |world, n| {
        world * scene.local_transform(*n).unwrap().matrix()
    })
}

/// Every live node's world matrix equals the reference, bit for bit, and
/// `world_nodes` agrees.
fn assert_worlds(scene: &Scene) {
    for (id, _) in scene.nodes() {
        assert_eq!(scene.world_matrix(id), Some(reference_world(scene, id)), "{id}");
    }
    for (id, world) in scene.world_nodes() {
        assert_eq!(world, reference_world(scene, id), "{id} in world_nodes");
    }
}

/// A root with a chain of `depth` below it and a leaf beside each chain node:
/// `[root, chain 1, leaf 1, chain 2, leaf 2, …]`.
fn tree(scene: &mut Scene, depth: u32) -> Vec<NodeId> {
    let mut ids = vec![scene.add_node(Node::new().with_transform(trs(0)), None).unwrap()];
    let mut parent = ids[0];
    for i in 1..=depth {
        let chain = scene.add_node(Node::new().with_transform(trs(2 * i)), Some(parent));
        let leaf = scene.add_node(Node::new().with_transform(trs(2 * i + 1)), Some(parent));
        parent = chain.unwrap();
        ids.extend([parent, leaf.unwrap()]);
    }
    ids
}

#[test]
fn a_descendant_sees_an_ancestors_change_before_the_update() {
    let mut scene = Scene::new();
    let ids = tree(&mut scene, 40); // deeper than the chains composed without allocating
    scene.update_transforms();
    let deepest = ids[ids.len() - 2];
    let before = scene.world_matrix(deepest).unwrap();
    scene.set_transform(ids[1], trs(99)).unwrap();
    scene.set_transform(ids[20], trs(98)).unwrap();
    assert!(scene.transforms_dirty());
    let after = scene.world_matrix(deepest).unwrap();
    assert_ne!(before, after);
    assert_worlds(&scene);
    // The update gives the very matrices read before it.
    scene.update_transforms();
    assert!(!scene.transforms_dirty());
    assert_eq!(scene.world_matrix(deepest), Some(after));
    assert_eq!(scene.cached_world(deepest.index), after);
    assert_worlds(&scene);
}

#[test]
fn editing_parts_equals_setting_the_whole_transform() {
    let (mut edited, mut set) = (Scene::new(), Scene::new());
    let a = tree(&mut edited, 6);
    let b = tree(&mut set, 6);
    edited.update_transforms();
    for (i, (x, y)) in a.iter().zip(&b).enumerate().skip(1).step_by(2) {
        let new = trs(50 + i as u32);
        edited.edit_transform(*x, |t| t.rotation = new.rotation).unwrap();
        let whole = Transform {
            rotation: new.rotation,
            ..*set.local_transform(*y).unwrap()
        };
        set.set_transform(*y, whole).unwrap();
    }
    assert_worlds(&edited);
    edited.update_transforms();
    set.update_transforms();
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            edited.local_transform(*x).unwrap(),
            set.local_transform(*y).unwrap()
        );
        assert_eq!(edited.world_matrix(*x), set.world_matrix(*y));
    }

    let gone = a[3];
    edited.remove_node(gone).unwrap();
    let mut called = false;
    let result = edited.edit_transform(gone, |_| called = true);
    assert!(matches!(result, Err(Error::UnknownNode(_))) && !called);
}

#[test]
fn reparenting_and_removing_under_pending_changes_keep_worlds_right() {
    let mut scene = Scene::new();
    let ids = tree(&mut scene, 8);
    let other = tree(&mut scene, 3);
    scene.update_transforms();
    // A change above the moved subtree, then the move, then a change at the new place.
    scene.set_transform(ids[0], trs(70)).unwrap();
    scene.set_parent(ids[5], Some(other[2])).unwrap();
    assert_worlds(&scene);
    scene.set_transform(other[0], trs(71)).unwrap();
    scene.set_parent_keep_world(ids[9], None).unwrap();
    assert_worlds(&scene);
    // Removing a pending node, then reusing its slots.
    scene.set_transform(ids[7], trs(72)).unwrap();
    let removed = scene.remove_node(ids[7]).unwrap();
    let fresh = scene.add_node(Node::new().with_transform(trs(73)), Some(ids[3]));
    let fresh = fresh.unwrap();
    assert!(removed.iter().any(|r| r.index() == fresh.index()));
    assert_worlds(&scene);
    scene.update_transforms();
    assert!(!scene.transforms_dirty());
    assert_worlds(&scene);
    // Moving a clean subtree under another: its cached worlds are stale at once.
    scene.set_parent(other[0], Some(ids[2])).unwrap();
    assert_worlds(&scene);
    scene.update_transforms();
    assert_worlds(&scene);
}

#[test]
fn random_edits_keep_every_world_matrix_right() {
    let mut scene = Scene::new();
    let mut state = 0x2545_f491_u32;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as usize % n
    };
    for round in 0..600_u32 {
        let live: Vec<NodeId> = scene.nodes().map(|(id, _)| id).collect();
        let pick = |k: usize| live.get(k % live.len().max(1)).copied();
        match next(10) {
            0..=2 => {
                let parent = if next(4) == 0 { None } else { pick(next(1000)) };
                scene
                    .add_node(Node::new().with_transform(trs(round)), parent)
                    .unwrap();
            }
            3..=5 => {
                if let Some(id) = pick(next(1000)) {
                    scene.set_transform(id, trs(round)).unwrap();
                }
            }
            6 => {
                if let (Some(child), Some(parent)) = (pick(next(1000)), pick(next(1000))) {
                    let parent = (next(3) > 0).then_some(parent);
                    match scene.set_parent(child, parent) {
                        Ok(()) | Err(Error::WouldCreateCycle { .. }) => {}
                        Err(e) => panic!("{e}"),
                    }
                }
            }
            7 if live.len() > 20 => {
                if let Some(id) = pick(next(1000)) {
                    scene.remove_node(id).unwrap();
                }
            }
            8 => scene.update_transforms(),
            _ => {}
        }
        assert_worlds(&scene);
    }
    scene.update_transforms();
    assert_worlds(&scene);
}

#[test]
fn transforms_written_through_split_parts_equal_those_set_one_by_one() {
    let (mut split, mut single) = (Scene::new(), Scene::new());
    let a: Vec<NodeId> = (0..5).flat_map(|_| tree(&mut split, 7)).collect();
    let b: Vec<NodeId> = (0..5).flat_map(|_| tree(&mut single, 7)).collect();
    let gone = a[17];
    split.remove_node(gone).unwrap();
    single.remove_node(b[17]).unwrap();
    split.update_transforms();
    single.update_transforms();
    let changes: Vec<(usize, Transform)> = (0..a.len())
        .filter(|i| i % 3 != 1 && !(17..=18).contains(i))
        .map(|i| (i, trs(200 + i as u32)))
        .collect();
    for parts in [1, 3, 4, 1000] {
        let mut covered = vec![0; a.len()];
        split.split_transforms(parts, |writers| {
            assert!(writers.len() <= parts);
            for writer in writers.iter_mut() {
                for (i, id) in a.iter().enumerate() {
                    if writer.covers(*id) {
                        covered[i] += 1;
                        assert!(writer.slots().contains(&id.index()));
                    }
                }
                for &(i, t) in &changes {
                    if writer.covers(a[i]) {
                        let new = Transform {
                            scale: t.scale * parts as f32,
                            ..t
                        };
                        assert!(writer.set_transform(a[i], new));
                        assert!(writer.edit_transform(a[i], |old| old.scale = t.scale));
                    } else {
                        assert!(!writer.set_transform(a[i], t), "not its part");
                    }
                }
                assert!(!writer.edit_transform(gone, |_| panic!("a removed node")));
            }
        });
        assert!(
            covered.iter().all(|&c| c == 1),
            "each node in one part: {covered:?}"
        );
        for &(i, t) in &changes {
            single.set_transform(b[i], t).unwrap();
        }
        assert!(split.transforms_dirty());
        assert_worlds(&split);
        split.update_transforms();
        single.update_transforms();
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(
                split.local_transform(*x).copied(),
                single.local_transform(*y).copied()
            );
            assert_eq!(split.world_matrix(*x), single.world_matrix(*y));
        }
    }
    let mut empty = Scene::new();
    empty.split_transforms(4, |writers| assert!(writers.is_empty()));
}

//! The figure's promises: a tree of joints over a body skinned with normalised weights,
//! clips that loop, and a walk whose stance foot stays put when the figure moves at
//! stride per cycle. Clips are played by a sampler written here (linear keys, rotations
//! normalised), as a player would.

use super::skeleton::{ANKLE_HEIGHT, Joint};
use super::walk::STANCE;
use super::*;
use glam::{Quat, Vec3};
use museion_scene::{Animation, AnimationProperty};

/// `values` of one sampler at time `t` (clamped), `n` components per key, linear.
fn sample(times: &[f32], values: &[f32], n: usize, t: f32) -> Vec<f32> {
    let t = t.clamp(times[0], times[times.len() - 1]);
    let k = times.partition_point(|&x| x <= t).clamp(1, times.len() - 1);
    let (t0, t1) = (times[k - 1], times[k]);
    let s = if t1 > t0 { (t - t0) / (t1 - t0) } else { 0.0 };
    (0..n)
        .map(|c| values[(k - 1) * n + c] * (1.0 - s) + values[k * n + c] * s)
        .collect()
}

/// Poses `scene` with `clip` at time `t`.
fn pose(scene: &mut Scene, clip: &Animation, t: f32) {
    for channel in &clip.channels {
        let sampler = &clip.samplers[channel.sampler];
        let mut transform = *scene.local_transform(channel.target).expect("target");
        match channel.property {
            AnimationProperty::Translation => {
                transform.translation = Vec3::from_slice(&sample(&sampler.times, &sampler.values, 3, t));
            }
            AnimationProperty::Rotation => {
                let q = sample(&sampler.times, &sampler.values, 4, t);
                transform.rotation = Quat::from_slice(&q).normalize();
            }
            other => panic!("the figure does not animate {other:?}"),
        }
        scene.set_transform(channel.target, transform).expect("live node");
    }
    scene.update_transforms();
}

fn joint_node(figure: &Figure, joint: Joint) -> NodeId {
    figure.scene.skins[0].joints[joint.index()]
}

#[test]
fn the_skeleton_is_a_tree_under_the_hips_and_the_body_stands_1_7_m_tall() {
    let figure = walking_figure(1);
    let skin = &figure.scene.skins[0];
    assert_eq!(skin.joints.len(), 15);
    let hips = skin.skeleton.expect("a skeleton root");
    let mut seen = std::collections::BTreeSet::new();
    for joint in &skin.joints {
        assert!(seen.insert(*joint), "joint listed twice");
        assert!(figure.scene.is_ancestor_or_self(hips, *joint));
        let parent = figure.scene.node(*joint).and_then(|n| n.parent());
        if *joint == hips {
            assert_eq!(parent, Some(figure.root));
        } else {
            assert!(parent.is_some_and(|p| skin.joints.contains(&p)), "{joint:?}");
        }
    }
    let aabb = figure.scene.meshes[0].bounds.aabb;
    assert!(aabb.min.y.abs() < 0.01, "{aabb:?}");
    assert!((aabb.max.y - FIGURE_HEIGHT).abs() < 0.05, "{aabb:?}");
    assert!(aabb.size().x < 0.7 && aabb.size().z < 0.45, "{aabb:?}");
    // The bind pose puts every joint where its inverse bind matrix expects it.
    let matrices = figure.scene.joint_matrices(figure.body).expect("skinned");
    assert!(matrices.iter().all(|m| m.abs_diff_eq(glam::Mat4::IDENTITY, 1e-5)));
}

#[test]
fn every_vertex_has_at_most_four_weights_summing_to_one() {
    let figure = walking_figure(2);
    let primitive = &figure.scene.meshes[0].primitives[0];
    let (joints, weights) = (
        primitive.joints.as_ref().expect("joints"),
        primitive.weights.as_ref().expect("weights"),
    );
    assert_eq!(joints.len(), primitive.vertex_count());
    assert!(primitive.vertex_count() > 5_000 && primitive.triangle_count() < 40_000);
    let mut blended = 0;
    for (j, w) in joints.iter().zip(weights) {
        assert!((w.element_sum() - 1.0).abs() < 1e-5, "{w}");
        assert!(w.min_element() >= 0.0 && j.iter().all(|j| *j < 15), "{j:?} {w}");
        blended += usize::from(w.y > 0.0);
    }
    // Smooth skinning: many vertices near joints follow two bones or more.
    assert!(blended > primitive.vertex_count() / 10, "{blended} blended");
    assert!(primitive.deform_bounds.is_some() && primitive.colors.is_some());
}

#[test]
fn both_clips_loop_and_are_named() {
    let figure = walking_figure(3);
    for (index, name, duration) in [
        (figure.walk, WALK_CLIP, WALK_CYCLE),
        (figure.idle, IDLE_CLIP, IDLE_CYCLE),
    ] {
        let clip = &figure.scene.animations[index];
        assert_eq!(clip.name.as_deref(), Some(name));
        assert!((clip.duration() - duration).abs() < 1e-6);
        assert_eq!(
            clip.channels.len(),
            16,
            "the hips' translation and every rotation"
        );
        for sampler in &clip.samplers {
            let n = sampler.values.len() / sampler.times.len();
            assert_eq!(sampler.times[0], 0.0);
            assert_eq!(
                sampler.values[..n],
                sampler.values[sampler.values.len() - n..],
                "{name}"
            );
        }
    }
    let facts = figure
        .scene
        .node(figure.root)
        .and_then(|n| n.extras.clone())
        .expect("extras");
    assert_eq!(facts["museion"]["stride"].as_f64(), Some(f64::from(WALK_STRIDE)));
    assert_eq!(facts["museion"]["cycle"].as_f64(), Some(f64::from(WALK_CYCLE)));
}

#[test]
fn moving_at_stride_per_cycle_the_stance_foot_stays_on_the_floor() {
    let figure = walking_figure(4);
    let mut scene = figure.scene.clone();
    let clip = scene.animations[figure.walk].clone();
    let speed = figure.speed();
    // The sole under the ankle, the heel and the toe, in the foot's space.
    let sole = [
        Vec3::new(0.0, -ANKLE_HEIGHT, 0.0),
        Vec3::new(0.0, -ANKLE_HEIGHT, -0.06),
        Vec3::new(0.0, -ANKLE_HEIGHT, 0.17),
    ];
    for (foot, strike) in [(Joint::FootL, 0.0), (Joint::FootR, 0.5 * WALK_CYCLE)] {
        let node = joint_node(&figure, foot);
        let mut start: Option<Vec<Vec3>> = None;
        let steps = 120;
        for i in 0..=steps {
            let t = strike + STANCE * WALK_CYCLE * i as f32 / steps as f32;
            scene
                .set_transform(figure.root, Transform::from_translation(Vec3::Z * speed * t))
                .expect("root");
            pose(&mut scene, &clip, t % WALK_CYCLE);
            let world = scene.world_matrix(node).expect("foot");
            let points: Vec<Vec3> = sole.iter().map(|p| world.transform_point3(*p)).collect();
            for p in &points {
                assert!(p.y.abs() < 0.01, "{foot:?} at {t}: sole at {p}");
            }
            let first = start.get_or_insert_with(|| points.clone());
            for (p, q) in points.iter().zip(first.iter()) {
                assert!(
                    p.distance(*q) < 0.02,
                    "{foot:?} slid {} m by {t} s",
                    p.distance(*q)
                );
            }
        }
    }
}

#[test]
fn the_walk_keeps_both_feet_above_the_floor_and_the_idle_keeps_them_planted() {
    let figure = walking_figure(5);
    let mut scene = figure.scene.clone();
    let walk = scene.animations[figure.walk].clone();
    let idle = scene.animations[figure.idle].clone();
    let feet = [
        joint_node(&figure, Joint::FootL),
        joint_node(&figure, Joint::FootR),
    ];
    let toe = Vec3::new(0.0, -ANKLE_HEIGHT, 0.17);
    for i in 0..100 {
        pose(&mut scene, &walk, WALK_CYCLE * i as f32 / 100.0);
        for foot in feet {
            let world = scene.world_matrix(foot).expect("foot");
            assert!(world.transform_point3(toe).y > -0.01);
        }
    }
    pose(&mut scene, &idle, 0.0);
    let planted: Vec<Vec3> = feet
        .iter()
        .map(|f| scene.world_matrix(*f).expect("foot").w_axis.truncate())
        .collect();
    for i in 1..40 {
        pose(&mut scene, &idle, IDLE_CYCLE * i as f32 / 40.0);
        for (foot, at) in feet.iter().zip(&planted) {
            let now = scene.world_matrix(*foot).expect("foot").w_axis.truncate();
            assert!(
                now.distance(*at) < 0.005,
                "the idle's feet moved {}",
                now.distance(*at)
            );
        }
    }
}

#[test]
fn the_reference_deformation_of_a_stride_keeps_the_body_whole() {
    let figure = walking_figure(6);
    let mut scene = figure.scene.clone();
    let walk = scene.animations[figure.walk].clone();
    pose(&mut scene, &walk, 0.25 * WALK_CYCLE);
    let primitive = &scene.meshes[0].primitives[0];
    let matrices = scene.joint_matrices(figure.body).expect("skinned");
    let posed = primitive.deform(Some(&matrices), &[]);
    let rest_edges = edge_lengths(&primitive.positions, &primitive.indices);
    let posed_edges = edge_lengths(&posed.positions, &primitive.indices);
    // No triangle is torn or crushed: every edge keeps most of its length.
    for (a, b) in rest_edges.iter().zip(&posed_edges) {
        assert!(*b < a * 3.0 + 0.01 && *b > a * 0.2 - 0.005, "{a} became {b}");
    }
    let sphere = primitive
        .deform_bounds
        .as_ref()
        .expect("bounds")
        .posed_sphere(&matrices, &[]);
    assert!(
        posed
            .positions
            .iter()
            .all(|p| p.distance(sphere.center) <= sphere.radius + 1e-4)
    );
    let lowest = posed.positions.iter().map(|p| p.y).fold(f32::MAX, f32::min);
    assert!(lowest.abs() < 0.015, "the soles are at {lowest}");
}

fn edge_lengths(positions: &[Vec3], indices: &[u32]) -> Vec<f32> {
    indices
        .chunks_exact(3)
        .flat_map(|t| [(t[0], t[1]), (t[1], t[2]), (t[2], t[0])])
        .map(|(a, b)| positions[a as usize].distance(positions[b as usize]))
        .collect()
}

#[test]
fn seeds_dress_the_guide_differently() {
    let body = Body::new();
    // A point on the jacket (the chest's front) and one on the face.
    let (chest, face) = (Vec3::new(0.0, 1.29, 0.105), Vec3::new(0.0, 1.56, 0.115));
    let palette = |seed| dress::Palette::new(seed);
    assert_eq!(palette(10), palette(10));
    assert!((11..20).any(|seed| palette(seed).colour(&body, chest) != palette(10).colour(&body, chest)));
    let first = palette(10);
    assert_ne!(first.colour(&body, chest), first.colour(&body, face));
    for seed in 0..20 {
        for p in [chest, face] {
            let c = palette(seed).colour(&body, p);
            assert!(
                c.min_element() >= 0.0 && c.max_element() <= 1.0 && c.w == 1.0,
                "{c}"
            );
        }
    }
}

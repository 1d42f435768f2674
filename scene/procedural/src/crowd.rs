//! Copies of an animated model on a grid, each with its own nodes, skins and clips, so
//! that each can play at its own phase (the layout of Bevy's `many_foxes`).

use super::BenchScene;
use super::grid::{cell_offsets, orbiting};
use super::rng::Rng;
use glam::Quat;
use museion_scene::{Node, Scene, Transform};

/// `count` copies of `model` on the grid of [`grid`](crate::grid), each a full copy of
/// the model's hierarchy under a root node of its own (turned about +Y by a seeded
/// angle), sharing the model's meshes, materials and images. Unlike `grid`, skins and
/// animations are kept: copy `k`'s clip `c` is `scene.animations[k × A + c]`, where `A`
/// is the model's number of animations. The camera orbits as in `grid`.
pub fn crowd(model: &Scene, count: u32, seed: u64) -> BenchScene {
    let name = format!("crowd-{}-{count}", model.name.as_deref().unwrap_or("model"));
    let mut scene = Scene::new();
    scene.name = Some(name.clone());
    let offsets = scene.append_assets(model);
    let mut rng = Rng::new(seed);
    for cell in cell_offsets(model, count) {
        let turn = Quat::from_rotation_y(rng.range(0.0, std::f32::consts::TAU));
        let root = Node::new().with_transform(Transform {
            translation: cell,
            rotation: turn,
            ..Transform::IDENTITY
        });
        let root = scene
            .add_node(root, None)
            .expect("adding a root node cannot fail");
        scene
            .append_nodes(model, Some(root), offsets)
            .expect("the copy's parent was just added");
    }
    orbiting(scene, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use glam::Vec3;
    use museion_scene::shapes::cuboid;
    use museion_scene::{
        Animation, AnimationChannel, AnimationProperty, AnimationSampler, Interpolation, Mesh,
    };

    /// A cube on a node with one clip that moves it.
    fn model() -> Scene {
        let mut scene = Scene::new();
        let mesh = scene.add_mesh(Mesh::new(None, vec![cuboid(Vec3::ONE)]));
        let node = scene.add_node(Node::new().with_mesh(mesh), None).unwrap();
        scene.animations.push(Animation {
            name: Some("bob".into()),
            channels: vec![AnimationChannel {
                target: node,
                property: AnimationProperty::Translation,
                sampler: 0,
            }],
            pointer_channels: Vec::new(),
            samplers: vec![AnimationSampler {
                times: vec![0.0, 1.0],
                values: vec![0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
                interpolation: Interpolation::Linear,
            }],
        });
        scene
    }

    #[test]
    fn every_copy_has_its_own_nodes_and_clip() {
        let bench = crowd(&model(), 4, 7);
        let scene = &bench.scene;
        assert_eq!(scene.instances().count(), 4);
        assert_eq!(scene.meshes.len(), 1, "copies share the mesh");
        assert_eq!(scene.animations.len(), 4);
        let mut targets: Vec<_> = scene.animations.iter().map(|a| a.channels[0].target).collect();
        targets.sort_unstable();
        targets.dedup();
        assert_eq!(targets.len(), 4, "each clip drives its own copy");
        // Copy k's clip drives the node under copy k's root.
        for (k, root) in scene.roots().iter().take(4).enumerate() {
            let target = scene.animations[k].channels[0].target;
            assert!(scene.is_ancestor_or_self(*root, target));
        }
    }
}

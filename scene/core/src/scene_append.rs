//! Merging one scene into another, as venues do with the models they place.

use crate::animation::{Animation, Skin};
use crate::error::Result;
use crate::ids::{CameraId, ImageId, LightId, MaterialId, MeshId, NodeId, SamplerId, SkinId, TextureId};
use crate::material::TextureRef;
use crate::scene::Scene;
use std::collections::HashMap;

/// Where the assets of a scene appended with [`Scene::append_assets`] landed (the amount
/// each kind of id was shifted by), for placing its nodes with [`Scene::append_nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssetOffsets {
    mesh: u32,
    material: u32,
    texture: u32,
    sampler: u32,
    image: u32,
    light: u32,
    camera: u32,
}

impl Scene {
    /// Moves everything of `other` into this scene: meshes, materials, textures,
    /// samplers, images, lights, cameras, skins, animations and the node hierarchy, with
    /// every id remapped. `other`'s roots become children of `parent` (or roots); their
    /// new ids are returned in `other`'s root order.
    ///
    /// A skin joint or an animation channel aimed at a node outside the hierarchy is
    /// dropped with a log warning. Fails, changing nothing, when `parent` is not a live
    /// node.
    pub fn append(&mut self, other: Scene, parent: Option<NodeId>) -> Result<Vec<NodeId>> {
        self.check_parent(parent)?;
        let offsets = self.append_assets(&other);
        self.append_nodes(&other, parent, offsets)
    }

    fn check_parent(&self, parent: Option<NodeId>) -> Result<()> {
        match parent {
            Some(parent) if !self.contains(parent) => Err(crate::Error::UnknownNode(parent)),
            _ => Ok(()),
        }
    }

    /// Copies `other`'s meshes, materials, textures, samplers, images, lights and
    /// cameras (ids remapped), and says where they landed; nodes are added by
    /// [`Scene::append_nodes`], as often as wanted, sharing these assets.
    pub fn append_assets(&mut self, other: &Scene) -> AssetOffsets {
        let at = |len: usize| len as u32;
        let offsets = AssetOffsets {
            mesh: at(self.meshes.len()),
            material: at(self.materials.len()),
            texture: at(self.textures.len()),
            sampler: at(self.samplers.len()),
            image: at(self.images.len()),
            light: at(self.lights.len()),
            camera: at(self.cameras.len()),
        };
        for mut material in other.materials.iter().cloned() {
            for (_, slot) in material.texture_slots_mut() {
                remap_texture(slot, offsets.texture);
            }
            self.add_material(material);
        }
        self.variants
            .merge(&other.variants, offsets.mesh, offsets.material);
        for mut mesh in other.meshes.iter().cloned() {
            for primitive in &mut mesh.primitives {
                primitive.material = primitive.material.map(|m| MaterialId(m.0 + offsets.material));
            }
            self.add_mesh(mesh);
        }
        for mut texture in other.textures.iter().cloned() {
            texture.image = texture.image.map(|i| ImageId(i.0 + offsets.image));
            texture.sampler = texture.sampler.map(|s| SamplerId(s.0 + offsets.sampler));
            self.add_texture(texture);
        }
        for sampler in &other.samplers {
            self.add_sampler(*sampler);
        }
        for image in other.images.iter().cloned() {
            self.add_image(image);
        }
        for light in other.lights.iter().cloned() {
            self.add_light(light);
        }
        for camera in other.cameras.iter().cloned() {
            self.add_camera(camera);
        }
        offsets
    }

    /// Copies `other`'s node hierarchy under `parent`, its nodes referring to the assets
    /// that [`Scene::append_assets`] copied at `offsets`, with its own skins and
    /// animations (they name nodes). Returns the new roots.
    pub fn append_nodes(
        &mut self,
        other: &Scene,
        parent: Option<NodeId>,
        offsets: AssetOffsets,
    ) -> Result<Vec<NodeId>> {
        self.check_parent(parent)?;
        let skin0 = self.skins.len() as u32;
        // Parents before children, so each new parent exists when its children come.
        let mut ids: HashMap<NodeId, NodeId> = HashMap::with_capacity(other.node_count());
        let mut roots = Vec::with_capacity(other.roots().len());
        for old in other.traverse() {
            let Some(node) = other.node(old) else { continue };
            let mut copy = node.clone();
            copy.transform = other.local_transform(old).copied().unwrap_or(node.transform);
            copy.mesh = node.mesh.map(|m| MeshId(m.0 + offsets.mesh));
            copy.light = node.light.map(|l| LightId(l.0 + offsets.light));
            copy.camera = node.camera.map(|c| CameraId(c.0 + offsets.camera));
            copy.skin = node.skin.map(|s| SkinId(s.0 + skin0));
            let new_parent = match node.parent() {
                Some(p) => ids.get(&p).copied(),
                None => parent,
            };
            let new = self.add_node(copy, new_parent)?;
            if node.parent().is_none() {
                roots.push(new);
            }
            ids.insert(old, new);
        }
        for skin in &other.skins {
            let joints: Option<Vec<NodeId>> = skin.joints.iter().map(|j| ids.get(j).copied()).collect();
            let joints = joints.unwrap_or_else(|| {
                // Keeps skin indices aligned: an empty skin deforms nothing.
                log::warn!(
                    "append: skin {:?} has joints outside the hierarchy; dropped",
                    skin.name
                );
                Vec::new()
            });
            let inverse_bind_matrices = if joints.is_empty() {
                Vec::new()
            } else {
                skin.inverse_bind_matrices.clone()
            };
            self.skins.push(Skin {
                name: skin.name.clone(),
                joints,
                inverse_bind_matrices,
                skeleton: skin.skeleton.and_then(|s| ids.get(&s).copied()),
            });
        }
        for animation in &other.animations {
            let mut channels = Vec::with_capacity(animation.channels.len());
            for channel in &animation.channels {
                match ids.get(&channel.target) {
                    Some(target) => channels.push(crate::AnimationChannel {
                        target: *target,
                        ..channel.clone()
                    }),
                    None => log::warn!(
                        "append: animation {:?} targets a node outside the hierarchy; channel dropped",
                        animation.name
                    ),
                }
            }
            let pointer_channels = animation
                .pointer_channels
                .iter()
                .map(|channel| crate::PointerChannel {
                    target: offsets.remap_pointer(channel.target),
                    sampler: channel.sampler,
                })
                .collect();
            self.animations.push(Animation {
                name: animation.name.clone(),
                channels,
                pointer_channels,
                samplers: animation.samplers.clone(),
            });
        }
        Ok(roots)
    }
}

impl AssetOffsets {
    /// A pointer target of the appended scene, aimed at the copy of its asset.
    fn remap_pointer(&self, target: crate::PointerTarget) -> crate::PointerTarget {
        use crate::PointerTarget as T;
        match target {
            T::Material { material, property } => T::Material {
                material: MaterialId(material.0 + self.material),
                property,
            },
            T::TextureTransform { material, slot, part } => T::TextureTransform {
                material: MaterialId(material.0 + self.material),
                slot,
                part,
            },
            T::Light { light, property } => T::Light {
                light: LightId(light.0 + self.light),
                property,
            },
            T::Camera { camera, property } => T::Camera {
                camera: CameraId(camera.0 + self.camera),
                property,
            },
        }
    }
}

fn remap_texture(r: &mut TextureRef, offset: u32) {
    r.texture = TextureId(r.texture.0 + offset);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Light, LightKind, Material, Mesh, Node, Texture, Transform};
    use glam::{Vec3, Vec4};

    /// A scene of two nodes (a root with a mesh, a child with a light), one material
    /// with a texture, one image, one sampler.
    fn model() -> Scene {
        let mut s = Scene::new();
        let image = s.add_image(crate::Image::rgba8(
            Some("px".into()),
            1,
            1,
            vec![255; 4],
            crate::ImageSourceFormat::Png,
        ));
        let sampler = s.add_sampler(crate::Sampler::default());
        let texture = s.add_texture(Texture {
            name: None,
            image: Some(image),
            sampler: Some(sampler),
        });
        let material = s.add_material(Material {
            base_color_factor: Vec4::new(1.0, 0.0, 0.0, 1.0),
            base_color_texture: Some(TextureRef {
                texture,
                tex_coord: 0,
                transform: Default::default(),
                color_space: crate::ColorSpace::Srgb,
            }),
            ..Material::default()
        });
        let mut cube = crate::shapes::cuboid(Vec3::splat(0.5));
        cube.material = Some(material);
        let mesh = s.add_mesh(Mesh::new(Some("cube".into()), vec![cube]));
        let light = s.add_light(Light {
            name: Some("lamp".into()),
            kind: LightKind::Point,
            color: Vec3::ONE,
            intensity: 10.0,
            range: None,
            cast_shadows: true,
        });
        let root = s
            .add_node(
                Node::new()
                    .with_name("root")
                    .with_mesh(mesh)
                    .with_transform(Transform::from_translation(Vec3::X)),
                None,
            )
            .unwrap();
        let mut lamp = Node::new()
            .with_name("lamp")
            .with_transform(Transform::from_translation(Vec3::Y));
        lamp.light = Some(light);
        s.add_node(lamp, Some(root)).unwrap();
        s
    }

    #[test]
    fn appending_twice_remaps_every_id_and_keeps_the_hierarchy() {
        let mut venue = Scene::new();
        let anchor = venue
            .add_node(
                Node::new().with_transform(Transform::from_translation(Vec3::Z * 10.0)),
                None,
            )
            .unwrap();
        let first = venue.append(model(), Some(anchor)).unwrap();
        let second = venue.append(model(), None).unwrap();
        assert_eq!((first.len(), second.len()), (1, 1));
        assert_eq!(
            (venue.meshes.len(), venue.materials.len(), venue.textures.len()),
            (2, 2, 2)
        );
        assert_eq!(
            (venue.images.len(), venue.samplers.len(), venue.lights.len()),
            (2, 2, 2)
        );
        assert_eq!(venue.node_count(), 5);
        assert_eq!(venue.roots(), &[anchor, second[0]]);

        // The second copy points at the second set of assets.
        let root = venue.node(second[0]).unwrap();
        assert_eq!(root.mesh, Some(MeshId(1)));
        let material = venue.meshes[1].primitives[0].material.unwrap();
        assert_eq!(material, MaterialId(1));
        let texture = venue.materials[1].base_color_texture.unwrap().texture;
        assert_eq!(texture, TextureId(1));
        assert_eq!(venue.textures[1].image, Some(ImageId(1)));
        assert_eq!(venue.textures[1].sampler, Some(SamplerId(1)));
        let lamp = venue.node(root.children()[0]).unwrap();
        assert_eq!(lamp.light, Some(LightId(1)));

        // The first copy hangs under the anchor: its lamp is at (1, 1, 10).
        let lamp = venue.node(first[0]).unwrap().children()[0];
        let p = venue.world_matrix(lamp).unwrap().transform_point3(Vec3::ZERO);
        assert!(p.abs_diff_eq(Vec3::new(1.0, 1.0, 10.0), 1e-6), "{p}");
    }

    #[test]
    fn nodes_appended_again_share_the_first_copys_assets() {
        let mut venue = Scene::new();
        venue.add_mesh(Mesh::default());
        let source = model();
        let offsets = venue.append_assets(&source);
        let a = venue.append_nodes(&source, None, offsets).unwrap();
        let b = venue.append_nodes(&source, None, offsets).unwrap();
        assert_eq!(
            (venue.meshes.len(), venue.images.len(), venue.lights.len()),
            (2, 1, 1)
        );
        let (na, nb) = (venue.node(a[0]).unwrap(), venue.node(b[0]).unwrap());
        assert_eq!((na.mesh, nb.mesh), (Some(MeshId(1)), Some(MeshId(1))));
        assert_ne!(a, b);
        assert_eq!(venue.node_count(), 4);
    }

    #[test]
    fn appending_under_a_dead_node_changes_nothing() {
        let mut venue = Scene::new();
        let gone = venue.add_node(Node::new(), None).unwrap();
        venue.remove_node(gone).unwrap();
        assert!(venue.append(model(), Some(gone)).is_err());
        assert_eq!((venue.meshes.len(), venue.node_count()), (0, 0));
    }
}

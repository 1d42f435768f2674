//! The scene's side of joint palettes ([`JointPalettes`]): handing a set over, taking
//! it out to fill, putting it back current, and serving a node's palette to
//! [`Scene::joint_matrices_into`] while no transform has changed since.

use crate::error::{Error, Result};
use crate::ids::{NodeId, PalettesId, SkinId};
use crate::joint_palettes::{Held, JointPalettes};
use crate::scene::Scene;
use glam::Mat4;

impl Scene {
    /// Hands the scene a set of joint palettes for its skinned nodes. They count only
    /// once put back with [`Scene::put_joint_palettes`] (which vouches that they are
    /// current); until then [`Scene::joint_matrices_into`] composes the matrices as
    /// usual. A node with a palette in an earlier set gets this set's.
    pub fn add_joint_palettes(&mut self, palettes: JointPalettes) -> PalettesId {
        let store = &mut self.palettes;
        let set = store.sets.len() as u32;
        store.index_set(set, palettes.nodes());
        store.sets.push(Some(Held {
            indexed: palettes.nodes().to_vec(),
            palettes: Some(palettes),
            stamp: None,
        }));
        PalettesId(set)
    }

    /// Takes a set of palettes out to fill them (while reading the scene); until they
    /// are put back, the scene composes those nodes' joint matrices itself.
    pub fn take_joint_palettes(&mut self, id: PalettesId) -> Result<JointPalettes> {
        let held = self.palettes.held_mut(id)?;
        held.stamp = None;
        held.palettes.take().ok_or(Error::UnknownPalettes(id))
    }

    /// Puts a set of palettes back, vouching that every palette holds its node's joint
    /// matrices as the scene stands now: [`Scene::joint_matrices_into`] returns them
    /// until the next change of a transform or of the hierarchy
    /// ([`Scene::transform_changes`]), then composes the matrices itself again. Nodes
    /// added to or dropped from the set since it was taken are indexed anew.
    pub fn put_joint_palettes(&mut self, id: PalettesId, palettes: JointPalettes) -> Result<()> {
        let stamp = self.transform_changes();
        let store = &mut self.palettes;
        let held = store.held_mut(id)?;
        held.stamp = Some(stamp);
        let reindex = held.indexed != palettes.nodes();
        if reindex {
            held.indexed = palettes.nodes().to_vec();
        }
        held.palettes = Some(palettes);
        if reindex {
            store.unindex_set(id.0);
            if let Some(Some(Held {
                palettes: Some(palettes),
                ..
            })) = store.sets.get(id.0 as usize)
            {
                let nodes = palettes.nodes().to_vec();
                store.index_set(id.0, &nodes);
            }
        }
        Ok(())
    }

    /// True when the scene holds set `id` (taken out or not).
    pub fn joint_palettes_held(&self, id: PalettesId) -> bool {
        matches!(self.palettes.sets.get(id.0 as usize), Some(Some(_)))
    }

    /// Set `id` as the scene holds it (`None` while taken out, or unknown).
    pub fn joint_palettes(&self, id: PalettesId) -> Option<&JointPalettes> {
        self.palettes.sets.get(id.0 as usize)?.as_ref()?.palettes.as_ref()
    }

    /// Forgets a set of palettes.
    pub fn remove_joint_palettes(&mut self, id: PalettesId) -> Result<JointPalettes> {
        let store = &mut self.palettes;
        let held = store
            .sets
            .get_mut(id.0 as usize)
            .and_then(Option::take)
            .ok_or(Error::UnknownPalettes(id))?;
        store.unindex_set(id.0);
        held.palettes.ok_or(Error::UnknownPalettes(id))
    }

    /// The joint matrices of `node` from a palette put back at the present count of
    /// changes, when the node (this very node, with this skin of `joints` joints) has
    /// one.
    pub(crate) fn current_palette(&self, node: NodeId, skin: SkinId, joints: usize) -> Option<&[Mat4]> {
        let store = &self.palettes;
        let &(set, i) = store.index.get(&node.index())?;
        let held = store.sets.get(set as usize)?.as_ref()?;
        let palettes = held.palettes.as_ref()?;
        let i = i as usize;
        let current = held.stamp == Some(self.transform_changes())
            && palettes.node(i) == Some(node)
            && palettes.skin(i) == Some(skin);
        let palette = palettes.palette(i);
        (current && palette.len() == joints).then_some(palette)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::animation::Skin;
    use crate::node::Node;
    use crate::transform::Transform;
    use glam::Vec3;

    /// A skinned node with one joint 1 m up.
    fn skinned() -> (Scene, NodeId, NodeId, SkinId) {
        let mut scene = Scene::new();
        let joint = scene
            .add_node(
                Node::new().with_transform(Transform::from_translation(Vec3::Y)),
                None,
            )
            .unwrap();
        scene.skins.push(Skin {
            name: None,
            joints: vec![joint],
            inverse_bind_matrices: vec![Mat4::IDENTITY],
            skeleton: None,
        });
        let mut node = Node::new();
        node.skin = Some(SkinId(0));
        let node = scene.add_node(node, None).unwrap();
        (scene, node, joint, SkinId(0))
    }

    #[test]
    fn a_palette_put_back_is_served_until_a_transform_changes() {
        let (mut scene, node, joint, skin) = skinned();
        let composed = scene.joint_matrices(node).unwrap();
        let mut palettes = JointPalettes::new();
        palettes.push(node, skin, 1);
        let id = scene.add_joint_palettes(palettes);
        // Not put back yet: composed.
        assert_eq!(scene.joint_matrices(node).unwrap(), composed);
        let mut palettes = scene.take_joint_palettes(id).unwrap();
        let marker = Mat4::from_translation(Vec3::splat(7.0));
        palettes.matrices_mut()[0] = marker;
        scene.put_joint_palettes(id, palettes).unwrap();
        assert_eq!(scene.joint_matrices(node).unwrap(), vec![marker], "served");
        assert!(scene.joint_palettes_held(id));
        // A change anywhere: composed again.
        scene.set_transform(joint, Transform::IDENTITY).unwrap();
        assert_eq!(scene.joint_matrices(node).unwrap(), vec![Mat4::IDENTITY]);
        // Put back and retired: not served.
        let mut palettes = scene.take_joint_palettes(id).unwrap();
        palettes.retire(0);
        assert_eq!(palettes.node(0), None);
        scene.put_joint_palettes(id, palettes).unwrap();
        assert_eq!(scene.joint_matrices(node).unwrap(), vec![Mat4::IDENTITY]);
        scene.remove_joint_palettes(id).unwrap();
        assert!(matches!(
            scene.take_joint_palettes(id),
            Err(Error::UnknownPalettes(_))
        ));
    }

    #[test]
    fn a_palette_of_another_skin_or_length_is_not_served() {
        let (mut scene, node, _, skin) = skinned();
        let mut palettes = JointPalettes::new();
        palettes.push(node, SkinId(5), 1);
        palettes.push(node, skin, 2);
        let id = scene.add_joint_palettes(palettes);
        let palettes = scene.take_joint_palettes(id).unwrap();
        scene.put_joint_palettes(id, palettes).unwrap();
        assert_eq!(
            scene.joint_matrices(node).unwrap().len(),
            1,
            "composed: the palette is two long"
        );
    }

    #[test]
    fn posed_writes_set_local_and_world_without_marking() {
        let (mut scene, _, joint, _) = skinned();
        scene.update_transforms();
        let before = scene.transform_changes();
        let local = Transform::from_translation(Vec3::X * 2.0);
        scene.split_transforms(2, |writers| {
            for w in writers.iter_mut() {
                if w.covers(joint) {
                    assert!(w.set_posed(joint, local, local.matrix()));
                }
            }
        });
        assert!(!scene.transforms_dirty());
        assert!(scene.transform_changes() > before, "a split counts as a change");
        assert_eq!(scene.world_matrix(joint).unwrap(), local.matrix());
        assert_eq!(scene.local_transform(joint).unwrap(), &local);
        assert_eq!(scene.local_transform(joint), Some(&local));
        let revision = scene.hierarchy_revision();
        scene.add_node(Node::new(), Some(joint)).unwrap();
        assert_ne!(scene.hierarchy_revision(), revision);
    }
}

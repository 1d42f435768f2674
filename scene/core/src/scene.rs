//! The scene: a node arena with a forest of transforms, and the assets nodes refer to.

use crate::animation::{Animation, Skin};
use crate::camera::Camera;
use crate::error::{Error, Result};
use crate::ids::NodeId;
use crate::light::Light;
use crate::material::Material;
use crate::mesh::Mesh;
use crate::node::Node;
use crate::texture::{Image, Sampler, Texture};
use crate::transform::Transform;
use crate::variants::MaterialVariants;
use crate::world_cache::WorldCache;
use glam::Mat4;
use std::sync::atomic::{AtomicU64, Ordering};

/// Revision stamps for the whole process: every scene starts at a stamp of its own and
/// every marked change takes a new one, so a revision never repeats across scenes and a
/// renderer handed a different `Scene` sees that everything changed.
static NEXT_STAMP: AtomicU64 = AtomicU64::new(1);

fn next_stamp() -> u64 {
    NEXT_STAMP.fetch_add(1, Ordering::Relaxed)
}

/// A world: nodes in a hierarchy, and the meshes, materials, textures, lights, cameras,
/// skins and animations they use.
///
/// Assets live in plain vectors indexed by their typed ids ([`MeshId`](crate::MeshId)
/// indexes [`Scene::meshes`], and so on). Nodes live in an arena with stable
/// [`NodeId`]s; the hierarchy is changed only through methods that keep it a forest, so
/// cycles cannot be built. World transforms are cached and recomputed lazily: a change
/// marks the node it happens to (in constant time, whatever the size of its subtree),
/// [`Scene::update_transforms`] refreshes the subtrees of marked nodes, and every read of
/// a world matrix is correct whether or not that has run.
#[derive(Clone, Debug)]
pub struct Scene {
    /// The scene's name from the file, if any.
    pub name: Option<String>,
    /// Meshes, indexed by [`MeshId`](crate::MeshId).
    pub meshes: Vec<Mesh>,
    /// Materials, indexed by [`MaterialId`](crate::MaterialId).
    pub materials: Vec<Material>,
    /// Textures, indexed by [`TextureId`](crate::TextureId).
    pub textures: Vec<Texture>,
    /// Samplers, indexed by [`SamplerId`](crate::SamplerId).
    pub samplers: Vec<Sampler>,
    /// Decoded images, indexed by [`ImageId`](crate::ImageId).
    pub images: Vec<Image>,
    /// Punctual lights, indexed by [`LightId`](crate::LightId).
    pub lights: Vec<Light>,
    /// Cameras, indexed by [`CameraId`](crate::CameraId).
    pub cameras: Vec<Camera>,
    /// Skins, indexed by [`SkinId`](crate::SkinId).
    pub skins: Vec<Skin>,
    /// Animations, indexed by [`AnimationId`](crate::AnimationId).
    pub animations: Vec<Animation>,
    /// The glTF `extras` of the scene, if any.
    pub extras: Option<serde_json::Value>,
    /// The XMP metadata of the file as a whole: the packet of a glTF file's `asset`
    /// (`KHR_xmp_json_ld`), which a venue's export fills with the venue's title and
    /// languages. Nodes, meshes, materials and images have their own (`xmp`).
    pub asset_xmp: Option<crate::XmpPacket>,
    /// `KHR_materials_variants`: the named material sets and the primitives they
    /// switch (see [`Scene::select_variant`]).
    pub variants: MaterialVariants,
    /// The stamp of the scene's creation: the revision of every mesh and image not
    /// marked changed since.
    created: u64,
    /// Revision stamps of meshes and images marked changed, by index (missing entries
    /// are `created`).
    mesh_revisions: Vec<u64>,
    image_revisions: Vec<u64>,
    /// The node arena, by slot index; which slots are live, their generations and world
    /// matrices are in `worlds` (a free slot holds an empty node).
    nodes: Vec<Node>,
    free_slots: Vec<u32>,
    roots: Vec<NodeId>,
    worlds: WorldCache,
    node_count: usize,
    /// Joint matrices worked out ahead of time ([`Scene::add_joint_palettes`]).
    pub(crate) palettes: crate::joint_palettes::PaletteStore,
}

impl Default for Scene {
    fn default() -> Self {
        let created = next_stamp();
        Self {
            name: None,
            meshes: Vec::new(),
            materials: Vec::new(),
            textures: Vec::new(),
            samplers: Vec::new(),
            images: Vec::new(),
            lights: Vec::new(),
            cameras: Vec::new(),
            skins: Vec::new(),
            animations: Vec::new(),
            extras: None,
            asset_xmp: None,
            variants: MaterialVariants::default(),
            created,
            mesh_revisions: Vec::new(),
            image_revisions: Vec::new(),
            nodes: Vec::new(),
            free_slots: Vec::new(),
            roots: Vec::new(),
            worlds: WorldCache::default(),
            node_count: 0,
            palettes: Default::default(),
        }
    }
}

impl Scene {
    /// An empty scene.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a mesh and returns its id.
    pub fn add_mesh(&mut self, mesh: Mesh) -> crate::MeshId {
        self.meshes.push(mesh);
        crate::MeshId(self.meshes.len() as u32 - 1)
    }

    /// Adds a material and returns its id.
    pub fn add_material(&mut self, material: Material) -> crate::MaterialId {
        self.materials.push(material);
        crate::MaterialId(self.materials.len() as u32 - 1)
    }

    /// Adds an image and returns its id.
    pub fn add_image(&mut self, image: Image) -> crate::ImageId {
        self.images.push(image);
        crate::ImageId(self.images.len() as u32 - 1)
    }

    /// Adds a sampler and returns its id.
    pub fn add_sampler(&mut self, sampler: Sampler) -> crate::SamplerId {
        self.samplers.push(sampler);
        crate::SamplerId(self.samplers.len() as u32 - 1)
    }

    /// Adds a texture and returns its id.
    pub fn add_texture(&mut self, texture: Texture) -> crate::TextureId {
        self.textures.push(texture);
        crate::TextureId(self.textures.len() as u32 - 1)
    }

    /// Adds a light and returns its id.
    pub fn add_light(&mut self, light: Light) -> crate::LightId {
        self.lights.push(light);
        crate::LightId(self.lights.len() as u32 - 1)
    }

    /// Adds a camera and returns its id.
    pub fn add_camera(&mut self, camera: Camera) -> crate::CameraId {
        self.cameras.push(camera);
        crate::CameraId(self.cameras.len() as u32 - 1)
    }

    /// Records that the data of a mesh changed, so renderers upload it again. Meshes
    /// added to [`Scene::meshes`] are picked up without this; edits in place are not.
    pub fn mark_mesh_changed(&mut self, id: crate::MeshId) {
        bump(&mut self.mesh_revisions, id.index(), self.created);
    }

    /// The revision of a mesh: a stamp that [`Scene::mark_mesh_changed`] replaces with a
    /// new one, and that no other scene's meshes share (so a renderer handed another
    /// scene uploads it afresh without being told).
    pub fn mesh_revision(&self, id: crate::MeshId) -> u64 {
        self.mesh_revisions
            .get(id.index())
            .copied()
            .unwrap_or(self.created)
    }

    /// Records that the pixels of an image changed, so renderers upload it again.
    pub fn mark_image_changed(&mut self, id: crate::ImageId) {
        bump(&mut self.image_revisions, id.index(), self.created);
    }

    /// The revision of an image, stamped like [`Scene::mesh_revision`].
    pub fn image_revision(&self, id: crate::ImageId) -> u64 {
        self.image_revisions
            .get(id.index())
            .copied()
            .unwrap_or(self.created)
    }

    /// The number of live nodes.
    pub fn node_count(&self) -> usize {
        self.node_count
    }

    /// The nodes without a parent, in insertion order.
    pub fn roots(&self) -> &[NodeId] {
        &self.roots
    }

    /// True when `id` names a live node.
    pub fn contains(&self, id: NodeId) -> bool {
        self.node(id).is_some()
    }

    /// The node, if `id` names a live one.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        if !self.worlds.is_live(id.index, id.generation) {
            return None;
        }
        Some(&self.nodes[id.index as usize])
    }

    /// The node for changing its plain data (name, mesh, light, extras, …).
    pub fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        if !self.worlds.is_live(id.index, id.generation) {
            return None;
        }
        Some(&mut self.nodes[id.index as usize])
    }

    fn live(&self, id: NodeId) -> Result<&Node> {
        self.node(id).ok_or(Error::UnknownNode(id))
    }

    fn live_mut(&mut self, id: NodeId) -> Result<&mut Node> {
        self.node_mut(id).ok_or(Error::UnknownNode(id))
    }

    /// Every live node with its id, in arena order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes.iter().enumerate().filter_map(|(index, node)| {
            let index = index as u32;
            let generation = self.worlds.live_generation(index)?;
            Some((NodeId { index, generation }, node))
        })
    }

    /// The first node with this name, in arena order.
    pub fn find_node(&self, name: &str) -> Option<NodeId> {
        self.nodes()
            .find(|(_, node)| node.name.as_deref() == Some(name))
            .map(|(id, _)| id)
    }

    /// Adds a node as the last child of `parent`, or as a new root.
    ///
    /// Any parent or children the node value carried are ignored: a new node starts as a
    /// leaf. Fails when `parent` is not a live node.
    pub fn add_node(&mut self, mut node: Node, parent: Option<NodeId>) -> Result<NodeId> {
        if let Some(parent) = parent {
            self.live(parent)?;
        }
        node.parent = parent;
        node.children.clear();
        let (parent_index, local) = (parent.map(|p| p.index), node.transform);
        let index = match self.free_slots.pop() {
            Some(index) => {
                self.nodes[index as usize] = node;
                self.worlds.revive(index, parent_index, local);
                index
            }
            None => {
                self.nodes.push(node);
                self.worlds.push(parent_index, local)
            }
        };
        let id = NodeId {
            index,
            generation: self.worlds.generation(index),
        };
        match parent {
            Some(parent) => self.live_mut(parent)?.children.push(id),
            None => self.roots.push(id),
        }
        self.node_count += 1;
        Ok(id)
    }

    /// Replaces a node's local transform. Takes constant time: the world matrices of
    /// the node's subtree are refreshed by the next [`Scene::update_transforms`] (and
    /// composed on the spot by a read before it).
    pub fn set_transform(&mut self, id: NodeId, transform: Transform) -> Result<()> {
        self.live(id)?;
        self.worlds.set_local(id.index, transform);
        Ok(())
    }

    /// Changes a node's local transform in place: `edit` gets the present one to change
    /// (some of its parts, say), then it is set as by [`Scene::set_transform`]. Fails,
    /// without calling `edit`, when `id` is not a live node.
    pub fn edit_transform(&mut self, id: NodeId, edit: impl FnOnce(&mut Transform)) -> Result<()> {
        if !self.worlds.is_live(id.index, id.generation) {
            return Err(Error::UnknownNode(id));
        }
        let mut transform = *self.worlds.local(id.index);
        edit(&mut transform);
        self.set_transform(id, transform)
    }

    /// Moves a node (with its subtree) under `parent`, or makes it a root. The local
    /// transform is kept, so the world transform changes with the new parent.
    ///
    /// Fails with [`Error::WouldCreateCycle`] when `parent` is the node itself or one of
    /// its descendants.
    pub fn set_parent(&mut self, child: NodeId, parent: Option<NodeId>) -> Result<()> {
        let old_parent = self.live(child)?.parent;
        if let Some(parent) = parent {
            self.live(parent)?;
            if self.is_ancestor_or_self(child, parent) {
                return Err(Error::WouldCreateCycle { child, parent });
            }
        }
        if old_parent == parent {
            return Ok(());
        }
        self.detach(child, old_parent);
        match parent {
            Some(parent) => self.live_mut(parent)?.children.push(child),
            None => self.roots.push(child),
        }
        self.live_mut(child)?.parent = parent;
        self.worlds.set_parent(child.index, parent.map(|p| p.index));
        Ok(())
    }

    /// Moves a node under `parent` (or to the roots) keeping where it is in the world:
    /// its local transform is recomputed against the new parent.
    pub fn set_parent_keep_world(&mut self, child: NodeId, parent: Option<NodeId>) -> Result<()> {
        let world = self.world_matrix(child).ok_or(Error::UnknownNode(child))?;
        let parent_world = match parent {
            Some(p) => self.world_matrix(p).ok_or(Error::UnknownNode(p))?,
            None => Mat4::IDENTITY,
        };
        self.set_parent(child, parent)?;
        let local = Transform::from_matrix(parent_world.inverse() * world);
        self.set_transform(child, local)
    }

    /// Removes a node and its whole subtree; returns the removed ids, the node first.
    /// Handles to them become stale (their slots are reused with a new generation).
    pub fn remove_node(&mut self, id: NodeId) -> Result<Vec<NodeId>> {
        let parent = self.live(id)?.parent;
        self.detach(id, parent);
        let removed: Vec<NodeId> = self.descendants(id).collect();
        for gone in &removed {
            self.nodes[gone.index as usize] = Node::new();
            self.worlds.free(gone.index);
            self.free_slots.push(gone.index);
        }
        self.node_count -= removed.len();
        Ok(removed)
    }

    /// The node and all its descendants, depth first, parents before children.
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut stack = if self.contains(id) { vec![id] } else { Vec::new() };
        std::iter::from_fn(move || {
            let next = stack.pop()?;
            if let Some(node) = self.node(next) {
                stack.extend(node.children.iter().rev());
            }
            Some(next)
        })
    }

    /// Every node reachable from the roots, depth first, parents before children.
    pub fn traverse(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.roots.iter().flat_map(move |root| self.descendants(*root))
    }

    /// True when `ancestor` is `node` or one of its ancestors.
    pub fn is_ancestor_or_self(&self, ancestor: NodeId, node: NodeId) -> bool {
        let mut current = Some(node);
        while let Some(id) = current {
            if id == ancestor {
                return true;
            }
            current = self.node(id).and_then(|n| n.parent);
        }
        false
    }

    /// Takes `id` out of its parent's children (or the roots).
    fn detach(&mut self, id: NodeId, parent: Option<NodeId>) {
        let list = match parent {
            Some(parent) => match self.node_mut(parent) {
                Some(p) => &mut p.children,
                None => return,
            },
            None => &mut self.roots,
        };
        list.retain(|c| *c != id);
    }

    /// The node's transform in world space. Always current: while changes wait for
    /// [`Scene::update_transforms`], the matrix of a node they reach is composed from
    /// its ancestors on the spot. `None` for a dead handle.
    pub fn world_matrix(&self, id: NodeId) -> Option<Mat4> {
        self.worlds
            .is_live(id.index, id.generation)
            .then(|| self.worlds.world(id.index))
    }

    /// True when some world matrix is out of date and [`Scene::update_transforms`] has work.
    pub fn transforms_dirty(&self) -> bool {
        self.worlds.has_pending()
    }

    /// True when the node in slot `index` (a live slot) changed since the last
    /// [`Scene::update_transforms`]: the cached world matrices of it and of its whole
    /// subtree are out of date.
    pub(crate) fn changed_since_update(&self, index: u32) -> bool {
        self.worlds.is_pending(index)
    }

    /// The cached world matrix of `index` (a live slot), current or not.
    pub(crate) fn cached_world(&self, index: u32) -> Mat4 {
        self.worlds.cached(index)
    }

    /// The number of node slots (live or free) and the world cache, for writers that
    /// set transforms in parts.
    pub(crate) fn world_cache_mut(&mut self) -> (usize, &mut WorldCache) {
        (self.nodes.len(), &mut self.worlds)
    }

    /// A count that moves with every change of a local transform or of the hierarchy
    /// (a node added, removed or moved to another parent) and with every
    /// [`Scene::split_transforms`]: what was worked out from the world matrices at one
    /// count holds while the count stays the same.
    pub fn transform_changes(&self) -> u64 {
        self.worlds.changes()
    }

    /// A count that moves with every change of the hierarchy only: nodes added,
    /// removed or moved to another parent.
    pub fn hierarchy_revision(&self) -> u64 {
        self.worlds.structure()
    }

    /// The local transform of a live node: relative to its parent (change it with
    /// [`Scene::set_transform`]).
    pub fn local_transform(&self, id: NodeId) -> Option<&Transform> {
        self.worlds
            .is_live(id.index, id.generation)
            .then(|| self.worlds.local(id.index))
    }

    /// Recomputes the cached world matrix of every node a change reached (each once).
    pub fn update_transforms(&mut self) {
        self.worlds.update();
    }
}

fn bump(revisions: &mut Vec<u64>, index: usize, created: u64) {
    if revisions.len() <= index {
        revisions.resize(index + 1, created);
    }
    revisions[index] = next_stamp();
}

#[cfg(test)]
mod tests {
    use super::*;
    use glam::{Quat, Vec3};

    fn translated(x: f32) -> Node {
        Node::new().with_transform(Transform::from_translation(Vec3::new(x, 0.0, 0.0)))
    }

    fn x_of(scene: &Scene, id: NodeId) -> f32 {
        scene.world_matrix(id).expect("live node").w_axis.x
    }

    #[test]
    fn revisions_change_with_marked_changes_and_never_repeat_across_scenes() {
        let mut scene = Scene::new();
        let mesh = crate::MeshId(3);
        let fresh = scene.mesh_revision(mesh);
        assert_eq!(scene.mesh_revision(crate::MeshId(0)), fresh);
        scene.mark_mesh_changed(mesh);
        let once = scene.mesh_revision(mesh);
        scene.mark_mesh_changed(mesh);
        let twice = scene.mesh_revision(mesh);
        assert!(once != fresh && twice != once && twice != fresh);
        assert_eq!(
            scene.mesh_revision(crate::MeshId(0)),
            fresh,
            "unmarked meshes keep theirs"
        );
        let image = scene.image_revision(crate::ImageId(0));
        scene.mark_image_changed(crate::ImageId(0));
        assert_ne!(scene.image_revision(crate::ImageId(0)), image);
        // A clone is the same data, so it keeps the revisions; a new scene shares none.
        assert_eq!(scene.clone().mesh_revision(mesh), twice);
        let other = Scene::new();
        for revision in [fresh, once, twice] {
            assert_ne!(other.mesh_revision(mesh), revision);
            assert_ne!(other.mesh_revision(crate::MeshId(0)), revision);
        }
    }

    #[test]
    fn world_transforms_compose_down_the_hierarchy() {
        let mut scene = Scene::new();
        let a = scene.add_node(translated(1.0), None).unwrap();
        let b = scene.add_node(translated(2.0), Some(a)).unwrap();
        let c = scene.add_node(translated(4.0), Some(b)).unwrap();
        assert_eq!(x_of(&scene, c), 7.0);
        scene.update_transforms();
        assert!(!scene.transforms_dirty());
        assert_eq!(x_of(&scene, c), 7.0);

        scene
            .set_transform(a, Transform::from_translation(Vec3::new(10.0, 0.0, 0.0)))
            .unwrap();
        // Correct before and after the update.
        assert_eq!(x_of(&scene, c), 16.0);
        assert_eq!(x_of(&scene, b), 12.0);
        scene.update_transforms();
        assert_eq!(x_of(&scene, c), 16.0);
        assert_eq!(scene.cached_world(c.index).w_axis.x, 16.0);
    }

    #[test]
    fn rotation_and_scale_of_parents_apply_to_children() {
        let mut scene = Scene::new();
        let parent = scene
            .add_node(
                Node::new().with_transform(Transform {
                    translation: Vec3::new(0.0, 1.0, 0.0),
                    rotation: Quat::from_rotation_y(std::f32::consts::FRAC_PI_2),
                    scale: Vec3::splat(2.0),
                }),
                None,
            )
            .unwrap();
        let child = scene.add_node(translated(1.0), Some(parent)).unwrap();
        scene.update_transforms();
        let p = scene.world_matrix(child).unwrap().transform_point3(Vec3::ZERO);
        // +x rotated about y by 90° is -z, scaled by 2, then raised by 1.
        assert!(p.abs_diff_eq(Vec3::new(0.0, 1.0, -2.0), 1e-5), "{p}");
    }

    #[test]
    fn only_dirty_subtrees_are_recomputed_and_siblings_keep_their_cache() {
        let mut scene = Scene::new();
        let root = scene.add_node(translated(1.0), None).unwrap();
        let left = scene.add_node(translated(1.0), Some(root)).unwrap();
        let right = scene.add_node(translated(5.0), Some(root)).unwrap();
        scene.update_transforms();
        scene
            .set_transform(left, Transform::from_translation(Vec3::new(3.0, 0.0, 0.0)))
            .unwrap();
        assert!(scene.changed_since_update(left.index));
        assert!(!scene.changed_since_update(right.index));
        assert!(!scene.changed_since_update(root.index));
        scene.update_transforms();
        assert_eq!(x_of(&scene, left), 4.0);
        assert_eq!(x_of(&scene, right), 6.0);
    }

    #[test]
    fn reparenting_moves_the_subtree_and_rejects_cycles() {
        let mut scene = Scene::new();
        let a = scene.add_node(translated(1.0), None).unwrap();
        let b = scene.add_node(translated(10.0), None).unwrap();
        let c = scene.add_node(translated(100.0), Some(a)).unwrap();
        let d = scene.add_node(translated(1000.0), Some(c)).unwrap();
        scene.update_transforms();
        assert_eq!(x_of(&scene, d), 1101.0);

        scene.set_parent(c, Some(b)).unwrap();
        assert_eq!(scene.node(a).unwrap().children(), &[] as &[NodeId]);
        assert_eq!(scene.node(b).unwrap().children(), &[c]);
        assert_eq!(scene.node(c).unwrap().parent(), Some(b));
        assert_eq!(x_of(&scene, d), 1110.0);

        assert!(matches!(
            scene.set_parent(b, Some(d)),
            Err(Error::WouldCreateCycle { .. })
        ));
        assert!(matches!(
            scene.set_parent(b, Some(b)),
            Err(Error::WouldCreateCycle { .. })
        ));
        // The failed calls changed nothing.
        assert_eq!(scene.roots(), &[a, b]);
        assert_eq!(scene.node(b).unwrap().parent(), None);

        scene.set_parent(c, None).unwrap();
        assert_eq!(scene.roots(), &[a, b, c]);
        assert_eq!(x_of(&scene, d), 1100.0);
    }

    #[test]
    fn reparenting_can_keep_the_world_transform() {
        let mut scene = Scene::new();
        let a = scene.add_node(translated(3.0), None).unwrap();
        let b = scene.add_node(translated(-2.0), None).unwrap();
        scene.set_parent_keep_world(b, Some(a)).unwrap();
        assert!((x_of(&scene, b) - -2.0).abs() < 1e-6);
        assert!((scene.local_transform(b).unwrap().translation.x - -5.0).abs() < 1e-6);
    }

    #[test]
    fn removal_takes_the_subtree_and_invalidates_handles() {
        let mut scene = Scene::new();
        let a = scene.add_node(translated(1.0), None).unwrap();
        let b = scene.add_node(translated(1.0), Some(a)).unwrap();
        let c = scene.add_node(translated(1.0), Some(b)).unwrap();
        let other = scene.add_node(translated(1.0), Some(a)).unwrap();
        let removed = scene.remove_node(b).unwrap();
        assert_eq!(removed, vec![b, c]);
        assert_eq!(scene.node_count(), 2);
        assert!(!scene.contains(b) && !scene.contains(c));
        assert_eq!(scene.node(a).unwrap().children(), &[other]);
        assert!(matches!(
            scene.set_transform(c, Transform::IDENTITY),
            Err(Error::UnknownNode(_))
        ));

        // Slots are reused with a new generation; old handles stay dead.
        let fresh = scene.add_node(Node::new(), None).unwrap();
        assert!(fresh.index() == b.index() || fresh.index() == c.index());
        assert_ne!(fresh, b);
        assert_ne!(fresh, c);
        assert!(!scene.contains(c) && !scene.contains(b));
        scene.update_transforms(); // stale dirty entries are skipped
        assert_eq!(scene.traverse().count(), 3);
    }

    #[test]
    fn traversal_visits_parents_before_children_in_order() {
        let mut scene = Scene::new();
        let r = scene.add_node(Node::new().with_name("r"), None).unwrap();
        let a = scene.add_node(Node::new().with_name("a"), Some(r)).unwrap();
        let b = scene.add_node(Node::new().with_name("b"), Some(r)).unwrap();
        let a1 = scene.add_node(Node::new().with_name("a1"), Some(a)).unwrap();
        let s = scene.add_node(Node::new().with_name("s"), None).unwrap();
        assert_eq!(scene.traverse().collect::<Vec<_>>(), vec![r, a, a1, b, s]);
        assert_eq!(scene.find_node("a1"), Some(a1));
        assert_eq!(scene.find_node("zzz"), None);
        assert!(scene.is_ancestor_or_self(r, a1));
        assert!(!scene.is_ancestor_or_self(b, a1));
        assert!(matches!(
            scene.add_node(
                Node::new(),
                Some(NodeId {
                    index: 99,
                    generation: 0
                })
            ),
            Err(Error::UnknownNode(_))
        ));
    }

    #[test]
    fn deep_chains_do_not_overflow_the_stack() {
        let mut scene = Scene::new();
        let mut parent = None;
        let mut last = None;
        for _ in 0..200_000 {
            let id = scene.add_node(translated(1.0), parent).unwrap();
            parent = Some(id);
            last = Some(id);
        }
        let last = last.unwrap();
        assert_eq!(x_of(&scene, last), 200_000.0);
        scene.update_transforms();
        assert_eq!(x_of(&scene, last), 200_000.0);
        assert_eq!(scene.traverse().count(), 200_000);
    }
}

//! Where visitors start and go in a glTF venue: the spawn and tour nodes a venue's
//! export writes (see [`crate::gltf_form`]) read back and taken out of the scene, or,
//! in a file without them, a spawn at the scene's camera or in front of its bounds.

use crate::compiled::{Exhibit, Spawn, Tour, TourStop};
use crate::document::defaults::DWELL_SECONDS;
use crate::gltf_form::{SPAWN_KEY, STOP_KEY, StopJson, TOUR_KEY, text};
use glam::{Mat4, Vec3};
use museion_scene::{NodeId, PointerTarget, Scene, VisitorSettings};
use std::collections::{HashMap, HashSet};

/// The spawns and tours the file names, with the nodes that held them taken out of
/// `scene` (unless something else hangs under them) together with the cameras only they
/// used. Problems are pushed to `warnings`.
pub(super) fn take(
    scene: &mut Scene,
    visitor: &VisitorSettings,
    exhibits: &[Exhibit],
    warnings: &mut Vec<String>,
) -> (Vec<Spawn>, Vec<Tour>) {
    let exhibit_index: HashMap<&str, usize> = exhibits
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut spawns = Vec::new();
    let mut tours = Vec::new();
    let mut marked = Vec::new();
    let order: Vec<NodeId> = scene.traverse().collect();
    for id in order {
        let Some(node) = scene.node(id) else { continue };
        let Some(extras) = node.extras.as_ref() else {
            continue;
        };
        if let Some(info) = extras.get(SPAWN_KEY) {
            let name = text(info, "id")
                .or_else(|| node.name.clone())
                .unwrap_or_else(|| format!("spawn {}", spawns.len()));
            let Some(world) = scene.world_matrix(id) else {
                continue;
            };
            let (eye, forward) = view(world);
            if spawns.iter().any(|s: &Spawn| s.id == name) {
                warnings.push(format!("spawn \"{name}\" is given twice; the first is used"));
            }
            spawns.push(Spawn {
                id: name,
                position: eye - Vec3::Y * visitor.eye_height,
                yaw: Spawn::yaw_toward(forward),
            });
            marked.push(id);
        } else if let Some(info) = extras.get(TOUR_KEY) {
            let tour_id = text(info, "id")
                .or_else(|| node.name.clone())
                .unwrap_or_else(|| format!("tour {}", tours.len()));
            let children = node.children().to_vec();
            let stops = children
                .iter()
                .filter_map(|child| stop(scene, *child, &tour_id, &exhibit_index, warnings))
                .collect();
            if tours.iter().any(|t: &Tour| t.id == tour_id) {
                warnings.push(format!("tour \"{tour_id}\" is given twice; the first is used"));
            }
            tours.push(Tour {
                id: tour_id,
                name: text(info, "name"),
                stops,
            });
            marked.push(id);
        } else if extras.get(STOP_KEY).is_some() && !is_tour(scene, node.parent()) {
            warnings.push(format!("node {id}: a tour stop outside a tour node is ignored"));
        }
    }
    remove(scene, &marked);
    (spawns, tours)
}

/// Where a node's camera is and the unit direction it looks (its −Z).
fn view(world: Mat4) -> (Vec3, Vec3) {
    let eye = world.transform_point3(Vec3::ZERO);
    let forward = world
        .transform_vector3(Vec3::NEG_Z)
        .try_normalize()
        .unwrap_or(Vec3::NEG_Z);
    (eye, forward)
}

fn is_tour(scene: &Scene, node: Option<NodeId>) -> bool {
    node.and_then(|n| scene.node(n))
        .and_then(|n| n.extras.as_ref())
        .is_some_and(|e| e.get(TOUR_KEY).is_some())
}

/// A child of a tour node as a stop, if it is one.
fn stop(
    scene: &Scene,
    id: NodeId,
    tour: &str,
    exhibits: &HashMap<&str, usize>,
    warnings: &mut Vec<String>,
) -> Option<TourStop> {
    let node = scene.node(id)?;
    let Some(info) = node.extras.as_ref().and_then(|e| e.get(STOP_KEY)) else {
        warnings.push(format!(
            "tour \"{tour}\": child node {id} has no extras.{STOP_KEY}; it is not a stop"
        ));
        return None;
    };
    let at = format!("tour \"{tour}\": node {id}: extras.{STOP_KEY}");
    let json = StopJson::from_json(info, &at, warnings);
    let (eye, forward) = view(scene.world_matrix(id)?);
    let exhibit = json.exhibit.as_deref().and_then(|name| {
        let index = exhibits.get(name).copied();
        if index.is_none() {
            warnings.push(format!("{at}: exhibit \"{name}\" is not in the file"));
        }
        index
    });
    Some(TourStop {
        exhibit,
        eye,
        target: eye + forward * json.distance.unwrap_or(1.0),
        dwell: json.dwell.unwrap_or(DWELL_SECONDS),
        caption: json.caption,
        caption_translations: json.translations,
    })
}

/// Removes the spawn and tour nodes whose subtrees hold nothing else (no mesh, light
/// or node other than spawns, tours and stops), then the cameras at the end of the
/// scene's list that nothing uses any more.
fn remove(scene: &mut Scene, marked: &[NodeId]) {
    let is_visit = |scene: &Scene, id: NodeId| {
        scene.node(id).is_some_and(|n| {
            n.mesh.is_none()
                && n.light.is_none()
                && n.extras.as_ref().is_some_and(|e| {
                    [SPAWN_KEY, TOUR_KEY, STOP_KEY]
                        .iter()
                        .any(|key| e.get(*key).is_some())
                })
        })
    };
    for &id in marked {
        if scene.contains(id) && scene.descendants(id).all(|n| is_visit(scene, n)) {
            // `id` is live: removal cannot fail.
            let _removed = scene.remove_node(id);
        }
    }
    let used: HashSet<usize> = scene
        .nodes()
        .filter_map(|(_, n)| n.camera.map(|c| c.index()))
        .chain(scene.animations.iter().flat_map(|a| {
            a.pointer_channels.iter().filter_map(|c| match c.target {
                PointerTarget::Camera { camera, .. } => Some(camera.index()),
                _ => None,
            })
        }))
        .collect();
    while scene
        .cameras
        .len()
        .checked_sub(1)
        .is_some_and(|last| !used.contains(&last))
    {
        scene.cameras.pop();
    }
}

/// In a file without spawn nodes: at the first camera (feet an eye height below it,
/// facing where it looks), else in front of the scene's bounds (on the +Z side, looking
/// toward -Z).
pub(super) fn default_spawn(scene: &Scene, visitor: &VisitorSettings) -> Spawn {
    let bounds = scene.stats().bounds;
    let camera = scene
        .world_nodes()
        .find(|(id, _)| scene.node(*id).is_some_and(|n| n.camera.is_some()));
    if let Some((_, world)) = camera {
        let (eye, forward) = view(world);
        let floor = if bounds.is_empty() {
            eye.y - visitor.eye_height
        } else {
            (eye.y - visitor.eye_height).max(bounds.min.y)
        };
        return Spawn {
            id: "camera".into(),
            position: Vec3::new(eye.x, floor, eye.z),
            yaw: Spawn::yaw_toward(forward),
        };
    }
    if bounds.is_empty() {
        return Spawn {
            id: "origin".into(),
            position: Vec3::ZERO,
            yaw: 0.0,
        };
    }
    let size = bounds.size();
    let distance = (size.x.max(size.y) * 0.75).max(2.0);
    Spawn {
        id: "front".into(),
        position: Vec3::new(bounds.center().x, bounds.min.y, bounds.max.z + distance),
        yaw: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::{Camera, Node, Projection, Transform};
    use serde_json::{Value, json};

    fn camera_node(scene: &mut Scene, extras: Value, at: Vec3, parent: Option<NodeId>) -> NodeId {
        let camera = scene.add_camera(Camera {
            name: None,
            projection: Projection::Perspective {
                yfov: 1.0,
                aspect_ratio: None,
                znear: 0.1,
                zfar: None,
            },
        });
        let mut node = Node::new().with_transform(Transform::from_translation(at));
        node.camera = Some(camera);
        node.extras = Some(extras);
        scene.add_node(node, parent).expect("a live parent")
    }

    #[test]
    fn spawns_and_tours_are_read_and_their_nodes_and_cameras_removed() {
        let mut scene = Scene::new();
        let kept = scene
            .add_node(Node::new().with_name("floor"), None)
            .expect("a root");
        camera_node(
            &mut scene,
            json!({ "spawn": { "id": "door" } }),
            Vec3::new(1.0, 1.65, 2.0),
            None,
        );
        let mut tour = Node::new();
        tour.extras = Some(json!({ "tour": { "id": "t", "name": "The tour" } }));
        let tour = scene.add_node(tour, None).expect("a root");
        let stop =
            json!({ "tour_stop": { "distance": 2.0, "dwell": 4, "caption": "Here", "exhibit": "gone" } });
        camera_node(&mut scene, stop, Vec3::new(0.0, 1.6, 0.0), Some(tour));
        scene.update_transforms();
        let mut warnings = Vec::new();
        let visitor = VisitorSettings::default();
        let (spawns, tours) = take(&mut scene, &visitor, &[], &mut warnings);
        assert_eq!(spawns.len(), 1);
        assert_eq!(spawns[0].id, "door");
        assert!(spawns[0].position.distance(Vec3::new(1.0, 0.0, 2.0)) < 1e-6);
        assert_eq!(spawns[0].yaw, 0.0);
        assert_eq!(tours.len(), 1);
        assert_eq!(tours[0].name.as_deref(), Some("The tour"));
        let stop = &tours[0].stops[0];
        assert!(stop.target.distance(Vec3::new(0.0, 1.6, -2.0)) < 1e-6);
        assert_eq!(
            (stop.dwell, stop.caption.as_deref(), stop.exhibit),
            (4.0, Some("Here"), None)
        );
        assert_eq!(warnings.len(), 1, "the unknown exhibit: {warnings:?}");
        assert_eq!(scene.node_count(), 1);
        assert!(scene.contains(kept));
        assert!(scene.cameras.is_empty());
    }

    #[test]
    fn a_spawn_node_with_content_under_it_stays_and_keeps_its_camera() {
        let mut scene = Scene::new();
        let spawn = camera_node(&mut scene, json!({ "spawn": {} }), Vec3::ZERO, None);
        let mut light = Node::new();
        light.light = Some(museion_scene::LightId(0));
        scene.add_node(light, Some(spawn)).expect("a live parent");
        scene.update_transforms();
        let (spawns, _) = take(&mut scene, &VisitorSettings::default(), &[], &mut Vec::new());
        assert_eq!(spawns.len(), 1);
        assert_eq!(
            spawns[0].id, "spawn 0",
            "named by its place without an id or a name"
        );
        assert!(scene.contains(spawn));
        assert_eq!(scene.cameras.len(), 1);
    }
}

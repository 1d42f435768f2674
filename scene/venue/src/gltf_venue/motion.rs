//! What a venue's export marks beside its spawns and tours, read back: the rooms on
//! their nodes, the clips the model exhibits loop, and the guide on its root node (see
//! [`crate::gltf_form::rooms`] and [`crate::gltf_form::motion`]).

use crate::compiled::{Exhibit, Guide, Room, Tour, VenueAnimation};
use crate::gltf_form::VENUE_KEY;
use crate::gltf_form::motion::{GUIDE_KEY, guide_from_json, loops_from_json};
use crate::gltf_form::rooms::{ROOM_KEY, room_from_json};
use museion_scene::Scene;

/// The rooms marked on the scene's nodes, in hierarchy order; a room id given twice
/// keeps its first room.
pub(super) fn rooms(scene: &Scene, warnings: &mut Vec<String>) -> Vec<Room> {
    let mut rooms: Vec<Room> = Vec::new();
    for id in scene.traverse() {
        let Some(info) = scene
            .node(id)
            .and_then(|n| n.extras.as_ref())
            .and_then(|e| e.get(ROOM_KEY))
        else {
            continue;
        };
        let at = format!("node {id}: extras.{ROOM_KEY}");
        let Some(room) = room_from_json(info, id, &at, warnings) else {
            continue;
        };
        if rooms.iter().any(|r| r.id == room.id) {
            warnings.push(format!(
                "{at}: room \"{}\" is given twice; the first is used",
                room.id
            ));
            continue;
        }
        rooms.push(room);
    }
    rooms
}

/// The clips the exhibits loop, from the scene's `extras.venue.loops`; a loop naming an
/// exhibit the file does not have is left out with a warning.
pub(super) fn loops(scene: &Scene, exhibits: &[Exhibit], warnings: &mut Vec<String>) -> Vec<VenueAnimation> {
    let Some(venue) = scene.extras.as_ref().and_then(|e| e.get(VENUE_KEY)) else {
        return Vec::new();
    };
    loops_from_json(venue, scene, warnings)
        .into_iter()
        .filter_map(|l| {
            let exhibit = exhibits.iter().position(|e| e.id == l.exhibit);
            if exhibit.is_none() {
                warnings.push(format!(
                    "extras.venue.loops: exhibit \"{}\" is not in the file; its loop is left out",
                    l.exhibit
                ));
            }
            Some(VenueAnimation {
                animation: l.animation,
                exhibit: exhibit?,
            })
        })
        .collect()
}

/// The guide marked on a root node, when it walks one of `tours` that has stops; a
/// second guide node (even after a first one that could not be read), or one that is not
/// a root, is a warning.
pub(super) fn guide(
    scene: &Scene,
    tours: &[Tour],
    eye_height: f32,
    warnings: &mut Vec<String>,
) -> Option<Guide> {
    let mut found = None;
    let mut seen = false;
    for id in scene.traverse() {
        let Some(info) = scene
            .node(id)
            .and_then(|n| n.extras.as_ref())
            .and_then(|e| e.get(GUIDE_KEY))
        else {
            continue;
        };
        if std::mem::replace(&mut seen, true) {
            warnings.push(format!("node {id}: a second guide is ignored"));
            continue;
        }
        if scene.node(id).and_then(|n| n.parent()).is_some() {
            warnings.push(format!("node {id}: a guide must be a root node; ignored"));
            continue;
        }
        let Some(guide) = guide_from_json(info, id, scene, eye_height, warnings) else {
            continue;
        };
        if !tours.iter().any(|t| t.id == guide.tour && !t.stops.is_empty()) {
            warnings.push(format!(
                "node {id}: the guide's tour \"{}\" is not a tour of the file with stops; the figure stands still",
                guide.tour
            ));
            continue;
        }
        found = Some(guide);
    }
    found
}

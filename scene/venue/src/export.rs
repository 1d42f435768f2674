//! A compiled venue turned into a scene to write as glTF that, loaded again as a venue,
//! behaves as the venue did: its spawns and tours as camera nodes, its rooms and guide
//! marked on their nodes, and its visitor, languages, environment, loops and bake in
//! the scene's `extras` (see [`crate::gltf_form`]); and that other glTF tools read the
//! labels of: XMP packets on the exhibits and the asset.

use crate::compiled::{CompiledVenue, TourStop};
use crate::error::VenueError;
use crate::gltf_form::motion::{GUIDE_KEY, LoopJson, guide_json, loops_json};
use crate::gltf_form::rooms::{ROOM_KEY, room_json};
use crate::gltf_form::{
    CAMERA_NAME, CAMERA_YFOV_DEGREES, EnvironmentJson, SPAWN_KEY, STOP_KEY, StopJson, TOUR_KEY, VENUE_KEY,
    VenueSettings, embedded,
};
use crate::metadata::ExhibitMetadata;
use crate::view::VIEW_ZNEAR;
use crate::xmp::venue_xmp;
use glam::{Mat3, Quat, Vec3};
use museion_scene::{Camera, CameraId, EnvironmentSource, Node, Projection, Scene, Transform};
use serde_json::{Value, json};

/// The venue's scene, ready for [`museion_gltf::to_glb_bytes`], with what makes it a
/// venue beside its exhibits (whose labels its nodes' `extras` already carry):
///
/// - each spawn as a root node named `spawn ID` with a perspective camera (60° high) at
///   the visitor's eyes, looking along the spawn's heading, and `extras.spawn = {"id"}`;
/// - each tour as a root node named `tour ID` with `extras.tour = {"id", "name"}`, whose
///   children are its stops in order: nodes named `ID stop N` (N from 0) with the same
///   camera, at the stop's eye looking at its target, and `extras.tour_stop` holding the
///   distance to the target, the dwell, the caption with its translations and the id of
///   the exhibit shown;
/// - the scene's `extras.venue`: the format, the languages, the visitor's settings, the
///   environment (a file environment by its name only: [`export_glb`] embeds the file),
///   the wall thickness, the bake's settings and the clips the model exhibits loop
///   (`loops`: each exhibit's id with its clip's index and name);
/// - each room's `extras.room` on its node: id, name, floor polygon, elevation, height
///   and wall pieces, so that the file can be baked;
/// - the guide's `extras.guide` on its root node: its clips (index and name), tour,
///   pace, stride, cycle, lead, eye height, stand points and the floor it walks on (the
///   figure itself — nodes, skinned mesh, skin, clips — is ordinary scene content);
/// - XMP metadata (`KHR_xmp_json_ld`, see [`ExhibitMetadata::to_xmp`]): each exhibit's
///   label as a packet on its node, over the packet it had (its other properties stay),
///   and the venue's name and languages on the asset ([`venue_xmp`]), so that other
///   glTF tools show each work's title, creator and rights.
///
/// Other `extras` members of the scene stay (the provenance, say). Loading the written
/// file with [`load`](crate::load) gives back these spawns (yaw in (−π, π]), tours,
/// rooms, loops and guide, and leaves the spawn and tour nodes out of the venue's
/// scene, so an export of that venue writes them once.
pub fn export_scene(venue: CompiledVenue) -> Scene {
    let CompiledVenue {
        name,
        mut scene,
        rooms,
        spawns,
        tours,
        exhibits,
        animations,
        guide,
        visitor,
        environment,
        wall_thickness,
        bake,
        languages,
        language,
        ..
    } = venue;
    for room in &rooms {
        if let Some(node) = scene.node_mut(room.node) {
            put(&mut node.extras, ROOM_KEY, room_json(room));
        }
    }
    if let Some(guide) = &guide {
        let json = guide_json(&scene, guide);
        if let Some(node) = scene.node_mut(guide.node) {
            put(&mut node.extras, GUIDE_KEY, json);
        }
    }
    let loops: Vec<LoopJson> = animations
        .iter()
        .filter_map(|a| {
            let exhibit = exhibits.get(a.exhibit)?;
            Some(LoopJson {
                exhibit: exhibit.id.clone(),
                animation: a.animation,
            })
        })
        .collect();
    for exhibit in &exhibits {
        if exhibit.metadata == ExhibitMetadata::default() {
            continue;
        }
        if let Some(node) = scene.node_mut(exhibit.node) {
            node.xmp = Some(exhibit.metadata.to_xmp(language.as_deref(), node.xmp.as_ref()));
        }
    }
    scene.asset_xmp = Some(venue_xmp(
        name.as_deref(),
        language.as_deref(),
        &languages,
        scene.asset_xmp.as_ref(),
    ));
    let settings = VenueSettings {
        language,
        languages,
        visitor,
        environment: Some(EnvironmentJson::of(&environment)),
        wall_thickness: Some(wall_thickness),
        bake: Some(bake),
    };
    let mut settings = settings.to_json();
    if !loops.is_empty() {
        settings["loops"] = loops_json(&scene, &loops);
    }
    put(&mut scene.extras, VENUE_KEY, settings);
    if spawns.is_empty() && tours.iter().all(|t| t.stops.is_empty()) {
        return scene;
    }
    let camera = scene.add_camera(Camera {
        name: Some(CAMERA_NAME.into()),
        projection: Projection::Perspective {
            yfov: CAMERA_YFOV_DEGREES.to_radians(),
            aspect_ratio: None,
            znear: VIEW_ZNEAR,
            zfar: None,
        },
    });
    for spawn in &spawns {
        let eye = spawn.position + Vec3::Y * visitor.eye_height;
        add(
            &mut scene,
            None,
            camera_node(
                format!("spawn {}", spawn.id),
                camera,
                Transform {
                    translation: eye,
                    rotation: Quat::from_rotation_y(spawn.yaw),
                    scale: Vec3::ONE,
                },
            ),
            json!({ SPAWN_KEY: { "id": spawn.id } }),
        );
    }
    for tour in &tours {
        let mut info = json!({ "id": tour.id });
        if let Some(name) = &tour.name {
            info["name"] = json!(name);
        }
        let mut group = Node::new().with_name(format!("tour {}", tour.id));
        group.extras = Some(json!({ TOUR_KEY: info }));
        let Ok(group) = scene.add_node(group, None) else {
            continue;
        };
        for (i, stop) in tour.stops.iter().enumerate() {
            let exhibit = stop.exhibit.and_then(|e| exhibits.get(e)).map(|e| e.id.clone());
            let node = camera_node(format!("{} stop {i}", tour.id), camera, stop_transform(stop));
            add(&mut scene, Some(group), node, stop_json(stop, exhibit));
        }
    }
    scene.update_transforms();
    scene
}

/// The JSON pointer of the embedded environment's buffer view.
const EMBEDDED_VIEW: &str = "/scenes/0/extras/venue/environment/embedded/bufferView";

/// The venue as the bytes of one self-contained GLB file: [`export_scene`], with a file
/// environment's `.hdr` or `.exr` bytes stored unchanged in the binary chunk
/// (`extras.venue.environment.embedded`: `{"bufferView", "media_type", "byte_length"}`),
/// so that the file lights as the venue did wherever it is copied. An environment file
/// that can no longer be read is [`VenueError::EmbedEnvironment`].
pub fn export_glb(venue: CompiledVenue) -> Result<Vec<u8>, VenueError> {
    let file = match &venue.environment.source {
        EnvironmentSource::File(path) => embedded::media_type(path).map(|kind| (path.clone(), kind)),
        _ => None,
    };
    let bytes = match &file {
        Some((path, _)) => Some(
            std::fs::read(path).map_err(|source| VenueError::EmbedEnvironment {
                path: path.clone(),
                source,
            })?,
        ),
        None => None,
    };
    let mut scene = export_scene(venue);
    let (Some((_, kind)), Some(bytes)) = (file, bytes) else {
        return Ok(museion_gltf::to_glb_bytes(&scene)?);
    };
    if scene.roots().is_empty() {
        // The document has no scene to hold the environment's name.
        return Ok(museion_gltf::to_glb_bytes(&scene)?);
    }
    if let Some(environment) = scene
        .extras
        .as_mut()
        .and_then(|e| e.get_mut(VENUE_KEY))
        .and_then(|v| v.get_mut("environment"))
    {
        environment["embedded"] = embedded::embedded_json(kind, bytes.len());
    }
    let attachment = museion_gltf::Attachment {
        bytes: &bytes,
        pointer: EMBEDDED_VIEW,
    };
    Ok(museion_gltf::to_glb_bytes_with(&scene, &[attachment])?)
}

fn camera_node(name: String, camera: CameraId, transform: Transform) -> Node {
    let mut node = Node::new().with_name(name).with_transform(transform);
    node.camera = Some(camera);
    node
}

fn add(scene: &mut Scene, parent: Option<museion_scene::NodeId>, mut node: Node, extras: Value) {
    node.extras = Some(extras);
    // The parent, when given, was just added: adding cannot fail.
    if scene.add_node(node, parent).is_err() {
        log::warn!("a spawn or tour stop could not be added to the exported scene");
    }
}

fn stop_json(stop: &TourStop, exhibit: Option<String>) -> Value {
    let json = StopJson {
        distance: Some(stop.eye.distance(stop.target)).filter(|d| *d > 0.0),
        dwell: Some(stop.dwell),
        caption: stop.caption.clone(),
        translations: stop.caption_translations.clone(),
        exhibit,
    };
    json!({ STOP_KEY: json.to_json() })
}

/// A camera at the stop's eye whose view (its −Z) runs toward the target, its up as
/// near +Y as the view allows.
fn stop_transform(stop: &TourStop) -> Transform {
    Transform {
        translation: stop.eye,
        rotation: look_rotation(stop.target - stop.eye),
        scale: Vec3::ONE,
    }
}

/// The rotation turning −Z into `direction` with +X kept horizontal; the identity for
/// a zero direction.
pub(crate) fn look_rotation(direction: Vec3) -> Quat {
    let Some(forward) = direction.try_normalize() else {
        return Quat::IDENTITY;
    };
    let right = forward.cross(Vec3::Y).try_normalize().unwrap_or(Vec3::X);
    let up = right.cross(forward);
    Quat::from_mat3(&Mat3::from_cols(right, up, -forward)).normalize()
}

/// Sets `extras[key]`, keeping the other members of an object.
fn put(extras: &mut Option<Value>, key: &str, value: Value) {
    match extras {
        Some(Value::Object(members)) => {
            members.insert(key.into(), value);
        }
        other => *other = Some(json!({ key: value })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_look_rotation_turns_the_view_toward_the_direction_keeping_right_level() {
        for direction in [
            Vec3::new(1.0, 0.0, 0.0),
            Vec3::new(0.3, -0.2, 2.0),
            Vec3::new(0.0, 0.0, -4.0),
            Vec3::new(0.0, 3.0, 0.0),
        ] {
            let q = look_rotation(direction);
            let view = q * Vec3::NEG_Z;
            assert!(view.distance(direction.normalize()) < 1e-5, "{direction}: {view}");
            assert!((q * Vec3::X).y.abs() < 1e-5, "{direction}");
        }
        assert_eq!(look_rotation(Vec3::ZERO), Quat::IDENTITY);
    }
}

//! A plain `.gltf`/`.glb` scene used as a venue: nodes whose `extras` carry an
//! `exhibit` object become exhibits, every mesh node gets a static mesh collider, and
//! visitors start at the scene's camera or in front of its bounds.

use super::compiled::{CompileReport, CompiledVenue, Exhibit, ExhibitKind, ExhibitSurface, Spawn};
use super::error::VenueError;
use super::languages::{reading_order, translation_codes};
use super::metadata::ExhibitMetadata;
use super::sensitivity::LightSensitivity;
use glam::Vec3;
use museion_files::FileScope;
use museion_scene::EnvironmentChoice;
use museion_scene::{Aabb, BodyKind, ColliderShape, ColliderSpec, NodeId, Scene, VisitorSettings};
use std::collections::HashMap;
use std::path::Path;

/// Loads a glTF scene as a venue; what it names must lie in `scope`.
pub(crate) fn load(path: &Path, scope: &FileScope) -> Result<CompiledVenue, VenueError> {
    let options = museion_gltf::ImportOptions {
        scope: Some(scope.clone()),
        ..Default::default()
    };
    let imported = museion_gltf::import_with(path, &options)?;
    let scene = imported.scene;
    let visitor = VisitorSettings::default();
    let exhibits = exhibits(&scene);
    let exhibit_of: HashMap<NodeId, usize> = exhibits
        .iter()
        .enumerate()
        .flat_map(|(i, e)| scene.descendants(e.node).map(move |n| (n, i)))
        .collect();
    let colliders = scene
        .traverse()
        .filter(|id| scene.node(*id).is_some_and(|n| n.mesh.is_some()))
        .map(|node| ColliderSpec {
            node,
            shape: ColliderShape::Mesh,
            body: BodyKind::Static,
            exhibit: exhibit_of.get(&node).copied(),
        })
        .collect();
    let spawn = spawn(&scene, &visitor);
    let mut dependencies = vec![path.to_path_buf()];
    dependencies.extend(museion_gltf::external_files(path));
    log::info!(
        "venue {}: glTF scene with {} exhibits",
        path.display(),
        exhibits.len()
    );
    let languages = reading_order(None, None, &translation_codes(&exhibits, &[]));
    Ok(CompiledVenue {
        name: scene.name.clone(),
        rooms: Vec::new(),
        exhibits,
        colliders,
        spawns: vec![spawn],
        tours: Vec::new(),
        animations: Vec::new(),
        guide: None,
        visitor,
        environment: EnvironmentChoice::default(),
        wall_thickness: crate::document::defaults::WALL_THICKNESS,
        bake: crate::BakeSettings::default(),
        languages,
        language: None,
        fonts: Vec::new(),
        dependencies,
        report: CompileReport {
            models_imported: 1,
            warnings: imported.report.warnings.iter().map(|w| w.to_string()).collect(),
            ..CompileReport::default()
        },
        scene,
    })
}

/// Nodes with `extras.exhibit`, in hierarchy order.
fn exhibits(scene: &Scene) -> Vec<Exhibit> {
    let mut out = Vec::new();
    for id in scene.traverse() {
        let Some(node) = scene.node(id) else { continue };
        let Some(info) = node
            .extras
            .as_ref()
            .and_then(|e| e.get("exhibit"))
            .filter(|e| e.is_object())
        else {
            continue;
        };
        let text = |key: &str| info.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let exhibit_id = text("id")
            .or_else(|| node.name.clone())
            .unwrap_or_else(|| format!("exhibit {}", out.len()));
        let kind = if text("kind").as_deref() == Some("artwork") {
            ExhibitKind::Artwork
        } else {
            ExhibitKind::Model
        };
        let bounds = scene.subtree_bounds(id);
        let front = scene
            .world_matrix(id)
            .map(|m| m.transform_vector3(Vec3::Z))
            .map_or(Vec3::Z, |z| Vec3::new(z.x, 0.0, z.z).normalize_or(Vec3::Z));
        let light_sensitivity = text("light_sensitivity").and_then(|name| {
            let class = LightSensitivity::from_name(&name);
            if class.is_none() {
                log::warn!("exhibit \"{exhibit_id}\": light_sensitivity \"{name}\" is not high, medium, low or none; ignored");
            }
            class
        });
        out.push(Exhibit {
            id: exhibit_id,
            kind,
            node: id,
            room: text("room"),
            metadata: ExhibitMetadata::from_json(info),
            bounds,
            surface: surface(kind, bounds, front),
            light_sensitivity,
            assets: Vec::new(),
        });
    }
    out
}

/// What a lux report samples of an exhibit known only by its node: for an artwork, the
/// front face of its box (an exported venue's artwork is its canvas in a thin frame,
/// facing its node's +Z); for a model, its box.
fn surface(kind: ExhibitKind, bounds: Aabb, front: Vec3) -> ExhibitSurface {
    if kind == ExhibitKind::Model || bounds.is_empty() {
        return ExhibitSurface::Object { bounds, front };
    }
    let right = Vec3::Y.cross(front);
    let half = bounds.half_extents();
    let along = |axis: Vec3| half.x * axis.x.abs() + half.y * axis.y.abs() + half.z * axis.z.abs();
    ExhibitSurface::Canvas {
        centre: bounds.center() + front * along(front),
        right,
        up: Vec3::Y,
        normal: front,
        half_width: along(right),
        half_height: half.y,
    }
}

/// At the first camera (feet an eye height below it, facing where it looks), else in
/// front of the scene's bounds (on the +Z side, looking toward -Z).
fn spawn(scene: &Scene, visitor: &VisitorSettings) -> Spawn {
    let bounds = scene.stats().bounds;
    let camera = scene
        .world_nodes()
        .find(|(id, _)| scene.node(*id).is_some_and(|n| n.camera.is_some()));
    if let Some((_, world)) = camera {
        let eye = world.transform_point3(Vec3::ZERO);
        let forward = world.transform_vector3(Vec3::NEG_Z);
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

//! A plain `.gltf`/`.glb` scene used as a venue: nodes whose `extras` carry an
//! `exhibit` object, or whose XMP metadata (`KHR_xmp_json_ld`) gives a title, become
//! exhibits, every mesh node gets a static mesh collider, and
//! visitors start at the spawns and walk the tours the file names (as a venue's export
//! writes them), else at the scene's camera or in front of its bounds. What else an
//! export marks is read back too: the rooms and bake settings, the clips the exhibits
//! loop, the guide, and the environment (embedded, or a file beside the glTF file).

mod environment;
mod motion;
mod visits;

use super::compiled::{CompileReport, CompiledVenue, Exhibit, ExhibitKind, ExhibitSurface};
use super::error::VenueError;
use super::gltf_form::VenueSettings;
use super::languages::{reading_order, translation_codes};
use super::metadata::ExhibitMetadata;
use super::sensitivity::LightSensitivity;
use super::xmp::{has_title, packet_languages};
use glam::Vec3;
use museion_files::FileScope;
use museion_scene::EnvironmentChoice;
use museion_scene::{Aabb, BodyKind, ColliderShape, ColliderSpec, NodeId, Scene, VisitorSettings};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Loads a glTF scene as a venue; what it names must lie in `scope`.
pub(crate) fn load(path: &Path, scope: &FileScope) -> Result<CompiledVenue, VenueError> {
    let options = museion_gltf::ImportOptions {
        scope: Some(scope.clone()),
        ..Default::default()
    };
    let imported = museion_gltf::import_with(path, &options)?;
    let mut scene = imported.scene;
    let mut warnings: Vec<String> = imported.report.warnings.iter().map(|w| w.to_string()).collect();
    let mut notes = Vec::new();
    let settings = VenueSettings::from_extras(scene.extras.as_ref(), &mut notes);
    let visitor = settings
        .as_ref()
        .map_or_else(VisitorSettings::default, |s| s.visitor);
    let main_language = settings.as_ref().and_then(|s| s.language.clone());
    let mut known = settings.as_ref().map(|s| s.languages.clone()).unwrap_or_default();
    known.extend(scene.asset_xmp.as_ref().map(packet_languages).unwrap_or_default());
    let exhibits = exhibits(&scene, main_language.as_deref(), &known);
    let (mut spawns, tours) = visits::take(&mut scene, &visitor, &exhibits, &mut notes);
    let rooms = motion::rooms(&scene, &mut notes);
    let animations = motion::loops(&scene, &exhibits, &mut notes);
    let guide = motion::guide(&scene, &tours, visitor.eye_height, &mut notes);
    let spawns_given = !spawns.is_empty();
    if spawns.is_empty() {
        spawns.push(visits::default_spawn(&scene, &visitor));
    }
    let mut dependencies = vec![path.to_path_buf()];
    dependencies.extend(museion_gltf::external_files(path));
    let environment = match settings.as_ref().and_then(|s| s.environment.as_ref()) {
        Some(written) => environment::environment(written, path, scope, &mut dependencies, &mut notes),
        None => EnvironmentChoice::default(),
    };
    for note in notes {
        log::warn!("{}: {note}", path.display());
        warnings.push(note);
    }
    let exhibit_of: HashMap<NodeId, usize> = exhibits
        .iter()
        .enumerate()
        .flat_map(|(i, e)| scene.descendants(e.node).map(move |n| (n, i)))
        .collect();
    // The guide walks: no collider stands where its figure starts.
    let walking: HashSet<NodeId> = guide.iter().flat_map(|g| scene.descendants(g.node)).collect();
    let colliders = scene
        .traverse()
        .filter(|id| !walking.contains(id) && scene.node(*id).is_some_and(|n| n.mesh.is_some()))
        .map(|node| ColliderSpec {
            node,
            shape: ColliderShape::Mesh,
            body: BodyKind::Static,
            exhibit: exhibit_of.get(&node).copied(),
        })
        .collect();
    log::info!(
        "venue {}: glTF scene with {} exhibits, {} spawns, {} tours, {} rooms, {} loops{}",
        path.display(),
        exhibits.len(),
        spawns.len(),
        tours.len(),
        rooms.len(),
        animations.len(),
        if guide.is_some() { ", a guide" } else { "" }
    );
    let wall_thickness = settings
        .as_ref()
        .and_then(|s| s.wall_thickness)
        .unwrap_or(crate::document::defaults::WALL_THICKNESS);
    let bake = settings.as_ref().and_then(|s| s.bake).unwrap_or_default();
    let (language, written_languages) = settings.map(|s| (s.language, s.languages)).unwrap_or_default();
    let codes = translation_codes(&exhibits, &tours);
    let languages = reading_order(language.as_deref(), Some(&written_languages), &codes);
    Ok(CompiledVenue {
        name: scene.name.clone(),
        rooms,
        exhibits,
        colliders,
        spawns,
        spawns_given,
        tours,
        animations,
        guide,
        visitor,
        environment,
        wall_thickness,
        bake,
        languages,
        language,
        fonts: Vec::new(),
        dependencies,
        report: CompileReport {
            models_imported: 1,
            warnings,
            ..CompileReport::default()
        },
        scene,
    })
}

/// Nodes with `extras.exhibit`, or with an XMP packet that gives a title, in hierarchy
/// order. Each label is the one in `extras.exhibit` with the fields it lacks taken from
/// the node's XMP packet (else its mesh's); `main_language` and `known` are the venue's
/// main language and language codes, for the packet's language alternatives.
fn exhibits(scene: &Scene, main_language: Option<&str>, known: &[String]) -> Vec<Exhibit> {
    let mut out = Vec::new();
    let empty = serde_json::Value::Object(serde_json::Map::new());
    for id in scene.traverse() {
        let Some(node) = scene.node(id) else { continue };
        let extras = node
            .extras
            .as_ref()
            .and_then(|e| e.get("exhibit"))
            .filter(|e| e.is_object());
        let packet = node.xmp.as_ref().or_else(|| {
            node.mesh
                .and_then(|m| scene.meshes.get(m.index()))
                .and_then(|m| m.xmp.as_ref())
        });
        if extras.is_none() && !node.xmp.as_ref().is_some_and(has_title) {
            continue;
        }
        let info = extras.unwrap_or(&empty);
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
            metadata: match packet {
                Some(packet) => ExhibitMetadata::from_json(info).or(ExhibitMetadata::from_xmp(
                    packet,
                    main_language,
                    known,
                )),
                None => ExhibitMetadata::from_json(info),
            },
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

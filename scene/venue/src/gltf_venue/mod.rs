//! A plain `.gltf`/`.glb` scene used as a venue: nodes whose `extras` carry an
//! `exhibit` object, or whose XMP metadata (`KHR_xmp_json_ld`) gives a title, become
//! exhibits, every mesh node gets a static mesh collider, and
//! visitors start at the spawns and walk the tours the file names (as a venue's export
//! writes them), else at the scene's camera or in front of its bounds.

mod visits;

use super::compiled::{CompileReport, CompiledVenue, Exhibit, ExhibitKind, ExhibitSurface};
use super::error::VenueError;
use super::gltf_form::{EnvironmentJson, VenueSettings};
use super::languages::{reading_order, translation_codes};
use super::metadata::ExhibitMetadata;
use super::sensitivity::LightSensitivity;
use super::xmp::{has_title, packet_languages};
use glam::Vec3;
use museion_files::FileScope;
use museion_scene::{Aabb, BodyKind, ColliderShape, ColliderSpec, NodeId, Scene, VisitorSettings};
use museion_scene::{EnvironmentChoice, EnvironmentSource};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
    let spawns_given = !spawns.is_empty();
    if spawns.is_empty() {
        spawns.push(visits::default_spawn(&scene, &visitor));
    }
    let mut dependencies = vec![path.to_path_buf()];
    dependencies.extend(museion_gltf::external_files(path));
    let environment = match settings.as_ref().and_then(|s| s.environment.as_ref()) {
        Some(written) => environment(written, path, scope, &mut dependencies, &mut notes),
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
    log::info!(
        "venue {}: glTF scene with {} exhibits, {} spawns, {} tours",
        path.display(),
        exhibits.len(),
        spawns.len(),
        tours.len()
    );
    let (language, written_languages) = settings.map(|s| (s.language, s.languages)).unwrap_or_default();
    let codes = translation_codes(&exhibits, &tours);
    let languages = reading_order(language.as_deref(), Some(&written_languages), &codes);
    Ok(CompiledVenue {
        name: scene.name.clone(),
        rooms: Vec::new(),
        exhibits,
        colliders,
        spawns,
        spawns_given,
        tours,
        animations: Vec::new(),
        guide: None,
        visitor,
        environment,
        wall_thickness: crate::document::defaults::WALL_THICKNESS,
        bake: crate::BakeSettings::default(),
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

/// The environment a file's `extras.venue` names: a built-in one, or a file by its
/// name, looked for beside the glTF file (inside `scope`); a file not there, or a source
/// not known, is a note and the studio.
fn environment(
    written: &EnvironmentJson,
    path: &Path,
    scope: &FileScope,
    dependencies: &mut Vec<PathBuf>,
    notes: &mut Vec<String>,
) -> EnvironmentChoice {
    let source = match (written.source.as_str(), &written.file) {
        ("studio", _) => EnvironmentSource::Studio,
        ("sky", _) => EnvironmentSource::Sky,
        ("none", _) => EnvironmentSource::None,
        ("file", Some(name)) => {
            let beside = path.parent().unwrap_or(Path::new("")).join(name);
            let plain_name = Path::new(name).file_name() == Some(std::ffi::OsStr::new(name));
            match scope.check(&beside) {
                Ok(file) if plain_name && file.is_file() => {
                    dependencies.push(file.clone());
                    EnvironmentSource::File(file)
                }
                _ => {
                    notes.push(format!(
                        "the environment file {name:?} is not beside the glTF file; the studio lights it instead"
                    ));
                    EnvironmentSource::Studio
                }
            }
        }
        (other, _) => {
            notes.push(format!(
                "extras.venue.environment.source {other:?} is not studio, sky, none or a file; the studio lights it instead"
            ));
            EnvironmentSource::Studio
        }
    };
    EnvironmentChoice {
        source,
        intensity: written.intensity,
    }
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

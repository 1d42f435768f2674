//! Compiling a venue document: rooms and walls, exhibits, lights, props, spawns and
//! tours into one [`Scene`](museion_scene::Scene) and the lists beside it.

mod artworks;
mod clips;
mod guide;
mod ids;
mod items;
mod languages;
mod lights;
mod models;
mod openings;
mod rooms;
mod settings;
mod tours;

pub(crate) use crate::context::Context;

use super::compiled::{BakeSettings, CompiledVenue, Exhibit, Room, VenueAnimation};
use super::document::{Spanned, VenueDocument};
use super::error::VenueError;
use super::geometry::walls::{RoomOutline, WallPiece};
use super::materials::Materials;
use super::toml_errors::closest;
use glam::{Vec2, Vec3};
use museion_files::FileScope;
use museion_scene::{ColliderSpec, NodeId, VisitorSettings};
use std::collections::HashMap;
use std::path::Path;

/// A room while the venue is built.
pub(crate) struct BuiltRoom {
    pub outline: RoomOutline,
    pub node: NodeId,
    pub wall_pieces: usize,
}

/// What a tour needs to frame an exhibit: where it is, which way it faces, how big it is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ExhibitView {
    /// The point to look at.
    pub focus: Vec3,
    /// The horizontal direction a visitor looks at it from (unit).
    pub front: Vec3,
    /// Half the size to fit in view, metres.
    pub half_size: f32,
    /// The room it is in.
    pub room: usize,
}

/// An opening as cut: its ends on the wall line and its height range.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CutOpening {
    pub a: Vec2,
    pub b: Vec2,
    pub bottom: f32,
    pub top: f32,
}

/// The state of one compilation.
pub(crate) struct Compiler<'a> {
    pub ctx: Context<'a>,
    pub materials: Materials,
    pub thickness: f32,
    pub visitor: VisitorSettings,
    pub bake: BakeSettings,
    pub rooms: Vec<BuiltRoom>,
    pub room_ids: HashMap<String, usize>,
    pub pieces: Vec<WallPiece>,
    pub openings: Vec<CutOpening>,
    pub exhibits: Vec<Exhibit>,
    pub views: Vec<ExhibitView>,
    pub exhibit_ids: HashMap<String, usize>,
    pub colliders: Vec<ColliderSpec>,
    pub animations: Vec<VenueAnimation>,
}

/// Parses and compiles the text of a venue file at `path`, as loading the file does:
/// relative paths resolve against its folder and must lie in `scope`.
pub(crate) fn compile_text(text: &str, path: &Path, scope: &FileScope) -> Result<CompiledVenue, VenueError> {
    let document = VenueDocument::parse(text, path)?;
    let base_dir = path.parent().unwrap_or(Path::new(""));
    compile(&document, base_dir, scope)
}

/// Compiles `doc`; relative paths resolve against `base_dir` and must lie in `scope`.
pub(crate) fn compile(
    doc: &VenueDocument,
    base_dir: &Path,
    scope: &FileScope,
) -> Result<CompiledVenue, VenueError> {
    let mut c = Compiler {
        ctx: Context::new(doc, base_dir, scope.clone()),
        materials: Materials::default(),
        thickness: 0.0,
        visitor: VisitorSettings::default(),
        bake: BakeSettings::default(),
        rooms: Vec::new(),
        room_ids: HashMap::new(),
        pieces: Vec::new(),
        openings: Vec::new(),
        exhibits: Vec::new(),
        views: Vec::new(),
        exhibit_ids: HashMap::new(),
        colliders: Vec::new(),
        animations: Vec::new(),
    };
    c.settings()?;
    c.bake_settings()?;
    c.check_ids()?;
    c.materials.define_all(&mut c.ctx)?;
    c.build_rooms()?;
    c.build_artworks()?;
    c.build_models()?;
    c.build_lights()?;
    c.build_ramps()?;
    c.build_props()?;
    let spawns = c.spawns()?;
    let tours = c.tours()?;
    let guide = c.guide(&tours)?;
    let environment = c.environment()?;
    let fonts = c.fonts()?;
    let available = crate::languages::translation_codes(&c.exhibits, &tours);
    let (language, languages) = c.languages(&available)?;
    c.ctx.scene.update_transforms();
    log::info!(
        "venue {}: {} rooms, {} exhibits, {} lights, {} colliders",
        doc.source.path().display(),
        c.rooms.len(),
        c.exhibits.len(),
        c.ctx.scene.lights.len(),
        c.colliders.len()
    );
    let rooms = doc
        .rooms
        .iter()
        .zip(&c.rooms)
        .map(|(spec, built)| {
            let mut floor = built.outline.points.clone();
            if !built.outline.interior_left() {
                floor.reverse();
            }
            Room {
                id: spec.id.get_ref().clone(),
                name: spec.name.clone(),
                node: built.node,
                floor,
                elevation: built.outline.elevation,
                height: built.outline.top - built.outline.elevation,
                wall_pieces: built.wall_pieces,
            }
        })
        .collect();
    Ok(CompiledVenue {
        name: doc.venue.name.clone(),
        scene: c.ctx.scene,
        rooms,
        exhibits: c.exhibits,
        colliders: c.colliders,
        spawns,
        spawns_given: true,
        tours,
        animations: c.animations,
        guide,
        visitor: c.visitor,
        environment,
        wall_thickness: c.thickness,
        bake: c.bake,
        languages,
        language,
        fonts,
        dependencies: c.ctx.dependencies,
        report: c.ctx.report,
    })
}

impl Compiler<'_> {
    /// The index of the room named by `name`.
    pub fn room(&self, name: &Spanned<String>) -> Result<usize, VenueError> {
        if let Some(index) = self.room_ids.get(name.get_ref()) {
            return Ok(*index);
        }
        let ids: Vec<String> = self
            .ctx
            .doc
            .rooms
            .iter()
            .map(|r| r.id.get_ref().clone())
            .collect();
        Err(self.ctx.source().reference(
            name.span(),
            format!("room \"{}\" does not exist", name.get_ref()),
            name_list_hint("rooms", name.get_ref(), &ids),
        ))
    }

    /// A number that must be finite and above zero.
    pub fn positive(&self, value: &Spanned<f32>, what: &str, hint: &str) -> Result<f32, VenueError> {
        self.number(value, |v| v > 0.0, &format!("{what} must be more than 0"), hint)
    }

    /// A number that must be finite and pass `ok`.
    pub fn number(
        &self,
        value: &Spanned<f32>,
        ok: impl Fn(f32) -> bool,
        message: &str,
        hint: &str,
    ) -> Result<f32, VenueError> {
        let v = *value.get_ref();
        if v.is_finite() && ok(v) {
            Ok(v)
        } else {
            Err(self
                .ctx
                .source()
                .value(value.span(), format!("{message} (it is {v})"), hint))
        }
    }

    /// Whether the horizontal point lies in the room, with an error at `span` if not.
    pub fn inside_room(
        &self,
        room: usize,
        point: Vec2,
        span: std::ops::Range<usize>,
        what: &str,
    ) -> Result<(), VenueError> {
        let outline = &self.rooms[room].outline;
        if super::geometry::polygon::contains(&outline.points, point) {
            return Ok(());
        }
        let (min, max) = outline
            .points
            .iter()
            .fold((Vec2::INFINITY, Vec2::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(*p), hi.max(*p))
            });
        let id = self.ctx.doc.rooms[room].id.get_ref();
        Err(self.ctx.source().geometry(
            span,
            format!(
                "{what} at x = {}, z = {} is outside room \"{id}\"",
                point.x, point.y
            ),
            format!(
                "x and z are venue coordinates; room \"{id}\" spans x {} to {} and z {} to {}",
                min.x, max.x, min.y, max.y
            ),
        ))
    }
}

/// "rooms are "a", "b"" with a did-you-mean when one name is close.
pub(crate) fn name_list_hint(what: &str, given: &str, names: &[String]) -> String {
    if names.is_empty() {
        return format!("the venue defines no {what}");
    }
    let list = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(given, names) {
        Some(best) => format!("{what} are {list} (did you mean \"{best}\"?)"),
        None => format!("{what} are {list}"),
    }
}

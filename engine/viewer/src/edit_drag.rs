//! What edit mode drags: an artwork along the walls (`wall_drag.rs`), a model across
//! the floor (`floor_drag.rs`), or the marker of a light, spawn or tour stop
//! (`marker_drag.rs`), behind one face for `Editing`.

use super::floor_drag::FloorDrag;
use super::marker_drag::MarkerDrag;
use super::ui_text::UiText;
use super::wall_drag::{ArtworkDrag, Snapping};
use museion_scene::glam::{Mat4, Vec2, Vec3};
use museion_scene::{NodeId, Scene};
use museion_venue::toml_edit::Value;
use museion_venue::{CompiledVenue, ExhibitKind, ItemRef, VenueEditor};

/// Where the file stands model `item`: its origin `(x, z)` and heading (degrees, if
/// the file gives one).
fn model_place(editor: &VenueEditor, item: ItemRef) -> Option<(Vec2, Option<f32>)> {
    let at = |i: usize| editor.number(item, &format!("position[{i}]")).map(|v| v as f32);
    let yaw = editor.number(item, "rotation[1]").map(|v| v as f32);
    Some((Vec2::new(at(0)?, at(2)?), yaw))
}

/// The drag of model `index` lined up with where the file stands the other models of
/// its room and with the room's middle.
fn line_up(drag: FloorDrag, editor: &VenueEditor, venue: &CompiledVenue, index: usize) -> FloorDrag {
    let room = venue.exhibits.get(index).and_then(|e| e.room.clone());
    let others: Vec<Vec2> = venue
        .exhibits
        .iter()
        .enumerate()
        .filter(|(i, e)| *i != index && e.kind == ExhibitKind::Model && e.room == room)
        .filter_map(|(_, e)| model_place(editor, editor.select(&e.id).ok()?).map(|(at, _)| at))
        .collect();
    let floor = venue
        .rooms
        .iter()
        .find(|r| Some(&r.id) == room.as_ref())
        .map_or(&[][..], |r| r.floor.as_slice());
    drag.line_up_with(&others, floor)
}

/// An exhibit or marker being dragged.
#[derive(Clone, Debug)]
pub(super) enum Drag {
    /// An artwork, along the walls of its room.
    Wall(ArtworkDrag),
    /// A model, across the floor.
    Floor(FloorDrag),
    /// A light, spawn or tour stop, by its marker.
    Marker(MarkerDrag),
}

impl Drag {
    /// Starts dragging exhibit `index` of the shown `venue`, grabbed where the ray from
    /// `origin` along `direction` meets its wall or the level plane through it; reads
    /// where it stands from the file open in `editor`. `None` when the exhibit cannot be
    /// dragged from there.
    pub fn begin(
        editor: &VenueEditor,
        venue: &CompiledVenue,
        index: usize,
        origin: Vec3,
        direction: Vec3,
    ) -> Option<Self> {
        let exhibit = venue.exhibits.get(index)?;
        let item = editor.select(&exhibit.id).ok()?;
        match exhibit.kind {
            ExhibitKind::Artwork => {
                let wall = editor.wall_of(item)?;
                ArtworkDrag::start(venue, index, wall, origin, direction).map(Self::Wall)
            }
            ExhibitKind::Model => {
                let (position, yaw) = model_place(editor, item)?;
                let drag = FloorDrag::start(venue, index, position, yaw, origin, direction)?;
                Some(Self::Floor(line_up(drag, editor, venue, index)))
            }
        }
    }

    /// Starts dragging exhibit `index` of the shown `venue` by a handle of the gizmo
    /// (`grip.rs`), reading where it stands from the file open in `editor`.
    pub fn held(editor: &VenueEditor, venue: &CompiledVenue, index: usize) -> Option<Self> {
        let exhibit = venue.exhibits.get(index)?;
        let item = editor.select(&exhibit.id).ok()?;
        match exhibit.kind {
            ExhibitKind::Artwork => ArtworkDrag::held(venue, index, editor.wall_of(item)?).map(Self::Wall),
            ExhibitKind::Model => {
                let (position, yaw) = model_place(editor, item)?;
                let drag = FloorDrag::held(venue, index, position, yaw)?;
                Some(Self::Floor(line_up(drag, editor, venue, index)))
            }
        }
    }

    /// The dragged exhibit's node and its world matrix when the drag began (`None` for
    /// a marker).
    pub fn node_start(&self) -> Option<(NodeId, Mat4)> {
        match self {
            Self::Wall(drag) => Some((drag.node, drag.start_world())),
            Self::Floor(drag) => Some((drag.node, drag.start_world)),
            Self::Marker(_) => None,
        }
    }

    /// The dragged exhibit's id, or the dragged marker's selector (`lights[0]`).
    pub fn id(&self) -> &str {
        match self {
            Self::Wall(drag) => &drag.id,
            Self::Floor(drag) => &drag.id,
            Self::Marker(drag) => &drag.selector,
        }
    }

    /// Follows the cursor's ray on a `view` of this many pixels high and this vertical
    /// field of view, on the grid when `grid`; shows the exhibit there in `scene`.
    pub fn follow(&mut self, scene: &mut Scene, origin: Vec3, direction: Vec3, view: (u32, f32), grid: bool) {
        let snapping = Snapping::on_view(view, grid);
        let moved = match self {
            Self::Wall(drag) => drag.follow(origin, direction, snapping),
            Self::Floor(drag) => drag.follow(origin, direction, snapping),
            // Only the marker moves: it is drawn where the drag has it.
            Self::Marker(drag) => {
                drag.follow(origin, direction, grid);
                false
            }
        };
        if moved {
            self.preview(scene);
        }
    }

    /// Turns a dragged model by `steps` rotation steps; returns whether it is a model.
    pub fn turn(&mut self, scene: &mut Scene, steps: i32) -> bool {
        let Self::Floor(drag) = self else {
            return false;
        };
        drag.turn(steps);
        drag.preview(scene);
        true
    }

    fn preview(&self, scene: &mut Scene) {
        match self {
            Self::Wall(drag) => drag.preview(scene),
            Self::Floor(drag) => drag.preview(scene),
            Self::Marker(_) => {}
        }
    }

    /// Puts the exhibit back where the drag began.
    pub fn cancel(&self, scene: &mut Scene) {
        match self {
            Self::Wall(drag) => drag.cancel(scene),
            Self::Floor(drag) => drag.cancel(scene),
            Self::Marker(_) => {}
        }
    }

    /// The fields the drag changed (empty: it ends where it began).
    pub fn changed_fields(&self) -> Vec<(&'static str, Value)> {
        match self {
            Self::Wall(drag) => drag.changed_fields(),
            Self::Floor(drag) => drag.changed_fields(),
            Self::Marker(drag) => drag.changed_fields(),
        }
    }

    /// The key of the item that [`changed_fields`](Self::changed_fields) replace (a
    /// stop's `exhibit`, when the stop becomes an explicit pose); `None`: they are set.
    pub fn replaced_key(&self) -> Option<&'static str> {
        match self {
            Self::Marker(drag) => drag.replaced_key(),
            Self::Wall(_) | Self::Floor(_) => None,
        }
    }

    /// Where the exhibit was let go, in the viewer's words.
    pub fn done(&self, words: &UiText) -> String {
        match self {
            Self::Wall(drag) => words.fill(
                "edit.dragged",
                &[
                    ("id", &drag.id),
                    ("wall", &drag.now.wall.to_string()),
                    ("offset", &format!("{:.3}", drag.now.offset)),
                    ("height", &format!("{:.3}", drag.now.height)),
                ],
            ),
            Self::Floor(drag) => words.fill(
                "edit.dragged_model",
                &[
                    ("id", &drag.id),
                    ("x", &format!("{:.3}", drag.now.x)),
                    ("z", &format!("{:.3}", drag.now.y)),
                ],
            ),
            Self::Marker(drag) => words.fill(
                "edit.dragged_marker",
                &[
                    ("item", &drag.selector),
                    ("x", &format!("{:.3}", drag.now.x)),
                    ("y", &format!("{:.3}", drag.now.y)),
                    ("z", &format!("{:.3}", drag.now.z)),
                ],
            ),
        }
    }
}

/// Fields as the file would get them, their values as text: what drag tests compare.
#[cfg(test)]
pub(super) fn written(fields: Vec<(&'static str, Value)>) -> Vec<(&'static str, String)> {
    fields.into_iter().map(|(f, v)| (f, v.to_string())).collect()
}

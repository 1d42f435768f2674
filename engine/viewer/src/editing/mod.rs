//! Edit mode (`--edit`): the venue file open in a [`VenueEditor`]. A picked artwork
//! moves along its wall with ← and →, a picked model turns with R; Delete deletes the
//! picked exhibit and Ctrl+D copies it beside itself; exhibits are dragged with the
//! mouse (`edit_drag.rs`); Ctrl+Z, Ctrl+Shift+Z and Ctrl+S undo, redo and save; every edit is checked by the compiler and the edited venue is shown from the
//! next frame. E turns edit mode off and on. (The viewer hands keys over in
//! `edit_keys.rs`.)

mod commands;
mod grips;
mod lights;
mod places;

pub(super) use commands::{KeyUse, picked};

use super::add_file::{
    AddRefusal, FileKind, file_kind, image_fields, image_pixels, model_fields, new_id, venue_path,
};
use super::edit_actions::{SaveAnswer, Status};
use super::edit_drag::Drag;
use super::edit_panel::EditPanel;
use super::error::ViewerError;
use super::grip::Grip;
use super::label_fields::{LabelDraft, LabelEdit};
use super::light_fields::LightDraft;
use super::markers::Place;
use super::place_fields::PlaceDraft;
use super::ui_text::UiText;
use museion_scene::Scene;
use museion_scene::glam::{Vec2, Vec3};
use museion_venue::toml_edit::{Table, Value};
use museion_venue::{CompiledVenue, Exhibit, ExhibitKind, FileScope, ItemKind, VenueEditor};
use std::path::Path;

/// How far ← and → move an artwork along its wall, metres.
pub const MOVE_STEP: f32 = 0.1;
/// How far they move it with Shift held, metres.
pub const FINE_STEP: f32 = 0.01;
/// The gap between an exhibit and its copy (Ctrl+D), metres.
pub const DUPLICATE_GAP: f32 = 0.3;
/// How far the cursor must move with the button held before a press drags, pixels: a
/// click picks an exhibit or marker and moves nothing, even if the view settles a
/// little between the press and the release.
pub const DRAG_SLOP: f32 = 3.0;

/// The venue file being edited and the state of edit mode.
pub(super) struct Editing {
    editor: VenueEditor,
    /// The folders the venue's files may lie in (an added file must too).
    scope: FileScope,
    /// Whether edit mode is on: the arrows and the Ctrl chords edit.
    on: bool,
    ctrl: bool,
    shift: bool,
    /// The editor's venue changed (an edit, undo or redo) and is not shown yet.
    changed: bool,
    /// What the last edit, undo, redo or save did, or why it was refused.
    status: Option<Status>,
    /// The exhibit being dragged with the mouse.
    drag: Option<Drag>,
    /// The gizmo's handle it is dragged by (`None`: dragged freely).
    grip: Option<Grip>,
    /// Where the button went down, until the cursor moves [`DRAG_SLOP`] from there.
    pressed_at: Option<Vec2>,
    /// The exhibit to pick once the edited venue is shown.
    focus: Option<String>,
    /// The picked exhibit's label as the panel's fields hold it.
    label: Option<LabelDraft>,
    /// The path typed into the panel's field for adding a file (`None`: field closed).
    add_path: Option<String>,
    /// A save found the file changed on disk: the panel asks what to do.
    asking: bool,
    /// The light chosen in the panel (its place among the file's `[[lights]]`).
    chosen_light: Option<usize>,
    /// Its values as the panel's fields hold them.
    light: Option<LightDraft>,
    /// The light, spawn or tour stop selected by clicking its marker.
    marked: Option<Place>,
    /// A marked spawn's or stop's values as the panel's fields hold them.
    place: Option<PlaceDraft>,
    /// A light was marked: the panel opens its Lights section once.
    reveal_lights: bool,
}

impl Editing {
    /// Opens the venue file at `path` for editing, edit mode on.
    pub fn open(path: &Path, scope: FileScope) -> Result<Self, ViewerError> {
        let editor = VenueEditor::open_with_scope(path, scope.clone())?;
        log::info!("viewer: editing {}", path.display());
        Ok(Self {
            editor,
            scope,
            on: true,
            ctrl: false,
            shift: false,
            changed: false,
            status: None,
            drag: None,
            grip: None,
            pressed_at: None,
            focus: None,
            label: None,
            add_path: None,
            asking: false,
            chosen_light: None,
            light: None,
            marked: None,
            place: None,
            reveal_lights: false,
        })
    }

    /// Whether there are edits not saved yet.
    pub fn is_modified(&self) -> bool {
        self.editor.is_modified()
    }

    /// The edited venue, once, after an edit, undo or redo changed it.
    pub fn take_changed(&mut self) -> Option<CompiledVenue> {
        std::mem::take(&mut self.changed).then(|| self.editor.compiled().clone())
    }

    /// Whether edit mode is on.
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Whether an artwork is being dragged.
    pub fn is_dragging(&self) -> bool {
        self.drag.is_some()
    }

    /// Starts dragging exhibit `index` of the shown `venue` (an artwork along its walls,
    /// a model across the floor) from where the ray from `origin` along `direction`
    /// meets it; returns whether a drag began.
    pub fn begin_drag(&mut self, venue: &CompiledVenue, index: usize, origin: Vec3, direction: Vec3) -> bool {
        self.drag = Drag::begin(&self.editor, venue, index, origin, direction);
        if let Some(drag) = &self.drag {
            log::info!(
                "viewer: dragging {}{}",
                drag.id(),
                match drag {
                    Drag::Wall(wall) =>
                        format!(" from wall {} at {:.3} m", wall.start.wall, wall.start.offset),
                    Drag::Floor(floor) => format!(" from ({:.3}, {:.3})", floor.start.x, floor.start.y),
                    Drag::Marker(marker) => format!(
                        " from ({:.3}, {:.3}, {:.3})",
                        marker.start.x, marker.start.y, marker.start.z
                    ),
                }
            );
        }
        self.drag.is_some()
    }

    /// Notes that the button went down at `pixel`: what it grabs stays put until the
    /// cursor moves [`DRAG_SLOP`] from there.
    pub fn note_press(&mut self, pixel: Vec2) {
        self.pressed_at = Some(pixel);
    }

    /// Whether the cursor at `pixel` is still within [`DRAG_SLOP`] of where the button
    /// went down (once it has left, the press is a drag for good).
    pub fn within_slop(&mut self, pixel: Vec2) -> bool {
        match self.pressed_at {
            Some(at) if at.distance(pixel) < DRAG_SLOP => true,
            _ => {
                self.pressed_at = None;
                false
            }
        }
    }

    /// Moves the dragged exhibit to follow the cursor's ray (from `origin` along
    /// `direction`, on a `view` of this many pixels high and this vertical field of
    /// view), shown in `scene` at once; with Ctrl held, on the grid.
    pub fn drag_to(&mut self, scene: &mut Scene, origin: Vec3, direction: Vec3, view: (u32, f32)) {
        if self.follow_grip(scene, origin, direction, view) {
            return;
        }
        let grid = self.ctrl;
        if let Some(drag) = &mut self.drag {
            drag.follow(scene, origin, direction, view, grid);
        }
    }

    /// Forgets a drag under way without an edit, when the venue shown is replaced (its
    /// nodes are not the drag's any more).
    pub fn forget_drag(&mut self) {
        self.grip = None;
        if let Some(drag) = self.drag.take() {
            log::info!("viewer: the venue changed; the drag of {} is dropped", drag.id());
        }
    }

    /// Turns a dragged model by `steps` rotation steps; returns whether one is dragged.
    pub fn turn_drag(&mut self, scene: &mut Scene, steps: i32) -> bool {
        self.drag.as_mut().is_some_and(|drag| drag.turn(scene, steps))
    }

    /// Ends the drag: where the exhibit was let go becomes one edit (an artwork's
    /// `wall`, `offset` and `center_height`, a model's `position` and `rotation`, a
    /// marker's fields; a stop at an exhibit its `eye` and `target` instead), shown
    /// from the next frame; a refused one puts it back in `scene` and shows why.
    pub fn end_drag(&mut self, scene: &mut Scene, words: &UiText) {
        let Some(drag) = self.drag.take() else {
            return;
        };
        let grip = self.grip.take();
        let mut fields = drag.changed_fields();
        fields.extend(grip.iter().flat_map(Grip::changed_fields));
        // A click (the cursor never left the press) moves nothing.
        if fields.is_empty() || self.pressed_at.take().is_some() {
            drag.cancel(scene);
            return;
        }
        let outcome = self
            .editor
            .select(drag.id())
            .and_then(|item| match drag.replaced_key() {
                Some(key) => self.editor.replace_field(item, key, &fields),
                None => self.editor.set_values(item, &fields),
            });
        match outcome {
            Ok(()) => {
                let done = grip
                    .and_then(|grip| Self::grip_done(&grip, &drag, words))
                    .unwrap_or_else(|| drag.done(words));
                log::info!("viewer: {done}");
                self.changed = true;
                self.status = Some(Status::Done(done));
            }
            Err(error) => {
                log::warn!("viewer: {error}");
                drag.cancel(scene);
                self.status = Some(Status::Refused(error.to_string()));
            }
        }
    }

    /// The edit panel: what is picked, its label's fields in the language read
    /// (`translation`, `None` for the main text), the keys, the last outcome.
    pub fn panel<'a>(
        &'a mut self,
        picked: Option<&'a Exhibit>,
        translation: Option<&str>,
        words: &'a UiText,
    ) -> Option<EditPanel<'a>> {
        if !self.on {
            return None;
        }
        // An exhibit picked (by a click in walk mode too) replaces the marked item.
        if picked.is_some() {
            self.unmark();
        }
        match picked {
            Some(exhibit)
                if !self
                    .label
                    .as_ref()
                    .is_some_and(|l| l.is_current(exhibit, translation)) =>
            {
                self.label = Some(LabelDraft::of(exhibit, translation));
            }
            Some(_) => {}
            None => self.label = None,
        }
        self.light = match self.chosen_light {
            Some(index)
                if self
                    .light
                    .as_ref()
                    .is_some_and(|l| l.is_current(&self.editor, index)) =>
            {
                self.light.take()
            }
            Some(index) => LightDraft::of(&self.editor, index),
            None => None,
        };
        self.place = match self.marked {
            Some(place)
                if self
                    .place
                    .as_ref()
                    .is_some_and(|p| p.is_current(&self.editor, place)) =>
            {
                self.place.take()
            }
            Some(place) => PlaceDraft::of(&self.editor, place),
            None => None,
        };
        Some(EditPanel {
            file: self.editor.path().file_name().map_or_else(
                || self.editor.path().display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            picked: picked.map(|e| e.id.as_str()),
            pedestal: picked.filter(|e| e.kind == ExhibitKind::Model).map(|e| {
                self.editor
                    .select(&e.id)
                    .ok()
                    .and_then(|item| self.editor.switch(item, "pedestal"))
                    .unwrap_or(false)
            }),
            label: self.label.as_mut(),
            add_path: &mut self.add_path,
            asking: self.asking,
            editor: &self.editor,
            chosen_light: self.chosen_light,
            light: self.light.as_mut(),
            marked: self.marked,
            place: self.place.as_mut(),
            reveal_lights: std::mem::take(&mut self.reveal_lights),
            modified: self.editor.is_modified(),
            status: self.status.as_ref(),
            words,
        })
    }

    /// Adds an exhibit from `file` (see `add_file.rs`): an image hung where the ray from
    /// `eye` along `direction` meets a wall of the room the eye is in, a model on the
    /// floor ahead along `forward`. One edit; the new exhibit is picked once shown.
    pub fn add_file(
        &mut self,
        venue: &CompiledVenue,
        file: &Path,
        eye: Vec3,
        direction: Vec3,
        forward: Vec3,
        words: &UiText,
    ) {
        match self.added_fields(venue, file, eye, direction, forward) {
            Ok((kind, id, fields)) => match self.editor.add(kind, fields) {
                Ok(_) => {
                    let done = words.fill(
                        "edit.added",
                        &[("id", &id), ("path", &file.display().to_string())],
                    );
                    log::info!("viewer: {done}");
                    self.changed = true;
                    self.focus = Some(id);
                    self.add_path = None;
                    self.status = Some(Status::Done(done));
                }
                Err(error) => {
                    log::warn!("viewer: {error}");
                    self.status = Some(Status::Refused(error.to_string()));
                }
            },
            Err(AddRefusal { key, values }) => {
                let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let why = words.fill(key, &values);
                log::warn!("viewer: {why}");
                self.status = Some(Status::Refused(why));
            }
        }
    }

    /// The kind, id and fields of the exhibit `file` makes.
    fn added_fields(
        &self,
        venue: &CompiledVenue,
        file: &Path,
        eye: Vec3,
        direction: Vec3,
        forward: Vec3,
    ) -> Result<(ItemKind, String, Table), AddRefusal> {
        let shown = file.display().to_string();
        let kind = file_kind(file).ok_or_else(|| AddRefusal {
            key: "edit.add_kind",
            values: vec![("path", shown)],
        })?;
        let named = venue_path(file, self.editor.path(), &self.scope)?;
        let taken = venue
            .exhibits
            .iter()
            .map(|e| e.id.as_str())
            .chain(venue.rooms.iter().map(|r| r.id.as_str()))
            .chain(venue.spawns.iter().map(|s| s.id.as_str()))
            .chain(venue.tours.iter().map(|t| t.id.as_str()));
        let id = new_id(file, taken);
        let (kind, fields) = match kind {
            FileKind::Image => image_fields(venue, &id, &named, image_pixels(file)?, eye, direction)?,
            FileKind::Model => model_fields(venue, &id, &named, eye, forward)?,
        };
        Ok((kind, id, fields))
    }

    /// Answers the question a save over a file changed on disk asked: write the edits over
    /// it, take the file as it is now (the unsaved edits and the history dropped), or
    /// leave both as they are.
    pub fn answer(&mut self, answer: SaveAnswer, words: &UiText) {
        if !std::mem::take(&mut self.asking) {
            return;
        }
        let outcome = match answer {
            SaveAnswer::Overwrite => self
                .editor
                .save_forced()
                .map(|()| words.get("edit.saved").to_owned()),
            SaveAnswer::Reload => self.editor.reload().map(|dropped| {
                self.changed = true;
                words.fill("edit.reloaded", &[("count", &dropped.len().to_string())])
            }),
            SaveAnswer::Cancel => Ok(words.get("edit.save_cancelled").to_owned()),
        };
        match outcome {
            Ok(done) => {
                log::info!("viewer: {done}");
                self.status = Some(Status::Done(done));
            }
            Err(error) => {
                log::warn!("viewer: {error}");
                self.status = Some(Status::Refused(error.to_string()));
            }
        }
    }

    /// Sets (or, emptied, removes) a label field the panel committed, as one edit.
    pub fn set_label(&mut self, edit: &LabelEdit, words: &UiText) {
        let editor = &mut self.editor;
        let outcome = editor.select(&edit.id).and_then(|item| match &edit.value {
            Some(text) => editor.set_value(item, &edit.field, Value::from(text.as_str())),
            None => editor.remove_field(item, &edit.field),
        });
        let done = words.fill("edit.label_set", &[("id", &edit.id), ("field", &edit.field)]);
        self.note(outcome.map(|()| done));
    }

    /// Notes an edit's outcome for the panel (done: its words, which the caller made).
    fn note(&mut self, outcome: Result<String, museion_venue::EditError>) {
        match outcome {
            Ok(done) => {
                log::info!("viewer: {done}");
                self.changed = true;
                self.status = Some(Status::Done(done));
            }
            Err(error) => {
                log::warn!("viewer: {error}");
                self.status = Some(Status::Refused(error.to_string()));
            }
        }
    }
}

/// `text` as the `venue.toml` of a temporary folder, with an `art.png` of `image` pixels
/// (`None`: none) beside it, open for editing: what the editing tests start from.
#[cfg(test)]
pub(super) fn open_test_venue(
    text: &str,
    image: Option<(u32, u32)>,
) -> (tempfile::TempDir, std::path::PathBuf, Editing) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    if let Some((width, height)) = image {
        image::RgbImage::new(width, height)
            .save(dir.path().join("art.png"))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let path = dir.path().join("venue.toml");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let editing = Editing::open(&path, FileScope::around(&path)).unwrap_or_else(|e| panic!("{e}"));
    (dir, path, editing)
}

#[cfg(test)]
mod tests {
    use super::commands::action;
    use super::*;
    use crate::edit_actions::Action;
    use crate::keys::ViewerKey;

    /// An empty room's venue file in a temporary folder, open for editing, with one edit.
    fn edited() -> (tempfile::TempDir, std::path::PathBuf, Editing) {
        let text =
            "[venue]\nname = \"Old\"\n\n[[rooms]]\nid = \"room\"\nfloor = [[0, 0], [4, 0], [4, 4], [0, 4]]\n";
        let (dir, path, mut editing) = open_test_venue(text, None);
        editing
            .editor
            .apply("venue.name=New")
            .unwrap_or_else(|e| panic!("{e}"));
        (dir, path, editing)
    }

    #[test]
    fn saving_over_a_file_changed_on_disk_asks_and_does_what_is_answered() {
        let words = UiText::english();
        let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
        let changed_elsewhere = |path: &Path| {
            let text = read(path).replace("Old", "Theirs");
            std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        };
        // A file nobody else touched is saved at once.
        let (_dir, path, mut editing) = edited();
        editing.perform(Action::Save, None, &words);
        assert!(!editing.asking);
        assert!(read(&path).contains("name = \"New\""));

        // Changed on disk: asked, nothing written; Cancel leaves both.
        let (_dir, path, mut editing) = edited();
        changed_elsewhere(&path);
        editing.perform(Action::Save, None, &words);
        assert!(editing.asking);
        assert!(read(&path).contains("Theirs"));
        editing.answer(SaveAnswer::Cancel, &words);
        assert!(!editing.asking && editing.is_modified());
        assert!(read(&path).contains("Theirs"));
        // Asked again, Overwrite writes the edits.
        editing.perform(Action::Save, None, &words);
        editing.answer(SaveAnswer::Overwrite, &words);
        assert!(read(&path).contains("name = \"New\"") && !editing.is_modified());

        // Reload takes the file as it is and drops the edit.
        let (_dir, path, mut editing) = edited();
        changed_elsewhere(&path);
        editing.perform(Action::Save, None, &words);
        editing.answer(SaveAnswer::Reload, &words);
        assert!(!editing.is_modified());
        assert_eq!(editing.editor.text(), read(&path));
        assert!(editing.take_changed().is_some(), "the file's venue is shown");
        // An answer nobody asked for does nothing.
        editing.answer(SaveAnswer::Overwrite, &words);
        assert!(read(&path).contains("Theirs"));
    }

    #[test]
    fn brackets_make_the_picked_artwork_a_tenth_larger_or_smaller() {
        let words = UiText::english();
        let text = "[[rooms]]\nid = \"room\"\nfloor = [[0, 0], [6, 0], [6, 6], [0, 6]]\n\n\
                    [[artworks]]\nid = \"pic\"\nroom = \"room\"\nwall = 0\noffset = 3\nwidth = 1.0\nimage = \"art.png\"\n";
        let (_dir, _, mut editing) = open_test_venue(text, Some((4, 2)));
        let picked = commands::Picked {
            id: "pic".into(),
            right: Some(Vec2::X),
            width: 1.0,
        };
        editing.perform(Action::Scale(1), Some(picked.clone()), &words);
        assert!(
            editing.editor.text().contains("width = 1.1\n"),
            "{}",
            editing.editor.text()
        );
        editing.perform(Action::Scale(-2), Some(picked), &words);
        // 1.1 / 1.21 to the millimetre.
        assert!(
            editing.editor.text().contains("width = 0.909\n"),
            "{}",
            editing.editor.text()
        );
        // Each step is one edit: two undos bring the file back.
        editing.perform(Action::Undo, None, &words);
        editing.perform(Action::Undo, None, &words);
        assert_eq!(editing.editor.text(), text);
    }

    #[test]
    fn keys_and_chords_become_actions() {
        assert_eq!(action(ViewerKey::S, true, false), Some(Action::Save));
        assert_eq!(action(ViewerKey::Z, true, false), Some(Action::Undo));
        assert_eq!(action(ViewerKey::Z, true, true), Some(Action::Redo));
        assert_eq!(
            action(ViewerKey::Left, false, false),
            Some(Action::Move(-MOVE_STEP))
        );
        assert_eq!(
            action(ViewerKey::Right, false, true),
            Some(Action::Move(FINE_STEP))
        );
        // S walks and Z does nothing without Ctrl; the arrows do nothing with it.
        assert_eq!(action(ViewerKey::S, false, false), None);
        assert_eq!(action(ViewerKey::Z, false, false), None);
        assert_eq!(action(ViewerKey::Right, true, false), None);
        assert_eq!(action(ViewerKey::W, true, false), None);
        // Delete and copy; R turns a model, Shift+R the other way.
        assert_eq!(action(ViewerKey::Delete, false, false), Some(Action::Delete));
        assert_eq!(action(ViewerKey::D, true, false), Some(Action::Duplicate));
        assert_eq!(action(ViewerKey::D, false, false), None, "D walks");
        assert_eq!(action(ViewerKey::R, false, false), Some(Action::Turn(1)));
        assert_eq!(action(ViewerKey::R, false, true), Some(Action::Turn(-1)));
        assert_eq!(
            action(ViewerKey::BracketRight, false, false),
            Some(Action::Scale(1))
        );
        assert_eq!(
            action(ViewerKey::BracketLeft, false, false),
            Some(Action::Scale(-1))
        );
        assert_eq!(action(ViewerKey::Delete, true, false), None);
        assert_eq!(action(ViewerKey::Plus, false, false), Some(Action::Light(true)));
        assert_eq!(action(ViewerKey::Minus, false, true), Some(Action::Light(false)));
    }
}

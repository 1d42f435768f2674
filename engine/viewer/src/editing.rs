//! Edit mode (`--edit`): the venue file open in a [`VenueEditor`]. A picked artwork
//! moves along its wall with ← and →; Ctrl+Z, Ctrl+Shift+Z and Ctrl+S undo, redo and
//! save; every edit is checked by the compiler and the edited venue is shown from the
//! next frame. E turns edit mode off and on. (The viewer hands keys over in
//! `edit_keys.rs`.)

use super::error::ViewerError;
use super::keys::ViewerKey;
use super::ui_text::UiText;
use super::wall_drag::{ArtworkDrag, Snapping};
use museion_scene::Scene;
use museion_scene::glam::{Vec2, Vec3};
use museion_venue::{CompiledVenue, Exhibit, ExhibitSurface, FileScope, VenueEditor};
use std::path::Path;

/// How far ← and → move an artwork along its wall, metres.
pub const MOVE_STEP: f32 = 0.1;
/// How far they move it with Shift held, metres.
pub const FINE_STEP: f32 = 0.01;

/// The venue file being edited and the state of edit mode.
pub(super) struct Editing {
    editor: VenueEditor,
    /// Whether edit mode is on: the arrows and the Ctrl chords edit.
    on: bool,
    ctrl: bool,
    shift: bool,
    /// The editor's venue changed (an edit, undo or redo) and is not shown yet.
    changed: bool,
    /// What the last edit, undo, redo or save did, or why it was refused.
    status: Option<Status>,
    /// The artwork being dragged with the mouse.
    drag: Option<ArtworkDrag>,
}

/// The outcome of the last edit, for the edit panel.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Status {
    /// Done: what was done, in the viewer's words.
    Done(String),
    /// Refused or failed: why (the compiler's message for a refused edit).
    Refused(String),
}

/// What a key asks of the editor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Action {
    /// Move the picked artwork along its wall, metres to the right as seen from the room.
    Move(f32),
    Undo,
    Redo,
    Save,
}

impl Editing {
    /// Opens the venue file at `path` for editing, edit mode on.
    pub fn open(path: &Path, scope: FileScope) -> Result<Self, ViewerError> {
        let editor = VenueEditor::open_with_scope(path, scope)?;
        log::info!("viewer: editing {}", path.display());
        Ok(Self {
            editor,
            on: true,
            ctrl: false,
            shift: false,
            changed: false,
            status: None,
            drag: None,
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

    /// Starts dragging exhibit `index` of the shown `venue` (an artwork) from where the
    /// ray from `origin` along `direction` meets its wall; returns whether a drag began.
    pub fn begin_drag(&mut self, venue: &CompiledVenue, index: usize, origin: Vec3, direction: Vec3) -> bool {
        let Some(exhibit) = venue.exhibits.get(index) else {
            return false;
        };
        let wall = self
            .editor
            .select(&exhibit.id)
            .ok()
            .and_then(|item| self.editor.wall_of(item));
        self.drag = wall.and_then(|wall| ArtworkDrag::start(venue, index, wall, origin, direction));
        if let Some(drag) = &self.drag {
            log::info!(
                "viewer: dragging {} from wall {} at {:.3} m",
                drag.id,
                drag.start.wall,
                drag.start.offset
            );
        }
        self.drag.is_some()
    }

    /// Moves the dragged artwork to follow the cursor's ray (from `origin` along
    /// `direction`, on a view `height` pixels high), shown in `scene` at once.
    pub fn drag_to(&mut self, scene: &mut Scene, origin: Vec3, direction: Vec3, height: u32) {
        let grid = self.ctrl;
        let Some(drag) = &mut self.drag else {
            return;
        };
        let snapping = |distance| Snapping::on_screen(distance, super::app::YFOV, height, grid);
        if drag.follow(origin, direction, snapping) {
            drag.preview(scene);
        }
    }

    /// Ends the drag: where the artwork was let go becomes one edit (its `wall`, `offset`
    /// and `center_height`), shown from the next frame; a refused one puts it back in
    /// `scene` and shows why.
    pub fn end_drag(&mut self, scene: &mut Scene, words: &UiText) {
        let Some(drag) = self.drag.take() else {
            return;
        };
        let fields = drag.changed_fields();
        if fields.is_empty() {
            drag.cancel(scene);
            return;
        }
        let outcome = self
            .editor
            .select(&drag.id)
            .and_then(|item| self.editor.set_values(item, &fields));
        match outcome {
            Ok(()) => {
                let done = words.fill(
                    "edit.dragged",
                    &[
                        ("id", &drag.id),
                        ("wall", &drag.now.wall.to_string()),
                        ("offset", &format!("{:.3}", drag.now.offset)),
                        ("height", &format!("{:.3}", drag.now.height)),
                    ],
                );
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

    /// The edit panel: what is picked, the keys, the last outcome.
    pub fn panel<'a>(&'a self, picked: Option<&'a str>, words: &'a UiText) -> Option<EditPanel<'a>> {
        self.on.then_some(EditPanel {
            file: self.editor.path().file_name().map_or_else(
                || self.editor.path().display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            picked,
            modified: self.editor.is_modified(),
            status: self.status.as_ref(),
            words,
        })
    }
}

/// The action of a key going down in edit mode, with Ctrl and Shift held or not.
fn action(key: ViewerKey, ctrl: bool, shift: bool) -> Option<Action> {
    let step = if shift { FINE_STEP } else { MOVE_STEP };
    match (key, ctrl) {
        (ViewerKey::S, true) => Some(Action::Save),
        (ViewerKey::Z, true) if shift => Some(Action::Redo),
        (ViewerKey::Z, true) => Some(Action::Undo),
        (ViewerKey::Left, false) => Some(Action::Move(-step)),
        (ViewerKey::Right, false) => Some(Action::Move(step)),
        _ => None,
    }
}

/// What edit mode makes of a key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum KeyUse {
    /// Not an edit key: the viewer handles it as ever.
    Passed,
    /// Taken by edit mode, with nothing more to do.
    Taken,
    /// Taken: do this (see [`Editing::perform`]).
    Act(Action),
}

impl Editing {
    /// What a key going down (or up) means in edit mode. Shift is noted and passed on
    /// (it still makes the visitor run), and so is every release but Ctrl's.
    pub fn key(&mut self, key: ViewerKey, down: bool) -> KeyUse {
        match key {
            ViewerKey::Ctrl => {
                self.ctrl = down;
                return KeyUse::Taken;
            }
            ViewerKey::Shift => {
                self.shift = down;
                return KeyUse::Passed;
            }
            ViewerKey::E => {
                if down {
                    self.on = !self.on;
                    log::info!("viewer: edit mode {}", if self.on { "on" } else { "off" });
                }
                return KeyUse::Taken;
            }
            _ => {}
        }
        // Releases pass on: a key held before Ctrl must still be let go of.
        if !self.on || !down {
            return KeyUse::Passed;
        }
        match action(key, self.ctrl, self.shift) {
            Some(action) => KeyUse::Act(action),
            // With Ctrl held no key walks or toggles anything.
            None if self.ctrl => KeyUse::Taken,
            None => KeyUse::Passed,
        }
    }

    /// Does what a key asked, on `picked` (see [`picked_artwork`]), and notes the
    /// outcome for the edit panel.
    pub fn perform(&mut self, action: Action, picked: Result<(String, Vec2), &str>, words: &UiText) {
        let editor = &mut self.editor;
        let outcome = match action {
            Action::Move(metres) => {
                let (id, right) = match picked {
                    Ok(target) => target,
                    Err(key) => {
                        self.status = Some(Status::Refused(words.get(key).to_owned()));
                        return;
                    }
                };
                editor
                    .select(&id)
                    .and_then(|item| {
                        // Right as seen from the room is along the wall or against it.
                        let along = editor.wall_direction(item).map_or(1.0, |d| d.dot(right).signum());
                        editor.move_along_wall(item, metres * along)
                    })
                    .map(|()| {
                        Some(words.fill("edit.moved", &[("id", &id), ("metres", &format!("{metres:+}"))]))
                    })
            }
            Action::Undo => editor
                .undo()
                .map(|undone| undone.map(|what| words.fill("edit.undone", &[("edit", &what)]))),
            Action::Redo => editor
                .redo()
                .map(|redone| redone.map(|what| words.fill("edit.redone", &[("edit", &what)]))),
            Action::Save => editor.save().map(|()| Some(words.get("edit.saved").to_owned())),
        };
        match outcome {
            Ok(Some(done)) => {
                log::info!("viewer: {done}");
                self.changed |= action != Action::Save;
                self.status = Some(Status::Done(done));
            }
            Ok(None) => self.status = Some(Status::Done(words.get("edit.nothing").to_owned())),
            Err(error) => {
                log::warn!("viewer: {error}");
                self.status = Some(Status::Refused(error.to_string()));
            }
        }
    }
}

/// The id of a picked exhibit when it is an artwork, with the direction `(x, z)` to a
/// visitor's right as they face it; else the key of the words that say why not.
pub(super) fn picked_artwork(exhibit: Option<&Exhibit>) -> Result<(String, Vec2), &'static str> {
    let exhibit = exhibit.ok_or("edit.pick_first")?;
    match exhibit.surface {
        ExhibitSurface::Canvas { right, .. } => Ok((exhibit.id.clone(), Vec2::new(right.x, right.z))),
        ExhibitSurface::Object { .. } => Err("edit.not_on_a_wall"),
    }
}

/// What the edit panel shows.
pub(super) struct EditPanel<'a> {
    file: String,
    picked: Option<&'a str>,
    modified: bool,
    status: Option<&'a Status>,
    words: &'a UiText,
}

impl EditPanel<'_> {
    /// Draws the panel at the top centre of `room`.
    pub fn show(&self, ctx: &egui::Context, room: egui::Rect) {
        let words = self.words;
        egui::Area::new(egui::Id::unique("edit-panel"))
            .pivot(egui::Align2::CENTER_TOP)
            .fixed_pos(room.center_top() + egui::vec2(0.0, 8.0))
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style())
                    .fill(egui::Color32::from_black_alpha(200))
                    .show(ui, |ui| {
                        ui.set_max_width((room.width() - 32.0).clamp(120.0, 560.0));
                        let state = if self.modified {
                            "edit.unsaved"
                        } else {
                            "edit.saved_state"
                        };
                        ui.strong(words.fill("edit.title", &[("file", &self.file)]));
                        ui.label(words.get(state));
                        match self.picked {
                            Some(id) => ui.label(words.fill("edit.picked", &[("id", id)])),
                            None => ui.label(words.get("edit.pick_first")),
                        };
                        ui.label(
                            egui::RichText::new(words.get("edit.keys"))
                                .size(12.0)
                                .color(egui::Color32::from_gray(200)),
                        );
                        match self.status {
                            Some(Status::Done(text)) => {
                                ui.colored_label(egui::Color32::from_rgb(150, 220, 150), text);
                            }
                            Some(Status::Refused(text)) => {
                                ui.colored_label(egui::Color32::from_rgb(255, 120, 110), text);
                            }
                            None => {}
                        }
                    });
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}

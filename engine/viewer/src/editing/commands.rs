//! Edit mode's keys and the actions they (and the panel's buttons) ask for: undo, redo,
//! save, and moving, turning, deleting or copying the picked exhibit.

use super::{DUPLICATE_GAP, Editing, FINE_STEP, MOVE_STEP};
use crate::edit_actions::{Action, Status};
use crate::floor_drag::{ROTATION_STEP_DEGREES, heading_field};
use crate::keys::ViewerKey;
use crate::light_fields::INTENSITY_STEP;
use crate::ui_text::UiText;
use museion_scene::glam::Vec2;
use museion_venue::toml_edit::Value;
use museion_venue::{EditError, Exhibit, ExhibitSurface, ItemRef, VenueEditor};

/// The action of a key going down in edit mode, with Ctrl and Shift held or not.
pub(super) fn action(key: ViewerKey, ctrl: bool, shift: bool) -> Option<Action> {
    let step = if shift { FINE_STEP } else { MOVE_STEP };
    match (key, ctrl) {
        (ViewerKey::S, true) => Some(Action::Save),
        (ViewerKey::Z, true) if shift => Some(Action::Redo),
        (ViewerKey::Z, true) => Some(Action::Undo),
        (ViewerKey::D, true) => Some(Action::Duplicate),
        (ViewerKey::Left, false) => Some(Action::Move(-step)),
        (ViewerKey::Right, false) => Some(Action::Move(step)),
        (ViewerKey::Up, false) => Some(Action::Ahead(step)),
        (ViewerKey::Down, false) => Some(Action::Ahead(-step)),
        (ViewerKey::Delete, false) => Some(Action::Delete),
        (ViewerKey::R, false) => Some(Action::Turn(if shift { -1 } else { 1 })),
        (ViewerKey::BracketLeft, false) => Some(Action::Scale(-1)),
        (ViewerKey::BracketRight, false) => Some(Action::Scale(1)),
        (ViewerKey::Plus, false) => Some(Action::Light(true)),
        (ViewerKey::Minus, false) => Some(Action::Light(false)),
        _ => None,
    }
}

/// How much one step of [`Action::Scale`] changes an exhibit's size: a tenth.
pub(crate) const SCALE_STEP: f64 = 1.1;

/// The size field an exhibit scales by and its value after `steps` scale steps,
/// rounded to the millimetre (or the thousandth): an artwork's `width`; a model's
/// `height` where the file gives one, else its `scale` (1 when the file gives none).
pub(super) fn scaled_size(
    editor: &VenueEditor,
    item: ItemRef,
    on_a_wall: bool,
    steps: i32,
) -> (&'static str, f64) {
    let field = if on_a_wall {
        "width"
    } else if editor.number(item, "height").is_some() {
        "height"
    } else {
        "scale"
    };
    let now = editor.number(item, field).unwrap_or(1.0);
    let value = (now * SCALE_STEP.powi(steps) * 1000.0).round() / 1000.0;
    (field, value.max(0.001))
}

/// What edit mode makes of a key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum KeyUse {
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

    /// Does what a key or button asked, on the `picked` exhibit (see [`Picked`]), and
    /// notes the outcome for the edit panel.
    pub fn perform(&mut self, action: Action, picked: Option<Picked>, words: &UiText) {
        let outcome = match action {
            Action::Undo => self
                .editor
                .undo()
                .map(|undone| undone.map(|what| words.fill("edit.undone", &[("edit", &what)])))
                .map_err(Refusal::from),
            Action::Redo => self
                .editor
                .redo()
                .map(|redone| redone.map(|what| words.fill("edit.redone", &[("edit", &what)])))
                .map_err(Refusal::from),
            Action::Save => match self.editor.changed_on_disk() {
                // Someone else saved the file meanwhile: ask before throwing that away.
                Ok(true) => {
                    self.asking = true;
                    let question = words.get("edit.changed_on_disk").to_owned();
                    log::warn!("viewer: {question}");
                    self.status = Some(Status::Refused(question));
                    return;
                }
                _ => self
                    .editor
                    .save()
                    .map(|()| Some(words.get("edit.saved").to_owned()))
                    .map_err(Refusal::from),
            },
            Action::Light(brighter) => {
                let factor = if brighter {
                    INTENSITY_STEP
                } else {
                    1.0 / INTENSITY_STEP
                };
                match self.light.as_ref().and_then(|light| light.scaled(factor)) {
                    Some(edit) => self.set_light(&edit, words),
                    None => self.status = Some(Status::Refused(words.get("edit.choose_light").to_owned())),
                }
                return;
            }
            _ => match picked {
                Some(picked) => self.change_picked(action, &picked, words),
                None => {
                    self.status = Some(Status::Refused(words.get("edit.pick_first").to_owned()));
                    return;
                }
            },
        };
        match outcome {
            Ok(Some(done)) => {
                log::info!("viewer: {done}");
                self.changed |= action != Action::Save;
                self.status = Some(Status::Done(done));
            }
            Ok(None) => self.status = Some(Status::Done(words.get("edit.nothing").to_owned())),
            Err(Refusal(why)) => {
                log::warn!("viewer: {why}");
                self.status = Some(Status::Refused(why));
            }
        }
    }

    /// Moves, turns, deletes or copies the picked exhibit; the words of what was done.
    /// An action the exhibit does not take (turning an artwork) is refused with the
    /// words that say why, as an edit error would be.
    fn change_picked(
        &mut self,
        action: Action,
        picked: &Picked,
        words: &UiText,
    ) -> Result<Option<String>, Refusal> {
        let editor = &mut self.editor;
        let item = editor.select(&picked.id)?;
        let refuse = |key: &str| Refusal(words.get(key).to_owned());
        let id = picked.id.as_str();
        match action {
            Action::Move(metres) => {
                let right = picked.right.ok_or_else(|| refuse("edit.not_on_a_wall"))?;
                // Right as seen from the room is along the wall or against it.
                let along = editor.wall_direction(item).map_or(1.0, |d| d.dot(right).signum());
                editor.move_along_wall(item, metres * along)?;
                Ok(Some(words.fill(
                    "edit.moved",
                    &[("id", id), ("metres", &format!("{metres:+}"))],
                )))
            }
            Action::Turn(steps) => {
                if picked.right.is_some() {
                    return Err(refuse("edit.turn_models_only"));
                }
                let yaw = editor.number(item, "rotation[1]").map(|v| v as f32);
                let degrees = steps as f32 * ROTATION_STEP_DEGREES;
                let (field, value) = heading_field(yaw, degrees);
                editor.set_values(item, &[(field, value)])?;
                Ok(Some(words.fill(
                    "edit.turned",
                    &[("id", id), ("degrees", &format!("{degrees:+}"))],
                )))
            }
            Action::Scale(steps) => {
                let (field, value) = scaled_size(editor, item, picked.right.is_some(), steps);
                editor.set_values(item, &[(field, value.into())])?;
                Ok(Some(words.fill(
                    "edit.scaled",
                    &[("id", id), ("field", field), ("value", &format!("{value}"))],
                )))
            }
            Action::Pedestal(on) => {
                if picked.right.is_some() {
                    return Err(refuse("edit.pedestal_models_only"));
                }
                if on {
                    editor.set_values(item, &[("pedestal", Value::from(true))])?;
                } else {
                    editor.remove_field(item, "pedestal")?;
                }
                let done = if on {
                    "edit.pedestal_on"
                } else {
                    "edit.pedestal_off"
                };
                Ok(Some(words.fill(done, &[("id", id)])))
            }
            Action::Delete => {
                editor.delete(item)?;
                Ok(Some(words.fill("edit.deleted", &[("id", id)])))
            }
            Action::Duplicate => {
                let copy = editor.duplicate(item, None)?;
                let copy_id = editor.name(copy);
                if move_aside(editor, copy, picked) {
                    editor.join_last(2, &format!("duplicate {id} as {copy_id} beside it"));
                }
                self.focus = Some(copy_id.clone());
                Ok(Some(
                    words.fill("edit.duplicated", &[("id", id), ("copy", &copy_id)]),
                ))
            }
            Action::Ahead(_) => Err(refuse("edit.markers_only")),
            Action::Undo | Action::Redo | Action::Save | Action::Light(_) => Ok(None),
        }
    }

    /// The exhibit to pick once the edited venue is shown (a copy just made), once.
    pub fn take_focus(&mut self) -> Option<String> {
        self.focus.take()
    }
}

/// Why an action was refused: the compiler's or the editor's message, or the viewer's
/// words.
struct Refusal(String);

impl From<EditError> for Refusal {
    fn from(error: EditError) -> Self {
        Self(error.to_string())
    }
}

/// Moves a copy of `picked` aside so that both are seen: an artwork along its wall by
/// its width and a gap, to the right or else the left; a model by its width and a gap
/// along x. Returns whether it moved (the copy stays on its original where it cannot).
fn move_aside(editor: &mut VenueEditor, copy: ItemRef, picked: &Picked) -> bool {
    let step = picked.width + DUPLICATE_GAP;
    if picked.right.is_some() {
        return [step, -step]
            .into_iter()
            .any(|metres| editor.move_along_wall(copy, metres).is_ok());
    }
    let Some(x) = editor.number(copy, "position[0]") else {
        return false;
    };
    let moved = |x: f64| ((x * 1000.0).round() / 1000.0).into();
    [1.0, -1.0].into_iter().any(|side| {
        editor
            .set_values(copy, &[("position[0]", moved(x + side * f64::from(step)))])
            .is_ok()
    })
}

/// An exhibit picked for editing: its id, for an artwork the direction `(x, z)` to a
/// visitor's right as they face it, and its width (along the wall for an artwork, along
/// x for a model), metres.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Picked {
    pub id: String,
    pub right: Option<Vec2>,
    pub width: f32,
}

/// The picked exhibit as edit mode needs it.
pub(crate) fn picked(exhibit: Option<&Exhibit>) -> Option<Picked> {
    let exhibit = exhibit?;
    let size = exhibit.bounds.max - exhibit.bounds.min;
    let (right, width) = match exhibit.surface {
        ExhibitSurface::Canvas { right, .. } => (
            Some(Vec2::new(right.x, right.z)),
            right.x.abs() * size.x + right.z.abs() * size.z,
        ),
        ExhibitSurface::Object { .. } => (None, size.x),
    };
    Some(Picked {
        id: exhibit.id.clone(),
        right,
        width,
    })
}

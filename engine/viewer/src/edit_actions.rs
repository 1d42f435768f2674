//! What edit mode is asked to do and what came of it: the actions of keys and buttons,
//! the answers to a save over a file changed on disk, the edit panel's requests, and the
//! outcome shown in the panel. (Shared by `editing.rs` and `edit_panel.rs`.)

use super::label_fields::LabelEdit;
use super::light_fields::LightEdit;
use super::place_fields::PlaceEdit;

/// The outcome of the last edit, for the edit panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Status {
    /// Done: what was done, in the viewer's words.
    Done(String),
    /// Refused or failed: why (the compiler's message for a refused edit).
    Refused(String),
}

/// What a key asks of the editor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Action {
    /// Move the picked artwork along its wall, metres to the right as seen from the room
    /// (or the item selected by its marker, to the right as seen from the camera).
    Move(f32),
    /// Move the item selected by its marker, metres away from the camera.
    Ahead(f32),
    /// Turn the picked model by this many rotation steps (counter-clockwise from above).
    Turn(i32),
    /// Scale the picked exhibit by this many steps (an artwork's width, a model's
    /// scale or height; negative: smaller).
    Scale(i32),
    /// Delete the picked exhibit.
    Delete,
    /// Stand the picked model on a pedestal (`pedestal = true`) or take its pedestal
    /// away (the key removed).
    Pedestal(bool),
    /// Copy the picked exhibit beside itself.
    Duplicate,
    /// Brighten (`true`) or dim the light chosen in the panel by a third of a stop.
    Light(bool),
    Undo,
    Redo,
    Save,
}

/// How to save over a file changed on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SaveAnswer {
    /// Write the edits over it (the other changes are lost).
    Overwrite,
    /// Take the file as it is now (the unsaved edits are lost).
    Reload,
    /// Neither, for now.
    Cancel,
}

/// What the edit panel asks for.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum PanelRequest {
    /// A button's action.
    Act(Action),
    /// A label field committed.
    Label(LabelEdit),
    /// Add an exhibit from the file at this path (typed in the panel).
    AddFile(String),
    /// The answer to a save over a file changed on disk.
    Answer(SaveAnswer),
    /// Edit this light of the file's (`None`: none).
    ChooseLight(Option<usize>),
    /// Set these fields of a light.
    Light(LightEdit),
    /// Aim this light of the file's at the picked exhibit.
    AimLight(usize),
    /// Set these fields of a spawn or tour stop.
    Place(PlaceEdit),
}

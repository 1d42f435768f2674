//! The viewer's keys handed to edit mode: what `Editing::key` takes does nothing else,
//! and what it asks for is done on the picked exhibit (R and Shift+R turn a model being
//! dragged, and the arrows move a light, spawn or tour stop selected by its marker). The
//! edit panel's buttons ask through the same door.

use super::app::App;
use super::edit_actions::Action;
use super::editing::{KeyUse, picked};
use super::keys::ViewerKey;
use super::markers::nudge_offset;

impl App {
    /// Gives a key to edit mode first; returns whether edit mode took it.
    pub(super) fn edit_key(&mut self, key: ViewerKey, down: bool) -> bool {
        let Some(editing) = self.editing.as_mut() else {
            return false;
        };
        match editing.key(key, down) {
            KeyUse::Passed => false,
            KeyUse::Taken => true,
            KeyUse::Act(action) => {
                self.edit_action(action);
                true
            }
        }
    }

    /// Does an edit action on the picked exhibit; a turn while a model is dragged turns
    /// the dragged model; the arrows move an item selected by its marker, along the world
    /// axes nearest the view's right and forward.
    pub(super) fn edit_action(&mut self, action: Action) {
        let picked = picked(self.selected_exhibit());
        let camera = self.camera();
        let Some(editing) = &mut self.editing else {
            return;
        };
        let nudge = match action {
            Action::Move(metres) => Some((metres, 0.0)),
            Action::Ahead(metres) => Some((0.0, metres)),
            _ => None,
        };
        if let (Some((right, ahead)), Some(_)) = (nudge, editing.marked()) {
            editing.nudge_marked(nudge_offset(&camera, right, ahead), &self.words);
            return;
        }
        if let Action::Turn(steps) = action
            && editing.turn_drag(&mut self.session.venue.scene, steps)
        {
            return;
        }
        editing.perform(action, picked, &self.words);
    }
}

//! The viewer's keys handed to edit mode: what `Editing::key` takes does nothing else,
//! and what it asks for is done on the picked exhibit.

use super::app::App;
use super::editing::{KeyUse, picked_artwork};
use super::keys::ViewerKey;

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
                let picked = picked_artwork(self.selected_exhibit());
                if let Some(editing) = &mut self.editing {
                    editing.perform(action, picked, &self.words);
                }
                true
            }
        }
    }
}

//! The file's hand-placed lights edited through the panel's Lights section: the light
//! chosen, its fields set, and its target aimed at a point.

use super::Editing;
use crate::light_fields::{LightEdit, light_item, target_value};
use crate::markers::Place;
use crate::ui_text::UiText;
use museion_scene::glam::Vec3;
use museion_venue::CompiledVenue;

impl Editing {
    /// Chooses the light the panel edits (`None`: none). A light marked in the view
    /// gives way to the one chosen, so that the arrows move the light the panel shows.
    pub fn choose_light(&mut self, index: Option<usize>) {
        self.chosen_light = index;
        self.light = None;
        if let Some(Place::Light(_)) = self.marked {
            self.marked = index.map(Place::Light);
        }
    }

    /// Sets the fields of a light the panel changed, as one edit.
    pub fn set_light(&mut self, edit: &LightEdit, words: &UiText) {
        let Some(item) = light_item(&self.editor, edit.index) else {
            return;
        };
        let name = self.editor.name(item);
        let outcome = self.editor.set_values(item, &edit.values());
        self.note(outcome.map(|()| words.fill("edit.light_set", &[("light", &name)])));
    }

    /// Aims light `index` of the file at `point` (world space: the picked exhibit's
    /// centre), as one edit of its `target`; the room it names, in the shown `venue`,
    /// gives the floor its target's height is measured from.
    pub fn aim_light(&mut self, index: usize, point: Vec3, venue: &CompiledVenue, words: &UiText) {
        let Some(item) = light_item(&self.editor, index) else {
            return;
        };
        let elevation = self
            .editor
            .string(item, "room")
            .and_then(|room| venue.rooms.iter().find(|r| r.id == room))
            .map(|room| room.elevation);
        let name = self.editor.name(item);
        let outcome = self
            .editor
            .set_values(item, &[("target", target_value(point, elevation))]);
        self.note(outcome.map(|()| words.fill("edit.light_set", &[("light", &name)])));
    }
}

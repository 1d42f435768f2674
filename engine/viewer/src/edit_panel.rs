//! The edit panel at the top of the window in edit mode (below the statistics where
//! they would be under it): the file, whether edits are
//! unsaved, the picked exhibit with its Duplicate and Delete buttons and its label's
//! fields, the light, spawn or tour stop selected by its marker with a spawn's or stop's
//! fields, adding a file by its path, the question a save over a file changed on disk
//! asks, the keys, and the last outcome.

use super::edit_actions::{Action, PanelRequest, SaveAnswer, Status};
use super::label_fields::LabelDraft;
use super::light_fields::{LightDraft, show_choice};
use super::markers::Place;
use super::panel_places;
use super::place_fields::PlaceDraft;
use super::ui_text::UiText;
use museion_venue::VenueEditor;

/// What the edit panel shows.
pub(super) struct EditPanel<'a> {
    /// The venue file's name.
    pub file: String,
    /// The picked exhibit's id.
    pub picked: Option<&'a str>,
    /// Whether the picked exhibit, a model, stands on a pedestal (`None`: an artwork).
    pub pedestal: Option<bool>,
    /// Its label's fields.
    pub label: Option<&'a mut LabelDraft>,
    /// The path typed to add a file (`None`: the field is closed).
    pub add_path: &'a mut Option<String>,
    /// Whether a save over a file changed on disk waits for an answer.
    pub asking: bool,
    /// The file open for editing (to list its lights).
    pub editor: &'a VenueEditor,
    /// The light chosen to edit, and its values.
    pub chosen_light: Option<usize>,
    pub light: Option<&'a mut LightDraft>,
    /// The item selected by its marker, and a spawn's or stop's fields.
    pub marked: Option<Place>,
    pub place: Option<&'a mut PlaceDraft>,
    /// Open the Lights section now (a light's marker was clicked).
    pub reveal_lights: bool,
    /// Whether there are unsaved edits.
    pub modified: bool,
    /// The last outcome.
    pub status: Option<&'a Status>,
    pub words: &'a UiText,
}

/// The space kept between the panel and the window's edges or the boxes above it,
/// points.
const GAP: f32 = 8.0;

/// What the panel's frame adds around its contents (margins and stroke), points.
const FRAME: f32 = 16.0;

/// The least height of contents worth moving the panel below the boxes in the top-left
/// corner for, points: in a window too low for that, it stays at the top over them.
const LEAST_HEIGHT: f32 = 120.0;

/// The width of the panel's contents in `room`, points.
fn contents_width(room: egui::Rect) -> f32 {
    (room.width() - 32.0).clamp(120.0, 560.0)
}

/// Where the top of a panel `width` points wide (frame included), centred in `room`,
/// goes: below `corner` (the statistics and the lux legend in the top-left corner), when
/// they reach under it and at least [`LEAST_HEIGHT`] is left below them; else at the
/// top of the room.
pub(super) fn panel_top(room: egui::Rect, width: f32, corner: Option<egui::Rect>) -> f32 {
    let top = room.top() + GAP;
    let left = room.center().x - width / 2.0;
    match corner {
        Some(corner)
            if corner.right() + GAP > left
                && corner.bottom() + GAP + FRAME + LEAST_HEIGHT <= room.bottom() - GAP =>
        {
            (corner.bottom() + GAP).max(top)
        }
        _ => top,
    }
}

impl EditPanel<'_> {
    /// Draws the panel at the top centre of `room`, below `corner` (the boxes in the
    /// top-left corner, see [`panel_top`]), its contents scrolling when taller than the
    /// room left; returns what a button clicked or a label field committed asks for.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        room: egui::Rect,
        corner: Option<egui::Rect>,
    ) -> Option<PanelRequest> {
        let words = self.words;
        let mut clicked = None;
        let mut label_edit = None;
        let width = contents_width(room);
        let top = panel_top(room, width + FRAME, corner);
        let height = (room.bottom() - GAP - FRAME - top).max(LEAST_HEIGHT);
        egui::Area::new(egui::Id::unique("edit-panel"))
            .pivot(egui::Align2::CENTER_TOP)
            .fixed_pos(egui::pos2(room.center().x, top))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style())
                    .fill(egui::Color32::from_black_alpha(200))
                    .show(ui, |ui| {
                        ui.set_max_width(width);
                        // An area's contents may only grow as far as its last size unless
                        // told: this lets the scrolling part grow back when the panel does.
                        ui.set_max_height(height);
                        egui::ScrollArea::vertical()
                            .id_salt("edit-panel-scroll")
                            .max_height(height)
                            .show(ui, |ui| {
                                let state = if self.modified {
                                    "edit.unsaved"
                                } else {
                                    "edit.saved_state"
                                };
                                ui.strong(words.fill("edit.title", &[("file", &self.file)]));
                                ui.label(words.get(state));
                                match self.picked {
                                    Some(id) => {
                                        ui.horizontal(|ui| {
                                            ui.label(words.fill("edit.picked", &[("id", id)]));
                                            if ui.button(words.get("edit.duplicate_button")).clicked() {
                                                clicked = Some(PanelRequest::Act(Action::Duplicate));
                                            }
                                            if ui.button(words.get("edit.delete_button")).clicked() {
                                                clicked = Some(PanelRequest::Act(Action::Delete));
                                            }
                                        });
                                        if let Some(on) = self.pedestal {
                                            let mut wanted = on;
                                            let response =
                                                ui.checkbox(&mut wanted, words.get("edit.pedestal"));
                                            panel_places::note(ui.ctx(), "pedestal", response.rect);
                                            if wanted != on {
                                                clicked = Some(PanelRequest::Act(Action::Pedestal(wanted)));
                                            }
                                        }
                                    }
                                    None => {
                                        ui.label(words.get("edit.pick_first"));
                                    }
                                };
                                if let Some(request) = self.show_marked(ui) {
                                    clicked = Some(request);
                                }
                                if let Some(label) = self.label.as_deref_mut() {
                                    label_edit = label.show(ui, words);
                                }
                                if let Some(request) = show_add_field(ui, self.add_path, words) {
                                    clicked = Some(request);
                                }
                                if let Some(request) = self.show_lights(ui) {
                                    clicked = Some(request);
                                }
                                ui.label(
                                    egui::RichText::new(words.get("edit.keys"))
                                        .size(12.0)
                                        .color(egui::Color32::from_gray(200)),
                                );
                                if self.asking
                                    && let Some(answer) = show_save_question(ui, words)
                                {
                                    clicked = Some(PanelRequest::Answer(answer));
                                }
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
            });
        clicked.or(label_edit.map(PanelRequest::Label))
    }
}

impl EditPanel<'_> {
    /// The lights section (closed until clicked, absent when the file has no
    /// `[[lights]]`): the choice of a light and its values.
    fn show_lights(&mut self, ui: &mut egui::Ui) -> Option<PanelRequest> {
        if self.editor.count(museion_venue::ItemKind::Light) == 0 {
            return None;
        }
        let words = self.words;
        let mut request = None;
        egui::CollapsingHeader::new(words.get("edit.lights"))
            .id_salt("edit-lights")
            .default_open(self.chosen_light.is_some())
            .open(self.reveal_lights.then_some(true))
            .show(ui, |ui| {
                if let Some(choice) = show_choice(ui, self.editor, self.chosen_light, words) {
                    request = Some(PanelRequest::ChooseLight(choice));
                }
                if let Some(light) = self.light.as_deref_mut() {
                    if let Some(edit) = light.show(ui, words) {
                        request = Some(PanelRequest::Light(edit));
                    }
                    if let Some(id) = self.picked
                        && light.kind != "point"
                        && ui.button(words.fill("edit.light_aim", &[("id", id)])).clicked()
                    {
                        request = Some(PanelRequest::AimLight(light.index));
                    }
                }
            });
        request
    }
}

impl EditPanel<'_> {
    /// The item selected by its marker, named, with a spawn's or stop's fields.
    fn show_marked(&mut self, ui: &mut egui::Ui) -> Option<PanelRequest> {
        let place = self.marked?;
        ui.label(self.words.fill("edit.marked", &[("item", &place.selector())]));
        let edit = self.place.as_deref_mut()?.show(ui, self.words)?;
        Some(PanelRequest::Place(edit))
    }
}

/// The panel's "add a file" button, and once clicked the path field; returns the path
/// to add when it is confirmed (the Add button, or Enter).
fn show_add_field(ui: &mut egui::Ui, path: &mut Option<String>, words: &UiText) -> Option<PanelRequest> {
    let Some(text) = path else {
        if ui.button(words.get("edit.add_button")).clicked() {
            *path = Some(String::new());
        }
        return None;
    };
    let mut request = None;
    let mut cancelled = false;
    ui.label(egui::RichText::new(words.get("edit.add_hint")).size(12.0));
    ui.horizontal(|ui| {
        let field = ui.add(egui::TextEdit::singleline(text).desired_width(260.0));
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(words.get("edit.add_confirm")).clicked() || entered) && !text.trim().is_empty() {
            request = Some(PanelRequest::AddFile(text.clone()));
        }
        cancelled = ui.button(words.get("edit.add_cancel")).clicked();
    });
    if cancelled {
        *path = None;
        return None;
    }
    request
}

/// The three answers to a save over a file changed on disk, as buttons.
fn show_save_question(ui: &mut egui::Ui, words: &UiText) -> Option<SaveAnswer> {
    let mut answer = None;
    ui.horizontal(|ui| {
        for (key, choice) in [
            ("edit.overwrite", SaveAnswer::Overwrite),
            ("edit.reload", SaveAnswer::Reload),
            ("edit.cancel", SaveAnswer::Cancel),
        ] {
            if ui.button(words.get(key)).clicked() {
                answer = Some(choice);
            }
        }
    });
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(left: f32, top: f32, right: f32, bottom: f32) -> egui::Rect {
        egui::Rect::from_min_max(egui::pos2(left, top), egui::pos2(right, bottom))
    }

    #[test]
    fn the_panel_goes_below_the_statistics_it_would_cover_and_stays_up_when_it_would_not() {
        // 1280 × 720 less the key hints' band; the statistics of a CPU adapter reach
        // 600 points across, under the panel's 576.
        let room = rect(0.0, 0.0, 1280.0, 690.0);
        let width = contents_width(room) + FRAME;
        let stats = rect(8.0, 8.0, 600.0, 150.0);
        let top = panel_top(room, width, Some(stats));
        assert_eq!(top, 158.0);
        let panel = egui::Rect::from_min_size(egui::pos2(640.0 - width / 2.0, top), egui::vec2(width, 400.0));
        assert!(!panel.intersects(stats));
        // Narrow statistics leave the panel at the top, as does no box at all.
        assert_eq!(panel_top(room, width, Some(rect(8.0, 8.0, 300.0, 150.0))), 8.0);
        assert_eq!(panel_top(room, width, None), 8.0);
        // 800 × 600 and 640 × 480: below them too.
        for (w, h) in [(800.0, 570.0), (640.0, 450.0)] {
            let room = rect(0.0, 0.0, w, h);
            assert_eq!(panel_top(room, contents_width(room) + FRAME, Some(stats)), 158.0);
        }
        // A window too low for the panel below them: it stays at the top.
        let low = rect(0.0, 0.0, 160.0, 96.0);
        assert_eq!(panel_top(low, contents_width(low) + FRAME, Some(stats)), 8.0);
    }
}
